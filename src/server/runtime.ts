/**
 * One election as the server runs it: its board over the store, and the ElectionState that the
 * verifier uses — every event is checked by that same code before it is appended, so the server can
 * only publish what the verifier accepts. Posting is serialised per election in this process (and per
 * election in the database, by the store's append rule); if an append fails after the state accepted
 * the event, the runtime is rebuilt from the store, which stays the only source of truth.
 *
 * @example
 * ```ts
 * const runtime = await runtimes.get('leader-2026');
 * await runtime.post('open', {});
 * const { receipt } = await runtime.cast(voterId, ballot, pool);
 * ```
 */
import { Board } from '../board/board.ts';
import type { Receipt } from '../board/receipt.ts';
import { toBase64url } from '../crypto/bytes.ts';
import type { Group } from '../crypto/group.ts';
import type { Ballot } from '../protocol/ballot.ts';
import { parseBallot } from '../protocol/ballot.ts';
import type { BoardEvent, BoardEventOf, EventType, Payload } from '../protocol/events.ts';
import { GENESIS } from '../protocol/events.ts';
import { tracker } from '../protocol/tracker.ts';
import type { Store } from '../store/store.ts';
import { ElectionState } from '../verifier/election-state.ts';
import type { CheckPool } from './check-pool.ts';
import { ApiError } from './errors.ts';

export class ElectionRuntime {
  readonly id: string;
  readonly board: Board;
  readonly state: ElectionState;
  readonly #store: Store;
  #queue: Promise<unknown> = Promise.resolve();
  #broken = false;
  /** How many board events the state has applied (the board may have more after a refresh). */
  #applied: number;

  private constructor(id: string, store: Store, board: Board, state: ElectionState) {
    this.id = id;
    this.#store = store;
    this.board = board;
    this.state = state;
    this.#applied = board.size;
  }

  /** Opens the board and replays its events (ballot proofs were checked when they were cast). */
  static async load(store: Store, id: string, group: Group): Promise<ElectionRuntime> {
    const election = await store.election(id);
    if (!election) throw new ApiError(404, 'unknown-election', `there is no election "${id}"`);
    const board = await Board.open(store, id, election.boardSecretKey);
    const state = new ElectionState(group);
    // Up to the board's size only: another node may append meanwhile, and #sync applies what follows.
    for await (const event of store.events(id, 0, board.size))
      state.apply(event, { ballotProofsChecked: true });
    await markVotersWhoseBallotsCount(store, id, state);
    return new ElectionRuntime(id, store, board, state);
  }

  /** True once an append failed: the cache must load a fresh runtime. */
  get broken(): boolean {
    return this.#broken;
  }

