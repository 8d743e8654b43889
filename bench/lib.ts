/**
 * The benchmark harness: times an operation until enough wall time has passed, and prints the rows
 * as a table, or as JSON with `--json`. Figures are measurements on a shared machine, never asserted.
 *
 * @example
 * ```ts
 * const rows = [{ op: 'mulBase', backend: 'sodium', us_per_op: measure(() => group.mulBase(k)) }];
 * report(rows);
 * ```
 */

export type Row = Record<string, string | number>;

export interface MeasureOptions {
  /** Minimum total time to spend measuring, in ms (default 300; `--quick` divides it by 10). */
  readonly minMs?: number;
  /** Minimum number of calls (default 5). */
  readonly minRuns?: number;
}

const quick = process.argv.includes('--quick');

/** Mean microseconds per call of `fn`, after a short warm-up. */
export function measure(fn: () => unknown, { minMs = 300, minRuns = 5 }: MeasureOptions = {}): number {
  const budget = quick ? minMs / 10 : minMs;
  for (let i = 0; i < Math.min(minRuns, 3); i++) fn();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (runs < minRuns || elapsed < budget) {
    fn();
    runs++;
    elapsed = performance.now() - start;
  }
  return round((elapsed * 1000) / runs);
}

/** Three significant figures, enough for noisy timings. */
export function round(value: number): number {
  return Number(value.toPrecision(3));
}

/** Prints rows as a table (or JSON with `--json`). */
export function report(rows: readonly Row[], title?: string): void {
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (title) process.stdout.write(`\n${title}\n`);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    `| ${values.map((v, i) => (/^[\d.]+$/.test(v) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  process.stdout.write(`${line(columns)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const r of rows) process.stdout.write(`${line(columns.map((c) => cell(r[c])))}\n`);
}
