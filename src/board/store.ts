/**
 * What the bulletin board needs from storage. The in-memory store (memory-store.ts) implements it for
 * tests; the SQLite and PostgreSQL stores implement it for real elections.
 *
 * Rules every implementation keeps (test/board/memory-store.test.ts states them as tests that a store
 * conformance suite can reuse):
 * - Appends are serialised per election (a transaction holding a per-election lock, or an in-process
 *   queue) and `append` rejects an event whose `index` is not the current size with BoardError
 *   `conflict`. That check, made inside the serialised section, is what keeps two API nodes from
 *   forking the log: one of them wins, the other re-reads and tries again.
 * - An event is durable when `append` resolves: a ballot is acknowledged only after that.
 * - Stored values are returned as they were stored; the store never changes an event or a head.
 * - Iterables stream (a cursor, not a whole table in memory): an election record can be millions of
 *   events.
 *
 * @example
 * ```ts
 * const board = await Board.open(store, 'leader-2025', secretKey);
 * for await (const event of store.events('leader-2025', 0)) console.log(event.type);
 * ```
 */
import type { BoardEvent } from '../protocol/events.ts';
import type { SignedTreeHead } from './tree-head.ts';

/** Storage for the logs of many elections, keyed by election id. */
export interface BoardStore {
  /**
   * The number of events stored for the election (0 for an unknown election).
   * @example `await store.size('leader-2025')` → `0`
   */
  size(election: string): Promise<number>;

  /**
   * Stores the next event with its Merkle leaf hash and, for a ballot, its tracker (base64url), which
   * `findBallot` looks up. Rejects with BoardError `conflict` unless `event.index` equals the current
   * size, and with `wrong-election` if the event is another election's.
   * @example `await store.append(election, event, eventLeafHash(event), toBase64url(tracker(ballot)))`
   */
  append(election: string, event: BoardEvent, leafHash: Uint8Array, tracker?: string): Promise<void>;

  /**
   * The event at `index`, or undefined past the end.
   * @example `await store.event('leader-2025', 0)` → the setup event
   */
  event(election: string, index: number): Promise<BoardEvent | undefined>;

  /**
   * The events with from ≤ index < to, in index order. `to` defaults to the size when iteration
   * starts. BoardError `not-found` if the range is not within [0, size].
   * @example `for await (const e of store.events(election, 10, 20)) …`
   */
  events(election: string, from?: number, to?: number): AsyncIterable<BoardEvent>;

  /**
   * The leaf hashes of the events from `from` (default 0) on, in index order: what a board needs to
   * rebuild its Merkle tree when it starts.
   * @example `for await (const h of store.leafHashes(election)) tree.append(h)`
   */
  leafHashes(election: string, from?: number): AsyncIterable<Uint8Array>;

  /**
   * The index of the first ballot event with this tracker (base64url), or undefined.
   * @example `await store.findBallot(election, receipt.tracker)` → `42`
   */
  findBallot(election: string, tracker: string): Promise<number | undefined>;

  /**
   * Stores a signed tree head. Rejects with `out-of-order` a head smaller than the latest stored one or
   * larger than the log, and with `wrong-election` another election's head. The store does not check
   * roots or signatures: the board signs only heads of its own tree.
   * @example `await store.appendHead(election, sth)`
   */
  appendHead(election: string, head: SignedTreeHead): Promise<void>;

  /**
   * The most recently stored head (the largest), or undefined before the first.
   * @example `(await store.latestHead(election))?.size`
   */
  latestHead(election: string): Promise<SignedTreeHead | undefined>;

  /**
   * Every stored head, in ascending order of size (in storing order among equal sizes).
   * @example `for await (const head of store.heads(election)) …`
   */
  heads(election: string): AsyncIterable<SignedTreeHead>;
}
