/**
 * The page shell (skip link, site header with the language switcher, main, footer) and the routes:
 *   /                      the start page (elections and where to vote)
 *   /vote/:id, /vote/:id/login   the voter booth (the email's link lands on …/login#token)
 *   /vote/:id/receipt      the receipt check
 * Anything else is a "page not found" page — never a blank one.
 */
import { useState } from 'preact/hooks';
import { Booth } from './booth/Booth.tsx';
import { Heading } from './common.tsx';
import { Home } from './home.tsx';
import { applyLang, I18n, initialLang, LANGS, type Lang, messages, useT } from './i18n/index.ts';
import { ReceiptCheck } from './receipt/ReceiptCheck.tsx';

export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'booth'; readonly election: string }
  | { readonly page: 'receipt'; readonly election: string }
  | { readonly page: 'not-found' };

/** Which page a path shows. */
export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'home' };
  const match = /^\/vote\/([a-z0-9-]{1,64})(?:\/(login|receipt)?)?\/?$/.exec(pathname);
  if (!match) return { page: 'not-found' };
  const election = match[1]!;
  return match[2] === 'receipt' ? { page: 'receipt', election } : { page: 'booth', election };
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
        {route.page === 'home' && <Home />}
        {route.page === 'booth' && <Booth electionId={route.election} />}
        {route.page === 'receipt' && <ReceiptCheck electionId={route.election} />}
        {route.page === 'not-found' && <NotFound />}
      </main>
      <footer class="site">
        <p>{t.app.footer}</p>
      </footer>
    </I18n.Provider>
  );
}
