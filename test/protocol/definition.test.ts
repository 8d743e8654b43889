/**
 * Election definitions (src/protocol/definition.ts): parseDefinition accepts the sample definition
 * and rejects each kind of mistake with ProtocolError `bad-definition` and a message that names the
 * field; the fingerprint is deterministic, blind to key order and sensitive to every field;
 * questionBounds gives [min, max] for each question type.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { taggedHash } from '../../src/crypto/hash.ts';
import { canonicalBytes } from '../../src/protocol/canonical.ts';
import type { ElectionDefinition, Question } from '../../src/protocol/definition.ts';
import { fingerprint, parseDefinition, questionBounds } from '../../src/protocol/definition.ts';
import { sampleDefinition, throwsProtocol } from './fixtures.ts';

/** The sample definition after `edit`. */
function edited(edit: (d: ElectionDefinition) => void): ElectionDefinition {
  const d = sampleDefinition();
  edit(d);
  return d;
}

const single = (d: ElectionDefinition) => d.questions[0] as Extract<Question, { type: 'single' }>;
const approval = (d: ElectionDefinition) => d.questions[1] as Extract<Question, { type: 'approval' }>;

/**
 * Expects bad-definition with a message naming `field` — the dotted path of the wrong value, as in
 * `questions.0.candidates.1.id: …` (empty for the top level) — and, if given, saying `why`.
 */
function rejected(value: unknown, field: string, why?: RegExp): void {
  if (field !== '') {
    const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    throwsProtocol(() => parseDefinition(value), 'bad-definition', new RegExp(`(: |; )${escaped}: `));
  }
  if (why) throwsProtocol(() => parseDefinition(value), 'bad-definition', why);
  if (field === '' && !why) throwsProtocol(() => parseDefinition(value), 'bad-definition');
}

