import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nameSimilarity } from '../../src/electorate/audit/duplicates.ts';
import { ageOn, dayNumber, isIsoDate, isoDay, parseDate } from '../../src/electorate/dates.ts';
import {
  emailSyntaxProblem,
  foldText,
  normaliseAddress,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normalisePostcode,
} from '../../src/electorate/normalise.ts';
import { jaroWinkler, withinOneEdit } from '../../src/electorate/similarity.ts';
import { isCountryCode, parseCountry, parseDues, parseFlag } from '../../src/electorate/values.ts';

describe('email normalisation', () => {
  it('ignores case, plus tags, and for Gmail dots and googlemail.com', () => {
    assert.equal(normaliseEmail(' J.Smith+vote@GoogleMail.com '), 'jsmith@gmail.com');
    assert.equal(normaliseEmail('j.smith@gmail.com'), 'jsmith@gmail.com');
    assert.equal(normaliseEmail('Ann.Lee+x@Example.ORG'), 'ann.lee@example.org');
    assert.equal(normaliseEmail('ann@example.org.'), 'ann@example.org');
  });

  it('leaves text that is not one address trimmed and lower-cased', () => {
    assert.equal(normaliseEmail(' No-At-Sign '), 'no-at-sign');
    assert.equal(normaliseEmail('a@b@c'), 'a@b@c');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string()), (text) => {
        const once = normaliseEmail(text);
        assert.equal(normaliseEmail(once), once);
      }),
    );
  });

  it('explains invalid addresses in plain words', () => {
    assert.equal(emailSyntaxProblem('ann@example.org'), null);
    assert.equal(emailSyntaxProblem('zoë@exämple.fr'), null);
    assert.equal(emailSyntaxProblem('ann.example.org'), 'no @ sign');
    assert.equal(emailSyntaxProblem('ann@@example.org'), 'more than one @ sign');
    assert.equal(emailSyntaxProblem('ann lee@example.org'), 'contains a space');
    assert.equal(emailSyntaxProblem('ann@example'), 'the domain has no top-level part (such as .com)');
    assert.equal(emailSyntaxProblem('ann@'), 'the domain has no top-level part (such as .com)');
    assert.equal(emailSyntaxProblem('.ann@example.org'), 'not a valid email address');
  });
});

describe('phone normalisation', () => {
  it('writes valid numbers in E.164 whatever their format', () => {
    for (const text of [
      '07400 123456',
      '+44 7400 123456',
      '(07400) 123 456',
      '+447400123456',
      '0044 7400 123456',
    ]) {
      assert.equal(normalisePhone(text, 'GB'), '+447400123456', text);
    }
    assert.equal(normalisePhone('01 42 68 53 00', 'FR'), '+33142685300');
  });

  it('rejects what is not a valid number', () => {
    for (const text of ['12345', '07123', 'call me', '+44 20 0000'])
      assert.equal(normalisePhone(text, 'GB'), null, text);
  });

  it('is idempotent on its output', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000_000, max: 399_999_999 }), (n) => {
        const e164 = normalisePhone(`07${n}`, 'GB');
        if (e164 !== null) assert.equal(normalisePhone(e164, undefined), e164);
      }),
      { numRuns: 200 },
    );
  });
});

describe('names, postcodes, addresses', () => {
  it('fold accents, apostrophes, case and punctuation', () => {
    assert.equal(foldText('  Zoë  O’Brien-Smith '), 'zoe obrien smith');
    assert.equal(normaliseName('Dr. Seán  MURPHY'), 'sean murphy');
    assert.equal(normaliseName('Ольга Петрова'), 'ольга петрова');
    assert.equal(normalisePostcode(' sw1a 1aa '), 'SW1A1AA');
    assert.equal(normaliseAddress('12, Acacia Avenue'), '12 acacia ave');
  });

  it('fold compatibility characters fully the first time (㎴ is pv, not pV)', () => {
    for (const text of ['㎴', 'İstanbul', 'ﬁ ㎒ Ⅻ']) {
      for (const f of [foldText, normaliseName, normaliseAddress]) assert.equal(f(f(text)), f(text), text);
    }
    assert.equal(normaliseName('㎴'), 'pv');
  });

  it('are idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        for (const f of [foldText, normaliseName, normalisePostcode, normaliseAddress])
          assert.equal(f(f(text)), f(text));
      }),
    );
  });
});

