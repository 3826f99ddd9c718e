/**
 * Exact arithmetic for the compiled amounts path, without allocating: a number is kept as a safe
 * integer counting ten-thousandths (`2400.5` is `24005000`) whenever that is exact, and as a
 * decimal.js Decimal otherwise (the result of a division that does not end within four decimals, a
 * product beyond 2^53). Every operation gives exactly the value decimal.js gives for the same
 * operands: on integers the result is exact in both; anything else is computed by decimal.js itself
 * with the reference's own checks (`checkedResult`). Nothing here knows what a benefit is.
 */
import type DecimalJs from 'decimal.js';
import { checkedResult, Decimal } from '../decimal';
import type { RoundingModeT } from '../schema/ruleset.schema';

/** A number of the compiled amounts path: ten-thousandths as a safe integer, or a Decimal. */
export type Scaled = number | Decimal;

/** How many units of a scaled integer make one. */
export const SCALE = 10_000;
/** Decimals a scaled integer keeps. */
export const SCALE_PLACES = 4;
const LIMIT = Number.MAX_SAFE_INTEGER;
const POWERS = [1, 10, 100, 1000, 10_000];

/** The decimal.js value of a scaled number. */
export function toDecimal(x: Scaled): Decimal {
  return typeof x === 'number' ? new Decimal(scaledText(x)) : x;
}

/** A Decimal as a scaled integer when it has at most four decimals and fits; else the Decimal itself. */
export function fromDecimal(d: Decimal): Scaled {
  if (d.decimalPlaces() > SCALE_PLACES) return d;
  const n = d.times(SCALE).toNumber();
  return Number.isSafeInteger(n) ? n : d;
}

/**
 * Writes a scaled integer as a plain decimal numeral without trailing zeros, as decimal.js's
 * `toFixed()` does (`24005000` → `"2400.5"`, `0` → `"0"`, never `-0`).
 */
export function scaledText(x: number): string {
  const negative = x < 0;
  const abs = negative ? -x : x;
  const whole = Math.floor(abs / SCALE);
  let fraction = abs - whole * SCALE;
  let text = String(whole);
  if (fraction !== 0) {
    let places = SCALE_PLACES;
    while (fraction % 10 === 0) {
      fraction /= 10;
      places--;
    }
    text += `.${String(fraction).padStart(places, '0')}`;
  }
  return negative && abs !== 0 ? `-${text}` : text;
}

/** Writes yuan with exactly two decimals (`24005000` → `"2400.50"`); `x` must be whole fen. */
export function moneyText(x: number): string {
  const negative = x < 0;
  const fen = Math.round((negative ? -x : x) / 100);
  const yuan = Math.floor(fen / 100);
  const cents = fen - yuan * 100;
  const text = `${yuan}.${cents < 10 ? '0' : ''}${cents}`;
  return negative && fen !== 0 ? `-${text}` : text;
}

/** Thrown by this module's callers when a value is not one the fast path takes; caught by the path. */
export const NOT_FAST: unique symbol = Symbol('not on the fast path');

/**
 * Reads a decimal numeral (`"2400.50"`, `"-3"`) with at most 11 whole digits and 4 decimals as a
 * scaled integer; null for anything else (longer, other forms), which the fast path leaves to the
 * reference's own checks.
 */
export function parseScaled(text: string): number | null {
  const length = text.length;
  let i = 0;
  let negative = false;
  if (length > 0 && text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > 11) return null;
  let fraction = 0;
  let places = 0;
  if (i < length) {
    if (text.charCodeAt(i) !== 46) return null;
    i++;
    for (; i < length; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      if (++places > SCALE_PLACES) return null;
      fraction = fraction * 10 + c;
    }
    if (places === 0) return null;
  }
  const value = whole * SCALE + fraction * (POWERS[SCALE_PLACES - places] as number);
  return negative ? -value : value;
}

/** Decimals a numeral carries, trailing zeros not counted (`"1.500"` carries 1). */
export function carriedPlaces(text: string): number {
  const point = text.indexOf('.');
  if (point < 0) return 0;
  let end = text.length;
  while (end > point + 1 && text.charCodeAt(end - 1) === 48) end--;
  return end - point - 1;
}

export function add(a: Scaled, b: Scaled): Scaled {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= LIMIT && r >= -LIMIT) return r;
  }
  return checkedResult(toDecimal(a).plus(toDecimal(b)), "'+'");
}

export function subtract(a: Scaled, b: Scaled): Scaled {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= LIMIT && r >= -LIMIT) return r;
  }
  return checkedResult(toDecimal(a).minus(toDecimal(b)), "'-'");
}

export function multiply(a: Scaled, b: Scaled): Scaled {
  if (typeof a === 'number' && typeof b === 'number') {
    const p = a * b;
    if (p <= LIMIT && p >= -LIMIT && p % SCALE === 0) return p / SCALE;
  }
  return checkedResult(toDecimal(a).times(toDecimal(b)), "'*'");
}

/** `a / b`; the caller has made sure `b` is not zero. */
export function divide(a: Scaled, b: Scaled): Scaled {
  if (typeof a === 'number' && typeof b === 'number') {
    const t = a * SCALE;
    if (t <= LIMIT && t >= -LIMIT && t % b === 0) return t / b;
  }
  return checkedResult(toDecimal(a).div(toDecimal(b)), "'/'");
}

export function negate(a: Scaled): Scaled {
  return typeof a === 'number' ? -a : checkedResult(a.neg(), "'-'");
}

export function isZero(a: Scaled): boolean {
  return typeof a === 'number' ? a === 0 : a.isZero();
}

/** The sign of `a − b`: −1, 0 or 1. */
export function compare(a: Scaled, b: Scaled): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return toDecimal(a).cmp(toDecimal(b));
}

const DECIMAL_MODES: Readonly<Record<RoundingModeT, DecimalJs.Rounding>> = {
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
  halfUp: Decimal.ROUND_HALF_UP,
  halfDown: Decimal.ROUND_HALF_DOWN,
  halfEven: Decimal.ROUND_HALF_EVEN,
};

/**
 * Rounds to `places` decimals in `mode`, as decimal.js's `toDecimalPlaces(places, mode)` does
 * (`halfUp` is half away from zero; `up` away from zero; `down` towards zero).
 */
export function round(a: Scaled, places: number, mode: RoundingModeT): Scaled {
  if (typeof a !== 'number') return fromDecimal(a.toDecimalPlaces(places, DECIMAL_MODES[mode]));
  if (places >= SCALE_PLACES) return a;
  const unit = POWERS[SCALE_PLACES - places] as number;
  const q = Math.floor(a / unit);
  const r = a - q * unit;
  if (r === 0) return a;
  const twice = 2 * r;
  let up: boolean;
  switch (mode) {
    case 'floor':
      up = false;
      break;
    case 'ceil':
      up = true;
      break;
    case 'down':
      up = a < 0;
      break;
    case 'up':
      up = a > 0;
      break;
    case 'halfUp':
      up = twice > unit || (twice === unit && a > 0);
      break;
    case 'halfDown':
      up = twice > unit || (twice === unit && a < 0);
      break;
    case 'halfEven':
      up = twice > unit || (twice === unit && q % 2 !== 0);
      break;
  }
  return (up ? q + 1 : q) * unit;
}
