/**
 * The organiser console (in the chunk the router loads for console addresses): the organiser's login, then its
 * pages, moved between without reloading —
 *   /console                      every election, with its state
 *   /console/new                  a new election, step by step
 *   /console/:id                  an election's dashboard: its state, the next step, trustees, turnout…
 *   /console/:id/edit             its draft, in the same form
 *   /console/:id/roll             the membership roll (RollImport)
 *   /console/:id/invitations      the members' invitations (Invitations)
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { setCsrf } from '../api.ts';
import { Busy, Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';
import { consoleApi } from './console-api.ts';
import { Dashboard } from './Dashboard.tsx';
import { DraftForm } from './DraftForm.tsx';
import { ElectionList } from './ElectionList.tsx';
import { Login } from './Login.tsx';
import { Invitations } from './members/Invitations.tsx';
import { RollImport } from './members/RollImport.tsx';
import { type ConsoleContext, ConsoleNav, Link } from './nav.tsx';

/** The console path of an address: `/console/x/roll` → `/x/roll`. */
function consolePath(pathname: string): string {
  return pathname.replace(/^\/console/, '').replace(/\/+$/, '');
}

type Session = { state: 'checking' } | { state: 'out' } | { state: 'in'; user: string };

export function ConsoleApp({ path: initial }: { path: string }) {
  const t = useT();
  const [path, setPath] = useState(initial);
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    const back = () => setPath(consolePath(location.pathname));
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
  }, []);
  useEffect(() => {
    consoleApi.session().then(
      (s) => {
        if (s.kind !== 'admin') return setSession({ state: 'out' });
        setCsrf(s.csrf);
        setSession({ state: 'in', user: s.subject });
      },
      () => setSession({ state: 'out' }),
    );
  }, []);

  const context = useMemo<ConsoleContext>(
    () => ({
      go(to) {
        if (!to.startsWith('/console')) return location.assign(to);
        history.pushState(null, '', to);
        setPath(consolePath(to));
        scrollTo(0, 0);
      },
      loggedOut() {
        setCsrf(undefined);
        setSession({ state: 'out' });
      },
    }),
    [],
  );

  if (session.state === 'checking')
    return (
      <>
        <Heading>{t.console.title}</Heading>
        <Busy text={t.app.loading} />
      </>
    );
  if (session.state === 'out') return <Login onLoggedIn={(user) => setSession({ state: 'in', user })} />;

  const logout = async () => {
    await consoleApi.logout().catch(() => undefined);
    context.loggedOut();
  };
  return (
    <ConsoleNav.Provider value={context}>
      <div class="console">
        <nav class="console-nav" aria-label={t.console.nav.label}>
          <ul>
            <li>
              <Link href="/console">{t.console.nav.elections}</Link>
            </li>
            <li>
              <Link href="/console/new">{t.console.nav.new}</Link>
            </li>
          </ul>
          <p>
            <span>{t.console.nav.loggedInAs(session.user)}</span>{' '}
            <button type="button" class="link" onClick={logout}>
              {t.console.nav.logout}
            </button>
          </p>
        </nav>
        <ConsolePage key={path} path={path} />
      </div>
    </ConsoleNav.Provider>
  );
}

function ConsolePage({ path }: { path: string }) {
  const t = useT();
  const parts = path.split('/').filter(Boolean);
  const [first, second] = parts;
  if (parts.length === 0) return <ElectionList />;
  if (first === 'new' && parts.length === 1) return <DraftForm />;
  if (first && parts.length === 1) return <Dashboard electionId={first} />;
  if (first && parts.length === 2) {
    if (second === 'edit') return <DraftForm editId={first} />;
    if (second === 'roll') return <RollImport electionId={first} />;
    if (second === 'invitations') return <Invitations electionId={first} />;
  }
  return (
    <>
      <Heading>{t.notFound.title}</Heading>
      <p>{t.console.notFound}</p>
      <p>
        <Link href="/console">{t.console.nav.elections}</Link>
      </p>
    </>
  );
}
