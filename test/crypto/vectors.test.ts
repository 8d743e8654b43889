/**
 * Psephos's own test vectors (test/vectors/psephos-crypto.json, made by scripts/make-crypto-vectors.ts)
 * on both backends: every deterministic value (encryptions, credentials, hashes, public keys,
 * decryption shares, combined results) reproduced exactly; every stored proof accepted, and rejected
 * once its challenge, response, statement, context or message is changed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadBothGroups } from '../../src/crypto/backends.ts';
import { fromHex, toHex, utf8 } from '../../src/crypto/bytes.ts';
import {
  deriveCredential,
  formatCredential,
  generateCredential,
  normaliseCredential,
} from '../../src/crypto/credential.ts';
import type { DisjunctiveProof } from '../../src/crypto/disjunctive.ts';
import { verifyOneOf, verifyRange, verifyZeroOrOne } from '../../src/crypto/disjunctive.ts';
import type { SchnorrProof } from '../../src/crypto/dleq.ts';
import { verifyDlog } from '../../src/crypto/dleq.ts';
import type { Ciphertext } from '../../src/crypto/elgamal.ts';
import { decryptToElement, encrypt, opensTo, sumCiphertexts } from '../../src/crypto/elgamal.ts';
import type { Element } from '../../src/crypto/group.ts';
import { hashToElement } from '../../src/crypto/group.ts';
import { hashToScalar, taggedHash } from '../../src/crypto/hash.ts';
import { evaluate, lagrangeAtZero } from '../../src/crypto/polynomial.ts';
import { decodeScalar, encodeScalar, mod } from '../../src/crypto/scalar.ts';
import { verifySignature } from '../../src/crypto/signature.ts';
import type { DecryptionShare } from '../../src/crypto/threshold.ts';
import {
  combineDecryptionShares,
  computeDecryptionShare,
  verifyDecryptionShare,
} from '../../src/crypto/threshold.ts';

type Hex = string;
interface ProofJson {
  challenge: Hex;
  response: Hex;
}
interface CiphertextJson {
  alpha: Hex;
  beta: Hex;
}
interface Vectors {
  format: string;
  seed: string;
  context: Hex;
  encryptions: ({
    secretKey: Hex;
    publicKey: Hex;
    message: number;
    randomness: Hex;
    plaintextElement: Hex;
  } & CiphertextJson)[];
  homomorphicSum: { publicKey: Hex; messages: number[]; message: number; randomness: Hex } & CiphertextJson;
  credentials: {
    electionId: string;
    entropy: Hex;
    credential: string;
    printed: string;
    typed: string;
    secret: Hex;
    publicCredential: Hex;
  }[];
  taggedHashes: { purpose: string; parts: Hex[]; digest: Hex }[];
  hashToScalars: { purpose: string; parts: Hex[]; scalar: Hex }[];
  hashToElements: { purpose: string; parts: Hex[]; element: Hex }[];
  proofs: {
    schnorr: ({
      purpose: string;
      context: Hex;
      secret: Hex;
      base: Hex;
      value: Hex;
      message: Hex;
    } & ProofJson)[];
    decryptionShare: ({
      purpose: string;
      context: Hex;
      trustee: number;
      secretShare: Hex;
      verificationKey: Hex;
      alpha: Hex;
      share: Hex;
    } & ProofJson)[];
    zeroOrOne: ({
      context: Hex;
      secretKey: Hex;
      publicKey: Hex;
      bit: 0 | 1;
      randomness: Hex;
      proof: ProofJson[];
    } & CiphertextJson)[];
    range: ({
      context: Hex;
      secretKey: Hex;
      publicKey: Hex;
      min: number;
      max: number;
      value: number;
      randomness: Hex;
      proof: ProofJson[];
    } & CiphertextJson)[];
    signature: ({
      context: Hex;
      electionId: string;
      credential: string;
      secret: Hex;
      publicCredential: Hex;
      message: Hex;
    } & ProofJson)[];
  };
  threshold: {
    threshold: number;
    trustees: number;
    context: Hex;
    coefficients: Hex[];
    publicKey: Hex;
    secretShares: Hex[];
    verificationKeys: Hex[];
    message: number;
    randomness: Hex;
    decryptionShares: ({ trustee: number; share: Hex } & ProofJson)[];
    combined: Hex;
  } & CiphertextJson;
}

const vectors: Vectors = JSON.parse(
  readFileSync(new URL('../vectors/psephos-crypto.json', import.meta.url), 'utf8'),
);
const groups = await loadBothGroups();

const HEX64 = /^[0-9a-f]{64}$/;
const scalar = (hex: Hex) => {
  assert.match(hex, HEX64, 'a scalar is 64 lower-case hex digits');
  return decodeScalar(fromHex(hex));
};
const proofOf = (p: ProofJson): SchnorrProof => ({
  challenge: scalar(p.challenge),
  response: scalar(p.response),
});
/** The same bytes with the last bit flipped. */
const flipped = (bytes: Uint8Array) => {
  const out = Uint8Array.from(bytes);
  out[out.length - 1] = out[out.length - 1]! ^ 1;
  return out;
};

