/**
 * The server's ballot check pool: full ballot validation (3–4 ms of scalar multiplications) runs in
 * worker threads so the request thread keeps answering. With zero workers it runs in place.
 *
 * @example
 * ```ts
 * const pool = new CheckPool(2, group);
 * await pool.check(runtime.ballotElection, electionId, ballot);   // throws ProtocolError
 * ```
 */
import { Worker } from 'node:worker_threads';
import type { Group } from '../crypto/group.ts';
import type { BallotElection } from '../protocol/ballot.ts';
import { validateBallot } from '../protocol/ballot.ts';
import { encodeElement } from '../protocol/codec.ts';
import type { ProtocolErrorCode } from '../protocol/errors.ts';
import { ProtocolError } from '../protocol/errors.ts';
import type { CheckReply, CheckRequest } from './check-worker.ts';
import { ApiError } from './errors.ts';

interface Slot {
  worker: Worker;
  known: Set<string>;
  /** Deaths since the last answer. */
  deaths: number;
  restart?: NodeJS.Timeout;
  readonly pending: Map<number, { resolve: () => void; reject: (e: Error) => void }>;
}

export class CheckPool {
  readonly #group: Group;
  readonly #slots: Slot[];
  #next = 1;
  #closing = false;
  readonly #log: ((message: string) => void) | undefined;

  readonly #workerUrl: URL;

  /** `workerUrl` is the worker module (tests pass one that fails, to see the pool cope). */
  constructor(
    workers: number,
    group: Group,
    log?: (message: string) => void,
    workerUrl = new URL('./check-worker.ts', import.meta.url),
  ) {
    this.#group = group;
    this.#log = log;
    this.#workerUrl = workerUrl;
    this.#slots = Array.from({ length: workers }, () => {
      const slot: Slot = {
        worker: undefined as unknown as Worker,
        known: new Set(),
        deaths: 0,
        pending: new Map(),
      };
      this.#start(slot);
      return slot;
    });
  }

  /**
   * Starts (or restarts) a slot's worker. A worker that dies fails only the ballots it held — each
   * voter gets a 503 and nothing was recorded, so a retry is safe — and is replaced.
   */
  #start(slot: Slot): void {
    // No inherited flags: a worker needs none, and some (e.g. --input-type) would stop it starting.
    const worker = new Worker(this.#workerUrl, { execArgv: [] });
    worker.unref();
    slot.worker = worker;
    slot.known = new Set();
    worker.on('message', (reply: CheckReply) => {
      slot.deaths = 0;
      const pending = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      if (reply.error)
        pending?.reject(new ProtocolError(reply.error.code as ProtocolErrorCode, reply.error.message));
      else pending?.resolve();
    });
    const died = () => {
      if (slot.worker !== worker) return;
      const lost = new ApiError(
        503,
        'unavailable',
        'the ballot could not be checked; nothing was recorded: please send it again',
      );
      for (const p of slot.pending.values()) p.reject(lost);
      slot.pending.clear();
      if (this.#closing) return;
      // A worker that keeps dying is restarted ever more slowly (up to a minute), not in a busy loop.
      slot.deaths++;
      const delay = Math.min(60_000, 100 * 2 ** (slot.deaths - 1));
      this.#log?.(`a ballot check worker stopped (${slot.deaths} in a row); restarting in ${delay} ms`);
      slot.restart = setTimeout(() => this.#start(slot), delay);
      slot.restart.unref();
    };
    worker.on('error', died);
    worker.on('exit', died);
  }

  /** Validates the ballot's signature and proofs; rejects with the ProtocolError of the first failure. */
  check(election: BallotElection, ballot: unknown): Promise<void> {
    if (this.#slots.length === 0) {
      validateBallot(this.#group, election, ballot, () => true);
      return Promise.resolve();
    }
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#next++;
    const key = election.definition.id;
    const setup = slot.known.has(key)
      ? undefined
      : { definition: election.definition, publicKey: encodeElement(this.#group, election.publicKey) };
    slot.known.add(key);
    return new Promise<void>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({
        id,
        election: key,
        ...(setup ? { setup } : {}),
        ballot,
      } satisfies CheckRequest);
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    for (const s of this.#slots) clearTimeout(s.restart);
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
