/**
 * Background jobs of one kind (a roll's audit, a batch of invitations), run by whichever server process
 * claims them from the store (`claimJob`: each job goes to one process). A route creates the job and
 * pokes its runner, so the job starts at once on the node that took the request; every runner also
 * looks for queued jobs every few seconds, so a job created just before a node stopped is taken up by
 * another. While a job runs, its runner keeps its time fresh (a heartbeat), so a job whose time stands
 * still has lost its process (`isStalled`) and may be replaced.
 *
 * @example
 * ```ts
 * const runner = new JobRunner(store, 'invitations', async (job, { progress, signal }) => {
 *   await progress(0.5);
 *   return { sent: 10 };
 * });
 * runner.start();
 * await store.createJob('leader-2026', 'invitations', {});
 * runner.poke();
 * ```
 */
import type { Job, Store } from '../store/store.ts';

/** What a job's handler gets besides the job. */
export interface JobContext {
  /** Stores the job's progress (0..1). */
  progress(fraction: number): Promise<void>;
  /** Aborted when the server stops: the handler ends its work early (and throws, or returns). */
  readonly signal: AbortSignal;
}

/** Does a job's work; its return value is the job's result, a throw its error (the message is kept). */
export type JobHandler = (job: Job, context: JobContext) => Promise<unknown>;

/** The few logger methods the runner uses (Fastify's logger fits). */
export interface JobLog {
  error(obj: object, msg: string): void;
}

/** How often a running job's time is refreshed, and after how long without it a job counts as stalled. */
const HEARTBEAT_MS = 10_000;
const STALLED_MS = 60_000;

/**
 * True when a queued or running job has not changed for a minute: its process stopped without
 * finishing it (a running job's runner refreshes its time every 10 s).
 * @example `if (latest && isStalled(latest, new Date())) await store.finishJob(latest.id, { error: '…' })`
 */
export function isStalled(job: Pick<Job, 'status' | 'updatedAt'>, now: Date): boolean {
  return job.status === 'running' && now.getTime() - Date.parse(job.updatedAt) > STALLED_MS;
}

/** Runs the jobs of one kind that this process claims, one at a time. */
export class JobRunner {
  readonly #store: Store;
  readonly #kind: string;
  readonly #handler: JobHandler;
  readonly #intervalMs: number;
  readonly #log: JobLog | undefined;
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(
    store: Store,
    kind: string,
    handler: JobHandler,
    options: { intervalMs?: number; log?: JobLog } = {},
  ) {
    this.#store = store;
    this.#kind = kind;
    this.#handler = handler;
    this.#intervalMs = options.intervalMs ?? 3000;
    this.#log = options.log;
  }

  /** Looks for queued jobs every few seconds until stop(); the timer does not keep the process alive. */
  start(): void {
    if (this.#timer || this.#abort.signal.aborted) return;
    this.#timer = setInterval(() => this.poke(), this.#intervalMs);
    this.#timer.unref();
  }

  /** Claims and runs queued jobs now (or as soon as the job in hand is done). */
  poke(): void {
    if (this.#abort.signal.aborted) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain()
      .catch((e: unknown) =>
        this.#log?.error({ err: e, kind: this.#kind }, 'background jobs could not be run'),
      )
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.poke();
        }
      });
  }

  /** Resolves once no job is running here (tests and benchmarks wait on it). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops looking for jobs and asks the running one to stop; waits for it to end. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#abort.abort();
    await this.idle();
  }

  async #drain(): Promise<void> {
    while (!this.#abort.signal.aborted) {
      const job = await this.#store.claimJob(this.#kind);
      if (!job) return;
      await this.#run(job);
    }
  }

  async #run(job: Job): Promise<void> {
    let fraction = 0;
    const progress = async (value: number) => {
      fraction = Math.min(1, Math.max(0, value));
      await this.#store.updateJob(job.id, fraction);
    };
    const heartbeat = setInterval(() => {
      this.#store.updateJob(job.id, fraction).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    let outcome: { result: unknown } | { error: string };
    try {
      outcome = { result: (await this.#handler(job, { progress, signal: this.#abort.signal })) ?? null };
    } catch (e) {
      outcome = { error: e instanceof Error ? e.message : String(e) };
    } finally {
      clearInterval(heartbeat);
    }
    await this.#store.finishJob(job.id, outcome);
  }
}
