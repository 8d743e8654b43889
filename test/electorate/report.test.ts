import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { auditRoll } from '../../src/electorate/audit.ts';
import {
  applyDecisions,
  decisionsPathFor,
  loadDecisions,
  recordDecision,
  saveDecisions,
} from '../../src/electorate/decisions.ts';
import { evaluateEligibility } from '../../src/electorate/eligibility.ts';
import { escapeHtml, renderAuditHtml } from '../../src/electorate/html.ts';
import { parseAuditReport } from '../../src/electorate/report.ts';
import { parseEligibilityRules } from '../../src/electorate/rules.ts';
import { csv, importText, row } from './helpers.ts';

async function sampleReport() {
  const roll = await importText(
    csv([
      row({ id: 'A', name: '<script>alert("x")</script>', email: 'x@example.org' }),
      row({ id: 'B', name: 'Bob & "Co"', email: 'X@example.org' }),
      row({ id: 'C', email: '' }),
      row({ id: 'D', joined: '2027-01-01' }),
    ]),
    { name: 'members <2026>.csv' },
  );
  return auditRoll(
    roll,
    evaluateEligibility(roll, parseEligibilityRules({ joinedOnOrBefore: '2026-10-01' })),
  );
}

describe('audit report JSON', () => {
  it('round-trips through its schema', async () => {
    const report = await sampleReport();
    assert.deepEqual(parseAuditReport(JSON.parse(JSON.stringify(report))), report);
  });

  it('rejects what is not a report', async () => {
    const report = await sampleReport();
    assert.throws(() => parseAuditReport({}), { code: 'invalid-report' });
    assert.throws(() => parseAuditReport({ ...report, format: 'psephos/roll-audit/v0' }), {
      code: 'invalid-report',
    });
    const badId = { ...report, findings: [{ ...report.findings[0]!, id: 'XYZ' }] };
    assert.throws(() => parseAuditReport(badId), { code: 'invalid-report' });
  });
});

describe('decisions', () => {
  it('are logged, the latest on a finding counts, and the summary follows', async () => {
    const report = await sampleReport();
    const [duplicate, missing] = report.findings;
    assert.equal(duplicate!.kind, 'duplicate');
    assert.equal(missing!.kind, 'missing-email');
    const t = new Date('2026-10-05T10:00:00Z');
    let file = await loadDecisions(join(mkdtempSync(join(tmpdir(), 'psephos-')), 'none.json'));
    assert.deepEqual(file.decisions, []);
    file = recordDecision(file, report, duplicate!.id, 'confirm', 'Same person; keep A', t);
    file = recordDecision(file, report, missing!.id, 'confirm', '', t);
    file = recordDecision(file, report, duplicate!.id, 'dismiss', 'Actually a couple sharing a mailbox', t);
    assert.equal(file.decisions.length, 3);
    const decided = applyDecisions(report, file);
    assert.deepEqual(decided.findings[0]!.decision, {
      decision: 'dismiss',
      note: 'Actually a couple sharing a mailbox',
      decidedAt: '2026-10-05T10:00:00.000Z',
    });
    assert.equal(decided.summary.byKind.duplicate.dismissed, 1);
    assert.equal(decided.summary.byKind['missing-email'].confirmed, 1);
    assert.equal(decided.summary.openFindings, 0);
    assert.equal(report.summary.openFindings, 2, 'the report given is not changed');
  });

  it('on findings a later audit no longer makes are kept as stale', async () => {
    const report = await sampleReport();
    const file = recordDecision(
      { format: 'psephos/roll-decisions/v1', decisions: [] },
      report,
      report.findings[0]!.id,
      'confirm',
      'x',
    );
    const later = { ...report, findings: report.findings.slice(1) };
    const decided = applyDecisions(later, file);
    assert.equal(decided.staleDecisions.length, 1);
    assert.equal(decided.staleDecisions[0]!.findingId, report.findings[0]!.id);
  });

  it('refuse an unknown finding; a corrupt file is reported', async () => {
    const report = await sampleReport();
    assert.throws(
      () =>
        recordDecision(
          { format: 'psephos/roll-decisions/v1', decisions: [] },
          report,
          '0000000000000000',
          'confirm',
          '',
        ),
      {
        code: 'unknown-finding',
      },
    );
    const dir = mkdtempSync(join(tmpdir(), 'psephos-'));
    writeFileSync(
      join(dir, 'bad.json'),
      '{"format":"psephos/roll-decisions/v1","decisions":[{"findingId":"x"}]}',
    );
    await assert.rejects(loadDecisions(join(dir, 'bad.json')), { code: 'invalid-decisions' });
    writeFileSync(join(dir, 'notjson.json'), '{');
    await assert.rejects(loadDecisions(join(dir, 'notjson.json')), { code: 'invalid-decisions' });
  });

  it('persist next to the report', async () => {
    const report = await sampleReport();
    const dir = mkdtempSync(join(tmpdir(), 'psephos-'));
    const path = decisionsPathFor(join(dir, 'roll.audit.json'));
    assert.equal(path, join(dir, 'roll.audit.decisions.json'));
    const file = recordDecision(
      await loadDecisions(path),
      report,
      report.findings[0]!.id,
      'confirm',
      'checked',
    );
    await saveDecisions(path, file);
    assert.deepEqual(await loadDecisions(path), file);
  });
});

describe('audit report HTML', () => {
  it('escapes every value from the roll', async () => {
    const html = renderAuditHtml(await sampleReport());
    assert.ok(!html.includes('<script>alert'));
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(html.includes('Bob &amp; &quot;Co&quot;'));
    assert.ok(html.includes('members &lt;2026&gt;.csv'));
    assert.equal(escapeHtml(`<a href='x'>&`), '&lt;a href=&#39;x&#39;&gt;&amp;');
  });

  it('is self-contained: no script, no external resource, a policy forbidding any', async () => {
    const html = renderAuditHtml(await sampleReport());
    assert.ok(!/<script|<link|<img|<iframe|@import|url\(/i.test(html));
    assert.ok(!/(src|href)\s*=\s*["']?(https?:|\/\/)/i.test(html));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('shows the summary, the rules, each finding with its evidence and decision, and a sign-off', async () => {
    const report = await sampleReport();
    const file = recordDecision(
      { format: 'psephos/roll-decisions/v1', decisions: [] },
      report,
      report.findings[0]!.id,
      'dismiss',
      'Couple <ok>',
    );
    const html = renderAuditHtml(applyDecisions(report, file));
    assert.ok(html.includes(report.source.sha256));
    assert.ok(html.includes('joined on or before 2026-10-01'));
    assert.ok(html.includes(report.findings[0]!.id));
    assert.ok(html.includes('Dismissed'));
    assert.ok(html.includes('Couple &lt;ok&gt;'));
    assert.ok(html.includes('same-email'));
    assert.ok(html.includes('joined after the cut-off date'));
    assert.ok(html.includes('Sign-off'));
  });
});
