import { Engine } from 'json-rules-engine';
import { isDecimal, toDecimal, type Decimal } from '../decimal';

/** A decimal operand as the decimal operators read it: a Decimal, a decimal string or number; else null. */
export const decimalOf = (value: unknown): Decimal | null => (isDecimal(value) ? value : toDecimal(value));

const compareWith =
  (test: (cmp: number) => boolean) =>
  (factValue: unknown, jsonValue: unknown): boolean => {
    const a = decimalOf(factValue);
    const b = decimalOf(jsonValue);
    if (a === null || b === null) return false;
    return test(a.cmp(b));
  };

/** One operator a rule condition may use. */
export interface RuleOperator {
  readonly name: string;
  /**
   * `decimal`: compares exact decimals (Decimal values, decimal strings or numbers), for number
   * facts; `plain`: json-rules-engine's own equality and membership, for every other fact.
   */
  readonly kind: 'decimal' | 'plain';
  /** How it reads in an explanation, e.g. `≥`. */
  readonly symbol: string;
  /** Whether its value is a list (`in`, `notIn`). */
  readonly takesList: boolean;
  /** One line of documentation in Chinese and in English. */
  readonly doc: { readonly zh: string; readonly en: string };
  /** The comparison registered with json-rules-engine (decimal operators only). */
  readonly compare?: (factValue: unknown, jsonValue: unknown) => boolean;
  /** Whether the comparison holds for `a.cmp(b)` of two decimals (decimal operators only). */
  readonly holds?: (cmp: number) => boolean;
}

const decimal = (name: string, symbol: string, test: (cmp: number) => boolean, zh: string, en: string) =>
  [
    name,
    {
      name,
      kind: 'decimal',
      symbol,
      takesList: false,
      doc: { zh, en },
      compare: compareWith(test),
      holds: test,
    },
  ] as const;
const plain = (name: string, symbol: string, takesList: boolean, zh: string, en: string) =>
  [name, { name, kind: 'plain', symbol, takesList, doc: { zh, en } }] as const;

/**
 * Every operator a rule condition may use, by name: the six decimal comparisons (json-rules-engine's
 * numeric operators use `parseFloat` and `<`, unfit for money) and the plain `equal`, `notEqual`,
 * `in`, `notIn`. A name not in it (`constructor`, `contains` …) is not an operator.
 */
export const RULE_OPERATORS: ReadonlyMap<string, RuleOperator> = new Map<string, RuleOperator>(
  [
    decimal('decimalLessThan', '<', (c) => c < 0, '小于', 'less than'),
    decimal('decimalLessThanInclusive', '≤', (c) => c <= 0, '小于或等于', 'less than or equal to'),
    decimal('decimalGreaterThan', '>', (c) => c > 0, '大于', 'greater than'),
    decimal('decimalGreaterThanInclusive', '≥', (c) => c >= 0, '大于或等于', 'greater than or equal to'),
    decimal('decimalEqual', '=', (c) => c === 0, '等于', 'equal to'),
    decimal('decimalNotEqual', '≠', (c) => c !== 0, '不等于', 'not equal to'),
    plain('equal', '=', false, '等于', 'equal to (not for numbers)'),
    plain('notEqual', '≠', false, '不等于', 'not equal to (not for numbers)'),
    plain('in', 'in', true, '属于列表', 'one of a list'),
    plain('notIn', 'not in', true, '不属于列表', 'none of a list'),
  ].map(([name, operator]) => [name, Object.freeze(operator)]),
);

/**
 * json-rules-engine operators a rule must not use, each with its decimal replacement: they compare
 * money as binary floating-point numbers.
 */
export const FLOAT_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['lessThan', 'decimalLessThan'],
  ['lessThanInclusive', 'decimalLessThanInclusive'],
  ['greaterThan', 'decimalGreaterThan'],
  ['greaterThanInclusive', 'decimalGreaterThanInclusive'],
]);

/** A json-rules-engine Engine with the decimal operators of {@link RULE_OPERATORS} registered. */
export function createRulesEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const operator of RULE_OPERATORS.values())
    if (operator.compare) engine.addOperator(operator.name, operator.compare);
  return engine;
}
