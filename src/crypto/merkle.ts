/**
 * The RFC 9162 (Certificate Transparency 2.0) Merkle tree over SHA-256: the structure behind the
 * bulletin board's signed tree heads, voters' receipts and the electorate commitment.
 *
 * Leaves and nodes are hashed with different one-byte prefixes (§2.1.1), so no leaf can pass for an
 * interior node. Callers hash their leaf data with {@link leafHash}; everything else here works on
 * 32-byte hashes. Proofs list their hashes from the leaf up, exactly as RFC 9162 §2.1.3 and §2.1.4
 * define them, so any RFC 9162 verifier accepts them.
 *
 * Vectors: test/vectors/merkle-rfc9162.json (the Certificate Transparency reference tree).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes } from './bytes.ts';
import { CryptoError } from './errors.ts';

const HASH_SIZE = 32;

/** Private copy, so that checks stay right even if a caller writes into the exported {@link EMPTY_ROOT}. */
const EMPTY = sha256(new Uint8Array(0));

/**
 * MTH({}) = SHA-256 of the empty string: the root of the empty tree (RFC 9162 §2.1.1). Treat as read-only.
 * @example `toHex(EMPTY_ROOT)` → `'e3b0c442…7852b855'`
 */
export const EMPTY_ROOT: Uint8Array = EMPTY.slice();

/**
 * The leaf hash SHA-256(0x00 || data).
 * @example `tree.append(leafHash(eventBytes))`
 */
export function leafHash(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(data.length + 1);
  input.set(data, 1);
  return sha256(input);
}

/**
 * The interior node hash SHA-256(0x01 || left || right); both children are 32-byte hashes.
 * @example `nodeHash(leafHash(a), leafHash(b))` is the root of the two-leaf tree [a, b]
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  checkHash(left);
  checkHash(right);
  return hashChildren(left, right);
}

/**
 * The Merkle tree hash MTH of a list of leaf hashes (RFC 9162 §2.1.1), in one pass with O(log n) memory.
 * @example `rootOf([])` equals `EMPTY_ROOT`; `rootOf([h])` equals `h`
 */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  const accumulator = new MerkleAccumulator();
  for (const h of leafHashes) accumulator.append(h);
  return accumulator.root();
}

/**
 * An append-only tree held in memory. Level h stores, back to back, the hash of every complete subtree
 * of 2^h leaves (about 2 × 32 bytes per leaf in all), so the root and the proofs for any past size read
 * stored hashes and recompute only the O(log n) nodes on that size's ragged right edge.
 *
 * Returned hashes are copies; the tree cannot be changed through them.
 * @example
 * ```ts
 * const tree = new MerkleTree();
 * const index = tree.append(leafHash(event));
 * const head = tree.root();
 * const proof = tree.inclusionProof(index);
 * verifyInclusion(leafHash(event), index, tree.size, proof, head); // true
 * ```
 */
export class MerkleTree {
  #levels: Uint8Array[] = [];
  #size = 0;

  /**
   * Appends a leaf hash and returns its index.
   * @example `tree.append(leafHash(data))` → `0` for the first leaf
   */
  append(leafHash: Uint8Array): number {
    checkHash(leafHash);
    const index = this.#size;
    this.#store(0, index, leafHash);
    // Writing a right child (odd position) completes its parent's subtree, and possibly the grandparent's.
    for (let level = 0, i = index; i % 2 === 1; level++, i = (i - 1) / 2) {
      this.#store(level + 1, (i - 1) / 2, hashChildren(this.#node(level, i - 1), this.#node(level, i)));
    }
    this.#size = index + 1;
    return index;
  }

  /** The number of leaves. @example `new MerkleTree().size` → `0` */
  get size(): number {
    return this.#size;
  }

  /** The leaf hash at `index`. @example `tree.leaf(0)` */
  leaf(index: number): Uint8Array {
    this.#checkIndex(index, this.#size);
    return this.#node(0, index).slice();
  }

  /**
   * The root of the first `size` leaves (default: all of them), equal to `rootOf` of those leaves.
   * @example `tree.root(0)` equals `EMPTY_ROOT`
   */
  root(size: number = this.#size): Uint8Array {
    this.#checkSize(size);
    return size === 0 ? EMPTY.slice() : this.#subtreeHash(0, size).slice();
  }

