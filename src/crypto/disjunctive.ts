/**
 * Disjunctive Chaum–Pedersen proofs that a ciphertext encrypts one of a list of small values, without
 * saying which: the 0/1 proof on each candidate's ciphertext, and the range proof that the sum over a
 * question lies in [min, max] ("choose exactly 1" is [1, 1]; with a blank vote [0, 1]; "up to k" is
 * [0, k]).
 *
 * For each allowed value m_j the statement is "log_g α = log_h (β / g^{m_j})". The prover answers the
 * true branch honestly and simulates the others; the challenges must add up to the Fiat–Shamir hash of
 * the purpose tag, the context, the public key, the ciphertext, the allowed values and every branch's
 * commitments (strong Fiat–Shamir: the whole statement is hashed).
 *
 * The prover's running time does not depend on which branch is true except through the order of
 * operations, and it runs on the voter's own device (SPEC.md §5 notes this).
 *
 * SPEC.md §5 (Disjunctive proofs); vectors: test/vectors/psephos-crypto.json.
 *
 * @example
 * ```ts
 * const { ciphertext, randomness } = encrypt(group, h, 1n);
 * const proof = proveOneOf(group, context, h, ciphertext, [0, 1], 1, randomness);
 * verifyOneOf(group, context, h, ciphertext, [0, 1], proof); // true
 * ```
 */
import { uintBE } from './bytes.ts';
import type { DlogPair, SchnorrProof } from './dleq.ts';
import { isReducedProof, recomputeCommitment } from './dleq.ts';
import type { Ciphertext } from './elgamal.ts';
import { encodeMessage } from './elgamal.ts';
import { CryptoError } from './errors.ts';
import type { Element, Group } from './group.ts';
import { power } from './group.ts';
import { hashToScalar } from './hash.ts';
import { mod, randomScalar } from './scalar.ts';

/** One (challenge, response) per allowed value, in the order of the values. */
export type DisjunctiveProof = readonly SchnorrProof[];

const PURPOSE = 'proof/disjunctive';

/** The two pairs of branch j: (g, α) and (h, β / g^{m_j}). */
function branchPairs(group: Group, publicKey: Element, c: Ciphertext, value: number): [DlogPair, DlogPair] {
  return [
    { base: group.generator, value: c.alpha },
    { base: publicKey, value: group.sub(c.beta, encodeMessage(group, BigInt(value))) },
  ];
}

function challengeOf(
  group: Group,
  context: Uint8Array,
  publicKey: Element,
  c: Ciphertext,
  values: readonly number[],
  commitments: readonly Element[],
): bigint {
  const parts = [context, group.encode(publicKey), group.encode(c.alpha), group.encode(c.beta)];
  parts.push(uintBE(values.length, 4), ...values.map((v) => uintBE(v, 4)));
  parts.push(...commitments.map((e) => group.encode(e)));
  return hashToScalar(PURPOSE, parts);
}

function assertValues(values: readonly number[]): void {
  const ok =
    values.length > 0 &&
    values.every(
      (v, i) => Number.isSafeInteger(v) && v >= 0 && v <= 0xffffffff && (i === 0 || v > values[i - 1]!),
    );
  if (!ok)
    throw new CryptoError('bad-parameters', 'allowed values must be a non-empty increasing list of u32');
}

/**
 * Proves that `ciphertext`, made with `randomness`, encrypts `values[trueIndex]` and that this is one of `values`.
 * @example `proveOneOf(group, ctx, h, ct, [0, 1], 0, r)`
 */
