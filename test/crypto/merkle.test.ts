import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fromHex, toHex } from '../../src/crypto/bytes.ts';
import { CryptoError } from '../../src/crypto/errors.ts';
import {
  EMPTY_ROOT,
  leafHash,
  MerkleAccumulator,
  MerkleTree,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../../src/crypto/merkle.ts';
import vectors from '../vectors/merkle-rfc9162.json' with { type: 'json' };

// Reference definitions, written straight from RFC 9162 §2.1 over node:crypto (not @noble/hashes), to
// check the stored-level tree and the bit-walking verifiers against something independent.
const sha = (...parts: Uint8Array[]) =>
  new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
const ONE = new Uint8Array([1]);
const split = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1); // largest power of two < n, for n ≥ 2

function refRoot(d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha();
  if (d.length === 1) return d[0]!;
  const k = split(d.length);
  return sha(ONE, refRoot(d.slice(0, k)), refRoot(d.slice(k)));
}

function refPath(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const k = split(d.length);
  if (m < k) return [...refPath(m, d.slice(0, k)), refRoot(d.slice(k))];
  return [...refPath(m - k, d.slice(k)), refRoot(d.slice(0, k))];
}

function refSubproof(m: number, d: readonly Uint8Array[], known: boolean): Uint8Array[] {
  if (m === d.length) return known ? [] : [refRoot(d)];
  const k = split(d.length);
  if (m <= k) return [...refSubproof(m, d.slice(0, k), known), refRoot(d.slice(k))];
  return [...refSubproof(m - k, d.slice(k), false), refRoot(d.slice(0, k))];
}

const refProof = (m: number, d: readonly Uint8Array[]) => (m === 0 ? [] : refSubproof(m, d, true));

/** The side of each sibling in PATH(m, D[n]), leaf first: all a verifier learns about (m, n). */
function pathShape(m: number, n: number): string {
  if (n === 1) return '';
  const k = split(n);
  return m < k ? `${pathShape(m, k)}R` : `${pathShape(m - k, n - k)}L`;
}

const hexes = (hs: readonly Uint8Array[]) => hs.map(toHex);
const sameList = (x: readonly Uint8Array[], y: readonly Uint8Array[]) => hexes(x).join() === hexes(y).join();
const treeOf = (leaves: readonly Uint8Array[]) => {
  const tree = new MerkleTree();
  for (const h of leaves) tree.append(h);
  return tree;
};
const flipBit = (h: Uint8Array, bit: number) => {
  const out = h.slice();
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
};
const replaceAt = <T>(list: readonly T[], i: number, value: T) => list.map((x, j) => (j === i ? value : x));
const throwsBadParameters = (f: () => unknown) =>
  assert.throws(f, (e: unknown) => e instanceof CryptoError && e.code === 'bad-parameters');

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
/** Leaf lists may repeat leaves: roots and proofs must not care. `size: 'max'` lets them reach 70 (past 64). */
const anyLeaves = fc.array(hash32, { maxLength: 70, size: 'max' });
/** Negative tests need distinct leaves, or swapping two equal leaves would rightly still verify. */
const distinctLeaves = fc.uniqueArray(hash32, { minLength: 1, maxLength: 70, selector: toHex, size: 'max' });
/** A tree, a size within it, an index below that size, and spare randomness for picking a mutation. */
const inclusionCase = distinctLeaves.chain((leaves) =>
  fc.integer({ min: 1, max: leaves.length }).chain((size) =>
    fc.record({
      leaves: fc.constant(leaves),
      size: fc.constant(size),
      index: fc.nat(size - 1),
      pick: fc.nat(),
      bit: fc.nat(255),
    }),
  ),
);
const consistencyCase = distinctLeaves.chain((leaves) =>
  fc.integer({ min: 0, max: leaves.length }).chain((newSize) =>
    fc.record({
      leaves: fc.constant(leaves),
      newSize: fc.constant(newSize),
      oldSize: fc.nat(newSize),
      pick: fc.nat(),
      bit: fc.nat(255),
    }),
  ),
);

