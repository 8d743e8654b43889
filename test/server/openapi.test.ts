/**
 * What the server shows about itself and how it protects itself: the OpenAPI document (every route,
 * a schema for every body), the security headers and the strict CSP, the rate limits per IP and per
 * login, /healthz and /metrics, and structured logs that hold no secret and no ballot content (from a
 * server in a child process, since the server's logger writes to standard output).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import { api } from '../../src/cli/http-election.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';
import {
  type ChildServerReady,
  call,
  errorOf,
  openElection,
  readLoginLink,
  refused,
  startServer,
  type TestServer,
} from './fixtures.ts';

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { in: string; name: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<string, unknown>;
}
interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
}

/** The routes this server has, as `METHOD /path/:param` (HEAD routes aside). */
const ROUTES = [
  'POST /api/admin/login',
  'POST /api/admin/logout',
  'POST /api/elections/:id/login',
  'POST /api/elections/:id/login/verify',
  'POST /api/elections/:id/logout',
  'GET /api/session',
  'POST /api/elections',
  'GET /api/elections',
  'PUT /api/elections/:id/draft',
  'POST /api/elections/:id/voters',
  'POST /api/elections/:id/setup',
  'POST /api/elections/:id/ceremony/finish',
  'POST /api/elections/:id/open',
  'POST /api/elections/:id/close',
  'POST /api/elections/:id/tally',
  'POST /api/elections/:id/publish',
  'POST /api/elections/:id/electorate',
  'POST /api/elections/:id/amendments',
  'GET /api/elections/:id',
  'POST /api/elections/:id/trustees/:trustee/identity',
  'POST /api/elections/:id/trustees/:trustee/dealing',
  'POST /api/elections/:id/trustees/:trustee/complaint',
  'POST /api/elections/:id/trustees/:trustee/decryption-share',
  'GET /api/elections/:id/ceremony',
  'POST /api/elections/:id/ballots',
  'GET /api/elections/:id/board/events',
  'GET /api/elections/:id/board/head',
  'GET /api/elections/:id/board/ballots/:tracker',
  'GET /api/elections/:id/board/inclusion',
  'GET /api/elections/:id/board/consistency',
  'GET /api/elections/:id/record',
  'GET /api/admin/elections',
  'POST /api/admin/elections',
  'GET /api/admin/elections/:id',
  'POST /api/admin/elections/:id/draft',
  'POST /api/admin/elections/:id/setup',
  'POST /api/admin/elections/:id/trustees/:trustee/remind',
  'POST /api/admin/elections/:id/trustees/call',
  'GET /api/admin/elections/:id/turnout',
  'GET /api/admin/elections/:id/turnout.csv',
  'GET /api/admin/elections/:id/report',
  'POST /api/admin/elections/:id/practice',
  'POST /api/admin/elections/:id/practice/decrypt',
  'POST /api/admin/elections/:id/schedule',
  'GET /api/elections/:id/roll',
  'GET /api/elections/:id/roll/findings',
  'GET /api/elections/:id/roll/report.html',
  'GET /api/elections/:id/roll/report.json',
  'GET /api/elections/:id/roll/voters.csv',
  'POST /api/elections/:id/roll/file',
  'POST /api/elections/:id/roll/audit',
  'POST /api/elections/:id/roll/decisions',
  'POST /api/elections/:id/roll/use',
  'GET /api/elections/:id/invitations',
  'GET /api/elections/:id/invitations/failures',
  'GET /api/elections/:id/invitations/failures.csv',
  'POST /api/elections/:id/invitations',
  'POST /api/elections/:id/invitations/preview',
  'POST /api/elections/:id/invitations/resend',
  'GET /healthz',
  'GET /metrics',
  'GET /api/openapi.json',
];

/** The voter pages' route (`GET /*`), there when they are built (src/server/routes/web.ts). */
const WEB = 'GET *';

/** Routes left out of the document on purpose: the document itself and the voter pages. */
const HIDDEN = new Set(['GET /api/openapi.json', WEB]);

/**
 * The writes without a JSON body: logouts, the organiser's lifecycle steps, and the roll upload (the
 * CSV file itself is the body, checked as it streams in).
 */
const BODILESS = new Set([
  'POST /api/elections/:id/roll/file',
  'POST /api/elections/:id/roll/use',
  'POST /api/admin/elections/:id/practice/decrypt',
  'POST /api/admin/logout',
  'POST /api/elections/:id/logout',
  'POST /api/elections/:id/setup',
  'POST /api/elections/:id/ceremony/finish',
  'POST /api/elections/:id/open',
  'POST /api/elections/:id/close',
  'POST /api/elections/:id/tally',
  'POST /api/elections/:id/publish',
]);

