/**
 * Shared material for the protocol tests: a sample election definition (2 questions: a `single` of
 * 4 candidates with no blank vote, and an `approval` of 5 candidates with 0 to 2 choices), an election
 * key, voters' credentials, and small helpers (expecting a ProtocolError, deep copies, re-signing a
 * ballot with a credential's secret). Everything but the board key is deterministic. Not a test file.
 */
import assert from 'node:assert/strict';
import { generateBoardKey } from '../../src/board/tree-head.ts';
import { utf8 } from '../../src/crypto/bytes.ts';
import { deriveCredential, generateCredential } from '../../src/crypto/credential.ts';
import type { Group } from '../../src/crypto/group.ts';
import { hashToScalar, taggedHash } from '../../src/crypto/hash.ts';
import { signMessage } from '../../src/crypto/signature.ts';
import type { Ballot, BallotElection } from '../../src/protocol/ballot.ts';
import { signedContent } from '../../src/protocol/ballot.ts';
import { encodeElement, encodeProof } from '../../src/protocol/codec.ts';
import type { ElectionDefinition } from '../../src/protocol/definition.ts';
import { fingerprint, parseDefinition } from '../../src/protocol/definition.ts';
import type { ProtocolErrorCode } from '../../src/protocol/errors.ts';
import { ProtocolError } from '../../src/protocol/errors.ts';

const SEED = utf8('psephos protocol tests');

/** One board key for the whole test process, so that sampleDefinition() is the same on every call. */
const BOARD_KEY = generateBoardKey().publicKey;

/**
 * A fresh copy of the sample definition (plain JSON, safe to mutate), with top-level fields replaced
 * by `overrides`. It parses as it is; tests break it on purpose.
 */
export function sampleDefinition(overrides: Partial<ElectionDefinition> = {}): ElectionDefinition {
  const base: ElectionDefinition = {
    format: 'psephos/election',
    version: 1,
    id: 'board-2026',
    title: 'Board election 2026',
    description: 'Elect the chair and two ordinary members of the board.',
    practice: false,
    questions: [
      {
        id: 'chair',
        title: 'Who should chair the board?',
        type: 'single',
        blankAllowed: false,
        candidates: [
          { id: 'ada', name: 'Ada Lovelace' },
          { id: 'bo', name: 'Bo Diddley', statement: 'Four more years.' },
          { id: 'cy', name: 'Cy Twombly' },
          { id: 'dee', name: 'Dee Dee Bridgewater' },
        ],
      },
      {
        id: 'members',
        title: 'Which members should join the board?',
        type: 'approval',
        min: 0,
        max: 2,
        candidates: [
          { id: 'eve', name: 'Eve Arden' },
          { id: 'fay', name: 'Fay Wray' },
          { id: 'gus', name: 'Gus Grissom' },
          { id: 'hal', name: 'Hal Ashby' },
          { id: 'ivy', name: 'Ivy Compton-Burnett' },
        ],
      },
    ],
    opensAt: '2026-05-01T09:00:00Z',
    closesAt: '2026-05-08T17:00:00Z',
    revoting: 'single',
    maxWeight: 1,
    trustees: [{ name: 'Returning officer' }, { name: 'Auditor' }, { name: 'Members’ delegate' }],
    threshold: 2,
    boardKey: BOARD_KEY,
  };
  return structuredClone({ ...base, ...overrides });
}

/** Two `single` questions of the same shape (3 candidates, no blank vote): swapping answers keeps the shape. */
export function twinQuestionsDefinition(): ElectionDefinition {
  const candidates = [
    { id: 'ada', name: 'Ada Lovelace' },
    { id: 'bo', name: 'Bo Diddley' },
    { id: 'cy', name: 'Cy Twombly' },
  ];
  return sampleDefinition({
    id: 'officers-2026',
    questions: [
      { id: 'chair', title: 'Chair', type: 'single', blankAllowed: false, candidates },
      { id: 'vice-chair', title: 'Vice-chair', type: 'single', blankAllowed: false, candidates },
    ],
  });
}

/** An election under test: what ballots need, plus the whole secret key (to decrypt in tests). */
export interface TestElection extends BallotElection {
  readonly secretKey: bigint;
}

/**
 * The election of a definition on one backend, with a fixed election key (elements belong to the
 * backend that made them: make one election per backend).
 */
export function sampleElection(group: Group, value: unknown = sampleDefinition()): TestElection {
  const definition = parseDefinition(value);
  const secretKey = hashToScalar('test-vector', [SEED, utf8('election secret key')]);
  return { definition, fingerprint: fingerprint(definition), publicKey: group.mulBase(secretKey), secretKey };
}

/** Voter n's credential text (fixed). */
export function sampleCredential(n: number): string {
  return generateCredential(taggedHash('test-vector', [SEED, utf8(`credential ${n}`)]).slice(0, 16));
}

/** The public credential (base64url) of a credential text in an election. */
export function publicCredential(group: Group, election: BallotElection, text: string): string {
  return encodeElement(group, deriveCredential(group, election.definition.id, text).publicCredential);
}

/** The membership test of a published credential list made of these credential texts. */
export function listOf(group: Group, election: BallotElection, texts: readonly string[]) {
  const listed = new Set(texts.map((t) => publicCredential(group, election, t)));
  return (credential: string) => listed.has(credential);
}

/**
 * The ballot signed again, by the credential `text` (which also becomes the ballot's credential):
 * how a voter — who holds the secret — could send altered content with a valid signature.
 */
export function resign(group: Group, election: BallotElection, text: string, ballot: Ballot): Ballot {
  const { secret, publicCredential: pub } = deriveCredential(group, election.definition.id, text);
  const unsigned = { ...ballot, credential: encodeElement(group, pub) };
  const signature = encodeProof(signMessage(group, election.fingerprint, secret, signedContent(unsigned)));
  return { ...unsigned, signature };
}

/** A deep copy of a JSON value, to alter without touching the original. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** A position in a JSON value: object keys and array indices. */
export type Path = readonly (string | number)[];

/** Every string in a JSON value, with its path, in document order. */
export function stringLeaves(value: unknown, path: Path = []): { path: Path; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  }
  return [];
}

/** A deep copy of `value` with the value at `path` replaced by `leaf`. */
export function withLeaf<T>(value: T, path: Path, leaf: unknown): T {
  const out = structuredClone(value);
  let node = out as unknown as Record<string | number, unknown>;
  path.slice(0, -1).forEach((key) => {
    node = node[key] as Record<string | number, unknown>;
  });
  node[path[path.length - 1]!] = leaf;
  return out;
}

/** Asserts that `fn` throws a ProtocolError with this code (and, if given, a message matching `message`). */
export function throwsProtocol(fn: () => unknown, code: ProtocolErrorCode, message?: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, `expected ProtocolError ${code}, but nothing was thrown`);
  assert.ok(thrown instanceof ProtocolError, `expected ProtocolError ${code}, got ${String(thrown)}`);
  assert.equal(thrown.code, code, `expected ${code}, got ${thrown.code}: ${thrown.message}`);
  if (message) assert.match(thrown.message, message);
}
