/**
 * Turnout while voting is open and after: ballots counted against the electorate, and ballots cast per
 * hour (from the times of the ballot events on the board) as a bar chart — plain SVG drawn here, with a
 * text alternative — and as a table with the running total. Refreshed every few seconds while open.
 */
import { useEffect, useState } from 'preact/hooks';
import { Problem } from '../common.tsx';
import { type Messages, useT } from '../i18n/index.ts';
import {
  consoleApi,
  consoleProblem,
  isLoggedOut,
  links,
  type Turnout,
  type TurnoutHour,
} from './console-api.ts';
import { useConsole } from './nav.tsx';

const POLL_MS = 5000;

/** An hour as the organiser reads it, in their language and time zone. */
function hourLabel(t: Messages, iso: string, withDay: boolean): string {
  const locale = t.lang === 'cy' ? 'cy-GB' : 'en-GB';
  const options: Intl.DateTimeFormatOptions = withDay
    ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
    : { hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
}

const W = 640;
const H = 240;
const LEFT = 44;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 44;

/** A round number at or above `n` for the top of the axis. */
function niceMax(n: number): number {
  if (n <= 5) return Math.max(1, n);
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

/** The bar chart of ballots per hour. */
export function HoursChart({ hours }: { hours: readonly TurnoutHour[] }) {
  const t = useT();
  const c = t.console.turnout;
  const max = niceMax(Math.max(...hours.map((h) => h.ballots)));
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const slot = plotW / hours.length;
  const bar = Math.min(48, Math.max(1, slot * 0.8));
  const every = Math.max(1, Math.ceil(hours.length / 6));
  const peak = hours.reduce((a, b) => (b.ballots > a.ballots ? b : a));
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="turnout-chart-title turnout-chart-desc"
        focusable="false"
      >
        <title id="turnout-chart-title">{c.chartTitle}</title>
        <desc id="turnout-chart-desc">
          {c.chartSummary(
            hours.at(-1)!.cumulative,
            hours.length,
            hourLabel(t, peak.hour, true),
            peak.ballots,
          )}
        </desc>
        <line x1={LEFT} y1={TOP + plotH} x2={W - RIGHT} y2={TOP + plotH} stroke="#1b1b1b" stroke-width="1" />
        <line x1={LEFT} y1={TOP} x2={LEFT} y2={TOP + plotH} stroke="#1b1b1b" stroke-width="1" />
        {[0, max / 2, max].map((v) => (
          <g key={v}>
            <line x1={LEFT} y1={y(v)} x2={W - RIGHT} y2={y(v)} stroke="#8a8f98" stroke-width="0.5" />
            <text x={LEFT - 6} y={y(v) + 4} text-anchor="end" font-size="12" fill="#1b1b1b">
              {Number.isInteger(v) ? v : v.toFixed(1)}
            </text>
          </g>
        ))}
        {hours.map((h, i) => (
          <rect
            key={h.hour}
            x={LEFT + i * slot + (slot - bar) / 2}
            y={y(h.ballots)}
            width={bar}
            height={TOP + plotH - y(h.ballots)}
            fill="#0b4f8a"
          />
        ))}
        {hours.map((h, i) =>
          i % every === 0 ? (
            <text
              key={`l-${h.hour}`}
              x={LEFT + i * slot + slot / 2}
              y={TOP + plotH + 16}
              text-anchor="middle"
              font-size="12"
              fill="#1b1b1b"
            >
              {hourLabel(t, h.hour, false)}
            </text>
          ) : null,
        )}
        <text x={LEFT + plotW / 2} y={H - 6} text-anchor="middle" font-size="12" fill="#4a4a4a">
          {c.axisHours}
        </text>
      </svg>
      <figcaption>{c.chartCaption}</figcaption>
    </figure>
  );
}

/** The numbers behind the chart. */
function HoursTable({ hours }: { hours: readonly TurnoutHour[] }) {
  const t = useT();
  const c = t.console.turnout;
  return (
    <details class="numbers">
      <summary>{c.showTable}</summary>
      <table>
        <caption>{c.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.hour}</th>
            <th scope="col">{c.ballots}</th>
            <th scope="col">{c.cumulative}</th>
          </tr>
        </thead>
        <tbody>
          {hours.map((h) => (
            <tr key={h.hour}>
              <th scope="row">{hourLabel(t, h.hour, true)}</th>
              <td>{h.ballots}</td>
              <td>{h.cumulative}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Turnout of an election, refreshed while `live`. */
export function TurnoutPanel({
  electionId,
  live,
  revoting,
}: {
  electionId: string;
  live: boolean;
  /** Members may vote again (`last-counts`): ballots received may exceed ballots counted. */
  revoting: boolean;
}) {
  const t = useT();
  const c = t.console.turnout;
  const { loggedOut } = useConsole();
  const [turnout, setTurnout] = useState<Turnout>();
  const [problem, setProblem] = useState<unknown>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let stop = false;
    consoleApi.turnout(electionId).then(
      (next) => {
        if (stop) return;
        setTurnout(next);
        setProblem(undefined);
      },
      (e: unknown) => (isLoggedOut(e) ? loggedOut() : !stop && setProblem(e)),
    );
    const timer = live ? setTimeout(() => setTick((n) => n + 1), POLL_MS) : undefined;
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [tick, live]);
  const electorate = turnout?.electorate ?? null;
  const share = electorate && turnout ? Math.round((1000 * turnout.counted) / electorate) / 10 : null;
  return (
    <section aria-labelledby="turnout-title">
      <h2 id="turnout-title">{c.title}</h2>
      {problem !== undefined && (
        <Problem>
          <p>{consoleProblem(t, problem)}</p>
        </Problem>
      )}
      {turnout && (
        <>
          <p class="big-number" id="turnout-counted">
            {electorate === null
              ? c.countedNoElectorate(turnout.counted)
              : c.counted(turnout.counted, electorate, share ?? 0)}
          </p>
          {electorate !== null && (
            <progress
              class="turnout"
              max={electorate}
              value={turnout.counted}
              aria-labelledby="turnout-counted"
            />
          )}
          {revoting && <p>{c.cast(turnout.cast)}</p>}
          {turnout.hours.length === 0 ? (
            <p>{c.noBallots}</p>
          ) : (
            <>
              <HoursChart hours={turnout.hours} />
              <HoursTable hours={turnout.hours} />
            </>
          )}
          <p>
            <a href={links.turnoutCsv(electionId)} download>
              {c.csv}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
