/**
 * A fresh PostgreSQL schema for one test run, on the server at DATABASE_URL (default: the machine's
 * local test server). Unreachable PostgreSQL fails the test with a plain message: CI starts it.
 */
import pg from 'pg';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Creates `psephos_test_<random>`; returns a store URL for it and a cleanup that drops it. */
export async function freshPostgresUrl(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const schema = `psephos_test_${Math.random().toString(36).slice(2, 10)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    try {
      await client.connect();
    } catch (e) {
      throw new Error(`PostgreSQL is not reachable at ${DATABASE_URL}: ${(e as Error).message}`);
    }
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('schema', schema);
  return { url: url.toString(), cleanup: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}
