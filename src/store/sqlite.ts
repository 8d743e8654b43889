/**
 * The embedded store: one SQLite file through `node:sqlite`, no server to run. WAL journal with
 * `synchronous=FULL`, so a commit is on disk when it returns (a ballot is acknowledged only then);
 * foreign keys on; a 5 s busy timeout for a second process on the same file (sqlite-connection.ts).
 * The board part is in sqlite-board.ts.
 *
 * `node:sqlite` is synchronous: each method runs its statements without awaiting in between, so calls
 * from one process never interleave, and every write that reads before it writes runs in a
 * `BEGIN IMMEDIATE` transaction, which takes the file's write lock first — what keeps a second process
 * (a CLI next to the server) from breaking a compare-and-set.
 *
 * SPEC.md §18 (Server storage).
 *
 * @example
 * ```ts
 * const store = new SqliteStore('./psephos.sqlite');
 * await store.migrate();
 * const board = await Board.open(store, 'leader-2025', secretKey);
 * ```
 */
import type { SQLInputValue } from 'node:sqlite';
import { StoreError } from './errors.ts';
import { pendingMigrations } from './migrations.ts';
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
import { SqliteBoardStore } from './sqlite-board.ts';
import {
  constraintOf,
  isDuplicate,
  SQLITE_CONSTRAINT_FOREIGNKEY,
  SqliteConnection,
} from './sqlite-connection.ts';
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

/** Options of a SQLite store. @example `new SqliteStore(path, { readPage: 500 })` */
export interface SqliteStoreOptions {
  /** Rows per page of the streaming reads (default READ_PAGE); tests make it small to cross pages. */
  readonly readPage?: number;
}

/**
 * The SQLite Store.
 * @example `const store = new SqliteStore(':memory:'); await store.migrate();`
 */
