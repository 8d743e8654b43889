/**
 * The invitations page of the organiser console (/console/:id/invitations): each voter on the login
 * list gets an email with their own login link and code, which work until voting closes. The organiser
 * writes a paragraph in English, Welsh or both, sees the email as a voter will, and sends it; a
 * background job sends in batches while the page shows its progress. Then: the members whose email the
 * mail server refused, with its words (retry them all, or download the list), a new invitation to one
 * member, and a reminder to those who have not voted — which says nothing but that.
 */
import { useEffect, useState } from 'preact/hooks';
import { Busy, downloadText, Heading, Problem } from '../../common.tsx';
import { useT } from '../../i18n/index.ts';
import { consoleHref, Link } from '../nav.tsx';
import {
  type Failure,
  failuresCsv,
  type InvitationMode,
  type InvitationState,
  invitationsApi,
  type MailLanguage,
  type MemberMessage,
} from './invitations-api.ts';
import { count, membersProblem, Progress, Scroll, StepHeading, useJobState } from './parts.tsx';

const POLL_MS = 1000;
/** The longest paragraph the server takes. */
const MAX_INTRO = 2000;

type Languages = 'en' | 'cy' | 'cy-en';
const LANGUAGES: Record<Languages, MailLanguage[]> = { en: ['en'], cy: ['cy'], 'cy-en': ['cy', 'en'] };

function languagesOf(list: readonly MailLanguage[] | undefined): Languages {
  if (!list || list.length === 0) return 'en';
  if (list.length === 2) return 'cy-en';
  return list[0] === 'cy' ? 'cy' : 'en';
}

export function Invitations({ electionId }: { electionId: string }) {
  const t = useT();
  const v = t.invitations;
  const { state, failed, reload, working: sending } = useJobState(invitationsApi.state, electionId, POLL_MS);
  const [failuresVersion, setFailuresVersion] = useState(0);
  // When a sending ends, the failure list is read again — also when it ended before the page polled
  // it even once (a short retry on a fast mail server), so the key is the job's end, not a transition.
  const ended = state?.job && !sending ? `${state.job.id}:${state.job.status}` : undefined;
  useEffect(() => {
    if (ended) setFailuresVersion((x) => x + 1);
  }, [ended]);

  if (!state) {
    return (
      <>
        <Heading>{v.title}</Heading>
        {failed ? (
          <Problem>
            <p>{membersProblem(t, v.errors, failed)}</p>
          </Problem>
        ) : (
          <Busy text={t.app.loading} />
        )}
      </>
    );
  }
  const n = (value: number) => count(value, t.lang);
  const { counts } = state;
  return (
    <>
      <p class="election-title">{state.election.title}</p>
      <Heading>{v.title}</Heading>
      <p>{v.intro}</p>
      <p>
        <Link href={consoleHref(electionId)}>{v.back}</Link>
      </p>
      {failed !== undefined && (
        <Problem>
          <p>{membersProblem(t, v.errors, failed)}</p>
        </Problem>
      )}
      <dl class="members-counts">
        <div>
          <dt>{v.counts.total}</dt>
          <dd>{n(counts.total)}</dd>
        </div>
        <div>
          <dt>{v.counts.invited}</dt>
          <dd>{n(counts.invited)}</dd>
        </div>
        <div>
          <dt>{v.counts.failed}</dt>
          <dd>{n(counts.failed)}</dd>
        </div>
        <div>
          <dt>{v.counts.voted}</dt>
          <dd>{n(counts.voted)}</dd>
        </div>
      </dl>
      <Readiness state={state} electionId={electionId} />
      <Compose
        key={state.job?.id ?? 0}
        state={state}
        electionId={electionId}
        sending={sending}
        onSent={() => void reload()}
      />
      <Failures
        key={failuresVersion}
        state={state}
        electionId={electionId}
        sending={sending}
        onRetried={() => void reload()}
      />
      <Resend state={state} electionId={electionId} onSent={() => setFailuresVersion((x) => x + 1)} />
    </>
  );
}

