/**
 * The production store: PostgreSQL through a `pg` pool, shared by any number of API nodes. Every
 * connection works in one schema (`search_path`, set at connection start), so several deployments or
 * test runs can share a database.
 *
 * The board part, with its per-election append lock, is in postgres-board.ts; the pool in
 * postgres-pool.ts. Compare-and-set updates are single statements whose WHERE re-checks the expected
 * state under the row lock; mail and jobs are claimed with `FOR UPDATE SKIP LOCKED`, so concurrent
 * workers never get the same row.
 *
 * SPEC.md §18 (Server storage).
 *
 * @example
 * ```ts
 * const store = new PostgresStore('postgres://psephos@db/psephos', { schema: 'psephos' });
 * await store.migrate();
 * ```
 */
import { StoreError } from './errors.ts';
import { pendingMigrations } from './migrations.ts';
import { PostgresBoardStore } from './postgres-board.ts';
import { FOREIGN_KEY_VIOLATION, PostgresPool, pgCode, UNIQUE_VIOLATION } from './postgres-pool.ts';
import {
  bytes,
  electionFromRow,
  int,
  jobFromRow,
  mailCounts,
  mailFromRow,
  organiserRecordFromRow,
  rollDecisionFromRow,
  rollImportFromRow,
  sessionFromRow,
  voterFromRow,
} from './rows.ts';
import {
  checkForward,
  checkProgress,
  checkRevision,
  checkRollChunk,
  checkSecretKey,
  checkSession,
  emailKey,
  isoTime,
  JOB_PAGE,
  MAX_JOB_PAGE,
  MAX_MAIL_CLAIM,
  MAX_VOTER_PAGE,
  mailOutcomes,
  noRollImport,
  notUploading,
  oncePerVoter,
  pageLimit,
  READ_PAGE,
  ROLL_IN_USE,
  refuseInUse,
  rollDecision,
  rollImportSets,
  toJson,
  VOTER_PAGE,
} from './rules.ts';
import type {
  BindOutcome,
  ElectionStatus,
  InvitationCounts,
  Job,
  MailOutcome,
  OrganiserRecord,
  OutgoingMail,
  RollDecision,
  RollImport,
  RollImportChange,
  RollImportStatus,
  Session,
  Store,
  StoredElection,
  Voter,
  VoterFilter,
} from './store.ts';

/** Options of a PostgreSQL store. @example `{ schema: 'psephos', maxConnections: 20 }` */
export interface PostgresStoreOptions {
  /** The schema holding the tables (default `public`); created by `migrate()` if missing. */
  readonly schema?: string;
  /** Rows per page of the streaming reads (default READ_PAGE); tests make it small to cross pages. */
  readonly readPage?: number;
  /** Most connections in the pool (default 10). */
  readonly maxConnections?: number;
}

/** Rows per INSERT when adding voters: one statement per chunk instead of one per member. */
const VOTER_CHUNK = 5000;

/**
 * The PostgreSQL Store.
 * @example `const store = new PostgresStore(process.env.DATABASE_URL!, { schema: 'psephos' })`
 */
export class PostgresStore extends PostgresBoardStore implements Store {
  readonly kind = 'postgres' as const;
  readonly schema: string;

  constructor(connectionString: string, options: PostgresStoreOptions = {}) {
    const db = new PostgresPool(connectionString, options.schema ?? 'public', options.maxConnections ?? 10);
    super(db, options.readPage ?? READ_PAGE);
    this.schema = db.schema;
  }

