/**
 * `psephos export <election> --server URL`: downloads an election's record from a Psephos server
 * (`GET /api/elections/:id/record`), streaming it to a file, and verifies it unless `--no-verify`.
 * The file appears under its name only once complete (it is written beside it first and renamed), so
 * a broken download never leaves a record that looks whole.
 *
 * Exit codes: 0 saved (and verified); 1 saved, but the record fails verification; 2 bad options or the
 * file cannot be written; 3 the server cannot be reached or the download broke off; 4 the server
 * refused (unknown election, one still in draft).
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { Id } from '../protocol/definition.ts';
import type { VerificationReport } from '../verifier/report.ts';
import { renderReport } from '../verifier/report.ts';
import { CliError, EXIT, EXIT_HELP, networkReason, runAction } from './exit.ts';
import { progressBar } from './progress.ts';
import { verifyFile } from './verify.ts';

/** Where a download went. */
export interface Download {
  readonly file: string;
  readonly bytes: number;
}

/**
 * Downloads the record of `election` from `server` into `file`. CliError `unreachable` when the server
 * cannot be reached or the transfer breaks off, `refused` with the server's own words otherwise.
 * @example `await downloadRecord('https://vote.example.org', 'leader-2026', 'leader-2026.psephos.jsonl')`
 */
export async function downloadRecord(
  server: string,
  election: string,
  file: string,
  onProgress?: (bytes: number, total: number) => void,
): Promise<Download> {
  const url = new URL(`/api/elections/${encodeURIComponent(election)}/record`, server);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new CliError('unreachable', `cannot reach the server at ${url.origin}: ${networkReason(error)}`);
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    let message = `HTTP ${response.status}`;
    try {
      const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {}
    throw new CliError('refused', `the server refused the record of "${election}": ${message}`, 'refused');
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const partial = `${file}.part`;
  let bytes = 0;
  const counted = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
  counted.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    onProgress?.(bytes, total);
  });
  try {
    await pipeline(counted, createWriteStream(partial));
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code && /^E(ACCES|NOENT|ROFS|NOSPC|ISDIR|PERM)$/.test(code))
      throw new CliError('usage', `cannot write ${file}: ${(error as Error).message}`, 'unwritable');
    throw new CliError(
      'unreachable',
      `the download of ${url} broke off: ${networkReason(error)}`,
      'broken-download',
    );
  }
  renameSync(partial, file);
  return { file, bytes };
}

interface ExportOptions {
  server: string;
  out?: string;
  verify: boolean;
  json?: boolean;
  workers: number;
}

function workers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new InvalidArgumentError('give a whole number from 0 to 64');
  return n;
}

async function exportCommand(election: string, opts: ExportOptions): Promise<void> {
  if (!Id.safeParse(election).success)
    throw new CliError(
      'usage',
      `"${election}" is not an election id (1–64 lower-case letters, digits or hyphens)`,
    );
  try {
    new URL(opts.server);
  } catch {
    throw new CliError(
      'usage',
      `--server "${opts.server}" is not an address such as https://vote.example.org`,
    );
  }
  const file = opts.out ?? `${election}.psephos.jsonl`;
  const bar = opts.json ? undefined : progressBar(process.stderr);
  const download = await downloadRecord(opts.server, election, file, (read, total) =>
    bar?.update('download', read, total || read),
  );
  bar?.done();
  let report: VerificationReport | undefined;
  if (opts.verify) {
    report = await verifyFile(file, {
      workers: opts.workers,
      backend: 'sodium',
      ...(bar ? { onProgress: (pass, read, size) => bar.update(`verify ${pass}/2`, read, size) } : {}),
    });
    bar?.done();
  }
  const size = download.bytes;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ file, bytes: size, report: report ?? null }, null, 2)}\n`);
  } else {
    process.stdout.write(`Saved the record of ${election} to ${file} (${size} bytes).\n`);
    if (report) process.stdout.write(`\n${renderReport(report)}`);
    else process.stdout.write(`Not verified (--no-verify): check it with psephos verify ${file}\n`);
  }
  if (report && !report.ok) process.exitCode = EXIT.failed;
}

/** Adds `export` to the program. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description("download an election's record from a server and verify it")
    .argument('<election>', 'the election id')
    .requiredOption('--server <url>', 'the Psephos server, e.g. https://vote.example.org')
    .option('--out <file>', 'where to save it (default: <election>.psephos.jsonl)')
    .option('--no-verify', 'only download; do not verify')
    .option(
      '--workers <n>',
      'worker threads for ballot proofs during verification (0: none)',
      workers,
      Math.max(1, availableParallelism()),
    )
    .option('--json', 'print the file, its size and the verification report as JSON')
    .addHelpText(
      'after',
      `
Examples:
  psephos export leader-2026 --server https://vote.example.org
  psephos export leader-2026 --server http://127.0.0.1:8080 --out record.jsonl --json
  psephos export leader-2026 --server https://vote.example.org --no-verify

${EXIT_HELP}`,
    )
    .action((election: string, opts: ExportOptions) =>
      runAction('export', opts.json, () => exportCommand(election, opts)),
    );
}
