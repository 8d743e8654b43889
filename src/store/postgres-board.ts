/**
 * The board part of the PostgreSQL store (src/board/store.ts): events as their canonical JSON text
 * with their leaf hash and tracker, heads as their JSON text, both append-only (triggers,
 * migrations.ts).
 *
 * Appends and heads of one election are serialised in the database: each runs in a transaction that
 * first takes a transaction-scoped advisory lock keyed by the election, then checks the index against
 * the log's size and inserts. Two API nodes racing for index n: one commits, the other waits for the
 * lock, sees n + 1 events and gets BoardError `conflict`. Reads stream in pages of index ranges, each
 * one short query, so no cursor stays open while the caller holds the iterator.
 *
 * SPEC.md §17.2, §18.
 *
 * @example
 * ```ts
 * const store = new PostgresStore(url);   // a PostgresBoardStore and more
 * for await (const event of store.events('leader-2025')) console.log(event.type);
 * ```
 */
import type { QueryResult } from 'pg';
import type { BoardStore } from '../board/store.ts';
import type { SignedTreeHead } from '../board/tree-head.ts';
import { canonicalJson } from '../protocol/canonical.ts';
import type { BoardEvent } from '../protocol/events.ts';
import { type PostgresPool, pgCode, RESTRICT_VIOLATION, UNIQUE_VIOLATION } from './postgres-pool.ts';
import { bytes, int, type Row } from './rows.ts';
import { checkAppend, checkHead, checkRange, conflict } from './rules.ts';

/**
 * BoardStore over a PostgreSQL pool; PostgresStore extends it with the rest of the Store.
 * @example `new PostgresBoardStore(new PostgresPool(url, 'public', 10), 1000)`
 */
export class PostgresBoardStore implements BoardStore {
  protected readonly db: PostgresPool;
  readonly #readPage: number;

  constructor(db: PostgresPool, readPage: number) {
    this.db = db;
    this.#readPage = readPage;
  }

  async size(election: string): Promise<number> {
    return sizeOf(await this.db.query(SIZE, [election]));
  }

  async append(election: string, event: BoardEvent, leafHash: Uint8Array, tracker?: string): Promise<void> {
    checkAppend(election, event, leafHash, tracker);
    const text = canonicalJson(event);
    await this.db.transaction(async (c) => {
      await this.db.lockBoard(c, election);
      const size = sizeOf(await c.query(SIZE, [election]));
      if (event.index !== size) throw conflict(event.index, size);
      try {
        await c.query(
          'INSERT INTO board_events (election, idx, event, leaf_hash, tracker) VALUES ($1, $2, $3, $4, $5)',
          [election, size, text, Buffer.from(leafHash), tracker ?? null],
        );
      } catch (error) {
        // Only a writer that skipped the lock could get here first; the key and trigger still hold.
        if (pgCode(error) === UNIQUE_VIOLATION || pgCode(error) === RESTRICT_VIOLATION)
          throw conflict(size, size + 1);
        throw error;
      }
    });
  }

  async event(election: string, index: number): Promise<BoardEvent | undefined> {
    if (!Number.isSafeInteger(index) || index < 0) return undefined;
    const { rows } = await this.db.query('SELECT event FROM board_events WHERE election = $1 AND idx = $2', [
      election,
      index,
    ]);
    return rows[0] === undefined ? undefined : (JSON.parse(String(rows[0].event)) as BoardEvent);
  }

  async *events(election: string, from = 0, to?: number): AsyncIterable<BoardEvent> {
    const size = await this.size(election);
    const end = to ?? size;
    checkRange(from, end, size);
    for (let start = from; start < end; start += this.#readPage) {
      const { rows } = await this.db.query(
        'SELECT event FROM board_events WHERE election = $1 AND idx >= $2 AND idx < $3 ORDER BY idx',
        [election, start, Math.min(end, start + this.#readPage)],
      );
      for (const row of rows) yield JSON.parse(String(row.event)) as BoardEvent;
    }
  }

  async *leafHashes(election: string, from = 0): AsyncIterable<Uint8Array> {
    const size = await this.size(election);
    checkRange(from, size, size);
    for (let start = from; start < size; start += this.#readPage) {
      const { rows } = await this.db.query(
        'SELECT leaf_hash FROM board_events WHERE election = $1 AND idx >= $2 AND idx < $3 ORDER BY idx',
        [election, start, Math.min(size, start + this.#readPage)],
      );
      for (const row of rows) yield bytes(row.leaf_hash);
    }
  }

  async findBallot(election: string, tracker: string): Promise<number | undefined> {
    const { rows } = await this.db.query(
      'SELECT idx FROM board_events WHERE election = $1 AND tracker = $2 ORDER BY idx LIMIT 1',
      [election, tracker],
    );
    return rows[0] === undefined ? undefined : int(rows[0].idx);
  }

  async appendHead(election: string, head: SignedTreeHead): Promise<void> {
    // Another election's head is refused before any lock is taken; sizes are checked under it.
    checkHead(election, head, 0, Number.MAX_SAFE_INTEGER);
    const text = canonicalJson(head);
    await this.db.transaction(async (c) => {
      await this.db.lockBoard(c, election);
      const latest = (
        await c.query('SELECT seq, size FROM board_heads WHERE election = $1 ORDER BY seq DESC LIMIT 1', [
          election,
        ])
      ).rows[0];
      const size = sizeOf(await c.query(SIZE, [election]));
      checkHead(election, head, latest === undefined ? 0 : int(latest.size), size);
      await c.query('INSERT INTO board_heads (election, seq, size, head) VALUES ($1, $2, $3, $4)', [
        election,
        latest === undefined ? 0 : int(latest.seq) + 1,
        head.size,
        text,
      ]);
    });
  }

  async latestHead(election: string): Promise<SignedTreeHead | undefined> {
    const { rows } = await this.db.query(
      'SELECT head FROM board_heads WHERE election = $1 ORDER BY seq DESC LIMIT 1',
      [election],
    );
    return rows[0] === undefined ? undefined : (JSON.parse(String(rows[0].head)) as SignedTreeHead);
  }

  async *heads(election: string): AsyncIterable<SignedTreeHead> {
    for (let seq = 0; ; seq += this.#readPage) {
      const { rows } = await this.db.query(
        'SELECT head FROM board_heads WHERE election = $1 AND seq >= $2 AND seq < $3 ORDER BY seq',
        [election, seq, seq + this.#readPage],
      );
      for (const row of rows) yield JSON.parse(String(row.head)) as SignedTreeHead;
      if (rows.length < this.#readPage) return;
    }
  }
}

const SIZE = 'SELECT idx FROM board_events WHERE election = $1 ORDER BY idx DESC LIMIT 1';

function sizeOf(result: QueryResult<Row>): number {
  const row = result.rows[0];
  return row === undefined ? 0 : int(row.idx) + 1;
}