/** Object with the same entries in reverse key order, recursively (arrays keep their order). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  }
  return value;
}

describe('parseDefinition: accepts', () => {
  test('the sample definition, unchanged', () => {
    const input = sampleDefinition();
    const parsed = parseDefinition(input);
    assert.deepEqual(parsed, input);
  });

  test('without the optional fields (description, statements, eligibility)', () => {
    const d = sampleDefinition();
    delete d.description;
    for (const q of d.questions) for (const c of q.candidates) delete c.statement;
    assert.deepEqual(parseDefinition(d), d);
  });

  test('eligibility rules kept verbatim', () => {
    const eligibility = { membership: { status: ['full', 'honorary'] }, joinedBefore: '2026-01-01' };
    assert.deepEqual(parseDefinition(sampleDefinition({ eligibility })).eligibility, eligibility);
  });

  test('HTML in names and titles, as plain text (the web layer escapes it)', () => {
    const html = '<script>alert("x")</script> & <b>Ada</b>';
    const d = edited((d) => {
      d.title = '<h1>Board</h1>';
      single(d).candidates[0]!.name = html;
      single(d).candidates[0]!.statement = '<img src=x onerror=alert(1)>';
    });
    const parsed = parseDefinition(d);
    assert.equal(parsed.questions[0]!.candidates[0]!.name, html);
    assert.equal(parsed.title, '<h1>Board</h1>');
  });

  test('non-ASCII text: accents, other scripts, emoji', () => {
    const d = edited((d) => {
      single(d).candidates[0]!.name = 'Zoë Ångström-Øster';
      single(d).candidates[1]!.name = 'Σωκράτης 😀';
    });
    assert.doesNotThrow(() => parseDefinition(d));
  });

  test('ids at the limits: 1 character, 64 characters, inner hyphens', () => {
    for (const id of ['a', '7', 'a'.repeat(64), 'a-b', 'x--y', '2026-agm']) {
      assert.equal(parseDefinition(sampleDefinition({ id })).id, id);
    }
  });

  test('times with offsets, compared as instants', () => {
    // 11:00+02:00 is 09:00Z: closes two hours after 07:00Z.
    const d = sampleDefinition({ opensAt: '2026-05-01T07:00:00Z', closesAt: '2026-05-01T11:00:00+02:00' });
    assert.doesNotThrow(() => parseDefinition(d));
  });

  test('threshold equal to the number of trustees; a single trustee', () => {
    assert.doesNotThrow(() => parseDefinition(sampleDefinition({ threshold: 3 })));
    assert.doesNotThrow(() =>
      parseDefinition(sampleDefinition({ trustees: [{ name: 'Sole' }], threshold: 1 })),
    );
  });

  test('approval bounds at the limits: min = max, max = number of candidates', () => {
    for (const [min, max] of [
      [0, 5],
      [2, 2],
      [5, 5],
      [1, 1],
    ] as const) {
      const d = edited((d) => {
        approval(d).min = min;
        approval(d).max = max;
      });
      assert.doesNotThrow(() => parseDefinition(d), `[${min}, ${max}]`);
    }
  });

  test('the same candidate id in two different questions', () => {
    const d = edited((d) => {
      approval(d).candidates[0]!.id = 'ada';
      approval(d).candidates[0]!.name = 'Ada Lovelace';
    });
    assert.doesNotThrow(() => parseDefinition(d));
  });
});

describe('parseDefinition: rejects with bad-definition naming the field', () => {
  test('not an object', () => {
    for (const value of [null, undefined, 'definition', 42, [], true]) {
      throwsProtocol(() => parseDefinition(value), 'bad-definition');
    }
  });

  test('unknown keys, at every level', () => {
    rejected({ ...sampleDefinition(), admin: 'me' }, '', /admin/);
    rejected(
      edited((d) => Object.assign(d.questions[0]!, { weight: 2 })),
      'questions.0',
      /weight/,
    );
    rejected(
      edited((d) => Object.assign(single(d).candidates[1]!, { photo: 'x.png' })),
      'questions.0.candidates.1',
      /photo/,
    );
    rejected(
      edited((d) => Object.assign(d.trustees[0]!, { email: 'ro@example.org' })),
      'trustees.0',
      /email/,
    );
  });

  test('missing required fields', () => {
    for (const key of [
      'format',
      'version',
      'id',
      'title',
      'practice',
      'questions',
      'opensAt',
      'boardKey',
    ] as const) {
      const d: Partial<ElectionDefinition> = sampleDefinition();
      delete d[key];
      rejected(d, key);
    }
    rejected(
      edited((d) => {
        delete (single(d) as Partial<Question>).title;
      }),
      'questions.0.title',
    );
  });

  test('wrong format or version', () => {
    rejected(sampleDefinition({ format: 'psephos/ballot' as 'psephos/election' }), 'format');
    rejected(sampleDefinition({ format: 'Psephos/election' as 'psephos/election' }), 'format');
    for (const version of [0, 2, '1', 1.5]) rejected({ ...sampleDefinition(), version }, 'version');
  });

  test('duplicate candidate ids in one question', () => {
    rejected(
      edited((d) => {
        single(d).candidates[2]!.id = 'ada';
      }),
      'questions.0',
      /same id/,
    );
  });

  test('duplicate candidate names in one question, compared without case', () => {
    rejected(
      edited((d) => {
        approval(d).candidates[4]!.name = 'Eve Arden';
      }),
      'questions.1',
      /same name/,
    );
    rejected(
      edited((d) => {
        approval(d).candidates[4]!.name = 'EVE arden';
      }),
      'questions.1',
      /same name/,
    );
  });

  test('look-alike candidate names: composed and decomposed accents, compatibility forms', () => {
    rejected(
      edited((d) => {
        approval(d).candidates[3]!.name = 'Zo\u00eb Arden';
        approval(d).candidates[4]!.name = 'Zoe\u0308 Arden';
      }),
      'questions.1',
      /same name/,
    );
    rejected(
      edited((d) => {
        approval(d).candidates[4]!.name = '\uff25ve Arden';
      }),
      'questions.1',
      /same name/,
    );
  });

  test('invisible or direction-changing characters in a name', () => {
    for (const sneaky of ['Eve\u200b Arden', 'Eve \u202eArden', 'Eve\u2066 Arden', '\ufeffEve Arden']) {
      rejected(
        edited((d) => {
          approval(d).candidates[4]!.name = sneaky;
        }),
        'questions.1.candidates.4.name',
        /zero-width|direction/,
      );
    }
  });

  test('duplicate question ids', () => {
    rejected(
      edited((d) => {
        d.questions[1]!.id = 'chair';
      }),
      'questions',
      /same id/,
    );
  });

  test('threshold greater than the number of trustees, or below 1', () => {
    rejected(sampleDefinition({ threshold: 4 }), 'threshold', /exceeds/);
    rejected(sampleDefinition({ threshold: 0 }), 'threshold');
    rejected(sampleDefinition({ threshold: 1.5 }), 'threshold');
    rejected(sampleDefinition({ trustees: [] }), 'trustees');
  });

  test('closesAt not after opensAt (equal, before, and before once offsets are applied)', () => {
    rejected(sampleDefinition({ closesAt: '2026-05-01T09:00:00Z' }), 'closesAt', /close after/);
    rejected(sampleDefinition({ closesAt: '2026-04-30T09:00:00Z' }), 'closesAt', /close after/);
    // The text sorts after opensAt, but 10:00+02:00 is 08:00Z, an hour before it.
    rejected(sampleDefinition({ closesAt: '2026-05-01T10:00:00+02:00' }), 'closesAt', /close after/);
    // The same instant written two ways.
    rejected(sampleDefinition({ closesAt: '2026-05-01T11:00:00+02:00' }), 'closesAt', /close after/);
  });

  test('times that are not ISO 8601 date-times with a zone', () => {
    for (const t of ['2026-05-01', '2026-05-01 09:00:00Z', '2026-02-30T09:00:00Z', '1 May 2026', '']) {
      rejected(sampleDefinition({ opensAt: t }), 'opensAt');
    }
  });

  test('approval min greater than max, or max greater than the number of candidates', () => {
    const bounds = (min: number, max: number) =>
      edited((d) => {
        approval(d).min = min;
        approval(d).max = max;
      });
    rejected(bounds(2, 1), 'questions.1', /min ≤ max/);
    rejected(bounds(0, 6), 'questions.1', /number of candidates/);
    rejected(bounds(6, 6), 'questions.1', /number of candidates/);
    rejected(bounds(-1, 2), 'questions.1.min');
    rejected(bounds(0, 0), 'questions.1.max');
    rejected(bounds(0, 1.5), 'questions.1.max');
  });

  test('a question with no candidates, or with no type', () => {
    rejected(
      edited((d) => {
        single(d).candidates = [];
      }),
      'questions.0.candidates',
    );
    rejected(
      edited((d) => {
        delete (d.questions[0] as Partial<Question>).type;
      }),
      'questions.0.type',
    );
    rejected(
      edited((d) => Object.assign(d.questions[0]!, { type: 'ranked' })),
      'questions.0.type',
    );
    rejected(sampleDefinition({ questions: [] }), 'questions');
  });

  test('a single question with approval bounds, or an approval question with blankAllowed', () => {
    rejected(
      edited((d) => Object.assign(d.questions[0]!, { min: 0, max: 1 })),
      'questions.0',
    );
    rejected(
      edited((d) => Object.assign(d.questions[1]!, { blankAllowed: true })),
      'questions.1',
    );
  });

  test('bad ids: upper case, spaces, too long, edge hyphens, other characters, empty', () => {
    for (const id of [
      'Board-2026',
      'board 2026',
      'a'.repeat(65),
      '-board',
      'board-',
      'board_2026',
      'böard',
      '',
    ]) {
      rejected(sampleDefinition({ id }), 'id', /lower-case/);
    }
    rejected(
      edited((d) => {
        single(d).candidates[0]!.id = 'Ada';
      }),
      'questions.0.candidates.0.id',
    );
    rejected(
      edited((d) => {
        approval(d).candidates[3]!.id = 'hal ashby';
      }),
      'questions.1.candidates.3.id',
    );
    rejected(
      edited((d) => {
        d.questions[1]!.id = 'x'.repeat(65);
      }),
      'questions.1.id',
    );
  });

  test('control characters in any text; leading or trailing spaces; empty text', () => {
    for (const bad of [
      'Ada\u0000',
      'Ada\nLovelace',
      'Ada\tLovelace',
      'Ada\u007f',
      'Ada\u0085',
      '\u001b[31mAda',
    ]) {
      rejected(
        edited((d) => {
          single(d).candidates[0]!.name = bad;
        }),
        'questions.0.candidates.0.name',
        /control characters/,
      );
    }
    rejected(sampleDefinition({ title: 'Board\r\nelection' }), 'title', /control characters/);
    rejected(sampleDefinition({ description: 'Line one\u0007' }), 'description', /control characters/);
    rejected(
      edited((d) => {
        single(d).candidates[1]!.statement = 'Vote\u0008 for me';
      }),
      'questions.0.candidates.1.statement',
    );
    rejected(
      edited((d) => {
        d.trustees[0]!.name = 'Returning\u000bofficer';
      }),
      'trustees.0.name',
    );
    rejected(
      edited((d) => {
        d.questions[1]!.title = '\u0000';
      }),
      'questions.1.title',
    );
    rejected(sampleDefinition({ title: ' Board election' }), 'title', /spaces/);
    rejected(sampleDefinition({ title: 'Board election ' }), 'title', /spaces/);
    rejected(sampleDefinition({ title: '' }), 'title');
  });

  // RFC 8785 cannot canonicalise a lone surrogate (I-JSON strings are Unicode): a definition that
  // parses must have a fingerprint, so the parser has to refuse it, as bad-definition.
  test('a lone surrogate in a name or in the eligibility rules (no canonical form)', () => {
    const lone = JSON.parse('"Ada \\ud800Lovelace"') as string;
    assert.equal(lone.charCodeAt(4), 0xd800);
    rejected(
      edited((d) => {
        single(d).candidates[0]!.name = lone;
      }),
      'questions.0.candidates.0.name',
    );
    throwsProtocol(
      () => parseDefinition(sampleDefinition({ eligibility: { note: lone } })),
      'bad-definition',
    );
  });

  test('text longer than its limit', () => {
    assert.doesNotThrow(() => parseDefinition(sampleDefinition({ title: 'x'.repeat(300) })));
    rejected(sampleDefinition({ title: 'x'.repeat(301) }), 'title');
    rejected(
      edited((d) => {
        single(d).candidates[0]!.name = 'x'.repeat(201);
      }),
      'questions.0.candidates.0.name',
    );
  });

  test('a boardKey that is not 32 bytes of canonical base64url', () => {
    const key = sampleDefinition().boardKey;
    for (const boardKey of [
      key.slice(0, 42),
      `${key}A`,
      `${key.slice(0, 42)}B`,
      `${key.slice(0, 42)}=`,
      '',
    ]) {
      rejected(sampleDefinition({ boardKey }), 'boardKey');
    }
  });

  test('other enumerations and numbers out of range', () => {
    rejected({ ...sampleDefinition(), revoting: 'first-counts' }, 'revoting');
    rejected(sampleDefinition({ maxWeight: 0 }), 'maxWeight');
    rejected(sampleDefinition({ maxWeight: 1_000_001 }), 'maxWeight');
    rejected({ ...sampleDefinition(), practice: 'no' }, 'practice');
    rejected({ ...sampleDefinition(), eligibility: ['members'] }, 'eligibility');
  });
});

describe('fingerprint', () => {
  const fp = (d: unknown) => toBase64url(fingerprint(parseDefinition(d)));

  test('is the tagged hash "election/fingerprint" of the canonical definition, 32 bytes', () => {
    const d = parseDefinition(sampleDefinition());
    const bytes = fingerprint(d);
    assert.equal(bytes.length, 32);
    assert.deepEqual(bytes, taggedHash('election/fingerprint', [canonicalBytes(d)]));
  });

  test('is deterministic', () => {
    assert.equal(fp(sampleDefinition()), fp(sampleDefinition()));
  });

  test('does not depend on the key order of the input object', () => {
    const reordered = reversedKeys(sampleDefinition());
    assert.notEqual(JSON.stringify(reordered), JSON.stringify(sampleDefinition()));
    assert.deepEqual(Object.keys(reordered as object).reverse(), Object.keys(sampleDefinition()));
    assert.equal(fp(reordered), fp(sampleDefinition()));
    // Also when hashed directly, without going through the parser's own key order.
    assert.deepEqual(
      fingerprint(reordered as ElectionDefinition),
      fingerprint(sampleDefinition() as ElectionDefinition),
    );
  });

  test('changes with any field', () => {
    const variants: [string, ElectionDefinition][] = [
      ['id', sampleDefinition({ id: 'board-2027' })],
      ['title', sampleDefinition({ title: 'Board election 2026.' })],
      ['description', sampleDefinition({ description: 'Elect the chair.' })],
      ['description removed', edited((d) => delete d.description)],
      ['practice', sampleDefinition({ practice: true })],
      ['opensAt', sampleDefinition({ opensAt: '2026-05-01T09:00:01Z' })],
      [
        'opensAt, same instant written differently',
        sampleDefinition({ opensAt: '2026-05-01T11:00:00+02:00' }),
      ],
      ['closesAt', sampleDefinition({ closesAt: '2026-05-08T17:00:00.001Z' })],
      ['revoting', sampleDefinition({ revoting: 'last-counts' })],
      ['maxWeight', sampleDefinition({ maxWeight: 2 })],
      ['threshold', sampleDefinition({ threshold: 3 })],
      ['trustee name', edited((d) => (d.trustees[2]!.name = 'Members’ delegates'))],
      ['trustee order', edited((d) => d.trustees.reverse())],
      ['boardKey', sampleDefinition({ boardKey: `B${sampleDefinition().boardKey.slice(1)}` })],
      ['eligibility added', sampleDefinition({ eligibility: {} })],
      ['question id', edited((d) => (d.questions[0]!.id = 'chairperson'))],
      ['question title', edited((d) => (d.questions[1]!.title = 'Which members?'))],
      ['question order', edited((d) => d.questions.reverse())],
      ['blankAllowed', edited((d) => (single(d).blankAllowed = true))],
      ['approval min', edited((d) => (approval(d).min = 1))],
      ['approval max', edited((d) => (approval(d).max = 3))],
      ['candidate id', edited((d) => (single(d).candidates[3]!.id = 'dd'))],
      ['candidate name', edited((d) => (single(d).candidates[3]!.name = 'Dee Dee'))],
      ['candidate statement', edited((d) => (single(d).candidates[0]!.statement = 'Hello.'))],
      ['candidate order', edited((d) => single(d).candidates.reverse())],
      ['candidate removed', edited((d) => single(d).candidates.pop())],
    ];
    const seen = new Map([[fp(sampleDefinition()), 'the sample']]);
    for (const [what, d] of variants) {
      const f = fp(d);
      assert.ok(!seen.has(f), `changing ${what} gives the same fingerprint as ${seen.get(f)}`);
      seen.set(f, what);
    }
  });
});

describe('questionBounds', () => {
  const d = parseDefinition(sampleDefinition());

  test('single, no blank vote: exactly one', () => {
    assert.deepEqual(questionBounds(d.questions[0]!), { min: 1, max: 1 });
  });

  test('single, blank vote allowed: zero or one', () => {
    const q = parseDefinition(edited((d) => (single(d).blankAllowed = true))).questions[0]!;
    assert.deepEqual(questionBounds(q), { min: 0, max: 1 });
  });

  test('approval: its own min and max', () => {
    assert.deepEqual(questionBounds(d.questions[1]!), { min: 0, max: 2 });
    for (const [min, max] of [
      [1, 3],
      [2, 2],
      [0, 5],
    ] as const) {
      const q = parseDefinition(
        edited((d) => {
          approval(d).min = min;
          approval(d).max = max;
        }),
      ).questions[1]!;
      assert.deepEqual(questionBounds(q), { min, max });
    }
  });
});
