/**
 * The meaning of the board's events, applied one at a time: the lifecycle (setup → key ceremony →
 * ready → open → closed → tallying → published), every trustee proof, the election key, the credential
 * list and its amendments, each ballot (validity, listed credential, revoting policy, replays), the
 * tally, every decryption share and the result. The verifier runs it over a whole record; the server
 * runs the same code on each event before appending it, so what the board accepts is what the verifier
 * accepts.
 *
 * Ballot proofs are the costly part: `apply(event, { ballotProofsChecked: true })` skips them when a
 * worker pool has already checked them. What stays here is cheap and order-dependent.
 *
 * SPEC.md §15 (Verification).
 *
 * @example
 * ```ts
 * const state = new ElectionState(group);
 * for (const event of events) state.apply(event);    // throws VerificationFailure
 * state.phase; // 'published'
 * ```
 */
import { fromBase64url, toBase64url } from '../crypto/bytes.ts';
import type { DealerCommitment, TrusteeIdentity } from '../crypto/dkg.ts';
import {
  jointPublicKey,
  judgeComplaint,
  verificationKey,
  verifyDealerCommitment,
  verifyTrusteeIdentity,
} from '../crypto/dkg.ts';
import type { Ciphertext } from '../crypto/elgamal.ts';
import type { Element, Group } from '../crypto/group.ts';
import type { BallotElection } from '../protocol/ballot.ts';
import { validateBallot } from '../protocol/ballot.ts';
import { decodeElement, decodeProof, encodeElement } from '../protocol/codec.ts';
import type { ElectionDefinition } from '../protocol/definition.ts';
import { fingerprint } from '../protocol/definition.ts';
import { ProtocolError } from '../protocol/errors.ts';
import type { BoardEvent, BoardEventOf, EventType, Payload } from '../protocol/events.ts';
import { tracker } from '../protocol/tracker.ts';
import { checkTrusteeShares, decodeTallyAnswers, decryptCounts } from '../tally/decryption.ts';
import type { FailureCode } from './failure.ts';
import { check, VerificationFailure } from './failure.ts';

export type Phase = 'empty' | 'key-ceremony' | 'ready' | 'open' | 'closed' | 'tallying' | 'published';

/** The phases in which each event type may appear. */
const ALLOWED: Record<EventType, readonly Phase[]> = {
  setup: ['empty'],
  'trustee-identity': ['key-ceremony'],
  'trustee-dealing': ['key-ceremony'],
  'trustee-complaint': ['key-ceremony'],
  'election-key': ['key-ceremony'],
  electorate: ['key-ceremony', 'ready'],
  'roll-amendment': ['ready', 'open'],
  open: ['ready'],
  ballot: ['open'],
  close: ['open'],
  tally: ['closed'],
  'decryption-share': ['tallying'],
  result: ['tallying'],
};

interface Counted {
  readonly index: number;
  readonly tracker: string;
}

export interface ApplyOptions {
  /** The ballot's signature and proofs were already checked (by a worker). */
  readonly ballotProofsChecked?: boolean;
}

export class ElectionState {
  readonly group: Group;
  phase: Phase = 'empty';
  definition: ElectionDefinition | undefined;
  fingerprint: Uint8Array | undefined;
  publicKey: Element | undefined;
  verificationKeys: Element[] = [];
  readonly identities = new Map<number, TrusteeIdentity>();
  readonly dealings = new Map<
    number,
    { commitment: DealerCommitment; shares: Payload<'trustee-dealing'>['shares'] }
  >();
  readonly disqualified = new Set<number>();
  /** Public credential → weight; null until the electorate event. */
  credentials: Map<string, number> | null = null;
  /** The `members.count` of the electorate event: the committed electorate's size, if committed. */
  committedMembers: number | undefined;
  /** The committed size plus additions minus removals; undefined when no commitment was published. */
  amendedMembers: number | undefined;
  /** Member leaves added by amendments, each at most once. */
  readonly #addedLeaves = new Set<string>();
  /** Credential → the ballot that counts for it now. */
  readonly counted = new Map<string, Counted>();
  /** Trackers of ballots that no longer count (superseded under last-counts), to catch replays. */
  readonly superseded = new Set<string>();
  ballots = 0;
  amendments = 0;
  tally: Payload<'tally'> | undefined;
  /** Index of the tally event, to name it when its aggregate turns out wrong. */
  tallyEvent: number | undefined;
  /** The tally's aggregate, decoded. */
  tallyAnswers: Ciphertext[][] = [];
  readonly shares = new Map<number, Payload<'decryption-share'>>();
  result: Payload<'result'> | undefined;
  #event = 0;

