/**
 * The board explorer (/elections/:id/board; SPEC.md §13, §17): the board now (ballots cast, its size,
 * the latest signed tree head, each head's signature and consistency checked here), a search by
 * tracker whose proof is checked here, and every entry of the board, page by page. The election is
 * loaded with its definition checked against its fingerprint, since the board key comes from it.
 * Whatever fails, the page says so in words, with a way to try again: never a blank page.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { isRetryable, problemText } from '../api.ts';
import { Busy, Heading, Problem } from '../common.tsx';
import { FingerprintMismatch, loadElection, type PublicElection } from '../election.ts';
import { useT } from '../i18n/index.ts';
import { EventList } from './EventList.tsx';
import { LiveView, useLiveBoard } from './LiveBoard.tsx';
import { Search } from './Search.tsx';

export function Explorer({ electionId }: { electionId: string }) {
  const t = useT();
  const [election, setElection] = useState<PublicElection>();
  const [problem, setProblem] = useState<unknown>();
  const load = useCallback(() => {
    setProblem(undefined);
    loadElection(electionId).then(setElection, setProblem);
  }, [electionId]);
  useEffect(load, [load]);

  return (
    <>
      {election && <p class="election-title">{election.definition.title}</p>}
      <Heading>{t.explorer.title}</Heading>
      {problem !== undefined ? (
        <LoadProblem problem={problem} retry={load} />
      ) : election ? (
        <Board election={election} />
      ) : (
        <Busy text={t.app.loading} />
      )}
    </>
  );
}

function LoadProblem({ problem, retry }: { problem: unknown; retry: () => void }) {
  const t = useT();
  return (
    <>
      <Problem>
        <p>{t.explorer.loadFailed}</p>
        <p>
          {problem instanceof FingerprintMismatch ? t.explorer.fingerprintMismatch : problemText(t, problem)}
        </p>
      </Problem>
      <div class="actions">
        {isRetryable(problem) && (
          <button type="button" class="primary" onClick={retry}>
            {t.explorer.retry}
          </button>
        )}
        <a class="button" href="/">
          {t.explorer.home}
        </a>
      </div>
    </>
  );
}

function Board({ election }: { election: PublicElection }) {
  const t = useT();
  const m = t.explorer;
  const live = useLiveBoard(election);
  const id = encodeURIComponent(election.id);
  return (
    <>
      <p>{m.intro}</p>
      <nav aria-label={m.links}>
        <ul class="explorer-links">
          <li>
            <a href={`/elections/${id}`}>{m.electionPage}</a>
          </li>
          <li>
            <a href={`/api/elections/${id}/record`} download={`${election.id}.psephos.jsonl`}>
              {m.record}
            </a>{' '}
            <span class="hint">{m.recordNote}</span>
          </li>
          <li>
            <a href="/verify">{m.verifier}</a>
          </li>
        </ul>
      </nav>
      <LiveView live={live} />
      <Search election={election} observe={live.observe} />
      <EventList election={election} liveSize={live.state.size ?? live.state.head?.size} />
    </>
  );
}
