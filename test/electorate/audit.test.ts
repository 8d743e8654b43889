import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingId } from '../../src/electorate/audit/finding.ts';
import type { AuditOptions } from '../../src/electorate/audit/options.ts';
import { DEFAULT_AUDIT_OPTIONS } from '../../src/electorate/audit/options.ts';
import { isDisposableDomain } from '../../src/electorate/audit/signups.ts';
import { auditRoll } from '../../src/electorate/audit.ts';
import { evaluateEligibility } from '../../src/electorate/eligibility.ts';
import type { AuditReport, Finding, FindingKind } from '../../src/electorate/report.ts';
import { parseEligibilityRules } from '../../src/electorate/rules.ts';
import { csv, importText, row } from './helpers.ts';

async function audit(rows: string[], options: AuditOptions = DEFAULT_AUDIT_OPTIONS, rules: unknown = {}) {
  const roll = await importText(csv(rows));
  return auditRoll(roll, evaluateEligibility(roll, parseEligibilityRules(rules)), options);
}

function ofKind(report: AuditReport, kind: FindingKind): Finding[] {
  return report.findings.filter((f) => f.kind === kind);
}

/** The signals of the one finding of `kind` naming exactly `ids`; fails if there is none. */
function signalsFor(report: AuditReport, kind: FindingKind, ids: string[]): string[] {
  const finding = ofKind(report, kind).find((f) => f.memberIds.join() === [...ids].sort().join());
  assert.ok(
    finding,
    `a ${kind} finding naming ${ids.join(', ')}; got ${JSON.stringify(ofKind(report, kind).map((f) => f.memberIds))}`,
  );
  return finding.evidence.map((e) => e.signal);
}

/** Filler members joined across many years, so that rates have a baseline. */
const filler = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    row({ id: `F${i}`, joined: `${2000 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}` }),
  );

describe('audit: duplicates', () => {
  it('the same mailbox however written: case, plus tags, Gmail dots and googlemail.com', async () => {
    const report = await audit([
      row({ id: 'A', email: 'Ann.Lee@Gmail.com' }),
      row({ id: 'B', email: 'annlee+vote@googlemail.com', name: 'A Lee' }),
      row({ id: 'C', email: 'ANN.LEE@gmail.com', name: 'Annie' }),
      row({ id: 'D', email: 'ann.lee@example.org', name: 'Dora' }),
      row({ id: 'E', email: 'annlee@example.org', name: 'Eve' }),
    ]);
    assert.deepEqual(signalsFor(report, 'duplicate', ['A', 'B', 'C']), ['same-email']);
    assert.equal(ofKind(report, 'duplicate').length, 1, 'dots count outside Gmail');
    assert.match(ofKind(report, 'duplicate')[0]!.evidence[0]!.detail, /annlee@gmail\.com/);
  });

  it('the same phone number in any format', async () => {
    const report = await audit([
      row({ id: 'A', phone: '07400 123456', name: 'Ann' }),
      row({ id: 'B', phone: '+44 (0)7400 123 456', name: 'Bob' }),
      row({ id: 'C', phone: '+447400123457', name: 'Cy' }),
      row({ id: 'D', phone: 'n/a', name: 'Di' }),
      row({ id: 'E', phone: 'n/a', name: 'Ed' }),
    ]);
    assert.deepEqual(signalsFor(report, 'duplicate', ['A', 'B']), ['same-phone']);
    assert.equal(ofKind(report, 'duplicate').length, 1, 'invalid numbers never match');
  });

  it('similar names in one postcode, unless both dates of birth are known and differ', async () => {
    const report = await audit([
      row({ id: 'A', name: 'Jonathan Smith', postcode: 'AB1 2CD', dob: '1970-05-05' }),
      row({ id: 'B', name: 'SMITH, Jonathon', postcode: 'ab12cd', dob: '' }),
      row({ id: 'C', name: 'Jonathan Smith', postcode: 'XY9 9XY', dob: '' }),
      row({ id: 'D', name: 'Mary Jones', postcode: 'EF3 4GH', dob: '1950-01-01' }),
      row({ id: 'E', name: 'Mary Jones', postcode: 'EF3 4GH', dob: '1980-01-01' }),
      row({ id: 'F', name: 'Susan Henderson', postcode: 'JK5 6LM', dob: '' }),
      row({ id: 'G', name: 'Lisa Henderson', postcode: 'JK5 6LM', dob: '' }),
    ]);
    assert.deepEqual(signalsFor(report, 'duplicate', ['A', 'B']), ['similar-name']);
    assert.equal(ofKind(report, 'duplicate').length, 1);
  });

  it('the same date of birth in one postcode', async () => {
    const report = await audit([
      row({ id: 'A', name: 'William Brown', postcode: 'AB1 2CD', dob: '1960-02-03' }),
      row({ id: 'B', name: 'Bill Brown', postcode: 'AB12CD', dob: '1960-02-03' }),
      row({ id: 'C', name: 'Carl Brown', postcode: 'ZZ1 1ZZ', dob: '1960-02-03' }),
    ]);
    assert.deepEqual(signalsFor(report, 'duplicate', ['A', 'B']), ['same-birth-date-and-postcode']);
  });

  it('links by different signals make one cluster, with every link as evidence', async () => {
    const report = await audit([
      row({ id: 'A', email: 'x@example.org', phone: '', name: 'Al' }),
      row({ id: 'B', email: 'X@example.org', phone: '07400 111222', name: 'Bo' }),
      row({ id: 'C', email: 'c@example.org', phone: '+447400111222', name: 'Cy' }),
    ]);
    assert.deepEqual(signalsFor(report, 'duplicate', ['A', 'B', 'C']).sort(), ['same-email', 'same-phone']);
  });

  it('a postcode block too big to compare pairwise still finds neighbours in name order', async () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      row({
        id: `M${i}`,
        name: `Person${String.fromCharCode(97 + (i % 26))}${i} Zed`,
        postcode: 'BIG 1',
        dob: '',
      }),
    );
    rows.push(row({ id: 'T1', name: 'Quentin Tarrant', postcode: 'BIG 1', dob: '' }));
    rows.push(row({ id: 'T2', name: 'Quentin Tarrent', postcode: 'BIG 1', dob: '' }));
    const report = await audit(rows, { ...DEFAULT_AUDIT_OPTIONS, maxBlock: 10 });
    assert.deepEqual(signalsFor(report, 'duplicate', ['T1', 'T2']), ['similar-name']);
  });

  it('finding ids depend on the kind and the members only', async () => {
    const rows = [
      row({ id: 'A', email: 'x@example.org' }),
      row({ id: 'B', email: 'x@example.org', name: 'B' }),
    ];
    const first = await audit(rows);
    const reordered = await audit([...rows].reverse());
    assert.equal(ofKind(first, 'duplicate')[0]!.id, ofKind(reordered, 'duplicate')[0]!.id);
    assert.equal(ofKind(first, 'duplicate')[0]!.id, findingId('duplicate', ['A', 'B']));
    assert.equal(
      findingId('duplicate', ['M0001', 'M0002']),
      'ac18517708b8d54a',
      'the vector of SPEC.md §16.8',
    );
    assert.notEqual(findingId('duplicate', ['A', 'B']), findingId('duplicate', ['A', 'C']));
    assert.notEqual(findingId('duplicate', ['A', 'B']), findingId('bulk-signup', ['A', 'B']));
    assert.notEqual(findingId('duplicate', ['AB']), findingId('duplicate', ['A', 'B']));
  });
});

