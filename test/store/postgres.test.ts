/**
 * The store conformance suite and the durability test against PostgresStore (src/store/postgres.ts),
 * at DATABASE_URL (default: the local test server). Every test gets a fresh schema
 * `psephos_test_<random>`, dropped when it ends. If PostgreSQL cannot be reached the run FAILS with
 * the reason: CI starts PostgreSQL before the tests, so its absence is an error, not a skip.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres.ts';
import type { Store } from '../../src/store/store.ts';
import { storeConformance } from './conformance.ts';
import { durabilityRun, twoWritersRun } from './durability.ts';
import type { StoreUnderTest } from './harness.ts';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The URL without its password, for messages. */
function shown(url: string): string {
  const u = new URL(url);
  if (u.password !== '') u.password = '***';
  return u.toString();
}

/** Why PostgreSQL cannot be used, or undefined when it answers. */
async function unreachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message || String((e as { code?: string }).code) : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs one statement on a connection of its own, in `schema` (or in the default search path). */
async function sql(text: string, schema?: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({
    connectionString: DATABASE_URL,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** Schemas made and not yet dropped: dropped at the end even when a test's own cleanup failed. */
const schemas = new Set<string>();
const newSchema = () => {
  const name = `psephos_test_${randomBytes(6).toString('hex')}`;
  schemas.add(name);
  return name;
};
const dropSchema = async (name: string) => {
  await sql(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  schemas.delete(name);
};

async function make(): Promise<StoreUnderTest> {
  const schema = newSchema();
  const opened: Store[] = [];
  const open = async () => {
    // Pages of 3 rows: every read of more than a handful of events crosses page boundaries.
    const store = new PostgresStore(DATABASE_URL, { schema, readPage: 3 });
    opened.push(store);
    await store.migrate();
    return store;
  };
  const store = await open();
  let raw: pg.Client | undefined;
  return {
    store,
    reopen: open,
    raw: async (text) => {
      if (raw === undefined) {
        raw = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
        await raw.connect();
      }
      return (await raw.query(text)).rows;
    },
    cleanup: async () => {
      for (const s of opened) await s.close();
      await raw?.end();
      await dropSchema(schema);
    },
  };
}

const problem = await unreachable();
if (problem !== undefined) {
  test('PostgreSQL is reachable', () => {
    assert.fail(
      `cannot reach PostgreSQL at ${shown(DATABASE_URL)}: ${problem}. ` +
        'Start PostgreSQL (CI starts it before the tests) or point DATABASE_URL at one.',
    );
  });
} else {
  after(async () => {
    for (const schema of [...schemas]) await dropSchema(schema);
  });

  storeConformance('PostgresStore', make);

  describe('PostgresStore database', () => {
    test('works in its own schema: tables, append-only triggers and migrations live there', async () => {
      const { store, cleanup } = await make();
      try {
        const schema = (store as PostgresStore).schema;
        const tables = await sql(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY table_name`,
        );
        assert.deepEqual(
          tables.map((t) => t.table_name),
          [
            'admins',
            'board_events',
            'board_heads',
            'elections',
            'jobs',
            'login_tokens',
            'organiser_records',
            'outgoing_mail',
            'roll_chunks',
            'roll_decisions',
            'roll_imports',
            'schema_migrations',
            'sessions',
            'voters',
          ],
        );
        const triggers = await sql(
          `SELECT DISTINCT event_object_table AS t, event_manipulation AS op FROM information_schema.triggers
           WHERE trigger_schema = '${schema}' ORDER BY 1, 2`,
        );
        assert.deepEqual(
          triggers.map((r) => `${r.t} ${r.op}`),
          [
            'board_events DELETE',
            'board_events INSERT',
            'board_events UPDATE',
            'board_heads DELETE',
            'board_heads INSERT',
            'board_heads UPDATE',
          ],
        );
      } finally {
        await cleanup();
      }
    });

    test('appends acknowledged before a SIGKILL of the appending process survive it, chained and intact', async () => {
      await durabilityRun(async () => {
        const schema = newSchema();
        const url = new URL(DATABASE_URL);
        url.searchParams.set('schema', schema);
        return { url: url.toString(), cleanup: () => dropSchema(schema) };
      });
    });

    test('two processes appending to one board at once: each append lands once, in one chain', async () => {
      await twoWritersRun(async () => {
        const schema = newSchema();
        const url = new URL(DATABASE_URL);
        url.searchParams.set('schema', schema);
        return { url: url.toString(), cleanup: () => dropSchema(schema) };
      });
    });
  });
}
