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
import { StoreError } from './errors.ts';
import type { ElectionStatus } from './store.ts';

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

/** The lifecycle in order (BRIEF §7); a status only moves forward. */
const LIFECYCLE: readonly ElectionStatus[] = [
  'draft',
  'key-ceremony',
  'ready',
  'open',
  'closed',
  'tallying',
  'published',
];

/**
 * StoreError `wrong-status` unless `to` comes after `from` in the lifecycle: no status goes backwards,
 * so not even a compare-and-set may move one there.
 * @example `checkForward('open', 'closed')` (passes); `checkForward('open', 'draft')` (throws)
 */
export function checkForward(from: ElectionStatus, to: ElectionStatus): void {
  const a = LIFECYCLE.indexOf(from);
  const b = LIFECYCLE.indexOf(to);
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
