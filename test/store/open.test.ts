/**
 * openStore (src/store/open.ts): which URL opens which store, and a database that cannot be reached
 * is StoreError `unavailable` with the reason.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SQLITE_PATH, openStore, parseStoreUrl } from '../../src/store/open.ts';
import { rejectsStore } from './harness.ts';

describe('openStore', () => {
  test('reads SQLite paths and PostgreSQL URLs with their schema', () => {
    assert.deepEqual(parseStoreUrl(undefined), { kind: 'sqlite', path: DEFAULT_SQLITE_PATH });
    assert.deepEqual(parseStoreUrl(''), { kind: 'sqlite', path: DEFAULT_SQLITE_PATH });
    assert.deepEqual(parseStoreUrl('data/psephos.db'), { kind: 'sqlite', path: 'data/psephos.db' });
    assert.deepEqual(parseStoreUrl('sqlite:data/psephos.db'), { kind: 'sqlite', path: 'data/psephos.db' });
    assert.deepEqual(parseStoreUrl('sqlite:/var/lib/psephos.db'), {
      kind: 'sqlite',
      path: '/var/lib/psephos.db',
    });
    assert.deepEqual(parseStoreUrl('sqlite:///var/lib/psephos.db'), {
      kind: 'sqlite',
      path: '/var/lib/psephos.db',
    });
    assert.deepEqual(parseStoreUrl('sqlite::memory:'), { kind: 'sqlite', path: ':memory:' });
    assert.deepEqual(
      parseStoreUrl('postgres://psephos:secret@db:5432/psephos?schema=practice&sslmode=require'),
      {
        kind: 'postgres',
        connectionString: 'postgres://psephos:secret@db:5432/psephos?sslmode=require',
        schema: 'practice',
      },
    );
    assert.deepEqual(parseStoreUrl('postgresql://db/psephos'), {
      kind: 'postgres',
      connectionString: 'postgresql://db/psephos',
      schema: 'public',
    });
  });

  test('refuses other databases, bad schema names, and reports databases it cannot reach', async () => {
    assert.throws(() => parseStoreUrl('mysql://db/psephos'), /unsupported database URL/);
    await rejectsStore(() => openStore('postgres://db/psephos?schema=Robert%27;%20DROP'), 'unavailable');
    await rejectsStore(() => openStore('/nonexistent-directory/psephos.sqlite'), 'unavailable');
    // Port 1 on this machine: nothing listens, the connection is refused at once.
    await rejectsStore(() => openStore('postgres://postgres@127.0.0.1:1/test'), 'unavailable');
  });

  test('opens and migrates an in-memory SQLite store', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      assert.equal(store.kind, 'sqlite');
      assert.equal(await store.size('leader-2025'), 0);
    } finally {
      await store.close();
    }
  });
});
