import { Decimal, isDecimal, numeralProblem } from '../decimal';
import { listText } from '../errors';
import { MAX_LITERAL_DECIMAL_PLACES } from '../limits';
import type { Expression } from './ast';
import { isCalendarDate } from './dates';
import { arityText, EXPRESSION_FUNCTIONS } from './functions';
import { ExpressionSyntaxError, parseExpression } from './parse';
import {
  asBoolean,
  asDecimal,
  fail,
  inRange,
  NOTHING,
  type CheckContext,
  type ExpressionProblem,
  type Node,
} from './runtime';
import type { Scope, Value, ValueType, Environment } from './scope';
import { suggestName } from './suggest';

export type { ExpressionProblem } from './runtime';

/** A checked expression, ready to run. */
export interface CompiledExpression {
  source: string;
  ast: Expression;
  type: ValueType;
  /**
   * Runs the expression. Every arithmetic result is checked against the numeric domain.
   * @throws EvaluationError (an OutOfRangeError for a value beyond 10^15) when it cannot be computed.
   */
  evaluate(env: Environment): Value;
}

function equalValues(a: Value, b: Value): boolean {
  if (isDecimal(a) && isDecimal(b)) return a.eq(b);
  return a === b;
}

/**
 * Where a problem is in a formula, for messages: `(at column 5 of "2 * suport.ratio")`. Of a
 * formula longer than 300 characters only the part around the column is shown.
 */
export function locate(source: string, at: number): string {
  if (source.length <= 300) return `(at column ${at + 1} of "${source}")`;
  const from = Math.max(0, at - 40);
  const to = Math.min(source.length, at + 40);
  const excerpt = `${from > 0 ? '…' : ''}${source.slice(from, to)}${to < source.length ? '…' : ''}`;
  return `(at column ${at + 1} of "${excerpt}")`;
}

/** A numeral written in a formula, shortened for messages. */
export const shortNumeral = (text: string): string => (text.length > 24 ? `${text.slice(0, 20)}…` : text);

/**
 * Parses and statically checks `source` in `scope`: every name must be visible there, every
 * function must be one of {@link EXPRESSION_FUNCTIONS}, every operator must get values of the
 * right type, and every number must be inside the numeric domain. Returns the runnable expression
 * or every problem (a too long or too deeply nested expression is one problem, found before any
 * recursion).
 * @example compileExpression('dibaoStandard * unitSize', householdScope)
 */
export function compileExpression(
  source: string,
  scope: Scope,
  expected?: ValueType,
): { expression: CompiledExpression; problems: [] } | { expression: null; problems: ExpressionProblem[] } {
  let ast: Expression;
  try {
    ast = parseExpression(source);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError)
      return { expression: null, problems: [{ message: e.message, at: e.at }] };
    throw e;
  }
  const problems: ExpressionProblem[] = [];
  const node = check(ast, scope, problems);
  if (problems.length === 0 && expected && node.type !== 'any' && node.type !== expected) {
    problems.push({ message: `the expression gives a ${node.type} where a ${expected} is needed`, at: 0 });
  }
  if (problems.length > 0) return { expression: null, problems };
  return {
    expression: {
      source,
      ast,
      type: node.type === 'any' ? (expected ?? 'decimal') : node.type,
      evaluate: node.run,
    },
    problems: [],
  };
}

function contextFor(e: Expression, scope: Scope, problems: ExpressionProblem[]): CheckContext {
  return {
    scope,
    problems,
    check: (x, inner = scope) => check(x, inner, problems),
    problem: (message, at = e.at) => {
      problems.push({ message, at });
      return NOTHING;
    },
    want: (node, type, what, at) => {
      if (node.type !== 'any' && node.type !== type)
        problems.push({ message: `${what} must be a ${type}, not a ${node.type}`, at });
    },
  };
}

