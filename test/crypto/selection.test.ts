/**
 * Encrypted selections (src/crypto/selection.ts) on both backends: encryptSelection and
 * verifySelection for the bounds [1, 1] (choose one), [0, 1] (one or a blank vote), [0, 3] and
 * [1, 3] (approval), every valid choice vector accepted and decrypting to itself; out-of-bounds
 * choices refused before anything is encrypted; verifySelection returns false — never throws — for a
 * swapped ciphertext, a proof taken from another selection, a range proof for other bounds, another
 * context or key, and mismatched counts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadBothGroups } from '../../src/crypto/backends.ts';
import { utf8 } from '../../src/crypto/bytes.ts';
import type { Ciphertext } from '../../src/crypto/elgamal.ts';
import { decryptToElement, encrypt } from '../../src/crypto/elgamal.ts';
import { CryptoError } from '../../src/crypto/errors.ts';
import type { Group } from '../../src/crypto/group.ts';
import { randomElement } from '../../src/crypto/group.ts';
import { mod, randomScalar } from '../../src/crypto/scalar.ts';
import type { EncryptedSelection, SelectionBounds } from '../../src/crypto/selection.ts';
import { encryptSelection, verifySelection } from '../../src/crypto/selection.ts';

const groups = await loadBothGroups();
const context = utf8('psephos selection test context');
const otherContext = utf8('psephos selection test context, question 2');

/** Every 0/1 vector of length n. */
function allVectors(n: number): (0 | 1)[][] {
  return Array.from({ length: 2 ** n }, (_, k) =>
    Array.from({ length: n }, (_, i) => ((k >> i) & 1) as 0 | 1),
  );
}

const count = (choices: readonly (0 | 1)[]) => choices.reduce<number>((a, b) => a + b, 0);

const BOUNDS: [string, SelectionBounds, number][] = [
  ['[1, 1] (exactly one)', { min: 1, max: 1 }, 3],
  ['[0, 1] (one, or a blank vote)', { min: 0, max: 1 }, 3],
  ['[0, 3] (approval, up to 3)', { min: 0, max: 3 }, 4],
  ['[1, 3] (approval, 1 to 3)', { min: 1, max: 3 }, 4],
];

function refused(fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof CryptoError && e.code === 'bad-parameters');
}

