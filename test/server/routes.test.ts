/**
 * Negative tests of every route of the real server: malformed JSON, wrong types, unknown properties,
 * bodies that only the protocol's own schemas refuse, unknown elections, missing or invalid logins,
 * wrong roles, CSRF on cookie sessions, oversized bodies, steps out of the lifecycle's order and
 * unknown routes; and a fast-check fuzz of every body. Each refusal is a 4xx with
 * `{ error: { code, message } }` — the status and the code are checked every time — and the public
 * board has not changed afterwards. (The cast route's own tests and fuzz: cast.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { decodeElement } from '../../src/protocol/codec.ts';
import { createAdminToken } from '../../src/server/auth.ts';
import { hashPassword } from '../../src/server/passwords.ts';
import { trusteeShares } from '../../src/tally/decryption.ts';
import {
  boardSize,
  call,
  errorOf,
  group,
  openElection,
  readLoginLink,
  refused,
  startServer,
  type TestElection,
  type TestServer,
} from './fixtures.ts';

/** 32 bytes in base64url: passes every schema that wants an element, a scalar or a hash. */
const B32 = `${'A'.repeat(42)}E`;
const PROOF = { c: B32, s: B32 };
const CLERK = 'clerk';
const PASSWORD = 'correct horse battery staple';
const KiB = 1024;
const MiB = 1024 * KiB;

type Role = 'admin' | 'voter' | 'trustee' | 'public' | 'auth';

interface Route {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** `:id`, `:trustee` and `:tracker` are filled in. */
  readonly url: string;
  readonly role: Role;
  /** A body that passes the route's schema, so that the refusal under test is the one meant. */
  readonly body?: () => unknown;
  /** A body with a wrongly typed field (one that no type coercion can rescue). */
  readonly wrongType?: unknown;
  /** The route's body limit (the server's default is 256 KiB). */
  readonly bodyLimit?: number;
}

interface Context {
  server: TestServer;
  /** An open election that no test here changes. */
  election: TestElection;
  voterToken: string;
  clerk: { cookie: string; csrf: string };
  voterCookie: { cookie: string; csrf: string };
}
const ctx = {} as Context;

const definitionBody = () => ({
  definition: { ...ctx.election.open.definition, id: 'never-created', boardKey: undefined },
});

