/**
 * Ed25519 as the board signs and checks tree heads (src/board/ed25519.ts): the RFC 8032 §7.1 vectors,
 * and the strict verification rules that keep odd encodings out — an unreduced S, a non-canonical R,
 * a small-order public key — each shown to be accepted by the lenient ZIP-215 rules, so that these
 * tests fail if strictness is ever lost.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import {
  ed25519Keygen,
  ed25519PublicKey,
  ed25519Sign,
  ed25519Verify,
  isStrictPublicKey,
} from '../../src/board/ed25519.ts';
import { concatBytes, fromHex, toHex, utf8 } from '../../src/crypto/bytes.ts';
import vectors from '../vectors/rfc8032-ed25519.json' with { type: 'json' };

/** ℓ, the order of the Ed25519 base point. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const leToBig = (bytes: Uint8Array) => bytes.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
const bigToLe = (n: bigint, length = 32) => {
  const out = new Uint8Array(length);
  for (let i = 0, v = n; i < length; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
};
const flipBit = (bytes: Uint8Array, bit: number) => {
  const out = bytes.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
};
const lenient = (sig: Uint8Array, msg: Uint8Array, pk: Uint8Array) =>
  ed25519.verify(sig, msg, pk, { zip215: true });

/** The RFC 8032 §5.1.5 secret scalar a of a 32-byte secret key (clamped, then reduced mod ℓ). */
function secretScalar(secretKey: Uint8Array): bigint {
  const h = sha512(secretKey).slice(0, 32);
  h[0]! &= 248;
  h[31]! &= 127;
  h[31]! |= 64;
  return leToBig(h) % L;
}

/**
 * A signature (R, S) with a chosen R encoding of the identity point, made with the secret: with R the
 * identity, the cofactored equation [8]SB = [8]R + [8]kA holds for S = k·a. The challenge k hashes
 * R's bytes as given, which is why the same point under two encodings gives two signatures.
 */
function signWithIdentityR(secretKey: Uint8Array, rEncoding: Uint8Array, message: Uint8Array): Uint8Array {
  const publicKey = ed25519PublicKey(secretKey);
  const k = leToBig(sha512(concatBytes(rEncoding, publicKey, message))) % L;
  return concatBytes(rEncoding, bigToLe((k * secretScalar(secretKey)) % L));
}

/** The identity point, canonically (y = 1) and as y = p + 1 = 2^255 − 18, which only ZIP-215 decodes. */
const IDENTITY = fromHex(`01${'00'.repeat(31)}`);
const IDENTITY_NON_CANONICAL = fromHex(`ee${'ff'.repeat(30)}7f`);

describe('Ed25519: RFC 8032 §7.1 vectors', () => {
  test('the vector file holds the five Ed25519 vectors of the RFC', () => {
    assert.deepEqual(
      vectors.vectors.map((v) => v.name),
      ['TEST 1', 'TEST 2', 'TEST 3', 'TEST 1024', 'TEST SHA(abc)'],
    );
  });

  for (const v of vectors.vectors) {
    test(`${v.name}: public key, deterministic signature, verification`, () => {
      const secretKey = fromHex(v.secretKey);
      const message = fromHex(v.message);
      const publicKey = fromHex(v.publicKey);
      const signature = fromHex(v.signature);
      assert.equal(toHex(ed25519PublicKey(secretKey)), v.publicKey);
      assert.equal(toHex(ed25519Sign(secretKey, message)), v.signature);
      assert.equal(ed25519Verify(publicKey, message, signature), true);
      assert.equal(isStrictPublicKey(publicKey), true);
    });

    test(`${v.name}: any changed bit of the message, signature or key is rejected`, () => {
      const message = fromHex(v.message);
      const publicKey = fromHex(v.publicKey);
      const signature = fromHex(v.signature);
      const changedMessage = message.length === 0 ? new Uint8Array([0]) : flipBit(message, 0);
      assert.equal(ed25519Verify(publicKey, changedMessage, signature), false);
      for (const bit of [0, 100, 255, 256, 300, 500]) {
        assert.equal(
          ed25519Verify(publicKey, message, flipBit(signature, bit)),
          false,
          `signature bit ${bit}`,
        );
      }
      for (const bit of [0, 100, 200]) {
        assert.equal(ed25519Verify(flipBit(publicKey, bit), message, signature), false, `key bit ${bit}`);
      }
    });
  }
});

describe('Ed25519: strict verification', () => {
  const v = vectors.vectors[1]!;
  const secretKey = fromHex(v.secretKey);
  const publicKey = fromHex(v.publicKey);
  const message = fromHex(v.message);
  const signature = fromHex(v.signature);

  test('an unreduced S (S + ℓ) is rejected, though it satisfies the verification equation', () => {
    const s = leToBig(signature.subarray(32));
    const unreduced = concatBytes(signature.subarray(0, 32), bigToLe(s + L));
    assert.equal(ed25519Verify(publicKey, message, unreduced), false);
  });

  test('a non-canonical encoding of R is rejected; ZIP-215 would accept it', () => {
    const canonical = signWithIdentityR(secretKey, IDENTITY, message);
    const nonCanonical = signWithIdentityR(secretKey, IDENTITY_NON_CANONICAL, message);
    // The construction is right: the canonical twin is a valid RFC 8032 signature.
    assert.equal(ed25519Verify(publicKey, message, canonical), true);
    assert.equal(lenient(nonCanonical, message, publicKey), true);
    assert.equal(ed25519Verify(publicKey, message, nonCanonical), false);
  });

  test('a small-order public key is refused: under ZIP-215 one signature would pass for every message', () => {
    const forgery = concatBytes(IDENTITY, new Uint8Array(32)); // R = identity, S = 0
    for (const m of [utf8('any head'), utf8('any other head')]) {
      assert.equal(lenient(forgery, m, IDENTITY), true);
      assert.equal(ed25519Verify(IDENTITY, m, forgery), false);
    }
    assert.equal(isStrictPublicKey(IDENTITY), false);
    assert.equal(isStrictPublicKey(IDENTITY_NON_CANONICAL), false);
  });

  test('wrong lengths give false, not an exception', () => {
    assert.equal(ed25519Verify(publicKey, message, signature.subarray(0, 63)), false);
    assert.equal(ed25519Verify(publicKey, message, concatBytes(signature, new Uint8Array(1))), false);
    assert.equal(ed25519Verify(publicKey.subarray(0, 31), message, signature), false);
    assert.equal(ed25519Verify(new Uint8Array(0), message, signature), false);
    assert.equal(isStrictPublicKey(publicKey.subarray(0, 31)), false);
  });

  test('fresh key pairs sign and verify, and differ each time', () => {
    const a = ed25519Keygen();
    const b = ed25519Keygen();
    assert.notEqual(toHex(a.secretKey), toHex(b.secretKey));
    assert.equal(toHex(ed25519PublicKey(a.secretKey)), toHex(a.publicKey));
    const m = utf8('psephos');
    assert.equal(ed25519Verify(a.publicKey, m, ed25519Sign(a.secretKey, m)), true);
    assert.equal(ed25519Verify(b.publicKey, m, ed25519Sign(a.secretKey, m)), false);
  });
});
