/**
 * Typed errors of the electorate module. Each has a stable machine `code` and a plain-words message an
 * organiser can act on; roll validation failures also carry every row error found, with its line number.
 *
 * @example
 * ```ts
 * try { await importRollFile(path); }
 * catch (e) { if (e instanceof ElectorateError && e.code === 'invalid-rows') console.log(e.rowErrors); }
 * ```
 */
import { CodedError } from '../crypto/errors.ts';
export type ElectorateErrorCode =
  | 'unreadable-file'
  | 'empty-file'
  | 'not-text'
  | 'unsupported-encoding'
  | 'no-delimiter'
  | 'line-too-long'
  | 'missing-column'
  | 'duplicate-column'
  | 'no-members'
  | 'invalid-rows'
  | 'invalid-mapping'
  | 'invalid-rules'
  | 'rule-needs-column'
  | 'invalid-report'
  | 'invalid-decisions'
  | 'unknown-finding'
  | 'empty-electorate'
  | 'invalid-commitment'
  | 'invalid-salt'
  | 'invalid-amendment'
  | 'output-exists';

/** Why one row of the roll was rejected. `line` is the 1-based line of the file where the row ends. */
export interface RowError {
  line: number;
  code: string;
  message: string;
}

/**
 * An error of roll import, eligibility, audit or commitment, with a stable `code`.
 * @example `throw new ElectorateError('empty-file', 'the file is empty')`
 */
export class ElectorateError extends CodedError<ElectorateErrorCode> {
  /** The rejected rows (at most the first {@link MAX_ROW_ERRORS}); empty unless `code` is `invalid-rows`. */
  readonly rowErrors: readonly RowError[];

  constructor(code: ElectorateErrorCode, message: string, rowErrors: readonly RowError[] = []) {
    super(code, message);
    this.rowErrors = rowErrors;
  }
}

/**
 * Import stops reading after this many row errors: a file this broken needs fixing at the source.
 * @example `error.rowErrors.length <= MAX_ROW_ERRORS`
 */
export const MAX_ROW_ERRORS = 1000;
