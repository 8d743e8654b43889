/**
 * A ballot pool over any kind of worker: ballots go out in batches; at most a few batches per worker are
 * in flight, so a record of any size is read at the pace the workers keep (memory stays flat). What a
 * worker is — a Node worker thread (node-pool.ts), a Web Worker (the verifier page), or a plain function
 * in tests — is the `spawn` adapter's business; this file imports no runtime.
 *
 * @example
 * ```ts
 * const pool = new WorkerBallotPool({
 *   workers: 4,
 *   spawn: (events) => {
 *     const w = new Worker(url, { type: 'module' });
 *     w.onmessage = (m) => events.reply(m.data);
 *     w.onerror = (e) => events.crash(new Error(e.message));
 *     return { post: (request) => w.postMessage(request), terminate: () => w.terminate() };
 *   },
 * });
 * const report = await verifyRecord(source, { group, pool });
 * ```
 */
import type { BallotReply, BallotRequest } from './ballot-check.ts';
import type { BallotPool } from './verify.ts';

/** A worker as the pool sees it. */
export interface PoolWorker {
  post(request: BallotRequest): void;
  terminate(): unknown;
}

/** What a worker tells the pool: a reply to a batch, or that it died. */
export interface PoolWorkerEvents {
  reply(reply: BallotReply): void;
  crash(error: Error): void;
}

export interface WorkerPoolOptions {
  readonly workers: number;
  /** Starts worker `index` (0-based), wiring its messages to `events`. */
  readonly spawn: (events: PoolWorkerEvents, index: number) => PoolWorker;
  /** Ballots per batch (default 32). */
  readonly batch?: number;
  /**
   * Batches each worker may hold at once (default 4): enough to keep it busy, few enough that the
   * reader is never far ahead of the checks (a progress display counts both).
   */
  readonly inFlightPerWorker?: number;
}

const BATCH = 32;
const IN_FLIGHT_PER_WORKER = 4;

interface Slot {
  readonly worker: PoolWorker;
  inFlight: number;
}

/**
 * The BallotPool of verify.ts over `options.workers` workers started by `options.spawn`.
 * @example `await verifyRecord(source, { group, pool: new WorkerBallotPool({ workers: 2, spawn }) })`
 */
export class WorkerBallotPool implements BallotPool {
  readonly #slots: Slot[];
  readonly #batchSize: number;
  readonly #inFlight: number;
  #batch: { event: number; ballot: unknown }[] = [];
  #failures: { event: number; message: string }[] = [];
  #checked = 0;
  #submitted = 0;
  #crash: Error | undefined;
  #waiters: (() => void)[] = [];

  constructor(options: WorkerPoolOptions) {
    this.#batchSize = options.batch ?? BATCH;
    this.#inFlight = options.inFlightPerWorker ?? IN_FLIGHT_PER_WORKER;
    this.#slots = Array.from({ length: Math.max(1, options.workers) }, (_, index) => {
      const slot: { worker?: PoolWorker; inFlight: number } = { inFlight: 0 };
      slot.worker = options.spawn(
        {
          reply: (reply) => {
            slot.inFlight--;
            this.#checked += reply.count;
            this.#failures.push(...reply.failures);
            this.#wake();
          },
          crash: (error) => {
            this.#crash ??= error;
            this.#wake();
          },
        },
        index,
      );
      return slot as Slot;
    });
  }

  /** How many ballots the workers have checked so far (for progress displays). */
  get checked(): number {
    return this.#checked;
  }

  /** How many ballots were submitted so far: those not yet `checked` are queued or being checked. */
  get submitted(): number {
    return this.#submitted;
  }

  /** How many workers the pool runs. */
  get size(): number {
    return this.#slots.length;
  }

  start(election: { definition: unknown; publicKey: string }): void {
    for (const { worker } of this.#slots) worker.post({ type: 'start', ...election });
  }

  async submit(event: number, ballot: unknown): Promise<void> {
    this.#batch.push({ event, ballot });
    this.#submitted++;
    if (this.#batch.length >= this.#batchSize) await this.#dispatch();
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
    await this.#until(() => this.#slots.some((s) => s.inFlight < this.#inFlight));
    const slot = this.#slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    slot.inFlight++;
    slot.worker.post({ type: 'batch', items: this.#batch });
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
