/**
 * The scaled numbers of the compiled amounts path against decimal.js, the reference's arithmetic:
 * every operation, rounding mode and text form must give exactly decimal.js's value, whether the
 * result stays a scaled integer or falls back to a Decimal.
 */
import fc from 'fast-check';

import { checkedResult, Decimal } from '../decimal';
import type { RoundingModeT } from '../schema/ruleset.schema';
import { roundAmount } from '../model/rounding';
import {
  add,
  carriedPlaces,
  compare,
  divide,
  fromDecimal,
  moneyText,
  multiply,
  negate,
  NOT_FAST,
  parseScaled,
  round,
  SCALE,
  scaledOfNumber,
  scaledText,
  subtract,
  toDecimal,
  type Scaled,
} from './scaled';

const SEED = Number(process.env['PROPERTY_SEED'] ?? 20170225);
const options = { seed: SEED, numRuns: 2000 };

/** Decimal numerals with up to 4 decimals (scaled integers) and some with more (Decimals). */
const numeral = fc.oneof(
  fc
    .tuple(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), fc.integer({ min: 0, max: 4 }))
    .map(([n, places]) => new Decimal(n).div(10 ** places).toFixed()),
  fc.constantFrom(
    '0',
    '1',
    '-1',
    '12',
    '0.5',
    '0.005',
    '0.0049',
    '-0.005',
    '395',
    '2400',
    '99999999999.9999',
  ),
  fc
    .tuple(fc.integer({ min: -999_999, max: 999_999 }), fc.integer({ min: 5, max: 12 }))
    .map(([n, places]) => new Decimal(n).div(10 ** places).toFixed()),
  fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((n) => n.toString()),
);
const scaled = numeral.map((text) => fromDecimal(new Decimal(text)));
const MODES: RoundingModeT[] = ['up', 'down', 'ceil', 'floor', 'halfUp', 'halfDown', 'halfEven'];

const same = (actual: Scaled, expected: Decimal): void => {
  expect(toDecimal(actual).toFixed()).toBe(expected.toFixed());
};

/** The reference's arithmetic, with its own domain check, or the error it throws. */
const reference = (compute: () => Decimal): Decimal | Error => {
  try {
    const value = compute();
    if (value.abs().gt(new Decimal(10).pow(15))) throw new Error('out of range');
    return value;
  } catch (e) {
    return e as Error;
  }
};

