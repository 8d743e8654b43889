/**
 * The bulletin board of one election: an append-only, hash-chained log of typed events, each a leaf of
 * an RFC 9162 Merkle tree, with Ed25519-signed tree heads, inclusion and consistency proofs, and voter
 * receipts. The events live in a BoardStore; the tree is kept in memory (about 64 bytes per event) and
 * rebuilt from the stored leaf hashes when the board opens.
 *
 * The board checks the form of what it appends (parseEvent), never its meaning: the server checks
 * ballots, lifecycle and revoting before it calls `append`.
 *
 * SPEC.md §17.2 (Log and appends).
 *
 * @example
 * ```ts
 * const board = await Board.open(store, 'leader-2025', secretKey);
 * const event = await board.append('ballot', { ballot });
 * const receipt = await board.receipt(event.index);
 * ```
 */
import { toBase64url } from '../crypto/bytes.ts';
import { MerkleTree } from '../crypto/merkle.ts';
import type { BoardEvent, BoardEventOf, EventType, Payload } from '../protocol/events.ts';
import { eventLeafHash, GENESIS, parseEvent } from '../protocol/events.ts';
import { tracker } from '../protocol/tracker.ts';
import { BoardError } from './errors.ts';
import type { Receipt } from './receipt.ts';
import type { BoardStore } from './store.ts';
import type { SignedTreeHead } from './tree-head.ts';
import { boardPublicKey, signTreeHead, verifyTreeHead } from './tree-head.ts';

/** A source of the current time; tests pass a fixed or stepping clock. */
export type Clock = () => Date;

/**
 * One election's board over a store. Methods that write run one at a time (an internal queue), so
 * concurrent requests to one Board get consecutive indices instead of conflicts; a second Board over
 * the same store (another API node) gets BoardError `conflict` and calls {@link Board.refresh}.
 * @example `const board = await Board.open(new MemoryStore(), 'leader-2025', generateBoardKey().secretKey)`
 */
