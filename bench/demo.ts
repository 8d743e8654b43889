/**
 * Benchmark of a whole election, `psephos demo` end to end: `npm run bench:demo [-- --full] [-- --json]`.
 *
 * For 1 000 and 10 000 members (and 100 000 with `--full`; `--voters 500,2000` for other sizes) it runs
 * `runDemo` (src/cli/demo.ts: SQLite, 5 candidates, 2-of-3 trustees, 85% turnout) in a child process of
 * its own — this file with `--child N` — so that each run's peak RSS is its own. Server, voters,
 * trustees and verifier share that one process, as in the demo.
 *
 * Phases:
 * - setup: the organiser's draft and voters, the key ceremony, credentials, opening (the demo's laps);
 * - ballot generation: what making the ballots costs the voters' devices — `createBallot` timed on up
 *   to 1 000 ballots in the child after the demo, per ballot, times the number cast;
 * - casting: the demo's voting lap — each voter logs in by the emailed link, encrypts, casts and checks
 *   the signed receipt, 4 at a time (ballot generation included);
 * - tally: the organiser's `POST /tally` (the server multiplies the counted ballots);
 * - decryption: from the tally to the published result — t trustees compute and post their shares with
 *   proofs (checked by the server), then `POST /publish` combines them and takes the discrete logs;
 * - export: the download of the record; verification: the universal verifier on the file (all cores).
 * The tally and decryption split is timed by wrapping `fetch` in the child: those calls are sequential.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBoardKey } from '../src/board/tree-head.ts';
import { runDemo } from '../src/cli/demo.ts';
import { sampleDraft, simulatedChoice } from '../src/cli/simulate.ts';
import { loadGroup } from '../src/crypto/backends.ts';
import { generateCredential } from '../src/crypto/credential.ts';
import { randomScalar } from '../src/crypto/scalar.ts';
import { createBallot } from '../src/protocol/ballot.ts';
import { fingerprint, parseDefinition } from '../src/protocol/definition.ts';
import type { Row } from './lib.ts';
import { report, round } from './lib.ts';

const CANDIDATES = 5;
const GENERATION_SAMPLE = 1000;

/** What a child prints: the phases in ms, the counts, the verdict, the peak RSS. */
interface ChildResult {
  readonly voters: number;
  readonly ballots: number;
  readonly ok: boolean;
  readonly agrees: boolean;
  readonly phases: Record<Phase, number>;
  readonly castRequestMsMean: number;
  readonly generationMsPerBallot: number;
  readonly demoTimings: readonly { phase: string; ms: number }[];
  readonly peakRssMb: number;
}

const PHASES = [
  'setup',
  'ballot generation',
  'casting',
  'tally',
  'decryption',
  'export',
  'verification',
] as const;
type Phase = (typeof PHASES)[number];

// ---------------------------------------------------------------------------------------------------
// The child: one demo, timed

/** Wraps the global fetch to time the casting requests and the sequential tally/decryption calls. */
function instrumentFetch() {
  const original = globalThis.fetch;
  const times = { castMs: 0, casts: 0, tallyStart: 0, tallyEnd: 0, publishEnd: 0 };
  globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = init?.method ?? 'GET';
    const start = performance.now();
    const response = await original(input, init);
    const end = performance.now();
    if (method === 'POST' && url.endsWith('/ballots')) {
      times.castMs += end - start;
      times.casts++;
    } else if (method === 'POST' && url.endsWith('/tally')) {
      times.tallyStart = start;
      times.tallyEnd = end;
    } else if (method === 'POST' && url.endsWith('/publish')) times.publishEnd = end;
    return response;
  };
  return times;
}

