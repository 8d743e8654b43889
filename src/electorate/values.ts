/**
 * Readers for the coded columns of a roll (dues status, yes/no flags, countries). Membership systems
 * write these many ways; each reader accepts the common spellings and returns null for anything else,
 * so the row is reported rather than guessed.
 */
import { foldText } from './normalise.ts';

/** A member's dues: paid, exempt (honorary or life members, who count as paid) or unpaid. */
export type DuesStatus = 'paid' | 'exempt' | 'unpaid';

const DUES = new Map<string, DuesStatus>();
for (const word of ['paid', 'yes', 'y', 'true', '1', 'current', 'ok', 'in good standing'])
  DUES.set(word, 'paid');
for (const word of ['exempt', 'honorary', 'life', 'life member']) DUES.set(word, 'exempt');
for (const word of ['unpaid', 'no', 'n', 'false', '0', 'lapsed', 'arrears', 'in arrears', 'overdue']) {
  DUES.set(word, 'unpaid');
}

const FLAGS = new Map<string, boolean>([
  ['yes', true],
  ['y', true],
  ['true', true],
  ['1', true],
  ['suspended', true],
  ['no', false],
  ['n', false],
  ['false', false],
  ['0', false],
  ['active', false],
]);

/**
 * A dues status, '' for a blank cell (unknown), or null for text that is no dues status.
 * @example `parseDues('In arrears')` → `'unpaid'`; `parseDues('maybe')` → `null`
 */
export function parseDues(text: string): DuesStatus | '' | null {
  const key = foldText(text);
  return key === '' ? '' : (DUES.get(key) ?? null);
}

/**
 * A yes/no flag (blank means no), or null for text that is neither.
 * @example `parseFlag('Suspended')` → `true`; `parseFlag('')` → `false`
 */
export function parseFlag(text: string): boolean | null {
  const key = foldText(text);
  return key === '' ? false : (FLAGS.get(key) ?? null);
}

/** Region codes that CLDR names but that are no country a person can live in or belong to. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
const COUNTRY_ALIASES: Record<string, string> = {
  uk: 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  cymru: 'GB',
  'northern ireland': 'GB',
  usa: 'US',
  'united states of america': 'US',
};

let countryIndex: { codes: Set<string>; names: Map<string, string> } | undefined;

/** Built once, from the platform's CLDR data, so every ISO 3166 country and its English name is known. */
function countries(): { codes: Set<string>; names: Map<string, string> } {
  if (countryIndex) return countryIndex;
  const display = new Intl.DisplayNames('en', { type: 'region', fallback: 'code' });
  const codes = new Set<string>();
  const names = new Map(Object.entries(COUNTRY_ALIASES));
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = display.of(code);
      if (name === undefined || name === code || NOT_COUNTRIES.has(code)) continue;
      // Deprecated codes (UK, DD, SU…) are mapped to the current one, as CLDR's region aliases say.
      const current = Intl.getCanonicalLocales(`und-${code}`)[0]?.slice(4) ?? code;
      codes.add(current);
      if (current === code) names.set(foldText(name.replaceAll('&', ' and ')), code);
    }
  }
  countryIndex = { codes, names };
  return countryIndex;
}

/**
 * An ISO 3166-1 alpha-2 country code from a code or an English country name; '' for a blank cell; null
 * when the text names no country.
 * @example `parseCountry('United Kingdom')` → `'GB'`; `parseCountry('fr')` → `'FR'`; `parseCountry('Atlantis')` → `null`
 */
export function parseCountry(text: string): string | '' | null {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const { codes, names } = countries();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const upper = trimmed.toUpperCase();
    return codes.has(upper) ? upper : (names.get(upper.toLowerCase()) ?? null);
  }
  return names.get(foldText(trimmed.replaceAll('&', ' and '))) ?? null;
}

/**
 * True for an ISO 3166-1 alpha-2 code in current use (upper case).
 * @example `isCountryCode('GB')` → `true`; `isCountryCode('UK')` → `false`
 */
export function isCountryCode(code: string): boolean {
  return countries().codes.has(code);
}
