/**
 * Ed25519 (RFC 8032, PureEdDSA) as the board uses it, in one place so that signing, verification and
 * the RFC 8032 test vectors all go through the same calls.
 *
 * Verification is strict: RFC 8032 §5.1.7 decoding (canonical R and public key, S < ℓ), not the more
 * permissive ZIP-215 rules. A lenient verifier accepts encodings an honest signer never makes, so two
 * verifiers could disagree about one signature; with a small-order public key it would even accept one
 * fixed signature for every message.
 *
 * Pure TypeScript (@noble/curves): runs unchanged in Node and in the browser.
 *
 * @example
 * ```ts
 * const { secretKey, publicKey } = ed25519Keygen();
 * const signature = ed25519Sign(secretKey, message);
 * ed25519Verify(publicKey, message, signature); // true
 * ```
 */
import { ed25519 } from '@noble/curves/ed25519.js';

const KEY_LENGTH = 32;
const SIGNATURE_LENGTH = 64;

/**
 * A fresh key pair from the platform CSPRNG: the 32-byte RFC 8032 secret key (seed) and its public key.
 * @example `const { secretKey, publicKey } = ed25519Keygen()`
 */
export function ed25519Keygen(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const { secretKey, publicKey } = ed25519.keygen();
  return { secretKey, publicKey };
}

/**
 * The public key of a 32-byte secret key.
 * @example `ed25519PublicKey(secretKey).length` → `32`
 */
export function ed25519PublicKey(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

/**
 * The deterministic RFC 8032 signature (64 bytes, R ‖ S) of `message`.
 * @example `ed25519Sign(secretKey, utf8('hello'))`
 */
export function ed25519Sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, secretKey);
}

/**
 * True iff `publicKey` is a canonical encoding of a curve point outside the small-order subgroup.
 * A small-order key has no secret behind it worth the name: anyone can make signatures that a
 * cofactored verifier accepts.
 * @example `isStrictPublicKey(ed25519PublicKey(secretKey))` → `true`
 */
export function isStrictPublicKey(publicKey: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== KEY_LENGTH) return false;
  try {
    return !ed25519.Point.fromBytes(publicKey, false).isSmallOrder();
  } catch {
    return false;
  }
}

/**
 * Strict RFC 8032 verification. False, never an exception, for any wrong length or encoding.
 * @example `ed25519Verify(publicKey, message, signature)`
 */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_LENGTH) return false;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== KEY_LENGTH) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
