/**
 * Writes test/vectors/psephos-crypto.json: Psephos's own test vectors for the cryptographic core,
 * checked on both backends by test/crypto/vectors.test.ts and meant for other implementations of
 * the protocol (a verifier in another language must reproduce every deterministic value).
 *
 * Every secret input is derived from the fixed seed below, so the deterministic parts (encryptions,
 * credentials, hashes, public keys, decryption shares, combined results) come out the same on every
 * run. Proofs use random nonces: their values are stored as produced, and the test checks that both
 * backends accept them and reject each one once spoiled. The script computes every deterministic value
 * on both backends and stops if they disagree; it verifies every proof on both before writing.
 *
 *   node scripts/make-crypto-vectors.ts            # rewrites test/vectors/psephos-crypto.json (then biome-formats it)
 *   node scripts/make-crypto-vectors.ts --check    # only recomputes, and fails if a deterministic value changed
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadBothGroups } from '../src/crypto/backends.ts';
import { toHex, utf8 } from '../src/crypto/bytes.ts';
import { deriveCredential, formatCredential, generateCredential } from '../src/crypto/credential.ts';
import type { DisjunctiveProof } from '../src/crypto/disjunctive.ts';
import { proveRange, proveZeroOrOne, verifyRange, verifyZeroOrOne } from '../src/crypto/disjunctive.ts';
import type { SchnorrProof } from '../src/crypto/dleq.ts';
import { proveDlog, verifyDlog } from '../src/crypto/dleq.ts';
import type { Ciphertext } from '../src/crypto/elgamal.ts';
import { encrypt, sumCiphertexts } from '../src/crypto/elgamal.ts';
import type { Element, Group } from '../src/crypto/group.ts';
import { hashToElement } from '../src/crypto/group.ts';
import { hashToScalar, taggedHash } from '../src/crypto/hash.ts';
import { evaluate } from '../src/crypto/polynomial.ts';
import { encodeScalar, mod } from '../src/crypto/scalar.ts';
import { signMessage, verifySignature } from '../src/crypto/signature.ts';
import {
  combineDecryptionShares,
  computeDecryptionShare,
  verifyDecryptionShare,
} from '../src/crypto/threshold.ts';

const OUTPUT = new URL('../test/vectors/psephos-crypto.json', import.meta.url);
const SEED = 'psephos crypto test vectors, version 1';

/** A secret scalar for a label: hashToScalar('test-vector', [utf8(SEED), utf8(label)]). */
const secretScalar = (label: string) => hashToScalar('test-vector', [utf8(SEED), utf8(label)]);
/** Fixed bytes for a label: the first `length` bytes of taggedHash('test-vector', [utf8(SEED), utf8(label)]). */
const seedBytes = (label: string, length: number) =>
  taggedHash('test-vector', [utf8(SEED), utf8(label)]).slice(0, length);

const scalarHex = (k: bigint) => toHex(encodeScalar(k));
const proofJson = (p: SchnorrProof) => ({
  challenge: scalarHex(p.challenge),
  response: scalarHex(p.response),
});
const branchesJson = (proof: DisjunctiveProof) => proof.map(proofJson);

const context = seedBytes('context', 32);

