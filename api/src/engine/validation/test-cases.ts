import { determine, type Determination } from '../evaluation/determine';
import { EngineError, InvalidInputError } from '../errors';
import type { CompiledVersion } from '../model/compile-version';
import type { TestCaseT } from '../schema/ruleset.schema';

/** The outcome of one embedded test case. */
export interface TestCaseResult {
  name: string;
  index: number;
  passed: boolean;
  /** What differed, one line each, when it failed. */
  differences: string[];
}

/** Compares a determination with a test case's expectations; returns each difference. */
export function compareWithExpected(determination: Determination, expected: TestCaseT['expected']): string[] {
  const differences: string[] = [];
  const key = (l: { code: string; memberId?: string | null }) =>
    `${l.code}${l.memberId ? `@${l.memberId}` : ''}`;
  const actual = determination.benefits.map((l) => `${key(l)} ${l.amount}`);
  const wanted = expected.benefits.map((l) => `${key(l)} ${l.amount}`);
  const length = Math.max(actual.length, wanted.length);
  for (let i = 0; i < length; i++) {
    if (actual[i] !== wanted[i])
      differences.push(
        `line ${i + 1}: expected ${wanted[i] ?? '(no line)'}, got ${actual[i] ?? '(no line)'}`,
      );
  }
  if (expected.totals) {
    for (const t of ['monthly', 'annual', 'oneOff'] as const) {
      if (expected.totals[t] !== determination.totals[t])
        differences.push(`totals.${t}: expected ${expected.totals[t]}, got ${determination.totals[t]}`);
    }
  }
  for (const [outcome, eligible] of Object.entries(expected.eligibility ?? {})) {
    const report = Object.hasOwn(determination.eligibility, outcome)
      ? determination.eligibility[outcome]
      : undefined;
    const got = report?.['eligible'];
    if (got !== eligible)
      differences.push(`eligibility.${outcome}: expected ${eligible}, got ${String(got)}`);
  }
  return differences;
}

/**
 * Runs a version's embedded test cases (scenario tests as data: name, asOf, household, expected).
 * @example const results = await runTestCases(version); results.every((r) => r.passed)
 */
export async function runTestCases(version: CompiledVersion): Promise<TestCaseResult[]> {
  const results: TestCaseResult[] = [];
  for (const [index, test] of version.document.tests.entries()) {
    try {
      const determination = await determine(version, test.household, test.asOf);
      const differences = compareWithExpected(determination, test.expected);
      results.push({ name: test.name, index, passed: differences.length === 0, differences });
    } catch (e) {
      const detail =
        e instanceof InvalidInputError
          ? e.errors.map((p) => `household${p.path}: ${p.message}`)
          : [e instanceof EngineError ? e.message : String(e)];
      results.push({ name: test.name, index, passed: false, differences: detail });
    }
  }
  return results;
}
