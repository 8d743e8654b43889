/**
 * The rules every BoardStore keeps (src/board/store.ts), as one suite: appends only at the current
 * size, one election per log, ranges within the log, readers that may stop early, values returned as
 * stored, ballots found by tracker, heads in order. Run on the in-memory store (memory-store.test.ts)
 * and on SQLite and PostgreSQL (test/store/conformance-board.ts), which add what only a database can
 * get wrong.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BoardStore } from '../../src/board/store.ts';
import { signTreeHead } from '../../src/board/tree-head.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { EMPTY_ROOT } from '../../src/crypto/merkle.ts';
import { type BoardEvent, eventLeafHash, GENESIS } from '../../src/protocol/events.ts';
import { tracker } from '../../src/protocol/tracker.ts';
import { ballots, boardKey, ELECTION, rejectsWith } from './fixtures.ts';

/** A fresh, empty store and how to dispose of it. */
export type MakeBoardStore = () => Promise<{ store: BoardStore; cleanup: () => Promise<void> }>;

/** A close event at `index` (a store does not look at chains or payloads). */
export const closeAt = (index: number, election = ELECTION): BoardEvent => ({
  election,
  index,
  previous: GENESIS,
  time: '2025-03-01T09:00:00.000Z',
  type: 'close',
  payload: {},
});

export const appendClose = (store: BoardStore, index: number, election = ELECTION) =>
  store.append(election, closeAt(index, election), eventLeafHash(closeAt(index, election)));

/** `count` close events at indices 0.. */
export async function closes(store: BoardStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await appendClose(store, i);
}

/** A head of `size` signed with the fixtures' board key (a store checks order, not roots). */
export const headOf = (size: number, election = ELECTION) =>
  signTreeHead(boardKey.secretKey, {
    format: 'psephos/tree-head',
    election,
    size,
    root: toBase64url(EMPTY_ROOT),
    time: '2025-03-01T09:00:00.000Z',
  });

