import { Decimal, isDecimal } from '../decimal';
import { EvaluationError } from '../errors';
import type { Expression } from './ast';
import { ExpressionSyntaxError, parseExpression } from './parse';
import type { Binding, Environment, Scope, Value, ValueType } from './scope';
import { suggestName } from './suggest';
import { yearsBetween } from './dates';

/** A checked expression, ready to run. */
export interface CompiledExpression {
  source: string;
  ast: Expression;
  type: ValueType;
  evaluate(env: Environment): Value;
}

/** A problem found while checking an expression; `at` is the offset in the source. */
export interface ExpressionProblem {
  message: string;
  at: number;
}

type Node = { type: ValueType | 'any'; run: (env: Environment) => Value };

const fail = (message: string): never => {
  throw new EvaluationError(message);
};

const asDecimal = (v: Value, what: string): Decimal =>
  isDecimal(v) ? v : v === null ? fail(`${what} is not given`) : fail(`${what} is not a number`);
const asBoolean = (v: Value, what: string): boolean =>
  typeof v === 'boolean' ? v : v === null ? fail(`${what} is not given`) : fail(`${what} is not true/false`);

function equalValues(a: Value, b: Value): boolean {
  if (isDecimal(a) && isDecimal(b)) return a.eq(b);
  return a === b;
}

const DECIMAL_FUNCTIONS: Record<string, { min: number; max: number }> = {
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  abs: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  ceil: { min: 1, max: 2 },
  floor: { min: 1, max: 2 },
};

/** Functions of the language, for documentation and completion. */
export const FUNCTIONS = [
  'if(condition, then, else)',
  'min(a, b, …)',
  'max(a, b, …)',
  'abs(x)',
  'round(x, places = 0)  (half up)',
  'ceil(x, places = 0)',
  'floor(x, places = 0)',
  'yearsBetween(fromDate, toDate)  (full years)',
  'count(memberCondition)',
  'sum(memberAmount)',
  'any(memberCondition)',
  'all(memberCondition)',
  'present(optionalGroup)',
  'previous(parameter)  (constraints only)',
] as const;

