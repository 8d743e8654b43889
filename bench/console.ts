/**
 * Benchmark of the organiser console's two heavy routes, through a real server on loopback:
 * `npm run bench:console [-- --invitations N] [-- --rows N] [-- --postgres] [-- --json]`.
 *
 * 1. The membership roll: a seeded roll of 200 000 members (bench/roll.ts's generator, `--rows`) is
 *    uploaded to `POST /api/elections/:id/roll/file`, checked (`POST …/roll/audit`: import, eligibility
 *    and audit in the server's worker thread, polled as the page polls it) and made the login list
 *    (`POST …/roll/use`). Goal: upload + check under 10 s.
 * 2. Invitations: `POST /api/elections/:id/invitations` to every voter of an election with `--invitations`
 *    voters (default 200 000), sent to a local SMTP sink in a child process that only counts what it
 *    receives (so the sink does not share the server's thread); reported as messages per second.
 *
 * The server runs in this process over SQLite (a temporary file), or PostgreSQL with `--postgres` (a
 * fresh schema on DATABASE_URL), with the server's own mailer (a pool of SMTP connections). Prints a
 * table, or JSON with `--json`: `[{ step, count, ms, per_s, peak_rss_mb }]`. Figures are measurements
 * on a shared machine, never asserted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { api } from '../src/cli/http-election.ts';
import { sampleDraft } from '../src/cli/simulate.ts';
import { loadGroup } from '../src/crypto/backends.ts';
import { buildServer } from '../src/server/app.ts';
import { createAdminToken } from '../src/server/auth.ts';
import { loadConfig } from '../src/server/config.ts';
import { createSmtpMailer } from '../src/server/mail.ts';
import { openStore } from '../src/store/open.ts';
import { GENERATED_RULES, generateRoll } from '../test/fixtures/roll-generator.ts';
import { freshPostgresUrl } from '../test/support/postgres.ts';
import type { Row } from './lib.ts';
import { report, round } from './lib.ts';

/** `--name N` as a number, or the default. */
function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} takes a whole number ≥ 1`);
  return value;
}

// ---------------------------------------------------------------------------------------------------
// The sink: `node bench/console.ts --sink` accepts every message, keeps none, and counts them.

async function sink(): Promise<void> {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    // Loopback needs no reverse DNS lookup (it would be timed as the server's cost).
    disableReverseLookup: true,
    // Many connections at once: the server's sender opens one per message in flight.
    maxClients: 1000,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`READY ${(server.server.address() as AddressInfo).port}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'count') process.stdout.write(`COUNT ${received}\n`);
  }
  server.close(() => process.exit(0));
}

/** The sink's child process, its port, and a way to ask how many messages it has received. */
async function startSink(): Promise<{ port: number; count(): Promise<number>; stop(): void }> {
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(import.meta.url), '--sink'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (prefix: string) => {
    const line = (await lines.next()).value as string | undefined;
    if (!line?.startsWith(prefix)) throw new Error(`the SMTP sink said "${line}"`);
    return Number(line.slice(prefix.length));
  };
  const port = await next('READY ');
  return {
    port,
    async count() {
      child.stdin!.write('count\n');
      return next('COUNT ');
    },
    stop: () => child.kill(),
  };
}

// ---------------------------------------------------------------------------------------------------
// The benchmark

