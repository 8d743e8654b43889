import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { loadGroup } from '../crypto/backends.ts';
import { buildServer } from '../server/app.ts';
import { createAdminToken } from '../server/auth.ts';
import { loadConfig } from '../server/config.ts';
import type { Mailer, MailMessage } from '../server/mail.ts';
import { openStore } from '../store/open.ts';
import type { VerificationReport } from '../verifier/report.ts';
import { renderReport } from '../verifier/report.ts';
import { runHttpElection } from './http-election.ts';
import { progressBar } from './progress.ts';
import { verifyFile } from './verify.ts';

export interface DemoOptions {
  readonly voters: number;
  readonly candidates: number;
  readonly trustees: number;
  readonly threshold: number;
  readonly revoting: 'single' | 'last-counts';
  readonly store: 'sqlite' | 'postgres';
  readonly out: string;
  readonly serve: boolean;
  readonly port: number;
}

export interface DemoOutcome {
  readonly recordPath: string;
  readonly expected: readonly number[];
  readonly audited: number;
  readonly report: VerificationReport;
  readonly timings: readonly { phase: string; ms: number }[];
  /** Stops the server (when --serve kept it running). */
  readonly stop: () => Promise<void>;
}

/**
 * The demo's mail: real messages built by nodemailer (its JSON transport), kept in a mailbox in this
 * process instead of leaving the machine — the simulated members read their login links there.
 */
function demoMailbox(): Mailer & { readonly inbox: Map<string, MailMessage[]> } {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const inbox = new Map<string, MailMessage[]>();
  return {
    inbox,
    async send(message) {
      await transport.sendMail({ from: 'Psephos demo <elections@demo.invalid>', ...message });
      inbox.set(message.to, [...(inbox.get(message.to) ?? []), message]);
    },
  };
}