/**
 * The app's own routes, read from Fastify's route tree (`printRoutes({ commonPrefix: false })`, where
 * each line is a path segment under its parent with its methods in parentheses).
 */
function routesOfApp(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of match[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes.sort();
}

const fromOpenApi = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

let server: TestServer;
let doc: OpenApi;

before(async () => {
  server = await startServer();
  const response = await call(server.app, 'GET', '/api/openapi.json');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  doc = response.json() as OpenApi;
});

after(async () => {
  await server?.close();
});

describe('the OpenAPI document at /api/openapi.json', () => {
  test('is OpenAPI 3 with a title, a version and paths', () => {
    assert.match(doc.openapi, /^3\.\d+\.\d+$/);
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');
    assert.ok(Object.keys(doc.paths).length > 0);
  });

  test("the app's routes are the known ones (and the voter pages' when they are built)", () => {
    const routes = routesOfApp(server.app.printRoutes({ commonPrefix: false }));
    assert.deepEqual(
      routes.filter((r) => r !== WEB),
      [...ROUTES].sort(),
    );
  });

  test('lists every route of the app (but itself), and nothing else', () => {
    const listed = Object.entries(doc.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${fromOpenApi(path)}`),
      )
      .sort();
    const expected = routesOfApp(server.app.printRoutes({ commonPrefix: false })).filter(
      (r) => !HIDDEN.has(r),
    );
    assert.deepEqual(listed, expected);
  });

  test('every write that reads a body has a JSON request body schema of an object', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${fromOpenApi(path)}`;
        if (method === 'get') {
          assert.equal(operation.requestBody, undefined, `${route} takes no body`);
          continue;
        }
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        if (!schema) {
          missing.push(route);
          continue;
        }
        assert.equal(schema.type, 'object', `${route}: ${JSON.stringify(schema).slice(0, 200)}`);
        assert.ok(
          Array.isArray(schema.required) && schema.required.length > 0,
          `${route} names its required fields`,
        );
      }
    }
    assert.deepEqual(missing.sort(), [...BODILESS].sort(), 'the writes without a body schema');
  });

  test('every path parameter is declared, required and constrained', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const [method, operation] of Object.entries(operations)) {
        for (const name of names) {
          const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
          assert.ok(parameter, `${method} ${path} declares {${name}}`);
          assert.equal(parameter.required, true);
          const schema = parameter.schema ?? {};
          assert.ok(
            'pattern' in schema || schema.type === 'integer',
            `${method} ${path}: {${name}} has a pattern or is an integer`,
          );
        }
      }
    }
  });

  test('every operation has a summary and a declared tag', () => {
    const tags = new Set((doc.tags ?? []).map((t) => t.name));
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        assert.ok(operation.summary, `${method} ${path} has a summary`);
        assert.ok(operation.tags?.length, `${method} ${path} has a tag`);
        for (const tag of operation.tags ?? [])
          assert.ok(tags.has(tag), `${method} ${path}: tag ${tag} is declared`);
      }
    }
  });
});

