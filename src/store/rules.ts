/**
 * The rules both stores keep, written once so that SQLite and PostgreSQL refuse the same things with
 * the same codes and words: the board's append and head checks (the same as src/board/memory-store.ts),
 * read ranges, the lifecycle's forward-only order, page limits, and the values stored as text (times,
 * JSON, the email key used at login).
 *
 * SPEC.md §18 (Server storage).
 *
 * @example
 * ```ts
 * checkAppend(election, event, leafHash, tracker);   // wrong-election / wrong-event before any I/O
 * if (event.index !== size) throw conflict(event.index, size);
 * ```
 */
import { BoardError } from '../board/errors.ts';
import type { BoardEvent } from '../protocol/events.ts';
import { statusRank } from '../protocol/lifecycle.ts';
import { StoreError } from './errors.ts';
import type {
  ElectionStatus,
  MailOutcome,
  RollDecision,
  RollImportChange,
  RollImportStatus,
} from './store.ts';

/**
 * Rows per page when a store streams events, leaf hashes, heads: each page is one short query, so a
 * reader of a million-event log holds neither the table in memory nor a cursor open between pages.
 * @example `new SqliteStore(path, { readPage: READ_PAGE })`
 */
export const READ_PAGE = 1000;

/** The default page of `voters()`. @example `store.voters(e, { limit: VOTER_PAGE })` */
export const VOTER_PAGE = 100;
/** The largest page of `voters()` (RangeError beyond). @example `store.voters(e, { limit: MAX_VOTER_PAGE })` */
export const MAX_VOTER_PAGE = 10_000;

/** The most messages one `claimMail` hands out. @example `store.claimMail(MAX_MAIL_CLAIM)` */
export const MAX_MAIL_CLAIM = 10_000;

/**
 * The checks of an append that need no database: the event is this election's, the leaf hash is 32
 * bytes, and a tracker comes with a ballot and only with a ballot.
 * @example `checkAppend('leader-2025', event, eventLeafHash(event), undefined)`
 */
export function checkAppend(
  election: string,
  event: BoardEvent,
  leafHash: Uint8Array,
  tracker?: string,
): void {
  if (event.election !== election) {
    throw new BoardError('wrong-election', `event of election "${event.election}" offered to "${election}"`);
  }
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== 32) {
    throw new BoardError('wrong-event', 'a leaf hash is 32 bytes');
  }
  if ((event.type === 'ballot') !== (tracker !== undefined)) {
    throw new BoardError(
      'wrong-event',
      'a ballot event, and only a ballot event, is stored with its tracker',
    );
  }
}

/**
 * The error of an append whose index is not the log's size (checked inside the serialised section).
 * @example `if (event.index !== size) throw conflict(event.index, size)`
 */
export function conflict(index: number, size: number): BoardError {
  return new BoardError(
    'conflict',
    `event ${index} cannot be appended: the log has ${size} events (another writer appended first)`,
  );
}

/**
 * The checks of a head against the latest stored head's size and the log's size.
 * @example `checkHead('leader-2025', head, latestSize, size)`
 */
export function checkHead(
  election: string,
  head: { election: string; size: number },
  latest: number,
  size: number,
) {
  if (head.election !== election) {
    throw new BoardError('wrong-election', `head of election "${head.election}" offered to "${election}"`);
  }
  if (head.size < latest) {
    throw new BoardError('out-of-order', `a head of size ${head.size} cannot follow one of size ${latest}`);
  }
  if (head.size > size) {
    throw new BoardError(
      'out-of-order',
      `a head of size ${head.size} covers more than the ${size} stored events`,
    );
  }
}

/**
 * BoardError `not-found` unless 0 ≤ from ≤ to ≤ size (all safe integers).
 * @example `checkRange(0, 10, await store.size(e))`
 */
export function checkRange(from: number, to: number, size: number): void {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to || to > size) {
    throw new BoardError('not-found', `events [${from}, ${to}) are not within the log of ${size} events`);
  }
}

/**
 * StoreError `wrong-status` unless `to` comes after `from` in the lifecycle: no status goes backwards,
 * so not even a compare-and-set may move one there.
 * @example `checkForward('open', 'closed')` (passes); `checkForward('open', 'draft')` (throws)
 */