export function proveOneOf(
  group: Group,
  context: Uint8Array,
  publicKey: Element,
  ciphertext: Ciphertext,
  values: readonly number[],
  trueIndex: number,
  randomness: bigint,
): DisjunctiveProof {
  assertValues(values);
  if (!Number.isInteger(trueIndex) || trueIndex < 0 || trueIndex >= values.length) {
    throw new CryptoError('bad-parameters', 'the true value is not among the allowed values');
  }
  const nonce = randomScalar();
  const simulated = values.map(() => ({ challenge: randomScalar(), response: randomScalar() }));
  const commitments: Element[] = [];
  values.forEach((value, j) => {
    const pairs = branchPairs(group, publicKey, ciphertext, value);
    for (const pair of pairs) {
      commitments.push(
        j === trueIndex ? power(group, pair.base, nonce) : recomputeCommitment(group, pair, simulated[j]!),
      );
    }
  });
  const total = challengeOf(group, context, publicKey, ciphertext, values, commitments);
  const others = simulated.reduce((sum, p, j) => (j === trueIndex ? sum : sum + p.challenge), 0n);
  const challenge = mod(total - others);
  return simulated.map((p, j) =>
    j === trueIndex ? { challenge, response: mod(nonce - challenge * randomness) } : p,
  );
}

/**
 * Checks a disjunctive proof; false (never an exception) for anything invalid, including a proof with
 * the wrong number of branches.
 * @example `verifyOneOf(group, ctx, h, ct, [0, 1], proof)`
 */
export function verifyOneOf(
  group: Group,
  context: Uint8Array,
  publicKey: Element,
  ciphertext: Ciphertext,
  values: readonly number[],
  proof: DisjunctiveProof,
): boolean {
  assertValues(values);
  if (proof.length !== values.length || !proof.every(isReducedProof)) return false;
  const commitments: Element[] = [];
  values.forEach((value, j) => {
    for (const pair of branchPairs(group, publicKey, ciphertext, value)) {
      commitments.push(recomputeCommitment(group, pair, proof[j]!));
    }
  });
  const total = proof.reduce((sum, p) => sum + p.challenge, 0n);
  return mod(total) === challengeOf(group, context, publicKey, ciphertext, values, commitments);
}

/** The list min, min+1, …, max. @example `rangeValues(0, 2)` → `[0, 1, 2]` */
export function rangeValues(min: number, max: number): number[] {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < min) {
    throw new CryptoError('bad-parameters', `invalid range [${min}, ${max}]`);
  }
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/**
 * Proves a ciphertext encrypts 0 or 1.
 * @example `proveZeroOrOne(group, ctx, h, ct, 1, r)`
 */
export function proveZeroOrOne(
  group: Group,
  context: Uint8Array,
  publicKey: Element,
  ciphertext: Ciphertext,
  bit: 0 | 1,
  randomness: bigint,
): DisjunctiveProof {
  return proveOneOf(group, context, publicKey, ciphertext, [0, 1], bit, randomness);
}

/** Checks a 0/1 proof. */
export function verifyZeroOrOne(
  group: Group,
  context: Uint8Array,
  publicKey: Element,
  ciphertext: Ciphertext,
  proof: DisjunctiveProof,
): boolean {
  return verifyOneOf(group, context, publicKey, ciphertext, [0, 1], proof);
}

/**
 * Proves that a ciphertext (typically the sum of a question's ciphertexts, with the sum of their
 * randomness) encrypts `value` ∈ [min, max].
 * @example `proveRange(group, ctx, h, sum, 0, 1, 1, rSum)`
 */
export function proveRange(
  group: Group,
  context: Uint8Array,
  publicKey: Element,
  ciphertext: Ciphertext,
  min: number,
  max: number,
  value: number,
  randomness: bigint,
): DisjunctiveProof {
  return proveOneOf(group, context, publicKey, ciphertext, rangeValues(min, max), value - min, randomness);
}

/** Checks a range proof for [min, max]. */
export function verifyRange(
  group: Group,
  context: Uint8Array,
  publicKey: Element,
  ciphertext: Ciphertext,
  min: number,
  max: number,
  proof: DisjunctiveProof,
): boolean {
  return verifyOneOf(group, context, publicKey, ciphertext, rangeValues(min, max), proof);
}