/** Everything an async iterable yields. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function withBoardStore(
  make: MakeBoardStore,
  body: (store: BoardStore) => Promise<void>,
): Promise<void> {
  const { store, cleanup } = await make();
  try {
    await body(store);
  } finally {
    await cleanup();
  }
}

/** Registers the suite's tests (call it inside a describe). */
export function boardStoreRules(make: MakeBoardStore): void {
  test('appends only at the current size: a stale or skipped index is a conflict', async () => {
    await withBoardStore(make, async (store) => {
      await closes(store, 3);
      await rejectsWith(() => appendClose(store, 2), 'conflict');
      await rejectsWith(() => appendClose(store, 0), 'conflict');
      await rejectsWith(() => appendClose(store, 4), 'conflict');
      assert.equal(await store.size(ELECTION), 3);
      await appendClose(store, 3);
      assert.equal(await store.size(ELECTION), 4);
    });
  });

  test('concurrent appends at the same index in one store: exactly one wins', async () => {
    await withBoardStore(make, async (store) => {
      await closes(store, 2);
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => appendClose(store, 2)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results)
        if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'conflict');
      assert.equal(await store.size(ELECTION), 3);
    });
  });

  test("keeps elections apart and refuses another election's event or head", async () => {
    await withBoardStore(make, async (store) => {
      await closes(store, 2);
      assert.equal(await store.size('other'), 0);
      await rejectsWith(
        () => store.append(ELECTION, closeAt(2, 'other'), eventLeafHash(closeAt(2))),
        'wrong-election',
      );
      await rejectsWith(() => store.appendHead(ELECTION, headOf(0, 'other')), 'wrong-election');
      await appendClose(store, 0, 'other');
      assert.equal(await store.size('other'), 1);
      assert.equal(await store.size(ELECTION), 2);
    });
  });

  test('reads events and leaf hashes back in order, across pages; ranges must lie within the log', async () => {
    await withBoardStore(make, async (store) => {
      await closes(store, 8);
      assert.deepEqual(await store.event(ELECTION, 7), closeAt(7));
      assert.equal(await store.event(ELECTION, 8), undefined);
      assert.equal(await store.event(ELECTION, -1), undefined);
      assert.equal(await store.event(ELECTION, 1.5), undefined);
      assert.equal(await store.event('nobody', 0), undefined);
      const indices = async (from?: number, to?: number) =>
        (await collect(store.events(ELECTION, from, to))).map((e) => e.index);
      assert.deepEqual(await indices(1, 7), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(await indices(), [0, 1, 2, 3, 4, 5, 6, 7]);
      assert.deepEqual(await indices(3), [3, 4, 5, 6, 7]);
      assert.deepEqual(await indices(8), []);
      assert.deepEqual(await indices(4, 4), []);
      assert.deepEqual(await collect(store.events('nobody')), []);
      const hashes = await collect(store.leafHashes(ELECTION));
      assert.deepEqual(
        hashes,
        [0, 1, 2, 3, 4, 5, 6, 7].map((i) => eventLeafHash(closeAt(i))),
      );
      assert.equal((await collect(store.leafHashes(ELECTION, 3))).length, 5);
      assert.deepEqual(await collect(store.leafHashes(ELECTION, 8)), []);
      assert.deepEqual(await collect(store.leafHashes('nobody')), []);
      await rejectsWith(() => collect(store.events(ELECTION, 0, 9)), 'not-found');
      await rejectsWith(() => collect(store.events(ELECTION, 3, 2)), 'not-found');
      await rejectsWith(() => collect(store.events(ELECTION, -1)), 'not-found');
      await rejectsWith(() => collect(store.events(ELECTION, 0.5)), 'not-found');
      await rejectsWith(() => collect(store.leafHashes(ELECTION, 9)), 'not-found');
      await rejectsWith(() => collect(store.leafHashes(ELECTION, -1)), 'not-found');
    });
  });

  test('a reader that stops early leaves the store usable (no cursor left holding the log)', async () => {
    await withBoardStore(make, async (store) => {
      await closes(store, 8);
      for await (const event of store.events(ELECTION)) if (event.index === 4) break;
      for await (const _ of store.leafHashes(ELECTION)) break;
      await appendClose(store, 8);
      assert.equal(await store.size(ELECTION), 9);
    });
  });

  test('what is stored cannot be changed through the objects passed in or read out', async () => {
    await withBoardStore(make, async (store) => {
      const event = closeAt(0) as { index: number; time: string };
      const leaf = eventLeafHash(closeAt(0));
      await store.append(ELECTION, event as BoardEvent, leaf);
      event.time = '2030-01-01T00:00:00.000Z';
      leaf.fill(0);
      const read = (await store.event(ELECTION, 0)) as { time: string };
      assert.equal(read.time, '2025-03-01T09:00:00.000Z');
      read.time = 'changed';
      assert.equal((await store.event(ELECTION, 0))?.time, '2025-03-01T09:00:00.000Z');
      const [hash] = await collect(store.leafHashes(ELECTION));
      assert.deepEqual(hash, eventLeafHash(closeAt(0)));
      hash!.fill(1);
      assert.deepEqual((await collect(store.leafHashes(ELECTION)))[0], eventLeafHash(closeAt(0)));
    });
  });

  test('ballots are found by tracker (the first of equal ones); a tracker goes with ballots only', async () => {
    await withBoardStore(make, async (store) => {
      await closes(store, 1);
      const ballotAt = (index: number, n: number): BoardEvent => ({
        ...closeAt(index),
        type: 'ballot',
        payload: { ballot: ballots[n]! },
      });
      const trackerOf = (n: number) => toBase64url(tracker(ballots[n]!));
      await store.append(ELECTION, ballotAt(1, 0), eventLeafHash(ballotAt(1, 0)), trackerOf(0));
      await store.append(ELECTION, ballotAt(2, 1), eventLeafHash(ballotAt(2, 1)), trackerOf(1));
      await store.append(ELECTION, ballotAt(3, 0), eventLeafHash(ballotAt(3, 0)), trackerOf(0));
      assert.equal(await store.findBallot(ELECTION, trackerOf(0)), 1);
      assert.equal(await store.findBallot(ELECTION, trackerOf(1)), 2);
      assert.equal(await store.findBallot(ELECTION, trackerOf(2)), undefined);
      assert.equal(await store.findBallot('other', trackerOf(0)), undefined);
      await rejectsWith(
        () => store.append(ELECTION, ballotAt(4, 2), eventLeafHash(ballotAt(4, 2))),
        'wrong-event',
      );
      await rejectsWith(
        () => store.append(ELECTION, closeAt(4), eventLeafHash(closeAt(4)), trackerOf(2)),
        'wrong-event',
      );
      await rejectsWith(() => store.append(ELECTION, closeAt(4), new Uint8Array(31)), 'wrong-event');
      assert.equal(await store.size(ELECTION), 4);
    });
  });

  test('heads: ascending sizes (equal allowed), never past the log, latest is the last stored, across pages', async () => {
    await withBoardStore(make, async (store) => {
      await closes(store, 3);
      assert.equal(await store.latestHead(ELECTION), undefined);
      assert.deepEqual(await collect(store.heads(ELECTION)), []);
      await store.appendHead(ELECTION, headOf(0));
      await store.appendHead(ELECTION, headOf(2));
      await store.appendHead(ELECTION, headOf(2));
      await rejectsWith(() => store.appendHead(ELECTION, headOf(1)), 'out-of-order');
      await rejectsWith(() => store.appendHead(ELECTION, headOf(4)), 'out-of-order');
      await store.appendHead(ELECTION, headOf(3));
      await store.appendHead(ELECTION, headOf(3));
      await store.appendHead(ELECTION, headOf(3));
      assert.deepEqual(
        (await collect(store.heads(ELECTION))).map((h) => h.size),
        [0, 2, 2, 3, 3, 3],
      );
      assert.deepEqual(await store.latestHead(ELECTION), headOf(3));
      assert.deepEqual((await collect(store.heads(ELECTION)))[1], headOf(2));
      assert.equal(await store.latestHead('other'), undefined);
      await rejectsWith(() => store.appendHead('other', headOf(1, 'other')), 'out-of-order');
    });
  });
}
