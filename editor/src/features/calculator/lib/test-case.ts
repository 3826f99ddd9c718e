import type { Determination } from '@engine/evaluation/determine';
import type { RulesetVersion, TestCaseT } from '@engine/schema/ruleset.schema';

/**
 * A test case expecting what `determination` says of `household` on `asOf`: every line (code,
 * memberId — null for a household line —, amount), the totals, and each reported outcome's
 * eligibility (the shape of `tests[]` in a ruleset version).
 */
export function testCaseFrom(
  name: string,
  asOf: string,
  household: Record<string, unknown>,
  determination: Determination,
): TestCaseT {
  const eligibility: Record<string, boolean> = {};
  for (const [outcome, report] of Object.entries(determination.eligibility))
    if (typeof report['eligible'] === 'boolean') eligibility[outcome] = report['eligible'];
  return {
    name,
    asOf,
    household,
    expected: {
      benefits: determination.benefits.map((l) => ({
        code: l.code,
        memberId: l.memberId ?? null,
        amount: l.amount,
      })),
      totals: { ...determination.totals },
      ...(Object.keys(eligibility).length > 0 ? { eligibility } : {}),
    },
  };
}

/** The document with `test` appended to its tests (a new object; the document is not changed). */
export function withTestCase(document: RulesetVersion, test: TestCaseT): RulesetVersion {
  return { ...document, tests: [...document.tests, test] };
}

/** Why `name` cannot name a new test of `document`: 'required', 'duplicate', or null when it can. */
export function testNameProblem(document: RulesetVersion, name: string): 'required' | 'duplicate' | null {
  const trimmed = name.trim();
  if (!trimmed) return 'required';
  return document.tests.some((t) => t.name === trimmed) ? 'duplicate' : null;
}