export class Board {
  /** The election id every event and head carries. */
  readonly election: string;
  /** The base64url Ed25519 public key that verifies this board's heads (the definition's `boardKey`). */
  readonly publicKey: string;
  #store: BoardStore;
  #secretKey: Uint8Array;
  #clock: Clock;
  #tree = new MerkleTree();
  #latest: SignedTreeHead | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(store: BoardStore, election: string, secretKey: Uint8Array, clock: Clock) {
    this.#store = store;
    this.election = election;
    this.#secretKey = secretKey.slice();
    this.#clock = clock;
    this.publicKey = boardPublicKey(secretKey);
  }

  /**
   * Opens the board of `election`, rebuilding the Merkle tree from the stored leaf hashes. Fails with
   * `inconsistent-heads` if the latest stored head does not match the stored log: the store was
   * changed behind the board's back, and signing more heads would only hide it.
   * @example `const board = await Board.open(store, 'leader-2025', secretKey)`
   */
  static async open(
    store: BoardStore,
    election: string,
    secretKey: Uint8Array,
    clock: Clock = () => new Date(),
  ): Promise<Board> {
    const board = new Board(store, election, secretKey, clock);
    await board.#catchUp();
    return board;
  }

  /** The number of events in the log. @example `board.size` → `0` for a new election */
  get size(): number {
    return this.#tree.size;
  }

  /**
   * The Merkle root of the first `size` events (default: all), base64url.
   * @example `board.root(head.size) === head.root`
   */
  root(size: number = this.#tree.size): string {
    return toBase64url(this.#tree.root(size));
  }

  /**
   * Appends an event: builds its envelope (next index, `previous` = the last event's leaf hash or
   * GENESIS, the clock's time), validates it with parseEvent — ProtocolError `bad-event` before anything
   * is stored —, stores it, and only then adds it to the tree. Returns the stored event.
   * @example `await board.append('roll-amendment', { kind: 'add', credential, reason: 'late joiner' })`
   */
  append<T extends EventType>(type: T, payload: Payload<T>): Promise<BoardEventOf<T>> {
    return this.#exclusive(async () => {
      const index = this.#tree.size;
      const event = parseEvent({
        election: this.election,
        index,
        previous: index === 0 ? GENESIS : toBase64url(this.#tree.leaf(index - 1)),
        time: this.#clock().toISOString(),
        type,
        payload,
      });
      const leaf = eventLeafHash(event);
      const ballotTracker = event.type === 'ballot' ? toBase64url(tracker(event.payload.ballot)) : undefined;
      await this.#store.append(this.election, event, leaf, ballotTracker);
      this.#tree.append(leaf);
      return event as BoardEventOf<T>;
    });
  }

  /**
   * Signs and stores a head of the current size, or returns the latest head unchanged if it already
   * has this size (a quiet board does not pile up identical heads). The server calls it every few
   * seconds while the election is open and after every state change.
   * @example `const head = await board.signHead()`
   */
  signHead(): Promise<SignedTreeHead> {
    return this.#exclusive(() => this.#signHead());
  }

  /**
   * The latest signed head, or undefined before the first.
   * @example `(await board.latestHead())?.size`
   */
  async latestHead(): Promise<SignedTreeHead | undefined> {
    return this.#latest;
  }

  /**
   * The stored event at `index`, or undefined.
   * @example `await board.event(0)` → the setup event
   */
  event(index: number): Promise<BoardEvent | undefined> {
    return this.#store.event(this.election, index);
  }

  /**
   * The index of the first ballot with this tracker (base64url), or undefined.
   * @example `await board.findBallot(toBase64url(tracker(ballot)))`
   */
  findBallot(trackerText: string): Promise<number | undefined> {
    return this.#store.findBallot(this.election, trackerText);
  }

  /**
   * The RFC 9162 inclusion proof of event `index` in the log of `size` events (default: all),
   * as base64url hashes, leaf to root. BoardError `not-found` outside the log.
   * @example `board.inclusionProof(receipt.index, head.size)`
   */
  inclusionProof(index: number, size: number = this.#tree.size): string[] {
    if (!isCount(size) || size > this.#tree.size || !isCount(index) || index >= size) {
      throw new BoardError('not-found', `there is no event ${index} in a log of ${size} events`);
    }
    return this.#tree.inclusionProof(index, size).map(toBase64url);
  }

  /**
   * The RFC 9162 consistency proof from the log of `oldSize` events to that of `newSize` (default:
   * all), as base64url hashes. BoardError `not-found` unless 0 ≤ oldSize ≤ newSize ≤ size.
   * @example `board.consistencyProof(receipt.head.size, latest.size)`
   */
  consistencyProof(oldSize: number, newSize: number = this.#tree.size): string[] {
    if (!isCount(oldSize) || !isCount(newSize) || oldSize > newSize || newSize > this.#tree.size) {
      throw new BoardError(
        'not-found',
        `no consistency proof from ${oldSize} to ${newSize} events in a log of ${this.#tree.size}`,
      );
    }
    return this.#tree.consistencyProof(oldSize, newSize).map(toBase64url);
  }

  /**
   * The receipt of the ballot at `index`, against the latest head (a new head is signed first if the
   * latest does not cover the index). BoardError `not-found` past the log, `not-a-ballot` for any
   * other event.
   * @example `const receipt = await board.receipt((await board.append('ballot', { ballot })).index)`
   */
  receipt(index: number): Promise<Receipt> {
    return this.#exclusive(async () => {
      if (!isCount(index) || index >= this.#tree.size) {
        throw new BoardError('not-found', `there is no event ${index} on the board`);
      }
      const event = await this.#store.event(this.election, index);
      if (event === undefined) throw new BoardError('not-found', `the store has no event ${index}`);
      if (event.type !== 'ballot') {
        throw new BoardError(
          'not-a-ballot',
          `event ${index} is a "${event.type}" event; receipts are for ballots`,
        );
      }
      const latest = this.#latest;
      const head = latest !== undefined && latest.size > index ? latest : await this.#signHead();
      return {
        format: 'psephos/receipt',
        election: this.election,
        tracker: toBase64url(tracker(event.payload.ballot)),
        index,
        leafHash: toBase64url(this.#tree.leaf(index)),
        head,
        inclusion: this.inclusionProof(index, head.size),
      };
    });
  }

  /**
   * Catches up with events and heads that another Board over the same store (another API node)
   * appended, after a `conflict` or before serving proofs. Returns the new size.
   * @example `try { await board.append(t, p) } catch (e) { if (isConflict(e)) await board.refresh() }`
   */
  refresh(): Promise<number> {
    return this.#exclusive(async () => {
      await this.#catchUp();
      return this.#tree.size;
    });
  }

  async #catchUp(): Promise<void> {
    // The head first: it covers only stored events, so the leaves read after it reach at least its size
    // even while another node keeps appending.
    const stored = await this.#store.latestHead(this.election);
    for await (const leaf of this.#store.leafHashes(this.election, this.#tree.size)) this.#tree.append(leaf);
    // The head this board signed or checked last needs no second check (it is the common case: a
    // refresh that finds nothing new).
    const known =
      stored !== undefined && this.#latest !== undefined && stored.signature === this.#latest.signature;
    if (stored !== undefined && !known) {
      // Signed with another key means the board was started with the wrong secret: its heads would not
      // verify against the definition's boardKey.
      const latest = verifyTreeHead(this.publicKey, stored, this.election);
      if (latest.size > this.#tree.size || this.root(latest.size) !== latest.root) {
        throw new BoardError(
          'inconsistent-heads',
          `the stored log does not match the board's latest signed head (size ${latest.size})`,
        );
      }
      this.#latest = latest;
    }
  }

  async #signHead(): Promise<SignedTreeHead> {
    const size = this.#tree.size;
    if (this.#latest !== undefined && this.#latest.size === size) return this.#latest;
    const head = signTreeHead(this.#secretKey, {
      format: 'psephos/tree-head',
      election: this.election,
      size,
      root: toBase64url(this.#tree.root(size)),
      time: this.#clock().toISOString(),
    });
    await this.#store.appendHead(this.election, head);
    this.#latest = head;
    return head;
  }

  /** Runs `task` after every task queued before it, whether those succeeded or failed. */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}