/**
 * Parses and statically checks `source` in `scope`: every name must be visible there and every
 * operator must get values of the right type. Returns the runnable expression or every problem.
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

function check(e: Expression, scope: Scope, problems: ExpressionProblem[]): Node {
  const problem = (message: string, at = e.at): Node => {
    problems.push({ message, at });
    return { type: 'any', run: () => null };
  };
  const want = (node: Node, type: ValueType, what: string, at: number): void => {
    if (node.type !== 'any' && node.type !== type)
      problems.push({ message: `${what} must be a ${type}, not a ${node.type}`, at });
  };

  switch (e.kind) {
    case 'number': {
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
        const hint = suggestName(e.name, scope.names());
        return problem(
          `unknown name '${e.name}' in ${scope.name} scope${hint ? `; did you mean '${hint}'?` : ''}`,
        );
      }
      if (binding.kind === 'object')
        return problem(`'${e.name}' is a group of facts: use present(${e.name}) or one of its facts`);
      return { type: binding.type, run: binding.read };
    }
    case 'unary': {
      const operand = check(e.operand, scope, problems);
      if (e.operator === '-') {
        want(operand, 'decimal', "the operand of '-'", e.at);
        return { type: 'decimal', run: (env) => asDecimal(operand.run(env), 'a value').neg() };
      }
      want(operand, 'boolean', "the operand of 'not'", e.at);
      return { type: 'boolean', run: (env) => !asBoolean(operand.run(env), 'a condition') };
    }
    case 'binary':
      return checkBinary(e, scope, problems, want);
    case 'call':
      return checkCall(e, scope, problems, problem, want);
  }
}

function checkBinary(
  e: Extract<Expression, { kind: 'binary' }>,
  scope: Scope,
  problems: ExpressionProblem[],
  want: (node: Node, type: ValueType, what: string, at: number) => void,
): Node {
  const left = check(e.left, scope, problems);
  const right = check(e.right, scope, problems);
  const op = e.operator;
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
      problems.push({ message: `cannot compare a ${left.type} with a ${right.type}`, at: e.at });
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
      want(left, 'date', `the left side of '${op}'`, e.left.at);
      want(right, 'date', `the right side of '${op}'`, e.right.at);
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
  want(left, 'decimal', `the left side of '${op}'`, e.left.at);
  want(right, 'decimal', `the right side of '${op}'`, e.right.at);
  const arithmetic: Record<'+' | '-' | '*' | '/', (a: Decimal, b: Decimal) => Decimal> = {
    '+': (a, b) => a.plus(b),
    '-': (a, b) => a.minus(b),
    '*': (a, b) => a.times(b),
    '/': (a, b) => (b.isZero() ? fail('division by zero') : a.div(b)),
  };
  const apply = arithmetic[op];
  return {
    type: 'decimal',
    run: (env) => apply(asDecimal(left.run(env), 'a value'), asDecimal(right.run(env), 'a value')),
  };
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
      message: `'${side.name}' is never "${other.value}"; its values are ${values.map((v) => `"${v}"`).join(', ')}`,
      at: other.at,
    });
  }
}

function checkCall(
  e: Extract<Expression, { kind: 'call' }>,
  scope: Scope,
  problems: ExpressionProblem[],
  problem: (message: string, at?: number) => Node,
  want: (node: Node, type: ValueType, what: string, at: number) => void,
): Node {
  const name = e.callee;
  const arity = (min: number, max: number): boolean => {
    if (e.args.length < min || e.args.length > max) {
      problem(
        `${name}() takes ${min === max ? min : max === Infinity ? `at least ${min}` : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${e.args.length}`,
      );
      return false;
    }
    return true;
  };

  if (name === 'count' || name === 'sum' || name === 'any' || name === 'all') {
    if (!scope.members) return problem(`${name}() is only available in household scope`);
    if (!arity(1, 1)) return { type: 'any', run: () => null };
    const inner = check(e.args[0] as Expression, scope.members, problems);
    const members = (env: Environment): Value[] => env.members.map((member) => inner.run({ ...env, member }));
    if (name === 'sum') {
      want(inner, 'decimal', 'the argument of sum()', e.at);
      return {
        type: 'decimal',
        run: (env) =>
          members(env).reduce<Decimal>((t, v) => t.plus(asDecimal(v, 'a member value')), new Decimal(0)),
      };
    }
    want(inner, 'boolean', `the argument of ${name}()`, e.at);
    if (name === 'count')
      return { type: 'decimal', run: (env) => new Decimal(members(env).filter((v) => v === true).length) };
    if (name === 'any') return { type: 'boolean', run: (env) => members(env).some((v) => v === true) };
    return { type: 'boolean', run: (env) => members(env).every((v) => v === true) };
  }
  if (name === 'present') {
    if (!arity(1, 1)) return { type: 'any', run: () => null };
    const arg = e.args[0] as Expression;
    const binding = arg.kind === 'name' ? scope.lookup(arg.name) : undefined;
    if (arg.kind !== 'name' || !binding || binding.kind !== 'object') {
      return problem('present() takes the name of an optional group of facts, such as present(emergency)');
    }
    return { type: 'boolean', run: (env) => binding.read(env) === true };
  }
  if (name === 'previous') {
    if (!scope.allowsPrevious) return problem('previous() is only available in constraints');
    if (!arity(1, 1)) return { type: 'any', run: () => null };
    const arg = e.args[0] as Expression;
    const binding: Binding | undefined = arg.kind === 'name' ? scope.lookup(arg.name) : undefined;
    if (arg.kind !== 'name' || binding?.kind !== 'parameter')
      return problem('previous() takes a parameter key');
    const key = arg.name;
    // Without a previous version the comparison is not applicable; constraints skip a null.
    return { type: 'decimal', run: (env) => env.previous?.[key] ?? null };
  }
  if (name === 'if') {
    if (!arity(3, 3)) return { type: 'any', run: () => null };
    const [c, a, b] = e.args.map((x) => check(x, scope, problems)) as [Node, Node, Node];
    want(c, 'boolean', 'the condition of if()', e.at);
    if (a.type !== 'any' && b.type !== 'any' && a.type !== b.type)
      problem(`the two branches of if() give a ${a.type} and a ${b.type}`);
    return {
      type: a.type === 'any' ? b.type : a.type,
      run: (env) => (asBoolean(c.run(env), 'the condition') ? a.run(env) : b.run(env)),
    };
  }
  if (name === 'yearsBetween') {
    if (!arity(2, 2)) return { type: 'any', run: () => null };
    const [from, to] = e.args.map((x) => check(x, scope, problems)) as [Node, Node];
    want(from, 'date', 'the first argument of yearsBetween()', e.at);
    want(to, 'date', 'the second argument of yearsBetween()', e.at);
    return {
      type: 'decimal',
      run: (env) => {
        const a = from.run(env);
        const b = to.run(env);
        if (typeof a !== 'string' || typeof b !== 'string') return fail('a date is not given');
        return new Decimal(yearsBetween(a, b));
      },
    };
  }
  const spec = DECIMAL_FUNCTIONS[name];
  if (!spec) {
    const hint = suggestName(name, [
      ...Object.keys(DECIMAL_FUNCTIONS),
      'if',
      'count',
      'sum',
      'any',
      'all',
      'present',
      'previous',
      'yearsBetween',
    ]);
    return problem(`unknown function '${name}'${hint ? `; did you mean '${hint}'?` : ''}`);
  }
  if (!arity(spec.min, spec.max)) return { type: 'any', run: () => null };
  const args = e.args.map((x) => check(x, scope, problems));
  args.forEach((a, i) => want(a, 'decimal', `argument ${i + 1} of ${name}()`, e.at));
  const places = e.args[1];
  if (
    (name === 'round' || name === 'ceil' || name === 'floor') &&
    places &&
    (places.kind !== 'number' || !/^([0-9]|1[0-9]|20)$/.test(places.text))
  ) {
    problem(`the places of ${name}() must be a whole number from 0 to 20 written out, such as ${name}(x, 2)`);
  }

  const values = (env: Environment): Decimal[] =>
    args.map((a) => asDecimal(a.run(env), `an argument of ${name}()`));
  switch (name) {
    case 'min':
      return { type: 'decimal', run: (env) => Decimal.min(...values(env)) };
    case 'max':
      return { type: 'decimal', run: (env) => Decimal.max(...values(env)) };
    case 'abs':
      return { type: 'decimal', run: (env) => (values(env)[0] as Decimal).abs() };
    default: {
      const mode =
        name === 'round' ? Decimal.ROUND_HALF_UP : name === 'ceil' ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR;
      return {
        type: 'decimal',
        run: (env) => {
          const [x, places] = values(env) as [Decimal, Decimal | undefined];
          return x.toDecimalPlaces(places ? places.toNumber() : 0, mode);
        },
      };
    }
  }
}
