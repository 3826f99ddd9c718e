/**
 * Calendar dates of the expression language: ISO `YYYY-MM-DD` strings, with no time of day and no
 * time zone. Arithmetic works on whole days and on calendar months; every function here is pure and
 * takes constant time whatever its arguments.
 */

/**
 * The dates an expression may compute: the API's date range (`effectiveFrom`, `asOf`). A date
 * function whose result falls outside it fails (see the runtime in `functions.ts`).
 */
export const EXPRESSION_DATE_RANGE = { min: '1900-01-01', max: '2999-12-31' } as const;

/** True when `text` is a real calendar date written YYYY-MM-DD (no 2019-02-30), in the proleptic Gregorian calendar. */
export function isCalendarDate(text: string): boolean {
  // As /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/ and then the calendar, read digit by digit: every household's
  // dates are checked, and a regular expression costs more than the rest of the check.
  if (typeof text !== 'string' || text.length !== 10) return false;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
  }
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(digits(text, 0, 4), m);
}

/** True when the ISO date lies within {@link EXPRESSION_DATE_RANGE} (both ends included). */
export function inDateRange(date: string): boolean {
  return date >= EXPRESSION_DATE_RANGE.min && date <= EXPRESSION_DATE_RANGE.max;
}

/**
 * Full years from `from` to `to` (ISO dates): a person's age at `to`, the birthday itself
 * completing the year. Someone born on 29 February completes a year on 1 March in common years.
 * Negative when `to` is before `from`.
 * @example yearsBetween('2001-06-30', '2019-06-30') // 18
 */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}

/**
 * Full calendar months from `from` to `to` (ISO dates), counted as {@link yearsBetween} counts
 * years: a month is complete on the same day of a later month, and from the 29th, 30th or 31st
 * on the 1st of the month after a month that is too short (31 January to 28 February is 0 months,
 * to 1 March 1 month). Negative when `to` is before `from`.
 * @example monthsBetween('2019-01-15', '2019-03-15') // 2
 */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * Days from `from` to `to` (ISO dates): 1 from a day to the next, negative when `to` is before.
 * @example daysBetween('2019-12-31', '2020-03-01') // 61
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The date `days` days after `date` (before it when negative), or null when that date falls
 * outside {@link EXPRESSION_DATE_RANGE} or `days` is not a whole number.
 * @example addDays('2019-12-31', 1) // '2020-01-01'
 */
export function addDays(date: string, days: number): string | null {
  if (!Number.isSafeInteger(days) || Math.abs(days) > MAX_DAY_SPAN) return null;
  return inRangeOrNull(fromDayNumber(dayNumber(date) + days));
}

/**
 * The date `months` calendar months after `date` (before it when negative), on the same day of the
 * month, or on the last day of the month when that one is shorter: 31 January + 1 month is 28 (or
 * 29) February, 31 March − 1 month is 28 February. Null when the result falls outside
 * {@link EXPRESSION_DATE_RANGE} or `months` is not a whole number.
 * @example addMonths('2019-01-31', 1) // '2019-02-28'
 */
export function addMonths(date: string, months: number): string | null {
  if (!Number.isSafeInteger(months) || Math.abs(months) > MAX_MONTH_SPAN) return null;
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < 0 || year > 9999) return null;
  return inRangeOrNull(isoDate(year, month, Math.min(d, daysInMonth(year, month))));
}

/**
 * The date `years` years after `date` (before it when negative): {@link addMonths} of 12 × years, so
 * 29 February + 1 year is 28 February. (A person born on 29 February completes a year by
 * {@link yearsBetween} on 1 March in common years: `addYears` finds a date, not an age.) Null
 * when the result falls outside {@link EXPRESSION_DATE_RANGE} or `years` is not a whole number.
 * @example addYears('2000-02-29', 1) // '2001-02-28'
 */
export function addYears(date: string, years: number): string | null {
  if (!Number.isSafeInteger(years) || Math.abs(years) > MAX_MONTH_SPAN / 12) return null;
  return addMonths(date, years * 12);
}

/**
 * The first day of the month of `date`.
 * @example startOfMonth('2019-06-30') // '2019-06-01'
 */
export function startOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** The year (e.g. 2019), month (1–12) and day of the month (1–31) of an ISO date. */
export function dateParts(date: string): [year: number, month: number, day: number] {
  return parts(date);
}

// Longer spans than these always leave the date range: they are refused before any arithmetic.
const MAX_DAY_SPAN = 10_000_000;
const MAX_MONTH_SPAN = 1_000_000;

/** The digits of `date` at `from` to `to` (exclusive) as a number; dates are checked YYYY-MM-DD before. */
function digits(date: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (date.charCodeAt(i) - 48);
  return n;
}

function parts(date: string): [number, number, number] {
  return [digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10)];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isoDate(year: number, month: number, day: number): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function inRangeOrNull(date: string | null): string | null {
  return date !== null && date.length === 10 && inDateRange(date) ? date : null;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (integer arithmetic, any year). */
function dayNumber(date: string): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number ({@link dayNumber}), or null for a year outside 0..9999. */
function fromDayNumber(days: number): string | null {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year < 0 || year > 9999 ? null : isoDate(year, month, day);
}
