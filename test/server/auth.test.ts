/**
 * Authentication end to end through Fastify's inject: organiser login, voter login by email (through a
 * real SMTP sink), sessions by cookie and by bearer token, CSRF, single use and expiry of login tokens,
 * no enumeration of the roll, trustee tokens, the in-memory limits, and no secret in the logs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import {
  type AuthLimits,
  authPlugin,
  createAdminToken,
  issueTrusteeToken,
  issueTrusteeTokens,
  requireAdmin,
  requireTrustee,
  requireVoter,
} from '../../src/server/auth.ts';
import { Config } from '../../src/server/config.ts';
import { errorHandler } from '../../src/server/errors.ts';
import { createSmtpMailer, type Mailer, MailSender } from '../../src/server/mail.ts';
import { hashPassword, PasswordError, UNMATCHABLE_HASH, verifyPassword } from '../../src/server/passwords.ts';
import { ElectionParams, TrusteeParams } from '../../src/server/schema.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';

const ELECTION = 'leader-2026';
const OTHER = 'deputy-2026';
const PASSWORD = 'correct horse battery staple';
const PUBLIC_URL = 'https://vote.example.org';

interface Harness {
  app: FastifyInstance;
  store: Store;
  logs: string[];
  /** Moves the injected clock. */
  advance(ms: number): void;
}

async function harness(
  options: { limits?: Partial<AuthLimits>; secureCookies?: boolean } = {},
): Promise<Harness> {
  const store = await makeStore();
  await store.createElection({
    id: ELECTION,
    draft: { title: 'Party leader 2026' },
    boardSecretKey: new Uint8Array(32),
  });
  await store.createElection({
    id: OTHER,
    draft: { title: 'Deputy 2026' },
    boardSecretKey: new Uint8Array(32),
  });
  await store.addVoters(ELECTION, [
    { voterId: 'm-001', email: 'ada@example.org', name: 'Ada' },
    { voterId: 'm-002', email: 'bryn@example.org', name: 'Bryn' },
  ]);
  await store.setAdmin('returning-officer', await hashPassword(PASSWORD));
  const config = Config.parse({ publicUrl: PUBLIC_URL, secureCookies: options.secureCookies ?? false });
  let time = Date.parse('2026-03-01T09:00:00.000Z');
  const logs: string[] = [];
  const app = Fastify({ logger: { level: 'trace', stream: { write: (line: string) => logs.push(line) } } });
  await app.register(fastifyCookie);
  app.setErrorHandler(errorHandler);
  await app.register(authPlugin, { store, config, now: () => new Date(time), limits: options.limits });
  const echo = async (request: { principal?: unknown }) => request.principal;
  app.get('/api/admin/ping', { preHandler: requireAdmin() }, echo);
  app.post('/api/admin/ping', { preHandler: requireAdmin() }, echo);
  app.post(
    '/api/elections/:id/ping',
    { schema: { params: ElectionParams }, preHandler: requireVoter() },
    echo,
  );
  app.post(
    '/api/elections/:id/trustees/:trustee/ping',
    { schema: { params: TrusteeParams }, preHandler: requireTrustee() },
    echo,
  );
  await app.ready();
  return { app, store, logs, advance: (ms) => (time += ms) };
}

const dir = mkdtempSync(join(tmpdir(), 'psephos-auth-'));
const opened: { store: Store; path: string }[] = [];
after(async () => {
  for (const { store } of opened) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh SQLite store in a temporary file. */
async function makeStore(): Promise<Store> {
  const path = join(dir, `store-${opened.length}.sqlite`);
  const store = await openStore(`sqlite:${path}`);
  opened.push({ store, path });
  return store;
}

function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'psephos_session');
  assert.ok(cookie, 'a session cookie is set');
  return cookie.value;
}

function errorCode(response: LightMyRequestResponse): string {
  return (response.json() as { error: { code: string } }).error.code;
}

async function adminLogin(h: Harness, username = 'returning-officer', password = PASSWORD) {
  return h.app.inject({ method: 'POST', url: '/api/admin/login', payload: { username, password } });
}

