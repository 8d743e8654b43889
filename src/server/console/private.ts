/**
 * What the organiser console keeps about an election that must never be public: each trustee's email
 * address (the definition names trustees, and the definition is published), when each was invited,
 * and — for a practice election — the secrets of the server acting as its trustee and credential
 * authority.
 *
 * Where it lives: in the election's organiser record (Store.organiserRecord, the `organiser_records`
 * table, SPEC.md §18.2), beside the election rather than in its definition — the definition is what
 * `setup` publishes, parsed strictly, and frozen once the election leaves `draft`, while a trustee's
 * email may need correcting during the ceremony. The same record keeps whether voting is scheduled to open
and close by itself (SPEC.md §19.1). Only the console's organiser routes read it: no public
 * route, board event or log line carries it.
 *
 * A change is a read-modify-write. In this process the changes of one election run one at a time
 * (Serial); across API nodes the write is a compare-and-set on the record's revision, and a change that
 * lost the race is made again on the record as it now is — so neither node's change is lost.
 *
 * @example
 * ```ts
 * await updatePrivate(store, 'leader-2026', (p) => ({ ...p, trustees: [{ email: 'ro@example.org', invitedAt: null }] }));
 * (await readPrivate(store, 'leader-2026')).trustees?.[0]?.email; // 'ro@example.org'
 * ```
 */
import { z } from 'zod';
import { Id } from '../../protocol/definition.ts';
import { StoreError } from '../../store/errors.ts';
import type { Store } from '../../store/store.ts';
import { Serial } from './serial.ts';

const Time = z.iso.datetime({ offset: true });
const B64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

/** One trustee's contact: where the invitation and reminders go, and when they went. */
export const TrusteeContact = z.strictObject({
  email: z.string().min(3).max(320),
  /** When the link for the key ceremony last went out. */
  invitedAt: Time.nullable(),
  /** When the link to decrypt the result last went out (absent: never). */
  decryptionInvitedAt: Time.nullable().optional(),
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

/**
 * The organiser's choice to have the server open voting at the definition's `opensAt` and close it at
 * its `closesAt` (console/scheduler.ts). Private only because it is the organiser's plan, not a fact:
 * the board records what happened (the `open` and `close` events), whoever caused it.
 */
export const Schedule = z.strictObject({ open: z.boolean(), close: z.boolean() });
export type Schedule = z.infer<typeof Schedule>;

/** An election's private organiser record. */
export const ElectionPrivate = z.strictObject({
  format: z.literal('psephos/console-private'),
  version: z.literal(1),
  /** Trustee i's contact at index i − 1 (null: no address yet); absent when made without the console. */
  trustees: z.array(TrusteeContact.nullable()).optional(),
  practice: PracticeSecrets.optional(),
  /** Scheduled opening and closing; absent: neither (the organiser presses the buttons). */
  schedule: Schedule.optional(),
});
export type ElectionPrivate = z.infer<typeof ElectionPrivate>;

const EMPTY: ElectionPrivate = { format: 'psephos/console-private', version: 1 };

/**
 * A new private record with the given parts, for `createElection`'s `organiserRecord` (an election whose
 * record must exist as soon as it does).
 * @example `await store.createElection({ id, draft, boardSecretKey, organiserRecord: privateRecord({ practice }) })`
 */
export function privateRecord(parts: Omit<ElectionPrivate, 'format' | 'version'>): ElectionPrivate {
  return ElectionPrivate.parse({ ...parts, ...EMPTY });
}

/**
 * The private record of an election (empty when there is none).
 * @example `const { trustees = [] } = await readPrivate(store, 'leader-2026')`
 */
export async function readPrivate(store: Store, election: string): Promise<ElectionPrivate> {
  return (await stored(store, election)).record;
}

/** The record and the revision it was read at (0: none yet). */
async function stored(store: Store, election: string) {
  const found = await store.organiserRecord(election);
  return found
    ? { record: ElectionPrivate.parse(found.data), revision: found.revision }
    : { record: EMPTY, revision: 0 };
}

// Read-modify-write of one record is serialised in this process, so two organisers' clicks on one node
// do not even race; the compare-and-set below is for clicks on two nodes.
const serial = new Serial();

/** Compare-and-set attempts before giving up: each lost one means another node's change just landed. */
const MAX_TRIES = 10;

/**
 * Changes an election's private record with `change` (given the current one), and stores the result.
 * `change` may run more than once (again on the newer record when another node changed it meanwhile),
 * so it must only compute. StoreError `not-found` for an unknown election.
 * @example `await updatePrivate(store, id, (p) => ({ ...p, trustees }))`
 */
export function updatePrivate(
  store: Store,
  election: string,
  change: (current: ElectionPrivate) => ElectionPrivate,
): Promise<ElectionPrivate> {
  return serial.run(election, async () => {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const { record, revision } = await stored(store, election);
      const next = ElectionPrivate.parse(change(record));
      if (await store.setOrganiserRecord(election, next, revision)) return next;
    }
    throw new StoreError(
      'unavailable',
      `the private record of "${election}" kept changing under this change; try again`,
    );
  });
}
