/**
 * The in-memory BoardStore (src/board/memory-store.ts) keeps the rules every store must keep: appends
 * only at the current size (`conflict` otherwise), one election per log, ranges within the log, heads
 * in ascending order and never past the log, stored values that callers cannot change afterwards.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MemoryStore } from '../../src/board/memory-store.ts';
import { signTreeHead } from '../../src/board/tree-head.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { EMPTY_ROOT } from '../../src/crypto/merkle.ts';
import { type BoardEvent, eventLeafHash, GENESIS } from '../../src/protocol/events.ts';
import { tracker } from '../../src/protocol/tracker.ts';
import { ballots, boardKey, ELECTION, rejectsWith } from './fixtures.ts';

/** A close event at `index` (the store does not look at chains or payloads). */
const closeAt = (index: number, election = ELECTION): BoardEvent => ({
  election,
  index,
  previous: GENESIS,
  time: '2025-03-01T09:00:00.000Z',
  type: 'close',
  payload: {},
});
const headOf = (size: number, election = ELECTION) =>
  signTreeHead(boardKey.secretKey, {
    format: 'psephos/tree-head',
    election,
    size,
    root: toBase64url(EMPTY_ROOT),
    time: '2025-03-01T09:00:00.000Z',
  });
const collect = async <T>(items: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

async function storeWith(count: number): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (let i = 0; i < count; i++) await store.append(ELECTION, closeAt(i), eventLeafHash(closeAt(i)));
  return store;
}

describe('MemoryStore', () => {
  test('appends only at the current size: a stale or skipped index is a conflict', async () => {
    const store = await storeWith(3);
    await rejectsWith(() => store.append(ELECTION, closeAt(2), eventLeafHash(closeAt(2))), 'conflict');
    await rejectsWith(() => store.append(ELECTION, closeAt(0), eventLeafHash(closeAt(0))), 'conflict');
    await rejectsWith(() => store.append(ELECTION, closeAt(4), eventLeafHash(closeAt(4))), 'conflict');
    assert.equal(await store.size(ELECTION), 3);
    await store.append(ELECTION, closeAt(3), eventLeafHash(closeAt(3)));
    assert.equal(await store.size(ELECTION), 4);
  });

  test('concurrent appends at the same index: exactly one wins', async () => {
    const store = await storeWith(2);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => store.append(ELECTION, closeAt(2), eventLeafHash(closeAt(2)))),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal(await store.size(ELECTION), 3);
  });

  test("keeps elections apart and refuses another election's event or head", async () => {
    const store = await storeWith(2);
    assert.equal(await store.size('other'), 0);
    await rejectsWith(
      () => store.append(ELECTION, closeAt(2, 'other'), eventLeafHash(closeAt(2))),
      'wrong-election',
    );
    await rejectsWith(() => store.appendHead(ELECTION, headOf(0, 'other')), 'wrong-election');
    await store.append('other', closeAt(0, 'other'), eventLeafHash(closeAt(0, 'other')));
    assert.equal(await store.size('other'), 1);
    assert.equal(await store.size(ELECTION), 2);
  });

  test('reads events and leaf hashes back in order, and ranges must lie within the log', async () => {
    const store = await storeWith(5);
    assert.deepEqual(await store.event(ELECTION, 4), closeAt(4));
    assert.equal(await store.event(ELECTION, 5), undefined);
    assert.equal(await store.event(ELECTION, -1), undefined);
    assert.deepEqual(
      (await collect(store.events(ELECTION, 1, 4))).map((e) => e.index),
      [1, 2, 3],
    );
    assert.deepEqual(
      (await collect(store.events(ELECTION))).map((e) => e.index),
      [0, 1, 2, 3, 4],
    );
    assert.deepEqual(await collect(store.events(ELECTION, 5)), []);
    const hashes = await collect(store.leafHashes(ELECTION));
    assert.deepEqual(
      hashes,
      [0, 1, 2, 3, 4].map((i) => eventLeafHash(closeAt(i))),
    );
    assert.equal((await collect(store.leafHashes(ELECTION, 3))).length, 2);
    await rejectsWith(() => collect(store.events(ELECTION, 0, 6)), 'not-found');
    await rejectsWith(() => collect(store.events(ELECTION, 3, 2)), 'not-found');
    await rejectsWith(() => collect(store.events(ELECTION, -1)), 'not-found');
    await rejectsWith(() => collect(store.leafHashes(ELECTION, 6)), 'not-found');
  });

  test('what is stored cannot be changed through the objects passed in or read out', async () => {
    const store = new MemoryStore();
    const event = closeAt(0) as { index: number; time: string };
    const leaf = eventLeafHash(closeAt(0));
    await store.append(ELECTION, event as BoardEvent, leaf);
    event.time = '2030-01-01T00:00:00.000Z';
    leaf.fill(0);
    const read = (await store.event(ELECTION, 0)) as { time: string };
    assert.equal(read.time, '2025-03-01T09:00:00.000Z');
    read.time = 'changed';
    assert.equal((await store.event(ELECTION, 0))?.time, '2025-03-01T09:00:00.000Z');
    assert.deepEqual((await collect(store.leafHashes(ELECTION)))[0], eventLeafHash(closeAt(0)));
  });

  test('ballots are found by tracker (the first of equal ones); a tracker goes with ballots only', async () => {
    const store = await storeWith(1);
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
    assert.equal(await store.size(ELECTION), 4);
  });

  test('heads: ascending sizes (equal allowed), never past the log, latest is the last stored', async () => {
    const store = await storeWith(3);
    assert.equal(await store.latestHead(ELECTION), undefined);
    await store.appendHead(ELECTION, headOf(0));
    await store.appendHead(ELECTION, headOf(2));
    await store.appendHead(ELECTION, headOf(2));
    await rejectsWith(() => store.appendHead(ELECTION, headOf(1)), 'out-of-order');
    await rejectsWith(() => store.appendHead(ELECTION, headOf(4)), 'out-of-order');
    await store.appendHead(ELECTION, headOf(3));
    assert.deepEqual(
      (await collect(store.heads(ELECTION))).map((h) => h.size),
      [0, 2, 2, 3],
    );
    assert.deepEqual(await store.latestHead(ELECTION), headOf(3));
  });
});
