/**
 * What the organiser console keeps about an election that must never be public: each trustee's email
 * address (the definition names trustees, and the definition is published), when each was invited,
 * and — for a practice election — the secrets of the server acting as its trustee and credential
 * authority.
 *
 * Where it lives. The Store has no table for an election's private organiser data, and the console may
 * not change the Store. The election's own `draft` column cannot hold it: the draft is the definition
 * that `setup` publishes, parsed strictly (`parseDefinition` refuses unknown fields rather than
 * stripping them), and it is frozen once the election leaves `draft`, while a trustee's email may need
 * correcting during the ceremony. The jobs table has no lookup by election. So each election's private
 * record is kept as a row of its own in the elections table, under the key `~console:<election id>`:
 * a key no election can have (`~` and `:` are outside the id alphabet, so no route, link or file name
 * ever reaches it), always in status `draft` (so it can be rewritten, and it is never listed publicly:
 * the public list shows elections past their draft). Its `draft` column holds the JSON below; its
 * board key is random and signs nothing. The console's own listing skips these rows. A Store method for
 * private election data would replace this (SPEC.md §18 names the tables).
 *
 * @example
 * ```ts
 * await writePrivate(store, 'leader-2026', { trustees: [{ email: 'ro@example.org', invitedAt: null }] });
 * (await readPrivate(store, 'leader-2026')).trustees?.[0]?.email; // 'ro@example.org'
 * ```
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Id } from '../../protocol/definition.ts';
import { StoreError } from '../../store/errors.ts';
import type { Store, StoredElection } from '../../store/store.ts';
import { Serial } from './serial.ts';

const PREFIX = '~console:';

const Time = z.iso.datetime({ offset: true });
const B64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

/** One trustee's contact: where the invitation and reminders go, and when they went. */
export const TrusteeContact = z.strictObject({
  email: z.string().min(3).max(320),
  invitedAt: Time.nullable(),
});
export type TrusteeContact = z.infer<typeof TrusteeContact>;

/** The server's secrets as the sole trustee and the credential authority of a practice election. */
export const PracticeSecrets = z.strictObject({
  /** The real election this practice is for. */
  practiceOf: Id,
  /** Trustee 1's public identity and dealing (posted on the board; kept so a retry posts the same). */
  identity: z.strictObject({ communicationKey: B64, proof: z.strictObject({ c: B64, s: B64 }) }),
  dealing: z.strictObject({
    coefficients: z.array(B64),
    proofs: z.array(z.strictObject({ c: B64, s: B64 })),
  }),
  /** The trustee's secret share (the whole election secret: 1 of 1), S(x) in base64url. */
  secretShare: B64,
  /** 32 bytes in base64url: the key the practice credentials are derived from, per member. */
  credentialKey: B64,
  /** When every member's practice credential email was queued. */
  emailedAt: Time.nullable(),
});
export type PracticeSecrets = z.infer<typeof PracticeSecrets>;

/** An election's private organiser record. */
export const ElectionPrivate = z.strictObject({
  format: z.literal('psephos/console-private'),
  version: z.literal(1),
  /** Trustee i's contact at index i − 1 (null: no address yet); absent when made without the console. */
  trustees: z.array(TrusteeContact.nullable()).optional(),
  practice: PracticeSecrets.optional(),
});
export type ElectionPrivate = z.infer<typeof ElectionPrivate>;

const EMPTY: ElectionPrivate = { format: 'psephos/console-private', version: 1 };

/**
 * True for the store rows that hold private records rather than elections (the console's listing skips
 * them). @example `isPrivateRow({ id: '~console:leader-2026' })` → true
 */
export function isPrivateRow(election: Pick<StoredElection, 'id'>): boolean {
  return election.id.startsWith(PREFIX);
}

/**
 * The private record of an election (empty when there is none).
 * @example `const { trustees = [] } = await readPrivate(store, 'leader-2026')`
 */
export async function readPrivate(store: Store, election: string): Promise<ElectionPrivate> {
  const row = await store.election(PREFIX + election);
  return row ? ElectionPrivate.parse(row.draft) : EMPTY;
}

// Read-modify-write of one record is serialised in this process, so two organisers' clicks on one node
// do not lose each other's change.
const serial = new Serial();

/**
 * Changes an election's private record with `change` (given the current one), and stores the result.
 * @example `await updatePrivate(store, id, (p) => ({ ...p, trustees }))`
 */
export function updatePrivate(
  store: Store,
  election: string,
  change: (current: ElectionPrivate) => ElectionPrivate,
): Promise<ElectionPrivate> {
  return serial.run(election, async () => {
    const next = ElectionPrivate.parse(change(await readPrivate(store, election)));
    await writePrivate(store, election, next);
    return next;
  });
}

/** Stores a private record, creating its row the first time. */
async function writePrivate(store: Store, election: string, data: ElectionPrivate): Promise<void> {
  const key = PREFIX + election;
  if (await store.election(key)) return store.updateDraft(key, data);
  try {
    await store.createElection({ id: key, draft: data, boardSecretKey: randomBytes(32) });
  } catch (e) {
    // Another node created it first: write over it.
    if (e instanceof StoreError && e.code === 'exists') return store.updateDraft(key, data);
    throw e;
  }
}
