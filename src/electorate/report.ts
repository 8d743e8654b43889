/**
 * The audit report: its JSON form (a zod schema, so a report read back from disk is checked before
 * decisions are recorded against it) and the summary a scrutineer signs off.
 */
import { z } from 'zod';
import { FINDING_KINDS, type FindingKind, INELIGIBILITY_REASONS } from './codes.ts';
import { ElectorateError } from './errors.ts';
import { ROLL_FIELDS } from './mapping.ts';
import { eligibilityRulesSchema } from './rules.ts';

export { FINDING_KINDS, type FindingKind } from './codes.ts';

/** Each kind in plain words. @example `KIND_TEXT['bulk-signup']` → `'bulk sign-ups'` */
export const KIND_TEXT: Record<FindingKind, string> = {
  duplicate: 'possible duplicate members',
  'bulk-signup': 'bulk sign-ups',
  'join-spike': 'spike in joins before the cut-off',
  'disposable-email': 'disposable email addresses',
  'missing-email': 'no email address (no credential by email)',
  'invalid-email': 'invalid email address (no credential by email)',
  'invalid-phone': 'invalid phone number',
};

/** The format tag of an audit report file. @example `report.format === REPORT_FORMAT` */
export const REPORT_FORMAT = 'psephos/roll-audit/v1';

/**
 * A decision on a finding: confirmed (a real problem, to fix) or dismissed (not a problem), and why.
 * @example `decisionSchema.parse({ decision: 'dismiss', note: 'Twins', decidedAt: '2026-10-05T10:00:00Z' })`
 */
export const decisionSchema = z.strictObject({
  decision: z.enum(['confirm', 'dismiss']),
  note: z.string().max(2000),
  decidedAt: z.iso.datetime(),
});

/** A validated decision. */
export type Decision = z.infer<typeof decisionSchema>;

const evidenceSchema = z.strictObject({
  signal: z.string(),
  detail: z.string(),
  memberIds: z.array(z.string()),
});

/** One reason behind a finding: which signal matched, in plain words, and the members it matched. */
export type Evidence = z.infer<typeof evidenceSchema>;

const sampleRowSchema = z.strictObject({
  line: z.int().positive(),
  memberId: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  postcode: z.string(),
  joinDate: z.string(),
});

/** A few fields of a member, enough for a person to find the row. */
export type SampleRow = z.infer<typeof sampleRowSchema>;

const findingSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  kind: z.enum(FINDING_KINDS),
  memberIds: z.array(z.string()).min(1),
  evidence: z.array(evidenceSchema).min(1),
  sample: z.array(sampleRowSchema),
  decision: decisionSchema.optional(),
});

/** A finding: a proposal for the organiser to confirm or dismiss. */
export type Finding = z.infer<typeof findingSchema>;

const kindCountsSchema = z.strictObject({
  findings: z.int(),
  members: z.int(),
  confirmed: z.int(),
  dismissed: z.int(),
  open: z.int(),
});

const summarySchema = z.strictObject({
  members: z.int(),
  eligible: z.int(),
  ineligible: z.int(),
  /** Distinct members named by at least one finding. */
  membersFlagged: z.int(),
  /** Distinct members with no usable email address. */
  cannotReceiveCredential: z.int(),
  byKind: z.record(z.enum(FINDING_KINDS), kindCountsSchema),
  openFindings: z.int(),
});

/** The counts a scrutineer signs off. */
export type AuditSummary = z.infer<typeof summarySchema>;

/**
 * The whole report, as written to `<roll>.audit.json` and printed by `psephos roll audit --json`.
 * @example `auditReportSchema.safeParse(JSON.parse(text)).success`
 */
export const auditReportSchema = z.strictObject({
  format: z.literal(REPORT_FORMAT),
  source: z.strictObject({
    name: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    encoding: z.enum(['utf-8', 'windows-1252']),
    delimiter: z.string(),
    rows: z.int(),
  }),
  columns: z.partialRecord(z.enum(ROLL_FIELDS), z.string()),
  freeColumns: z.array(z.string()),
  rules: eligibilityRulesSchema,
  eligibility: z.strictObject({
    total: z.int(),
    eligible: z.int(),
    byReason: z.record(z.enum(INELIGIBILITY_REASONS), z.int()),
    ineligible: z.array(
      z.strictObject({
        memberId: z.string(),
        line: z.int(),
        reasons: z.array(z.enum(INELIGIBILITY_REASONS)).min(1),
      }),
    ),
  }),
  summary: summarySchema,
  findings: z.array(findingSchema),
  /** Decisions on findings this audit no longer makes (the roll changed); kept so none is lost. */
  staleDecisions: z.array(decisionSchema.extend({ findingId: z.string() })),
});

/** A validated audit report. */
export type AuditReport = z.infer<typeof auditReportSchema>;

/**
 * Validates a report read back from disk.
 * @example `parseAuditReport(JSON.parse(readFileSync('roll.audit.json', 'utf8')))`
 */
export function parseAuditReport(input: unknown): AuditReport {
  const result = auditReportSchema.safeParse(input);
  if (!result.success) {
    throw new ElectorateError(
      'invalid-report',
      `not a Psephos roll audit report: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/**
 * The summary of a report's findings and eligibility, recomputed whenever decisions change.
 * @example `report.summary = summarise(report)`
 */
export function summarise(report: Pick<AuditReport, 'eligibility' | 'findings'>): AuditSummary {
  const flagged = new Set<string>();
  const unreachable = new Set<string>();
  const byKind = Object.fromEntries(
    FINDING_KINDS.map((kind) => [kind, { findings: 0, members: 0, confirmed: 0, dismissed: 0, open: 0 }]),
  ) as AuditSummary['byKind'];
  const kindMembers = new Map(FINDING_KINDS.map((kind) => [kind, new Set<string>()]));
  for (const finding of report.findings) {
    const counts = byKind[finding.kind];
    counts.findings++;
    if (finding.decision?.decision === 'confirm') counts.confirmed++;
    else if (finding.decision?.decision === 'dismiss') counts.dismissed++;
    else counts.open++;
    for (const id of finding.memberIds) {
      flagged.add(id);
      kindMembers.get(finding.kind)!.add(id);
      if (finding.kind === 'missing-email' || finding.kind === 'invalid-email') unreachable.add(id);
    }
  }
  for (const kind of FINDING_KINDS) byKind[kind].members = kindMembers.get(kind)!.size;
  const { total, eligible } = report.eligibility;
  return {
    members: total,
    eligible,
    ineligible: total - eligible,
    membersFlagged: flagged.size,
    cannotReceiveCredential: unreachable.size,
    byKind,
    openFindings: FINDING_KINDS.reduce((sum, kind) => sum + byKind[kind].open, 0),
  };
}
