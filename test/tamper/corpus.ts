/**
 * The tamper corpus: honest election records made in-process by the simulator, and a list of named
 * mutations of them — each a real attack on, or corruption of, a published record — with the failure
 * code the verifier must answer. Not a test file itself: tamper.test.ts runs it.
 *
 * Honest records (made once):
 * - `single`: 50 voters, 5 candidates, 3 trustees, threshold 2, one ballot per credential;
 * - `last-counts`: 12 voters of whom 4 vote twice (the later ballot counts);
 * - `practice`: a practice election beside the real one (another id, other credentials), to replay
 *   ballots from;
 * - `rerun`: an earlier, abandoned run of the `single` election — same id and the same credentials,
 *   but another board key, hence another fingerprint and another election key.
 *
 * The board key of `single` and `last-counts` is ours, so a mutation can re-seal the record after
 * changing it: renumber the events, re-chain `previous`, recompute every head's Merkle root and size,
 * and re-sign the heads. A re-sealed record is consistent as a log, which is what a dishonest board
 * would publish; the verifier must then catch the change by its meaning (proofs, lifecycle, revoting
 * policy, tally). Mutations that are not re-sealed test the log checks themselves.
 *
 * Record lines are handled without their final "\n". A mutation returns the new lines, or the whole
 * file as text or bytes (for truncation, invalid UTF-8 and the like).
 */
import { exportRecord } from '../../src/board/export.ts';
import { generateBoardKey, signTreeHead } from '../../src/board/tree-head.ts';
import type { SimulatedElection } from '../../src/cli/simulate.ts';
import { simulatedChoice, simulateElection } from '../../src/cli/simulate.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { fromBase64url, toBase64url, utf8 } from '../../src/crypto/bytes.ts';
import { deriveCredential, generateCredential } from '../../src/crypto/credential.ts';
import { proveRange, proveZeroOrOne } from '../../src/crypto/disjunctive.ts';
import type { DealerCommitment } from '../../src/crypto/dkg.ts';
import { jointPublicKey, verificationKey } from '../../src/crypto/dkg.ts';
import { addCiphertexts, encrypt, sumCiphertexts } from '../../src/crypto/elgamal.ts';
import type { Group } from '../../src/crypto/group.ts';
import { EMPTY_ROOT, leafHash, MerkleTree } from '../../src/crypto/merkle.ts';
import { mod, randomScalar } from '../../src/crypto/scalar.ts';
import { signMessage } from '../../src/crypto/signature.ts';
import type { Ballot } from '../../src/protocol/ballot.ts';
import { answerContext, createBallot, signedContent } from '../../src/protocol/ballot.ts';
import { canonicalBytes, canonicalJson } from '../../src/protocol/canonical.ts';
import {
  decodeCiphertext,
  decodeElement,
  decodeProof,
  encodeCiphertext,
  encodeElement,
  encodeProof,
  encodeScalarWire,
} from '../../src/protocol/codec.ts';
import type { EventType, Payload } from '../../src/protocol/events.ts';
import { GENESIS } from '../../src/protocol/events.ts';
import { Aggregate } from '../../src/tally/aggregate.ts';
import type { FailureCode } from '../../src/verifier/failure.ts';

export const ELECTION = 'party-leader-2026';

/** The board key of the records we re-seal. */
export const boardKey = generateBoardKey();
/** Someone else's key: a forger's, or another board's. */
export const otherKey = generateBoardKey();

// ---------------------------------------------------------------------------------------------------
// Reading and writing record lines

/** A board event as it stands on a record line, open to change. */
export interface Envelope {
  election: string;
  index: number;
  previous: string;
  time: string;
  type: EventType;
  payload: unknown;
}

interface HeadLine {
  format: 'psephos/tree-head';
  election: string;
  size: number;
  root: string;
  time: string;
  signature: string;
}

type Lines = readonly string[];

export function isHeadLine(text: string): boolean {
  return text.startsWith('{') && (JSON.parse(text) as { format?: unknown }).format === 'psephos/tree-head';
}

function isEventLine(text: string, position: number): boolean {
  return position > 0 && !isHeadLine(text);
}

/** The array position of the event numbered `index` (as numbered in the lines given). */
export function positionOf(lines: Lines, index: number): number {
  const position = lines.findIndex(
    (text, p) => isEventLine(text, p) && (JSON.parse(text) as Envelope).index === index,
  );
  if (position < 0) throw new Error(`corpus: no event ${index} in the record`);
  return position;
}

/** Positions of the head lines, in order. */
export function headPositions(lines: Lines): number[] {
  return lines.flatMap((text, p) => (p > 0 && isHeadLine(text) ? [p] : []));
}

export function envelopeAt(lines: Lines, index: number): Envelope {
  return JSON.parse(lines[positionOf(lines, index)]!) as Envelope;
}

/** A copy of the lines with event `index` changed by `change` (which may also edit the envelope). */
export function editEvent<T extends EventType>(
  lines: Lines,
  index: number,
  type: T,
  change: (payload: Payload<T>, envelope: Envelope) => void,
): string[] {
  const out = [...lines];
  const position = positionOf(lines, index);
  const event = JSON.parse(lines[position]!) as Envelope;
  if (event.type !== type) throw new Error(`corpus: event ${index} is a ${event.type}, not a ${type}`);
  change(event.payload as Payload<T>, event);
  out[position] = canonicalJson(event);
  return out;
}

/** A copy of the lines with a new event placed just before event `before` (re-seal afterwards). */
export function insertEvent<T extends EventType>(
  lines: Lines,
  before: number,
  type: T,
  payload: Payload<T>,
): string[] {
  const position = positionOf(lines, before);
  const neighbour = envelopeAt(lines, before - 1);
  const event: Envelope = {
    election: neighbour.election,
    index: before,
    previous: GENESIS,
    time: neighbour.time,
    type,
    payload,
  };
  return [...lines.slice(0, position), canonicalJson(event), ...lines.slice(position)];
}

/** A copy of the lines without event `index` (re-seal afterwards, or not). */
export function dropEvent(lines: Lines, index: number): string[] {
  const position = positionOf(lines, index);
  return lines.filter((_, p) => p !== position);
}

/**
 * A copy of the lines with the event `index` moved to just before event `before`, stamped with the time
 * of the event it now follows (as a board rewriting its history would stamp it).
 */
export function moveEvent(lines: Lines, index: number, before: number): string[] {
  const from = positionOf(lines, index);
  const event = JSON.parse(lines[from]!) as Envelope;
  const rest = lines.filter((_, p) => p !== from);
  const to = positionOf(rest, before);
  const previous = rest.slice(0, to).findLast((t, p) => isEventLine(t, p));
  if (previous) event.time = (JSON.parse(previous) as Envelope).time;
  return [...rest.slice(0, to), canonicalJson(event), ...rest.slice(to)];
}

/** A copy of the lines with a new event placed just after event `after`, with its time. */
export function insertAfter<T extends EventType>(
  lines: Lines,
  after: number,
  type: T,
  payload: Payload<T>,
): string[] {
  const position = positionOf(lines, after);
  const event: Envelope = { ...envelopeAt(lines, after), type, payload };
  return [...lines.slice(0, position + 1), canonicalJson(event), ...lines.slice(position + 1)];
}

/** A copy of the lines with the contents of events `a` and `b` exchanged (each place keeps its time). */
export function swapEvents(lines: Lines, a: number, b: number): string[] {
  const out = [...lines];
  const [pa, pb] = [positionOf(lines, a), positionOf(lines, b)];
  const [ea, eb] = [JSON.parse(lines[pa]!) as Envelope, JSON.parse(lines[pb]!) as Envelope];
  out[pa] = canonicalJson({ ...ea, type: eb.type, payload: eb.payload });
  out[pb] = canonicalJson({ ...eb, type: ea.type, payload: ea.payload });
  return out;
}

