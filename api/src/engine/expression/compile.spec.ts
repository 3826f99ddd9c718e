import { Decimal } from '../decimal';
import { EvaluationError } from '../errors';
import { compileExpression, type CompiledExpression, type ExpressionProblem } from './compile';
import { scopeOf, type Binding, type Environment, type Scope, type Value, type ValueType } from './scope';

const householdFact = (type: ValueType, name: string, values?: string[]): Binding => ({
  type,
  kind: 'fact',
  ...(values ? { values } : {}),
  read: (env) => env.household.get(name) ?? null,
});
const memberFact = (type: ValueType, name: string): Binding => ({
  type,
  kind: 'fact',
  read: (env) => env.member?.get(name) ?? null,
});
const parameter = (key: string): Binding => ({
  type: 'decimal',
  kind: 'parameter',
  read: (env) => env.parameters.get(key) ?? null,
});
const asOf: Binding = { type: 'date', kind: 'builtin', read: (env) => env.asOf };

const memberScope: Scope = scopeOf(
  'member',
  new Map([
    ['age', memberFact('decimal', 'age')],
    ['disabled', memberFact('boolean', 'disabled')],
    ['income', memberFact('decimal', 'income')],
    ['birthDate', memberFact('date', 'birthDate')],
    ['asOf', asOf],
  ]),
);
const householdScope: Scope = scopeOf(
  'household',
  new Map<string, Binding>([
    ['x', householdFact('decimal', 'x')],
    ['y', householdFact('decimal', 'y')],
    ['flag', householdFact('boolean', 'flag')],
    ['residence', householdFact('string', 'residence', ['rural', 'urban'])],
    ['startDate', householdFact('date', 'startDate')],
    [
      'emergency',
      { type: 'boolean', kind: 'object', read: (env) => env.household.get('emergency') ?? false },
    ],
    ['rate.base', parameter('rate.base')],
    ['asOf', asOf],
  ]),
  { members: memberScope },
);
const constraintScope: Scope = scopeOf(
  'constraint',
  new Map([
    ['rate.base', parameter('rate.base')],
    ['rate.floor', parameter('rate.floor')],
  ]),
  { allowsPrevious: true },
);

/** An environment written with plain objects in the tests, turned into the engine's Maps. */
interface EnvOverrides {
  asOf?: string;
  parameters?: Record<string, Decimal>;
  previous?: Record<string, Decimal> | null;
  household?: Record<string, Value>;
  members?: Record<string, Value>[];
  member?: Record<string, Value>;
}

const toMap = <T>(record: Record<string, T>): Map<string, T> => new Map(Object.entries(record));

function env(overrides: EnvOverrides = {}): Environment {
  return {
    asOf: overrides.asOf ?? '2019-06-30',
    parameters: toMap(
      overrides.parameters ?? { 'rate.base': new Decimal('0.25'), 'rate.floor': new Decimal('0.20') },
    ),
    ...(overrides.previous !== undefined
      ? { previous: overrides.previous === null ? null : toMap(overrides.previous) }
      : {}),
    household: toMap(
      overrides.household ?? {
        x: new Decimal('10'),
        y: new Decimal('0'),
        flag: false,
        residence: 'rural',
        startDate: '2019-01-01',
        emergency: false,
      },
    ),
    members: (overrides.members ?? []).map(toMap),
    ...(overrides.member ? { member: toMap(overrides.member) } : {}),
  };
}

/** Compiles `source`, failing the test with the problems when it does not compile. */
function compiled(source: string, scope: Scope = householdScope, expected?: ValueType): CompiledExpression {
  const result = compileExpression(source, scope, expected);
  if (!result.expression) throw new Error(`${source}: ${JSON.stringify(result.problems)}`);
  return result.expression;
}

/** Evaluates `source` in household scope. */
const run = (source: string, environment: Environment = env(), scope: Scope = householdScope): Value =>
  compiled(source, scope).evaluate(environment);

/** The decimal `source` gives, written without exponent. */
const decimal = (source: string, environment?: Environment, scope?: Scope): string => {
  const value = run(source, environment, scope);
  if (!(value instanceof Decimal)) throw new Error(`${source} gave ${String(value)}, not a decimal`);
  return value.toFixed();
};

/** The problems `source` has (fails the test when it compiles). */
function problems(source: string, scope: Scope = householdScope, expected?: ValueType): ExpressionProblem[] {
  const result = compileExpression(source, scope, expected);
  if (result.expression) throw new Error(`expected problems for ${source}`);
  return result.problems;
}

