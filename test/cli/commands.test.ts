/**
 * The `psephos` commands around an election: init, credentials generate (with real SMTP to a sink),
 * report, export, serve and admin. Commands run as child processes, as an operator would run them; the
 * servers they talk to run in this process.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { type DemoOutcome, runDemo } from '../../src/cli/demo.ts';
import { INIT_FILES, SETTINGS } from '../../src/cli/init.ts';
import { renderReportHtml } from '../../src/cli/report-html.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { deriveCredential } from '../../src/crypto/credential.ts';
import {
  findMemberInPublished,
  publishedElectorateSchema,
  verifyMemberInclusion,
} from '../../src/electorate/commitment.ts';
import { encodeElement } from '../../src/protocol/codec.ts';
import { parseDefinition } from '../../src/protocol/definition.ts';
import { Payloads } from '../../src/protocol/events.ts';
import { buildServer } from '../../src/server/app.ts';
import { createAdminToken } from '../../src/server/auth.ts';
import { Config, loadConfig } from '../../src/server/config.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import type { VerificationReport } from '../../src/verifier/report.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const group = await loadGroup();

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI to the end (asynchronously: the SMTP sink and the servers live in this process). */
function psephos(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `psephos-${prefix}-`));

/** A server in this process on a SQLite file, with an organiser's token. */
async function inProcessServer(
  path: string,
): Promise<{ app: FastifyInstance; store: Store; url: string; token: string }> {
  const store = await openStore(`sqlite:${path}`);
  const config = loadConfig({}, undefined, { port: 0, logLevel: 'silent', workers: 0 });
  const { app } = await buildServer({ store, config, group });
  await app.listen({ host: '127.0.0.1', port: 0 });
  await store.setAdmin('returning-officer', 'tests use a token');
  const token = await createAdminToken(store, 'returning-officer', 1);
  const { port } = app.server.address() as { port: number };
  return { app, store, url: `http://127.0.0.1:${port}`, token };
}

