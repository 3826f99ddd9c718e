import { Decimal } from '../decimal';
import type { Expression } from './ast';
import {
  addDays,
  addMonths,
  addYears,
  dateParts,
  daysBetween,
  EXPRESSION_DATE_RANGE,
  inDateRange,
  isCalendarDate,
  monthsBetween,
  startOfMonth,
  yearsBetween,
} from './dates';
import { asBoolean, asDecimal, fail, inRange, type CheckContext, type Node } from './runtime';
import type { Binding, Environment, Scope, Value, ValueType } from './scope';

/**
 * What an argument must be: a value type; `same` (the branches of `if`, of one type); a decimal or
 * a condition evaluated once per member; the name of an optional group; a parameter key; the
 * decimal places of a rounding, a whole number 0 to 20 written out; a decimal that must be a whole
 * number when it is computed (days, months, years); or a date written out as a string,
 * `"YYYY-MM-DD"`.
 */
export type ArgumentType =
  | ValueType
  | 'same'
  | 'member decimal'
  | 'member boolean'
  | 'group'
  | 'parameter'
  | 'places'
  | 'whole number'
  | 'date text';

/** A function call in the syntax tree. */
export type CallExpression = Extract<Expression, { kind: 'call' }>;

/** One function of the expression language, with what an editor or a message needs to know of it. */
export interface ExpressionFunction {
  readonly name: string;
  /** How it is written, e.g. `round(x, places = 0)`. */
  readonly signature: string;
  /** How many arguments it takes; `max` is `Infinity` for `min` and `max`. */
  readonly arity: { readonly min: number; readonly max: number };
  /** The type of each argument; the last one repeats for a function with any number of arguments. */
  readonly argumentTypes: readonly ArgumentType[];
  /** The type of its result; `same` is the type of the `if` branches. */
  readonly resultType: ValueType | 'same';
  /** One line of documentation in Chinese and in English. */
  readonly doc: { readonly zh: string; readonly en: string };
  /** Why it cannot be used in this scope (checked before its arguments), or null. */
  unavailable(scope: Scope): string | null;
  /** Checks a call's arguments (the arity is already checked) and returns the runnable node. */
  check(call: CallExpression, context: CheckContext): Node;
}

type Spec = Omit<ExpressionFunction, 'name' | 'unavailable'> & {
  unavailable?: (scope: Scope) => string | null;
};

const householdOnly =
  (name: string) =>
  (scope: Scope): string | null =>
    scope.members ? null : `${name}() is only available in household scope`;

/** `count`, `sum`, `any`, `all`: the argument runs once per member, in member scope. */
function overMembers(name: 'count' | 'sum' | 'any' | 'all') {
  return (call: CallExpression, context: CheckContext): Node => {
    const inner = context.check(call.args[0] as Expression, context.scope.members);
    const values = (env: Environment): Value[] => env.members.map((member) => inner.run({ ...env, member }));
    if (name === 'sum') {
      context.want(inner, 'decimal', 'the argument of sum()', call.at);
      return {
        type: 'decimal',
        run: (env) =>
          values(env).reduce<Decimal>(
            (total, v) => inRange(total.plus(asDecimal(v, 'a member value')), 'sum()'),
            new Decimal(0),
          ),
      };
    }
    context.want(inner, 'boolean', `the argument of ${name}()`, call.at);
    if (name === 'count')
      return { type: 'decimal', run: (env) => new Decimal(values(env).filter((v) => v === true).length) };
    if (name === 'any') return { type: 'boolean', run: (env) => values(env).some((v) => v === true) };
    return { type: 'boolean', run: (env) => values(env).every((v) => v === true) };
  };
}

/** `min`, `max`, `abs`, `round`, `ceil`, `floor`: decimals in, a decimal out. */
function decimalFunction(name: 'min' | 'max' | 'abs' | 'round' | 'ceil' | 'floor') {
  return (call: CallExpression, context: CheckContext): Node => {
    const args = call.args.map((x) => context.check(x));
    args.forEach((a, i) => context.want(a, 'decimal', `argument ${i + 1} of ${name}()`, call.at));
    const places = call.args[1];
    const rounding = name === 'round' || name === 'ceil' || name === 'floor';
    if (rounding && places && (places.kind !== 'number' || !/^([0-9]|1[0-9]|20)$/.test(places.text)))
      context.problem(
        `the places of ${name}() must be a whole number from 0 to 20 written out, such as ${name}(x, 2)`,
      );
    const values = (env: Environment): Decimal[] =>
      args.map((a) => asDecimal(a.run(env), `an argument of ${name}()`));
    const what = `${name}()`;
    if (name === 'min') return { type: 'decimal', run: (env) => inRange(Decimal.min(...values(env)), what) };
    if (name === 'max') return { type: 'decimal', run: (env) => inRange(Decimal.max(...values(env)), what) };
    if (name === 'abs')
      return { type: 'decimal', run: (env) => inRange((values(env)[0] as Decimal).abs(), what) };
    const mode =
      name === 'round' ? Decimal.ROUND_HALF_UP : name === 'ceil' ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR;
    return {
      type: 'decimal',
      run: (env) => {
        const [x, digits] = values(env) as [Decimal, Decimal | undefined];
        return inRange(x.toDecimalPlaces(digits ? digits.toNumber() : 0, mode), what);
      },
    };
  };
}

