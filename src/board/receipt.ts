/**
 * Voter receipts: the proof, signed by the board, that a ballot is in the log. A receipt holds the
 * ballot's tracker, its index in the log, the event's Merkle leaf hash, a signed tree head covering
 * the index, and the RFC 9162 inclusion proof of the leaf under that head.
 *
 * Three checks, each usable on its own:
 * 1. {@link verifyReceipt}: the receipt is sound by itself (shape, board's signature, inclusion).
 * 2. {@link verifyReceiptEvent}: the event the board now serves at that index is the receipt's ballot.
 * 3. {@link verifyLaterHead}: a later head extends the receipt's head, so the board has not since
 *    dropped or changed the ballot (or anything before it).
 *
 * No Node-only imports: the voter's browser runs these checks.
 *
 * SPEC.md §17.3 (Receipts).
 *
 * @example
 * ```ts
 * const receipt = verifyReceipt(definition.boardKey, JSON.parse(saved));
 * verifyReceiptEvent(receipt, await (await fetch(`/board/${receipt.index}`)).json());
 * verifyLaterHead(definition.boardKey, receipt, latest.head, latest.consistency);
 * ```
 */
import { z } from 'zod';
import { equalBytes, fromBase64url, toBase64url } from '../crypto/bytes.ts';
import { verifyConsistency, verifyInclusion } from '../crypto/merkle.ts';
import { Bytes32 } from '../protocol/codec.ts';
import { Id } from '../protocol/definition.ts';
import { describeIssues, ProtocolError } from '../protocol/errors.ts';
import type { BoardEventOf } from '../protocol/events.ts';
import { eventLeafHash, parseEvent } from '../protocol/events.ts';
import { tracker } from '../protocol/tracker.ts';
import { BoardError } from './errors.ts';
import type { SignedTreeHead as SignedTreeHeadType } from './tree-head.ts';
import { SignedTreeHead, verifyTreeHead } from './tree-head.ts';

/** A Merkle path in a tree of at most 2^53 leaves has at most 53 hashes; 64 leaves room to spare. */
const MAX_PROOF_LENGTH = 64;

/**
 * The receipt's wire form.
 * @example `Receipt.safeParse(JSON.parse(text)).success`
 */
export const Receipt = z.strictObject({
  format: z.literal('psephos/receipt'),
  election: Id,
  /** The ballot's tracker (SPEC.md: tracker = taggedHash("ballot/tracker", [canonical ballot])). */
  tracker: Bytes32,
  /** The ballot event's position in the log. */
  index: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** SHA-256(0x00 ‖ canonical event): the event's Merkle leaf. */
  leafHash: Bytes32,
  /** A head whose size exceeds `index`. */
  head: SignedTreeHead,
  /** PATH(index, D[0:head.size]) of RFC 9162 §2.1.3.1, leaf to root. */
  inclusion: z.array(Bytes32).max(MAX_PROOF_LENGTH),
});
export type Receipt = z.infer<typeof Receipt>;

/**
 * Check 1: the receipt is well formed, its head carries the board's signature and is the receipt's
 * election's (and `election`'s, when given), its index lies below the head's size, and its inclusion
 * proof puts its leaf hash at its index under the head's root.
 * Codes: `malformed-receipt`, `malformed-head`, `bad-board-key`, `bad-head-signature`,
 * `wrong-election`, `not-included`.
 * @example `const receipt = verifyReceipt(definition.boardKey, JSON.parse(text), definition.id)`
 */
export function verifyReceipt(boardPublicKey: string, value: unknown, election?: string): Receipt {
  const parsed = Receipt.safeParse(value);
  if (!parsed.success) {
    throw new BoardError('malformed-receipt', `not a receipt: ${describeIssues(parsed.error.issues)}`);
  }
  const receipt = parsed.data;
  if (election !== undefined && receipt.election !== election) {
    throw new BoardError(
      'wrong-election',
      `this receipt is for election "${receipt.election}", not "${election}"`,
    );
  }
  const head = verifyTreeHead(boardPublicKey, receipt.head, receipt.election);
  if (receipt.index >= head.size) {
    throw new BoardError(
      'not-included',
      `the receipt's index ${receipt.index} is outside its tree head, which covers ${head.size} events`,
    );
  }
  const included = verifyInclusion(
    fromBase64url(receipt.leafHash, 32),
    receipt.index,
    head.size,
    receipt.inclusion.map((h) => fromBase64url(h, 32)),
    fromBase64url(head.root, 32),
  );
  if (!included) {
    throw new BoardError(
      'not-included',
      `the inclusion proof does not place this ballot at index ${receipt.index} of the board's signed log`,
    );
  }
  return receipt;
}

