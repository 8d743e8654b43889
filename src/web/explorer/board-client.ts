/**
 * The board explorer's reads of the public board (SPEC.md §17), each checked in the browser before the
 * page shows it:
 * - tree heads: the board's Ed25519 signature under the definition's `boardKey`, and every new head
 *   against the one shown before, by an RFC 9162 consistency proof ({@link acceptHead});
 * - a ballot found by its tracker: the board's receipt-like answer (signed head, inclusion proof) and
 *   the event at its position ({@link findBallot}). A short code (the tracker's first 10 bytes) is
 *   looked up by reading the board's ballots here ({@link TrackerIndex}), since the board is asked by
 *   full tracker only.
 *
 * @example
 * ```ts
 * const { head } = await acceptHead(election, undefined, await api('GET', `${boardPath(id)}/head`));
 * const found = await findBallot(election, parseTrackerInput(text), new TrackerIndex(id));
 * ```
 */
import { BoardError } from '../../board/errors.ts';
import type { Receipt } from '../../board/receipt.ts';
import { verifyReceipt, verifyReceiptEvent } from '../../board/receipt.ts';
import type { SignedTreeHead } from '../../board/tree-head.ts';
import { verifyTreeHead } from '../../board/tree-head.ts';
import { fromBase64url, toBase64url } from '../../crypto/bytes.ts';
import { verifyConsistency } from '../../crypto/merkle.ts';
import type { Ballot } from '../../protocol/ballot.ts';
import { tracker } from '../../protocol/tracker.ts';
import { ApiProblem, api } from '../api.ts';
import type { PublicElection } from '../election.ts';
import { matchesCode, type TrackerQuery } from './tracker-input.ts';

/** The board's largest page of events (src/server/routes/board.ts). */
export const SCAN_PAGE = 500;
/** A proof path in a tree of at most 2^53 leaves has at most 53 hashes. */
const MAX_PROOF = 64;

/** The board's API address for an election. */
export function boardPath(electionId: string): string {
  return `/api/elections/${encodeURIComponent(electionId)}/board`;
}

/** A page of events as the board serves it: the log's size then, the first index, the events. */
export interface EventPage {
  readonly size: number;
  readonly from: number;
  readonly events: readonly unknown[];
}

/**
 * Events `from` … `from + limit − 1` (fewer at the end of the log); ApiProblem `bad-reply` when the
 * answer is not such a page.
 * @example `const page = await fetchEvents('leader-2026', 0, 50)`
 */
export async function fetchEvents(electionId: string, from: number, limit: number): Promise<EventPage> {
  const page = await api<Partial<EventPage> | null>(
    'GET',
    `${boardPath(electionId)}/events?from=${from}&limit=${limit}`,
  );
  const size = page?.size;
  if (
    typeof size !== 'number' ||
    !Number.isSafeInteger(size) ||
    page?.from !== Math.min(from, size) ||
    !Array.isArray(page.events) ||
    page.events.length > limit
  ) {
    throw new ApiProblem(200, 'bad-reply', 'the board did not answer with a page of events');
  }
  return { size, from: page.from, events: page.events };
}

/** Fetches the consistency proof between two sizes, from the board or, in tests, from anywhere. */
export type ProofSource = (from: number, to: number) => Promise<unknown>;

/** The board's own consistency proofs. */
export function boardProofs(electionId: string): ProofSource {
  return async (from, to) =>
    (
      await api<{ proof?: unknown } | null>(
        'GET',
        `${boardPath(electionId)}/consistency?from=${from}&to=${to}`,
      )
    )?.proof;
}

/** A head that passed: the newest of the heads seen, and the size it was checked against, if any. */
export interface AcceptedHead {
  readonly head: SignedTreeHead;
  /** The size of the head shown before, when a consistency proof linked the two. */
  readonly extends?: number;
}

/**
 * Checks a head received from the board against the definition's board key and, when a head is
 * already shown, checks that the larger of the two extends the smaller (a consistency proof from the
 * board; none is needed for equal sizes, whose roots must then be equal). Returns the head to show:
 * the larger one. BoardError `malformed-head`, `bad-board-key`, `bad-head-signature`,
 * `wrong-election` or `inconsistent-heads`.
 * @example `shown = (await acceptHead(election, shown, await api('GET', headPath))).head`
 */
export async function acceptHead(
  election: Pick<PublicElection, 'id' | 'definition'>,
  shown: SignedTreeHead | undefined,
  value: unknown,
  proofs: ProofSource = boardProofs(election.id),
): Promise<AcceptedHead> {
  const head = verifyTreeHead(election.definition.boardKey, value, election.id);
  if (shown === undefined) return { head };
  if (head.signature === shown.signature && head.size === shown.size && head.root === shown.root) {
    return { head: shown };
  }
  const [older, newer] = head.size >= shown.size ? [shown, head] : [head, shown];
  const proof = older.size === newer.size ? [] : await proofs(older.size, newer.size);
  if (!consistent(older, newer, proof)) {
    throw new BoardError(
      'inconsistent-heads',
      `the board's tree head of size ${newer.size} does not extend its tree head of size ${older.size}`,
    );
  }
  // An older head that the shown one extends changes nothing on the page.
  return newer === head ? { head, extends: shown.size } : { head: shown };
}

