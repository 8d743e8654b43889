/**
 * Benchmark of the cryptographic core, per backend: `npm run bench:crypto [-- --json] [-- --quick]`.
 * Prints microseconds per operation; with --json an array of { op, backend, us_per_op }.
 */
import { pippenger } from '@noble/curves/abstract/curve.js';
import { ristretto255 } from '@noble/curves/ed25519.js';
import sodium from 'libsodium-wrappers-sumo';
import { loadBothGroups } from '../src/crypto/backends.ts';
import { deriveCredential, generateCredential } from '../src/crypto/credential.ts';
import { proveZeroOrOne, verifyZeroOrOne } from '../src/crypto/disjunctive.ts';
import { discreteLogSolver } from '../src/crypto/dlog.ts';
import { encrypt } from '../src/crypto/elgamal.ts';
import type { Group } from '../src/crypto/group.ts';
import { lagrangeAtZero } from '../src/crypto/polynomial.ts';
import { encodeScalar, ORDER, randomScalar } from '../src/crypto/scalar.ts';
import { encryptSelection, verifySelection } from '../src/crypto/selection.ts';
import { signMessage, verifySignature } from '../src/crypto/signature.ts';
import { combineDecryptionShares, computeDecryptionShare } from '../src/crypto/threshold.ts';
import type { Row } from './lib.ts';
import { measure, report, round } from './lib.ts';

const context = new Uint8Array(32).fill(7);

function choose1(candidates: number): (0 | 1)[] {
  return Array.from({ length: candidates }, (_, i) => (i === 0 ? 1 : 0));
}

function groupRows(group: Group): Row[] {
  const backend = group.backend;
  const slow = backend === 'noble';
  const k = randomScalar();
  const p = group.mulBase(randomScalar());
  const q = group.mulBase(randomScalar());
  const bytes = group.encode(p);
  const secret = randomScalar();
  const h = group.mulBase(secret);
  const { ciphertext, randomness } = encrypt(group, h, 1n);
  const proof01 = proveZeroOrOne(group, context, h, ciphertext, 1, randomness);
  const cred = deriveCredential(group, 'bench', generateCredential());
  const message = new Uint8Array(200);
  const signature = signMessage(group, context, cred.secret, message);
  const rows: Row[] = [];
  const add = (op: string, fn: () => unknown, minMs = slow ? 200 : 300) =>
    rows.push({ op, backend, us_per_op: measure(fn, { minMs }) });

  add('base scalar mult', () => group.mulBase(k));
  add('var-base scalar mult', () => group.mul(p, k));
  add('add', () => group.add(p, q));
  add('encode', () => group.encode(p));
  add('decode', () => group.decode(bytes));
  add('encrypt', () => encrypt(group, h, 1n));
  add('0/1 proof create', () => proveZeroOrOne(group, context, h, ciphertext, 1, randomness));
  add('0/1 proof verify', () => verifyZeroOrOne(group, context, h, ciphertext, proof01));
  for (const candidates of [5, 10]) {
    const bounds = { min: 1, max: 1 };
    const { selection } = encryptSelection(group, context, h, choose1(candidates), bounds);
    add(`choose-1-of-${candidates}: encrypt + all proofs`, () =>
      encryptSelection(group, context, h, choose1(candidates), bounds),
    );
    add(`choose-1-of-${candidates}: verify all proofs`, () =>
      verifySelection(group, context, h, selection, bounds),
    );
  }
  add('signature verify', () => verifySignature(group, context, cred.publicCredential, message, signature));
  const shares = [1, 2, 3].map((i) =>
    computeDecryptionShare(group, context, i, randomScalar(), ciphertext.alpha),
  );
  add('Lagrange combine (3 shares)', () => combineDecryptionShares(group, ciphertext, shares));
  add('Lagrange coefficients only (3)', () => [1, 2, 3].map((i) => lagrangeAtZero([1, 2, 3], i)));
  if (!slow) {
    // The table is cached per group, so its one build is timed directly.
    const start = performance.now();
    const solver = discreteLogSolver(group, 1_000_000);
    const buildUs = round((performance.now() - start) * 1000);
    rows.push({ op: 'BSGS table build, max 10^6 (once)', backend, us_per_op: buildUs });
    const target = group.mulBase(987_654n);
    add('BSGS solve, max 10^6', () => solver.solve(target), 1000);
  }
  return rows;
}

/** Raw libsodium in the same run: the 1.5× goal compares the sodium backend with this. */
async function rawSodiumRows(): Promise<Row[]> {
  await sodium.ready;
  const n = encodeScalar(randomScalar());
  const p = sodium.crypto_scalarmult_ristretto255_base(encodeScalar(randomScalar()));
  return [
    {
      op: 'var-base scalar mult',
      backend: 'libsodium raw',
      us_per_op: measure(() => sodium.crypto_scalarmult_ristretto255(n, p)),
    },
    {
      op: 'base scalar mult',
      backend: 'libsodium raw',
      us_per_op: measure(() => sodium.crypto_scalarmult_ristretto255_base(n)),
    },
  ];
}

/**
 * Batch verification estimate: checking N Schnorr equations g^s = A·X^c at once costs one MSM over
 * 2N + 1 points with random 128-bit weights. The only MSM at hand is noble's Pippenger (libsodium has
 * none), so this is the per-equation cost of a batch, to compare with one proof verification.
 */
function batchRows(): Row[] {
  const Point = ristretto255.Point;
  const rows: Row[] = [];
  for (const n of [64, 512]) {
    const encoded = Array.from({ length: 2 * n }, () => Point.BASE.multiply(randomScalar()).toBytes());
    const scalars = Array.from({ length: 2 * n + 1 }, () => randomScalar() % (1n << 128n));
    const us = measure(
      () => {
        const points = [Point.BASE, ...encoded.map((b) => Point.fromBytes(b))];
        return pippenger(
          Point,
          points,
          scalars.map((s) => s % ORDER),
        );
      },
      { minMs: 500, minRuns: 2 },
    );
    rows.push({
      op: `batch verify, per Schnorr equation (N=${n})`,
      backend: 'noble msm',
      us_per_op: Number((us / n).toPrecision(3)),
    });
  }
  return rows;
}

const groups = await loadBothGroups();
const rows = [...(await rawSodiumRows()), ...groups.flatMap(groupRows), ...batchRows()];
report(rows, 'Psephos cryptographic core (µs per operation)');
