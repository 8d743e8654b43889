/**
 * Exponential ElGamal (src/crypto/elgamal.ts) on both backends: decryption, homomorphism, scaling,
 * re-randomisation and the Benaloh-audit check `opensTo`, plus cross-backend agreement of encodings.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { loadBothGroups } from '../../src/crypto/backends.ts';
import { toHex } from '../../src/crypto/bytes.ts';
import type { Ciphertext } from '../../src/crypto/elgamal.ts';
import {
  addCiphertexts,
  decryptToElement,
  encodeMessage,
  encrypt,
  opensTo,
  rerandomise,
  scaleCiphertext,
  sumCiphertexts,
} from '../../src/crypto/elgamal.ts';
import type { Group } from '../../src/crypto/group.ts';
import { randomElement } from '../../src/crypto/group.ts';
import { mod, ORDER, randomScalar } from '../../src/crypto/scalar.ts';

const groups = await loadBothGroups();
const [sodium, noble] = groups as [Group, Group];

/** Fewer runs on the pure-TypeScript backend, which is about ten times slower. */
const runs = (group: Group) => ({ numRuns: group.backend === 'noble' ? 10 : 25 });
const message = fc.bigInt({ min: 0n, max: 1_000_000n });
const scalar = fc.bigInt({ min: 1n, max: ORDER - 1n });

function keyPair(group: Group) {
  const secretKey = randomScalar();
  return { secretKey, publicKey: group.mulBase(secretKey) };
}

/** Asserts that a ciphertext decrypts (with the whole key) to g^m. */
function assertDecryptsTo(group: Group, secretKey: bigint, c: Ciphertext, m: bigint, what: string): void {
  assert.ok(group.equals(decryptToElement(group, secretKey, c), group.mulBase(mod(m))), what);
}

