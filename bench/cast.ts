/**
 * Benchmark of casting through the server: `npm run bench:cast [-- --full] [-- --json]`.
 *
 * The server runs in a child process (this file with `--serve`) on loopback, over SQLite (a temporary
 * file) and PostgreSQL (a fresh schema on DATABASE_URL); this process is the voters' side. Before any
 * timing, an election is opened through the API, every voter logs in (the login emails are printed by
 * the child, not sent) and every ballot is made — making a ballot is the voter's cost, not the server's.
 * Then, for each number of proof-check workers (`--workers 1,2`) the server is started again on the same
 * store, warmed up, and loaded by 50 and 200 concurrent voters (and 500 with `--full`), each voter
 * casting one pre-made ballot after another, for at most `--seconds` (15) or its share of the ballots.
 *
 * Reported per level: accepted ballots per second, p50 and p99 latency of the accepted ones, errors
 * (refusals and failed connections), and lost ballots — acknowledged with a receipt but missing on the
 * board afterwards (must be 0; every receipt is also verified). The CPU columns say where the cores
 * went: the server's main thread, its other threads (the ballot-check workers, plus GC and libuv),
 * PostgreSQL's processes, and this client. Client, server and database all share this machine's cores.
 *
 * With `--rate R` the load is an open loop instead: a ballot is due every 1/R s (with at most
 * `concurrency` in flight), and latency counts from when it was due. In the closed loop, latency is
 * bounded below by Little's law: concurrency / throughput.
 *
 * Options: --full, --json, --seconds N, --voters N, --workers 1,2, --stores sqlite,postgres, --rate R.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { verifyReceipt } from '../src/board/receipt.ts';
import { api, openHttpElection } from '../src/cli/http-election.ts';
import { loadGroup } from '../src/crypto/backends.ts';
import { toBase64url } from '../src/crypto/bytes.ts';
import { createBallot, validateBallot } from '../src/protocol/ballot.ts';
import type { BoardEvent } from '../src/protocol/events.ts';
import { tracker } from '../src/protocol/tracker.ts';
import { buildServer } from '../src/server/app.ts';
import { createAdminToken } from '../src/server/auth.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Mailer } from '../src/server/mail.ts';
import { openStore } from '../src/store/open.ts';
import { freshPostgresUrl } from '../test/support/postgres.ts';
import type { Row } from './lib.ts';
import { report, round } from './lib.ts';

const ELECTION = 'bench-cast';
const CANDIDATES = 3;
/** Ballots cast at low concurrency after each server start, not measured (JIT, connections, caches). */
const WARM_UP = 100;

// ---------------------------------------------------------------------------------------------------
// The server side: `node bench/cast.ts --serve <store-url> <workers>`

/**
 * Runs the server until killed. Prints `MAIL <address> <link>` per login email and `READY <port>`;
 * answers each `cpu` line on stdin with `CPU {"total":µs,"main":µs}` (all threads; the main thread).
 */
async function serve(url: string, workers: number): Promise<void> {
  const group = await loadGroup();
  const store = await openStore(url);
  const config = loadConfig({}, undefined, {
    port: 0,
    databaseUrl: url,
    logLevel: 'error',
    workers,
    // The load comes from one address: the per-IP limit (600 a minute by default) would refuse it.
    rateLimit: { perIp: 100_000_000, castPerLogin: 20 },
  });
  const mailer: Mailer = {
    async send(m) {
      const link = /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(m.text)?.[0];
      if (!link) throw new Error('a login email without a link');
      process.stdout.write(`MAIL ${m.to} ${link}\n`);
    },
  };
  const server = await buildServer({ store, config, group, mailer });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'cpu') return;
    const all = process.cpuUsage();
    const main = process.threadCpuUsage();
    process.stdout.write(
      `CPU ${JSON.stringify({ total: all.user + all.system, main: main.user + main.system })}\n`,
    );
  });
  process.stdin.once('end', () => {
    void server.app.close().then(() => store.close().then(() => process.exit(0)));
  });
  process.stdout.write(`READY ${(server.app.server.address() as AddressInfo).port}\n`);
}

