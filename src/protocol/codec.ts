/**
 * Wire forms of cryptographic values (zod schemas) and their decoding into the group's objects.
 * Decoding happens once, at the boundary; a wrong value becomes a ProtocolError `bad-element` naming
 * the field, never an exception from deep inside the cryptography.
 *
 * SPEC.md §0 (Conventions) and §10 (Ballots).
 *
 * @example
 * ```ts
 * const proof = decodeProof(ProofWire.parse({ c: '…', s: '…' }), 'signature');
 * ```
 */
import { z } from 'zod';
import { fromBase64url, toBase64url } from '../crypto/bytes.ts';
import type { SchnorrProof } from '../crypto/dleq.ts';
import type { Ciphertext } from '../crypto/elgamal.ts';
import { CryptoError } from '../crypto/errors.ts';
import type { DecodeOptions, Element, Group } from '../crypto/group.ts';
import { decodeScalar, encodeScalar } from '../crypto/scalar.ts';
import { ProtocolError } from './errors.ts';

/** Unpadded base64url text. */
export const Base64url = z.string().regex(/^[A-Za-z0-9_-]*$/, 'expected base64url text');
/** 32 bytes as base64url (43 characters). */
export const Bytes32 = z
  .string()
  .regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'expected 32 bytes as base64url');
/** A group element's encoding. */
export const ElementWire = Bytes32;
/** A scalar's encoding. */
export const ScalarWire = Bytes32;
/** A (challenge, response) proof or signature. */
export const ProofWire = z.strictObject({ c: ScalarWire, s: ScalarWire });
/** A ciphertext (α, β). */
export const CiphertextWire = z.strictObject({ alpha: ElementWire, beta: ElementWire });
/** A disjunctive proof: one (c, s) per branch. */
export const DisjunctiveProofWire = z.array(ProofWire).min(1).max(1001);

export type ProofWire = z.infer<typeof ProofWire>;
export type CiphertextWire = z.infer<typeof CiphertextWire>;

function asProtocolError<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    if (e instanceof CryptoError) throw new ProtocolError('bad-element', `${what}: ${e.message}`);
    throw e;
  }
}

/** Decodes a group element, rejecting non-canonical encodings and (by default) the identity. */
export function decodeElement(group: Group, text: string, what: string, options?: DecodeOptions): Element {
  return asProtocolError(what, () => group.decode(fromBase64url(text, 32), options));
}

/** base64url of an element's encoding. */
export function encodeElement(group: Group, e: Element): string {
  return toBase64url(group.encode(e));
}

/** Decodes a canonical scalar (< ℓ). */
export function decodeScalarWire(text: string, what: string): bigint {
  return asProtocolError(what, () => decodeScalar(fromBase64url(text, 32)));
}

/** base64url of a scalar's encoding. */
export function encodeScalarWire(k: bigint): string {
  return toBase64url(encodeScalar(k));
}

export function decodeProof(wire: ProofWire, what: string): SchnorrProof {
  return {
    challenge: decodeScalarWire(wire.c, `${what}.c`),
    response: decodeScalarWire(wire.s, `${what}.s`),
  };
}

export function encodeProof(proof: SchnorrProof): ProofWire {
  return { c: encodeScalarWire(proof.challenge), s: encodeScalarWire(proof.response) };
}

export function decodeCiphertext(group: Group, wire: CiphertextWire, what: string): Ciphertext {
  return {
    alpha: decodeElement(group, wire.alpha, `${what}.alpha`),
    beta: decodeElement(group, wire.beta, `${what}.beta`),
  };
}

export function encodeCiphertext(group: Group, c: Ciphertext): CiphertextWire {
  return { alpha: encodeElement(group, c.alpha), beta: encodeElement(group, c.beta) };
}
