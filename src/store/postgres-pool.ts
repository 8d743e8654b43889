/**
 * A `pg` connection pool set up for the store: every connection works in one schema (`search_path`,
 * set as a startup option so it holds before the first query), errors of an unreachable or
 * shutting-down server become StoreError `unavailable`, and transactions roll back on any error.
 *
 * @example
 * ```ts
 * const db = new PostgresPool('postgres://psephos@db/psephos', 'psephos', 10);
 * await db.transaction(async (c) => { await db.lockBoard(c, 'leader-2025'); … });
 * ```
 */
import type { PoolClient, QueryResult } from 'pg';
import pg from 'pg';
import { BoardError } from '../board/errors.ts';
import { StoreError } from './errors.ts';
import type { Row } from './rows.ts';

/** SQLSTATE codes the store tells apart. @example `pgCode(e) === UNIQUE_VIOLATION` */
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
/** Raised by the board's append-only triggers. */
export const RESTRICT_VIOLATION = '23001';

/** Advisory-lock classes ("PSEP", "PSEQ"): one lock per election's board, one per schema's migrations. */
const BOARD_LOCK = 0x50534550;
const MIGRATION_LOCK = 0x50534551;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The pool, its schema and its helpers.
 * @example `(await new PostgresPool(url, 'public', 10).query('SELECT 1 AS one')).rows[0]` → `{ one: 1 }`
 */
export class PostgresPool {
  readonly schema: string;
  #pool: pg.Pool;
  #closed = false;

  constructor(connectionString: string, schema: string, maxConnections: number) {
    if (!SCHEMA_NAME.test(schema)) {
      throw new StoreError(
        'unavailable',
        `"${schema}" is not a usable schema name (lower-case letters, digits, _)`,
      );
    }
    this.schema = schema;
    this.#pool = new pg.Pool({ connectionString, options: `-c search_path=${schema}`, max: maxConnections });
    // An idle connection that dies (server restart) is dropped by the pool; the next query opens a new
    // one or reports `unavailable`. Without a listener the error would end the process.
    this.#pool.on('error', () => undefined);
  }

  async query(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
    try {
      return await this.#pool.query<Row>(sql, params);
    } catch (e) {
      throw translate(e);
    }
  }

  /** Runs `work` in a transaction on one connection; rolls back on any error. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (e) {
      throw translate(e);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await work(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch (rollback) {
        // A connection that cannot even roll back is not handed to the next caller.
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      }
      throw translate(e);
    } finally {
      client.release(broken);
    }
  }

  /** Holds the election's board lock until the transaction ends (commit, rollback or lost connection). */
  async lockBoard(client: PoolClient, election: string): Promise<void> {
    // The schema is part of the key: two deployments in one database do not wait for each other.
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      BOARD_LOCK,
      `${this.schema}/${election}`,
    ]);
  }

  /** Holds the schema's migration lock until the transaction ends. */
  async lockMigrations(client: PoolClient): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, this.schema]);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}

/**
 * The SQLSTATE (or Node network code) of an error, if any.
 * @example `if (pgCode(e) === UNIQUE_VIOLATION) throw new StoreError('exists', …)`
 */
export function pgCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Network failures and PostgreSQL's connection-class errors. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/** A database that cannot be reached, or that is shutting down or full, is `unavailable`. */
function translate(e: unknown): unknown {
  if (e instanceof StoreError || e instanceof BoardError) return e;
  const code = pgCode(e) ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (
    UNREACHABLE.has(code) ||
    code.startsWith('08') ||
    ['57P01', '57P02', '57P03', '53300'].includes(code) ||
    /Connection terminated/i.test(message)
  ) {
    return new StoreError('unavailable', `PostgreSQL cannot be reached: ${message || code}`);
  }
  return e;
}