function check(e: Expression, scope: Scope, problems: ExpressionProblem[]): Node {
  const context = contextFor(e, scope, problems);
  switch (e.kind) {
    case 'number': {
      const wrong = numeralProblem(e.text, MAX_LITERAL_DECIMAL_PLACES);
      if (wrong) return context.problem(`the number ${shortNumeral(e.text)} ${wrong}`);
      const value = new Decimal(e.text);
      return { type: 'decimal', run: () => value };
    }
    case 'string':
      return { type: 'string', run: () => e.value };
    case 'boolean':
      return { type: 'boolean', run: () => e.value };
    case 'name': {
      const binding = scope.lookup(e.name);
      if (!binding) {
        const hint = scope.hints?.exhausted ? undefined : suggestName(e.name, scope.names(), scope.hints);
        return context.problem(
          `unknown name '${e.name}' in ${scope.name} scope${hint ? `; did you mean '${hint}'?` : ''}`,
        );
      }
      if (binding.kind === 'object')
        return context.problem(`'${e.name}' is a group of facts: use present(${e.name}) or one of its facts`);
      return { type: binding.type, run: binding.read };
    }
    case 'unary': {
      const operand = check(e.operand, scope, problems);
      if (e.operator === '-') {
        context.want(operand, 'decimal', "the operand of '-'", e.at);
        return {
          type: 'decimal',
          run: (env) => inRange(asDecimal(operand.run(env), 'a value').neg(), "'-'"),
        };
      }
      context.want(operand, 'boolean', "the operand of 'not'", e.at);
      return { type: 'boolean', run: (env) => !asBoolean(operand.run(env), 'a condition') };
    }
    case 'binary':
      return checkBinary(e, scope, problems, context);
    case 'call':
      return checkCall(e, context);
  }
}

const ARITHMETIC: ReadonlyMap<string, (a: Decimal, b: Decimal) => Decimal> = new Map([
  ['+', (a: Decimal, b: Decimal) => a.plus(b)],
  ['-', (a: Decimal, b: Decimal) => a.minus(b)],
  ['*', (a: Decimal, b: Decimal) => a.times(b)],
  ['/', (a: Decimal, b: Decimal) => (b.isZero() ? fail('division by zero') : a.div(b))],
]);

function checkBinary(
  e: Extract<Expression, { kind: 'binary' }>,
  scope: Scope,
  problems: ExpressionProblem[],
  context: CheckContext,
): Node {
  const left = check(e.left, scope, problems);
  const right = check(e.right, scope, problems);
  const op = e.operator;
  const { want } = context;
  if (op === 'and' || op === 'or') {
    want(left, 'boolean', `the left side of '${op}'`, e.left.at);
    want(right, 'boolean', `the right side of '${op}'`, e.right.at);
    return op === 'and'
      ? {
          type: 'boolean',
          run: (env) => asBoolean(left.run(env), 'a condition') && asBoolean(right.run(env), 'a condition'),
        }
      : {
          type: 'boolean',
          run: (env) => asBoolean(left.run(env), 'a condition') || asBoolean(right.run(env), 'a condition'),
        };
  }
  if (op === '==' || op === '!=') {
    if (left.type !== 'any' && right.type !== 'any' && left.type !== right.type) {
      problems.push({
        message: `cannot compare a ${left.type} with a ${right.type}${dateLiteralHint(left, right, e)}`,
        at: e.at,
      });
    }
    checkEnumLiteral(e.left, e.right, scope, problems);
    checkEnumLiteral(e.right, e.left, scope, problems);
    return op === '=='
      ? { type: 'boolean', run: (env) => equalValues(left.run(env), right.run(env)) }
      : { type: 'boolean', run: (env) => !equalValues(left.run(env), right.run(env)) };
  }
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    const dates = left.type === 'date' || right.type === 'date';
    if (dates) {
      const hint = dateLiteralHint(left, right, e);
      want(left, 'date', `the left side of '${op}'`, e.left.at);
      want(right, 'date', `the right side of '${op}'`, e.right.at);
      if (hint) {
        const last = problems[problems.length - 1];
        if (last) last.message += hint;
      }
      const compare = (a: Value, b: Value): number => {
        if (typeof a !== 'string' || typeof b !== 'string') return fail('a date is not given');
        return a < b ? -1 : a > b ? 1 : 0;
      };
      return { type: 'boolean', run: (env) => holds(op, compare(left.run(env), right.run(env))) };
    }
    want(left, 'decimal', `the left side of '${op}'`, e.left.at);
    want(right, 'decimal', `the right side of '${op}'`, e.right.at);
    return {
      type: 'boolean',
      run: (env) => holds(op, asDecimal(left.run(env), 'a value').cmp(asDecimal(right.run(env), 'a value'))),
    };
  }
  if (left.type === 'date' || right.type === 'date') return context.problem(dateArithmetic(op, left, right));
  want(left, 'decimal', `the left side of '${op}'`, e.left.at);
  want(right, 'decimal', `the right side of '${op}'`, e.right.at);
  const apply = ARITHMETIC.get(op) as (a: Decimal, b: Decimal) => Decimal;
  const what = `'${op}'`;
  return {
    type: 'decimal',
    run: (env) =>
      inRange(apply(asDecimal(left.run(env), 'a value'), asDecimal(right.run(env), 'a value')), what),
  };
}

