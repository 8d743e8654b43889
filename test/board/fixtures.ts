/**
 * Shared material for the board tests: one election definition (1 question, 3 candidates) with a
 * board key, a few real ballots, simple well-formed payloads, a stepping clock, and small helpers.
 * Not a test file itself.
 */
import assert from 'node:assert/strict';
import { Board } from '../../src/board/board.ts';
import { BoardError, type BoardErrorCode } from '../../src/board/errors.ts';
import { MemoryStore } from '../../src/board/memory-store.ts';
import { generateBoardKey } from '../../src/board/tree-head.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { generateCredential } from '../../src/crypto/credential.ts';
import { randomScalar } from '../../src/crypto/scalar.ts';
import { type Ballot, createBallot } from '../../src/protocol/ballot.ts';
import { encodeElement, encodeProof } from '../../src/protocol/codec.ts';
import { fingerprint, parseDefinition } from '../../src/protocol/definition.ts';
import type { EventType, Payload } from '../../src/protocol/events.ts';

export const ELECTION = 'leader-2025';
export const group = await loadGroup();
export const boardKey = generateBoardKey();
/** Another key, for "signed by someone else". */
export const otherKey = generateBoardKey();

export const definition = parseDefinition({
  format: 'psephos/election',
  version: 1,
  id: ELECTION,
  title: 'Party leader 2025',
  practice: false,
  questions: [
    {
      id: 'leader',
      title: 'Who should lead the party?',
      type: 'single',
      blankAllowed: false,
      candidates: [
        { id: 'ada', name: 'Ada' },
        { id: 'bo', name: 'Bo' },
        { id: 'cy', name: 'Cy' },
      ],
    },
  ],
  opensAt: '2025-03-01T09:00:00Z',
  closesAt: '2025-03-08T17:00:00Z',
  revoting: 'single',
  maxWeight: 1,
  trustees: [{ name: 'Returning officer' }],
  threshold: 1,
  boardKey: boardKey.publicKey,
});

const election = {
  definition,
  fingerprint: fingerprint(definition),
  publicKey: group.mulBase(randomScalar()),
};

/** Six real ballots from six voters; made once, since each costs a few milliseconds. */
export const ballots: readonly Ballot[] = Array.from(
  { length: 6 },
  (_, i) => createBallot(group, election, generateCredential(), [[i % 3]]).ballot,
);

/** A well-formed group element (the n-th multiple of the generator), base64url. */
export function element(n: number): string {
  return encodeElement(group, group.mulBase(BigInt(n)));
}

const fakeProof = encodeProof({ challenge: 7n, response: 11n });

/** The kinds of event the tests append. */
export type Kind = 'open' | 'close' | 'amendment' | 'complaint' | 'ballot';
export const KINDS: readonly Kind[] = ['open', 'close', 'amendment', 'complaint', 'ballot'];

/** A well-formed payload of each kind; `n` varies it, so that events differ. */
export function payloadOf(kind: Kind, n: number): { type: EventType; payload: Payload<EventType> } {
  switch (kind) {
    case 'open':
      return { type: 'open', payload: {} };
    case 'close':
      return { type: 'close', payload: {} };
    case 'amendment':
      return {
        type: 'roll-amendment',
        payload: { kind: 'add', credential: element(5 + n), reason: `late joiner ${n}` },
      };
    case 'complaint':
      return {
        type: 'trustee-complaint',
        payload: { dealer: 1 + (n % 3), recipient: 2, sharedKey: element(5), proof: fakeProof },
      };
    case 'ballot':
      return { type: 'ballot', payload: { ballot: ballots[n % ballots.length]! } };
  }
}

/** Appends an event of `kind` (the payload type is not known statically here). */
export function appendKind(board: Board, kind: Kind, n: number) {
  const { type, payload } = payloadOf(kind, n);
  return board.append(type, payload as never);
}

/** A clock that starts at the opening time and moves one second per reading: reproducible events. */
export function steppingClock(start = Date.parse('2025-03-01T09:00:00Z')): () => Date {
  let t = start;
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

/** A board over a new MemoryStore, with the fixture key and a stepping clock. */
export async function newBoard(store = new MemoryStore()): Promise<{ board: Board; store: MemoryStore }> {
  return { board: await Board.open(store, ELECTION, boardKey.secretKey, steppingClock()), store };
}

/** Asserts that `run` throws (or rejects with) a BoardError of `code`. */
export async function rejectsWith(run: () => unknown, code: BoardErrorCode, why?: string): Promise<void> {
  await assert.rejects(
    async () => run(),
    (e: unknown) => {
      assert.ok(e instanceof BoardError, `expected BoardError ${code}, got ${String(e)}`);
      assert.equal(e.code, code, `${why ?? ''} expected ${code}, got ${e.code}: ${e.message}`);
      return true;
    },
  );
}

/** Synchronous twin of {@link rejectsWith}. */
export function throwsWith(run: () => unknown, code: BoardErrorCode, why?: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof BoardError, `expected BoardError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, `${why ?? ''} expected ${code}, got ${e.code}: ${e.message}`);
    return true;
  });
}

/** A JSON round trip: what a value looks like after travelling over the network or through a file. */
export function wire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** The same base64url text with one character changed at `position` (to another valid character). */
export function changeChar(text: string, position: number): string {
  const c = text[position]!;
  return text.slice(0, position) + (c === 'A' ? 'B' : 'A') + text.slice(position + 1);
}
