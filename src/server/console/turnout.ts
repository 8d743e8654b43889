/**
 * Turnout by hour: how many ballots the board received in each hour (UTC), from the time of each ballot
 * event, and the running total. Counted incrementally — each call reads only the events appended since
 * the last — so the console can poll it while voting is open without re-reading the board.
 *
 * "Ballots cast" counts every ballot event, so under `last-counts` a member who votes twice counts
 * twice here; the console shows the counted ballots beside it.
 *
 * @example
 * ```ts
 * const turnout = new TurnoutCounter(store);
 * const hours = await turnout.hours('leader-2026', board.size); // [{ hour: '2026-03-01T09:00:00.000Z', ballots: 12, cumulative: 12 }, …]
 * turnoutCsv(hours); // 'hour,ballots,cumulative\r\n2026-03-01T09:00:00.000Z,12,12\r\n…'
 * ```
 */
import type { BoardStore } from '../../board/store.ts';
import { Serial } from './serial.ts';

/** One hour of voting. @example `{ hour: '2026-03-01T09:00:00.000Z', ballots: 12, cumulative: 40 }` */
export interface TurnoutHour {
  /** The start of the hour, UTC. */
  readonly hour: string;
  readonly ballots: number;
  readonly cumulative: number;
}

const HOUR = 3_600_000;

interface Tally {
  /** The index of the next event to read. */
  next: number;
  /** Hour start (ms) → ballots. */
  readonly buckets: Map<number, number>;
}

export class TurnoutCounter {
  readonly #store: BoardStore;
  readonly #tallies = new Map<string, Tally>();
  readonly #serial = new Serial();

  constructor(store: BoardStore) {
    this.#store = store;
  }

  /**
   * Every hour from the first ballot's to the last ballot's (hours without ballots included, so a chart
   * shows the gaps), over the events below `size`.
   */
  hours(election: string, size: number): Promise<TurnoutHour[]> {
    return this.#serial.run(election, async () => {
      let tally = this.#tallies.get(election);
      if (!tally) {
        tally = { next: 0, buckets: new Map() };
        this.#tallies.set(election, tally);
      }
      if (tally.next < size) {
        for await (const event of this.#store.events(election, tally.next, size)) {
          if (event.type === 'ballot') {
            const hour = Math.floor(Date.parse(event.time) / HOUR) * HOUR;
            tally.buckets.set(hour, (tally.buckets.get(hour) ?? 0) + 1);
          }
          tally.next = event.index + 1;
        }
      }
      return filled(tally.buckets);
    });
  }
}

function filled(buckets: ReadonlyMap<number, number>): TurnoutHour[] {
  if (buckets.size === 0) return [];
  const keys = [...buckets.keys()];
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const hours: TurnoutHour[] = [];
  let cumulative = 0;
  for (let hour = first; hour <= last; hour += HOUR) {
    const ballots = buckets.get(hour) ?? 0;
    cumulative += ballots;
    hours.push({ hour: new Date(hour).toISOString(), ballots, cumulative });
  }
  return hours;
}

/**
 * Turnout by hour as CSV (RFC 4180 line ends): `hour,ballots,cumulative`, one row per hour.
 * @example `turnoutCsv([{ hour: '2026-03-01T09:00:00.000Z', ballots: 3, cumulative: 3 }])`
 */
export function turnoutCsv(hours: readonly TurnoutHour[]): string {
  const rows = ['hour,ballots,cumulative', ...hours.map((h) => `${h.hour},${h.ballots},${h.cumulative}`)];
  return `${rows.join('\r\n')}\r\n`;
}
