import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { mayHoldInexactNumber, nonFiniteNumbers, parseJsonExactly } from './json-numbers';

describe('nonFiniteNumbers', () => {
  it('names every number JSON read as Infinity, at any depth', () => {
    const document = JSON.parse('{"tests":[{"household":{"annualNetIncome":1e400,"x":-1e999}}],"ok":1.5}');
    expect(
      nonFiniteNumbers(document)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['/tests/0/household/annualNetIncome', '/tests/0/household/x']);
    expect(nonFiniteNumbers({ a: 1, b: ['2', 3e300] })).toEqual([]);
  });
});

describe('parseJsonExactly', () => {
  it('reads a number a double cannot hold as its exact decimal string', () => {
    expect(parseJsonExactly('{"a":4739.9400000000000000001}')).toEqual({ a: '4739.9400000000000000001' });
    expect(parseJsonExactly('[12345678901234567890, 9007199254740993, 1.00000000000000000001e-5]')).toEqual([
      '12345678901234567890',
      '9007199254740993',
      '0.0000100000000000000000001',
    ]);
    // Too far to write out: the token itself (not a plain decimal, so refused), or Infinity.
    expect(parseJsonExactly('[1e-400, 1e400, -1e400]')).toEqual(['1e-400', Infinity, -Infinity]);
  });

  it('keeps numbers a double holds, strings and -0 as JSON.parse reads them', () => {
    const text =
      '{"a":4739.94,"b":"4739.9400000000000000001","c":1e300,"d":-0,"e":0e10,"f":"\\"1e5","g":9007199254740992}';
    expect(parseJsonExactly(text)).toEqual(JSON.parse(text));
    expect(Object.is((parseJsonExactly('[-0]') as number[])[0], -0)).toBe(true);
    expect(mayHoldInexactNumber(Buffer.from('{"asOf":"2019-06-30","annualNetIncome":4739.94}'))).toBe(false);
    expect(mayHoldInexactNumber(Buffer.from('{"a":4.73994e3}'))).toBe(true);
    expect(mayHoldInexactNumber(Buffer.from('[123456789012345.6]'))).toBe(true);
  });

  it('throws on text that is not JSON', () => {
    expect(() => parseJsonExactly('{"a":1e5')).toThrow(SyntaxError);
  });

  // As the service reads a body: JSON.parse unless the scan finds what a double may not hold.
  const readBody = (text: string): unknown =>
    mayHoldInexactNumber(Buffer.from(text)) ? parseJsonExactly(text) : JSON.parse(text);

  it('returns as a number only what round-trips exactly, and as a string the value as written', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const numberText = fc
      .tuple(
        fc.boolean(),
        fc.oneof(
          fc.constant('0'),
          fc.tuple(fc.constantFrom(...'123456789'), digits(0, 25)).map(([a, b]) => a + b),
        ),
        fc.option(digits(1, 25), { nil: undefined }),
        fc.option(
          fc.tuple(
            fc.constantFrom('e', 'E'),
            fc.constantFrom('', '+', '-'),
            fc.integer({ min: 0, max: 500 }),
          ),
          {
            nil: undefined,
          },
        ),
      )
      .map(
        ([minus, whole, fraction, exponent]) =>
          `${minus ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}${exponent ? exponent.join('') : ''}`,
      );
    fc.assert(
      fc.property(numberText, (text) => {
        const [read] = readBody(`[${text}]`) as [unknown];
        const written = new DecimalJs(text);
        if (typeof read === 'number') {
          if (Number.isFinite(read)) expect(new DecimalJs(String(read)).eq(written)).toBe(true);
          else expect(written.abs().gt('1e308')).toBe(true);
        } else if (typeof read === 'string') {
          if (/^-?[0-9]+(\.[0-9]+)?$/.test(read)) expect(new DecimalJs(read).eq(written)).toBe(true);
          else expect(read).toBe(text);
        } else throw new Error(`read as ${typeof read}`);
      }),
      { numRuns: 2000 },
    );
  });
});
