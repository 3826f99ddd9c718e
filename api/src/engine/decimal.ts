import DecimalJs from 'decimal.js';
import { EvaluationError, OutOfRangeError } from './errors';
import {
  MAX_MAGNITUDE_EXPONENT,
  MAX_MAGNITUDE_TEXT,
  MIN_MAGNITUDE_EXPONENT,
  SIGNIFICANT_DIGITS,
} from './limits';

/**
 * The engine's decimal type: 40 significant digits, so that no intermediate of a money formula is
 * rounded in practice, and half-up rounding wherever the engine rounds.
 */
export const Decimal = DecimalJs.clone({ precision: SIGNIFICANT_DIGITS, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** The largest magnitude of the numeric domain, 10^15, as a Decimal. */
export const MAX_MAGNITUDE: Decimal = new Decimal(10).pow(MAX_MAGNITUDE_EXPONENT);

const ZERO = new Decimal(0);
const DECIMAL_TEXT = /^-?[0-9]+(\.[0-9]+)?$/;

/** True when `text` is a plain decimal numeral such as `"420.00"` or `"-3"` (no exponent, no sign `+`). */
export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

/**
 * Reads a decimal from wire input: a decimal string or a finite JSON number. It does not check the
 * numeric domain: see {@link numeralProblem}.
 * @example toDecimal('512.40').toFixed(2) // '512.40'
 */
export function toDecimal(value: unknown): Decimal | null {
  if (DecimalJs.isDecimal(value)) return new Decimal(value as DecimalJs);
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : null;
  if (typeof value === 'string' && isDecimalText(value)) return new Decimal(value);
  return null;
}

/** True for any decimal.js instance, of this clone or another. */
export function isDecimal(value: unknown): value is Decimal {
  return DecimalJs.isDecimal(value);
}

/** True when `value` is finite and `|value| ≤ 10^15`. */
export function inDomain(value: Decimal): boolean {
  return value.isFinite() && value.abs().lte(MAX_MAGNITUDE);
}

/**
 * How big a value is, for messages: `about 10^28`, `about 5×10^15`, or `not a finite number`.
 * Costs the same whatever the value's size.
 */
export function magnitudeText(value: Decimal): string {
  if (!value.isFinite()) return 'not a finite number';
  const exponent = value.e;
  const lead = value.abs().toSignificantDigits(1, Decimal.ROUND_DOWN).d?.[0] ?? 1;
  const leadDigit = String(lead).charAt(0);
  return leadDigit === '1' ? `about 10^${exponent}` : `about ${leadDigit}×10^${exponent}`;
}

/**
 * Checks a computed value: returns it when it is inside the numeric domain (a nonzero value under
 * 10^-30 in magnitude becomes zero), and throws otherwise.
 * @throws OutOfRangeError when the value is not finite or exceeds 10^15 in magnitude; `what` names
 * the computation, e.g. `'*'`.
 */
export function checkedResult(value: Decimal, what: string): Decimal {
  if (!value.isFinite()) throw new OutOfRangeError(`${what} gives a value that is not a finite number`, null);
  if (value.abs().gt(MAX_MAGNITUDE))
    throw new OutOfRangeError(
      `the value exceeds ${MAX_MAGNITUDE_TEXT} (${magnitudeText(value)}) at ${what}`,
      value.e,
    );
  if (!value.isZero() && value.e < MIN_MAGNITUDE_EXPONENT) return ZERO;
  return value;
}

/**
 * What is wrong with a numeral written in a ruleset or given as input, or null when it is inside the
 * numeric domain: at most `maxDecimalPlaces` decimals and a magnitude of at most 10^15. Numbers are
 * read exactly as written (JSON numbers by their shortest form); the cost is linear in the text.
 * @example numeralProblem('1' + '0'.repeat(100), 10) // 'exceeds 10^15 (about 10^100)'
 */
export function numeralProblem(value: string | number, maxDecimalPlaces: number): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'is not a finite number';
    if (Math.abs(value) > 10 ** MAX_MAGNITUDE_EXPONENT)
      return `exceeds ${MAX_MAGNITUDE_TEXT} (${magnitudeText(new Decimal(value))})`;
    const places = new DecimalJs(value).decimalPlaces();
    return places > maxDecimalPlaces ? decimalsProblem(places, maxDecimalPlaces) : null;
  }
  const unsigned = value.startsWith('-') ? value.slice(1) : value;
  const point = unsigned.indexOf('.');
  const whole = point < 0 ? unsigned : unsigned.slice(0, point);
  const places = point < 0 ? 0 : unsigned.length - point - 1;
  if (places > maxDecimalPlaces) return decimalsProblem(places, maxDecimalPlaces);
  let first = 0;
  while (first < whole.length - 1 && whole.charCodeAt(first) === 48) first++;
  const digits = whole.length - first;
  if (digits > MAX_MAGNITUDE_EXPONENT + 1) return `exceeds ${MAX_MAGNITUDE_TEXT} (about 10^${digits - 1})`;
  if (digits === MAX_MAGNITUDE_EXPONENT + 1 && new Decimal(unsigned).gt(MAX_MAGNITUDE))
    return `exceeds ${MAX_MAGNITUDE_TEXT} (${magnitudeText(new Decimal(unsigned))})`;
  return null;
}

function decimalsProblem(places: number, max: number): string {
  return `has ${places} decimal places; at most ${max} are allowed`;
}

/**
 * Throws unless `value` can be written: finite, inside the numeric domain, and with no more
 * decimals than a computed value can have (30 + 40).
 * @throws EvaluationError naming the value's magnitude.
 */
function assertWritable(value: Decimal): void {
  if (!inDomain(value) || value.decimalPlaces() > SIGNIFICANT_DIGITS - MIN_MAGNITUDE_EXPONENT)
    throw new EvaluationError(
      `a value outside the numeric domain (${magnitudeText(value)}) cannot be written; |x| ≤ ${MAX_MAGNITUDE_TEXT}`,
    );
}

/** True when {@link formatMoney} and {@link formatAtLeastTwoPlaces} can write `value`. */
export function isWritable(value: Decimal): boolean {
  return inDomain(value) && value.decimalPlaces() <= SIGNIFICANT_DIGITS - MIN_MAGNITUDE_EXPONENT;
}

/**
 * Rounds to whole fen, half up, and writes two decimals.
 * @example formatMoney(new Decimal('0.125')) // '0.13'
 * @throws EvaluationError for a value outside the numeric domain (never writes Infinity, NaN or a huge numeral).
 */
export function formatMoney(value: Decimal): string {
  assertWritable(value);
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/**
 * Writes a decimal as it is, without exponent: `"60"`, `"0.5"`.
 * @throws EvaluationError for a value outside the numeric domain (never writes Infinity, NaN or a huge numeral).
 */
export function formatPlain(value: Decimal): string {
  assertWritable(value);
  return value.toFixed();
}

/**
 * Writes a decimal with at least two decimals and no rounding: `"0.20"`, `"418.00"`, `"0.575"`.
 * @throws EvaluationError for a value outside the numeric domain (never writes Infinity, NaN or a huge numeral).
 */
export function formatAtLeastTwoPlaces(value: Decimal): string {
  assertWritable(value);
  return value.toFixed(Math.max(2, value.decimalPlaces()));
}
