/**
 * Ruleset content whose numbers leave the numeric domain (|x| ≤ 10^15): found when the version is
 * compiled, at the path of the number or formula, before any evaluation can produce Infinity, NaN
 * or a 100,000-digit numeral.
 */
import {
  benefit,
  household,
  minimalVersion,
  parameter,
  published,
  text,
} from '../../../../test/support/ruleset-factory';
import { determine } from '../evaluation/determine';
import { EvaluationError, OutOfRangeError } from '../errors';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { compileVersion } from './compile-version';
import { compileProblems as problemsOf } from '../../../../test/support/compile-problems';

const derivedFact = (name: string, formula: string, scope: 'household' | 'member' = 'household') => ({
  scope,
  name,
  type: 'decimal' as const,
  formula,
  label: text(name),
});

/** The base version plus `big.p0` = `first` and `big.p1` … `big.p19`, each the square of the one before. */
function squaresOfParameters(first: string): RulesetVersion {
  const doc = minimalVersion();
  doc.parameters.push(parameter('big.p0', first));
  for (let i = 1; i < 20; i++)
    doc.parameters.push(
      parameter(`big.p${i}`, '0', {
        values: [
          {
            formula: `big.p${i - 1} * big.p${i - 1}`,
            source: published,
          },
        ],
      }),
    );
  return doc;
}

/** The base version plus derived facts q0 = big.p0, q1 … q19 each the square of the one before, and a benefit. */
function squaresOfDerivedFacts(first: string, amount: string): RulesetVersion {
  const doc = minimalVersion();
  doc.parameters.push(parameter('big.p0', first));
  doc.derived.push(derivedFact('q0', 'big.p0'));
  for (let i = 1; i < 20; i++) doc.derived.push(derivedFact(`q${i}`, `q${i - 1} * q${i - 1}`));
  doc.benefits.push(benefit('huge', 'household', 'month', 'support', amount));
  return doc;
}

