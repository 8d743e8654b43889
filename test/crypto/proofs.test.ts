/**
 * Zero-knowledge proofs on both backends: Schnorr and Chaum–Pedersen (src/crypto/dleq.ts), the
 * disjunctive 0/1 and range proofs (src/crypto/disjunctive.ts) and ballot signatures
 * (src/crypto/signature.ts). Honest proofs verify; every verifier returns false — and never throws —
 * for a proof with a changed challenge or response, unreduced scalars, a changed statement, context or
 * message, the wrong number of branches, or branches reordered.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { loadBothGroups } from '../../src/crypto/backends.ts';
import { utf8 } from '../../src/crypto/bytes.ts';
import type { DisjunctiveProof } from '../../src/crypto/disjunctive.ts';
import {
  proveOneOf,
  proveRange,
  proveZeroOrOne,
  rangeValues,
  verifyOneOf,
  verifyRange,
  verifyZeroOrOne,
} from '../../src/crypto/disjunctive.ts';
import type { DlogPair, SchnorrProof } from '../../src/crypto/dleq.ts';
import { isReducedProof, proveDlog, verifyDlog } from '../../src/crypto/dleq.ts';
import type { Ciphertext } from '../../src/crypto/elgamal.ts';
import { addCiphertexts, encrypt, sumCiphertexts } from '../../src/crypto/elgamal.ts';
import { CryptoError } from '../../src/crypto/errors.ts';
import type { Group } from '../../src/crypto/group.ts';
import { randomElement } from '../../src/crypto/group.ts';
import { mod, ORDER, randomScalar } from '../../src/crypto/scalar.ts';
import { signMessage, verifySignature } from '../../src/crypto/signature.ts';

const groups = await loadBothGroups();

/** Fewer runs on the pure-TypeScript backend, which is about ten times slower. */
const runs = (group: Group) => ({ numRuns: group.backend === 'noble' ? 10 : 25 });
const contextArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const secretArb = fc.bigInt({ min: 1n, max: ORDER - 1n });
const context = utf8('psephos test election fingerprint');

/** The same bytes with one bit flipped (a different election fingerprint). */
function flipped(bytes: Uint8Array, at = 0): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[at] = out[at]! ^ 1;
  return out;
}

/** Every way of spoiling one (challenge, response) pair that a verifier must reject. */
function spoiled(proof: SchnorrProof): [string, SchnorrProof][] {
  return [
    ['challenge + 1', { ...proof, challenge: mod(proof.challenge + 1n) }],
    ['response + 1', { ...proof, response: mod(proof.response + 1n) }],
    ['challenge + ℓ (same residue, unreduced)', { ...proof, challenge: proof.challenge + ORDER }],
    ['response + ℓ (same residue, unreduced)', { ...proof, response: proof.response + ORDER }],
    ['response − ℓ (negative)', { ...proof, response: proof.response - ORDER }],
    ['challenge and response exchanged', { challenge: proof.response, response: proof.challenge }],
    ['zero proof', { challenge: 0n, response: 0n }],
  ];
}

/** Every way of spoiling a disjunctive proof: per branch, and by changing its shape. */
function spoiledBranches(proof: DisjunctiveProof): [string, DisjunctiveProof][] {
  const out: [string, DisjunctiveProof][] = [];
  proof.forEach((branch, j) => {
    for (const [what, bad] of spoiled(branch)) {
      out.push([`branch ${j}: ${what}`, proof.map((p, i) => (i === j ? bad : p))]);
    }
  });
  out.push(['one branch too many', [...proof, { challenge: randomScalar(), response: randomScalar() }]]);
  out.push(['last branch repeated', [...proof, proof[proof.length - 1]!]]);
  out.push(['one branch too few', proof.slice(0, -1)]);
  out.push(['first branch dropped', proof.slice(1)]);
  out.push(['no branch', []]);
  if (proof.length >= 2) {
    const [p0, p1] = proof as [SchnorrProof, SchnorrProof];
    const rest = proof.slice(2);
    out.push([
      'challenges of branches 0 and 1 swapped',
      [{ ...p0, challenge: p1.challenge }, { ...p1, challenge: p0.challenge }, ...rest],
    ]);
    out.push([
      'responses of branches 0 and 1 swapped',
      [{ ...p0, response: p1.response }, { ...p1, response: p0.response }, ...rest],
    ]);
    out.push(['branches 0 and 1 swapped', [p1, p0, ...rest]]);
    // Moving challenge mass between branches keeps the sum right: only the commitments catch it.
    out.push([
      'challenge shifted from branch 0 to branch 1',
      [{ ...p0, challenge: mod(p0.challenge - 1n) }, { ...p1, challenge: mod(p1.challenge + 1n) }, ...rest],
    ]);
  }
  return out;
}

