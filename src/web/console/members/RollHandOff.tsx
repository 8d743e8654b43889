/**
 * Steps 5 and 6 of the roll page: using the roll (the eligible members the decisions keep, with an
 * address, become the election's login list), then the credential authority's part — the voter list in
 * the form `psephos credentials generate` reads, why that step happens away from this server, and the
 * authority's public credentials uploaded here to publish the electorate.
 */
import { useState } from 'preact/hooks';
import { Problem } from '../../common.tsx';
import { useT } from '../../i18n/index.ts';
import { consoleHref, Link } from '../nav.tsx';
import { count, membersProblem, StepHeading } from './parts.tsx';
import { type RollState, rollApi, rollLinks } from './roll-api.ts';

/** Step 5: what using the roll will do, and the button that does it. */
export function RollUse({
  state,
  electionId,
  onUsed,
}: {
  state: RollState;
  electionId: string;
  onUsed: (state: RollState) => void;
}) {
  const t = useT();
  const u = t.roll.use;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const n = (value: number) => count(value, t.lang);
  const used = state.used;
  const plan = used ?? state.audit!.plan;
  const changeable = ['draft', 'key-ceremony'].includes(state.election.status);

  const use = async () => {
    setError(undefined);
    setBusy(true);
    try {
      onUsed(await rollApi.use(electionId));
    } catch (e) {
      setError(membersProblem(t, t.roll.errors, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="roll-use">
      <h2 id="roll-use">{u.title}</h2>
      {used ? (
        <div class="ok">
          <p>
            {u.done(n(used.voters), new Date(used.at).toLocaleString(t.lang === 'cy' ? 'cy-GB' : 'en-GB'))}
          </p>
        </div>
      ) : (
        <p>{u.intro(n(plan.voters))}</p>
      )}
      <ul>
        <li>{u.eligible(n(plan.eligible))}</li>
        <li>{u.excluded(n(plan.excluded))}</li>
        <li>{u.noEmail(n(plan.noEmail))}</li>
        {!used && plan.open > 0 && <li>{u.open(n(plan.open))}</li>}
      </ul>
      {!used && (
        <>
          {state.voters > 0 && <p class="notice">{u.votersThere(n(state.voters))}</p>}
          {error && (
            <Problem>
              <p>{error}</p>
            </Problem>
          )}
          <div class="actions">
            <button type="button" class="primary" disabled={busy || !changeable} onClick={() => void use()}>
              {busy ? u.using : u.button(n(plan.voters))}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** Step 6: the credential authority's hand-off and the electorate's publication. */
export function RollHandOff({
  state,
  electionId,
  focus,
  onPublished,
}: {
  state: RollState;
  electionId: string;
  focus: boolean;
  onPublished: () => void;
}) {
  const t = useT();
  const h = t.roll.handOff;
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [published, setPublished] = useState<{ credentials: number; members: number | null }>();
  const n = (value: number) => count(value, t.lang);
  const electorateOut = !['draft', 'key-ceremony'].includes(state.election.status);
  const command = `psephos credentials generate --election ${electionId} --voters voters-${electionId}.csv --out credentials-${electionId}`;

  const publish = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    if (!file) return setError(h.none);
    let electorate: { credentials?: unknown; members?: { count?: unknown } };
    try {
      electorate = JSON.parse(await file.text()) as typeof electorate;
    } catch {
      return setError(h.notJson);
    }
    if (!Array.isArray(electorate?.credentials)) return setError(h.notCredentials);
    // Each member on the login list needs exactly one credential: a list of another length is not theirs.
    if (electorate.credentials.length !== state.voters) {
      return setError(h.wrongCount(n(electorate.credentials.length), n(state.voters)));
    }
    setBusy(true);
    try {
      const reply = await rollApi.publish(electionId, electorate);
      const members = typeof electorate.members?.count === 'number' ? electorate.members.count : null;
      setPublished({ credentials: reply.credentials, members });
      onPublished();
    } catch (err) {
      setError(membersProblem(t, t.roll.errors, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="roll-handoff">
      <StepHeading id="roll-handoff" focus={focus}>
        {h.title}
      </StepHeading>
      <p>{h.why}</p>
      <p>{h.never}</p>
      <ol class="members-steps">
        <li>
          <p>{h.download}</p>
          <p class="hint">{h.downloadHint}</p>
          <a class="button" href={rollLinks.voters(electionId)} download={`voters-${electionId}.csv`}>
            {h.downloadButton(n(state.voters))}
          </a>
        </li>
        <li>
          <p>{h.run}</p>
          <code class="members-command">{command}</code>
          <p class="hint">{h.runHint}</p>
        </li>
        <li>
          <p>{h.commitment}</p>
        </li>
        <li>
          <p>{h.upload}</p>
          {electorateOut || published ? (
            <div class="ok" role="status">
              <p>
                {published
                  ? h.published(
                      n(published.credentials),
                      published.members === null ? null : n(published.members),
                    )
                  : h.alreadyPublished}
              </p>
              <p>
                <Link href={consoleHref(electionId, 'invitations')}>{h.next}</Link>
              </p>
            </div>
          ) : (
            <form onSubmit={publish} noValidate>
              {state.election.status === 'draft' && <p class="notice">{h.setUpFirst}</p>}
              <label class="field" for="roll-public-credentials">
                {h.fileLabel}
              </label>
              <input
                type="file"
                id="roll-public-credentials"
                accept=".json,application/json"
                aria-invalid={error ? 'true' : 'false'}
                aria-describedby={error ? 'roll-public-error' : undefined}
                onChange={(ev) => {
                  setError(undefined);
                  setFile((ev.currentTarget as HTMLInputElement).files?.[0]);
                }}
              />
              {error && (
                <Problem id="roll-public-error">
                  <p>{error}</p>
                </Problem>
              )}
              <div class="actions">
                <button type="submit" class="primary" disabled={busy}>
                  {h.publish}
                </button>
              </div>
            </form>
          )}
        </li>
      </ol>
    </section>
  );
}
