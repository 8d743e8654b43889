import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { detectDelimiter, detectEncoding } from '../../src/electorate/csv.ts';
import { MAX_ROW_ERRORS } from '../../src/electorate/errors.ts';
import { importRollFile } from '../../src/electorate/import.ts';
import { parseColumnMapping } from '../../src/electorate/mapping.ts';
import { csv, HEADER, importError, importText, row } from './helpers.ts';

describe('roll import: reading', () => {
  it('reads every field, in normal form, with line numbers', async () => {
    const text = csv([
      row({ id: 'M1', name: 'Zoë Adams', country: 'United Kingdom', dues: 'Life member', suspended: 'no' }),
      row({ id: 'M2', joined: '2021-02-03T09:00:00Z', dob: '', dues: '', nationality: 'ie' }),
    ]);
    const roll = await importText(text, { name: 'members.csv' });
    assert.equal(roll.members.length, 2);
    assert.deepEqual(roll.members[0], {
      line: 2,
      memberId: 'M1',
      name: 'Zoë Adams',
      email: 'm1@example.org',
      phone: '',
      address: 'M1 High Street',
      postcode: 'PC M1',
      country: 'GB',
      nationality: 'GB',
      dateOfBirth: '1980-01-01',
      joinDate: '2020-01-01',
      dues: 'exempt',
      suspended: false,
      paymentReference: '',
      free: [],
    });
    assert.equal(roll.members[1]!.joinDate, '2021-02-03');
    assert.equal(roll.members[1]!.dateOfBirth, '');
    assert.equal(roll.members[1]!.dues, '');
    assert.equal(roll.members[1]!.nationality, 'IE');
    assert.equal(roll.source.name, 'members.csv');
    assert.equal(roll.source.rows, 2);
    assert.equal(roll.source.encoding, 'utf-8');
    assert.match(roll.source.sha256, /^[0-9a-f]{64}$/);
  });

  it('strips a byte-order mark, reads CRLF and quoted fields holding delimiters, quotes and line breaks', async () => {
    const text = `\uFEFF${HEADER}\r\n${row({ id: 'M1', address: 'Flat 2, "The Old Mill"\nMill Lane' })}\r\n${row({ id: 'M2' })}\r\n`;
    const roll = await importText(text);
    assert.equal(roll.members[0]!.address, 'Flat 2, "The Old Mill"\nMill Lane');
    assert.equal(roll.members[0]!.line, 3);
    assert.equal(roll.members[1]!.line, 4);
    assert.equal(roll.columns.memberId, 'member_id');
  });

  it('detects semicolon, tab and bar delimiters', async () => {
    for (const delimiter of [';', '\t', '|']) {
      const text = `Member ID${delimiter}Joined${delimiter}Notes\nM1${delimiter}2020-01-01${delimiter}a, b, c\n`;
      const roll = await importText(text);
      assert.equal(roll.source.delimiter, delimiter);
      assert.deepEqual(roll.members[0]!.free, ['a, b, c']);
    }
  });

  it('detects Windows-1252 and decodes it', async () => {
    const text = `${HEADER}\n${row({ id: 'M1', name: 'Zoë Désirée', address: '3 Rue de l’Église' })}\n`;
    // Windows-1252 is Latin-1 but for 0x80–0x9F, where it has the typographic quotes: ’ is 0x92.
    const bytes = Buffer.from(text.replace('’', '\x92'), 'latin1');
    const roll = await importText(bytes);
    assert.equal(roll.source.encoding, 'windows-1252');
    assert.equal(roll.members[0]!.name, 'Zoë Désirée');
    assert.equal(roll.members[0]!.address, '3 Rue de l’Église');
  });

  it('finds columns by their usual names, keeps the rest as free fields, and follows a mapping', async () => {
    const text = 'Membership No,E-mail,Date Joined,Branch,\nA7,a@example.org,2020-05-01,North,\n';
    const roll = await importText(text);
    assert.equal(roll.members[0]!.memberId, 'A7');
    assert.equal(roll.members[0]!.email, 'a@example.org');
    assert.deepEqual(roll.freeColumns, ['Branch']);
    assert.deepEqual(roll.members[0]!.free, ['North']);

    const mapping = parseColumnMapping({
      columns: { memberId: 'Ref', joinDate: 'Since', dues: 'Sub' },
      dateFormat: 'DD/MM/YYYY',
      defaultCountry: 'gb',
    });
    const mapped = await importText('Ref,Since,Sub\nX1,31/12/2019,Yes\nX2,2020-01-31,No\n', { mapping });
    assert.deepEqual(
      mapped.members.map((m) => [m.memberId, m.joinDate, m.dues]),
      [
        ['X1', '2019-12-31', 'paid'],
        ['X2', '2020-01-31', 'unpaid'],
      ],
    );
    assert.equal(mapped.defaultCountry, 'GB');
    assert.equal(mapped.dateFormat, 'DD/MM/YYYY');
  });

  it('streams a file from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psephos-roll-'));
    const path = join(dir, 'roll.csv');
    writeFileSync(path, csv(Array.from({ length: 3000 }, (_, i) => row({ id: `M${i}` }))));
    let progress = 0;
    const roll = await importRollFile(path, { onProgress: (read) => (progress = read) });
    assert.equal(roll.members.length, 3000);
    assert.equal(roll.source.name, 'roll.csv');
    assert.ok(progress > 0);
  });
});

