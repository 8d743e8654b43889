/**
 * Benchmark of the universal verifier: `npm run bench:verify [-- --full] [-- --json]`.
 * Simulates records of 1 000 and 10 000 ballots (and 100 000 with --full): 5 candidates, "choose 1",
 * 3-of-5 trustees; then verifies each with 1 and 2 worker threads, each run in its own process so that
 * its peak RSS and CPU time (all threads, start-up included) are its own. Records are cached in bench/results/.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportRecord } from '../src/board/export.ts';
import { simulateElection } from '../src/cli/simulate.ts';
import { verifyFile } from '../src/cli/verify.ts';
import { loadGroup } from '../src/crypto/backends.ts';
import type { Row } from './lib.ts';
import { report, round } from './lib.ts';

const RESULTS = new URL('./results/', import.meta.url);

/** Child mode: verify one file, print { ok, ms, maxRssMb }. */
async function child(path: string, workers: number): Promise<void> {
  const start = performance.now();
  const result = await verifyFile(path, { workers, backend: 'sodium' });
  const ms = performance.now() - start;
  const usage = process.resourceUsage();
  // CPU of every thread of the process (workers included), start-up included.
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stdout.write(
    JSON.stringify({ ok: result.ok, failure: result.failure, ms, cpuMs, maxRssMb: usage.maxRSS / 1024 }),
  );
}

/**
 * A simulated record of `ballots` ballots (5 candidates, 3-of-5 trustees), made once and kept in
 * bench/results/. @example `const path = await recordFile(1_000)`
 */
export async function recordFile(ballots: number): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = new URL(`verify-${ballots}.psephos.jsonl`, RESULTS).pathname;
  if (existsSync(path)) return path;
  const group = await loadGroup();
  const election = await simulateElection({
    group,
    voters: ballots,
    candidates: 5,
    trustees: 5,
    threshold: 3,
    checkBallots: false,
    headEvery: 1000,
    electionId: `bench-${ballots}`,
    onProgress: (_, done, total) => {
      if (done % 5000 === 0) process.stderr.write(`  simulating: ${done} / ${total} ballots\n`);
    },
  });
  const out = createWriteStream(`${path}.part`);
  for await (const line of exportRecord(election.store, election.id)) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.part`, path);
  return path;
}

async function main(): Promise<void> {
  const sizes = process.argv.includes('--full') ? [1000, 10000, 100000] : [1000, 10000];
  const rows: Row[] = [];
  for (const ballots of sizes) {
    const path = await recordFile(ballots);
    const bytes = statSync(path).size;
    for (const workers of [1, 2]) {
      const out = execFileSync(
        process.execPath,
        [new URL(import.meta.url).pathname, '--child', path, String(workers)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      const r = JSON.parse(out) as {
        ok: boolean;
        ms: number;
        cpuMs: number;
        maxRssMb: number;
        failure?: unknown;
      };
      if (!r.ok) throw new Error(`verification failed: ${JSON.stringify(r.failure)}`);
      rows.push({
        ballots,
        workers,
        total_s: round(r.ms / 1000),
        ms_per_ballot_wall: round(r.ms / ballots),
        cpu_ms_per_ballot: round(r.cpuMs / ballots),
        peak_rss_mb: round(r.maxRssMb),
        bytes_per_ballot: Math.round(bytes / ballots),
      });
    }
  }
  report(rows, 'Universal verifier (5 candidates, choose 1, 3-of-5 trustees)');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const childAt = process.argv.indexOf('--child');
  if (childAt !== -1) await child(process.argv[childAt + 1]!, Number(process.argv[childAt + 2]));
  else await main();
}
