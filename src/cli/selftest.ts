/**
 * `psephos selftest`: a small election's cryptography run end to end on both backends — a 2-of-3 key
 * ceremony, voters' encrypted choose-1-of-5 selections with all proofs, the homomorphic tally, threshold
 * decryption by two trustees — checking every proof and that both backends agree with the plaintext
 * count. Exits non-zero on any failure.
 */
import { loadBothGroups } from '../crypto/backends.ts';
import {
  combineSecretShares,
  createCommunicationKey,
  deal,
  jointPublicKey,
  receiveShare,
  verificationKey,
} from '../crypto/dkg.ts';
import { discreteLogSolver } from '../crypto/dlog.ts';
import { sumCiphertexts } from '../crypto/elgamal.ts';
import type { Group } from '../crypto/group.ts';
import { hashToScalar } from '../crypto/hash.ts';
import { encryptSelection, verifySelection } from '../crypto/selection.ts';
import {
  combineDecryptionShares,
  computeDecryptionShare,
  verifyDecryptionShare,
} from '../crypto/threshold.ts';

const CANDIDATES = 5;
const VOTERS = 20;
const context = new Uint8Array(32).fill(1);

function fail(message: string): never {
  process.stderr.write(`selftest FAILED: ${message}\n`);
  process.exit(1);
}

/** Runs the ceremony among 3 trustees (threshold 2) and returns the joint key and each secret share. */
function keyCeremony(group: Group) {
  const params = { threshold: 2, trustees: 3 };
  const keys = [1, 2, 3].map((i) => createCommunicationKey(group, context, i));
  const identities = keys.map((k) => k.identity);
  const dealings = keys.map((k) => deal(group, context, params, k, identities));
  const secretShares = keys.map((self, j) =>
    combineSecretShares(
      dealings.map((d, i) => {
        if (i === j) return d.ownShare;
        const encrypted = d.shares.find((s) => s.recipient === self.identity.index)!;
        const outcome = receiveShare(group, context, self, identities[i]!, d.commitment, encrypted);
        if (!outcome.ok) fail(`trustee ${j + 1} rejected the share of trustee ${i + 1}`);
        return outcome.share;
      }),
    ),
  );
  const commitments = dealings.map((d) => d.commitment);
  return { publicKey: jointPublicKey(group, commitments), secretShares, commitments };
}

function run(group: Group): number[] {
  const { publicKey, secretShares, commitments } = keyCeremony(group);
  const bounds = { min: 1, max: 1 };
  const plaintext = Array<number>(CANDIDATES).fill(0);
  const ballots = Array.from({ length: VOTERS }, (_, v) => {
    const choice = Number(hashToScalar('selftest', [new Uint8Array([v])]) % BigInt(CANDIDATES));
    plaintext[choice]!++;
    const choices = Array.from({ length: CANDIDATES }, (_, i) => (i === choice ? 1 : 0) as 0 | 1);
    return encryptSelection(group, context, publicKey, choices, bounds).selection;
  });
  if (!ballots.every((b) => verifySelection(group, context, publicKey, b, bounds)))
    fail('a ballot proof failed');
  const solver = discreteLogSolver(group, VOTERS);
  const counts = plaintext.map((_, i) => {
    const total = sumCiphertexts(
      group,
      ballots.map((b) => b.ciphertexts[i]!),
    );
    const shares = [1, 3].map((t) =>
      computeDecryptionShare(group, context, t, secretShares[t - 1]!, total.alpha),
    );
    for (const s of shares) {
      if (
        !verifyDecryptionShare(group, context, verificationKey(group, commitments, s.trustee), total.alpha, s)
      ) {
        fail(`decryption share of trustee ${s.trustee} failed its proof`);
      }
    }
    return solver.solve(combineDecryptionShares(group, total, shares));
  });
  if (counts.join() !== plaintext.join()) fail(`${group.backend}: tally ${counts} differs from ${plaintext}`);
  return counts;
}

for (const group of await loadBothGroups()) {
  const start = performance.now();
  const counts = run(group);
  const ms = (performance.now() - start).toFixed(0);
  process.stdout.write(
    `selftest ${group.backend}: ${VOTERS} ballots, 2-of-3 trustees, counts ${counts.join(' ')} — ok (${ms} ms)\n`,
  );
}