/** Asserts that `verify` returns exactly false (a throw fails the test) for every spoiled proof. */
function assertAllRejected<P>(cases: [string, P][], verify: (proof: P) => boolean): void {
  for (const [what, proof] of cases) assert.equal(verify(proof), false, `accepted a proof with ${what}`);
}

/** A ciphertext with β multiplied by g: it encrypts m + 1 under the same randomness. */
const plusOne = (group: Group, c: Ciphertext): Ciphertext => ({
  alpha: c.alpha,
  beta: group.add(c.beta, group.generator),
});

for (const group of groups) {
  const b = group.backend;
  const g = group.generator;

  describe(`Schnorr proofs (one pair) on ${b}`, () => {
    const purpose = 'proof/schnorr';

    test(`${b}: an honest proof of knowledge of x in X = g^x verifies`, () => {
      fc.assert(
        fc.property(secretArb, contextArb, (x, ctx) => {
          const pairs = [{ base: g, value: group.mulBase(x) }];
          const proof = proveDlog(group, purpose, ctx, pairs, x);
          assert.ok(isReducedProof(proof));
          assert.ok(verifyDlog(group, purpose, ctx, pairs, proof));
        }),
        runs(group),
      );
    });

    test(`${b}: a proof with a changed challenge or response, or unreduced scalars, is rejected`, () => {
      fc.assert(
        fc.property(secretArb, contextArb, (x, ctx) => {
          const pairs = [{ base: g, value: group.mulBase(x) }];
          const proof = proveDlog(group, purpose, ctx, pairs, x);
          assertAllRejected(spoiled(proof), (p) => verifyDlog(group, purpose, ctx, pairs, p));
        }),
        runs(group),
      );
    });

    test(`${b}: a proof is rejected for another statement, context, purpose or message`, () => {
      const x = randomScalar();
      const pairs = [{ base: g, value: group.mulBase(x) }];
      const proof = proveDlog(group, purpose, context, pairs, x);
      assert.ok(verifyDlog(group, purpose, context, pairs, proof));
      const otherKey = [{ base: g, value: randomElement(group) }];
      const otherBase = [{ base: randomElement(group), value: pairs[0]!.value }];
      assert.equal(verifyDlog(group, purpose, context, otherKey, proof), false, 'other public key');
      assert.equal(verifyDlog(group, purpose, context, otherBase, proof), false, 'other base');
      assert.equal(verifyDlog(group, purpose, context, [], proof), false, 'empty statement');
      assert.equal(verifyDlog(group, purpose, context, [...pairs, ...pairs], proof), false, 'pair repeated');
      assert.equal(verifyDlog(group, purpose, flipped(context), pairs, proof), false, 'other context');
      assert.equal(verifyDlog(group, purpose, context.slice(1), pairs, proof), false, 'shorter context');
      assert.equal(verifyDlog(group, 'proof/other', context, pairs, proof), false, 'other purpose');
      assert.equal(verifyDlog(group, purpose, context, pairs, proof, utf8('m')), false, 'a message added');
    });

    test(`${b}: a proof made with the wrong secret does not verify`, () => {
      const x = randomScalar();
      const pairs = [{ base: g, value: group.mulBase(x) }];
      const proof = proveDlog(group, purpose, context, pairs, mod(x + 1n));
      assert.equal(verifyDlog(group, purpose, context, pairs, proof), false);
    });

    test(`${b}: with a message, the proof binds it (a Schnorr signature)`, () => {
      const x = randomScalar();
      const pairs = [{ base: g, value: group.mulBase(x) }];
      const proof = proveDlog(group, purpose, context, pairs, x, utf8('ballot 1'));
      assert.ok(verifyDlog(group, purpose, context, pairs, proof, utf8('ballot 1')));
      assert.equal(verifyDlog(group, purpose, context, pairs, proof, utf8('ballot 2')), false);
      assert.equal(verifyDlog(group, purpose, context, pairs, proof), false, 'message dropped');
    });
  });

  describe(`Chaum–Pedersen proofs (two pairs) on ${b}`, () => {
    const purpose = 'proof/decryption-share';
    /** (g, X = g^x) and (α, D = α^x): the statement of a decryption share. */
    function statement(x: bigint): DlogPair[] {
      const alpha = randomElement(group);
      return [
        { base: g, value: group.mulBase(x) },
        { base: alpha, value: group.mul(alpha, x) },
      ];
    }

    test(`${b}: an honest proof of equal discrete logs verifies`, () => {
      fc.assert(
        fc.property(secretArb, contextArb, (x, ctx) => {
          const pairs = statement(x);
          assert.ok(verifyDlog(group, purpose, ctx, pairs, proveDlog(group, purpose, ctx, pairs, x)));
        }),
        runs(group),
      );
    });

    test(`${b}: a proof with a changed challenge or response, or unreduced scalars, is rejected`, () => {
      fc.assert(
        fc.property(secretArb, contextArb, (x, ctx) => {
          const pairs = statement(x);
          const proof = proveDlog(group, purpose, ctx, pairs, x);
          assertAllRejected(spoiled(proof), (p) => verifyDlog(group, purpose, ctx, pairs, p));
        }),
        runs(group),
      );
    });

    test(`${b}: a proof is rejected when any element of the statement changes`, () => {
      const x = randomScalar();
      const [p1, p2] = statement(x) as [DlogPair, DlogPair];
      const proof = proveDlog(group, purpose, context, [p1, p2], x);
      assert.ok(verifyDlog(group, purpose, context, [p1, p2], proof));
      const other = randomElement(group);
      const cases: [string, DlogPair[]][] = [
        ['other verification key', [{ ...p1, value: other }, p2]],
        ['other alpha', [p1, { ...p2, base: other }]],
        ['other share', [p1, { ...p2, value: other }]],
        ['share times g', [p1, { ...p2, value: group.add(p2.value, g) }]],
        ['first pair only', [p1]],
        ['second pair only', [p2]],
        ['pairs in the other order', [p2, p1]],
      ];
      for (const [what, pairs] of cases) {
        assert.equal(verifyDlog(group, purpose, context, pairs, proof), false, what);
      }
      assert.equal(verifyDlog(group, purpose, flipped(context, 5), [p1, p2], proof), false, 'other context');
    });

    test(`${b}: unequal discrete logs cannot be proven equal`, () => {
      const x = randomScalar();
      const alpha = randomElement(group);
      const pairs = [
        { base: g, value: group.mulBase(x) },
        { base: alpha, value: group.mul(alpha, mod(x + 1n)) },
      ];
      assert.equal(
        verifyDlog(group, purpose, context, pairs, proveDlog(group, purpose, context, pairs, x)),
        false,
      );
    });
  });

  describe(`disjunctive 0/1 proofs on ${b}`, () => {
    const h = group.mulBase(randomScalar());

    test(`${b}: an encryption of 0 or of 1 with its 0/1 proof verifies`, () => {
      fc.assert(
        fc.property(fc.constantFrom<0 | 1>(0, 1), contextArb, (bit, ctx) => {
          const { ciphertext, randomness } = encrypt(group, h, BigInt(bit));
          const proof = proveZeroOrOne(group, ctx, h, ciphertext, bit, randomness);
          assert.equal(proof.length, 2);
          assert.ok(verifyZeroOrOne(group, ctx, h, ciphertext, proof));
          assert.ok(verifyOneOf(group, ctx, h, ciphertext, [0, 1], proof));
        }),
        runs(group),
      );
    });

    test(`${b}: a spoiled branch, a branch too many or too few, or swapped branches are rejected`, () => {
      fc.assert(
        fc.property(fc.constantFrom<0 | 1>(0, 1), contextArb, (bit, ctx) => {
          const { ciphertext, randomness } = encrypt(group, h, BigInt(bit));
          const proof = proveZeroOrOne(group, ctx, h, ciphertext, bit, randomness);
          assertAllRejected(spoiledBranches(proof), (p) => verifyZeroOrOne(group, ctx, h, ciphertext, p));
        }),
        { numRuns: group.backend === 'noble' ? 2 : 6 },
      );
    });

    test(`${b}: a 0/1 proof is rejected for another key, ciphertext, value list or context`, () => {
      for (const bit of [0, 1] as const) {
        const { ciphertext, randomness } = encrypt(group, h, BigInt(bit));
        const proof = proveZeroOrOne(group, context, h, ciphertext, bit, randomness);
        assert.ok(verifyZeroOrOne(group, context, h, ciphertext, proof));
        const other = randomElement(group);
        const reject = (what: string, ok: boolean) => assert.equal(ok, false, `bit ${bit}: ${what}`);
        reject('other public key', verifyZeroOrOne(group, context, other, ciphertext, proof));
        reject('other alpha', verifyZeroOrOne(group, context, h, { ...ciphertext, alpha: other }, proof));
        reject('other beta', verifyZeroOrOne(group, context, h, { ...ciphertext, beta: other }, proof));
        reject('beta times g', verifyZeroOrOne(group, context, h, plusOne(group, ciphertext), proof));
        const swapped = { alpha: ciphertext.beta, beta: ciphertext.alpha };
        reject('alpha and beta swapped', verifyZeroOrOne(group, context, h, swapped, proof));
        reject('values [1, 2]', verifyOneOf(group, context, h, ciphertext, [1, 2], proof));
        reject('values [0, 2]', verifyOneOf(group, context, h, ciphertext, [0, 2], proof));
        reject('other context', verifyZeroOrOne(group, flipped(context, 31), h, ciphertext, proof));
        const fresh = encrypt(group, h, BigInt(bit)).ciphertext;
        reject('another encryption of the same bit', verifyZeroOrOne(group, context, h, fresh, proof));
      }
    });

    test(`${b}: a ciphertext of 2 cannot pass as 0 or 1`, () => {
      const { ciphertext, randomness } = encrypt(group, h, 2n);
      // proveOneOf refuses to claim a value outside the list…
      assert.throws(
        () => proveOneOf(group, context, h, ciphertext, [0, 1], 2, randomness),
        (e: unknown) => e instanceof CryptoError && e.code === 'bad-parameters',
      );
      // …and lying about the bit gives proofs that do not verify.
      for (const bit of [0, 1] as const) {
        const lie = proveZeroOrOne(group, context, h, ciphertext, bit, randomness);
        assert.equal(verifyZeroOrOne(group, context, h, ciphertext, lie), false, `claimed bit ${bit}`);
      }
      // A valid proof for [0, 1, 2] (that is, a [0, 2] range proof) does not pass as a 0/1 proof,
      // whole or cut down to two branches.
      const wide = proveOneOf(group, context, h, ciphertext, [0, 1, 2], 2, randomness);
      assert.ok(verifyOneOf(group, context, h, ciphertext, [0, 1, 2], wide));
      assert.ok(verifyRange(group, context, h, ciphertext, 0, 2, wide));
      const attempts: [string, DisjunctiveProof][] = [
        ['the [0, 2] proof', wide],
        ['branches 0 and 1', wide.slice(0, 2)],
        ['branches 1 and 2', wide.slice(1)],
        ['branches 0 and 2', [wide[0]!, wide[2]!]],
      ];
      assertAllRejected(attempts, (p) => verifyZeroOrOne(group, context, h, ciphertext, p));
      // A proof for [0, 1, 2] with the wrong value claimed fails too.
      const wrongIndex = proveOneOf(group, context, h, ciphertext, [0, 1, 2], 1, randomness);
      assert.equal(verifyOneOf(group, context, h, ciphertext, [0, 1, 2], wrongIndex), false);
    });

    test(`${b}: a 0/1 proof made with the wrong randomness does not verify`, () => {
      const { ciphertext, randomness } = encrypt(group, h, 1n);
      const proof = proveZeroOrOne(group, context, h, ciphertext, 1, mod(randomness + 1n));
      assert.equal(verifyZeroOrOne(group, context, h, ciphertext, proof), false);
    });
  });

  describe(`range proofs over a question on ${b}`, () => {
    const h = group.mulBase(randomScalar());
    const CANDIDATES = 5;

    /**
     * A ballot of 5 candidates with `chosen` marked: each ciphertext with its 0/1 proof, the sum and
     * the randomness of the sum.
     */
    function ballot(chosen: readonly number[], ctx: Uint8Array) {
      const encryptions = Array.from({ length: CANDIDATES }, (_, i) =>
        encrypt(group, h, chosen.includes(i) ? 1n : 0n),
      );
      encryptions.forEach((e, i) => {
        const bit = chosen.includes(i) ? 1 : 0;
        const proof = proveZeroOrOne(group, ctx, h, e.ciphertext, bit, e.randomness);
        assert.ok(verifyZeroOrOne(group, ctx, h, e.ciphertext, proof), `0/1 proof of candidate ${i}`);
      });
      const sum = sumCiphertexts(
        group,
        encryptions.map((e) => e.ciphertext),
      );
      const randomness = mod(encryptions.reduce((acc, e) => acc + e.randomness, 0n));
      return { encryptions, sum, randomness };
    }

    const rules = [
      {
        name: 'choose exactly 1 of 5',
        min: 1,
        max: 1,
        chosen: fc.subarray([0, 1, 2, 3, 4], { minLength: 1, maxLength: 1 }),
      },
      {
        name: 'choose 1 of 5, blank allowed',
        min: 0,
        max: 1,
        chosen: fc.subarray([0, 1, 2, 3, 4], { maxLength: 1 }),
      },
      { name: 'choose up to 3 of 5', min: 0, max: 3, chosen: fc.subarray([0, 1, 2, 3, 4], { maxLength: 3 }) },
    ];

    for (const rule of rules) {
      test(`${b}: ${rule.name} — the range proof [${rule.min}, ${rule.max}] on the sum verifies`, () => {
        fc.assert(
          fc.property(rule.chosen, contextArb, (chosen, ctx) => {
            const { sum, randomness } = ballot(chosen, ctx);
            const proof = proveRange(group, ctx, h, sum, rule.min, rule.max, chosen.length, randomness);
            assert.equal(proof.length, rule.max - rule.min + 1);
            assert.ok(verifyRange(group, ctx, h, sum, rule.min, rule.max, proof));
          }),
          { numRuns: group.backend === 'noble' ? 3 : 10 },
        );
      });
    }

    test(`${b}: a range proof that is spoiled or has the wrong shape is rejected`, () => {
      const { sum, randomness } = ballot([0, 3], context);
      const proof = proveRange(group, context, h, sum, 0, 3, 2, randomness);
      assert.ok(verifyRange(group, context, h, sum, 0, 3, proof));
      assertAllRejected(spoiledBranches(proof), (p) => verifyRange(group, context, h, sum, 0, 3, p));
    });

    test(`${b}: a single-branch range proof [1, 1] rejects a changed challenge or response`, () => {
      const { sum, randomness } = ballot([4], context);
      const proof = proveRange(group, context, h, sum, 1, 1, 1, randomness);
      assert.equal(proof.length, 1);
      assert.ok(verifyRange(group, context, h, sum, 1, 1, proof));
      assertAllRejected(spoiledBranches(proof), (p) => verifyRange(group, context, h, sum, 1, 1, p));
    });

    test(`${b}: a range proof is rejected for another sum, key, range or context`, () => {
      const { encryptions, sum, randomness } = ballot([1], context);
      const proof = proveRange(group, context, h, sum, 0, 1, 1, randomness);
      assert.ok(verifyRange(group, context, h, sum, 0, 1, proof));
      const partial = sumCiphertexts(
        group,
        encryptions.slice(0, 4).map((e) => e.ciphertext),
      );
      const reject = (what: string, ok: boolean) => assert.equal(ok, false, what);
      reject('sum without the last candidate', verifyRange(group, context, h, partial, 0, 1, proof));
      reject('sum plus one', verifyRange(group, context, h, plusOne(group, sum), 0, 1, proof));
      reject('other public key', verifyRange(group, context, randomElement(group), sum, 0, 1, proof));
      reject('range [1, 2]', verifyRange(group, context, h, sum, 1, 2, proof));
      reject('range [0, 2]', verifyRange(group, context, h, sum, 0, 2, proof));
      reject('range [1, 1]', verifyRange(group, context, h, sum, 1, 1, proof));
      reject('other context', verifyRange(group, flipped(context, 7), h, sum, 0, 1, proof));
    });

    test(`${b}: a sum outside the range cannot be proven in it`, () => {
      // Two candidates chosen where exactly one is allowed.
      const two = ballot([0, 2], context);
      assert.throws(
        () => proveRange(group, context, h, two.sum, 1, 1, 2, two.randomness),
        (e: unknown) => e instanceof CryptoError && e.code === 'bad-parameters',
      );
      const lie = proveRange(group, context, h, two.sum, 1, 1, 1, two.randomness);
      assert.equal(verifyRange(group, context, h, two.sum, 1, 1, lie), false, 'claimed 1 for a sum of 2');
      const honest = proveRange(group, context, h, two.sum, 0, 2, 2, two.randomness);
      assert.ok(verifyRange(group, context, h, two.sum, 0, 2, honest));
      assertAllRejected<DisjunctiveProof>(
        [
          ['the [0, 2] proof', honest],
          ['its branch 1', [honest[1]!]],
          ['its branch 2', [honest[2]!]],
        ],
        (p) => verifyRange(group, context, h, two.sum, 1, 1, p),
      );
      assert.equal(verifyRange(group, context, h, two.sum, 0, 1, honest.slice(0, 2)), false, 'as [0, 1]');
      // Four chosen where up to three are allowed.
      const four = ballot([0, 1, 2, 3], context);
      const lie3 = proveRange(group, context, h, four.sum, 0, 3, 3, four.randomness);
      assert.equal(verifyRange(group, context, h, four.sum, 0, 3, lie3), false, 'claimed 3 for a sum of 4');
      const honest4 = proveRange(group, context, h, four.sum, 0, 4, 4, four.randomness);
      assert.ok(verifyRange(group, context, h, four.sum, 0, 4, honest4));
      assert.equal(
        verifyRange(group, context, h, four.sum, 0, 3, honest4.slice(0, 4)),
        false,
        'cut to [0, 3]',
      );
      assert.equal(verifyRange(group, context, h, four.sum, 0, 3, honest4.slice(1)), false, 'cut to [1, 4]');
      assert.equal(
        verifyRange(group, context, h, four.sum, 1, 4, honest4.slice(1)),
        false,
        'relabelled [1, 4]',
      );
    });

    test(`${b}: a ciphertext of a sum proven for two ciphertexts keeps the proof bound to the sum`, () => {
      const a = encrypt(group, h, 1n);
      const c = encrypt(group, h, 0n);
      const sum = addCiphertexts(group, a.ciphertext, c.ciphertext);
      const proof = proveRange(group, context, h, sum, 0, 1, 1, mod(a.randomness + c.randomness));
      assert.ok(verifyRange(group, context, h, sum, 0, 1, proof));
      assert.equal(verifyRange(group, context, h, a.ciphertext, 0, 1, proof), false, 'one summand');
    });
  });

  describe(`ballot signatures on ${b}`, () => {
    test(`${b}: signMessage / verifySignature round trip`, () => {
      fc.assert(
        fc.property(secretArb, fc.uint8Array({ maxLength: 200 }), contextArb, (secret, message, ctx) => {
          const signature = signMessage(group, ctx, secret, message);
          assert.ok(verifySignature(group, ctx, group.mulBase(secret), message, signature));
        }),
        runs(group),
      );
    });

    test(`${b}: a signature is rejected for another message, credential or context`, () => {
      fc.assert(
        fc.property(
          secretArb,
          fc.uint8Array({ minLength: 1, maxLength: 200 }),
          contextArb,
          (secret, message, ctx) => {
            const credential = group.mulBase(secret);
            const signature = signMessage(group, ctx, secret, message);
            const reject = (what: string, ok: boolean) => assert.equal(ok, false, what);
            reject('other message', verifySignature(group, ctx, credential, flipped(message), signature));
            reject('message cut short', verifySignature(group, ctx, credential, message.slice(1), signature));
            reject('empty message', verifySignature(group, ctx, credential, new Uint8Array(0), signature));
            reject('other credential', verifySignature(group, ctx, randomElement(group), message, signature));
            reject('other context', verifySignature(group, flipped(ctx), credential, message, signature));
          },
        ),
        runs(group),
      );
    });

    test(`${b}: a signature with a changed challenge or response is rejected`, () => {
      const secret = randomScalar();
      const message = utf8('{"ballot":"…"}');
      const credential = group.mulBase(secret);
      const signature = signMessage(group, context, secret, message);
      assert.ok(verifySignature(group, context, credential, message, signature));
      assertAllRejected(spoiled(signature), (s) => verifySignature(group, context, credential, message, s));
    });

    test(`${b}: a signature is not a Schnorr proof of another purpose, nor the reverse`, () => {
      const secret = randomScalar();
      const message = utf8('ballot');
      const credential = group.mulBase(secret);
      const pairs = [{ base: g, value: credential }];
      const signature = signMessage(group, context, secret, message);
      assert.equal(verifyDlog(group, 'proof/schnorr', context, pairs, signature, message), false);
      const proof = proveDlog(group, 'proof/schnorr', context, pairs, secret, message);
      assert.equal(verifySignature(group, context, credential, message, proof), false);
      // The same proof under the signature purpose is exactly a signature.
      const same = proveDlog(group, 'signature/ballot', context, pairs, secret, message);
      assert.ok(verifySignature(group, context, credential, message, same));
    });
  });
}

test('rangeValues lists min..max and rejects an empty or negative range', () => {
  assert.deepEqual(rangeValues(0, 3), [0, 1, 2, 3]);
  assert.deepEqual(rangeValues(1, 1), [1]);
  for (const [min, max] of [
    [2, 1],
    [-1, 1],
    [0.5, 2],
  ] as const) {
    assert.throws(
      () => rangeValues(min, max),
      (e: unknown) => e instanceof CryptoError && e.code === 'bad-parameters',
      `[${min}, ${max}]`,
    );
  }
});

test('verifyOneOf refuses a value list that is not increasing (the statement, not the proof, is bad)', () => {
  const [group] = groups as [Group];
  const h = group.mulBase(randomScalar());
  const { ciphertext } = encrypt(group, h, 0n);
  for (const values of [[], [1, 0], [0, 0], [-1, 0]]) {
    assert.throws(
      () => verifyOneOf(group, context, h, ciphertext, values, []),
      (e: unknown) => e instanceof CryptoError && e.code === 'bad-parameters',
      JSON.stringify(values),
    );
  }
});
