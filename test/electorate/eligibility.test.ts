import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eligibleMembers, evaluateEligibility } from '../../src/electorate/eligibility.ts';
import { describeRules, eligibilityRulesSchema, parseEligibilityRules } from '../../src/electorate/rules.ts';
import { csv, importText, row } from './helpers.ts';

const RULES = parseEligibilityRules({
  joinedOnOrBefore: '2026-10-01',
  duesPaid: true,
  minimumAge: 16,
  asOf: '2026-11-30',
  residency: ['GB'],
  nationality: null,
  excludeSuspended: true,
});

describe('eligibility rules', () => {
  it('the rules file: defaults, and the example of the election definition', () => {
    assert.deepEqual(parseEligibilityRules({}), {
      duesPaid: false,
      unknownAge: 'ineligible',
      residency: null,
      nationality: null,
      excludeSuspended: true,
    });
    assert.equal(RULES.minimumAge, 16);
    assert.deepEqual(describeRules(RULES), [
      'joined on or before 2026-10-01',
      'dues paid (or exempt)',
      'aged at least 16 on 2026-11-30',
      'resident in GB',
      'not suspended',
    ]);
    assert.deepEqual(describeRules(parseEligibilityRules({ excludeSuspended: false })), [
      'every member on the roll',
    ]);
    assert.ok(eligibilityRulesSchema.safeParse({ residency: ['GB', 'IE'] }).success);
  });

  it('rejects invalid rules with the reason', () => {
    const invalid: unknown[] = [
      { joinedOnOrBefore: '2026-02-30' },
      { joinedOnOrBefore: '01/10/2026' },
      { minimumAge: 16 },
      { minimumAge: -1, asOf: '2026-01-01' },
      { minimumAge: 16.5, asOf: '2026-01-01' },
      { residency: ['UK'] },
      { residency: [] },
      { duesPaid: 'yes' },
      { unknownAge: 'maybe' },
      { cutoff: '2026-01-01' },
      [],
    ];
    for (const rules of invalid) {
      assert.throws(() => parseEligibilityRules(rules), { code: 'invalid-rules' }, JSON.stringify(rules));
    }
    assert.throws(() => parseEligibilityRules({ minimumAge: 16 }), /minimumAge needs asOf/);
  });
});

describe('eligibility evaluation', () => {
  it('records every reason a member fails, and counts per reason', async () => {
    const roll = await importText(
      csv([
        row({ id: 'OK1' }),
        row({ id: 'OK2', joined: '2026-10-01', dues: 'exempt', dob: '2010-11-30' }),
        row({ id: 'LATE', joined: '2026-10-02' }),
        row({ id: 'UNPAID', dues: 'lapsed' }),
        row({ id: 'NODUES', dues: '' }),
        row({ id: 'YOUNG', dob: '2010-12-01' }),
        row({ id: 'NODOB', dob: '' }),
        row({ id: 'ABROAD', country: 'FR' }),
        row({ id: 'NOWHERE', country: '' }),
        row({ id: 'SUSP', suspended: 'yes' }),
        row({ id: 'MANY', joined: '2026-11-01', dues: 'no', suspended: 'yes' }),
      ]),
    );
    const result = evaluateEligibility(roll, RULES);
    assert.equal(result.total, 11);
    assert.equal(result.eligible, 2);
    const reasons = Object.fromEntries(roll.members.map((m, i) => [m.memberId, result.reasons[i]]));
    assert.deepEqual(reasons, {
      OK1: null,
      OK2: null,
      LATE: ['joined-after-cutoff'],
      UNPAID: ['dues-unpaid'],
      NODUES: ['dues-unknown'],
      YOUNG: ['under-age'],
      NODOB: ['age-unknown'],
      ABROAD: ['not-resident'],
      NOWHERE: ['residency-unknown'],
      SUSP: ['suspended'],
      MANY: ['joined-after-cutoff', 'dues-unpaid', 'suspended'],
    });
    assert.equal(result.byReason['joined-after-cutoff'], 2);
    assert.equal(result.byReason['dues-unpaid'], 2);
    assert.equal(result.byReason.suspended, 2);
    assert.equal(result.byReason['nationality-excluded'], 0);
    assert.deepEqual(
      eligibleMembers(roll, result).map((m) => m.memberId),
      ['OK1', 'OK2'],
    );
  });

  it('applies nationality rules and, when allowed, counts a blank date of birth as eligible', async () => {
    const roll = await importText(
      csv([
        row({ id: 'A', nationality: 'FR', dob: '' }),
        row({ id: 'B', nationality: '' }),
        row({ id: 'C' }),
      ]),
    );
    const rules = parseEligibilityRules({
      nationality: ['GB', 'IE'],
      minimumAge: 18,
      asOf: '2026-01-01',
      unknownAge: 'eligible',
    });
    const result = evaluateEligibility(roll, rules);
    assert.deepEqual(result.reasons, [['nationality-excluded'], ['nationality-unknown'], null]);
  });

  it('refuses a rule that needs a column the roll does not have', async () => {
    const roll = await importText('member_id,join_date\nM1,2020-01-01\n');
    assert.throws(() => evaluateEligibility(roll, parseEligibilityRules({ duesPaid: true })), {
      code: 'rule-needs-column',
      message: /dues/,
    });
    assert.throws(
      () => evaluateEligibility(roll, parseEligibilityRules({ minimumAge: 16, asOf: '2026-01-01' })),
      {
        code: 'rule-needs-column',
      },
    );
    assert.throws(() => evaluateEligibility(roll, parseEligibilityRules({ residency: ['GB'] })), {
      code: 'rule-needs-column',
    });
    // With no suspension column nobody is suspended.
    assert.equal(evaluateEligibility(roll, parseEligibilityRules({})).eligible, 1);
  });
});
