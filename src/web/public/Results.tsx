/**
 * The results of an election (/elections/:id/results): once published, per question each candidate's
 * total and share, as a bar chart (plain SVG, named for screen readers by a summary of its numbers) and
 * as a table with the same numbers, the candidates with the most votes marked in words, the turnout,
 * and the ways to check it all (the record, the verifier, the board). Before publication, why there are
 * no results yet, in the words of the election's phase; the page looks again every 10 s until then.
 * What the numbers mean (weights, blank votes, approval ballots): ./tally.ts.
 */
import { Busy, Heading } from '../common.tsx';
import type { PublicElection } from '../election.ts';
import { type Messages, useT } from '../i18n/index.ts';
import {
  ElectionProblem,
  ElectionTitle,
  formatShare,
  formatWhen,
  loadProblemText,
  localeOf,
  useElection,
} from './shared.tsx';
import { type QuestionResult, questionResults, turnout } from './tally.ts';

export function Results({ electionId }: { electionId: string }) {
  const t = useT();
  const { election, problem } = useElection(electionId, true);
  if (!election) {
    if (problem !== undefined) return <ElectionProblem title={t.results.title} problem={problem} />;
    // The heading keeps its place (after the election's title, still unknown): it is not remounted, and
    // so does not take the focus, when the election arrives.
    return (
      <>
        {null}
        <Heading>{t.results.title}</Heading>
        <Busy text={t.app.loading} />
      </>
    );
  }
  const published = election.status === 'published' && election.summary.result !== null;
  return (
    <>
      <ElectionTitle election={election} />
      <Heading>{t.results.title}</Heading>
      {election.definition.practice && (
        <p class="notice practice" data-testid="practice">
          <strong class="practice-badge">{t.results.practice}</strong> {t.results.practiceText}
        </p>
      )}
      {published ? <Published election={election} /> : <NotYet election={election} />}
      {problem !== undefined && (
        <p class="notice">{t.electionPage.refreshFailed(loadProblemText(t, problem))}</p>
      )}
      <ResultLinks election={election} />
    </>
  );
}

function NotYet({ election }: { election: PublicElection }) {
  const t = useT();
  const closes = formatWhen(election.definition.closesAt, localeOf(t));
  const text = t.results.notYet[election.status]?.(closes) ?? t.results.notYetOther;
  return (
    <section class="notice" aria-labelledby="not-yet" data-testid="not-yet">
      <h2 id="not-yet">{t.results.notYetTitle}</h2>
      <p>{text}</p>
    </section>
  );
}

function Published({ election }: { election: PublicElection }) {
  const t = useT();
  const locale = localeOf(t);
  const result = election.summary.result!;
  const credentials = election.summary.electorate?.credentials ?? 0;
  return (
    <>
      <section aria-labelledby="turnout-heading">
        <h2 id="turnout-heading">{t.results.turnoutHeading}</h2>
        <p data-testid="turnout">
          {t.results.turnout(
            result.counted,
            credentials,
            formatShare(turnout(result.counted, credentials), locale),
          )}
        </p>
        <p>{result.counted > 0 ? t.results.countedBallots(result.counted) : t.results.noBallots}</p>
      </section>
      {questionResults(election.definition, result).map((q) => (
        <QuestionShown key={q.id} q={q} />
      ))}
    </>
  );
}

function QuestionShown({ q }: { q: QuestionResult }) {
  const t = useT();
  const locale = localeOf(t);
  const share = (s: number) => formatShare(s, locale);
  const topText = q.tied ? t.results.tied : t.results.mostVotes;
  return (
    <section class="result" aria-labelledby={`r-${q.id}`} data-testid={`result-${q.id}`}>
      <h2 id={`r-${q.id}`}>{q.title}</h2>
      <Chart q={q} />
      <div class="table-wrap">
        <table class="results">
          <caption>{t.results.caption(q.title)}</caption>
          <thead>
            <tr>
              <th scope="col" class="name">
                {t.results.candidate}
              </th>
              <th scope="col" class="num">
                {t.results.votes}
              </th>
              <th scope="col" class="num">
                {t.results.share}
              </th>
            </tr>
          </thead>
          <tbody>
            {q.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row" class={r.top ? 'name top' : 'name'}>
                  {r.name}
                  {r.top && <strong class="top-mark">{topText}</strong>}
                </th>
                <td class="num">{r.votes}</td>
                <td class="num">{share(r.share)}</td>
              </tr>
            ))}
            {q.blank && (
              <tr>
                <th scope="row" class="name blank">
                  {t.results.blank}
                </th>
                <td class="num">{q.blank.votes}</td>
                <td class="num">{share(q.blank.share)}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p class="hint">
        {q.basis === 'weighted-votes'
          ? t.results.weightedNote
          : q.approvalMax !== undefined
            ? `${t.results.shareOfBallots} ${t.results.approvalNote(q.approvalMax)}`
            : t.results.shareOfBallots}
      </p>
    </section>
  );
}

