/**
 * Who may do what: organiser login with a password, voter login by a one-time email link or code,
 * bearer tokens for trustees and the CLI, and the preHandlers that turn a session into
 * `request.principal`.
 *
 * Sessions are 32 random bytes, sent as the `psephos_session` cookie (httpOnly, SameSite=Strict) or as
 * `Authorization: Bearer`; the store keeps only their SHA-256, so a copy of the database logs nobody in.
 * A cookie session must also send `x-csrf-token` on every request that changes something. Nothing here
 * logs a token, a code, a cookie or a password.
 *
 * The voter's email carries one secret in two forms: the link holds a 32-byte token; the code shown
 * beside it (12 Crockford base32 characters, 60 bits) is derived from that token. The store keeps one
 * record, the hash of the code (with the election), so whichever form is used first uses up both.
 *
 * @example
 * ```ts
 * await app.register(authPlugin, { store, config, mailer });
 * app.get('/api/elections/:id/me', { preHandler: requireVoter() }, (req) => req.principal);
 * ```
 */
import { createHash, randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { base32crockford } from '@scure/base';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { equalBytes, utf8 } from '../crypto/bytes.ts';
import { emailKey } from '../store/rules.ts';
import type { Session, Store } from '../store/store.ts';
import type { Config } from './config.ts';
import { ApiError } from './errors.ts';
import { loginMessage, type Mailer, type MailLanguage, MailSender } from './mail.ts';
import { MAX_PASSWORD_LENGTH, UNMATCHABLE_HASH, verifyPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { ElectionParams, ErrorReply } from './schema.ts';

/** The session cookie's name. @example `request.cookies[SESSION_COOKIE]` */
export const SESSION_COOKIE = 'psephos_session';
/** The header a cookie session sends its CSRF token in. @example `headers: { [CSRF_HEADER]: csrf }` */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * In-memory limits on top of the app's per-IP rate limit (per node: enough against one noisy client).
 * @example `app.register(authPlugin, { store, config, limits: { loginEmailsPerHour: 3 } })`
 */
export interface AuthLimits {
  /** Login emails per address per hour (stops mail bombing through the login form). */
  loginEmailsPerHour: number;
  /** Wrong passwords per IP per 15 minutes. */
  adminFailuresPer15Min: number;
  /** Wrong links or codes per IP per 15 minutes. */
  tokenFailuresPer15Min: number;
}
const DEFAULT_LIMITS: AuthLimits = {
  loginEmailsPerHour: 5,
  adminFailuresPer15Min: 10,
  tokenFailuresPer15Min: 20,
};

/** authPlugin's options. @example `{ store, config, mailer, now: () => clock }` */
export interface AuthOptions {
  store: Store;
  config: Config;
  /** The clock (tests move it). */
  now?: () => Date;
  /** When given, the plugin drains the outbox through it while the server runs (see MailSender). */
  mailer?: Mailer;
  limits?: Partial<AuthLimits>;
}

/**
 * What the preHandlers need, decorated on the Fastify instance by authPlugin.
 * @example `await app.psephosAuth.settled(); await app.psephosAuth.mail?.flush();`
 */
export interface AuthContext {
  readonly store: Store;
  readonly now: () => Date;
  /** The sender started for `mailer`, if one was given (the demo calls its flush()). */
  readonly mail: MailSender | undefined;
  /** Resolves once every login email asked for so far has been queued (or has failed). */
  settled(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    psephosAuth: AuthContext;
  }
}

// ---------------------------------------------------------------------------------------------------
// Secrets and their hashes

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const CODE_LENGTH = 12;
const CODE = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** 32 random bytes, base64url: a session id, a bearer token, a login token or a CSRF token. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sha256(...parts: string[]): string {
  const h = createHash('sha256');
  for (const [i, part] of parts.entries()) h.update(i === 0 ? part : `\0${part}`);
  return h.digest('base64url');
}

/** The store key of a session or bearer token. */
function sessionKey(token: string): string {
  return sha256(token);
}

/** The code shown in the email: the first 60 bits of a hash of the link token, in Crockford base32. */
function codeOf(token: string): string {
  const digest = createHash('sha256').update('psephos/v1/login/code\0').update(token).digest();
  return base32crockford.encode(digest.subarray(0, 10)).slice(0, CODE_LENGTH);
}

/** The store key of a login: bound to the election, so one table of guesses does not serve two. */
function loginKey(election: string, code: string): string {
  return sha256('psephos/v1/login/key', election, code);
}

/**
 * The code in a verify request, from either form: the link's token, or the code as typed (any case,
 * with or without dashes and spaces; O read as 0 and I, L as 1, as Crockford base32 allows).
 */
function codeFrom(input: string): string | undefined {
  if (TOKEN.test(input)) return codeOf(input);
  const typed = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CODE.test(typed) ? typed : undefined;
}

/** `ABCD-EFGH-JKMN`: groups of four are easier to read out and type. */
function formatCode(code: string): string {
  return code.match(/.{4}/g)!.join('-');
}

/**
 * A fresh login secret for an email: the link's token, the code shown beside it (in groups of four)
 * and the store key of both. Login emails and invitations (routes/invitations.ts) issue them.
 * @example `const { token, code, key } = newLoginSecret('leader-2026')`
 */
export function newLoginSecret(election: string): { token: string; code: string; key: string } {
  const token = newToken();
  const code = codeOf(token);
  return { token, code: formatCode(code), key: loginKey(election, code) };
}

/**
 * The link in a login email. The token goes in the fragment: browsers send it neither to the server
 * nor in Referer headers, so it stays out of access logs; the booth page reads it and posts it to
 * /login/verify.
 * @example `loginLink('https://vote.example.org', 'leader-2026', token)` → `'https://vote.example.org/vote/leader-2026/login#…'`
 */
export function loginLink(publicUrl: string, election: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/vote/${encodeURIComponent(election)}/login#${token}`;
}

function hoursFrom(now: Date, hours: number): string {
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

// ---------------------------------------------------------------------------------------------------
// Tokens issued outside a login

/**
 * Creates a bearer token for trustee `trustee` (1, 2, …) of an election, for the key ceremony and the
 * decryption, valid for `ttlHours`. The token is returned once; the store keeps only its hash — which is
 * why a reminder gives the trustee a fresh one rather than the one they lost.
 * @example `const token = await issueTrusteeToken(store, 'leader-2026', 2, 24 * 7)`
 */
export async function issueTrusteeToken(
  store: Store,
  election: string,
  trustee: number,
  ttlHours: number,
  now = new Date(),
): Promise<string> {
  if (!Number.isSafeInteger(trustee) || trustee < 1) throw new RangeError('trustees are numbered from 1');
  if (!(ttlHours > 0)) throw new RangeError('a token must be valid for some time');
  const token = newToken();
  const session: Session = {
    kind: 'trustee',
    subject: String(trustee),
    election,
    csrf: newToken(),
    expiresAt: hoursFrom(now, ttlHours),
  };
  await store.createSession(sessionKey(token), session);
  return token;
}

/**
 * Creates one bearer token per trustee (trustee i gets index i − 1), as issueTrusteeToken does for one.
 * @example `const [t1, t2, t3] = await issueTrusteeTokens(store, 'leader-2026', 3, 24 * 7)`
 */
export async function issueTrusteeTokens(
  store: Store,
  election: string,
  trustees: number,
  ttlHours: number,
  now = new Date(),
): Promise<string[]> {
  if (!Number.isSafeInteger(trustees) || trustees < 1)
    throw new RangeError('there must be at least one trustee');
  const tokens: string[] = [];
  for (let i = 1; i <= trustees; i++) tokens.push(await issueTrusteeToken(store, election, i, ttlHours, now));
  return tokens;
}

/**
 * Creates an organiser's bearer token (for the CLI); returned once, stored hashed.
 * @example `const token = await createAdminToken(store, 'returning-officer', 8)`
 */
export async function createAdminToken(store: Store, username: string, ttlHours: number, now = new Date()) {
  if (!(ttlHours > 0)) throw new RangeError('a token must be valid for some time');
  const token = newToken();
  await store.createSession(sessionKey(token), {
    kind: 'admin',
    subject: username,
    election: null,
    csrf: newToken(),
    expiresAt: hoursFrom(now, ttlHours),
  });
  return token;
}

// ---------------------------------------------------------------------------------------------------
// Reading a request's session

interface Found {
  readonly key: string;
  readonly session: Session;
  readonly via: Principal['via'];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function context(request: FastifyRequest): AuthContext {
  const ctx = request.server.psephosAuth;
  if (!ctx) throw new Error('authPlugin is not registered');
  return ctx;
}

/** The presented token: a Bearer header wins over the cookie (a browser never sends one by itself). */
function presented(request: FastifyRequest): { token: string; via: Principal['via'] } | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return { token: match[1]!, via: 'bearer' };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

async function findSession(request: FastifyRequest): Promise<Found | undefined> {
  const shown = presented(request);
  if (!shown || !TOKEN.test(shown.token)) return undefined;
  const { store, now } = context(request);
  const key = sessionKey(shown.token);
  const session = await store.session(key, now().toISOString());
  return session ? { key, session, via: shown.via } : undefined;
}

/** 403 `csrf` unless a cookie session's write carries its CSRF token (compared in constant time). */
function checkCsrf(request: FastifyRequest, found: Found): void {
  if (found.via !== 'cookie' || SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !equalBytes(utf8(sent), utf8(found.session.csrf))) {
    throw new ApiError(403, 'csrf', `this request must carry the ${CSRF_HEADER} header given at login`);
  }
}

function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) throw new Error(`route ${request.routeOptions.url} has no :${name} parameter`);
  return String(value);
}

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

function guard(allowed: (session: Session, request: FastifyRequest) => boolean): Guard {
  return async (request) => {
    const found = await findSession(request);
    if (!found)
      throw new ApiError(401, 'login-required', 'please log in first (or again: the session has ended)');
    if (!allowed(found.session, request))
      throw new ApiError(403, 'forbidden', 'this login does not give access to this page');
    checkCsrf(request, found);
    const { kind, subject, election } = found.session;
    request.principal = { kind, subject, election, via: found.via };
  };
}

/**
 * preHandler: an organiser's session.
 * @example `app.post('/api/admin/elections', { preHandler: requireAdmin() }, handler)`
 */
export function requireAdmin(): Guard {
  return guard((s) => s.kind === 'admin');
}

/**
 * preHandler: a voter's session for the election in `:id`.
 * @example `app.post('/api/elections/:id/ballots', { preHandler: requireVoter() }, handler)`
 */
export function requireVoter(): Guard {
  return guard((s, request) => s.kind === 'voter' && s.election === param(request, 'id'));
}

/**
 * preHandler: trustee `:trustee` of the election in `:id`.
 * @example `app.post('/api/elections/:id/trustees/:trustee/dealing', { preHandler: requireTrustee() }, handler)`
 */
export function requireTrustee(): Guard {
  return guard(
    (s, request) =>
      s.kind === 'trustee' && s.election === param(request, 'id') && s.subject === param(request, 'trustee'),
  );
}

// ---------------------------------------------------------------------------------------------------
// In-memory limits

/** Counts events per key in fixed windows; forgets old keys so that random keys cannot fill memory. */
class WindowLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #hits = new Map<string, { count: number; resetAt: number }>();
  #sweepAt = 10_000;

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Seconds until `key` may go on, or 0 if it is within the limit. */
  blocked(key: string, now: number): number {
    const entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now || entry.count < this.#limit) return 0;
    return Math.ceil((entry.resetAt - now) / 1000);
  }

  /** Counts one event for `key`. */
  hit(key: string, now: number): void {
    const entry = this.#hits.get(key);
    if (entry && entry.resetAt > now) entry.count++;
    else this.#hits.set(key, { count: 1, resetAt: now + this.#windowMs });
    if (this.#hits.size >= this.#sweepAt) {
      for (const [k, e] of this.#hits) if (e.resetAt <= now) this.#hits.delete(k);
      this.#sweepAt = Math.max(10_000, this.#hits.size * 2);
    }
  }
}

function tooMany(reply: FastifyReply, seconds: number, code: string, message: string): ApiError {
  void reply.header('retry-after', String(seconds));
  return new ApiError(429, code, message);
}

// ---------------------------------------------------------------------------------------------------
// Routes

// The OpenAPI document's tags (app.ts lists them): each route under the people who use it.
const ORGANISER = ['organiser'];
const VOTER = ['voter'];
const PUBLIC = ['public'];
const NO_STORE = 'no-store';
const ErrorReplies = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 429: ErrorReply };

const SessionReply = {
  type: 'object',
  required: ['csrf', 'expiresAt'],
  properties: {
    csrf: { type: 'string', description: `send it back in the ${CSRF_HEADER} header of every write` },
    expiresAt: { type: 'string', format: 'date-time' },
  },
} as const;

const VoterSessionReply = {
  ...SessionReply,
  required: ['csrf', 'token', 'expiresAt'],
  properties: {
    ...SessionReply.properties,
    token: { type: 'string', description: 'for clients without cookies: Authorization: Bearer <token>' },
  },
} as const;

const LoginBody = {
  type: 'object',
  required: ['email'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' },
    lang: { type: 'string', enum: ['en', 'cy'], description: 'the language of the email (default: English)' },
  },
} as const;

function electionTitle(draft: unknown, fallback: string): string {
  const title = (draft as { title?: unknown } | null)?.title;
  return typeof title === 'string' && title.trim() !== '' ? title : fallback;
}

/**
 * The authentication routes, the `psephosAuth` decoration the preHandlers read, and (when `mailer` is
 * given) the outbox sender. Not encapsulated, so that routes registered anywhere can use the guards.
 * Registers @fastify/cookie if it is not there yet (register it first, or not at all).
 *
 * Routes: POST /api/admin/login, POST /api/admin/logout, POST /api/elections/:id/login,
 * POST /api/elections/:id/login/verify, POST /api/elections/:id/logout, GET /api/session.
 *
 * @example `await app.register(authPlugin, { store, config, mailer })`
 */
export const authPlugin: FastifyPluginAsync<AuthOptions> = async (app, options) => {
  const { store, config } = options;
  const now = options.now ?? (() => new Date());
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie);

  const pending = new Set<Promise<void>>();
  const mail = options.mailer ? new MailSender(store, options.mailer, { log: app.log }) : undefined;
  const ctx: AuthContext = {
    store,
    now,
    mail,
    async settled() {
      await Promise.allSettled([...pending]);
    },
  };
  app.decorate('psephosAuth', ctx);
  app.addHook('onReady', async () => mail?.start());
  app.addHook('onClose', async () => {
    await ctx.settled();
    await mail?.stop();
  });

  const emails = new WindowLimiter(limits.loginEmailsPerHour, 3_600_000);
  const adminFailures = new WindowLimiter(limits.adminFailuresPer15Min, 900_000);
  const tokenFailures = new WindowLimiter(limits.tokenFailuresPer15Min, 900_000);
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: config.secureCookies,
  } as const;

  /** Starts a session for a fresh login, replacing the one this browser had. */
  async function startSession(
    request: FastifyRequest,
    reply: FastifyReply,
    session: Omit<Session, 'csrf' | 'expiresAt'>,
  ): Promise<{ token: string; csrf: string; expiresAt: string }> {
    const old = request.cookies[SESSION_COOKIE];
    if (old && TOKEN.test(old)) await store.deleteSession(sessionKey(old));
    const token = newToken();
    const csrf = newToken();
    const expiresAt = hoursFrom(now(), config.sessionHours);
    await store.createSession(sessionKey(token), { ...session, csrf, expiresAt });
    void reply.setCookie(SESSION_COOKIE, token, cookieOptions).header('cache-control', NO_STORE);
    return { token, csrf, expiresAt };
  }

  /** Ends the request's session if `mine` says it is the one to end; lenient when there is none. */
  async function endSession(
    request: FastifyRequest,
    reply: FastifyReply,
    mine: (s: Session) => boolean,
  ): Promise<void> {
    const found = await findSession(request);
    if (found) {
      if (!mine(found.session)) throw new ApiError(403, 'forbidden', 'this login is not the one to end here');
      checkCsrf(request, found);
      await store.deleteSession(found.key);
    }
    if (found?.via !== 'bearer') void reply.clearCookie(SESSION_COOKIE, cookieOptions);
    void reply.code(204);
  }

  app.post<{ Body: { username: string; password: string } }>(
    '/api/admin/login',
    {
      schema: {
        tags: ORGANISER,
        summary: 'Organiser login: sets the session cookie and returns the CSRF token',
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 200 },
            password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
          },
        },
        response: { 200: SessionReply, ...ErrorReplies },
      },
    },
    async (request, reply) => {
      const key = request.ip;
      const wait = adminFailures.blocked(key, now().getTime());
      if (wait > 0)
        throw tooMany(
          reply,
          wait,
          'too-many-attempts',
          'too many wrong passwords from here; try again later',
        );
      const { username, password } = request.body;
      const stored = await store.adminPasswordHash(username);
      // An unknown username costs the same scrypt as a wrong password: the reply and its timing are alike.
      const ok = await verifyPassword(password, stored ?? UNMATCHABLE_HASH);
      if (!stored || !ok) {
        adminFailures.hit(key, now().getTime());
        throw new ApiError(401, 'bad-login', 'wrong username or password');
      }
      const { csrf, expiresAt } = await startSession(request, reply, {
        kind: 'admin',
        subject: username,
        election: null,
      });
      return { csrf, expiresAt };
    },
  );

  app.post(
    '/api/admin/logout',
    {
      schema: {
        tags: ORGANISER,
        summary: 'Organiser logout: ends the session',
        response: { 204: { type: 'null' }, ...ErrorReplies },
      },
    },
    async (request, reply) => endSession(request, reply, (s) => s.kind === 'admin'),
  );

  app.post<{ Params: { id: string }; Body: { email: string; lang?: MailLanguage } }>(
    '/api/elections/:id/login',
    {
      schema: {
        tags: VOTER,
        summary: 'Voter login, step 1: emails a one-time link and code if the address is on the roll',
        description: 'The reply is the same whether or not the address is on the roll.',
        params: ElectionParams,
        body: LoginBody,
        response: {
          202: { type: 'object', required: ['sent'], properties: { sent: { type: 'boolean' } } },
          ...ErrorReplies,
        },
      },
    },
    async (request, reply) => {
      const election = request.params.id;
      const { email, lang = 'en' } = request.body;
      // Counted for every address, on the roll or not, so that the limit itself reveals nothing.
      const address = emailKey(email);
      const wait = emails.blocked(address, now().getTime());
      if (wait > 0)
        throw tooMany(
          reply,
          wait,
          'too-many-logins',
          'several login emails were already sent to this address; please use the latest one, or try again later',
        );
      emails.hit(address, now().getTime());
      // The roll lookup and the queueing happen after the reply, so that its timing does not tell
      // members from non-members. A failure here only means the voter asks again.
      const work = sendLogin(election, email, lang).catch((e: unknown) =>
        request.log.error({ err: e, election }, 'a login email could not be queued'),
      );
      pending.add(work);
      void work.finally(() => pending.delete(work));
      void reply.code(202);
      return { sent: true };
    },
  );

  async function sendLogin(election: string, email: string, lang: MailLanguage): Promise<void> {
    const voter = await store.voterByEmail(election, email);
    if (!voter) return;
    const stored = await store.election(election);
    const { token, code, key } = newLoginSecret(election);
    const expiresAt = new Date(now().getTime() + config.loginMinutes * 60_000).toISOString();
    await store.createLoginToken(election, voter.voterId, key, expiresAt);
    const message = loginMessage(lang, {
      electionTitle: electionTitle(stored?.draft, election),
      link: loginLink(config.publicUrl, election, token),
      code,
      minutes: config.loginMinutes,
    });
    await store.enqueueMail({ to: voter.email, ...message });
  }

  app.post<{ Params: { id: string }; Body: { token: string } }>(
    '/api/elections/:id/login/verify',
    {
      schema: {
        tags: VOTER,
        summary: 'Voter login, step 2: uses the link token or the code once and starts a session',
        params: ElectionParams,
        body: {
          type: 'object',
          required: ['token'],
          additionalProperties: false,
          properties: {
            token: {
              type: 'string',
              minLength: 1,
              maxLength: 128,
              description: 'the link token or the code',
            },
          },
        },
        response: { 200: VoterSessionReply, ...ErrorReplies },
      },
    },
    async (request, reply) => {
      const election = request.params.id;
      const key = request.ip;
      const wait = tokenFailures.blocked(key, now().getTime());
      if (wait > 0)
        throw tooMany(
          reply,
          wait,
          'too-many-attempts',
          'too many wrong links or codes from here; try again later',
        );
      const code = codeFrom(request.body.token.trim());
      const voterId = code
        ? await store.consumeLoginToken(election, loginKey(election, code), now().toISOString())
        : undefined;
      if (!voterId) {
        tokenFailures.hit(key, now().getTime());
        throw new ApiError(
          401,
          'bad-login-token',
          'this link or code is wrong, already used or out of date; please ask for a new one',
        );
      }
      return startSession(request, reply, { kind: 'voter', subject: voterId, election });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/elections/:id/logout',
    {
      schema: {
        tags: VOTER,
        summary: 'Voter logout: ends the session',
        params: ElectionParams,
        response: { 204: { type: 'null' }, ...ErrorReplies },
      },
    },
    async (request, reply) =>
      endSession(request, reply, (s) => s.kind === 'voter' && s.election === request.params.id),
  );

  app.get(
    '/api/session',
    {
      schema: {
        tags: PUBLIC,
        summary: 'The current login (and its CSRF token, for a page that was reloaded)',
        response: {
          200: {
            type: 'object',
            required: ['kind', 'subject', 'election', 'csrf', 'expiresAt'],
            properties: {
              kind: { type: 'string', enum: ['admin', 'voter', 'trustee'] },
              subject: { type: 'string' },
              election: { type: ['string', 'null'] },
              csrf: { type: 'string' },
              expiresAt: { type: 'string', format: 'date-time' },
            },
          },
          ...ErrorReplies,
        },
      },
    },
    async (request, reply) => {
      const found = await findSession(request);
      if (!found) throw new ApiError(401, 'login-required', 'not logged in');
      void reply.header('cache-control', NO_STORE);
      const { kind, subject, election, csrf, expiresAt } = found.session;
      return { kind, subject, election, csrf, expiresAt };
    },
  );
};

// Not encapsulated (what fastify-plugin does): the decoration and the guards serve the whole app.
Object.assign(authPlugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'psephos-auth',
});
