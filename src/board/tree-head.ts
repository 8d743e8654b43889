/**
 * Signed tree heads: the board's Ed25519 signature over the size and Merkle root of its log at a
 * moment. A head commits the board to every event below its size; receipts and consistency proofs
 * are checked against heads, so anyone holding two heads can tell whether the log between them was
 * only appended to.
 *
 * Signed message: transcript([utf8("psephos/v1/board/tree-head"), canonical head without signature]).
 * The tag keeps a head signature from passing for any other message signed with the same key.
 *
 * No Node-only imports: the receipt checker in the voter's browser uses this module.
 *
 * SPEC.md §17.1 (Signed tree heads).
 *
 * @example
 * ```ts
 * const key = generateBoardKey();
 * const sth = signTreeHead(key.secretKey, {
 *   format: 'psephos/tree-head', election: 'leader-2025', size: 0, root: toBase64url(EMPTY_ROOT),
 *   time: new Date().toISOString(),
 * });
 * verifyTreeHead(key.publicKey, JSON.parse(JSON.stringify(sth))); // the same head, or a BoardError
 * ```
 */
import { z } from 'zod';
import { fromBase64url, toBase64url, utf8 } from '../crypto/bytes.ts';
import { domainTag, transcript } from '../crypto/hash.ts';
import { canonicalBytes } from '../protocol/canonical.ts';
import { Bytes32 } from '../protocol/codec.ts';
import { Id } from '../protocol/definition.ts';
import { describeIssues } from '../protocol/errors.ts';
import { ed25519Keygen, ed25519PublicKey, ed25519Sign, ed25519Verify, isStrictPublicKey } from './ed25519.ts';
import { BoardError } from './errors.ts';

/** The purpose whose tag prefixes every signed head (SPEC.md §2 tags). */
const PURPOSE = 'board/tree-head';

const headShape = {
  format: z.literal('psephos/tree-head'),
  election: Id,
  /** The number of events the head covers (events 0 … size − 1). */
  size: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** The RFC 9162 Merkle tree hash of the first `size` event leaf hashes, base64url. */
  root: Bytes32,
  /** When the board signed it (UTC, ISO 8601 with `Z`). */
  time: z.iso.datetime(),
};

/**
 * A 64-byte Ed25519 signature as unpadded base64url: 86 characters, the last carrying 2 bits of data,
 * so only A, Q, g or w can end it (any other ending would be a second spelling of the same bytes).
 */
export const SignatureWire = z
  .string()
  .regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, 'expected a 64-byte signature as base64url');

/**
 * An unsigned tree head.
 * @example `TreeHead.parse({ format: 'psephos/tree-head', election: 'e', size: 0, root, time })`
 */
export const TreeHead = z.strictObject(headShape);
export type TreeHead = z.infer<typeof TreeHead>;

/**
 * A tree head with the board's signature.
 * @example `SignedTreeHead.safeParse(JSON.parse(line)).success`
 */
export const SignedTreeHead = z.strictObject({ ...headShape, signature: SignatureWire });
export type SignedTreeHead = z.infer<typeof SignedTreeHead>;

/**
 * A new board signing key. The secret stays with the server; the public key goes into the election
 * definition (`boardKey`), which is how voters and the verifier know which heads are the board's.
 * @example `const { secretKey, publicKey } = generateBoardKey()`
 */
export function generateBoardKey(): { secretKey: Uint8Array; publicKey: string } {
  const { secretKey, publicKey } = ed25519Keygen();
  return { secretKey, publicKey: toBase64url(publicKey) };
}

/**
 * The base64url public key of a board secret key (for a server that keeps only the secret).
 * @example `boardPublicKey(secretKey) === definition.boardKey`
 */
export function boardPublicKey(secretKey: Uint8Array): string {
  return toBase64url(ed25519PublicKey(secretKey));
}

/**
 * The exact bytes a head's signature covers. Only the five head fields are taken, so a stray field
 * can never slip into (or out of) what is signed.
 * @example `treeHeadMessage(sth)` (a signed head's signature field is ignored)
 */
export function treeHeadMessage(head: TreeHead): Uint8Array {
  const { format, election, size, root, time } = head;
  return transcript([utf8(domainTag(PURPOSE)), canonicalBytes({ format, election, size, root, time })]);
}

/**
 * Signs a head after checking its shape (BoardError `malformed-head` otherwise).
 * @example `signTreeHead(secretKey, { format: 'psephos/tree-head', election, size, root, time })`
 */
export function signTreeHead(secretKey: Uint8Array, head: TreeHead): SignedTreeHead {
  const parsed = TreeHead.safeParse(head);
  if (!parsed.success) {
    throw new BoardError('malformed-head', `not a tree head: ${describeIssues(parsed.error.issues)}`);
  }
  const signature = toBase64url(ed25519Sign(secretKey, treeHeadMessage(parsed.data)));
  return { ...parsed.data, signature };
}

/**
 * Checks a signed head received from anywhere: its shape (`malformed-head`), the board key
 * (`bad-board-key`), the signature under strict RFC 8032 rules (`bad-head-signature`) and, when
 * `election` is given, that the head is that election's (`wrong-election`). Returns the typed head.
 * @example `const head = verifyTreeHead(definition.boardKey, await response.json(), definition.id)`
 */
export function verifyTreeHead(boardPublicKey: string, value: unknown, election?: string): SignedTreeHead {
  const parsed = SignedTreeHead.safeParse(value);
  if (!parsed.success) {
    throw new BoardError('malformed-head', `not a signed tree head: ${describeIssues(parsed.error.issues)}`);
  }
  const head = parsed.data;
  const key = decodeBoardKey(boardPublicKey);
  if (!ed25519Verify(key, treeHeadMessage(head), fromBase64url(head.signature, 64))) {
    throw new BoardError(
      'bad-head-signature',
      `the signature on the tree head of size ${head.size} is not the board's`,
    );
  }
  if (election !== undefined && head.election !== election) {
    throw new BoardError(
      'wrong-election',
      `this tree head is for election "${head.election}", not "${election}"`,
    );
  }
  return head;
}

function decodeBoardKey(text: string): Uint8Array {
  let key: Uint8Array;
  try {
    key = fromBase64url(text, 32);
  } catch {
    throw new BoardError('bad-board-key', 'the board key is not 32 bytes of base64url');
  }
  if (!isStrictPublicKey(key)) {
    throw new BoardError('bad-board-key', 'the board key is not a valid Ed25519 public key');
  }
  return key;
}
