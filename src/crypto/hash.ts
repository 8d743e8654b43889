/**
 * Hashing with domain separation. Every hash in Psephos names its purpose with a tag
 * `psephos/v1/<purpose>` and hashes an unambiguous transcript: each part is prefixed with its length
 * as a 4-byte big-endian integer, so no two different lists of parts give the same input.
 *
 * SPEC.md §2 (Hashing); vectors: test/vectors/rfc9380-expand-xmd.json and test/vectors/psephos-crypto.json.
 */
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, uintBE, utf8 } from './bytes.ts';
import { CryptoError } from './errors.ts';
import { bytesToBigintLE, mod } from './scalar.ts';

export { sha256, sha512 };

const PURPOSE = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)*$/;

/**
 * The domain-separation tag of a purpose.
 * @example `domainTag('proof/schnorr')` → `'psephos/v1/proof/schnorr'`
 */
export function domainTag(purpose: string): string {
  if (!PURPOSE.test(purpose)) throw new CryptoError('bad-parameters', `invalid hash purpose "${purpose}"`);
  return `psephos/v1/${purpose}`;
}

/**
 * The transcript encoding: for each part, its length (u32, big-endian) then its bytes.
 * @example `transcript([new Uint8Array([7])])` → `00 00 00 01 07`
 */
export function transcript(parts: readonly Uint8Array[]): Uint8Array {
  const pieces: Uint8Array[] = [];
  for (const part of parts) pieces.push(uintBE(part.length, 4), part);
  return concatBytes(...pieces);
}

/**
 * SHA-256 of the tag's transcript followed by the parts' transcript: a 32-byte digest bound to one purpose.
 * @example `taggedHash('fingerprint', [definitionBytes])`
 */
export function taggedHash(purpose: string, parts: readonly Uint8Array[]): Uint8Array {
  return sha256(transcript([utf8(domainTag(purpose)), ...parts]));
}

/**
 * Hash to a scalar: RFC 9380 expand_message_xmd with SHA-512 to 64 bytes, read little-endian (as
 * ristretto255 scalars are, RFC 9496 §4.4 and RFC 9497) and reduced mod ℓ; the DST is the purpose's
 * tag. The output is statistically close to uniform in [0, ℓ). A purpose is never used both here and
 * for `hashToElement`.
 * @example `hashToScalar('proof/schnorr', [context, statement, commitment])`
 */
export function hashToScalar(purpose: string, parts: readonly Uint8Array[]): bigint {
  const uniform = expand_message_xmd(transcript(parts), domainTag(purpose), 64, sha512);
  return mod(bytesToBigintLE(uniform));
}

/**
 * RFC 9380 expand_message_xmd with SHA-512, exposed for the RFC's own test vectors and for
 * hash-to-group (64 uniform bytes in, then the RFC 9496 one-way map).
 */
export function expandMessageXmdSha512(
  message: Uint8Array,
  dst: string | Uint8Array,
  length: number,
): Uint8Array {
  return expand_message_xmd(message, dst, length, sha512);
}