export function checkForward(from: ElectionStatus, to: ElectionStatus): void {
  const a = statusRank(from);
  const b = statusRank(to);
  if (a < 0 || b < 0 || b <= a) {
    throw new StoreError('wrong-status', `an election cannot move from "${from}" to "${to}"`);
  }
}

/**
 * A time as the stores keep it: ISO 8601 UTC with milliseconds (`Date#toISOString`), so that any
 * accepted spelling compares and reads back alike. RangeError for text that is not a time.
 * @example `isoTime('2025-03-01T09:00:00Z')` → `'2025-03-01T09:00:00.000Z'`
 */
export function isoTime(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a time: ${String(value)}`);
  return date.toISOString();
}

/**
 * The form of an email address matched at login: trimmed and in lower case, so that a voter typing
 * `Ada@Example.org` finds the roll's `ada@example.org`.
 * @example `emailKey(' Ada@Example.org ')` → `'ada@example.org'`
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A JSON value as stored (drafts, job payloads and results); `undefined` is stored as null.
 * @example `toJson({ a: 1 })` → `'{"a":1}'`
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * RangeError unless a revision an organiser record is compared against is an integer ≥ 0 (0: none yet).
 * @example `checkRevision(0)` // fine; `checkRevision(-1)` throws
 */
export function checkRevision(revision: number): void {
  if (!Number.isSafeInteger(revision) || revision < 0)
    throw new RangeError(`a revision is an integer ≥ 0, not ${revision}`);
}

/** A page limit: the default when absent, RangeError outside 1..max. @example `pageLimit(undefined, 100, 1000)` → `100` */
export function pageLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > max) {
    throw new RangeError(`a page holds 1 to ${max} rows, not ${limit}`);
  }
  return limit;
}

/** RangeError unless a board secret key is 32 bytes (an Ed25519 seed). @example `checkSecretKey(generateBoardKey().secretKey)` */
export function checkSecretKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    throw new RangeError('a board secret key is 32 bytes');
}

/** RangeError unless a job's progress is within 0..1. @example `checkProgress(0.5)` */
export function checkProgress(progress: number): void {
  if (!(progress >= 0 && progress <= 1)) throw new RangeError(`progress is between 0 and 1, not ${progress}`);
}

/**
 * TypeError unless a session's election matches its kind: a voter's or a trustee's session names its
 * election, an organiser's does not.
 * @example `checkSession({ kind: 'admin', election: null })`
 */
export function checkSession(session: { kind: string; election: string | null }): void {
  const known = ['admin', 'voter', 'trustee'].includes(session.kind);
  if (!known || (session.kind !== 'admin') !== (session.election !== null)) {
    throw new TypeError('a voter or trustee session names its election; an organiser session has none');
  }
}

/** The default number of jobs `jobs()` lists, and the most. @example `store.jobs(e, 'invitations', JOB_PAGE)` */
export const JOB_PAGE = 10;
export const MAX_JOB_PAGE = 100;

/** The largest chunk of a roll file the stores keep in one row. @example `addRollChunk(id, 0, bytes)` */
export const MAX_ROLL_CHUNK = 4 * 1024 * 1024;

/** Longest mail-server message kept with a failed email. */
const MAX_MAIL_ERROR = 1000;

/**
 * Checks the outcomes `recordMail` is given and puts their times and errors in stored form: a sent
 * email has no error; a failed one has the mail server's words (cut to 1000 characters); one outcome
 * per voter. TypeError or RangeError otherwise.
 * @example `mailOutcomes([{ voterId: 'M1', kind: 'reminder', status: 'sent', error: null, at }])`
 */
export function mailOutcomes(outcomes: readonly MailOutcome[]): MailOutcome[] {
  oncePerVoter(outcomes);
  return outcomes.map((o) => {
    if (o.kind !== 'invitation' && o.kind !== 'reminder') throw new TypeError(`no such email: ${o.kind}`);
    if (o.status !== 'sent' && o.status !== 'failed') throw new TypeError(`no such outcome: ${o.status}`);
    if ((o.status === 'failed') !== (typeof o.error === 'string' && o.error !== '')) {
      throw new TypeError('a failed email comes with the mail server’s words, a sent one without');
    }
    return { ...o, error: o.error === null ? null : o.error.slice(0, MAX_MAIL_ERROR), at: isoTime(o.at) };
  });
}

/**
 * RangeError unless a roll chunk is 1 byte to MAX_ROLL_CHUNK bytes with a sequence number ≥ 0.
 * @example `checkRollChunk(0, new Uint8Array(1024))`
 */
export function checkRollChunk(seq: number, bytes: Uint8Array): void {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`a chunk number is ≥ 0, not ${seq}`);
  if (!(bytes instanceof Uint8Array) || bytes.length === 0 || bytes.length > MAX_ROLL_CHUNK) {
    throw new RangeError(`a roll chunk holds 1 to ${MAX_ROLL_CHUNK} bytes`);
  }
}

/** The statuses an import may not be replaced or deleted in: its roll is (being) the login list. */
export const ROLL_IN_USE = ['using', 'used'] as const;

/**
 * The columns and values of a roll import change, JSON parts as text (a part left out is not set).
 * @example `rollImportSets({ status: 'audited', audit: report, problem: null })`
 */
export function rollImportSets(change: RollImportChange): [string, string | number | null][] {
  const sets: [string, string | number | null][] = [['status', change.status]];
  if (change.size !== undefined) {
    if (!Number.isSafeInteger(change.size) || change.size < 0) throw new RangeError('a size is ≥ 0');
    sets.push(['size', change.size]);
  }
  if (change.sha256 !== undefined) sets.push(['sha256', change.sha256]);
  for (const part of ['preview', 'audit', 'problem', 'used'] as const) {
    const value = change[part];
    if (value !== undefined) sets.push([part, value === null ? null : toJson(value)]);
  }
  return sets;
}

/**
 * Checks a decision before it is logged. TypeError or RangeError otherwise.
 * @example `rollDecision({ findingId: 'ac18517708b8d54a', decision: 'dismiss', note: '', decidedAt, decidedBy: 'ro' })`
 */
export function rollDecision(d: RollDecision): RollDecision {
  if (!/^[0-9a-f]{16}$/.test(d.findingId)) throw new TypeError('a finding id is 16 hex digits');
  if (d.decision !== 'confirm' && d.decision !== 'dismiss') throw new TypeError('confirm or dismiss');
  return { ...d, decidedAt: isoTime(d.decidedAt) };
}

/**
 * TypeError if a voter appears twice in one batch (one token, one outcome per voter and call: both
 * databases then store the same thing).
 * @example `oncePerVoter([{ voterId: 'M1' }, { voterId: 'M2' }])`
 */
export function oncePerVoter(items: readonly { voterId: string }[]): void {
  const seen = new Set<string>();
  for (const { voterId } of items) {
    if (seen.has(voterId)) throw new TypeError(`member "${voterId}" appears twice in one batch`);
    seen.add(voterId);
  }
}

/**
 * StoreError `wrong-status` for an import whose roll is (being) the login list.
 * @example `refuseInUse('leader-2026', current.status)` (throws for `using` and `used`)
 */
export function refuseInUse(election: string, status: RollImportStatus): void {
  if ((ROLL_IN_USE as readonly string[]).includes(status)) {
    throw new StoreError(
      'wrong-status',
      `the roll of "${election}" is ${status === 'used' ? 'already' : 'being made'} the login list; it cannot be replaced`,
    );
  }
}

/** StoreError `not-found` for a roll import that does not exist (or was replaced). @example `throw noRollImport(7)` */
export function noRollImport(id: number): StoreError {
  return new StoreError('not-found', `there is no roll import ${id} (another file may have replaced it)`);
}

/** StoreError `wrong-status` for a chunk offered to an import whose file is complete. @example `throw notUploading(7, 'uploaded')` */
export function notUploading(id: number, status: string): StoreError {
  return new StoreError(
    'wrong-status',
    `roll import ${id} is "${status}": its file is no longer being uploaded`,
  );
}
