/**
 * Shamir/Feldman polynomials (src/crypto/polynomial.ts), threshold decryption with Chaum–Pedersen
 * decryption shares (src/crypto/threshold.ts) and the bounded discrete log that turns g^m into the
 * count m (src/crypto/dlog.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { loadBothGroups } from '../../src/crypto/backends.ts';
import { utf8 } from '../../src/crypto/bytes.ts';
import { discreteLogSolver } from '../../src/crypto/dlog.ts';
import { encrypt } from '../../src/crypto/elgamal.ts';
import { CryptoError, type CryptoErrorCode } from '../../src/crypto/errors.ts';
import type { Group } from '../../src/crypto/group.ts';
import {
  evaluate,
  evaluateCommitments,
  lagrangeAtZero,
  randomPolynomial,
} from '../../src/crypto/polynomial.ts';
import { mod, randomScalar } from '../../src/crypto/scalar.ts';
import type { DecryptionShare } from '../../src/crypto/threshold.ts';
import {
  combineDecryptionShares,
  computeDecryptionShare,
  verifyDecryptionShare,
} from '../../src/crypto/threshold.ts';

const groups = await loadBothGroups();
const [sodium, noble] = groups as [Group, Group];
const context = utf8('psephos test election fingerprint');

function throwsCode(fn: () => unknown, code: CryptoErrorCode, message?: string): void {
  assert.throws(
    fn,
    (e: unknown) => e instanceof CryptoError && e.code === code,
    message ?? `expected CryptoError ${code}`,
  );
}

/** Σ λ_i f(i) over the given trustee indices. */
function interpolate(indices: readonly number[], shares: readonly bigint[]): bigint {
  return mod(indices.reduce((acc, i) => acc + lagrangeAtZero(indices, i) * shares[i - 1]!, 0n));
}

/** n, t with 1 ≤ t ≤ n ≤ 7, and a set of distinct trustee indices of the given size (relative to t). */
const panel = fc
  .integer({ min: 1, max: 7 })
  .chain((n) => fc.record({ n: fc.constant(n), t: fc.integer({ min: 1, max: n }) }));