// ---------------------------------------------------------------------------------------------------
// The voters' side

const argv = process.argv.slice(2);
const full = argv.includes('--full');
function option(name: string, fallback: string): string {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
}
const seconds = Number(option('seconds', '15'));
const levels = full ? [50, 200, 500] : [50, 200];
const workerCounts = option('workers', '1,2').split(',').map(Number);
const stores = option('stores', 'sqlite,postgres').split(',');
const voterCount = Number(option('voters', full ? '9000' : '4000'));
/** With `--rate R`: open loop, a ballot every 1/R s (at most `concurrency` in flight), latency from its due time. */
const rate = argv.includes('--rate') ? Number(option('rate', '0')) : undefined;

const progress = (text: string) => process.stderr.write(`  ${text}\n`);

interface ServerChild {
  readonly baseUrl: string;
  link(email: string): Promise<string>;
  /** CPU microseconds of the server process so far: all threads, and its main thread. */
  cpu(): Promise<{ total: number; main: number }>;
  /** Closes stdin: the server closes itself and the store. */
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

async function startServer(url: string, workers: number): Promise<ServerChild> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', url, String(workers)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  const links = new Map<string, string>();
  const waiting = new Map<string, (link: string) => void>();
  const cpuWaiting: ((usage: { total: number; main: number }) => void)[] = [];
  let ready!: (port: number) => void;
  const port = new Promise<number>((resolve) => {
    ready = resolve;
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const mail = /^MAIL (\S+) (\S+)$/.exec(line);
    if (mail) {
      const email = mail[1]!;
      if (!links.has(email)) links.set(email, mail[2]!);
      waiting.get(email)?.(links.get(email)!);
      waiting.delete(email);
    } else if (line.startsWith('CPU ')) cpuWaiting.shift()?.(JSON.parse(line.slice(4)));
    else if (line.startsWith('READY ')) ready(Number(line.slice(6)));
    else process.stderr.write(`  server: ${line}\n`);
  });
  const failed = exited.then(() => {
    throw new Error('the server exited before it was ready');
  });
  const baseUrl = `http://127.0.0.1:${await Promise.race([port, failed])}`;
  failed.catch(() => undefined);
  return {
    baseUrl,
    link: (email) =>
      links.has(email)
        ? Promise.resolve(links.get(email)!)
        : new Promise((resolve) => waiting.set(email, resolve)),
    cpu: () =>
      new Promise((resolve) => {
        cpuWaiting.push(resolve);
        child.stdin!.write('cpu\n');
      }),
    stop: async () => {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `task(i)` for i in 0..count-1, at most `width` at a time. */
async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out = Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

/** CPU ticks (1/100 s) of each process named `postgres` on this machine, by pid. */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

/** PostgreSQL's CPU seconds between two snapshots (a backend that ended in between is not counted). */
function postgresSeconds(before: Map<string, number>, after: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks / 100;
}

interface Prepared {
  readonly token: string;
  readonly body: string;
  readonly tracker: string;
}

interface Level {
  readonly wallMs: number;
  readonly latencies: number[];
  readonly errors: Map<string, number>;
  readonly receipts: { tracker: string; receipt: unknown }[];
}

/** `concurrency` voters cast one ballot after another from `ballots` until they run out or time is up. */
async function load(baseUrl: string, ballots: readonly Prepared[], concurrency: number, ms: number) {
  const url = `${baseUrl}/api/elections/${ELECTION}/ballots`;
  const level: Level = { wallMs: 0, latencies: [], errors: new Map(), receipts: [] };
  const error = (what: string) => level.errors.set(what, (level.errors.get(what) ?? 0) + 1);
  const start = performance.now();
  const deadline = start + ms;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ballots.length && performance.now() < deadline) {
        const i = next++;
        const ballot = ballots[i]!;
        let sent = performance.now();
        if (rate !== undefined) {
          // Open loop: the ballot is due at its slot; a late start (no free client) counts as latency.
          const due = start + (i * 1000) / rate;
          if (due > sent) await new Promise((resolve) => setTimeout(resolve, due - sent));
          if (due >= deadline) break;
          sent = due;
        }
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${ballot.token}`, 'content-type': 'application/json' },
            body: ballot.body,
          });
          const text = await response.text();
          if (response.ok) {
            level.latencies.push(performance.now() - sent);
            level.receipts.push({ tracker: ballot.tracker, receipt: JSON.parse(text).receipt });
          } else {
            const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
            error(`${response.status} ${code ?? ''}`.trim());
          }
        } catch (e) {
          error(String((e as Error).cause ?? e));
        }
      }
    }),
  );
  return { ...level, wallMs: performance.now() - start };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Every ballot tracker on the board, with how often it occurs. */
async function boardTrackers(baseUrl: string): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  let from = 0;
  for (;;) {
    const page = await api<{ size: number; events: BoardEvent[] }>(
      baseUrl,
      'GET',
      `/api/elections/${ELECTION}/board/events?from=${from}`,
    );
    for (const event of page.events)
      if (event.type === 'ballot') {
        const id = toBase64url(tracker(event.payload.ballot));
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    from += page.events.length;
    if (from >= page.size || page.events.length === 0) return seen;
  }
}

async function benchStore(kind: string): Promise<Row[]> {
  const group = await loadGroup();
  const location =
    kind === 'postgres'
      ? await freshPostgresUrl()
      : (() => {
          const dir = mkdtempSync(join(tmpdir(), 'psephos-bench-'));
          return {
            url: `sqlite:${join(dir, 'store.sqlite')}`,
            cleanup: async () => rmSync(dir, { recursive: true, force: true }),
          };
        })();
  const rows: Row[] = [];
  let server: ServerChild | undefined;
  try {
    const store = await openStore(location.url);
    await store.setAdmin('returning-officer', 'not-used-with-tokens');
    const adminToken = await createAdminToken(store, 'returning-officer', 2);
    await store.close();

    progress(`${kind}: opening an election for ${voterCount} voters`);
    server = await startServer(location.url, workerCounts[0]!);
    const base = server.baseUrl;
    const voters = Array.from({ length: voterCount }, (_, i) => ({
      voterId: `V${100000 + i}`,
      email: `voter${i}@example.org`,
      name: `Voter ${i}`,
    }));
    const open = await openHttpElection({
      baseUrl: base,
      adminToken,
      group,
      electionId: ELECTION,
      voters,
      candidates: CANDIDATES,
      trustees: 3,
      threshold: 2,
      revoting: 'single',
    });
    progress(`${kind}: logging in ${voterCount} voters`);
    await inParallel(voterCount, 64, (i) =>
      api(base, 'POST', `/api/elections/${ELECTION}/login`, undefined, { email: voters[i]!.email }),
    );
    const first = server;
    const tokens = await inParallel(voterCount, 64, async (i) => {
      const link = await first.link(voters[i]!.email);
      const reply = await api<{ token: string }>(
        base,
        'POST',
        `/api/elections/${ELECTION}/login/verify`,
        undefined,
        { token: link.split('#')[1] },
      );
      return reply.token;
    });
    progress(`${kind}: making ${voterCount} ballots (the voters' work, before any timing)`);
    const ballots: Prepared[] = voters.map((_, i) => {
      const { ballot } = createBallot(group, open.ballotElection, open.credentials[i]!, [[i % CANDIDATES]]);
      return { token: tokens[i]!, body: JSON.stringify(ballot), tracker: toBase64url(tracker(ballot)) };
    });
    // What one full check of a ballot costs (the server does it once per ballot, in its workers).
    const sample = JSON.parse(ballots[0]!.body) as unknown;
    const checkStart = performance.now();
    for (let i = 0; i < 20; i++) validateBallot(group, open.ballotElection, sample, () => true);
    const checkMs = (performance.now() - checkStart) / 20;

    const perLevel = Math.floor(
      (voterCount - WARM_UP * workerCounts.length) / (levels.length * workerCounts.length),
    );
    let used = 0;
    const take = (n: number) => {
      used += n;
      return ballots.slice(used - n, used);
    };
    for (const [w, workers] of workerCounts.entries()) {
      if (w > 0) {
        await server.stop();
        server = await startServer(location.url, workers);
      }
      await load(server.baseUrl, take(WARM_UP), 10, 60_000);
      for (const concurrency of levels) {
        progress(`${kind}: ${workers} worker(s), ${concurrency} concurrent voters`);
        const cpuBefore = await server.cpu();
        const clientBefore = process.cpuUsage();
        const pgBefore = kind === 'postgres' ? postgresTicks() : new Map<string, number>();
        const level = await load(server.baseUrl, take(perLevel), concurrency, seconds * 1000);
        const pgAfter = kind === 'postgres' ? postgresTicks() : new Map<string, number>();
        const client = process.cpuUsage(clientBefore);
        const cpuAfter = await server.cpu();

        // Lost: acknowledged with a receipt, yet not on the board (or there twice, or a bad receipt).
        const onBoard = await boardTrackers(server.baseUrl);
        let lost = 0;
        for (const r of level.receipts) {
          if (onBoard.get(r.tracker) !== 1) lost++;
          try {
            const receipt = verifyReceipt(open.definition.boardKey, r.receipt, ELECTION);
            if (receipt.tracker !== r.tracker) lost++;
          } catch {
            lost++;
          }
        }
        const sorted = [...level.latencies].sort((a, b) => a - b);
        const wallS = level.wallMs / 1000;
        const errors = [...level.errors.values()].reduce((a, b) => a + b, 0);
        if (errors > 0) progress(`errors: ${JSON.stringify(Object.fromEntries(level.errors))}`);
        const serverMain = (cpuAfter.main - cpuBefore.main) / 1e6;
        const serverAll = (cpuAfter.total - cpuBefore.total) / 1e6;
        rows.push({
          store: kind,
          workers,
          concurrency,
          offered_per_s: rate ?? 'max',
          ballots: level.receipts.length,
          accepted_per_s: round(level.receipts.length / wallS),
          p50_ms: round(percentile(sorted, 50)),
          p99_ms: round(percentile(sorted, 99)),
          errors,
          lost,
          srv_main_cores: round(serverMain / wallS),
          srv_other_cores: round((serverAll - serverMain) / wallS),
          db_cores: kind === 'postgres' ? round(postgresSeconds(pgBefore, pgAfter) / wallS) : '-',
          client_cores: round((client.user + client.system) / 1e6 / wallS),
          srv_cpu_ms_per_ballot: round((serverAll * 1000) / Math.max(1, level.receipts.length)),
        });
        if (lost > 0) process.exitCode = 1;
      }
    }
    progress(`${kind}: one full ballot check (proofs, signature) takes ${checkMs.toFixed(2)} ms here`);
  } finally {
    await server?.stop();
    await location.cleanup();
  }
  return rows;
}

if (argv[0] === '--serve') {
  await serve(argv[1]!, Number(argv[2]));
} else {
  const rows: Row[] = [];
  const load1 = loadavg()[0]!.toFixed(2);
  for (const kind of stores) rows.push(...(await benchStore(kind)));
  report(
    rows,
    `Casting through the server on loopback: ${CANDIDATES} candidates, full proof and signature checks, ` +
      `${rate === undefined ? 'closed-loop voters (each sends its next ballot when answered)' : `open loop at ${rate} ballots/s`}, at most ${seconds} s or ${Math.floor(
        (voterCount - WARM_UP * workerCounts.length) / (levels.length * workerCounts.length),
      )} ballots a level. Client, server and PostgreSQL share ${availableParallelism()} cores ` +
      `(load average ${load1} at the start). ` +
      'srv_main_cores: the server thread; srv_other_cores: its ballot-check workers (and GC, libuv); ' +
      'db_cores: all postgres processes. The per-IP rate limit is lifted: the load comes from one address.',
  );
}