function consistent(older: SignedTreeHead, newer: SignedTreeHead, proof: unknown): boolean {
  if (!Array.isArray(proof) || proof.length > MAX_PROOF) return false;
  try {
    return verifyConsistency(
      older.size,
      newer.size,
      fromBase64url(older.root, 32),
      fromBase64url(newer.root, 32),
      proof.map((h: unknown) => fromBase64url(typeof h === 'string' ? h : '!', 32)),
    );
  } catch {
    return false;
  }
}

/**
 * The trackers of the ballots on the board, read here page by page, to find a ballot by the short
 * code the booth shows. Events already read are not read again: a second search reads only what the
 * board has added since.
 * @example `const full = await new TrackerIndex('leader-2026').find(query.prefix, onProgress)`
 */
export class TrackerIndex {
  readonly #electionId: string;
  /** Events 0 … scanned − 1 have been read. */
  #scanned = 0;
  /** The trackers of the ballots among them. */
  readonly #trackers: Uint8Array[] = [];

  constructor(electionId: string) {
    this.#electionId = electionId;
  }

  /**
   * The full tracker (base64url) of the first ballot whose tracker starts with `prefix`, or undefined
   * once the whole board has been read. `onProgress(read, size)` after each page.
   * @example `await index.find(parseTrackerInput('K3F9 2QXM 7TBD W1CE').prefix, (n, of) => show(n, of))`
   */
  async find(
    prefix: Uint8Array,
    onProgress?: (read: number, size: number) => void,
  ): Promise<string | undefined> {
    // Always read on from where the last search stopped: the board may have grown since.
    let done = false;
    for (;;) {
      const hit = this.#trackers.find((t) => matchesCode(t, prefix));
      if (hit) return toBase64url(hit);
      if (done) return undefined;
      const page = await fetchEvents(this.#electionId, this.#scanned, SCAN_PAGE);
      for (const event of page.events) {
        const found = ballotTracker(event);
        if (found) this.#trackers.push(found);
      }
      this.#scanned = page.from + page.events.length;
      onProgress?.(this.#scanned, page.size);
      done = page.events.length === 0 || this.#scanned >= page.size;
    }
  }
}

/** The tracker of a ballot event as served (the full check comes later), or undefined. */
export function ballotTracker(event: unknown): Uint8Array | undefined {
  const e = event as { type?: unknown; payload?: { ballot?: unknown } } | null;
  if (e?.type !== 'ballot' || typeof e.payload?.ballot !== 'object' || e.payload.ballot === null) {
    return undefined;
  }
  try {
    return tracker(e.payload.ballot as Ballot);
  } catch {
    return undefined;
  }
}

/** A ballot found on the board, every check passed. */
export interface FoundBallot {
  readonly receipt: Receipt;
}

/**
 * Finds the ballot with this tracker and checks what the board says about it, as the receipt check
 * does: the board's signature on the head, the inclusion proof of the ballot's leaf under it, the
 * event at that position (a ballot with this tracker). Resolves to undefined when no ballot has this
 * tracker. Throws BoardError (a failed check), BoardError `not-found` (the board lists the ballot but
 * does not give its proof) or ApiProblem.
 * @example `const found = await findBallot(election, { kind: 'full', tracker: receipt.tracker }, index)`
 */
export async function findBallot(
  election: PublicElection,
  query: Extract<TrackerQuery, { kind: 'full' | 'code' }>,
  index: TrackerIndex,
  onProgress?: (read: number, size: number) => void,
): Promise<FoundBallot | undefined> {
  const full = query.kind === 'full' ? query.tracker : await index.find(query.prefix, onProgress);
  if (full === undefined) return undefined;
  const base = boardPath(election.id);
  let answer: unknown;
  try {
    answer = await api<unknown>('GET', `${base}/ballots/${full}`);
  } catch (e) {
    if (!(e instanceof ApiProblem && e.code === 'unknown-tracker')) throw e;
    if (query.kind === 'full') return undefined;
    throw new BoardError('not-found', 'the board lists this ballot but does not give its proof');
  }
  const receipt = verifyReceipt(election.definition.boardKey, answer, election.id);
  if (receipt.tracker !== full) {
    throw new BoardError('wrong-tracker', 'the board answered with the receipt of another ballot');
  }
  const page = await fetchEvents(election.id, receipt.index, 1);
  verifyReceiptEvent(receipt, page.events[0]);
  return { receipt };
}