describe('psephos init', () => {
  const dir = temp('init');
  let run: Run;
  before(async () => {
    run = await psephos(['init', dir, '--json']);
  });

  test('writes a configuration that loads, notes on every setting, and an example election', () => {
    assert.equal(run.status, 0, run.stderr);
    const { files } = JSON.parse(run.stdout) as { files: string[] };
    assert.deepEqual(
      files,
      [INIT_FILES.config, INIT_FILES.notes, INIT_FILES.election].map((f) => join(dir, f)),
    );
    const config = loadConfig({}, join(dir, INIT_FILES.config));
    assert.deepEqual(config, Config.parse({}));
    // Every setting of the schema is documented, and nothing else is.
    const keys = (shape: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(shape).flatMap(([k, v]) => {
        const inner = (v as { def?: { innerType?: { shape?: Record<string, unknown> } } }).def?.innerType
          ?.shape;
        return inner ? keys(inner, `${prefix}${k}.`) : [`${prefix}${k}`];
      });
    assert.deepEqual(SETTINGS.map((s) => s.key).sort(), keys(Config.shape).sort());
    const notes = readFileSync(join(dir, INIT_FILES.notes), 'utf8');
    for (const s of SETTINGS) assert.ok(notes.includes(`\`${s.key}\``), s.key);
  });

  test('refuses to overwrite, and leaves the files as they were', async () => {
    writeFileSync(join(dir, INIT_FILES.election), '{"edited":true}\n');
    const again = await psephos(['init', dir]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exists; nothing was written/);
    assert.equal(readFileSync(join(dir, INIT_FILES.election), 'utf8'), '{"edited":true}\n');
  });

  test('the example election is accepted by the server’s create route', async () => {
    const fresh = temp('init-election');
    assert.equal((await psephos(['init', fresh])).status, 0);
    const definition = JSON.parse(readFileSync(join(fresh, INIT_FILES.election), 'utf8')) as Record<
      string,
      unknown
    >;
    const server = await inProcessServer(join(fresh, 'store.sqlite'));
    try {
      const reply = await server.app.inject({
        method: 'POST',
        url: '/api/elections',
        headers: { authorization: `Bearer ${server.token}` },
        payload: { definition },
      });
      assert.equal(reply.statusCode, 201, reply.body);
      const created = parseDefinition(reply.json<{ definition: unknown }>().definition);
      assert.equal(created.id, definition.id);
      assert.equal(created.questions.length, 2);
    } finally {
      await server.app.close();
      await server.store.close();
    }
  });
});

describe('psephos credentials generate', () => {
  const dir = temp('credentials');
  const voters = join(dir, 'voters.csv');
  const names = [
    'Ada Lovelace',
    '<script>alert("x")</script>',
    'Hopper, Grace',
    'Émile Zola',
    'Alan "Ace" Turing',
  ];
  writeFileSync(
    voters,
    `member_id,email,name\n${names.map((n, i) => `M${i + 1},member${i + 1}@example.org,"${n.replaceAll('"', '""')}"`).join('\n')}\n`,
  );
  const out = join(dir, 'issued');
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let run: Run;
  before(async () => {
    sink = await startSmtpSink();
    run = await psephos(
      [
        'credentials',
        'generate',
        '--election',
        'leader-2026',
        '--voters',
        voters,
        '--out',
        out,
        '--title',
        'Leader <2026>',
        '--send',
        '--smtp-host',
        '127.0.0.1',
        '--smtp-port',
        String(sink.port),
        '--from',
        'Returning officer <ro@example.org>',
        '--json',
      ],
      { PSEPHOS_CONFIG: '' },
    );
  });
  after(() => sink.close());

  const privateRows = () =>
    parse(readFileSync(join(out, 'private-credentials.csv')), { columns: true }) as {
      member_id: string;
      email: string;
      name: string;
      credential: string;
      salt: string;
    }[];

  test('writes the public list (sorted, with the commitment) and never prints a credential', () => {
    assert.equal(run.status, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as {
      credentials: number;
      emails: { sent: number; failed: number };
    };
    assert.equal(summary.credentials, 5);
    assert.deepEqual(summary.emails, { sent: 5, failed: 0 });
    assert.doesNotMatch(run.stdout + run.stderr, /vote1/);
    const payload = Payloads.electorate.parse(
      JSON.parse(readFileSync(join(out, 'public-credentials.json'), 'utf8')),
    );
    const list = payload.credentials.map((c) => c.credential);
    assert.deepEqual(list, [...list].sort());
    assert.equal(new Set(list).size, 5);
    assert.ok(payload.credentials.every((c) => c.weight === 1));
    assert.equal(payload.members?.count, 5);
  });

  test('each private credential derives exactly one listed public credential; secrets are 0600', () => {
    const payload = JSON.parse(readFileSync(join(out, 'public-credentials.json'), 'utf8')) as {
      credentials: { credential: string }[];
    };
    const listed = new Set(payload.credentials.map((c) => c.credential));
    const rows = privateRows();
    assert.deepEqual(
      rows.map((r) => r.name),
      names,
    );
    const derived = rows.map((r) =>
      encodeElement(group, deriveCredential(group, 'leader-2026', r.credential).publicCredential),
    );
    assert.ok(derived.every((d) => listed.has(d)));
    assert.equal(new Set(derived).size, listed.size);
    for (const file of ['private-credentials.csv', 'letters.html', 'member-salts.csv'])
      assert.equal(statSync(join(out, file)).mode & 0o777, 0o600, file);
  });

  test('each member’s salt proves them in the published electorate', () => {
    const published = publishedElectorateSchema.parse(
      JSON.parse(readFileSync(join(out, 'electorate.json'), 'utf8')),
    );
    for (const r of privateRows()) {
      const check = findMemberInPublished(published, r.member_id, r.salt);
      assert.ok(check && verifyMemberInclusion(check, published.commitment), r.member_id);
    }
  });

  test('letters: one page per member with a QR code, every name escaped, nothing to load or run', () => {
    const html = readFileSync(join(out, 'letters.html'), 'utf8');
    assert.equal(html.match(/<section class="letter">/g)?.length, 5);
    assert.equal(html.match(/<svg class="qr"/g)?.length, 5);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /default-src 'none'/);
    assert.match(html, /@page \{ size: A4/);
    assert.match(html, /Leader &lt;2026&gt;/);
  });

  test('--send delivers one email per member, with the credential in the text and the HTML part', async () => {
    const rows = privateRows();
    for (const r of rows) {
      const m = await sink.waitFor((x) => x.to === r.email);
      assert.ok(m.text.includes(r.credential), r.email);
      assert.ok(m.html.includes(r.credential), r.email);
      assert.match(m.subject, /Your voting credential: Leader <2026>/);
    }
    assert.equal(sink.messages.length, 5);
    const script = sink.messages.find((m) => m.to === 'member2@example.org')!;
    assert.doesNotMatch(script.html, /<script/i);
  });

  test('does not overwrite issued credentials', async () => {
    const again = await psephos([
      'credentials',
      'generate',
      '--election',
      'leader-2026',
      '--voters',
      voters,
      '--out',
      out,
    ]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exists/);
  });

  test('a bad voter list exits 2 naming each bad line, and writes nothing', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'member_id,email,name\nM1,a@example.org,A\n,b@example.org,B\nM3,not-an-email,C\nM1,d@example.org,D\n',
    );
    const badOut = join(dir, 'bad-out');
    const r = await psephos([
      'credentials',
      'generate',
      '--election',
      'leader-2026',
      '--voters',
      bad,
      '--out',
      badOut,
    ]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /3 bad rows/);
    assert.match(r.stderr, /line 3: member id is blank/);
    assert.match(r.stderr, /line 4: "not-an-email" is not an email address/);
    assert.match(r.stderr, /line 5: member id "M1" is already on line 2/);
    assert.throws(() => statSync(badOut));
  });

  test('with the commitment of psephos roll commit: its root, its salts, and only its members', async () => {
    const roll = join(dir, 'roll.csv');
    writeFileSync(
      roll,
      'member_id,email,name,join_date\nM1,a@example.org,A,2020-01-01\nM2,b@example.org,B,2020-02-01\nM3,c@example.org,C,2020-03-01\n',
    );
    const committed = join(dir, 'committed');
    assert.equal(
      (await psephos(['roll', 'commit', roll, '--election', 'leader-2026', '--out', committed])).status,
      0,
    );
    const issued = join(dir, 'issued-committed');
    const commitment = join(committed, 'electorate.json');
    const args = ['credentials', 'generate', '--election', 'leader-2026', '--commitment', commitment];
    const r = await psephos([...args, '--voters', roll, '--out', issued, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const published = publishedElectorateSchema.parse(JSON.parse(readFileSync(commitment, 'utf8')));
    const payload = Payloads.electorate.parse(
      JSON.parse(readFileSync(join(issued, 'public-credentials.json'), 'utf8')),
    );
    assert.deepEqual(payload.members, { count: 3, root: published.commitment.root });
    const salts = parse(readFileSync(join(committed, 'member-salts.csv')), { columns: true }) as {
      member_id: string;
      salt: string;
    }[];
    const rows = parse(readFileSync(join(issued, 'private-credentials.csv')), { columns: true }) as {
      member_id: string;
      salt: string;
    }[];
    assert.deepEqual(
      rows.map((x) => [x.member_id, x.salt]),
      salts.map((x) => [x.member_id, x.salt]).sort(),
    );
    // A voter list that is not the committed electorate is refused.
    const other = join(dir, 'other.csv');
    writeFileSync(
      other,
      'member_id,email,name\nM1,a@example.org,A\nM2,b@example.org,B\nM9,z@example.org,Z\n',
    );
    const wrong = await psephos([...args, '--voters', other, '--out', join(dir, 'issued-wrong')]);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /does not match the commitment/);
    assert.match(wrong.stderr, /line 4: member M9 has no salt/);
  });

  test('an unreachable mail server exits 3 before anything is written', async () => {
    const r = await psephos([
      'credentials',
      'generate',
      '--election',
      'leader-2026',
      '--voters',
      voters,
      '--out',
      join(dir, 'no-smtp'),
      '--send',
      '--smtp-host',
      '127.0.0.1',
      '--smtp-port',
      '1',
    ]);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /cannot use the mail server 127\.0\.0\.1:1: connection refused/);
    assert.throws(() => statSync(join(dir, 'no-smtp')));
  });
});

