/**
 * Normal forms of the roll's contact and identity fields, so that the same person typed two ways compares
 * equal: emails (case, plus tags, Gmail dots), phones (E.164), names, postcodes and addresses.
 * Every function here is idempotent: normalising a normal form changes nothing.
 */

import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'rev', 'sir', 'dame', 'lord', 'lady']);
const ADDRESS_WORDS = new Map([
  ['street', 'st'],
  ['road', 'rd'],
  ['avenue', 'ave'],
  ['lane', 'ln'],
  ['drive', 'dr'],
  ['close', 'cl'],
  ['court', 'ct'],
  ['place', 'pl'],
  ['crescent', 'cres'],
  ['gardens', 'gdns'],
  ['terrace', 'ter'],
  ['apartment', 'flat'],
  ['apt', 'flat'],
]);

/**
 * Lower case, accents and apostrophes removed (O’Brien is OBrien, not O Brien), every other run of
 * characters that are not letters or digits turned into one space. Letters of every script are kept, so
 * non-Latin names are compared, not erased.
 * @example `foldText('  Zoë  O’Brien-Smith ')` → `'zoe obrien smith'`
 */
export function foldText(text: string): string {
  // Decompose before and after lower-casing: compatibility characters (㎴ is "pV") only show their
  // letters after the first, and lower-casing can make new decomposable ones (İ); so folding twice
  // gives what folding once gave.
  return text
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\p{M}'’ʼ`]+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A person's name for comparison: folded, titles dropped.
 * @example `normaliseName('Dr. Seán  MURPHY')` → `'sean murphy'`
 */
export function normaliseName(name: string): string {
  return foldText(name)
    .split(' ')
    .filter((word) => !TITLES.has(word))
    .join(' ');
}

/**
 * An email address as a mailbox: lower case; the plus tag dropped (`ann+party@x.org` reaches `ann@x.org`
 * at every major provider); for Gmail, dots in the local part dropped and googlemail.com read as gmail.com,
 * because Gmail ignores both. Text that is not one `local@domain` is only trimmed and lower-cased.
 * @example `normaliseEmail(' J.Smith+vote@GoogleMail.com ')` → `'jsmith@gmail.com'`
 */
export function normaliseEmail(email: string): string {
  const text = email.trim().toLowerCase();
  const at = text.indexOf('@');
  if (at < 0 || at !== text.lastIndexOf('@')) return text;
  let domain = text.slice(at + 1).replace(/\.+$/, '');
  let local = text.slice(0, at);
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    local = local.replaceAll('.', '');
  }
  return `${local}@${domain}`;
}

/**
 * The domain of an email address (after `@`), or '' when there is none.
 * @example `emailDomain('ann@example.org')` → `'example.org'`
 */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1);
}

const EMAIL =
  /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

/**
 * Why an email address cannot receive mail, in plain words, or null when its form is valid. The check is
 * of form only (local part, `@`, a domain with a top-level part), not whether the mailbox exists.
 * @example `emailSyntaxProblem('ann.example.org')` → `'no @ sign'`; `emailSyntaxProblem('ann@example.org')` → `null`
 */
export function emailSyntaxProblem(email: string): string | null {
  const text = email.trim();
  if (EMAIL.test(text)) return null;
  const at = text.split('@').length - 1;
  if (at === 0) return 'no @ sign';
  if (at > 1) return 'more than one @ sign';
  if (/\s/.test(text)) return 'contains a space';
  if (!emailDomain(text).includes('.')) return 'the domain has no top-level part (such as .com)';
  return 'not a valid email address';
}

/**
 * A phone number in E.164 form (`+447700900123`), or null when libphonenumber-js finds no valid number.
 * Numbers written without `+` are read in `country` (the member's country of residence, else the roll's
 * default country).
 * @example `normalisePhone('07400 123456', 'GB')` → `'+447400123456'`
 */
export function normalisePhone(phone: string, country: string | undefined): string | null {
  const parsed = parsePhoneNumberFromString(phone, country as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * A postcode as a blocking key: upper case, spaces and punctuation removed.
 * @example `normalisePostcode(' sw1a 1aa ')` → `'SW1A1AA'`
 */
export function normalisePostcode(postcode: string): string {
  return postcode.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A postal address for comparison: folded, common street words abbreviated one way.
 * @example `normaliseAddress('12, Acacia Avenue')` → `'12 acacia ave'`
 */
export function normaliseAddress(address: string): string {
  return foldText(address)
    .split(' ')
    .map((word) => ADDRESS_WORDS.get(word) ?? word)
    .join(' ');
}
