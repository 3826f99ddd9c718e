import Decimal from 'decimal.js';

/** The minus sign every screen writes before a fall (U+2212, as printed notices do). */
export const MINUS = '−';

/**
 * A decimal written with its sign: `+30.00`, `−12.50`, `0.00`; at least `minPlaces` decimals, more
 * when the value has more. Throws on a string that is not a decimal.
 */
export function formatSigned(value: Decimal.Value, minPlaces = 2): string {
  const d = new Decimal(value);
  // The places a string was written with count too: "30.00" stays "+30.00".
  const written = typeof value === 'string' ? (/\.(\d+)$/.exec(value.trim())?.[1]?.length ?? 0) : 0;
  const text = d.abs().toFixed(Math.max(minPlaces, written, d.decimalPlaces()));
  return d.isZero() ? text : d.isNegative() ? `${MINUS}${text}` : `+${text}`;
}

/** `to − from`, exactly (decimal strings in, a Decimal out). */
export function difference(from: string, to: string): Decimal {
  return new Decimal(to).minus(new Decimal(from));
}

/** The change from `from` to `to` in percent of `from`'s size, one decimal, half up; null from zero. */
export function percentChange(from: string, to: string): Decimal | null {
  const base = new Decimal(from);
  if (base.isZero()) return null;
  return difference(from, to).div(base.abs()).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
}

/** `to − from` written with its sign (`+30.00`, `−12.50`): see {@link formatSigned}. */
export function signedDifference(from: string, to: string, minPlaces = 2): string {
  return formatSigned(difference(from, to), minPlaces);
}

/** The percentage change written with its sign (`+8.0%`, `−4.3%`), or null from zero. */
export function signedPercent(from: string, to: string): string | null {
  const p = percentChange(from, to);
  return p === null ? null : `${formatSigned(p, 1)}%`;
}

/** -1, 0 or 1: whether `to` is below, equal to or above `from`. */
export function changeSign(from: string, to: string): -1 | 0 | 1 {
  return new Decimal(to).comparedTo(new Decimal(from)) as -1 | 0 | 1;
}
