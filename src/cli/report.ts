/**
 * `psephos report <record>`: verifies an election record (as `psephos verify` does) and writes a
 * self-contained HTML report of the election — verdict, definition, timeline, trustees, electorate,
 * turnout, result with a chart, every check with its count, the record's hashes (report-html.ts).
 * The report is written whether or not the record verifies: a failed one says FAILED and why.
 *
 * Exit codes: 0 verified, report written; 1 the record fails verification (the report says how);
 * 2 the record cannot be read or the report cannot be written.
 */
import { createHash } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { toBase64url } from '../crypto/bytes.ts';
import type { BackendName } from '../crypto/group.ts';
import { ElectionDefinition, fingerprint } from '../protocol/definition.ts';
import { recordLines } from '../verifier/record.ts';
import type { VerificationReport } from '../verifier/report.ts';
import { CliError, EXIT, EXIT_HELP, runAction } from './exit.ts';
import { progressBar } from './progress.ts';
import type { RecordSummary, TimelineEntry, TrusteeActivity } from './report-html.ts';
import { renderReportHtml } from './report-html.ts';
import { verifyFile, withVerifierOptions } from './verify.ts';

/** Canonical JSON puts an event's keys in order, so its time and type end the line. */
const TAIL = /"time":"([^"]*)","type":"([a-z-]+)"\}$/;
const INDEX = /^\{"election":"[^"]*","index":(\d+),/;
const MEMBERS = /"members":\{"count":(\d+),"root":"([A-Za-z0-9_-]+)"\}\},"previous"/;
/** Lines longer than this are not parsed whole (a ballot or a credential list): only their tail is read. */
const PARSE_LIMIT = 1 << 20;

/** The parts of an event the report reads in full (small payloads only). */
interface SmallEvent {
  index?: number;
  time?: string;
  type?: string;
  payload?: Record<string, unknown>;
}

/** Collects the timeline and the trustees' activity, line by line. */
class Summariser {
  readonly timeline = new Map<string, TimelineEntry>();
  readonly trustees = new Map<number, TrusteeActivity>();
  heads = { count: 0 } as RecordSummary['heads'];
  definition: ElectionDefinition | undefined;
  members: { count: number; root: string } | undefined;
  qualified: number[] | undefined;
  resultTrustees: number[] | undefined;

  line(text: string, line: number): void {
    if (line === 1) return; // the header
    if (text.length < 4096 && text.includes('"format":"psephos/tree-head"')) {
      this.#head(text);
      return;
    }
    const tail = TAIL.exec(text.slice(-200));
    const index = INDEX.exec(text.slice(0, 300));
    if (tail && index) {
      const [, time, type] = tail as unknown as [string, string, string];
      this.#count(type, Number(index[1]), time);
      if (type === 'electorate') {
        const m = MEMBERS.exec(text.slice(-300));
        if (m) this.members = { count: Number(m[1]), root: m[2]! };
      } else if (type !== 'ballot' && text.length <= PARSE_LIMIT)
        this.#details(type, time, parse(text)?.payload);
      return;
    }
    // Not in canonical form (the verifier will say so): read what can be read.
    const event = text.length <= PARSE_LIMIT ? parse(text) : undefined;
    if (
      typeof event?.type === 'string' &&
      typeof event.time === 'string' &&
      typeof event.index === 'number'
    ) {
      this.#count(event.type, event.index, event.time);
      this.#details(event.type, event.time, event.payload);
    }
  }

  #head(text: string): void {
    const head = parse(text) as { size?: number; time?: string; root?: string } | undefined;
    this.heads = {
      count: this.heads.count + 1,
      ...(head && typeof head.size === 'number'
        ? { last: { size: head.size, time: String(head.time), root: String(head.root) } }
        : this.heads.last
          ? { last: this.heads.last }
          : {}),
    };
  }

  #count(type: string, index: number, time: string): void {
    const entry = this.timeline.get(type);
    this.timeline.set(
      type,
      entry
        ? { ...entry, count: entry.count + 1, last: time }
        : { type, count: 1, firstIndex: index, first: time, last: time },
    );
  }

  #trustee(n: unknown): TrusteeActivity | undefined {
    if (typeof n !== 'number') return undefined;
    const activity = this.trustees.get(n) ?? { complaints: 0 };
    this.trustees.set(n, activity);
    return activity;
  }

  #details(type: string, time: string, payload: Record<string, unknown> | undefined): void {
    if (!payload) return;
    if (type === 'setup') {
      const parsed = ElectionDefinition.safeParse(payload.definition);
      if (parsed.success && !this.definition) this.definition = parsed.data;
    } else if (type === 'trustee-identity') {
      const t = this.#trustee(payload.trustee);
      if (t) t.identity ??= time;
    } else if (type === 'trustee-dealing') {
      const t = this.#trustee(payload.trustee);
      if (t) t.dealing ??= time;
    } else if (type === 'trustee-complaint') {
      const t = this.#trustee(payload.dealer);
      if (t) t.complaints++;
    } else if (type === 'decryption-share') {
      const t = this.#trustee(payload.trustee);
      if (t) t.share ??= time;
    } else if (type === 'election-key' && Array.isArray(payload.qualified)) {
      this.qualified = payload.qualified.filter((n): n is number => typeof n === 'number');
    } else if (type === 'result' && Array.isArray(payload.trustees)) {
      this.resultTrustees = payload.trustees.filter((n): n is number => typeof n === 'number');
    }
  }
}

