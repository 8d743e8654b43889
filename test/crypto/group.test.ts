/**
 * ristretto255 (src/crypto/group*.ts): the RFC 9496 Appendix A vectors, input validation and group laws,
 * run on every backend, plus cross-backend agreement (libsodium and @noble/curves must give the same bytes).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import libsodium from 'libsodium-wrappers-sumo';
import { loadBothGroups } from '../../src/crypto/backends.ts';
import { fromHex, toHex, utf8 } from '../../src/crypto/bytes.ts';
import { CryptoError, type CryptoErrorCode } from '../../src/crypto/errors.ts';
import type { Element, Group } from '../../src/crypto/group.ts';
import { hashToElement, power, randomElement } from '../../src/crypto/group.ts';
import { expandMessageXmdSha512 } from '../../src/crypto/hash.ts';
import { mod, ORDER } from '../../src/crypto/scalar.ts';

interface Rfc9496Vectors {
  generatorMultiples: string[];
  invalidEncodings: { hex: string; reason: string }[];
  oneWayMap: { input: string; output: string }[];
  oneWayMapSameOutput: { input: string; output: string }[];
}

const vectors: Rfc9496Vectors = JSON.parse(
  readFileSync(new URL('../vectors/rfc9496.json', import.meta.url), 'utf8'),
);

const groups = await loadBothGroups();
const [sodium, noble] = groups as [Group, Group];

const RUNS = { numRuns: 50 };
const scalar = fc.bigInt({ min: 0n, max: ORDER - 1n });
const uniform64 = fc.uint8Array({ minLength: 64, maxLength: 64 });

/** Asserts that `fn` throws a CryptoError with the given code. */
function throwsCode(fn: () => unknown, code: CryptoErrorCode, message?: string): void {
  assert.throws(
    fn,
    (e: unknown) => e instanceof CryptoError && e.code === code,
    message ?? `expected CryptoError ${code}`,
  );
}

const hex = (group: Group, a: Element) => toHex(group.encode(a));

test('the backends are sodium and noble, in that order', () => {
  assert.deepEqual(
    groups.map((g) => g.backend),
    ['sodium', 'noble'],
  );
});

