/**
 * An encrypted selection: the answer to one question, as one ciphertext per candidate (1 = chosen,
 * 0 = not), a 0/1 proof on each, and a range proof that the number chosen lies in [min, max]
 * ("choose exactly 1": [1, 1]; with a blank vote allowed: [0, 1]; "up to k": [0, k] or [1, k]).
 * The protocol's ballot is one selection per question, signed (src/protocol/ballot.ts).
 *
 * SPEC.md §5 (Disjunctive proofs: selections); vectors: test/vectors/psephos-crypto.json.
 *
 * @example
 * ```ts
 * const { selection } = encryptSelection(group, context, h, [0, 1, 0], { min: 1, max: 1 });
 * verifySelection(group, context, h, selection, { min: 1, max: 1 }); // true
 * ```
 */
import type { DisjunctiveProof } from './disjunctive.ts';
import { proveRange, proveZeroOrOne, verifyRange, verifyZeroOrOne } from './disjunctive.ts';
import type { Ciphertext } from './elgamal.ts';
import { encrypt, sumCiphertexts } from './elgamal.ts';
import { CryptoError } from './errors.ts';
import type { Element, Group } from './group.ts';
import { mod } from './scalar.ts';

export interface SelectionBounds {
  readonly min: number;
  readonly max: number;
}

export interface EncryptedSelection {
  readonly ciphertexts: readonly Ciphertext[];
  readonly choiceProofs: readonly DisjunctiveProof[];
  readonly rangeProof: DisjunctiveProof;
}

export interface SelectionSecrets {
  /** One randomness per ciphertext: revealed only by a Benaloh audit, otherwise forgotten. */
  readonly randomness: readonly bigint[];
}

/**
 * Encrypts `choices` (0 or 1 per candidate) and proves each is 0/1 and their sum is in bounds.
 * Throws CryptoError bad-parameters if the plaintext itself breaks the rules: a booth must never
 * produce a ballot that the verifier would reject.
 */
export function encryptSelection(
  group: Group,
  context: Uint8Array,
  publicKey: Element,
  choices: readonly (0 | 1)[],
  bounds: SelectionBounds,
): { selection: EncryptedSelection; secrets: SelectionSecrets } {
  const count = choices.reduce<number>((a, b) => a + b, 0);
  if (count < bounds.min || count > bounds.max || bounds.max > choices.length) {
    throw new CryptoError(
      'bad-parameters',
      `${count} chosen, but this question allows ${bounds.min} to ${bounds.max}`,
    );
  }
  const encryptions = choices.map((bit) => encrypt(group, publicKey, BigInt(bit)));
  const ciphertexts = encryptions.map((e) => e.ciphertext);
  const randomness = encryptions.map((e) => e.randomness);
  const choiceProofs = choices.map((bit, i) =>
    proveZeroOrOne(group, context, publicKey, ciphertexts[i]!, bit, randomness[i]!),
  );
  const total = sumCiphertexts(group, ciphertexts);
  const totalRandomness = mod(randomness.reduce((a, b) => a + b, 0n));
  const rangeProof = proveRange(
    group,
    context,
    publicKey,
    total,
    bounds.min,
    bounds.max,
    count,
    totalRandomness,
  );
  return { selection: { ciphertexts, choiceProofs, rangeProof }, secrets: { randomness } };
}

/** Checks every proof of a selection with `candidates` ciphertexts; false for anything invalid. */
export function verifySelection(
  group: Group,
  context: Uint8Array,
  publicKey: Element,
  selection: EncryptedSelection,
  bounds: SelectionBounds,
): boolean {
  const { ciphertexts, choiceProofs, rangeProof } = selection;
  if (choiceProofs.length !== ciphertexts.length) return false;
  const choicesValid = ciphertexts.every((c, i) =>
    verifyZeroOrOne(group, context, publicKey, c, choiceProofs[i]!),
  );
  if (!choicesValid) return false;
  const total = sumCiphertexts(group, ciphertexts);
  return verifyRange(group, context, publicKey, total, bounds.min, bounds.max, rangeProof);
}
