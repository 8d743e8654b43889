/**
 * The roll audit: eligibility under the rules, then every detector over the whole roll, assembled into
 * one report of proposals for the organiser to confirm or dismiss before credentials go out.
 */

import { findContactProblems } from './audit/contact.ts';
import { findDuplicates } from './audit/duplicates.ts';
import { computeFeatures } from './audit/features.ts';
import { resolveFindings } from './audit/finding.ts';
import type { AuditOptions } from './audit/options.ts';
import { DEFAULT_AUDIT_OPTIONS } from './audit/options.ts';
import { findDisposableEmails, findJoinSpikes, findSignupBursts } from './audit/signups.ts';
import type { Eligibility } from './eligibility.ts';
import type { Roll } from './member.ts';
import type { AuditReport } from './report.ts';
import { REPORT_FORMAT, summarise } from './report.ts';

/**
 * Audits a roll whose eligibility has been evaluated. Every member is audited, eligible or not: a
 * duplicate of an eligible member matters even when the copy is not eligible.
 * @example
 * ```ts
 * const eligibility = evaluateEligibility(roll, rules);
 * const report = await auditRoll(roll, eligibility);
 * report.summary.byKind.duplicate.findings;
 * ```
 */
export async function auditRoll(
  roll: Roll,
  eligibility: Eligibility,
  options: AuditOptions = DEFAULT_AUDIT_OPTIONS,
): Promise<AuditReport> {
  const features = await computeFeatures(roll);
  const findings = resolveFindings(roll, [
    ...findDuplicates(roll, features, options),
    ...findSignupBursts(roll, features, options),
    ...findJoinSpikes(features, eligibility.rules.joinedOnOrBefore, options),
    ...findDisposableEmails(features),
    ...findContactProblems(roll, features, options),
  ]);
  const ineligible = roll.members.flatMap((member, i) => {
    const reasons = eligibility.reasons[i];
    return reasons ? [{ memberId: member.memberId, line: member.line, reasons: [...reasons] }] : [];
  });
  const report = {
    format: REPORT_FORMAT,
    source: roll.source,
    columns: roll.columns,
    freeColumns: roll.freeColumns,
    rules: eligibility.rules,
    eligibility: {
      total: eligibility.total,
      eligible: eligibility.eligible,
      byReason: eligibility.byReason,
      ineligible,
    },
    findings,
    staleDecisions: [],
  } satisfies Omit<AuditReport, 'summary'>;
  return { ...report, summary: summarise(report) };
}
