/**
 * One connection to a SQLite file through `node:sqlite`, set up for the store: WAL journal with
 * `synchronous=FULL` (a commit is on disk when it returns), foreign keys on, a 5 s busy timeout for a
 * second process on the same file. Statements are prepared once and kept; a busy database becomes
 * StoreError `unavailable`.
 *
 * @example
 * ```ts
 * const db = new SqliteConnection('./psephos.sqlite');
 * db.write(() => db.run('INSERT INTO admins VALUES (?, ?, ?)', 'ro', hash, now));
 * ```
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { BoardError } from '../board/errors.ts';
import { StoreError } from './errors.ts';
import type { Row } from './rows.ts';

/** SQLite's primary result codes that the store tells apart (the low byte of an extended code). */
const SQLITE_BUSY = 5;
const SQLITE_CONSTRAINT = 19;
/** The extended code of a foreign-key violation. @example `constraintOf(e) === SQLITE_CONSTRAINT_FOREIGNKEY` */
export const SQLITE_CONSTRAINT_FOREIGNKEY = 787;
/** The extended codes of a duplicate key: PRIMARY KEY and UNIQUE. */
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

/**
 * A configured connection with small statement helpers.
 * @example `new SqliteConnection(':memory:').get('SELECT 1 AS one')` → `{ one: 1 }`
 */
export class SqliteConnection {
  readonly path: string;
  #db: DatabaseSync;
  #statements = new Map<string, StatementSync>();

  constructor(path: string) {
    this.path = path;
    try {
      this.#db = new DatabaseSync(path);
      // The busy timeout first: switching to WAL needs a lock another process may hold.
      this.#db.exec('PRAGMA busy_timeout = 5000');
      this.#db.exec('PRAGMA journal_mode = WAL');
      this.#db.exec('PRAGMA synchronous = FULL');
      this.#db.exec('PRAGMA foreign_keys = ON');
    } catch (e) {
      throw new StoreError('unavailable', `cannot open the SQLite database "${path}": ${messageOf(e)}`);
    }
  }

  /** Runs statements without parameters (migrations). */
  exec(sql: string): void {
    try {
      this.#db.exec(sql);
    } catch (e) {
      throw translate(e);
    }
  }

  /**
   * Runs `work` in a transaction that takes the file's write lock at its start (BEGIN IMMEDIATE), so
   * what `work` reads cannot change before it writes; rolls back if `work` throws.
   */
  write<T>(work: () => T): T {
    this.exec('BEGIN IMMEDIATE');
    try {
      const out = work();
      this.#db.exec('COMMIT');
      return out;
    } catch (e) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw translate(e);
    }
  }

  run(sql: string, ...params: SQLInputValue[]): { changes: number | bigint } {
    try {
      return this.#prepare(sql).run(...params);
    } catch (e) {
      throw translate(e);
    }
  }

  get(sql: string, ...params: SQLInputValue[]): Row | undefined {
    try {
      return this.#prepare(sql).get(...params) as Row | undefined;
    } catch (e) {
      throw translate(e);
    }
  }

  all(sql: string, ...params: SQLInputValue[]): Row[] {
    try {
      return this.#prepare(sql).all(...params) as Row[];
    } catch (e) {
      throw translate(e);
    }
  }

  close(): void {
    this.#statements.clear();
    if (this.#db.isOpen) this.#db.close();
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

function errcodeOf(e: unknown): number | undefined {
  const code = (e as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The extended result code of a constraint violation, or undefined for any other error.
 * @example `if (constraintOf(e) === SQLITE_CONSTRAINT_FOREIGNKEY) throw noVoter(…)`
 */
export function constraintOf(e: unknown): number | undefined {
  const code = errcodeOf(e);
  return code !== undefined && (code & 0xff) === SQLITE_CONSTRAINT ? code : undefined;
}

/**
 * Whether an error is a duplicate primary or unique key (not any other constraint, such as a CHECK).
 * @example `if (isDuplicate(e)) throw new StoreError('exists', …)`
 */
export function isDuplicate(e: unknown): boolean {
  const code = errcodeOf(e);
  return code === SQLITE_CONSTRAINT_PRIMARYKEY || code === SQLITE_CONSTRAINT_UNIQUE;
}

/** A busy database (another process held the write lock past the timeout) is `unavailable`. */
function translate(e: unknown): unknown {
  if (e instanceof StoreError || e instanceof BoardError) return e;
  const code = errcodeOf(e);
  if (code !== undefined && (code & 0xff) === SQLITE_BUSY) {
    return new StoreError('unavailable', `the SQLite database is busy: ${messageOf(e)}`);
  }
  return e;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