for (const group of groups) {
  const b = group.backend;
  const other = group === sodium ? noble : sodium;

  describe(`ristretto255 on ${b}`, () => {
    test(`${b}: RFC 9496 A.1 — encode(mulBase(i)) is the i-th generator multiple, i = 0..15`, () => {
      assert.equal(vectors.generatorMultiples.length, 16);
      vectors.generatorMultiples.forEach((expected, i) => {
        assert.equal(hex(group, group.mulBase(BigInt(i))), expected, `i = ${i}`);
      });
    });

    test(`${b}: RFC 9496 A.1 — identity and generator constants, and repeated addition of B`, () => {
      assert.equal(hex(group, group.identity), vectors.generatorMultiples[0]);
      assert.equal(hex(group, group.generator), vectors.generatorMultiples[1]);
      let acc = group.identity;
      vectors.generatorMultiples.forEach((expected, i) => {
        assert.equal(hex(group, acc), expected, `sum of ${i} copies of B`);
        acc = group.add(acc, group.generator);
      });
    });

    test(`${b}: RFC 9496 A.1 — decode then encode round-trips every multiple`, () => {
      vectors.generatorMultiples.forEach((expected, i) => {
        const bytes = fromHex(expected);
        const decoded = i === 0 ? group.decode(bytes, { allowIdentity: true }) : group.decode(bytes);
        assert.equal(hex(group, decoded), expected, `i = ${i}`);
        assert.ok(group.equals(decoded, group.mulBase(BigInt(i))), `i = ${i}`);
        assert.equal(group.isIdentity(decoded), i === 0, `i = ${i}`);
      });
    });

    test(`${b}: decoding the identity without allowIdentity throws identity-not-allowed`, () => {
      const zero = fromHex(vectors.generatorMultiples[0]!);
      throwsCode(() => group.decode(zero), 'identity-not-allowed');
      throwsCode(() => group.decode(zero, {}), 'identity-not-allowed');
      throwsCode(() => group.decode(zero, { allowIdentity: false }), 'identity-not-allowed');
    });

    test(`${b}: RFC 9496 A.2 — every invalid encoding throws non-canonical-element`, () => {
      assert.equal(vectors.invalidEncodings.length, 29);
      for (const { hex: h, reason } of vectors.invalidEncodings) {
        throwsCode(() => group.decode(fromHex(h)), 'non-canonical-element', `${reason}: ${h}`);
        throwsCode(
          () => group.decode(fromHex(h), { allowIdentity: true }),
          'non-canonical-element',
          `${reason} (allowIdentity): ${h}`,
        );
      }
    });

    test(`${b}: RFC 9496 A.3 — fromUniformBytes gives the listed outputs`, () => {
      const all = [...vectors.oneWayMap, ...vectors.oneWayMapSameOutput];
      assert.equal(all.length, 11);
      for (const { input, output } of all) {
        assert.equal(hex(group, group.fromUniformBytes(fromHex(input))), output, input);
      }
    });

    test(`${b}: fromUniformBytes rejects anything but 64 bytes with bad-length`, () => {
      for (const n of [0, 32, 63, 65, 128]) {
        throwsCode(() => group.fromUniformBytes(new Uint8Array(n)), 'bad-length', `${n} bytes`);
      }
    });

    test(`${b}: decode rejects anything but 32 bytes with bad-length`, () => {
      const valid = fromHex(vectors.generatorMultiples[1]!);
      for (const n of [0, 1, 31, 33, 64]) {
        const bytes = new Uint8Array(n);
        bytes.set(valid.subarray(0, Math.min(n, 32)));
        throwsCode(() => group.decode(bytes), 'bad-length', `${n} bytes`);
        throwsCode(() => group.decode(bytes, { allowIdentity: true }), 'bad-length', `${n} bytes`);
      }
    });

    test(`${b}: mul and mulBase reject scalars outside [0, ℓ) with scalar-out-of-range`, () => {
      const p = group.mulBase(7n);
      for (const k of [ORDER, ORDER + 1n, 2n ** 256n - 1n, 2n ** 256n, -1n, -ORDER]) {
        throwsCode(() => group.mulBase(k), 'scalar-out-of-range', `mulBase(${k})`);
        throwsCode(() => group.mul(p, k), 'scalar-out-of-range', `mul(P, ${k})`);
      }
      // The boundary values inside the range are accepted.
      assert.equal(hex(group, group.mulBase(ORDER - 1n)), hex(group, group.neg(group.generator)));
      assert.ok(group.isIdentity(group.mulBase(0n)));
      assert.ok(group.isIdentity(group.mul(p, 0n)));
    });

    test(`${b}: an element of the ${other.backend} backend is rejected with bad-parameters`, () => {
      const foreign = other.mulBase(5n);
      const mine = group.mulBase(5n);
      throwsCode(() => group.encode(foreign), 'bad-parameters', 'encode');
      throwsCode(() => group.add(mine, foreign), 'bad-parameters', 'add(mine, foreign)');
      throwsCode(() => group.add(foreign, mine), 'bad-parameters', 'add(foreign, mine)');
      throwsCode(() => group.sub(mine, foreign), 'bad-parameters', 'sub');
      throwsCode(() => group.neg(foreign), 'bad-parameters', 'neg');
      throwsCode(() => group.mul(foreign, 3n), 'bad-parameters', 'mul');
      throwsCode(() => group.sum([mine, foreign]), 'bad-parameters', 'sum');
      throwsCode(() => group.equals(mine, foreign), 'bad-parameters', 'equals');
      throwsCode(() => group.isIdentity(other.identity), 'bad-parameters', 'isIdentity');
    });

    test(`${b}: elements do not alias the bytes they were decoded from or encoded to`, () => {
      const bytes = fromHex(vectors.generatorMultiples[3]!);
      const p = group.decode(bytes);
      bytes.fill(0);
      assert.equal(hex(group, p), vectors.generatorMultiples[3]);
      const out = group.encode(group.generator);
      out.fill(0xff);
      assert.equal(hex(group, group.generator), vectors.generatorMultiples[1]);
    });

    test(`${b}: group laws (property)`, () => {
      fc.assert(
        fc.property(scalar, scalar, (x, y) => {
          const a = group.mulBase(x);
          const c = group.mulBase(y);
          // a·G + b·G = (a+b)·G
          assert.equal(hex(group, group.add(a, c)), hex(group, group.mulBase(mod(x + y))));
          // a·G − b·G = (a−b)·G and sub is add of neg
          assert.equal(hex(group, group.sub(a, c)), hex(group, group.mulBase(mod(x - y))));
          assert.equal(hex(group, group.sub(a, c)), hex(group, group.add(a, group.neg(c))));
          // b·(a·G) = (ab)·G
          assert.equal(hex(group, group.mul(a, y)), hex(group, group.mulBase(mod(x * y))));
          // (ℓ−1)·P = −P
          assert.equal(hex(group, group.mul(a, ORDER - 1n)), hex(group, group.neg(a)));
          // P − P is the identity; isIdentity and equals agree
          const z = group.sub(a, a);
          assert.ok(group.isIdentity(z));
          assert.ok(group.equals(z, group.identity));
          assert.equal(group.isIdentity(a), x === 0n);
          assert.equal(group.equals(a, group.identity), group.isIdentity(a));
          assert.equal(group.equals(a, c), x === y);
          assert.equal(group.equals(a, group.mulBase(x)), true);
        }),
        RUNS,
      );
    });

    test(`${b}: identity edge cases`, () => {
      const p = group.mulBase(11n);
      assert.ok(group.isIdentity(group.identity));
      assert.ok(!group.isIdentity(group.generator));
      assert.ok(group.isIdentity(group.neg(group.identity)));
      assert.ok(group.isIdentity(group.mul(group.identity, 12345n)));
      assert.ok(group.isIdentity(group.sum([])));
      assert.ok(group.equals(group.add(p, group.identity), p));
      assert.ok(group.equals(group.mul(p, 1n), p));
      assert.ok(group.isIdentity(group.add(p, group.neg(p))));
    });

    test(`${b}: sum equals repeated add and mulBase of the scalar sum`, () => {
      const ks = [3n, 5n, ORDER - 1n, 0n, 123456789n];
      const s = group.sum(ks.map((k) => group.mulBase(k)));
      const total = mod(ks.reduce((x, y) => x + y, 0n));
      assert.equal(hex(group, s), hex(group, group.mulBase(total)));
      // sum accepts any iterable, not only arrays
      function* gen() {
        for (const k of ks) yield group.mulBase(k);
      }
      assert.equal(hex(group, group.sum(gen())), hex(group, s));
    });

    test(`${b}: power uses the generator path and agrees with mul`, () => {
      const p = group.mulBase(9n);
      assert.equal(hex(group, power(group, group.generator, 42n)), hex(group, group.mulBase(42n)));
      assert.equal(hex(group, power(group, p, 42n)), hex(group, group.mulBase(mod(9n * 42n))));
      throwsCode(() => power(group, group.generator, ORDER), 'scalar-out-of-range');
    });

    test(`${b}: randomElement is a valid non-identity element and varies`, () => {
      const seen = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const e = randomElement(group);
        assert.ok(!group.isIdentity(e));
        const h = hex(group, e);
        assert.equal(hex(group, group.decode(fromHex(h))), h);
        seen.add(h);
      }
      assert.equal(seen.size, 5);
    });

    test(`${b}: hashToElement is deterministic, valid, and is the RFC 9380 hash_to_ristretto255 construction`, () => {
      const parts = [utf8('election-1'), new Uint8Array([1, 2, 3])];
      const h = hashToElement(group, 'generator/pedersen', parts);
      assert.equal(hex(group, h), hex(group, hashToElement(group, 'generator/pedersen', parts)));
      assert.ok(!group.isIdentity(h));
      assert.equal(hex(group, group.decode(group.encode(h))), hex(group, h));
      // transcript of [e, 1 2 3]: u32be length then bytes for each part; DST is psephos/v1/<purpose>
      const message = Uint8Array.from([0, 0, 0, 10, ...utf8('election-1'), 0, 0, 0, 3, 1, 2, 3]);
      const expected = group.fromUniformBytes(
        expandMessageXmdSha512(message, 'psephos/v1/generator/pedersen', 64),
      );
      assert.equal(hex(group, h), hex(group, expected));
      throwsCode(() => hashToElement(group, 'Generator', parts), 'bad-parameters');
    });
  });
}

