/** The organiser's login: username and password; wrong ones, and too many of them, said plainly. */
import { useRef, useState } from 'preact/hooks';
import { setCsrf } from '../api.ts';
import { Heading, Problem } from '../common.tsx';
import { useT } from '../i18n/index.ts';
import { consoleApi, consoleProblem } from './console-api.ts';
import { TextField } from './fields.tsx';

export function Login({ onLoggedIn }: { onLoggedIn: (user: string) => void }) {
  const t = useT();
  const l = t.console.login;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const gaps = { username: username.trim() === '', password: password === '' };
    setMissing(gaps);
    if (gaps.username || gaps.password) {
      document.getElementById(gaps.username ? 'login-username' : 'login-password')?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const { csrf } = await consoleApi.login(username.trim(), password);
      setCsrf(csrf);
      onLoggedIn(username.trim());
    } catch (e) {
      setProblem(e);
      setBusy(false);
      setPassword('');
      requestAnimationFrame(() => problemRef.current?.focus());
    }
  };

  return (
    <>
      <Heading>{l.title}</Heading>
      <p>{l.intro}</p>
      {problem !== undefined && (
        <div ref={problemRef} tabIndex={-1}>
          <Problem>
            <p>{consoleProblem(t, problem)}</p>
          </Problem>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <TextField
          id="login-username"
          label={l.username}
          value={username}
          onInput={setUsername}
          autocomplete="username"
          error={missing.username ? l.usernameMissing : undefined}
        />
        <TextField
          id="login-password"
          type="password"
          label={l.password}
          value={password}
          onInput={setPassword}
          autocomplete="current-password"
          error={missing.password ? l.passwordMissing : undefined}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t.app.working : l.submit}
          </button>
        </div>
      </form>
    </>
  );
}