describe('polynomials and Lagrange interpolation', () => {
  test('evaluate computes f(x) mod ℓ', () => {
    assert.equal(evaluate([1n, 2n], 3n), 7n);
    assert.equal(evaluate([5n, 0n, 1n], 4n), 21n);
    assert.equal(evaluate([], 9n), 0n);
    assert.equal(evaluate([mod(-1n), 1n], 1n), 0n);
    const f = randomPolynomial(3);
    assert.equal(f.length, 4);
    assert.equal(evaluate(f, 0n), f[0]);
  });

  test('lagrangeAtZero recovers f(0) from any t of n shares (t ≤ n ≤ 7)', () => {
    fc.assert(
      fc.property(
        panel.chain(({ n, t }) =>
          fc.record({
            t: fc.constant(t),
            n: fc.constant(n),
            subset: fc.shuffledSubarray(
              Array.from({ length: n }, (_, i) => i + 1),
              { minLength: t, maxLength: n },
            ),
          }),
        ),
        ({ t, n, subset }) => {
          const f = randomPolynomial(t - 1);
          const shares = Array.from({ length: n }, (_, i) => evaluate(f, BigInt(i + 1)));
          assert.equal(interpolate(subset, shares), f[0], `t=${t}, n=${n}, subset ${subset}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('fewer than t shares do not give f(0)', () => {
    fc.assert(
      fc.property(
        panel
          .filter(({ t }) => t >= 2)
          .chain(({ n, t }) =>
            fc.record({
              t: fc.constant(t),
              n: fc.constant(n),
              subset: fc.shuffledSubarray(
                Array.from({ length: n }, (_, i) => i + 1),
                { minLength: 1, maxLength: t - 1 },
              ),
            }),
          ),
        ({ t, n, subset }) => {
          const f = randomPolynomial(t - 1);
          const shares = Array.from({ length: n }, (_, i) => evaluate(f, BigInt(i + 1)));
          assert.notEqual(interpolate(subset, shares), f[0], `t=${t}, n=${n}, subset ${subset}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('the Lagrange coefficients of the line through (1, 5) and (2, 7) give 3', () => {
    assert.equal(lagrangeAtZero([1, 2], 1), 2n);
    assert.equal(lagrangeAtZero([1, 2], 2), mod(-1n));
    assert.equal(mod(lagrangeAtZero([1, 2], 1) * 5n + lagrangeAtZero([1, 2], 2) * 7n), 3n);
    assert.equal(lagrangeAtZero([4], 4), 1n);
  });

  test('lagrangeAtZero rejects duplicate indices, index 0 or below, and an i outside the set', () => {
    throwsCode(() => lagrangeAtZero([1, 1, 2], 1), 'bad-parameters', 'duplicate');
    throwsCode(() => lagrangeAtZero([2, 3, 3], 2), 'bad-parameters', 'duplicate, not i');
    throwsCode(() => lagrangeAtZero([0, 1], 1), 'bad-parameters', 'index 0');
    throwsCode(() => lagrangeAtZero([-1, 1], 1), 'bad-parameters', 'negative index');
    throwsCode(() => lagrangeAtZero([1, 2], 3), 'bad-parameters', 'i not in the set');
    throwsCode(() => lagrangeAtZero([], 1), 'bad-parameters', 'empty set');
  });

  test('randomPolynomial rejects a negative or fractional degree', () => {
    throwsCode(() => randomPolynomial(-1), 'bad-parameters');
    throwsCode(() => randomPolynomial(1.5), 'bad-parameters');
  });

  for (const group of groups) {
    test(`${group.backend}: evaluateCommitments(g^{a_k}, x) = g^{f(x)}`, () => {
      for (const degree of [0, 1, 3]) {
        const f = randomPolynomial(degree);
        const commitments = f.map((a) => group.mulBase(a));
        for (const x of [0n, 1n, 2n, 7n]) {
          assert.ok(group.equals(evaluateCommitments(group, commitments, x), group.mulBase(evaluate(f, x))));
        }
      }
    });
  }
});

/** A dealer-made t-of-n sharing of an election key, for threshold-decryption tests. */
function sharing(group: Group, t: number, n: number) {
  const f = randomPolynomial(t - 1);
  const secretShares = Array.from({ length: n }, (_, i) => evaluate(f, BigInt(i + 1)));
  return {
    secretKey: f[0]!,
    publicKey: group.mulBase(f[0]!),
    secretShares,
    verificationKeys: secretShares.map((x) => group.mulBase(x)),
  };
}

for (const group of groups) {
  const b = group.backend;
  const solver = discreteLogSolver(group, 1000);

  describe(`threshold decryption on ${b}`, () => {
    test(`${b}: any t of n trustees decrypt; every share's proof verifies`, () => {
      fc.assert(
        fc.property(
          panel
            .filter(({ n }) => n <= 5)
            .chain(({ n, t }) =>
              fc.record({
                t: fc.constant(t),
                n: fc.constant(n),
                subset: fc.shuffledSubarray(
                  Array.from({ length: n }, (_, i) => i + 1),
                  { minLength: t, maxLength: t },
                ),
                m: fc.integer({ min: 0, max: 1000 }),
              }),
            ),
          ({ t, n, subset, m }) => {
            const { publicKey, secretShares, verificationKeys } = sharing(group, t, n);
            const { ciphertext } = encrypt(group, publicKey, BigInt(m));
            const shares = subset.map((i) =>
              computeDecryptionShare(group, context, i, secretShares[i - 1]!, ciphertext.alpha),
            );
            for (const s of shares) {
              assert.equal(s.trustee, subset[shares.indexOf(s)]);
              assert.ok(
                verifyDecryptionShare(group, context, verificationKeys[s.trustee - 1]!, ciphertext.alpha, s),
              );
            }
            const gm = combineDecryptionShares(group, ciphertext, shares);
            assert.ok(group.equals(gm, group.mulBase(BigInt(m))), `t=${t}, n=${n}, subset ${subset}`);
            assert.equal(solver.solve(gm), m);
          },
        ),
        { numRuns: group.backend === 'noble' ? 10 : 25 },
      );
    });

    test(`${b}: more than t shares also decrypt; fewer than t do not`, () => {
      const { publicKey, secretShares } = sharing(group, 3, 5);
      const { ciphertext } = encrypt(group, publicKey, 42n);
      const share = (i: number) =>
        computeDecryptionShare(group, context, i, secretShares[i - 1]!, ciphertext.alpha);
      const all = [1, 2, 3, 4, 5].map(share);
      assert.ok(
        group.equals(combineDecryptionShares(group, ciphertext, all), group.mulBase(42n)),
        'all five',
      );
      assert.ok(
        group.equals(combineDecryptionShares(group, ciphertext, all.slice(1)), group.mulBase(42n)),
        'four',
      );
      const two = combineDecryptionShares(group, ciphertext, [all[0]!, all[4]!]);
      assert.ok(!group.equals(two, group.mulBase(42n)), 'two of a 3-of-5 key');
      assert.throws(() => solver.solve(two), CryptoError);
    });

    test(`${b}: a forged decryption share fails verifyDecryptionShare`, () => {
      const { publicKey, secretShares, verificationKeys } = sharing(group, 2, 3);
      const { ciphertext } = encrypt(group, publicKey, 1n);
      const other = encrypt(group, publicKey, 0n).ciphertext;
      const alpha = ciphertext.alpha;
      const x2 = secretShares[1]!;
      const X2 = verificationKeys[1]!;
      const honest = computeDecryptionShare(group, context, 2, x2, alpha);
      assert.ok(verifyDecryptionShare(group, context, X2, alpha, honest));

      // A share from another secret, with a proof that is valid for that other secret.
      const fromOtherSecret = computeDecryptionShare(group, context, 2, randomScalar(), alpha);
      // The right share value, with the proof of the same trustee's share of another ciphertext.
      const forOther = computeDecryptionShare(group, context, 2, x2, other.alpha);
      const forgeries: [string, DecryptionShare][] = [
        ['a share from another secret', fromOtherSecret],
        ['the right share with a proof for another ciphertext', { ...honest, proof: forOther.proof }],
        ['the share of another ciphertext', forOther],
        ['the share times g', { ...honest, share: group.add(honest.share, group.generator) }],
        ['the share of trustee 1', computeDecryptionShare(group, context, 1, secretShares[0]!, alpha)],
        [
          'the challenge changed',
          { ...honest, proof: { ...honest.proof, challenge: mod(honest.proof.challenge + 1n) } },
        ],
        [
          'the response changed',
          { ...honest, proof: { ...honest.proof, response: mod(honest.proof.response + 1n) } },
        ],
      ];
      for (const [what, forged] of forgeries) {
        assert.equal(verifyDecryptionShare(group, context, X2, alpha, forged), false, what);
      }
      assert.equal(
        verifyDecryptionShare(group, utf8('another election'), X2, alpha, honest),
        false,
        'context',
      );
      assert.equal(
        verifyDecryptionShare(group, context, verificationKeys[0]!, alpha, honest),
        false,
        'key of 1',
      );
      assert.equal(verifyDecryptionShare(group, context, X2, other.alpha, honest), false, 'other alpha');
      // Had it been accepted, the forged share would have changed the result.
      const honest1 = computeDecryptionShare(group, context, 1, secretShares[0]!, alpha);
      const wrong = combineDecryptionShares(group, ciphertext, [honest1, fromOtherSecret]);
      assert.ok(!group.equals(wrong, group.generator));
      assert.ok(group.equals(combineDecryptionShares(group, ciphertext, [honest1, honest]), group.generator));
    });

    test(`${b}: combineDecryptionShares refuses two shares of the same trustee`, () => {
      const { publicKey, secretShares } = sharing(group, 2, 3);
      const { ciphertext } = encrypt(group, publicKey, 1n);
      const s = computeDecryptionShare(group, context, 1, secretShares[0]!, ciphertext.alpha);
      throwsCode(() => combineDecryptionShares(group, ciphertext, [s, s]), 'bad-parameters');
    });
  });
}

describe('bounded discrete log', () => {
  test('sodium: discreteLogSolver(10^6) finds random values, 0 and the maximum', () => {
    const solver = discreteLogSolver(sodium, 10 ** 6);
    assert.equal(solver.max, 10 ** 6);
    for (const m of [0, 1, 2, 999, 1000, 1001, 999_999, 10 ** 6]) {
      assert.equal(solver.solve(sodium.mulBase(BigInt(m))), m, `m = ${m}`);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 6 }), (m) => {
        assert.equal(solver.solve(sodium.mulBase(BigInt(m))), m);
      }),
      { numRuns: 25 },
    );
    assert.equal(solver.solve(sodium.identity), 0);
  });

  test('sodium: a value above the maximum throws dlog-out-of-range', () => {
    const solver = discreteLogSolver(sodium, 10 ** 6);
    for (const m of [10n ** 6n + 1n, 10n ** 6n + 1000n, 10n ** 7n, mod(-1n)]) {
      throwsCode(() => solver.solve(sodium.mulBase(m)), 'dlog-out-of-range', `m = ${m}`);
    }
    throwsCode(() => solver.solve(sodium.mulBase(randomScalar())), 'dlog-out-of-range', 'random element');
  });

  test('noble: discreteLogSolver(1000) finds every value in [0, 1000] and rejects 1001', () => {
    const solver = discreteLogSolver(noble, 1000);
    let e = noble.identity;
    for (let m = 0; m <= 1000; m++) {
      assert.equal(solver.solve(e), m);
      e = noble.add(e, noble.generator);
    }
    throwsCode(() => solver.solve(e), 'dlog-out-of-range', '1001');
  });

  test('small bounds: max = 0, 1, 2, 3 and perfect squares', () => {
    for (const group of groups) {
      for (const max of [0, 1, 2, 3, 8, 9, 15, 16]) {
        const fresh = { ...group };
        const solver = discreteLogSolver(fresh, max);
        for (let m = 0; m <= max; m++) assert.equal(solver.solve(group.mulBase(BigInt(m))), m);
        throwsCode(
          () => solver.solve(group.mulBase(BigInt(max + 1))),
          'dlog-out-of-range',
          `${group.backend} ${max}`,
        );
      }
    }
  });

  test('the baby-step table is built once: a second solver with a smaller bound reuses it', () => {
    for (const group of groups) {
      // A view of the group that counts additions (table building adds; reuse must not).
      let additions = 0;
      const counting: Group = {
        ...group,
        add: (a, c) => {
          additions++;
          return group.add(a, c);
        },
      };
      const big = group === sodium ? 10 ** 6 : 1000;
      const first = discreteLogSolver(counting, big);
      assert.ok(additions >= Math.sqrt(big), `${group.backend}: building the table adds ${additions} times`);
      additions = 0;
      const small = discreteLogSolver(counting, 300);
      const same = discreteLogSolver(counting, big);
      assert.equal(additions, 0, `${group.backend}: no table was rebuilt`);
      assert.equal(small.max, 300);
      for (const m of [0, 17, 299, 300]) assert.equal(small.solve(group.mulBase(BigInt(m))), m);
      for (const m of [301, 500, big]) {
        throwsCode(
          () => small.solve(group.mulBase(BigInt(m))),
          'dlog-out-of-range',
          `${group.backend}: ${m}`,
        );
        assert.equal(first.solve(group.mulBase(BigInt(m))), m);
        assert.equal(same.solve(group.mulBase(BigInt(m))), m);
      }
    }
  });

  test('discreteLogSolver rejects a bound that is negative, fractional or above 10^12', () => {
    for (const max of [-1, 1.5, Number.NaN, 1e12 + 1, Number.POSITIVE_INFINITY]) {
      throwsCode(() => discreteLogSolver(sodium, max), 'bad-parameters', String(max));
    }
  });
});