describe('similarity', () => {
  it('Jaro–Winkler matches the reference values', () => {
    assert.equal(jaroWinkler('martha', 'martha'), 1);
    assert.ok(Math.abs(jaroWinkler('martha', 'marhta') - 0.9611) < 1e-4);
    assert.ok(Math.abs(jaroWinkler('dixon', 'dicksonx') - 0.8133) < 1e-4);
    assert.equal(jaroWinkler('abc', ''), 0);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
  });

  it('Jaro–Winkler is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = jaroWinkler(a, b);
        assert.ok(s >= 0 && s <= 1);
        assert.ok(Math.abs(s - jaroWinkler(b, a)) < 1e-12);
      }),
    );
  });

  it('names are compared word by word, in any order', () => {
    assert.ok(nameSimilarity(['jon', 'smith'], ['smith', 'john']) > 0.95);
    assert.ok(nameSimilarity(['susan', 'henderson'], ['lisa', 'henderson']) < 0.93);
    assert.equal(nameSimilarity(['john', 'smith'], ['john', 'a', 'smith']), 1);
  });

  it('one edit: insertion, deletion, substitution or neighbour swap', () => {
    assert.ok(withinOneEdit('gmial.com', 'gmail.com'));
    assert.ok(withinOneEdit('gmail.con', 'gmail.com'));
    assert.ok(withinOneEdit('gmai.com', 'gmail.com'));
    assert.ok(withinOneEdit('gmaill.com', 'gmail.com'));
    assert.ok(withinOneEdit('gmail.com', 'gmail.com'));
    assert.ok(!withinOneEdit('gmx.com', 'gmail.com'));
    assert.ok(!withinOneEdit('gamil.con', 'gmail.com'));
  });
});

describe('dates', () => {
  it('reads ISO dates (a time part ignored) and the configured day-first or month-first form', () => {
    assert.equal(parseDate('2015-03-04', 'YYYY-MM-DD'), '2015-03-04');
    assert.equal(parseDate('2015-03-04T10:22:00Z', 'YYYY-MM-DD'), '2015-03-04');
    assert.equal(parseDate('2015-03-04 10:22', 'DD/MM/YYYY'), '2015-03-04');
    assert.equal(parseDate('4/3/2015', 'DD/MM/YYYY'), '2015-03-04');
    assert.equal(parseDate('04.03.2015', 'DD/MM/YYYY'), '2015-03-04');
    assert.equal(parseDate('3/4/2015', 'MM/DD/YYYY'), '2015-03-04');
  });

  it('rejects dates that are not on the calendar or not in the format', () => {
    for (const text of [
      '2015-02-29',
      '2015-13-01',
      '2015-00-10',
      '2015-04-31',
      '04/03/2015',
      '15-03-04',
      'yesterday',
      '',
    ]) {
      assert.equal(parseDate(text, 'YYYY-MM-DD'), null, text);
    }
    assert.equal(parseDate('2024-02-29', 'YYYY-MM-DD'), '2024-02-29');
    assert.equal(parseDate('31/02/2015', 'DD/MM/YYYY'), null);
    assert.ok(isIsoDate('2024-02-29'));
    assert.ok(!isIsoDate('2024-02-29T00:00'));
  });

  it('round-trips day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 40_000 }), (day) =>
        assert.equal(dayNumber(isoDay(day)), day),
      ),
    );
  });

  it('counts age in whole years, a 29 February birthday from 1 March', () => {
    assert.equal(ageOn('2010-11-30', '2026-11-30'), 16);
    assert.equal(ageOn('2010-12-01', '2026-11-30'), 15);
    assert.equal(ageOn('2008-02-29', '2026-02-28'), 17);
    assert.equal(ageOn('2008-02-29', '2026-03-01'), 18);
  });
});

describe('coded values', () => {
  it('dues: the usual spellings, blank as unknown, anything else rejected', () => {
    assert.equal(parseDues('Paid'), 'paid');
    assert.equal(parseDues(' in arrears '), 'unpaid');
    assert.equal(parseDues('Life member'), 'exempt');
    assert.equal(parseDues(''), '');
    assert.equal(parseDues('maybe'), null);
  });

  it('flags: yes/no words, blank as no', () => {
    assert.equal(parseFlag('Suspended'), true);
    assert.equal(parseFlag('Y'), true);
    assert.equal(parseFlag(''), false);
    assert.equal(parseFlag('active'), false);
    assert.equal(parseFlag('perhaps'), null);
  });

  it('countries: ISO codes, English names, common aliases', () => {
    assert.equal(parseCountry('gb'), 'GB');
    assert.equal(parseCountry('UK'), 'GB');
    assert.equal(parseCountry('United Kingdom'), 'GB');
    assert.equal(parseCountry('Wales'), 'GB');
    assert.equal(parseCountry('Côte d’Ivoire'), 'CI');
    assert.equal(parseCountry('Bosnia and Herzegovina'), 'BA');
    assert.equal(parseCountry('ireland'), 'IE');
    assert.equal(parseCountry(''), '');
    assert.equal(parseCountry('Atlantis'), null);
    assert.equal(parseCountry('EU'), null);
    assert.equal(parseCountry('XX'), null);
    assert.ok(isCountryCode('FR'));
    assert.ok(!isCountryCode('UK'));
  });
});
