/**
 * Helpers for the electorate tests: rolls from text, and the error an import throws.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { ElectorateError } from '../../src/electorate/errors.ts';
import type { ImportOptions } from '../../src/electorate/import.ts';
import { importRoll } from '../../src/electorate/import.ts';
import type { Roll } from '../../src/electorate/member.ts';

/** The header used by the hand-written rolls of these tests. */
export const HEADER =
  'member_id,name,email,phone,address,postcode,country,nationality,date_of_birth,join_date,dues,suspended,payment_reference';

/** One CSV row from fields, with sensible defaults. */
export function row(fields: Partial<Record<string, string>> & { id: string }): string {
  const f = {
    name: 'Ann Lee',
    email: `${fields.id.toLowerCase()}@example.org`,
    phone: '',
    address: `${fields.id} High Street`,
    postcode: `PC ${fields.id}`,
    country: 'GB',
    nationality: 'GB',
    dob: '1980-01-01',
    joined: '2020-01-01',
    dues: 'paid',
    suspended: '',
    payref: '',
    ...fields,
  };
  return [
    f.id,
    f.name,
    f.email,
    f.phone,
    f.address,
    f.postcode,
    f.country,
    f.nationality,
    f.dob,
    f.joined,
    f.dues,
    f.suspended,
    f.payref,
  ]
    .map((v) => (/[",\n]/.test(v!) ? `"${v!.replaceAll('"', '""')}"` : v))
    .join(',');
}

/** A roll CSV from rows. */
export function csv(rows: readonly string[], header: string = HEADER): string {
  return `${[header, ...rows].join('\n')}\n`;
}

/** Imports a roll from text or bytes, in chunks of `chunk` bytes to exercise the streaming path. */
export function importText(
  text: string | Uint8Array,
  options: ImportOptions = {},
  chunk = 1 << 16,
): Promise<Roll> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  return importRoll(Readable.from(chunks), options);
}

/** The ElectorateError an import throws; fails the test if it throws nothing or something else. */
export async function importError(
  text: string | Uint8Array,
  options: ImportOptions = {},
): Promise<ElectorateError> {
  try {
    await importText(text, options);
  } catch (error) {
    assert.ok(error instanceof ElectorateError, `expected an ElectorateError, got ${String(error)}`);
    return error;
  }
  assert.fail('the import should have failed');
}