describe('psephos report and export', () => {
  const dir = temp('report');
  let demo: DemoOutcome;
  before(async () => {
    demo = await runDemo({
      voters: 20,
      candidates: 3,
      trustees: 3,
      threshold: 2,
      revoting: 'single',
      store: 'sqlite',
      out: dir,
      serve: false,
      port: 0,
    });
  });

  test('a verified record gives a report with the result, every check and the root', async () => {
    const out = join(dir, 'report.html');
    const r = await psephos(['report', demo.recordPath, '--out', out, '--json', '--workers', '1']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as VerificationReport;
    assert.equal(report.ok, true);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /VERIFIED: every check passed/);
    const question = report.result!.questions[0]!;
    const total = question.candidates.reduce((a, c) => a + c.votes, 0);
    for (const c of question.candidates) {
      assert.ok(html.includes(`<td>${c.name}</td><td class="n">${c.votes}</td>`), c.name);
      assert.ok(html.includes(`${((100 * c.votes) / total).toFixed(1)}%`), c.name);
    }
    for (const c of report.checks)
      assert.ok(html.includes(`<td>${c.check}</td><td class="n">${c.count}</td>`), c.check);
    assert.ok(html.includes(report.root!));
    assert.match(html, /<svg class="chart"/);
    for (const step of [
      'setup',
      'election-key',
      'electorate',
      'open',
      'ballot',
      'close',
      'tally',
      'decryption-share',
      'result',
    ])
      assert.ok(html.includes(`<span class="tag">${step}</span>`), step);
    // Self-contained: nothing to run, nothing to fetch.
    assert.doesNotMatch(html, /<script|\b(src|href)=|url\(|@import|https?:\/\//i);
  });

  test('a tampered record gives a report that says FAILED with the code, and exit 1', async () => {
    const lines = readFileSync(demo.recordPath, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('"type":"result"'));
    lines[i] = lines[i]!.replace(/"counts":\[\[(\d+)/, (_, n: string) => `"counts":[[${Number(n) + 1}`);
    const tampered = join(dir, 'tampered.psephos.jsonl');
    writeFileSync(tampered, lines.join('\n'));
    const r = await psephos(['report', tampered, '--workers', '0']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FAILED: bad-result/);
    const html = readFileSync(join(dir, 'tampered.report.html'), 'utf8');
    assert.match(html, /FAILED: bad-result/);
    assert.match(html, /must not be trusted/);
  });

  test('an unreadable record exits 2 with a plain message (as JSON with --json)', async () => {
    const r = await psephos(['report', join(dir, 'missing.psephos.jsonl'), '--json']);
    assert.equal(r.status, 2);
    const { error } = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    assert.equal(error.code, 'unreadable-file');
    assert.match(error.message, /cannot read .*missing\.psephos\.jsonl \(ENOENT\)/);
  });

  test('HTML in the record is shown as text, never run', async () => {
    // A hostile title in the definition: the first signed head no longer matches, and the report must
    // still show the title as text.
    const lines = readFileSync(demo.recordPath, 'utf8').split('\n');
    lines[1] = lines[1]!.replace(
      '"title":"Leadership election (demonstration)"',
      '"title":"<script>alert(1)</script>"',
    );
    const hostile = join(dir, 'hostile.psephos.jsonl');
    writeFileSync(hostile, lines.join('\n'));
    const r = await psephos(['report', hostile, '--workers', '0']);
    assert.equal(r.status, 1);
    const html = readFileSync(join(dir, 'hostile.report.html'), 'utf8');
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /FAILED: head-mismatch/);
  });

  test('candidate names are escaped in the result table and the chart', () => {
    const report: VerificationReport = {
      ok: true,
      phase: 'published',
      checks: [{ check: 'ballots', count: 3 }],
      counts: {
        events: 1,
        treeHeads: 1,
        trustees: 1,
        credentials: 3,
        ballots: 3,
        counted: 3,
        superseded: 0,
        amendments: 0,
      },
      result: {
        counted: 3,
        questions: [
          {
            id: 'q',
            title: 'Q <i>',
            candidates: [
              { id: 'a', name: '<img src=x onerror=alert(1)>', votes: 2 },
              { id: 'b', name: 'B & "C"', votes: 1 },
            ],
          },
        ],
      },
      ms: 1,
    };
    const record = {
      file: { name: 'x<y>.jsonl', bytes: 1, sha256: 'ab' },
      timeline: [],
      heads: { count: 0 },
      trustees: new Map(),
    };
    const html = renderReportHtml({ report, record, generatedAt: new Date(0) });
    assert.doesNotMatch(html, /<img|<i>|<y>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /B &amp; &quot;C&quot;/);
    assert.match(html, /66\.7%/);
  });

  test('export downloads the record from a server and verifies it', async () => {
    const server = await inProcessServer(join(dir, 'demo.sqlite'));
    try {
      const file = join(dir, 'exported.psephos.jsonl');
      const r = await psephos([
        'export',
        'demo',
        '--server',
        server.url,
        '--out',
        file,
        '--json',
        '--workers',
        '1',
      ]);
      assert.equal(r.status, 0, r.stderr);
      const outcome = JSON.parse(r.stdout) as { file: string; bytes: number; report: VerificationReport };
      assert.equal(outcome.report.ok, true);
      assert.equal(outcome.bytes, statSync(file).size);
      assert.equal(readFileSync(file, 'utf8'), readFileSync(demo.recordPath, 'utf8'));

      const unknown = await psephos([
        'export',
        'nope',
        '--server',
        server.url,
        '--out',
        join(dir, 'nope.jsonl'),
      ]);
      assert.equal(unknown.status, 4);
      assert.match(unknown.stderr, /refused the record of "nope"/);
      assert.throws(() => statSync(join(dir, 'nope.jsonl')));
    } finally {
      await server.app.close();
      await server.store.close();
    }
    const down = await psephos(['export', 'demo', '--server', server.url, '--out', join(dir, 'down.jsonl')]);
    assert.equal(down.status, 3);
    assert.match(down.stderr, /cannot reach the server at http:\/\/127\.0\.0\.1:\d+: connection refused/);
  });
});

describe('psephos serve and admin', () => {
  const dir = temp('serve');
  const env = {
    DATABASE_URL: `sqlite:${join(dir, 'psephos.sqlite')}`,
    PSEPHOS_LOG_LEVEL: 'silent',
    PSEPHOS_CONFIG: '',
    PSEPHOS_ADMIN_PASSWORD: 'correct horse battery staple',
  };

  /** Starts `psephos serve` and resolves with its URL once it listens. */
  function startServe(): Promise<{
    child: ChildProcess;
    url: string;
    exit: Promise<number | null>;
    stderr: () => string;
  }> {
    const child = spawn(process.execPath, [main, 'serve', '--port', '0', '--json'], {
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    return new Promise((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d;
        const line = stdout.split('\n').find((l) => l.startsWith('{"url"'));
        if (line)
          resolve({ child, url: (JSON.parse(line) as { url: string }).url, exit, stderr: () => stderr });
      });
      void exit.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
  }

  test('admin create and token, then serve answers /healthz and the organiser’s API, and stops on SIGTERM', async () => {
    const created = await psephos(['admin', 'create', 'returning-officer', '--json'], env);
    assert.equal(created.status, 0, created.stderr);
    const issued = await psephos(['admin', 'token', 'returning-officer', '--hours', '1'], env);
    assert.equal(issued.status, 0, issued.stderr);
    const token = issued.stdout.trim();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);

    const server = await startServe();
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { ok: true, store: 'sqlite' });
    const init = temp('serve-init');
    assert.equal((await psephos(['init', init])).status, 0);
    const created2 = await fetch(`${server.url}/api/elections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ definition: JSON.parse(readFileSync(join(init, INIT_FILES.election), 'utf8')) }),
    });
    assert.equal(created2.status, 201);
    server.child.kill('SIGTERM');
    assert.equal(await server.exit, 0);
    assert.match(server.stderr(), /Psephos stopped \(SIGTERM\)/);
  });

  test('clear errors: a weak password, an unknown organiser, a bad setting, an unreachable database', async () => {
    const weak = await psephos(['admin', 'create', 'x'], { ...env, PSEPHOS_ADMIN_PASSWORD: 'short' });
    assert.equal(weak.status, 2);
    assert.match(weak.stderr, /at least 12 characters/);
    const unknown = await psephos(['admin', 'token', 'nobody'], env);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /there is no organiser "nobody"/);
    const badPort = await psephos(['serve'], { ...env, PSEPHOS_PORT: 'many' });
    assert.equal(badPort.status, 2);
    assert.match(badPort.stderr, /configuration: port/);
    const noDb = await psephos(['serve', '--port', '0'], {
      ...env,
      DATABASE_URL: 'postgres://psephos@127.0.0.1:1/psephos',
    });
    assert.equal(noDb.status, 3);
    assert.match(
      noDb.stderr,
      /cannot reach the database \(PostgreSQL postgres:\/\/psephos@127\.0\.0\.1:1\/psephos\): connection refused/,
    );
  });

  test('every command documents examples and exit codes in --help', async () => {
    const commands = [
      ['serve'],
      ['admin', 'create'],
      ['admin', 'token'],
      ['init'],
      ['credentials', 'generate'],
      ['export'],
      ['report'],
    ];
    const runs = await Promise.all(commands.map((command) => psephos([...command, '--help'])));
    for (const [i, r] of runs.entries()) {
      const command = commands[i]!;
      assert.equal(r.status, 0, command.join(' '));
      assert.match(r.stdout, /Examples:/, command.join(' '));
      assert.match(r.stdout, /Exit codes: 0/, command.join(' '));
    }
  });
});

describe('CSV fields for the mail merge', () => {
  test('a name that a spreadsheet would run as a formula is written as text', async () => {
    const { csvField } = await import('../../src/cli/credentials.ts');
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvField('+44 20 7946 0000'), "'+44 20 7946 0000");
    assert.equal(csvField('@member'), "'@member");
    assert.equal(csvField('-5'), "'-5");
    assert.equal(csvField('Ada Lovelace'), 'Ada Lovelace');
    assert.equal(csvField('Smith, Jo'), '"Smith, Jo"');
  });
});