describe('audit: suspicious sign-ups', () => {
  it('many joins from one address, phone block or payment reference within the window', async () => {
    const report = await audit([
      ...filler(50),
      ...['A1', 'A2', 'A3', 'A4', 'A5'].map((id, i) =>
        row({
          id,
          name: `Name ${id}`,
          address: '1 Elm Road',
          postcode: 'EL1 1MM',
          joined: `2026-09-0${1 + i}`,
        }),
      ),
      ...['N1', 'N2', 'N3', 'N4'].map((id, i) =>
        row({
          id,
          name: `Name ${id}`,
          address: '2 Oak Road',
          postcode: 'OA1 1KK',
          joined: `2026-09-0${1 + i}`,
        }),
      ),
      ...['S1', 'S2', 'S3', 'S4', 'S5'].map((id, i) =>
        row({
          id,
          name: `Name ${id}`,
          address: '3 Ash Road',
          postcode: 'AS1 1HH',
          joined: `${2010 + i}-01-01`,
        }),
      ),
      ...['P1', 'P2', 'P3', 'P4', 'P5'].map((id, i) =>
        row({ id, name: `Name ${id}`, phone: `0740012340${i}`, joined: `2025-03-1${i}` }),
      ),
      ...['R1', 'R2', 'R3'].map((id, i) =>
        row({ id, name: `Name ${id}`, payref: 'so 123', joined: `2024-06-0${1 + i}` }),
      ),
    ]);
    assert.deepEqual(signalsFor(report, 'bulk-signup', ['A1', 'A2', 'A3', 'A4', 'A5']), ['address']);
    assert.deepEqual(signalsFor(report, 'bulk-signup', ['P1', 'P2', 'P3', 'P4', 'P5']), ['phone-prefix']);
    assert.deepEqual(signalsFor(report, 'bulk-signup', ['R1', 'R2', 'R3']), ['payment-reference']);
    assert.equal(
      ofKind(report, 'bulk-signup').length,
      3,
      'four joins, or five over five years, are no burst',
    );
    assert.match(
      ofKind(report, 'bulk-signup')[0]!.evidence[0]!.detail,
      /5 members with the same address "1 Elm Road, EL1 1MM" joined between 2026-09-01 and 2026-09-05/,
    );
  });

  it('an email domain only when far above its usual rate', async () => {
    const big = Array.from({ length: 300 }, (_, i) =>
      row({
        id: `G${i}`,
        email: `g${i}@bigmail.example`,
        joined: `${2000 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`,
      }),
    );
    const burst = Array.from({ length: 12 }, (_, i) =>
      row({ id: `C${i}`, email: `c${i}@small.example`, joined: `2026-09-0${1 + (i % 5)}` }),
    );
    const report = await audit([...big, ...burst]);
    assert.deepEqual(
      signalsFor(
        report,
        'bulk-signup',
        burst.map((_, i) => `C${i}`),
      ),
      ['email-domain'],
    );
    assert.equal(ofKind(report, 'bulk-signup').length, 1);
  });

  it('a spike in daily joins just before the cut-off', async () => {
    const days = (from: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10),
      );
    const steady = days('2025-06-01', 500).map((d, i) => row({ id: `D${i}`, joined: d }));
    const spike = Array.from({ length: 40 }, (_, i) =>
      row({ id: `S${i}`, joined: i < 20 ? '2026-09-28' : '2026-09-29' }),
    );
    const report = await audit([...steady, ...spike], DEFAULT_AUDIT_OPTIONS, {
      joinedOnOrBefore: '2026-10-01',
    });
    const [finding] = ofKind(report, 'join-spike');
    assert.ok(finding);
    assert.ok(spike.every((_, i) => finding.memberIds.includes(`S${i}`)));
    assert.equal(finding.memberIds.length, 42, 'with the steady joiners of those two days');
    assert.match(
      finding.evidence[0]!.detail,
      /42 members joined from 2026-09-28 to 2026-09-29 \(up to 21 a day against a usual 1\)/,
    );
    const quiet = await audit(steady, DEFAULT_AUDIT_OPTIONS, { joinedOnOrBefore: '2026-10-01' });
    assert.equal(ofKind(quiet, 'join-spike').length, 0);
  });

  it('disposable email domains, their subdomains included', async () => {
    assert.ok(isDisposableDomain('mailinator.com'));
    assert.ok(isDisposableDomain('anything.33mail.com'));
    assert.ok(!isDisposableDomain('gmail.com'));
    const report = await audit([
      row({ id: 'A', email: 'a@mailinator.com' }),
      row({ id: 'B', email: 'b@yopmail.com' }),
      row({ id: 'C', email: 'c@example.org' }),
    ]);
    assert.deepEqual(
      ofKind(report, 'disposable-email').map((f) => f.memberIds),
      [['A'], ['B']],
    );
  });
});