/** Milliseconds per ballot of `createBallot` for this election's shape (the voter's device's work). */
async function generationMsPerBallot(sample: number): Promise<number> {
  const group = await loadGroup();
  const definition = parseDefinition({
    ...sampleDraft({
      id: 'bench-demo',
      title: 'Ballot generation',
      candidates: CANDIDATES,
      trustees: 3,
      threshold: 2,
      revoting: 'single',
      opensAt: '2026-11-30T09:00:00Z',
      closesAt: '2026-12-07T17:00:00Z',
    }),
    boardKey: generateBoardKey().publicKey,
  });
  const election = {
    definition,
    fingerprint: fingerprint(definition),
    publicKey: group.mulBase(randomScalar()),
  };
  const credentials = Array.from({ length: sample }, () => generateCredential());
  const start = performance.now();
  for (let v = 0; v < sample; v++)
    createBallot(group, election, credentials[v]!, [[simulatedChoice(v, CANDIDATES)]]);
  return (performance.now() - start) / sample;
}

async function child(voters: number): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'psephos-bench-demo-'));
  const times = instrumentFetch();
  try {
    const outcome = await runDemo({
      voters,
      candidates: CANDIDATES,
      trustees: 3,
      threshold: 2,
      revoting: 'single',
      store: 'sqlite',
      out,
      serve: false,
      port: 0,
    });
    const lap = (prefix: string) => outcome.timings.find((t) => t.phase.startsWith(prefix))?.ms ?? 0;
    const ballots = outcome.report.counts.ballots;
    const perBallot = await generationMsPerBallot(Math.min(GENERATION_SAMPLE, Math.max(1, ballots)));
    const counted = outcome.report.result?.questions[0]?.candidates.map((c) => c.votes);
    const result: ChildResult = {
      voters,
      ballots,
      ok: outcome.report.ok,
      agrees: counted?.join() === outcome.expected.join(),
      phases: {
        setup: lap('organiser') + lap('trustees') + lap('credential authority'),
        'ballot generation': perBallot * ballots,
        casting: lap('voters'),
        tally: times.tallyEnd - times.tallyStart,
        decryption: times.publishEnd - times.tallyEnd,
        export: lap('download'),
        verification: lap('universal verification'),
      },
      castRequestMsMean: times.castMs / Math.max(1, times.casts),
      generationMsPerBallot: perBallot,
      demoTimings: outcome.timings,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// The parent: one child per size, then the table

function runChild(voters: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [new URL(import.meta.url).pathname, '--child', String(voters)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`the demo of ${voters} members failed (exit ${code})`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

function sizes(): number[] {
  const at = process.argv.indexOf('--voters');
  if (at !== -1) return process.argv[at + 1]!.split(',').map(Number);
  return process.argv.includes('--full') ? [1000, 10_000, 100_000] : [1000, 10_000];
}

async function main(): Promise<void> {
  const runs: ChildResult[] = [];
  for (const voters of sizes()) {
    process.stderr.write(`demo with ${voters} members…\n`);
    const run = await runChild(voters);
    if (!run.ok || !run.agrees)
      throw new Error(`the demo of ${voters} members did not verify or did not agree`);
    runs.push(run);
  }
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
    return;
  }
  const column = (r: ChildResult) => `${r.voters} members (s)`;
  const rows: Row[] = [
    ...PHASES.map((phase) => ({
      phase,
      ...Object.fromEntries(runs.map((r) => [column(r), round(r.phases[phase] / 1000)])),
    })),
    {
      phase: 'total (wall, without ballot generation)',
      ...Object.fromEntries(
        runs.map((r) => [
          column(r),
          round(PHASES.filter((p) => p !== 'ballot generation').reduce((s, p) => s + r.phases[p], 0) / 1000),
        ]),
      ),
    },
    { phase: 'ballots cast', ...Object.fromEntries(runs.map((r) => [column(r), r.ballots])) },
    {
      phase: 'ballot generation, ms per ballot',
      ...Object.fromEntries(runs.map((r) => [column(r), round(r.generationMsPerBallot)])),
    },
    {
      phase: 'cast request, mean ms',
      ...Object.fromEntries(runs.map((r) => [column(r), round(r.castRequestMsMean)])),
    },
    { phase: 'peak RSS (MB)', ...Object.fromEntries(runs.map((r) => [column(r), round(r.peakRssMb)])) },
  ];
  report(rows, `psephos demo end to end (SQLite, ${CANDIDATES} candidates, 2-of-3 trustees, 85% turnout)`);
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) await child(Number(process.argv[childAt + 1]));
else await main();
