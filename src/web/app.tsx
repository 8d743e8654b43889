/**
 * The page shell (skip link, site header with the language switcher, main, footer) and the routes:
 *   /                              the start page (elections and where to vote)
 *   /vote/:id, /vote/:id/login     the voter booth (the email's link lands on …/login#token)
 *   /vote/:id/receipt              the receipt check
 *   /elections/:id                 the election page (question, candidates, dates, ceremony, electorate)
 *   /elections/:id/results         the results
 *   /elections/:id/board           the board explorer
 *   /elections/:id/roll-check      a member's check that they are on the committed roll
 *   /verify                        the universal verifier, in the browser
 *   /trustee/:id                   the trustee console (the invitation's link lands on it with #token)
 *   /console, /console/…           the organiser console (behind the organiser's login)
 * Anything else is a "page not found" page — never a blank one. The server answers every one of these
 * addresses with the same HTML (src/server/routes/web.ts).
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Booth } from './booth/Booth.tsx';
import { Busy, Heading, Problem } from './common.tsx';
import { Home } from './home.tsx';
import { applyLang, I18n, initialLang, LANGS, type Lang, messages, useT } from './i18n/index.ts';
import { ReceiptCheck } from './receipt/ReceiptCheck.tsx';

/**
 * A page fetched when first shown (Vite makes it a chunk of its own), so a voter's phone downloads the
 * booth and the receipt check only — not the consoles, the explorer or the verifier.
 */
function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyPage(props: P) {
    const t = useT();
    const [Page, setPage] = useState<{ readonly component?: ComponentType<P> }>({ component: loaded });
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Page.component) return;
      load().then(
        (component) => {
          loaded = component;
          setPage({ component });
        },
        () => setFailed(true),
      );
    }, []);
    if (failed)
      return (
        <Problem>
          <p>{t.app.loadFailed}</p>
        </Problem>
      );
    return Page.component ? <Page.component {...props} /> : <Busy text={t.app.loading} />;
  };
}

const Console = lazy(() => import('./console/Console.tsx').then((m) => m.Console));
const Explorer = lazy(() => import('./explorer/Explorer.tsx').then((m) => m.Explorer));
const ElectionPage = lazy(() => import('./public/ElectionPage.tsx').then((m) => m.ElectionPage));
const Results = lazy(() => import('./public/Results.tsx').then((m) => m.Results));
const RollCheck = lazy(() => import('./public/RollCheck.tsx').then((m) => m.RollCheck));
const TrusteeConsole = lazy(() => import('./trustee/TrusteeConsole.tsx').then((m) => m.TrusteeConsole));
const VerifierPage = lazy(() => import('./verifier/VerifierPage.tsx').then((m) => m.VerifierPage));

type ElectionPageName = 'booth' | 'receipt' | 'election' | 'results' | 'board' | 'roll-check' | 'trustee';

export type Route =
  | { readonly page: 'home' }
  | { readonly page: ElectionPageName; readonly election: string }
  | { readonly page: 'verify' }
  | { readonly page: 'console'; readonly path: string }
  | { readonly page: 'not-found' };

/** The pages under /<prefix>/:id/<sub>, by prefix and sub-path ('' for the bare address). */
const ELECTION_PAGES: Readonly<Record<string, Readonly<Record<string, ElectionPageName>>>> = {
  vote: { '': 'booth', login: 'booth', receipt: 'receipt' },
  elections: { '': 'election', results: 'results', board: 'board', 'roll-check': 'roll-check' },
  trustee: { '': 'trustee' },
};

/** Which page a path shows. */
export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'home' };
  if (/^\/verify\/?$/.test(pathname)) return { page: 'verify' };
  const console = /^\/console((?:\/[a-z0-9-]{1,64}){0,3})\/?$/.exec(pathname);
  if (console) return { page: 'console', path: console[1] ?? '' };
  const match = /^\/(vote|elections|trustee)\/([a-z0-9-]{1,64})(?:\/([a-z-]*))?\/?$/.exec(pathname);
  const page = match ? ELECTION_PAGES[match[1]!]?.[match[3] ?? ''] : undefined;
  return page ? { page, election: match![2]! } : { page: 'not-found' };
}

/** The page for a route. */
function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <Home />;
    case 'booth':
      return <Booth electionId={route.election} />;
    case 'receipt':
      return <ReceiptCheck electionId={route.election} />;
    case 'election':
      return <ElectionPage electionId={route.election} />;
    case 'results':
      return <Results electionId={route.election} />;
    case 'board':
      return <Explorer electionId={route.election} />;
    case 'roll-check':
      return <RollCheck electionId={route.election} />;
    case 'trustee':
      return <TrusteeConsole electionId={route.election} />;
    case 'verify':
      return <VerifierPage />;
    case 'console':
      return <Console path={route.path} />;
    case 'not-found':
      return <NotFound />;
  }
}

function NotFound() {
  const t = useT();
  return (
    <>
      <Heading>{t.notFound.title}</Heading>
      <p>{t.notFound.text}</p>
      <p>
        <a href="/">{t.notFound.home}</a>
      </p>
    </>
  );
}

export function App() {
  const [lang, setLang] = useState<Lang>(() => {
    const initial = initialLang();
    applyLang(initial);
    return initial;
  });
  const t = messages(lang);
  const route = routeOf(location.pathname);
  const choose = (next: Lang) => {
    applyLang(next);
    setLang(next);
  };
  return (
    <I18n.Provider value={t}>
      <a class="skip" href="#main">
        {t.app.skip}
      </a>
      <header class="site">
        <div class="bar">
          <a class="brand" href="/">
            {t.app.name}
            <span>{t.app.tagline}</span>
          </a>
          <nav aria-label={t.app.languages}>
            <ul class="langs">
              {LANGS.map((l) => (
                <li key={l}>
                  <button type="button" lang={l} aria-pressed={l === lang} onClick={() => choose(l)}>
                    {messages(l).languageName}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer class="site">
        <p>{t.app.footer}</p>
      </footer>
    </I18n.Provider>
  );
}