  async migrate(): Promise<void> {
    await this.db.transaction(async (c) => {
      // Several API nodes may start at once: one migrates, the others wait and find nothing to do.
      await this.db.lockMigrations(c);
      // Created only when missing: CREATE SCHEMA checks the database's CREATE privilege even with
      // IF NOT EXISTS, which a production role given a ready-made schema need not have.
      const exists = await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.schema]);
      if (exists.rowCount === 0) await c.query(`CREATE SCHEMA ${this.schema}`);
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)',
      );
      const applied = (await c.query('SELECT version FROM schema_migrations')).rows.map((r) =>
        int(r.version),
      );
      for (const m of pendingMigrations(applied)) {
        await c.query(m.postgres);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          m.version,
          isoTime(new Date()),
        ]);
      }
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  // Elections

  async createElection(e: {
    id: string;
    draft: unknown;
    boardSecretKey: Uint8Array;
    organiserRecord?: unknown;
  }): Promise<StoredElection> {
    checkSecretKey(e.boardSecretKey);
    const now = isoTime(new Date());
    return this.db.transaction(async (c) => {
      let created: StoredElection;
      try {
        const { rows } = await c.query(
          `INSERT INTO elections (id, status, draft, board_secret_key, created_at, updated_at)
           VALUES ($1, 'draft', $2, $3, $4, $4) RETURNING *`,
          [e.id, toJson(e.draft), Buffer.from(e.boardSecretKey), now],
        );
        created = electionFromRow(rows[0]!);
      } catch (error) {
        if (pgCode(error) === UNIQUE_VIOLATION) {
          throw new StoreError('exists', `an election with the id "${e.id}" already exists`);
        }
        throw error;
      }
      if (e.organiserRecord !== undefined) {
        await c.query(
          'INSERT INTO organiser_records (election, data, revision, updated_at) VALUES ($1, $2, 1, $3)',
          [e.id, toJson(e.organiserRecord), now],
        );
      }
      return created;
    });
  }

  async election(id: string): Promise<StoredElection | undefined> {
    const { rows } = await this.db.query('SELECT * FROM elections WHERE id = $1', [id]);
    return rows[0] === undefined ? undefined : electionFromRow(rows[0]);
  }

  async elections(): Promise<StoredElection[]> {
    return (await this.db.query('SELECT * FROM elections ORDER BY created_at, id')).rows.map(electionFromRow);
  }

  async updateDraft(id: string, draft: unknown): Promise<void> {
    const { rowCount } = await this.db.query(
      `UPDATE elections SET draft = $2, updated_at = $3 WHERE id = $1 AND status = 'draft'`,
      [id, toJson(draft), isoTime(new Date())],
    );
    if (rowCount === 1) return;
    const status = await this.#status(id);
    throw new StoreError(
      'wrong-status',
      `election "${id}" is "${status}": its definition is no longer a draft`,
    );
  }

  async transition(id: string, from: ElectionStatus, to: ElectionStatus): Promise<boolean> {
    checkForward(from, to);
    // One UPDATE with the expected status in its WHERE: the row lock makes a second organiser's
    // statement wait, then re-check the status and find it changed.
    const { rowCount } = await this.db.query(
      'UPDATE elections SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2',
      [id, from, to, isoTime(new Date())],
    );
    if (rowCount === 1) return true;
    await this.#status(id);
    return false;
  }

  // Organiser records

  async organiserRecord(election: string): Promise<OrganiserRecord | undefined> {
    const { rows } = await this.db.query('SELECT * FROM organiser_records WHERE election = $1', [election]);
    return rows[0] === undefined ? undefined : organiserRecordFromRow(rows[0]);
  }

  async setOrganiserRecord(election: string, data: unknown, revision: number): Promise<boolean> {
    checkRevision(revision);
    const values = [election, toJson(data), isoTime(new Date())];
    if (revision === 0) {
      // Of two first writes at once, the second waits for the first's key and then inserts nothing.
      try {
        const { rowCount } = await this.db.query(
          `INSERT INTO organiser_records (election, data, revision, updated_at) VALUES ($1, $2, 1, $3)
           ON CONFLICT (election) DO NOTHING`,
          values,
        );
        return rowCount === 1;
      } catch (error) {
        if (pgCode(error) === FOREIGN_KEY_VIOLATION) throw noElection(election);
        throw error;
      }
    }
    // The row lock makes a second writer of the same revision wait, then re-check it and find it moved.
    const { rowCount } = await this.db.query(
      `UPDATE organiser_records SET data = $2, revision = revision + 1, updated_at = $3
       WHERE election = $1 AND revision = $4`,
      [...values, revision],
    );
    if (rowCount === 1) return true;
    await this.#status(election);
    return false;
  }

  // Voters

  async addVoters(
    election: string,
    voters: readonly { voterId: string; email: string; name: string }[],
  ): Promise<void> {
    await this.db.transaction(async (c) => {
      if ((await c.query('SELECT 1 FROM elections WHERE id = $1', [election])).rowCount === 0) {
        throw noElection(election);
      }
      for (let i = 0; i < voters.length; i += VOTER_CHUNK) {
        const chunk = voters.slice(i, i + VOTER_CHUNK);
        try {
          await c.query(
            `INSERT INTO voters (election, voter_id, email, email_key, name)
             SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
            [
              election,
              chunk.map((v) => v.voterId),
              chunk.map((v) => v.email),
              chunk.map((v) => emailKey(v.email)),
              chunk.map((v) => v.name),
            ],
          );
        } catch (error) {
          if (pgCode(error) !== UNIQUE_VIOLATION) throw error;
          const detail = (error as { detail?: string }).detail ?? '';
          throw new StoreError('exists', `a member is already a voter of "${election}" (${detail})`);
        }
      }
    });
  }

  async voter(election: string, voterId: string): Promise<Voter | undefined> {
    const { rows } = await this.db.query('SELECT * FROM voters WHERE election = $1 AND voter_id = $2', [
      election,
      voterId,
    ]);
    return rows[0] === undefined ? undefined : voterFromRow(rows[0]);
  }

  async voterByEmail(election: string, email: string): Promise<Voter | undefined> {
    const { rows } = await this.db.query(
      'SELECT * FROM voters WHERE election = $1 AND email_key = $2 ORDER BY voter_id LIMIT 1',
      [election, emailKey(email)],
    );
    return rows[0] === undefined ? undefined : voterFromRow(rows[0]);
  }

  async voters(
    election: string,
    options: VoterFilter & { after?: string; limit?: number } = {},
  ): Promise<Voter[]> {
    const params: unknown[] = [election, pageLimit(options.limit, VOTER_PAGE, MAX_VOTER_PAGE)];
    let where = 'election = $1';
    if (options.after !== undefined) {
      params.push(options.after);
      where += ' AND voter_id > $3';
    }
    if (options.notVoted === true) where += ' AND voted_at IS NULL';
    if (options.notInvited === true) where += ' AND invited_at IS NULL';
    if (options.mailFailed === true) where += ` AND mail_status = 'failed'`;
    const { rows } = await this.db.query(
      `SELECT * FROM voters WHERE ${where} ORDER BY voter_id LIMIT $2`,
      params,
    );
    return rows.map(voterFromRow);
  }

  async countVoters(election: string): Promise<{ total: number; voted: number }> {
    const { rows } = await this.db.query(
      'SELECT count(*) AS total, count(voted_at) AS voted FROM voters WHERE election = $1',
      [election],
    );
    return { total: int(rows[0]?.total ?? 0), voted: int(rows[0]?.voted ?? 0) };
  }

  async bindCredential(election: string, voterId: string, credential: string): Promise<BindOutcome> {
    // The first binder's UPDATE locks the voter's row and the credential's unique-index entry; a second
    // binder of the same voter re-checks `credential IS NULL` after it, a second voter with the same
    // credential hits the unique index. Either way: `taken`, unless it is the same pair again.
    try {
      const { rowCount } = await this.db.query(
        'UPDATE voters SET credential = $3 WHERE election = $1 AND voter_id = $2 AND credential IS NULL',
        [election, voterId, credential],
      );
      if (rowCount === 1) return 'bound';
    } catch (error) {
      if (pgCode(error) === UNIQUE_VIOLATION) return 'taken';
      throw error;
    }
    const { rows } = await this.db.query(
      'SELECT credential FROM voters WHERE election = $1 AND voter_id = $2',
      [election, voterId],
    );
    if (rows[0] === undefined) throw noVoter(election, voterId);
    return rows[0].credential === credential ? 'already-bound' : 'taken';
  }

  async markVoted(election: string, voterId: string, at: string): Promise<void> {
    const { rowCount } = await this.db.query(
      'UPDATE voters SET voted_at = coalesce(voted_at, $3) WHERE election = $1 AND voter_id = $2',
      [election, voterId, isoTime(at)],
    );
    if (rowCount === 0) throw noVoter(election, voterId);
  }

  // Login tokens

  async createLoginToken(
    election: string,
    voterId: string,
    tokenHash: string,
    expiresAt: string,
  ): Promise<void> {
    try {
      await this.db.query(
        'INSERT INTO login_tokens (election, token_hash, voter_id, expires_at) VALUES ($1, $2, $3, $4)',
        [election, tokenHash, voterId, isoTime(expiresAt)],
      );
    } catch (error) {
      if (pgCode(error) === FOREIGN_KEY_VIOLATION) throw noVoter(election, voterId);
      if (pgCode(error) === UNIQUE_VIOLATION)
        throw new StoreError('exists', 'this login token is already stored');
      throw error;
    }
  }

  async consumeLoginToken(election: string, tokenHash: string, now: string): Promise<string | undefined> {
    // DELETE … RETURNING: of two requests with one token, only the one whose delete found the row wins.
    // An invitation's token is read, not deleted: it works until the election closes.
    const { rows } = await this.db.query(
      `WITH once AS (
         DELETE FROM login_tokens WHERE election = $1 AND token_hash = $2 AND NOT reusable
         RETURNING voter_id, expires_at)
       SELECT voter_id, expires_at > $3::timestamptz AS valid FROM once
       UNION ALL
       SELECT voter_id, expires_at > $3::timestamptz FROM login_tokens
       WHERE election = $1 AND token_hash = $2 AND reusable`,
      [election, tokenHash, isoTime(now)],
    );
    return rows[0]?.valid === true ? String(rows[0].voter_id) : undefined;
  }

  async addInvitationTokens(
    election: string,
    tokens: readonly { voterId: string; tokenHash: string; expiresAt: string }[],
    options: { replace: boolean },
  ): Promise<void> {
    oncePerVoter(tokens);
    const voterIds = tokens.map((t) => t.voterId);
    const expiries = tokens.map((t) => isoTime(t.expiresAt));
    await this.db.transaction(async (c) => {
      if (options.replace) {
        await c.query(
          'DELETE FROM login_tokens WHERE election = $1 AND reusable AND voter_id = ANY($2::text[])',
          [election, voterIds],
        );
      }
      try {
        await c.query(
          `INSERT INTO login_tokens (election, token_hash, voter_id, expires_at, reusable)
           SELECT $1::text, t.hash, t.voter, t.expires, true
           FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS t(hash, voter, expires)`,
          [election, tokens.map((t) => t.tokenHash), voterIds, expiries],
        );
      } catch (error) {
        if (pgCode(error) === FOREIGN_KEY_VIOLATION) {
          throw new StoreError('not-found', `a member is not a voter of "${election}"`);
        }
        if (pgCode(error) === UNIQUE_VIOLATION)
          throw new StoreError('exists', 'this login token is already stored');
        throw error;
      }
    });
  }

  // Invitations and reminders

  async recordMail(election: string, outcomes: readonly MailOutcome[]): Promise<void> {
    const checked = mailOutcomes(outcomes);
    if (checked.length === 0) return;
    await this.db.transaction(async (c) => {
      const { rowCount } = await c.query(
        `UPDATE voters v SET mail_kind = o.kind, mail_status = o.status, mail_error = o.error, mail_at = o.at,
           invited_at = CASE WHEN o.kind = 'invitation' AND o.status = 'sent' THEN o.at ELSE v.invited_at END
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
           AS o(voter_id, kind, status, error, at)
         WHERE v.election = $1 AND v.voter_id = o.voter_id`,
        [
          election,
          checked.map((o) => o.voterId),
          checked.map((o) => o.kind),
          checked.map((o) => o.status),
          checked.map((o) => o.error),
          checked.map((o) => o.at),
        ],
      );
      if (rowCount !== checked.length) {
        throw new StoreError('not-found', `a member is not a voter of "${election}"; nothing was recorded`);
      }
    });
  }

  async invitationCounts(election: string): Promise<InvitationCounts> {
    const { rows } = await this.db.query(
      `SELECT count(*) AS total, count(invited_at) AS invited, count(voted_at) AS voted,
         count(*) FILTER (WHERE mail_status = 'failed') AS failed
       FROM voters WHERE election = $1`,
      [election],
    );
    return {
      total: int(rows[0]?.total ?? 0),
      invited: int(rows[0]?.invited ?? 0),
      failed: int(rows[0]?.failed ?? 0),
      voted: int(rows[0]?.voted ?? 0),
    };
  }

  // Sessions

  async createSession(idHash: string, session: Session): Promise<void> {
    checkSession(session);
    try {
      await this.db.query(
        'INSERT INTO sessions (id_hash, kind, subject, election, csrf, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [idHash, session.kind, session.subject, session.election, session.csrf, isoTime(session.expiresAt)],
      );
    } catch (error) {
      if (pgCode(error) === UNIQUE_VIOLATION)
        throw new StoreError('exists', 'a session with this id already exists');
      throw error;
    }
  }

  async session(idHash: string, now: string): Promise<Session | undefined> {
    const { rows } = await this.db.query('SELECT * FROM sessions WHERE id_hash = $1 AND expires_at > $2', [
      idHash,
      isoTime(now),
    ]);
    return rows[0] === undefined ? undefined : sessionFromRow(rows[0]);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  // Organisers

  async setAdmin(username: string, passwordHash: string): Promise<void> {
    await this.db.query(
      `INSERT INTO admins (username, password_hash, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
      [username, passwordHash, isoTime(new Date())],
    );
  }

  async adminPasswordHash(username: string): Promise<string | undefined> {
    const { rows } = await this.db.query('SELECT password_hash FROM admins WHERE username = $1', [username]);
    return rows[0] === undefined ? undefined : String(rows[0].password_hash);
  }

  // Outgoing mail

  async enqueueMail(mail: { to: string; subject: string; text: string; html: string }): Promise<number> {
    const { rows } = await this.db.query(
      `INSERT INTO outgoing_mail (recipient, subject, text_body, html_body, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [mail.to, mail.subject, mail.text, mail.html, isoTime(new Date())],
    );
    return int(rows[0]?.id);
  }

  async claimMail(limit: number): Promise<OutgoingMail[]> {
    pageLimit(limit, 1, MAX_MAIL_CLAIM);
    const { rows } = await this.db.query(
      `UPDATE outgoing_mail SET status = 'sending', attempts = attempts + 1, updated_at = $2
       WHERE id IN (SELECT id FROM outgoing_mail WHERE status = 'queued' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [limit, isoTime(new Date())],
    );
    return rows.map(mailFromRow).sort((a, b) => a.id - b.id);
  }

  async markMailSent(id: number): Promise<void> {
    await this.#moveMail(id, 'sent', null);
  }

  async markMailFailed(id: number, error: string, final: boolean): Promise<void> {
    await this.#moveMail(id, final ? 'failed' : 'queued', error);
  }

  async mailStatus(): Promise<Record<OutgoingMail['status'], number>> {
    return mailCounts(
      (await this.db.query('SELECT status, count(*) AS n FROM outgoing_mail GROUP BY status')).rows,
    );
  }

  // Jobs

  async createJob(election: string, kind: string, payload: unknown): Promise<number> {
    try {
      const { rows } = await this.db.query(
        `INSERT INTO jobs (election, kind, payload, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id`,
        [election, kind, toJson(payload), isoTime(new Date())],
      );
      return int(rows[0]?.id);
    } catch (error) {
      if (pgCode(error) === FOREIGN_KEY_VIOLATION) throw noElection(election);
      throw error;
    }
  }

  async claimJob(kind: string): Promise<Job | undefined> {
    const { rows } = await this.db.query(
      `UPDATE jobs SET status = 'running', updated_at = $2
       WHERE id IN (SELECT id FROM jobs WHERE kind = $1 AND status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [kind, isoTime(new Date())],
    );
    return rows[0] === undefined ? undefined : jobFromRow(rows[0]);
  }

  async updateJob(id: number, progress: number): Promise<void> {
    checkProgress(progress);
    await this.#moveJob(id, 'progress = $3', progress);
  }

  async finishJob(id: number, outcome: { result: unknown } | { error: string }): Promise<void> {
    if ('error' in outcome) await this.#moveJob(id, `status = 'failed', error = $3`, outcome.error);
    else await this.#moveJob(id, `status = 'done', progress = 1, result = $3`, toJson(outcome.result));
  }

  async job(id: number): Promise<Job | undefined> {
    const { rows } = await this.db.query('SELECT * FROM jobs WHERE id = $1', [id]);
    return rows[0] === undefined ? undefined : jobFromRow(rows[0]);
  }

  async jobs(election: string, kind: string, limit?: number): Promise<Job[]> {
    const { rows } = await this.db.query(
      'SELECT * FROM jobs WHERE election = $1 AND kind = $2 ORDER BY id DESC LIMIT $3',
      [election, kind, pageLimit(limit, JOB_PAGE, MAX_JOB_PAGE)],
    );
    return rows.map(jobFromRow);
  }

  // The membership roll being imported

  async createRollImport(election: string, name: string): Promise<number> {
    return this.db.transaction(async (c) => {
      if ((await c.query('SELECT 1 FROM elections WHERE id = $1', [election])).rowCount === 0) {
        throw noElection(election);
      }
      const current = await c.query('SELECT id, status FROM roll_imports WHERE election = $1 FOR UPDATE', [
        election,
      ]);
      if (current.rows[0] !== undefined) {
        refuseInUse(election, String(current.rows[0].status) as RollImportStatus);
        await c.query('DELETE FROM roll_imports WHERE id = $1', [current.rows[0].id]);
      }
      try {
        const { rows } = await c.query(
          `INSERT INTO roll_imports (election, status, name, created_at, updated_at)
           VALUES ($1, 'uploading', $2, $3, $3) RETURNING id`,
          [election, name, isoTime(new Date())],
        );
        return int(rows[0]?.id);
      } catch (error) {
        // Two uploads started at once: the other one's row is there now.
        if (pgCode(error) !== UNIQUE_VIOLATION) throw error;
        throw new StoreError('exists', `another roll of "${election}" is being uploaded at this moment`);
      }
    });
  }

  async addRollChunk(id: number, seq: number, chunk: Uint8Array): Promise<void> {
    checkRollChunk(seq, chunk);
    try {
      const { rowCount } = await this.db.query(
        `INSERT INTO roll_chunks (roll_import, seq, bytes)
         SELECT id, $2, $3 FROM roll_imports WHERE id = $1 AND status = 'uploading'`,
        [id, seq, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)],
      );
      if (rowCount === 1) return;
    } catch (error) {
      if (pgCode(error) === FOREIGN_KEY_VIOLATION) throw noRollImport(id);
      if (pgCode(error) !== UNIQUE_VIOLATION) throw error;
      throw new StoreError('exists', `chunk ${seq} of roll import ${id} is already stored`);
    }
    const { rows } = await this.db.query('SELECT status FROM roll_imports WHERE id = $1', [id]);
    if (rows[0] === undefined) throw noRollImport(id);
    throw notUploading(id, String(rows[0].status));
  }

  async *rollChunks(id: number): AsyncIterable<Uint8Array> {
    let seq = -1;
    for (;;) {
      const { rows } = await this.db.query(
        'SELECT seq, bytes FROM roll_chunks WHERE roll_import = $1 AND seq > $2 ORDER BY seq LIMIT 1',
        [id, seq],
      );
      if (rows[0] === undefined) return;
      seq = int(rows[0].seq);
      yield bytes(rows[0].bytes);
    }
  }

  async updateRollImport(
    id: number,
    from: readonly RollImportStatus[],
    change: RollImportChange,
  ): Promise<boolean> {
    const sets = rollImportSets(change);
    return this.db.transaction(async (c) => {
      const { rowCount } = await c.query(
        `UPDATE roll_imports SET ${sets.map(([column], i) => `${column} = $${i + 4}`).join(', ')}, updated_at = $3
         WHERE id = $1 AND status = ANY($2::text[])`,
        [id, [...from], isoTime(new Date()), ...sets.map(([, value]) => value)],
      );
      if (rowCount !== 1) return false;
      if (change.status === 'used') await c.query('DELETE FROM roll_chunks WHERE roll_import = $1', [id]);
      return true;
    });
  }

  async rollImport(election: string): Promise<RollImport | undefined> {
    const { rows } = await this.db.query('SELECT * FROM roll_imports WHERE election = $1', [election]);
    return rows[0] === undefined ? undefined : rollImportFromRow(rows[0]);
  }

  async deleteRollImport(id: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'DELETE FROM roll_imports WHERE id = $1 AND NOT (status = ANY($2::text[]))',
      [id, [...ROLL_IN_USE]],
    );
    return rowCount === 1;
  }

  async addRollDecision(election: string, decision: RollDecision): Promise<void> {
    const d = rollDecision(decision);
    try {
      await this.db.query(
        `INSERT INTO roll_decisions (election, finding_id, decision, note, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [election, d.findingId, d.decision, d.note, d.decidedBy, d.decidedAt],
      );
    } catch (error) {
      if (pgCode(error) === FOREIGN_KEY_VIOLATION) throw noElection(election);
      throw error;
    }
  }

  async rollDecisions(election: string): Promise<RollDecision[]> {
    const { rows } = await this.db.query('SELECT * FROM roll_decisions WHERE election = $1 ORDER BY id', [
      election,
    ]);
    return rows.map(rollDecisionFromRow);
  }

  // Helpers

  /** The election's status; StoreError `not-found` for an unknown election. */
  async #status(id: string): Promise<ElectionStatus> {
    const { rows } = await this.db.query('SELECT status FROM elections WHERE id = $1', [id]);
    if (rows[0] === undefined) throw noElection(id);
    return String(rows[0].status) as ElectionStatus;
  }

  /** Moves a message out of `sending` (the only state a sender reports on). */
  async #moveMail(id: number, status: OutgoingMail['status'], error: string | null): Promise<void> {
    const { rowCount } = await this.db.query(
      // A message that will not be sent again keeps no body: login emails carry live links.
      `UPDATE outgoing_mail SET status = $2, error = $3, updated_at = $4,
         text_body = CASE WHEN $2 = 'queued' THEN text_body ELSE '' END,
         html_body = CASE WHEN $2 = 'queued' THEN html_body ELSE '' END
       WHERE id = $1 AND status = 'sending'`,
      [id, status, error, isoTime(new Date())],
    );
    if (rowCount === 0) await this.#refuseMove('outgoing_mail', id, 'sending', 'message');
  }

  /** Updates a running job; `set` uses $3 for `value`. */
  async #moveJob(id: number, set: string, value: unknown): Promise<void> {
    const { rowCount } = await this.db.query(
      `UPDATE jobs SET ${set}, updated_at = $2 WHERE id = $1 AND status = 'running'`,
      [id, isoTime(new Date()), value],
    );
    if (rowCount === 0) await this.#refuseMove('jobs', id, 'running', 'job');
  }

  async #refuseMove(
    table: 'outgoing_mail' | 'jobs',
    id: number,
    expected: string,
    what: string,
  ): Promise<never> {
    const { rows } = await this.db.query(`SELECT status FROM ${table} WHERE id = $1`, [id]);
    if (rows[0] === undefined) throw new StoreError('not-found', `there is no ${what} ${id}`);
    throw new StoreError('wrong-status', `${what} ${id} is "${String(rows[0].status)}", not "${expected}"`);
  }
}

function noElection(id: string): StoreError {
  return new StoreError('not-found', `there is no election "${id}"`);
}

function noVoter(election: string, voterId: string): StoreError {
  return new StoreError('not-found', `member "${voterId}" is not a voter of "${election}"`);
}
