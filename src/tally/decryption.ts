/**
 * Decryption of the aggregate: a trustee's shares for every candidate's ciphertext (each with its
 * Chaum–Pedersen proof), their verification, and the combination of any t trustees' shares into the
 * published counts.
 *
 * SPEC.md §14 (Tally) and §8 (Threshold decryption).
 *
 * @example
 * ```ts
 * const payload = trusteeShares(group, fp, 2, x2, aggregate);           // the decryption-share event
 * checkTrusteeShares(group, fp, X2, aggregate, payload.answers);        // true
 * decryptCounts(group, aggregate, [payload1, payload2], totalWeight);    // number[][]
 * ```
 */

import { discreteLogSolver } from '../crypto/dlog.ts';
import type { Ciphertext } from '../crypto/elgamal.ts';
import type { Element, Group } from '../crypto/group.ts';
import {
  combineDecryptionShares,
  computeDecryptionShare,
  verifyDecryptionShare,
} from '../crypto/threshold.ts';
import { decodeElement, decodeProof, encodeElement, encodeProof } from '../protocol/codec.ts';
import type { Payload } from '../protocol/events.ts';

type SharesWire = Payload<'decryption-share'>['answers'];
type Answers = readonly (readonly Ciphertext[])[];

/**
 * The tally's ciphertexts, decoded. The identity is allowed: it is the aggregate of a question nobody
 * voted on. ProtocolError `bad-element` naming the ciphertext (`answers.0.1.alpha`) otherwise.
 * @example `const aggregate = decodeTallyAnswers(group, tally.answers)  // then trusteeShares(…, aggregate)`
 */
export function decodeTallyAnswers(group: Group, answers: Payload<'tally'>['answers']): Ciphertext[][] {
  return answers.map((row, i) =>
    row.map((c, j) => ({
      alpha: decodeElement(group, c.alpha, `answers.${i}.${j}.alpha`, { allowIdentity: true }),
      beta: decodeElement(group, c.beta, `answers.${i}.${j}.beta`, { allowIdentity: true }),
    })),
  );
}

/** Trustee `trustee`'s decryption-share payload for the aggregate. */
export function trusteeShares(
  group: Group,
  fingerprint: Uint8Array,
  trustee: number,
  secretShare: bigint,
  aggregate: Answers,
): Payload<'decryption-share'> {
  const answers = aggregate.map((row) =>
    row.map((c) => {
      const s = computeDecryptionShare(group, fingerprint, trustee, secretShare, c.alpha);
      return { share: encodeElement(group, s.share), proof: encodeProof(s.proof) };
    }),
  );
  return { trustee, answers };
}

/**
 * Checks every share of one trustee against its verification key; false on any wrong shape, encoding
 * or proof (the identity is allowed as a share only as what it is: α^x for α ≠ identity never is).
 */
export function checkTrusteeShares(
  group: Group,
  fingerprint: Uint8Array,
  trustee: number,
  verificationKey: Element,
  aggregate: Answers,
  shares: SharesWire,
): boolean {
  if (shares.length !== aggregate.length) return false;
  try {
    return aggregate.every((row, i) => {
      const shareRow = shares[i]!;
      if (shareRow.length !== row.length) return false;
      return row.every((c, j) => {
        const wire = shareRow[j]!;
        const share = {
          trustee,
          share: decodeElement(group, wire.share, 'share', { allowIdentity: true }),
          proof: decodeProof(wire.proof, 'proof'),
        };
        return verifyDecryptionShare(group, fingerprint, verificationKey, c.alpha, share);
      });
    });
  } catch {
    return false;
  }
}

/**
 * The counts from the aggregate and verified shares of at least t distinct trustees. `maxTotal` bounds
 * each count (the sum of counted weights); a count outside it throws CryptoError dlog-out-of-range.
 */
export function decryptCounts(
  group: Group,
  aggregate: Answers,
  shares: readonly Payload<'decryption-share'>[],
  maxTotal: number,
): number[][] {
  const solver = discreteLogSolver(group, maxTotal);
  return aggregate.map((row, i) =>
    row.map((c, j) => {
      const parts = shares.map((s) => ({
        trustee: s.trustee,
        share: decodeElement(group, s.answers[i]![j]!.share, 'share', { allowIdentity: true }),
      }));
      return solver.solve(combineDecryptionShares(group, c, parts));
    }),
  );
}