describe('compileExpression', () => {
  describe('decimal arithmetic', () => {
    it('adds decimals exactly: 0.1 + 0.2 == 0.3', () => {
      expect(run('0.1 + 0.2 == 0.3')).toBe(true);
      expect(decimal('0.1 + 0.2')).toBe('0.3');
    });

    it('divides at 40 significant digits: 1 / 3 * 3', () => {
      expect(decimal('1 / 3 * 3')).toBe(`0.${'9'.repeat(40)}`);
      expect(run('1 / 3 * 3 == 1')).toBe(false);
      expect(decimal('1 / 3')).toBe(`0.${'3'.repeat(40)}`);
    });

    it('keeps long decimals that a float would lose', () => {
      expect(run('999999999999999.01 < 999999999999999.02')).toBe(true);
      expect(decimal('999999999999999.01 + 0.01')).toBe('999999999999999.02');
    });

    it('computes + - * / and unary minus on facts', () => {
      expect(decimal('x * 3 - 4 / 2 + -x')).toBe('18');
    });

    it('fails on division by zero with an EvaluationError', () => {
      const expression = compiled('x / y');
      expect(() => expression.evaluate(env())).toThrow(EvaluationError);
      expect(() => expression.evaluate(env())).toThrow('division by zero');
    });

    it('fails when a fact is not given', () => {
      const expression = compiled('x + 1');
      expect(() => expression.evaluate(env({ household: { x: null } }))).toThrow('a value is not given');
    });

    it('compares decimals numerically, not as text', () => {
      expect(run('9 < 10')).toBe(true);
      expect(run('2.50 == 2.5')).toBe(true);
      expect(run('2.50 != 2.5')).toBe(false);
      expect(run('x >= 10 and x <= 10 and not (x > 10) and not (x < 10)')).toBe(true);
    });

    it('compares dates in calendar order', () => {
      expect(run('startDate < asOf')).toBe(true);
      expect(run('asOf <= startDate')).toBe(false);
    });
  });

  describe('static checks', () => {
    it.each([
      ['1 + true', "the right side of '+' must be a decimal, not a boolean", 4],
      ['flag * 2', "the left side of '*' must be a decimal, not a boolean", 0],
      ['-flag', "the operand of '-' must be a decimal, not a boolean", 0],
      ['not x', "the operand of 'not' must be a boolean, not a decimal", 0],
      ['x and flag', "the left side of 'and' must be a boolean, not a decimal", 0],
      ['x == "rural"', 'cannot compare a decimal with a string', 2],
      ['x < startDate', "the left side of '<' must be a date, not a decimal", 0],
      ['if(x, 1, 2)', 'the condition of if() must be a boolean, not a decimal', 0],
      ['if(flag, 1, "a")', 'the two branches of if() give a decimal and a string', 0],
      ['sum(disabled)', 'the argument of sum() must be a decimal, not a boolean', 0],
      ['count(age)', 'the argument of count() must be a boolean, not a decimal', 0],
      ['abs(flag)', 'argument 1 of abs() must be a decimal, not a boolean', 0],
      ['min()', 'min() takes at least 1', 0],
      ['round(1, 2, 3)', 'round() takes 1 to 2 arguments, not 3', 0],
      ['abs(1, 2)', 'abs() takes 1 argument, not 2', 0],
      [
        'round(x, y)',
        'the places of round() must be a whole number from 0 to 20 written out, such as round(x, 2)',
        0,
      ],
      ['emergency', "'emergency' is a group of facts: use present(emergency) or one of its facts", 0],
      ['present(x)', 'present() takes the name of an optional group of facts', 0],
    ])('%s: %s', (source, message, at) => {
      const found = problems(source);
      expect(found).toContainEqual({ message: expect.stringContaining(message) as unknown, at });
    });

    it('checks the type the caller expects', () => {
      expect(problems('x + 1', householdScope, 'boolean')).toEqual([
        { message: 'the expression gives a decimal where a boolean is needed', at: 0 },
      ]);
      expect(compiled('x > 1', householdScope, 'boolean').type).toBe('boolean');
    });

    it('reports every problem at once', () => {
      expect(problems('(1 + true) * nope + flag')).toHaveLength(3);
    });

    it('reports a syntax error with its offset', () => {
      expect(problems('x +')).toEqual([{ message: 'the expression ends too early', at: 3 }]);
    });
  });

  describe('unknown names', () => {
    it('suggests the closest known name', () => {
      expect(problems('1 + residnce')).toEqual([
        { message: "unknown name 'residnce' in household scope; did you mean 'residence'?", at: 4 },
      ]);
      expect(problems('rate.bse * 2')[0]?.message).toContain("did you mean 'rate.base'?");
    });

    it('names the scope and gives no hint when nothing is close', () => {
      expect(problems('zzzzzzzz')).toEqual([
        { message: "unknown name 'zzzzzzzz' in household scope", at: 0 },
      ]);
      expect(problems('x', memberScope)[0]?.message).toBe("unknown name 'x' in member scope");
    });

    it('suggests a function for an unknown function', () => {
      expect(problems('rond(x)')[0]?.message).toBe("unknown function 'rond'; did you mean 'round'?");
      expect(problems('yearsBetwen(startDate, asOf)')[0]?.message).toContain("did you mean 'yearsBetween'?");
    });
  });

  describe('enum literals', () => {
    it('refuses a value the enum never takes, pointing at the string', () => {
      expect(problems('residence == "rurl"')).toEqual([
        { message: '\'residence\' is never "rurl"; its values are "rural", "urban"', at: 13 },
      ]);
      expect(problems('"town" != residence')[0]).toMatchObject({ at: 0 });
    });

    it('accepts the enum values', () => {
      expect(run('residence == "rural"')).toBe(true);
      expect(run('residence != "urban"')).toBe(true);
    });
  });

  describe('if', () => {
    it('evaluates only the branch taken', () => {
      expect(decimal('if(y > 0, x / y, 0)')).toBe('0');
      expect(decimal('if(flag, 1 / 0, 2)')).toBe('2');
      expect(decimal('if(not flag, 3, 1 / 0)')).toBe('3');
      expect(() => run('if(not flag, 1 / 0, 2)')).toThrow('division by zero');
    });

    it('gives strings and booleans too', () => {
      expect(run('if(flag, "a", "b")')).toBe('b');
      expect(run('if(true, flag, true)')).toBe(false);
    });
  });

  describe('and / or', () => {
    it('short-circuit', () => {
      expect(run('flag and 1 / y > 0')).toBe(false);
      expect(run('not flag or 1 / y > 0')).toBe(true);
    });
  });

  describe('rounding functions', () => {
    it.each([
      ['round(2.345, 2)', '2.35'],
      ['round(2.5)', '3'],
      ['round(2.4999)', '2'],
      // Half up means half away from zero, as decimal.js ROUND_HALF_UP and the reference do.
      ['round(-2.5)', '-3'],
      ['round(-2.345, 2)', '-2.35'],
      ['round(0.125, 2)', '0.13'],
      ['round(1 / 3, 4)', '0.3333'],
      ['ceil(1.231, 2)', '1.24'],
      ['ceil(1.2)', '2'],
      ['ceil(-1.5)', '-1'],
      ['ceil(394.25)', '395'],
      ['ceil(418)', '418'],
      ['floor(1.239, 2)', '1.23'],
      ['floor(-1.5)', '-2'],
      ['floor(7.99)', '7'],
    ])('%s = %s', (source, expected) => {
      expect(decimal(source)).toBe(expected);
    });
  });

  // A fractional or huge number of places would make decimal.js throw at run time.
  it('refuses places that are not a whole number when compiling', () => {
    expect(compileExpression('round(x, 2.5)', householdScope).problems).not.toEqual([]);
  });

  describe('min, max, abs', () => {
    it.each([
      ['min(3, 1, 2)', '1'],
      ['max(3, 1, 2)', '3'],
      ['min(7)', '7'],
      ['max(-1, -0.5)', '-0.5'],
      ['min(999999999999999.02, 999999999999999.01)', '999999999999999.01'],
      ['abs(-2.5)', '2.5'],
      ['abs(x)', '10'],
    ])('%s = %s', (source, expected) => {
      expect(decimal(source)).toBe(expected);
    });
  });

  describe('functions over members', () => {
    const members = [
      { age: new Decimal(70), disabled: true, income: new Decimal('10.10'), birthDate: '1949-01-01' },
      { age: new Decimal(10), disabled: false, income: new Decimal('2.5'), birthDate: '2009-01-01' },
      { age: new Decimal(40), disabled: true, income: new Decimal(0), birthDate: '1979-01-01' },
    ];
    const withMembers = env({ members });

    it('count the members for whom a condition holds', () => {
      expect(decimal('count(age >= 60 or age < 18)', withMembers)).toBe('2');
      expect(decimal('count(true)', withMembers)).toBe('3');
      expect(decimal('count(disabled and age > 50)', withMembers)).toBe('1');
    });

    it('sum a member amount exactly', () => {
      expect(decimal('sum(income)', withMembers)).toBe('12.6');
      expect(decimal('sum(if(disabled, income * 2, 0))', withMembers)).toBe('20.2');
    });

    it('any / all', () => {
      expect(run('any(disabled)', withMembers)).toBe(true);
      expect(run('all(disabled)', withMembers)).toBe(false);
      expect(run('all(age > 5)', withMembers)).toBe(true);
      expect(run('any(age > 100)', withMembers)).toBe(false);
    });

    it('give 0, 0, false and true over no members', () => {
      expect(decimal('count(true)')).toBe('0');
      expect(decimal('sum(income)')).toBe('0');
      expect(run('any(disabled)')).toBe(false);
      expect(run('all(disabled)')).toBe(true);
    });

    it('are only available in household scope', () => {
      expect(problems('count(disabled)', memberScope)).toEqual([
        { message: 'count() is only available in household scope', at: 0 },
      ]);
    });

    it('check their argument in member scope', () => {
      expect(problems('sum(x)')[0]?.message).toBe("unknown name 'x' in member scope");
    });
  });

  describe('present', () => {
    it('says whether an optional group was given', () => {
      const expression = compiled('present(emergency)');
      expect(expression.evaluate(env())).toBe(false);
      expect(expression.evaluate(env({ household: { emergency: true } }))).toBe(true);
    });
  });

  describe('previous', () => {
    it('is only available in constraints', () => {
      expect(problems('previous(rate.base) > 0')).toEqual([
        { message: 'previous() is only available in constraints', at: 0 },
      ]);
    });

    it('reads the previous version of a parameter in a constraint', () => {
      const expression = compiled('rate.base >= previous(rate.base)', constraintScope);
      const lower = { 'rate.base': new Decimal('0.24') };
      const higher = { 'rate.base': new Decimal('0.30') };
      expect(expression.evaluate(env({ previous: lower }))).toBe(true);
      expect(expression.evaluate(env({ previous: higher }))).toBe(false);
    });

    it('gives null without a previous version, which a comparison refuses', () => {
      expect(compiled('previous(rate.base)', constraintScope).evaluate(env({ previous: null }))).toBeNull();
      const expression = compiled('rate.base >= previous(rate.base)', constraintScope);
      expect(() => expression.evaluate(env({ previous: null }))).toThrow(EvaluationError);
    });

    it('takes a parameter key', () => {
      expect(problems('previous(1) > 0', constraintScope)[0]?.message).toBe(
        'previous() takes a parameter key',
      );
    });
  });

  describe('yearsBetween', () => {
    const age = compiled('yearsBetween(birthDate, asOf)', memberScope);
    const ageOn = (birthDate: string, on: string): string => {
      const value = age.evaluate(env({ asOf: on, member: { birthDate } }));
      return value instanceof Decimal ? value.toFixed() : String(value);
    };

    it.each([
      ['2000-02-29', '2001-02-28', '0'],
      ['2000-02-29', '2001-03-01', '1'],
      ['2000-02-29', '2004-02-28', '3'],
      ['2000-02-29', '2004-02-29', '4'],
      ['2001-06-30', '2019-06-30', '18'],
      ['2001-06-30', '2019-06-29', '17'],
      ['1959-06-30', '2019-06-30', '60'],
      ['1959-07-01', '2019-06-30', '59'],
      ['2019-06-30', '2019-06-30', '0'],
    ])('born %s, on %s: %s', (birthDate, on, expected) => {
      expect(ageOn(birthDate, on)).toBe(expected);
    });

    it('takes two dates', () => {
      expect(problems('yearsBetween(age, asOf)', memberScope)[0]?.message).toBe(
        'the first argument of yearsBetween() must be a date, not a decimal',
      );
    });

    it('fails when a date is not given', () => {
      expect(() => age.evaluate(env({ member: { birthDate: null } }))).toThrow('a date is not given');
    });
  });

  it('returns the source, tree and static type', () => {
    const expression = compiled('x > 1');
    expect(expression.source).toBe('x > 1');
    expect(expression.type).toBe('boolean');
    expect(expression.ast).toMatchObject({ kind: 'binary', operator: '>' });
  });
});