const ROUTES: readonly Route[] = [
  {
    method: 'POST',
    url: '/api/admin/login',
    role: 'auth',
    body: () => ({ username: CLERK, password: 'wrong password' }),
    wrongType: { username: { name: CLERK }, password: PASSWORD },
  },
  { method: 'POST', url: '/api/admin/logout', role: 'auth' },
  {
    method: 'POST',
    url: '/api/elections/:id/login',
    role: 'auth',
    body: () => ({ email: 'nobody@example.org' }),
    wrongType: { email: { address: 'nobody@example.org' } },
  },
  {
    method: 'POST',
    url: '/api/elections/:id/login/verify',
    role: 'auth',
    body: () => ({ token: 'ABCD-EFGH-JKMN' }),
    wrongType: { token: { code: 'ABCD-EFGH-JKMN' } },
  },
  { method: 'POST', url: '/api/elections/:id/logout', role: 'auth' },
  { method: 'GET', url: '/api/session', role: 'auth' },
  {
    method: 'POST',
    url: '/api/elections',
    role: 'admin',
    body: definitionBody,
    wrongType: { definition: 'an election' },
  },
  {
    method: 'PUT',
    url: '/api/elections/:id/draft',
    role: 'admin',
    body: definitionBody,
    wrongType: { definition: 2026 },
  },
  {
    method: 'POST',
    url: '/api/elections/:id/voters',
    role: 'admin',
    body: () => ({ voters: [{ voterId: 'M-late', email: 'late@example.org', name: 'Late' }] }),
    wrongType: { voters: [{ voterId: { id: 1 }, email: 'late@example.org', name: 'Late' }] },
    bodyLimit: 16 * MiB,
  },
  { method: 'POST', url: '/api/elections/:id/setup', role: 'admin' },
  { method: 'POST', url: '/api/elections/:id/ceremony/finish', role: 'admin' },
  { method: 'POST', url: '/api/elections/:id/open', role: 'admin' },
  { method: 'POST', url: '/api/elections/:id/close', role: 'admin' },
  { method: 'POST', url: '/api/elections/:id/tally', role: 'admin' },
  { method: 'POST', url: '/api/elections/:id/publish', role: 'admin' },
  {
    method: 'POST',
    url: '/api/elections/:id/electorate',
    role: 'admin',
    body: () => ({ credentials: [{ credential: B32, weight: 1 }] }),
    wrongType: { credentials: [{ credential: { x: B32 }, weight: 1 }] },
    bodyLimit: 256 * MiB,
  },
  {
    method: 'POST',
    url: '/api/elections/:id/amendments',
    role: 'admin',
    body: () => ({ kind: 'add', reason: 'joined late', credential: B32, weight: 1 }),
    wrongType: { kind: 'add', reason: { text: 'joined late' }, credential: B32, weight: 1 },
  },
  { method: 'GET', url: '/api/elections', role: 'public' },
  { method: 'GET', url: '/api/elections/:id', role: 'public' },
  { method: 'GET', url: '/api/elections/:id/ceremony', role: 'public' },
  {
    method: 'POST',
    url: '/api/elections/:id/trustees/:trustee/identity',
    role: 'trustee',
    body: () => ({ communicationKey: B32, proof: PROOF }),
    wrongType: { communicationKey: { key: B32 }, proof: PROOF },
    bodyLimit: 4 * MiB,
  },
  {
    method: 'POST',
    url: '/api/elections/:id/trustees/:trustee/dealing',
    role: 'trustee',
    body: () => ({ coefficients: [B32, B32], proofs: [PROOF, PROOF], shares: [] }),
    wrongType: { coefficients: { 0: B32 }, proofs: [PROOF], shares: [] },
    bodyLimit: 4 * MiB,
  },
  {
    method: 'POST',
    url: '/api/elections/:id/trustees/:trustee/complaint',
    role: 'trustee',
    body: () => ({ dealer: 2, sharedKey: B32, proof: PROOF }),
    wrongType: { dealer: 'the second', sharedKey: B32, proof: PROOF },
    bodyLimit: 4 * MiB,
  },
  {
    method: 'POST',
    url: '/api/elections/:id/trustees/:trustee/decryption-share',
    role: 'trustee',
    body: () => ({ answers: [[{ share: B32, proof: PROOF }]] }),
    wrongType: { answers: { 0: [] } },
    bodyLimit: 4 * MiB,
  },
  {
    method: 'POST',
    url: '/api/elections/:id/ballots',
    role: 'voter',
    body: () => ctx.election.ballot(2, 1),
    wrongType: {
      format: 'psephos/ballot',
      election: { id: 1 },
      credential: B32,
      answers: [],
      signature: PROOF,
    },
    bodyLimit: 1 * MiB,
  },
  { method: 'GET', url: '/api/elections/:id/board/events', role: 'public' },
  { method: 'GET', url: '/api/elections/:id/board/head', role: 'public' },
  { method: 'GET', url: '/api/elections/:id/board/ballots/:tracker', role: 'public' },
  { method: 'GET', url: '/api/elections/:id/board/inclusion?index=0', role: 'public' },
  { method: 'GET', url: '/api/elections/:id/board/consistency?from=0', role: 'public' },
  { method: 'GET', url: '/api/elections/:id/record', role: 'public' },
  { method: 'GET', url: '/healthz', role: 'public' },
  { method: 'GET', url: '/metrics', role: 'public' },
  { method: 'GET', url: '/api/openapi.json', role: 'public' },
];

const WRITES = ROUTES.filter((r) => r.method !== 'GET');
const GUARDED = ROUTES.filter((r) => r.role === 'admin' || r.role === 'voter' || r.role === 'trustee');
const name = (r: Route) => `${r.method} ${r.url}`;

function urlOf(route: Route, id = ctx.election.id, trustee = '1'): string {
  return route.url.replace(':id', id).replace(':trustee', trustee).replace(':tracker', B32);
}

/** The token a route's own role logs in with. */
function tokenFor(route: Route): string | undefined {
  if (route.role === 'admin') return ctx.server.adminToken;
  if (route.role === 'voter') return ctx.voterToken;
  if (route.role === 'trustee') return ctx.election.open.trusteeTokens[0];
  return undefined;
}

