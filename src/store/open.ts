/**
 * Opens the store named by a URL — the server's and the CLI's one way in, configured by
 * `DATABASE_URL` — and brings its schema up to date before handing it over.
 *
 * - nothing, `sqlite:<path>` or a plain file path: a SQLite file (default `./psephos.sqlite`);
 * - `postgres://…` or `postgresql://…`: PostgreSQL, in the schema named by `?schema=` (default `public`).
 *
 * SPEC.md §18 (Server storage).
 *
 * @example
 * ```ts
 * const store = await openStore(process.env.DATABASE_URL);
 * const other = await openStore('postgres://psephos@db:5432/psephos?schema=practice');
 * ```
 */
import { StoreError } from './errors.ts';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store } from './store.ts';

/** The SQLite file used when no database is configured. @example `openStore()` opens `./psephos.sqlite` */
export const DEFAULT_SQLITE_PATH = './psephos.sqlite';

/**
 * Where a URL points: a SQLite file, or a PostgreSQL connection string and schema.
 * @example `{ kind: 'postgres', connectionString: 'postgres://db/psephos', schema: 'practice' }`
 */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string };

/**
 * Reads a database URL without opening anything. StoreError `unavailable` for another scheme.
 * @example `parseStoreUrl('sqlite:/var/lib/psephos/db.sqlite')` → `{ kind: 'sqlite', path: '/var/lib/psephos/db.sqlite' }`
 */
export function parseStoreUrl(url: string | undefined): StoreLocation {
  const text = url?.trim() ?? '';
  if (text === '') return { kind: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(text)) {
    const parsed = new URL(text);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    // pg would pass an unknown parameter on to the server; the schema is ours to apply.
    parsed.searchParams.delete('schema');
    return { kind: 'postgres', connectionString: parsed.toString(), schema };
  }
  if (/^sqlite:/i.test(text)) {
    // sqlite:relative/path, sqlite:/absolute/path, sqlite:///absolute/path
    const rest = text.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', path: rest === '' ? DEFAULT_SQLITE_PATH : rest };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new StoreError(
      'unavailable',
      `unsupported database URL "${text.split('://')[0]}://…": use postgres://…, sqlite:<path> or a file path`,
    );
  }
  return { kind: 'sqlite', path: text };
}

/**
 * Opens and migrates the store at `url` (see the module comment); the caller closes it.
 * @example `const store = await openStore(); // ./psephos.sqlite`
 */
export async function openStore(url?: string): Promise<Store> {
  const where = parseStoreUrl(url);
  const store =
    where.kind === 'sqlite'
      ? new SqliteStore(where.path)
      : new PostgresStore(where.connectionString, { schema: where.schema });
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
