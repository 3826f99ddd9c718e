import { Engine } from 'json-rules-engine';
import { isDecimal, toDecimal, type Decimal } from '../decimal';

const decimalOf = (value: unknown): Decimal | null => (isDecimal(value) ? value : toDecimal(value));

const compareWith =
  (test: (cmp: number) => boolean) =>
  (factValue: unknown, jsonValue: unknown): boolean => {
    const a = decimalOf(factValue);
    const b = decimalOf(jsonValue);
    if (a === null || b === null) return false;
    return test(a.cmp(b));
  };

/**
 * json-rules-engine's numeric operators use `parseFloat` and `<`: unfit for money. These compare
 * exact decimals (Decimal values, decimal strings or numbers).
 */
export const DECIMAL_OPERATORS: Record<string, (factValue: unknown, jsonValue: unknown) => boolean> = {
  decimalLessThan: compareWith((c) => c < 0),
  decimalLessThanInclusive: compareWith((c) => c <= 0),
  decimalGreaterThan: compareWith((c) => c > 0),
  decimalGreaterThanInclusive: compareWith((c) => c >= 0),
  decimalEqual: compareWith((c) => c === 0),
  decimalNotEqual: compareWith((c) => c !== 0),
};

/** How each operator reads in an explanation. */
export const OPERATOR_SYMBOLS: Record<string, string> = {
  decimalLessThan: '<',
  decimalLessThanInclusive: '≤',
  decimalGreaterThan: '>',
  decimalGreaterThanInclusive: '≥',
  decimalEqual: '=',
  decimalNotEqual: '≠',
  equal: '=',
  notEqual: '≠',
  in: 'in',
  notIn: 'not in',
};

/** Built-in operators that are safe for non-decimal facts. */
export const PLAIN_OPERATORS = ['equal', 'notEqual', 'in', 'notIn'] as const;

/** Built-in operators that must not be used: they compare money as binary floats. */
export const FLOAT_OPERATORS: Record<string, string> = {
  lessThan: 'decimalLessThan',
  lessThanInclusive: 'decimalLessThanInclusive',
  greaterThan: 'decimalGreaterThan',
  greaterThanInclusive: 'decimalGreaterThanInclusive',
};

/** A json-rules-engine Engine with the decimal operators registered. */
export function createRulesEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const [name, operator] of Object.entries(DECIMAL_OPERATORS)) engine.addOperator(name, operator);
  return engine;
}
