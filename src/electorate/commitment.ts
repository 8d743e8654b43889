/**
 * The electorate commitment: the number of eligible members and the root of an RFC 9162 Merkle tree over
 * salted hashes of their member ids. Published when credentials are issued, it fixes the electorate's size
 * for everyone and lets each member, given their salt with their credential, check they are on the roll,
 * without the roll itself being published. The salts are random and secret, so a leaf reveals nothing
 * about whose it is; leaves are sorted by their hash, so their order reveals nothing either.
 *
 * SPEC.md §16.2–§16.4.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { fromBase64url, toBase64url, utf8 } from '../crypto/bytes.ts';
import { taggedHash } from '../crypto/hash.ts';
import { leafHash, MerkleTree, verifyInclusion } from '../crypto/merkle.ts';
import { ElectorateError } from './errors.ts';

/** Bytes of a member's salt. @example `randomBytes(SALT_BYTES)` */
export const SALT_BYTES = 16;

const isBase64url = (length: number) => (text: string) => {
  try {
    fromBase64url(text, length);
    return true;
  } catch {
    return false;
  }
};

/** A 32-byte hash as unpadded base64url. @example `hash32Schema.parse(toBase64url(leaf))` */
export const hash32Schema = z.string().refine(isBase64url(32), { message: 'not a 32-byte base64url hash' });

/** An election id as the board uses it. @example `electionIdSchema.parse('leader-2026')` */
export const electionIdSchema = z.string().min(1).max(200);

/**
 * The public commitment, published on the board with the credentials.
 * @example `electorateCommitmentSchema.parse({ electionId: 'leader-2026', count: 3, root: 'q83v…' })`
 */
export const electorateCommitmentSchema = z.strictObject({
  electionId: electionIdSchema,
  count: z.int().min(1),
  root: hash32Schema,
});

/** A validated electorate commitment. */
export type ElectorateCommitment = z.infer<typeof electorateCommitmentSchema>;

/** A member's private part of the commitment, delivered with their credential. */
export interface MemberEntry {
  memberId: string;
  /** base64url, 16 bytes. */
  salt: string;
  /** Position of the member's leaf in the sorted tree. */
  index: number;
}

/** Everything the credential authority holds after committing. */
export interface Electorate {
  commitment: ElectorateCommitment;
  /** In the order the member ids were given. */
  members: MemberEntry[];
  /** Sorted leaf hashes, base64url: publishable, so members can check inclusion without asking anyone. */
  leaves: string[];
  tree: MerkleTree;
}

/**
 * A member's leaf hash: RFC 9162 leafHash (SHA-256 of 0x00 ‖ data) of the tagged hash, purpose
 * `electorate/member`, of the election id, the salt and the member id.
 * @example `memberLeaf('leader-2026', 'M123', salt)` → 32 bytes
 */
export function memberLeaf(electionId: string, memberId: string, salt: Uint8Array): Uint8Array {
  return leafHash(taggedHash('electorate/member', [utf8(electionId), salt, utf8(memberId)]));
}

/** Unsigned byte order of two byte strings (no Node Buffer: the roll check runs in browsers too). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Commits to an electorate: draws a salt per member from the CSPRNG, sorts the leaves and builds the tree.
 * `drawSalt` exists so tests can be reproducible; production uses the default.
 * @example `const { commitment, members, leaves } = buildElectorate('leader-2026', eligibleIds);`
 */
export function buildElectorate(
  electionId: string,
  memberIds: readonly string[],
  drawSalt: () => Uint8Array = () => randomBytes(SALT_BYTES),
): Electorate {
  if (!electionIdSchema.safeParse(electionId).success) {
    throw new ElectorateError('invalid-commitment', 'the election id must be 1 to 200 characters');
  }
  if (memberIds.length === 0)
    throw new ElectorateError('empty-electorate', 'no member is eligible: there is nothing to commit');
  if (new Set(memberIds).size !== memberIds.length) {
    throw new ElectorateError('invalid-commitment', 'a member id appears twice in the electorate');
  }
  const salts = memberIds.map(() => drawSalt());
  const leafOf = memberIds.map((id, i) => memberLeaf(electionId, id, salts[i]!));
  const order = memberIds.map((_, i) => i).sort((a, b) => compareBytes(leafOf[a]!, leafOf[b]!));
  const tree = new MerkleTree();
  const indexOf = new Array<number>(memberIds.length);
  for (const i of order) indexOf[i] = tree.append(leafOf[i]!);
  return {
    commitment: { electionId, count: memberIds.length, root: toBase64url(tree.root()) },
    members: memberIds.map((memberId, i) => ({ memberId, salt: toBase64url(salts[i]!), index: indexOf[i]! })),
    leaves: order.map((i) => toBase64url(leafOf[i]!)),
    tree,
  };
}

