/**
 * Login: with the link from the email (its token is in the address's fragment, which the browser never
 * sends to the server: the page posts it once), or by typing the code from the same email; and a form
 * to ask for a new email. On success the session cookie is set and the CSRF token kept for writes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, problemText, setCsrf } from '../api.ts';
import { Busy, Heading, Problem } from '../common.tsx';
import { useT } from '../i18n/index.ts';

const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The login token in the address (…/login#token), if any; it is removed from the address at once. */
export function takeLinkToken(electionId: string): string | undefined {
  const token = location.hash.slice(1);
  if (location.hash) history.replaceState(null, '', `/vote/${electionId}`);
  return LINK_TOKEN.test(token) ? token : undefined;
}

export function Login({
  electionId,
  linkToken,
  onLoggedIn,
}: {
  electionId: string;
  linkToken: string | undefined;
  onLoggedIn: () => void;
}) {
  const t = useT();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(linkToken !== undefined);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string>();
  const [sent, setSent] = useState(false);
  const started = useRef(false);
  const base = `/api/elections/${encodeURIComponent(electionId)}`;

  const verify = async (token: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const session = await api<{ csrf: string }>('POST', `${base}/login/verify`, { token });
      setCsrf(session.csrf);
      onLoggedIn();
    } catch (e) {
      setProblem(e);
      setBusy(false);
    }
  };

  useEffect(() => {
    if (linkToken && !started.current) {
      started.current = true;
      void verify(linkToken);
    }
  }, [linkToken]);

  const submitCode = (event: Event) => {
    event.preventDefault();
    if (code.trim() === '') {
      setCodeError(t.login.codeEmpty);
      return;
    }
    setCodeError(undefined);
    void verify(code.trim());
  };

  const submitEmail = async (event: Event) => {
    event.preventDefault();
    if (email.trim() === '') {
      setEmailError(t.login.emailEmpty);
      return;
    }
    setEmailError(undefined);
    setProblem(undefined);
    try {
      await api('POST', `${base}/login`, { email: email.trim(), lang: t.lang });
      setSent(true);
    } catch (e) {
      setProblem(e);
    }
  };

  return (
    <>
      <Heading>{t.login.title}</Heading>
      {busy && <Busy text={t.login.fromLink} />}
      {problem !== undefined && (
        <Problem>
          <p>{problemText(t, problem)}</p>
        </Problem>
      )}
      {!busy && (
        <>
          <form onSubmit={submitCode} noValidate>
            <h2>{t.login.codeHeading}</h2>
            <label class="field" for="login-code">
              {t.login.codeLabel}
            </label>
            <p class="hint" id="login-code-hint">
              {t.login.codeHint}
            </p>
            {codeError && (
              <p class="field-error" id="login-code-error">
                {codeError}
              </p>
            )}
            <input
              type="text"
              id="login-code"
              name="code"
              autocomplete="one-time-code"
              autocapitalize="characters"
              spellcheck={false}
              value={code}
              aria-invalid={codeError ? true : undefined}
              aria-describedby={codeError ? 'login-code-hint login-code-error' : 'login-code-hint'}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
            <div class="actions">
              <button type="submit" class="primary">
                {t.login.codeButton}
              </button>
            </div>
          </form>
          <form onSubmit={submitEmail} noValidate>
            <h2>{t.login.emailHeading}</h2>
            <label class="field" for="login-email">
              {t.login.emailLabel}
            </label>
            <p class="hint" id="login-email-hint">
              {t.login.emailHint}
            </p>
            {emailError && (
              <p class="field-error" id="login-email-error">
                {emailError}
              </p>
            )}
            <input
              type="email"
              id="login-email"
              name="email"
              autocomplete="email"
              value={email}
              aria-invalid={emailError ? true : undefined}
              aria-describedby={emailError ? 'login-email-hint login-email-error' : 'login-email-hint'}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
            <div role="status">{sent && <p class="notice">{t.login.emailSent}</p>}</div>
            <div class="actions">
              <button type="submit" class="secondary">
                {t.login.emailButton}
              </button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