  constructor(group: Group) {
    this.group = group;
  }

  /** What ballot validation needs; only after the election key is known. */
  get ballotElection(): BallotElection {
    return { definition: this.definition!, fingerprint: this.fingerprint!, publicKey: this.publicKey! };
  }

  /** Applies one event (its place in the log was checked by LogChecker). */
  apply(event: BoardEvent, options: ApplyOptions = {}): void {
    this.#event = event.index;
    const allowed = ALLOWED[event.type];
    this.#check(
      allowed.includes(this.phase),
      'out-of-phase',
      `a "${event.type}" event cannot come when the election is ${this.phase}`,
    );
    this.#dispatch(event, options);
  }

  #check(condition: boolean, code: FailureCode, message: string): asserts condition {
    check(condition, code, message, { event: this.#event });
  }

  /** Runs `fn`, turning a ProtocolError into a VerificationFailure of the given code at this event. */
  #decoding<T>(code: FailureCode, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ProtocolError) throw new VerificationFailure(code, e.message, { event: this.#event });
      throw e;
    }
  }

  #dispatch(event: BoardEvent, options: ApplyOptions): void {
    switch (event.type) {
      case 'setup':
        this.#setup(event);
        break;
      case 'trustee-identity':
        this.#identity(event.payload);
        break;
      case 'trustee-dealing':
        this.#dealing(event.payload);
        break;
      case 'trustee-complaint':
        this.#complaint(event.payload);
        break;
      case 'election-key':
        this.#electionKey(event.payload);
        break;
      case 'electorate':
        this.#electorate(event.payload);
        break;
      case 'roll-amendment':
        this.#amendment(event.payload);
        break;
      case 'open':
        this.phase = 'open';
        break;
      case 'ballot':
        this.#ballot(event, options);
        break;
      case 'close':
        this.phase = 'closed';
        break;
      case 'tally':
        this.#tally(event.payload);
        break;
      case 'decryption-share':
        this.#decryptionShare(event.payload);
        break;
      case 'result':
        this.#result(event.payload);
        break;
    }
  }

  #setup(event: BoardEventOf<'setup'>): void {
    const definition = event.payload.definition;
    this.#check(
      definition.id === event.election,
      'bad-definition',
      `the definition is for election "${definition.id}"`,
    );
    this.definition = definition;
    this.fingerprint = fingerprint(definition);
    this.phase = 'key-ceremony';
  }

  get #trustees(): number {
    return this.definition!.trustees.length;
  }

  get #params() {
    return { threshold: this.definition!.threshold, trustees: this.#trustees };
  }

  #identity(p: Payload<'trustee-identity'>): void {
    this.#check(p.trustee <= this.#trustees, 'bad-trustee-proof', `there is no trustee ${p.trustee}`);
    this.#check(
      !this.identities.has(p.trustee),
      'bad-trustee-proof',
      `trustee ${p.trustee} already has a key`,
    );
    const identity = this.#decoding('bad-trustee-proof', () => ({
      index: p.trustee,
      communicationKey: decodeElement(this.group, p.communicationKey, 'communicationKey'),
      proof: decodeProof(p.proof, 'proof'),
    }));
    this.#check(
      verifyTrusteeIdentity(this.group, this.fingerprint!, identity),
      'bad-trustee-proof',
      `trustee ${p.trustee}'s key proof is invalid`,
    );
    this.identities.set(p.trustee, identity);
  }

  #dealing(p: Payload<'trustee-dealing'>): void {
    this.#check(
      this.identities.size === this.#trustees,
      'out-of-phase',
      'a dealing came before every trustee published a key',
    );
    this.#check(
      this.identities.has(p.trustee) && !this.dealings.has(p.trustee),
      'bad-dealing',
      `trustee ${p.trustee} cannot deal now`,
    );
    const commitment = this.#decoding('bad-dealing', () => ({
      dealer: p.trustee,
      coefficients: p.coefficients.map((c, k) => decodeElement(this.group, c, `coefficients.${k}`)),
      proofs: p.proofs.map((c, k) => decodeProof(c, `proofs.${k}`)),
    }));
    this.#check(
      verifyDealerCommitment(this.group, this.fingerprint!, this.#params, commitment),
      'bad-dealing',
      `trustee ${p.trustee}'s commitments are invalid`,
    );
    const recipients = p.shares.map((s) => s.recipient);
    const expected = [...this.identities.keys()].filter((i) => i !== p.trustee).sort((a, b) => a - b);
    this.#check(
      recipients.join() === expected.join(),
      'bad-dealing',
      `trustee ${p.trustee} must send exactly one share to each other trustee, in order`,
    );
    this.dealings.set(p.trustee, { commitment, shares: p.shares });
  }

  #complaint(p: Payload<'trustee-complaint'>): void {
    const dealing = this.dealings.get(p.dealer);
    const dealer = this.identities.get(p.dealer);
    const recipient = this.identities.get(p.recipient);
    this.#check(
      dealing !== undefined && dealer !== undefined && recipient !== undefined && p.dealer !== p.recipient,
      'bad-complaint',
      'a complaint names an unknown dealing',
    );
    const complaint = this.#decoding('bad-complaint', () => ({
      dealer: p.dealer,
      recipient: p.recipient,
      sharedKey: decodeElement(this.group, p.sharedKey, 'sharedKey'),
      proof: decodeProof(p.proof, 'proof'),
    }));
    const share = dealing.shares.find((s) => s.recipient === p.recipient);
    const encrypted = share && {
      dealer: p.dealer,
      recipient: p.recipient,
      ...this.#decoding('bad-complaint', () => decodeShare(share)),
    };
    const verdict = judgeComplaint(
      this.group,
      this.fingerprint!,
      complaint,
      dealer,
      recipient,
      dealing.commitment,
      encrypted,
    );
    // An unfounded complaint is recorded on the board but changes nothing: the dealer stays qualified.
    if (verdict === 'dealer-at-fault') this.disqualified.add(p.dealer);
  }

  /**
   * The `election-key` payload that the dealings so far determine: the qualified dealers (no upheld
   * complaint), the joint public key and every trustee's verification key. The server posts it; the
   * verifier compares what was posted with it.
   */
  expectedElectionKey(): Payload<'election-key'> {
    this.#check(
      this.dealings.size === this.#trustees,
      'out-of-phase',
      'the election key came before every trustee dealt',
    );
    const qualified = [...this.dealings.keys()]
      .filter((i) => !this.disqualified.has(i))
      .sort((a, b) => a - b);
    this.#check(
      qualified.length >= this.definition!.threshold,
      'bad-election-key',
      `only ${qualified.length} trustees qualified, fewer than the threshold`,
    );
    const commitments = qualified.map((i) => this.dealings.get(i)!.commitment);
    return {
      qualified,
      publicKey: encodeElement(this.group, jointPublicKey(this.group, commitments)),
      verificationKeys: Array.from({ length: this.#trustees }, (_, j) =>
        encodeElement(this.group, verificationKey(this.group, commitments, j + 1)),
      ),
    };
  }

  #electionKey(p: Payload<'election-key'>): void {
    const expected = this.expectedElectionKey();
    this.#check(
      p.qualified.join() === expected.qualified.join(),
      'bad-election-key',
      `the qualified trustees are ${expected.qualified.join(', ')}, not ${p.qualified.join(', ')}`,
    );
    this.#check(
      p.publicKey === expected.publicKey,
      'bad-election-key',
      'the election public key is not the product of the qualified commitments',
    );
    this.#check(
      p.verificationKeys.join() === expected.verificationKeys.join(),
      'bad-election-key',
      'a trustee verification key does not match the commitments',
    );
    this.publicKey = decodeElement(this.group, expected.publicKey, 'publicKey');
    this.verificationKeys = expected.verificationKeys.map((k, j) =>
      decodeElement(this.group, k, `verificationKeys.${j}`),
    );
    this.#becomeReadyIfComplete();
  }

  #electorate(p: Payload<'electorate'>): void {
    this.#check(this.credentials === null, 'bad-electorate', 'the credential list was already published');
    const list = p.credentials.map((c) => c.credential);
    this.#check(
      list.every((c, i) => i === 0 || list[i - 1]! < c),
      'bad-electorate',
      'the credential list is not in strictly ascending order (or has duplicates)',
    );
    this.#check(
      p.credentials.every((c) => c.weight <= this.definition!.maxWeight),
      'bad-electorate',
      `a credential weighs more than the election's maximum weight ${this.definition!.maxWeight}`,
    );
    this.#decoding('bad-electorate', () => {
      for (const [i, c] of list.entries()) decodeElement(this.group, c, `credentials.${i}`);
    });
    if (p.members) {
      this.#check(
        p.members.count === list.length,
        'bad-electorate',
        `${list.length} credentials for ${p.members.count} committed members`,
      );
    }
    this.credentials = new Map(p.credentials.map((c) => [c.credential, c.weight]));
    this.committedMembers = p.members?.count;
    this.amendedMembers = p.members?.count;
    this.#becomeReadyIfComplete();
  }

  #becomeReadyIfComplete(): void {
    if (this.publicKey !== undefined && this.credentials !== null) this.phase = 'ready';
  }

  #amendment(p: Payload<'roll-amendment'>): void {
    if (p.kind === 'add' || p.kind === 'remove') {
      // The schema requires a credential for both kinds.
      const credential = p.credential!;
      this.#decoding('bad-amendment', () => decodeElement(this.group, credential, 'credential'));
      if (p.kind === 'add') this.#add(credential, p.weight ?? 1, p.leaf);
      else this.#remove(credential);
    }
    // A correction replaces a member's leaf: neither the credentials nor the member count change.
    this.amendments++;
  }

  #add(credential: string, weight: number, leaf: string | undefined): void {
    const credentials = this.credentials!;
    this.#check(!credentials.has(credential), 'bad-amendment', 'the added credential is already listed');
    this.#check(
      weight <= this.definition!.maxWeight,
      'bad-amendment',
      'the added credential weighs more than allowed',
    );
    if (this.amendedMembers !== undefined) {
      this.#check(
        leaf !== undefined,
        'bad-amendment',
        "the roll was committed, so an addition must give the new member's leaf",
      );
      this.#check(!this.#addedLeaves.has(leaf), 'bad-amendment', 'this member leaf was already added');
      this.#addedLeaves.add(leaf);
      this.amendedMembers++;
    }
    credentials.set(credential, weight);
  }

  #remove(credential: string): void {
    const credentials = this.credentials!;
    this.#check(credentials.has(credential), 'bad-amendment', 'the removed credential is not listed');
    credentials.delete(credential);
    if (this.amendedMembers !== undefined) this.amendedMembers--;
    // A ballot already cast with a revoked credential no longer counts.
    const ballot = this.counted.get(credential);
    if (ballot) this.superseded.add(ballot.tracker);
    this.counted.delete(credential);
  }

  #ballot(event: BoardEventOf<'ballot'>, options: ApplyOptions): void {
    const ballot = event.payload.ballot;
    this.#check(
      this.credentials!.has(ballot.credential),
      'unlisted-credential',
      'a ballot was cast with a credential that is not listed',
    );
    if (!options.ballotProofsChecked) {
      this.#decoding('bad-ballot', () => validateBallot(this.group, this.ballotElection, ballot, () => true));
    }
    const id = toBase64url(tracker(ballot));
    const previous = this.counted.get(ballot.credential);
    this.#check(
      previous?.tracker !== id && !this.superseded.has(id),
      'duplicate-ballot',
      'the same ballot appears twice on the board',
    );
    if (previous) {
      this.#check(
        this.definition!.revoting === 'last-counts',
        'revote-forbidden',
        'a second ballot was accepted for one credential, and this election does not allow revoting',
      );
      this.superseded.add(previous.tracker);
    }
    this.counted.set(ballot.credential, { index: event.index, tracker: id });
    this.ballots++;
  }

  /** Event index of each ballot that counts → its credential's weight (what the tally multiplies). */
  countedBallots(): Map<number, number> {
    const counted = new Map<number, number>();
    for (const [credential, { index }] of this.counted)
      counted.set(index, this.credentials!.get(credential)!);
    return counted;
  }

  /** Sum of the weights of the credentials whose ballots count: the bound of every count. */
  get countedWeight(): number {
    let total = 0;
    for (const credential of this.counted.keys()) total += this.credentials!.get(credential)!;
    return total;
  }

  #tally(p: Payload<'tally'>): void {
    const shape = this.definition!.questions.map((q) => q.candidates.length).join();
    this.#check(
      p.answers.map((a) => a.length).join() === shape,
      'bad-tally',
      'the tally does not have one ciphertext per candidate',
    );
    // The bound the published commitment sets, on the tally's own claim, whatever the board holds.
    // Checked before the count of the board's ballots, so a tally beyond the electorate is named as such.
    this.#check(
      this.amendedMembers === undefined || p.counted <= this.amendedMembers,
      'bad-tally',
      `the tally counts ${p.counted} ballots, more than the ${this.amendedMembers} members of the electorate as amended`,
    );
    this.#check(
      p.counted === this.counted.size,
      'bad-tally',
      `the tally counts ${p.counted} ballots, the board has ${this.counted.size} that count`,
    );
    // The identity is allowed: it is the aggregate of a question nobody voted on.
    this.tallyAnswers = this.#decoding('bad-tally', () => decodeTallyAnswers(this.group, p.answers));
    // That the ciphertexts are the product of the counted ballots is checked in the second pass.
    this.tally = p;
    this.tallyEvent = this.#event;
    this.phase = 'tallying';
  }

  #decryptionShare(p: Payload<'decryption-share'>): void {
    this.#check(
      p.trustee <= this.#trustees && !this.shares.has(p.trustee),
      'bad-decryption-share',
      `trustee ${p.trustee} cannot publish a share now`,
    );
    const ok = checkTrusteeShares(
      this.group,
      this.fingerprint!,
      p.trustee,
      this.verificationKeys[p.trustee - 1]!,
      this.tallyAnswers,
      p.answers,
    );
    this.#check(ok, 'bad-decryption-share', `a decryption share of trustee ${p.trustee} fails its proof`);
    this.shares.set(p.trustee, p);
  }

  #result(p: Payload<'result'>): void {
    const t = this.definition!.threshold;
    this.#check(
      p.trustees.length === t && p.trustees.every((i) => this.shares.has(i)),
      'bad-result',
      `the result must combine the shares of ${t} trustees who published them`,
    );
    this.#check(new Set(p.trustees).size === t, 'bad-result', 'the result names a trustee twice');
    this.#check(
      p.counted === this.tally!.counted,
      'bad-result',
      'the result counts a different number of ballots than the tally',
    );
    let counts: number[][];
    try {
      counts = decryptCounts(
        this.group,
        this.tallyAnswers,
        p.trustees.map((i) => this.shares.get(i)!),
        this.countedWeight,
      );
    } catch {
      throw new VerificationFailure('bad-result', 'the decrypted counts are out of range', {
        event: this.#event,
      });
    }
    this.#check(
      JSON.stringify(counts) === JSON.stringify(p.counts),
      'bad-result',
      `the decrypted counts are ${JSON.stringify(counts)}, the result says ${JSON.stringify(p.counts)}`,
    );
    this.result = p;
    this.phase = 'published';
  }
}

function decodeShare(share: Payload<'trustee-dealing'>['shares'][number]) {
  return {
    nonce: decodeBytes(share.nonce, 24),
    ciphertext: decodeBytes(share.ciphertext, 48),
  };
}

function decodeBytes(text: string, length: number): Uint8Array {
  try {
    return fromBase64url(text, length);
  } catch {
    throw new ProtocolError('bad-element', `expected ${length} bytes of base64url`);
  }
}
