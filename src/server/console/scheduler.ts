/**
 * Scheduled opening and closing (SPEC.md §19.1): for every election whose organiser chose it (the
 * `schedule` of its private record, console/private.ts), the server opens voting once the definition's
 * `opensAt` has come and closes it once its `closesAt` has — so nobody has to press the button at the
 * right moment. A server that was down at that moment does it at its first tick after starting.
 *
 * Each step goes the way the organiser's buttons go: inside the election's `runtime.exclusive`, which
 * first catches up with the store, then `postLocked`, which checks the event with ElectionState. So an
 * organiser clicking at the same moment, or the scheduler of another server node, cannot open or close
 * twice: whoever comes second finds the phase moved on (or, on another node, loses the board's append
 * rule with BoardError `conflict`) and nothing is appended. A lost race is not an error (logged at
 * `info`); any other failure is logged (code and message, never a secret) and tried again next tick.
 *
 * @example
 * ```ts
 * const scheduler = new Scheduler({ store, runtimes, log: app.log, now: () => new Date(), intervalMs: 15_000 });
 * scheduler.start();
 * await scheduler.stop(); // on close: no tick starts afterwards, and a running one is waited for
 * ```
 */
import { BoardError } from '../../board/errors.ts';
import type { ElectionStatus } from '../../protocol/lifecycle.ts';
import type { Store } from '../../store/store.ts';
import type { Runtimes } from '../runtime.ts';
import { readPrivate, type Schedule } from './private.ts';

/** The steps the scheduler takes. */
export type ScheduledStep = 'open' | 'close';

/** What one election's turn in a tick came to. */
export interface ScheduledOutcome {
  readonly election: string;
  readonly step: ScheduledStep;
  /** `done`: this server took the step; `already`: someone else had (or was taking) it; `failed`: retried next tick. */
  readonly outcome: 'done' | 'already' | 'failed';
}

/** Where the scheduler writes (Fastify's logger fits). */
export interface SchedulerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface SchedulerOptions {
  readonly store: Store;
  readonly runtimes: Runtimes;
  readonly log: SchedulerLog;
  /** The server's clock (tests pass their own). */
  readonly now: () => Date;
  /** How often to look, in milliseconds. */
  readonly intervalMs: number;
}

/** The definition's times, as the scheduler reads them. */
interface Times {
  readonly opensAt: string;
  readonly closesAt: string;
}

/**
 * The step that is due for an election in `status`, given its times and schedule, at `now`: `open`
 * when ready, scheduled to open, and `opensAt` has come (but not `closesAt`: a period that ended while
 * the server was down is not opened by itself); `close` when open, scheduled to close, and `closesAt`
 * has come.
 * @example `dueStep('ready', definition, { open: true, close: false }, new Date()) // 'open' once opensAt has come`
 */
export function dueStep(
  status: ElectionStatus | 'empty',
  times: Times,
  schedule: Schedule | undefined,
  now: Date,
): ScheduledStep | undefined {
  const t = now.getTime();
  if (
    status === 'ready' &&
    schedule?.open &&
    Date.parse(times.opensAt) <= t &&
    t < Date.parse(times.closesAt)
  )
    return 'open';
  if (status === 'open' && schedule?.close && Date.parse(times.closesAt) <= t) return 'close';
  return undefined;
}

/** The store's statuses in which the scheduler has something to do. */
const SCHEDULABLE: ReadonlySet<ElectionStatus> = new Set(['ready', 'open']);

export class Scheduler {
  readonly #o: SchedulerOptions;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<ScheduledOutcome[]> | undefined;
  #ticks = 0;
  #stopped = false;

  constructor(options: SchedulerOptions) {
    this.#o = options;
  }

  /** How many ticks have started (for tests and the curious). */
  get ticks(): number {
    return this.#ticks;
  }

  /** Ticks every `intervalMs` until {@link stop}; the timer does not keep the process alive. */
  start(): void {
    if (this.#timer || this.#stopped) return;
    this.#timer = setInterval(() => void this.tick(), this.#o.intervalMs);
    this.#timer.unref();
  }

  /** Stops ticking and waits for a tick under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /**
   * Looks at every ready or open election once and takes the steps that are due. A tick asked for while
   * one runs is that one (ticks never overlap); after `stop`, nothing.
   * @example `const outcomes = await scheduler.tick(); // [{ election: 'leader-2026', step: 'open', outcome: 'done' }]`
   */
  tick(): Promise<ScheduledOutcome[]> {
    if (this.#stopped) return Promise.resolve([]);
    if (this.#running) return this.#running;
    this.#ticks++;
    const run = this.#all().finally(() => {
      this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  async #all(): Promise<ScheduledOutcome[]> {
    const outcomes: ScheduledOutcome[] = [];
    let elections: Awaited<ReturnType<Store['elections']>>;
    try {
      elections = await this.#o.store.elections();
    } catch (e) {
      this.#o.log.warn(describe(e), 'scheduled opening and closing: cannot list the elections; trying again');
      return outcomes;
    }
    for (const election of elections) {
      if (this.#stopped) break;
      if (!SCHEDULABLE.has(election.status)) continue;
      const outcome = await this.#one(election.id, election.status, election.draft as Times);
      if (outcome) outcomes.push(outcome);
    }
    return outcomes;
  }

  /** One election's turn: nothing unless a step is due by the store's status; then the step, in turn. */
  async #one(id: string, status: ElectionStatus, times: Times): Promise<ScheduledOutcome | undefined> {
    const { store, runtimes, log, now } = this.#o;
    let step: ScheduledStep | undefined;
    try {
      step = dueStep(status, times, (await readPrivate(store, id)).schedule, now());
      if (!step) return undefined;
      const runtime = await runtimes.get(id);
      const done = await runtime.exclusive(async () => {
        // Caught up with the store: the organiser (or another node) may have done it, or unscheduled it.
        const schedule = (await readPrivate(store, id)).schedule;
        if (dueStep(runtime.state.phase, runtime.state.definition!, schedule, now()) !== step) return false;
        await runtime.postLocked(step!, {});
        return true;
      });
      if (done) log.info({ election: id, step }, `scheduled ${step}: done`);
      else log.info({ election: id, step }, `scheduled ${step}: already done, or no longer scheduled`);
      return { election: id, step, outcome: done ? 'done' : 'already' };
    } catch (e) {
      if (!step) {
        log.warn({ election: id, ...describe(e) }, 'scheduled opening and closing: cannot read the schedule');
        return undefined;
      }
      if (e instanceof BoardError && e.code === 'conflict') {
        // Another node appended at the same moment (perhaps this very step): look again next tick.
        log.info({ election: id, step }, `scheduled ${step}: another server appended first; looking again`);
        return { election: id, step, outcome: 'already' };
      }
      log.warn({ election: id, step, ...describe(e) }, `scheduled ${step} failed; trying again next tick`);
      return { election: id, step, outcome: 'failed' };
    }
  }
}

/** An error's code and message only: no stack, no cause (which may carry a connection string). */
function describe(e: unknown): { code: string; message: string } {
  const error = e as { code?: unknown; name?: unknown; message?: unknown };
  return {
    code: typeof error?.code === 'string' ? error.code : String(error?.name ?? 'error'),
    message: typeof error?.message === 'string' ? error.message : String(e),
  };
}
