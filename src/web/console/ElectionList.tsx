/** Every election this server holds, drafts included, each with its state and a link to its dashboard. */
import { useEffect, useState } from 'preact/hooks';
import { Busy, Heading, Problem } from '../common.tsx';
import { useT } from '../i18n/index.ts';
import { consoleApi, consoleProblem, isLoggedOut, type Listed } from './console-api.ts';
import { consoleHref, Link, useConsole } from './nav.tsx';

export function ElectionList() {
  const t = useT();
  const c = t.console;
  const { loggedOut } = useConsole();
  const [elections, setElections] = useState<readonly Listed[]>();
  const [problem, setProblem] = useState<unknown>();
  useEffect(() => {
    consoleApi.list().then(setElections, (e: unknown) => (isLoggedOut(e) ? loggedOut() : setProblem(e)));
  }, []);
  return (
    <>
      <Heading>{c.list.title}</Heading>
      <p>
        <Link href="/console/new" class="button">
          {c.list.new}
        </Link>
      </p>
      {problem !== undefined && (
        <Problem>
          <p>{consoleProblem(t, problem)}</p>
        </Problem>
      )}
      {elections === undefined && problem === undefined && <Busy text={t.app.loading} />}
      {elections?.length === 0 && <p>{c.list.none}</p>}
      {elections && elections.length > 0 && (
        <ul class="elections">
          {elections.map((e) => (
            <li key={e.id}>
              <p>
                <Link href={consoleHref(e.id)}>
                  <strong>{e.title}</strong>
                </Link>
                {e.practice && <span class="tag">{c.practiceTag}</span>}
              </p>
              <p class="hint">
                {c.list.id}: <code>{e.id}</code>
              </p>
              <p>
                <span class={`status status-${e.status}`}>{c.status[e.status]}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
