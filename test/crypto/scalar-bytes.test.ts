/**
 * Scalars modulo ℓ (src/crypto/scalar.ts) and byte helpers (src/crypto/bytes.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  concatBytes,
  equalBytes,
  fromBase64url,
  fromHex,
  toBase64url,
  toHex,
  uintBE,
  utf8,
} from '../../src/crypto/bytes.ts';
import { CryptoError, type CryptoErrorCode } from '../../src/crypto/errors.ts';
import {
  bytesToBigintLE,
  decodeScalar,
  encodeScalar,
  inv,
  mod,
  ORDER,
  pow,
  randomScalar,
} from '../../src/crypto/scalar.ts';

function throwsCode(fn: () => unknown, code: CryptoErrorCode, message?: string): void {
  assert.throws(
    fn,
    (e: unknown) => e instanceof CryptoError && e.code === code,
    message ?? `expected CryptoError ${code}`,
  );
}

const scalar = fc.bigInt({ min: 0n, max: ORDER - 1n });
const nonZeroScalar = fc.bigInt({ min: 1n, max: ORDER - 1n });

/** 32-byte little-endian encoding of any integer below 2^256, written independently of encodeScalar. */
const le32 = (v: bigint) => Uint8Array.from(Buffer.from(v.toString(16).padStart(64, '0'), 'hex').reverse());

describe('scalars', () => {
  test('ORDER is 2^252 + 27742317777372353535851937790883648493', () => {
    assert.equal(ORDER, 2n ** 252n + 27742317777372353535851937790883648493n);
    assert.equal(toHex(le32(ORDER)), 'edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
  });

  test('encodeScalar is 32 bytes little-endian', () => {
    assert.equal(toHex(encodeScalar(0n)), '00'.repeat(32));
    assert.equal(toHex(encodeScalar(1n)), `01${'00'.repeat(31)}`);
    assert.equal(toHex(encodeScalar(0x0102n)), `0201${'00'.repeat(30)}`);
    assert.equal(
      toHex(encodeScalar(ORDER - 1n)),
      'ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010',
    );
  });

  test('encodeScalar/decodeScalar round trip (property)', () => {
    fc.assert(
      fc.property(scalar, (k) => {
        const bytes = encodeScalar(k);
        assert.equal(bytes.length, 32);
        assert.deepEqual(bytes, le32(k));
        assert.equal(decodeScalar(bytes), k);
      }),
      { numRuns: 500 },
    );
  });

  test('encodeScalar rejects values outside [0, ℓ) with scalar-out-of-range', () => {
    for (const k of [-1n, ORDER, ORDER + 1n, 2n ** 256n]) {
      throwsCode(() => encodeScalar(k), 'scalar-out-of-range', String(k));
    }
  });

  test('decodeScalar rejects ℓ, ℓ+1 and 2^256−1 with scalar-out-of-range', () => {
    assert.equal(decodeScalar(le32(ORDER - 1n)), ORDER - 1n);
    for (const v of [ORDER, ORDER + 1n, 2n ** 253n, 2n ** 256n - 1n]) {
      throwsCode(() => decodeScalar(le32(v)), 'scalar-out-of-range', v.toString(16));
    }
  });

  test('decodeScalar rejects values ≥ ℓ (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: ORDER, max: 2n ** 256n - 1n }), (v) => {
        throwsCode(() => decodeScalar(le32(v)), 'scalar-out-of-range', v.toString(16));
      }),
      { numRuns: 200 },
    );
  });

  test('decodeScalar rejects wrong lengths with bad-length', () => {
    for (const n of [0, 1, 31, 33, 64]) {
      throwsCode(() => decodeScalar(new Uint8Array(n)), 'bad-length', `${n} bytes`);
    }
  });

  test('bytesToBigintLE reads little-endian integers of any length', () => {
    assert.equal(bytesToBigintLE(new Uint8Array(0)), 0n);
    assert.equal(bytesToBigintLE(Uint8Array.of(1, 0)), 1n);
    assert.equal(bytesToBigintLE(Uint8Array.of(0, 1)), 256n);
    assert.equal(bytesToBigintLE(new Uint8Array(64).fill(0xff)), 2n ** 512n - 1n);
  });

  test('mod reduces into [0, ℓ)', () => {
    assert.equal(mod(-1n), ORDER - 1n);
    assert.equal(mod(ORDER), 0n);
    assert.equal(mod(ORDER + 5n), 5n);
    assert.equal(mod(-ORDER - 5n), ORDER - 5n);
    assert.equal(mod(2n ** 512n - 1n), (2n ** 512n - 1n) % ORDER);
  });

  test('inv: a · inv(a) = 1 (property)', () => {
    fc.assert(
      fc.property(nonZeroScalar, (a) => {
        const i = inv(a);
        assert.ok(i > 0n && i < ORDER);
        assert.equal((a * i) % ORDER, 1n);
      }),
      { numRuns: 200 },
    );
    assert.equal(inv(1n), 1n);
    assert.equal(inv(-1n), ORDER - 1n);
    assert.equal((inv(ORDER + 3n) * 3n) % ORDER, 1n);
  });

  test('inv of zero (or a multiple of ℓ) throws scalar-zero', () => {
    throwsCode(() => inv(0n), 'scalar-zero');
    throwsCode(() => inv(ORDER), 'scalar-zero');
    throwsCode(() => inv(-2n * ORDER), 'scalar-zero');
  });

  test('pow: known values, exponent laws and Fermat (property)', () => {
    assert.equal(pow(2n, 10n), 1024n);
    assert.equal(pow(5n, 0n), 1n);
    assert.equal(pow(0n, 0n), 1n);
    assert.equal(pow(0n, 5n), 0n);
    assert.equal(pow(-1n, 3n), ORDER - 1n);
    assert.equal(pow(2n, 252n), 2n ** 252n);
    assert.equal(pow(2n, 253n), 2n ** 253n % ORDER);
    fc.assert(
      fc.property(nonZeroScalar, scalar, scalar, (a, x, y) => {
        assert.equal(pow(a, ORDER - 1n), 1n);
        assert.equal(pow(a, x + y), (pow(a, x) * pow(a, y)) % ORDER);
        assert.equal(pow(a, ORDER - 2n), inv(a));
      }),
      { numRuns: 50 },
    );
  });

  test('randomScalar is in [1, ℓ) and does not repeat', () => {
    const seen = new Set<bigint>();
    for (let i = 0; i < 200; i++) {
      const r = randomScalar();
      assert.equal(typeof r, 'bigint');
      assert.ok(r >= 1n && r < ORDER, String(r));
      seen.add(r);
    }
    assert.equal(seen.size, 200);
    // Uses the full range: some of 200 draws exceed 2^251 (false with probability 2^-200).
    assert.ok([...seen].some((r) => r >= 2n ** 251n));
  });
});

