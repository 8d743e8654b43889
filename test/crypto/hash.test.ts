/**
 * Hashing (src/crypto/hash.ts): RFC 9380 expand_message_xmd vectors, domain tags, the transcript
 * encoding, tagged hashes and hash-to-scalar.
 *
 * Psephos exposes expand_message_xmd only with SHA-512 (`expandMessageXmdSha512`), so the RFC 9380
 * SHA-512 group (K.3) is run through it directly. The SHA-256 groups (K.1, and K.2 with its long DST)
 * have no Psephos entry point; they are used here only to check an independent reference implementation
 * (built on node:crypto), which then checks Psephos's SHA-512 path on long (> 255-byte) DSTs, a case
 * K.3 does not cover.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { concatBytes, toHex, utf8 } from '../../src/crypto/bytes.ts';
import { CryptoError } from '../../src/crypto/errors.ts';
import {
  domainTag,
  expandMessageXmdSha512,
  hashToScalar,
  taggedHash,
  transcript,
} from '../../src/crypto/hash.ts';
import { ORDER } from '../../src/crypto/scalar.ts';

interface XmdGroup {
  section: string;
  hash: 'SHA256' | 'SHA512';
  dst: string;
  dstPrime: string;
  vectors: { msg: string; lenInBytes: number; uniformBytes: string }[];
}
interface Rfc9380Vectors {
  sha256: XmdGroup;
  sha256LongDst: XmdGroup;
  sha512: XmdGroup;
}

const vectors: Rfc9380Vectors = JSON.parse(
  readFileSync(new URL('../vectors/rfc9380-expand-xmd.json', import.meta.url), 'utf8'),
);

const isBadParameters = (e: unknown) => e instanceof CryptoError && e.code === 'bad-parameters';

// ---- An independent expand_message_xmd (RFC 9380 §5.3.1 and §5.3.3) over node:crypto. ----
const HASHES = {
  SHA256: { name: 'sha256', outLen: 32, blockLen: 64 },
  SHA512: { name: 'sha512', outLen: 64, blockLen: 128 },
} as const;

function H(hash: keyof typeof HASHES, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash(HASHES[hash].name);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

function referenceDstPrime(hash: keyof typeof HASHES, dst: Uint8Array): Uint8Array {
  const d = dst.length > 255 ? H(hash, utf8('H2C-OVERSIZE-DST-'), dst) : dst;
  return concatBytes(d, Uint8Array.of(d.length));
}

function referenceXmd(hash: keyof typeof HASHES, msg: Uint8Array, dst: Uint8Array, len: number): Uint8Array {
  const { outLen, blockLen } = HASHES[hash];
  const ell = Math.ceil(len / outLen);
  assert.ok(ell <= 255 && len <= 65535);
  const dstPrime = referenceDstPrime(hash, dst);
  const b0 = H(hash, new Uint8Array(blockLen), msg, Uint8Array.of(len >> 8, len & 0xff, 0), dstPrime);
  const blocks: Uint8Array[] = [H(hash, b0, Uint8Array.of(1), dstPrime)];
  for (let i = 2; i <= ell; i++) {
    const prev = blocks[blocks.length - 1]!;
    blocks.push(
      H(
        hash,
        b0.map((x, j) => x ^ prev[j]!),
        Uint8Array.of(i),
        dstPrime,
      ),
    );
  }
  return concatBytes(...blocks).slice(0, len);
}

const leBigint = (bytes: Uint8Array) => BigInt(`0x${toHex(Uint8Array.from(bytes).reverse()) || '0'}`);

describe('RFC 9380 expand_message_xmd', () => {
  test('K.3 (SHA-512): expandMessageXmdSha512 matches every vector', () => {
    const group = vectors.sha512;
    assert.equal(group.hash, 'SHA512');
    assert.equal(group.vectors.length, 10);
    for (const v of group.vectors) {
      const out = expandMessageXmdSha512(utf8(v.msg), group.dst, v.lenInBytes);
      assert.equal(out.length, v.lenInBytes);
      assert.equal(toHex(out), v.uniformBytes, `msg "${v.msg.slice(0, 12)}…", len ${v.lenInBytes}`);
    }
  });

  test('K.3 (SHA-512): the DST may be given as bytes or as a string, with the same result', () => {
    const group = vectors.sha512;
    for (const v of group.vectors) {
      assert.equal(toHex(expandMessageXmdSha512(utf8(v.msg), utf8(group.dst), v.lenInBytes)), v.uniformBytes);
    }
  });

  test('K.1, K.2, K.3: the reference implementation used below matches every vector and DST_prime', () => {
    for (const group of [vectors.sha256, vectors.sha256LongDst, vectors.sha512]) {
      assert.equal(toHex(referenceDstPrime(group.hash, utf8(group.dst))), group.dstPrime, group.section);
      for (const v of group.vectors) {
        assert.equal(
          toHex(referenceXmd(group.hash, utf8(v.msg), utf8(group.dst), v.lenInBytes)),
          v.uniformBytes,
          `${group.section}: msg "${v.msg.slice(0, 12)}…", len ${v.lenInBytes}`,
        );
      }
    }
  });

  test('SHA-512 with long DSTs (K.2 rule, > 255 bytes hashed) agrees with the reference', () => {
    const longDst = vectors.sha256LongDst.dst.replace('SHA256', 'SHA512');
    assert.ok(utf8(longDst).length > 255);
    for (const dst of [longDst, 'x'.repeat(255), 'x'.repeat(256), 'y'.repeat(1000)]) {
      for (const len of [32, 64, 65, 128, 200]) {
        const msg = utf8(`abc-${len}`);
        assert.equal(
          toHex(expandMessageXmdSha512(msg, dst, len)),
          toHex(referenceXmd('SHA512', msg, utf8(dst), len)),
          `DST of ${dst.length} bytes, len ${len}`,
        );
      }
    }
    // The 255-byte and 256-byte DSTs take different paths and give different outputs.
    assert.notEqual(
      toHex(expandMessageXmdSha512(new Uint8Array(0), 'x'.repeat(255), 64)),
      toHex(expandMessageXmdSha512(new Uint8Array(0), 'x'.repeat(256), 64)),
    );
  });
});

describe('domainTag', () => {
  test('prefixes psephos/v1/ to valid purposes', () => {
    assert.equal(domainTag('proof/schnorr'), 'psephos/v1/proof/schnorr');
    assert.equal(domainTag('fingerprint'), 'psephos/v1/fingerprint');
    assert.equal(domainTag('a-b/c1/0'), 'psephos/v1/a-b/c1/0');
  });

  test('rejects malformed purposes with bad-parameters', () => {
    for (const bad of [
      '',
      'Proof/schnorr',
      'proof/Schnorr',
      'PROOF',
      'proof schnorr',
      ' proof',
      'proof ',
      '/proof',
      'proof/',
      'proof//schnorr',
      '-proof',
      'proof/-x',
      'proof_schnorr',
      'proof.schnorr',
      'proof\n',
      '\nproof',
      'pröof',
      'proof\\schnorr',
    ]) {
      assert.throws(() => domainTag(bad), isBadParameters, JSON.stringify(bad));
      assert.throws(() => taggedHash(bad, []), isBadParameters, `taggedHash ${JSON.stringify(bad)}`);
      assert.throws(() => hashToScalar(bad, []), isBadParameters, `hashToScalar ${JSON.stringify(bad)}`);
    }
  });
});

describe('transcript', () => {
  const a = utf8('a');
  const b = utf8('b');
  const ab = utf8('ab');
  const empty = new Uint8Array(0);

  test('is length-prefixed with u32 big-endian', () => {
    assert.equal(toHex(transcript([])), '');
    assert.equal(toHex(transcript([Uint8Array.of(7)])), '0000000107');
    assert.equal(toHex(transcript([empty])), '00000000');
    assert.equal(toHex(transcript([ab, empty, b])), `00000002${toHex(ab)}00000000` + `00000001${toHex(b)}`);
    const big = new Uint8Array(0x012345);
    assert.equal(toHex(transcript([big]).subarray(0, 4)), '00012345');
  });

  test('distinguishes tricky splits of the same bytes', () => {
    const cases: Uint8Array[][] = [
      [],
      [empty],
      [empty, empty],
      [ab],
      [a, b],
      [a, empty, b],
      [empty, ab],
      [ab, empty],
      [b, a],
      [transcript([a, b])],
      [Uint8Array.of(0, 0, 0, 1, 0x61), b],
    ];
    const encoded = cases.map((c) => toHex(transcript(c)));
    assert.equal(new Set(encoded).size, cases.length);
  });

  test('is injective (property)', () => {
    const parts = fc.array(fc.uint8Array({ maxLength: 6 }), { maxLength: 4 });
    fc.assert(
      fc.property(parts, parts, (x, y) => {
        const sameList = x.length === y.length && x.every((p, i) => toHex(p) === toHex(y[i]!));
        assert.equal(toHex(transcript(x)) === toHex(transcript(y)), sameList);
      }),
      { numRuns: 500 },
    );
  });
});

describe('taggedHash', () => {
  test('is SHA-256 of the transcript of the tag followed by the parts', () => {
    const parts = [utf8('definition'), Uint8Array.of(1, 2)];
    const expected = createHash('sha256')
      .update(transcript([utf8('psephos/v1/fingerprint'), ...parts]))
      .digest('hex');
    assert.equal(toHex(taggedHash('fingerprint', parts)), expected);
    // Spelled out: 00000016 'psephos/v1/fingerprint' (22 bytes), no parts.
    const bare = createHash('sha256')
      .update(Buffer.concat([Buffer.from('00000016', 'hex'), Buffer.from('psephos/v1/fingerprint')]))
      .digest('hex');
    assert.equal(toHex(taggedHash('fingerprint', [])), bare);
  });

  test('is 32 bytes, deterministic, and differs across purposes and parts', () => {
    const ab = utf8('ab');
    const outputs = [
      taggedHash('test/one', [ab]),
      taggedHash('test/two', [ab]),
      taggedHash('test/one', [utf8('a'), utf8('b')]),
      taggedHash('test/one', [utf8('a'), new Uint8Array(0), utf8('b')]),
      taggedHash('test/one', []),
      taggedHash('test/one', [new Uint8Array(0)]),
      // the tag is one part: moving bytes between tag and parts changes the hash
      taggedHash('test', [utf8('/one'), ab]),
    ].map(toHex);
    assert.equal(new Set(outputs).size, outputs.length);
    assert.equal(taggedHash('test/one', [ab]).length, 32);
    assert.equal(toHex(taggedHash('test/one', [ab])), outputs[0]);
  });
});

describe('hashToScalar', () => {
  test('is expand_message_xmd(SHA-512, 64 bytes) of the transcript, read little-endian, reduced mod ℓ', () => {
    for (const [purpose, parts] of [
      ['proof/schnorr', [utf8('context'), Uint8Array.of(1, 2, 3)]],
      ['credential', []],
      [`long/${'x'.repeat(300)}`, [utf8('tag longer than 255 bytes')]],
    ] as [string, Uint8Array[]][]) {
      const uniform = referenceXmd('SHA512', transcript(parts), utf8(`psephos/v1/${purpose}`), 64);
      assert.equal(hashToScalar(purpose, parts), leBigint(uniform) % ORDER, purpose.slice(0, 20));
    }
  });

  test('is in [0, ℓ) and deterministic (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 3 }), (parts) => {
        const s = hashToScalar('test/range', parts);
        assert.equal(typeof s, 'bigint');
        assert.ok(s >= 0n && s < ORDER);
        assert.equal(hashToScalar('test/range', parts), s);
      }),
      { numRuns: 200 },
    );
  });

  test('changes with purpose and with the split of parts', () => {
    const ab = utf8('ab');
    const outputs = [
      hashToScalar('test/one', [ab]),
      hashToScalar('test/two', [ab]),
      hashToScalar('test/one', [utf8('a'), utf8('b')]),
      hashToScalar('test/one', []),
      hashToScalar('test/one', [new Uint8Array(0)]),
    ];
    assert.equal(new Set(outputs).size, outputs.length);
  });
});