/** The CSP's directives: name → its sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** The response's CSP allows this origin only, WASM compilation, and nothing inline or evaluated. */
function assertStrictCsp(what: string, response: LightMyRequestResponse): void {
  const csp = response.headers['content-security-policy'];
  assert.equal(typeof csp, 'string', `${what} has a CSP`);
  const d = directives(csp as string);
  assert.deepEqual(d.get('default-src'), ["'self'"], what);
  assert.deepEqual(d.get('script-src'), ["'self'", "'wasm-unsafe-eval'"], what);
  assert.deepEqual(d.get('object-src'), ["'none'"], what);
  assert.deepEqual(d.get('base-uri'), ["'none'"], what);
  assert.deepEqual(d.get('frame-ancestors'), ["'none'"], what);
  for (const [name, sources] of d) {
    for (const source of sources) {
      assert.ok(
        !["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*'].includes(source),
        `${what}: ${name} allows ${source}`,
      );
      assert.ok(!/^(https?:|wss?:|\*\.)/.test(source), `${what}: ${name} allows another origin (${source})`);
    }
  }
}

describe('security headers', () => {
  const responses = async (): Promise<[string, LightMyRequestResponse][]> => [
    ['GET /healthz', await call(server.app, 'GET', '/healthz')],
    ['GET /api/openapi.json', await call(server.app, 'GET', '/api/openapi.json')],
    ['a 404', await call(server.app, 'GET', '/api/nothing')],
    ['a 401', await call(server.app, 'POST', '/api/elections/x/open')],
    ['a 400', await call(server.app, 'POST', '/api/elections', server.adminToken, { definition: 1 })],
  ];

  test('a strict CSP on every response: this origin only, WASM may compile, nothing inline or evaluated', async () => {
    for (const [what, response] of await responses()) assertStrictCsp(what, response);
  });

  test('the voter pages, when built: the strict CSP, and only this origin’s scripts and styles, with SRI', async (t) => {
    if (!routesOfApp(server.app.printRoutes({ commonPrefix: false })).includes(WEB)) {
      t.skip('the voter pages are not built (npm run build:web)');
      return;
    }
    const page = await call(server.app, 'GET', '/vote/leader-2026');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assertStrictCsp('the booth page', page);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    const html = page.body;
    assert.doesNotMatch(html, /<style[\s>]/i, 'no inline style element');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    const styles = [...html.matchAll(/<link\b([^>]*rel="stylesheet"[^>]*)>/gi)];
    assert.ok(scripts.length > 0, 'the page loads its script');
    for (const [tag, attributes, body] of [...scripts, ...styles.map((m) => [m[0], m[1], ''])]) {
      assert.equal(body?.trim(), '', `no inline code: ${tag}`);
      const src = /\s(?:src|href)="([^"]+)"/.exec(attributes!)?.[1];
      assert.ok(src?.startsWith('/') && !src.startsWith('//'), `from this origin: ${tag}`);
      const integrity = /\sintegrity="(sha384-[A-Za-z0-9+/=]+)"/.exec(attributes!)?.[1];
      assert.ok(integrity, `with Subresource Integrity: ${tag}`);
      const asset = await server.app.inject({ method: 'GET', url: src });
      assert.equal(asset.statusCode, 200, src);
      const digest = `sha384-${createHash('sha384').update(asset.rawPayload).digest('base64')}`;
      assert.equal(digest, integrity, `the integrity of ${src} is the served file's`);
    }
  });

  test('nosniff, no referrer, no framing', async () => {
    for (const [what, response] of await responses()) {
      assert.equal(response.headers['x-content-type-options'], 'nosniff', what);
      assert.equal(response.headers['referrer-policy'], 'no-referrer', what);
      assert.ok(response.headers['x-frame-options'], what);
      assert.equal(response.headers['x-powered-by'], undefined, what);
    }
  });
});

