/**
 * Everything the server keeps: the boards (BoardStore), elections and their status, the voters who may
 * log in and the credential each has used, login tokens, sessions, organiser accounts, outgoing mail and
 * background jobs. Two implementations keep exactly these rules — SQLite (the embedded default, one
 * file) and PostgreSQL (production, several API nodes) — and one conformance suite
 * (test/store/conformance.ts) holds both to them.
 *
 * Nothing secret that belongs to someone else is here: no voting credential (only public credentials,
 * on the board), no trustee key. Login tokens and session ids are stored as SHA-256 hashes, so a copy of
 * the database does not let anyone log in. The board's Ed25519 signing key is the server's own.
 *
 * SPEC.md §18 (Server storage).
 *
 * @example
 * ```ts
 * const store = await openStore(process.env.DATABASE_URL);   // SQLite file by default
 * await store.createElection({ id: 'leader-2026', draft, boardSecretKey });
 * ```
 */
import type { BoardStore } from '../board/store.ts';

/** The lifecycle of an election on the server: `draft` is before the board exists; the rest follow the board. */
export type ElectionStatus =
  | 'draft'
  | 'key-ceremony'
  | 'ready'
  | 'open'
  | 'closed'
  | 'tallying'
  | 'published';

export interface StoredElection {
  readonly id: string;
  readonly status: ElectionStatus;
  /** The definition as the organiser is editing it (draft), then as published in `setup`. */
  readonly draft: unknown;
  /** Ed25519 secret key (32 bytes) that signs this election's tree heads. */
  readonly boardSecretKey: Uint8Array;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Voter {
  readonly election: string;
  /** The organisation's member id (as on the roll). */
  readonly voterId: string;
  readonly email: string;
  readonly name: string;
  /** The public credential this voter's login has cast with (Belenios: only this login may use it again). */
  readonly credential: string | null;
  /** When the voter's first accepted ballot was recorded, for "has not voted" reminders. */
  readonly votedAt: string | null;
}

export type BindOutcome = 'bound' | 'already-bound' | 'taken';

export interface Session {
  readonly kind: 'admin' | 'voter' | 'trustee';
  /** Admin username, voter id, or trustee index (as text). */
  readonly subject: string;
  /** The election of a voter or trustee session (null for an organiser). */
  readonly election: string | null;
  /** The CSRF token that must accompany every state-changing request of a cookie session. */
  readonly csrf: string;
  readonly expiresAt: string;
}

export interface OutgoingMail {
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly status: 'queued' | 'sending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly error: string | null;
}

export interface Job {
  readonly id: number;
  readonly election: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  /** 0..1 */
  readonly progress: number;
  readonly result: unknown;
  readonly error: string | null;
}

export interface Store extends BoardStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies the versioned migrations not yet applied; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Elections
  /** Creates a draft; StoreError `exists` if the id is taken. */
  createElection(e: { id: string; draft: unknown; boardSecretKey: Uint8Array }): Promise<StoredElection>;
  election(id: string): Promise<StoredElection | undefined>;
  elections(): Promise<StoredElection[]>;
  /** Replaces the draft definition; only while the status is `draft` (StoreError `wrong-status`). */
  updateDraft(id: string, draft: unknown): Promise<void>;
  /**
   * Moves the status from `from` to `to` if it is still `from` (compare-and-set: two organisers clicking
   * at once cannot both succeed). Returns false when the status was not `from`.
   */
  transition(id: string, from: ElectionStatus, to: ElectionStatus): Promise<boolean>;

  // Voters and the Belenios credential rule
  /** Adds voters (member id, email, name); StoreError `exists` for a member id already there (nothing added). */
  addVoters(
    election: string,
    voters: readonly { voterId: string; email: string; name: string }[],
  ): Promise<void>;
  voter(election: string, voterId: string): Promise<Voter | undefined>;
  voterByEmail(election: string, email: string): Promise<Voter | undefined>;
  /** Voters in member-id order, a page at a time. */
  voters(
    election: string,
    options?: { after?: string; limit?: number; notVoted?: boolean },
  ): Promise<Voter[]>;
  countVoters(election: string): Promise<{ total: number; voted: number }>;
  /**
   * Binds a public credential to a voter, atomically: `bound` the first time; `already-bound` if this
   * voter already has this credential; `taken` if another voter has it, or this voter has another.
   */
  bindCredential(election: string, voterId: string, credential: string): Promise<BindOutcome>;
  markVoted(election: string, voterId: string, at: string): Promise<void>;

  // Login tokens (one-time links and codes sent by email)
  /** Stores a token's hash for a voter, valid until `expiresAt`. */
  createLoginToken(election: string, voterId: string, tokenHash: string, expiresAt: string): Promise<void>;
  /** Uses a token once: returns the voter id and deletes it, or undefined if unknown or expired. */
  consumeLoginToken(election: string, tokenHash: string, now: string): Promise<string | undefined>;

  // Sessions
  createSession(idHash: string, session: Session): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  session(idHash: string, now: string): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<void>;

  // Organisers
  setAdmin(username: string, passwordHash: string): Promise<void>;
  adminPasswordHash(username: string): Promise<string | undefined>;

  // Outgoing mail
  enqueueMail(mail: { to: string; subject: string; text: string; html: string }): Promise<number>;
  /** Marks up to `limit` queued messages as `sending` and returns them (one sender gets each message). */
  claimMail(limit: number): Promise<OutgoingMail[]>;
  markMailSent(id: number): Promise<void>;
  /** Back to `queued` for another attempt, or `failed` after `attempts` reaches the caller's limit. */
  markMailFailed(id: number, error: string, final: boolean): Promise<void>;
  mailStatus(): Promise<Record<OutgoingMail['status'], number>>;

  // Background jobs (tally, invitations)
  createJob(election: string, kind: string, payload: unknown): Promise<number>;
  /** Claims the oldest queued job of a kind (one worker gets each job). */
  claimJob(kind: string): Promise<Job | undefined>;
  updateJob(id: number, progress: number): Promise<void>;
  finishJob(id: number, outcome: { result: unknown } | { error: string }): Promise<void>;
  job(id: number): Promise<Job | undefined>;
}
