/**
 * The board (src/board/board.ts): appends chain and number events and keep the Merkle root right,
 * malformed payloads never reach the store, a second writer at a stale index gets `conflict`,
 * reopening gives the same tree, and heads, proofs and receipts come out as a voter checks them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Board } from '../../src/board/board.ts';
import { MemoryStore } from '../../src/board/memory-store.ts';
import { verifyReceipt, verifyReceiptEvent } from '../../src/board/receipt.ts';
import { verifyTreeHead } from '../../src/board/tree-head.ts';
import { fromBase64url, toBase64url } from '../../src/crypto/bytes.ts';
import { rootOf, verifyConsistency, verifyInclusion } from '../../src/crypto/merkle.ts';
import { ProtocolError } from '../../src/protocol/errors.ts';
import { type BoardEvent, type EventType, eventLeafHash, GENESIS } from '../../src/protocol/events.ts';
import { tracker } from '../../src/protocol/tracker.ts';
import {
  appendKind,
  ballots,
  boardKey,
  ELECTION,
  element,
  type Kind,
  newBoard,
  otherKey,
  rejectsWith,
  steppingClock,
  throwsWith,
  wire,
} from './fixtures.ts';

const SEQUENCE: readonly Kind[] = [
  'open',
  'amendment',
  'ballot',
  'ballot',
  'complaint',
  'ballot',
  'amendment',
  'close',
];

async function filled(kinds: readonly Kind[] = SEQUENCE) {
  const { board, store } = await newBoard();
  const events: BoardEvent[] = [];
  for (const [n, kind] of kinds.entries()) events.push(await appendKind(board, kind, n));
  return { board, store, events };
}

const collect = async <T>(items: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};
const decodeAll = (hashes: readonly string[]) => hashes.map((h) => fromBase64url(h, 32));

describe('Board appends', () => {
  test('events get consecutive indices and chain to the leaf hash of the event before', async () => {
    const { board, store, events } = await filled();
    assert.equal(board.size, SEQUENCE.length);
    assert.deepEqual(await collect(store.events(ELECTION)), events);
    events.forEach((event, i) => {
      assert.equal(event.index, i);
      assert.equal(event.election, ELECTION);
      assert.equal(event.previous, i === 0 ? GENESIS : toBase64url(eventLeafHash(events[i - 1]!)));
    });
    // The stepping clock: one reading per event.
    assert.deepEqual(
      events.slice(0, 2).map((e) => e.time),
      ['2025-03-01T09:00:00.000Z', '2025-03-01T09:00:01.000Z'],
    );
  });

  test('the root is the RFC 9162 root of all the events’ leaf hashes, at every size', async () => {
    const { board, events } = await filled();
    const leaves = events.map(eventLeafHash);
    for (let size = 0; size <= events.length; size++) {
      assert.equal(board.root(size), toBase64url(rootOf(leaves.slice(0, size))), `size ${size}`);
    }
  });

  test('a payload that fails the event schema is refused and nothing is stored', async () => {
    const { board, store, events } = await filled(['open', 'amendment']);
    const bad: [EventType, unknown][] = [
      ['roll-amendment', { kind: 'add', credential: 'not-an-element', reason: 'x' }],
      ['roll-amendment', { kind: 'add', credential: element(3), reason: '' }],
      ['open', { extra: true }],
      ['ballot', { ballot: { ...ballots[0]!, signature: undefined } }],
      ['no-such-type' as EventType, {}],
    ];
    for (const [type, payload] of bad) {
      await assert.rejects(
        board.append(type, payload as never),
        (e: unknown) => e instanceof ProtocolError && e.code === 'bad-event',
        type,
      );
    }
    assert.equal(board.size, 2);
    assert.equal(await store.size(ELECTION), 2);
    // The next good event takes the next index and chains to the last good one.
    const next = await appendKind(board, 'close', 9);
    assert.equal(next.index, 2);
    assert.equal(next.previous, toBase64url(eventLeafHash(events[1]!)));
  });

  test('concurrent appends on one board are queued, not lost', async () => {
    const { board, store } = await newBoard();
    const kinds: Kind[] = ['open', 'amendment', 'ballot', 'amendment', 'ballot', 'close'];
    const events = await Promise.all(kinds.map((kind, n) => appendKind(board, kind, n)));
    assert.deepEqual(
      events.map((e) => e.index),
      [0, 1, 2, 3, 4, 5],
    );
    const stored = await collect(store.events(ELECTION));
    stored.forEach((e, i) => {
      if (i > 0) assert.equal(e.previous, toBase64url(eventLeafHash(stored[i - 1]!)));
    });
  });

  test('a second board over the same store appending at a stale index gets a conflict', async () => {
    const store = new MemoryStore();
    const first = await Board.open(store, ELECTION, boardKey.secretKey, steppingClock());
    const second = await Board.open(store, ELECTION, boardKey.secretKey, steppingClock());
    const winner = await appendKind(first, 'open', 0);
    await rejectsWith(() => appendKind(second, 'amendment', 1), 'conflict');
    assert.equal(second.size, 0, 'the loser’s tree is unchanged');
    assert.equal(await store.size(ELECTION), 1);
    // After catching up, the second board appends after the first board's event.
    assert.equal(await second.refresh(), 1);
    const next = await appendKind(second, 'amendment', 1);
    assert.equal(next.index, 1);
    assert.equal(next.previous, toBase64url(eventLeafHash(winner)));
    assert.equal(second.root(), toBase64url(rootOf([eventLeafHash(winner), eventLeafHash(next)])));
  });

  test('reopening from the store gives the same root, proofs and latest head', async () => {
    const { board, store } = await filled();
    const head = await board.signHead();
    const again = await Board.open(store, ELECTION, boardKey.secretKey);
    assert.equal(again.size, board.size);
    assert.equal(again.root(), board.root());
    assert.deepEqual(await again.latestHead(), head);
    for (let size = 1; size <= board.size; size++) {
      for (let index = 0; index < size; index++) {
        assert.deepEqual(again.inclusionProof(index, size), board.inclusionProof(index, size));
      }
      assert.deepEqual(again.consistencyProof(size), board.consistencyProof(size));
    }
    // And it carries on where the first left off.
    assert.equal((await appendKind(again, 'close', 0)).index, SEQUENCE.length);
  });

  test('opening refuses a store whose log no longer matches its latest head, or another key', async () => {
    const { board, store } = await filled(['open', 'amendment']);
    const head = await board.signHead();
    // A store with a different log of the same length, carrying the first log's head.
    const { board: twin, store: changed } = await filled(['open', 'complaint']);
    assert.notEqual(twin.root(), board.root());
    await changed.appendHead(ELECTION, head);
    await rejectsWith(() => Board.open(changed, ELECTION, boardKey.secretKey), 'inconsistent-heads');
    await rejectsWith(() => Board.open(store, ELECTION, otherKey.secretKey), 'bad-head-signature');
  });
});

describe('Board heads and proofs', () => {
  test('signHead signs the current size and root, and does not re-sign an unchanged log', async () => {
    const { board, store } = await newBoard();
    assert.equal(await board.latestHead(), undefined);
    const empty = await board.signHead();
    assert.equal(empty.size, 0);
    assert.equal(empty.root, board.root());
    assert.equal(await board.signHead(), empty);
    await appendKind(board, 'open', 0);
    await appendKind(board, 'ballot', 1);
    const head = verifyTreeHead(boardKey.publicKey, wire(await board.signHead()), ELECTION);
    assert.equal(head.size, 2);
    assert.equal(head.root, board.root());
    assert.deepEqual(await board.latestHead(), head);
    assert.equal((await collect(store.heads(ELECTION))).length, 2);
    assert.deepEqual(await store.latestHead(ELECTION), head);
  });

  test('inclusion and consistency proofs verify against the board’s roots', async () => {
    const { board, events } = await filled();
    const n = events.length;
    for (let size = 1; size <= n; size++) {
      const root = fromBase64url(board.root(size), 32);
      for (let i = 0; i < size; i++) {
        const proof = decodeAll(board.inclusionProof(i, size));
        assert.ok(verifyInclusion(eventLeafHash(events[i]!), i, size, proof, root), `${i} in ${size}`);
      }
      for (let old = 0; old <= size; old++) {
        const proof = decodeAll(board.consistencyProof(old, size));
        const oldRoot = fromBase64url(board.root(old), 32);
        assert.ok(verifyConsistency(old, size, oldRoot, root, proof), `${old} → ${size}`);
      }
    }
    throwsWith(() => board.inclusionProof(n), 'not-found');
    throwsWith(() => board.inclusionProof(0, n + 1), 'not-found');
    throwsWith(() => board.inclusionProof(-1), 'not-found');
    throwsWith(() => board.consistencyProof(3, 2), 'not-found');
    throwsWith(() => board.consistencyProof(0, n + 1), 'not-found');
  });

  test('a ballot’s receipt verifies and names the ballot on the board; ballots are found by tracker', async () => {
    const { board } = await filled();
    const index = SEQUENCE.indexOf('ballot');
    const receipt = verifyReceipt(boardKey.publicKey, wire(await board.receipt(index)), ELECTION);
    const event = verifyReceiptEvent(receipt, wire(await board.event(index)));
    assert.equal(receipt.index, index);
    assert.equal(receipt.tracker, toBase64url(tracker(event.payload.ballot)));
    assert.equal(await board.findBallot(receipt.tracker), index);
  });

  test('a receipt uses the latest head when it covers the ballot, and signs a new one when not', async () => {
    const { board, store } = await newBoard();
    await appendKind(board, 'open', 0);
    const first = await appendKind(board, 'ballot', 1);
    await appendKind(board, 'amendment', 2);
    const covering = await board.signHead();
    const second = await appendKind(board, 'ballot', 3);
    // The head of size 3 covers the first ballot: no new head for its receipt.
    assert.deepEqual((await board.receipt(first.index)).head, covering);
    assert.equal((await collect(store.heads(ELECTION))).length, 1);
    // It does not cover the second: its receipt comes with a new head, which becomes the latest.
    const receipt = await board.receipt(second.index);
    assert.equal(receipt.head.size, 4);
    assert.deepEqual(await board.latestHead(), receipt.head);
    assert.equal((await collect(store.heads(ELECTION))).length, 2);
  });

  test('receipts are for ballots on the board only', async () => {
    const { board } = await filled();
    await rejectsWith(() => board.receipt(SEQUENCE.indexOf('open')), 'not-a-ballot');
    await rejectsWith(() => board.receipt(SEQUENCE.length), 'not-found');
    await rejectsWith(() => board.receipt(-1), 'not-found');
  });
});