describe('base64url', () => {
  test('known encodings', () => {
    assert.equal(toBase64url(new Uint8Array(0)), '');
    assert.equal(toBase64url(Uint8Array.of(255)), '_w');
    assert.equal(toBase64url(Uint8Array.of(0xfb, 0xff)), '-_8');
    assert.equal(toBase64url(utf8('abc')), 'YWJj');
    assert.deepEqual(fromBase64url('_w'), Uint8Array.of(255));
    assert.deepEqual(fromBase64url('-_8'), Uint8Array.of(0xfb, 0xff));
    assert.deepEqual(fromBase64url(''), new Uint8Array(0));
  });

  test('toBase64url of a subarray encodes only that view', () => {
    const whole = Uint8Array.of(1, 2, 3, 4, 5);
    assert.equal(toBase64url(whole.subarray(1, 3)), toBase64url(Uint8Array.of(2, 3)));
  });

  test('round trip (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = toBase64url(bytes);
        assert.match(text, /^[A-Za-z0-9_-]*$/);
        assert.deepEqual(fromBase64url(text), bytes);
        assert.deepEqual(fromBase64url(text, bytes.length), bytes);
      }),
      { numRuns: 500 },
    );
  });

  test('rejects padding, the standard alphabet and other characters with bad-encoding', () => {
    for (const bad of ['AA==', 'AA=', 'AAA=', '+w', '/w', '-_8=', 'A A', ' AA', 'AA\n', 'AA.', 'é', 'A']) {
      throwsCode(() => fromBase64url(bad), 'bad-encoding', JSON.stringify(bad));
    }
  });

  test('rejects non-canonical tails with bad-encoding', () => {
    // 'AB' and 'AA' both decode to the single byte 00 (the 4 spare bits differ); only 'AA' is canonical.
    assert.deepEqual(new Uint8Array(Buffer.from('AB', 'base64url')), Uint8Array.of(0));
    for (const [bad, canonical] of [
      ['AB', 'AA'],
      ['Ah', 'Ag'],
      ['_x', '_w'],
      ['AAB', 'AAA'],
      ['-_9', '-_8'],
    ] as const) {
      throwsCode(() => fromBase64url(bad), 'bad-encoding', bad);
      assert.equal(toBase64url(fromBase64url(canonical)), canonical);
    }
  });

  test('every accepted text is the canonical form of its bytes (property)', () => {
    const text = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(text, (t) => {
        let bytes: Uint8Array;
        try {
          bytes = fromBase64url(t);
        } catch (e) {
          assert.ok(e instanceof CryptoError && e.code === 'bad-encoding');
          return;
        }
        assert.equal(toBase64url(bytes), t);
      }),
      { numRuns: 1000 },
    );
  });

  test('checks the expected length with bad-length', () => {
    const text = toBase64url(new Uint8Array(32));
    assert.equal(fromBase64url(text, 32).length, 32);
    throwsCode(() => fromBase64url(text, 31), 'bad-length');
    throwsCode(() => fromBase64url(text, 33), 'bad-length');
    throwsCode(() => fromBase64url('', 1), 'bad-length');
  });
});

