/**
 * Roll import, eligibility and audit of synthetic rolls of 200 000 members (and 1 000 000 with `--full`),
 * each size in a fresh child process so that its peak resident memory is its own. Prints a table, or
 * JSON with `--json`: `[{ rows, import_ms, eligibility_ms, audit_ms, total_ms, peak_rss_mb }]`.
 *
 *   node bench/roll.ts [--full] [--json]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditRoll } from '../src/electorate/audit.ts';
import { evaluateEligibility } from '../src/electorate/eligibility.ts';
import { importRollFile } from '../src/electorate/import.ts';
import { GENERATED_RULES, generateRoll } from '../test/fixtures/roll-generator.ts';
import type { Row } from './lib.ts';
import { report } from './lib.ts';

const child = process.argv.indexOf('--child');
if (child >= 0) {
  process.stdout.write(`${JSON.stringify(await measure(process.argv[child + 1]!))}\n`);
} else {
  const sizes = process.argv.includes('--full') ? [200_000, 1_000_000] : [200_000];
  const dir = mkdtempSync(join(tmpdir(), 'psephos-bench-roll-'));
  const rows: Row[] = [];
  try {
    for (const size of sizes) {
      const path = join(dir, `roll-${size}.csv`);
      generateRoll(path, { members: size, seed: 1 });
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', path], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (run.status !== 0) throw new Error(`benchmark of ${size} rows failed: ${run.stderr}`);
      rows.push(JSON.parse(run.stdout) as Row);
      rmSync(path);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report(rows, 'Roll import + eligibility + audit (one process per size)');
}

/** Times the three stages on one file, in this process. */
async function measure(path: string): Promise<Row> {
  const start = performance.now();
  const roll = await importRollFile(path);
  const imported = performance.now();
  const eligibility = evaluateEligibility(roll, GENERATED_RULES);
  const evaluated = performance.now();
  await auditRoll(roll, eligibility);
  const audited = performance.now();
  const ms = (a: number, b: number) => Math.round(b - a);
  return {
    rows: roll.members.length,
    import_ms: ms(start, imported),
    eligibility_ms: ms(imported, evaluated),
    audit_ms: ms(evaluated, audited),
    total_ms: ms(start, audited),
    // maxRSS is in kibibytes; it includes the phone worker thread, which shares the process.
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