function send(
  route: Route,
  options: {
    url?: string;
    token?: string;
    payload?: unknown;
    headers?: Record<string, string>;
    remoteAddress?: string;
  } = {},
): Promise<LightMyRequestResponse> {
  const payload = options.payload ?? route.body?.();
  return ctx.server.app.inject({
    method: route.method,
    url: options.url ?? urlOf(route),
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** Runs `fn` and checks that the open election's board has the same number of events after it. */
async function unchanged<T>(fn: () => Promise<T>, id = ctx.election.id): Promise<T> {
  const before = await boardSize(ctx.server.app, id);
  const result = await fn();
  assert.equal(await boardSize(ctx.server.app, id), before, 'the board has not changed');
  return result;
}

/** A voter's cookie session, as the booth gets it: the emailed link's token posted to /login/verify. */
async function cookieLogin(election: TestElection, voter: number) {
  const { app, sink } = ctx.server;
  const email = election.voters[voter]!.email;
  const mark = sink.messages.length;
  const asked = await call(app, 'POST', `${election.base}/login`, undefined, { email });
  assert.equal(asked.statusCode, 202);
  const link = await readLoginLink(sink, email, mark);
  const verified = await call(app, 'POST', `${election.base}/login/verify`, undefined, {
    token: link.split('#')[1],
  });
  assert.equal(verified.statusCode, 200, verified.body);
  const cookie = verified.cookies.find((c) => c.name === 'psephos_session');
  assert.ok(cookie);
  return { cookie: cookie.value, csrf: (verified.json() as { csrf: string }).csrf };
}

before(async () => {
  ctx.server = await startServer();
  ctx.election = await openElection(ctx.server, { id: 'routes-2026', voters: 3 });
  ctx.voterToken = await ctx.election.login(0);
  await ctx.server.store.setAdmin(CLERK, await hashPassword(PASSWORD));
  const login = await call(ctx.server.app, 'POST', '/api/admin/login', undefined, {
    username: CLERK,
    password: PASSWORD,
  });
  assert.equal(login.statusCode, 200, login.body);
  ctx.clerk = {
    cookie: login.cookies.find((c) => c.name === 'psephos_session')!.value,
    csrf: (login.json() as { csrf: string }).csrf,
  };
  ctx.voterCookie = await cookieLogin(ctx.election, 1);
});

after(async () => {
  await ctx.server?.close();
});

describe('malformed JSON: 400 on every route that takes a body', () => {
  for (const route of WRITES) {
    test(name(route), async () => {
      for (const text of ['{"definition": ', '{"a":1,}', "{'a':1}", 'nul', '[1, 2']) {
        const response = await unchanged(() =>
          send(route, {
            token: tokenFor(route),
            payload: text,
            headers: { 'content-type': 'application/json' },
          }),
        );
        refused(response, 400, 'ctp_invalid_json_body', JSON.stringify(text));
      }
      const empty = await send(route, {
        token: tokenFor(route),
        payload: '',
        headers: { 'content-type': 'application/json' },
      });
      refused(empty, 400, 'ctp_empty_json_body', 'an empty body');
    });
  }
});

describe('wrong types: 400 malformed', () => {
  for (const route of ROUTES.filter((r) => r.wrongType !== undefined)) {
    test(name(route), async () => {
      const response = await unchanged(() =>
        send(route, { token: tokenFor(route), payload: route.wrongType }),
      );
      refused(response, 400, 'malformed');
      const notAnObject = await unchanged(() => send(route, { token: tokenFor(route), payload: [1, 2, 3] }));
      refused(notAnObject, 400, 'malformed', 'an array body');
      const text = await unchanged(() =>
        send(route, { token: tokenFor(route), payload: 'text', headers: { 'content-type': 'text/plain' } }),
      );
      refused(text, 400, 'malformed', 'a text body');
    });
  }

  // The protocol's schemas are strict; a route's body schema should be too.
  for (const route of ROUTES.filter((r) => r.body !== undefined)) {
    test(`${name(route)}: an unknown top-level property`, async () => {
      const body = route.body!() as Record<string, unknown>;
      // A definition that the handler would accept: only the extra property is wrong.
      const id = route.method === 'PUT' ? ctx.election.id : 'extra-property';
      if ('definition' in body) body.definition = { ...(body.definition as object), id };
      const response = await unchanged(() =>
        send(route, { token: tokenFor(route), payload: { ...body, unexpected: true } }),
      );
      refused(response, 400, 'malformed');
    });
  }

  test('an election id that is not an id, on every route that names one', async () => {
    for (const route of ROUTES.filter((r) => r.url.includes(':id'))) {
      for (const id of ['Routes-2026', 'routes_2026', '-routes', 'a'.repeat(65)]) {
        const response = await unchanged(() =>
          send(route, { url: urlOf(route, id), token: tokenFor(route) }),
        );
        refused(response, 400, 'malformed', `${name(route)} with id ${id}`);
      }
    }
  });

  test('a trustee number that is not a number from 1 to 255', async () => {
    for (const route of ROUTES.filter((r) => r.url.includes(':trustee'))) {
      for (const trustee of ['one', '0', '256', '1.5']) {
        const response = await unchanged(() =>
          send(route, { url: urlOf(route, ctx.election.id, trustee), token: tokenFor(route) }),
        );
        refused(response, 400, 'malformed', `${name(route)} as trustee ${trustee}`);
      }
    }
  });

  test('a tracker that is not 32 bytes of base64url', async () => {
    for (const tracker of ['short', `${'A'.repeat(42)}B`, `${'A'.repeat(43)}A`, `${'+'.repeat(42)}A`]) {
      const response = await unchanged(() =>
        call(ctx.server.app, 'GET', `/api/elections/${ctx.election.id}/board/ballots/${tracker}`),
      );
      refused(response, 400, 'malformed', tracker);
    }
  });

  test('board queries with indices that are not natural numbers, or missing', async () => {
    const base = `/api/elections/${ctx.election.id}/board`;
    for (const url of [
      `${base}/events?from=-1`,
      `${base}/events?from=first`,
      `${base}/events?limit=0`,
      `${base}/events?limit=501`,
      `${base}/inclusion`,
      `${base}/inclusion?index=last`,
      `${base}/inclusion?index=0&size=0`,
      `${base}/consistency`,
      `${base}/consistency?from=1.5`,
      `${base}/consistency?from=0&to=-2`,
    ]) {
      const response = await unchanged(() => call(ctx.server.app, 'GET', url));
      refused(response, 400, 'malformed', url);
    }
  });

  test('board sizes and indices beyond the board: 404 not-found', async () => {
    const base = `/api/elections/${ctx.election.id}/board`;
    const size = await boardSize(ctx.server.app, ctx.election.id);
    for (const url of [
      `${base}/inclusion?index=${size}`,
      `${base}/inclusion?index=0&size=${size + 1}`,
      `${base}/consistency?from=${size + 1}`,
      `${base}/consistency?from=2&to=1`,
      `${base}/consistency?from=0&to=${size + 1}`,
    ]) {
      const response = await unchanged(() => call(ctx.server.app, 'GET', url));
      refused(response, 404, 'not-found', url);
    }
    const tracker = await call(ctx.server.app, 'GET', `${base}/ballots/${B32}`);
    refused(tracker, 404, 'unknown-tracker');
  });
});

describe('bodies that pass the JSON Schema but not the protocol schema behind it: 400, never 500', () => {
  // The roll-amendment schema has refinements (which fields each kind needs, well-formed Unicode) that
  // its JSON Schema cannot say; the route parses the body with zod after Fastify's check.
  const cases: [string, string | Record<string, unknown>][] = [
    ['an addition without a credential', { kind: 'add', reason: 'joined late' }],
    ['a removal with a weight', { kind: 'remove', reason: 'left', credential: B32, weight: 2 }],
    ['a correction without leaves', { kind: 'correct', reason: 'typo in the postcode' }],
    [
      'a correction with a credential',
      { kind: 'correct', reason: 'typo', credential: B32, leaf: B32, previousLeaf: B32 },
    ],
    [
      'an addition replacing a previous leaf',
      { kind: 'add', reason: 'x', credential: B32, previousLeaf: B32 },
    ],
    ['a reason that is not well-formed Unicode', `{"kind":"add","reason":"\\ud800","credential":"${B32}"}`],
  ];
  for (const [what, body] of cases) {
    test(`POST /api/elections/:id/amendments: ${what}`, async () => {
      const response = await unchanged(() =>
        ctx.server.app.inject({
          method: 'POST',
          url: `${ctx.election.base}/amendments`,
          headers: { authorization: `Bearer ${ctx.server.adminToken}`, 'content-type': 'application/json' },
          payload: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      );
      assert.equal(response.statusCode, 400, `expected 400 malformed or bad-amendment, got ${response.body}`);
      assert.ok(['malformed', 'bad-amendment'].includes(errorOf(response).code), response.body);
    });
  }
});

describe('fuzz: every route that takes a body answers a 4xx with a code, never a 5xx', () => {
  const b32 = fc
    .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), {
      minLength: 42,
      maxLength: 42,
    })
    .map((a) => `${a.join('')}E`);
  // Any JSON, 32 bytes of base64url, a proof, or a word the API knows.
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    b32,
    fc.constant(PROOF),
    fc.array(b32, { maxLength: 3 }),
    fc.constantFrom('add', 'remove', 'correct', 'en', 'cy', 1, 2, 255, 256),
  );
  /** Optional fields some routes know besides those of their sample body. */
  const extra: Record<string, string[]> = { '/api/elections/:id/amendments': ['leaf', 'previousLeaf'] };
  const changesBoard = (r: Route) =>
    r.role === 'trustee' || r.role === 'voter' || /electorate|amendments/.test(r.url);
  // The cast route has its own, deeper fuzz (cast.test.ts).
  for (const route of WRITES.filter((r) => r.body !== undefined && r.role !== 'voter')) {
    test(name(route), async () => {
      const valid = route.body!() as Record<string, unknown>;
      // Each field kept, replaced by any value, or left out.
      const fields = Object.fromEntries([
        ...Object.entries(valid).map(([k, v]) => [
          k,
          fc.option(fc.oneof(fc.constant(v), value), { nil: undefined }),
        ]),
        ...(extra[route.url] ?? []).map((k) => [k, fc.option(b32, { nil: undefined, freq: 2 })]),
      ]);
      const before = await boardSize(ctx.server.app, ctx.election.id);
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(fc.record(fields), async (body) => {
          const response = await send(route, {
            token: tokenFor(route),
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
            // Wrong passwords and login codes count against an address: not the one the voters use here.
            remoteAddress: '198.51.100.7',
          });
          const what = `${response.statusCode} ${response.body.slice(0, 200)} for ${JSON.stringify(body).slice(0, 300)}`;
          assert.ok(response.statusCode < 500, what);
          if (response.statusCode >= 400) errorOf(response);
          else assert.ok(response.statusCode < 300, what);
          if (response.statusCode < 300 && changesBoard(route)) accepted++;
        }),
        { numRuns: 150 },
      );
      assert.equal(await boardSize(ctx.server.app, ctx.election.id), before + accepted, 'the board');
    });
  }
});

describe('unknown election', () => {
  for (const route of ROUTES.filter((r) => r.url.includes(':id') && r.role !== 'auth')) {
    // A voter's or trustee's login belongs to one election: for any other it is the wrong login.
    const [status, code] =
      route.role === 'voter' || route.role === 'trustee' ? [403, 'forbidden'] : [404, 'unknown-election'];
    test(`${name(route)}: ${status} ${code}`, async () => {
      const response = await send(route, { url: urlOf(route, 'no-such-election'), token: tokenFor(route) });
      refused(response, status, code);
    });
  }

  test('login: the same 202 as for an address not on the roll; verify: 401; logout: 204', async () => {
    const { app } = ctx.server;
    const login = await call(app, 'POST', '/api/elections/no-such-election/login', undefined, {
      email: ctx.election.voters[0]!.email,
    });
    assert.equal(login.statusCode, 202);
    const verify = await call(app, 'POST', '/api/elections/no-such-election/login/verify', undefined, {
      token: 'ABCD-EFGH-JKMN',
    });
    refused(verify, 401, 'bad-login-token');
    const logout = await call(app, 'POST', '/api/elections/no-such-election/logout');
    assert.equal(logout.statusCode, 204);
  });

  test('a draft is not published: GET /api/elections/:id is 404 unknown-election', async () => {
    const created = await call(ctx.server.app, 'POST', '/api/elections', ctx.server.adminToken, {
      definition: { ...ctx.election.open.definition, id: 'routes-hidden-draft', boardKey: undefined },
    });
    assert.equal(created.statusCode, 201, created.body);
    const response = await call(ctx.server.app, 'GET', '/api/elections/routes-hidden-draft');
    refused(response, 404, 'unknown-election');
    const listed = (await call(ctx.server.app, 'GET', '/api/elections')).json() as { id: string }[];
    assert.ok(!listed.some((e) => e.id === 'routes-hidden-draft'), 'drafts are not listed');
    assert.ok(
      listed.some((e) => e.id === ctx.election.id),
      'open elections are listed',
    );
  });
});

describe('missing or invalid login: 401 login-required', () => {
  for (const route of GUARDED) {
    test(name(route), async () => {
      const expired = await createAdminToken(
        ctx.server.store,
        'returning-officer',
        1,
        new Date(Date.now() - 3 * 86_400_000),
      );
      const attempts: [string, Record<string, string>][] = [
        ['no credentials', {}],
        ['a malformed bearer token', { authorization: 'Bearer not-a-token' }],
        ['an unknown bearer token', { authorization: `Bearer ${B32}` }],
        ['an expired organiser token', { authorization: `Bearer ${expired}` }],
        ['a Basic header', { authorization: `Basic ${btoa('returning-officer:password')}` }],
        ['an unknown session cookie', { cookie: `psephos_session=${B32}` }],
      ];
      for (const [what, headers] of attempts) {
        const response = await unchanged(() => send(route, { headers }));
        refused(response, 401, 'login-required', what);
      }
    });
  }

  test('GET /api/session without a login', async () => {
    refused(await call(ctx.server.app, 'GET', '/api/session'), 401, 'login-required');
    refused(await call(ctx.server.app, 'GET', '/api/session', B32), 401, 'login-required');
  });

  test('a voter who logged out is logged out', async () => {
    const token = await ctx.election.login(2);
    const out = await call(ctx.server.app, 'POST', `${ctx.election.base}/logout`, token);
    assert.equal(out.statusCode, 204);
    const response = await unchanged(() =>
      call(ctx.server.app, 'POST', `${ctx.election.base}/ballots`, token, ctx.election.ballot(2)),
    );
    refused(response, 401, 'login-required');
  });
});

describe('wrong role: 403 forbidden', () => {
  const others = (route: Route): [string, () => string][] => {
    const admin: [string, () => string] = ['an organiser', () => ctx.server.adminToken];
    const voter: [string, () => string] = ['a voter', () => ctx.voterToken];
    const trustee: [string, () => string] = ['trustee 1', () => ctx.election.open.trusteeTokens[0]!];
    if (route.role === 'admin') return [voter, trustee];
    if (route.role === 'voter') return [admin, trustee];
    return [admin, voter, ['trustee 2', () => ctx.election.open.trusteeTokens[1]!]];
  };
  for (const route of GUARDED) {
    test(name(route), async () => {
      for (const [who, token] of others(route)) {
        const response = await unchanged(() => send(route, { token: token() }));
        refused(response, 403, 'forbidden', who);
      }
    });
  }

  test('logging out of a session of another kind', async () => {
    const voterOut = await unchanged(() => call(ctx.server.app, 'POST', '/api/admin/logout', ctx.voterToken));
    refused(voterOut, 403, 'forbidden', 'a voter at the organiser logout');
    const adminOut = await call(ctx.server.app, 'POST', `${ctx.election.base}/logout`, ctx.server.adminToken);
    refused(adminOut, 403, 'forbidden', 'an organiser at the voter logout');
    const otherElection = await call(
      ctx.server.app,
      'POST',
      '/api/elections/another-2026/logout',
      ctx.voterToken,
    );
    refused(otherElection, 403, 'forbidden', "another election's logout");
    // Both sessions still work.
    assert.equal((await call(ctx.server.app, 'GET', '/api/session', ctx.voterToken)).statusCode, 200);
    assert.equal((await call(ctx.server.app, 'GET', '/api/session', ctx.server.adminToken)).statusCode, 200);
  });
});

describe('CSRF: a cookie session must send its x-csrf-token on every write', () => {
  const cases = (route: Route) =>
    route.role === 'admin'
      ? { cookie: () => ctx.clerk.cookie, csrf: () => ctx.clerk.csrf }
      : route.role === 'voter'
        ? { cookie: () => ctx.voterCookie.cookie, csrf: () => ctx.voterCookie.csrf }
        : { cookie: () => ctx.election.open.trusteeTokens[0]!, csrf: () => 'unknown' };
  for (const route of GUARDED.filter((r) => r.method !== 'GET')) {
    test(name(route), async () => {
      const session = cases(route);
      const cookie = `psephos_session=${session.cookie()}`;
      const missing = await unchanged(() => send(route, { headers: { cookie } }));
      refused(missing, 403, 'csrf', 'no token');
      const wrong = await unchanged(() => send(route, { headers: { cookie, 'x-csrf-token': B32 } }));
      refused(wrong, 403, 'csrf', 'a wrong token');
      const empty = await unchanged(() => send(route, { headers: { cookie, 'x-csrf-token': '' } }));
      refused(empty, 403, 'csrf', 'an empty token');
    });
  }

  test('with the token, the same cookie session gets past the check', async () => {
    const response = await unchanged(() =>
      ctx.server.app.inject({
        method: 'POST',
        url: `${ctx.election.base}/open`,
        headers: { cookie: `psephos_session=${ctx.clerk.cookie}`, 'x-csrf-token': ctx.clerk.csrf },
      }),
    );
    refused(response, 409, 'out-of-phase', 'opening an open election');
    const read = await ctx.server.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `psephos_session=${ctx.clerk.cookie}` },
    });
    assert.equal(read.statusCode, 200, 'reads need no token');
  });

  test('a creation without the token creates nothing', async () => {
    const attempt = await ctx.server.app.inject({
      method: 'POST',
      url: '/api/elections',
      headers: { cookie: `psephos_session=${ctx.clerk.cookie}` },
      payload: { definition: { ...ctx.election.open.definition, id: 'csrf-victim', boardKey: undefined } },
    });
    refused(attempt, 403, 'csrf');
    const after = await ctx.server.store.election('csrf-victim');
    assert.equal(after, undefined, 'no election was created');
  });

  test('logging out of a cookie session needs the token too', async () => {
    const headers = { cookie: `psephos_session=${ctx.clerk.cookie}` };
    const response = await ctx.server.app.inject({ method: 'POST', url: '/api/admin/logout', headers });
    refused(response, 403, 'csrf');
    const still = await ctx.server.app.inject({ method: 'GET', url: '/api/session', headers });
    assert.equal(still.statusCode, 200, 'the session was not ended');
  });
});