function parse(text: string): SmallEvent | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as SmallEvent) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a record file once for what the report shows beside the verifier's findings: the definition,
 * the timeline of event types with times, the trustees' activity, the heads, the file's SHA-256. It
 * never fails on a damaged record (the verifier says what is wrong): it keeps what it could read.
 * @example `const record = await summariseRecord('leader-2026.psephos.jsonl')`
 */
export async function summariseRecord(path: string): Promise<RecordSummary> {
  const hash = createHash('sha256');
  let bytes = 0;
  const source = createReadStream(path)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  async function* hashed(): AsyncGenerator<Buffer> {
    for (let next = await source.next(); !next.done; next = await source.next()) {
      hash.update(next.value);
      bytes += next.value.length;
      yield next.value;
    }
  }
  const summary = new Summariser();
  try {
    for await (const { text, line } of recordLines(hashed())) summary.line(text, line);
  } catch {
    // A damaged line stops the reading of lines, not the hash: finish reading the file.
    for (let next = await source.next(); !next.done; next = await source.next()) {
      hash.update(next.value);
      bytes += next.value.length;
    }
  }
  const d = summary.definition;
  return {
    file: { name: basename(path), bytes, sha256: hash.digest('hex') },
    ...(d ? { definition: d, fingerprint: toBase64url(fingerprint(d)) } : {}),
    timeline: [...summary.timeline.values()].sort((a, b) => a.firstIndex - b.firstIndex),
    heads: summary.heads,
    ...(summary.members ? { members: summary.members } : {}),
    trustees: summary.trustees,
    ...(summary.qualified ? { qualified: summary.qualified } : {}),
    ...(summary.resultTrustees ? { resultTrustees: summary.resultTrustees } : {}),
  };
}

/** The default report path: the record's name with `.report.html` for `.psephos.jsonl`. */
export function defaultReportPath(record: string): string {
  const base = record.replace(/\.psephos\.jsonl$|\.jsonl$/, '');
  return `${base}.report.html`;
}

interface ReportOptions {
  out?: string;
  json?: boolean;
  workers: number;
  backend: BackendName;
}

async function reportCommand(record: string, opts: ReportOptions): Promise<void> {
  const bar = opts.json ? undefined : progressBar(process.stderr);
  let report: VerificationReport;
  let summary: RecordSummary;
  try {
    report = await verifyFile(record, {
      workers: opts.workers,
      backend: opts.backend,
      ...(bar ? { onProgress: (pass, read, size) => bar.update(`verify ${pass}/2`, read, size) } : {}),
    });
    bar?.done();
    summary = await summariseRecord(record);
  } catch (error) {
    bar?.done();
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      'usage',
      `cannot read ${record}${code ? ` (${code})` : ''}: ${(error as Error).message}`,
      'unreadable-file',
    );
  }
  const out = opts.out ?? defaultReportPath(record);
  try {
    writeFileSync(out, renderReportHtml({ report, record: summary, generatedAt: new Date() }));
  } catch (error) {
    throw new CliError('usage', `cannot write ${out}: ${(error as Error).message}`, 'unwritable');
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else
    process.stdout.write(
      `${report.ok ? 'VERIFIED: every check passed' : `FAILED: ${report.failure!.code} — ${report.failure!.message}`}\nReport: ${out}\n`,
    );
  process.exitCode = report.ok ? EXIT.ok : EXIT.failed;
}

/** Adds `report` to the program. */
export function registerReportCommand(program: Command): void {
  const command = program
    .command('report')
    .description('verify an election record and write a self-contained HTML report of the election')
    .argument('<record>', 'the election record, <election-id>.psephos.jsonl')
    .option(
      '--out <file>',
      'where to write the report (default: <election-id>.report.html beside the record)',
    )
    .option('--json', 'print the verification report as JSON (the HTML is written all the same)');
  withVerifierOptions(command)
    .addHelpText(
      'after',
      `
The page has no script and loads nothing: open it in any browser, print it, or publish it.

Examples:
  psephos report leader-2026.psephos.jsonl
  psephos report leader-2026.psephos.jsonl --out public/report.html --json > verification.json

${EXIT_HELP}`,
    )
    .action((record: string, opts: ReportOptions) =>
      runAction('report', opts.json, () => reportCommand(record, opts)),
    );
}
