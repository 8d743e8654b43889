import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { auditRoll } from '../../src/electorate/audit.ts';
import { buildElectorate } from '../../src/electorate/commitment.ts';
import type { IneligibilityReason } from '../../src/electorate/eligibility.ts';
import { eligibleMembers, evaluateEligibility } from '../../src/electorate/eligibility.ts';
import { importRollFile } from '../../src/electorate/import.ts';
import { GENERATED_RULES, generateRoll } from '../fixtures/roll-generator.ts';

describe('a synthetic roll of 200 000 members', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psephos-roll-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the audit finds every planted problem and flags under 1 % of the clean members', async () => {
    const generated = generateRoll(join(dir, 'roll.csv'), { members: 200_000, seed: 2026 });
    const roll = await importRollFile(generated.path);
    assert.equal(roll.members.length, generated.rows);
    const eligibility = evaluateEligibility(roll, GENERATED_RULES);
    const report = await auditRoll(roll, eligibility);
    const position = new Map(roll.members.map((m, i) => [m.memberId, i]));

    for (const problem of generated.planted) {
      const label = `${problem.kind}/${problem.signal} (${problem.memberIds.slice(0, 3).join(', ')}…)`;
      if (problem.kind === 'ineligible') {
        for (const id of problem.memberIds) {
          const reasons = eligibility.reasons[position.get(id)!] ?? [];
          assert.ok(
            reasons.includes(problem.signal as IneligibilityReason),
            `${label}: ${id} has ${reasons.join()}`,
          );
        }
        continue;
      }
      const findings = report.findings.filter((f) => f.kind === problem.kind);
      const covered = new Set(
        findings.flatMap((f) =>
          f.evidence.filter((e) => e.signal === problem.signal).flatMap((e) => e.memberIds),
        ),
      );
      for (const id of problem.memberIds) assert.ok(covered.has(id), `${label}: ${id} not found`);
      if (['duplicate', 'bulk-signup', 'join-spike'].includes(problem.kind)) {
        assert.ok(
          findings.some((f) => problem.memberIds.every((id) => f.memberIds.includes(id))),
          `${label}: not in one finding`,
        );
      }
    }

    const planted = new Set(generated.planted.flatMap((p) => p.memberIds));
    const clean = roll.members.length - planted.size;
    const flaggedClean = new Set(
      report.findings.flatMap((f) => f.memberIds).filter((id) => !planted.has(id)),
    );
    assert.ok(clean > 190_000);
    assert.ok(flaggedClean.size < clean * 0.01, `${flaggedClean.size} of ${clean} clean members flagged`);

    const electorate = buildElectorate(
      'leader-2026',
      eligibleMembers(roll, eligibility).map((m) => m.memberId),
    );
    assert.equal(electorate.commitment.count, eligibility.eligible);
  });
});