describe('oversized bodies: 413', () => {
  for (const route of WRITES) {
    const limit = route.bodyLimit ?? 256 * KiB;
    test(`${name(route)} over ${limit / KiB} KiB`, async () => {
      const response = await unchanged(() =>
        limit > 16 * MiB
          ? // Announced by its length, refused before a byte is read.
            send(route, {
              token: tokenFor(route),
              payload: '{}',
              headers: { 'content-type': 'application/json', 'content-length': String(limit + 1) },
            })
          : send(route, { token: tokenFor(route), payload: { pad: 'x'.repeat(limit) } }),
      );
      refused(response, 413, 'ctp_body_too_large');
    });
  }
});

describe('steps out of the lifecycle order: 409', () => {
  let election: TestElection;
  before(async () => {
    election = await openElection(ctx.server, { id: 'lifecycle-2026', voters: 2 });
  });

  const step = (path: string, token = ctx.server.adminToken, body?: unknown) =>
    call(ctx.server.app, 'POST', `/api/elections/${election.id}/${path}`, token, body);
  const refusedHere = async (path: string, status: number, code: string, token?: string, body?: unknown) => {
    const response = await unchanged(() => step(path, token, body), election.id);
    refused(response, status, code, path);
  };

  test('an open election: no second setup, ceremony, electorate or opening; no tally or result yet', async () => {
    await refusedHere('setup', 409, 'wrong-status');
    await refusedHere('ceremony/finish', 409, 'out-of-phase');
    await refusedHere('electorate', 409, 'out-of-phase', undefined, { credentials: [] });
    await refusedHere('open', 409, 'out-of-phase');
    await refusedHere('tally', 409, 'out-of-phase');
    await refusedHere('publish', 409, 'not-enough-shares');
    const t1 = election.open.trusteeTokens[0]!;
    await refusedHere('trustees/1/identity', 409, 'out-of-phase', t1, {
      communicationKey: B32,
      proof: PROOF,
    });
    await refusedHere('trustees/1/dealing', 409, 'out-of-phase', t1, {
      coefficients: [B32, B32],
      proofs: [PROOF, PROOF],
      shares: [],
    });
    await refusedHere('trustees/1/decryption-share', 409, 'out-of-phase', t1, {
      answers: [[{ share: B32, proof: PROOF }]],
    });
    const draft = await unchanged(
      () =>
        call(ctx.server.app, 'PUT', `${election.base}/draft`, ctx.server.adminToken, {
          definition: { ...election.open.definition, title: 'Renamed', boardKey: undefined },
        }),
      election.id,
    );
    refused(draft, 409, 'wrong-status', 'editing the draft of an open election');
  });

  test('closed, tallied, decrypted: each step once, in order', async () => {
    const closed = await step('close');
    assert.equal(closed.statusCode, 200, closed.body);
    await refusedHere('close', 409, 'out-of-phase');
    await refusedHere('open', 409, 'out-of-phase');
    await refusedHere('publish', 409, 'not-enough-shares');

    const tallied = await step('tally');
    assert.equal(tallied.statusCode, 200, tallied.body);
    await refusedHere('tally', 409, 'out-of-phase');
    await refusedHere('close', 409, 'out-of-phase');
    await refusedHere('publish', 409, 'not-enough-shares');

    const ceremony = (await call(ctx.server.app, 'GET', `${election.base}/ceremony`)).json() as {
      fingerprint: string;
      tally: { answers: { alpha: string; beta: string }[][] };
    };
    const aggregate = ceremony.tally.answers.map((row) =>
      row.map((c) => ({
        alpha: decodeElement(group, c.alpha, 'alpha', { allowIdentity: true }),
        beta: decodeElement(group, c.beta, 'beta', { allowIdentity: true }),
      })),
    );
    const fp = Buffer.from(ceremony.fingerprint, 'base64url');
    const share = (t: number) => {
      const { answers } = trusteeShares(group, fp, t, election.open.secretShares[t - 1]!, aggregate);
      return step(`trustees/${t}/decryption-share`, election.open.trusteeTokens[t - 1], { answers });
    };
    assert.equal((await share(3)).statusCode, 200);
    await refusedHere('publish', 409, 'not-enough-shares');
    const twice = await unchanged(() => share(3), election.id);
    refused(twice, 400, 'bad-decryption-share', 'a second share from one trustee');
    // Trustee 2's share posted under trustee 1's name fails its proof.
    const { answers: wrongName } = trusteeShares(group, fp, 2, election.open.secretShares[1]!, aggregate);
    await refusedHere(
      'trustees/1/decryption-share',
      400,
      'bad-decryption-share',
      election.open.trusteeTokens[0],
      {
        answers: wrongName,
      },
    );
    assert.equal((await share(2)).statusCode, 200);
    const published = await step('publish');
    assert.equal(published.statusCode, 200, published.body);
    await refusedHere('publish', 409, 'out-of-phase');
    await refusedHere('tally', 409, 'out-of-phase');
    await refusedHere('open', 409, 'out-of-phase');
    await refusedHere('trustees/1/decryption-share', 409, 'out-of-phase', election.open.trusteeTokens[0], {
      answers: wrongName,
    });
  });
});

