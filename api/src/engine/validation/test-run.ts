import type { Determination } from '../evaluation/determine';
import type { CompiledVersion } from '../model/compile-version';
import type { TestCaseT } from '../schema/ruleset.schema';
import type { Language } from '../messages';
import { runTestCases, type EligibilityDifference, type TotalDifference } from './test-cases';

/**
 * One benefit line of a test: what the test expects and what the version computes, matched by
 * `code` and `memberId` as the comparison matches them. `expected` null: a line the test does not
 * expect; `got` null: a line the version does not give. Amounts are decimal strings in yuan.
 */
export interface TestLine {
  code: string;
  memberId: string | null;
  expected: string | null;
  got: string | null;
  /** True when both are the same amount. */
  passed: boolean;
}

/** One embedded test as the test run reports it. */
export interface TestRunCase {
  name: string;
  /** Its place in the version's `tests`, from 0. */
  index: number;
  asOf: string;
  passed: boolean;
  /** False when its household could not be evaluated; `messages` then say why. */
  evaluated: boolean;
  /** Every line, expected or computed: the expected ones in the test's order, then unexpected ones. */
  lines: TestLine[];
  /** The totals that differ from what the test states. */
  totals: TotalDifference[];
  /** The outcomes whose eligibility differs from what the test states. */
  eligibility: EligibilityDifference[];
  /** What differed (or why it could not be evaluated), one readable sentence each, in the language asked for. */
  messages: string[];
}

/** The embedded tests of a version, run: how many passed and failed, and each test. */
export interface TestRun {
  passed: number;
  failed: number;
  tests: TestRunCase[];
}

/**
 * Every benefit line of a test beside the determination's: the test's lines in its order, each
 * paired with the first unpaired determination line of the same code and member, then the
 * determination's lines it does not expect.
 */
export function testLines(determination: Determination, expected: TestCaseT['expected']): TestLine[] {
  const keyOf = (code: string, memberId: string | null | undefined) =>
    JSON.stringify([code, memberId ?? null]);
  const got = new Map<string, string[]>();
  for (const l of determination.benefits) {
    const key = keyOf(l.code, l.memberId);
    got.set(key, [...(got.get(key) ?? []), l.amount]);
  }
  const lines: TestLine[] = [];
  for (const want of expected.benefits) {
    const amount = got.get(keyOf(want.code, want.memberId))?.shift() ?? null;
    const memberId = want.memberId ?? null;
    lines.push({
      code: want.code,
      memberId,
      expected: want.amount,
      got: amount,
      passed: amount === want.amount,
    });
  }
  for (const l of determination.benefits) {
    const amount = got.get(keyOf(l.code, l.memberId))?.shift();
    if (amount !== undefined)
      lines.push({ code: l.code, memberId: l.memberId ?? null, expected: null, got: amount, passed: false });
  }
  return lines;
}

/**
 * Runs a version's embedded tests (as validation does) and reports each with all its lines, the
 * totals and eligibility that differ, and readable messages in `language`.
 */
export async function runTestReport(version: CompiledVersion, language: Language = 'zh'): Promise<TestRun> {
  const results = await runTestCases(version, language);
  const tests = results.map((r): TestRunCase => {
    const test = version.document.tests[r.index] as TestCaseT;
    return {
      name: r.name,
      index: r.index,
      asOf: test.asOf,
      passed: r.passed,
      evaluated: r.evaluated,
      lines: r.determination ? testLines(r.determination, test.expected) : [],
      totals: r.totals,
      eligibility: r.eligibility,
      messages: r.differences,
    };
  });
  const failed = tests.filter((t) => !t.passed).length;
  return { passed: tests.length - failed, failed, tests };
}