describe('merkle: the Certificate Transparency reference tree (transparency-dev/merkle)', () => {
  const leaves = vectors.leafInputs.map((d) => leafHash(fromHex(d)));
  const tree = treeOf(leaves);
  const root = (n: number) => fromHex(vectors.roots[n]!);

  it('hashes leaves and nodes to the published complete-subtree hashes', () => {
    assert.deepEqual(hexes(leaves), vectors.nodeHashes[0]);
    for (let level = 1; level < vectors.nodeHashes.length; level++) {
      const below = vectors.nodeHashes[level - 1]!.map(fromHex);
      const built = vectors.nodeHashes[level]!.map((_, i) => nodeHash(below[2 * i]!, below[2 * i + 1]!));
      assert.deepEqual(hexes(built), vectors.nodeHashes[level]);
    }
  });

  it('gives the published root for every size 0..8, by every route', () => {
    const acc = new MerkleAccumulator();
    for (let n = 0; n <= 8; n++) {
      assert.equal(toHex(tree.root(n)), vectors.roots[n], `tree.root(${n})`);
      assert.equal(toHex(rootOf(leaves.slice(0, n))), vectors.roots[n], `rootOf, size ${n}`);
      assert.equal(toHex(acc.root()), vectors.roots[n], `accumulator, size ${n}`);
      if (n < 8) acc.append(leaves[n]!);
    }
  });

  for (const v of vectors.inclusionProofs) {
    it(`inclusion proof for index ${v.index} of size ${v.size}: built, verified, corruptions rejected`, () => {
      const proof = v.proof.map(fromHex);
      const leaf = leaves[v.index]!;
      assert.deepEqual(hexes(tree.inclusionProof(v.index, v.size)), v.proof);
      assert.ok(verifyInclusion(leaf, v.index, v.size, proof, root(v.size)));
      const some = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');
      type Probe = [
        what: string,
        index: number,
        size: number,
        leaf: Uint8Array,
        proof: Uint8Array[],
        root: Uint8Array,
      ];
      const probes: Probe[] = [
        ['index - 1', v.index - 1, v.size, leaf, proof, root(v.size)],
        ['index + 1', v.index + 1, v.size, leaf, proof, root(v.size)],
        ['index ^ 2', v.index ^ 2, v.size, leaf, proof, root(v.size)],
        ['size * 2', v.index, v.size * 2, leaf, proof, root(v.size)],
        ['size / 2', v.index, Math.floor(v.size / 2), leaf, proof, root(v.size)],
        ['wrong leaf', v.index, v.size, leafHash(new Uint8Array([9])), proof, root(v.size)],
        ['empty-tree root', v.index, v.size, leaf, proof, EMPTY_ROOT],
        ['other root', v.index, v.size, leaf, proof, some],
        ['trailing root', v.index, v.size, leaf, [...proof, root(v.size)], root(v.size)],
        ['preceding root', v.index, v.size, leaf, [root(v.size), ...proof], root(v.size)],
        ['trailing garbage', v.index, v.size, leaf, [...proof, new Uint8Array(0)], root(v.size)],
        ...proof.map((p, i): Probe => {
          return [
            `proof[${i}] bit 3`,
            v.index,
            v.size,
            leaf,
            replaceAt(proof, i, flipBit(p, 3)),
            root(v.size),
          ];
        }),
      ];
      if (proof.length > 0) probes.push(['removed', v.index, v.size, leaf, proof.slice(0, -1), root(v.size)]);
      if (proof.length > 1) {
        probes.push(['inserted', v.index, v.size, leaf, [proof[0]!, some, ...proof.slice(1)], root(v.size)]);
      }
      for (const [what, index, size, l, p, r] of probes) {
        assert.equal(verifyInclusion(l, index, size, p, r), false, what);
      }
    });
  }

  for (const v of vectors.consistencyProofs) {
    it(`consistency proof from size ${v.oldSize} to ${v.newSize}: built, verified, corruptions rejected`, () => {
      const proof = v.proof.map(fromHex);
      const [m, n, r1, r2] = [v.oldSize, v.newSize, root(v.oldSize), root(v.newSize)];
      assert.deepEqual(hexes(tree.consistencyProof(m, n)), v.proof);
      assert.ok(verifyConsistency(m, n, r1, r2, proof));
      if (proof.length === 0) return; // equal sizes: nothing to corrupt beyond the roots (tested below)
      type Probe = [
        what: string,
        oldSize: number,
        newSize: number,
        oldRoot: Uint8Array,
        newRoot: Uint8Array,
        proof: Uint8Array[],
      ];
      const probes: Probe[] = [
        ['old size - 1', m - 1, n, r1, r2, proof],
        ['old size + 1', m + 1, n, r1, r2, proof],
        ['old size ^ 2', m ^ 2, n, r1, r2, proof],
        ['new size * 2', m, n * 2, r1, r2, proof],
        ['new size / 2', m, Math.floor(n / 2), r1, r2, proof],
        ['wrong old root', m, n, leafHash(new Uint8Array([9])), r2, proof],
        ['wrong new root', m, n, r1, leafHash(new Uint8Array([9])), proof],
        ['swapped roots', m, n, r2, r1, proof],
        ['empty proof', m, n, r1, r2, []],
        ['trailing old root', m, n, r1, r2, [...proof, r1]],
        ['trailing new root', m, n, r1, r2, [...proof, r2]],
        ['preceding old root', m, n, r1, r2, [r1, ...proof]],
        ['preceding new root', m, n, r1, r2, [r2, ...proof]],
        ['preceding proof[0]', m, n, r1, r2, [proof[0]!, ...proof]],
        ['truncated', m, n, r1, r2, proof.slice(0, -1)],
        ...proof.map(
          (p, i): Probe => [`proof[${i}] bit 4`, m, n, r1, r2, replaceAt(proof, i, flipBit(p, 4))],
        ),
      ];
      for (const [what, a, b, x, y, p] of probes) assert.equal(verifyConsistency(a, b, x, y, p), false, what);
    });
  }
});

