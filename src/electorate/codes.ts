/**
 * The electorate's lists of codes, and the shape of a roll file's preview, in a module that imports
 * nothing with effects: the command line, the server and the organiser's pages (which must not reach
 * the CSV reader, Node-only) share these instead of writing them out again.
 *
 * @example
 * ```ts
 * FINDING_KINDS.filter((k) => summary.byKind[k].findings > 0);  // the kinds the audit found
 * INELIGIBILITY_REASONS.includes('under-age');                 // true
 * ```
 */
import type { RollField } from './mapping.ts';

/** The encodings a roll may be in: what spreadsheet programs write when asked for CSV. */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/**
 * Why a member is not eligible, one code per failed rule (with "unknown" when the roll lacks the value).
 * @example `INELIGIBILITY_REASONS.includes('under-age')` → `true`
 */
export const INELIGIBILITY_REASONS = [
  'joined-after-cutoff',
  'dues-unpaid',
  'dues-unknown',
  'under-age',
  'age-unknown',
  'not-resident',
  'residency-unknown',
  'nationality-excluded',
  'nationality-unknown',
  'suspended',
] as const;

/** One of {@link INELIGIBILITY_REASONS}. */
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

/** The kinds of finding, in the order reports list them. @example `FINDING_KINDS[0]` → `'duplicate'` */
export const FINDING_KINDS = [
  'duplicate',
  'bulk-signup',
  'join-spike',
  'disposable-email',
  'missing-email',
  'invalid-email',
  'invalid-phone',
] as const;

/** One of {@link FINDING_KINDS}. */
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * What the organiser sees of a stored roll file before mapping its columns.
 * @example `{ encoding: 'utf-8', delimiter: ',', headers: ['Id', 'Email'], sample: [['1', 'a@b.org']], detected: { memberId: 'Id' } }`
 */
export interface RollPreview {
  readonly encoding: CsvEncoding;
  readonly delimiter: string;
  readonly headers: string[];
  readonly sample: string[][];
  /** The column each field is found in by its usual header names (what the mapping starts from). */
  readonly detected: Partial<Record<RollField, string>>;
}