const decimalSpec = (
  name: 'min' | 'max' | 'abs' | 'round' | 'ceil' | 'floor',
  signature: string,
  arity: { min: number; max: number },
  zh: string,
  en: string,
): [string, Spec] => [
  name,
  {
    signature,
    arity,
    argumentTypes: arity.max === 2 ? ['decimal', 'places'] : ['decimal'],
    resultType: 'decimal',
    doc: { zh, en },
    check: decimalFunction(name),
  },
];

const memberSpec = (
  name: 'count' | 'sum' | 'any' | 'all',
  signature: string,
  argument: 'member decimal' | 'member boolean',
  resultType: ValueType,
  zh: string,
  en: string,
): [string, Spec] => [
  name,
  {
    signature,
    arity: { min: 1, max: 1 },
    argumentTypes: [argument],
    resultType,
    doc: { zh, en },
    unavailable: householdOnly(name),
    check: overMembers(name),
  },
];

const DATE_RANGE_TEXT = `${EXPRESSION_DATE_RANGE.min} to ${EXPRESSION_DATE_RANGE.max}`;

/**
 * The value as a date.
 * @throws EvaluationError `<what> is not given` (null) or `<what> is not a date`.
 */
const asDate = (v: Value, what: string): string =>
  typeof v === 'string' ? v : v === null ? fail(`${what} is not given`) : fail(`${what} is not a date`);

/**
 * Records a problem when `node` is not a date, telling to write `date("…")` when it is a date
 * written as a plain string.
 */
function wantDate(context: CheckContext, node: Node, written: Expression, what: string, at: number): void {
  if (node.type === 'string' && written.kind === 'string' && isCalendarDate(written.value))
    context.problem(`${what} must be a date, not a string; write date("${written.value}") for a date`, at);
  else context.want(node, 'date', what, at);
}

/** `date("2021-01-01")`: a date written out, checked when the formula is compiled. */
function dateLiteral(call: CallExpression, context: CheckContext): Node {
  const arg = call.args[0] as Expression;
  if (arg.kind !== 'string')
    return context.problem('date() takes a date written out in quotes, such as date("2021-01-01")');
  if (!isCalendarDate(arg.value))
    return context.problem(
      `"${arg.value.length > 24 ? `${arg.value.slice(0, 20)}…` : arg.value}" is not a calendar date; write YYYY-MM-DD, such as date("2021-01-01")`,
      arg.at,
    );
  if (!inDateRange(arg.value))
    return context.problem(`the date ${arg.value} is outside the dates ${DATE_RANGE_TEXT}`, arg.at);
  const value = arg.value;
  return { type: 'date', run: () => value };
}

/** `addDays`, `addMonths`, `addYears`: a date and a whole number of units in, a date out. */
function dateShift(name: 'addDays' | 'addMonths' | 'addYears', unit: 'days' | 'months' | 'years') {
  const shift = name === 'addDays' ? addDays : name === 'addMonths' ? addMonths : addYears;
  return (call: CallExpression, context: CheckContext): Node => {
    const [date, count] = call.args.map((x) => context.check(x)) as [Node, Node];
    wantDate(context, date, call.args[0] as Expression, `the first argument of ${name}()`, call.at);
    context.want(count, 'decimal', `the number of ${unit} of ${name}()`, call.at);
    const written = call.args[1] as Expression;
    if (written.kind === 'number' && !new Decimal(written.text).isInteger())
      context.problem(
        `the number of ${unit} of ${name}() must be a whole number, not ${written.text}`,
        written.at,
      );
    return {
      type: 'date',
      run: (env) => {
        const from = asDate(date.run(env), `the date of ${name}()`);
        const n = asDecimal(count.run(env), `the number of ${unit} of ${name}()`);
        if (!n.isInteger())
          return fail(`the number of ${unit} of ${name}() must be a whole number, not ${n.toFixed()}`);
        const result = n.abs().gt(1e7) ? null : shift(from, n.toNumber());
        return (
          result ??
          fail(
            `${name}() gives a date outside the dates ${DATE_RANGE_TEXT} (${from} and ${n.toFixed()} ${unit})`,
          )
        );
      },
    };
  };
}