describe('audit: contact data', () => {
  it('missing and invalid emails, typo domains of big providers, invalid phones', async () => {
    const real = Array.from({ length: 20 }, (_, i) => row({ id: `R${i}`, email: `r${i}@gmx.com` }));
    const report = await audit([
      ...real,
      row({ id: 'NONE', email: '' }),
      row({ id: 'NOAT', email: 'ann.example.org' }),
      row({ id: 'SPACE', email: 'ann lee@example.org' }),
      row({ id: 'TYPO1', email: 'ann@gmial.com' }),
      row({ id: 'TYPO2', email: 'bob@hotmail.con' }),
      row({ id: 'BADPHONE', phone: '12345' }),
      row({ id: 'OKPHONE', phone: '07400 999888' }),
    ]);
    assert.deepEqual(ofKind(report, 'missing-email')[0]!.memberIds, ['NONE']);
    const invalid = ofKind(report, 'invalid-email')[0]!;
    assert.deepEqual(invalid.memberIds, ['NOAT', 'SPACE', 'TYPO1', 'TYPO2']);
    assert.deepEqual(
      invalid.evidence.map((e) => [e.signal, e.memberIds.join()]),
      [
        ['syntax', 'NOAT'],
        ['syntax', 'SPACE'],
        ['domain-typo', 'TYPO1'],
        ['domain-typo', 'TYPO2'],
      ],
    );
    assert.match(invalid.evidence[2]!.detail, /gmial\.com, which looks like a typing mistake for gmail\.com/);
    assert.deepEqual(ofKind(report, 'invalid-phone')[0]!.memberIds, ['BADPHONE']);
    assert.equal(report.summary.cannotReceiveCredential, 5);
  });
});

describe('audit report', () => {
  it('summarises counts per kind and lists the ineligible with reasons', async () => {
    const report = await audit(
      [row({ id: 'A' }), row({ id: 'B', email: '' }), row({ id: 'C', joined: '2027-01-01' })],
      DEFAULT_AUDIT_OPTIONS,
      { joinedOnOrBefore: '2026-10-01' },
    );
    assert.equal(report.format, 'psephos/roll-audit/v1');
    assert.equal(report.summary.members, 3);
    assert.equal(report.summary.eligible, 2);
    assert.deepEqual(report.eligibility.ineligible, [
      { memberId: 'C', line: 4, reasons: ['joined-after-cutoff'] },
    ]);
    assert.deepEqual(report.summary.byKind['missing-email'], {
      findings: 1,
      members: 1,
      confirmed: 0,
      dismissed: 0,
      open: 1,
    });
    assert.equal(report.summary.membersFlagged, 1);
    assert.deepEqual(report.findings[0]!.sample[0], {
      line: 3,
      memberId: 'B',
      name: 'Ann Lee',
      email: '',
      phone: '',
      postcode: 'PC B',
      joinDate: '2020-01-01',
    });
  });
});
