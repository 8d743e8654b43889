/**
 * Scalars: integers modulo the prime order ℓ of ristretto255 (RFC 9496 §4), held as `bigint` in [0, ℓ).
 * Wire form: 32 bytes little-endian, canonical (value < ℓ), base64url on the wire.
 *
 * Arithmetic here works on public values and on secrets alike; JavaScript bigint is not constant-time,
 * which is why secret scalars are only ever multiplied with points inside the libsodium backend or
 * combined arithmetically (never used to index or branch).
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { CryptoError } from './errors.ts';

/** The order of ristretto255: ℓ = 2^252 + 27742317777372353535851937790883648493. */
export const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

/** Reduces any integer into [0, ℓ). @example `mod(-1n) === ORDER - 1n` */
export function mod(a: bigint): bigint {
  const r = a % ORDER;
  return r < 0n ? r + ORDER : r;
}

/** Modular inverse by Fermat's little theorem (ℓ is prime). @example `mod(inv(3n) * 3n) === 1n` */
export function inv(a: bigint): bigint {
  if (mod(a) === 0n) throw new CryptoError('scalar-zero', 'zero has no inverse modulo the group order');
  return pow(mod(a), ORDER - 2n);
}

/** Modular exponentiation. @example `pow(2n, 10n) === 1024n` */
export function pow(base: bigint, exponent: bigint): bigint {
  if (exponent < 0n) throw new CryptoError('bad-parameters', 'negative exponent');
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % ORDER;
    b = (b * b) % ORDER;
    e >>= 1n;
  }
  return result;
}

/** Little-endian 32-byte encoding. @example `encodeScalar(1n)[0] === 1` */
export function encodeScalar(a: bigint): Uint8Array {
  if (a < 0n || a >= ORDER) throw new CryptoError('scalar-out-of-range', 'scalar is not in [0, ℓ)');
  const out = new Uint8Array(32);
  let v = a;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Little-endian integer of any length (no range check). */
export function bytesToBigintLE(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

/**
 * Decodes a canonical 32-byte scalar; rejects a wrong length and values ≥ ℓ.
 * @example `decodeScalar(encodeScalar(5n)) === 5n`
 */
export function decodeScalar(bytes: Uint8Array): bigint {
  if (bytes.length !== 32) throw new CryptoError('bad-length', `a scalar is 32 bytes, got ${bytes.length}`);
  const v = bytesToBigintLE(bytes);
  if (v >= ORDER)
    throw new CryptoError('scalar-out-of-range', 'scalar encoding is not below the group order');
  return v;
}

/**
 * A uniformly random scalar in [1, ℓ) from the platform CSPRNG (64 random bytes reduced mod ℓ, so the
 * bias is below 2^-250; zero is redrawn because it is never a usable secret).
 * @example `const r = randomScalar();`
 */
export function randomScalar(): bigint {
  for (;;) {
    const r = mod(bytesToBigintLE(randomBytes(64)));
    if (r !== 0n) return r;
  }
}
