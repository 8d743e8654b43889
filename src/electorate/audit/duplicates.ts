/**
 * Duplicate members: the same person on the roll twice. Four signals link members — the same mailbox,
 * the same phone number, similar names in one postcode, the same date of birth in one postcode — and
 * members linked by any chain of signals form one cluster, reported with every link that made it.
 */

import type { Roll } from '../member.ts';
import { jaroWinkler } from '../similarity.ts';
import type { Features } from './features.ts';
import type { DetectedFinding } from './finding.ts';
import { groupPositions } from './groups.ts';
import type { AuditOptions } from './options.ts';

interface Link {
  signal: string;
  detail: string;
  members: number[];
}

/**
 * Finds clusters of possible duplicates.
 * @example `findDuplicates(roll, computeFeatures(roll), DEFAULT_AUDIT_OPTIONS)`
 */
export function findDuplicates(roll: Roll, features: Features, options: AuditOptions): DetectedFinding[] {
  const members = roll.members;
  const links: Link[] = [];
  for (const [key, group] of groupPositions(features.email, 2)) {
    const written = [...new Set(group.map((i) => members[i]!.email))];
    links.push({
      signal: 'same-email',
      detail: `${group.length} members share the mailbox ${key} (written ${written.join(', ')}), ignoring case, plus tags and Gmail dots`,
      members: group,
    });
  }
  for (const [key, group] of groupPositions(features.phone, 2)) {
    links.push({
      signal: 'same-phone',
      detail: `${group.length} members share the phone number ${key}`,
      members: group,
    });
  }
  const birthAndPostcode = members.map((m, i) =>
    m.dateOfBirth !== '' && features.postcode[i] !== '' ? `${m.dateOfBirth} ${features.postcode[i]}` : '',
  );
  for (const [key, group] of groupPositions(birthAndPostcode, 2)) {
    links.push({
      signal: 'same-birth-date-and-postcode',
      detail: `${group.length} members born on ${key.slice(0, 10)} live in postcode ${key.slice(11)}`,
      members: group,
    });
  }
  addSimilarNames(roll, features, options, links);

  const clusters = new UnionFind(members.length);
  for (const link of links) for (const i of link.members) clusters.union(link.members[0]!, i);
  const byCluster = new Map<number, Link[]>();
  for (const link of links) {
    const root = clusters.find(link.members[0]!);
    const list = byCluster.get(root);
    if (list) list.push(link);
    else byCluster.set(root, [link]);
  }
  return [...byCluster.values()].map((evidence) => ({ kind: 'duplicate', evidence }));
}

/**
 * Adds to `links` the pairs of members in one postcode whose names are alike by {@link nameSimilarity}.
 * Two members whose dates of birth are both known and differ are different people (a parent and child, a
 * couple), and are not paired.
 */
function addSimilarNames(roll: Roll, features: Features, options: AuditOptions, links: Link[]): void {
  const words = features.name.map((name) => name.split(' '));
  const sortKeys = words.map((w) => [...w].sort().join(' '));
  const blockKeys = features.postcode.map((postcode, i) => (features.name[i] === '' ? '' : postcode));
  for (const [postcode, block] of groupPositions(blockKeys, 2)) {
    forCandidatePairs(block, sortKeys, options.maxBlock, (a, b) => {
      const birthA = roll.members[a]!.dateOfBirth;
      const birthB = roll.members[b]!.dateOfBirth;
      if (birthA !== '' && birthB !== '' && birthA !== birthB) return;
      const score = nameSimilarity(words[a]!, words[b]!);
      if (score < options.nameSimilarity) return;
      links.push({
        signal: 'similar-name',
        detail: `"${roll.members[a]!.name}" and "${roll.members[b]!.name}" in postcode ${postcode} (similarity ${score.toFixed(2)})`,
        members: [a, b],
      });
    });
  }
}

/**
 * How alike two names are, word by word: each word of the name with fewer words is matched to its most
 * similar word of the other (Jaro–Winkler), and the scores averaged. Word order does not matter, and a
 * shared long surname alone does not make "Susan Henderson" look like "Lisa Henderson", as it would if
 * the whole strings were compared.
 * @example `nameSimilarity(['jon', 'smith'], ['smith', 'john'])` → `0.97`
 */
export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  let total = 0;
  for (const word of shorter) {
    let best = 0;
    for (const other of longer) best = Math.max(best, jaroWinkler(word, other));
    total += best;
  }
  return total / shorter.length;
}

/**
 * Calls `visit` for the pairs of a block worth comparing: all of them in a block of up to `maxBlock`;
 * in a bigger one (a placeholder postcode, a coarse foreign one) each member and the next `maxBlock / 10`
 * in name order, the sorted-neighbourhood method, so the cost stays linear in the block's size.
 */
function forCandidatePairs(
  block: number[],
  keys: readonly string[],
  maxBlock: number,
  visit: (a: number, b: number) => void,
): void {
  const big = block.length > maxBlock;
  const order = big
    ? [...block].sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0))
    : block;
  const reach = big ? Math.max(1, Math.floor(maxBlock / 10)) : order.length;
  for (let x = 0; x < order.length; x++) {
    const end = Math.min(order.length, x + 1 + reach);
    for (let y = x + 1; y < end; y++) visit(order[x]!, order[y]!);
  }
}

/** Disjoint sets over member positions, with path halving. */
class UnionFind {
  readonly #parent: Int32Array;

  constructor(size: number) {
    this.#parent = Int32Array.from({ length: size }, (_, i) => i);
  }

  find(i: number): number {
    let x = i;
    while (this.#parent[x] !== x) {
      this.#parent[x] = this.#parent[this.#parent[x]!]!;
      x = this.#parent[x]!;
    }
    return x;
  }

  union(a: number, b: number): void {
    this.#parent[this.find(a)] = this.find(b);
  }
}