for (const group of groups) {
  const b = group.backend;

  describe(`ElGamal on ${b}`, () => {
    test(`${b}: decryptToElement(encrypt(m)) = g^m, m = 0 and 1 included`, () => {
      const { secretKey, publicKey } = keyPair(group);
      for (const m of [0n, 1n, 2n]) {
        const { ciphertext } = encrypt(group, publicKey, m);
        assertDecryptsTo(group, secretKey, ciphertext, m, `m = ${m}`);
      }
      assert.ok(
        group.isIdentity(decryptToElement(group, secretKey, encrypt(group, publicKey, 0n).ciphertext)),
      );
      fc.assert(
        fc.property(message, (m) => {
          const { ciphertext } = encrypt(group, publicKey, m);
          assertDecryptsTo(group, secretKey, ciphertext, m, `m = ${m}`);
        }),
        runs(group),
      );
    });

    test(`${b}: encodeMessage(m) = g^m`, () => {
      assert.ok(group.isIdentity(encodeMessage(group, 0n)));
      assert.ok(group.equals(encodeMessage(group, 1n), group.generator));
      assert.ok(group.equals(encodeMessage(group, 42n), group.mulBase(42n)));
    });

    test(`${b}: a ciphertext has alpha = g^r and does not decrypt under another key`, () => {
      const { secretKey, publicKey } = keyPair(group);
      const { ciphertext, randomness } = encrypt(group, publicKey, 5n);
      assert.ok(group.equals(ciphertext.alpha, group.mulBase(randomness)));
      const wrong = decryptToElement(group, mod(secretKey + 1n), ciphertext);
      assert.ok(!group.equals(wrong, group.mulBase(5n)));
    });

    test(`${b}: two encryptions of the same message differ (fresh randomness)`, () => {
      const { publicKey } = keyPair(group);
      const a = encrypt(group, publicKey, 1n).ciphertext;
      const c = encrypt(group, publicKey, 1n).ciphertext;
      assert.ok(!group.equals(a.alpha, c.alpha));
      assert.ok(!group.equals(a.beta, c.beta));
    });

    test(`${b}: addCiphertexts encrypts the sum, with the sum of the randomness`, () => {
      const { secretKey, publicKey } = keyPair(group);
      fc.assert(
        fc.property(message, message, (m1, m2) => {
          const e1 = encrypt(group, publicKey, m1);
          const e2 = encrypt(group, publicKey, m2);
          const sum = addCiphertexts(group, e1.ciphertext, e2.ciphertext);
          assertDecryptsTo(group, secretKey, sum, m1 + m2, `${m1} + ${m2}`);
          assert.ok(opensTo(group, publicKey, sum, m1 + m2, mod(e1.randomness + e2.randomness)));
        }),
        runs(group),
      );
    });

    test(`${b}: sumCiphertexts encrypts the sum of all messages (a ballot count)`, () => {
      const { secretKey, publicKey } = keyPair(group);
      fc.assert(
        fc.property(
          fc.array(fc.bigInt({ min: 0n, max: 3n }), { minLength: 1, maxLength: 12 }),
          (messages) => {
            const encryptions = messages.map((m) => encrypt(group, publicKey, m));
            const total = sumCiphertexts(
              group,
              encryptions.map((e) => e.ciphertext),
            );
            const m = messages.reduce((x, y) => x + y, 0n);
            const r = mod(encryptions.reduce((x, e) => x + e.randomness, 0n));
            assertDecryptsTo(group, secretKey, total, m, `sum of ${messages.join(', ')}`);
            assert.ok(opensTo(group, publicKey, total, m, r));
          },
        ),
        runs(group),
      );
    });

    test(`${b}: sumCiphertexts of nothing is the encryption of 0 with randomness 0`, () => {
      const { publicKey } = keyPair(group);
      const empty = sumCiphertexts(group, []);
      assert.ok(group.isIdentity(empty.alpha) && group.isIdentity(empty.beta));
      assert.ok(opensTo(group, publicKey, empty, 0n, 0n));
    });

    test(`${b}: scaleCiphertext(c, k) encrypts k·m with randomness k·r (a weighted ballot)`, () => {
      const { secretKey, publicKey } = keyPair(group);
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 1000n }), (m, k) => {
          const { ciphertext, randomness } = encrypt(group, publicKey, m);
          const scaled = scaleCiphertext(group, ciphertext, k);
          assertDecryptsTo(group, secretKey, scaled, k * m, `${k} × ${m}`);
          assert.ok(opensTo(group, publicKey, scaled, k * m, mod(k * randomness)));
        }),
        runs(group),
      );
    });

    test(`${b}: rerandomise keeps the plaintext and changes both components`, () => {
      const { secretKey, publicKey } = keyPair(group);
      fc.assert(
        fc.property(message, (m) => {
          const original = encrypt(group, publicKey, m);
          const fresh = rerandomise(group, publicKey, original.ciphertext);
          assert.ok(!group.equals(fresh.ciphertext.alpha, original.ciphertext.alpha), 'alpha changed');
          assert.ok(!group.equals(fresh.ciphertext.beta, original.ciphertext.beta), 'beta changed');
          assertDecryptsTo(group, secretKey, fresh.ciphertext, m, 'same plaintext');
          const r = mod(original.randomness + fresh.randomness);
          assert.ok(opensTo(group, publicKey, fresh.ciphertext, m, r), 'opens with r + r0');
        }),
        runs(group),
      );
    });

    test(`${b}: rerandomise with given randomness is c · Enc(0; r0)`, () => {
      const { publicKey } = keyPair(group);
      const original = encrypt(group, publicKey, 3n);
      const r0 = randomScalar();
      const fresh = rerandomise(group, publicKey, original.ciphertext, r0);
      assert.equal(fresh.randomness, r0);
      const zero = encrypt(group, publicKey, 0n, r0).ciphertext;
      const expected = addCiphertexts(group, original.ciphertext, zero);
      assert.ok(group.equals(fresh.ciphertext.alpha, expected.alpha));
      assert.ok(group.equals(fresh.ciphertext.beta, expected.beta));
    });

    test(`${b}: opensTo accepts the true (m, r) and rejects a wrong m, r or key`, () => {
      const { publicKey } = keyPair(group);
      const other = randomElement(group);
      fc.assert(
        fc.property(message, scalar, fc.bigInt({ min: 1n, max: 1000n }), (m, r, delta) => {
          const { ciphertext } = encrypt(group, publicKey, m, r);
          assert.ok(opensTo(group, publicKey, ciphertext, m, r), 'true opening');
          assert.ok(!opensTo(group, publicKey, ciphertext, m + delta, r), 'wrong message');
          assert.ok(!opensTo(group, publicKey, ciphertext, m, mod(r + delta)), 'wrong randomness');
          assert.ok(!opensTo(group, other, ciphertext, m, r), 'wrong public key');
          const swapped = { alpha: ciphertext.beta, beta: ciphertext.alpha };
          assert.ok(!opensTo(group, publicKey, swapped, m, r), 'components swapped');
        }),
        runs(group),
      );
    });
  });
}

test('both backends give the same ciphertext bytes for the same key, message and randomness', () => {
  fc.assert(
    fc.property(scalar, message, scalar, (x, m, r) => {
      const [s, n] = [sodium, noble].map((group) => {
        const { ciphertext } = encrypt(group, group.mulBase(x), m, r);
        const scaled = scaleCiphertext(group, ciphertext, 7n);
        return [ciphertext.alpha, ciphertext.beta, scaled.alpha, scaled.beta].map((e) =>
          toHex(group.encode(e)),
        );
      });
      assert.deepEqual(s, n);
    }),
    { numRuns: 10 },
  );
});