/**
 * Check 2: `event` (as served by the board) is a valid event at the receipt's index, of the receipt's
 * election, whose leaf hash is the receipt's, which is a ballot, and whose ballot has the receipt's
 * tracker. Returns the ballot event. The receipt should have passed {@link verifyReceipt}.
 * Codes: `wrong-event`, `wrong-election`, `not-a-ballot`, `wrong-tracker`.
 * @example `const event = verifyReceiptEvent(receipt, await fetchEvent(receipt.index))`
 */
export function verifyReceiptEvent(receipt: Receipt, event: unknown): BoardEventOf<'ballot'> {
  let parsed: ReturnType<typeof parseEvent>;
  try {
    parsed = parseEvent(event);
  } catch (e) {
    if (e instanceof ProtocolError) {
      throw new BoardError('wrong-event', `the board's event ${receipt.index} is malformed: ${e.message}`);
    }
    throw e;
  }
  if (parsed.index !== receipt.index) {
    throw new BoardError(
      'wrong-event',
      `the board served event ${parsed.index} where event ${receipt.index} was asked for`,
    );
  }
  if (parsed.election !== receipt.election) {
    throw new BoardError(
      'wrong-election',
      `the board's event is of election "${parsed.election}", the receipt of "${receipt.election}"`,
    );
  }
  if (!equalBytes(eventLeafHash(parsed), fromBase64url(receipt.leafHash, 32))) {
    throw new BoardError(
      'wrong-event',
      `the board's event ${receipt.index} is not the event this receipt was issued for`,
    );
  }
  if (parsed.type !== 'ballot') {
    throw new BoardError('not-a-ballot', `event ${receipt.index} is a "${parsed.type}" event, not a ballot`);
  }
  if (toBase64url(tracker(parsed.payload.ballot)) !== receipt.tracker) {
    throw new BoardError(
      'wrong-tracker',
      `the ballot at index ${receipt.index} has another tracker than the receipt`,
    );
  }
  return parsed;
}

/**
 * Check 3: `laterHead` carries the board's signature, is of the receipt's election, is at least as
 * large as the receipt's head, and `consistencyProof` (RFC 9162 §2.1.4, base64url hashes) shows that
 * its log extends the receipt's head's log. Together with check 1 this means the ballot is still at
 * its index under the later head. Checks the receipt itself (check 1) first. Returns the later head.
 * Codes: those of {@link verifyReceipt} and {@link verifyTreeHead}, `out-of-order`, `inconsistent-heads`.
 * @example `verifyLaterHead(boardKey, receipt, latest, await fetchConsistency(receipt.head.size, latest.size))`
 */
export function verifyLaterHead(
  boardPublicKey: string,
  receipt: Receipt,
  laterHead: unknown,
  consistencyProof: readonly string[],
): SignedTreeHeadType {
  const checked = verifyReceipt(boardPublicKey, receipt);
  const earlier = checked.head;
  const later = verifyTreeHead(boardPublicKey, laterHead, checked.election);
  if (later.size < earlier.size) {
    throw new BoardError(
      'out-of-order',
      `the later tree head (size ${later.size}) is smaller than the receipt's (size ${earlier.size})`,
    );
  }
  const proof = z.array(Bytes32).max(MAX_PROOF_LENGTH).safeParse(consistencyProof);
  const consistent =
    proof.success &&
    verifyConsistency(
      earlier.size,
      later.size,
      fromBase64url(earlier.root, 32),
      fromBase64url(later.root, 32),
      proof.data.map((h) => fromBase64url(h, 32)),
    );
  if (!consistent) {
    throw new BoardError(
      'inconsistent-heads',
      `the board's log of size ${later.size} does not extend the log of size ${earlier.size} that the receipt was issued under`,
    );
  }
  return later;
}
