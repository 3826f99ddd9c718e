/**
 * The work compiling and validating a version does evaluating formulas is bounded before anything
 * is evaluated (MAX_COMPILE_WORK): each evaluation counts its formula's tokens plus
 * COMPILE_WORK_PER_EVALUATION, times the jurisdictions it is evaluated for.
 */
import { J1, minimalVersion, parameter, published, text } from '../../../../test/support/ruleset-factory';
import { shippedFiles } from '../../../../test/support/shipped-rulesets';
import { InvalidRulesetError } from '../errors';
import { COMPILE_WORK_PER_EVALUATION, MAX_COMPILE_WORK } from '../limits';
import { readRulesetVersion } from '../schema/load';
import type { ConstraintT, DerivedFactT, RulesetVersion } from '../schema/ruleset.schema';
import { checkContentBounds } from '../validation/content-bounds';
import { compileVersion } from './compile-version';
import { compileWork, compileWorkProblem } from './compile-work';

const PER = COMPILE_WORK_PER_EVALUATION;

const derived = (name: string, formula: string): DerivedFactT => ({
  scope: 'household',
  name,
  type: 'decimal',
  formula,
  label: text(name),
});

const constraint = (id: string, assert: string, overrides: Partial<ConstraintT> = {}): ConstraintT => ({
  id,
  label: text(id),
  basis: 'Test order No. 1 §3',
  severity: 'error',
  assert,
  ...overrides,
});

/**
 * The base version with `places` jurisdictions in all, a per-jurisdiction literal `h.s` and `count`
 * per-jurisdiction parameters computed by `formula`.
 */
function withFormulas(places: number, count: number, formula: string): RulesetVersion {
  const doc = minimalVersion();
  for (let i = doc.jurisdictions.length; i < places; i++)
    doc.jurisdictions.push({
      code: `C${String(i).padStart(5, '0')}`,
      name: text(`place ${i}`),
      groups: ['towns'],
    });
  doc.parameters.push(parameter('h.s', '456.78', { byJurisdiction: true }));
  for (let i = 0; i < count; i++)
    doc.parameters.push(
      parameter(`h.p${i}`, '0', { byJurisdiction: true, values: [{ formula, source: published }] }),
    );
  return doc;
}

/** `groups` parenthesised sums of `per` terms, added up (within the nesting limit). */
const sums = (term: string, per: number, groups: number): string =>
  Array.from({ length: groups }, () => `(${Array.from({ length: per }, () => term).join('+')})`).join('+');

