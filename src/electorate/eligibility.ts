/**
 * Eligibility: the rules of the election definition applied to each member, with every reason a member
 * fails recorded, and counts per reason for the scrutineer.
 */
import { INELIGIBILITY_REASONS, type IneligibilityReason } from './codes.ts';
import { ageOn } from './dates.ts';
import { ElectorateError } from './errors.ts';
import type { RollField } from './mapping.ts';
import type { Member, Roll } from './member.ts';
import type { EligibilityRules } from './rules.ts';

export { INELIGIBILITY_REASONS, type IneligibilityReason } from './codes.ts';

/** Each reason in plain words, for reports. @example `REASON_TEXT['dues-unpaid']` → `'dues not paid'` */
export const REASON_TEXT: Record<IneligibilityReason, string> = {
  'joined-after-cutoff': 'joined after the cut-off date',
  'dues-unpaid': 'dues not paid',
  'dues-unknown': 'dues status blank',
  'under-age': 'under the minimum age',
  'age-unknown': 'date of birth blank, so age unknown',
  'not-resident': 'resident in a country the rules exclude',
  'residency-unknown': 'country of residence blank',
  'nationality-excluded': 'nationality the rules exclude',
  'nationality-unknown': 'nationality blank',
  suspended: 'suspended',
};

/** The result of applying the rules to a roll. */
export interface Eligibility {
  rules: EligibilityRules;
  total: number;
  eligible: number;
  /** How many members fail each rule (a member failing two rules counts under both). */
  byReason: Record<IneligibilityReason, number>;
  /** Per member, in roll order: null when eligible, else every reason they are not. */
  reasons: (readonly IneligibilityReason[] | null)[];
}

/**
 * Applies the rules to every member. Throws `rule-needs-column` when a rule needs a column the roll does
 * not have (the suspension rule is the exception: with no such column nobody is suspended).
 * @example `const result = evaluateEligibility(roll, rules); result.eligible`
 */
export function evaluateEligibility(roll: Roll, rules: EligibilityRules): Eligibility {
  const needs: [boolean, RollField, string][] = [
    [rules.duesPaid, 'dues', 'dues to be paid'],
    [rules.minimumAge !== undefined, 'dateOfBirth', 'a minimum age'],
    [rules.residency !== null, 'country', 'a country of residence'],
    [rules.nationality !== null, 'nationality', 'a nationality'],
  ];
  for (const [needed, field, what] of needs) {
    if (needed && roll.columns[field] === undefined) {
      throw new ElectorateError(
        'rule-needs-column',
        `the rules require ${what}, but the roll has no ${field} column`,
      );
    }
  }
  const byReason = Object.fromEntries(INELIGIBILITY_REASONS.map((r) => [r, 0])) as Record<
    IneligibilityReason,
    number
  >;
  const residency = rules.residency === null ? null : new Set(rules.residency);
  const nationality = rules.nationality === null ? null : new Set(rules.nationality);
  let eligible = 0;
  const reasons = roll.members.map((member) => {
    const failed = memberReasons(member, rules, residency, nationality);
    if (failed.length === 0) {
      eligible++;
      return null;
    }
    for (const reason of failed) byReason[reason]++;
    return failed;
  });
  return { rules, total: roll.members.length, eligible, byReason, reasons };
}

/**
 * The eligible members, in roll order.
 * @example `eligibleMembers(roll, evaluateEligibility(roll, rules)).map((m) => m.memberId)`
 */
export function eligibleMembers(roll: Roll, eligibility: Eligibility): Member[] {
  return roll.members.filter((_, i) => eligibility.reasons[i] === null);
}

function memberReasons(
  member: Member,
  rules: EligibilityRules,
  residency: Set<string> | null,
  nationality: Set<string> | null,
): IneligibilityReason[] {
  const failed: IneligibilityReason[] = [];
  if (rules.joinedOnOrBefore !== undefined && member.joinDate > rules.joinedOnOrBefore) {
    failed.push('joined-after-cutoff');
  }
  if (rules.duesPaid) {
    if (member.dues === '') failed.push('dues-unknown');
    else if (member.dues === 'unpaid') failed.push('dues-unpaid');
  }
  if (rules.minimumAge !== undefined && rules.asOf !== undefined) {
    if (member.dateOfBirth === '') {
      if (rules.unknownAge === 'ineligible') failed.push('age-unknown');
    } else if (ageOn(member.dateOfBirth, rules.asOf) < rules.minimumAge) failed.push('under-age');
  }
  if (residency !== null) {
    if (member.country === '') failed.push('residency-unknown');
    else if (!residency.has(member.country)) failed.push('not-resident');
  }
  if (nationality !== null) {
    if (member.nationality === '') failed.push('nationality-unknown');
    else if (!nationality.has(member.nationality)) failed.push('nationality-excluded');
  }
  if (rules.excludeSuspended && member.suspended) failed.push('suspended');
  return failed;
}
