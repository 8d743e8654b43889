/**
 * Everything the server keeps: the boards (BoardStore), elections and their status, each election's
 * private organiser record, the voters who may log in, the credential each has used and the invitation
 * emails each was sent, login tokens, sessions, organiser accounts, outgoing mail, background jobs, and
 * the membership roll an organiser imports (the uploaded file, its audit and the decisions on its
 * findings). Two implementations keep exactly these rules — SQLite (the embedded default, one file) and
 * PostgreSQL (production, several API nodes) — and one conformance suite (test/store/conformance.ts)
 * holds both to them.
 *
 * Nothing secret that belongs to someone else is here: no voting credential (only public credentials,
 * on the board), no trustee key — but for a practice election, whose sole trustee and credential
 * authority is the server itself (SPEC.md §19), and whose secrets are in its organiser record. Login
 * tokens and session ids are stored as SHA-256 hashes, so a copy of the database does not let anyone
 * log in. The board's Ed25519 signing key is the server's own.
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
import type { ElectionStatus } from '../protocol/lifecycle.ts';

/** The lifecycle of an election on the server (src/protocol/lifecycle.ts). */
export type { ElectionStatus };

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

/**
 * What the organiser console keeps about an election that is never published (its trustees' email
 * addresses; a practice election's secrets): one JSON value per election, whose shape is the console's
 * (src/server/console/private.ts), beside the election rather than in its definition, which is public.
 * @example `{ election: 'leader-2026', data: { trustees: [...] }, revision: 3, updatedAt: '2026-03-01T09:00:00.000Z' }`
 */
export interface OrganiserRecord {
  readonly election: string;
  readonly data: unknown;
  /** 1 when first stored, one more at each change: what `setOrganiserRecord` compares. */
  readonly revision: number;
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
  /** When the mail server last accepted an invitation to this voter (null: never). */
  readonly invitedAt: string | null;
  /** The last invitation or reminder sent to this voter, and what the mail server said (null: none yet). */
  readonly mail: VoterMail | null;
}

/** The emails the organiser's console sends voters. */
export type VoterMailKind = 'invitation' | 'reminder';

/**
 * The outcome of one invitation or reminder: accepted by the mail server (`sent`), or refused or not
 * delivered to it (`failed`, with the mail server's words).
 */
export interface VoterMail {
  readonly kind: VoterMailKind;
  readonly status: 'sent' | 'failed';
  readonly error: string | null;
  readonly at: string;
}

/** What `recordMail` stores for one voter. @example `{ voterId: 'M1', kind: 'invitation', status: 'sent', error: null, at }` */
export interface MailOutcome extends VoterMail {
  readonly voterId: string;
}

/** The counts on the invitations page. @example `{ total: 5, invited: 4, failed: 1, voted: 2 }` */
export interface InvitationCounts {
  /** Voters on the election's login list. */
  readonly total: number;
  /** Voters an invitation has reached the mail server for. */
  readonly invited: number;
  /** Voters whose last invitation or reminder failed. */
  readonly failed: number;
  readonly voted: number;
}

/** Which voters a page of `voters()` holds (every filter given must hold). */
export interface VoterFilter {
  /** Only voters who have not voted. */
  readonly notVoted?: boolean;
  /** Only voters no invitation has reached the mail server for. */
  readonly notInvited?: boolean;
  /** Only voters whose last invitation or reminder failed. */
  readonly mailFailed?: boolean;
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
  readonly createdAt: string;
  /** The last change (claim, progress, end): a running job whose time stands still has lost its worker. */
  readonly updatedAt: string;
}

/**
 * Where an imported roll is: its file arriving (`uploading`), stored (`uploaded`), checked and audited
 * (`audited`), being turned into the login list (`using`), or the login list (`used`).
 */
export type RollImportStatus = 'uploading' | 'uploaded' | 'audited' | 'using' | 'used';

/**
 * An election's membership roll as the organiser imports it. The file itself is kept in chunks
 * (`rollChunks`) until the roll is used; the JSON parts are the server's (src/server/routes/roll.ts).
 */
