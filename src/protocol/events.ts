/**
 * Board events: the typed, append-only history of an election. Each event is an envelope
 * { election, index, previous, time, type, payload }; `previous` is the leaf hash of the event before
 * (32 zero bytes for the first), which chains them, and every event is a leaf of the board's
 * RFC 9162 Merkle tree. One zod schema per payload type.
 *
 * SPEC.md §13 (Board events); vectors: test/vectors/protocol.json.
 *
 * @example
 * ```ts
 * const event = parseEvent(JSON.parse(line));      // ProtocolError bad-event on any deviation
 * eventLeafHash(event);                             // SHA-256(0x00 ‖ canonical event)
 * ```
 */
import { z } from 'zod';
import { leafHash } from '../crypto/merkle.ts';
import { Ballot } from './ballot.ts';
import { canonicalBytes } from './canonical.ts';
import { Base64url, Bytes32, CiphertextWire, ElementWire, ProofWire } from './codec.ts';
import { ElectionDefinition, Id } from './definition.ts';
import { describeIssues, ProtocolError } from './errors.ts';

const TrusteeIndex = z.int().min(1).max(255);
const Count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const EncryptedShareWire = z.strictObject({
  recipient: TrusteeIndex,
  /** 24-byte XChaCha20 nonce. */
  nonce: Base64url.length(32),
  /** 32-byte share + 16-byte tag. */
  ciphertext: Base64url.length(64),
});

export const DecryptionShareWire = z.strictObject({ share: ElementWire, proof: ProofWire });

/** The payload schema of each event type. */
export const Payloads = {
  setup: z.strictObject({ definition: ElectionDefinition }),
  'trustee-identity': z.strictObject({
    trustee: TrusteeIndex,
    communicationKey: ElementWire,
    proof: ProofWire,
  }),
  'trustee-dealing': z.strictObject({
    trustee: TrusteeIndex,
    coefficients: z.array(ElementWire).min(1).max(255),
    proofs: z.array(ProofWire).min(1).max(255),
    shares: z.array(EncryptedShareWire).max(254),
  }),
  'trustee-complaint': z.strictObject({
    dealer: TrusteeIndex,
    recipient: TrusteeIndex,
    sharedKey: ElementWire,
    proof: ProofWire,
  }),
  'election-key': z.strictObject({
    qualified: z.array(TrusteeIndex).min(1),
    publicKey: ElementWire,
    /** X_j for trustees 1..n, in order. */
    verificationKeys: z.array(ElementWire).min(1).max(255),
  }),
  electorate: z.strictObject({
    /** Public credentials in ascending order of their text, each with its weight. */
    credentials: z.array(z.strictObject({ credential: ElementWire, weight: z.int().min(1) })).max(10_000_000),
    /** The electorate commitment (SPEC.md §16), when the roll was committed. */
    members: z.strictObject({ count: Count, root: Bytes32 }).optional(),
  }),
  /**
   * A change to the electorate after it was published (SPEC.md §13, §16.6). `add` lists a credential
   * (with its weight, default 1) and, when the roll was committed, the new member's `leaf`; `remove`
   * revokes a credential, optionally naming the removed member's `leaf`; `correct` replaces a member's
   * leaf (`previousLeaf` → `leaf`) without touching any credential. The election is the envelope's.
   */
  'roll-amendment': z
    .strictObject({
      kind: z.enum(['add', 'remove', 'correct']),
      reason: z
        .string()
        .min(1)
        .max(1000)
        .refine((r) => r.isWellFormed(), 'the reason must be well-formed Unicode'),
      credential: ElementWire.optional(),
      weight: z.int().min(1).optional(),
      leaf: Bytes32.optional(),
      previousLeaf: Bytes32.optional(),
    })
    .superRefine((a, ctx) => {
      const problem = (path: string, message: string): void =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (a.kind === 'correct') {
        if (a.credential !== undefined) problem('credential', 'a correction changes no credential');
        if (a.weight !== undefined) problem('weight', 'a correction carries no weight');
        if (a.leaf === undefined || a.previousLeaf === undefined)
          problem(
            a.leaf === undefined ? 'leaf' : 'previousLeaf',
            'a correction gives the new leaf and the one it replaces',
          );
      } else {
        if (a.credential === undefined)
          problem('credential', `an amendment of kind "${a.kind}" names a credential`);
        if (a.previousLeaf !== undefined)
          problem('previousLeaf', 'only a correction replaces a previous leaf');
        if (a.kind === 'remove' && a.weight !== undefined) problem('weight', 'a removal carries no weight');
      }
    }),
  open: z.strictObject({}),
  ballot: z.strictObject({ ballot: Ballot }),
  close: z.strictObject({}),
  tally: z.strictObject({
    /** Number of ballots in the aggregate (after the revoting policy). */
    counted: Count,
    /** Per question, per candidate: the product of the counted ciphertexts (weights applied). */
    answers: z.array(z.array(CiphertextWire)),
  }),
  'decryption-share': z.strictObject({
    trustee: TrusteeIndex,
    answers: z.array(z.array(DecryptionShareWire)),
  }),
  result: z.strictObject({
    counted: Count,
    /** The trustees whose shares were combined. */
    trustees: z.array(TrusteeIndex).min(1),
    counts: z.array(z.array(Count)),
  }),
} as const;

export type EventType = keyof typeof Payloads;
export const EVENT_TYPES = Object.keys(Payloads) as EventType[];
export type Payload<T extends EventType> = z.infer<(typeof Payloads)[T]>;

const envelope = <T extends EventType>(type: T) =>
  z.strictObject({
    election: Id,
    index: Count,
    previous: Bytes32,
    time: z.iso.datetime(),
    type: z.literal(type),
    payload: Payloads[type],
  });

export const BoardEvent = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map((t) => envelope(t)) as unknown as [
    ReturnType<typeof envelope<'setup'>>,
    ...ReturnType<typeof envelope<EventType>>[],
  ],
);

/** A board event of a given type (distributive: a union of types gives a union of events). */
export type BoardEventOf<T extends EventType> = T extends EventType
  ? {
      readonly election: string;
      readonly index: number;
      readonly previous: string;
      readonly time: string;
      readonly type: T;
      readonly payload: Payload<T>;
    }
  : never;
export type BoardEvent = { [T in EventType]: BoardEventOf<T> }[EventType];

/** The `previous` of event 0. */
export const GENESIS = 'A'.repeat(43);

/** Validates an event's envelope and payload; ProtocolError `bad-event` names the first wrong field. */
export function parseEvent(value: unknown): BoardEvent {
  const parsed = BoardEvent.safeParse(value);
  if (!parsed.success)
    throw new ProtocolError('bad-event', `invalid board event: ${describeIssues(parsed.error.issues)}`);
  return parsed.data as BoardEvent;
}

/** The Merkle leaf hash of an event: SHA-256(0x00 ‖ canonical event). Also the next event's `previous`. */
export function eventLeafHash(event: BoardEvent): Uint8Array {
  return leafHash(canonicalBytes(event));
}
