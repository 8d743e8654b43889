/**
 * The versioned schema of the server's database, for both dialects. Each migration is a list of steps,
 * and each step holds its SQLite and its PostgreSQL text side by side, so that a table, an index or a
 * trigger cannot be added to one dialect and forgotten in the other. A store applies the migrations
 * its database lacks, in version order, inside one transaction, and records each in
 * `schema_migrations(version, applied_at)` (SqliteStore.migrate, PostgresStore.migrate).
 *
 * Rules: a released migration is never edited (add a new version instead); the board tables are
 * append-only in both dialects (triggers refuse UPDATE and DELETE, and an insert anywhere but at the
 * end of the log); times are ISO 8601 UTC text in SQLite and `timestamptz` in PostgreSQL; every member
 * id sorts by code point in both (SQLite's BINARY collation, PostgreSQL's "C").
 *
 * SPEC.md §18 (Server storage).
 *
 * @example
 * ```ts
 * for (const m of MIGRATIONS) if (m.version > current) db.exec(m.sqlite);
 * ```
 */
import { StoreError } from './errors.ts';

/**
 * One schema version: its SQL in each dialect, applied as a whole.
 * @example `{ version: 2, name: 'voter language', sqlite: 'ALTER TABLE …', postgres: 'ALTER TABLE …' }`
 */
