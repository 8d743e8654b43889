/**
 * The election record (src/board/export.ts): a header line, every event in order, each signed head
 * right after the event that brings the log to its size; a snapshot of the log when the export began;
 * and streaming, so that a long log is never held as text all at once.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { exportRecord } from '../../src/board/export.ts';
import { MemoryStore } from '../../src/board/memory-store.ts';
import { type SignedTreeHead, signTreeHead, verifyTreeHead } from '../../src/board/tree-head.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { MerkleTree } from '../../src/crypto/merkle.ts';
import { type BoardEvent, eventLeafHash, GENESIS, parseEvent } from '../../src/protocol/events.ts';
import { appendKind, boardKey, ELECTION, element, type Kind, newBoard } from './fixtures.ts';

const HEADER = `{"election":"${ELECTION}","format":"psephos/record","version":1}\n`;

async function lines(store: MemoryStore, election = ELECTION): Promise<string[]> {
  const out: string[] = [];
  for await (const line of exportRecord(store, election)) out.push(line);
  return out;
}

/** Parses a record: the header, then events and heads, noting how many events precede each head. */
function readRecord(record: readonly string[]) {
  assert.equal(record[0], HEADER);
  const events: BoardEvent[] = [];
  const heads: { head: SignedTreeHead; after: number }[] = [];
  for (const line of record.slice(1)) {
    assert.ok(line.endsWith('\n') && line.indexOf('\n') === line.length - 1, 'one value per line');
    const value = JSON.parse(line) as { format?: string };
    if (value.format === 'psephos/tree-head') {
      heads.push({ head: verifyTreeHead(boardKey.publicKey, value, ELECTION), after: events.length });
    } else {
      events.push(parseEvent(value));
    }
  }
  return { events, heads };
}

describe('election record export', () => {
  test('header, events in order, each head right after the event that brings the log to its size', async () => {
    const { board, store } = await newBoard();
    await board.signHead(); // size 0: right after the header
    const kinds: Kind[] = ['open', 'amendment', 'ballot', 'ballot', 'complaint', 'ballot', 'close'];
    for (const [n, kind] of kinds.entries()) {
      await appendKind(board, kind, n);
      if (n % 3 === 1) await board.signHead();
    }
    await board.signHead();
    const record = await lines(store);
    const { events, heads } = readRecord(record);
    const stored: BoardEvent[] = [];
    for await (const e of store.events(ELECTION)) stored.push(e);
    assert.deepEqual(events, stored);
    assert.deepEqual(
      heads.map((h) => h.head.size),
      [0, 2, 5, 7],
    );
    for (const { head, after } of heads) assert.equal(after, head.size);
    // Each line is the canonical JSON of what the store holds.
    assert.equal(record[1], `${JSON.stringify(heads[0]!.head, Object.keys(heads[0]!.head).sort())}\n`);
    assert.equal(record.length, 1 + events.length + heads.length);
  });

  test('an empty board exports its header alone; an unknown election too', async () => {
    const { store } = await newBoard();
    assert.deepEqual(await lines(store), [HEADER]);
    assert.deepEqual(await lines(store, 'nobody'), [
      '{"election":"nobody","format":"psephos/record","version":1}\n',
    ]);
  });

  test('two heads of one size both follow their event', async () => {
    const { board, store } = await newBoard();
    await appendKind(board, 'open', 0);
    const head = await board.signHead();
    const again = signTreeHead(boardKey.secretKey, {
      ...stripSignature(head),
      time: '2025-03-02T00:00:00.000Z',
    });
    await store.appendHead(ELECTION, again);
    await appendKind(board, 'close', 1);
    const { heads } = readRecord(await lines(store));
    assert.deepEqual(
      heads.map((h) => [h.head.size, h.after]),
      [
        [1, 1],
        [1, 1],
      ],
    );
  });

  test('the record is the log as it was when the export began', async () => {
    const { board, store } = await newBoard();
    await appendKind(board, 'open', 0);
    await appendKind(board, 'amendment', 1);
    await board.signHead();
    const record: string[] = [];
    for await (const line of exportRecord(store, ELECTION)) {
      record.push(line);
      if (record.length === 2) {
        // Appends and a head while the export is under way.
        await appendKind(board, 'ballot', 2);
        await board.signHead();
      }
    }
    const { events, heads } = readRecord(record);
    assert.equal(events.length, 2);
    assert.deepEqual(
      heads.map((h) => h.head.size),
      [2],
    );
  });

  test('a consumer may stop early', async () => {
    const { board, store } = await newBoard();
    for (let n = 0; n < 5; n++) await appendKind(board, 'amendment', n);
    await board.signHead();
    let seen = 0;
    for await (const _ of exportRecord(store, ELECTION)) if (++seen === 3) break;
    assert.equal(seen, 3);
    assert.equal((await lines(store)).length, 1 + 5 + 1);
  });

  test('100 000 events stream in far less memory than the record’s text', async (t) => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const store = new MemoryStore();
    const tree = new MerkleTree();
    const count = 100_000;
    const headEvery = 10_000;
    const credentials = Array.from({ length: 50 }, (_, i) => element(i + 1));
    let previous = GENESIS;
    for (let index = 0; index < count; index++) {
      const event: BoardEvent = {
        election: ELECTION,
        index,
        previous,
        time: '2025-03-01T09:00:00.000Z',
        type: 'roll-amendment',
        payload: { kind: 'add', credential: credentials[index % 50]!, reason: `member ${index} joined late` },
      };
      const leaf = eventLeafHash(event);
      await store.append(ELECTION, event, leaf);
      tree.append(leaf);
      previous = toBase64url(leaf);
      if ((index + 1) % headEvery === 0) {
        await store.appendHead(
          ELECTION,
          signTreeHead(boardKey.secretKey, {
            format: 'psephos/tree-head',
            election: ELECTION,
            size: index + 1,
            root: toBase64url(tree.root()),
            time: '2025-03-01T09:00:00.000Z',
          }),
        );
      }
    }
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let bytes = 0;
    let lineCount = 0;
    let eventsSeen = 0;
    for await (const line of exportRecord(store, ELECTION)) {
      bytes += line.length;
      lineCount++;
      if (line.startsWith('{"election"') && line.includes('"index":')) eventsSeen++;
      if (lineCount % 20_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
    }
    t.diagnostic(`export of ${bytes} bytes: heap grew by at most ${peak} bytes`);
    assert.equal(lineCount, 1 + count + count / headEvery);
    assert.equal(eventsSeen, count);
    assert.ok(bytes > 15_000_000, `the record is ${bytes} bytes of text`);
    assert.ok(peak < bytes / 10, `heap grew by ${peak} bytes while streaming ${bytes} bytes of text`);
  });
});

function stripSignature(head: SignedTreeHead) {
  const { signature: _, ...rest } = head;
  return rest;
}