describe('merkle: the worked example of RFC 9162 §2.1.5 (seven leaves)', () => {
  const d = (n: number) => leafHash(fromHex(vectors.leafInputs[n]!));
  const [a, b, c, dd, e, f, j] = [d(0), d(1), d(2), d(3), d(4), d(5), d(6)];
  const [g, h, i] = [nodeHash(a, b), nodeHash(c, dd), nodeHash(e, f)];
  const [k, l] = [nodeHash(g, h), nodeHash(i, j)];
  const tree = treeOf([a, b, c, dd, e, f, j]);

  it('has root hash(k, l) and the inclusion proofs the RFC lists', () => {
    assert.deepEqual(tree.root(), nodeHash(k, l));
    assert.deepEqual(tree.inclusionProof(0), [b, h, l]);
    assert.deepEqual(tree.inclusionProof(3), [c, g, l]);
    assert.deepEqual(tree.inclusionProof(4), [f, j, k]);
    assert.deepEqual(tree.inclusionProof(6), [i, k]);
  });

  it('has the consistency proofs the RFC lists for sizes 3, 4 and 6', () => {
    assert.deepEqual(tree.consistencyProof(3), [c, dd, g, l]);
    assert.deepEqual(tree.consistencyProof(4), [l]);
    assert.deepEqual(tree.consistencyProof(6), [i, j, k]);
  });
});

