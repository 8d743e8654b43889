/**
 * Polynomials over the scalar field, for Shamir/Feldman secret sharing: random polynomials,
 * evaluation, Lagrange coefficients at zero, and the public evaluation of Feldman commitments.
 * Trustees are numbered 1..n; a trustee's share is f(index).
 *
 * SPEC.md §7 (Key ceremony) and §8 (Threshold decryption).
 *
 * @example
 * ```ts
 * const f = randomPolynomial(2);                     // degree 2: any 3 shares recover f(0)
 * const shares = [1, 2, 3].map((i) => evaluate(f, BigInt(i)));
 * ```
 */
import { CryptoError } from './errors.ts';
import type { Element, Group } from './group.ts';
import { inv, mod, randomScalar } from './scalar.ts';

/** Coefficients a_0..a_degree, each uniformly random. */
export function randomPolynomial(degree: number): bigint[] {
  if (!Number.isSafeInteger(degree) || degree < 0) throw new CryptoError('bad-parameters', 'invalid degree');
  return Array.from({ length: degree + 1 }, () => randomScalar());
}

/** f(x) mod ℓ by Horner's rule. @example `evaluate([1n, 2n], 3n) === 7n` */
export function evaluate(coefficients: readonly bigint[], x: bigint): bigint {
  let acc = 0n;
  for (let k = coefficients.length - 1; k >= 0; k--) acc = mod(acc * x + coefficients[k]!);
  return acc;
}

/**
 * The Lagrange coefficient λ_i = Π_{j≠i} j / (j − i) at zero, for the set of indices taking part.
 * @example `mod(lagrangeAtZero([1, 2], 1) * 5n + lagrangeAtZero([1, 2], 2) * 7n)` (f(0) of the line through (1,5), (2,7))
 */
export function lagrangeAtZero(indices: readonly number[], i: number): bigint {
  if (
    new Set(indices).size !== indices.length ||
    !indices.includes(i) ||
    indices.some((j) => !Number.isInteger(j) || j < 1)
  ) {
    throw new CryptoError('bad-parameters', 'trustee indices must be distinct, positive, and include i');
  }
  let numerator = 1n;
  let denominator = 1n;
  for (const j of indices) {
    if (j === i) continue;
    numerator = mod(numerator * BigInt(j));
    denominator = mod(denominator * BigInt(j - i));
  }
  return mod(numerator * inv(denominator));
}

/**
 * Π_k C_k^{x^k}: from Feldman commitments C_k = g^{a_k}, the public value g^{f(x)}.
 * @example `group.equals(evaluateCommitments(group, C, 2n), group.mulBase(evaluate(f, 2n)))`
 */
export function evaluateCommitments(group: Group, commitments: readonly Element[], x: bigint): Element {
  let acc = group.identity;
  let xk = 1n;
  for (const c of commitments) {
    acc = group.add(acc, group.mul(c, xk));
    xk = mod(xk * x);
  }
  return acc;
}
