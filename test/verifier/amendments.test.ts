/**
 * Roll amendments in the verifier's election state (SPEC.md §15, §16.6): an honest simulated election
 * is replayed, event by event, through a second board into a fresh ElectionState, with its electorate
 * committed (`members`) or not and with amendment events inserted. Some of these records cannot come
 * from an honest board — a tally counting more ballots than the amended electorate has members — so
 * they are built here rather than in the tamper corpus.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Board } from '../../src/board/board.ts';
import { MemoryStore } from '../../src/board/memory-store.ts';
import { generateBoardKey } from '../../src/board/tree-head.ts';
import type { SimulatedElection } from '../../src/cli/simulate.ts';
import { simulateElection } from '../../src/cli/simulate.ts';
import { loadGroup } from '../../src/crypto/backends.ts';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { deriveCredential } from '../../src/crypto/credential.ts';
import { randomScalar } from '../../src/crypto/scalar.ts';
import { encodeElement } from '../../src/protocol/codec.ts';
import type { BoardEvent, EventType, Payload } from '../../src/protocol/events.ts';
import { ElectionState } from '../../src/verifier/election-state.ts';
import { VerificationFailure } from '../../src/verifier/failure.ts';

const group = await loadGroup();
const boardKey = generateBoardKey();

/** 8 credentials, of which the last 2 never vote: 6 ballots count. */
const VOTERS = 8;
const ABSTAINERS = 2;

let sim: SimulatedElection;
let events: BoardEvent[];

before(async () => {
  sim = await simulateElection({
    group,
    voters: VOTERS,
    abstainers: ABSTAINERS,
    candidates: 3,
    trustees: 3,
    threshold: 2,
    electionId: 'amendments-2026',
    boardKey,
  });
  events = [];
  for await (const event of sim.store.events(sim.id)) events.push(event);
});

/** A member leaf: only its form matters to the verifier (the tree's leaves are not on the board). */
const leaf = (n: number) => toBase64url(new Uint8Array(32).fill(n));
/** A well-formed public credential nobody holds. */
const freshCredential = () => encodeElement(group, group.mulBase(randomScalar()));
/** Voter v's public credential. */
const credentialOf = (v: number) =>
  encodeElement(group, deriveCredential(group, sim.id, sim.credentials[v]!).publicCredential);

/** The honest election's events appended through a second board and applied to a fresh state. */
class Replay {
  readonly state = new ElectionState(group);
  readonly #board: Board;
  #next = 0;

  private constructor(board: Board) {
    this.#board = board;
  }

  static async start(): Promise<Replay> {
    return new Replay(await Board.open(new MemoryStore(), sim.id, boardKey.secretKey));
  }

  /** Appends an event to the board (which checks its schema) and applies it. */
  async post<T extends EventType>(type: T, payload: Payload<T>): Promise<BoardEvent> {
    const event = await this.#board.append(type, payload);
    this.state.apply(event);
    return event;
  }

