/**
 * Trackers: the hash of a ballot's canonical form, by which a voter finds their ballot on the board.
 * The full tracker (32 bytes, base64url) is in receipts; people see a short code — the first 80 bits
 * in Crockford base32, four groups of four — which is what they compare by eye.
 *
 * SPEC.md §11 (Ballots: tracker); vectors: test/vectors/protocol.json.
 *
 * @example
 * ```ts
 * trackerCode(tracker(ballot)); // 'K3F9-2QXM-…'
 * ```
 */
import { base32crockford } from '@scure/base';
import { taggedHash } from '../crypto/hash.ts';
import type { Ballot } from './ballot.ts';
import { canonicalBytes } from './canonical.ts';

/** taggedHash("ballot/tracker", [canonical ballot]). */
export function tracker(ballot: Ballot): Uint8Array {
  return taggedHash('ballot/tracker', [canonicalBytes(ballot)]);
}

/** The short human-readable code: 16 Crockford base32 characters in groups of four. */
export function trackerCode(trackerBytes: Uint8Array): string {
  return base32crockford.encode(trackerBytes.subarray(0, 10)).match(/.{4}/g)!.join('-');
}