/** Changing the challenge, the response, or both, spoils a proof. */
function spoiled(p: SchnorrProof): [string, SchnorrProof][] {
  return [
    ['challenge + 1', { ...p, challenge: mod(p.challenge + 1n) }],
    ['response + 1', { ...p, response: mod(p.response + 1n) }],
    ['challenge − 1 and response + 1', { challenge: mod(p.challenge - 1n), response: mod(p.response + 1n) }],
  ];
}

function spoiledBranches(proof: DisjunctiveProof): [string, DisjunctiveProof][] {
  const out: [string, DisjunctiveProof][] = [];
  proof.forEach((branch, j) => {
    for (const [what, bad] of spoiled(branch))
      out.push([`branch ${j}: ${what}`, proof.map((p, i) => (i === j ? bad : p))]);
  });
  out.push(['one branch too few', proof.slice(0, -1)]);
  out.push(['one branch too many', [...proof, proof[0]!]]);
  out.push(['branches reversed', [...proof].reverse()]);
  return out;
}

function assertAllRejected<P>(cases: [string, P][], verify: (p: P) => boolean, where: string): void {
  for (const [what, p] of cases) assert.equal(verify(p), false, `${where}: accepted with ${what}`);
}

test('the vectors document their format and are all well formed', () => {
  assert.match(vectors.format, /lower-case hex/);
  assert.match(vectors.format, /little-endian/);
  assert.match(vectors.context, HEX64);
  assert.deepEqual(
    fromHex(vectors.context),
    taggedHash('test-vector', [utf8(vectors.seed), utf8('context')]),
  );
  assert.ok(vectors.encryptions.length >= 5);
  assert.ok(vectors.credentials.length >= 4);
  const p = vectors.proofs;
  assert.ok(p.schnorr.length && p.decryptionShare.length && p.zeroOrOne.length === 2 && p.range.length === 3);
  assert.ok(p.signature.length);
  assert.deepEqual(
    p.range.map((r) => [r.min, r.max, r.value]),
    [
      [0, 2, 0],
      [0, 2, 1],
      [0, 2, 2],
    ],
  );
});

test('the secret inputs are derived from the seed as documented', () => {
  const derived = (label: string) => hashToScalar('test-vector', [utf8(vectors.seed), utf8(label)]);
  assert.equal(scalar(vectors.encryptions[0]!.secretKey), derived('elgamal/secret-key'));
  vectors.encryptions.forEach((e, i) => {
    assert.equal(scalar(e.randomness), derived(`elgamal/randomness/${i}`));
  });
  assert.equal(scalar(vectors.threshold.coefficients[0]!), derived('threshold/a0'));
  assert.equal(scalar(vectors.proofs.schnorr[0]!.secret), derived('schnorr/0'));
});

describe('credential vectors (backend-independent text)', () => {
  test('entropy → credential text → printed form → normalised text', () => {
    for (const v of vectors.credentials) {
      assert.equal(generateCredential(fromHex(v.entropy)), v.credential);
      assert.equal(formatCredential(v.credential), v.printed);
      assert.equal(normaliseCredential(v.typed), v.credential);
      assert.equal(normaliseCredential(v.printed), v.credential);
    }
  });
});

describe('hash vectors (backend-independent)', () => {
  test('taggedHash', () => {
    for (const v of vectors.taggedHashes) {
      assert.equal(toHex(taggedHash(v.purpose, v.parts.map(fromHex))), v.digest, `${v.purpose} ${v.parts}`);
    }
    assert.equal(new Set(vectors.taggedHashes.map((v) => v.digest)).size, vectors.taggedHashes.length);
  });

  test('hashToScalar (little-endian scalar)', () => {
    for (const v of vectors.hashToScalars) {
      assert.equal(toHex(encodeScalar(hashToScalar(v.purpose, v.parts.map(fromHex)))), v.scalar, v.purpose);
    }
    assert.equal(new Set(vectors.hashToScalars.map((v) => v.scalar)).size, vectors.hashToScalars.length);
  });
});