describe('organiser login', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });

  test('a right password sets an httpOnly, SameSite=Strict cookie and returns the CSRF token', async () => {
    const response = await adminLogin(h);
    assert.equal(response.statusCode, 200);
    const { csrf, expiresAt } = response.json() as { csrf: string; expiresAt: string };
    assert.match(csrf, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(expiresAt, '2026-03-01T21:00:00.000Z');
    const cookie = response.cookies.find((c) => c.name === 'psephos_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.secure, undefined);
    assert.equal(response.headers['cache-control'], 'no-store');
    const ping = await h.app.inject({ url: '/api/admin/ping', cookies: { psephos_session: cookie.value } });
    assert.equal(ping.statusCode, 200);
    assert.deepEqual(ping.json(), {
      kind: 'admin',
      subject: 'returning-officer',
      election: null,
      via: 'cookie',
    });
  });

  test('the cookie is Secure when the configuration says so', async () => {
    const secure = await harness({ secureCookies: true });
    const response = await adminLogin(secure);
    assert.equal(response.cookies.find((c) => c.name === 'psephos_session')?.secure, true);
  });

  test('an unknown username and a wrong password get the same reply, after the same scrypt work', async () => {
    await adminLogin(h, 'returning-officer', 'warm-up the scrypt code path');
    let started = performance.now();
    const unknown = await adminLogin(h, 'nobody', PASSWORD);
    const unknownMs = performance.now() - started;
    started = performance.now();
    const wrong = await adminLogin(h, 'returning-officer', 'not the password at all');
    const wrongMs = performance.now() - started;
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(unknown.json(), wrong.json());
    assert.equal(errorCode(wrong), 'bad-login');
    assert.equal(unknown.headers['set-cookie'], undefined);
    // Both ran scrypt (tens of milliseconds); a skipped hash would take well under a millisecond.
    assert.ok(unknownMs > wrongMs / 4, `unknown user ${unknownMs} ms vs wrong password ${wrongMs} ms`);
  });

  test('a cookie session must send the CSRF token on writes; a bearer token need not', async () => {
    const login = await adminLogin(h);
    const { csrf } = login.json() as { csrf: string };
    const cookies = { psephos_session: sessionCookie(login) };
    const post = (headers: Record<string, string> = {}) =>
      h.app.inject({ method: 'POST', url: '/api/admin/ping', cookies, headers });
    assert.equal(errorCode(await post()), 'csrf');
    assert.equal((await post()).statusCode, 403);
    const wrong = `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'E' : 'A'}`;
    assert.equal(errorCode(await post({ 'x-csrf-token': wrong })), 'csrf');
    assert.equal((await post({ 'x-csrf-token': csrf })).statusCode, 200);
    // Reads need no token.
    assert.equal((await h.app.inject({ url: '/api/admin/ping', cookies })).statusCode, 200);

    const token = await createAdminToken(h.store, 'cli', 1, new Date('2026-03-01T09:00:00Z'));
    const bearer = await h.app.inject({
      method: 'POST',
      url: '/api/admin/ping',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(bearer.statusCode, 200);
    assert.deepEqual(bearer.json(), { kind: 'admin', subject: 'cli', election: null, via: 'bearer' });
  });

  test('no session, a bad token or an expired session: 401 login-required', async () => {
    assert.equal(errorCode(await h.app.inject({ url: '/api/admin/ping' })), 'login-required');
    const junk = await h.app.inject({
      url: '/api/admin/ping',
      headers: { authorization: 'Bearer not-a-token' },
    });
    assert.equal(junk.statusCode, 401);
    const cookies = { psephos_session: sessionCookie(await adminLogin(h)) };
    assert.equal((await h.app.inject({ url: '/api/admin/ping', cookies })).statusCode, 200);
    h.advance(12 * 3_600_000 + 1);
    const late = await h.app.inject({ url: '/api/admin/ping', cookies });
    assert.equal(late.statusCode, 401);
    assert.equal(errorCode(late), 'login-required');
  });

  test('GET /api/session tells a reloaded page its login and CSRF token', async () => {
    const login = await adminLogin(h);
    const cookies = { psephos_session: sessionCookie(login) };
    const response = await h.app.inject({ url: '/api/session', cookies });
    assert.equal(response.statusCode, 200);
    const body = response.json() as { kind: string; csrf: string };
    assert.equal(body.kind, 'admin');
    assert.equal(body.csrf, (login.json() as { csrf: string }).csrf);
    assert.equal((await h.app.inject({ url: '/api/session' })).statusCode, 401);
  });

  test('logout needs the CSRF token, ends the session and clears the cookie', async () => {
    const login = await adminLogin(h);
    const { csrf } = login.json() as { csrf: string };
    const cookies = { psephos_session: sessionCookie(login) };
    const forged = await h.app.inject({ method: 'POST', url: '/api/admin/logout', cookies });
    assert.equal(errorCode(forged), 'csrf');
    const out = await h.app.inject({
      method: 'POST',
      url: '/api/admin/logout',
      cookies,
      headers: { 'x-csrf-token': csrf },
    });
    assert.equal(out.statusCode, 204);
    assert.equal(out.cookies.find((c) => c.name === 'psephos_session')?.value, '');
    assert.equal((await h.app.inject({ url: '/api/admin/ping', cookies })).statusCode, 401);
    // Logging out twice is harmless.
    assert.equal((await h.app.inject({ method: 'POST', url: '/api/admin/logout', cookies })).statusCode, 204);
  });

  test('too many wrong passwords from one address: 429 with Retry-After', async () => {
    const limited = await harness({ limits: { adminFailuresPer15Min: 2 } });
    await adminLogin(limited, 'nobody', 'wrong-password-1');
    await adminLogin(limited, 'nobody', 'wrong-password-2');
    const blocked = await adminLogin(limited);
    assert.equal(blocked.statusCode, 429);
    assert.equal(errorCode(blocked), 'too-many-attempts');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    limited.advance(15 * 60_000);
    assert.equal((await adminLogin(limited)).statusCode, 200);
  });
});

describe('voter login by email', () => {
  let sink: SmtpSink;
  let h: Harness;
  let mailer: Mailer;
  let sender: MailSender;

  before(async () => {
    sink = await startSmtpSink();
  });
  after(async () => {
    await sink.close();
  });
  beforeEach(async () => {
    sink.messages.length = 0;
    h = await harness({ limits: { tokenFailuresPer15Min: 1000 } });
    mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      from: 'Psephos <vote@example.org>',
    });
    sender = new MailSender(h.store, mailer);
  });
  // The mailer keeps its connections to the sink open until it is closed.
  afterEach(async () => {
    await mailer.close?.();
  });

  /** Asks for a login email, delivers it through SMTP, and reads the link token and the code from it. */
  async function emailedLogin(email = 'ada@example.org', lang?: 'en' | 'cy') {
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/elections/${ELECTION}/login`,
      payload: { email, ...(lang ? { lang } : {}) },
    });
    assert.equal(response.statusCode, 202);
    assert.deepEqual(response.json(), { sent: true });
    await h.app.psephosAuth.settled();
    assert.equal(await sender.flush(), 1);
    const message = await sink.waitFor((m) => m.to === email.toLowerCase());
    sink.messages.length = 0;
    const link = new RegExp(`${PUBLIC_URL}/vote/${ELECTION}/login#([A-Za-z0-9_-]{43})`).exec(message.text);
    const code = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(message.text);
    assert.ok(link && code, 'the email has a link and a code');
    assert.ok(message.html.includes(link[0]), 'the HTML part has the same link');
    assert.ok(message.html.includes(code[1]!), 'the HTML part has the same code');
    return { token: link[1]!, code: code[1]!, message };
  }

  const verify = (token: string, election = ELECTION) =>
    h.app.inject({ method: 'POST', url: `/api/elections/${election}/login/verify`, payload: { token } });

  test('link → verify → a session that works by cookie (with CSRF) and by bearer token', async () => {
    const { token, code, message } = await emailedLogin();
    assert.match(message.subject, /Party leader 2026/);
    const response = await verify(token);
    assert.equal(response.statusCode, 200);
    const body = response.json() as { csrf: string; token: string; expiresAt: string };
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/);
    const cookies = { psephos_session: sessionCookie(response) };
    assert.equal(cookies.psephos_session, body.token);

    const url = `/api/elections/${ELECTION}/ping`;
    const byCookie = await h.app.inject({
      method: 'POST',
      url,
      cookies,
      headers: { 'x-csrf-token': body.csrf },
    });
    assert.equal(byCookie.statusCode, 200);
    assert.deepEqual(byCookie.json(), { kind: 'voter', subject: 'm-001', election: ELECTION, via: 'cookie' });
    assert.equal(errorCode(await h.app.inject({ method: 'POST', url, cookies })), 'csrf');
    const byBearer = await h.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${body.token}` },
    });
    assert.equal(byBearer.statusCode, 200);

    // Another election's routes, and the organiser's, are not this voter's.
    const other = await h.app.inject({
      method: 'POST',
      url: `/api/elections/${OTHER}/ping`,
      headers: { authorization: `Bearer ${body.token}` },
    });
    assert.equal(other.statusCode, 403);
    assert.equal(errorCode(other), 'forbidden');
    const admin = await h.app.inject({
      url: '/api/admin/ping',
      headers: { authorization: `Bearer ${body.token}` },
    });
    assert.equal(errorCode(admin), 'forbidden');

    // The link and the code are one secret: once the link is used, the code is used up too.
    assert.equal(errorCode(await verify(token)), 'bad-login-token');
    assert.equal(errorCode(await verify(code)), 'bad-login-token');
  });

  test('the code works as typed (any case, spaces, no dashes, O for 0) and uses up the link', async () => {
    const { token, code } = await emailedLogin('Ada@Example.org');
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o')} `;
    const response = await verify(typed);
    assert.equal(response.statusCode, 200);
    assert.equal(errorCode(await verify(token)), 'bad-login-token');
  });

  test('a login token is for its own election only', async () => {
    const { token } = await emailedLogin();
    assert.equal(errorCode(await verify(token, OTHER)), 'bad-login-token');
    assert.equal((await verify(token)).statusCode, 200);
  });

  test('links expire after loginMinutes; sessions after sessionHours', async () => {
    const first = await emailedLogin();
    h.advance(30 * 60_000 + 1);
    const late = await verify(first.token);
    assert.equal(late.statusCode, 401);
    assert.equal(errorCode(late), 'bad-login-token');

    const second = await emailedLogin();
    h.advance(29 * 60_000);
    const { token } = (await verify(second.code)).json() as { token: string };
    const ping = () =>
      h.app.inject({
        method: 'POST',
        url: `/api/elections/${ELECTION}/ping`,
        headers: { authorization: `Bearer ${token}` },
      });
    assert.equal((await ping()).statusCode, 200);
    h.advance(12 * 3_600_000);
    assert.equal(errorCode(await ping()), 'login-required');
  });

  test('an address not on the roll gets the same reply and no email', async () => {
    for (const [election, email] of [
      [ELECTION, 'stranger@example.org'],
      ['no-such-election', 'ada@example.org'],
    ] as const) {
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/elections/${election}/login`,
        payload: { email },
      });
      assert.equal(response.statusCode, 202);
      assert.deepEqual(response.json(), { sent: true });
    }
    await h.app.psephosAuth.settled();
    assert.equal(await sender.flush(), 0);
    assert.equal((await h.store.mailStatus()).queued, 0);
    assert.equal(sink.messages.length, 0);
  });

  test('wrong or malformed tokens: 401 bad-login-token', async () => {
    for (const token of ['AAAA-BBBB-CCCC', 'x', 'A'.repeat(43), 'ÅÅÅÅ-ÅÅÅÅ-ÅÅÅÅ'])
      assert.equal(errorCode(await verify(token)), 'bad-login-token', token);
    assert.equal(errorCode(await verify('A'.repeat(500))), 'malformed');
  });

  test('the Welsh email is in Welsh', async () => {
    const { message } = await emailedLogin('bryn@example.org', 'cy');
    assert.match(message.subject, /Eich dolen fewngofnodi/);
    assert.match(message.html, /<html lang="cy">/);
  });

  test('at most loginEmailsPerHour emails per address, counted whether or not it is on the roll', async () => {
    const ask = (email: string) =>
      h.app.inject({ method: 'POST', url: `/api/elections/${ELECTION}/login`, payload: { email } });
    for (let i = 0; i < 5; i++)
      assert.equal((await ask(i % 2 ? 'ADA@example.org' : 'ada@example.org')).statusCode, 202);
    const blocked = await ask('ada@example.org');
    assert.equal(blocked.statusCode, 429);
    assert.equal(errorCode(blocked), 'too-many-logins');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    for (let i = 0; i < 5; i++) await ask('stranger@example.org');
    assert.equal((await ask('stranger@example.org')).statusCode, 429);
    await h.app.psephosAuth.settled();
    assert.equal(await sender.flush(), 5);
    h.advance(3_600_000);
    assert.equal((await ask('ada@example.org')).statusCode, 202);
  });

  test('too many wrong codes from one address: 429', async () => {
    const limited = await harness({ limits: { tokenFailuresPer15Min: 3 } });
    const attempt = () =>
      limited.app.inject({
        method: 'POST',
        url: `/api/elections/${ELECTION}/login/verify`,
        payload: { token: 'AAAA-BBBB-CCCC' },
      });
    for (let i = 0; i < 3; i++) assert.equal((await attempt()).statusCode, 401);
    const blocked = await attempt();
    assert.equal(blocked.statusCode, 429);
    assert.equal(errorCode(blocked), 'too-many-attempts');
  });

  test('voter logout ends the session; only this election’s voter session is ended here', async () => {
    const { token } = await emailedLogin();
    const session = (await verify(token)).json() as { token: string };
    const headers = { authorization: `Bearer ${session.token}` };
    const elsewhere = await h.app.inject({ method: 'POST', url: `/api/elections/${OTHER}/logout`, headers });
    assert.equal(errorCode(elsewhere), 'forbidden');
    const out = await h.app.inject({ method: 'POST', url: `/api/elections/${ELECTION}/logout`, headers });
    assert.equal(out.statusCode, 204);
    const ping = await h.app.inject({ method: 'POST', url: `/api/elections/${ELECTION}/ping`, headers });
    assert.equal(errorCode(ping), 'login-required');
  });

  test('the store holds no token, code or session id in the clear, and the logs hold no secret', async () => {
    const { token, code } = await emailedLogin();
    const response = await verify(code);
    const session = response.json() as { csrf: string; token: string };
    const admin = await adminLogin(h);
    const secrets = [token, code, code.replaceAll('-', ''), session.token, sessionCookie(admin), PASSWORD];
    const dump = await storedText(h.store);
    for (const secret of secrets) assert.ok(!dump.includes(secret), 'no secret in the store');
    const logs = h.logs.join('\n');
    assert.ok(logs.length > 0);
    for (const secret of [...secrets, session.csrf])
      assert.ok(!logs.includes(secret), 'no secret in the logs');
  });
});

describe('passwords', () => {
  test('scrypt$N$r$p$salt$hash, salted, checked in constant time; short passwords refused', async () => {
    const stored = await hashPassword(PASSWORD);
    assert.match(stored, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.notEqual(stored, await hashPassword(PASSWORD), 'a fresh salt each time');
    assert.equal(await verifyPassword(PASSWORD, stored), true);
    assert.equal(await verifyPassword(`${PASSWORD} `, stored), false);
    assert.equal(
      await verifyPassword(PASSWORD, 'scrypt$1$8$1$AAAA$AAAA'),
      false,
      'a malformed hash never matches',
    );
    assert.equal(await verifyPassword(PASSWORD, UNMATCHABLE_HASH), false);
    await assert.rejects(hashPassword('elevenchars'), (e: unknown) => {
      assert.ok(e instanceof PasswordError);
      assert.equal(e.message, 'the password must be at least 12 characters long');
      return true;
    });
    // The same accented password, composed or decomposed, is the same password.
    const composed = 'café au lait, s’il vous plaît';
    assert.equal(await verifyPassword(composed.normalize('NFD'), await hashPassword(composed)), true);
  });
});

describe('plugin with a mailer', () => {
  test('drains the outbox while the server runs and stops with it', async () => {
    const sink = await startSmtpSink();
    const mailer = createSmtpMailer({
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      from: 'Psephos <vote@example.org>',
    });
    try {
      const store = await makeStore();
      await store.createElection({
        id: ELECTION,
        draft: { title: 'Party leader 2026' },
        boardSecretKey: new Uint8Array(32),
      });
      await store.addVoters(ELECTION, [{ voterId: 'm-001', email: 'ada@example.org', name: 'Ada' }]);
      const app = Fastify();
      app.setErrorHandler(errorHandler);
      await app.register(authPlugin, { store, config: Config.parse({ publicUrl: PUBLIC_URL }), mailer });
      await app.ready();
      const response = await app.inject({
        method: 'POST',
        url: `/api/elections/${ELECTION}/login`,
        payload: { email: 'ada@example.org' },
      });
      assert.equal(response.statusCode, 202);
      const message = await sink.waitFor((m) => m.to === 'ada@example.org');
      assert.match(message.text, /Party leader 2026/);
      assert.ok(app.psephosAuth.mail);
      await app.close();
    } finally {
      // The plugin stops its sender; the mailer is its owner's to close (buildServer closes its own).
      await mailer.close?.();
      await sink.close();
    }
  });
});

describe('trustee tokens', () => {
  test('one bearer token per trustee, each for its own trustee index and election', async () => {
    const h = await harness();
    const tokens = await issueTrusteeTokens(h.store, ELECTION, 3, 24, new Date('2026-03-01T09:00:00Z'));
    assert.equal(new Set(tokens).size, 3);
    const ping = (token: string, url: string) =>
      h.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` } });
    const mine = await ping(tokens[1]!, `/api/elections/${ELECTION}/trustees/2/ping`);
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(mine.json(), { kind: 'trustee', subject: '2', election: ELECTION, via: 'bearer' });
    assert.equal(
      errorCode(await ping(tokens[1]!, `/api/elections/${ELECTION}/trustees/1/ping`)),
      'forbidden',
    );
    assert.equal(errorCode(await ping(tokens[1]!, `/api/elections/${OTHER}/trustees/2/ping`)), 'forbidden');
    assert.equal(errorCode(await ping(tokens[1]!, `/api/elections/${ELECTION}/ping`)), 'forbidden');
    h.advance(24 * 3_600_000);
    assert.equal(
      errorCode(await ping(tokens[1]!, `/api/elections/${ELECTION}/trustees/2/ping`)),
      'login-required',
    );
  });
});

