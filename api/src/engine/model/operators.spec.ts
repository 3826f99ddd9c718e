import { Decimal } from '../decimal';
import { createRulesEngine, FLOAT_OPERATORS, RULE_OPERATORS } from './operators';

type OperatorName =
  | 'decimalLessThan'
  | 'decimalLessThanInclusive'
  | 'decimalGreaterThan'
  | 'decimalGreaterThanInclusive'
  | 'decimalEqual'
  | 'decimalNotEqual';

const NAMES: OperatorName[] = [
  'decimalLessThan',
  'decimalLessThanInclusive',
  'decimalGreaterThan',
  'decimalGreaterThanInclusive',
  'decimalEqual',
  'decimalNotEqual',
];

const op = (name: OperatorName): ((factValue: unknown, jsonValue: unknown) => boolean) => {
  const operator = RULE_OPERATORS.get(name)?.compare;
  if (!operator) throw new Error(`no operator ${name}`);
  return operator;
};

const PLAIN = ['equal', 'notEqual', 'in', 'notIn'];

/** What each operator says for a pair whose first is less than, equal to, or greater than the second. */
const TRUTH: Record<'less' | 'equal' | 'greater', Record<OperatorName, boolean>> = {
  less: {
    decimalLessThan: true,
    decimalLessThanInclusive: true,
    decimalGreaterThan: false,
    decimalGreaterThanInclusive: false,
    decimalEqual: false,
    decimalNotEqual: true,
  },
  equal: {
    decimalLessThan: false,
    decimalLessThanInclusive: true,
    decimalGreaterThan: false,
    decimalGreaterThanInclusive: true,
    decimalEqual: true,
    decimalNotEqual: false,
  },
  greater: {
    decimalLessThan: false,
    decimalLessThanInclusive: false,
    decimalGreaterThan: true,
    decimalGreaterThanInclusive: true,
    decimalEqual: false,
    decimalNotEqual: true,
  },
};

describe('the decimal operators of RULE_OPERATORS', () => {
  it('are exactly the six decimal comparisons', () => {
    const decimal = [...RULE_OPERATORS.values()].filter((o) => o.kind === 'decimal').map((o) => o.name);
    expect(decimal.sort()).toEqual([...NAMES].sort());
  });

  const pairs: [string, unknown, unknown, keyof typeof TRUTH][] = [
    ['Decimal vs Decimal', new Decimal('1.5'), new Decimal('2'), 'less'],
    ['string vs string', '2.50', '2.5', 'equal'],
    ['number vs number', 3, 2, 'greater'],
    ['Decimal vs string', new Decimal('380'), '380.00', 'equal'],
    ['Decimal vs number', new Decimal('0.1'), 0.1, 'equal'],
    ['string vs number', '-1', 0, 'less'],
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    ['0.1 + 0.2 (Decimal) vs "0.3"', new Decimal('0.1').plus('0.2'), '0.3', 'equal'],
    // parseFloat reads both as 100000000000000000.
    [
      '"100000000000000000.01" vs "100000000000000000.02"',
      '100000000000000000.01',
      '100000000000000000.02',
      'less',
    ],
    [
      '"100000000000000000.02" vs "100000000000000000.01"',
      '100000000000000000.02',
      '100000000000000000.01',
      'greater',
    ],
    ['a long fraction one unit above', '0.30000000000000000000000000001', '0.3', 'greater'],
    ['9 vs "10" (not compared as text)', 9, '10', 'less'],
  ];

  describe.each(pairs)('%s', (_, fact, value, relation) => {
    it.each(NAMES)('%s', (name) => {
      expect(op(name)(fact, value)).toBe(TRUTH[relation][name]);
    });
  });

  it('would be wrong with parseFloat, for the record', () => {
    expect(parseFloat('100000000000000000.01') < parseFloat('100000000000000000.02')).toBe(false);
    expect(0.1 + 0.2 === 0.3).toBe(false);
  });

  describe.each([
    ['null fact', null, '1'],
    ['null value', '1', null],
    ['undefined fact', undefined, '1'],
    ['a non-decimal string', 'abc', '1'],
    ['an exponent string', '1e3', '1000'],
    ['an empty string', '', '0'],
    ['NaN', Number.NaN, 1],
    ['Infinity', Number.POSITIVE_INFINITY, 1],
    ['a boolean', true, '1'],
  ])('%s', (_, fact, value) => {
    it.each(NAMES)('%s is false', (name) => {
      expect(op(name)(fact, value)).toBe(false);
    });
  });
});

describe('the operator registries', () => {
  it('map each floating-point operator to its decimal replacement', () => {
    expect(Object.fromEntries(FLOAT_OPERATORS)).toEqual({
      lessThan: 'decimalLessThan',
      lessThanInclusive: 'decimalLessThanInclusive',
      greaterThan: 'decimalGreaterThan',
      greaterThanInclusive: 'decimalGreaterThanInclusive',
    });
    for (const replacement of FLOAT_OPERATORS.values())
      expect(RULE_OPERATORS.get(replacement)?.kind).toBe('decimal');
  });

  it('list the decimal and plain operators, each with a symbol and a doc line in Chinese and English', () => {
    expect([...RULE_OPERATORS.keys()].sort()).toEqual([...NAMES, ...PLAIN].sort());
    for (const operator of RULE_OPERATORS.values()) {
      expect(operator.symbol).toEqual(expect.any(String));
      expect(operator.doc.zh.length).toBeGreaterThan(0);
      expect(operator.doc.en.length).toBeGreaterThan(0);
      expect(operator.takesList).toBe(operator.name === 'in' || operator.name === 'notIn');
    }
    expect(RULE_OPERATORS.get('decimalGreaterThanInclusive')?.symbol).toBe('≥');
  });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])(
    'know no operator named %s',
    (name) => {
      expect(RULE_OPERATORS.get(name)).toBeUndefined();
      expect(RULE_OPERATORS.has(name)).toBe(false);
      expect(FLOAT_OPERATORS.get(name)).toBeUndefined();
    },
  );
});

describe('createRulesEngine', () => {
  const engineWith = (operator: string, value: unknown) => {
    const engine = createRulesEngine();
    engine.addRule({
      conditions: { all: [{ fact: 'income', operator, value }] },
      event: { type: 'below' },
    });
    return engine;
  };

  it('runs rules with the decimal operators', async () => {
    const engine = engineWith('decimalLessThan', '100000000000000000.02');
    const below = await engine.run({ income: '100000000000000000.01' });
    expect(below.events.map((e) => e.type)).toEqual(['below']);
    const equal = await engine.run({ income: new Decimal('100000000000000000.02') });
    expect(equal.events).toEqual([]);
  });

  it('compares Decimal facts with another fact', async () => {
    const engine = createRulesEngine();
    engine.addRule({
      conditions: { all: [{ fact: 'a', operator: 'decimalEqual', value: { fact: 'b' } }] },
      event: { type: 'same' },
    });
    const result = await engine.run({ a: new Decimal('0.1').plus('0.2'), b: new Decimal('0.3') });
    expect(result.events.map((e) => e.type)).toEqual(['same']);
  });

  it('refuses a fact that was not given', async () => {
    await expect(engineWith('decimalEqual', '1').run({})).rejects.toThrow(/Undefined fact: income/);
  });
});
