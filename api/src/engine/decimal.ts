import DecimalJs from 'decimal.js';

/**
 * The engine's decimal type: 40 significant digits, so that no intermediate of a money formula is
 * rounded in practice, and half-up rounding wherever the engine rounds.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

const DECIMAL_TEXT = /^-?[0-9]+(\.[0-9]+)?$/;

/** True when `text` is a plain decimal numeral such as `"420.00"` or `"-3"` (no exponent, no sign `+`). */
export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

/**
 * Reads a decimal from wire input: a decimal string or a finite JSON number.
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

/**
 * Rounds to whole fen, half up, and writes two decimals.
 * @example formatMoney(new Decimal('0.125')) // '0.13'
 */
export function formatMoney(value: Decimal): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Writes a decimal with at least two decimals and no rounding: `"0.20"`, `"418.00"`, `"0.575"`. */
export function formatAtLeastTwoPlaces(value: Decimal): string {
  return value.toFixed(Math.max(2, value.decimalPlaces()));
}
