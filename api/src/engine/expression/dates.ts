const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** True when `text` is a real calendar date written YYYY-MM-DD (no 2019-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Full years from `from` to `to` (ISO dates): a person's age at `to`. Someone born on 29 February
 * completes a year on 1 March in common years.
 * @example yearsBetween('2001-06-30', '2019-06-30') // 18
 */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}
