/**
 * The audit report as one self-contained HTML page: inline styles, no script, no external resource (its
 * Content-Security-Policy forbids loading any), every value from the roll escaped. It reads on a phone and
 * prints as the document a scrutineer signs.
 */
import { documentHead, escapeHtml } from '../protocol/presentation.ts';
import { INELIGIBILITY_REASONS, REASON_TEXT } from './eligibility.ts';
import type { AuditReport, Finding } from './report.ts';
import { FINDING_KINDS, KIND_TEXT } from './report.ts';
import { describeRules } from './rules.ts';

/** Member ids listed in full per piece of evidence; the JSON report has them all. */
const IDS_SHOWN = 200;
const INELIGIBLE_SHOWN = 500;

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #333}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #888;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}.scroll{overflow-x:auto}p,li{overflow-wrap:anywhere}code{font-size:.9em}
.finding{border:1px solid #888;border-radius:4px;padding:.5rem 1rem;margin:1rem 0}
.open{color:#8a4b00}.confirm{color:#a00000}.dismiss{color:#006100}
.sign{border:2px solid #333;padding:1rem;margin-top:2rem;page-break-inside:avoid}.sign p{margin:1.5rem 0}
@media print{.finding{page-break-inside:avoid}details{display:block}}
`;

/** The escaping every document of Psephos uses (src/protocol/presentation.ts). */
export { escapeHtml };

/**
 * Renders the report.
 * @example `writeFileSync('roll.audit.html', renderAuditHtml(report))`
 */
export function renderAuditHtml(report: AuditReport): string {
  const { source, summary } = report;
  const title = `Roll audit: ${source.name}`;
  return `${documentHead({ title, css: STYLE })}
<main>
<h1>${escapeHtml(title)}</h1>
<p>File <code>${escapeHtml(source.name)}</code>, SHA-256 <code>${escapeHtml(source.sha256)}</code>,
${escapeHtml(source.rows)} rows, ${escapeHtml(source.encoding)}, delimiter <code>${escapeHtml(JSON.stringify(source.delimiter))}</code>.
Every finding is a proposal: the organiser confirms or dismisses it with <code>psephos roll decide</code>.</p>

<h2>Summary</h2>
<div class="scroll"><table>
${row('Members on the roll', summary.members)}
${row('Eligible under the rules', summary.eligible)}
${row('Not eligible', summary.ineligible)}
${row('Members named by at least one finding', summary.membersFlagged)}
${row('Members with no usable email (no credential by email)', summary.cannotReceiveCredential)}
${row('Findings still to decide', summary.openFindings)}
</table></div>
<div class="scroll"><table>
<thead><tr><th scope="col">Finding</th><th scope="col" class="n">Findings</th><th scope="col" class="n">Members</th>
<th scope="col" class="n">Confirmed</th><th scope="col" class="n">Dismissed</th><th scope="col" class="n">Open</th></tr></thead>
<tbody>
${FINDING_KINDS.map((kind) => {
  const c = summary.byKind[kind];
  return `<tr><th scope="row"><a href="#${kind}">${escapeHtml(KIND_TEXT[kind])}</a></th>${[c.findings, c.members, c.confirmed, c.dismissed, c.open].map((n) => `<td class="n">${n}</td>`).join('')}</tr>`;
}).join('\n')}
</tbody></table></div>

<h2>Rules applied</h2>
<ul>${describeRules(report.rules)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join('')}</ul>
<p>Columns read: ${Object.entries(report.columns)
    .map(([field, header]) => `${escapeHtml(field)} ← <code>${escapeHtml(header)}</code>`)
    .join(
      ', ',
    )}${report.freeColumns.length > 0 ? `; kept as free fields: ${report.freeColumns.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ')}` : ''}.</p>

<h2>Eligibility</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">Reason not eligible</th><th scope="col" class="n">Members</th></tr></thead>
<tbody>${INELIGIBILITY_REASONS.filter((r) => report.eligibility.byReason[r] > 0)
    .map((r) => row(REASON_TEXT[r], report.eligibility.byReason[r]))
    .join('\n')}</tbody></table></div>
${ineligibleList(report)}

${FINDING_KINDS.map((kind) => findingSection(kind, report.findings)).join('\n')}
${staleSection(report)}

<section class="sign" aria-labelledby="sign-off">
<h2 id="sign-off">Sign-off</h2>
<p>I have reviewed this audit of the roll file with SHA-256 <code>${escapeHtml(source.sha256)}</code>,
the rules applied and every finding and decision above.</p>
<p>Name: ______________________ Role: ______________________</p>
<p>Signature: ______________________ Date: ______________</p>
</section>
</main>
</body>
</html>
`;
}

function row(label: string, value: number): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td class="n">${escapeHtml(value)}</td></tr>`;
}

function ineligibleList(report: AuditReport): string {
  const list = report.eligibility.ineligible;
  if (list.length === 0) return '<p>Every member is eligible.</p>';
  const shown = list.slice(0, INELIGIBLE_SHOWN);
  const more = list.length - shown.length;
  return `<details><summary>${list.length} members not eligible${more > 0 ? ` (first ${shown.length} listed; all in the JSON report)` : ''}</summary>
<div class="scroll"><table><thead><tr><th scope="col">Line</th><th scope="col">Member id</th><th scope="col">Why</th></tr></thead><tbody>
${shown.map((m) => `<tr><td class="n">${m.line}</td><td>${escapeHtml(m.memberId)}</td><td>${escapeHtml(m.reasons.map((r) => REASON_TEXT[r]).join('; '))}</td></tr>`).join('\n')}
</tbody></table></div></details>`;
}

function findingSection(kind: Finding['kind'], findings: readonly Finding[]): string {
  const ofKind = findings.filter((f) => f.kind === kind);
  const body = ofKind.length === 0 ? '<p>None found.</p>' : ofKind.map(findingBlock).join('\n');
  return `<h2 id="${kind}">${escapeHtml(KIND_TEXT[kind])} (${ofKind.length})</h2>\n${body}`;
}

function findingBlock(finding: Finding): string {
  const status = finding.decision
    ? `<span class="${finding.decision.decision}">${finding.decision.decision === 'confirm' ? 'Confirmed' : 'Dismissed'}</span> on ${escapeHtml(finding.decision.decidedAt)}${finding.decision.note ? `: ${escapeHtml(finding.decision.note)}` : ''}`
    : '<span class="open">Open</span>';
  return `<section class="finding" aria-label="Finding ${finding.id}">
<h3>Finding <code>${finding.id}</code>: ${finding.memberIds.length} members</h3>
<p>Decision: ${status}</p>
<ul>${finding.evidence
    .map((e) => {
      const ids = e.memberIds.slice(0, IDS_SHOWN).map(escapeHtml).join(', ');
      const more = e.memberIds.length > IDS_SHOWN ? ` and ${e.memberIds.length - IDS_SHOWN} more` : '';
      return `<li><strong>${escapeHtml(e.signal)}</strong>: ${escapeHtml(e.detail)}<details><summary>Member ids</summary><p>${ids}${more}</p></details></li>`;
    })
    .join('\n')}</ul>
<div class="scroll"><table><caption>Sample rows</caption>
<thead><tr><th scope="col">Line</th><th scope="col">Member id</th><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">Postcode</th><th scope="col">Joined</th></tr></thead>
<tbody>${finding.sample
    .map(
      (s) =>
        `<tr><td class="n">${s.line}</td>${[s.memberId, s.name, s.email, s.phone, s.postcode, s.joinDate].map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`,
    )
    .join('\n')}</tbody></table></div>
</section>`;
}

function staleSection(report: AuditReport): string {
  if (report.staleDecisions.length === 0) return '';
  return `<h2>Decisions on findings this audit no longer makes</h2>
<p>The roll changed since these were decided; they are kept for the record.</p>
<ul>${report.staleDecisions
    .map(
      (d) =>
        `<li><code>${escapeHtml(d.findingId)}</code>: ${escapeHtml(d.decision)} on ${escapeHtml(d.decidedAt)} ${escapeHtml(d.note)}</li>`,
    )
    .join('\n')}</ul>`;
}
