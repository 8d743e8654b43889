/**
 * The ballot pool on Node: worker threads that check ballot signatures and proofs in parallel while the
 * main thread follows the log. Ballots go out in batches; at most a few batches per worker are in
 * flight, so a record of any size is read at the pace the workers keep (memory stays flat).
 *
 * @example
 * ```ts
 * const pool = new NodeBallotPool({ workers: 2, backend: 'sodium' });
 * const report = await verifyRecord(source, { group, pool });
 * ```
 */
import { Worker } from 'node:worker_threads';
import type { BackendName } from '../crypto/group.ts';
import type { WorkerReply, WorkerRequest } from './ballot-worker.ts';
import type { BallotPool } from './verify.ts';

const BATCH = 32;
const IN_FLIGHT_PER_WORKER = 4;

interface Slot {
  readonly worker: Worker;
  inFlight: number;
}

export class NodeBallotPool implements BallotPool {
  readonly #slots: Slot[];
  #batch: { event: number; ballot: unknown }[] = [];
  #failures: { event: number; message: string }[] = [];
  #crash: Error | undefined;
  #waiters: (() => void)[] = [];

  constructor(options: { workers: number; backend: BackendName }) {
    this.#slots = Array.from({ length: Math.max(1, options.workers) }, () => {
      const worker = new Worker(new URL('./ballot-worker.ts', import.meta.url), {
        workerData: { backend: options.backend },
      });
      const slot = { worker, inFlight: 0 };
      worker.on('message', (reply: WorkerReply) => {
        slot.inFlight--;
        this.#failures.push(...reply.failures);
        this.#wake();
      });
      worker.on('error', (e) => {
        this.#crash = e;
        this.#wake();
      });
      return slot;
    });
  }

  start(election: { definition: unknown; publicKey: string }): void {
    for (const { worker } of this.#slots)
      worker.postMessage({ type: 'start', ...election } satisfies WorkerRequest);
  }

  async submit(event: number, ballot: unknown): Promise<void> {
    this.#batch.push({ event, ballot });
    if (this.#batch.length >= BATCH) await this.#dispatch();
  }

  async finish(): Promise<{ event: number; message: string } | undefined> {
    if (this.#batch.length > 0) await this.#dispatch();
    await this.#until(() => this.#slots.every((s) => s.inFlight === 0));
    return this.#failures.sort((a, b) => a.event - b.event)[0];
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  async #dispatch(): Promise<void> {
    await this.#until(() => this.#slots.some((s) => s.inFlight < IN_FLIGHT_PER_WORKER));
    const slot = this.#slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    slot.inFlight++;
    slot.worker.postMessage({ type: 'batch', items: this.#batch } satisfies WorkerRequest);
    this.#batch = [];
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  async #until(condition: () => boolean): Promise<void> {
    while (!condition()) {
      if (this.#crash) throw this.#crash;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    if (this.#crash) throw this.#crash;
  }
}