/** Why nothing can be sent yet (or any more), in plain words. */
function Readiness({ state, electionId }: { state: InvitationState; electionId: string }) {
  const t = useT();
  const v = t.invitations;
  const notes: string[] = [];
  if (!state.mailer) notes.push(v.noMailer);
  if (state.counts.total === 0) notes.push(v.noVoters);
  if (state.election.status === 'draft') notes.push(v.draft);
  if (['closed', 'tallying', 'published'].includes(state.election.status)) notes.push(v.over);
  if (notes.length === 0) return null;
  return (
    <div class="notice">
      {notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
      {state.counts.total === 0 && (
        <p>
          <Link href={consoleHref(electionId, 'roll')}>{v.toRoll}</Link>
        </p>
      )}
    </div>
  );
}

/** The email: its kind, languages and paragraphs, the preview, and the send button with its progress. */
function Compose({
  state,
  electionId,
  sending,
  onSent,
}: {
  state: InvitationState;
  electionId: string;
  sending: boolean;
  onSent: () => void;
}) {
  const t = useT();
  const v = t.invitations;
  const c = v.compose;
  const last = state.job?.payload;
  const [kind, setKind] = useState<'invitation' | 'reminder'>(
    last?.mode === 'remind' ? 'reminder' : 'invitation',
  );
  const [languages, setLanguages] = useState<Languages>(languagesOf(last?.languages));
  const [intro, setIntro] = useState<Partial<Record<MailLanguage, string>>>(last?.intro ?? {});
  const [preview, setPreview] = useState<{ subject: string; text: string; html: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const n = (value: number) => count(value, t.lang);
  const message = (): MemberMessage => {
    const langs = LANGUAGES[languages];
    return { languages: langs, intro: Object.fromEntries(langs.map((l) => [l, intro[l] ?? ''])) };
  };
  const { counts, election, job } = state;
  const recipients = kind === 'invitation' ? counts.total - counts.invited : counts.total - counts.voted;
  const allowed =
    state.mailer &&
    recipients > 0 &&
    (kind === 'reminder'
      ? election.status === 'open'
      : ['key-ceremony', 'ready', 'open'].includes(election.status));

  const showPreview = async () => {
    setError(undefined);
    try {
      setPreview(await invitationsApi.preview(electionId, kind, message()));
    } catch (e) {
      setError(membersProblem(t, v.errors, e));
    }
  };
  const send = async (mode: InvitationMode) => {
    setError(undefined);
    setBusy(true);
    try {
      await invitationsApi.send(electionId, mode, message());
      onSent();
    } catch (e) {
      setError(membersProblem(t, v.errors, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="invite-compose">
      <h2 id="invite-compose">{c.title}</h2>
      <fieldset class="members-choice">
        <legend>{c.kind}</legend>
        <label>
          <input
            type="radio"
            name="invite-kind"
            checked={kind === 'invitation'}
            onChange={() => setKind('invitation')}
          />{' '}
          {c.invitation}
        </label>
        <label>
          <input
            type="radio"
            name="invite-kind"
            checked={kind === 'reminder'}
            onChange={() => setKind('reminder')}
          />{' '}
          {c.reminder}
        </label>
      </fieldset>
      <p class="hint">{kind === 'invitation' ? c.invitationHint : c.reminderHint}</p>
      <fieldset class="members-choice">
        <legend>{c.languages}</legend>
        {(Object.keys(LANGUAGES) as Languages[]).map((l) => (
          <label key={l}>
            <input
              type="radio"
              name="invite-languages"
              checked={languages === l}
              onChange={() => setLanguages(l)}
            />{' '}
            {c.languageChoice[l]}
          </label>
        ))}
      </fieldset>
      {LANGUAGES[languages].map((lang) => (
        <div key={lang}>
          <label class="field" for={`invite-intro-${lang}`}>
            {c.introLabel[lang]}
          </label>
          <p class="hint" id={`invite-intro-${lang}-hint`}>
            {c.introHint(MAX_INTRO)}
          </p>
          <textarea
            id={`invite-intro-${lang}`}
            class="members-intro"
            lang={lang}
            maxLength={MAX_INTRO}
            aria-describedby={`invite-intro-${lang}-hint`}
            value={intro[lang] ?? ''}
            onInput={(e) => setIntro({ ...intro, [lang]: (e.currentTarget as HTMLTextAreaElement).value })}
          />
        </div>
      ))}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void showPreview()}>
          {c.preview}
        </button>
      </div>
      {preview && (
        <section aria-labelledby="invite-preview" class="members-preview">
          <h3 id="invite-preview">{c.previewTitle}</h3>
          <p>
            <strong>{c.subject}</strong> {preview.subject}
          </p>
          <pre class="members-mail">{preview.text}</pre>
          <p class="hint">{c.previewHint}</p>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() => downloadText(`${kind}-${electionId}.html`, preview.html, 'text/html')}
            >
              {c.downloadHtml}
            </button>
          </div>
        </section>
      )}
      {error && (
        <Problem>
          <p>{error}</p>
        </Problem>
      )}
      {sending && job ? (
        <Progress fraction={job.progress} label={v.progress} />
      ) : (
        <>
          {job?.status === 'done' && job.result && (
            <div class="ok" role="status">
              <p>{v.result[job.result.mode](n(job.result.sent), n(job.result.failed))}</p>
            </div>
          )}
          {job?.status === 'failed' && (
            <Problem>
              <p>{v.jobFailed(job.error ?? '')}</p>
            </Problem>
          )}
          {job?.stalled && (
            <Problem>
              <p>{v.stalled}</p>
            </Problem>
          )}
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={busy || !allowed}
              aria-describedby="invite-send-hint"
              onClick={() => void send(kind === 'invitation' ? 'invite' : 'remind')}
            >
              {kind === 'invitation' ? c.sendInvitations(n(recipients)) : c.sendReminders(n(recipients))}
            </button>
          </div>
          <p class="hint" id="invite-send-hint">
            {kind === 'invitation'
              ? recipients === 0 && counts.total > 0
                ? c.allInvited
                : c.sendHint
              : election.status !== 'open'
                ? c.remindWhenOpen
                : c.remindHint}
          </p>
        </>
      )}
    </section>
  );
}

/** The members whose last email failed: what the mail server said; retry them all. */
function Failures({
  state,
  electionId,
  sending,
  onRetried,
}: {
  state: InvitationState;
  electionId: string;
  sending: boolean;
  onRetried: () => void;
}) {
  const t = useT();
  const v = t.invitations;
  const f = v.failures;
  const [rows, setRows] = useState<Failure[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const load = async (after?: string) => {
    try {
      const page = await invitationsApi.failures(electionId, after);
      setRows((shown) => (after ? [...shown, ...page.failures] : page.failures));
      setNext(page.next);
    } catch (e) {
      setError(membersProblem(t, v.errors, e));
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const retry = async () => {
    setError(undefined);
    setBusy(true);
    try {
      const job = state.job?.payload;
      const languages =
        job?.languages && job.languages.length > 0 ? job.languages : (['en'] as MailLanguage[]);
      await invitationsApi.send(electionId, 'retry', { languages, intro: job?.intro ?? {} });
      onRetried();
    } catch (e) {
      setError(membersProblem(t, v.errors, e));
    } finally {
      setBusy(false);
    }
  };
  if (state.counts.failed === 0 && rows.length === 0) return null;
  return (
    <section aria-labelledby="invite-failures">
      <StepHeading id="invite-failures" focus={false}>
        {f.title(count(state.counts.failed, t.lang))}
      </StepHeading>
      <p>{f.intro}</p>
      <Scroll label={f.tableLabel}>
        <table class="members-table">
          <caption>{f.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{f.memberId}</th>
              <th scope="col">{f.name}</th>
              <th scope="col">{f.email}</th>
              <th scope="col">{f.kind}</th>
              <th scope="col">{f.error}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.memberId}>
                <td>{r.memberId}</td>
                <td>{r.name}</td>
                <td>{r.email}</td>
                <td>{f.kinds[r.kind]}</td>
                <td>{r.error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {error && (
        <Problem>
          <p>{error}</p>
        </Problem>
      )}
      <div class="actions">
        {next && (
          <button type="button" class="secondary" onClick={() => void load(next)}>
            {f.more}
          </button>
        )}
        <a class="button" href={failuresCsv(electionId)} download>
          {f.download}
        </a>
        <button
          type="button"
          class="primary"
          disabled={busy || sending || state.counts.failed === 0 || !state.mailer}
          onClick={() => void retry()}
        >
          {f.retry(count(state.counts.failed, t.lang))}
        </button>
      </div>
      <p class="hint">{f.retryHint}</p>
    </section>
  );
}

/** A new invitation to one member, by member id or address: their earlier link stops working. */
function Resend({
  state,
  electionId,
  onSent,
}: {
  state: InvitationState;
  electionId: string;
  onSent: () => void;
}) {
  const t = useT();
  const v = t.invitations;
  const r = v.resend;
  const [member, setMember] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setOutcome(undefined);
    if (member.trim() === '') return setOutcome({ ok: false, text: r.empty });
    setBusy(true);
    try {
      const last = state.job?.payload;
      const languages =
        last?.languages && last.languages.length > 0 ? last.languages : (['en'] as MailLanguage[]);
      const reply = await invitationsApi.resend(electionId, member.trim(), {
        languages,
        intro: last?.intro ?? {},
      });
      setOutcome(
        reply.status === 'sent'
          ? { ok: true, text: r.sent(reply.memberId, reply.email) }
          : { ok: false, text: r.failed(reply.memberId, reply.email, reply.error ?? '') },
      );
      onSent();
    } catch (err) {
      setOutcome({ ok: false, text: membersProblem(t, v.errors, err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="invite-resend">
      <h2 id="invite-resend">{r.title}</h2>
      <p>{r.intro}</p>
      <form onSubmit={submit} noValidate>
        <label class="field" for="invite-member">
          {r.label}
        </label>
        <input
          type="text"
          id="invite-member"
          value={member}
          autoComplete="off"
          aria-invalid={outcome && !outcome.ok ? 'true' : 'false'}
          onInput={(e) => setMember((e.currentTarget as HTMLInputElement).value)}
        />
        <div class="actions">
          <button type="submit" class="secondary" disabled={busy || !state.mailer}>
            {r.button}
          </button>
        </div>
      </form>
      <div role="status">
        {outcome?.ok && (
          <div class="ok">
            <p>{outcome.text}</p>
          </div>
        )}
      </div>
      {outcome && !outcome.ok && (
        <Problem>
          <p>{outcome.text}</p>
        </Problem>
      )}
    </section>
  );
}