export interface RollImport {
  readonly id: number;
  readonly election: string;
  readonly status: RollImportStatus;
  /** The file's name as uploaded. */
  readonly name: string;
  readonly size: number;
  /** Lower-case hex SHA-256 of the file, once uploaded. */
  readonly sha256: string | null;
  /** What the first rows show: encoding, delimiter, headers, sample rows. */
  readonly preview: unknown;
  /** The mapping, rules and audit report of the last successful check. */
  readonly audit: unknown;
  /** Why the last check refused the file (its row errors included). */
  readonly problem: unknown;
  /** What using the roll added to the login list. */
  readonly used: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * A change to a roll import: its new status and the parts given (null clears a part; a part left out
 * stays as it is).
 */
export interface RollImportChange {
  readonly status: RollImportStatus;
  readonly size?: number;
  readonly sha256?: string;
  readonly preview?: unknown;
  readonly audit?: unknown;
  readonly problem?: unknown;
  readonly used?: unknown;
}

/** An organiser's decision on an audit finding (SPEC.md §16.8), and who made it. */
export interface RollDecision {
  readonly findingId: string;
  readonly decision: 'confirm' | 'dismiss';
  readonly note: string;
  readonly decidedAt: string;
  readonly decidedBy: string;
}

export interface Store extends BoardStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies the versioned migrations not yet applied; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Elections
  /**
   * Creates a draft; StoreError `exists` if the id is taken. With `organiserRecord`, the election's
   * organiser record (revision 1) is stored in the same transaction: an election whose record must
   * exist from the start (a practice election's secrets) never exists without it.
   */
  createElection(e: {
    id: string;
    draft: unknown;
    boardSecretKey: Uint8Array;
    organiserRecord?: unknown;
  }): Promise<StoredElection>;
  election(id: string): Promise<StoredElection | undefined>;
  elections(): Promise<StoredElection[]>;
  /** Replaces the draft definition; only while the status is `draft` (StoreError `wrong-status`). */
  updateDraft(id: string, draft: unknown): Promise<void>;
  /**
   * Moves the status from `from` to `to` if it is still `from` (compare-and-set: two organisers clicking
   * at once cannot both succeed). Returns false when the status was not `from`.
   */
  transition(id: string, from: ElectionStatus, to: ElectionStatus): Promise<boolean>;

  // The organiser's private record of an election (never published; any status)
  /** The election's organiser record, if it has one. */
  organiserRecord(election: string): Promise<OrganiserRecord | undefined>;
  /**
   * Stores the election's organiser record if its revision is still `revision` (0: it has none yet),
   * as revision `revision + 1` — compare-and-set, so that two API nodes' read-modify-writes cannot lose
   * one another's change. Returns false when the revision has moved on (read again and retry).
   * StoreError `not-found` for an unknown election; RangeError for a revision that is not an integer ≥ 0.
   */
  setOrganiserRecord(election: string, data: unknown, revision: number): Promise<boolean>;

  // Voters and the Belenios credential rule
  /** Adds voters (member id, email, name); StoreError `exists` for a member id already there (nothing added). */
  addVoters(
    election: string,
    voters: readonly { voterId: string; email: string; name: string }[],
  ): Promise<void>;
  voter(election: string, voterId: string): Promise<Voter | undefined>;
  voterByEmail(election: string, email: string): Promise<Voter | undefined>;
  /** Voters in member-id order, a page at a time, those the filter names. */
  voters(election: string, options?: VoterFilter & { after?: string; limit?: number }): Promise<Voter[]>;
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
  /**
   * Uses a token: returns the voter id, or undefined if unknown or expired. A login email's token is
   * deleted as it is used (it works once); an invitation's token stays until it expires.
   */
  consumeLoginToken(election: string, tokenHash: string, now: string): Promise<string | undefined>;
  /**
   * Stores invitation tokens, all or none: each works for its voter any number of times until
   * `expiresAt` (the election's close). With `replace`, each voter's earlier invitation tokens are
   * deleted first (a new invitation makes the old link stop working). StoreError `not-found` for a
   * voter who is not on the roll.
   */
  addInvitationTokens(
    election: string,
    tokens: readonly { voterId: string; tokenHash: string; expiresAt: string }[],
    options: { replace: boolean },
  ): Promise<void>;

  // Invitations and reminders
  /** Records what the mail server said to each invitation or reminder, all in one transaction. */
  recordMail(election: string, outcomes: readonly MailOutcome[]): Promise<void>;
  invitationCounts(election: string): Promise<InvitationCounts>;

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
  /** An election's jobs of one kind, newest first (at most `limit`, default 10). */
  jobs(election: string, kind: string, limit?: number): Promise<Job[]>;

  // The membership roll being imported (one per election)
  /**
   * Starts an election's roll import (status `uploading`), replacing the one it had and its file,
   * unless that one is `using` or `used` (StoreError `wrong-status`). StoreError `not-found` for an
   * unknown election. Returns its id (never reused).
   */
  createRollImport(election: string, name: string): Promise<number>;
  /** Stores chunk `seq` (0, 1, …) of an `uploading` import's file (StoreError `wrong-status` otherwise). */
  addRollChunk(id: number, seq: number, bytes: Uint8Array): Promise<void>;
  /** The import's file, chunk by chunk in order, one short query each. */
  rollChunks(id: number): AsyncIterable<Uint8Array>;
  /**
   * Moves an import to `change.status` with the parts given, if its status is one of `from`
   * (compare-and-set); false otherwise. Moving to `used` deletes the file: the audit report stays.
   */
  updateRollImport(id: number, from: readonly RollImportStatus[], change: RollImportChange): Promise<boolean>;
  /** The election's roll import, if it has one. */
  rollImport(election: string): Promise<RollImport | undefined>;
  /** Deletes an import and its file, unless it is `using` or `used`; false if it was not deleted. */
  deleteRollImport(id: number): Promise<boolean>;
  /** Appends a decision to the election's log (SPEC.md §16.8: the latest on a finding counts). */
  addRollDecision(election: string, decision: RollDecision): Promise<void>;
  /** The election's decisions, oldest first. */
  rollDecisions(election: string): Promise<RollDecision[]>;
}
