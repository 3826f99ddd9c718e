import { changeSign, signedDifference, signedPercent } from '@/lib/money';
import { MAX_MAGNITUDE_EXPONENT } from '@engine/limits';
import Decimal from 'decimal.js';

/** Units counted in yuan: shown and entered with exactly two decimals. */
export const MONEY_UNITS: readonly string[] = ['yuan/month', 'yuan/year', 'yuan'];

/** True for units counted in yuan. */
export const isMoney = (unit: string): boolean => MONEY_UNITS.includes(unit);

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

/** A figure for display: money with two decimals, anything else as written. */
export function formatFigure(value: string | undefined, unit: string): string {
  if (value === undefined || !DECIMAL.test(value)) return value ?? '—';
  return isMoney(unit) ? new Decimal(value).toFixed(2) : value;
}

/** Why a typed figure is refused: not a number, more than two decimals or below zero for money, too large. */
export type FigureProblem = 'notNumber' | 'moneyDecimals' | 'negativeMoney' | 'tooLarge';

const LARGEST = new Decimal(10).pow(MAX_MAGNITUDE_EXPONENT);

/**
 * Checks and normalises a typed figure: trims it, refuses what is not a decimal or is beyond the
 * engine's 10^15, and refuses more than two decimals or a negative amount (`-0` too) for money; money comes back with exactly two decimals (`420` → `420.00`).
 */
export function parseFigure(
  text: string,
  unit: string,
): { ok: true; value: string } | { ok: false; problem: FigureProblem } {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return { ok: false, problem: 'notNumber' };
  const decimal = new Decimal(trimmed);
  // The engine computes with figures up to 10^15; a larger one could never be evaluated.
  if (decimal.abs().greaterThan(LARGEST)) return { ok: false, problem: 'tooLarge' };
  if (isMoney(unit)) {
    if (decimal.isNegative()) return { ok: false, problem: 'negativeMoney' };
    if (decimal.decimalPlaces() > 2) return { ok: false, problem: 'moneyDecimals' };
    return { ok: true, value: decimal.toFixed(2) };
  }
  return { ok: true, value: trimmed };
}

/** The change from `before` to `after`: the difference and the percentage (one decimal), signed. */
export interface Delta {
  difference: string;
  percent: string | null;
  /** -1, 0 or 1. */
  sign: number;
}

/** The change of a figure against the base version, or null when either side is not a number. */
export function deltaOf(before: string | undefined, after: string | undefined, unit: string): Delta | null {
  if (before === undefined || after === undefined || !DECIMAL.test(before) || !DECIMAL.test(after))
    return null;
  return {
    difference: signedDifference(before, after, isMoney(unit) ? 2 : 0),
    percent: signedPercent(before, after),
    sign: changeSign(before, after),
  };
}

/** True when two decimal strings are the same number (`420` equals `420.00`). */
export function sameFigure(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (!DECIMAL.test(a) || !DECIMAL.test(b)) return a === b;
  return new Decimal(a).equals(new Decimal(b));
}

/** How a bulk adjustment changes each figure. */
export type Adjustment = { mode: 'add' | 'percent'; amount: string };

/**
 * A figure after a bulk adjustment: `+N` or `+N%`, rounded half up to two decimals (money always
 * shows two; other units keep at least their own decimals).
 */
export function adjust(value: string, unit: string, adjustment: Adjustment): string {
  const old = new Decimal(value);
  const amount = new Decimal(adjustment.amount);
  const raw = adjustment.mode === 'add' ? old.plus(amount) : old.times(amount.div(100).plus(1));
  if (isMoney(unit)) return raw.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  const places = Math.max(2, old.decimalPlaces());
  return raw.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toString();
}
