/**
 * Step 4 of the roll page: the audit of the checked roll — the counts a scrutineer signs off, who is
 * not eligible and why, and each finding (possible duplicates, bulk sign-ups, late joiners, disposable
 * addresses, missing contact data) with its evidence, a few of its rows, and the organiser's decision:
 * keep the members it names, or exclude them (of a duplicate, the copies). The full report, with every
 * member and decision, downloads as a page to print and sign, and as JSON.
 */
import { useEffect, useState } from 'preact/hooks';
import { Busy, Problem } from '../../common.tsx';
import { useT } from '../../i18n/index.ts';
import { count, membersProblem, Scroll, StepHeading } from './parts.tsx';
import {
  FINDING_KINDS,
  type FindingKind,
  INELIGIBILITY_REASONS,
  type ListedFinding,
  type RollState,
  rollApi,
  rollLinks,
} from './roll-api.ts';

/** Findings fetched per page of a kind. */
const PAGE = 10;

export function RollAudit({
  state,
  electionId,
  focus,
  onChanged,
}: {
  state: RollState;
  electionId: string;
  focus: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const a = t.roll.audit;
  const audit = state.audit!;
  const summary = audit.summary;
  const locked = state.import?.status !== 'audited';
  const n = (value: number) => count(value, t.lang);
  const figures: [string, number][] = [
    [a.members, summary.members],
    [a.eligible, summary.eligible],
    [a.ineligible, summary.ineligible],
    [a.flagged, summary.membersFlagged],
    [a.noEmail, summary.cannotReceiveCredential],
    [a.open, summary.openFindings],
  ];
  return (
    <section aria-labelledby="roll-audit">
      <StepHeading id="roll-audit" focus={focus}>
        {a.title}
      </StepHeading>
      <p>{a.intro}</p>
      <dl class="members-counts">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      {summary.ineligible > 0 && (
        <>
          <h3>{a.whyIneligible}</h3>
          <ul>
            {INELIGIBILITY_REASONS.filter((r) => audit.eligibility.byReason[r] > 0).map((r) => (
              <li key={r}>{a.reason(a.reasons[r], n(audit.eligibility.byReason[r]))}</li>
            ))}
          </ul>
        </>
      )}
      {audit.staleDecisions > 0 && <p class="notice">{a.stale(audit.staleDecisions)}</p>}
      <p>{a.reportIntro}</p>
      <div class="actions">
        <a class="button" href={rollLinks.reportHtml(electionId)} download>
          {a.reportHtml}
        </a>
        <a class="button" href={rollLinks.reportJson(electionId)} download>
          {a.reportJson}
        </a>
      </div>
      <h3>{a.findings}</h3>
      {summary.openFindings === 0 && FINDING_KINDS.every((k) => summary.byKind[k].findings === 0) ? (
        <p>{a.none}</p>
      ) : (
        <p>{locked ? a.decidedIntro : a.decideIntro}</p>
      )}
      {FINDING_KINDS.filter((k) => summary.byKind[k].findings > 0).map((kind) => (
        <FindingsOfKind
          key={kind}
          kind={kind}
          total={summary.byKind[kind].findings}
          electionId={electionId}
          locked={locked}
          onChanged={onChanged}
        />
      ))}
    </section>
  );
}

/** The findings of one kind, ten at a time. */
function FindingsOfKind({
  kind,
  total,
  electionId,
  locked,
  onChanged,
}: {
  kind: FindingKind;
  total: number;
  electionId: string;
  locked: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const a = t.roll.audit;
  const [findings, setFindings] = useState<ListedFinding[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const more = async () => {
    setLoading(true);
    try {
      const page = await rollApi.findings(electionId, kind, findings.length, PAGE);
      setFindings((shown) => [...shown, ...page.findings]);
    } catch (e) {
      setError(membersProblem(t, t.roll.errors, e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void more();
  }, []);
  const headingId = `roll-kind-${kind}`;
  return (
    <section aria-labelledby={headingId} class="members-kind">
      <h4 id={headingId}>{a.kindTitle(a.kinds[kind].title, total)}</h4>
      <p class="hint">{a.kinds[kind].help}</p>
      <ol class="members-findings">
        {findings.map((f, i) => (
          <li key={f.id}>
            <FindingCard
              finding={f}
              number={i + 1}
              electionId={electionId}
              locked={locked}
              onDecided={(decided) => {
                setFindings((shown) => shown.map((x) => (x.id === decided.id ? decided : x)));
                onChanged();
              }}
            />
          </li>
        ))}
      </ol>
      {error && (
        <Problem>
          <p>{error}</p>
        </Problem>
      )}
      {loading ? (
        <Busy text={t.app.loading} />
      ) : (
        findings.length < total && (
          <div class="actions">
            <button type="button" class="secondary" onClick={() => void more()}>
              {a.showMore(Math.min(PAGE, total - findings.length), a.kinds[kind].title)}
            </button>
          </div>
        )
      )}
    </section>
  );
}

function FindingCard({
  finding,
  number,
  electionId,
  locked,
  onDecided,
}: {
  finding: ListedFinding;
  number: number;
  electionId: string;
  locked: boolean;
  onDecided: (finding: ListedFinding) => void;
}) {
  const t = useT();
  const a = t.roll.audit;
  const [choice, setChoice] = useState<'keep' | 'exclude' | undefined>(
    finding.decision ? (finding.decision.decision === 'confirm' ? 'exclude' : 'keep') : undefined,
  );
  const [note, setNote] = useState(finding.decision?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const id = `finding-${finding.id}`;
  const first = finding.sample[0];
  const status = !finding.decision
    ? a.statusOpen
    : finding.decision.decision === 'confirm'
      ? a.statusExcluded
      : a.statusKept;

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    if (!choice) return setError(a.chooseFirst);
    setError(undefined);
    setBusy(true);
    try {
      const { finding: decided } = await rollApi.decide(electionId, finding.id, choice, note);
      setSaved(true);
      onDecided(decided);
    } catch (err) {
      setError(membersProblem(t, t.roll.errors, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="members-finding" aria-labelledby={`${id}-title`}>
      <h5 id={`${id}-title`}>
        {a.findingTitle(number, finding.memberCount)}{' '}
        <span class={`members-status members-status-${finding.decision?.decision ?? 'open'}`}>{status}</span>
      </h5>
      <ul>
        {finding.evidence.map((e) => (
          <li key={`${e.signal}-${e.detail}`}>
            <strong>{a.signals[e.signal as keyof typeof a.signals] ?? e.signal}</strong>: {e.detail}
          </li>
        ))}
      </ul>
      <Scroll label={a.sampleLabel(number, a.kinds[finding.kind].title)}>
        <table class="members-table">
          <caption>{a.sampleCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{a.columns.line}</th>
              <th scope="col">{a.columns.memberId}</th>
              <th scope="col">{a.columns.name}</th>
              <th scope="col">{a.columns.email}</th>
              <th scope="col">{a.columns.phone}</th>
              <th scope="col">{a.columns.postcode}</th>
              <th scope="col">{a.columns.joined}</th>
            </tr>
          </thead>
          <tbody>
            {finding.sample.map((s) => (
              <tr key={s.memberId}>
                <td class="members-number">{s.line}</td>
                <td>{s.memberId}</td>
                <td>{s.name}</td>
                <td>{s.email}</td>
                <td>{s.phone}</td>
                <td>{s.postcode}</td>
                <td>{s.joinDate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {finding.memberCount > finding.sample.length && (
        <p class="hint">{a.moreMembers(finding.memberCount - finding.sample.length)}</p>
      )}
      {finding.decision?.note && <p>{a.note(finding.decision.note)}</p>}
      {!locked && (
        <form onSubmit={save} noValidate>
          <fieldset class="members-decision">
            <legend>{a.decision}</legend>
            <label>
              <input
                type="radio"
                name={`${id}-decision`}
                value="keep"
                checked={choice === 'keep'}
                onChange={() => setChoice('keep')}
              />{' '}
              {a.keep}
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-decision`}
                value="exclude"
                checked={choice === 'exclude'}
                onChange={() => setChoice('exclude')}
              />{' '}
              {finding.kind === 'duplicate' && first
                ? a.excludeCopies(first.line)
                : a.exclude(finding.memberCount)}
            </label>
          </fieldset>
          <label class="field" for={`${id}-note`}>
            {a.noteLabel}
          </label>
          <input
            type="text"
            id={`${id}-note`}
            value={note}
            maxLength={2000}
            onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
          />
          {error && (
            <Problem>
              <p>{error}</p>
            </Problem>
          )}
          <div class="actions">
            <button type="submit" class="secondary" disabled={busy}>
              {a.save}
            </button>
            <span class="members-saved" role="status">
              {saved ? a.saved : ''}
            </span>
          </div>
        </form>
      )}
    </article>
  );
}