/** A copy of the lines without the events after event `last`; the head that covers them is kept. */
export function cutAfter(lines: Lines, last: number): string[] {
  const position = positionOf(lines, last);
  const heads = headPositions(lines).filter((p) => p > position);
  return [...lines.slice(0, position + 1), ...(heads.length ? [lines[heads.at(-1)!]!] : [])];
}

/** Signs a head for `size` events with the given root, election and time. */
export function signHead(
  secretKey: Uint8Array,
  fields: { election: string; size: number; root: string; time: string },
): string {
  return canonicalJson(signTreeHead(secretKey, { format: 'psephos/tree-head', ...fields }));
}

/**
 * What a board holding `secretKey` would publish after rewriting its history: the events renumbered
 * from 0, each `previous` the leaf hash of the event before, and every head re-signed over the size and
 * Merkle root of the events before it (its election and time are kept). The header is kept as it is.
 */
export function reseal(lines: Lines, secretKey: Uint8Array = boardKey.secretKey): string[] {
  const tree = new MerkleTree();
  let previous = GENESIS;
  return lines.map((text, position) => {
    if (position === 0) return text;
    const value = JSON.parse(text) as Envelope | HeadLine;
    if ('format' in value && value.format === 'psephos/tree-head') {
      const size = tree.size;
      return signHead(secretKey, {
        election: value.election,
        size,
        root: toBase64url(tree.root(size)),
        time: value.time,
      });
    }
    const event = value as Envelope;
    event.index = tree.size;
    event.previous = previous;
    const leaf = leafHash(canonicalBytes(event));
    tree.append(leaf);
    previous = toBase64url(leaf);
    return canonicalJson(event);
  });
}

/** The whole file: one line per value, each ending in "\n". */
export function joinLines(lines: Lines): string {
  return lines.map((l) => `${l}\n`).join('');
}

// ---------------------------------------------------------------------------------------------------
// Changing values

/**
 * Flips the lowest bit of byte `at` of a base64url value. On a scalar (a proof's c or s) byte 0 gives
 * another scalar below ℓ; on a group element byte 0 makes the RFC 9496 encoding "negative", which no
 * valid encoding is, so decoding always fails; other bytes of an element give a string that may or may
 * not decode, so the corpus flips those only where either outcome has the same failure code.
 */
export function flipBit(text: string, at = 0): string {
  const bytes = fromBase64url(text);
  bytes[at]! ^= 1;
  return toBase64url(bytes);
}

/** Another valid group element (the value times the generator): a well-formed forgery. */
export function otherElement(group: Group, text: string): string {
  return encodeElement(group, group.add(decodeElement(group, text, 'value'), group.generator));
}

/** An ISO time `seconds` before `time`. */
function earlier(time: string, seconds: number): string {
  return new Date(Date.parse(time) - seconds * 1000).toISOString();
}

// ---------------------------------------------------------------------------------------------------
// Honest records

/** Event indices of an honest record, by type. */
export interface Layout {
  readonly identities: number[];
  readonly dealings: number[];
  readonly electionKey: number;
  readonly electorate: number;
  readonly open: number;
  /** Ballot events in the order cast: voter v's first ballot is ballots[v]. */
  readonly ballots: number[];
  readonly close: number;
  readonly tally: number;
  readonly shares: number[];
  readonly result: number;
}

export interface Honest {
  readonly sim: SimulatedElection;
  readonly lines: readonly string[];
  readonly at: Layout;
}

function layoutOf(lines: Lines): Layout {
  const events = lines.filter(isEventLine).map((t) => JSON.parse(t) as Envelope);
  const all = (type: EventType) => events.filter((e) => e.type === type).map((e) => e.index);
  const one = (type: EventType) => all(type)[0]!;
  return {
    identities: all('trustee-identity'),
    dealings: all('trustee-dealing'),
    electionKey: one('election-key'),
    electorate: one('electorate'),
    open: one('open'),
    ballots: all('ballot'),
    close: one('close'),
    tally: one('tally'),
    shares: all('decryption-share'),
    result: one('result'),
  };
}

async function honest(sim: SimulatedElection): Promise<Honest> {
  const lines: string[] = [];
  for await (const line of exportRecord(sim.store, sim.id)) lines.push(line.slice(0, -1));
  return { sim, lines, at: layoutOf(lines) };
}

export interface Fixtures {
  readonly group: Group;
  readonly single: Honest;
  readonly lastCounts: Honest;
  readonly practice: Honest;
  readonly rerun: SimulatedElection;
}

/** Builds the honest records (about 1.5 s). */
export async function buildFixtures(): Promise<Fixtures> {
  const group = await loadGroup();
  const common = { group, candidates: 5, trustees: 3, threshold: 2 };
  const single = await simulateElection({
    ...common,
    voters: 50,
    electionId: ELECTION,
    boardKey,
    headEvery: 20,
  });
  const lastCounts = await simulateElection({
    ...common,
    voters: 12,
    revoting: 'last-counts',
    revoters: 4,
    electionId: 'party-leader-2026-revote',
    boardKey,
  });
  const practice = await simulateElection({
    ...common,
    voters: 10,
    electionId: 'party-leader-2026-practice',
  });
  const rerun = await simulateElection({ ...common, voters: 3, electionId: ELECTION });
  return {
    group,
    single: await honest(single),
    lastCounts: await honest(lastCounts),
    practice: await honest(practice),
    rerun,
  };
}

// ---------------------------------------------------------------------------------------------------
// The mutations

export type Base = 'single' | 'last-counts';

export interface Mutation {
  readonly name: string;
  /** The honest record it starts from (default `single`). */
  readonly base?: Base;
  readonly expected: FailureCode;
  /** The event index the failure must name, where one is at fault. */
  readonly event?: number;
  /** The 1-based record line the failure must name, where that is the point. */
  readonly line?: number;
  /** What the failure message must say, where several checks share the code. */
  readonly because?: RegExp;
  /** A lower line limit for the verifier (see the huge-line mutations). */
  readonly maxLineChars?: number;
  mutate(lines: Lines): string[] | string | Uint8Array;
}

/** A tampered record the verifier accepts, and why that is right. */
export interface Accepted {
  readonly name: string;
  readonly why: string;
  readonly base?: Base;
  /** The phase the record reaches (default: published, with the voters' result). */
  readonly phase?: 'tallying';
  mutate(lines: Lines): string[];
}

/**
 * Lines of 300 000 characters against a limit lowered to 200 000: the default limit (512 Mi
 * characters, room for the credential list of millions of members) would need a line of over a
 * gigabyte of memory to exceed; the check is the same whatever the limit.
 */
export const SMALL_LINE_LIMIT = 200_000;
const HUGE = 300_000;

