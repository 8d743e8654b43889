/**
 * The prime-order group ristretto255 (RFC 9496), behind one small interface with two backends that
 * agree on every vector: `sodium` (libsodium's WASM build, fast in Node and browsers) and `noble`
 * (@noble/curves, pure TypeScript, audited; the reference). Protocol code takes a `Group` and never
 * knows which backend it has.
 *
 * Elements are opaque; their only wire form is the canonical 32-byte encoding. Scalars are bigints in
 * [0, ℓ) (see scalar.ts). Decoding rejects non-canonical encodings and, unless asked otherwise, the
 * identity — a public key, commitment or ciphertext component equal to the identity is never valid.
 *
 * SPEC.md §1 (Group); vectors: test/vectors/rfc9496.json, checked against both backends.
 *
 * @example
 * ```ts
 * const group = await loadGroup();               // the fast backend
 * const h = group.mulBase(secret);               // g^secret
 * const bytes = group.encode(h);                 // 32 bytes
 * group.equals(group.decode(bytes), h);          // true
 * ```
 */
import { CryptoError } from './errors.ts';
import { domainTag, expandMessageXmdSha512, transcript } from './hash.ts';
import { ORDER, randomScalar } from './scalar.ts';

declare const ELEMENT: unique symbol;
/** An element of ristretto255, owned by the backend that made it. */
export type Element = { readonly [ELEMENT]: true };

export type BackendName = 'sodium' | 'noble';

export interface DecodeOptions {
  /** Accept the identity element (by default it is rejected: no public value may be the identity). */
  readonly allowIdentity?: boolean;
}

export interface Group {
  readonly backend: BackendName;
  /** The neutral element (encoding: 32 zero bytes). */
  readonly identity: Element;
  /** The RFC 9496 generator B. */
  readonly generator: Element;
  /** Canonical 32-byte decoding; throws CryptoError bad-length / non-canonical-element / identity-not-allowed. */
  decode(bytes: Uint8Array, options?: DecodeOptions): Element;
  /** Canonical 32-byte encoding. */
  encode(a: Element): Uint8Array;
  add(a: Element, b: Element): Element;
  sub(a: Element, b: Element): Element;
  neg(a: Element): Element;
  /** a^k (written multiplicatively), k in [0, ℓ). */
  mul(a: Element, k: bigint): Element;
  /** g^k for the generator g, k in [0, ℓ). */
  mulBase(k: bigint): Element;
  /** The sum of many elements (the homomorphic aggregate of many ciphertexts). */
  sum(elements: Iterable<Element>): Element;
  equals(a: Element, b: Element): boolean;
  isIdentity(a: Element): boolean;
  /** RFC 9496 §4.3.4 element derivation from 64 uniform bytes (the one-way map). */
  fromUniformBytes(bytes: Uint8Array): Element;
}

/** Throws unless k is a reduced scalar; backends call it before every multiplication. */
export function assertScalar(k: bigint): void {
  if (k < 0n || k >= ORDER) throw new CryptoError('scalar-out-of-range', 'scalar is not in [0, ℓ)');
}

/** Throws unless the encoding has 32 bytes. */
export function assertElementLength(bytes: Uint8Array): void {
  if (bytes.length !== 32) {
    throw new CryptoError('bad-length', `a group element is 32 bytes, got ${bytes.length}`);
  }
}

/**
 * Hash to the group (RFC 9380 hash_to_ristretto255: expand_message_xmd with SHA-512 to 64 bytes, then
 * the RFC 9496 one-way map) under the domain tag of `purpose`. Nobody knows the discrete log of the
 * result with respect to the generator.
 * @example `hashToElement(group, 'generator/pedersen', [])`
 */
export function hashToElement(group: Group, purpose: string, parts: readonly Uint8Array[]): Element {
  return group.fromUniformBytes(expandMessageXmdSha512(transcript(parts), domainTag(purpose), 64));
}

/** A group element with a uniformly random discrete log (for tests and blinding). */
export function randomElement(group: Group): Element {
  return group.mulBase(randomScalar());
}

/**
 * base^k, through the faster fixed-base path when the base is the generator.
 * @example `power(group, group.generator, 3n)` equals `group.mulBase(3n)`
 */
export function power(group: Group, base: Element, k: bigint): Element {
  return base === group.generator ? group.mulBase(k) : group.mul(base, k);
}