/**
 * A member's inclusion proof (RFC 9162 audit path, leaf to root), base64url.
 * @example `memberInclusionProof(electorate.tree, entry.index)`
 */
export function memberInclusionProof(tree: MerkleTree, index: number): string[] {
  return tree.inclusionProof(index).map(toBase64url);
}

/** What a member holds to check their inclusion. */
export interface InclusionCheck {
  electionId: string;
  memberId: string;
  salt: string;
  index: number;
  proof: readonly string[];
}

/**
 * Checks that a member is in the committed electorate. Returns false, never throws, on any mismatch or
 * malformed input (wrong election, salt or member id; a bad proof; text that is not base64url).
 * @example `verifyMemberInclusion({ electionId, memberId, salt, index, proof }, commitment)` → `true`
 */
export function verifyMemberInclusion(check: InclusionCheck, commitment: ElectorateCommitment): boolean {
  if (check.electionId !== commitment.electionId) return false;
  try {
    const salt = fromBase64url(check.salt, SALT_BYTES);
    const proof = check.proof.map((p) => fromBase64url(p, 32));
    const leaf = memberLeaf(check.electionId, check.memberId, salt);
    return verifyInclusion(leaf, check.index, commitment.count, proof, fromBase64url(commitment.root, 32));
  } catch {
    return false;
  }
}

/**
 * Rebuilds the tree from the published sorted leaves, after checking they are as many as the commitment
 * says, strictly ascending and give its root; throws `invalid-commitment` otherwise.
 * @example `const tree = treeFromPublishedLeaves(commitment, leaves); tree.inclusionProof(i)`
 */
export function treeFromPublishedLeaves(
  commitment: ElectorateCommitment,
  leaves: readonly string[],
): MerkleTree {
  if (leaves.length !== commitment.count) {
    throw new ElectorateError(
      'invalid-commitment',
      `${leaves.length} leaves published for a committed count of ${commitment.count}`,
    );
  }
  const tree = new MerkleTree();
  let previous: Uint8Array | undefined;
  for (const text of leaves) {
    const leaf = isBase64url(32)(text) ? fromBase64url(text, 32) : undefined;
    if (!leaf)
      throw new ElectorateError(
        'invalid-commitment',
        `published leaf "${text}" is not a 32-byte base64url hash`,
      );
    if (previous && compareBytes(previous, leaf) >= 0) {
      throw new ElectorateError(
        'invalid-commitment',
        'the published leaves are not in strictly ascending order',
      );
    }
    tree.append(leaf);
    previous = leaf;
  }
  if (toBase64url(tree.root()) !== commitment.root) {
    throw new ElectorateError('invalid-commitment', 'the published leaves do not give the committed root');
  }
  return tree;
}

/**
 * The public electorate file: the commitment and the sorted leaves it is built from.
 * @example `publishedElectorateSchema.parse(JSON.parse(text))`
 */
export const publishedElectorateSchema = z.strictObject({
  commitment: electorateCommitmentSchema,
  leaves: z.array(hash32Schema),
});

/** A validated public electorate file. */
export type PublishedElectorate = z.infer<typeof publishedElectorateSchema>;

/**
 * What a member needs to check their inclusion, found in the published electorate: the index of their leaf
 * among the published leaves and its proof; null when their leaf is not there. Throws `invalid-salt` for a
 * salt that is not 16 bytes of base64url, and `invalid-commitment` when the leaves do not match the
 * commitment (see {@link treeFromPublishedLeaves}).
 * @example `const check = findMemberInPublished(published, 'M123', salt); check && verifyMemberInclusion(check, published.commitment)`
 */
export function findMemberInPublished(
  published: PublishedElectorate,
  memberId: string,
  salt: string,
): InclusionCheck | null {
  if (!isBase64url(SALT_BYTES)(salt))
    throw new ElectorateError('invalid-salt', 'the salt is not 16 bytes of base64url');
  const { commitment, leaves } = published;
  const tree = treeFromPublishedLeaves(commitment, leaves);
  const leaf = toBase64url(memberLeaf(commitment.electionId, memberId, fromBase64url(salt, SALT_BYTES)));
  const index = leaves.indexOf(leaf);
  if (index < 0) return null;
  return {
    electionId: commitment.electionId,
    memberId,
    salt,
    index,
    proof: memberInclusionProof(tree, index),
  };
}
