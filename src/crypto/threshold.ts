/**
 * Threshold decryption. Each trustee i holds a share x_i of the election secret (from the key
 * ceremony) and publishes verification key X_i = g^{x_i}. For a ciphertext (α, β) it publishes
 * D_i = α^{x_i} with a Chaum–Pedersen proof that log_g X_i = log_α D_i. Any t valid shares combine
 * by Lagrange interpolation in the exponent to α^x, and β / α^x = g^m.
 *
 * SPEC.md §8 (Threshold decryption); vectors: test/vectors/psephos-crypto.json.
 *
 * @example
 * ```ts
 * const share = computeDecryptionShare(group, context, 2, x2, ciphertext.alpha);
 * verifyDecryptionShare(group, context, X2, ciphertext.alpha, share); // true
 * const gm = combineDecryptionShares(group, ciphertext, [share1, share2]);
 * ```
 */
import type { SchnorrProof } from './dleq.ts';
import { proveDlog, verifyDlog } from './dleq.ts';
import type { Ciphertext } from './elgamal.ts';
import type { Element, Group } from './group.ts';
import { lagrangeAtZero } from './polynomial.ts';

export interface DecryptionShare {
  /** The trustee's index, 1..n. */
  readonly trustee: number;
  /** α^{x_i}. */
  readonly share: Element;
  readonly proof: SchnorrProof;
}

const PURPOSE = 'proof/decryption-share';

const pairsOf = (group: Group, verificationKey: Element, alpha: Element, share: Element) => [
  { base: group.generator, value: verificationKey },
  { base: alpha, value: share },
];

/** Trustee `trustee`'s share of the decryption of α, with its proof. */
export function computeDecryptionShare(
  group: Group,
  context: Uint8Array,
  trustee: number,
  secretShare: bigint,
  alpha: Element,
): DecryptionShare {
  const share = group.mul(alpha, secretShare);
  const pairs = pairsOf(group, group.mulBase(secretShare), alpha, share);
  return { trustee, share, proof: proveDlog(group, PURPOSE, context, pairs, secretShare) };
}

/** Checks one decryption share against the trustee's public verification key. */
export function verifyDecryptionShare(
  group: Group,
  context: Uint8Array,
  verificationKey: Element,
  alpha: Element,
  share: DecryptionShare,
): boolean {
  return verifyDlog(
    group,
    PURPOSE,
    context,
    pairsOf(group, verificationKey, alpha, share.share),
    share.proof,
  );
}

/**
 * g^m from the ciphertext and at least t shares (of distinct trustees; all of them already verified).
 * With fewer than t shares the result is garbage, which is why the caller checks the count.
 */
export function combineDecryptionShares(
  group: Group,
  ciphertext: Ciphertext,
  shares: readonly Pick<DecryptionShare, 'trustee' | 'share'>[],
): Element {
  const indices = shares.map((s) => s.trustee);
  const alphaX = group.sum(shares.map((s) => group.mul(s.share, lagrangeAtZero(indices, s.trustee))));
  return group.sub(ciphertext.beta, alphaX);
}
