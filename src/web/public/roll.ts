/**
 * A member's roll check in the browser (SPEC.md §16.5), from public data only: nothing about the member
 * leaves the page.
 *
 * What is public: the board's `electorate` event carries the committed roll's `count` and Merkle `root`
 * (not its leaves); `roll-amendment` events carry the leaves of members added (`add`) or corrected
 * (`correct`) later, and may name a removed member's leaf. The sorted leaves of the committed roll are
 * published by the organisers beside the commitment as the public roll file (`electorate.json`, written
 * by `psephos roll commit`); they reveal nothing but the count.
 *
 * So the page reads the whole board up to its latest signed head (in pages of 500), checks it as the
 * verifier does (numbering, hash chain, Merkle root equal to the board-signed root), takes the commitment
 * from the `electorate` event and the amendments in order; then it computes the member's leaf, looks for
 * it among the amendments, and otherwise in the roll file — once the file is shown to give the board's
 * very count and root — and checks the leaf's inclusion proof against that root.
 *
 * @example
 * ```ts
 * const roll = await readBoardRoll(election, (read, of) => progress(read, of));
 * judgeMember(roll, 'M0001', salt, publishedFile); // { kind: 'found', members: 3, current: 3 }
 * ```
 */
import { verifyTreeHead } from '../../board/tree-head.ts';
import { fromBase64url, toBase64url } from '../../crypto/bytes.ts';
import { committedElectorateSize } from '../../electorate/amendment.ts';
import {
  type ElectorateCommitment,
  findMemberInPublished,
  memberLeaf,
  type PublishedElectorate,
  publishedElectorateSchema,
  SALT_BYTES,
  verifyMemberInclusion,
} from '../../electorate/commitment.ts';
import { canonicalJson } from '../../protocol/canonical.ts';
import { type BoardEvent, type Payload, Payloads } from '../../protocol/events.ts';
import { LogChecker } from '../../verifier/log.ts';
import { ApiProblem, api } from '../api.ts';
import type { PublicElection } from '../election.ts';

/** The board's own page size for events. */
const PAGE = 500;

export interface Amendment {
  readonly index: number;
  readonly time: string;
  readonly payload: Payload<'roll-amendment'>;
}

/** What the board says about the roll, up to its latest signed head. */
export interface BoardRoll {
  readonly electionId: string;
  /** The committed roll, or null when the electorate event carried none (or is not on the board yet). */
  readonly commitment: ElectorateCommitment | null;
  readonly amendments: readonly Amendment[];
}

/** The board's events did not check out: they are not what the board signed. */
export class BoardMismatch extends Error {
  override name = 'BoardMismatch';
}

/**
 * Reads and checks the board up to its latest signed head; `progress(read, total)` after each page.
 * Throws BoardMismatch when the events are not the signed log, ApiProblem when the server fails.
 * @example `const roll = await readBoardRoll(election, () => {});`
 */
export async function readBoardRoll(
  election: PublicElection,
  progress: (read: number, total: number) => void,
): Promise<BoardRoll> {
  const base = `/api/elections/${encodeURIComponent(election.id)}/board`;
  let head: ReturnType<typeof verifyTreeHead>;
  try {
    head = verifyTreeHead(
      election.definition.boardKey,
      await api<unknown>('GET', `${base}/head`),
      election.id,
    );
  } catch (e) {
    if (e instanceof ApiProblem) throw e;
    throw new BoardMismatch('the board’s latest head is not signed by the board');
  }
  const log = new LogChecker(election.id);
  let commitment: ElectorateCommitment | null = null;
  const amendments: Amendment[] = [];
  progress(0, head.size);
  while (log.size < head.size) {
    const from = log.size;
    const page = await api<{ events?: unknown }>(
      'GET',
      `${base}/events?from=${from}&limit=${Math.min(PAGE, head.size - from)}`,
    );
    if (!Array.isArray(page.events) || page.events.length === 0)
      throw new BoardMismatch('the board gave no events where its signed head has some');
    for (const value of page.events) {
      const event = value as BoardEvent;
      try {
        log.event(event, event.index, canonicalJson(event));
      } catch (e) {
        throw new BoardMismatch(e instanceof Error ? e.message : 'a board event does not check out');
      }
      if (event.type === 'electorate') commitment = readCommitment(election.id, event.payload);
      if (event.type === 'roll-amendment') amendments.push(readAmendment(event));
    }
    progress(log.size, head.size);
  }
  try {
    log.head(head, election.definition.boardKey, head.size);
  } catch (e) {
    throw new BoardMismatch(e instanceof Error ? e.message : 'the events do not give the signed root');
  }
  return { electionId: election.id, commitment, amendments };
}

