/**
 * The election report as one self-contained HTML file: the verifier's verdict, the definition, the
 * timeline of the board, the trustees, the electorate and turnout, the result with a bar chart, every
 * family of checks with its count, and the record's fingerprint (SHA-256 and Merkle root). No script,
 * no external resource (a CSP meta tag forbids both), every value from the record escaped — candidate
 * names may contain HTML — and laid out to print.
 *
 * When verification failed, the report still shows what the record claims, under a banner that says
 * it is unverified.
 *
 * @example
 * ```ts
 * writeFileSync('report.html', renderReportHtml({ report, record, generatedAt: new Date() }));
 * ```
 */
import type { ElectionDefinition, Question } from '../protocol/definition.ts';
import { documentHead, escapeHtml as e } from '../protocol/presentation.ts';
import type { QuestionResult, VerificationReport } from '../verifier/report.ts';

/** One event type on the board: how many, and when the first and the last were appended. */
export interface TimelineEntry {
  readonly type: string;
  readonly count: number;
  /** Index of the first event of this type (the timeline is in this order). */
  readonly firstIndex: number;
  readonly first: string;
  readonly last: string;
}

/** What one trustee did on the board, with times. */
export interface TrusteeActivity {
  identity?: string;
  dealing?: string;
  complaints: number;
  share?: string;
}

/** What the report reads from the record beside the verifier's report. */
export interface RecordSummary {
  readonly file: { readonly name: string; readonly bytes: number; readonly sha256: string };
  /** The definition of the setup event, if it is one. */
  readonly definition?: ElectionDefinition;
  /** base64url fingerprint of the definition. */
  readonly fingerprint?: string;
  readonly timeline: readonly TimelineEntry[];
  readonly heads: { readonly count: number; readonly last?: { size: number; time: string; root: string } };
  /** The electorate commitment published with the credentials. */
  readonly members?: { readonly count: number; readonly root: string };
  /** By trustee number (1-based). */
  readonly trustees: ReadonlyMap<number, TrusteeActivity>;
  /** Trustees whose dealings make the election key (election-key event). */
  readonly qualified?: readonly number[];
  /** Trustees whose shares made the result (result event). */
  readonly resultTrustees?: readonly number[];
}

/** Everything the page shows. */
export interface ReportInput {
  readonly report: VerificationReport;
  readonly record: RecordSummary;
  readonly generatedAt: Date;
}

/** What each event type means, for people. */
export const EVENT_LABELS: Record<string, string> = {
  setup: 'Election defined and published (setup)',
  'trustee-identity': 'Trustees publish their keys (key ceremony)',
  'trustee-dealing': 'Trustees deal their key shares (key ceremony)',
  'trustee-complaint': 'Complaints about a dealt share (key ceremony)',
  'election-key': 'Election key published',
  electorate: 'Public credential list and electorate published',
  'roll-amendment': 'Roll amendments',
  open: 'Voting opened',
  ballot: 'Ballots cast',
  close: 'Voting closed',
  tally: 'Encrypted totals published (tally)',
  'decryption-share': 'Trustees’ decryption shares',
  result: 'Result published',
};

const PHASES: Record<string, string> = {
  empty: 'empty record',
  'key-ceremony': 'key ceremony',
  ready: 'ready to open',
  open: 'voting open',
  closed: 'voting closed',
  tallying: 'being counted',
  published: 'result published',
};

const CSS = `
:root { --ok: #0a6b2d; --bad: #a40e0e; --ink: #111; --mute: #555; --line: #ccc; --bar: #1f5fa8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.sub { color: var(--mute); margin: 0 0 1rem; }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: .3rem; padding: 0 .4rem; font-size: .8rem; font-weight: bold; }
.verdict { border: 3px solid; border-radius: .4rem; padding: .8rem 1rem; margin: 1rem 0; font-weight: bold; }
.verdict.ok { color: var(--ok); } .verdict.bad { color: var(--bad); }
.verdict p { margin: .3rem 0 0; font-weight: normal; color: var(--ink); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--mute); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.2rem; margin: 0; }
dl.facts dt { color: var(--mute); } dl.facts dd { margin: 0; }
.mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; word-break: break-all; }
.tag { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8rem; color: var(--mute); white-space: nowrap; }
td.t { white-space: nowrap; }
.chart { width: 100%; max-width: 44rem; height: auto; display: block; margin: .3rem 0 1rem; }
.chart text { font: 13px system-ui, Arial, sans-serif; fill: var(--ink); }
.chart .bar { fill: var(--bar); } .chart .track { fill: #e8eef6; }
.note { color: var(--mute); font-size: .9rem; }
pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; font-size: .85rem; }
footer { margin-top: 2.5rem; color: var(--mute); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .6rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } table, .chart, .verdict { break-inside: avoid; }
  .chart .bar { fill: #333; } .chart .track { fill: #ddd; }
}`;

