/**
 * Rows of either database as the Store's types. The two drivers hand back the same columns in
 * different JavaScript forms — SQLite: numbers, ISO text, Uint8Array; PostgreSQL: 64-bit integers as
 * strings, `timestamptz` as Date, bytea as Buffer — and these mappers accept both, so that both stores
 * return exactly the same values (plain objects, plain Uint8Array, ISO 8601 UTC text).
 *
 * @example
 * ```ts
 * const election = electionFromRow(row);   // row from either driver
 * ```
 */
import type {
  Job,
  OrganiserRecord,
  OutgoingMail,
  RollDecision,
  RollImport,
  Session,
  StoredElection,
  Voter,
  VoterMail,
} from './store.ts';

/** A database row, whichever driver read it. @example `{ id: '7', status: 'queued' }` */
export type Row = Record<string, unknown>;

/** A count or id: SQLite gives a number, PostgreSQL a BIGINT's decimal string. @example `int('42')` → `42` */
export function int(value: unknown): number {
  return Number(value);
}

/** A stored time as ISO 8601 UTC text. @example `time(new Date(0))` → `'1970-01-01T00:00:00.000Z'` */
export function time(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A time or null. @example `optionalTime(null)` → `null` */
export function optionalTime(value: unknown): string | null {
  return value === null || value === undefined ? null : time(value);
}

/**
 * Stored bytes as a plain Uint8Array of their own (not a Buffer, not a view of a driver's memory).
 * @example `bytes(Buffer.from([1, 2]))` → `Uint8Array [1, 2]`
 */
export function bytes(value: unknown): Uint8Array {
  return Uint8Array.from(value as Uint8Array);
}

/** Text or null. @example `optionalText(null)` → `null` */
export function optionalText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A stored JSON text as its value (null for SQL NULL). @example `json('{"a":1}')` → `{ a: 1 }` */
export function json(value: unknown): unknown {
  return value === null || value === undefined ? null : JSON.parse(String(value));
}

/** @example `electionFromRow(row).status` → `'draft'` */
export function electionFromRow(row: Row): StoredElection {
  return {
    id: String(row.id),
    status: String(row.status) as StoredElection['status'],
    draft: json(row.draft),
    boardSecretKey: bytes(row.board_secret_key),
    createdAt: time(row.created_at),
    updatedAt: time(row.updated_at),
  };
}

/** @example `organiserRecordFromRow(row).revision` → `1` after the first write */
export function organiserRecordFromRow(row: Row): OrganiserRecord {
  return {
    election: String(row.election),
    data: json(row.data),
    revision: int(row.revision),
    updatedAt: time(row.updated_at),
  };
}

/** @example `voterFromRow(row).credential` → `null` before the first ballot */
export function voterFromRow(row: Row): Voter {
  return {
    election: String(row.election),
    voterId: String(row.voter_id),
    email: String(row.email),
    name: String(row.name),
    credential: optionalText(row.credential),
    votedAt: optionalTime(row.voted_at),
    invitedAt: optionalTime(row.invited_at),
    mail:
      row.mail_kind === null || row.mail_kind === undefined
        ? null
        : {
            kind: String(row.mail_kind) as VoterMail['kind'],
            status: String(row.mail_status) as VoterMail['status'],
            error: optionalText(row.mail_error),
            at: time(row.mail_at),
          },
  };
}

/** @example `sessionFromRow(row).kind` → `'voter'` */
export function sessionFromRow(row: Row): Session {
  return {
    kind: String(row.kind) as Session['kind'],
    subject: String(row.subject),
    election: optionalText(row.election),
    csrf: String(row.csrf),
    expiresAt: time(row.expires_at),
  };
}

/** @example `mailFromRow(row).status` → `'sending'` */
export function mailFromRow(row: Row): OutgoingMail {
  return {
    id: int(row.id),
    to: String(row.recipient),
    subject: String(row.subject),
    text: String(row.text_body),
    html: String(row.html_body),
    status: String(row.status) as OutgoingMail['status'],
    attempts: int(row.attempts),
    error: optionalText(row.error),
  };
}

/** @example `jobFromRow(row).progress` → `0.5` */
export function jobFromRow(row: Row): Job {
  return {
    id: int(row.id),
    election: String(row.election),
    kind: String(row.kind),
    payload: json(row.payload),
    status: String(row.status) as Job['status'],
    progress: Number(row.progress),
    result: json(row.result),
    error: optionalText(row.error),
    createdAt: time(row.created_at),
    updatedAt: time(row.updated_at),
  };
}

/** @example `rollImportFromRow(row).status` → `'uploaded'` */
export function rollImportFromRow(row: Row): RollImport {
  return {
    id: int(row.id),
    election: String(row.election),
    status: String(row.status) as RollImport['status'],
    name: String(row.name),
    size: int(row.size),
    sha256: optionalText(row.sha256),
    preview: json(row.preview),
    audit: json(row.audit),
    problem: json(row.problem),
    used: json(row.used),
    createdAt: time(row.created_at),
    updatedAt: time(row.updated_at),
  };
}

/** @example `rollDecisionFromRow(row).decision` → `'dismiss'` */
export function rollDecisionFromRow(row: Row): RollDecision {
  return {
    findingId: String(row.finding_id),
    decision: String(row.decision) as RollDecision['decision'],
    note: String(row.note),
    decidedAt: time(row.decided_at),
    decidedBy: String(row.decided_by),
  };
}

/**
 * Counts per mail status, with a zero for each status no message has.
 * @example `mailCounts([{ status: 'sent', n: '3' }])` → `{ queued: 0, sending: 0, sent: 3, failed: 0 }`
 */
export function mailCounts(rows: readonly Row[]): Record<OutgoingMail['status'], number> {
  const counts = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[String(row.status) as OutgoingMail['status']] = int(row.n);
  return counts;
}
