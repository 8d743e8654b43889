/**
 * Exponential ElGamal under a public key h = g^x: Enc(m; r) = (α, β) = (g^r, g^m · h^r).
 * Ciphertexts add homomorphically (the product of encryptions encrypts the sum) and can be
 * re-randomised; decryption yields g^m, and m comes from a bounded discrete log (dlog.ts).
 *
 * SPEC.md §3 (Encryption); vectors: test/vectors/psephos-crypto.json.
 *
 * @example
 * ```ts
 * const { ciphertext, randomness } = encrypt(group, publicKey, 1n);
 * group.equals(decryptToElement(group, secretKey, ciphertext), group.generator); // g^1
 * ```
 */
import type { Element, Group } from './group.ts';
import { mod, randomScalar } from './scalar.ts';

export interface Ciphertext {
  readonly alpha: Element;
  readonly beta: Element;
}

export interface Encryption {
  readonly ciphertext: Ciphertext;
  /** The randomness r: secret; it opens the ciphertext (Benaloh audit) or feeds its proofs. */
  readonly randomness: bigint;
}

/** g^m for a small non-negative message (0 and 1 without a multiplication). */
export function encodeMessage(group: Group, message: bigint): Element {
  if (message === 0n) return group.identity;
  if (message === 1n) return group.generator;
  return group.mulBase(mod(message));
}

/**
 * Encrypts m under h with fresh randomness (or the given r, for vectors and audits).
 * @example `encrypt(group, h, 0n).ciphertext`
 */
export function encrypt(
  group: Group,
  publicKey: Element,
  message: bigint,
  randomness = randomScalar(),
): Encryption {
  const alpha = group.mulBase(randomness);
  const beta = group.add(encodeMessage(group, message), group.mul(publicKey, randomness));
  return { ciphertext: { alpha, beta }, randomness };
}

/** The componentwise product: encrypts the sum of the messages. @example `addCiphertexts(group, a, b)` */
export function addCiphertexts(group: Group, a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: group.add(a.alpha, b.alpha), beta: group.add(a.beta, b.beta) };
}

/** The product of many ciphertexts (encrypts the sum of all messages). */
export function sumCiphertexts(group: Group, ciphertexts: readonly Ciphertext[]): Ciphertext {
  return {
    alpha: group.sum(ciphertexts.map((c) => c.alpha)),
    beta: group.sum(ciphertexts.map((c) => c.beta)),
  };
}

/** c^k: encrypts k·m (a weighted ballot). @example `scaleCiphertext(group, c, 3n)` */
export function scaleCiphertext(group: Group, c: Ciphertext, k: bigint): Ciphertext {
  return { alpha: group.mul(c.alpha, k), beta: group.mul(c.beta, k) };
}

/** A fresh encryption of the same message: c · Enc(0; r). */
export function rerandomise(
  group: Group,
  publicKey: Element,
  c: Ciphertext,
  randomness = randomScalar(),
): Encryption {
  const zero = encrypt(group, publicKey, 0n, randomness).ciphertext;
  return { ciphertext: addCiphertexts(group, c, zero), randomness };
}

/** g^m = β / α^x, with the whole secret key (tests, and the joint result of threshold decryption). */
export function decryptToElement(group: Group, secretKey: bigint, c: Ciphertext): Element {
  return group.sub(c.beta, group.mul(c.alpha, secretKey));
}

/** Checks that (α, β) encrypts m with randomness r: how a Benaloh audit is verified. */
export function opensTo(
  group: Group,
  publicKey: Element,
  c: Ciphertext,
  message: bigint,
  randomness: bigint,
): boolean {
  const expected = encrypt(group, publicKey, message, randomness).ciphertext;
  return group.equals(expected.alpha, c.alpha) && group.equals(expected.beta, c.beta);
}