describe('format detection', () => {
  it('picks the delimiter that splits every line alike, ignoring quoted text', () => {
    assert.equal(detectDelimiter('id;name;address\n1;"Lee, Ann";"1, High St"\n2;Bo;x\n', true), ';');
    assert.equal(detectDelimiter('id,name\n1,"a;b;c;d"\n', true), ',');
    assert.equal(detectDelimiter('id\tjoined\n1\t2020-01-01\n', true), '\t');
    assert.equal(detectDelimiter('"multi\nline",x\n1,2\n', true), ',');
  });

  it('tells UTF-8 from Windows-1252, and allows a character cut at the end of the sample', () => {
    assert.equal(detectEncoding(Buffer.from('id,name\n1,Zoë\n'), true), 'utf-8');
    assert.equal(detectEncoding(Buffer.from('id,name\n1,Zoë\n', 'latin1'), true), 'windows-1252');
    assert.equal(detectEncoding(Buffer.from('id,name\n1,Zoë').subarray(0, -1), false), 'utf-8');
  });
});

describe('roll import: rejected files', () => {
  it('an empty file', async () => {
    assert.equal((await importError('')).code, 'empty-file');
  });

  it('a header with no rows', async () => {
    assert.equal((await importError(`${HEADER}\n`)).code, 'no-members');
  });

  it('UTF-16, with or without a byte-order mark', async () => {
    const text = csv([row({ id: 'M1' })]);
    assert.equal((await importError(Buffer.from(`\uFEFF${text}`, 'utf16le'))).code, 'unsupported-encoding');
    const error = await importError(Buffer.from(text, 'utf16le'));
    assert.equal(error.code, 'unsupported-encoding');
    assert.match(error.message, /UTF-16/);
  });

  it('a UTF-8 file with invalid bytes past the detection sample', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row({ id: `M${i}` }));
    const bytes = Buffer.concat([Buffer.from(csv(rows)), Buffer.from([0x4d, 0x39, 0x2c, 0xe9, 0x0a])]);
    const error = await importError(bytes);
    assert.equal(error.code, 'unsupported-encoding');
    assert.match(error.message, /not valid UTF-8 after byte/);
    const cut = Buffer.concat([
      Buffer.from(csv(rows)),
      Buffer.from('M9,Zo'),
      Buffer.from('ë').subarray(0, 1),
    ]);
    assert.equal((await importError(cut)).code, 'unsupported-encoding');
  });

  it('a first line with no delimiter', async () => {
    assert.equal((await importError('just some words\nmore words\n')).code, 'no-delimiter');
  });

  it('missing, duplicated or wrongly mapped columns', async () => {
    const noJoin = await importError('member_id,name\nM1,Ann\n');
    assert.equal(noJoin.code, 'missing-column');
    assert.match(noJoin.message, /joinDate/);
    assert.equal(
      (await importError('member_id,join_date,email,Email\nM1,2020-01-01,a,b\n')).code,
      'duplicate-column',
    );
    const mapping = parseColumnMapping({ columns: { email: 'Mail address' } });
    assert.equal((await importError(csv([row({ id: 'M1' })]), { mapping })).code, 'missing-column');
  });

  it('an invalid mapping', () => {
    assert.throws(() => parseColumnMapping({ columns: { nickname: 'x' } }), { code: 'invalid-mapping' });
    assert.throws(() => parseColumnMapping({ dateFormat: 'YY/MM/DD' }), { code: 'invalid-mapping' });
    assert.throws(() => parseColumnMapping({ defaultCountry: 'UK' }), { code: 'invalid-mapping' });
  });

  it('every bad row, each with its line and reason, and nothing imported', async () => {
    const text = csv([
      row({ id: 'M1' }),
      row({ id: 'M2', joined: '2020-02-30' }),
      `${row({ id: 'M3' })},extra`,
      row({ id: 'M4', dob: '1/2/1980' }),
      row({ id: 'M5', dues: 'sometimes' }),
      row({ id: 'M6', country: 'Atlantis' }),
      row({ id: 'M7', suspended: 'maybe' }),
      row({ id: ' ' }),
      row({ id: 'M1' }),
      row({ id: 'M10', joined: '' }),
      'M11,"unclosed,quote',
    ]);
    const error = await importError(text);
    assert.equal(error.code, 'invalid-rows');
    assert.match(error.message, /nothing was imported/);
    const got = error.rowErrors.map((e) => [e.line, e.code]);
    assert.deepEqual(got, [
      [3, 'bad-date'],
      [4, 'ragged-row'],
      [5, 'bad-date'],
      [6, 'bad-dues'],
      [7, 'bad-country'],
      [8, 'bad-flag'],
      [9, 'missing-value'],
      [10, 'duplicate-member-id'],
      [11, 'missing-value'],
      [12, 'unreadable-row'],
    ]);
    assert.match(error.rowErrors[7]!.message, /already on line 2/);
    assert.match(error.rowErrors[0]!.message, /"2020-02-30" is not a calendar date/);
  });

  it('stops reading after the maximum number of errors', async () => {
    const rows = Array.from({ length: MAX_ROW_ERRORS + 500 }, (_, i) => row({ id: `M${i}`, joined: 'soon' }));
    const error = await importError(csv(rows));
    assert.equal(error.code, 'invalid-rows');
    assert.equal(error.rowErrors.length, MAX_ROW_ERRORS);
    assert.match(error.message, /stopped reading/);
  });

  it('50 MB of binary garbage, quickly and in plain words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psephos-roll-'));
    const path = join(dir, 'garbage.csv');
    writeFileSync(path, randomBytes(50 * 1024 * 1024));
    const start = performance.now();
    await assert.rejects(importRollFile(path), { code: 'not-text', message: /not text/ });
    assert.ok(performance.now() - start < 1000, 'rejected within a second');
  });

  it('50 MB of text with no line break, quickly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psephos-roll-'));
    const path = join(dir, 'one-line.csv');
    writeFileSync(path, 'a,'.repeat(25 * 1024 * 1024));
    const start = performance.now();
    await assert.rejects(importRollFile(path), { code: 'line-too-long' });
    assert.ok(performance.now() - start < 1000, 'rejected within a second');
  });
});