/** The deterministic part of the vectors on one backend (no proof in it). */
function deterministic(group: Group) {
  const hex = (e: Element) => toHex(group.encode(e));
  const ciphertextJson = (c: Ciphertext) => ({ alpha: hex(c.alpha), beta: hex(c.beta) });

  // (a) Encryptions under one key.
  const secretKey = secretScalar('elgamal/secret-key');
  const publicKey = group.mulBase(secretKey);
  const messages = [0, 1, 2, 7, 1000, 123456];
  const encryptions = messages.map((message, i) => {
    const randomness = secretScalar(`elgamal/randomness/${i}`);
    const { ciphertext } = encrypt(group, publicKey, BigInt(message), randomness);
    return {
      secretKey: scalarHex(secretKey),
      publicKey: hex(publicKey),
      message,
      randomness: scalarHex(randomness),
      ...ciphertextJson(ciphertext),
      plaintextElement: hex(group.mulBase(BigInt(message))),
      ciphertext,
      randomnessValue: randomness,
    };
  });
  const sum = sumCiphertexts(
    group,
    encryptions.map((e) => e.ciphertext),
  );
  const homomorphicSum = {
    publicKey: hex(publicKey),
    messages,
    message: messages.reduce((a, b) => a + b, 0),
    randomness: scalarHex(mod(encryptions.reduce((a, e) => a + e.randomnessValue, 0n))),
    ...ciphertextJson(sum),
  };

  // (b) Credentials.
  const credentials = [0, 1, 2].flatMap((i) => {
    const entropy = seedBytes(`credential/entropy/${i}`, 16);
    const credential = generateCredential(entropy);
    const printed = formatCredential(credential);
    const typed = i === 1 ? printed.toUpperCase().replaceAll(' ', '-') : i === 2 ? ` ${printed}\n` : printed;
    return ['psephos-test-2026', 'psephos-test-2026-practice'].map((electionId) => {
      const { secret, publicCredential } = deriveCredential(group, electionId, typed);
      return {
        electionId,
        entropy: toHex(entropy),
        credential,
        printed,
        typed,
        secret: scalarHex(secret),
        publicCredential: hex(publicCredential),
      };
    });
  });

  // (c) Hashes.
  const partLists: string[][] = [
    [],
    [''],
    ['616263'],
    ['', ''],
    ['61', '6263'],
    ['6162', '63'],
    [toHex(context)],
  ];
  const taggedHashes = ['fingerprint', 'ballot/tracker', 'test-vector'].flatMap((purpose) =>
    partLists.map((parts) => ({
      purpose,
      parts,
      digest: toHex(taggedHash(purpose, parts.map(fromHexStrict))),
    })),
  );
  const hashToScalars = ['credential/secret', 'proof/schnorr', 'test-vector'].flatMap((purpose) =>
    partLists.map((parts) => ({
      purpose,
      parts,
      scalar: scalarHex(hashToScalar(purpose, parts.map(fromHexStrict))),
    })),
  );
  const hashToElements = ['generator/pedersen', 'test-vector'].flatMap((purpose) =>
    partLists.slice(0, 4).map((parts) => ({
      purpose,
      parts,
      element: hex(hashToElement(group, purpose, parts.map(fromHexStrict))),
    })),
  );

  return {
    publicKey,
    encryptions: encryptions.map(({ ciphertext: _c, randomnessValue: _r, ...rest }) => rest),
    homomorphicSum,
    credentials,
    taggedHashes,
    hashToScalars,
    hashToElements,
  };
}

