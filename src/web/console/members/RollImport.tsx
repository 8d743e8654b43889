/**
 * The membership roll page of the organiser console (/console/:id/roll): from the membership
 * system's CSV export to the login list and the credential authority's hand-off, in steps —
 *   1. upload the file (its size limit said before it is sent; progress while it goes);
 *   2. see what was read (encoding, delimiter, headers, the first rows);
 *   3. match the columns and set the eligibility rules, then check the roll (a job, with progress; a
 *      refusal shows every row error with its line, and nothing is imported);
 *   4. the audit: counts, the findings with a keep/exclude decision each, the full report to download;
 *   5. use the roll: the eligible, kept members with an address become the login list;
 *   6. the credential authority: the voter list to download, why it is a separate step, and its public
 *      credentials uploaded to publish the electorate.
 * Every step is on the server (src/server/routes/roll.ts): the page can be closed and opened again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Busy, Heading, Problem } from '../../common.tsx';
import { useT } from '../../i18n/index.ts';
import { consoleHref, Link } from '../nav.tsx';
import { membersProblem, Progress, StepHeading, sizeText, useJobState } from './parts.tsx';
import { RollAudit } from './RollAudit.tsx';
import { RollCheck } from './RollCheck.tsx';
import { RollHandOff, RollUse } from './RollHandOff.tsx';
import { type RollState, rollApi } from './roll-api.ts';

/** How often the page asks how a running check is going. */
const POLL_MS = 1000;

export function RollImport({ electionId }: { electionId: string }) {
  const t = useT();
  const {
    state,
    failed,
    reload,
    setState,
    working: checking,
  } = useJobState(rollApi.state, electionId, POLL_MS);

  // Where the focus goes when a step begins: a new file read, a check done, the roll used.
  const [focus, setFocus] = useState<'read' | 'audit' | 'handoff'>();
  const previous = useRef<RollState | undefined>(undefined);
  useEffect(() => {
    const before = previous.current;
    previous.current = state;
    if (!before || !state) return;
    if (state.import && before.import?.id !== state.import.id) setFocus('read');
    else if (state.job?.status === 'done' && before.job?.status !== 'done') setFocus('audit');
    else if (state.import?.status === 'used' && before.import?.status !== 'used') setFocus('handoff');
  }, [state]);

  if (!state) {
    return (
      <>
        <Heading>{t.roll.title}</Heading>
        {failed ? (
          <Problem>
            <p>{membersProblem(t, t.roll.errors, failed)}</p>
          </Problem>
        ) : (
          <Busy text={t.app.loading} />
        )}
      </>
    );
  }
  const used = state.import?.status === 'used';
  return (
    <>
      <p class="election-title">{state.election.title}</p>
      <Heading>{t.roll.title}</Heading>
      <p>{t.roll.intro}</p>
      <p>
        <Link href={consoleHref(electionId)}>{t.roll.back}</Link>
      </p>
      {failed !== undefined && (
        <Problem>
          <p>{membersProblem(t, t.roll.errors, failed)}</p>
        </Problem>
      )}
      <Upload state={state} electionId={electionId} onUploaded={setState} />
      {state.import && (
        <RollCheck
          key={state.import.id}
          state={state}
          electionId={electionId}
          checking={checking}
          focus={focus === 'read'}
          onStarted={() => void reload()}
        />
      )}
      {state.audit && state.import && (
        <RollAudit
          key={`${state.import.id}-${state.audit.auditedAt}`}
          state={state}
          electionId={electionId}
          focus={focus === 'audit'}
          onChanged={() => void reload()}
        />
      )}
      {state.audit && <RollUse state={state} electionId={electionId} onUsed={setState} />}
      {used && (
        <RollHandOff
          state={state}
          electionId={electionId}
          focus={focus === 'handoff'}
          onPublished={() => void reload()}
        />
      )}
    </>
  );
}

/** Step 1: the file. */
function Upload({
  state,
  electionId,
  onUploaded,
}: {
  state: RollState;
  electionId: string;
  onUploaded: (state: RollState) => void;
}) {
  const t = useT();
  const u = t.roll.upload;
  const [file, setFile] = useState<File>();
  const [sent, setSent] = useState<number>();
  const [error, setError] = useState<string>();
  const limit = Math.round(state.maxBytes / (1024 * 1024));
  const changeable = ['draft', 'key-ceremony'].includes(state.election.status);
  const used = state.import?.status === 'used' || state.import?.status === 'using';

  const send = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    if (!file) return setError(u.none);
    // Refused here, before a byte is sent: a file over the limit would only be refused by the server.
    if (file.size > state.maxBytes) return setError(u.tooLarge(sizeText(file.size), limit));
    setSent(0);
    try {
      onUploaded(await rollApi.upload(electionId, file, setSent));
      setFile(undefined);
    } catch (err) {
      setError(membersProblem(t, t.roll.errors, err));
    } finally {
      setSent(undefined);
    }
  };

  return (
    <section aria-labelledby="roll-upload">
      <StepHeading id="roll-upload" focus={false}>
        {u.title}
      </StepHeading>
      {state.import && (
        <p>
          {u.current(
            state.import.name,
            sizeText(state.import.size),
            new Date(state.import.uploadedAt).toLocaleString(t.lang === 'cy' ? 'cy-GB' : 'en-GB'),
          )}
        </p>
      )}
      {used ? (
        <p class="notice">{u.used}</p>
      ) : !changeable ? (
        <p class="notice">{u.published}</p>
      ) : (
        <form onSubmit={send} noValidate>
          <p>{u.intro}</p>
          <label class="field" for="roll-file">
            {state.import ? u.labelAgain : u.label}
          </label>
          <p class="hint" id="roll-file-hint">
            {u.limit(limit)}
          </p>
          <input
            type="file"
            id="roll-file"
            accept=".csv,.txt,text/csv"
            aria-describedby={error ? 'roll-file-hint roll-file-error' : 'roll-file-hint'}
            aria-invalid={error ? 'true' : 'false'}
            disabled={sent !== undefined}
            onChange={(e) => {
              setError(undefined);
              setFile((e.currentTarget as HTMLInputElement).files?.[0]);
            }}
          />
          {error && (
            <Problem id="roll-file-error">
              <p>{error}</p>
            </Problem>
          )}
          {sent !== undefined && file && (
            <Progress fraction={file.size > 0 ? sent / file.size : 1} label={u.sending} />
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={sent !== undefined}>
              {u.button}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