export function buildCorpus(fx: Fixtures): { mutations: Mutation[]; accepted: Accepted[] } {
  const { group } = fx;
  const at = fx.single.at;
  const lc = fx.lastCounts.at;
  const sim = fx.single.sim;
  const election = sim.state.ballotElection;
  const ballotAt = (lines: Lines, index: number): Ballot =>
    (envelopeAt(lines, index).payload as Payload<'ballot'>).ballot;
  const lastBallot = at.ballots.at(-1)!;
  const middle = at.ballots[25]!;
  const dealer2 = at.dealings[1]!;
  const trustee2 = at.identities[1]!;
  const lineOf = (lines: Lines, index: number) => positionOf(lines, index) + 1;
  /** A well-formed public credential nobody holds. */
  const freshCredential = () => encodeElement(group, group.mulBase(randomScalar()));
  /** A member leaf (only its form matters to the verifier: the tree's leaves are not on the board). */
  const memberLeafOf = (n: number) => toBase64url(new Uint8Array(32).fill(n));
  /** The record with the electorate event carrying a commitment to as many members as credentials. */
  const committedRoll = (lines: Lines) =>
    editEvent(lines, at.electorate, 'electorate', (p) => {
      p.members = { count: p.credentials.length, root: memberLeafOf(0) };
    });
  const heads = headPositions(fx.single.lines);
  const finalHead = heads.at(-1)!;
  /** A head in the middle of the ballots (size 30, signed after the 20th ballot). */
  const midHead = heads.find((p) => (JSON.parse(fx.single.lines[p]!) as HeadLine).size === at.ballots[20]!)!;

  /** The board changes the middle ballot (voter 25's) and re-seals. */
  const boardEdit = (change: (b: Ballot) => void) => (lines: Lines) =>
    reseal(editEvent(lines, middle, 'ballot', (p) => change(p.ballot)));
  /** Voter 25 changes their own ballot and signs it again; the board appends it and re-seals. */
  const voterEdit = (change: (b: Ballot) => void) => (lines: Lines) =>
    reseal(
      editEvent(lines, middle, 'ballot', (p) => {
        change(p.ballot);
        p.ballot = resign(p.ballot, 25);
      }),
    );

  /** Candidates 1 and 2 both chosen: true 0/1 proofs, and a range proof made as if the total were 1. */
  const overvote = (credential: string): Ballot['answers'][number] => {
    const context = answerContext(election.fingerprint, credential, 0);
    const bits = [0, 1, 1, 0, 0] as const;
    const encryptions = bits.map((bit) => encrypt(group, election.publicKey, BigInt(bit)));
    const choiceProofs = encryptions.map((e, i) =>
      proveZeroOrOne(group, context, election.publicKey, e.ciphertext, bits[i]!, e.randomness),
    );
    const total = sumCiphertexts(
      group,
      encryptions.map((e) => e.ciphertext),
    );
    const randomness = mod(encryptions.reduce((sum, e) => sum + e.randomness, 0n));
    const rangeProof = proveRange(group, context, election.publicKey, total, 1, 1, 1, randomness);
    return {
      choices: encryptions.map((e) => encodeCiphertext(group, e.ciphertext)),
      choiceProofs: choiceProofs.map((p) => p.map(encodeProof)),
      rangeProof: rangeProof.map(encodeProof),
    };
  };

  /** Re-signs a voter's own ballot after a change (the voter is the attacker). */
  const resign = (ballot: Ballot, voter: number): Ballot => {
    const { secret } = deriveCredential(group, ELECTION, sim.credentials[voter]!);
    const { signature: _, ...unsigned } = ballot;
    return {
      ...unsigned,
      signature: encodeProof(signMessage(group, election.fingerprint, secret, signedContent(unsigned))),
    };
  };

  /** The tally of the counted ballots of `lines` except those at `left`, as a tally payload. */
  const tallyWithout = (lines: Lines, left: readonly number[], counted: number): Payload<'tally'> => {
    const aggregate = new Aggregate(group, sim.definition);
    for (const index of at.ballots) {
      if (left.includes(index)) continue;
      aggregate.add(
        ballotAt(lines, index).answers.map((a) => a.choices.map((c) => decodeCiphertext(group, c, 'choice'))),
        1,
      );
    }
    return { counted, answers: aggregate.answers.map((row) => row.map((c) => encodeCiphertext(group, c))) };
  };

  const mutations: Mutation[] = [
    // --- the file --------------------------------------------------------------------------------
    { name: 'file: empty', expected: 'bad-header', mutate: () => '' },
    { name: 'file: header line missing', expected: 'bad-header', line: 1, mutate: (l) => l.slice(1) },
    {
      name: 'file: header of another format version',
      expected: 'bad-header',
      line: 1,
      mutate: (l) => [
        canonicalJson({ election: ELECTION, format: 'psephos/record', version: 2 }),
        ...l.slice(1),
      ],
    },
    {
      name: 'file: header naming another election',
      expected: 'wrong-election',
      event: 0,
      mutate: (l) => [
        canonicalJson({ election: 'another-election', format: 'psephos/record', version: 1 }),
        ...l.slice(1),
      ],
    },
    {
      name: 'file: cut in the middle of a ballot line',
      expected: 'truncated-record',
      line: lineOf(fx.single.lines, middle),
      mutate: (l) => {
        const text = joinLines(l);
        const start = joinLines(l.slice(0, positionOf(l, middle))).length;
        return text.slice(0, start + 1000);
      },
    },
    {
      name: 'file: cut after a whole ballot line (the last events have no signed head)',
      expected: 'unsigned-tail',
      mutate: (l) => l.slice(0, positionOf(l, middle) + 1),
    },
    {
      name: 'file: a ballot line that is not valid JSON',
      expected: 'bad-event',
      line: lineOf(fx.single.lines, middle),
      mutate: (l) => l.map((t, p) => (p === positionOf(l, middle) ? t.slice(0, -1) : t)),
    },
    {
      name: 'file: invalid UTF-8 (a 0xFF byte) inside a ballot line',
      expected: 'record-unreadable',
      mutate: (l) => {
        const bytes = utf8(joinLines(l));
        bytes[joinLines(l.slice(0, positionOf(l, middle))).length + 500] = 0xff;
        return bytes;
      },
    },
    {
      name: 'file: invalid UTF-8 (an encoded surrogate) inside the definition',
      expected: 'record-unreadable',
      mutate: (l) => {
        const text = joinLines(l);
        const bytes = utf8(text);
        bytes.set([0xed, 0xa0, 0x80], text.indexOf('Leadership'));
        return bytes;
      },
    },
    {
      // Valid JSON of the same event, padded with white space: only the length limit refuses it.
      name: 'file: a huge line (300 000 characters)',
      expected: 'line-too-long',
      line: lineOf(fx.single.lines, middle),
      maxLineChars: SMALL_LINE_LIMIT,
      mutate: (l) => l.map((t, p) => (p === positionOf(l, middle) ? `{${' '.repeat(HUGE)}${t.slice(1)}` : t)),
    },
    {
      name: 'file: a huge last line without a newline',
      expected: 'line-too-long',
      line: fx.single.lines.length + 1,
      maxLineChars: SMALL_LINE_LIMIT,
      mutate: (l) => `${joinLines(l)}{${' '.repeat(HUGE)}`,
    },

    // --- the log, not re-sealed ---------------------------------------------------------------------
    {
      name: "log: an event's previous hash flipped",
      expected: 'chain-broken',
      event: middle,
      mutate: (l) =>
        editEvent(l, middle, 'ballot', (_, e) => {
          e.previous = flipBit(e.previous, 5);
        }),
    },
    {
      name: 'log: a middle ballot dropped',
      expected: 'index-gap',
      event: middle + 1,
      mutate: (l) => dropEvent(l, middle),
    },
    {
      name: 'log: a middle ballot dropped and the later events renumbered',
      expected: 'chain-broken',
      event: middle,
      mutate: (l) => {
        const dropped = dropEvent(l, middle);
        return dropped.map((t, p) => {
          if (!isEventLine(t, p)) return t;
          const e = JSON.parse(t) as Envelope;
          if (e.index > middle) e.index--;
          return canonicalJson(e);
        });
      },
    },
    {
      name: 'log: the setup event dropped',
      expected: 'index-gap',
      event: 1,
      mutate: (l) => dropEvent(l, 0),
    },
    {
      name: 'log: the result dropped (the last head no longer matches)',
      expected: 'head-mismatch',
      line: finalHead,
      mutate: (l) => dropEvent(l, at.result),
    },
    {
      name: 'log: a ballot duplicated',
      expected: 'index-gap',
      event: middle,
      mutate: (l) => {
        const p = positionOf(l, middle);
        return [...l.slice(0, p + 1), l[p]!, ...l.slice(p + 1)];
      },
    },
    {
      name: 'log: two ballots swapped',
      expected: 'index-gap',
      event: middle + 1,
      mutate: (l) => moveEvent(l, middle + 1, middle),
    },
    {
      name: 'log: two ballots swapped, indices and chain left as they were signed',
      expected: 'chain-broken',
      event: middle,
      mutate: (l) => {
        const swapped = moveEvent(l, middle + 1, middle);
        const p = positionOf(l, middle);
        return swapped.map((t, q) => {
          if (q !== p && q !== p + 1) return t;
          const e = JSON.parse(t) as Envelope;
          e.index = q === p ? middle : middle + 1;
          return canonicalJson(e);
        });
      },
    },

    // --- the log, re-sealed --------------------------------------------------------------------------
    {
      name: "log: an event's time going backwards",
      expected: 'time-regression',
      event: middle,
      mutate: (l) => {
        const before = envelopeAt(l, middle - 1).time;
        return reseal(
          editEvent(l, middle, 'ballot', (_, e) => {
            e.time = earlier(before, 60);
          }),
        );
      },
    },
    {
      name: 'log: an event of another election',
      expected: 'wrong-election',
      event: middle,
      mutate: (l) =>
        reseal(
          editEvent(l, middle, 'ballot', (_, e) => {
            e.election = 'party-leader-2026-practice';
          }),
        ),
    },

    // --- signed tree heads -----------------------------------------------------------------------
    {
      name: 'head: root flipped',
      expected: 'bad-head-signature',
      line: finalHead + 1,
      mutate: (l) =>
        editHead(l, finalHead, (h) => {
          h.root = flipBit(h.root, 7);
        }),
    },
    {
      name: 'head: root flipped and re-signed',
      expected: 'head-mismatch',
      line: finalHead + 1,
      mutate: (l) =>
        editHead(
          l,
          finalHead,
          (h) => {
            h.root = flipBit(h.root, 7);
          },
          boardKey.secretKey,
        ),
    },
    {
      name: 'head: size changed',
      expected: 'bad-head-signature',
      line: midHead + 1,
      mutate: (l) => editHead(l, midHead, (h) => void h.size++),
    },
    {
      name: 'head: size changed and re-signed',
      expected: 'head-mismatch',
      line: midHead + 1,
      mutate: (l) => editHead(l, midHead, (h) => void h.size++, boardKey.secretKey),
    },
    {
      name: 'head: signature flipped',
      expected: 'bad-head-signature',
      line: midHead + 1,
      mutate: (l) =>
        editHead(l, midHead, (h) => {
          h.signature = flipBit(h.signature, 10);
        }),
    },
    {
      name: 'head: time changed',
      expected: 'bad-head-signature',
      line: midHead + 1,
      mutate: (l) =>
        editHead(l, midHead, (h) => {
          h.time = earlier(h.time, 3600);
        }),
    },
    {
      name: 'head: signed by another key',
      expected: 'bad-head-signature',
      line: midHead + 1,
      mutate: (l) => editHead(l, midHead, () => {}, otherKey.secretKey),
    },
    {
      name: 'head: of another election, signed by the board',
      expected: 'wrong-election',
      line: midHead + 1,
      mutate: (l) =>
        editHead(
          l,
          midHead,
          (h) => {
            h.election = 'another-election';
          },
          boardKey.secretKey,
        ),
    },
    {
      name: 'head: placed before the event it covers',
      expected: 'head-mismatch',
      line: midHead,
      mutate: (l) => [...l.slice(0, midHead - 1), l[midHead]!, l[midHead - 1]!, ...l.slice(midHead + 1)],
    },
    {
      name: 'head: the last one removed',
      expected: 'unsigned-tail',
      mutate: (l) => l.filter((_, p) => p !== finalHead),
    },
    {
      name: 'head: the last one signed before the result (the result is not covered)',
      expected: 'unsigned-tail',
      mutate: (l) => {
        const p = positionOf(l, at.result);
        return reseal([...l.slice(0, p), l[finalHead]!, l[p]!]);
      },
    },
    {
      name: 'head: a head of the empty log signed by another key',
      expected: 'bad-head-signature',
      line: 2,
      mutate: (l) => [l[0]!, emptyHead(otherKey.secretKey, l), ...l.slice(1)],
    },
    {
      // Two heads before the definition: the first is forged, the second honest.
      name: 'head: a forged head of the empty log, then an honest one',
      expected: 'bad-head-signature',
      line: 2,
      mutate: (l) => [
        l[0]!,
        emptyHead(otherKey.secretKey, l),
        emptyHead(boardKey.secretKey, l),
        ...l.slice(1),
      ],
    },

    // --- the definition ----------------------------------------------------------------------------
    {
      name: 'definition: title changed (not re-signed)',
      expected: 'head-mismatch',
      line: 3,
      mutate: (l) =>
        editEvent(l, 0, 'setup', (p) => {
          p.definition.title = 'Leadership election';
        }),
    },
    {
      // The fingerprint changes, so the first proof bound to it — trustee 1's key proof — fails.
      name: 'definition: title changed, re-signed',
      expected: 'bad-trustee-proof',
      event: 1,
      mutate: (l) =>
        reseal(
          editEvent(l, 0, 'setup', (p) => {
            p.definition.title = 'Leadership election';
          }),
        ),
    },
    {
      name: 'definition: threshold lowered to 1, re-signed',
      expected: 'bad-trustee-proof',
      event: 1,
      mutate: (l) =>
        reseal(
          editEvent(l, 0, 'setup', (p) => {
            p.definition.threshold = 1;
          }),
        ),
    },
    {
      name: 'definition: revoting policy changed to last-counts, re-signed',
      expected: 'bad-trustee-proof',
      event: 1,
      mutate: (l) =>
        reseal(
          editEvent(l, 0, 'setup', (p) => {
            p.definition.revoting = 'last-counts';
          }),
        ),
    },
    {
      name: 'definition: board key replaced by a forger, every head re-signed with it',
      expected: 'bad-trustee-proof',
      event: 1,
      mutate: (l) =>
        reseal(
          editEvent(l, 0, 'setup', (p) => {
            p.definition.boardKey = otherKey.publicKey;
          }),
          otherKey.secretKey,
        ),
    },
    {
      name: "definition: its id is not the events' election",
      expected: 'bad-definition',
      event: 0,
      mutate: (l) =>
        reseal(
          editEvent(l, 0, 'setup', (p) => {
            p.definition.id = 'another-election';
          }),
        ),
    },

    // --- the key ceremony ---------------------------------------------------------------------------
    {
      name: 'trustee identity: communication key byte flipped',
      expected: 'bad-trustee-proof',
      event: trustee2,
      mutate: (l) =>
        reseal(
          editEvent(l, trustee2, 'trustee-identity', (p) => {
            p.communicationKey = flipBit(p.communicationKey);
          }),
        ),
    },
    {
      name: 'trustee identity: communication key replaced by another valid key',
      expected: 'bad-trustee-proof',
      event: trustee2,
      mutate: (l) =>
        reseal(
          editEvent(l, trustee2, 'trustee-identity', (p) => {
            p.communicationKey = otherElement(group, p.communicationKey);
          }),
        ),
    },
    {
      name: 'trustee identity: proof challenge flipped',
      expected: 'bad-trustee-proof',
      event: trustee2,
      mutate: (l) =>
        reseal(
          editEvent(l, trustee2, 'trustee-identity', (p) => {
            p.proof.c = flipBit(p.proof.c);
          }),
        ),
    },
    {
      name: 'trustee dealing: coefficient byte flipped',
      expected: 'bad-dealing',
      event: dealer2,
      mutate: (l) =>
        reseal(
          editEvent(l, dealer2, 'trustee-dealing', (p) => {
            p.coefficients[1] = flipBit(p.coefficients[1]!);
          }),
        ),
    },
    {
      name: 'trustee dealing: constant coefficient replaced by another valid element',
      expected: 'bad-dealing',
      event: dealer2,
      mutate: (l) =>
        reseal(
          editEvent(l, dealer2, 'trustee-dealing', (p) => {
            p.coefficients[0] = otherElement(group, p.coefficients[0]!);
          }),
        ),
    },
    {
      name: 'trustee dealing: coefficient proof response flipped',
      expected: 'bad-dealing',
      event: dealer2,
      mutate: (l) =>
        reseal(
          editEvent(l, dealer2, 'trustee-dealing', (p) => {
            p.proofs[1]!.s = flipBit(p.proofs[1]!.s);
          }),
        ),
    },
    {
      name: 'trustee dealing: one coefficient too many (a polynomial of degree t)',
      expected: 'bad-dealing',
      event: dealer2,
      mutate: (l) =>
        reseal(
          editEvent(l, dealer2, 'trustee-dealing', (p) => {
            p.coefficients.push(p.coefficients[1]!);
            p.proofs.push(p.proofs[1]!);
          }),
        ),
    },
    {
      name: 'trustee dealing: two shares to one trustee, none to another',
      expected: 'bad-dealing',
      event: dealer2,
      mutate: (l) =>
        reseal(
          editEvent(l, dealer2, 'trustee-dealing', (p) => {
            p.shares[1]!.recipient = p.shares[0]!.recipient;
          }),
        ),
    },
    {
      // A complaint with a made-up key and proof is unfounded: dealer 1 stays qualified, so an election
      // key over dealers 2 and 3 alone (correctly computed from their commitments) is not the election's.
      name: 'trustee complaint: a forged complaint used to exclude dealer 1 from the election key',
      expected: 'bad-election-key',
      event: at.electionKey + 1,
      mutate: (l) => {
        const commitments = at.dealings.slice(1).map((i) => commitmentAt(group, l, i));
        const withKey = editEvent(l, at.electionKey, 'election-key', (p) => {
          p.qualified = [2, 3];
          p.publicKey = encodeElement(group, jointPublicKey(group, commitments));
          p.verificationKeys = [1, 2, 3].map((j) =>
            encodeElement(group, verificationKey(group, commitments, j)),
          );
        });
        return reseal(
          insertEvent(withKey, at.electionKey, 'trustee-complaint', {
            dealer: 1,
            recipient: 2,
            sharedKey: encodeElement(group, group.mulBase(randomScalar())),
            proof: { c: encodeScalarWire(randomScalar()), s: encodeScalarWire(randomScalar()) },
          }),
        );
      },
    },
    {
      name: 'trustee complaint: a trustee complaining about its own dealing',
      expected: 'bad-complaint',
      event: at.electionKey,
      mutate: (l) =>
        reseal(
          insertEvent(l, at.electionKey, 'trustee-complaint', {
            dealer: 2,
            recipient: 2,
            sharedKey: encodeElement(group, group.mulBase(randomScalar())),
            proof: { c: encodeScalarWire(randomScalar()), s: encodeScalarWire(randomScalar()) },
          }),
        ),
    },
    {
      name: 'election key: public key replaced by another element',
      expected: 'bad-election-key',
      event: at.electionKey,
      mutate: (l) =>
        reseal(
          editEvent(l, at.electionKey, 'election-key', (p) => {
            p.publicKey = otherElement(group, p.publicKey);
          }),
        ),
    },
    {
      name: 'election key: public key byte flipped',
      expected: 'bad-election-key',
      event: at.electionKey,
      mutate: (l) =>
        reseal(
          editEvent(l, at.electionKey, 'election-key', (p) => {
            p.publicKey = flipBit(p.publicKey);
          }),
        ),
    },
    {
      name: "election key: trustee 2's verification key replaced",
      expected: 'bad-election-key',
      event: at.electionKey,
      mutate: (l) =>
        reseal(
          editEvent(l, at.electionKey, 'election-key', (p) => {
            p.verificationKeys[1] = otherElement(group, p.verificationKeys[1]!);
          }),
        ),
    },
    {
      name: 'election key: a qualified trustee left out',
      expected: 'bad-election-key',
      event: at.electionKey,
      mutate: (l) => reseal(editEvent(l, at.electionKey, 'election-key', (p) => void p.qualified.pop())),
    },

    // --- the electorate ----------------------------------------------------------------------------
    {
      name: 'electorate: credential list out of order',
      expected: 'bad-electorate',
      event: at.electorate,
      mutate: (l) =>
        reseal(
          editEvent(l, at.electorate, 'electorate', (p) => {
            [p.credentials[3], p.credentials[4]] = [p.credentials[4]!, p.credentials[3]!];
          }),
        ),
    },
    {
      name: 'electorate: a credential listed twice',
      expected: 'bad-electorate',
      event: at.electorate,
      mutate: (l) =>
        reseal(
          editEvent(
            l,
            at.electorate,
            'electorate',
            (p) => void p.credentials.splice(3, 0, p.credentials[3]!),
          ),
        ),
    },
    {
      name: 'electorate: a credential byte flipped',
      expected: 'bad-electorate',
      event: at.electorate,
      mutate: (l) =>
        reseal(
          editEvent(l, at.electorate, 'electorate', (p) => {
            p.credentials[3]!.credential = flipBit(p.credentials[3]!.credential);
          }),
        ),
    },
    {
      name: "electorate: a credential weighing more than the election's maximum",
      expected: 'bad-electorate',
      event: at.electorate,
      mutate: (l) =>
        reseal(
          editEvent(l, at.electorate, 'electorate', (p) => {
            p.credentials[3]!.weight = 2;
          }),
        ),
    },
    {
      name: 'electorate: a second credential list before opening',
      expected: 'bad-electorate',
      event: at.open,
      mutate: (l) =>
        reseal(
          insertEvent(
            l,
            at.open,
            'electorate',
            envelopeAt(l, at.electorate).payload as Payload<'electorate'>,
          ),
        ),
    },
    {
      name: 'electorate: a credential list published after opening',
      expected: 'out-of-phase',
      event: middle,
      mutate: (l) =>
        reseal(
          insertEvent(l, middle, 'electorate', envelopeAt(l, at.electorate).payload as Payload<'electorate'>),
        ),
    },
    {
      name: 'roll amendment: adding a credential that is already listed',
      expected: 'bad-amendment',
      event: at.open,
      mutate: (l) =>
        reseal(
          insertEvent(l, at.open, 'roll-amendment', {
            kind: 'add',
            credential: ballotAt(l, middle).credential,
            reason: 'late joiner',
          }),
        ),
    },
    {
      name: 'roll amendment: after the close',
      expected: 'out-of-phase',
      event: at.close + 1,
      mutate: (l) =>
        reseal(
          insertEvent(l, at.close + 1, 'roll-amendment', {
            kind: 'add',
            credential: encodeElement(group, group.mulBase(randomScalar())),
            reason: 'late joiner',
          }),
        ),
    },
    {
      // The removal is allowed and logged, and the ballot of that credential stops counting; a tally
      // that still counts it is wrong.
      name: 'roll amendment: a credential revoked after its ballot, the tally unchanged',
      expected: 'bad-tally',
      event: at.tally + 1,
      mutate: (l) =>
        reseal(
          insertEvent(l, lastBallot + 1, 'roll-amendment', {
            kind: 'remove',
            credential: ballotAt(l, middle).credential,
            reason: 'membership lapsed',
          }),
        ),
    },
    {
      name: "roll amendment: an addition without the new member's leaf, the roll committed",
      expected: 'bad-amendment',
      event: at.open,
      because: /leaf/,
      mutate: (l) =>
        reseal(
          insertEvent(committedRoll(l), at.open, 'roll-amendment', {
            kind: 'add',
            credential: freshCredential(),
            reason: 'late joiner',
          }),
        ),
    },
    {
      name: 'roll amendment: one member leaf added twice, the roll committed',
      expected: 'bad-amendment',
      event: at.open + 1,
      because: /already added/,
      mutate: (l) => {
        const add = (lines: Lines, before: number) =>
          reseal(
            insertEvent(lines, before, 'roll-amendment', {
              kind: 'add',
              credential: freshCredential(),
              leaf: memberLeafOf(1),
              reason: 'appeal upheld',
            }),
          );
        return add(add(committedRoll(l), at.open), at.open + 1);
      },
    },
    {
      name: 'roll amendment: a correction that names a credential',
      expected: 'bad-event',
      event: at.open,
      because: /credential/,
      mutate: (l) =>
        reseal(
          insertEvent(l, at.open, 'roll-amendment', {
            kind: 'correct',
            credential: ballotAt(l, middle).credential,
            leaf: memberLeafOf(1),
            previousLeaf: memberLeafOf(2),
            reason: 'member id mistyped',
          }),
        ),
    },
    {
      name: 'roll amendment: a removal that carries a weight',
      expected: 'bad-event',
      event: at.open,
      because: /weight/,
      mutate: (l) =>
        reseal(
          insertEvent(l, at.open, 'roll-amendment', {
            kind: 'remove',
            credential: ballotAt(l, middle).credential,
            weight: 1,
            reason: 'membership lapsed',
          }),
        ),
    },

    // --- ballots -------------------------------------------------------------------------------------
    // Changes made by the board (not re-signed) are caught by the ballot's signature; the same changes
    // made by the voter, who signs again with their own credential, must be caught by the proofs.
    {
      name: 'ballot: alpha byte flipped',
      expected: 'bad-ballot',
      event: middle,
      because: /alpha/,
      mutate: boardEdit((b) => {
        b.answers[0]!.choices[2]!.alpha = flipBit(b.answers[0]!.choices[2]!.alpha);
      }),
    },
    {
      name: 'ballot: beta byte flipped',
      expected: 'bad-ballot',
      event: middle,
      because: /beta/,
      mutate: boardEdit((b) => {
        b.answers[0]!.choices[0]!.beta = flipBit(b.answers[0]!.choices[0]!.beta);
      }),
    },
    {
      // beta · g: the ciphertext now encrypts one more vote.
      name: 'ballot: beta replaced by beta·g (one more vote) by the board',
      expected: 'bad-ballot',
      event: middle,
      because: /signature/,
      mutate: boardEdit((b) => {
        b.answers[0]!.choices[0]!.beta = otherElement(group, b.answers[0]!.choices[0]!.beta);
      }),
    },
    {
      name: 'ballot: beta replaced by beta·g (one more vote), re-signed by the voter',
      expected: 'bad-ballot',
      event: middle,
      because: /proof/,
      mutate: voterEdit((b) => {
        b.answers[0]!.choices[0]!.beta = otherElement(group, b.answers[0]!.choices[0]!.beta);
      }),
    },
    {
      name: 'ballot: alpha replaced by another valid element, re-signed by the voter',
      expected: 'bad-ballot',
      event: middle,
      because: /proof/,
      mutate: voterEdit((b) => {
        b.answers[0]!.choices[2]!.alpha = otherElement(group, b.answers[0]!.choices[2]!.alpha);
      }),
    },
    {
      name: 'ballot: a 0/1 proof challenge flipped, re-signed by the voter',
      expected: 'bad-ballot',
      event: middle,
      because: /proof/,
      mutate: voterEdit((b) => {
        const branch = b.answers[0]!.choiceProofs[1]![0]!;
        branch.c = flipBit(branch.c);
      }),
    },
    {
      name: 'ballot: a 0/1 proof response flipped, re-signed by the voter',
      expected: 'bad-ballot',
      event: middle,
      because: /proof/,
      mutate: voterEdit((b) => {
        const branch = b.answers[0]!.choiceProofs[1]![1]!;
        branch.s = flipBit(branch.s);
      }),
    },
    {
      name: 'ballot: the range proof flipped, re-signed by the voter',
      expected: 'bad-ballot',
      event: middle,
      because: /proof/,
      mutate: voterEdit((b) => {
        const branch = b.answers[0]!.rangeProof[0]!;
        branch.s = flipBit(branch.s);
      }),
    },
    {
      // Two candidates chosen, each ciphertext with a true 0/1 proof; the range proof claims a total of
      // 1 for a sum that encrypts 2, which no proof can show.
      name: 'ballot: an overvote with true 0/1 proofs and a false range proof, signed by the voter',
      expected: 'bad-ballot',
      event: middle,
      because: /proof/,
      mutate: voterEdit((b) => {
        Object.assign(b.answers[0]!, overvote(b.credential));
      }),
    },
    {
      name: 'ballot: the signature flipped',
      expected: 'bad-ballot',
      event: middle,
      because: /signature/,
      mutate: boardEdit((b) => {
        b.signature.c = flipBit(b.signature.c);
      }),
    },
    {
      name: "ballot: the ballot's credential byte flipped",
      expected: 'unlisted-credential',
      event: middle,
      mutate: boardEdit((b) => {
        b.credential = flipBit(b.credential);
      }),
    },
    {
      name: "ballot: the ballot's election fingerprint flipped",
      expected: 'bad-ballot',
      event: middle,
      because: /another election/,
      mutate: boardEdit((b) => {
        b.election = flipBit(b.election, 3);
      }),
    },
    {
      name: 'ballot: an unknown field added',
      expected: 'bad-event',
      event: middle,
      mutate: (l) =>
        reseal(
          editEvent(l, middle, 'ballot', (p) => void Object.assign(p.ballot, { note: 'counted twice' })),
        ),
    },
    {
      name: 'ballot: a candidate missing from the answer, signed by the voter',
      expected: 'bad-ballot',
      event: middle,
      because: /does not match question/,
      mutate: voterEdit((b) => {
        b.answers[0]!.choices.pop();
        b.answers[0]!.choiceProofs.pop();
      }),
    },
    {
      // The voter is the attacker: their own ballot, with a candidate's ciphertext doubled
      // (it encrypts 2 if they chose that candidate), signed again with their own credential.
      name: "ballot: a voter's ballot counting twice for their candidate, re-signed by the voter",
      expected: 'bad-ballot',
      event: at.ballots[7]!,
      mutate: (l) =>
        reseal(
          editEvent(l, at.ballots[7]!, 'ballot', (p) => {
            const chosen = simulatedChoice(7, 5);
            const answer = p.ballot.answers[0]!;
            const c = decodeCiphertext(group, answer.choices[chosen]!, 'choice');
            answer.choices[chosen] = encodeCiphertext(group, addCiphertexts(group, c, c));
            p.ballot = resign(p.ballot, 7);
          }),
        ),
    },
    {
      // Made by the board: voter 3's ballot with voter 9's (listed) credential put in its place.
      name: "ballot: an inserted forged ballot under another voter's listed credential",
      expected: 'bad-ballot',
      event: at.close,
      mutate: (l) => {
        const forged = { ...ballotAt(l, at.ballots[3]!), credential: ballotAt(l, at.ballots[9]!).credential };
        return reseal(insertEvent(l, at.close, 'ballot', { ballot: forged }));
      },
    },
    {
      name: 'ballot: replayed from the practice election',
      expected: 'unlisted-credential',
      event: at.close,
      mutate: (l) => {
        const replayed = ballotAt(fx.practice.lines, fx.practice.at.ballots[4]!);
        return reseal(insertEvent(l, at.close, 'ballot', { ballot: replayed }));
      },
    },
    {
      // The same election id and credentials, another fingerprint and election key: voter 5's ballot
      // from the abandoned run, put in place of the one they cast in this run.
      name: 'ballot: replayed from an abandoned run of this election with the same credentials',
      expected: 'bad-ballot',
      event: at.ballots[5]!,
      mutate: (l) => {
        const { ballot } = createBallot(group, fx.rerun.state.ballotElection, sim.credentials[5]!, [[1]]);
        return reseal(
          editEvent(l, at.ballots[5]!, 'ballot', (p) => {
            p.ballot = ballot;
          }),
        );
      },
    },
    {
      name: 'ballot: valid proofs and signature, credential not on the list',
      expected: 'unlisted-credential',
      event: at.close,
      mutate: (l) => {
        const { ballot } = createBallot(group, election, generateCredential(), [[0]]);
        return reseal(insertEvent(l, at.close, 'ballot', { ballot }));
      },
    },
    {
      name: 'ballot: a second valid ballot on one credential under single',
      expected: 'revote-forbidden',
      event: at.close,
      mutate: (l) => {
        const { ballot } = createBallot(group, election, sim.credentials[3]!, [[4]]);
        return reseal(insertEvent(l, at.close, 'ballot', { ballot }));
      },
    },
    {
      name: 'ballot: duplicated, re-signed',
      expected: 'duplicate-ballot',
      event: middle + 1,
      mutate: (l) => {
        const p = positionOf(l, middle);
        return reseal([...l.slice(0, p + 1), l[p]!, ...l.slice(p + 1)]);
      },
    },
    {
      name: 'ballot: after the close',
      expected: 'out-of-phase',
      event: at.close,
      mutate: (l) => reseal(moveEvent(l, lastBallot, at.tally)),
    },
    {
      name: 'ballot: before the opening',
      expected: 'out-of-phase',
      event: at.open,
      mutate: (l) => reseal(moveEvent(l, at.ballots[0]!, at.open)),
    },
    {
      name: 'ballot: a cast ballot dropped, re-signed',
      expected: 'bad-tally',
      event: at.tally - 1,
      mutate: (l) => reseal(dropEvent(l, middle)),
    },

    // --- revoting under last-counts ---------------------------------------------------------------
    {
      name: 'last-counts: a superseded ballot replayed after the revote',
      base: 'last-counts',
      expected: 'duplicate-ballot',
      event: lc.close,
      mutate: (l) => reseal(insertEvent(l, lc.close, 'ballot', { ballot: ballotAt(l, lc.ballots[1]!) })),
    },
    {
      name: 'last-counts: the counted ballot replayed',
      base: 'last-counts',
      expected: 'duplicate-ballot',
      event: lc.close,
      mutate: (l) => reseal(insertEvent(l, lc.close, 'ballot', { ballot: ballotAt(l, lc.ballots.at(-1)!) })),
    },
    {
      // Voter 0's second ballot vanishes, so their first one counts; the tally (of the real last
      // ballots) is then not the product of the ballots that count.
      name: "last-counts: a voter's revote dropped, re-signed",
      base: 'last-counts',
      expected: 'bad-tally',
      event: lc.tally - 1,
      mutate: (l) => reseal(dropEvent(l, lc.ballots[12]!)),
    },
    {
      name: "last-counts: a voter's two ballots swapped, re-signed",
      base: 'last-counts',
      expected: 'bad-tally',
      event: lc.tally,
      mutate: (l) => reseal(swapEvents(l, lc.ballots[0]!, lc.ballots[12]!)),
    },

    // --- tally, decryption shares, result ------------------------------------------------------------
    {
      name: 'tally: counted number wrong',
      expected: 'bad-tally',
      event: at.tally,
      mutate: (l) => reseal(editEvent(l, at.tally, 'tally', (p) => void p.counted--)),
    },
    {
      name: 'tally: a ciphertext of the wrong shape (a candidate missing)',
      expected: 'bad-tally',
      event: at.tally,
      mutate: (l) => reseal(editEvent(l, at.tally, 'tally', (p) => void p.answers[0]!.pop())),
    },
    {
      // Published for the trustees to decrypt: the record ends at the tally.
      name: 'tally: a counted ballot left out, the aggregate recomputed from the others',
      expected: 'bad-tally',
      event: at.tally,
      mutate: (l) =>
        reseal(
          editEvent(cutAfter(l, at.tally), at.tally, 'tally', (p) => {
            Object.assign(p, tallyWithout(l, [middle], p.counted));
          }),
        ),
    },
    {
      // As above, and the left-out ballot's line is written `"type": "ballot"` — the same JSON, the same
      // canonical form and leaf hash, so the signed heads still hold. A record line must be the canonical
      // form of its event, so the line itself is refused, before any reader could skip it.
      name: 'tally: a counted ballot left out, its line written in non-canonical JSON',
      expected: 'bad-event',
      event: middle,
      because: /canonical/,
      mutate: (l) => {
        const sealed = reseal(
          editEvent(cutAfter(l, at.tally), at.tally, 'tally', (p) => {
            Object.assign(p, tallyWithout(l, [middle], p.counted));
          }),
        );
        const p = positionOf(sealed, middle);
        return sealed.map((t, q) => (q === p ? t.replace('"type":"ballot"', '"type": "ballot"') : t));
      },
    },
    {
      // The honest shares and result follow; the first event at fault is the tally.
      name: 'tally: a ciphertext byte flipped',
      expected: 'bad-tally',
      event: at.tally,
      mutate: (l) =>
        reseal(
          editEvent(l, at.tally, 'tally', (p) => {
            p.answers[0]![1]!.alpha = flipBit(p.answers[0]![1]!.alpha);
          }),
        ),
    },
    {
      // beta · g: one more vote for candidate 2. The shares (of alpha) still verify.
      name: 'tally: beta replaced by beta·g',
      expected: 'bad-tally',
      event: at.tally,
      mutate: (l) =>
        reseal(
          editEvent(l, at.tally, 'tally', (p) => {
            p.answers[0]![1]!.beta = otherElement(group, p.answers[0]![1]!.beta);
          }),
        ),
    },
    {
      name: 'decryption share: a share replaced by another valid element (proof kept)',
      expected: 'bad-decryption-share',
      event: at.shares[0]!,
      mutate: (l) =>
        reseal(
          editEvent(l, at.shares[0]!, 'decryption-share', (p) => {
            p.answers[0]![2]!.share = otherElement(group, p.answers[0]![2]!.share);
          }),
        ),
    },
    {
      name: 'decryption share: a share byte flipped',
      expected: 'bad-decryption-share',
      event: at.shares[0]!,
      mutate: (l) =>
        reseal(
          editEvent(l, at.shares[0]!, 'decryption-share', (p) => {
            p.answers[0]![2]!.share = flipBit(p.answers[0]![2]!.share);
          }),
        ),
    },
    {
      name: 'decryption share: a proof response flipped',
      expected: 'bad-decryption-share',
      event: at.shares[0]!,
      mutate: (l) =>
        reseal(
          editEvent(l, at.shares[0]!, 'decryption-share', (p) => {
            p.answers[0]![2]!.proof.s = flipBit(p.answers[0]![2]!.proof.s);
          }),
        ),
    },
    {
      name: 'decryption share: the shares of two candidates swapped',
      expected: 'bad-decryption-share',
      event: at.shares[0]!,
      mutate: (l) =>
        reseal(
          editEvent(l, at.shares[0]!, 'decryption-share', (p) => {
            const row = p.answers[0]!;
            [row[0], row[1]] = [row[1]!, row[0]!];
          }),
        ),
    },
    {
      // Trustee 1 took no part in the decryption; trustee 3's shares are passed off as trustee 1's.
      name: "decryption share: trustee 3's shares published as trustee 1's",
      expected: 'bad-decryption-share',
      event: at.shares[1]!,
      mutate: (l) =>
        reseal(
          editEvent(l, at.shares[1]!, 'decryption-share', (p) => {
            p.trustee = 1;
          }),
        ),
    },
    {
      name: 'decryption share: one dropped, re-signed',
      expected: 'bad-result',
      event: at.result - 1,
      mutate: (l) => reseal(dropEvent(l, at.shares[0]!)),
    },
    {
      name: 'result: a count changed',
      expected: 'bad-result',
      event: at.result,
      mutate: (l) => reseal(editEvent(l, at.result, 'result', (p) => void p.counts[0]![1]!++)),
    },
    {
      name: 'result: a vote moved from one candidate to another',
      expected: 'bad-result',
      event: at.result,
      mutate: (l) =>
        reseal(
          editEvent(l, at.result, 'result', (p) => {
            const row = p.counts[0]!;
            const from = row.findIndex((n) => n > 0);
            row[from]!--;
            row[(from + 1) % row.length]!++;
          }),
        ),
    },
    {
      name: 'result: counted number changed',
      expected: 'bad-result',
      event: at.result,
      mutate: (l) => reseal(editEvent(l, at.result, 'result', (p) => void p.counted--)),
    },
    {
      name: 'result: combining fewer than t shares',
      expected: 'bad-result',
      event: at.result,
      mutate: (l) => reseal(editEvent(l, at.result, 'result', (p) => void p.trustees.shift())),
    },
    {
      name: 'result: naming a trustee who published no share',
      expected: 'bad-result',
      event: at.result,
      mutate: (l) =>
        reseal(
          editEvent(l, at.result, 'result', (p) => {
            p.trustees[0] = 1;
          }),
        ),
    },
    {
      name: 'result: naming one trustee twice',
      expected: 'bad-result',
      event: at.result,
      mutate: (l) =>
        reseal(
          editEvent(l, at.result, 'result', (p) => {
            p.trustees[0] = p.trustees[1]!;
          }),
        ),
    },
    {
      name: 'result: a second, different result after the first',
      expected: 'out-of-phase',
      event: at.result + 1,
      mutate: (l) => {
        const result = envelopeAt(l, at.result).payload as Payload<'result'>;
        const counts = result.counts.map((row) => [...row].reverse());
        return reseal(insertAfter(l, at.result, 'result', { ...result, counts }));
      },
    },
    {
      name: 'result: a ballot after the result',
      expected: 'out-of-phase',
      event: at.result + 1,
      mutate: (l) =>
        reseal(insertAfter(l, at.result, 'ballot', envelopeAt(l, middle).payload as Payload<'ballot'>)),
    },
  ];

  const accepted: Accepted[] = [
    {
      name: 'the roll committed, with an addition, a correction and a removal before opening',
      why:
        'a committed roll with amendments that keep the credential list and the member count in step is ' +
        'what an honest organiser publishes; the added credential does not vote and the removed one is ' +
        'added just before, so nothing counted changes',
      mutate: (l) => {
        const credential = freshCredential();
        const amend = (lines: Lines, before: number, payload: Payload<'roll-amendment'>) =>
          reseal(insertEvent(lines, before, 'roll-amendment', payload));
        let out = amend(committedRoll(l), at.open, {
          kind: 'add',
          credential,
          weight: 1,
          leaf: memberLeafOf(1),
          reason: 'membership backdated on appeal',
        });
        out = amend(out, at.open + 1, {
          kind: 'correct',
          leaf: memberLeafOf(2),
          previousLeaf: memberLeafOf(3),
          reason: 'member id mistyped at import',
        });
        out = amend(out, at.open + 2, {
          kind: 'remove',
          credential,
          leaf: memberLeafOf(1),
          reason: 'the appeal was overturned',
        });
        return out;
      },
    },
    {
      name: 'an encrypted share flipped, and no complaint',
      why:
        'a share is encrypted to its recipient, so nobody else can check it; a recipient whose share does ' +
        'not open complains during the ceremony, and the complaint is judged on the board',
      mutate: (l) =>
        reseal(
          editEvent(l, dealer2, 'trustee-dealing', (p) => {
            p.shares[0]!.ciphertext = flipBit(p.shares[0]!.ciphertext, 3);
          }),
        ),
    },
    {
      name: 'the record cut after the decryption shares, re-signed',
      why: 'a record exported before the result is published verifies as far as it goes, without a result',
      mutate: (l) => reseal(cutAfter(l, at.shares.at(-1)!)),
      phase: 'tallying',
    },
    {
      name: 'two ballots of different voters swapped, re-signed',
      why: 'the order of ballots on different credentials does not change what counts',
      mutate: (l) => reseal(swapEvents(l, middle, middle + 1)),
    },
    {
      name: 'an honest head of the empty log right after the header',
      why:
        'a board may sign its empty log before the definition is posted, and the record format places ' +
        'such a head right after the header',
      mutate: (l) => [l[0]!, emptyHead(boardKey.secretKey, l), ...l.slice(1)],
    },
  ];

  return { mutations, accepted };
}

/** A copy of the lines with the head at `position` changed, and re-signed when a key is given. */
function editHead(
  lines: Lines,
  position: number,
  change: (h: HeadLine) => void,
  secretKey?: Uint8Array,
): string[] {
  const head = JSON.parse(lines[position]!) as HeadLine;
  change(head);
  const out = [...lines];
  const { signature, ...fields } = head;
  out[position] = secretKey ? signHead(secretKey, fields) : canonicalJson({ ...fields, signature });
  return out;
}

/** A head of the empty log, signed with `secretKey`, timed just before the first event. */
function emptyHead(secretKey: Uint8Array, lines: Lines): string {
  return signHead(secretKey, {
    election: ELECTION,
    size: 0,
    root: toBase64url(EMPTY_ROOT),
    time: earlier(envelopeAt(lines, 0).time, 1),
  });
}

function commitmentAt(group: Group, lines: Lines, index: number): DealerCommitment {
  const p = envelopeAt(lines, index).payload as Payload<'trustee-dealing'>;
  return {
    dealer: p.trustee,
    coefficients: p.coefficients.map((c) => decodeElement(group, c, 'coefficient')),
    proofs: p.proofs.map((c) => decodeProof(c, 'proof')),
  };
}
