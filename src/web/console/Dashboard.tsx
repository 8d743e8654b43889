/**
 * An election's dashboard: where it stands, the next step with its button (each step confirmed first,
 * saying what it will do), the trustees (who has done what, a reminder each), the members and the
 * electorate, live turnout, the result, the practice election, and the exports; while the election is
 * ready or open, whether the server opens and closes voting by itself at the definition's times. While
 * something is happening elsewhere (the ceremony, voting, the decryption, a scheduled opening) it
 * refreshes itself.
 *
 * Two organisers acting at once, or a double click, cannot do a step twice: the server moves the
 * election by compare-and-set and refuses the second with `out-of-phase` or `wrong-status`. The
 * dashboard then reloads and says plainly that nothing was done because the step had already been done
 * (for example "voting is already closed").
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VerificationReport } from '../../verifier/report.ts';
import { Busy, downloadText, Heading, Problem } from '../common.tsx';
import { type Messages, useT } from '../i18n/index.ts';
import { ConfirmDialog, type Question } from './Confirm.tsx';
import {
  consoleApi,
  consoleProblem,
  type ElectionView,
  isLoggedOut,
  isStale,
  links,
  rank,
  type Schedule,
  type StepName,
  type TrusteeView,
} from './console-api.ts';
import { CheckField, TextField } from './fields.tsx';
import { consoleHref, Link, useConsole } from './nav.tsx';
import { BallotPreview } from './Preview.tsx';
import { TurnoutPanel } from './Turnout.tsx';

const POLL_MS = 3000;
/** The states in which others (trustees, voters) change the election: the dashboard follows them. */
const LIVE = new Set(['key-ceremony', 'open', 'tallying']);

type DashboardTexts = Messages['console']['dashboard'];

/** An action waiting for the organiser's confirmation. */
interface Pending {
  readonly question: Question;
  readonly run: () => Promise<unknown>;
  /** Said when it is done. */
  readonly done: string;
  /** True when a refusal was because it had been done already (by someone else, or a second click). */
  readonly already?: (view: ElectionView) => boolean;
  readonly alreadyText?: string;
}

type Outcome = { readonly ok: boolean; readonly text: string };