describe('the work compiling a version does evaluating formulas', () => {
  it.each(shippedFiles().map((f) => [f.file, f.document] as const))(
    '%s is far inside the budget',
    (_, document) => {
      const version = readRulesetVersion(document).version as RulesetVersion;
      const { work } = compileWork(version);
      expect(work).toBeGreaterThan(0);
      expect(work).toBeLessThanOrEqual(1400);
      expect(work * 500).toBeLessThan(MAX_COMPILE_WORK);
    },
  );

  it('counts each formula evaluated at compile or validation time: tokens + the fixed cost, × the evaluations', () => {
    const doc = minimalVersion(); // two jurisdictions; no formula of it reads only parameters
    expect(compileWork(doc)).toEqual({ work: 0, evaluations: 0, largest: null });

    // A parameter that is the same everywhere: computed once.
    doc.parameters.push(
      parameter('twice', '0', { values: [{ formula: 'support.ratio * 2', source: published }] }),
    );
    // A per-jurisdiction parameter: the formula counts in each jurisdiction it applies to (J1 only).
    doc.parameters.push(
      parameter('plusOne', '0', {
        byJurisdiction: true,
        values: [
          { value: '1', source: published },
          { for: J1, formula: 'support.standard + 1', source: published },
        ],
      }),
    );
    doc.derived.push(
      derived('annualStandard', 'support.standard * 12'), // varies by jurisdiction: 2 evaluations
      derived('percent', 'support.ratio * 100'), // the same everywhere: 1
      derived('gap', 'support.standard - annualNetIncome'), // reads the household: never at compile time
      derived('broken', 'support.ratio *'), // does not parse: never evaluated
    );
    doc.benefits.push({ ...(doc.benefits[0] as RulesetVersion['benefits'][number]), code: 'extra' });
    (doc.benefits[1] as RulesetVersion['benefits'][number]).amount = 'annualStandard / 12'; // varies: 2
    doc.constraints.push(
      constraint('once', 'support.ratio >= 0.2'), // 1
      constraint('each', 'support.standard >= 1'), // reads a per-jurisdiction parameter: 2
      constraint('forEach', 'support.ratio >= 0.2', { forEachJurisdiction: true }), // 2
    );
    const three = 3 + PER; // every formula above has 3 tokens
    expect(compileWork(doc)).toEqual({
      work: three * (1 + 1 + 2 + 1 + 2 + 1 + 2 + 2),
      evaluations: 12,
      largest: { path: '/derived/1/formula', tokens: 3, times: 2 },
    });
  });

  it('refuses the hostile draft (910 jurisdictions, 120 per-jurisdiction formulas of 1,900 characters) before evaluating anything', () => {
    // Within every other limit: 910 × 126 = 114,660 values to compute (at most 200,000), formulas
    // under 2,000 characters, 500 tokens and 64 levels. Compiling it took more than 30 s; it is
    // refused at once, evaluating nothing (this test would otherwise run into Jest's timeout).
    const formula = sums('h.s*1.000000031', 30, 4);
    expect(formula.length).toBeGreaterThan(1900);
    expect(formula.length).toBeLessThan(2000);
    const doc = withFormulas(910, 120, formula);
    expect(JSON.stringify(doc).length).toBeGreaterThan(300_000); // about 330 KB
    const expected = {
      path: '',
      code: 'too-large',
      message: `compiling this version would cost ${910 * 120 * (487 + PER)} units of work evaluating formulas (109200 evaluations in 910 jurisdictions, each counting its formula's tokens + ${PER}; the largest share is /parameters/3/values/0/formula, 487 tokens × 910 evaluations); at most ${MAX_COMPILE_WORK} are allowed (shorten the formulas, vary fewer of them by jurisdiction, or split the ruleset)`,
    };
    expect(checkContentBounds(doc)).toEqual([expected]);
    expect(() => compileVersion(doc)).toThrow(new InvalidRulesetError([expected]));
  });

  it(`allows at most ${MAX_COMPILE_WORK}, in checkContentBounds and compileVersion alike`, () => {
    const formula = sums('h.s*1.000000031', 30, 4); // 487 tokens
    const fits = withFormulas(201, 10, formula);
    expect(compileWork(fits).work).toBe(201 * 10 * (487 + PER));
    expect(compileWorkProblem(fits)).toBeNull();
    expect(checkContentBounds(fits)).toEqual([]);

    const tooMuch = withFormulas(202, 10, formula);
    const problem = compileWorkProblem(tooMuch);
    if (!problem) throw new Error('expected a problem');
    expect(problem).toMatchObject({ path: '', code: 'too-large' });
    expect(problem.message).toContain(`would cost ${202 * 10 * (487 + PER)} units of work`);
    expect(checkContentBounds(tooMuch)).toEqual([problem]);
    expect(() => compileVersion(tooMuch)).toThrow(new InvalidRulesetError([problem]));
  });

  it('counts the constraints validation checks in every jurisdiction', () => {
    const doc = withFormulas(1000, 0, '');
    for (let i = 0; i < 11; i++) doc.constraints.push(constraint(`c${i}`, `${sums('h.s', 20, 2)} > 0`));
    // 11 constraints of 85 tokens, each checked in 1,000 jurisdictions.
    expect(compileWork(doc).work).toBe(11 * 1000 * (85 + PER));
    expect(checkContentBounds(doc)).toEqual([
      expect.objectContaining({
        path: '',
        code: 'too-large',
        message: expect.stringContaining(
          'the largest share is /constraints/0/assert, 85 tokens × 1000 evaluations',
        ) as unknown,
      }),
    ]);
  });
});
