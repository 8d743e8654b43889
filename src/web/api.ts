/**
 * The pages' only way to the server: same-origin JSON calls. The session is the httpOnly cookie the
 * login sets; every write also sends the CSRF token the login (or GET /api/session) returned. A refusal
 * becomes an ApiProblem with the server's stable code, and `problemText` turns any error into plain
 * words in the voter's language — a lost connection included.
 *
 * @example
 * ```ts
 * const { csrf } = await api<{ csrf: string }>('POST', `/api/elections/${id}/login/verify`, { token });
 * setCsrf(csrf);
 * await api('POST', `/api/elections/${id}/ballots`, ballot); // sends x-csrf-token
 * ```
 */
import type { Messages } from './i18n/index.ts';

/** A refusal or a failure to reach the server; `status` 0 when no answer came back. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = code;
  }
}

let csrfToken: string | undefined;

/** The CSRF token of the current login (from the login reply or GET /api/session). */
export function setCsrf(token: string | undefined): void {
  csrfToken = token;
}

let bearerToken: string | undefined;

/**
 * A bearer token to send with every call (a trustee's token from the invitation link: trustees have no
 * cookie login). `setBearer(undefined)` stops sending it.
 * @example `setBearer(tokenFromLink); await api('POST', `/api/elections/${id}/trustees/2/identity`, body)`
 */
export function setBearer(token: string | undefined): void {
  bearerToken = token;
}

/** A JSON call to this server; resolves to the parsed reply (undefined for 204), or throws ApiProblem. */
export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (bearerToken) headers.authorization = `Bearer ${bearerToken}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiProblem(0, 'offline', `${method} ${path}: no answer from the server`);
  }
  const text = await response.text().catch(() => undefined);
  if (text === undefined) throw new ApiProblem(0, 'offline', `${method} ${path}: the answer was cut off`);
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    if (response.ok) throw new ApiProblem(response.status, 'bad-reply', `${method} ${path}: not JSON`);
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : `http-${response.status}`;
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`;
    throw new ApiProblem(response.status, code, message);
  }
  return json as T;
}

/** Ballot refusals that mean "this ballot failed a check" (SPEC.md §11 codes). */
const BAD_BALLOT = new Set(['malformed', 'wrong-shape', 'bad-element', 'bad-signature', 'bad-proof']);
const KNOWN = [
  'offline',
  'bad-login-token',
  'too-many-attempts',
  'too-many-logins',
  'login-required',
  'forbidden',
  'unknown-election',
  'election-not-open',
  'already-voted',
  'credential-taken',
  'unlisted-credential',
  'wrong-election',
  'bad-reply',
  'worker',
] as const;
type Known = (typeof KNOWN)[number];

/** The plain-words key of an API problem's code. */
export function problemKey(problem: ApiProblem): keyof Messages['errors'] {
  if ((KNOWN as readonly string[]).includes(problem.code)) return problem.code as Known;
  if (BAD_BALLOT.has(problem.code)) return 'bad-ballot';
  if (problem.status === 429) return 'rate-limited';
  if (problem.status === 503) return 'unavailable';
  if (problem.status >= 500) return 'internal';
  return 'other';
}

/** Any error as a sentence for the voter: never a stack trace, never a blank. */
export function problemText(t: Messages, error: unknown): string {
  if (!(error instanceof ApiProblem)) return t.errors.internal;
  const key = problemKey(error);
  const text = t.errors[key];
  return typeof text === 'function' ? text(error.code) : text;
}

/** True when trying the same request again may succeed (no answer, or the server was busy). */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof ApiProblem &&
    (error.status === 0 || error.status === 429 || error.status >= 500 || error.code === 'bad-reply')
  );
}
