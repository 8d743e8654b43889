/**
 * An election simulated in one process, every role played honestly: the organiser's definition, the
 * trustees' key ceremony, the credential authority, voters who cast (some revoting when the policy
 * allows), the tally, t trustees' decryption shares, the result. Every event passes ElectionState — the
 * verifier's own checks — before the next is made, so the board holds exactly what a correct server
 * would publish. Used by the tests (honest records for the tamper corpus) and the benchmarks.
 *
 * @example
 * ```ts
 * const election = await simulateElection({ group, voters: 50, candidates: 5, trustees: 3, threshold: 2 });
 * for await (const line of exportRecord(election.store, election.id)) …
 * ```
 */

import { Board } from '../board/board.ts';
import { MemoryStore } from '../board/memory-store.ts';
import type { BoardStore } from '../board/store.ts';
import { generateBoardKey } from '../board/tree-head.ts';
import { utf8 } from '../crypto/bytes.ts';
import { deriveCredential, generateCredential } from '../crypto/credential.ts';
import type { CommunicationKeyPair } from '../crypto/dkg.ts';
import { combineSecretShares, createCommunicationKey, deal, receiveShare } from '../crypto/dkg.ts';
import type { Group } from '../crypto/group.ts';
import { hashToScalar } from '../crypto/hash.ts';
import { checkAudit, makeAudit } from '../protocol/audit.ts';
import type { BallotElection } from '../protocol/ballot.ts';
import { createBallot } from '../protocol/ballot.ts';
import { encodeCiphertext, encodeElement, encodeProof } from '../protocol/codec.ts';
import type { ElectionDefinition } from '../protocol/definition.ts';
import { parseDefinition } from '../protocol/definition.ts';
import type { EventType, Payload } from '../protocol/events.ts';
import { dealingBody } from '../protocol/trustee-steps.ts';
import { aggregateCounted } from '../tally/aggregate.ts';
import { decryptCounts, trusteeShares } from '../tally/decryption.ts';
import { ElectionState } from '../verifier/election-state.ts';

