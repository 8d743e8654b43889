/**
 * Typed errors of the bulletin board: a stable machine `code` (listed in SPEC.md, shown by the receipt
 * checker and the verifier, mapped to HTTP replies by the server) and a message in plain words.
 *
 * @example
 * ```ts
 * try {
 *   verifyReceipt(boardKey, json);
 * } catch (e) {
 *   if (e instanceof BoardError && e.code === 'not-included') warnVoter(e.message);
 * }
 * ```
 */
import { CodedError } from '../crypto/errors.ts';

export type BoardErrorCode =
  /** A tree head is not of the signed-tree-head shape (fields, encodings, lengths). */
  | 'malformed-head'
  /** The board's public key is not a usable Ed25519 key (wrong encoding, or a small-order point). */
  | 'bad-board-key'
  /** A tree head's signature does not verify under the board's key. */
  | 'bad-head-signature'
  /** A head, receipt or event belongs to another election than the one being checked. */
  | 'wrong-election'
  /** A later tree head does not extend an earlier one: the log was rewritten or truncated. */
  | 'inconsistent-heads'
  /** A receipt's inclusion proof does not place its leaf at its index under its head. */
  | 'not-included'
  /** A receipt is not of the receipt shape. */
  | 'malformed-receipt'
  /** The board's event at a receipt's index is not the event the receipt names. */
  | 'wrong-event'
  /** A receipt was asked for, or names, an event that is not a ballot. */
  | 'not-a-ballot'
  /** The ballot on the board has another tracker than the receipt. */
  | 'wrong-tracker'
  /** A head or an event arrived out of the log's order (a smaller head after a larger one, a head past the log). */
  | 'out-of-order'
  /** An append named a stale index: another writer appended first. */
  | 'conflict'
  /** No event at that index, or a range outside the log. */
  | 'not-found';

/**
 * An error of the bulletin board or of a receipt check.
 * @example `throw new BoardError('conflict', 'event 7 was appended by another writer first')`
 */
export class BoardError extends CodedError<BoardErrorCode> {}