  /**
   * The inclusion proof PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, leaf to root.
   * @example `verifyInclusion(tree.leaf(3), 3, 8, tree.inclusionProof(3, 8), tree.root(8))` → `true`
   */
  inclusionProof(index: number, size: number = this.#size): Uint8Array[] {
    this.#checkSize(size);
    this.#checkIndex(index, size);
    // Walk the RFC's recursion from the root down over [lo, hi), keeping the sibling of each step.
    const path: Uint8Array[] = [];
    let lo = 0;
    let hi = size;
    while (hi - lo > 1) {
      const k = lo + splitPoint(hi - lo);
      if (index < k) {
        path.push(this.#subtreeHash(k, hi));
        hi = k;
      } else {
        path.push(this.#subtreeHash(lo, k));
        lo = k;
      }
    }
    return path.reverse().map((h) => h.slice());
  }

  /**
   * The consistency proof PROOF(oldSize, D[0:newSize]) of RFC 9162 §2.1.4.1 (newSize defaults to all
   * leaves). The RFC defines it for 0 < oldSize < newSize; for oldSize = newSize its SUBPROOF(m, D[m],
   * true) = {} gives the empty proof, and the empty tree, a prefix of every tree, needs none either.
   * @example `verifyConsistency(3, 7, tree.root(3), tree.root(7), tree.consistencyProof(3, 7))` → `true`
   */
  consistencyProof(oldSize: number, newSize: number = this.#size): Uint8Array[] {
    this.#checkSize(newSize);
    if (!isCount(oldSize) || oldSize > newSize) {
      throw new CryptoError('bad-parameters', `old size ${oldSize} is not in [0, ${newSize}]`);
    }
    if (oldSize === 0 || oldSize === newSize) return [];
    // SUBPROOF(oldSize - lo, D[lo:hi], known) from the root down; `known` turns false once the old
    // tree's root is no longer a node of the new tree, and the proof must then end with MTH(D[lo:hi]).
    const proof: Uint8Array[] = [];
    let lo = 0;
    let hi = newSize;
    let known = true;
    while (oldSize < hi) {
      const k = lo + splitPoint(hi - lo);
      if (oldSize <= k) {
        proof.push(this.#subtreeHash(k, hi));
        hi = k;
      } else {
        proof.push(this.#subtreeHash(lo, k));
        lo = k;
        known = false;
      }
    }
    if (!known) proof.push(this.#subtreeHash(lo, hi));
    return proof.reverse().map((h) => h.slice());
  }

  /**
   * MTH(D[start:end]) for the ranges the RFC's recursion visits (start is a multiple of a power of two
   * ≥ end - start): a stored node when the range is a complete subtree, else split as MTH splits it.
   * The left part is always complete, so this costs one hash per level of the ragged right edge.
   * May return a view into the level storage.
   */
  #subtreeHash(start: number, end: number): Uint8Array {
    const width = end - start;
    const level = perfectLevel(width);
    if (level >= 0) return this.#node(level, start / width);
    const k = start + splitPoint(width);
    return hashChildren(this.#subtreeHash(start, k), this.#subtreeHash(k, end));
  }

  #node(level: number, position: number): Uint8Array {
    const offset = position * HASH_SIZE;
    return this.#levels[level]!.subarray(offset, offset + HASH_SIZE);
  }

  #store(level: number, position: number, hash: Uint8Array): void {
    const offset = position * HASH_SIZE;
    let buffer = this.#levels[level] ?? new Uint8Array(HASH_SIZE * 64);
    if (offset + HASH_SIZE > buffer.length) {
      // Doubling keeps appends amortised O(1) and the spare room under half of the level.
      const grown = new Uint8Array(buffer.length * 2);
      grown.set(buffer);
      buffer = grown;
    }
    buffer.set(hash, offset);
    this.#levels[level] = buffer;
  }

  #checkSize(size: number): void {
    if (!isCount(size) || size > this.#size) {
      throw new CryptoError('bad-parameters', `tree size ${size} is not in [0, ${this.#size}]`);
    }
  }

  #checkIndex(index: number, size: number): void {
    if (!isCount(index) || index >= size) {
      throw new CryptoError('bad-parameters', `leaf index ${index} is not in [0, ${size})`);
    }
  }
}

/**
 * The root of a stream of leaf hashes in O(log n) memory: the roots of the complete subtrees that make
 * up the leaves so far, one per 1-bit of the size, largest first. It keeps no proofs; the verifier uses
 * it to recompute the root of a whole election record.
 * @example
 * ```ts
 * const acc = new MerkleAccumulator();
 * for (const event of record) acc.append(leafHash(event));
 * equalBytes(acc.root(), signedHead.root);
 * ```
 */
export class MerkleAccumulator {
  #stack: Uint8Array[] = [];
  #size = 0;