export interface SimulationOptions {
  readonly group: Group;
  readonly voters: number;
  readonly candidates: number;
  readonly trustees: number;
  readonly threshold: number;
  readonly revoting?: 'single' | 'last-counts';
  /** Voters who cast a second ballot (only under `last-counts`). */
  readonly revoters?: number;
  /** Credential holders who never vote (the last ones on the voter list). */
  readonly abstainers?: number;
  /** Voters who first audit an encryption (Benaloh) and check it, then cast a fresh ballot. */
  readonly auditors?: number;
  readonly electionId?: string;
  readonly store?: BoardStore;
  /** The board's signing key (default: a fresh one). Tests that re-sign tampered records pass their own. */
  readonly boardKey?: { readonly secretKey: Uint8Array; readonly publicKey: string };
  /** Sign a tree head every this many ballots (heads are also signed at every state change). */
  readonly headEvery?: number;
  /** Check every ballot's proofs as it is cast (as the server does); off only to save time in benchmarks. */
  readonly checkBallots?: boolean;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

export interface SimulatedElection {
  readonly id: string;
  readonly store: BoardStore;
  readonly board: Board;
  readonly definition: ElectionDefinition;
  /** The plaintext counts the voters' choices add up to (what the result must say). */
  readonly expected: number[];
  /** How many spoiled ballots were audited and found to encrypt the voter's choice. */
  readonly audited: number;
  /** Credential texts (secret; the simulation plays every voter). */
  readonly credentials: readonly string[];
  readonly state: ElectionState;
}

/** The candidate a simulated voter picks: deterministic, uneven, from the voter's number. */
export function simulatedChoice(voter: number, candidates: number, round = 0): number {
  const h = hashToScalar('simulation/choice', [utf8(`${voter}/${round}`)]);
  // Squaring skews the distribution so that the result is not a tie.
  const u = Number(h % 1_000_000n) / 1_000_000;
  return Math.min(candidates - 1, Math.floor(u * u * candidates));
}

/** The shape of a simulated or demonstration election. */
export interface SampleElection {
  readonly id: string;
  readonly title: string;
  readonly candidates: number;
  readonly trustees: number;
  readonly threshold: number;
  readonly revoting: 'single' | 'last-counts';
  readonly opensAt: string;
  readonly closesAt: string;
}

/**
 * A leadership election's definition without its board key (the server adds its own): one "choose 1"
 * question with numbered candidates, numbered trustees.
 * @example `sampleDraft({ id: 'demo', title: 'Demo', candidates: 5, trustees: 3, threshold: 2, revoting: 'single', opensAt, closesAt })`
 */
export function sampleDraft(e: SampleElection) {
  return {
    format: 'psephos/election',
    version: 1,
    id: e.id,
    title: e.title,
    practice: false,
    questions: [
      {
        id: 'leader',
        type: 'single',
        title: 'Who should lead the party?',
        blankAllowed: false,
        candidates: Array.from({ length: e.candidates }, (_, i) => ({
          id: `c${i + 1}`,
          name: `Candidate ${i + 1}`,
        })),
      },
    ],
    opensAt: e.opensAt,
    closesAt: e.closesAt,
    revoting: e.revoting,
    maxWeight: 1,
    trustees: Array.from({ length: e.trustees }, (_, i) => ({ name: `Trustee ${i + 1}` })),
    threshold: e.threshold,
  };
}

function definitionFor(options: SimulationOptions, id: string, boardKey: string): ElectionDefinition {
  const draft = sampleDraft({
    ...options,
    id,
    title: 'Leadership election (simulation)',
    revoting: options.revoting ?? 'single',
    opensAt: '2026-11-30T09:00:00Z',
    closesAt: '2026-12-07T17:00:00Z',
  });
  return parseDefinition({ ...draft, boardKey });
}

/** Runs the whole election; resolves with the published board. */
export async function simulateElection(options: SimulationOptions): Promise<SimulatedElection> {
  const { group } = options;
  const id = options.electionId ?? 'simulation';
  const store = options.store ?? new MemoryStore();
  const key = options.boardKey ?? generateBoardKey();
  const board = await Board.open(store, id, key.secretKey);
  const definition = definitionFor(options, id, key.publicKey);
  const state = new ElectionState(group);
  const post = async <T extends EventType>(type: T, payload: Payload<T>, checked = false) => {
    const event = await board.append(type, payload);
    state.apply(event, { ballotProofsChecked: checked });
    return event;
  };

  await post('setup', { definition });
  await board.signHead();
  const secretShares = await keyCeremony(group, state, options, post);
  const credentials = await issueCredentials(group, definition, options.voters, post);
  await post('open', {});
  await board.signHead();

  const expected = Array<number>(options.candidates).fill(0);
  const election = state.ballotElection;
  const voting = credentials.length - (options.abstainers ?? 0);
  const revoters = definition.revoting === 'last-counts' ? Math.min(voting, options.revoters ?? 0) : 0;
  const casts = [
    ...Array.from({ length: voting }, (_, i) => i),
    ...Array.from({ length: revoters }, (_, i) => i),
  ];
  let audited = 0;
  for (const [n, voter] of casts.entries()) {
    const round = n < voting ? 0 : 1;
    const choice = simulatedChoice(voter, options.candidates, round);
    if (round === 0 && voter < (options.auditors ?? 0))
      audited += auditOnce(group, election, credentials[voter]!, choice);
    const { ballot } = createBallot(group, election, credentials[voter]!, [[choice]]);
    await post('ballot', { ballot }, options.checkBallots === false);
    if ((n + 1) % (options.headEvery ?? 100) === 0) await board.signHead();
    options.onProgress?.('casting', n + 1, casts.length);
  }
  // The final choice of each voter is what counts.
  for (let v = 0; v < voting; v++) expected[simulatedChoice(v, options.candidates, v < revoters ? 1 : 0)]!++;

  await post('close', {});
  await board.signHead();
  await tallyAndPublish(group, store, id, state, secretShares, post);
  await board.signHead();
  return { id, store, board, definition, expected, audited, credentials, state };
}

/** A Benaloh audit: encrypt, reveal, check on "another device"; the spoiled ballot is never cast. */
export function auditOnce(
  group: Group,
  election: BallotElection,
  credential: string,
  choice: number,
): number {
  const { ballot, choices, secrets } = createBallot(group, election, credential, [[choice]]);
  const checked = checkAudit(group, election, makeAudit(ballot, choices, secrets));
  if (checked.chosen[0]?.[0] !== election.definition.questions[0]!.candidates[choice]!.id) {
    throw new Error("simulation: an audited ballot does not encrypt the voter's choice");
  }
  return 1;
}

type Post = <T extends EventType>(type: T, payload: Payload<T>, checked?: boolean) => Promise<unknown>;

/** All trustees honest: identities, dealings, share checks, the election key. Returns x_j per trustee. */
async function keyCeremony(
  group: Group,
  state: ElectionState,
  options: SimulationOptions,
  post: Post,
): Promise<bigint[]> {
  const fp = state.fingerprint!;
  const params = { threshold: options.threshold, trustees: options.trustees };
  const keys: CommunicationKeyPair[] = [];
  for (let i = 1; i <= options.trustees; i++) {
    const pair = createCommunicationKey(group, fp, i);
    keys.push(pair);
    const { index, communicationKey, proof } = pair.identity;
    await post('trustee-identity', {
      trustee: index,
      communicationKey: encodeElement(group, communicationKey),
      proof: encodeProof(proof),
    });
  }
  const identities = keys.map((k) => k.identity);
  const dealings = keys.map((k) => deal(group, fp, params, k, identities));
  for (const d of dealings) {
    await post('trustee-dealing', { trustee: d.commitment.dealer, ...dealingBody(group, d) });
  }
  const secretShares = keys.map((self, j) =>
    combineSecretShares(
      dealings.map((d, i) => {
        if (i === j) return d.ownShare;
        const encrypted = d.shares.find((s) => s.recipient === self.identity.index)!;
        const outcome = receiveShare(group, fp, self, identities[i]!, d.commitment, encrypted);
        if (!outcome.ok) throw new Error(`simulation: trustee ${j + 1} rejected a share`);
        return outcome.share;
      }),
    ),
  );
  await post('election-key', state.expectedElectionKey());
  return secretShares;
}

/** The credential authority: one credential per voter; the sorted public list goes on the board. */
async function issueCredentials(
  group: Group,
  definition: ElectionDefinition,
  voters: number,
  post: Post,
): Promise<string[]> {
  const texts = Array.from({ length: voters }, () => generateCredential());
  const list = texts
    .map((t) => encodeElement(group, deriveCredential(group, definition.id, t).publicCredential))
    .sort()
    .map((credential) => ({ credential, weight: 1 }));
  await post('electorate', { credentials: list });
  return texts;
}

/** Aggregates the counted ballots, collects t trustees' shares (trustee 1 drops out if t < n), publishes. */
async function tallyAndPublish(
  group: Group,
  store: BoardStore,
  id: string,
  state: ElectionState,
  secretShares: readonly bigint[],
  post: Post,
): Promise<void> {
  async function* ballots() {
    for await (const event of store.events(id))
      if (event.type === 'ballot') yield { index: event.index, ballot: event.payload.ballot };
  }
  const aggregate = await aggregateCounted(group, state.definition!, ballots(), state.countedBallots());
  const answers = aggregate.answers.map((row) => row.map((c) => encodeCiphertext(group, c)));
  await post('tally', { counted: aggregate.counted, answers });
  const { threshold } = state.definition!;
  const trustees = Array.from({ length: secretShares.length }, (_, i) => i + 1).slice(-threshold);
  const shares = trustees.map((t) =>
    trusteeShares(group, state.fingerprint!, t, secretShares[t - 1]!, aggregate.answers),
  );
  for (const s of shares) await post('decryption-share', s);
  const counts = decryptCounts(group, aggregate.answers, shares, aggregate.totalWeight);
  await post('result', { counted: aggregate.counted, trustees, counts });
}