for (const group of groups) {
  const b = group.backend;
  const secretKey = randomScalar();
  const h = group.mulBase(secretKey);
  const decrypt = (s: EncryptedSelection) =>
    s.ciphertexts.map((c) => {
      const m = decryptToElement(group, secretKey, c);
      return group.isIdentity(m) ? 0 : group.equals(m, group.generator) ? 1 : -1;
    });

  describe(`selections on ${b}`, () => {
    for (const [name, bounds, n] of BOUNDS) {
      const valid = allVectors(n).filter((v) => count(v) >= bounds.min && count(v) <= bounds.max);
      const invalid = allVectors(n).filter((v) => count(v) < bounds.min || count(v) > bounds.max);
      // Every valid vector on sodium; on noble (ten times slower), the first and last.
      const tried = b === 'sodium' ? valid : [valid[0]!, valid[valid.length - 1]!];

      test(`${b} ${name}: every valid choice of ${n} candidates encrypts, verifies and decrypts to itself`, () => {
        for (const choices of tried) {
          const { selection, secrets } = encryptSelection(group, context, h, choices, bounds);
          assert.equal(selection.ciphertexts.length, n);
          assert.equal(selection.choiceProofs.length, n);
          assert.ok(selection.choiceProofs.every((p) => p.length === 2));
          assert.equal(selection.rangeProof.length, bounds.max - bounds.min + 1);
          assert.equal(secrets.randomness.length, n);
          assert.ok(verifySelection(group, context, h, selection, bounds), `${choices}`);
          assert.deepEqual(decrypt(selection), choices);
        }
      });

      test(`${b} ${name}: out-of-bounds choices are refused`, () => {
        assert.ok(invalid.length > 0 || bounds.min === 0);
        for (const choices of invalid) refused(() => encryptSelection(group, context, h, choices, bounds));
      });
    }

    test(`${b}: bounds beyond the number of candidates, or inverted, are refused`, () => {
      refused(() => encryptSelection(group, context, h, [1, 0], { min: 0, max: 3 }));
      refused(() => encryptSelection(group, context, h, [0, 0, 0], { min: 0, max: 4 }));
      refused(() => encryptSelection(group, context, h, [1, 1, 0], { min: 2, max: 1 }));
      refused(() => encryptSelection(group, context, h, [0, 0, 0], { min: -1, max: 1 }));
      refused(() => encryptSelection(group, context, h, [], { min: 1, max: 1 }));
    });

    test(`${b}: the randomness returned opens each ciphertext`, () => {
      const choices: (0 | 1)[] = [0, 1, 1, 0];
      const { selection, secrets } = encryptSelection(group, context, h, choices, { min: 0, max: 3 });
      selection.ciphertexts.forEach((c, i) => {
        const again = encrypt(group, h, BigInt(choices[i]!), secrets.randomness[i]!).ciphertext;
        assert.ok(group.equals(again.alpha, c.alpha) && group.equals(again.beta, c.beta));
      });
    });
  });

  describe(`verifySelection rejects on ${b}`, () => {
    const bounds = { min: 0, max: 3 };
    const one = encryptSelection(group, context, h, [1, 0, 1, 0], bounds).selection;
    const two = encryptSelection(group, context, h, [0, 1, 0, 0], bounds).selection;
    const same = encryptSelection(group, context, h, [1, 0, 1, 0], bounds).selection;
    const ok = (s: EncryptedSelection, bd: SelectionBounds = bounds, ctx = context, key = h) =>
      verifySelection(group, ctx, key, s, bd);

    test(`${b}: control — the selections verify`, () => {
      assert.ok(ok(one) && ok(two) && ok(same));
    });

    test(`${b}: two ciphertexts swapped (proofs left in place)`, () => {
      const [c0, c1, c2, c3] = one.ciphertexts as [Ciphertext, Ciphertext, Ciphertext, Ciphertext];
      assert.equal(ok({ ...one, ciphertexts: [c1, c0, c2, c3] }), false);
      // Even two ciphertexts of the same bit: each proof is bound to its own ciphertext.
      assert.equal(ok({ ...one, ciphertexts: [c2, c1, c0, c3] }), false);
      // Swapped with their proofs, the selection is still a valid encryption of a permuted vote.
      const p = one.choiceProofs;
      assert.ok(ok({ ...one, ciphertexts: [c1, c0, c2, c3], choiceProofs: [p[1]!, p[0]!, p[2]!, p[3]!] }));
    });

    test(`${b}: a ciphertext replaced by one from another selection`, () => {
      const ciphertexts = one.ciphertexts.map((c, i) => (i === 1 ? two.ciphertexts[1]! : c));
      assert.equal(ok({ ...one, ciphertexts }), false);
    });

    test(`${b}: a proof from another selection`, () => {
      // A 0/1 proof of another selection's ciphertext, even one of the same bit.
      const choiceProofs = one.choiceProofs.map((p, i) => (i === 0 ? same.choiceProofs[0]! : p));
      assert.equal(ok({ ...one, choiceProofs }), false);
      // The range proof of a selection with the same bounds and the same count.
      assert.equal(ok({ ...one, rangeProof: same.rangeProof }), false);
      // Ciphertext and 0/1 proof both taken from another selection: the range proof no longer fits.
      const mixed = {
        ...one,
        ciphertexts: one.ciphertexts.map((c, i) => (i === 1 ? two.ciphertexts[1]! : c)),
        choiceProofs: one.choiceProofs.map((p, i) => (i === 1 ? two.choiceProofs[1]! : p)),
      };
      assert.equal(ok(mixed), false);
    });

    test(`${b}: a range proof for other bounds`, () => {
      assert.equal(ok(one, { min: 1, max: 3 }), false);
      assert.equal(ok(one, { min: 0, max: 2 }), false);
      assert.equal(ok(one, { min: 1, max: 4 }), false);
      const single = encryptSelection(group, context, h, [0, 1, 0], { min: 0, max: 1 }).selection;
      assert.ok(ok(single, { min: 0, max: 1 }));
      // Same number of branches, other values.
      assert.equal(ok(single, { min: 1, max: 2 }), false);
      assert.equal(ok(single, { min: 1, max: 1 }), false);
      // The range proof of a [1, 3] selection put on a [0, 3] one.
      const atLeastOne = encryptSelection(group, context, h, [1, 0, 1, 0], { min: 1, max: 3 }).selection;
      assert.equal(ok({ ...one, rangeProof: atLeastOne.rangeProof }), false);
    });

    test(`${b}: another context or another key`, () => {
      assert.equal(ok(one, bounds, otherContext), false);
      assert.equal(ok(one, bounds, context, randomElement(group)), false);
    });

    test(`${b}: a changed proof scalar`, () => {
      const p = one.choiceProofs[2]!;
      const bent = [{ ...p[0]!, response: mod(p[0]!.response + 1n) }, p[1]!];
      assert.equal(ok({ ...one, choiceProofs: one.choiceProofs.map((q, i) => (i === 2 ? bent : q)) }), false);
      const r = one.rangeProof;
      const bentRange = r.map((q, i) => (i === 1 ? { ...q, challenge: mod(q.challenge + 1n) } : q));
      assert.equal(ok({ ...one, rangeProof: bentRange }), false);
    });

    test(`${b}: mismatched counts of ciphertexts and proofs`, () => {
      assert.equal(ok({ ...one, choiceProofs: one.choiceProofs.slice(1) }), false);
      assert.equal(ok({ ...one, choiceProofs: [...one.choiceProofs, one.choiceProofs[0]!] }), false);
      assert.equal(ok({ ...one, ciphertexts: one.ciphertexts.slice(0, 3) }), false);
      assert.equal(
        ok({ ...one, ciphertexts: one.ciphertexts.slice(0, 3), choiceProofs: one.choiceProofs.slice(0, 3) }),
        false,
      );
      assert.equal(ok({ ...one, ciphertexts: [], choiceProofs: [] }), false);
      assert.equal(ok({ ...one, rangeProof: one.rangeProof.slice(1) }), false);
      assert.equal(ok({ ...one, rangeProof: [...one.rangeProof, one.rangeProof[0]!] }), false);
    });
  });
}

test('a selection made on one backend verifies on the other', () => {
  const [sodium, noble] = groups as [Group, Group];
  const secretKey = randomScalar();
  const bounds = { min: 1, max: 3 };
  const made = encryptSelection(sodium, context, sodium.mulBase(secretKey), [0, 1, 1], bounds).selection;
  const move = (c: Ciphertext): Ciphertext => ({
    alpha: noble.decode(sodium.encode(c.alpha)),
    beta: noble.decode(sodium.encode(c.beta)),
  });
  const onNoble = { ...made, ciphertexts: made.ciphertexts.map(move) };
  assert.ok(verifySelection(noble, context, noble.mulBase(secretKey), onNoble, bounds));
  assert.equal(verifySelection(noble, context, noble.mulBase(secretKey), onNoble, { min: 0, max: 3 }), false);
});
