import { Decimal } from '../decimal';
import * as compileModule from './compile';
import { compileExpression } from './compile';
import { EXPRESSION_FUNCTIONS } from './functions';
import { scopeOf, type Binding } from './scope';

const x: Binding = { type: 'decimal', kind: 'fact', read: (env) => env.household.get('x') ?? null };
const scope = scopeOf('household', new Map([['x', x]]), { members: scopeOf('member', new Map()) });
const env = {
  asOf: '2019-06-30',
  parameters: new Map(),
  household: new Map([['x', new Decimal('3.7')]]),
  members: [],
};

const PROTOTYPE_NAMES = [
  'toString',
  'constructor',
  'valueOf',
  'hasOwnProperty',
  '__proto__',
  'isPrototypeOf',
];

describe('EXPRESSION_FUNCTIONS', () => {
  it('lists every function of the language, by name', () => {
    expect([...EXPRESSION_FUNCTIONS.keys()]).toEqual([
      'if',
      'min',
      'max',
      'abs',
      'round',
      'ceil',
      'floor',
      'date',
      'addDays',
      'addMonths',
      'addYears',
      'year',
      'month',
      'day',
      'startOfMonth',
      'yearsBetween',
      'monthsBetween',
      'daysBetween',
      'count',
      'sum',
      'any',
      'all',
      'present',
      'previous',
    ]);
  });

  it.each([...EXPRESSION_FUNCTIONS.values()].map((f) => [f.name, f] as const))(
    '%s has its arity, argument and result types, signature and a doc line in Chinese and English',
    (name, f) => {
      expect(f.name).toBe(name);
      expect(f.signature.startsWith(`${name}(`)).toBe(true);
      expect(f.arity.min).toBeGreaterThanOrEqual(1);
      expect(f.arity.max).toBeGreaterThanOrEqual(f.arity.min);
      expect(f.argumentTypes.length).toBeGreaterThan(0);
      expect(f.argumentTypes.length).toBeLessThanOrEqual(Math.max(1, Math.min(f.arity.max, 3)));
      expect(f.resultType).toEqual(expect.any(String));
      expect(f.doc.zh.length).toBeGreaterThan(0);
      expect(f.doc.en.length).toBeGreaterThan(0);
    },
  );

  it('replaces the FUNCTIONS list', () => {
    expect(Object.keys(compileModule)).not.toContain('FUNCTIONS');
  });

  it.each(PROTOTYPE_NAMES)('knows no function named %s', (name) => {
    expect(EXPRESSION_FUNCTIONS.get(name)).toBeUndefined();
    expect(compileExpression(`${name}(x)`, scope).problems).toEqual([
      { message: `unknown function '${name}'`, at: 0 },
    ]);
  });

  it('no longer runs toString(x), constructor(x) or valueOf(x) as floor', () => {
    for (const name of ['toString', 'constructor', 'valueOf'])
      expect(compileExpression(`${name}(x) + 1`, scope).expression).toBeNull();
    const floor = compileExpression('floor(x)', scope).expression;
    expect((floor?.evaluate(env) as Decimal).toFixed()).toBe('3');
  });

  it('hints with the registry', () => {
    expect(compileExpression('roud(x)', scope).problems).toEqual([
      { message: "unknown function 'roud'; did you mean 'round'?", at: 0 },
    ]);
    expect(compileExpression('yearBetween(x, x)', scope).problems[0]?.message).toBe(
      "unknown function 'yearBetween'; did you mean 'yearsBetween'?",
    );
  });

  it('checks arity from the registry', () => {
    expect(compileExpression('abs(x, x)', scope).problems).toEqual([
      { message: 'abs() takes 1 argument, not 2', at: 0 },
    ]);
    expect(compileExpression('min()', scope).problems).toEqual([
      { message: 'min() takes at least 1 argument, not 0', at: 0 },
    ]);
    expect(compileExpression('round(x, 1, 2)', scope).problems).toEqual([
      { message: 'round() takes 1 to 2 arguments, not 3', at: 0 },
    ]);
  });
});
