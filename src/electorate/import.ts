/**
 * Roll import: a CSV file becomes a {@link Roll}, every row checked. The import is all or nothing: any
 * row error rejects the whole file, with every error found (up to {@link MAX_ROW_ERRORS}) and its line,
 * so the organiser fixes the export once rather than discovering problems one at a time.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { openCsv } from './csv.ts';
import { parseDate } from './dates.ts';
import type { RowError } from './errors.ts';
import { ElectorateError, MAX_ROW_ERRORS } from './errors.ts';
import type { ColumnMapping, ColumnPlan, RollField } from './mapping.ts';
import { columnMappingSchema, planColumns } from './mapping.ts';
import type { Member, Roll } from './member.ts';
import { parseCountry, parseDues, parseFlag } from './values.ts';

/** Options of an import. */
export interface ImportOptions {
  /** How to read the columns; by default, fields are found by their usual header names. */
  mapping?: ColumnMapping;
  /** The name the report gives the source (a file name). */
  name?: string;
  /** Called as bytes are read, for a progress bar. */
  onProgress?: (bytesRead: number) => void;
}

const MAX_MEMBER_ID = 200;

/**
 * Imports a roll from a byte stream. Throws {@link ElectorateError}: a file-level code (`empty-file`,
 * `not-text`, `missing-column`…) as soon as it is known, or `invalid-rows` with the row errors.
 * @example `const roll = await importRoll(upload, { name: 'members.csv', mapping });`
 */
export async function importRoll(
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): Promise<Roll> {
  const mapping = options.mapping ?? columnMappingSchema.parse({});
  const csv = await openCsv(input, options.onProgress);
  const members: Member[] = [];
  const errors: RowError[] = [];
  const firstLine = new Map<string, number>();
  let plan: ColumnPlan | undefined;
  let errorCount = 0;
  let rows = 0;
  const report = (line: number, code: string, message: string): void => {
    errorCount++;
    if (errors.length < MAX_ROW_ERRORS) errors.push({ line, code, message });
  };

  for await (const item of csv.records) {
    if (item.kind === 'problem') {
      report(item.line, 'unreadable-row', `the row cannot be read as CSV: ${item.message}`);
    } else if (plan === undefined) {
      plan = planColumns(item.fields, mapping);
    } else {
      rows++;
      const member = readMember(item.fields, item.line, plan, mapping, report);
      if (member) {
        const seen = firstLine.get(member.memberId);
        if (seen === undefined) {
          firstLine.set(member.memberId, member.line);
          members.push(member);
        } else {
          report(
            member.line,
            'duplicate-member-id',
            `member id "${member.memberId}" is already on line ${seen}`,
          );
        }
      }
    }
    if (errorCount >= MAX_ROW_ERRORS) {
      throw new ElectorateError(
        'invalid-rows',
        `${MAX_ROW_ERRORS} row errors by line ${errors.at(-1)?.line}; stopped reading. Nothing was imported`,
        errors,
      );
    }
  }
  if (errorCount > 0) {
    throw new ElectorateError(
      'invalid-rows',
      `${errorCount} row error${errorCount === 1 ? '' : 's'} in the roll; nothing was imported`,
      errors,
    );
  }
  if (plan === undefined || members.length === 0) {
    throw new ElectorateError('no-members', 'the roll has a header but no member rows');
  }
  return {
    members,
    source: { name: options.name ?? 'roll', sha256: csv.sha256(), ...csv.format, rows },
    columns: plan.mapped,
    freeColumns: plan.free,
    dateFormat: mapping.dateFormat,
    defaultCountry: mapping.defaultCountry,
  };
}

/**
 * Imports a roll from a file, streaming it in 1 MiB chunks.
 * @example `const roll = await importRollFile('members.csv', { mapping });`
 */
export function importRollFile(path: string, options: ImportOptions = {}): Promise<Roll> {
  return importRoll(createReadStream(path, { highWaterMark: 1 << 20 }), { name: basename(path), ...options });
}

/** Checks one row; reports each problem it has and returns the member only if there was none. */
function readMember(
  fields: string[],
  line: number,
  plan: ColumnPlan,
  mapping: ColumnMapping,
  report: (line: number, code: string, message: string) => void,
): Member | undefined {
  if (fields.length !== plan.width) {
    report(line, 'ragged-row', `the row has ${fields.length} fields but the header has ${plan.width}`);
    return undefined;
  }
  const get = (field: RollField): string => {
    const i = plan.index[field];
    return i === undefined ? '' : fields[i]!.trim();
  };
  let ok = true;
  const fail = (code: string, message: string): void => {
    ok = false;
    report(line, code, message);
  };
  const date = (field: RollField, label: string, required: boolean): string => {
    const text = get(field);
    if (text === '') {
      if (required) fail('missing-value', `${label} is blank`);
      return '';
    }
    const iso = parseDate(text, mapping.dateFormat);
    if (iso === null) {
      const format =
        mapping.dateFormat === 'YYYY-MM-DD' ? 'YYYY-MM-DD' : `YYYY-MM-DD or ${mapping.dateFormat}`;
      fail('bad-date', `${label} "${text}" is not a calendar date written ${format}`);
    }
    return iso ?? '';
  };
  const country = (field: RollField, label: string): string => {
    const code = parseCountry(get(field));
    if (code === null) fail('bad-country', `${label} "${get(field)}" is not a country name or ISO code`);
    return code ?? '';
  };

  const memberId = get('memberId');
  if (memberId === '') fail('missing-value', 'member id is blank');
  else if (memberId.length > MAX_MEMBER_ID)
    fail('bad-member-id', `member id is longer than ${MAX_MEMBER_ID} characters`);
  const joinDate = date('joinDate', 'join date', true);
  const dateOfBirth = date('dateOfBirth', 'date of birth', false);
  const dues = parseDues(get('dues'));
  if (dues === null) fail('bad-dues', `dues status "${get('dues')}" is not paid, exempt or unpaid`);
  const suspended = parseFlag(get('suspended'));
  if (suspended === null) fail('bad-flag', `suspended "${get('suspended')}" is not yes or no`);
  const residence = country('country', 'country');
  const nationality = country('nationality', 'nationality');
  if (!ok) return undefined;
  return {
    line,
    memberId,
    name: get('name'),
    email: get('email'),
    phone: get('phone'),
    address: get('address'),
    postcode: get('postcode'),
    country: residence,
    nationality,
    dateOfBirth,
    joinDate,
    dues: dues ?? '',
    suspended: suspended ?? false,
    paymentReference: get('paymentReference'),
    free: plan.freeIndex.map((i) => fields[i]!),
  };
}