/** An ISO time as `2026-11-30 09:00:00 UTC`; anything else as it is. */
function when(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—';
}

function int(n: number): string {
  return n.toLocaleString('en-GB');
}

/** The verdict banner. */
function verdict(r: VerificationReport): string {
  if (r.ok)
    return `<div class="verdict ok" role="status">VERIFIED: every check passed.<p>The universal verifier re-checked the whole record (${int(r.ms)} ms): the board's chain and signatures, the key ceremony, every ballot's proofs and signature, the tally and the decryption${r.result ? '' : ' as far as the election has gone'}.</p></div>`;
  const f = r.failure!;
  const where = [
    f.event !== undefined ? `event ${f.event}` : '',
    f.line !== undefined ? `line ${f.line}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `<div class="verdict bad" role="alert">FAILED: ${e(f.code)}<p>${e(f.message)}${where ? ` (${e(where)})` : ''}.</p><p>This record must not be trusted: what this report shows below is what the record claims, not what was verified.</p></div>`;
}

/** Electorate, turnout and counts. */
function glance(r: VerificationReport, rec: RecordSummary): string {
  const d = rec.definition;
  const n = r.counts;
  const facts: [string, string][] = [
    ['Stage', e(PHASES[r.phase] ?? r.phase)],
    [
      'Electorate',
      `${int(n.credentials)} voting credentials${rec.members ? `; committed roll of ${int(rec.members.count)} members` : ''}${n.amendments ? `; ${int(n.amendments)} roll amendments` : ''}`,
    ],
    [
      'Ballots cast',
      `${int(n.ballots)}${n.superseded ? ` (${int(n.superseded)} replaced by a later ballot or revoked)` : ''}`,
    ],
    ['Turnout', `${int(n.counted)} of ${int(n.credentials)} (${percent(n.counted, n.credentials)})`],
  ];
  if (d)
    facts.push(
      ['Voting period', `${e(when(d.opensAt))} to ${e(when(d.closesAt))}`],
      ['Trustees', `${d.trustees.length}, any ${d.threshold} of whom can decrypt the totals`],
    );
  return `<h2>At a glance</h2><dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/**
 * A horizontal bar chart as inline SVG: one bar per candidate, scaled to the largest count.
 * @example `barChart([{ name: 'Ada', votes: 3 }], 'Leader')`
 */
export function barChart(rows: readonly { name: string; votes: number }[], title: string): string {
  const labelWidth = 210;
  const barWidth = 330;
  const rowHeight = 28;
  const height = rows.length * rowHeight + 8;
  const max = Math.max(1, ...rows.map((r) => r.votes));
  const bars = rows.map((r, i) => {
    const y = 4 + i * rowHeight;
    const w = Math.round((barWidth * r.votes) / max);
    const name = r.name.length > 30 ? `${r.name.slice(0, 29)}…` : r.name;
    return `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end">${e(name)}</text><rect class="track" x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="18"/><rect class="bar" x="${labelWidth}" y="${y + 4}" width="${w}" height="18"/><text x="${labelWidth + barWidth + 8}" y="${y + 18}">${int(r.votes)}</text>`;
  });
  return `<svg class="chart" viewBox="0 0 ${labelWidth + barWidth + 80} ${height}" role="img" aria-label="${e(`Bar chart of the result: ${title}`)}">${bars.join('')}</svg>`;
}

/** One question's result: table with percentages, blank votes where they can be told apart, chart. */
function questionResult(
  q: QuestionResult,
  def: Question | undefined,
  counted: number,
  weighted: boolean,
): string {
  const approval = def?.type === 'approval';
  const valid = q.candidates.reduce((a, c) => a + c.votes, 0);
  // Shares of the votes given (one per ballot), or, for approval, of the ballots counted.
  const whole = approval ? counted : valid;
  const blank =
    def?.type === 'single' && def.blankAllowed && !weighted ? Math.max(0, counted - valid) : undefined;
  const rows = q.candidates
    .map(
      (c) =>
        `<tr><td>${e(c.name)}</td><td class="n">${int(c.votes)}</td><td class="n">${percent(c.votes, whole)}</td></tr>`,
    )
    .join('');
  const blankRow =
    blank !== undefined
      ? `<tr><td><em>Blank vote</em></td><td class="n">${int(blank)}</td><td class="n">—</td></tr>`
      : '';
  const basis = approval
    ? `Percentages are of the ${int(counted)} ballots counted; each could approve up to ${def.max} candidates.`
    : `Percentages are of the ${int(valid)} votes given to a candidate.`;
  return `<h3>${e(q.title)}</h3>
<table><thead><tr><th>Candidate</th><th class="n">Votes${weighted ? ' (weighted)' : ''}</th><th class="n">Share</th></tr></thead><tbody>${rows}${blankRow}</tbody></table>
${barChart(q.candidates, q.title)}
<p class="note">${basis}</p>`;
}

function result(r: VerificationReport, d: ElectionDefinition | undefined): string {
  if (!r.result) {
    const why = r.ok
      ? `No result is published yet: the election stands at “${e(PHASES[r.phase] ?? r.phase)}”.`
      : 'No verified result: the record failed verification.';
    return `<h2>Result</h2><p>${why}</p>`;
  }
  const weighted = (d?.maxWeight ?? 1) > 1;
  const questions = r.result.questions.map((q) =>
    questionResult(
      q,
      d?.questions.find((x) => x.id === q.id),
      r.result!.counted,
      weighted,
    ),
  );
  return `<h2>Result</h2><p>${int(r.result.counted)} ballots counted, decrypted by the trustees and checked by the verifier.</p>${questions.join('\n')}`;
}

function bounds(q: Question): string {
  if (q.type === 'single') return q.blankAllowed ? 'choose one, or vote blank' : 'choose one';
  if (q.min === q.max) return `choose exactly ${q.max}`;
  return q.min === 0 ? `choose up to ${q.max}` : `choose ${q.min} to ${q.max}`;
}

function definition(rec: RecordSummary): string {
  const d = rec.definition;
  if (!d) return '<h2>Definition</h2><p>The record holds no readable election definition.</p>';
  const questions = d.questions.map((q) => {
    const candidates = q.candidates
      .map(
        (c) =>
          `<li>${e(c.name)} <span class="note">(${e(c.id)})</span>${c.statement ? `<br><span class="note">${e(c.statement)}</span>` : ''}</li>`,
      )
      .join('');
    return `<h3>${e(q.title)}</h3><p class="note">${e(q.type)} question, ${e(bounds(q))}</p><ul>${candidates}</ul>`;
  });
  const facts: [string, string][] = [
    ['Election id', `<span class="mono">${e(d.id)}</span>`],
    ['Opens', e(when(d.opensAt))],
    ['Closes', e(when(d.closesAt))],
    [
      'Revoting',
      d.revoting === 'single'
        ? 'one ballot per credential (a second one is refused)'
        : 'a later ballot replaces an earlier one (last counts)',
    ],
    ['Weights', d.maxWeight > 1 ? `credentials weigh up to ${int(d.maxWeight)}` : 'one member, one vote'],
    ['Fingerprint', `<span class="mono">${e(rec.fingerprint ?? '—')}</span>`],
    ['Board key', `<span class="mono">${e(d.boardKey)}</span>`],
  ];
  const eligibility = d.eligibility
    ? `<h3>Eligibility rules</h3><pre>${e(JSON.stringify(d.eligibility, null, 2))}</pre>`
    : '';
  return `<h2>Definition</h2>${d.description ? `<p>${e(d.description)}</p>` : ''}<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>${questions.join('')}${eligibility}`;
}

function timeline(rec: RecordSummary): string {
  if (rec.timeline.length === 0) return '<h2>Timeline</h2><p>The record holds no event.</p>';
  const rows = rec.timeline
    .map(
      (t) =>
        `<tr><td>${e(EVENT_LABELS[t.type] ?? t.type)}<br><span class="tag">${e(t.type)}</span></td><td class="n">${int(t.count)}</td><td class="t">${e(when(t.first))}</td><td class="t">${t.count > 1 ? e(when(t.last)) : ''}</td></tr>`,
    )
    .join('');
  const last = rec.heads.last;
  return `<h2>Timeline</h2><p class="note">Times are the board's clock, as each event was appended.</p>
<table><thead><tr><th>Step</th><th class="n">Events</th><th>First</th><th>Last</th></tr></thead><tbody>${rows}</tbody></table>
<p class="note">${int(rec.heads.count)} signed tree heads${last ? `; the last, over ${int(last.size)} events, signed ${e(when(last.time))}` : ''}.</p>`;
}

function trustees(rec: RecordSummary): string {
  const d = rec.definition;
  if (!d) return '';
  const qualified = rec.qualified ? new Set(rec.qualified) : undefined;
  const decrypted = new Set(rec.resultTrustees ?? []);
  const rows = d.trustees
    .map((t, i) => {
      const a = rec.trustees.get(i + 1) ?? { complaints: 0 };
      const status = qualified ? (qualified.has(i + 1) ? 'qualified' : 'disqualified') : '—';
      return `<tr><td class="n">${i + 1}</td><td>${e(t.name)}</td><td class="t">${e(when(a.identity))}</td><td class="t">${e(when(a.dealing))}</td><td>${status}</td><td class="t">${e(when(a.share))}${decrypted.has(i + 1) ? ' (used)' : ''}</td></tr>`;
    })
    .join('');
  const complaints = [...rec.trustees.values()].reduce((s, a) => s + a.complaints, 0);
  return `<h2>Trustees</h2><p>Any ${d.threshold} of the ${d.trustees.length} trustees can decrypt the totals; fewer cannot decrypt anything.</p>
<table><thead><tr><th class="n">#</th><th>Trustee</th><th>Key published</th><th>Shares dealt</th><th>Key ceremony</th><th>Decryption share</th></tr></thead><tbody>${rows}</tbody></table>
${complaints ? `<p>${int(complaints)} complaints were filed during the key ceremony and judged by the verifier.</p>` : ''}`;
}

function checks(r: VerificationReport): string {
  const rows = r.checks
    .map((c) => `<tr><td>${e(c.check)}</td><td class="n">${int(c.count)}</td></tr>`)
    .join('');
  const n = r.counts;
  const counts: [string, number][] = [
    ['Events', n.events],
    ['Signed tree heads', n.treeHeads],
    ['Trustees', n.trustees],
    ['Credentials listed', n.credentials],
    ['Ballots cast', n.ballots],
    ['Ballots counted', n.counted],
    ['Replaced or revoked', n.superseded],
    ['Roll amendments', n.amendments],
  ];
  return `<h2>What the verifier checked</h2>
<table><thead><tr><th>Check</th><th class="n">Items passed</th></tr></thead><tbody>${rows}</tbody></table>
<p class="note">Also checked: the definition and its fingerprint, the election key recomputed from the qualified trustees, the credential list (sorted, canonical, as many as committed members), the revoting policy, the tally equal to the product of the counted ballots, and the result recomputed from the decryption shares.</p>
<table><thead><tr><th>Count</th><th class="n">Number</th></tr></thead><tbody>${counts.map(([k, v]) => `<tr><td>${k}</td><td class="n">${int(v)}</td></tr>`).join('')}</tbody></table>`;
}

function recordFacts(r: VerificationReport, rec: RecordSummary): string {
  const facts: [string, string][] = [
    ['File', `<span class="mono">${e(rec.file.name)}</span>`],
    ['Size', `${int(rec.file.bytes)} bytes`],
    ['SHA-256', `<span class="mono">${e(rec.file.sha256)}</span>`],
    ['Merkle root', `<span class="mono">${e(r.root ?? '—')}</span>`],
  ];
  if (rec.members)
    facts.push([
      'Electorate root',
      `<span class="mono">${e(rec.members.root)}</span> (${int(rec.members.count)} members)`,
    ]);
  return `<h2>The record</h2><dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<p class="note">Anyone can check this report: download the same record (its SHA-256 must match) and run <span class="mono">psephos verify ${e(rec.file.name)}</span>.</p>`;
}

/**
 * The whole report page.
 * @example `renderReportHtml({ report, record, generatedAt: new Date() }).startsWith('<!doctype html>')`
 */
export function renderReportHtml({ report: r, record: rec, generatedAt }: ReportInput): string {
  const title = rec.definition?.title ?? r.election?.title ?? 'Election record';
  const id = rec.definition?.id ?? r.election?.id;
  const practice = rec.definition?.practice ?? r.election?.practice;
  return `${documentHead({ title: `${title} — Psephos election report`, css: CSS })}
<header>
<h1>${e(title)}</h1>
<p class="sub">Election report${id ? ` · <span class="mono">${e(id)}</span>` : ''}${practice ? ' · <span class="badge">PRACTICE ELECTION</span>' : ''}</p>
${verdict(r)}
</header>
<main>
${glance(r, rec)}
${result(r, rec.definition)}
${definition(rec)}
${timeline(rec)}
${trustees(rec)}
${checks(r)}
${recordFacts(r, rec)}
</main>
<footer>Made by <span class="mono">psephos report</span> on ${e(when(generatedAt.toISOString()))} from the record alone. Psephos: end-to-end verifiable voting.</footer>
</body>
</html>
`;
}
