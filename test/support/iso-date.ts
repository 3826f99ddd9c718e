/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` dates for test data, on UTC so that no time zone or
 * daylight-saving shift can move a date.
 */

const DAY_MS = 86_400_000;

const toTime = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const fromTime = (time: number): string => new Date(time).toISOString().slice(0, 10);

/**
 * The date `days` days after `iso` (before, when negative).
 * @example addDays('2020-02-28', 1) // '2020-02-29'
 */
export const addDays = (iso: string, days: number): string => fromTime(toTime(iso) + days * DAY_MS);

/**
 * Whole days from `from` to `to`.
 * @example daysBetween('2019-01-01', '2019-01-31') // 30
 */
export const daysBetween = (from: string, to: string): number =>
  Math.round((toTime(to) - toTime(from)) / DAY_MS);

/** Whether `year` has a 29 February. */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The same month and day `years` years before `iso`; 29 February falls back to 28 February in a
 * common year.
 * @example yearsBefore('2020-02-29', 18) // '2002-02-28'
 */
export function yearsBefore(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) - years;
  const monthDay = iso.slice(5) === '02-29' && !isLeapYear(year) ? '02-28' : iso.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}
