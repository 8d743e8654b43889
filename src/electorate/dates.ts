/**
 * Calendar dates of the roll (join date, date of birth, rule cut-offs). Held as ISO `YYYY-MM-DD` strings,
 * which compare correctly as text, and turned into day numbers only where windows of days are measured.
 */

/** How a roll writes dates that are not ISO. ISO dates are always accepted, whatever the format. */
export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
const DAY_MS = 86_400_000;

/**
 * Reads a date written as ISO (a time after the date, as CRM exports add, is ignored) or in the roll's
 * day-first or month-first format; returns the ISO date, or null when the text is no real calendar date.
 * @example `parseDate('04/03/2015', 'DD/MM/YYYY')` → `'2015-03-04'`; `parseDate('2015-02-30', 'YYYY-MM-DD')` → `null`
 */
export function parseDate(text: string, format: DateFormat): string | null {
  const iso = ISO.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = format === 'YYYY-MM-DD' ? null : NUMERIC.exec(text);
  if (!numeric) return null;
  const [first, second] = [Number(numeric[1]), Number(numeric[2])];
  return format === 'DD/MM/YYYY'
    ? calendarDate(Number(numeric[3]), second, first)
    : calendarDate(Number(numeric[3]), first, second);
}

/**
 * True for a real ISO calendar date (no time part).
 * @example `isIsoDate('2024-02-29')` → `true`; `isIsoDate('2023-02-29')` → `false`
 */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseDate(text, 'YYYY-MM-DD') === text;
}

/**
 * Days since 1970-01-01 of an ISO date, for measuring windows between join dates.
 * @example `dayNumber('1970-01-02')` → `1`
 */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

/**
 * The ISO date of a day number (inverse of {@link dayNumber}).
 * @example `isoDay(1)` → `'1970-01-02'`
 */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Age in whole years on a date. A 29 February birthday counts from 1 March in other years, because the
 * month-day text '02-29' sorts after '02-28'.
 * @example `ageOn('2010-11-30', '2026-11-30')` → `16`; `ageOn('2010-12-01', '2026-11-30')` → `15`
 */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return onDate.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
