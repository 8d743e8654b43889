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

interface Slot {
  readonly worker: Worker;
  readonly known: Set<string>;
  busy: number;
}

export class CheckPool {
  readonly #group: Group;
  readonly #slots: Slot[];
  readonly #pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  #next = 1;

  constructor(workers: number, group: Group) {
    this.#group = group;
    this.#slots = Array.from({ length: workers }, () => {
      const worker = new Worker(new URL('./check-worker.ts', import.meta.url));
      worker.unref();
      const slot: Slot = { worker, known: new Set(), busy: 0 };
      worker.on('message', (reply: CheckReply) => {
        slot.busy--;
        const pending = this.#pending.get(reply.id);
        this.#pending.delete(reply.id);
        if (reply.error)
          pending?.reject(new ProtocolError(reply.error.code as ProtocolErrorCode, reply.error.message));
        else pending?.resolve();
      });
      worker.on('error', (e) => {
        for (const p of this.#pending.values()) p.reject(e);
        this.#pending.clear();
      });
      return slot;
    });
  }

  /** Validates the ballot's signature and proofs; rejects with the ProtocolError of the first failure. */
  check(election: BallotElection, ballot: unknown): Promise<void> {
    if (this.#slots.length === 0) {
      validateBallot(this.#group, election, ballot, () => true);
      return Promise.resolve();
    }
    const slot = this.#slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.#next++;
    const key = election.definition.id;
    const setup = slot.known.has(key)
      ? undefined
      : { definition: election.definition, publicKey: encodeElement(this.#group, election.publicKey) };
    slot.known.add(key);
    slot.busy++;
    return new Promise<void>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      slot.worker.postMessage({
        id,
        election: key,
        ...(setup ? { setup } : {}),
        ballot,
      } satisfies CheckRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