/** Polls `read` until it returns a job that ended; throws if the job failed. */
async function untilDone(
  read: () => Promise<{ status: string; error?: string | null } | null>,
): Promise<void> {
  for (;;) {
    const job = await read();
    if (job?.status === 'done') return;
    if (job?.status === 'failed') throw new Error(`the job failed: ${job.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const rowsWanted = option('--rows', 200_000);
  const invitations = option('--invitations', 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'psephos-bench-console-'));
  const postgres = process.argv.includes('--postgres') ? await freshPostgresUrl() : undefined;
  const mailSink = await startSink();
  const store = await openStore(postgres?.url ?? `sqlite:${join(dir, 'store.sqlite')}`);
  const config = loadConfig({}, undefined, {
    port: 0,
    logLevel: 'warn',
    workers: 1,
    rateLimit: { perIp: 1_000_000, castPerLogin: 1_000_000 },
    smtp: { host: '127.0.0.1', port: mailSink.port, from: 'Psephos <elections@example.org>' },
  });
  // The server's own mailer: a pool of SMTP connections kept open (src/server/mail.ts).
  const mailer = createSmtpMailer(config.smtp);
  const { app } = await buildServer({ store, config, group: await loadGroup(), mailer });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  await store.setAdmin('bench', 'unused');
  const token = await createAdminToken(store, 'bench', 4);
  const admin = <T>(method: string, path: string, body?: unknown) =>
    api<T>(baseUrl, method, path, token, body);
  const draft = (id: string, eligibility?: object) =>
    admin('POST', '/api/elections', {
      definition: {
        ...sampleDraft({
          id,
          title: `Benchmark ${id}`,
          candidates: 3,
          trustees: 1,
          threshold: 1,
          revoting: 'single',
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        }),
        ...(eligibility ? { eligibility } : {}),
      },
    });
  const rows: Row[] = [];
  const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
  const step = (name: string, count: number, ms: number) =>
    rows.push({
      step: name,
      count,
      ms: Math.round(ms),
      per_s: round((count * 1000) / ms),
      peak_rss_mb: rss(),
    });

  try {
    // 1. The roll.
    const roll = generateRoll(join(dir, 'roll.csv'), { members: rowsWanted, seed: 1 });
    const bytes = readFileSync(roll.path);
    await draft('bench-roll', GENERATED_RULES);
    const base = '/api/elections/bench-roll/roll';
    let t = performance.now();
    const uploaded = await fetch(`${baseUrl}${base}/file?name=roll.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: bytes,
    });
    if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
    const uploadMs = performance.now() - t;
    step(`roll upload (${Math.round(bytes.length / 1e6)} MB, stored in chunks)`, roll.rows, uploadMs);
    t = performance.now();
    await admin('POST', `${base}/audit`, { mapping: {}, rules: GENERATED_RULES });
    await untilDone(
      async () => (await admin<{ job: { status: string; error: string | null } | null }>('GET', base)).job,
    );
    const checkMs = performance.now() - t;
    step('roll check (import + eligibility + audit, worker thread)', roll.rows, checkMs);
    step('roll upload + check (goal < 10 s)', roll.rows, uploadMs + checkMs);
    t = performance.now();
    const used = await admin<{ voters: number }>('POST', `${base}/use`);
    step('roll use (login list, batches of 5 000)', used.voters, performance.now() - t);
    rmSync(roll.path);

    // 2. Invitations, to an election of exactly `invitations` voters.
    await draft('bench-invite');
    for (let i = 0; i < invitations; i += 5000) {
      const batch = Array.from({ length: Math.min(5000, invitations - i) }, (_, j) => ({
        voterId: `M${String(i + j).padStart(7, '0')}`,
        email: `member${i + j}@example.org`,
        name: `Member ${i + j}`,
      }));
      await store.addVoters('bench-invite', batch);
    }
    await admin('POST', '/api/elections/bench-invite/setup');
    const before = await mailSink.count();
    t = performance.now();
    await admin('POST', '/api/elections/bench-invite/invitations', {
      mode: 'invite',
      languages: ['cy', 'en'],
      intro: {
        en: 'Dear member,\n\nThe leadership ballot opens soon.',
        cy: 'Annwyl aelod,\n\nMae’r bleidlais yn agor cyn bo hir.',
      },
    });
    let result: { sent: number; failed: number } | undefined;
    await untilDone(async () => {
      const job = (
        await admin<{ job: { status: string; error: string | null; result: typeof result } | null }>(
          'GET',
          '/api/elections/bench-invite/invitations',
        )
      ).job;
      result = job?.result ?? undefined;
      return job;
    });
    const ms = performance.now() - t;
    const received = (await mailSink.count()) - before;
    if (result?.sent !== invitations || received !== invitations) {
      throw new Error(
        `invitations: ${JSON.stringify(result)} sent, ${received} received, ${invitations} expected`,
      );
    }
    step('invitations (bilingual, to the SMTP sink)', invitations, ms);
  } finally {
    await app.close();
    await store.close();
    mailSink.stop();
    await postgres?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
  report(
    rows,
    `Organiser console through the server (${postgres ? 'PostgreSQL' : 'SQLite'}; the server's pooled SMTP mailer)`,
  );
}

if (process.argv.includes('--sink')) await sink();
else await main();
