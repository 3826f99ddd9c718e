/**
 * Exact arithmetic for the compiled path's fast core, with few allocations. A number is kept as a
 * safe integer counting ten-thousandths (`2400.5` is `24005000`) whenever that is exact. A division
 * that does not end within four decimals gives a {@link Ratio}: the exact quotient as a fraction of
 * safe integers, with a bound on how far decimal.js's value (rounded to 40 significant digits at each
 * step, as the reference computes it) can be from it, and the means to compute decimal.js's value
 * when it must be written out. Anything beyond safe integers is a decimal.js Decimal, computed by
 * decimal.js itself with the reference's checks (`checkedResult`).
 *
 * So every value here is either exactly decimal.js's value (integers, Decimals) or an exact value
 * within a known distance of it (Ratio). A decision on a Ratio (a comparison, a rounding) is taken
 * only when no value within that distance could decide otherwise; else {@link NOT_FAST} is thrown and
 * the household is answered on the general path. Nothing here knows what a benefit is.
 */
import { checkedResult, Decimal } from '../decimal';
import { roundAmount } from '../model/rounding';
import type { RoundingModeT } from '../schema/ruleset.schema';

/** Thrown when a value or decision is not one the fast path takes; caught by the compiled path. */
export const NOT_FAST: unique symbol = Symbol('not on the fast path');

const notFast = (): never => {
  throw NOT_FAST;
};

/**
 * decimal.js rounds each result to 40 significant digits: half a unit of the 40th digit is at most
 * `5e-40` of the value. A generous bound of the relative error one operation adds.
 */
const STEP_ERROR = 1e-38;

/**
 * An exact value `n / d` ten-thousandths (d ≥ 1, n and d safe integers, the fraction reduced), and
 * `error`, a bound (in ten-thousandths) on the distance between it and decimal.js's value of the same
 * computation, which {@link Ratio.decimal} computes when it is needed.
 */
export class Ratio {
  private computed: Decimal | null = null;

  constructor(
    readonly n: number,
    readonly d: number,
    readonly error: number,
    private readonly compute: () => Decimal,
  ) {}

  /** decimal.js's value of the computation that gave this ratio (computed once). */
  decimal(): Decimal {
    this.computed ??= this.compute();
    return this.computed;
  }

  /** The exact value, as a double (for error bounds only). */
  get approximate(): number {
    return this.n / this.d;
  }
}

/** A number of the fast core: ten-thousandths as a safe integer, an exact Ratio, or a Decimal. */
export type Scaled = number | Ratio | Decimal;

/** How many units of a scaled integer make one. */
export const SCALE = 10_000;
/** Decimals a scaled integer keeps. */
export const SCALE_PLACES = 4;
const LIMIT = Number.MAX_SAFE_INTEGER;
/** 10^k for k = 0..4. */
export const POWERS_OF_TEN: readonly number[] = [1, 10, 100, 1000, 10_000];

/** The decimal.js value of a scaled number. */
export function toDecimal(x: Scaled): Decimal {
  if (typeof x === 'number') return new Decimal(scaledText(x));
  return x instanceof Ratio ? x.decimal() : x;
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

/** `.00` to `.99`, by the number of fen. */
const CENTS: readonly string[] = Array.from({ length: 100 }, (_, i) => `.${String(i).padStart(2, '0')}`);

/** Writes yuan with exactly two decimals (`24005000` → `"2400.50"`); `x` must be whole fen. */
export function moneyText(x: number): string {
  const negative = x < 0;
  const fen = Math.round((negative ? -x : x) / 100);
  const yuan = Math.floor(fen / 100);
  const text = String(yuan) + (CENTS[fen - yuan * 100] as string);
  return negative && fen !== 0 ? `-${text}` : text;
}

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
  const value = whole * SCALE + fraction * (POWERS_OF_TEN[SCALE_PLACES - places] as number);
  return negative ? -value : value;
}

/**
 * A JavaScript number as a scaled integer: exactly what `parseScaled(String(x))` gives, without
 * writing the number out (null where that is null: more than four decimals, more than 11 whole
 * digits, exponent forms, NaN and infinities). Below 10^11 two numerals of at most four decimals
 * are at least 10^-4 apart while neighbouring doubles are less than 2·10^-5 apart, so when
 * `round(x·10^4) / 10^4` gives `x` back, that numeral is the one `String(x)` writes.
 */
export function scaledOfNumber(x: number): number | null {
  if (!(x > -1e11 && x < 1e11)) return null;
  const scaled = Math.round(x * SCALE);
  if (scaled / SCALE !== x) return null;
  // String(-0) is "0".
  return scaled === 0 ? 0 : scaled;
}