  /**
   * Runs `fn` after every earlier call has finished (one writer per election in this process), once
   * the board and the state have caught up with events that other server processes appended.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#sync().then(fn));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Catches up with the store: new events go through the state too, so no check runs on stale state. */
  async #sync(): Promise<void> {
    await this.board.refresh();
    if (this.#applied === this.board.size) return;
    for await (const event of this.#store.events(this.id, this.#applied, this.board.size))
      this.state.apply(event, { ballotProofsChecked: true });
    this.#applied = this.board.size;
  }

  /** Catches up with other server processes before answering a read. */
  refresh(): Promise<void> {
    return this.exclusive(async () => undefined);
  }

  /**
   * Checks an event with ElectionState, appends it, signs a head and moves the stored status.
   * Must run inside `exclusive`. Throws VerificationFailure (→ 4xx) when the event is not acceptable now.
   */
  async postLocked<T extends EventType>(
    type: T,
    payload: Payload<T>,
    ballotProofsChecked = false,
  ): Promise<BoardEventOf<T>> {
    const candidate = {
      election: this.id,
      index: this.board.size,
      previous: GENESIS,
      time: new Date().toISOString(),
      type,
      payload,
    };
    const before = this.state.phase;
    this.state.apply(candidate as BoardEvent, { ballotProofsChecked });
    let event: BoardEventOf<T>;
    try {
      event = await this.board.append(type, payload);
    } catch (e) {
      this.#broken = true;
      throw e;
    }
    this.#applied++;
    if (type !== 'ballot') await this.board.signHead();
    const after = this.state.phase;
    // The store's status mirrors the board's phase; before `setup` the election is a draft.
    if (after !== before && after !== 'empty')
      await this.#store.transition(this.id, before === 'empty' ? 'draft' : before, after);
    return event;
  }

  /** `postLocked` in its own turn. */
  post<T extends EventType>(type: T, payload: Payload<T>): Promise<BoardEventOf<T>> {
    return this.exclusive(() => this.postLocked(type, payload));
  }

  /**
   * Casts a ballot for a logged-in voter: cheap checks, then the proofs in the pool, then — in turn —
   * the revoting policy, the Belenios rule (this login, this credential), the durable append; then the
   * receipt. The same ballot sent again gets the same receipt.
   */
  async cast(
    voterId: string,
    value: unknown,
    pool: CheckPool,
  ): Promise<{ receipt: Receipt; replay: boolean }> {
    const ballot = parseBallot(value);
    this.#assertCastable(ballot);
    const trackerText = toBase64url(tracker(ballot));
    const known = await this.#store.findBallot(this.id, trackerText);
    if (known !== undefined) {
      // A retry after a lost reply: the ballot is on the board; make sure its voter is marked too.
      if ((await this.#store.voter(this.id, voterId))?.credential === ballot.credential) {
        await this.#store.markVoted(this.id, voterId, new Date().toISOString());
      }
      return { receipt: await this.board.receipt(known), replay: true };
    }
    this.#assertRevotable(ballot);
    await pool.check(this.state.ballotElection, ballot);
    const event = await this.exclusive(async () => {
      // The same ballot may have been appended while this copy was checked (a resend racing the first).
      const appended = await this.#store.findBallot(this.id, trackerText);
      if (appended !== undefined) return { index: appended, replay: true };
      this.#assertCastable(ballot);
      this.#assertRevotable(ballot);
      const binding = await this.#store.bindCredential(this.id, voterId, ballot.credential);
      if (binding === 'taken') {
        throw new ApiError(
          403,
          'credential-taken',
          'this credential is used by another login, or you have already voted with another credential',
        );
      }
      const cast = await this.postLocked('ballot', { ballot }, true);
      await this.#store.markVoted(this.id, voterId, cast.time);
      return { index: cast.index, replay: false };
    });
    return { receipt: await this.board.receipt(event.index), replay: event.replay };
  }

  #assertCastable(ballot: Ballot): void {
    if (this.state.phase !== 'open')
      throw new ApiError(
        409,
        'election-not-open',
        `voting is not open (the election is ${this.state.phase})`,
      );
    if (ballot.election !== toBase64url(this.state.fingerprint!))
      throw new ApiError(400, 'wrong-election', 'this ballot was made for another election');
    if (!this.state.credentials!.has(ballot.credential))
      throw new ApiError(403, 'unlisted-credential', 'this credential is not on the published list');
  }

  #assertRevotable(ballot: Ballot): void {
    if (this.state.definition!.revoting === 'single' && this.state.counted.has(ballot.credential)) {
      throw new ApiError(
        409,
        'already-voted',
        'a ballot was already cast with this credential, and this election does not allow changing it',
      );
    }
  }
}

/**
 * A crash between a ballot's append and its voter's "voted" mark leaves the mark missing (the board is
 * right: the ballot counts). On start, every voter whose bound credential has a counted ballot is
 * marked, so reminders never go to someone who voted.
 */
async function markVotersWhoseBallotsCount(store: Store, id: string, state: ElectionState): Promise<void> {
  if (state.counted.size === 0) return;
  const now = new Date().toISOString();
  let after: string | undefined;
  for (;;) {
    const page = await store.voters(id, {
      notVoted: true,
      limit: 1000,
      ...(after === undefined ? {} : { after }),
    });
    for (const voter of page)
      if (voter.credential && state.counted.has(voter.credential))
        await store.markVoted(id, voter.voterId, now);
    if (page.length < 1000) return;
    after = page.at(-1)!.voterId;
  }
}

/** The runtimes of the elections this process serves, loaded on first use and reloaded after a failure. */
export class Runtimes {
  readonly #store: Store;
  readonly #group: Group;
  readonly #loaded = new Map<string, Promise<ElectionRuntime>>();

  constructor(store: Store, group: Group) {
    this.#store = store;
    this.#group = group;
  }

  async get(id: string): Promise<ElectionRuntime> {
    let loading = this.#loaded.get(id);
    if (loading) {
      const runtime = await loading.catch(() => undefined);
      if (runtime && !runtime.broken) return runtime;
    }
    loading = ElectionRuntime.load(this.#store, id, this.#group);
    this.#loaded.set(id, loading);
    loading.catch(() => this.#loaded.delete(id));
    return loading;
  }

  /** Every loaded runtime (for the periodic head signing). */
  async all(): Promise<ElectionRuntime[]> {
    const settled = await Promise.allSettled(this.#loaded.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }
}