  /**
   * Replays the honest events up to (not including) the next one of type `stop`, or to the end; with
   * `commit`, the electorate event carries a commitment to as many members as credentials.
   */
  async until(stop?: EventType, options: { commit?: boolean } = {}): Promise<void> {
    for (; this.#next < events.length && events[this.#next]!.type !== stop; this.#next++) {
      const { type, payload } = events[this.#next]!;
      if (type === 'electorate' && options.commit)
        await this.post('electorate', {
          ...payload,
          members: { count: payload.credentials.length, root: leaf(0) },
        });
      else await this.post(type, payload as never);
    }
  }

  /** Expects the next posted event to fail verification with `code`, at its own index. */
  async rejects<T extends EventType>(
    type: T,
    payload: Payload<T>,
    code: string,
    message: RegExp,
  ): Promise<void> {
    const index = this.#board.size;
    await assert.rejects(this.post(type, payload), (e: unknown) => {
      assert.ok(e instanceof VerificationFailure, String(e));
      assert.equal(e.code, code, e.message);
      assert.equal(e.event, index);
      assert.match(e.message, message);
      return true;
    });
  }
}

describe('roll amendments in the election state', () => {
  test('the honest election replays through a second board to its result', async () => {
    const replay = await Replay.start();
    await replay.until();
    assert.equal(replay.state.phase, 'published');
    assert.equal(replay.state.tally?.counted, VOTERS - ABSTAINERS);
    assert.equal(replay.state.committedMembers, undefined);
    assert.equal(replay.state.amendedMembers, undefined);
  });

  test('with the roll committed, additions and removals move the member count and corrections do not', async () => {
    const replay = await Replay.start();
    await replay.until('open', { commit: true });
    const { state } = replay;
    assert.equal(state.committedMembers, VOTERS);
    assert.equal(state.amendedMembers, VOTERS);
    const added = freshCredential();
    await replay.post('roll-amendment', {
      kind: 'add',
      credential: added,
      leaf: leaf(1),
      reason: 'appeal upheld',
    });
    assert.equal(state.amendedMembers, VOTERS + 1);
    assert.equal(state.credentials?.get(added), 1);
    await replay.post('roll-amendment', {
      kind: 'correct',
      leaf: leaf(2),
      previousLeaf: leaf(3),
      reason: 'member id mistyped at import',
    });
    assert.equal(state.amendedMembers, VOTERS + 1);
    assert.equal(state.credentials?.size, VOTERS + 1);
    await replay.until('close');
    // An abstainer is removed before the close: no counted ballot changes.
    const abstainer = credentialOf(VOTERS - 1);
    await replay.post('roll-amendment', {
      kind: 'remove',
      credential: abstainer,
      reason: 'membership lapsed',
    });
    assert.equal(state.amendedMembers, VOTERS);
    assert.equal(state.credentials?.has(abstainer), false);
    await replay.until();
    assert.equal(state.phase, 'published');
    assert.equal(state.amendments, 3);
    assert.equal(state.committedMembers, VOTERS);
    assert.equal(state.amendedMembers, VOTERS);
    assert.equal(state.result?.counted, VOTERS - ABSTAINERS);
  });

  test("with the roll committed, an addition without the new member's leaf is bad-amendment", async () => {
    const replay = await Replay.start();
    await replay.until('open', { commit: true });
    await replay.rejects(
      'roll-amendment',
      { kind: 'add', credential: freshCredential(), reason: 'late joiner' },
      'bad-amendment',
      /leaf/,
    );
  });

  test('without a commitment, an addition needs no leaf and no member count is kept', async () => {
    const replay = await Replay.start();
    await replay.until('open');
    await replay.post('roll-amendment', {
      kind: 'add',
      credential: freshCredential(),
      reason: 'late joiner',
    });
    assert.equal(replay.state.credentials?.size, VOTERS + 1);
    assert.equal(replay.state.amendedMembers, undefined);
  });

  test('with the roll committed, one leaf added twice is bad-amendment, even with another credential', async () => {
    const replay = await Replay.start();
    await replay.until('open', { commit: true });
    await replay.post('roll-amendment', {
      kind: 'add',
      credential: freshCredential(),
      leaf: leaf(1),
      reason: 'appeal',
    });
    await replay.rejects(
      'roll-amendment',
      { kind: 'add', credential: freshCredential(), leaf: leaf(1), reason: 'appeal, again' },
      'bad-amendment',
      /already added/,
    );
  });

  /**
   * Voters 0..removed−1 are removed after voting, before the close; then the simulation's tally, which
   * still counts all 6 ballots, is posted. Only a dishonest board would post it.
   */
  async function tallyAfterRemovals(removed: number, commit: boolean): Promise<Replay> {
    const replay = await Replay.start();
    await replay.until('close', { commit });
    for (let v = 0; v < removed; v++) {
      await replay.post('roll-amendment', {
        kind: 'remove',
        credential: credentialOf(v),
        reason: 'duplicate',
      });
    }
    await replay.until('tally');
    assert.equal(replay.state.counted.size, VOTERS - ABSTAINERS - removed);
    return replay;
  }

  test('a tally counting more ballots than the amended electorate has members is bad-tally, naming both', async () => {
    const tally = events.find((e) => e.type === 'tally')!.payload as Payload<'tally'>;
    assert.equal(tally.counted, 6);
    // 8 members − 3 removed = 5 < 6 counted.
    const replay = await tallyAfterRemovals(3, true);
    assert.equal(replay.state.amendedMembers, 5);
    await replay.rejects('tally', tally, 'bad-tally', /counts 6 ballots, more than the 5 members/);
  });

  test('a tally within the amended member count, or without a commitment, fails only on the ballots that count', async () => {
    const tally = events.find((e) => e.type === 'tally')!.payload as Payload<'tally'>;
    // 8 − 2 = 6 members: the bound holds (it is not strict), the board has 4 ballots that count.
    const atBound = await tallyAfterRemovals(2, true);
    assert.equal(atBound.state.amendedMembers, 6);
    await atBound.rejects('tally', tally, 'bad-tally', /counts 6 ballots, the board has 4 that count/);
    // No commitment: no member bound, the same record fails on the count alone.
    const uncommitted = await tallyAfterRemovals(3, false);
    await uncommitted.rejects('tally', tally, 'bad-tally', /counts 6 ballots, the board has 3 that count/);
  });
});
