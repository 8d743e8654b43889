/**
 * The board part of the store conformance suite (src/board/store.ts): appends only at the current
 * size — also when writers race, in one store or in two over one database —, one election per log,
 * ranges within the log, values returned as stored, ballots found by tracker, heads in order, the
 * board tables append-only in the database itself, and migrations that apply once.
 *
 * The rules every BoardStore keeps (test/board/board-store-rules.ts), plus what only a database can
 * get wrong.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Board } from '../../src/board/board.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { canonicalJson } from '../../src/protocol/canonical.ts';
import { type BoardEvent, eventLeafHash } from '../../src/protocol/events.ts';
import { tracker } from '../../src/protocol/tracker.ts';
import { LATEST_VERSION } from '../../src/store/migrations.ts';
import type { Store } from '../../src/store/store.ts';
import { appendClose, boardStoreRules, closeAt, closes, headOf } from '../board/board-store-rules.ts';
import { appendKind, boardKey, ELECTION, type Kind, rejectsWith, steppingClock } from '../board/fixtures.ts';
import { assertChain, collect, type MakeStore, plain, rawBytes, withStore } from './harness.ts';

/** The events of a short real election day: opening, late joiners, ballots, closing. */
const DAY: readonly Kind[] = [
  'open',
  'amendment',
  'ballot',
  'ballot',
  'amendment',
  'ballot',
  'ballot',
  'amendment',
  'ballot',
  'close',
];

async function realBoard(store: Store): Promise<{ board: Board; events: BoardEvent[] }> {
  const board = await Board.open(store, ELECTION, boardKey.secretKey, steppingClock());
  const events: BoardEvent[] = [];
  for (const [n, kind] of DAY.entries()) events.push(await appendKind(board, kind, n));
  return { board, events };
}