/** `year`, `month`, `day`, `startOfMonth`: one date in. */
function datePart(name: 'year' | 'month' | 'day' | 'startOfMonth') {
  return (call: CallExpression, context: CheckContext): Node => {
    const date = context.check(call.args[0] as Expression);
    wantDate(context, date, call.args[0] as Expression, `the argument of ${name}()`, call.at);
    const read = (env: Environment): string => asDate(date.run(env), `the date of ${name}()`);
    if (name === 'startOfMonth') return { type: 'date', run: (env) => startOfMonth(read(env)) };
    const index = name === 'year' ? 0 : name === 'month' ? 1 : 2;
    return { type: 'decimal', run: (env) => new Decimal(dateParts(read(env))[index]) };
  };
}

/** `yearsBetween`, `monthsBetween`, `daysBetween`: two dates in, a whole number out. */
function dateSpan(name: 'yearsBetween' | 'monthsBetween' | 'daysBetween') {
  const span =
    name === 'yearsBetween' ? yearsBetween : name === 'monthsBetween' ? monthsBetween : daysBetween;
  return (call: CallExpression, context: CheckContext): Node => {
    const [from, to] = call.args.map((x) => context.check(x)) as [Node, Node];
    wantDate(context, from, call.args[0] as Expression, `the first argument of ${name}()`, call.at);
    wantDate(context, to, call.args[1] as Expression, `the second argument of ${name}()`, call.at);
    return {
      type: 'decimal',
      run: (env) => {
        const a = from.run(env);
        const b = to.run(env);
        if (typeof a !== 'string' || typeof b !== 'string') return fail('a date is not given');
        return new Decimal(span(a, b));
      },
    };
  };
}

const dateSpec = (
  name: string,
  signature: string,
  argumentTypes: ArgumentType[],
  resultType: ValueType,
  check: (call: CallExpression, context: CheckContext) => Node,
  zh: string,
  en: string,
): [string, Spec] => [
  name,
  {
    signature,
    arity: { min: argumentTypes.length, max: argumentTypes.length },
    argumentTypes,
    resultType,
    doc: { zh, en },
    check,
  },
];

