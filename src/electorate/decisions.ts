/**
 * The organiser's decisions on audit findings, kept in a file next to the report
 * (`roll.audit.json` → `roll.audit.decisions.json`). The file is a log: every decision is kept, the latest
 * on a finding counts, and decisions on findings a later audit no longer makes are shown as stale, never
 * dropped.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ElectorateError } from './errors.ts';
import type { AuditReport, Decision } from './report.ts';
import { decisionSchema, summarise } from './report.ts';

/** The format tag of a decisions file. @example `{ format: DECISIONS_FORMAT, decisions: [] }` */
export const DECISIONS_FORMAT = 'psephos/roll-decisions/v1';

/** One logged decision. @example `loggedDecisionSchema.parse({ findingId, decision: 'confirm', note: '', decidedAt })` */
export const loggedDecisionSchema = decisionSchema.extend({ findingId: z.string().regex(/^[0-9a-f]{16}$/) });

/** A decisions file. @example `decisionsFileSchema.parse(JSON.parse(text))` */
export const decisionsFileSchema = z.strictObject({
  format: z.literal(DECISIONS_FORMAT),
  decisions: z.array(loggedDecisionSchema),
});

/** A validated decisions file. */
export type DecisionsFile = z.infer<typeof decisionsFileSchema>;

/**
 * Where the decisions on a report are kept.
 * @example `decisionsPathFor('out/roll.audit.json')` → `'out/roll.audit.decisions.json'`
 */
export function decisionsPathFor(reportPath: string): string {
  return `${reportPath.replace(/\.json$/, '')}.decisions.json`;
}

/**
 * Reads a decisions file; a file that does not exist yet holds no decisions.
 * @example `const decisions = await loadDecisions(decisionsPathFor(reportPath));`
 */
export async function loadDecisions(path: string): Promise<DecisionsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { format: DECISIONS_FORMAT, decisions: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ElectorateError('invalid-decisions', `${path} is not JSON`);
  }
  const result = decisionsFileSchema.safeParse(json);
  if (!result.success) {
    throw new ElectorateError(
      'invalid-decisions',
      `${path} is not a decisions file: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/**
 * Writes a decisions file through a temporary file and a rename, so a crash never leaves half a file.
 * @example `await saveDecisions(path, decisions)`
 */
export async function saveDecisions(path: string, file: DecisionsFile): Promise<void> {
  await writeFile(`${path}.tmp`, `${JSON.stringify(file, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

/**
 * Adds a decision on one of the report's findings to the log; throws `unknown-finding` for an id the
 * report does not have.
 * @example `recordDecision(decisions, report, '3f2a…', 'dismiss', 'Twins; checked with the branch secretary')`
 */
export function recordDecision(
  file: DecisionsFile,
  report: AuditReport,
  findingId: string,
  decision: Decision['decision'],
  note: string,
  now: Date = new Date(),
): DecisionsFile {
  if (!report.findings.some((f) => f.id === findingId)) {
    throw new ElectorateError('unknown-finding', `the report has no finding ${findingId}`);
  }
  const logged = loggedDecisionSchema.parse({ findingId, decision, note, decidedAt: now.toISOString() });
  return { ...file, decisions: [...file.decisions, logged] };
}

/**
 * The report with each finding's latest decision, the decisions on findings it no longer has listed as
 * stale, and the summary's decision counts brought up to date.
 * @example `const decided = applyDecisions(report, await loadDecisions(path));`
 */
export function applyDecisions(report: AuditReport, file: DecisionsFile): AuditReport {
  const latest = new Map<string, Decision>();
  for (const { findingId, ...decision } of file.decisions) latest.set(findingId, decision);
  const findings = report.findings.map(({ decision: _, ...finding }) => {
    const decision = latest.get(finding.id);
    latest.delete(finding.id);
    return decision ? { ...finding, decision } : finding;
  });
  const staleDecisions = [...latest].map(([findingId, decision]) => ({ findingId, ...decision }));
  const decided = { ...report, findings, staleDecisions };
  return { ...decided, summary: summarise(decided) };
}
