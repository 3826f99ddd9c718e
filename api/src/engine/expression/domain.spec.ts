import { Decimal } from '../decimal';
import { EvaluationError, OutOfRangeError } from '../errors';
import { compileExpression, type CompiledExpression } from './compile';
import { scopeOf, type Binding, type Environment, type Value } from './scope';

const fact =
  (name: string, scope: 'household' | 'member'): Binding['read'] =>
  (env) =>
    (scope === 'household' ? env.household.get(name) : env.member?.get(name)) ?? null;

const memberScope = scopeOf(
  'member',
  new Map<string, Binding>([['income', { type: 'decimal', kind: 'fact', read: fact('income', 'member') }]]),
);
const scope = scopeOf(
  'household',
  new Map<string, Binding>(
    ['x', 'y', 'tiny'].map((name): [string, Binding] => [
      name,
      { type: 'decimal', kind: 'fact', read: fact(name, 'household') },
    ]),
  ),
  { members: memberScope },
);

function env(household: Record<string, string>, incomes: string[] = []): Environment {
  return {
    asOf: '2019-06-30',
    parameters: new Map(),
    household: new Map<string, Value>(Object.entries(household).map(([k, v]) => [k, new Decimal(v)])),
    members: incomes.map((income) => new Map<string, Value>([['income', new Decimal(income)]])),
  };
}

function compiled(source: string): CompiledExpression {
  const result = compileExpression(source, scope);
  if (!result.expression) throw new Error(JSON.stringify(result.problems));
  return result.expression;
}

/** The error evaluating `source` throws (fails the test when it gives a value). */
function failure(source: string, environment: Environment): OutOfRangeError {
  try {
    compiled(source).evaluate(environment);
  } catch (e) {
    if (e instanceof OutOfRangeError) return e;
    throw e;
  }
  throw new Error(`expected ${source} to leave the numeric domain`);
}

describe('arithmetic in the numeric domain', () => {
  it.each([
    ['x * x', { x: '100000000000000' }, "the value exceeds 10^15 (about 10^28) at '*'", 28],
    ['x + x', { x: '1000000000000000' }, "the value exceeds 10^15 (about 2×10^15) at '+'", 15],
    ['-x - x', { x: '1000000000000000' }, "the value exceeds 10^15 (about 2×10^15) at '-'", 15],
    [
      'x / tiny',
      { x: '1000000000000000', tiny: '0.0000000001' },
      "the value exceeds 10^15 (about 10^25) at '/'",
      25,
    ],
    ['round(x * 10, 2)', { x: '100000000000001' }, "the value exceeds 10^15 (about 10^15) at '*'", 15],
  ])('%s throws an OutOfRangeError at once', (source, household, message, exponent) => {
    const error = failure(source, env(household));
    expect(error).toBeInstanceOf(EvaluationError);
    expect(error.message).toBe(message);
    expect(error.exponent).toBe(exponent);
  });

  it('sum() checks every partial sum', () => {
    const error = failure('sum(income)', env({}, ['600000000000000', '600000000000000', '1']));
    expect(error.message).toBe('the value exceeds 10^15 (about 10^15) at sum()');
  });

  it('stops a chain of products at the first value beyond 10^15 (no exponent blow-up)', () => {
    // The whole product would be 10^112: the first step beyond the domain already fails.
    const error = failure('x * x * x * x * x * x * x * x', env({ x: '100000000000000' }));
    expect(error.exponent).toBe(28);
  });

  it('keeps values of the domain exact, up to 10^15', () => {
    expect((compiled('x + 1').evaluate(env({ x: '999999999999999' })) as Decimal).toFixed()).toBe(
      '1000000000000000',
    );
    expect((compiled('-x').evaluate(env({ x: '1000000000000000' })) as Decimal).toFixed()).toBe(
      '-1000000000000000',
    );
    expect((compiled('ceil(x)').evaluate(env({ x: '999999999999999.5' })) as Decimal).toFixed()).toBe(
      '1000000000000000',
    );
    expect(
      (
        compiled('max(x, -x) + min(x, 0) + abs(x)').evaluate(env({ x: '300000000000000' })) as Decimal
      ).toFixed(),
    ).toBe('600000000000000');
  });

  it('makes a value under 10^-30 zero instead of carrying ever smaller exponents', () => {
    const value = compiled('tiny * tiny * tiny * tiny').evaluate(env({ tiny: '0.0000000001' })) as Decimal;
    expect(value.isZero()).toBe(true);
    expect(
      (compiled('tiny * tiny * tiny').evaluate(env({ tiny: '0.0000000001' })) as Decimal).eq('1e-30'),
    ).toBe(true);
  });

  it.each([
    [`1${'0'.repeat(16)}`, 'the number 10000000000000000 exceeds 10^15 (about 10^16)'],
    [`1${'0'.repeat(100)}`, 'the number 10000000000000000000… exceeds 10^15 (about 10^100)'],
    ['0.00000000001', 'the number 0.00000000001 has 11 decimal places; at most 10 are allowed'],
  ])('refuses the number %s written in a formula', (number, message) => {
    expect(compileExpression(`x + ${number}`, scope).problems).toEqual([{ message, at: 4 }]);
  });
});