describe('a trustee token', () => {
  test('one trustee’s token, for that trustee only (a reminder’s); trustees are numbered from 1', async () => {
    const h = await harness();
    const token = await issueTrusteeToken(h.store, ELECTION, 3, 24);
    const ping = (trustee: number) =>
      h.app.inject({
        method: 'POST',
        url: `/api/elections/${ELECTION}/trustees/${trustee}/ping`,
        headers: { authorization: `Bearer ${token}` },
      });
    const mine = await ping(3);
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(mine.json(), { kind: 'trustee', subject: '3', election: ELECTION, via: 'bearer' });
    assert.equal(errorCode(await ping(1)), 'forbidden');
    assert.equal(errorCode(await ping(2)), 'forbidden');
    assert.notEqual(await issueTrusteeToken(h.store, ELECTION, 3, 24), token, 'a fresh token each time');
    for (const trustee of [0, -1, 1.5, Number.NaN])
      await assert.rejects(() => issueTrusteeToken(h.store, ELECTION, trustee, 24), RangeError);
    await assert.rejects(() => issueTrusteeToken(h.store, ELECTION, 1, 0), RangeError);
    await assert.rejects(() => issueTrusteeTokens(h.store, ELECTION, 0, 24), RangeError);
  });
});

/** The login tokens and sessions as stored (the outbox is left out: an unsent email holds its link). */
async function storedText(store: Store): Promise<string> {
  const path = opened.find((o) => o.store === store)!.path;
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return JSON.stringify([
      db.prepare('SELECT * FROM login_tokens').all(),
      db.prepare('SELECT * FROM sessions').all(),
    ]);
  } finally {
    db.close();
  }
}
