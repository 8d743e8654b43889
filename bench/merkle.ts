/**
 * Benchmark of the Merkle tree at election-record scale: `node bench/merkle.ts [--json] [--quick]`.
 * Building the board's tree, past roots and proofs (receipts, tree heads) and the verifier's streaming
 * root. Prints microseconds per operation; with --json an array of { op, leaves, us_per_op, ms_total }.
 */
import {
  leafHash,
  MerkleAccumulator,
  MerkleTree,
  verifyConsistency,
  verifyInclusion,
} from '../src/crypto/merkle.ts';
import type { Row } from './lib.ts';
import { measure, report, round } from './lib.ts';

const N = process.argv.includes('--quick') ? 100_000 : 1_000_000;
const SAMPLES = 1024;

// Leaf hashes are made up front so that only the tree's own work is timed.
const leaves = Array.from({ length: N }, (_, i) => leafHash(new TextEncoder().encode(`event ${i}`)));
const positions = Array.from({ length: SAMPLES }, (_, i) => Math.floor((i * N) / SAMPLES));

function build(): MerkleTree {
  const tree = new MerkleTree();
  for (const h of leaves) tree.append(h);
  tree.root();
  return tree;
}

function stream(): Uint8Array {
  const acc = new MerkleAccumulator();
  for (const h of leaves) acc.append(h);
  return acc.root();
}

/** Cycles through the sample positions, so each call works on a different leaf or size. */
function cycling(fn: (position: number, sample: number) => unknown): () => unknown {
  let i = 0;
  return () => {
    const sample = i++ % SAMPLES;
    return fn(positions[sample]!, sample);
  };
}

const whole = (op: string, us: number): Row => ({
  op,
  leaves: N,
  us_per_op: round(us / N),
  ms_total: round(us / 1000),
});

const before = process.memoryUsage().arrayBuffers;
const tree = build();
const bytesPerLeaf = round((process.memoryUsage().arrayBuffers - before) / N);
const root = tree.root();
const inclusion = positions.map((p) => tree.inclusionProof(p));
const consistency = positions.map((p) => tree.consistencyProof(p + 1));
const oldRoots = positions.map((p) => tree.root(p + 1));

const rows: Row[] = [
  whole('append + root (per leaf)', measure(build, { minMs: 0, minRuns: 1 })),
  whole('streaming root (per leaf)', measure(stream, { minMs: 0, minRuns: 1 })),
  { op: 'root of a past size', leaves: N, us_per_op: measure(cycling((p) => tree.root(p + 1))) },
  { op: 'inclusion proof', leaves: N, us_per_op: measure(cycling((p) => tree.inclusionProof(p))) },
  {
    op: 'verify inclusion',
    leaves: N,
    us_per_op: measure(cycling((p, s) => verifyInclusion(leaves[p]!, p, N, inclusion[s]!, root))),
  },
  { op: 'consistency proof', leaves: N, us_per_op: measure(cycling((p) => tree.consistencyProof(p + 1))) },
  {
    op: 'verify consistency',
    leaves: N,
    us_per_op: measure(cycling((p, s) => verifyConsistency(p + 1, N, oldRoots[s]!, root, consistency[s]!))),
  },
  { op: 'tree storage (bytes per leaf)', leaves: N, bytes_per_leaf: bytesPerLeaf },
];
report(rows, 'Merkle tree (RFC 9162)');
