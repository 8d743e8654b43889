/**
 * The verifier's report on the page: the verdict in plain words (focused when it appears, so a screen
 * reader reads it first), what a failure means, the counts, the checks and the verified result as
 * tables, the JSON download (what `psephos verify --json` prints) and the report text itself, exactly as
 * the command line renders it (src/verifier/report.ts).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { FailureCode } from '../../verifier/failure.ts';
import type { QuestionResult, VerificationReport } from '../../verifier/report.ts';
import { renderReport } from '../../verifier/report.ts';
import { downloadBlob, downloadText } from '../common.tsx';
import { type Messages, useT } from '../i18n/index.ts';
import type { FailureKind } from './messages.ts';

type Texts = Messages['verifierPage'];

/** What each failure code means to an observer (an exhaustive map: a new code must be placed here). */
const KIND: Record<FailureCode, FailureKind> = {
  'record-unreadable': 'format',
  'line-too-long': 'format',
  'truncated-record': 'cut',
  'bad-header': 'notRecord',
  'bad-event': 'format',
  'wrong-election': 'log',
  'index-gap': 'log',
  'chain-broken': 'log',
  'time-regression': 'log',
  'bad-head': 'log',
  'bad-head-signature': 'log',
  'head-mismatch': 'log',
  'unsigned-tail': 'cut',
  'out-of-phase': 'lifecycle',
  'bad-definition': 'setup',
  'bad-trustee-proof': 'setup',
  'bad-dealing': 'setup',
  'bad-complaint': 'setup',
  'bad-election-key': 'setup',
  'bad-electorate': 'setup',
  'bad-amendment': 'setup',
  'bad-ballot': 'ballots',
  'unlisted-credential': 'ballots',
  'revote-forbidden': 'ballots',
  'duplicate-ballot': 'ballots',
  'bad-tally': 'count',
  'bad-decryption-share': 'count',
  'bad-result': 'count',
};

/**
 * The kind of a failure: whatever fails on the first line means the file is not a record at all (a
 * receipt, an empty or binary file, another format).
 * @example `failureKind({ code: 'bad-event', line: 1 })` → 'notRecord'
 */
export function failureKind(failure: { code: FailureCode; line?: number }): FailureKind {
  return failure.line === 1 ? 'notRecord' : KIND[failure.code];
}

/** The JSON report, as `psephos verify --json` prints it. */
export function reportJson(report: VerificationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function Verdict({ report, t }: { report: VerificationReport; t: Texts }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [report]);
  const f = report.failure;
  if (!f) {
    return (
      <section class="ok" aria-labelledby="verdict" data-testid="verdict">
        <h2 id="verdict" class="verdict" tabIndex={-1} ref={ref}>
          {t.okTitle}
        </h2>
        <p>{report.phase === 'published' ? t.okPublished : t.okSoFar(t.phases[report.phase])}</p>
      </section>
    );
  }
  const where = f.event !== undefined ? t.atEvent(f.event) : f.line !== undefined ? t.atLine(f.line) : '';
  return (
    <section class="problem" aria-labelledby="verdict" data-testid="verdict">
      <h2 id="verdict" class="verdict" tabIndex={-1} ref={ref}>
        {t.failTitle(f.code, where)} — <span lang="en">{f.message}</span>
      </h2>
      <p data-testid="failure-kind">{t.kind[failureKind(f)]}</p>
    </section>
  );
}

function Counts({ report, t }: { report: VerificationReport; t: Texts }) {
  const s = t.summary;
  const c = report.counts;
  const rows: [string, string | number][] = [
    ...(report.election
      ? [
          [
            s.election,
            `${report.election.title} (${report.election.id})${report.election.practice ? ` — ${s.practice}` : ''}`,
          ] as [string, string],
        ]
      : []),
    [s.phase, t.phases[report.phase]],
    [s.events, c.events],
    [s.treeHeads, c.treeHeads],
    [s.trustees, c.trustees],
    [s.credentials, c.credentials],
    [s.ballots, c.ballots],
    [s.counted, c.counted],
    [s.superseded, c.superseded],
    [s.amendments, c.amendments],
    ...(report.root ? [[s.root, report.root] as [string, string]] : []),
    [s.time, s.ms(report.ms)],
  ];
  return (
    <dl class="verifier-counts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd class={term === s.root ? 'code' : undefined}>
            {typeof value === 'number' ? s.number(value) : value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Checks({ report, t }: { report: VerificationReport; t: Texts }) {
  return (
    <table class="verifier-table">
      <caption>{t.checksCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.checkColumn}</th>
          <th scope="col" class="number">
            {t.countColumn}
          </th>
        </tr>
      </thead>
      <tbody>
        {report.checks.map((c) => (
          <tr key={c.check}>
            <th scope="row">{t.checkNames[c.check] ?? c.check}</th>
            <td class="number">{c.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Question({ question, counted, t }: { question: QuestionResult; counted: number; t: Texts }) {
  const total = question.candidates.reduce((a, c) => a + c.votes, 0) || 1;
  return (
    <table class="verifier-table" data-testid="result-table">
      <caption>{t.resultCaption(question.title, counted)}</caption>
      <thead>
        <tr>
          <th scope="col">{t.candidateColumn}</th>
          <th scope="col" class="number">
            {t.votesColumn}
          </th>
          <th scope="col" class="number">
            {t.shareColumn}
          </th>
        </tr>
      </thead>
      <tbody>
        {question.candidates.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.name}</th>
            <td class="number">{c.votes}</td>
            <td class="number">{t.share(c.votes / total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The whole report; `record` is the downloaded record, offered to save. */
export function ReportView({ report, record }: { report: VerificationReport; record: Blob | null }) {
  const t = useT().verifierPage;
  const name = report.election?.id ?? 'record';
  return (
    <div data-testid="verify-done" data-ok={String(report.ok)} data-ms={report.ms}>
      <Verdict report={report} t={t} />
      <h2>{t.summaryHeading}</h2>
      <Counts report={report} t={t} />
      <Checks report={report} t={t} />
      {report.result && (
        <>
          <h2>{t.resultHeading}</h2>
          {report.result.questions.map((q) => (
            <Question key={q.id} question={q} counted={report.result!.counted} t={t} />
          ))}
        </>
      )}
      <div class="actions">
        <button
          type="button"
          class="secondary"
          onClick={() => downloadText(`${name}.verification.json`, reportJson(report))}
        >
          {t.downloadReport}
        </button>
        {record && (
          <button
            type="button"
            class="secondary"
            onClick={() => downloadBlob(`${name}.psephos.jsonl`, record)}
          >
            {t.saveRecord}
          </button>
        )}
      </div>
      <h2 id="report-text-heading">{t.reportHeading}</h2>
      <p class="hint">{t.reportHint}</p>
      {/* Wrapped, not scrolled, on a narrow screen: nothing to scroll sideways. */}
      <pre class="verifier-report" lang="en" data-testid="verify-report">
        {renderReport(report)}
      </pre>
    </div>
  );
}