describe('numbers outside the numeric domain', () => {
  it('refuses a parameter value of 10^100 with 19 squares after it, at the value', () => {
    expect(problemsOf(squaresOfParameters(`1${'0'.repeat(100)}`))).toEqual([
      {
        path: '/parameters/2/values/0/value',
        code: 'numeric-domain',
        message:
          'exceeds 10^15 (about 10^100) (a number in a ruleset is at most 10^15 in magnitude, with at most 10 decimals)',
      },
    ]);
  });

  it('refuses the first parameter formula whose value leaves the domain, naming the jurisdiction and the magnitude', () => {
    expect(problemsOf(squaresOfParameters('100000000000000'))).toEqual([
      {
        path: '/parameters/3/values/0/formula',
        code: 'numeric-domain',
        message: "for A00001 the value exceeds 10^15 (about 10^28) at '*' (and in 1 other jurisdiction)",
      },
    ]);
  });

  it('refuses the chain as derived facts ending in a benefit (Infinity before), at the first fact beyond 10^15', () => {
    expect(problemsOf(squaresOfDerivedFacts('10000000', 'q19'))).toEqual([
      {
        path: '/derived/3/formula',
        code: 'numeric-domain',
        message:
          "derived fact 'q2' for A00001 the value exceeds 10^15 (about 10^28) at '*' (and in 1 other jurisdiction)",
      },
    ]);
  });

  it('refuses the chain ending in q - q (NaN before) the same way', () => {
    expect(problemsOf(squaresOfDerivedFacts('10000000', 'q19 - q19')).map((p) => p.path)).toEqual([
      '/derived/3/formula',
    ]);
  });

  it('refuses a benefit amount computed from parameters alone that leaves the domain', () => {
    const doc = minimalVersion();
    doc.parameters.push(parameter('big', '100000000000000'));
    doc.benefits.push(benefit('huge', 'household', 'month', 'support', 'big * big'));
    expect(problemsOf(doc)).toEqual([
      {
        path: '/benefits/1/amount',
        code: 'numeric-domain',
        message:
          "benefit 'huge' for A00001 the value exceeds 10^15 (about 10^28) at '*' (and in 1 other jurisdiction)",
      },
    ]);
  });

  it('refuses an outcome detail computed from parameters alone that leaves the domain', () => {
    const doc = minimalVersion();
    doc.parameters.push(parameter('big', '1000000000000000'));
    doc.outcomes[0]?.details?.push({ name: 'twice', formula: 'big + big', type: 'money' });
    expect(problemsOf(doc)).toEqual([
      {
        path: '/outcomes/0/details/1/formula',
        code: 'numeric-domain',
        message:
          "outcome detail 'twice' of 'support' for A00001 the value exceeds 10^15 (about 2×10^15) at '+' (and in 1 other jurisdiction)",
      },
    ]);
  });

  it('refuses a constant benefit that is negative or divides by zero everywhere', () => {
    const doc = minimalVersion();
    doc.benefits.push(benefit('minus', 'household', 'month', 'support', 'support.ratio - 1'));
    doc.benefits.push(benefit('ratio', 'household', 'month', 'support', 'support.ratio / 0'));
    expect(problemsOf(doc).filter((p) => p.path.startsWith('/benefits'))).toEqual([
      {
        path: '/benefits/1/amount',
        code: 'expression',
        message:
          "benefit 'minus' in A00001: the amount is negative (-0.80) for every household (and in 1 other jurisdiction)",
      },
      {
        path: '/benefits/2/amount',
        code: 'expression',
        message:
          "benefit 'ratio' cannot be computed for A00001: division by zero (and in 1 other jurisdiction)",
      },
    ]);
  });

  it('leaves formulas reading household facts to run time, where they fail with their context', async () => {
    const doc = minimalVersion();
    doc.benefits.push(benefit('scaled', 'household', 'month', 'support', 'monthlyIncome * 10000000000000'));
    const version = compileVersion(doc);
    const failure = determine(version, household({ annualNetIncome: '2400' }), '2019-06-30');
    await expect(failure).rejects.toThrow(OutOfRangeError);
    await expect(failure).rejects.toThrow(
      "benefit 'scaled' in A00001: the value exceeds 10^15 (about 2×10^15) at '*'",
    );
    await expect(failure).rejects.toMatchObject({ owner: "benefit 'scaled'", jurisdiction: 'A00001' });
    await expect(failure).rejects.toBeInstanceOf(EvaluationError);
  });

  const firstCondition = (doc: RulesetVersion) => {
    const condition = doc.rules.household[0]?.conditions.all?.[0];
    if (!condition) throw new Error('the base version has a condition');
    return condition;
  };
  const income = (doc: RulesetVersion) => {
    const fact = doc.facts.household[1];
    if (!fact) throw new Error('the base version has annualNetIncome');
    return fact;
  };

  it.each([
    [
      'a rule value',
      (doc: RulesetVersion) => void (firstCondition(doc).value = `9${'9'.repeat(20)}`),
      '/rules/household/0/conditions/all/0/value',
    ],
    [
      'a fact maximum',
      (doc: RulesetVersion) => void (income(doc).maximum = `1${'0'.repeat(30)}`),
      '/facts/household/1/maximum',
    ],
    [
      'a fact default',
      (doc: RulesetVersion) => void (income(doc).default = 1e300),
      '/facts/household/1/default',
    ],
    [
      'a test expectation',
      (doc: RulesetVersion) =>
        void doc.tests.push({
          name: 't',
          asOf: '2019-06-30',
          household: household(),
          expected: { benefits: [{ code: 'support', amount: `1${'0'.repeat(20)}.00` }] },
        }),
      '/tests/0/expected/benefits/0/amount',
    ],
    [
      'a formula number',
      (doc: RulesetVersion) =>
        void (doc.benefits[0] = benefit(
          'support',
          'household',
          'month',
          'support',
          'support.standard * 0.000000000001',
        )),
      '/benefits/0/amount',
    ],
  ])('refuses %s outside the domain', (_, change, path) => {
    const doc = minimalVersion();
    change(doc);
    const problems = problemsOf(doc);
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.find((p) => p.path === path)?.message).toMatch(/exceeds 10\^15|decimal places/);
  });
});
