import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAuditReport } from '../../src/electorate/report.ts';
import { GENERATED_RULES, generateRoll } from '../fixtures/roll-generator.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

function psephos(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('psephos roll', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psephos-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const roll = join(dir, 'members.csv');
  const rules = join(dir, 'rules.json');
  const generated = generateRoll(roll, { members: 3000, seed: 7 });
  writeFileSync(rules, JSON.stringify(GENERATED_RULES));

  it('import: prints what was read', () => {
    const { status, stdout } = psephos('roll', 'import', roll, '--json');
    assert.equal(status, 0);
    const summary = JSON.parse(stdout);
    assert.equal(summary.members, generated.rows);
    assert.equal(summary.columns.memberId, 'Membership Number');
    assert.deepEqual(summary.freeColumns, ['Branch']);
  });

  it('audit --json: the whole report on stdout, each finding naming its members and why', () => {
    const { status, stdout } = psephos('roll', 'audit', roll, '--rules', rules, '--json');
    assert.equal(status, 0);
    const report = parseAuditReport(JSON.parse(stdout));
    const duplicates = report.findings.filter((f) => f.kind === 'duplicate');
    assert.ok(duplicates.length > 0);
    assert.ok(
      duplicates.every((f) => f.memberIds.length >= 2 && f.evidence.every((e) => e.detail.length > 0)),
    );
    assert.ok(report.summary.byKind['bulk-signup'].findings > 0);
    assert.ok(!existsSync(join(dir, 'members.audit.html')), '--json writes no files');
  });

  it('audit, decide, audit again: the decision is kept and shown', () => {
    const first = psephos('roll', 'audit', roll, '--rules', rules);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /possible duplicate members: \d+ findings/);
    const jsonPath = join(dir, 'members.audit.json');
    assert.ok(existsSync(join(dir, 'members.audit.html')));
    const report = parseAuditReport(JSON.parse(readFileSync(jsonPath, 'utf8')));
    const target = report.findings[0]!;

    const decided = psephos(
      'roll',
      'decide',
      jsonPath,
      target.id,
      'dismiss',
      '--note',
      'Checked with the branch: a couple',
    );
    assert.equal(decided.status, 0, decided.stderr);
    assert.match(decided.stdout, new RegExp(`Finding ${target.id} dismissed`));
    assert.ok(existsSync(join(dir, 'members.audit.decisions.json')));
    assert.match(readFileSync(join(dir, 'members.audit.html'), 'utf8'), /Checked with the branch: a couple/);

    const again = psephos('roll', 'audit', roll, '--rules', rules, '--json');
    const rerun = parseAuditReport(JSON.parse(again.stdout));
    assert.equal(rerun.findings.find((f) => f.id === target.id)?.decision?.decision, 'dismiss');
    assert.equal(rerun.summary.openFindings, report.summary.openFindings - 1);

    const unknown = psephos('roll', 'decide', jsonPath, '0123456789abcdef', 'confirm', '--note', 'x');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no finding 0123456789abcdef/);
    assert.equal(psephos('roll', 'decide', jsonPath, target.id, 'maybe', '--note', 'x').status, 2);
  });

  it('commit and check: each member can find themselves; a commitment is never overwritten', () => {
    const out = join(dir, 'electorate');
    const committed = psephos(
      'roll',
      'commit',
      roll,
      '--election',
      'leader-2026',
      '--out',
      out,
      '--rules',
      rules,
    );
    assert.equal(committed.status, 0, committed.stderr);
    const saltsPath = join(out, 'member-salts.csv');
    assert.equal(statSync(saltsPath).mode & 0o777, 0o600);
    const [header, first] = readFileSync(saltsPath, 'utf8').split('\n');
    assert.equal(header, 'member_id,salt,index');
    const [memberId, salt] = first!.split(',') as [string, string];
    const publicPath = join(out, 'electorate.json');

    const ok = psephos('roll', 'check', publicPath, '--member', memberId, '--salt', salt);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /is in the electorate of leader-2026/);
    const wrong = psephos('roll', 'check', publicPath, '--member', `${memberId}9`, '--salt', salt);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /NOT in the committed electorate/);

    const twice = psephos(
      'roll',
      'commit',
      roll,
      '--election',
      'leader-2026',
      '--out',
      out,
      '--rules',
      rules,
    );
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /already exists/);
  });

  it('a bad roll: exit 2, each row error with its line', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'member_id,join_date\nM1,2020-01-01\nM2,2020-13-01\nM1,2020-01-02\n');
    const text = psephos('roll', 'audit', bad);
    assert.equal(text.status, 2);
    assert.match(text.stderr, /2 row errors/);
    assert.match(text.stderr, /line 3: join date "2020-13-01" is not a calendar date/);
    assert.match(text.stderr, /line 4: member id "M1" is already on line 2/);
    const json = psephos('roll', 'audit', bad, '--json');
    assert.equal(json.status, 2);
    assert.equal(JSON.parse(json.stdout).error.code, 'invalid-rows');
    assert.equal(psephos('roll', 'audit', join(dir, 'missing.csv')).status, 2);
  });
});