describe('sodium and noble agree', () => {
  const same = (f: (g: Group) => Element, what: string) =>
    assert.equal(hex(sodium, f(sodium)), hex(noble, f(noble)), what);

  test('sodium vs noble: mulBase (property)', () => {
    fc.assert(
      fc.property(scalar, (k) => same((g) => g.mulBase(k), `mulBase(${k})`)),
      RUNS,
    );
  });

  test('sodium vs noble: fromUniformBytes (property)', () => {
    fc.assert(
      fc.property(uniform64, (u) => same((g) => g.fromUniformBytes(u), `fromUniformBytes(${toHex(u)})`)),
      RUNS,
    );
  });

  test('sodium vs noble: mul of a decoded random point (property)', () => {
    fc.assert(
      fc.property(uniform64, scalar, (u, k) => {
        const encoded = sodium.encode(sodium.fromUniformBytes(u));
        same((g) => g.mul(g.decode(encoded), k), `mul(${toHex(encoded)}, ${k})`);
      }),
      RUNS,
    );
  });

  test('sodium vs noble: add, sub, neg and sum of decoded points (property)', () => {
    fc.assert(
      fc.property(scalar, scalar, fc.array(scalar, { maxLength: 5 }), (x, y, zs) => {
        const ex = sodium.encode(sodium.mulBase(x));
        const ey = noble.encode(noble.mulBase(y));
        const ezs = zs.map((z) => sodium.encode(sodium.mulBase(z)));
        const dec = (g: Group, bytes: Uint8Array) => g.decode(bytes, { allowIdentity: true });
        same((g) => g.add(dec(g, ex), dec(g, ey)), 'add');
        same((g) => g.sub(dec(g, ex), dec(g, ey)), 'sub');
        same((g) => g.sub(dec(g, ex), dec(g, ex)), 'sub(x, x)');
        same((g) => g.neg(dec(g, ex)), 'neg');
        same((g) => g.sum(ezs.map((e) => dec(g, e))), 'sum');
      }),
      RUNS,
    );
  });

  test('sodium vs noble: decode accepts and rejects the same 32-byte strings (property)', () => {
    // Random 32-byte strings (mostly invalid), single-bit corruptions of valid encodings, valid encodings.
    const corrupted = fc.tuple(scalar, fc.integer({ min: 0, max: 255 })).map(([k, bit]) => {
      const bytes = noble.encode(noble.mulBase(k));
      bytes[bit >> 3]! ^= 1 << (bit & 7);
      return bytes;
    });
    const outcome = (g: Group, bytes: Uint8Array): string => {
      try {
        return `ok:${hex(g, g.decode(bytes, { allowIdentity: true }))}`;
      } catch (e) {
        if (e instanceof CryptoError) return `error:${e.code}`;
        throw e;
      }
    };
    const valid = scalar.map((k) => noble.encode(noble.mulBase(k)));
    const candidates = fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), corrupted, valid);
    let accepted = 0;
    fc.assert(
      fc.property(candidates, (bytes) => {
        const s = outcome(sodium, bytes);
        assert.equal(s, outcome(noble, bytes), toHex(bytes));
        if (s.startsWith('ok:')) {
          accepted++;
          assert.equal(s, `ok:${toHex(bytes)}`, 'decode→encode is the identity map');
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(accepted > 0 && accepted < 300, `${accepted} of 300 accepted`);
  });

  test('sodium keeps working after libsodium grows its WASM memory', () => {
    const raw = (libsodium as unknown as { libsodium: { HEAPU8: Uint8Array } }).libsodium;
    const before = raw.HEAPU8.length;
    const p = sodium.mulBase(12345n);
    // Any other use of libsodium may grow its heap, which replaces the heap's ArrayBuffer.
    libsodium.crypto_generichash(32, new Uint8Array(before + 1024 * 1024), null);
    assert.ok(raw.HEAPU8.length > before, 'the heap grew');
    same((g) => g.add(g.mul(g.decode(sodium.encode(p)), 3n), g.mulBase(7n)), 'after growth');
    same((g) => g.fromUniformBytes(new Uint8Array(64).fill(9)), 'fromUniformBytes after growth');
  });

  test('sodium vs noble: hashToElement gives the same bytes', () => {
    for (const [purpose, parts] of [
      ['generator/pedersen', []],
      ['generator/pedersen', [utf8('election-1')]],
      ['test/x', [new Uint8Array(0), new Uint8Array(1000).fill(7)]],
    ] as [string, Uint8Array[]][]) {
      same((g) => hashToElement(g, purpose, parts), `${purpose} / ${parts.length} parts`);
    }
  });

  test('sodium vs noble: hashToElement differs by purpose and by parts', () => {
    const a = utf8('a');
    const bb = utf8('b');
    const ab = utf8('ab');
    for (const g of groups) {
      const outputs = [
        hashToElement(g, 'generator/one', [ab]),
        hashToElement(g, 'generator/two', [ab]),
        hashToElement(g, 'generator/one', [a, bb]),
        hashToElement(g, 'generator/one', [a, new Uint8Array(0), bb]),
        hashToElement(g, 'generator/one', []),
        hashToElement(g, 'generator/one', [new Uint8Array(0)]),
      ].map((e) => hex(g, e));
      assert.equal(new Set(outputs).size, outputs.length, `${g.backend}: all distinct`);
    }
  });
});