export class SqliteStore extends SqliteBoardStore implements Store {
  readonly kind = 'sqlite' as const;
  /** The database file. */
  readonly path: string;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    super(new SqliteConnection(path), options.readPage ?? READ_PAGE);
    this.path = path;
  }

  async migrate(): Promise<void> {
    this.db.write(() => {
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT',
      );
      const applied = this.db.all('SELECT version FROM schema_migrations').map((r) => int(r.version));
      for (const m of pendingMigrations(applied)) {
        this.db.exec(m.sqlite);
        this.db.run(
          'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)',
          m.version,
          isoTime(new Date()),
        );
      }
    });
  }

  async close(): Promise<void> {
    this.db.close();
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
    return this.db.write(() => {
      try {
        this.db.run(
          `INSERT INTO elections (id, status, draft, board_secret_key, created_at, updated_at)
           VALUES (?, 'draft', ?, ?, ?, ?)`,
          e.id,
          toJson(e.draft),
          e.boardSecretKey,
          now,
          now,
        );
      } catch (error) {
        if (isDuplicate(error)) {
          throw new StoreError('exists', `an election with the id "${e.id}" already exists`);
        }
        throw error;
      }
      if (e.organiserRecord !== undefined) this.#insertRecord(e.id, toJson(e.organiserRecord), now);
      return this.#election(e.id)!;
    });
  }

  async election(id: string): Promise<StoredElection | undefined> {
    return this.#election(id);
  }

  async elections(): Promise<StoredElection[]> {
    return this.db.all('SELECT * FROM elections ORDER BY created_at, id').map(electionFromRow);
  }

  async updateDraft(id: string, draft: unknown): Promise<void> {
    this.db.write(() => {
      const status = this.#status(id);
      if (status !== 'draft') {
        throw new StoreError(
          'wrong-status',
          `election "${id}" is "${status}": its definition is no longer a draft`,
        );
      }
      this.db.run(
        'UPDATE elections SET draft = ?, updated_at = ? WHERE id = ?',
        toJson(draft),
        isoTime(new Date()),
        id,
      );
    });
  }

  async transition(id: string, from: ElectionStatus, to: ElectionStatus): Promise<boolean> {
    checkForward(from, to);
    return this.db.write(() => {
      this.#status(id);
      const changes = this.db.run(
        'UPDATE elections SET status = ?, updated_at = ? WHERE id = ? AND status = ?',
        to,
        isoTime(new Date()),
        id,
        from,
      ).changes;
      return Number(changes) === 1;
    });
  }

  // Organiser records

  async organiserRecord(election: string): Promise<OrganiserRecord | undefined> {
    const row = this.db.get('SELECT * FROM organiser_records WHERE election = ?', election);
    return row === undefined ? undefined : organiserRecordFromRow(row);
  }

  async setOrganiserRecord(election: string, data: unknown, revision: number): Promise<boolean> {
    checkRevision(revision);
    const json = toJson(data);
    const now = isoTime(new Date());
    return this.db.write(() => {
      this.#status(election);
      if (revision === 0) {
        if (this.db.get('SELECT 1 FROM organiser_records WHERE election = ?', election)) return false;
        this.#insertRecord(election, json, now);
        return true;
      }
      const changes = this.db.run(
        'UPDATE organiser_records SET data = ?, revision = revision + 1, updated_at = ? WHERE election = ? AND revision = ?',
        json,
        now,
        election,
        revision,
      ).changes;
      return Number(changes) === 1;
    });
  }

  // Voters

  async addVoters(
    election: string,
    voters: readonly { voterId: string; email: string; name: string }[],
  ): Promise<void> {
    this.db.write(() => {
      this.#status(election);
      for (const v of voters) {
        try {
          this.db.run(
            'INSERT INTO voters (election, voter_id, email, email_key, name) VALUES (?, ?, ?, ?, ?)',
            election,
            v.voterId,
            v.email,
            emailKey(v.email),
            v.name,
          );
        } catch (error) {
          if (!isDuplicate(error)) throw error;
          throw new StoreError('exists', `member "${v.voterId}" is already a voter of "${election}"`);
        }
      }
    });
  }

  async voter(election: string, voterId: string): Promise<Voter | undefined> {
    const row = this.db.get('SELECT * FROM voters WHERE election = ? AND voter_id = ?', election, voterId);
    return row === undefined ? undefined : voterFromRow(row);
  }

  async voterByEmail(election: string, email: string): Promise<Voter | undefined> {
    const row = this.db.get(
      'SELECT * FROM voters WHERE election = ? AND email_key = ? ORDER BY voter_id LIMIT 1',
      election,
      emailKey(email),
    );
    return row === undefined ? undefined : voterFromRow(row);
  }

  async voters(
    election: string,
    options: VoterFilter & { after?: string; limit?: number } = {},
  ): Promise<Voter[]> {
    const limit = pageLimit(options.limit, VOTER_PAGE, MAX_VOTER_PAGE);
    const params: SQLInputValue[] = [election];
    let where = 'election = ?';
    if (options.after !== undefined) {
      where += ' AND voter_id > ?';
      params.push(options.after);
    }
    if (options.notVoted === true) where += ' AND voted_at IS NULL';
    if (options.notInvited === true) where += ' AND invited_at IS NULL';
    if (options.mailFailed === true) where += ` AND mail_status = 'failed'`;
    params.push(limit);
    return this.db
      .all(`SELECT * FROM voters WHERE ${where} ORDER BY voter_id LIMIT ?`, ...params)
      .map(voterFromRow);
  }

  async countVoters(election: string): Promise<{ total: number; voted: number }> {
    const row = this.db.get(
      'SELECT count(*) AS total, count(voted_at) AS voted FROM voters WHERE election = ?',
      election,
    );
    return { total: int(row?.total ?? 0), voted: int(row?.voted ?? 0) };
  }

  async bindCredential(election: string, voterId: string, credential: string): Promise<BindOutcome> {
    return this.db.write(() => {
      const row = this.db.get(
        'SELECT credential FROM voters WHERE election = ? AND voter_id = ?',
        election,
        voterId,
      );
      if (row === undefined) throw noVoter(election, voterId);
      if (row.credential === credential) return 'already-bound';
      if (row.credential !== null) return 'taken';
      const other = this.db.get(
        'SELECT 1 FROM voters WHERE election = ? AND credential = ?',
        election,
        credential,
      );
      if (other !== undefined) return 'taken';
      this.db.run(
        'UPDATE voters SET credential = ? WHERE election = ? AND voter_id = ?',
        credential,
        election,
        voterId,
      );
      return 'bound';
    });
  }

  async markVoted(election: string, voterId: string, at: string): Promise<void> {
    const changes = this.db.run(
      'UPDATE voters SET voted_at = coalesce(voted_at, ?) WHERE election = ? AND voter_id = ?',
      isoTime(at),
      election,
      voterId,
    ).changes;
    if (Number(changes) === 0) throw noVoter(election, voterId);
  }

  // Login tokens

  async createLoginToken(
    election: string,
    voterId: string,
    tokenHash: string,
    expiresAt: string,
  ): Promise<void> {
    try {
      this.db.run(
        'INSERT INTO login_tokens (election, token_hash, voter_id, expires_at) VALUES (?, ?, ?, ?)',
        election,
        tokenHash,
        voterId,
        isoTime(expiresAt),
      );
    } catch (error) {
      if (constraintOf(error) === SQLITE_CONSTRAINT_FOREIGNKEY) throw noVoter(election, voterId);
      if (isDuplicate(error)) throw new StoreError('exists', 'this login token is already stored');
      throw error;
    }
  }

  async consumeLoginToken(election: string, tokenHash: string, now: string): Promise<string | undefined> {
    // One statement deletes and returns: a token read by two requests at once is used by one.
    const row =
      this.db.get(
        'DELETE FROM login_tokens WHERE election = ? AND token_hash = ? AND reusable = 0 RETURNING voter_id, expires_at',
        election,
        tokenHash,
      ) ??
      this.db.get(
        'SELECT voter_id, expires_at FROM login_tokens WHERE election = ? AND token_hash = ? AND reusable = 1',
        election,
        tokenHash,
      );
    if (row === undefined || String(row.expires_at) <= isoTime(now)) return undefined;
    return String(row.voter_id);
  }

  async addInvitationTokens(
    election: string,
    tokens: readonly { voterId: string; tokenHash: string; expiresAt: string }[],
    options: { replace: boolean },
  ): Promise<void> {
    oncePerVoter(tokens);
    const rows = tokens.map((t) => ({ ...t, expiresAt: isoTime(t.expiresAt) }));
    this.db.write(() => {
      for (const t of rows) {
        if (options.replace) {
          this.db.run(
            'DELETE FROM login_tokens WHERE election = ? AND voter_id = ? AND reusable = 1',
            election,
            t.voterId,
          );
        }
        try {
          this.db.run(
            'INSERT INTO login_tokens (election, token_hash, voter_id, expires_at, reusable) VALUES (?, ?, ?, ?, 1)',
            election,
            t.tokenHash,
            t.voterId,
            t.expiresAt,
          );
        } catch (error) {
          if (constraintOf(error) === SQLITE_CONSTRAINT_FOREIGNKEY) throw noVoter(election, t.voterId);
          if (isDuplicate(error)) throw new StoreError('exists', 'this login token is already stored');
          throw error;
        }
      }
    });
  }

  // Invitations and reminders

  async recordMail(election: string, outcomes: readonly MailOutcome[]): Promise<void> {
    const checked = mailOutcomes(outcomes);
    this.db.write(() => {
      for (const o of checked) {
        const changes = this.db.run(
          `UPDATE voters SET mail_kind = ?1, mail_status = ?2, mail_error = ?3, mail_at = ?4,
             invited_at = CASE WHEN ?1 = 'invitation' AND ?2 = 'sent' THEN ?4 ELSE invited_at END
           WHERE election = ?5 AND voter_id = ?6`,
          o.kind,
          o.status,
          o.error,
          o.at,
          election,
          o.voterId,
        ).changes;
        if (Number(changes) === 0) throw noVoter(election, o.voterId);
      }
    });
  }

  async invitationCounts(election: string): Promise<InvitationCounts> {
    const row = this.db.get(
      `SELECT count(*) AS total, count(invited_at) AS invited, count(voted_at) AS voted,
         coalesce(sum(CASE WHEN mail_status = 'failed' THEN 1 ELSE 0 END), 0) AS failed
       FROM voters WHERE election = ?`,
      election,
    );
    return {
      total: int(row?.total ?? 0),
      invited: int(row?.invited ?? 0),
      failed: int(row?.failed ?? 0),
      voted: int(row?.voted ?? 0),
    };
  }

  // Sessions

  async createSession(idHash: string, session: Session): Promise<void> {
    checkSession(session);
    try {
      this.db.run(
        'INSERT INTO sessions (id_hash, kind, subject, election, csrf, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        idHash,
        session.kind,
        session.subject,
        session.election,
        session.csrf,
        isoTime(session.expiresAt),
      );
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      throw new StoreError('exists', 'a session with this id already exists');
    }
  }

  async session(idHash: string, now: string): Promise<Session | undefined> {
    const row = this.db.get(
      'SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?',
      idHash,
      isoTime(now),
    );
    return row === undefined ? undefined : sessionFromRow(row);
  }

  async deleteSession(idHash: string): Promise<void> {
    this.db.run('DELETE FROM sessions WHERE id_hash = ?', idHash);
  }

  // Organisers

  async setAdmin(username: string, passwordHash: string): Promise<void> {
    this.db.run(
      `INSERT INTO admins (username, password_hash, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
      username,
      passwordHash,
      isoTime(new Date()),
    );
  }

  async adminPasswordHash(username: string): Promise<string | undefined> {
    const row = this.db.get('SELECT password_hash FROM admins WHERE username = ?', username);
    return row === undefined ? undefined : String(row.password_hash);
  }

  // Outgoing mail

  async enqueueMail(mail: { to: string; subject: string; text: string; html: string }): Promise<number> {
    const now = isoTime(new Date());
    const row = this.db.get(
      `INSERT INTO outgoing_mail (recipient, subject, text_body, html_body, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
      mail.to,
      mail.subject,
      mail.text,
      mail.html,
      now,
      now,
    );
    return int(row?.id);
  }

  async claimMail(limit: number): Promise<OutgoingMail[]> {
    pageLimit(limit, 1, MAX_MAIL_CLAIM);
    const rows = this.db.all(
      `UPDATE outgoing_mail SET status = 'sending', attempts = attempts + 1, updated_at = ?
       WHERE id IN (SELECT id FROM outgoing_mail WHERE status = 'queued' ORDER BY id LIMIT ?)
       RETURNING *`,
      isoTime(new Date()),
      limit,
    );
    return rows.map(mailFromRow).sort((a, b) => a.id - b.id);
  }

  async markMailSent(id: number): Promise<void> {
    this.#moveMail(id, 'sent', null);
  }

  async markMailFailed(id: number, error: string, final: boolean): Promise<void> {
    this.#moveMail(id, final ? 'failed' : 'queued', error);
  }

  async mailStatus(): Promise<Record<OutgoingMail['status'], number>> {
    return mailCounts(this.db.all('SELECT status, count(*) AS n FROM outgoing_mail GROUP BY status'));
  }

  // Jobs

  async createJob(election: string, kind: string, payload: unknown): Promise<number> {
    const now = isoTime(new Date());
    return this.db.write(() => {
      this.#status(election);
      const row = this.db.get(
        'INSERT INTO jobs (election, kind, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
        election,
        kind,
        toJson(payload),
        now,
        now,
      );
      return int(row?.id);
    });
  }

  async claimJob(kind: string): Promise<Job | undefined> {
    const row = this.db.get(
      `UPDATE jobs SET status = 'running', updated_at = ?
       WHERE id = (SELECT id FROM jobs WHERE kind = ? AND status = 'queued' ORDER BY id LIMIT 1)
       RETURNING *`,
      isoTime(new Date()),
      kind,
    );
    return row === undefined ? undefined : jobFromRow(row);
  }

  async updateJob(id: number, progress: number): Promise<void> {
    checkProgress(progress);
    this.#moveJob(id, 'UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ? AND status = ?', progress);
  }

  async finishJob(id: number, outcome: { result: unknown } | { error: string }): Promise<void> {
    if ('error' in outcome) {
      this.#moveJob(
        id,
        `UPDATE jobs SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND status = ?`,
        outcome.error,
      );
    } else {
      this.#moveJob(
        id,
        `UPDATE jobs SET status = 'done', progress = 1, result = ?, updated_at = ? WHERE id = ? AND status = ?`,
        toJson(outcome.result),
      );
    }
  }

  async job(id: number): Promise<Job | undefined> {
    const row = this.db.get('SELECT * FROM jobs WHERE id = ?', id);
    return row === undefined ? undefined : jobFromRow(row);
  }

  async jobs(election: string, kind: string, limit?: number): Promise<Job[]> {
    return this.db
      .all(
        'SELECT * FROM jobs WHERE election = ? AND kind = ? ORDER BY id DESC LIMIT ?',
        election,
        kind,
        pageLimit(limit, JOB_PAGE, MAX_JOB_PAGE),
      )
      .map(jobFromRow);
  }

  // The membership roll being imported

  async createRollImport(election: string, name: string): Promise<number> {
    const now = isoTime(new Date());
    return this.db.write(() => {
      this.#status(election);
      const current = this.db.get('SELECT id, status FROM roll_imports WHERE election = ?', election);
      if (current !== undefined) {
        refuseInUse(election, String(current.status) as RollImportStatus);
        this.db.run('DELETE FROM roll_imports WHERE id = ?', int(current.id));
      }
      const row = this.db.get(
        `INSERT INTO roll_imports (election, status, name, created_at, updated_at)
         VALUES (?, 'uploading', ?, ?, ?) RETURNING id`,
        election,
        name,
        now,
        now,
      );
      return int(row?.id);
    });
  }

  async addRollChunk(id: number, seq: number, chunk: Uint8Array): Promise<void> {
    checkRollChunk(seq, chunk);
    this.db.write(() => {
      const row = this.db.get('SELECT status FROM roll_imports WHERE id = ?', id);
      if (row === undefined) throw noRollImport(id);
      if (row.status !== 'uploading') throw notUploading(id, String(row.status));
      try {
        this.db.run('INSERT INTO roll_chunks (roll_import, seq, bytes) VALUES (?, ?, ?)', id, seq, chunk);
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        throw new StoreError('exists', `chunk ${seq} of roll import ${id} is already stored`);
      }
    });
  }

  async *rollChunks(id: number): AsyncIterable<Uint8Array> {
    let seq = -1;
    for (;;) {
      const row = this.db.get(
        'SELECT seq, bytes FROM roll_chunks WHERE roll_import = ? AND seq > ? ORDER BY seq LIMIT 1',
        id,
        seq,
      );
      if (row === undefined) return;
      seq = int(row.seq);
      yield bytes(row.bytes);
    }
  }

  async updateRollImport(
    id: number,
    from: readonly RollImportStatus[],
    change: RollImportChange,
  ): Promise<boolean> {
    const sets = rollImportSets(change);
    return this.db.write(() => {
      const row = this.db.get('SELECT status FROM roll_imports WHERE id = ?', id);
      if (row === undefined || !from.includes(String(row.status) as RollImportStatus)) return false;
      this.db.run(
        `UPDATE roll_imports SET ${sets.map(([column]) => `${column} = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
        ...sets.map(([, value]) => value),
        isoTime(new Date()),
        id,
      );
      if (change.status === 'used') this.db.run('DELETE FROM roll_chunks WHERE roll_import = ?', id);
      return true;
    });
  }

  async rollImport(election: string): Promise<RollImport | undefined> {
    const row = this.db.get('SELECT * FROM roll_imports WHERE election = ?', election);
    return row === undefined ? undefined : rollImportFromRow(row);
  }

  async deleteRollImport(id: number): Promise<boolean> {
    return this.db.write(() => {
      const row = this.db.get('SELECT status FROM roll_imports WHERE id = ?', id);
      if (row === undefined || (ROLL_IN_USE as readonly string[]).includes(String(row.status))) return false;
      this.db.run('DELETE FROM roll_imports WHERE id = ?', id);
      return true;
    });
  }

  async addRollDecision(election: string, decision: RollDecision): Promise<void> {
    const d = rollDecision(decision);
    try {
      this.db.run(
        `INSERT INTO roll_decisions (election, finding_id, decision, note, decided_by, decided_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        election,
        d.findingId,
        d.decision,
        d.note,
        d.decidedBy,
        d.decidedAt,
      );
    } catch (error) {
      if (constraintOf(error) === SQLITE_CONSTRAINT_FOREIGNKEY) {
        throw new StoreError('not-found', `there is no election "${election}"`);
      }
      throw error;
    }
  }

  async rollDecisions(election: string): Promise<RollDecision[]> {
    return this.db
      .all('SELECT * FROM roll_decisions WHERE election = ? ORDER BY id', election)
      .map(rollDecisionFromRow);
  }

  // Helpers

  /** Stores an election's first organiser record (revision 1), inside the caller's transaction. */
  #insertRecord(election: string, json: string, now: string): void {
    this.db.run(
      'INSERT INTO organiser_records (election, data, revision, updated_at) VALUES (?, ?, 1, ?)',
      election,
      json,
      now,
    );
  }

  #election(id: string): StoredElection | undefined {
    const row = this.db.get('SELECT * FROM elections WHERE id = ?', id);
    return row === undefined ? undefined : electionFromRow(row);
  }

  /** The election's status; StoreError `not-found` for an unknown election. */
  #status(id: string): ElectionStatus {
    const row = this.db.get('SELECT status FROM elections WHERE id = ?', id);
    if (row === undefined) throw new StoreError('not-found', `there is no election "${id}"`);
    return String(row.status) as ElectionStatus;
  }

  /** Moves a message out of `sending` (the only state a sender reports on). */
  #moveMail(id: number, status: OutgoingMail['status'], error: string | null): void {
    this.db.write(() => {
      const changes = this.db.run(
        // A message that will not be sent again keeps no body: login emails carry live links.
        `UPDATE outgoing_mail SET status = ?1, error = ?2, updated_at = ?3,
           text_body = CASE WHEN ?1 = 'queued' THEN text_body ELSE '' END,
           html_body = CASE WHEN ?1 = 'queued' THEN html_body ELSE '' END
         WHERE id = ?4 AND status = 'sending'`,
        status,
        error,
        isoTime(new Date()),
        id,
      ).changes;
      if (Number(changes) === 0) this.#refuseMove('outgoing_mail', id, 'sending', 'message');
    });
  }

  /** Runs an update of a running job (`sql` takes value, time, id, status). */
  #moveJob(id: number, sql: string, value: SQLInputValue): void {
    this.db.write(() => {
      const changes = this.db.run(sql, value, isoTime(new Date()), id, 'running').changes;
      if (Number(changes) === 0) this.#refuseMove('jobs', id, 'running', 'job');
    });
  }

  #refuseMove(table: 'outgoing_mail' | 'jobs', id: number, expected: string, what: string): never {
    const row = this.db.get(`SELECT status FROM ${table} WHERE id = ?`, id);
    if (row === undefined) throw new StoreError('not-found', `there is no ${what} ${id}`);
    throw new StoreError('wrong-status', `${what} ${id} is "${String(row.status)}", not "${expected}"`);
  }
}

function noVoter(election: string, voterId: string): StoreError {
  return new StoreError('not-found', `member "${voterId}" is not a voter of "${election}"`);
}