/** Geometry of the chart, in SVG units (it scales to the width of the page). */
const CHART = { width: 320, row: 44, line: 17, label: 15, bar: 16, barMax: 200, nameChars: 34 } as const;

/** Long names are cut in the picture only: the table and the chart's accessible label give them whole. */
function shortName(name: string): string {
  const chars = [...name];
  return chars.length > CHART.nameChars ? `${chars.slice(0, CHART.nameChars - 1).join('')}…` : name;
}

interface Bar {
  readonly key: string;
  readonly name: string;
  readonly votes: number;
  readonly share: number;
  readonly top: boolean;
  readonly blank: boolean;
}

/**
 * The bar chart: one bar per candidate (and for blank votes), each under its name, with its numbers; the
 * leaders' bars have the words "most votes" on a line of their own. Its accessible label says it all.
 */
function Chart({ q }: { q: QuestionResult }) {
  const t = useT();
  const locale = localeOf(t);
  const bars: Bar[] = [
    ...q.rows.map((r) => ({
      key: r.id,
      name: r.name,
      votes: r.votes,
      share: r.share,
      top: r.top,
      blank: false,
    })),
    ...(q.blank ? [{ key: '(blank)', name: t.results.blank, ...q.blank, top: false, blank: true }] : []),
  ];
  let height = 0;
  const placed = bars.map((bar) => {
    const y = height;
    height += CHART.row + (bar.top ? CHART.line : 0);
    return { bar, y };
  });
  return (
    <svg
      class="chart"
      role="img"
      aria-label={chartLabel(t, locale, q)}
      viewBox={`0 0 ${CHART.width} ${height}`}
      data-testid="chart"
    >
      {placed.map(({ bar, y }) => (
        <BarShown key={bar.key} bar={bar} y={y} mark={q.tied ? t.results.tied : t.results.mostVotes} />
      ))}
    </svg>
  );
}

function BarShown({ bar, y, mark }: { bar: Bar; y: number; mark: string }) {
  const t = useT();
  const top = y + CHART.label + (bar.top ? CHART.line : 0) + 5;
  const width = Math.max(bar.votes > 0 ? 2 : 0, bar.share * CHART.barMax);
  return (
    <g>
      <text x="0" y={y + CHART.label} fill="currentColor" font-size="14" font-weight={bar.top ? 700 : 400}>
        {shortName(bar.name)}
      </text>
      {bar.top && (
        <text x="0" y={y + CHART.label + CHART.line} fill="currentColor" font-size="14" font-weight={700}>
          {mark}
        </text>
      )}
      <rect
        x="0"
        y={top}
        width={width}
        height={CHART.bar}
        fill={bar.blank ? '#6b6f76' : bar.top ? '#083a66' : '#0b4f8a'}
      />
      <text x={width + 6} y={top + CHART.bar - 3} fill="currentColor" font-size="14">
        {`${bar.votes} (${formatShare(bar.share, localeOf(t))})`}
      </text>
    </g>
  );
}

/** What a screen reader hears for the chart: every bar's numbers, and who has the most votes. */
function chartLabel(t: Messages, locale: string, q: QuestionResult): string {
  const parts = q.rows.map((r) => t.results.chartPart(r.name, r.votes, formatShare(r.share, locale)));
  if (q.blank)
    parts.push(t.results.chartPart(t.results.blank, q.blank.votes, formatShare(q.blank.share, locale)));
  const top = q.rows.filter((r) => r.top).map((r) => t.results.chartWinner(r.name));
  return t.results.chartLabel(q.title, [...parts, ...top].join('; '));
}

function ResultLinks({ election }: { election: PublicElection }) {
  const t = useT();
  const id = encodeURIComponent(election.id);
  return (
    <nav aria-labelledby="result-links">
      <h2 id="result-links">{t.results.linksHeading}</h2>
      <ul class="links">
        <li>
          <a href={`/api/elections/${id}/record`} download={`${election.id}.psephos.jsonl`}>
            {t.results.record}
          </a>
        </li>
        <li>
          <a href={`/verify?election=${id}`}>{t.results.verify}</a>
        </li>
        <li>
          <a href={`/elections/${id}/board`}>{t.results.board}</a>
        </li>
        <li>
          <a href={`/elections/${id}`}>{t.results.electionPage}</a>
        </li>
      </ul>
    </nav>
  );
}
