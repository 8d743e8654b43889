/**
 * The board part of the SQLite store (src/board/store.ts): events as their canonical JSON text with
 * their leaf hash and tracker, heads as their JSON text, both append-only (triggers, migrations.ts).
 *
 * `node:sqlite` is synchronous, so a method's statements never interleave with another call's in this
 * process; an append or a head checks the log's size and inserts inside one `BEGIN IMMEDIATE`
 * transaction, which holds the file's write lock — what keeps a second process on the same file from
 * forking the log. Reads stream in pages of index ranges: no statement stays open while the caller
 * holds the iterator, so an abandoned reader holds nothing.
 *
 * SPEC.md §17.2, §18.
 *
 * @example
 * ```ts
 * const store = new SqliteStore('./psephos.sqlite');   // a SqliteBoardStore and more
 * for await (const event of store.events('leader-2025')) console.log(event.type);
 * ```
 */
import type { BoardStore } from '../board/store.ts';
import type { SignedTreeHead } from '../board/tree-head.ts';
import { canonicalJson } from '../protocol/canonical.ts';
import type { BoardEvent } from '../protocol/events.ts';
import { bytes, int } from './rows.ts';
import { checkAppend, checkHead, checkRange, conflict } from './rules.ts';
import type { SqliteConnection } from './sqlite-connection.ts';

/**
 * BoardStore over a SQLite connection; SqliteStore extends it with the rest of the Store.
 * @example `new SqliteBoardStore(new SqliteConnection(path), 1000)`
 */
export class SqliteBoardStore implements BoardStore {
  protected readonly db: SqliteConnection;
  readonly #readPage: number;

  constructor(db: SqliteConnection, readPage: number) {
    this.db = db;
    this.#readPage = readPage;
  }

  async size(election: string): Promise<number> {
    return this.#size(election);
  }

  async append(election: string, event: BoardEvent, leafHash: Uint8Array, tracker?: string): Promise<void> {
    checkAppend(election, event, leafHash, tracker);
    const text = canonicalJson(event);
    this.db.write(() => {
      const size = this.#size(election);
      if (event.index !== size) throw conflict(event.index, size);
      this.db.run(
        'INSERT INTO board_events (election, idx, event, leaf_hash, tracker) VALUES (?, ?, ?, ?, ?)',
        election,
        size,
        text,
        leafHash,
        tracker ?? null,
      );
    });
  }

  async event(election: string, index: number): Promise<BoardEvent | undefined> {
    if (!Number.isSafeInteger(index) || index < 0) return undefined;
    const row = this.db.get('SELECT event FROM board_events WHERE election = ? AND idx = ?', election, index);
    return row === undefined ? undefined : (JSON.parse(String(row.event)) as BoardEvent);
  }

  async *events(election: string, from = 0, to?: number): AsyncIterable<BoardEvent> {
    const size = this.#size(election);
    const end = to ?? size;
    checkRange(from, end, size);
    for (let start = from; start < end; start += this.#readPage) {
      const rows = this.db.all(
        'SELECT event FROM board_events WHERE election = ? AND idx >= ? AND idx < ? ORDER BY idx',
        election,
        start,
        Math.min(end, start + this.#readPage),
      );
      for (const row of rows) yield JSON.parse(String(row.event)) as BoardEvent;
    }
  }

  async *leafHashes(election: string, from = 0): AsyncIterable<Uint8Array> {
    const size = this.#size(election);
    checkRange(from, size, size);
    for (let start = from; start < size; start += this.#readPage) {
      const rows = this.db.all(
        'SELECT leaf_hash FROM board_events WHERE election = ? AND idx >= ? AND idx < ? ORDER BY idx',
        election,
        start,
        Math.min(size, start + this.#readPage),
      );
      for (const row of rows) yield bytes(row.leaf_hash);
    }
  }

  async findBallot(election: string, tracker: string): Promise<number | undefined> {
    const row = this.db.get(
      'SELECT idx FROM board_events WHERE election = ? AND tracker = ? ORDER BY idx LIMIT 1',
      election,
      tracker,
    );
    return row === undefined ? undefined : int(row.idx);
  }

  async appendHead(election: string, head: SignedTreeHead): Promise<void> {
    // Another election's head is refused before any lock is taken; sizes are checked under it.
    checkHead(election, head, 0, Number.MAX_SAFE_INTEGER);
    const text = canonicalJson(head);
    this.db.write(() => {
      const latest = this.db.get(
        'SELECT seq, size FROM board_heads WHERE election = ? ORDER BY seq DESC LIMIT 1',
        election,
      );
      checkHead(election, head, latest === undefined ? 0 : int(latest.size), this.#size(election));
      this.db.run(
        'INSERT INTO board_heads (election, seq, size, head) VALUES (?, ?, ?, ?)',
        election,
        latest === undefined ? 0 : int(latest.seq) + 1,
        head.size,
        text,
      );
    });
  }

  async latestHead(election: string): Promise<SignedTreeHead | undefined> {
    const row = this.db.get(
      'SELECT head FROM board_heads WHERE election = ? ORDER BY seq DESC LIMIT 1',
      election,
    );
    return row === undefined ? undefined : (JSON.parse(String(row.head)) as SignedTreeHead);
  }

  async *heads(election: string): AsyncIterable<SignedTreeHead> {
    for (let seq = 0; ; seq += this.#readPage) {
      const rows = this.db.all(
        'SELECT head FROM board_heads WHERE election = ? AND seq >= ? AND seq < ? ORDER BY seq',
        election,
        seq,
        seq + this.#readPage,
      );
      for (const row of rows) yield JSON.parse(String(row.head)) as SignedTreeHead;
      if (rows.length < this.#readPage) return;
    }
  }

  /** The number of stored events of an election. */
  #size(election: string): number {
    const row = this.db.get(
      'SELECT idx FROM board_events WHERE election = ? ORDER BY idx DESC LIMIT 1',
      election,
    );
    return row === undefined ? 0 : int(row.idx) + 1;
  }
}
