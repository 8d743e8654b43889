/**
 * Proofs of knowledge of one discrete log shared by several pairs (base_i, value_i = base_i^x):
 * with one pair it is a Schnorr proof (and, with a message, a Schnorr signature); with two it is a
 * Chaum–Pedersen proof of equal discrete logs (decryption shares, DKG complaints).
 *
 * Non-interactive by strong Fiat–Shamir: the challenge hashes the purpose's tag, the context (the
 * election fingerprint, or more), every base and value of the statement, the commitments, and the
 * message. A proof is (challenge, response) with response = w − challenge·x mod ℓ, where w is the
 * commitment nonce; the verifier recomputes commitments as base^response · value^challenge.
 *
 * SPEC.md §4 (Schnorr and Chaum–Pedersen proofs); vectors: test/vectors/psephos-crypto.json.
 *
 * @example
 * ```ts
 * const pairs = [{ base: group.generator, value: group.mulBase(x) }];
 * const proof = proveDlog(group, 'proof/schnorr', context, pairs, x);
 * verifyDlog(group, 'proof/schnorr', context, pairs, proof); // true
 * ```
 */
import { uintBE } from './bytes.ts';
import type { Element, Group } from './group.ts';
import { power } from './group.ts';
import { hashToScalar } from './hash.ts';
import { mod, ORDER, randomScalar } from './scalar.ts';

/** One base and its power by the secret: value = base^x. */
export interface DlogPair {
  readonly base: Element;
  readonly value: Element;
}

/** A Fiat–Shamir proof: challenge c and response s, both scalars in [0, ℓ). */
export interface SchnorrProof {
  readonly challenge: bigint;
  readonly response: bigint;
}

const NO_MESSAGE = new Uint8Array(0);

/** The challenge: hash of tag, context, statement, commitments and message (see SPEC.md §4). */
export function dlogChallenge(
  group: Group,
  purpose: string,
  context: Uint8Array,
  pairs: readonly DlogPair[],
  commitments: readonly Element[],
  message: Uint8Array = NO_MESSAGE,
): bigint {
  const parts: Uint8Array[] = [context, uintBE(pairs.length, 4)];
  for (const { base, value } of pairs) parts.push(group.encode(base), group.encode(value));
  for (const commitment of commitments) parts.push(group.encode(commitment));
  parts.push(message);
  return hashToScalar(purpose, parts);
}

/** base^s · value^c: the commitment a valid proof must have used. */
export function recomputeCommitment(group: Group, pair: DlogPair, proof: SchnorrProof): Element {
  return group.add(power(group, pair.base, proof.response), group.mul(pair.value, proof.challenge));
}

/** True when both scalars of a proof are reduced (a verifier's first, cheap check). */
export function isReducedProof(proof: SchnorrProof): boolean {
  return [proof.challenge, proof.response].every((v) => v >= 0n && v < ORDER);
}

/**
 * Proves knowledge of x with value_i = base_i^x for every pair.
 * @example `proveDlog(group, 'proof/schnorr', ctx, [{ base: g, value: X }], x)`
 */
export function proveDlog(
  group: Group,
  purpose: string,
  context: Uint8Array,
  pairs: readonly DlogPair[],
  secret: bigint,
  message: Uint8Array = NO_MESSAGE,
): SchnorrProof {
  const nonce = randomScalar();
  const commitments = pairs.map((pair) => power(group, pair.base, nonce));
  const challenge = dlogChallenge(group, purpose, context, pairs, commitments, message);
  return { challenge, response: mod(nonce - challenge * secret) };
}

/**
 * Checks a proof from `proveDlog` for the same purpose, context, pairs and message.
 * Returns false (never throws) for any invalid proof.
 * @example `verifyDlog(group, 'proof/schnorr', ctx, [{ base: g, value: X }], proof)`
 */
export function verifyDlog(
  group: Group,
  purpose: string,
  context: Uint8Array,
  pairs: readonly DlogPair[],
  proof: SchnorrProof,
  message: Uint8Array = NO_MESSAGE,
): boolean {
  if (!isReducedProof(proof) || pairs.length === 0) return false;
  const commitments = pairs.map((pair) => recomputeCommitment(group, pair, proof));
  return dlogChallenge(group, purpose, context, pairs, commitments, message) === proof.challenge;
}