function fromHexStrict(text: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) throw new Error(`not lower-case hex: ${text}`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Proofs and the threshold decryption, made on `group`, with the deterministic parts recorded. */
function withProofs(group: Group) {
  const hex = (e: Element) => toHex(group.encode(e));
  const g = group.generator;

  // Schnorr proofs (one pair), with and without a message.
  const schnorr = [
    { label: 'schnorr/0', message: new Uint8Array(0) },
    { label: 'schnorr/1', message: utf8('a message inside the challenge') },
  ].map(({ label, message }) => {
    const secret = secretScalar(label);
    const pairs = [{ base: g, value: group.mulBase(secret) }];
    const proof = proveDlog(group, 'proof/schnorr', context, pairs, secret, message);
    if (!verifyDlog(group, 'proof/schnorr', context, pairs, proof, message)) throw new Error(label);
    return {
      purpose: 'proof/schnorr',
      context: toHex(context),
      secret: scalarHex(secret),
      base: hex(g),
      value: hex(pairs[0]!.value),
      message: toHex(message),
      ...proofJson(proof),
    };
  });

  // A Chaum–Pedersen proof: a decryption share with its proof.
  const shareSecret = secretScalar('decryption-share/secret');
  const shareAlpha = group.mulBase(secretScalar('decryption-share/alpha-log'));
  const oneShare = computeDecryptionShare(group, context, 1, shareSecret, shareAlpha);
  const decryptionShare = [
    {
      purpose: 'proof/decryption-share',
      context: toHex(context),
      trustee: 1,
      secretShare: scalarHex(shareSecret),
      verificationKey: hex(group.mulBase(shareSecret)),
      alpha: hex(shareAlpha),
      share: hex(oneShare.share),
      ...proofJson(oneShare.proof),
    },
  ];

  // Disjunctive proofs under one election key.
  const electionSecret = secretScalar('disjunctive/secret-key');
  const h = group.mulBase(electionSecret);
  const zeroOrOne = ([0, 1] as const).map((bit) => {
    const randomness = secretScalar(`zero-or-one/randomness/${bit}`);
    const { ciphertext } = encrypt(group, h, BigInt(bit), randomness);
    const proof = proveZeroOrOne(group, context, h, ciphertext, bit, randomness);
    if (!verifyZeroOrOne(group, context, h, ciphertext, proof)) throw new Error(`0/1 ${bit}`);
    return {
      context: toHex(context),
      secretKey: scalarHex(electionSecret),
      publicKey: hex(h),
      bit,
      randomness: scalarHex(randomness),
      alpha: hex(ciphertext.alpha),
      beta: hex(ciphertext.beta),
      proof: branchesJson(proof),
    };
  });
  const range = [0, 1, 2].map((value) => {
    const randomness = secretScalar(`range/randomness/${value}`);
    const { ciphertext } = encrypt(group, h, BigInt(value), randomness);
    const proof = proveRange(group, context, h, ciphertext, 0, 2, value, randomness);
    if (!verifyRange(group, context, h, ciphertext, 0, 2, proof)) throw new Error(`range ${value}`);
    return {
      context: toHex(context),
      secretKey: scalarHex(electionSecret),
      publicKey: hex(h),
      min: 0,
      max: 2,
      value,
      randomness: scalarHex(randomness),
      alpha: hex(ciphertext.alpha),
      beta: hex(ciphertext.beta),
      proof: branchesJson(proof),
    };
  });

  // Ballot signatures with a derived credential.
  const credential = generateCredential(seedBytes('signature/credential', 16));
  const { secret, publicCredential } = deriveCredential(group, 'psephos-test-2026', credential);
  const signature = [utf8('{"ballot":"example"}'), new Uint8Array(0)].map((message) => {
    const sig = signMessage(group, context, secret, message);
    if (!verifySignature(group, context, publicCredential, message, sig)) throw new Error('signature');
    return {
      context: toHex(context),
      electionId: 'psephos-test-2026',
      credential,
      secret: scalarHex(secret),
      publicCredential: hex(publicCredential),
      message: toHex(message),
      ...proofJson(sig),
    };
  });

  // (e) 2-of-3 threshold decryption, from a dealt polynomial f(x) = a0 + a1 x.
  const coefficients = [secretScalar('threshold/a0'), secretScalar('threshold/a1')];
  const secretShares = [1, 2, 3].map((i) => evaluate(coefficients, BigInt(i)));
  const thresholdKey = group.mulBase(coefficients[0]!);
  const message = 5;
  const randomness = secretScalar('threshold/randomness');
  const { ciphertext } = encrypt(group, thresholdKey, BigInt(message), randomness);
  const shares = secretShares.map((x, k) =>
    computeDecryptionShare(group, context, k + 1, x, ciphertext.alpha),
  );
  shares.forEach((s, k) => {
    if (!verifyDecryptionShare(group, context, group.mulBase(secretShares[k]!), ciphertext.alpha, s)) {
      throw new Error(`decryption share ${k + 1}`);
    }
  });
  const combined = combineDecryptionShares(group, ciphertext, shares.slice(0, 2));
  if (!group.equals(combined, group.mulBase(BigInt(message)))) throw new Error('threshold decryption');
  const threshold = {
    threshold: 2,
    trustees: 3,
    context: toHex(context),
    coefficients: coefficients.map(scalarHex),
    publicKey: hex(thresholdKey),
    secretShares: secretShares.map(scalarHex),
    verificationKeys: secretShares.map((x) => hex(group.mulBase(x))),
    message,
    randomness: scalarHex(randomness),
    alpha: hex(ciphertext.alpha),
    beta: hex(ciphertext.beta),
    decryptionShares: shares.map((s) => ({ trustee: s.trustee, share: hex(s.share), ...proofJson(s.proof) })),
    combined: hex(combined),
  };

  return { proofs: { schnorr, decryptionShare, zeroOrOne, range, signature }, threshold };
}

/** The record with the proof values blanked: what must not change from one run to the next. */
function withoutProofValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProofValues);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === 'challenge' || k === 'response' ? '' : withoutProofValues(v),
      ]),
    );
  }
  return value;
}

