/**
 * Why a record fails verification: a stable code (the tamper corpus and scripts rely on it), a plain
 * message, and where — the event index and the record line.
 *
 * SPEC.md §15 (Verification: failure codes).
 *
 * @example
 * ```ts
 * throw new VerificationFailure('chain-broken', 'previous does not match the event before', { event: 12 });
 * ```
 */
export type FailureCode =
  | 'record-unreadable'
  | 'line-too-long'
  | 'truncated-record'
  | 'bad-header'
  | 'bad-event'
  | 'wrong-election'
  | 'index-gap'
  | 'chain-broken'
  | 'time-regression'
  | 'bad-head'
  | 'bad-head-signature'
  | 'head-mismatch'
  | 'unsigned-tail'
  | 'out-of-phase'
  | 'bad-definition'
  | 'bad-trustee-proof'
  | 'bad-dealing'
  | 'bad-complaint'
  | 'bad-election-key'
  | 'bad-electorate'
  | 'bad-amendment'
  | 'bad-ballot'
  | 'unlisted-credential'
  | 'revote-forbidden'
  | 'duplicate-ballot'
  | 'bad-tally'
  | 'bad-decryption-share'
  | 'bad-result';

export interface FailureLocation {
  /** Index of the board event at fault. */
  readonly event?: number;
  /** 1-based line of the record file. */
  readonly line?: number;
}

export class VerificationFailure extends Error {
  readonly code: FailureCode;
  readonly event: number | undefined;
  readonly line: number | undefined;
  constructor(code: FailureCode, message: string, where: FailureLocation = {}) {
    super(message);
    this.name = 'VerificationFailure';
    this.code = code;
    this.event = where.event;
    this.line = where.line;
  }
}

/** Throws a VerificationFailure unless `condition` holds. */
export function check(
  condition: boolean,
  code: FailureCode,
  message: string,
  where: FailureLocation = {},
): asserts condition {
  if (!condition) throw new VerificationFailure(code, message, where);
}
