/**
 * What the store conformance suite needs from a backend's test file, and small helpers the suite
 * shares. Not a test file itself.
 */
import assert from 'node:assert/strict';
import type { BoardStore } from '../../src/board/store.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { type BoardEvent, eventLeafHash, GENESIS } from '../../src/protocol/events.ts';
import { StoreError, type StoreErrorCode } from '../../src/store/errors.ts';
import type { Store } from '../../src/store/store.ts';
import { ELECTION } from '../board/fixtures.ts';

/** A fresh, migrated store over a database of its own, and ways to reach that database around it. */
export interface StoreUnderTest {
  readonly store: Store;
  /** Closes every store and connection opened for this database, then removes the database. */
  readonly cleanup: () => Promise<void>;
  /** Another Store over the same database: a second API node (closed by `cleanup`). */
  readonly reopen: () => Promise<Store>;
  /**
   * Runs one raw SQL statement on a connection of its own — not through the Store — and returns its
   * rows: how the suite checks what is really stored, and that the database itself refuses to
   * rewrite the board.
   */
  readonly raw: (sql: string) => Promise<Record<string, unknown>[]>;
}

/** Makes a fresh store for one test. */
export type MakeStore = () => Promise<StoreUnderTest>;

/** Runs `body` with a fresh store and always cleans up. */
export async function withStore(make: MakeStore, body: (s: StoreUnderTest) => Promise<void>): Promise<void> {
  const under = await make();
  try {
    await body(under);
  } finally {
    await under.cleanup();
  }
}

/** Asserts that `run` rejects with a StoreError of `code`. */
export async function rejectsStore(run: () => Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof StoreError, `expected StoreError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    return true;
  });
}

/** Everything an async iterable yields. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A plain copy of a row (drivers return null-prototype objects or their own types). */
export function plain(row: Record<string, unknown> | undefined): Record<string, unknown> {
  return { ...row };
}

/** Stored bytes (a Buffer from pg, a Uint8Array from node:sqlite) as a plain Uint8Array. */
export function rawBytes(value: unknown): Uint8Array {
  return Uint8Array.from(value as Uint8Array);
}

/**
 * Asserts that an election's stored log is one chain — indices in order, each `previous` the leaf
 * hash before it, each stored leaf hash that of its event — and returns its events.
 */
export async function assertChain(store: BoardStore, election = ELECTION): Promise<BoardEvent[]> {
  const events = await collect(store.events(election));
  const hashes = await collect(store.leafHashes(election));
  assert.equal(hashes.length, events.length);
  events.forEach((event, i) => {
    assert.equal(event.index, i);
    assert.equal(event.previous, i === 0 ? GENESIS : toBase64url(hashes[i - 1]!), `chain at ${i}`);
    assert.deepEqual(hashes[i], eventLeafHash(event), `leaf hash of ${i}`);
  });
  return events;
}