describe('hex', () => {
  test('round trip (property) and lower-case output', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const h = toHex(bytes);
        assert.match(h, /^(?:[0-9a-f]{2})*$/);
        assert.deepEqual(fromHex(h), bytes);
      }),
      { numRuns: 300 },
    );
    assert.equal(toHex(Uint8Array.of(1, 171)), '01ab');
    assert.deepEqual(fromHex('01AB'), Uint8Array.of(1, 171));
    assert.deepEqual(fromHex(''), new Uint8Array(0));
  });

  test('fromHex rejects odd length and non-hex with bad-encoding', () => {
    for (const bad of ['a', 'abc', '0', 'zz', 'g0', '0x00', ' 00', '00 ', '0-', 'é0']) {
      throwsCode(() => fromHex(bad), 'bad-encoding', JSON.stringify(bad));
    }
  });
});

describe('uintBE', () => {
  test('writes fixed-width big-endian integers', () => {
    assert.equal(toHex(uintBE(0, 4)), '00000000');
    assert.equal(toHex(uintBE(1, 4)), '00000001');
    assert.equal(toHex(uintBE(0x01020304, 4)), '01020304');
    assert.equal(toHex(uintBE(0xffffffff, 4)), 'ffffffff');
    assert.equal(toHex(uintBE(255, 1)), 'ff');
    assert.equal(toHex(uintBE(Number.MAX_SAFE_INTEGER, 8)), '001fffffffffffff');
  });

  test('rejects negatives, overflow and non-integers with bad-parameters', () => {
    for (const [value, width] of [
      [-1, 4],
      [256, 1],
      [2 ** 32, 4],
      [2 ** 16, 2],
      [1.5, 4],
      [Number.NaN, 4],
      [Number.POSITIVE_INFINITY, 8],
      [2 ** 53, 8],
      [1, 0],
    ] as const) {
      throwsCode(() => uintBE(value, width), 'bad-parameters', `uintBE(${value}, ${width})`);
    }
  });
});

describe('equalBytes and concatBytes', () => {
  test('equalBytes compares content and length', () => {
    const a = Uint8Array.of(1, 2, 3, 4);
    assert.equal(equalBytes(a, Uint8Array.of(1, 2, 3, 4)), true);
    assert.equal(equalBytes(new Uint8Array(0), new Uint8Array(0)), true);
    assert.equal(equalBytes(a, Uint8Array.of(1, 2, 3)), false);
    assert.equal(equalBytes(a, Uint8Array.of(1, 2, 3, 4, 0)), false);
    for (let i = 0; i < a.length; i++) {
      for (const bit of [1, 0x80]) {
        const c = Uint8Array.from(a);
        c[i]! ^= bit;
        assert.equal(equalBytes(a, c), false, `byte ${i}, bit ${bit}`);
      }
    }
  });

  test('equalBytes agrees with Buffer.equals (property)', () => {
    const small = fc.uint8Array({ maxLength: 4 }).map((x) => x.map((v) => v & 3));
    fc.assert(
      fc.property(small, small, (x, y) => {
        assert.equal(equalBytes(x, y), Buffer.from(x).equals(Buffer.from(y)));
      }),
      { numRuns: 500 },
    );
  });

  test('concatBytes joins in order', () => {
    assert.deepEqual(concatBytes(), new Uint8Array(0));
    assert.deepEqual(
      concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3)),
      Uint8Array.of(1, 2, 3),
    );
    assert.deepEqual(utf8('é'), Uint8Array.of(195, 169));
  });
});