describe('scaled numbers', () => {
  it('keep a numeral with at most four decimals as an integer of ten-thousandths, others as Decimals', () => {
    expect(fromDecimal(new Decimal('2400.5'))).toBe(24_005_000);
    expect(fromDecimal(new Decimal('-0.0001'))).toBe(-1);
    expect(fromDecimal(new Decimal('0.00001'))).toBeInstanceOf(Decimal);
    expect(fromDecimal(new Decimal('1e15'))).toBeInstanceOf(Decimal);
  });

  it('add, subtract, multiply and divide exactly as decimal.js does', () => {
    fc.assert(
      fc.property(scaled, scaled, (a, b) => {
        const [x, y] = [toDecimal(a), toDecimal(b)];
        const cases: [() => Scaled, () => Decimal][] = [
          [() => add(a, b), () => x.plus(y)],
          [() => subtract(a, b), () => x.minus(y)],
          [() => multiply(a, b), () => x.times(y)],
          [() => negate(a), () => x.neg()],
        ];
        if (!y.isZero()) cases.push([() => divide(a, b), () => x.div(y)]);
        for (const [fast, slow] of cases) {
          const expected = reference(slow);
          if (expected instanceof Error) expect(fast).toThrow();
          else same(fast(), expected);
        }
        expect(compare(a, b)).toBe(x.cmp(y));
      }),
      options,
    );
  });

  it('decide comparisons and roundings of chains with inexact divisions as decimal.js does, or give up', () => {
    type Step = { op: '+' | '-' | '*' | '/'; operand: string };
    const step = fc.record({
      op: fc.constantFrom('+', '-', '*', '/'),
      operand: numeral,
    }) as fc.Arbitrary<Step>;
    let decided = 0;
    let givenUp = 0;
    fc.assert(
      fc.property(
        numeral,
        fc.array(step, { minLength: 1, maxLength: 6 }),
        numeral,
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(...MODES),
        (start, steps, threshold, places, mode) => {
          let fast: Scaled = fromDecimal(new Decimal(start));
          let slow: Decimal = new Decimal(start);
          for (const { op, operand } of steps) {
            const b = new Decimal(operand);
            if (op === '/' && b.isZero()) return;
            const expected = reference(() =>
              op === '+'
                ? slow.plus(b)
                : op === '-'
                  ? slow.minus(b)
                  : op === '*'
                    ? slow.times(b)
                    : slow.div(b),
            );
            if (expected instanceof Error) return;
            slow = checkedResult(expected, 'test');
            const y = fromDecimal(b);
            try {
              fast =
                op === '+'
                  ? add(fast, y)
                  : op === '-'
                    ? subtract(fast, y)
                    : op === '*'
                      ? multiply(fast, y)
                      : divide(fast, y);
            } catch (e) {
              if (e === NOT_FAST) return;
              throw e;
            }
          }
          // Whatever the fast value, its decimal.js value is the reference's.
          expect(toDecimal(fast).toFixed()).toBe(slow.toFixed());
          try {
            expect(compare(fast, fromDecimal(new Decimal(threshold)))).toBe(slow.cmp(threshold));
            same(round(fast, places, mode), roundAmount(slow, { places, mode }));
            decided++;
          } catch (e) {
            if (e !== NOT_FAST) throw e;
            givenUp++;
          }
        },
      ),
      { ...options, numRuns: 5000 },
    );
    // The fast path decides nearly always; it gives up only beside a point where decimal.js could differ.
    expect(decided).toBeGreaterThan(givenUp * 20);
  });

  it('decide at exact ties only when every step was exact: (1/3)·3 is not 1 for decimal.js', () => {
    const third = divide(fromDecimal(new Decimal(1)), fromDecimal(new Decimal(3)));
    const one = multiply(third, fromDecimal(new Decimal(3)));
    expect(toDecimal(one).toFixed()).toBe(new Decimal(1).div(3).times(3).toFixed());
    expect(() => compare(one, SCALE)).toThrow();
    expect(() => round(one, 0, 'down')).toThrow();
    // An exact quotient that ends decides at its tie: 1/8 = 0.125 rounds half up to 0.13.
    same(round(divide(SCALE, 8 * SCALE), 2, 'halfUp'), new Decimal('0.13'));
  });

  it('round to 0–4 decimals in every mode as decimal.js does', () => {
    fc.assert(
      fc.property(scaled, fc.integer({ min: 0, max: 4 }), fc.constantFrom(...MODES), (a, places, mode) => {
        same(round(a, places, mode), roundAmount(toDecimal(a), { places, mode }));
      }),
      options,
    );
  });

  it('write numerals as decimal.js writes them: plain, and money with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (n) => {
        const d = new Decimal(n).div(SCALE);
        expect(scaledText(n)).toBe(d.toFixed());
        const fen = n - (n % 100);
        expect(moneyText(fen)).toBe(new Decimal(fen).div(SCALE).toFixed(2));
      }),
      options,
    );
    expect(scaledText(-0)).toBe('0');
    expect(moneyText(-0)).toBe('0.00');
  });

  it('read a JavaScript number exactly as they read the numeral String() writes of it', () => {
    const read = (x: number) => {
      const expected = parseScaled(String(x));
      expect([x, scaledOfNumber(x)]).toEqual([x, expected]);
    };
    const fourPlaces = fc
      .tuple(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), fc.integer({ min: 0, max: 6 }))
      .map(([n, places]) => n / 10 ** places);
    fc.assert(fc.property(fc.oneof(fc.double(), fourPlaces, fc.integer()), read), options);
    for (const x of [
      0,
      -0,
      0.1,
      -0.5,
      1e-7,
      99_999_999_999.9999,
      100_000_000_000,
      -99_999_999_999,
      1e21,
      0.00005,
      4739.94,
      NaN,
      Infinity,
      -Infinity,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_VALUE,
    ])
      read(x);
    expect(scaledOfNumber(4739.94)).toBe(47_399_400);
    expect(Object.is(scaledOfNumber(-0), 0)).toBe(true);
  });

  it('read decimal numerals up to 11 whole digits and 4 decimals, and nothing else', () => {
    fc.assert(
      fc.property(numeral, (text) => {
        const parsed = parseScaled(text);
        const d = new Decimal(text);
        const fits = !/\.\d{5,}/.test(text) && d.abs().lt(1e11);
        if (fits) expect(parsed).not.toBeNull();
        if (parsed !== null) same(parsed, d);
      }),
      options,
    );
    expect(parseScaled('2400.50')).toBe(24_005_000);
    expect(parseScaled('-3')).toBe(-30_000);
    for (const text of ['', '-', '.5', '1.', '1e3', '+1', '1.00000', '123456789012', '1,5', ' 1'])
      expect(parseScaled(text)).toBeNull();
    expect(carriedPlaces('1.500')).toBe(1);
    expect(carriedPlaces('1.005')).toBe(3);
    expect(carriedPlaces('12')).toBe(0);
  });
});
