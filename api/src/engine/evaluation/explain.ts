import { isDecimal, isWritable, type Decimal } from '../decimal';
import { listText } from '../errors';
import type { Expression } from '../expression/ast';
import type { Environment, Scope } from '../expression/scope';
import { RULE_OPERATORS } from '../model/operators';
import { OPERATOR_PRECEDENCE, PRINTED_OPERATORS } from '../expression/notation';

/** A condition as json-rules-engine reports it after a run. */
export interface ConditionResult {
  all?: ConditionResult[];
  any?: ConditionResult[];
  not?: ConditionResult;
  fact?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

/**
 * Writes a value for people: decimals to at most two places (≈ when rounded), dates and codes as
 * they are. A decimal outside the numeric domain (which no checked computation gives) is written
 * `(out of range)`, never as Infinity, NaN or a huge numeral.
 */
export function showValue(value: unknown): string {
  if (isDecimal(value)) {
    const d = value as Decimal;
    if (!isWritable(d)) return '(out of range)';
    return d.decimalPlaces() <= 2 ? d.toFixed() : `≈${d.toFixed(2)}`;
  }
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return `[${listText(value.map(showValue))}]`;
  if (typeof value === 'object' && 'fact' in (value as object))
    return String((value as { fact: string }).fact);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether a condition held; json-rules-engine records results on comparisons only. */
function heldOf(c: ConditionResult): boolean | undefined {
  if (c.all)
    return c.all.some((x) => heldOf(x) === false)
      ? false
      : c.all.every((x) => heldOf(x) === true)
        ? true
        : undefined;
  if (c.any)
    return c.any.some((x) => heldOf(x) === true)
      ? true
      : c.any.every((x) => heldOf(x) === false)
        ? false
        : undefined;
  if (c.not) {
    const inner = heldOf(c.not);
    return inner === undefined ? undefined : !inner;
  }
  return c.result;
}

/**
 * Explains a condition tree: each comparison with the values compared, e.g.
 * `perCapitaMonthlyIncome 233.33 < dibaoStandard 380 ✓`. Of an `any` that held, only the parts
 * that held are shown.
 */
export function explainCondition(condition: ConditionResult): string {
  const evaluated = (list: ConditionResult[]) => list.filter((c) => heldOf(c) !== undefined);
  if (condition.all) return evaluated(condition.all).map(explainCondition).join('; ');
  if (condition.any) {
    const parts = evaluated(condition.any);
    const held = parts.filter((c) => heldOf(c) === true);
    return held.length > 0
      ? `any of (${held.map(explainCondition).join(' / ')})`
      : `none of (${parts.map(explainCondition).join('; ')})`;
  }
  if (condition.not) return `not (${explainCondition(condition.not)})`;
  const symbol = RULE_OPERATORS.get(condition.operator ?? '')?.symbol ?? condition.operator;
  const right =
    typeof condition.value === 'object' && condition.value !== null && 'fact' in condition.value
      ? `${(condition.value as { fact: string }).fact} ${showValue(condition.valueResult)}`
      : showValue(condition.value);
  return `${condition.fact} ${showValue(condition.factResult)} ${symbol} ${right} ${condition.result ? '✓' : '✗'}`;
}

/**
 * Writes a formula with each name replaced by its value, so a reader can redo the sum:
 * `dibaoStandard * unitSize - annualNetIncome / 12` becomes `380 × 3 − 2400 ÷ 12`.
 */
export function substituteValues(ast: Expression, scope: Scope, env: Environment): string {
  const show = (value: unknown): string =>
    typeof value === 'string' ? JSON.stringify(value) : showValue(value);
  return render(ast, (e) => (e.kind === 'name' ? show(scope.lookup(e.name)?.read(env) ?? null) : null), true);
}

/** Prints an expression back to text; `leaf` may replace a node by its value. */
export function render(e: Expression, leaf: (e: Expression) => string | null, pretty = false): string {
  const replaced = leaf(e);
  if (replaced !== null) return replaced;
  const sym = (op: string): string => (pretty ? (PRINTED_OPERATORS[op] ?? op) : op);
  switch (e.kind) {
    case 'number':
      return e.text;
    case 'string':
      return JSON.stringify(e.value);
    case 'boolean':
      return String(e.value);
    case 'name':
      return e.name;
    case 'unary':
      return e.operator === 'not'
        ? `not ${wrap(e.operand, 3, leaf, pretty)}`
        : `-${wrap(e.operand, 6, leaf, pretty)}`;
    case 'binary': {
      const p = OPERATOR_PRECEDENCE[e.operator] as number;
      return `${wrap(e.left, p, leaf, pretty)} ${sym(e.operator)} ${wrap(e.right, p + 1, leaf, pretty)}`;
    }
    case 'call':
      return `${e.callee}(${e.args.map((a) => render(a, leaf, pretty)).join(', ')})`;
  }
}

function wrap(
  e: Expression,
  minimum: number,
  leaf: (e: Expression) => string | null,
  pretty: boolean,
): string {
  const text = render(e, leaf, pretty);
  if (e.kind === 'binary' && (OPERATOR_PRECEDENCE[e.operator] as number) < minimum && leaf(e) === null)
    return `(${text})`;
  return text;
}