/** A time as the organiser reads it, in the page's language and the browser's time zone. */
function formatTime(lang: string, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** The schedule in words: what the server will do by itself (opening only while not yet open). */
function scheduleWords(d: DashboardTexts, lang: string, v: ElectionView, s: Schedule): string {
  const opening =
    v.status === 'ready' ? (s.open ? d.willOpen(formatTime(lang, v.definition.opensAt)) : d.wontOpen) : '';
  const closing = s.close ? d.willClose(formatTime(lang, v.definition.closesAt)) : d.wontClose;
  return opening ? `${opening} ${closing}` : closing;
}

/** The next lifecycle step of an election, if it is the organiser's to take now. */
function nextStep(v: ElectionView): StepName | undefined {
  switch (v.status) {
    case 'draft':
      return 'setup';
    case 'key-ceremony':
      return !v.electionKey && v.trustees.every((x) => x.dealing) ? 'finish' : undefined;
    case 'ready':
      return 'open';
    case 'open':
      return 'close';
    case 'closed':
      return 'tally';
    case 'tallying':
      if (v.definition.practice) return 'practice-publish';
      return v.trustees.filter((x) => x.share).length >= v.definition.threshold ? 'publish' : undefined;
    default:
      return undefined;
  }
}

/** True once a step has been done, whoever did it. */
function stepDone(step: StepName, v: ElectionView): boolean {
  switch (step) {
    case 'setup':
      return rank(v.status) >= rank('key-ceremony');
    case 'finish':
      return v.electionKey;
    case 'open':
      return rank(v.status) >= rank('open');
    case 'close':
      return rank(v.status) >= rank('closed');
    case 'tally':
      return rank(v.status) >= rank('tallying');
    case 'publish':
    case 'practice-publish':
      return v.status === 'published';
  }
}

/** What the organiser is waiting for, when the next step is not theirs. */
function waiting(d: DashboardTexts, v: ElectionView): string | undefined {
  const n = v.trustees.length;
  if (v.status === 'draft' && v.trustees.some((x) => !x.email)) return d.needEmails;
  if (v.status === 'key-ceremony' && !v.electionKey)
    return d.waitCeremony(
      v.trustees.filter((x) => x.identity).length,
      v.trustees.filter((x) => x.dealing).length,
      n,
    );
  if (v.status === 'key-ceremony' && !v.electorate) return d.waitElectorate;
  if (v.status === 'tallying' && !v.definition.practice)
    return d.waitShares(v.trustees.filter((x) => x.share).length, v.definition.threshold);
  if (v.status === 'published') return d.finished;
  return undefined;
}

export function Dashboard({ electionId }: { electionId: string }) {
  const t = useT();
  const d = t.console.dashboard;
  const { loggedOut } = useConsole();
  const [view, setView] = useState<ElectionView>();
  const [loadProblem, setLoadProblem] = useState<unknown>();
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const outcomeRef = useRef<HTMLDivElement>(null);

  const load = async (): Promise<ElectionView | undefined> => {
    try {
      const next = await consoleApi.election(electionId);
      setView(next);
      setLoadProblem(undefined);
      return next;
    } catch (e) {
      if (isLoggedOut(e)) loggedOut();
      else setLoadProblem(e);
      return undefined;
    }
  };
  useEffect(() => {
    void load();
  }, []);
  // While trustees or voters act, follow them: one request at a time, the next after each answer.
  useEffect(() => {
    // A scheduled opening happens on the server: follow it as well.
    const live = view && (LIVE.has(view.status) || (view.status === 'ready' && view.schedule.open));
    if (!live || busy) return;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [view, busy]);

  const act = async (action: Omit<Pending, 'question'>) => {
    setPending(undefined);
    setBusy(true);
    setOutcome(undefined);
    try {
      await action.run();
      await load();
      setOutcome({ ok: true, text: action.done });
    } catch (e) {
      if (isLoggedOut(e)) return loggedOut();
      const fresh = isStale(e) ? await load() : undefined;
      const already = fresh && action.already?.(fresh);
      setOutcome({ ok: false, text: already ? action.alreadyText! : consoleProblem(t, e) });
    } finally {
      setBusy(false);
      requestAnimationFrame(() => outcomeRef.current?.focus());
    }
  };

  if (!view)
    return (
      <>
        <Heading>{t.console.title}</Heading>
        {loadProblem !== undefined ? (
          <Problem>
            <p>{consoleProblem(t, loadProblem)}</p>
          </Problem>
        ) : (
          <Busy text={t.app.loading} />
        )}
      </>
    );

  const step = nextStep(view);
  const stepTexts = step && t.console.steps[step];
  const askStep = (name: StepName) => {
    const s = t.console.steps[name];
    setPending({
      question: { title: s.title, text: s.text(view.trustees.length), confirm: s.button },
      run: () => consoleApi.step(view.id, name, t.lang),
      done: s.done,
      already: (v) => stepDone(name, v),
      alreadyText: s.already,
    });
  };
  const remind = (x: TrusteeView, email?: string) => {
    const to = email ?? x.email ?? '';
    setPending({
      question: {
        title: d.remindTitle(x.name),
        text: d.remindText(x.name, to, view.status === 'tallying'),
        confirm: d.remindButton,
      },
      run: () => consoleApi.remind(view.id, x.trustee, t.lang, email),
      done: d.reminded(x.name, to),
      already: (v) =>
        v.status === 'tallying' ? v.trustees[x.trustee - 1]!.share : v.trustees[x.trustee - 1]!.dealing,
      alreadyText: d.alreadyDone(x.name),
    });
  };
  const practice = () =>
    setPending({
      question: {
        title: d.practiceTitle,
        text: d.practiceText(view.voters.total),
        confirm: d.practiceButton,
      },
      run: () => consoleApi.practice(view.id, t.lang),
      done: d.practiceDone,
      already: (v) => v.practice !== null,
      alreadyText: d.practiceAlready,
    });

  const saveSchedule = (schedule: Schedule) =>
    void act({
      run: () => consoleApi.schedule(view.id, schedule),
      done: d.scheduleSaved(scheduleWords(d, t.lang, view, schedule)),
    });

  const isPractice = view.definition.practice;
  const wait = waiting(d, view);
  return (
    <>
      <Heading>{view.definition.title}</Heading>
      <p class="election-meta">
        <span>
          {t.console.list.id}: <code>{view.id}</code>
        </span>{' '}
        <span class={`status status-${view.status}`}>{t.console.status[view.status]}</span>
        {isPractice && <span class="tag">{t.console.practiceTag}</span>}
      </p>
      {isPractice && (
        <div class="notice">
          <p>{d.practiceBanner}</p>
          {view.practiceFor && (
            <p>
              <Link href={consoleHref(view.practiceFor)}>{d.practiceBack}</Link>
            </p>
          )}
        </div>
      )}

      <div ref={outcomeRef} tabIndex={-1} class="outcome">
        <div role="status">{outcome?.ok && <p class="ok">{outcome.text}</p>}</div>
        {outcome && !outcome.ok && (
          <Problem>
            <p>{outcome.text}</p>
          </Problem>
        )}
      </div>

      <section aria-labelledby="next-title" class="next-step">
        <h2 id="next-title">{d.nextTitle}</h2>
        {busy && <Busy />}
        {!busy && step && stepTexts && !(step === 'setup' && view.trustees.some((x) => !x.email)) && (
          <>
            <p>{stepTexts.what}</p>
            <button type="button" class="primary" onClick={() => askStep(step)}>
              {stepTexts.button}
            </button>
          </>
        )}
        {!busy && wait && <p>{wait}</p>}
        {view.status === 'draft' && (
          <p>
            <Link href={consoleHref(view.id, 'edit')} class="button">
              {d.edit}
            </Link>
          </p>
        )}
        {view.status === 'key-ceremony' && view.electionKey && !view.electorate && (
          <p>
            <Link href={consoleHref(view.id, 'roll')} class="button">
              {d.toRoll}
            </Link>
          </p>
        )}
        {view.status === 'published' && (
          <p>
            <a href={links.results(view.id)} class="button">
              {d.results}
            </a>
          </p>
        )}
      </section>

      {(view.status === 'ready' || view.status === 'open') && (
        <ScheduleSection view={view} busy={busy} onSave={saveSchedule} />
      )}
      {isPractice ? <p>{d.practiceTrustee}</p> : <TrusteesSection view={view} onRemind={remind} />}
      <MembersSection view={view} />
      {rank(view.status) >= rank('open') && (
        <TurnoutPanel
          electionId={view.id}
          live={view.status === 'open'}
          revoting={view.definition.revoting === 'last-counts'}
        />
      )}
      {view.result && <ResultSection view={view} />}
      {!isPractice && <PracticeSection view={view} onCreate={practice} />}
      {view.status !== 'draft' && <Exports view={view} />}
      {view.status === 'draft' && <BallotPreview definition={view.definition} />}

      <ConfirmDialog
        question={pending?.question}
        onConfirm={() => pending && void act(pending)}
        onCancel={() => setPending(undefined)}
      />
    </>
  );
}

function TrusteesSection({
  view,
  onRemind,
}: {
  view: ElectionView;
  onRemind: (x: TrusteeView, email?: string) => void;
}) {
  const t = useT();
  const d = t.console.dashboard;
  const ceremony = view.status === 'key-ceremony' && !view.electionKey;
  const decrypting = view.status === 'tallying';
  const time = (iso: string) => formatTime(t.lang, iso);
  return (
    <section aria-labelledby="trustees-title">
      <h2 id="trustees-title">{d.trusteesTitle}</h2>
      <p>{d.trusteesIntro(view.definition.threshold, view.trustees.length)}</p>
      <ul class="trustee-list">
        {view.trustees.map((x) => {
          const done = decrypting ? x.share : x.dealing;
          return (
            <li key={x.trustee}>
              <p>
                <strong>
                  {x.trustee}. {x.name}
                </strong>
              </p>
              <p class="hint">{x.email ?? d.noEmail}</p>
              {x.invitedAt && <p class="hint">{d.invitedAt(time(x.invitedAt))}</p>}
              {view.status !== 'draft' && (
                <ul class="trustee-state">
                  <li>{x.identity ? d.identityDone : d.identityWaiting}</li>
                  <li>{x.dealing ? d.dealingDone : d.dealingWaiting}</li>
                  {x.disqualified && <li>{d.disqualified}</li>}
                  {rank(view.status) >= rank('tallying') && <li>{x.share ? d.shareDone : d.shareWaiting}</li>}
                </ul>
              )}
              {(ceremony || decrypting) && !done && (
                <>
                  {x.email && (
                    <button type="button" class="secondary small" onClick={() => onRemind(x)}>
                      {d.remind(x.name)}
                    </button>
                  )}
                  <OtherAddress trustee={x} onSend={(email) => onRemind(x, email)} />
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * Whether the server opens voting at `opensAt` (while ready) and closes it at `closesAt`, stated in
 * words, with a checkbox each and Save. No confirmation: it can be undone until the time comes, and the
 * status message says what will happen.
 */
function ScheduleSection({
  view,
  busy,
  onSave,
}: {
  view: ElectionView;
  busy: boolean;
  onSave: (schedule: Schedule) => void;
}) {
  const t = useT();
  const d = t.console.dashboard;
  const [open, setOpen] = useState(view.schedule.open);
  const [close, setClose] = useState(view.schedule.close);
  // What the server holds wins after each load (a save, another organiser, a scheduled opening).
  useEffect(() => {
    setOpen(view.schedule.open);
    setClose(view.schedule.close);
  }, [view.schedule.open, view.schedule.close]);
  const ready = view.status === 'ready';
  return (
    <section aria-labelledby="schedule-title">
      <h2 id="schedule-title">{d.scheduleTitle}</h2>
      <p>{d.scheduleIntro}</p>
      <p class="schedule-now">{scheduleWords(d, t.lang, view, view.schedule)}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave({ open: ready ? open : view.schedule.open, close });
        }}
      >
        <fieldset>
          <legend>{d.scheduleLegend}</legend>
          {ready && (
            <CheckField
              id="schedule-open"
              label={d.openAt(formatTime(t.lang, view.definition.opensAt))}
              hint={d.scheduleHint}
              checked={open}
              onChange={setOpen}
            />
          )}
          <CheckField
            id="schedule-close"
            label={d.closeAt(formatTime(t.lang, view.definition.closesAt))}
            hint={d.scheduleHint}
            checked={close}
            onChange={setClose}
          />
        </fieldset>
        <div class="actions">
          <button type="submit" class="secondary" disabled={busy}>
            {d.scheduleSave}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A corrected address for a trustee's link. */
function OtherAddress({ trustee, onSend }: { trustee: TrusteeView; onSend: (email: string) => void }) {
  const d = useT().console.dashboard;
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const id = `t${trustee.trustee}-address`;
  return (
    <details class="other-address">
      <summary>{d.otherAddress}</summary>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return setError(d.badEmail);
          setError(undefined);
          onSend(email.trim());
        }}
      >
        <TextField
          id={id}
          type="email"
          label={d.newAddress(trustee.name)}
          value={email}
          onInput={setEmail}
          error={error}
        />
        <div class="actions">
          <button type="submit" class="secondary small">
            {d.sendThere}
          </button>
        </div>
      </form>
    </details>
  );
}

function MembersSection({ view }: { view: ElectionView }) {
  const d = useT().console.dashboard;
  const practice = view.definition.practice;
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{d.membersTitle}</h2>
      <p>{d.voters(view.voters.total, view.voters.voted)}</p>
      <p>
        {view.electorate
          ? d.electorate(view.electorate.credentials, view.electorate.members)
          : d.noElectorate}
      </p>
      {!practice && (
        <ul class="console-links">
          <li>
            <Link href={consoleHref(view.id, 'roll')}>{d.roll}</Link>
          </li>
          <li>
            <Link href={consoleHref(view.id, 'invitations')}>{d.invitations}</Link>
          </li>
        </ul>
      )}
    </section>
  );
}

function ResultSection({ view }: { view: ElectionView }) {
  const d = useT().console.dashboard;
  const result = view.result!;
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{view.definition.practice ? d.practiceResultTitle : d.resultTitle}</h2>
      <p>{d.counted(result.counted)}</p>
      {view.definition.questions.map((q, i) => (
        <table key={q.id} class="result">
          <caption>{q.title}</caption>
          <thead>
            <tr>
              <th scope="col">{d.candidate}</th>
              <th scope="col">{d.votes}</th>
            </tr>
          </thead>
          <tbody>
            {q.candidates.map((c, j) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{result.counts[i]?.[j] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <ul class="console-links">
        <li>
          <a href={links.results(view.id)}>{d.results}</a>
        </li>
        <li>
          <a href={links.board(view.id)}>{d.board}</a>
        </li>
      </ul>
    </section>
  );
}

function PracticeSection({ view, onCreate }: { view: ElectionView; onCreate: () => void }) {
  const t = useT();
  const d = t.console.dashboard;
  const possible = rank(view.status) <= rank('open');
  if (!view.practice && !possible) return null;
  return (
    <section aria-labelledby="practice-title">
      <h2 id="practice-title">{d.practiceSection}</h2>
      {view.practice ? (
        <p>
          <Link href={consoleHref(view.practice.id)}>
            {d.practiceOpen(t.console.status[view.practice.status])}
          </Link>
        </p>
      ) : (
        <>
          <p>{d.practiceIntro}</p>
          {view.voters.total === 0 ? (
            <p class="notice">{d.practiceNoVoters}</p>
          ) : (
            <button type="button" class="secondary" onClick={onCreate}>
              {d.practiceButton}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function Exports({ view }: { view: ElectionView }) {
  const t = useT();
  const d = t.console.dashboard;
  const { loggedOut } = useConsole();
  const [report, setReport] = useState<VerificationReport>();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      setReport(await consoleApi.report(view.id));
    } catch (e) {
      if (isLoggedOut(e)) return loggedOut();
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="exports-title">
      <h2 id="exports-title">{d.exportsTitle}</h2>
      <ul class="console-links">
        <li>
          <a href={links.record(view.id)} download>
            {d.record}
          </a>
        </li>
        {rank(view.status) >= rank('open') && (
          <li>
            <a href={links.turnoutCsv(view.id)} download>
              {t.console.turnout.csv}
            </a>
          </li>
        )}
        <li>
          <a href={links.election(view.id)}>{d.publicPage}</a>
        </li>
      </ul>
      <p>{d.verifyIntro}</p>
      <div class="actions">
        <button type="button" class="secondary" onClick={verify} disabled={busy}>
          {d.verify}
        </button>
      </div>
      {busy && <Busy text={d.verifying} />}
      {problem !== undefined && (
        <Problem>
          <p>{consoleProblem(t, problem)}</p>
        </Problem>
      )}
      <div role="status">
        {report && !busy && (
          <div class={report.ok ? 'ok' : 'problem'}>
            <h3>{report.ok ? d.verified : d.notVerified}</h3>
            {report.failure && (
              <p>
                {report.failure.code}: {report.failure.message}
              </p>
            )}
            <ul class="checks">
              {report.checks.map((c) => (
                <li key={c.check}>
                  {c.count} × {c.check}
                </li>
              ))}
            </ul>
            <p>{d.reportCounts(report.counts.ballots, report.counts.counted, report.counts.events)}</p>
          </div>
        )}
      </div>
      {report && !busy && (
        <div class="actions">
          <button
            type="button"
            class="secondary"
            onClick={() => downloadText(`${view.id}.report.json`, `${JSON.stringify(report, null, 2)}\n`)}
          >
            {d.downloadReport}
          </button>
        </div>
      )}
    </section>
  );
}