  /** Adds the next leaf hash. @example `acc.append(leafHash(data))` */
  append(leafHash: Uint8Array): void {
    checkHash(leafHash);
    // Copied because the caller may reuse its buffer for the next leaf.
    let node: Uint8Array = leafHash.slice();
    // Like a binary increment: each trailing 1-bit of the old size merges two equal subtrees.
    for (let i = this.#size; i % 2 === 1; i = (i - 1) / 2) node = hashChildren(this.#stack.pop()!, node);
    this.#stack.push(node);
    this.#size++;
  }

  /** The number of leaves added. @example `new MerkleAccumulator().size` → `0` */
  get size(): number {
    return this.#size;
  }

  /**
   * The Merkle tree hash of the leaves so far: the subtree roots folded from the right, since MTH puts
   * the largest complete subtree on the left at every split.
   * @example `acc.root()` equals `rootOf(allLeafHashesSoFar)`
   */
  root(): Uint8Array {
    let root = this.#stack.at(-1);
    if (root === undefined) return EMPTY.slice();
    for (let i = this.#stack.length - 2; i >= 0; i--) root = hashChildren(this.#stack[i]!, root);
    return root.slice();
  }
}

/**
 * Checks an inclusion proof by the algorithm of RFC 9162 §2.1.3.2. Returns false, never throws, on any
 * malformed input (index ≥ size, a hash that is not 32 bytes, a proof of the wrong length).
 *
 * The proof binds the leaf's position only through its shape, so take `size` and `root` together from
 * one signed tree head.
 * @example `verifyInclusion(leafHash(ballot), receipt.index, head.size, receipt.proof, head.root)`
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isHash(leafHash) || !isHash(root) || !isHashList(proof)) return false;
  if (!isCount(index) || !isCount(size) || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      // Skip the levels where this node has no right sibling (the ragged right edge).
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(r, root);
}

/**
 * Checks that the tree with `newRoot` extends the tree with `oldRoot`, by the algorithm of RFC 9162
 * §2.1.4.2 for 0 < oldSize < newSize. The RFC leaves the other cases to implementations: equal sizes
 * need the empty proof and equal roots; size 0 needs the empty proof and the empty-tree root (MTH({}),
 * a prefix of every tree). Returns false, never throws, on any malformed input.
 * @example `verifyConsistency(old.size, head.size, old.root, head.root, proof)`
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isCount(oldSize) || !isCount(newSize) || oldSize > newSize) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !isHashList(proof)) return false;
  if (oldSize === 0) {
    return proof.length === 0 && equalBytes(oldRoot, EMPTY) && (newSize > 0 || equalBytes(newRoot, EMPTY));
  }
  if (oldSize === newSize) return proof.length === 0 && equalBytes(oldRoot, newRoot);
  if (proof.length === 0) return false;
  // A complete old tree is itself a node of the new one, so the proof leaves it out.
  const path = perfectLevel(oldSize) >= 0 ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, oldRoot) && equalBytes(sr, newRoot);
}

/** One reused input buffer: the hot path hashes a million nodes without allocating their inputs. */
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return sha256(nodeInput);
}

/** k of RFC 9162 §2.1.1: the largest power of two below n (n ≥ 2), so k < n ≤ 2k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** h if n = 2^h, else -1. Arithmetic rather than bit operations, which would cut sizes to 32 bits. */
function perfectLevel(n: number): number {
  let level = 0;
  for (let width = 1; width < n; width *= 2) level++;
  return 2 ** level === n ? level : -1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

function isHashList(list: unknown): list is readonly Uint8Array[] {
  return Array.isArray(list) && list.every(isHash);
}

function checkHash(h: Uint8Array): void {
  if (!isHash(h)) throw new CryptoError('bad-length', `a Merkle tree hash is ${HASH_SIZE} bytes`);
}
