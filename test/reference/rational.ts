/**
 * Exact rational arithmetic on BigInt, used by the reference implementation so that it shares no
 * arithmetic with the engine (which runs on decimal.js). Every value is kept in lowest terms with a
 * positive denominator, so no operation here ever rounds.
 */

/** A rational number `num / den`, `den > 0`, in lowest terms. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [abs(a), abs(b)];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * Builds `num / den` in lowest terms.
 * @example ratio(6n, 4n) // { num: 3n, den: 2n }
 */
export function ratio(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('Rational with a zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/** The rational zero. */
export const ZERO: Rational = ratio(0n);

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^([+-]?)\.(\d+)(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal string (`"512.40"`, `"-3"`, `"1e-7"`) or a JSON number exactly. A JSON number
 * is read through its shortest round-trip string, which is what a JSON parser was given.
 * @example parseDecimal('0.1') // { num: 1n, den: 10n }
 */
export function parseDecimal(value: string | number): Rational {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`Not a decimal number: ${JSON.stringify(value)}`);
  const sign = (m[1] ?? m[5]) === '-' ? -1n : 1n;
  const whole = m[2] ?? '0';
  const fraction = m[3] ?? m[6] ?? '';
  const exponent = Number(m[4] ?? m[7] ?? '0') - fraction.length;
  const digits = BigInt(whole + fraction);
  return exponent >= 0
    ? ratio(sign * digits * 10n ** BigInt(exponent))
    : ratio(sign * digits, 10n ** BigInt(-exponent));
}

/** `a + b`. */
export const add = (a: Rational, b: Rational): Rational =>
  ratio(a.num * b.den + b.num * a.den, a.den * b.den);

/** `a − b`. */
export const sub = (a: Rational, b: Rational): Rational =>
  ratio(a.num * b.den - b.num * a.den, a.den * b.den);

/** `a × b`. */
export const mul = (a: Rational, b: Rational): Rational => ratio(a.num * b.num, a.den * b.den);

/** `a ÷ b`; throws on division by zero. */
export const div = (a: Rational, b: Rational): Rational => ratio(a.num * b.den, a.den * b.num);

/** Sign of `a − b`: −1, 0 or 1. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** The smaller of `a` and `b`. */
export const min = (a: Rational, b: Rational): Rational => (compare(a, b) <= 0 ? a : b);

/** A whole number as a rational. */
export const integer = (n: number | bigint): Rational => ratio(BigInt(n));

/**
 * Rounds to whole fen (0.01), half away from zero, and returns the amount in fen.
 * @example toFen(parseDecimal('0.005')) // 1n
 */
export function toFen(a: Rational): bigint {
  const scaled = abs(a.num) * 100n;
  const fen = (2n * scaled + a.den) / (2n * a.den);
  return a.num < 0n ? -fen : fen;
}

/** A rounding mode a ruleset may name (the names of the ruleset format). */
export type RoundingMode = 'halfUp' | 'halfEven' | 'halfDown' | 'up' | 'down' | 'ceil' | 'floor';

/**
 * Rounds to `places` decimals (0, 1 or 2) in `mode` and returns the amount in fen. Written from the
 * modes' definitions: the exact quotient is split into its floor and remainder, then moved up
 * (towards +∞) or not.
 * @example roundToFen(parseDecimal('606.665'), 2, 'halfEven') // 60666n
 */
export function roundToFen(a: Rational, places: number, mode: RoundingMode): bigint {
  if (!Number.isInteger(places) || places < 0 || places > 2) throw new RangeError(`places ${places}`);
  const unit = 10n ** BigInt(places);
  const scaledNum = a.num * unit; // value × 10^places = scaledNum / den
  let q = scaledNum / a.den; // truncated towards zero
  if (scaledNum < 0n && q * a.den !== scaledNum) q -= 1n; // now q = floor
  const rest = scaledNum - q * a.den; // 0 ≤ rest < den
  const twice = 2n * rest;
  const negative = a.num < 0n;
  let upward: boolean; // round towards +∞?
  if (rest === 0n) upward = false;
  else if (mode === 'ceil') upward = true;
  else if (mode === 'floor') upward = false;
  else if (mode === 'up') upward = !negative;
  else if (mode === 'down') upward = negative;
  else if (twice !== a.den) upward = twice > a.den;
  else if (mode === 'halfUp') upward = !negative;
  else if (mode === 'halfDown') upward = negative;
  else upward = q % 2n !== 0n; // halfEven: to the even neighbour
  return (upward ? q + 1n : q) * 10n ** BigInt(2 - places);
}

/**
 * Formats an amount in fen as a decimal string with exactly two decimals.
 * @example formatFen(51240n) // "512.40"
 */
export function formatFen(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const a = abs(fen);
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
