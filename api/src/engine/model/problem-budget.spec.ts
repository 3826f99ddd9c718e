/**
 * Compiling a document full of mistakes costs little: "did you mean" hints spend a bounded number
 * of edit distances per document, and at most MAX_PROBLEMS problems are reported, then one counting
 * the rest.
 */
import { minimalVersion, text } from '../../../../test/support/ruleset-factory';
import { distanceComputations } from '../expression/suggest';
import { MAX_HINT_DISTANCES, MAX_PROBLEMS } from '../limits';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { compileProblems as problemsOf } from '../../../../test/support/compile-problems';

/**
 * The base version plus 500 derived facts, each adding six unknown names of about 45 characters
 * (about 150 KB): the case that took 19 s when every unknown name was compared with every name.
 */
function fiveHundredUnknownFormulas(): RulesetVersion {
  const doc = minimalVersion();
  for (let i = 0; i < 500; i++) {
    const names = Array.from({ length: 6 }, (_, k) => `householdIncomeAdjustmentFactorOfYear${i}Part${k}`);
    doc.derived.push({
      scope: 'household',
      name: `adjusted${i}`,
      type: 'decimal',
      formula: names.join(' + '),
      label: text(`adjusted ${i}`),
    });
  }
  return doc;
}

describe('a document with thousands of mistakes', () => {
  const doc = fiveHundredUnknownFormulas();

  it('is about 150 KB', () => {
    expect(JSON.stringify(doc).length).toBeGreaterThan(140_000);
  });

  it('compiles with a bounded number of edit distances and reports the first 100 problems and a count', () => {
    const before = distanceComputations();
    const problems = problemsOf(doc);
    expect(distanceComputations() - before).toBeLessThanOrEqual(MAX_HINT_DISTANCES);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[0]).toEqual({
      path: '/derived/1/formula',
      code: 'expression',
      message: expect.stringMatching(
        /^unknown name 'householdIncomeAdjustmentFactorOfYear0Part0' in household scope( |;)/,
      ) as unknown,
    });
    expect(problems.slice(0, MAX_PROBLEMS).every((p) => p.message.startsWith('unknown name'))).toBe(true);
    expect(problems[MAX_PROBLEMS]).toEqual({
      path: '',
      code: 'too-many-problems',
      message: `and ${500 * 6 - MAX_PROBLEMS} more problems (only the first ${MAX_PROBLEMS} are reported)`,
    });
  });

  it('still hints while the budget lasts', () => {
    const typo = minimalVersion();
    typo.derived.push({
      scope: 'household',
      name: 'yearly',
      type: 'decimal',
      formula: 'annualNetIncom',
      label: text('yearly'),
    });
    typo.derived.push(...fiveHundredUnknownFormulas().derived.slice(1));
    expect(problemsOf(typo)[0]?.message).toBe(
      `unknown name 'annualNetIncom' in household scope; did you mean 'annualNetIncome'? (at column 1 of "annualNetIncom")`,
    );
  });

  it('keeps the message of a short list whole', () => {
    const one = minimalVersion();
    one.benefits[0] = {
      ...(one.benefits[0] as RulesetVersion['benefits'][number]),
      amount: 'suport.standard',
    };
    expect(problemsOf(one)).toEqual([
      {
        path: '/benefits/0/amount',
        code: 'expression',
        message:
          "unknown name 'suport.standard' in household scope; did you mean 'support.standard'? (at column 1 of \"suport.standard\")",
      },
    ]);
  });
});