/** Decimals a numeral carries, trailing zeros not counted (`"1.500"` carries 1). */
export function carriedPlaces(text: string): number {
  const point = text.indexOf('.');
  if (point < 0) return 0;
  let end = text.length;
  while (end > point + 1 && text.charCodeAt(end - 1) === 48) end--;
  return end - point - 1;
}

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
};

/** The exact fraction of an integer or a Ratio, and its error bound; null for a Decimal. */
function fraction(x: Scaled): [n: number, d: number, error: number] | null {
  if (typeof x === 'number') return [x, 1, 0];
  return x instanceof Ratio ? [x.n, x.d, x.error] : null;
}

const safe = (x: number): boolean => x <= LIMIT && x >= -LIMIT;

/**
 * The value `n / d` with error bound `error` (d > 0): an integer when it is one and exact, else a
 * reduced Ratio; null when a part is not a safe integer (the caller then asks decimal.js).
 */
function exact(n: number, d: number, error: number, compute: () => Decimal): Scaled | null {
  if (!safe(n) || !safe(d) || d === 0) return null;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  if (d === 1 && error === 0) return n;
  return new Ratio(n, d, error, compute);
}

/**
 * The error bound of a sum, difference or product from its operands' bounds and the step's own
 * rounding: none when both operands are exact (they are then decimals ending within 32 digits, and
 * so is the result, which decimal.js keeps exactly).
 */
const withStep = (error: number, result: number): number =>
  error === 0 ? 0 : error + Math.abs(result) * STEP_ERROR;

/** Whether `n / d` (reduced) ends in decimal notation: `d` has no prime factor but 2 and 5. */
function terminates(n: number, d: number): boolean {
  let rest = d / gcd(n, d);
  while (rest % 2 === 0) rest /= 2;
  while (rest % 5 === 0) rest /= 5;
  return rest === 1;
}

export function add(a: Scaled, b: Scaled): Scaled {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= LIMIT && r >= -LIMIT) return r;
  }
  const slow = () => checkedResult(toDecimal(a).plus(toDecimal(b)), "'+'");
  const x = fraction(a);
  const y = fraction(b);
  if (x && y) {
    const n = x[0] * y[1] + y[0] * x[1];
    const result = exact(n, x[1] * y[1], withStep(x[2] + y[2], n / (x[1] * y[1])), slow);
    if (result !== null) return result;
  }
  return slow();
}

export function subtract(a: Scaled, b: Scaled): Scaled {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= LIMIT && r >= -LIMIT) return r;
  }
  const slow = () => checkedResult(toDecimal(a).minus(toDecimal(b)), "'-'");
  const x = fraction(a);
  const y = fraction(b);
  if (x && y) {
    const n = x[0] * y[1] - y[0] * x[1];
    const result = exact(n, x[1] * y[1], withStep(x[2] + y[2], n / (x[1] * y[1])), slow);
    if (result !== null) return result;
  }
  return slow();
}

export function multiply(a: Scaled, b: Scaled): Scaled {
  if (typeof a === 'number' && typeof b === 'number') {
    const p = a * b;
    if (p <= LIMIT && p >= -LIMIT && p % SCALE === 0) return p / SCALE;
  }
  const slow = () => checkedResult(toDecimal(a).times(toDecimal(b)), "'*'");
  const x = fraction(a);
  const y = fraction(b);
  if (x && y) {
    const [xa, ya] = [Math.abs(x[0] / x[1]), Math.abs(y[0] / y[1])];
    // In ten-thousandths: |a|·δb + |b|·δa + δa·δb, scaled back by one SCALE.
    const error = (xa * y[2] + ya * x[2] + x[2] * y[2]) / SCALE;
    const n = x[0] * y[0];
    const result = exact(n, x[1] * y[1] * SCALE, withStep(error, n / (x[1] * y[1] * SCALE)), slow);
    if (result !== null) return result;
  }
  return slow();
}

/** `a / b`; the caller has made sure `b` is not zero (see {@link isZero}). */
export function divide(a: Scaled, b: Scaled): Scaled {
  if (typeof a === 'number' && typeof b === 'number') {
    const t = a * SCALE;
    if (t <= LIMIT && t >= -LIMIT && t % b === 0) return t / b;
  }
  const slow = () => checkedResult(toDecimal(a).div(toDecimal(b)), "'/'");
  const x = fraction(a);
  const y = fraction(b);
  if (x && y && y[0] !== 0) {
    const n = x[0] * y[1] * SCALE;
    const d = x[1] * y[0];
    const quotient = Math.abs(n / d);
    // Relative errors add; the quotient is then rounded once more, unless it is exact and ends
    // (within 40 digits: both parts are safe integers).
    const relative = x[2] / Math.max(Math.abs(x[0] / x[1]), Number.MIN_VALUE) + y[2] / Math.abs(y[0] / y[1]);
    const error =
      relative === 0 && safe(n) && safe(d) && d !== 0 && terminates(n, d)
        ? 0
        : quotient * relative * 1.01 + quotient * STEP_ERROR;
    const result = exact(n, d, error, slow);
    if (result !== null) return result;
  }
  return slow();
}

