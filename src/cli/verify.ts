/**
 * `psephos verify <record>`: the universal verifier on a record file, with ballot proofs checked in
 * worker threads and a progress bar on a terminal. Prints the report (text, or JSON with --json).
 *
 * Exit codes: 0 every check passed; 1 the record fails a check (the report says which, where);
 * 2 the file cannot be read or the options are wrong.
 */
import { createReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadGroup } from '../crypto/backends.ts';
import type { BackendName } from '../crypto/group.ts';
import { NodeBallotPool } from '../verifier/node-pool.ts';
import type { VerificationReport } from '../verifier/report.ts';
import { renderReport } from '../verifier/report.ts';
import { verifyRecord } from '../verifier/verify.ts';
import { progressBar } from './progress.ts';

export interface VerifyFileOptions {
  readonly workers: number;
  readonly backend: BackendName;
  /** Called with (pass, bytes read, file size). */
  readonly onProgress?: (pass: number, read: number, size: number) => void;
}

/** Verifies a record file; the report, or an Error when the file cannot be opened. */
export async function verifyFile(path: string, options: VerifyFileOptions): Promise<VerificationReport> {
  const size = statSync(path).size;
  const group = await loadGroup(options.backend);
  let pass = 0;
  const open = () => {
    pass++;
    const stream = createReadStream(path);
    let read = 0;
    stream.on('data', (chunk) => {
      read += chunk.length;
      options.onProgress?.(pass, read, size);
    });
    return stream as AsyncIterable<Uint8Array>;
  };
  const pool =
    options.workers > 0
      ? new NodeBallotPool({ workers: options.workers, backend: options.backend })
      : undefined;
  return verifyRecord({ open }, { group, ...(pool ? { pool } : {}) });
}

/** The `--workers` option of commands that verify. */
export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new InvalidArgumentError('give a whole number from 0 to 64');
  return n;
}

/** The `--backend` option of commands that verify. */
export function parseBackend(value: string): BackendName {
  if (value !== 'sodium' && value !== 'noble') throw new InvalidArgumentError('use "sodium" or "noble"');
  return value;
}

/** Adds the options of every command that verifies a record: `--workers` and `--backend`. */
export function withVerifierOptions(command: Command): Command {
  return command
    .option(
      '--workers <n>',
      'worker threads for ballot proofs (0: none)',
      parseWorkers,
      Math.max(1, availableParallelism()),
    )
    .option(
      '--backend <name>',
      'group implementation: sodium (fast) or noble (reference)',
      parseBackend,
      'sodium',
    );
}

/** Adds `verify` to the program. */
export function registerVerifyCommand(program: Command): void {
  const command = program
    .command('verify')
    .description('re-check a whole election record: every proof, signature, hash and the result')
    .argument('<record>', 'the election record, <election-id>.psephos.jsonl')
    .option('--json', 'print the report as JSON');
  withVerifierOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  psephos verify leader-2026.psephos.jsonl
  psephos verify leader-2026.psephos.jsonl --json > report.json
  psephos verify leader-2026.psephos.jsonl --backend noble --workers 2

Exit codes: 0 every check passed, 1 a check failed (the report names it), 2 the file cannot be read.`,
    )
    .action(async (record: string, opts: { json?: boolean; workers: number; backend: BackendName }) => {
      const bar = opts.json ? undefined : progressBar(process.stderr);
      let report: VerificationReport;
      try {
        report = await verifyFile(record, {
          workers: opts.workers,
          backend: opts.backend,
          ...(bar ? { onProgress: (pass, read, size) => bar.update(`pass ${pass} of 2`, read, size) } : {}),
        });
      } catch (e) {
        bar?.done();
        const code = (e as NodeJS.ErrnoException).code;
        process.stderr.write(
          `psephos verify: cannot read ${record}${code ? ` (${code})` : ''}: ${(e as Error).message}\n`,
        );
        process.exitCode = 2;
        return;
      }
      bar?.done();
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
      process.exitCode = report.ok ? 0 : 1;
    });
}
