/**
 * Eligibility rules, as the election definition declares them and as `psephos roll … --rules FILE` reads
 * them. The zod schema is exported so the election definition can embed it.
 */
import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { ElectorateError } from './errors.ts';
import { isCountryCode } from './values.ts';

const isoDate = z.string().refine(isIsoDate, { message: 'not a calendar date written YYYY-MM-DD' });
const countryList = z
  .array(z.string().refine(isCountryCode, { message: 'not an upper-case ISO 3166-1 alpha-2 country code' }))
  .min(1)
  .nullable()
  .default(null);

/**
 * The rules. Each is optional; a member is eligible when every rule given holds:
 * - `joinedOnOrBefore`: joined on or before this date;
 * - `duesPaid`: dues paid (or exempt);
 * - `minimumAge`: at least this old on `asOf` (required with it); a member whose date of birth is blank
 *   fails unless `unknownAge` is `'eligible'` (rolls often lack dates of birth, and the organisation
 *   may have checked age on joining);
 * - `residency` / `nationality`: country of residence / nationality in the list (null: no such rule);
 *   an unknown country fails;
 * - `excludeSuspended`: not suspended (on unless set to false).
 * @example `eligibilityRulesSchema.parse({ joinedOnOrBefore: '2026-10-01', duesPaid: true, minimumAge: 16, asOf: '2026-11-30' })`
 */
export const eligibilityRulesSchema = z
  .strictObject({
    joinedOnOrBefore: isoDate.optional(),
    duesPaid: z.boolean().default(false),
    minimumAge: z.int().min(0).max(130).optional(),
    asOf: isoDate.optional(),
    unknownAge: z.enum(['ineligible', 'eligible']).default('ineligible'),
    residency: countryList,
    nationality: countryList,
    excludeSuspended: z.boolean().default(true),
  })
  .refine((rules) => rules.minimumAge === undefined || rules.asOf !== undefined, {
    message: 'minimumAge needs asOf, the date on which age is counted',
    path: ['asOf'],
  });

/** Validated eligibility rules. */
export type EligibilityRules = z.infer<typeof eligibilityRulesSchema>;

/**
 * Validates untrusted rules (e.g. a parsed JSON file).
 * @example `parseEligibilityRules(JSON.parse(readFileSync('rules.json', 'utf8')))`
 */
export function parseEligibilityRules(input: unknown): EligibilityRules {
  const result = eligibilityRulesSchema.safeParse(input);
  if (!result.success) {
    throw new ElectorateError(
      'invalid-rules',
      `the eligibility rules are invalid: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/**
 * The rules in plain words, one line each, for reports and the console.
 * @example `describeRules(rules)` → `['joined on or before 2026-10-01', 'dues paid (or exempt)', …]`
 */
export function describeRules(rules: EligibilityRules): string[] {
  const lines: string[] = [];
  if (rules.joinedOnOrBefore !== undefined) lines.push(`joined on or before ${rules.joinedOnOrBefore}`);
  if (rules.duesPaid) lines.push('dues paid (or exempt)');
  if (rules.minimumAge !== undefined) {
    const unknown = rules.unknownAge === 'eligible' ? ', or date of birth blank' : '';
    lines.push(`aged at least ${rules.minimumAge} on ${rules.asOf}${unknown}`);
  }
  if (rules.residency !== null) lines.push(`resident in ${rules.residency.join(', ')}`);
  if (rules.nationality !== null) lines.push(`a national of ${rules.nationality.join(', ')}`);
  if (rules.excludeSuspended) lines.push('not suspended');
  return lines.length > 0 ? lines : ['every member on the roll'];
}