export function boardConformance(make: MakeStore): void {
  describe('board', () => {
    boardStoreRules(async () => {
      const { store, cleanup } = await make();
      return { store, cleanup };
    });

    test('a Board over the store: real events read back as appended, chained, and a reopened board agrees', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const { board, events } = await realBoard(store);
        assert.equal(await store.size(ELECTION), DAY.length);
        assert.deepEqual(await collect(store.events(ELECTION)), events);
        assert.deepEqual(await store.event(ELECTION, 2), events[2]);
        assert.deepEqual(await assertChain(store), events);
        const head = await board.signHead();
        // Another node opening the same board rebuilds the same tree and accepts the stored head.
        const other = await Board.open(await reopen(), ELECTION, boardKey.secretKey);
        assert.equal(other.size, DAY.length);
        assert.equal(other.root(), head.root);
        assert.deepEqual(await other.latestHead(), head);
      });
    });

    test('stores each event as its canonical JSON text, its leaf hash as 32 bytes, its tracker as text', async () => {
      await withStore(make, async ({ store, raw }) => {
        const { events } = await realBoard(store);
        const rows = (
          await raw(
            `SELECT idx, event, leaf_hash, tracker FROM board_events WHERE election = '${ELECTION}' ORDER BY idx`,
          )
        ).map(plain);
        assert.equal(rows.length, events.length);
        rows.forEach((row, i) => {
          const event = events[i]!;
          assert.equal(Number(row.idx), i);
          assert.equal(row.event, canonicalJson(event));
          assert.deepEqual(rawBytes(row.leaf_hash), eventLeafHash(event));
          const expected = event.type === 'ballot' ? toBase64url(tracker(event.payload.ballot)) : null;
          assert.equal(row.tracker, expected);
        });
      });
    });

    test('appends racing for one index, in one store and in two over one database: exactly one wins', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const second = await reopen();
        await closes(store, 2);
        for (let index = 2; index < 6; index++) {
          const results = await Promise.allSettled(
            [store, second, store, second, store, second].map((s) => appendClose(s, index)),
          );
          const won = results.filter((r) => r.status === 'fulfilled').length;
          assert.equal(won, 1, `index ${index}: ${won} appends succeeded`);
          for (const r of results) {
            if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'conflict');
          }
        }
        assert.equal(await store.size(ELECTION), 6);
        assert.equal(await second.size(ELECTION), 6);
      });
    });

    test('two boards over two stores (two API nodes): the loser gets conflict, refreshes, and the chain holds', async () => {
      await withStore(make, async ({ store, reopen }) => {
        const a = await Board.open(store, ELECTION, boardKey.secretKey);
        const b = await Board.open(await reopen(), ELECTION, boardKey.secretKey);
        for (let round = 0; round < 4; round++) {
          const results = await Promise.allSettled([
            appendKind(a, 'amendment', round),
            appendKind(b, 'ballot', round),
          ]);
          assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, `round ${round}`);
          const loser = results[0]!.status === 'rejected' ? a : b;
          const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
          assert.equal((failure.reason as { code?: string }).code, 'conflict');
          assert.equal(await loser.refresh(), 2 * round + 1);
          await appendKind(loser, 'amendment', 100 + round);
        }
        await assertChain(store);
        assert.equal(await a.refresh(), 8);
        assert.equal(await b.refresh(), 8);
        assert.equal(a.root(), b.root());
      });
    });

    test("keeps elections apart and refuses another election's event or head", async () => {
      await withStore(make, async ({ store }) => {
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
        assert.deepEqual(await store.event('other', 0), closeAt(0, 'other'));
        assert.equal(await store.event('other', 1), undefined);
      });
    });

    test('the database itself refuses to change, delete or insert around the board', async () => {
      await withStore(make, async ({ store, raw }) => {
        const { board, events } = await realBoard(store);
        await board.signHead();
        const where = `WHERE election = '${ELECTION}'`;
        const refused = [
          `UPDATE board_events SET event = '{}' ${where} AND idx = 3`,
          `UPDATE board_events SET tracker = NULL ${where}`,
          `DELETE FROM board_events ${where} AND idx = ${events.length - 1}`,
          'DELETE FROM board_events',
          `UPDATE board_heads SET size = 0 ${where}`,
          `DELETE FROM board_heads ${where}`,
          // Not at the end of the log: over an existing index, or past the end.
          `INSERT INTO board_events (election, idx, event, leaf_hash, tracker)
           SELECT election, idx, '{}', leaf_hash, NULL FROM board_events ${where} AND idx = 0`,
          `INSERT INTO board_events (election, idx, event, leaf_hash, tracker)
           SELECT election, idx + 2, '{}', leaf_hash, NULL FROM board_events ${where} AND idx = ${events.length - 1}`,
          // A head past the log, or smaller than the latest.
          `INSERT INTO board_heads (election, seq, size, head)
           SELECT election, seq + 1, size + 1, head FROM board_heads ${where}`,
          `INSERT INTO board_heads (election, seq, size, head)
           SELECT election, seq + 1, 0, head FROM board_heads ${where}`,
          ...(store.kind === 'postgres'
            ? [
                'TRUNCATE board_events',
                'TRUNCATE board_heads',
                `INSERT INTO board_events (election, idx, event, leaf_hash, tracker)
                 SELECT election, idx, '{}', leaf_hash, NULL FROM board_events ${where} AND idx = 0
                 ON CONFLICT (election, idx) DO UPDATE SET event = excluded.event`,
              ]
            : [
                `INSERT OR REPLACE INTO board_events (election, idx, event, leaf_hash, tracker)
                 SELECT election, idx, '{}', leaf_hash, NULL FROM board_events ${where} AND idx = 0`,
                `REPLACE INTO board_heads (election, seq, size, head)
                 SELECT election, seq, size, head FROM board_heads ${where}`,
              ]),
        ];
        for (const sql of refused) await assert.rejects(() => raw(sql), `not refused: ${sql}`);
        assert.deepEqual(await assertChain(store), events);
        assert.equal((await collect(store.heads(ELECTION))).length, 1);
        // The untouched log still opens under its signed head.
        const reopened = await Board.open(store, ELECTION, boardKey.secretKey);
        assert.equal(reopened.root(), board.root());
      });
    });

    test('migrate() is idempotent: each version is applied once', async () => {
      await withStore(make, async ({ store, reopen, raw }) => {
        await store.migrate();
        await store.migrate();
        const second = await reopen();
        await Promise.all([second.migrate(), store.migrate()]);
        const rows = (await raw('SELECT version, applied_at FROM schema_migrations ORDER BY version')).map(
          plain,
        );
        assert.deepEqual(
          rows.map((r) => Number(r.version)),
          Array.from({ length: LATEST_VERSION }, (_, i) => i + 1),
        );
        assert.ok(rows.every((r) => !Number.isNaN(new Date(r.applied_at as string).getTime())));
        assert.equal(await store.size(ELECTION), 0);
      });
    });
  });
}