export interface Migration {
  readonly version: number;
  /** A few words for logs and for `schema_migrations` readers. */
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

/** One statement (or trigger) in both dialects. */
interface Step {
  readonly sqlite: string;
  readonly postgres: string;
}

/** Both dialects of a statement whose text is the same in each. */
const same = (sql: string): Step => ({ sqlite: sql, postgres: sql });

function migration(version: number, name: string, steps: readonly Step[]): Migration {
  return {
    version,
    name,
    sqlite: steps.map((s) => `${s.sqlite.trim()};`).join('\n'),
    postgres: steps.map((s) => `${s.postgres.trim()};`).join('\n'),
  };
}

const STATUSES = `('draft', 'key-ceremony', 'ready', 'open', 'closed', 'tallying', 'published')`;

/** SQLite trigger refusing an UPDATE or DELETE on a board table. */
const sqliteRefuse = (table: string, op: 'UPDATE' | 'DELETE') => `
CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
BEGIN SELECT RAISE(ABORT, 'the board is append-only: ${op} on ${table} refused'); END`;

const v1 = migration(1, 'elections, boards, voters, sessions, mail, jobs', [
  {
    sqlite: `
CREATE TABLE elections (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ${STATUSES}),
  draft TEXT NOT NULL,
  board_secret_key BLOB NOT NULL CHECK (length(board_secret_key) = 32),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT`,
    postgres: `
CREATE TABLE elections (
  id TEXT COLLATE "C" PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ${STATUSES}),
  draft TEXT NOT NULL,
  board_secret_key BYTEA NOT NULL CHECK (length(board_secret_key) = 32),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
)`,
  },
  // The board: one row per event, its canonical JSON text exactly as hashed. No foreign key to
  // `elections`: a board store serves any election id, as the in-memory one does.
  {
    sqlite: `
CREATE TABLE board_events (
  election TEXT NOT NULL,
  idx INTEGER NOT NULL CHECK (idx >= 0),
  event TEXT NOT NULL,
  leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
  tracker TEXT,
  PRIMARY KEY (election, idx)
) STRICT`,
    postgres: `
CREATE TABLE board_events (
  election TEXT COLLATE "C" NOT NULL,
  idx BIGINT NOT NULL CHECK (idx >= 0),
  event TEXT NOT NULL,
  leaf_hash BYTEA NOT NULL CHECK (length(leaf_hash) = 32),
  tracker TEXT COLLATE "C",
  PRIMARY KEY (election, idx)
)`,
  },
  same(
    'CREATE INDEX board_events_tracker ON board_events (election, tracker, idx) WHERE tracker IS NOT NULL',
  ),
  {
    sqlite: `
CREATE TABLE board_heads (
  election TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 0),
  size INTEGER NOT NULL CHECK (size >= 0),
  head TEXT NOT NULL,
  PRIMARY KEY (election, seq)
) STRICT`,
    postgres: `
CREATE TABLE board_heads (
  election TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL CHECK (seq >= 0),
  size BIGINT NOT NULL CHECK (size >= 0),
  head TEXT NOT NULL,
  PRIMARY KEY (election, seq)
)`,
  },
  // Append-only, in the database itself: no UPDATE, no DELETE (nor TRUNCATE in PostgreSQL), and an
  // insert only at the end of the log — which also stops SQLite's INSERT OR REPLACE, whose implicit
  // delete fires no DELETE trigger. A head may not shrink nor cover events that are not stored.
  {
    sqlite: [
      sqliteRefuse('board_events', 'UPDATE'),
      sqliteRefuse('board_events', 'DELETE'),
      sqliteRefuse('board_heads', 'UPDATE'),
      sqliteRefuse('board_heads', 'DELETE'),
      `
CREATE TRIGGER board_events_at_end BEFORE INSERT ON board_events
WHEN NEW.idx <> COALESCE(
  (SELECT idx + 1 FROM board_events WHERE election = NEW.election ORDER BY idx DESC LIMIT 1), 0)
BEGIN SELECT RAISE(ABORT, 'the board is append-only: an event goes at the end of the log'); END`,
      `
CREATE TRIGGER board_heads_at_end BEFORE INSERT ON board_heads
WHEN NEW.seq <> COALESCE(
    (SELECT seq + 1 FROM board_heads WHERE election = NEW.election ORDER BY seq DESC LIMIT 1), 0)
  OR NEW.size < COALESCE(
    (SELECT size FROM board_heads WHERE election = NEW.election ORDER BY seq DESC LIMIT 1), 0)
  OR NEW.size > COALESCE(
    (SELECT idx + 1 FROM board_events WHERE election = NEW.election ORDER BY idx DESC LIMIT 1), 0)
BEGIN SELECT RAISE(ABORT, 'the board is append-only: a head goes at the end, within the log'); END`,
    ].join(';\n'),
    postgres: `
CREATE FUNCTION board_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the board is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER board_events_append_only BEFORE UPDATE OR DELETE ON board_events
  FOR EACH ROW EXECUTE FUNCTION board_refuse_change();
CREATE TRIGGER board_events_no_truncate BEFORE TRUNCATE ON board_events
  FOR EACH STATEMENT EXECUTE FUNCTION board_refuse_change();
CREATE TRIGGER board_heads_append_only BEFORE UPDATE OR DELETE ON board_heads
  FOR EACH ROW EXECUTE FUNCTION board_refuse_change();
CREATE TRIGGER board_heads_no_truncate BEFORE TRUNCATE ON board_heads
  FOR EACH STATEMENT EXECUTE FUNCTION board_refuse_change();
CREATE FUNCTION board_events_at_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.idx <> COALESCE(
    (SELECT idx + 1 FROM board_events WHERE election = NEW.election ORDER BY idx DESC LIMIT 1), 0) THEN
    RAISE EXCEPTION 'the board is append-only: an event goes at the end of the log'
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER board_events_at_end BEFORE INSERT ON board_events
  FOR EACH ROW EXECUTE FUNCTION board_events_at_end();
CREATE FUNCTION board_heads_at_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq <> COALESCE(
      (SELECT seq + 1 FROM board_heads WHERE election = NEW.election ORDER BY seq DESC LIMIT 1), 0)
    OR NEW.size < COALESCE(
      (SELECT size FROM board_heads WHERE election = NEW.election ORDER BY seq DESC LIMIT 1), 0)
    OR NEW.size > COALESCE(
      (SELECT idx + 1 FROM board_events WHERE election = NEW.election ORDER BY idx DESC LIMIT 1), 0) THEN
    RAISE EXCEPTION 'the board is append-only: a head goes at the end, within the log'
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER board_heads_at_end BEFORE INSERT ON board_heads
  FOR EACH ROW EXECUTE FUNCTION board_heads_at_end()`,
  },
  // Voters: `email_key` is the address as matched at login (trimmed, lower case), computed in
  // TypeScript so both dialects match alike. One credential per voter, one voter per credential.
  {
    sqlite: `
CREATE TABLE voters (
  election TEXT NOT NULL REFERENCES elections (id),
  voter_id TEXT NOT NULL,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  name TEXT NOT NULL,
  credential TEXT,
  voted_at TEXT,
  PRIMARY KEY (election, voter_id),
  UNIQUE (election, credential)
) STRICT`,
    postgres: `
CREATE TABLE voters (
  election TEXT COLLATE "C" NOT NULL REFERENCES elections (id),
  voter_id TEXT COLLATE "C" NOT NULL,
  email TEXT NOT NULL,
  email_key TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL,
  credential TEXT COLLATE "C",
  voted_at TIMESTAMPTZ,
  PRIMARY KEY (election, voter_id),
  UNIQUE (election, credential)
)`,
  },
  same('CREATE INDEX voters_email ON voters (election, email_key, voter_id)'),
  {
    sqlite: `
CREATE TABLE login_tokens (
  election TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  voter_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (election, token_hash),
  FOREIGN KEY (election, voter_id) REFERENCES voters (election, voter_id)
) STRICT`,
    postgres: `
CREATE TABLE login_tokens (
  election TEXT COLLATE "C" NOT NULL,
  token_hash TEXT COLLATE "C" NOT NULL,
  voter_id TEXT COLLATE "C" NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (election, token_hash),
  FOREIGN KEY (election, voter_id) REFERENCES voters (election, voter_id)
)`,
  },
  same('CREATE INDEX login_tokens_voter ON login_tokens (election, voter_id)'),
  {
    sqlite: `
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'voter', 'trustee')),
  subject TEXT NOT NULL,
  election TEXT,
  csrf TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  CHECK ((kind = 'admin') = (election IS NULL))
) STRICT`,
    postgres: `
CREATE TABLE sessions (
  id_hash TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('admin', 'voter', 'trustee')),
  subject TEXT NOT NULL,
  election TEXT,
  csrf TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  CHECK ((kind = 'admin') = (election IS NULL))
)`,
  },
  same('CREATE INDEX sessions_expiry ON sessions (expires_at)'),
  {
    sqlite: `
CREATE TABLE admins (
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT`,
    postgres: `
CREATE TABLE admins (
  username TEXT COLLATE "C" PRIMARY KEY,
  password_hash TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
)`,
  },
  // Mail and jobs: ids are never reused (AUTOINCREMENT, identity), so a log line naming one stays true.
  {
    sqlite: `
CREATE TABLE outgoing_mail (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT`,
    postgres: `
CREATE TABLE outgoing_mail (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
)`,
  },
  same('CREATE INDEX outgoing_mail_queue ON outgoing_mail (status, id)'),
  {
    sqlite: `
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  election TEXT NOT NULL REFERENCES elections (id),
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  result TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT`,
    postgres: `
CREATE TABLE jobs (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  election TEXT COLLATE "C" NOT NULL REFERENCES elections (id),
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  result TEXT,
  error TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
)`,
  },
  same('CREATE INDEX jobs_queue ON jobs (kind, status, id)'),
]);

/** SQLite and PostgreSQL forms of a nullable time column added to a table. */
const addTime = (table: string, column: string): Step => ({
  sqlite: `ALTER TABLE ${table} ADD COLUMN ${column} TEXT`,
  postgres: `ALTER TABLE ${table} ADD COLUMN ${column} TIMESTAMPTZ`,
});

const v2 = migration(2, 'invitations, reusable invitation tokens, roll imports and decisions', [
  // Per voter: when an invitation last reached the mail server, and the last console email's outcome.
  addTime('voters', 'invited_at'),
  same(`ALTER TABLE voters ADD COLUMN mail_kind TEXT CHECK (mail_kind IN ('invitation', 'reminder'))`),
  same(`ALTER TABLE voters ADD COLUMN mail_status TEXT CHECK (mail_status IN ('sent', 'failed'))`),
  same('ALTER TABLE voters ADD COLUMN mail_error TEXT'),
  addTime('voters', 'mail_at'),
  same(`CREATE INDEX voters_mail_failed ON voters (election, voter_id) WHERE mail_status = 'failed'`),
  same('CREATE INDEX voters_not_invited ON voters (election, voter_id) WHERE invited_at IS NULL'),
  // An invitation's token works until the election closes, any number of times; a login email's once.
  {
    sqlite:
      'ALTER TABLE login_tokens ADD COLUMN reusable INTEGER NOT NULL DEFAULT 0 CHECK (reusable IN (0, 1))',
    postgres: 'ALTER TABLE login_tokens ADD COLUMN reusable BOOLEAN NOT NULL DEFAULT false',
  },
  same('CREATE INDEX jobs_election ON jobs (election, kind, id)'),
  // The roll an organiser imports: one per election, its file in chunks of about 1 MiB (so neither an
  // upload nor a read holds the whole file), and the JSON of its preview, audit and use.
  {
    sqlite: `
CREATE TABLE roll_imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  election TEXT NOT NULL UNIQUE REFERENCES elections (id),
  status TEXT NOT NULL CHECK (status IN ('uploading', 'uploaded', 'audited', 'using', 'used')),
  name TEXT NOT NULL,
  size INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0),
  sha256 TEXT,
  preview TEXT,
  audit TEXT,
  problem TEXT,
  used TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT`,
    postgres: `
CREATE TABLE roll_imports (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  election TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES elections (id),
  status TEXT NOT NULL CHECK (status IN ('uploading', 'uploaded', 'audited', 'using', 'used')),
  name TEXT NOT NULL,
  size BIGINT NOT NULL DEFAULT 0 CHECK (size >= 0),
  sha256 TEXT,
  preview TEXT,
  audit TEXT,
  problem TEXT,
  used TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
)`,
  },
  {
    sqlite: `
CREATE TABLE roll_chunks (
  roll_import INTEGER NOT NULL REFERENCES roll_imports (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq >= 0),
  bytes BLOB NOT NULL,
  PRIMARY KEY (roll_import, seq)
) STRICT`,
    postgres: `
CREATE TABLE roll_chunks (
  roll_import BIGINT NOT NULL REFERENCES roll_imports (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq >= 0),
  bytes BYTEA NOT NULL,
  PRIMARY KEY (roll_import, seq)
)`,
  },
  // Decisions on audit findings, a log per election (not per import: a finding keeps its id when the
  // same roll is imported again, and so its decision).
  {
    sqlite: `
CREATE TABLE roll_decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  election TEXT NOT NULL REFERENCES elections (id),
  finding_id TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('confirm', 'dismiss')),
  note TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
) STRICT`,
    postgres: `
CREATE TABLE roll_decisions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  election TEXT COLLATE "C" NOT NULL REFERENCES elections (id),
  finding_id TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('confirm', 'dismiss')),
  note TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TIMESTAMPTZ NOT NULL
)`,
  },
  same('CREATE INDEX roll_decisions_election ON roll_decisions (election, id)'),
]);

/** How the console kept an election's organiser record before version 3: a fake election `~console:<id>`. */
const OLD_RECORD = `substr(id, 1, 9) = '~console:'`;

const v3 = migration(3, 'organiser records', [
  // What the organiser console keeps about an election that is never published (trustees' addresses, a
  // practice election's secrets), as JSON text; `revision` is what a compare-and-set write compares.
  {
    sqlite: `
CREATE TABLE organiser_records (
  election TEXT PRIMARY KEY REFERENCES elections (id),
  data TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  updated_at TEXT NOT NULL
) STRICT`,
    postgres: `
CREATE TABLE organiser_records (
  election TEXT COLLATE "C" PRIMARY KEY REFERENCES elections (id),
  data TEXT NOT NULL,
  revision BIGINT NOT NULL CHECK (revision >= 1),
  updated_at TIMESTAMPTZ NOT NULL
)`,
  },
  // Records kept the old way move here (those of an election that does not exist are dropped: a
  // practice election whose creation never finished), and the fake elections go.
  same(`
INSERT INTO organiser_records (election, data, revision, updated_at)
SELECT substr(id, 10), draft, 1, updated_at FROM elections
WHERE ${OLD_RECORD} AND substr(id, 10) IN (SELECT id FROM elections)`),
  same(`DELETE FROM elections WHERE ${OLD_RECORD}`),
]);

/**
 * Every migration, in version order (versions 1, 2, … without gaps).
 * @example `MIGRATIONS.at(-1)?.version` → the schema version this code needs
 */
export const MIGRATIONS: readonly Migration[] = [v1, v2, v3];

/**
 * The schema version this code expects; a database at a higher version was written by newer code.
 * @example `if (current > LATEST_VERSION) throw …`
 */
export const LATEST_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * The migrations a database at the given applied versions still needs, in order. Refuses a database
 * migrated by newer code than this (StoreError `unavailable`: its schema may hold rules this code
 * would break).
 * @example `pendingMigrations([1])` → the migrations after version 1
 */
export function pendingMigrations(applied: readonly number[]): Migration[] {
  const newest = Math.max(0, ...applied);
  if (newest > LATEST_VERSION) {
    throw new StoreError(
      'unavailable',
      `the database is at schema version ${newest}, newer than the ${LATEST_VERSION} this Psephos knows: upgrade Psephos`,
    );
  }
  const done = new Set(applied);
  return MIGRATIONS.filter((m) => !done.has(m.version));
}