for (const group of groups) {
  const b = group.backend;
  const el = (hex: Hex): Element => group.decode(fromHex(hex), { allowIdentity: true });
  const hex = (e: Element) => toHex(group.encode(e));
  const ct = (c: CiphertextJson): Ciphertext => ({ alpha: el(c.alpha), beta: el(c.beta) });
  const other = group.mulBase(hashToScalar('test-vector', [utf8('another element')]));

  describe(`vectors on ${b}: deterministic values`, () => {
    test(`${b}: encryptions — public key, message, randomness → ciphertext, exactly`, () => {
      for (const v of vectors.encryptions) {
        const secretKey = scalar(v.secretKey);
        const publicKey = group.mulBase(secretKey);
        assert.equal(hex(publicKey), v.publicKey);
        const { ciphertext } = encrypt(group, el(v.publicKey), BigInt(v.message), scalar(v.randomness));
        assert.equal(hex(ciphertext.alpha), v.alpha, `alpha of m = ${v.message}`);
        assert.equal(hex(ciphertext.beta), v.beta, `beta of m = ${v.message}`);
        assert.equal(hex(decryptToElement(group, secretKey, ct(v))), v.plaintextElement);
        assert.equal(hex(group.mulBase(BigInt(v.message))), v.plaintextElement);
      }
    });

    test(`${b}: the homomorphic sum of the encryptions`, () => {
      const s = vectors.homomorphicSum;
      const sum = sumCiphertexts(group, vectors.encryptions.map(ct));
      assert.equal(hex(sum.alpha), s.alpha);
      assert.equal(hex(sum.beta), s.beta);
      assert.equal(
        s.message,
        s.messages.reduce((a, c) => a + c, 0),
      );
      assert.ok(opensTo(group, el(s.publicKey), ct(s), BigInt(s.message), scalar(s.randomness)));
    });

    test(`${b}: credentials — secret scalar and public credential, exactly`, () => {
      for (const v of vectors.credentials) {
        const { secret, publicCredential } = deriveCredential(group, v.electionId, v.typed);
        assert.equal(toHex(encodeScalar(secret)), v.secret, `${v.electionId} ${v.credential}`);
        assert.equal(hex(publicCredential), v.publicCredential);
      }
    });

    test(`${b}: hashToElement`, () => {
      for (const v of vectors.hashToElements) {
        assert.equal(hex(hashToElement(group, v.purpose, v.parts.map(fromHex))), v.element, v.purpose);
      }
    });

    test(`${b}: the statements of the proofs follow from their secrets`, () => {
      const p = vectors.proofs;
      for (const v of p.schnorr) {
        assert.equal(v.base, hex(group.generator));
        assert.equal(hex(group.mulBase(scalar(v.secret))), v.value);
      }
      for (const v of p.decryptionShare) {
        const x = scalar(v.secretShare);
        assert.equal(hex(group.mulBase(x)), v.verificationKey);
        assert.equal(hex(group.mul(el(v.alpha), x)), v.share);
      }
      for (const v of [...p.zeroOrOne.map((z) => ({ ...z, value: z.bit })), ...p.range]) {
        assert.equal(hex(group.mulBase(scalar(v.secretKey))), v.publicKey);
        const { ciphertext } = encrypt(group, el(v.publicKey), BigInt(v.value), scalar(v.randomness));
        assert.equal(hex(ciphertext.alpha), v.alpha);
        assert.equal(hex(ciphertext.beta), v.beta);
      }
      for (const v of p.signature) {
        const d = deriveCredential(group, v.electionId, v.credential);
        assert.equal(toHex(encodeScalar(d.secret)), v.secret);
        assert.equal(hex(d.publicCredential), v.publicCredential);
      }
    });

    test(`${b}: 2-of-3 threshold decryption — shares, keys, decryption shares and result, exactly`, () => {
      const t = vectors.threshold;
      const coefficients = t.coefficients.map(scalar);
      assert.equal(hex(group.mulBase(coefficients[0]!)), t.publicKey);
      t.secretShares.forEach((x, k) => {
        assert.equal(scalar(x), evaluate(coefficients, BigInt(k + 1)), `x_${k + 1} = f(${k + 1})`);
        assert.equal(hex(group.mulBase(scalar(x))), t.verificationKeys[k], `X_${k + 1}`);
      });
      const { ciphertext } = encrypt(group, el(t.publicKey), BigInt(t.message), scalar(t.randomness));
      assert.equal(hex(ciphertext.alpha), t.alpha);
      assert.equal(hex(ciphertext.beta), t.beta);
      t.decryptionShares.forEach((s, k) => {
        assert.equal(s.trustee, k + 1);
        assert.equal(hex(group.mul(ciphertext.alpha, scalar(t.secretShares[k]!))), s.share, `D_${s.trustee}`);
        // A fresh share has the same value (only its proof differs).
        const fresh = computeDecryptionShare(
          group,
          fromHex(t.context),
          s.trustee,
          scalar(t.secretShares[k]!),
          ciphertext.alpha,
        );
        assert.equal(hex(fresh.share), s.share);
      });
      assert.equal(t.combined, hex(group.mulBase(BigInt(t.message))));
      const shares = t.decryptionShares.map((s) => ({ trustee: s.trustee, share: el(s.share) }));
      for (const pair of [
        [0, 1],
        [0, 2],
        [1, 2],
      ] as const) {
        const chosen = pair.map((k) => shares[k]!);
        assert.equal(hex(combineDecryptionShares(group, ciphertext, chosen)), t.combined, `trustees ${pair}`);
      }
      assert.equal(hex(combineDecryptionShares(group, ciphertext, shares)), t.combined, 'all three');
      assert.notEqual(hex(combineDecryptionShares(group, ciphertext, [shares[0]!])), t.combined, 'one alone');
      // The secret itself interpolates from the shares.
      const x = mod(
        [1, 3].reduce((acc, i) => acc + lagrangeAtZero([1, 3], i) * scalar(t.secretShares[i - 1]!), 0n),
      );
      assert.equal(x, coefficients[0]);
    });
  });

  describe(`vectors on ${b}: stored proofs accepted, and rejected once changed`, () => {
    test(`${b}: Schnorr proofs`, () => {
      for (const v of vectors.proofs.schnorr) {
        const context = fromHex(v.context);
        const message = fromHex(v.message);
        const pairs = [{ base: el(v.base), value: el(v.value) }];
        const proof = proofOf(v);
        assert.ok(verifyDlog(group, v.purpose, context, pairs, proof, message), 'stored proof');
        const verify = (p: SchnorrProof) => verifyDlog(group, v.purpose, context, pairs, p, message);
        assertAllRejected(spoiled(proof), verify, 'Schnorr');
        const reject = (what: string, ok: boolean) => assert.equal(ok, false, `Schnorr: ${what}`);
        reject(
          'other value',
          verifyDlog(group, v.purpose, context, [{ ...pairs[0]!, value: other }], proof, message),
        );
        reject('other context', verifyDlog(group, v.purpose, flipped(context), pairs, proof, message));
        reject('other message', verifyDlog(group, v.purpose, context, pairs, proof, utf8(`${v.message}!`)));
        reject('other purpose', verifyDlog(group, 'proof/other', context, pairs, proof, message));
      }
    });

    test(`${b}: Chaum–Pedersen decryption-share proofs`, () => {
      for (const v of vectors.proofs.decryptionShare) {
        const context = fromHex(v.context);
        const key = el(v.verificationKey);
        const alpha = el(v.alpha);
        const share: DecryptionShare = { trustee: v.trustee, share: el(v.share), proof: proofOf(v) };
        assert.ok(verifyDecryptionShare(group, context, key, alpha, share), 'stored proof');
        assertAllRejected(
          spoiled(share.proof),
          (p) => verifyDecryptionShare(group, context, key, alpha, { ...share, proof: p }),
          'decryption share',
        );
        const reject = (what: string, ok: boolean) => assert.equal(ok, false, `decryption share: ${what}`);
        reject('other verification key', verifyDecryptionShare(group, context, other, alpha, share));
        reject('other alpha', verifyDecryptionShare(group, context, key, other, share));
        reject('other share', verifyDecryptionShare(group, context, key, alpha, { ...share, share: other }));
        reject('other context', verifyDecryptionShare(group, flipped(context), key, alpha, share));
      }
      for (const s of vectors.threshold.decryptionShares) {
        const t = vectors.threshold;
        const context = fromHex(t.context);
        const key = el(t.verificationKeys[s.trustee - 1]!);
        const share: DecryptionShare = { trustee: s.trustee, share: el(s.share), proof: proofOf(s) };
        assert.ok(
          verifyDecryptionShare(group, context, key, el(t.alpha), share),
          `threshold share ${s.trustee}`,
        );
        assertAllRejected(
          spoiled(share.proof),
          (p) => verifyDecryptionShare(group, context, key, el(t.alpha), { ...share, proof: p }),
          `threshold share ${s.trustee}`,
        );
        assert.equal(verifyDecryptionShare(group, context, key, el(t.beta), share), false, 'beta for alpha');
        const otherKey = el(t.verificationKeys[s.trustee % 3]!);
        assert.equal(
          verifyDecryptionShare(group, context, otherKey, el(t.alpha), share),
          false,
          'other trustee',
        );
      }
    });

    test(`${b}: disjunctive 0/1 proofs`, () => {
      for (const v of vectors.proofs.zeroOrOne) {
        const context = fromHex(v.context);
        const h = el(v.publicKey);
        const c = ct(v);
        const proof = v.proof.map(proofOf);
        assert.equal(proof.length, 2);
        assert.ok(verifyZeroOrOne(group, context, h, c, proof), `stored proof of bit ${v.bit}`);
        assertAllRejected(
          spoiledBranches(proof),
          (p) => verifyZeroOrOne(group, context, h, c, p),
          `0/1 of ${v.bit}`,
        );
        const reject = (what: string, ok: boolean) => assert.equal(ok, false, `0/1 of ${v.bit}: ${what}`);
        reject('other public key', verifyZeroOrOne(group, context, other, c, proof));
        reject('other alpha', verifyZeroOrOne(group, context, h, { ...c, alpha: other }, proof));
        reject('other beta', verifyZeroOrOne(group, context, h, { ...c, beta: other }, proof));
        reject('other values', verifyOneOf(group, context, h, c, [1, 2], proof));
        reject('other context', verifyZeroOrOne(group, flipped(context), h, c, proof));
      }
    });

    test(`${b}: range proofs [0, 2]`, () => {
      for (const v of vectors.proofs.range) {
        const context = fromHex(v.context);
        const h = el(v.publicKey);
        const c = ct(v);
        const proof = v.proof.map(proofOf);
        assert.equal(proof.length, v.max - v.min + 1);
        assert.ok(verifyRange(group, context, h, c, v.min, v.max, proof), `stored proof of ${v.value}`);
        const where = `range proof of ${v.value}`;
        assertAllRejected(
          spoiledBranches(proof),
          (p) => verifyRange(group, context, h, c, v.min, v.max, p),
          where,
        );
        const reject = (what: string, ok: boolean) => assert.equal(ok, false, `${where}: ${what}`);
        reject('other public key', verifyRange(group, context, other, c, v.min, v.max, proof));
        reject('other alpha', verifyRange(group, context, h, { ...c, alpha: other }, v.min, v.max, proof));
        reject('other beta', verifyRange(group, context, h, { ...c, beta: other }, v.min, v.max, proof));
        reject('range [1, 3]', verifyRange(group, context, h, c, v.min + 1, v.max + 1, proof));
        reject('as a 0/1 proof', verifyZeroOrOne(group, context, h, c, proof));
        reject('other context', verifyRange(group, flipped(context), h, c, v.min, v.max, proof));
      }
    });

    test(`${b}: ballot signatures`, () => {
      for (const v of vectors.proofs.signature) {
        const context = fromHex(v.context);
        const message = fromHex(v.message);
        const credential = el(v.publicCredential);
        const signature = proofOf(v);
        assert.ok(verifySignature(group, context, credential, message, signature), 'stored signature');
        assertAllRejected(
          spoiled(signature),
          (s) => verifySignature(group, context, credential, message, s),
          'signature',
        );
        const reject = (what: string, ok: boolean) => assert.equal(ok, false, `signature: ${what}`);
        reject('other credential', verifySignature(group, context, other, message, signature));
        reject(
          'other message',
          verifySignature(group, context, credential, utf8(`${v.message}.`), signature),
        );
        reject('other context', verifySignature(group, flipped(context), credential, message, signature));
      }
    });
  });
}
