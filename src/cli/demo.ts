/**
 * `psephos demo`: a whole election in one process — trustees' key ceremony, the credential authority,
 * N simulated voters (some revoting when the policy allows), tally, threshold decryption, result —
 * then the record written to `<out>/<election-id>.psephos.jsonl` and verified from the file by the
 * universal verifier, with a summary: result, turnout, timings per phase, the verifier's verdict.
 * (The same journey through the real server and store arrives with the server.)
 */

import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { exportRecord } from '../board/export.ts';
import { loadGroup } from '../crypto/backends.ts';
import type { VerificationReport } from '../verifier/report.ts';
import { renderReport } from '../verifier/report.ts';
import { progressBar } from './progress.ts';
import { simulateElection } from './simulate.ts';
import { verifyFile } from './verify.ts';

export interface DemoOptions {
  readonly voters: number;
  readonly candidates: number;
  readonly trustees: number;
  readonly threshold: number;
  readonly revoting: 'single' | 'last-counts';
  readonly out: string;
}

export interface DemoOutcome {
  readonly recordPath: string;
  readonly expected: readonly number[];
  readonly audited: number;
  readonly report: VerificationReport;
  readonly timings: readonly { phase: string; ms: number }[];
}

/** Runs the demo; returns the record's path, the plaintext counts, the verifier's report and timings. */
export async function runDemo(
  options: DemoOptions,
  log: (line: string) => void = () => {},
): Promise<DemoOutcome> {
  const group = await loadGroup();
  const timings: { phase: string; ms: number }[] = [];
  const bar = progressBar(process.stderr);
  let start = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    timings.push({ phase, ms: Math.round(now - start) });
    start = now;
  };
  log(
    `Simulating an election: ${options.voters} voters, ${options.candidates} candidates, ${options.threshold}-of-${options.trustees} trustees, revoting: ${options.revoting}`,
  );
  const election = await simulateElection({
    group,
    voters: options.voters,
    candidates: options.candidates,
    trustees: options.trustees,
    threshold: options.threshold,
    revoting: options.revoting,
    revoters: options.revoting === 'last-counts' ? Math.floor(options.voters / 10) : 0,
    abstainers: Math.floor(options.voters * 0.15),
    auditors: Math.ceil(options.voters / 50),
    electionId: 'demo',
    onProgress: (phase, done, total) => bar.update(phase, done, total),
  });
  bar.done();
  lap('election (ceremony, casting, tally, decryption)');

  mkdirSync(options.out, { recursive: true });
  const recordPath = join(options.out, `${election.id}.psephos.jsonl`);
  const file = createWriteStream(recordPath);
  for await (const line of exportRecord(election.store, election.id)) {
    if (!file.write(line)) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
  lap('export of the record');

  const report = await verifyFile(recordPath, {
    workers: Math.max(1, availableParallelism()),
    backend: 'sodium',
    onProgress: (pass, read, size) => bar.update(`verify ${pass}/2`, read, size),
  });
  bar.done();
  lap('verification from the file');
  return { recordPath, expected: election.expected, audited: election.audited, report, timings };
}

function positive(max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new InvalidArgumentError(`give a whole number from 1 to ${max}`);
    return n;
  };
}

/** Adds `demo` to the program. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run a whole simulated election and verify its record')
    .option('--voters <n>', 'number of voters', positive(1_000_000), 1000)
    .option('--candidates <k>', 'number of candidates', positive(100), 5)
    .option('--trustees <n>', 'number of trustees', positive(255), 3)
    .option('--threshold <t>', 'trustees needed to decrypt', positive(255), 2)
    .option('--revoting <policy>', 'single or last-counts', 'single')
    .option('--out <dir>', 'where to write the record', './psephos-demo')
    .addHelpText(
      'after',
      '\nExamples:\n  psephos demo\n  psephos demo --voters 200 --trustees 5 --threshold 3 --revoting last-counts --out /tmp/demo\n',
    )
    .action(async (opts: DemoOptions) => {
      if (opts.threshold > opts.trustees)
        throw new InvalidArgumentError('the threshold cannot exceed the number of trustees');
      if (opts.revoting !== 'single' && opts.revoting !== 'last-counts')
        throw new InvalidArgumentError('--revoting is single or last-counts');
      const say = (line: string) => process.stdout.write(`${line}\n`);
      const outcome = await runDemo(opts, say);
      say('');
      say(renderReport(outcome.report));
      const counted = outcome.report.result?.questions[0]?.candidates.map((c) => c.votes);
      const agrees = counted !== undefined && counted.join() === outcome.expected.join();
      say(
        `Turnout: ${outcome.report.counts.counted} of ${outcome.report.counts.credentials} credentials (${((100 * outcome.report.counts.counted) / Math.max(1, outcome.report.counts.credentials)).toFixed(1)}%)`,
      );
      say(
        `The published result ${agrees ? 'equals' : 'DIFFERS FROM'} what the simulated voters chose: ${outcome.expected.join(' ')}`,
      );
      say('Timings:');
      for (const t of outcome.timings) say(`  ${String(t.ms).padStart(7)} ms  ${t.phase}`);
      say(`Record: ${outcome.recordPath}  (check it again with: psephos verify ${outcome.recordPath})`);
      process.exitCode = outcome.report.ok && agrees ? 0 : 1;
    });
}