describe('a draft that was never set up: every later step is 409', () => {
  const id = 'draft-only-2026';
  before(async () => {
    const created = await call(ctx.server.app, 'POST', '/api/elections', ctx.server.adminToken, {
      definition: { ...ctx.election.open.definition, id, boardKey: undefined },
    });
    assert.equal(created.statusCode, 201, created.body);
  });

  for (const path of ['ceremony/finish', 'open', 'close', 'tally', 'publish']) {
    test(`POST /api/elections/:id/${path}: 409 out-of-phase`, async () => {
      const response = await unchanged(
        () => call(ctx.server.app, 'POST', `/api/elections/${id}/${path}`, ctx.server.adminToken),
        id,
      );
      refused(response, 409, 'out-of-phase');
    });
  }

  test('electorate and amendments: 409 out-of-phase', async () => {
    const electorate = await unchanged(
      () =>
        call(ctx.server.app, 'POST', `/api/elections/${id}/electorate`, ctx.server.adminToken, {
          credentials: [{ credential: B32, weight: 1 }],
        }),
      id,
    );
    refused(electorate, 409, 'out-of-phase');
    const amendment = await unchanged(
      () =>
        call(ctx.server.app, 'POST', `/api/elections/${id}/amendments`, ctx.server.adminToken, {
          kind: 'remove',
          reason: 'left the party',
          credential: B32,
        }),
      id,
    );
    refused(amendment, 409, 'out-of-phase');
  });

  test('the same id twice: 409 exists; a bad definition: 400 bad-definition', async () => {
    const again = await call(ctx.server.app, 'POST', '/api/elections', ctx.server.adminToken, {
      definition: { ...ctx.election.open.definition, id, boardKey: undefined },
    });
    refused(again, 409, 'exists');
    const bad = await call(ctx.server.app, 'POST', '/api/elections', ctx.server.adminToken, {
      definition: { ...ctx.election.open.definition, id: 'bad-threshold', threshold: 7, boardKey: undefined },
    });
    refused(bad, 400, 'bad-definition');
    const renamed = await call(ctx.server.app, 'PUT', `/api/elections/${id}/draft`, ctx.server.adminToken, {
      definition: { ...ctx.election.open.definition, id: 'another-id', boardKey: undefined },
    });
    refused(renamed, 400, 'bad-definition');
  });
});

describe('unknown routes: 404 not-found', () => {
  for (const [method, url] of [
    ['GET', '/api/nothing'],
    ['GET', '/api/elections/routes-2026/nothing'],
    ['POST', '/api/elections/routes-2026/reopen'],
    ['DELETE', '/api/elections/routes-2026'],
    ['PATCH', '/api/elections/routes-2026/draft'],
    ['GET', '/api/elections/routes-2026/ballots'],
    ['PUT', '/api/elections/routes-2026/ballots'],
    ['GET', '/api/elections/routes-2026/board/events/0'],
    ['GET', '/.env'],
  ] as const) {
    test(`${method} ${url}`, async () => {
      const response = await unchanged(() =>
        ctx.server.app.inject({ method, url, headers: { authorization: `Bearer ${ctx.server.adminToken}` } }),
      );
      refused(response, 404, 'not-found');
      assert.equal(errorOf(response).message, `nothing at ${method} ${url}`);
    });
  }
});
