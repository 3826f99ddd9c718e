import type { FieldProblem } from '../engine';

/**
 * Numbers a JSON document cannot carry: a literal such as `1e400` reads as Infinity, which jsonb
 * stores as null, silently changing stored content. Named by JSON Pointer; iterative; at most
 * `limit` problems. Framework-free: the engine workers use it.
 */
export function nonFiniteNumbers(document: unknown, limit = 100): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: document, path: '' }];
  while (stack.length > 0 && problems.length < limit) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    if (typeof value === 'number' && !Number.isFinite(value))
      problems.push({
        path,
        message: 'is a number too large to read exactly; write it as a decimal string, such as "1234.50"',
      });
    else if (typeof value === 'object' && value !== null)
      for (const [key, child] of Object.entries(value))
        stack.push({ value: child, path: `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
  }
  return problems;
}

/**
 * True when the JSON text in `bytes` (UTF-8) may hold a number a double cannot hold exactly: a run
 * of 16 or more digits and points (a double holds every decimal of at most 15 significant digits)
 * or a digit followed by an exponent. Cheap and conservative: strings such as "3e4f" or long digit
 * runs also match, which only costs the slower exact reading. Linear; one pass, no allocation.
 */
export function mayHoldInexactNumber(bytes: Uint8Array): boolean {
  let run = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if ((c >= 48 && c <= 57) || c === 46) {
      if (++run >= 16) return true;
    } else {
      if ((c === 101 || c === 69) && run > 0) return true;
      run = 0;
    }
  }
  return false;
}

/** The JSON number grammar (RFC 8259), read from a given position. */
const NUMBER_TOKEN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * How much longer than its own text an exponent number may grow when written out as a plain
 * decimal (`1e-40` → `0.0…01`); beyond it the value is far outside any domain the API accepts.
 */
const MAX_EXPANSION = 64;

/** A decimal numeral as sign, significant digits (no leading or trailing zero) and exponent. */
interface Numeral {
  negative: boolean;
  digits: string;
  exponent: number;
}

/** Reads a JSON number token or a `String(number)` form (`1e+300`) into a {@link Numeral}. Linear. */
function numeralOf(text: string): Numeral {
  const negative = text.startsWith('-');
  const e = text.search(/[eE]/);
  const mantissa = text.slice(negative ? 1 : 0, e < 0 ? text.length : e);
  const point = mantissa.indexOf('.');
  const all = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  let exponent = (e < 0 ? 0 : Number(text.slice(e + 1))) - (point < 0 ? 0 : mantissa.length - point - 1);
  let first = 0;
  while (first < all.length && all.charCodeAt(first) === 48) first++;
  let end = all.length;
  while (end > first && all.charCodeAt(end - 1) === 48) {
    end--;
    exponent++;
  }
  return { negative, digits: all.slice(first, end), exponent };
}

/** `numeral` written out as a plain decimal (`-0.015`, `1200`), or null when longer than `max`. */
function plainDecimal({ negative, digits, exponent }: Numeral, max: number): string | null {
  const length = exponent >= 0 ? digits.length + exponent : Math.max(digits.length, -exponent) + 2;
  if (!(length <= max)) return null;
  const sign = negative ? '-' : '';
  if (exponent >= 0) return sign + digits + '0'.repeat(exponent);
  const places = -exponent;
  if (digits.length > places)
    return `${sign}${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`;
  return `${sign}0.${'0'.repeat(places - digits.length)}${digits}`;
}

/**
 * The text a JSON number token is read as, or null when the double `Number(token)` holds it
 * exactly (its shortest form has the token's value; `-0` reads as zero).
 *
 * A token a double cannot hold becomes its exact value as a plain decimal string
 * (`4739.9400000000000000001` stays `"4739.9400000000000000001"`, `1.00000000000000000001e-5`
 * becomes `"0.0000100000000000000000001"`), so that the checks of each field (decimal places,
 * magnitude) see the number as written. An exponent too far to write out stays the token itself
 * (`"1e-400"`, not a plain decimal, so refused), except an overflow such as `1e400`, which stays
 * the number Infinity (refused as not finite).
 */
export function exactNumberText(token: string): string | null {
  const value = Number(token);
  if (!Number.isFinite(value)) return null;
  const written = numeralOf(token);
  const read = numeralOf(String(value));
  if (written.digits === read.digits && (written.digits === '' || written.exponent === read.exponent)) {
    if (written.digits === '' || written.negative === read.negative) return null;
  }
  return plainDecimal(written, token.length + MAX_EXPANSION) ?? token;
}
/** Index just past the JSON string that opens at `start` (a `"`), or the text's length. Linear. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (quote - backslashes - 1 >= i && text.charCodeAt(quote - backslashes - 1) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/**
 * Parses JSON text so that no number is read as another value than the one written: like
 * `JSON.parse`, except that each number a double cannot hold exactly becomes a string (see
 * {@link exactNumberText}). Numbers a double holds stay numbers. Linear in the text. For the common
 * case (see {@link mayHoldInexactNumber}) plain `JSON.parse` reads the same.
 * @throws SyntaxError when `text` is not JSON.
 */
export function parseJsonExactly(text: string): unknown {
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = endOfString(text, i);
      continue;
    }
    if (c !== 45 && (c < 48 || c > 57)) {
      i++;
      continue;
    }
    NUMBER_TOKEN.lastIndex = i;
    const token = NUMBER_TOKEN.exec(text)?.[0];
    if (!token) {
      i++;
      continue;
    }
    // At most 15 digits and no exponent: a double holds it exactly.
    const replacement = token.length < 16 && !/[eE]/.test(token) ? null : exactNumberText(token);
    if (replacement !== null) {
      parts.push(text.slice(copied, i), JSON.stringify(replacement));
      copied = i + token.length;
    }
    i += token.length;
  }
  if (parts.length === 0) return JSON.parse(text) as unknown;
  parts.push(text.slice(copied));
  return JSON.parse(parts.join('')) as unknown;
}
