/**
 * A BoardStore held in memory: for tests, demos and the verifier's tests. Nothing survives the process.
 *
 * Events and heads are kept as their JSON text and parsed again on every read, as a database would:
 * a caller that changes an object it stored or read cannot change the log. Each method does its
 * checks and its write without awaiting in between, so appends are serialised by the event loop.
 *
 * @example
 * ```ts
 * const store = new MemoryStore();
 * const board = await Board.open(store, 'leader-2025', secretKey);
 * ```
 */
import { canonicalJson } from '../protocol/canonical.ts';
import type { BoardEvent } from '../protocol/events.ts';
import { BoardError } from './errors.ts';
import type { BoardStore } from './store.ts';
import type { SignedTreeHead } from './tree-head.ts';

interface Log {
  readonly events: string[];
  readonly leafHashes: Uint8Array[];
  readonly trackers: Map<string, number>;
  readonly heads: string[];
  /** Size of the latest head, kept apart so that the order check does not parse JSON. */
  latestHeadSize: number;
}

/**
 * The in-memory BoardStore.
 * @example `const store = new MemoryStore(); await store.size('e')` → `0`
 */
export class MemoryStore implements BoardStore {
  #logs = new Map<string, Log>();

  async size(election: string): Promise<number> {
    return this.#logs.get(election)?.events.length ?? 0;
  }

  async append(election: string, event: BoardEvent, leafHash: Uint8Array, tracker?: string): Promise<void> {
    const log = this.#log(election);
    if (event.election !== election) {
      throw new BoardError(
        'wrong-election',
        `event of election "${event.election}" offered to "${election}"`,
      );
    }
    if (event.index !== log.events.length) {
      throw new BoardError(
        'conflict',
        `event ${event.index} cannot be appended: the log has ${log.events.length} events (another writer appended first)`,
      );
    }
    if (leafHash.length !== 32) throw new BoardError('wrong-event', 'a leaf hash is 32 bytes');
    if ((event.type === 'ballot') !== (tracker !== undefined)) {
      throw new BoardError(
        'wrong-event',
        'a ballot event, and only a ballot event, is stored with its tracker',
      );
    }
    log.events.push(canonicalJson(event));
    log.leafHashes.push(leafHash.slice());
    if (tracker !== undefined && !log.trackers.has(tracker)) log.trackers.set(tracker, event.index);
  }

  async event(election: string, index: number): Promise<BoardEvent | undefined> {
    const text = Number.isSafeInteger(index) ? this.#logs.get(election)?.events[index] : undefined;
    return text === undefined ? undefined : (JSON.parse(text) as BoardEvent);
  }

  async *events(election: string, from = 0, to?: number): AsyncIterable<BoardEvent> {
    const events = this.#logs.get(election)?.events ?? [];
    const end = to ?? events.length;
    checkRange(from, end, events.length);
    // Reading by index, one at a time: the caller may be streaming a million events to a file.
    for (let i = from; i < end; i++) yield JSON.parse(events[i]!) as BoardEvent;
  }

  async *leafHashes(election: string, from = 0): AsyncIterable<Uint8Array> {
    const hashes = this.#logs.get(election)?.leafHashes ?? [];
    const end = hashes.length;
    checkRange(from, end, end);
    for (let i = from; i < end; i++) yield hashes[i]!.slice();
  }

  async findBallot(election: string, tracker: string): Promise<number | undefined> {
    return this.#logs.get(election)?.trackers.get(tracker);
  }

  async appendHead(election: string, head: SignedTreeHead): Promise<void> {
    const log = this.#log(election);
    if (head.election !== election) {
      throw new BoardError('wrong-election', `head of election "${head.election}" offered to "${election}"`);
    }
    if (head.size < log.latestHeadSize) {
      throw new BoardError(
        'out-of-order',
        `a head of size ${head.size} cannot follow one of size ${log.latestHeadSize}`,
      );
    }
    if (head.size > log.events.length) {
      throw new BoardError(
        'out-of-order',
        `a head of size ${head.size} covers more than the ${log.events.length} stored events`,
      );
    }
    log.heads.push(canonicalJson(head));
    log.latestHeadSize = head.size;
  }

  async latestHead(election: string): Promise<SignedTreeHead | undefined> {
    const text = this.#logs.get(election)?.heads.at(-1);
    return text === undefined ? undefined : (JSON.parse(text) as SignedTreeHead);
  }

  async *heads(election: string): AsyncIterable<SignedTreeHead> {
    const heads = this.#logs.get(election)?.heads ?? [];
    for (let i = 0; i < heads.length; i++) yield JSON.parse(heads[i]!) as SignedTreeHead;
  }

  #log(election: string): Log {
    let log = this.#logs.get(election);
    if (log === undefined) {
      log = { events: [], leafHashes: [], trackers: new Map(), heads: [], latestHeadSize: 0 };
      this.#logs.set(election, log);
    }
    return log;
  }
}

function checkRange(from: number, to: number, size: number): void {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to || to > size) {
    throw new BoardError('not-found', `events [${from}, ${to}) are not within the log of ${size} events`);
  }
}