const SPECS: [string, Spec][] = [
  [
    'if',
    {
      signature: 'if(condition, then, else)',
      arity: { min: 3, max: 3 },
      argumentTypes: ['boolean', 'same', 'same'],
      resultType: 'same',
      doc: { zh: '条件成立取 then，否则取 else', en: 'then when the condition holds, else otherwise' },
      check: (call, context) => {
        const [c, a, b] = call.args.map((x) => context.check(x)) as [Node, Node, Node];
        context.want(c, 'boolean', 'the condition of if()', call.at);
        if (a.type !== 'any' && b.type !== 'any' && a.type !== b.type)
          context.problem(`the two branches of if() give a ${a.type} and a ${b.type}`);
        return {
          type: a.type === 'any' ? b.type : a.type,
          run: (env) => (asBoolean(c.run(env), 'the condition') ? a.run(env) : b.run(env)),
        };
      },
    },
  ],
  decimalSpec('min', 'min(a, b, …)', { min: 1, max: Infinity }, '最小值', 'the smallest of its arguments'),
  decimalSpec('max', 'max(a, b, …)', { min: 1, max: Infinity }, '最大值', 'the largest of its arguments'),
  decimalSpec('abs', 'abs(x)', { min: 1, max: 1 }, '绝对值', 'the absolute value'),
  decimalSpec(
    'round',
    'round(x, places = 0)',
    { min: 1, max: 2 },
    '四舍五入',
    'rounds half up to places decimals',
  ),
  decimalSpec('ceil', 'ceil(x, places = 0)', { min: 1, max: 2 }, '向上取整', 'rounds up to places decimals'),
  decimalSpec(
    'floor',
    'floor(x, places = 0)',
    { min: 1, max: 2 },
    '向下取整',
    'rounds down to places decimals',
  ),
  dateSpec(
    'date',
    'date("YYYY-MM-DD")',
    ['date text'],
    'date',
    dateLiteral,
    '日期常量，如 date("2021-01-01")',
    'a date written out, such as date("2021-01-01")',
  ),
  dateSpec(
    'addDays',
    'addDays(date, days)',
    ['date', 'whole number'],
    'date',
    dateShift('addDays', 'days'),
    '日期加减天数（负数为之前）',
    'the date so many days later (earlier when negative)',
  ),
  dateSpec(
    'addMonths',
    'addMonths(date, months)',
    ['date', 'whole number'],
    'date',
    dateShift('addMonths', 'months'),
    '日期加减月数，当月无此日取月末（1月31日加1个月为2月末）',
    'the same day so many months later, or the last day of a shorter month (31 Jan + 1 = end of Feb)',
  ),
  dateSpec(
    'addYears',
    'addYears(date, years)',
    ['date', 'whole number'],
    'date',
    dateShift('addYears', 'years'),
    '日期加减年数，2月29日加1年为2月28日',
    'the same day so many years later; 29 Feb + 1 year is 28 Feb',
  ),
  dateSpec('year', 'year(date)', ['date'], 'decimal', datePart('year'), '日期的年份', 'the year of a date'),
  dateSpec(
    'month',
    'month(date)',
    ['date'],
    'decimal',
    datePart('month'),
    '日期的月份（1–12）',
    'the month of a date (1–12)',
  ),
  dateSpec(
    'day',
    'day(date)',
    ['date'],
    'decimal',
    datePart('day'),
    '日期是当月第几日（1–31）',
    'the day of the month of a date (1–31)',
  ),
  dateSpec(
    'startOfMonth',
    'startOfMonth(date)',
    ['date'],
    'date',
    datePart('startOfMonth'),
    '日期所在月的第一天',
    'the first day of the month of a date',
  ),
  dateSpec(
    'yearsBetween',
    'yearsBetween(fromDate, toDate)',
    ['date', 'date'],
    'decimal',
    dateSpan('yearsBetween'),
    '两日期间的整年数（周岁，生日当天满一岁）',
    'full years from one date to another (an age; the birthday completes the year)',
  ),
  dateSpec(
    'monthsBetween',
    'monthsBetween(fromDate, toDate)',
    ['date', 'date'],
    'decimal',
    dateSpan('monthsBetween'),
    '两日期间的整月数',
    'full months from one date to another',
  ),
  dateSpec(
    'daysBetween',
    'daysBetween(fromDate, toDate)',
    ['date', 'date'],
    'decimal',
    dateSpan('daysBetween'),
    '两日期间相差的天数',
    'days from one date to another',
  ),
  memberSpec(
    'count',
    'count(memberCondition)',
    'member boolean',
    'decimal',
    '满足条件的成员数',
    'how many members meet the condition',
  ),
  memberSpec(
    'sum',
    'sum(memberAmount)',
    'member decimal',
    'decimal',
    '各成员金额之和',
    'the sum of the amount over members',
  ),
  memberSpec(
    'any',
    'any(memberCondition)',
    'member boolean',
    'boolean',
    '有成员满足条件',
    'whether some member meets the condition',
  ),
  memberSpec(
    'all',
    'all(memberCondition)',
    'member boolean',
    'boolean',
    '所有成员满足条件',
    'whether every member meets the condition',
  ),
  [
    'present',
    {
      signature: 'present(optionalGroup)',
      arity: { min: 1, max: 1 },
      argumentTypes: ['group'],
      resultType: 'boolean',
      doc: { zh: '可选事实组是否填写', en: 'whether an optional group of facts is given' },
      check: (call, context) => {
        const arg = call.args[0] as Expression;
        const binding = arg.kind === 'name' ? context.scope.lookup(arg.name) : undefined;
        if (arg.kind !== 'name' || !binding || binding.kind !== 'object')
          return context.problem(
            'present() takes the name of an optional group of facts, such as present(emergency)',
          );
        return { type: 'boolean', run: (env) => binding.read(env) === true };
      },
    },
  ],
  [
    'previous',
    {
      signature: 'previous(parameter)',
      arity: { min: 1, max: 1 },
      argumentTypes: ['parameter'],
      resultType: 'decimal',
      doc: {
        zh: '上一版本中该参数的值（仅用于约束）',
        en: "the parameter's value in the version before (constraints only)",
      },
      unavailable: (scope) => (scope.allowsPrevious ? null : 'previous() is only available in constraints'),
      check: (call, context) => {
        const arg = call.args[0] as Expression;
        const binding: Binding | undefined = arg.kind === 'name' ? context.scope.lookup(arg.name) : undefined;
        if (arg.kind !== 'name' || binding?.kind !== 'parameter')
          return context.problem('previous() takes a parameter key');
        const key = arg.name;
        // Without a previous version the comparison is not applicable; constraints skip a null.
        return { type: 'decimal', run: (env) => env.previous?.get(key) ?? null };
      },
    },
  ],
];

/**
 * Every function of the expression language, by name: the one registry the checker, validation
 * messages ("did you mean") and an editor's completion read. A name not in it (`toString`,
 * `constructor` …) is an unknown function.
 */
export const EXPRESSION_FUNCTIONS: ReadonlyMap<string, ExpressionFunction> = new Map(
  SPECS.map(([name, spec]): [string, ExpressionFunction] => [
    name,
    Object.freeze({ name, ...spec, unavailable: spec.unavailable ?? (() => null) }),
  ]),
);

/** Describes how many arguments a function takes, for messages: `1`, `1 to 2`, `at least 1`. */
export function arityText(f: ExpressionFunction): string {
  const { min, max } = f.arity;
  return min === max ? String(min) : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
}
