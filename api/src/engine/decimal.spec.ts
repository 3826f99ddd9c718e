import {
  checkedResult,
  Decimal,
  formatAtLeastTwoPlaces,
  formatMoney,
  formatPlain,
  inDomain,
  magnitudeText,
  MAX_MAGNITUDE,
  numeralProblem,
} from './decimal';
import { EvaluationError, OutOfRangeError } from './errors';
import {
  MAX_INPUT_DECIMAL_PLACES,
  MAX_LITERAL_DECIMAL_PLACES,
  MAX_MAGNITUDE_EXPONENT,
  MIN_MAGNITUDE_EXPONENT,
} from './limits';

const HUGE = `1${'0'.repeat(100_000)}`;

describe('the numeric domain', () => {
  it('is |x| ≤ 10^15', () => {
    expect(MAX_MAGNITUDE.eq(new Decimal(10).pow(MAX_MAGNITUDE_EXPONENT))).toBe(true);
    expect(inDomain(new Decimal('1000000000000000'))).toBe(true);
    expect(inDomain(new Decimal('-1000000000000000'))).toBe(true);
    expect(inDomain(new Decimal('1000000000000000.0000000001'))).toBe(false);
    expect(inDomain(new Decimal(Infinity))).toBe(false);
    expect(inDomain(new Decimal(NaN))).toBe(false);
  });

  it('keeps every integer of the domain exact as a JavaScript number', () => {
    expect(MAX_MAGNITUDE.toNumber()).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
});

describe('numeralProblem', () => {
  it.each([
    ['0', null],
    ['-3', null],
    ['1000000000000000', null],
    ['-1000000000000000.0000000000', null],
    ['0000000000000000000000001', null],
    ['0.0000000001', null],
  ])('accepts %s', (text, expected) => {
    expect(numeralProblem(text, MAX_LITERAL_DECIMAL_PLACES)).toBe(expected);
  });

  it.each([
    ['1000000000000000.1', 'exceeds 10^15 (about 10^15)'],
    ['2000000000000000', 'exceeds 10^15 (about 2×10^15)'],
    ['-99999999999999999', 'exceeds 10^15 (about 10^16)'],
    [`1${'0'.repeat(100)}`, 'exceeds 10^15 (about 10^100)'],
    ['0.00000000001', 'has 11 decimal places; at most 10 are allowed'],
  ])('refuses %s', (text, message) => {
    expect(numeralProblem(text, MAX_LITERAL_DECIMAL_PLACES)).toBe(message);
  });

  it('reads a 100,000-digit numeral without building it', () => {
    expect(numeralProblem(HUGE, MAX_LITERAL_DECIMAL_PLACES)).toBe('exceeds 10^15 (about 10^100000)');
    expect(numeralProblem(`0.${'0'.repeat(100_000)}1`, MAX_INPUT_DECIMAL_PLACES)).toBe(
      'has 100001 decimal places; at most 30 are allowed',
    );
  });

  it('checks JSON numbers by their shortest form', () => {
    expect(numeralProblem(0.1, MAX_LITERAL_DECIMAL_PLACES)).toBeNull();
    expect(numeralProblem(1e15, MAX_LITERAL_DECIMAL_PLACES)).toBeNull();
    expect(numeralProblem(1e300, MAX_LITERAL_DECIMAL_PLACES)).toBe('exceeds 10^15 (about 10^300)');
    expect(numeralProblem(1e-300, MAX_INPUT_DECIMAL_PLACES)).toBe(
      'has 300 decimal places; at most 30 are allowed',
    );
    expect(numeralProblem(0.30000000000000004, MAX_INPUT_DECIMAL_PLACES)).toBeNull();
    expect(numeralProblem(Infinity, MAX_LITERAL_DECIMAL_PLACES)).toBe('is not a finite number');
  });
});

describe('checkedResult', () => {
  it('returns a value inside the domain', () => {
    const value = new Decimal('123.45');
    expect(checkedResult(value, "'+'")).toBe(value);
  });

  it('throws an OutOfRangeError naming the operation and the magnitude', () => {
    const value = new Decimal('1e28');
    expect(() => checkedResult(value, "'*'")).toThrow(OutOfRangeError);
    expect(() => checkedResult(value, "'*'")).toThrow("the value exceeds 10^15 (about 10^28) at '*'");
    try {
      checkedResult(value, "'*'");
    } catch (e) {
      expect(e).toBeInstanceOf(EvaluationError);
      expect((e as OutOfRangeError).exponent).toBe(28);
    }
  });

  it('throws for a value that is not finite', () => {
    expect(() => checkedResult(new Decimal(NaN), "'-'")).toThrow(
      "'-' gives a value that is not a finite number",
    );
    expect(() => checkedResult(new Decimal(-Infinity), "'/'")).toThrow(OutOfRangeError);
  });

  it(`makes a value under 10^${MIN_MAGNITUDE_EXPONENT} in magnitude zero`, () => {
    expect(checkedResult(new Decimal('1e-31'), "'*'").isZero()).toBe(true);
    expect(checkedResult(new Decimal('-9e-31'), "'*'").isZero()).toBe(true);
    expect(checkedResult(new Decimal('1e-30'), "'*'").eq('1e-30')).toBe(true);
  });
});

describe('magnitudeText', () => {
  it('says how big a value is at the same cost whatever its size', () => {
    expect(magnitudeText(new Decimal('1e200'))).toBe('about 10^200');
    expect(magnitudeText(new Decimal('-7.9e15'))).toBe('about 7×10^15');
    expect(magnitudeText(new Decimal(Infinity))).toBe('not a finite number');
  });
});

describe('the formatters', () => {
  const outside = [
    ['Infinity', new Decimal(Infinity)],
    ['NaN', new Decimal(NaN)],
    ['10^16', new Decimal('1e16')],
    ['a 100,000-digit number', new Decimal(HUGE)],
    ['a value with 100,000 decimals', new Decimal(`0.${'0'.repeat(99_999)}1`)],
  ] as const;

  it.each(outside)('never write %s', (_, value) => {
    for (const format of [formatMoney, formatAtLeastTwoPlaces, formatPlain]) {
      expect(() => format(value)).toThrow(EvaluationError);
      expect(() => format(value)).toThrow('cannot be written');
    }
  });

  it('write values of the domain as before', () => {
    expect(formatMoney(new Decimal('0.125'))).toBe('0.13');
    expect(formatMoney(new Decimal('1e15'))).toBe('1000000000000000.00');
    expect(formatAtLeastTwoPlaces(new Decimal('0.575'))).toBe('0.575');
    expect(formatAtLeastTwoPlaces(new Decimal('418'))).toBe('418.00');
    expect(formatPlain(new Decimal('60'))).toBe('60');
    expect(formatAtLeastTwoPlaces(new Decimal(1).div(3))).toBe(`0.${'3'.repeat(40)}`);
  });
});