describe('health and metrics', () => {
  test('/healthz: 200 with the store', async () => {
    const response = await call(server.app, 'GET', '/healthz');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { ok: true, store: 'sqlite' });
  });

  test('/metrics: Prometheus text with ballots, requests and cast latency', async () => {
    await call(server.app, 'GET', '/healthz');
    const response = await call(server.app, 'GET', '/metrics');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(response.body, /^# TYPE psephos_ballots_total counter$/m);
    assert.match(response.body, /^# TYPE psephos_cast_seconds histogram$/m);
    assert.match(response.body, /^psephos_http_requests_total\{route="\/healthz",status="200"\} [1-9]\d*$/m);
  });
});

describe('rate limits', () => {
  let limited: TestServer;
  before(async () => {
    limited = await startServer({ rateLimit: { perIp: 30, castPerLogin: 5 } });
  });
  after(async () => {
    await limited?.close();
  });

  const from = (remoteAddress: string, url = '/healthz') =>
    limited.app.inject({ method: 'GET', url, remoteAddress });
  const castFrom = (remoteAddress: string, authorization: string) =>
    limited.app.inject({
      method: 'POST',
      url: '/api/elections/limits-2026/ballots',
      remoteAddress,
      headers: { authorization },
      payload: {},
    });

  test('per IP: a burst over the limit gets 429 with the error body and Retry-After; other IPs go on', async () => {
    for (let i = 0; i < 30; i++) assert.equal((await from('192.0.2.1')).statusCode, 200, `request ${i + 1}`);
    const over = await from('192.0.2.1', '/api/elections');
    assert.equal(over.statusCode, 429);
    errorOf(over);
    assert.ok(Number(over.headers['retry-after']) > 0, 'Retry-After');
    assert.equal((await from('192.0.2.2')).statusCode, 200, 'another IP');
  });

  test('a 429 has a code of its own (like the login limits’ too-many-…), not bad-request', async () => {
    for (let i = 0; i < 31; i++) await from('192.0.2.3');
    const over = await from('192.0.2.3');
    assert.equal(over.statusCode, 429);
    const { code } = errorOf(over);
    assert.match(code, /^too-many-/, `the code of a rate-limited request: ${code}`);
  });

  test('per login on casting: the sixth ballot from one login in a minute gets 429; another login goes on', async () => {
    const login = `Bearer ${randomBytes(32).toString('base64url')}`;
    for (let i = 0; i < 5; i++)
      refused(await castFrom('192.0.2.4', login), 400, 'malformed', `ballot ${i + 1}`);
    const over = await castFrom('192.0.2.4', login);
    assert.equal(over.statusCode, 429);
    errorOf(over);
    const other = `Bearer ${randomBytes(32).toString('base64url')}`;
    refused(await castFrom('192.0.2.4', other), 400, 'malformed', 'another login');
  });

  test('the per-login limit cannot be escaped by spelling the same Authorization header another way', async () => {
    const token = randomBytes(32).toString('base64url');
    for (let i = 0; i < 5; i++) await castFrom('192.0.2.5', `Bearer ${token}`);
    for (const spelling of [`bearer ${token}`, `Bearer  ${token}`, `BEARER ${token}`, `Bearer ${token} `]) {
      const response = await castFrom('192.0.2.5', spelling);
      assert.equal(response.statusCode, 429, `"${spelling.replace(token, '<token>')}" is the same login`);
    }
  });

  test('the cast route stays under the per-IP limit too: one IP cannot cast without limit by changing tokens', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(
        (await castFrom('192.0.2.6', `Bearer ${randomBytes(32).toString('base64url')}`)).statusCode,
      );
    assert.ok(
      statuses.includes(429),
      `40 casts from one IP in a minute, over a limit of 30: ${statuses.join(' ')}`,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Logs

interface ChildServer {
  readonly child: ChildProcess;
  readonly ready: ChildServerReady;
  /** Everything the child wrote to standard output and standard error so far. */
  output(): { stdout: string; stderr: string };
  /** Closes the server and waits for the child to exit. */
  stop(): Promise<void>;
}

/**
 * A server with `info` logs in a child process (`node --input-type=module -e …`), mailing to `sink`.
 * Worker threads inherit that command line and cannot start under it: with `workers` > 0 the server's
 * ballot check workers are dead from the start.
 */
async function childServer(sink: SmtpSink, workers = 0): Promise<ChildServer> {
  const fixtures = pathToFileURL(new URL('./fixtures.ts', import.meta.url).pathname).href;
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', `(await import(${JSON.stringify(fixtures)})).serveForParent();`],
    {
      env: {
        ...process.env,
        PSEPHOS_TEST_SMTP_PORT: String(sink.port),
        PSEPHOS_TEST_WORKERS: String(workers),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<ChildServerReady>((resolve, reject) => {
    child.once('message', (m) => resolve(m as ChildServerReady));
    child.once('exit', (code) => reject(new Error(`the server child exited (${code}): ${stderr}`)));
  });
  return {
    child,
    ready,
    output: () => ({ stdout, stderr }),
    async stop() {
      if (child.exitCode === null) child.send('close');
      const timer = setTimeout(() => child.kill(), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

describe('structured logs', () => {
  test('every line is JSON; no token, code, cookie, CSRF token, password or ballot content appears', async () => {
    const sink = await startSmtpSink();
    const running = await childServer(sink);
    const { baseUrl, adminToken } = running.ready;
    const secrets = new Map<string, string>([['the organiser token', adminToken]]);
    try {
      const election = await openElection(
        { baseUrl, adminToken, sink },
        { id: 'logs-2026', voters: 2, trustees: 2, threshold: 2 },
      );
      for (const [i, t] of election.open.trusteeTokens.entries()) secrets.set(`trustee ${i + 1}'s token`, t);

      // A voter logs in with the emailed link; the code beside it is then tried too (used up).
      const email = election.voters[0]!.email;
      const mark = sink.messages.length;
      await api(baseUrl, 'POST', `${election.base}/login`, undefined, { email });
      const link = await readLoginLink(sink, email, mark);
      const mail = sink.messages.filter((m) => m.to === email).at(-1)!;
      const code = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/.exec(mail.text)?.[0];
      assert.ok(code, 'the email has a code');
      const linkToken = link.split('#')[1]!;
      secrets.set('the login link token', linkToken);
      secrets.set('the login code', code);
      secrets.set('the login code without dashes', code.replaceAll('-', ''));
      const verified = await fetch(`${baseUrl}${election.base}/login/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: linkToken }),
      });
      assert.equal(verified.status, 200);
      const session = (await verified.json()) as { token: string; csrf: string };
      const cookie = /psephos_session=([^;]+)/.exec(verified.headers.get('set-cookie') ?? '')?.[1];
      assert.ok(cookie, 'a session cookie');
      secrets.set('the session token', session.token);
      secrets.set('the session cookie', cookie);
      secrets.set('the CSRF token', session.csrf);
      const again = await fetch(`${baseUrl}${election.base}/login/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: code }),
      });
      assert.equal(again.status, 401, 'the code was used up with the link');

      // A ballot by cookie without the CSRF token (refused), then with it, then by bearer (a replay).
      const ballot = election.ballot(0, 1);
      for (const [j, c] of ballot.answers[0]!.choices.entries()) {
        secrets.set(`ciphertext ${j}'s alpha`, c.alpha);
        secrets.set(`ciphertext ${j}'s beta`, c.beta);
      }
      secrets.set('the signature', ballot.signature.s);
      const post = (headers: Record<string, string>, body: unknown = ballot) =>
        fetch(`${baseUrl}${election.base}/ballots`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      const bearer = { authorization: `Bearer ${session.token}` };
      assert.equal((await post({ cookie: `psephos_session=${cookie}` })).status, 403);
      assert.equal(
        (await post({ cookie: `psephos_session=${cookie}`, 'x-csrf-token': session.csrf })).status,
        200,
      );
      assert.equal((await post(bearer)).status, 200);
      // A malformed ballot and a ballot of the wrong shape (their content is echoed nowhere).
      assert.equal((await post(bearer, { ...ballot, signature: { c: ballot.signature.c } })).status, 400);
      assert.equal(
        (await post(bearer, { ...ballot, answers: [ballot.answers[0], ballot.answers[0]] })).status,
        409,
      );
      // A wrong password.
      const password = 'correct horse battery staple';
      secrets.set('a password', password);
      const wrong = await fetch(`${baseUrl}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'returning-officer', password }),
      });
      assert.equal(wrong.status, 401);
    } finally {
      await running.stop();
      await sink.close();
    }

    const { stdout, stderr } = running.output();
    const lines = stdout.split('\n').filter((l) => l.trim() !== '');
    assert.ok(lines.length > 20, `the server logged its requests (${lines.length} lines)`);
    for (const line of lines) {
      let entry: { level?: unknown; time?: unknown; msg?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        assert.fail(`a log line that is not JSON: ${line.slice(0, 200)}`);
      }
      assert.equal(typeof entry.level, 'number', line.slice(0, 200));
      assert.equal(typeof entry.time, 'number', line.slice(0, 200));
    }
    assert.ok(
      lines.some((l) => l.includes('"incoming request"') && l.includes('/api/elections/logs-2026/ballots')),
      'the casts were logged',
    );
    for (const [what, secret] of secrets) {
      assert.ok(!stdout.includes(secret), `${what} appears in the logs`);
      assert.ok(!stderr.includes(secret), `${what} appears on standard error`);
    }
  });
});

describe('a server started with flags its check workers cannot use', () => {
  // The child's command line (`--input-type=module -e`) would stop worker threads that inherited it;
  // the pool starts its workers without inherited flags, so casting works. (The pool's handling of
  // workers that do die is tested in check-pool.test.ts.)
  let running: ChildServer;
  let sink: SmtpSink;
  let response: Response | Error;
  let sizes: { before: number; after: number };

  before(async () => {
    sink = await startSmtpSink();
    running = await childServer(sink, 1);
    const access = { ...running.ready, sink };
    const election = await openElection(access, { id: 'worker-2026', voters: 1, trustees: 1, threshold: 1 });
    const token = await election.login(0);
    const size = async () =>
      (await api<{ size: number }>(access.baseUrl, 'GET', `${election.base}/board/events?limit=1`)).size;
    const before = await size();
    response = await fetch(`${access.baseUrl}${election.base}/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(election.ballot(0)),
      signal: AbortSignal.timeout(5_000),
    }).catch((e: Error) => e);
    sizes = { before, after: await size() };
  });

  after(async () => {
    await running?.stop();
    await sink?.close();
  });

  test('a cast is still answered (an error, or a receipt after checking elsewhere), not left hanging', async () => {
    assert.ok(!(response instanceof Error), `the cast got no reply: ${String(response)}`);
    if (response.status === 200)
      assert.equal(sizes.after, sizes.before + 1, 'the accepted ballot is on the board');
    else {
      assert.equal(response.status, 503, 'the server, not the ballot, is at fault');
      const body = (await response.json()) as { error?: { code?: string } };
      assert.equal(body.error?.code, 'unavailable');
      assert.equal(sizes.after, sizes.before, 'nothing was appended');
    }
  });
});