/** A fresh store for the demo: a new SQLite file in `out`, or a new schema in PostgreSQL (DATABASE_URL). */
async function demoStoreUrl(options: DemoOptions): Promise<string> {
  if (options.store === 'sqlite') {
    const file = resolve(options.out, 'demo.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return `sqlite:${file}`;
  }
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  const schema = `psephos_demo_${Date.now()}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  url.searchParams.set('schema', schema);
  return url.toString();
}

export async function runDemo(
  options: DemoOptions,
  say: (line: string) => void = () => {},
): Promise<DemoOutcome> {
  mkdirSync(options.out, { recursive: true });
  const group = await loadGroup();
  const store = await openStore(await demoStoreUrl(options));
  const mailbox = demoMailbox();
  const config = loadConfig(process.env, undefined, {
    port: options.port,
    logLevel: 'warn',
    workers: Math.max(1, availableParallelism() - 1),
    // Every simulated member connects from this machine: a per-address limit would stop the demo.
    rateLimit: { perIp: 1_000_000, castPerLogin: 20 },
  });
  const server = await buildServer({ store, config, group, mailer: mailbox });
  await server.app.listen({ host: '127.0.0.1', port: options.port });
  const { port } = server.app.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await server.app.close();
    await store.close();
  };
  say(
    `Server on ${baseUrl}, ${store.kind} store; ${options.voters} members, ${options.candidates} candidates, ${options.threshold}-of-${options.trustees} trustees, revoting: ${options.revoting}`,
  );

  try {
    await store.setAdmin('returning-officer', 'demo: the organiser uses a token');
    const adminToken = await createAdminToken(store, 'returning-officer', 2);
    const bar = progressBar(process.stderr);
    const electionId = 'demo';
    const voters = Array.from({ length: options.voters }, (_, i) => ({
      voterId: `M${String(i + 1).padStart(6, '0')}`,
      email: `member${i + 1}@demo.invalid`,
      name: `Member ${i + 1}`,
    }));
    const outcome = await runHttpElection({
      baseUrl,
      adminToken,
      group,
      electionId,
      voters,
      turnout: Math.round(options.voters * 0.85),
      candidates: options.candidates,
      trustees: options.trustees,
      threshold: options.threshold,
      revoting: options.revoting,
      auditors: Math.ceil(options.voters / 50),
      revoters: Math.floor(options.voters / 10),
      readLoginLink: async (email) => {
        // Another voter's flush may be sending this message right now: look again until it arrives.
        for (let attempt = 0; attempt < 200; attempt++) {
          await server.app.psephosAuth.settled();
          await server.app.psephosAuth.mail?.flush();
          const message = mailbox.inbox.get(email)?.at(-1);
          if (message) return /https?:\/\/\S+#[A-Za-z0-9_-]+/.exec(message.text)![0];
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        throw new Error(`no login email reached ${email}`);
      },
      onProgress: (phase, done, total) => bar.update(phase, done, total),
    });
    bar.done();

    let start = performance.now();
    const recordPath = join(options.out, `${electionId}.psephos.jsonl`);
    const response = await fetch(`${baseUrl}/api/elections/${electionId}/record`);
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
      createWriteStream(recordPath),
    );
    const download = Math.round(performance.now() - start);
    start = performance.now();
    const report = await verifyFile(recordPath, {
      workers: Math.max(1, availableParallelism()),
      backend: 'sodium',
      onProgress: (pass, read, size) => bar.update(`verify ${pass}/2`, read, size),
    });
    bar.done();
    const timings = [
      ...outcome.timings,
      { phase: 'download of the record', ms: download },
      { phase: 'universal verification of the file', ms: Math.round(performance.now() - start) },
    ];
    if (!options.serve) await stop();
    return { recordPath, expected: outcome.expected, audited: outcome.audited, report, timings, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function positive(max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new InvalidArgumentError(`give a whole number from 1 to ${max}`);
    return n;
  };
}

function choice<T extends string>(allowed: readonly T[]) {
  return (value: string) => {
    if (!allowed.includes(value as T)) throw new InvalidArgumentError(`use one of: ${allowed.join(', ')}`);
    return value as T;
  };
}

/** Adds `demo` to the program. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run a whole election through the server and store, then verify its record')
    .option('--voters <n>', 'number of members on the roll', positive(1_000_000), 1000)
    .option('--candidates <k>', 'number of candidates', positive(100), 5)
    .option('--trustees <n>', 'number of trustees', positive(255), 3)
    .option('--threshold <t>', 'trustees needed to decrypt', positive(255), 2)
    .option(
      '--revoting <policy>',
      'single or last-counts',
      choice(['single', 'last-counts'] as const),
      'single',
    )
    .option(
      '--store <kind>',
      'sqlite (a file in --out) or postgres (DATABASE_URL, a new schema)',
      choice(['sqlite', 'postgres'] as const),
      'sqlite',
    )
    .option('--out <dir>', 'where to write the record and the SQLite file', './psephos-demo')
    .option('--serve', 'keep the server running afterwards', false)
    .option('--port <p>', 'port of the server (0: any free port)', (v) => positive(65535)(v), 0)
    .addHelpText(
      'after',
      '\nExamples:\n  psephos demo\n  psephos demo --voters 200 --trustees 5 --threshold 3 --revoting last-counts --store postgres\n',
    )
    .action(async (opts: DemoOptions) => {
      if (opts.threshold > opts.trustees)
        throw new InvalidArgumentError('the threshold cannot exceed the number of trustees');
      const say = (line: string) => process.stdout.write(`${line}\n`);
      const outcome = await runDemo(opts, say);
      const r = outcome.report;
      say('');
      say(renderReport(r));
      const counted = r.result?.questions[0]?.candidates.map((c) => c.votes);
      const agrees = counted !== undefined && counted.join() === outcome.expected.join();
      say(
        `Turnout: ${r.counts.counted} of ${r.counts.credentials} members (${((100 * r.counts.counted) / Math.max(1, r.counts.credentials)).toFixed(1)}%); ${r.counts.superseded} ballots replaced by a later one`,
      );
      say(
        `Benaloh audits: ${outcome.audited} ${outcome.audited === 1 ? 'member' : 'members'} audited an encryption before casting; every audit matched the choice.`,
      );
      say(
        `The published result ${agrees ? 'equals' : 'DIFFERS FROM'} what the members chose: ${outcome.expected.join(' ')}`,
      );
      say('Timings:');
      for (const t of outcome.timings) say(`  ${String(t.ms).padStart(7)} ms  ${t.phase}`);
      say(`Record: ${outcome.recordPath}  (check it yourself: psephos verify ${outcome.recordPath})`);
      process.exitCode = r.ok && agrees ? 0 : 1;
      if (opts.serve)
        say(
          'The server keeps running (Ctrl-C to stop): the public board is at /api/elections/demo/board/head',
        );
    });
}
