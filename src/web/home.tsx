/**
 * The start page: how to vote, and the elections this server runs, each with its page, its booth (while
 * open), its results (once published) and its receipt check.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, problemText } from './api.ts';
import { Busy, Heading, Problem } from './common.tsx';
import { useT } from './i18n/index.ts';

interface Listed {
  readonly id: string;
  readonly title: string;
  readonly status: string;
}

const CLOSED = new Set(['closed', 'tallying', 'published']);

export function Home() {
  const t = useT();
  const [elections, setElections] = useState<readonly Listed[] | undefined>();
  const [problem, setProblem] = useState<unknown>();
  useEffect(() => {
    api<Listed[]>('GET', '/api/elections').then(setElections, setProblem);
  }, []);
  return (
    <>
      <Heading>{t.home.title}</Heading>
      <p>{t.home.intro}</p>
      <h2>{t.home.elections}</h2>
      {problem !== undefined && (
        <Problem>
          <p>{problemText(t, problem)}</p>
        </Problem>
      )}
      {elections === undefined && problem === undefined && <Busy text={t.app.loading} />}
      {elections?.length === 0 && <p>{t.home.none}</p>}
      {elections && elections.length > 0 && (
        <ul class="elections">
          {elections.map((e) => (
            <li key={e.id}>
              <p>
                <strong>{e.title}</strong>
              </p>
              <p>
                {e.status === 'open'
                  ? t.home.status.open
                  : CLOSED.has(e.status)
                    ? t.home.status.closed
                    : t.home.status.other}
              </p>
              {e.status === 'open' && (
                <p>
                  <a href={`/vote/${e.id}`}>{t.home.vote(e.title)}</a>
                </p>
              )}
              <p>
                <a href={`/elections/${e.id}`}>{t.home.page(e.title)}</a>
              </p>
              {e.status === 'published' && (
                <p>
                  <a href={`/elections/${e.id}/results`}>{t.home.results(e.title)}</a>
                </p>
              )}
              <p>
                <a href={`/vote/${e.id}/receipt`}>{t.home.check(e.title)}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
