/**
 * The store conformance suite and the durability test against SqliteStore (src/store/sqlite.ts): a
 * fresh database file per test, in a temporary directory removed at the end; a second connection on
 * the same file plays the second process.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { storeConformance } from './conformance.ts';
import { durabilityRun, twoWritersRun } from './durability.ts';
import type { StoreUnderTest } from './harness.ts';

const root = await mkdtemp(join(tmpdir(), 'psephos-store-'));
after(() => rm(root, { recursive: true, force: true }));
let files = 0;

/** A raw connection to the file, outside the store. */
function rawConnection(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

async function make(): Promise<StoreUnderTest> {
  const path = join(root, `store-${files++}.sqlite`);
  const opened: Store[] = [];
  const open = async () => {
    // Pages of 3 rows: every read of more than a handful of events crosses page boundaries.
    const store = new SqliteStore(path, { readPage: 3 });
    await store.migrate();
    opened.push(store);
    return store;
  };
  const store = await open();
  let raw: DatabaseSync | undefined;
  return {
    store,
    reopen: open,
    raw: async (sql) => {
      raw ??= rawConnection(path);
      return raw.prepare(sql).all() as Record<string, unknown>[];
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
      raw?.close();
    },
  };
}

storeConformance('SqliteStore', make);

describe('SqliteStore file', () => {
  test('is in WAL mode, and a reopened store sees what another connection committed', async () => {
    const { store, reopen, raw, cleanup } = await make();
    try {
      assert.equal((await raw('PRAGMA journal_mode'))[0]?.journal_mode, 'wal');
      await store.setAdmin('ro', 'scrypt$1');
      assert.equal(await (await reopen()).adminPasswordHash('ro'), 'scrypt$1');
    } finally {
      await cleanup();
    }
  });

  test('appends acknowledged before a SIGKILL of the appending process survive it, chained and intact', async () => {
    await durabilityRun(async () => {
      const path = join(root, `durable-${files++}.sqlite`);
      return {
        url: `sqlite:${path}`,
        checkAfterCrash: async () => {
          const db = rawConnection(path);
          try {
            assert.deepEqual({ ...db.prepare('PRAGMA integrity_check').get() }, { integrity_check: 'ok' });
          } finally {
            db.close();
          }
        },
        cleanup: async () => undefined,
      };
    });
  });

  test('two processes appending to one board at once: each append lands once, in one chain', async () => {
    await twoWritersRun(async () => ({
      url: `sqlite:${join(root, `writers-${files++}.sqlite`)}`,
      cleanup: async () => undefined,
    }));
  });
});