const [sodium, noble] = await loadBothGroups();
const reference = deterministic(noble!);
const fast = deterministic(sodium!);
const { publicKey: _n, ...vectorsN } = reference;
const { publicKey: _s, ...vectorsS } = fast;
if (JSON.stringify(vectorsN) !== JSON.stringify(vectorsS)) {
  throw new Error('the backends disagree on a deterministic vector');
}
const proofsN = withProofs(noble!);
const proofsS = withProofs(sodium!);
if (JSON.stringify(withoutProofValues(proofsN)) !== JSON.stringify(withoutProofValues(proofsS))) {
  throw new Error('the backends disagree on a statement or a decryption share');
}

const record = {
  description:
    "Psephos's own test vectors for the cryptographic core (src/crypto), generated by " +
    'scripts/make-crypto-vectors.ts and checked on both backends (libsodium and @noble/curves) by ' +
    'test/crypto/vectors.test.ts. Sections: encryptions and homomorphicSum (exponential ElGamal), ' +
    'credentials (text, normalisation and derivation), taggedHash / hashToScalar / hashToElement, ' +
    'proofs (Schnorr, Chaum–Pedersen decryption share, disjunctive 0/1, range [0, 2], ballot signature) ' +
    'and threshold (a 2-of-3 threshold decryption).',
  format:
    'Byte strings are lower-case hex. Scalars are 64 hex digits: the 32-byte little-endian encoding of ' +
    'an integer in [0, ℓ) (scalar.ts encodeScalar). Group elements are 64 hex digits: canonical ' +
    'ristretto255 encodings (RFC 9496). Small integers (messages, bits, values, trustee indices) are JSON ' +
    'numbers. Hash "parts" are lists of hex byte strings, hashed as a transcript (each part prefixed with ' +
    'its length as u32 big-endian) under the tag psephos/v1/<purpose>. A disjunctive proof is a list of ' +
    '{challenge, response}, one per allowed value in increasing order. Every value is deterministic except ' +
    'the challenge and response of proofs, which come from random nonces: a checker must accept the ' +
    'stored proofs and reject them once any challenge, response, statement element, context or message ' +
    'changes.',
  seed: SEED,
  derivation:
    'A secret scalar labelled L is hashToScalar("test-vector", [utf8(seed), utf8(L)]); fixed bytes labelled ' +
    'L (context, credential entropy) are the first bytes of taggedHash("test-vector", [utf8(seed), utf8(L)]). ' +
    'Labels: context; elgamal/secret-key; elgamal/randomness/<i>; credential/entropy/<i>; schnorr/<i>; ' +
    'decryption-share/secret; decryption-share/alpha-log (alpha = g^scalar); disjunctive/secret-key; ' +
    'zero-or-one/randomness/<bit>; range/randomness/<value>; signature/credential; threshold/a0; ' +
    'threshold/a1; threshold/randomness.',
  context: toHex(context),
  ...vectorsN,
  ...proofsN,
};

const text = `${JSON.stringify(record, null, 2)}\n`;
if (process.argv.includes('--check')) {
  const stored = JSON.parse(readFileSync(OUTPUT, 'utf8'));
  if (JSON.stringify(withoutProofValues(stored)) !== JSON.stringify(withoutProofValues(record))) {
    console.error('psephos-crypto.json: a deterministic value differs from the stored vectors');
    process.exit(1);
  }
  console.log('psephos-crypto.json: every deterministic value reproduced');
} else {
  writeFileSync(OUTPUT, text);
  // The project's formatter lays out JSON too: leave the file as `biome check` wants it.
  const biome = new URL('../node_modules/.bin/biome', import.meta.url).pathname;
  execFileSync(biome, ['format', '--write', OUTPUT.pathname], { stdio: 'inherit' });
  console.log(`wrote ${OUTPUT.pathname}`);
}