export function negate(a: Scaled): Scaled {
  if (typeof a === 'number') return -a;
  if (a instanceof Ratio) return new Ratio(-a.n, a.d, a.error, () => checkedResult(a.decimal().neg(), "'-'"));
  return checkedResult(a.neg(), "'-'");
}

/**
 * Whether decimal.js's value is zero (a divisor is checked with it).
 * @throws NOT_FAST for a Ratio whose exact value is zero but whose decimal.js value might not be.
 */
export function isZero(a: Scaled): boolean {
  if (typeof a === 'number') return a === 0;
  if (a instanceof Ratio) return a.n === 0 ? notFast() : false;
  return a.isZero();
}

/**
 * The sign of `a − b`, −1, 0 or 1, as decimal.js compares the same values.
 * @throws NOT_FAST when a Ratio is too close to the other value for the sign to be certain.
 */
export function compare(a: Scaled, b: Scaled): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = fraction(a);
  const y = fraction(b);
  if (x && y) {
    const left = x[0] * y[1];
    const right = y[0] * x[1];
    if (safe(left) && safe(right)) {
      const error = x[2] + y[2];
      const sign = left < right ? -1 : left > right ? 1 : 0;
      if (error === 0) return sign;
      // The exact values differ by |left − right| / (dx·dy) ten-thousandths.
      if (sign !== 0 && Math.abs(left - right) / (x[1] * y[1]) > 2 * error) return sign;
      return notFast();
    }
  }
  return toDecimal(a).cmp(toDecimal(b));
}

/**
 * Rounds to `places` decimals in `mode`, as decimal.js's `toDecimalPlaces(places, mode)` does
 * (`halfUp` is half away from zero; `up` away from zero; `down` towards zero).
 */
export function round(a: Scaled, places: number, mode: RoundingModeT): Scaled {
  if (a instanceof Ratio) return roundRatio(a, places, mode);
  if (typeof a !== 'number') return fromDecimal(roundAmount(a, { places, mode }));
  if (places >= SCALE_PLACES) return a;
  const unit = POWERS_OF_TEN[SCALE_PLACES - places] as number;
  const q = Math.floor(a / unit);
  const r = a - q * unit;
  if (r === 0) return a;
  return (roundsUp(mode, 2 * r, unit, a > 0, q) ? q + 1 : q) * unit;
}

/** Whether a value between `q` and `q + 1` units (twice its remainder `twice`, of `unit`) rounds to `q + 1`. */
function roundsUp(mode: RoundingModeT, twice: number, unit: number, positive: boolean, q: number): boolean {
  switch (mode) {
    case 'floor':
      return false;
    case 'ceil':
      return true;
    case 'down':
      return !positive;
    case 'up':
      return positive;
    case 'halfUp':
      return twice > unit || (twice === unit && positive);
    case 'halfDown':
      return twice > unit || (twice === unit && !positive);
    case 'halfEven':
      return twice > unit || (twice === unit && q % 2 !== 0);
  }
}

/**
 * Rounds a Ratio as decimal.js rounds its value: the exact value decides, unless decimal.js's value
 * may lie on the other side of the nearest point where the rounding changes (a multiple of the unit,
 * or a half for the half modes).
 * @throws NOT_FAST when it may.
 */
function roundRatio(a: Ratio, places: number, mode: RoundingModeT): Scaled {
  const unit = places >= SCALE_PLACES ? 1 : (POWERS_OF_TEN[SCALE_PLACES - places] as number);
  const span = a.d * unit;
  if (!safe(span) || places > SCALE_PLACES) return fromDecimal(roundAmount(a.decimal(), { places, mode }));
  const q = Math.floor(a.n / span);
  const r = a.n - q * span;
  if (r < 0 || r >= span) return notFast();
  const half = mode === 'halfUp' || mode === 'halfDown' || mode === 'halfEven';
  // Distance, in ten-thousandths, from the exact value to the nearest point where the rounding changes.
  const distance = half ? Math.abs(2 * r - span) / (2 * a.d) : Math.min(r, span - r) / a.d;
  if (a.error > 0 && distance <= 2 * a.error) return notFast();
  if (r === 0) return q * unit;
  return (roundsUp(mode, 2 * r, span, a.n > 0, q) ? q + 1 : q) * unit;
}
