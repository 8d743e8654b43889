/**
 * The console's calls to the server, typed, and its refusals in the organiser's plain words. Every call
 * goes through the pages' `api` (same origin, the session cookie, the CSRF token on writes).
 *
 * @example
 * ```ts
 * const election = await consoleApi.election('leader-2026');
 * await consoleApi.step('leader-2026', 'close');
 * ```
 */
import type { ElectionDefinition } from '../../protocol/definition.ts';
import type { ElectionStatus as Status } from '../../protocol/lifecycle.ts';
import type { VerificationReport } from '../../verifier/report.ts';
import { ApiProblem, api } from '../api.ts';
import type { Lang, Messages } from '../i18n/index.ts';

/** How far along a status is (0 for a draft). @example `rank('open') > rank('ready')` */
export { statusRank as rank } from '../../protocol/lifecycle.ts';

export interface Listed {
  readonly id: string;
  readonly title: string;
  readonly practice: boolean;
  readonly status: Status;
  readonly createdAt: string;
}

export interface TrusteeView {
  readonly trustee: number;
  readonly name: string;
  readonly email: string | null;
  readonly invitedAt: string | null;
  readonly identity: boolean;
  readonly dealing: boolean;
  readonly disqualified: boolean;
  readonly share: boolean;
}

/** One election as the dashboard shows it (GET /api/admin/elections/:id). */
export interface ElectionView {
  readonly id: string;
  readonly status: Status;
  readonly definition: ElectionDefinition;
  readonly trustees: readonly TrusteeView[];
  readonly voters: { readonly total: number; readonly voted: number };
  readonly electionKey: boolean;
  readonly electorate: { readonly credentials: number; readonly members: number | null } | null;
  readonly ballots: { readonly cast: number; readonly counted: number };
  readonly tally: boolean;
  readonly result: { readonly counted: number; readonly counts: readonly (readonly number[])[] } | null;
  readonly boardSize: number;
  readonly practice: { readonly id: string; readonly status: Status } | null;
  /** For a practice election: the real election it is for. */
  readonly practiceFor: string | null;
  /** Whether the server opens voting at `opensAt` and closes it at `closesAt` by itself. */
  readonly schedule: Schedule;
}

/** The organiser's choice of steps the server takes by itself at the definition's times. */
export interface Schedule {
  readonly open: boolean;
  readonly close: boolean;
}

export interface TurnoutHour {
  readonly hour: string;
  readonly ballots: number;
  readonly cumulative: number;
}

export interface Turnout {
  readonly electorate: number | null;
  readonly voters: { readonly total: number; readonly voted: number };
  readonly cast: number;
  readonly counted: number;
  readonly hours: readonly TurnoutHour[];
}

/** The lifecycle steps the dashboard offers (each a route of the server). */
export type StepName = 'setup' | 'finish' | 'open' | 'close' | 'tally' | 'publish' | 'practice-publish';

const enc = encodeURIComponent;
const admin = (id: string) => `/api/admin/elections/${enc(id)}`;
const publicPath = (id: string) => `/api/elections/${enc(id)}`;

export const consoleApi = {
  session: () =>
    api<{ kind: string; subject: string; csrf: string; expiresAt: string }>('GET', '/api/session'),
  login: (username: string, password: string) =>
    api<{ csrf: string }>('POST', '/api/admin/login', { username, password }),
  logout: () => api<void>('POST', '/api/admin/logout'),
  list: () => api<Listed[]>('GET', '/api/admin/elections'),
  election: (id: string) => api<ElectionView>('GET', admin(id)),
  create: (definition: unknown, trustees: { email: string }[]) =>
    api<{ id: string }>('POST', '/api/admin/elections', { definition, trustees }),
  update: (id: string, definition: unknown, trustees: { email: string }[]) =>
    api<{ id: string }>('POST', `${admin(id)}/draft`, { definition, trustees }),
  turnout: (id: string) => api<Turnout>('GET', `${admin(id)}/turnout`),
  report: (id: string) => api<VerificationReport>('GET', `${admin(id)}/report`),
  remind: (id: string, trustee: number, lang: Lang, email?: string) =>
    api<{ sent: boolean }>('POST', `${admin(id)}/trustees/${trustee}/remind`, {
      lang,
      ...(email ? { email } : {}),
    }),
  practice: (id: string, lang: Lang) =>
    api<{ id: string; status: Status; voters: number; created: boolean }>('POST', `${admin(id)}/practice`, {
      lang,
    }),
  schedule: (id: string, schedule: Schedule) =>
    api<{ schedule: Schedule }>('POST', `${admin(id)}/schedule`, schedule),
  /** Runs a lifecycle step. */
  async step(id: string, step: StepName, lang: Lang): Promise<void> {
    switch (step) {
      case 'setup':
        await api('POST', `${admin(id)}/setup`, { lang });
        return;
      case 'finish':
        await api('POST', `${publicPath(id)}/ceremony/finish`);
        return;
      case 'tally':
        // Then each trustee is emailed the link to decrypt (a practice election has none to email).
        await api('POST', `${publicPath(id)}/tally`);
        await api('POST', `${admin(id)}/trustees/call`, { lang });
        return;
      case 'practice-publish':
        // The server, as the practice's trustee, decrypts (a second call does nothing), then publishes.
        await api('POST', `${admin(id)}/practice/decrypt`);
        await api('POST', `${publicPath(id)}/publish`);
        return;
      default:
        await api('POST', `${publicPath(id)}/${step}`);
    }
  },
};

/** Links the console offers for downloads and public pages. */
export const links = {
  record: (id: string) => `${publicPath(id)}/record`,
  turnoutCsv: (id: string) => `${admin(id)}/turnout.csv`,
  results: (id: string) => `/elections/${enc(id)}/results`,
  board: (id: string) => `/elections/${enc(id)}/board`,
  election: (id: string) => `/elections/${enc(id)}`,
  booth: (id: string) => `/vote/${enc(id)}`,
};

/** True when a refusal means the session has ended (the console then asks to log in again). */
export function isLoggedOut(error: unknown): boolean {
  return error instanceof ApiProblem && (error.code === 'login-required' || error.status === 401);
}

/** True when a step was refused because the election is no longer where the step starts from. */
export function isStale(error: unknown): boolean {
  return (
    error instanceof ApiProblem &&
    ['out-of-phase', 'wrong-status', 'exists', 'conflict', 'trustee-done', 'nothing-to-do'].includes(
      error.code,
    )
  );
}

/** Any error as a sentence for the organiser: never a stack trace, never a blank. */
export function consoleProblem(t: Messages, error: unknown): string {
  const e = t.console.errors;
  if (!(error instanceof ApiProblem)) return e.internal;
  const known = e.codes[error.code as keyof typeof e.codes];
  if (known) return known;
  if (error.status === 0) return e.offline;
  if (error.status === 429) return e.rateLimited;
  if (error.status === 503) return e.unavailable;
  if (error.status >= 500) return e.internal;
  return e.other(error.code, error.message);
}