/**
 * What to write instead of `+ - * /` on a date: dates move with addDays, addMonths and addYears,
 * and are told apart with daysBetween, monthsBetween and yearsBetween.
 */
function dateArithmetic(op: string, left: Node, right: Node): string {
  if (op === '-' && left.type === 'date' && right.type === 'date')
    return "cannot subtract a date from a date with '-': use daysBetween(from, to), monthsBetween(from, to) or yearsBetween(from, to)";
  const other = left.type === 'date' ? right.type : left.type;
  const what = other === 'decimal' ? 'number' : other === 'any' ? 'value' : other;
  if (op === '-' && right.type === 'date')
    return `cannot subtract a date from a ${what} with '-': use addDays(date, n), addMonths(date, n) or addYears(date, n) with n < 0 to go back`;
  if (op === '+' || op === '-')
    return `cannot ${op === '+' ? 'add' : 'subtract'} a ${what} ${op === '+' ? 'to' : 'from'} a date with '${op}': use addDays(date, n), addMonths(date, n) or addYears(date, n) (n < 0 goes back)`;
  return `cannot ${op === '*' ? 'multiply' : 'divide'} a date with '${op}'; year(date), month(date) and day(date) give its parts as numbers`;
}

/** `; write date("2021-01-01")` when a date meets a string written out that is a date. */
function dateLiteralHint(left: Node, right: Node, e: Extract<Expression, { kind: 'binary' }>): string {
  const literal =
    left.type === 'date' && e.right.kind === 'string'
      ? e.right.value
      : right.type === 'date' && e.left.kind === 'string'
        ? e.left.value
        : null;
  return literal !== null && isCalendarDate(literal) ? `; write date("${literal}") for a date` : '';
}

function holds(op: '<' | '<=' | '>' | '>=', cmp: number): boolean {
  return op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '>' ? cmp > 0 : cmp >= 0;
}

function checkEnumLiteral(
  side: Expression,
  other: Expression,
  scope: Scope,
  problems: ExpressionProblem[],
): void {
  if (side.kind !== 'name' || other.kind !== 'string') return;
  const values = scope.lookup(side.name)?.values;
  if (values && !values.includes(other.value)) {
    problems.push({
      message: `'${side.name}' is never "${other.value}"; its values are ${listText(values, true)}`,
      at: other.at,
    });
  }
}

/** A call: the function comes from {@link EXPRESSION_FUNCTIONS} (a Map: no prototype names). */
function checkCall(e: Extract<Expression, { kind: 'call' }>, context: CheckContext): Node {
  const f = EXPRESSION_FUNCTIONS.get(e.callee);
  if (!f) {
    const hint = suggestName(e.callee, EXPRESSION_FUNCTIONS.keys(), context.scope.hints);
    return context.problem(`unknown function '${e.callee}'${hint ? `; did you mean '${hint}'?` : ''}`);
  }
  const unavailable = f.unavailable(context.scope);
  if (unavailable) return context.problem(unavailable);
  if (e.args.length < f.arity.min || e.args.length > f.arity.max)
    return context.problem(
      `${f.name}() takes ${arityText(f)} argument${(f.arity.max === Infinity ? f.arity.min : f.arity.max) === 1 ? '' : 's'}, not ${e.args.length}`,
    );
  return f.check(e, context);
}