describe('merkle: edge cases', () => {
  const leaves = Array.from({ length: 70 }, (_, n) => sha(new Uint8Array([n])));

  it('has SHA-256("") as the empty root, everywhere', () => {
    assert.equal(toHex(EMPTY_ROOT), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.deepEqual(new MerkleTree().root(), EMPTY_ROOT);
    assert.deepEqual(new MerkleAccumulator().root(), EMPTY_ROOT);
    assert.deepEqual(rootOf([]), EMPTY_ROOT);
  });

  it('hashes leaves with 0x00 and nodes with 0x01', () => {
    assert.deepEqual(leafHash(new Uint8Array([7, 8])), sha(new Uint8Array([0, 7, 8])));
    assert.deepEqual(nodeHash(leaves[0]!, leaves[1]!), sha(ONE, leaves[0]!, leaves[1]!));
  });

  it('makes the single leaf the root of a size-1 tree, with an empty inclusion proof', () => {
    const tree = treeOf([leaves[0]!]);
    assert.deepEqual(tree.root(), leaves[0]);
    assert.deepEqual(tree.inclusionProof(0), []);
    assert.ok(verifyInclusion(leaves[0]!, 0, 1, [], leaves[0]!));
  });

  it('matches the RFC definitions exactly at every size up to 70, around every power of two', () => {
    const tree = treeOf(leaves);
    const acc = new MerkleAccumulator();
    for (let n = 0; n <= 70; n++) {
      const prefix = leaves.slice(0, n);
      assert.deepEqual(tree.root(n), refRoot(prefix), `root(${n})`);
      assert.deepEqual(acc.root(), refRoot(prefix), `accumulator at ${n}`);
      if (n < 70) acc.append(leaves[n]!);
      for (let m = 0; m < n; m++)
        assert.deepEqual(tree.inclusionProof(m, n), refPath(m, prefix), `PATH(${m}, ${n})`);
      for (let m = 0; m <= n; m++)
        assert.deepEqual(tree.consistencyProof(m, n), refProof(m, prefix), `PROOF(${m}, ${n})`);
    }
    // A complete tree of 2^h leaves needs h siblings; one leaf more sits alone under the root.
    for (const h of [0, 1, 2, 3, 4, 5, 6]) {
      assert.ok(leaves.slice(0, 2 ** h).every((_, m) => tree.inclusionProof(m, 2 ** h).length === h));
      assert.deepEqual(tree.inclusionProof(2 ** h, 2 ** h + 1), [tree.root(2 ** h)]);
    }
  });

  it('rejects out-of-range indices and sizes in inclusion checks', () => {
    const tree = treeOf(leaves.slice(0, 5));
    const [leaf, proof, root] = [tree.leaf(4), tree.inclusionProof(4), tree.root()];
    assert.ok(verifyInclusion(leaf, 4, 5, proof, root));
    for (const [index, size] of [
      [5, 5],
      [6, 5],
      [0, 0],
      [-1, 5],
      [4.5, 5],
      [4, 5.5],
      [4, Number.NaN],
      [4, 2 ** 53],
    ] as const) {
      assert.equal(verifyInclusion(leaf, index, size, proof, root), false, `index ${index}, size ${size}`);
    }
  });

  it('rejects hashes that are not 32 bytes, and proofs that are not arrays, without throwing', () => {
    const tree = treeOf(leaves.slice(0, 5));
    const [leaf, proof, root] = [tree.leaf(1), tree.inclusionProof(1), tree.root()];
    const long = new Uint8Array(33);
    assert.equal(verifyInclusion(long, 1, 5, proof, root), false);
    assert.equal(verifyInclusion(leaf, 1, 5, proof, long), false);
    assert.equal(verifyInclusion(leaf, 1, 5, [...proof.slice(0, -1), long], root), false);
    assert.equal(verifyInclusion(leaf, 1, 5, null as unknown as Uint8Array[], root), false);
    const cp = tree.consistencyProof(3);
    assert.equal(verifyConsistency(3, 5, long, root, cp), false);
    assert.equal(verifyConsistency(3, 5, tree.root(3), root, [...cp, long]), false);
    assert.equal(verifyConsistency(3, 5, tree.root(3), root, 'x' as unknown as Uint8Array[]), false);
  });

  it('handles consistency between equal sizes and from the empty tree as documented', () => {
    const tree = treeOf(leaves.slice(0, 6));
    const [r0, r3, r6] = [tree.root(0), tree.root(3), tree.root(6)];
    assert.ok(verifyConsistency(3, 3, r3, r3, []));
    assert.equal(verifyConsistency(3, 3, r3, r6, []), false, 'equal sizes, different roots');
    assert.equal(verifyConsistency(3, 3, r3, r3, [r3]), false, 'equal sizes, non-empty proof');
    assert.ok(verifyConsistency(0, 6, r0, r6, []));
    assert.ok(verifyConsistency(0, 0, r0, r0, []));
    assert.equal(verifyConsistency(0, 6, r3, r6, []), false, 'size 0 with a root other than the empty one');
    assert.equal(verifyConsistency(0, 0, r0, r3, []), false, 'two empty trees with different roots');
    assert.equal(verifyConsistency(0, 6, r0, r6, [r0]), false, 'size 0, non-empty proof');
    assert.equal(verifyConsistency(3, 6, r3, r6, []), false, 'RFC step 1: empty proof');
    assert.equal(verifyConsistency(6, 3, r6, r3, tree.consistencyProof(3)), false, 'old size > new size');
    assert.equal(verifyConsistency(-1, 6, r3, r6, tree.consistencyProof(3)), false, 'negative size');
  });

  it('binds sizes only through the proof shape (RFC 9162 as written), so heads must supply size and root together', () => {
    const tree = treeOf(leaves.slice(0, 4));
    // PATH(0, D[3]) and PATH(0, D[4]) both have two right-hand siblings.
    assert.ok(verifyInclusion(tree.leaf(0), 0, 4, tree.inclusionProof(0, 3), tree.root(3)));
    // PROOF(1, D[2]) and PROOF(2, D[3]) both start from the old root and add one right-hand node.
    assert.ok(verifyConsistency(2, 3, tree.root(1), tree.root(2), tree.consistencyProof(1, 2)));
    // A proof longer than the claimed tree's path is refused mid-walk (RFC 9162 §2.1.3.2 step 4a), even
    // though hashing on would reproduce the root: PATH(2, D[3]) claimed as PATH(0, D[1]).
    assert.equal(verifyInclusion(tree.leaf(2), 0, 1, tree.inclusionProof(2, 3), tree.root(3)), false);
  });

  it('rejects impossible builder arguments with CryptoError', () => {
    const tree = treeOf(leaves.slice(0, 5));
    for (const bad of [-1, 5, 1.5, Number.NaN]) throwsBadParameters(() => tree.leaf(bad));
    for (const bad of [-1, 6, 2.5, Number.POSITIVE_INFINITY]) throwsBadParameters(() => tree.root(bad));
    throwsBadParameters(() => tree.inclusionProof(5));
    throwsBadParameters(() => tree.inclusionProof(0, 0));
    throwsBadParameters(() => tree.inclusionProof(0, 6));
    throwsBadParameters(() => tree.inclusionProof(-1, 5));
    throwsBadParameters(() => tree.consistencyProof(4, 3));
    throwsBadParameters(() => tree.consistencyProof(6));
    throwsBadParameters(() => tree.consistencyProof(0, 6));
    throwsBadParameters(() => tree.consistencyProof(-1));
    throwsBadParameters(() => tree.consistencyProof(1.5));
    throwsBadParameters(() => new MerkleTree().leaf(0));
    const badLength = (e: unknown) => e instanceof CryptoError && e.code === 'bad-length';
    assert.throws(() => tree.append(new Uint8Array(31)), badLength);
    assert.throws(() => new MerkleAccumulator().append(new Uint8Array(0)), badLength);
    assert.throws(() => nodeHash(leaves[0]!, new Uint8Array(64)), badLength);
    assert.equal(tree.size, 5, 'a rejected append adds nothing');
  });

  it('keeps its state private: inputs are copied in and hashes copied out', () => {
    const buffer = leaves[0]!.slice();
    const tree = new MerkleTree();
    const acc = new MerkleAccumulator();
    tree.append(buffer);
    acc.append(buffer);
    buffer.fill(0);
    tree.leaf(0).fill(1);
    tree.root().fill(2);
    assert.deepEqual(tree.leaf(0), leaves[0]);
    assert.deepEqual(tree.root(), leaves[0]);
    assert.deepEqual(acc.root(), leaves[0]);
  });
});

describe('merkle: properties', () => {
  it('root(size) equals the RFC root of the prefix, and so do rootOf and the accumulator', () => {
    fc.assert(
      fc.property(anyLeaves, (leaves) => {
        const tree = new MerkleTree();
        const acc = new MerkleAccumulator();
        for (const [i, h] of leaves.entries()) {
          assert.equal(tree.append(h), i);
          acc.append(h);
          assert.deepEqual(acc.root(), tree.root());
        }
        assert.equal(tree.size, leaves.length);
        assert.equal(acc.size, leaves.length);
        for (let n = 0; n <= leaves.length; n++) {
          const expected = refRoot(leaves.slice(0, n));
          assert.deepEqual(tree.root(n), expected);
          assert.deepEqual(rootOf(leaves.slice(0, n)), expected);
        }
      }),
    );
  });

  it('every inclusion proof verifies and every consistency proof m ≤ n verifies', () => {
    fc.assert(
      fc.property(anyLeaves, fc.nat(), (leaves, pick) => {
        const tree = treeOf(leaves);
        const n = pick % (leaves.length + 1);
        for (let i = 0; i < n; i++) {
          assert.ok(verifyInclusion(tree.leaf(i), i, n, tree.inclusionProof(i, n), tree.root(n)));
        }
        for (let m = 0; m <= n; m++) {
          assert.ok(verifyConsistency(m, n, tree.root(m), tree.root(n), tree.consistencyProof(m, n)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('inclusion: a flipped bit in any proof element, the leaf or the root fails', () => {
    fc.assert(
      fc.property(inclusionCase, ({ leaves, size, index, pick, bit }) => {
        const tree = treeOf(leaves);
        const [leaf, proof, root] = [tree.leaf(index), tree.inclusionProof(index, size), tree.root(size)];
        assert.equal(verifyInclusion(flipBit(leaf, bit), index, size, proof, root), false);
        assert.equal(verifyInclusion(leaf, index, size, proof, flipBit(root, bit)), false);
        if (proof.length > 0) {
          const at = pick % proof.length;
          const bent = replaceAt(proof, at, flipBit(proof[at]!, bit));
          assert.equal(verifyInclusion(leaf, index, size, bent, root), false);
        }
      }),
    );
  });

  it('inclusion: dropping or adding a proof element fails', () => {
    fc.assert(
      fc.property(inclusionCase, hash32, ({ leaves, size, index, pick }, extra) => {
        const tree = treeOf(leaves);
        const [leaf, proof, root] = [tree.leaf(index), tree.inclusionProof(index, size), tree.root(size)];
        const at = pick % (proof.length + 1);
        assert.equal(verifyInclusion(leaf, index, size, proof.toSpliced(at, 0, extra), root), false);
        assert.equal(verifyInclusion(leaf, index, size, proof.toSpliced(at, 0, root), root), false);
        if (proof.length > 0) {
          assert.equal(
            verifyInclusion(leaf, index, size, proof.toSpliced(at % proof.length, 1), root),
            false,
          );
        }
      }),
    );
  });

  it('inclusion: another index or size verifies exactly when its sibling pattern is the same', () => {
    fc.assert(
      fc.property(
        inclusionCase,
        fc.nat(140),
        fc.nat(140),
        ({ leaves, size, index }, otherIndex, otherSize) => {
          fc.pre(otherIndex !== index || otherSize !== size);
          const tree = treeOf(leaves);
          const [leaf, proof, root] = [tree.leaf(index), tree.inclusionProof(index, size), tree.root(size)];
          const expected =
            otherIndex < otherSize && pathShape(otherIndex, otherSize) === pathShape(index, size);
          assert.equal(verifyInclusion(leaf, otherIndex, otherSize, proof, root), expected);
          if (otherSize === size)
            assert.equal(expected, false, 'within one tree, each leaf has its own path');
        },
      ),
    );
  });

  it('consistency: a flipped bit in any proof element or either root fails', () => {
    fc.assert(
      fc.property(consistencyCase, ({ leaves, newSize, oldSize, pick, bit }) => {
        const tree = treeOf(leaves);
        const [r1, r2, proof] = [
          tree.root(oldSize),
          tree.root(newSize),
          tree.consistencyProof(oldSize, newSize),
        ];
        assert.equal(verifyConsistency(oldSize, newSize, flipBit(r1, bit), r2, proof), false);
        // The empty tree is a prefix of every tree: there is nothing to check the new root against.
        if (oldSize > 0 || newSize === 0) {
          assert.equal(verifyConsistency(oldSize, newSize, r1, flipBit(r2, bit), proof), false);
        }
        if (proof.length > 0) {
          const at = pick % proof.length;
          const bent = replaceAt(proof, at, flipBit(proof[at]!, bit));
          assert.equal(verifyConsistency(oldSize, newSize, r1, r2, bent), false);
        }
      }),
    );
  });

  it('consistency: dropping or adding a proof element fails', () => {
    fc.assert(
      fc.property(consistencyCase, hash32, ({ leaves, newSize, oldSize, pick }, extra) => {
        const tree = treeOf(leaves);
        const [r1, r2, proof] = [
          tree.root(oldSize),
          tree.root(newSize),
          tree.consistencyProof(oldSize, newSize),
        ];
        const at = pick % (proof.length + 1);
        for (const added of [extra, r1, r2]) {
          assert.equal(verifyConsistency(oldSize, newSize, r1, r2, proof.toSpliced(at, 0, added)), false);
        }
        if (proof.length > 0) {
          assert.equal(
            verifyConsistency(oldSize, newSize, r1, r2, proof.toSpliced(at % proof.length, 1)),
            false,
          );
        }
      }),
    );
  });

  it('consistency: a proof does not serve for other sizes of the same tree', () => {
    fc.assert(
      fc.property(consistencyCase, fc.nat(), fc.nat(), ({ leaves, newSize, oldSize }, pickM, pickN) => {
        const n = pickN % (leaves.length + 1);
        const m = pickM % (n + 1);
        fc.pre(m !== oldSize || n !== newSize);
        const tree = treeOf(leaves);
        const proof = tree.consistencyProof(oldSize, newSize);
        const expected = sameList(proof, refProof(m, leaves.slice(0, n)));
        assert.equal(verifyConsistency(m, n, tree.root(m), tree.root(n), proof), expected);
      }),
    );
  });

  it('verifiers never throw, whatever they are given', () => {
    const bytes = fc.uint8Array({ maxLength: 40 });
    const count = fc.oneof(fc.integer({ min: -3, max: 80 }), fc.double(), fc.constant(2 ** 60));
    fc.assert(
      fc.property(bytes, count, count, fc.array(bytes, { maxLength: 8 }), bytes, (a, x, y, list, b) => {
        assert.equal(typeof verifyInclusion(a, x, y, list, b), 'boolean');
        assert.equal(typeof verifyConsistency(x, y, a, b, list), 'boolean');
      }),
    );
  });
});