function readCommitment(electionId: string, payload: unknown): ElectorateCommitment | null {
  const members = Payloads.electorate.shape.members.safeParse((payload as { members?: unknown }).members);
  if (!members.success) throw new BoardMismatch('the electorate event’s commitment is malformed');
  return members.data ? { electionId, count: members.data.count, root: members.data.root } : null;
}

function readAmendment(event: BoardEvent): Amendment {
  const payload = Payloads['roll-amendment'].safeParse(event.payload);
  if (!payload.success) throw new BoardMismatch(`amendment ${event.index} is malformed`);
  return { index: event.index, time: event.time, payload: payload.data };
}

/** What the check found about one member. */
export type RollVerdict =
  /** In the committed roll (the file), and not removed or corrected since. */
  | { readonly kind: 'found'; readonly members: number; readonly current: number | null }
  /** Added, or their entry corrected to this id, by an amendment (the last one naming their leaf). */
  | {
      readonly kind: 'added' | 'corrected-to';
      readonly amendment: Amendment;
      readonly current: number | null;
    }
  /** Removed, or their entry corrected to another id, by an amendment. */
  | { readonly kind: 'removed' | 'corrected-from'; readonly amendment: Amendment }
  /** Not among the amendments, and no roll file to look in. */
  | { readonly kind: 'need-file' }
  /** The roll file is not the one the board committed to. */
  | { readonly kind: 'wrong-file' }
  | { readonly kind: 'not-found' };

/**
 * Reads a salt as the member was given it: canonical base64url of 16 bytes; undefined if it is not one.
 * @example `readSalt('AAECAwQFBgcICQoLDA0ODw')` → 16 bytes
 */
export function readSalt(text: string): Uint8Array | undefined {
  try {
    return fromBase64url(text.trim(), SALT_BYTES);
  } catch {
    return undefined;
  }
}

/**
 * Reads a public roll file's text; undefined when it is not one.
 * @example `readRollFile(await file.text())`
 */
export function readRollFile(text: string): PublishedElectorate | undefined {
  try {
    const parsed = publishedElectorateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Judges one member: the amendments first (the last one naming their leaf decides), then the roll file.
 * @example `judgeMember(roll, 'M0001', salt, file)` → `{ kind: 'found', members: 3, current: 3 }`
 */
export function judgeMember(
  roll: BoardRoll,
  memberId: string,
  salt: Uint8Array,
  file: PublishedElectorate | undefined,
): RollVerdict {
  const leaf = toBase64url(memberLeaf(roll.electionId, memberId, salt));
  const current = amendedSize(roll);
  const decisive = lastAmendmentOf(roll.amendments, leaf);
  if (decisive) {
    const { kind, leaf: added } = decisive.payload;
    if (kind === 'remove') return { kind: 'removed', amendment: decisive };
    if (kind === 'correct' && added !== leaf) return { kind: 'corrected-from', amendment: decisive };
    return { kind: kind === 'add' ? 'added' : 'corrected-to', amendment: decisive, current };
  }
  if (!roll.commitment) return { kind: 'not-found' };
  if (!file) return { kind: 'need-file' };
  const c = roll.commitment;
  const f = file.commitment;
  if (f.electionId !== c.electionId || f.count !== c.count || f.root !== c.root)
    return { kind: 'wrong-file' };
  let check: ReturnType<typeof findMemberInPublished>;
  try {
    check = findMemberInPublished(file, memberId, toBase64url(salt));
  } catch {
    // The leaves do not give the committed root, or are out of order: not the committed roll.
    return { kind: 'wrong-file' };
  }
  if (!check || !verifyMemberInclusion(check, c)) return { kind: 'not-found' };
  return { kind: 'found', members: c.count, current };
}

/** The last amendment naming this leaf (as added, removed, corrected from or to). */
function lastAmendmentOf(amendments: readonly Amendment[], leaf: string): Amendment | undefined {
  return amendments.findLast((a) => a.payload.leaf === leaf || a.payload.previousLeaf === leaf);
}

/** The committed roll's size with every amendment applied; null when it cannot be told. */
function amendedSize(roll: BoardRoll): number | null {
  if (!roll.commitment) return null;
  try {
    return committedElectorateSize(
      roll.commitment,
      roll.amendments.map((a) => a.payload),
    );
  } catch {
    return null;
  }
}
