import { determine, type Determination } from '../evaluation/determine';
import { capProblems, EngineError, InvalidInputError, pointer, type FieldProblem } from '../errors';
import type { CompiledVersion } from '../model/compile-version';
import type { TestCaseT } from '../schema/ruleset.schema';
import type { Language } from '../messages';

/** The language of user-facing text: Chinese (the default) or English (the engine's one `Language`). */
export type { Language };

/**
 * One benefit line that differs, matched by `code` and `memberId` (never by position): `expected`
 * null when the line was not expected (unexpected), `got` null when the determination has no such
 * line (missing). Amounts are decimal strings in yuan, as the test and the determination write them.
 */
export interface LineDifference {
  code: string;
  /** The member the line is for, or null for a household line. */
  memberId: string | null;
  expected: string | null;
  got: string | null;
  /** The difference in words, in the language asked for. */
  message: string;
}

/** One total (yuan/month, yuan/year or one-off yuan) that differs from the test's expectation. */
export interface TotalDifference {
  total: 'monthly' | 'annual' | 'oneOff';
  expected: string;
  got: string;
  message: string;
}

/** One outcome whose eligibility differs: `got` null when the determination does not report it. */
export interface EligibilityDifference {
  outcome: string;
  expected: boolean;
  got: boolean | null;
  message: string;
}

/** Everything that differs between a determination and a test case's expectations. */
export interface TestComparison {
  lines: LineDifference[];
  totals: TotalDifference[];
  eligibility: EligibilityDifference[];
}

/** The outcome of one embedded test case. */
export interface TestCaseResult {
  name: string;
  index: number;
  passed: boolean;
  /**
   * False when the household could not be evaluated at all (bad input, a formula failing); the
   * reasons are then in `differences` and the structured lists are empty.
   */
  evaluated: boolean;
  /** What differed, one readable message each, when it failed. */
  differences: string[];
  lines: LineDifference[];
  totals: TotalDifference[];
  eligibility: EligibilityDifference[];
  /** What the version computes now (absent when the household could not be evaluated). */
  determination?: Determination;
}

const lineLabel = (code: string, memberId: string | null) => (memberId ? `${code}@${memberId}` : code);

/**
 * A readable sentence for one difference, Chinese by default.
 * @example describeDifference({ code: 'dibao', memberId: null, expected: '433.00', got: '463.00' }, 'en') // 'dibao: expected 433.00, got 463.00'
 */
export function describeDifference(
  difference:
    | Omit<LineDifference, 'message'>
    | Omit<TotalDifference, 'message'>
    | Omit<EligibilityDifference, 'message'>,
  language: Language = 'zh',
): string {
  const zh = language === 'zh';
  if ('code' in difference) {
    const label = lineLabel(difference.code, difference.memberId);
    if (difference.got === null)
      return zh
        ? `${label}:预期 ${difference.expected},实际无此项`
        : `${label}: expected ${difference.expected}, got no line`;
    if (difference.expected === null)
      return zh
        ? `${label}:未预期此项,实际 ${difference.got}`
        : `${label}: not expected, got ${difference.got}`;
    return zh
      ? `${label}:预期 ${difference.expected},实际 ${difference.got}`
      : `${label}: expected ${difference.expected}, got ${difference.got}`;
  }
  if ('total' in difference)
    return zh
      ? `合计 totals.${difference.total}:预期 ${difference.expected},实际 ${difference.got}`
      : `totals.${difference.total}: expected ${difference.expected}, got ${difference.got}`;
  const yesNo = (v: boolean | null) => (v === null ? '未报告' : v ? '是' : '否');
  return zh
    ? `资格 eligibility.${difference.outcome}:预期 ${yesNo(difference.expected)},实际 ${yesNo(difference.got)}`
    : `eligibility.${difference.outcome}: expected ${difference.expected}, got ${difference.got === null ? 'not reported' : difference.got}`;
}

/**
 * Compares a determination with a test case's expectations. Benefit lines are matched by `code` and
 * `memberId` (a household line has memberId null or absent); when one key occurs several times, its
 * lines are paired in order. Lines are reported in the order the test expects them, then the
 * unexpected ones in the determination's order; totals only when the test states them, eligibility
 * only for the outcomes it states.
 */
export function compareTestCase(
  determination: Determination,
  expected: TestCaseT['expected'],
  language: Language = 'zh',
): TestComparison {
  const keyOf = (code: string, memberId: string | null | undefined) =>
    JSON.stringify([code, memberId ?? null]);
  const got = new Map<string, { code: string; memberId: string | null; amount: string }[]>();
  for (const l of determination.benefits) {
    const key = keyOf(l.code, l.memberId);
    got.set(key, [...(got.get(key) ?? []), { code: l.code, memberId: l.memberId ?? null, amount: l.amount }]);
  }
  const lines: LineDifference[] = [];
  const push = (d: Omit<LineDifference, 'message'>) =>
    lines.push({ ...d, message: describeDifference(d, language) });
  for (const want of expected.benefits) {
    const memberId = want.memberId ?? null;
    const candidates = got.get(keyOf(want.code, memberId));
    const actual = candidates?.shift();
    if (actual?.amount !== want.amount)
      push({ code: want.code, memberId, expected: want.amount, got: actual?.amount ?? null });
  }
  for (const l of determination.benefits) {
    const rest = got.get(keyOf(l.code, l.memberId));
    const unexpected = rest?.shift();
    if (unexpected)
      push({ code: l.code, memberId: l.memberId ?? null, expected: null, got: unexpected.amount });
  }
  const totals: TotalDifference[] = [];
  if (expected.totals) {
    for (const total of ['monthly', 'annual', 'oneOff'] as const) {
      const d = { total, expected: expected.totals[total], got: determination.totals[total] };
      if (d.expected !== d.got) totals.push({ ...d, message: describeDifference(d, language) });
    }
  }
  const eligibility: EligibilityDifference[] = [];
  for (const [outcome, eligible] of Object.entries(expected.eligibility ?? {})) {
    const report = Object.hasOwn(determination.eligibility, outcome)
      ? determination.eligibility[outcome]
      : undefined;
    const value = report?.['eligible'];
    const d = { outcome, expected: eligible, got: typeof value === 'boolean' ? value : null };
    if (d.got !== eligible) eligibility.push({ ...d, message: describeDifference(d, language) });
  }
  return { lines, totals, eligibility };
}

/** Every difference between a determination and a test case's expectations, one message each. */
export function compareWithExpected(
  determination: Determination,
  expected: TestCaseT['expected'],
  language: Language = 'zh',
): string[] {
  const { lines, totals, eligibility } = compareTestCase(determination, expected, language);
  return [...lines, ...totals, ...eligibility].map((d) => d.message);
}

/**
 * Runs a version's embedded test cases (scenario tests as data: name, asOf, household, expected).
 * Messages are in `language` (Chinese by default).
 * @example const results = await runTestCases(version); results.every((r) => r.passed)
 */
export async function runTestCases(
  version: CompiledVersion,
  language: Language = 'zh',
): Promise<TestCaseResult[]> {
  const results: TestCaseResult[] = [];
  for (const [index, test] of version.document.tests.entries()) {
    try {
      const determination = await determine(version, test.household, test.asOf);
      const comparison = compareTestCase(determination, test.expected, language);
      const differences = [...comparison.lines, ...comparison.totals, ...comparison.eligibility].map(
        (d) => d.message,
      );
      results.push({
        name: test.name,
        index,
        passed: differences.length === 0,
        evaluated: true,
        differences,
        ...comparison,
        determination,
      });
    } catch (e) {
      const detail =
        e instanceof InvalidInputError
          ? e.errors.map((p) => `household${p.path}: ${p.message}`)
          : [e instanceof EngineError ? e.message : String(e)];
      results.push({
        name: test.name,
        index,
        passed: false,
        evaluated: false,
        differences: detail,
        lines: [],
        totals: [],
        eligibility: [],
      });
    }
  }
  return results;
}

/** One test's expectations as accepted: each line, total and eligibility that changed, old → new. */
export interface AcceptedTest {
  test: string;
  lines: { code: string; memberId: string | null; old: string | null; new: string | null }[];
  totals: { total: 'monthly' | 'annual' | 'oneOff'; old: string; new: string }[];
  eligibility: { outcome: string; old: boolean; new: boolean }[];
}

/** A warning of an acceptance: a test whose expected eligibility is now the opposite. */
export interface AcceptWarning {
  code: 'eligibility-changed';
  /** The test's name. */
  test: string;
  message: string;
}

/**
 * One `eligibility-changed` warning for each accepted test whose expected eligibility flipped, in
 * `language` (default Chinese): a boundary test ("income exactly at the line → not eligible") then
 * tests the opposite of what its name says, and should rather have its household moved.
 */
export function eligibilityWarnings(
  accepted: readonly AcceptedTest[],
  language: Language = 'zh',
): AcceptWarning[] {
  return accepted
    .filter((a) => a.eligibility.some((e) => e.old !== e.new))
    .map((a) => {
      const flips = a.eligibility.filter((e) => e.old !== e.new);
      const message =
        language === 'zh'
          ? `测试"${a.test}"的预期资格改变(${flips
              .map((e) => `${e.outcome}:${e.old ? '是' : '否'} → ${e.new ? '是' : '否'}`)
              .join(
                ';',
              )}):它现在检验的可能与名称所说的相反;边界测试(如收入恰好等于标准)应调整家庭,而不是接受新结果`
          : `the expected eligibility of test "${a.test}" changed (${flips
              .map((e) => `${e.outcome}: ${e.old} → ${e.new}`)
              .join('; ')}): it may now test the opposite of what its name says; a boundary test (such as ` +
            `income exactly at the line) should have its household moved rather than its result accepted`;
      return { code: 'eligibility-changed' as const, test: a.test, message };
    });
}

/** The tests with their new expectations, or the problems that refuse the acceptance. */
export type AcceptedTests =
  { problems: FieldProblem[] } | { problems: []; tests: TestCaseT[]; accepted: AcceptedTest[] };

/**
 * Accepts what the version now computes as the expectations of the chosen tests (`'all'` or names):
 * each chosen test's `expected.benefits` becomes the determination's lines (code, memberId, amount),
 * its `totals` the determination's totals when the test states totals, and each outcome it states in
 * `eligibility` the determination's answer. Other tests are unchanged.
 * Refused (problems, nothing changed) when a name is not a test of the version (path
 * `/tests/<i>` of the request), or when a chosen test's household cannot be evaluated or does not
 * report an outcome it states (path `/tests/<i>` of the request, or `/tests` for `'all'`, naming it).
 */
export async function acceptTestResults(
  version: CompiledVersion,
  choice: 'all' | readonly string[],
): Promise<AcceptedTests> {
  const tests = version.document.tests;
  const problems: FieldProblem[] = [];
  const pathOf = (name: string) =>
    choice === 'all' ? '/tests' : pointer('tests', (choice as readonly string[]).indexOf(name));
  const names = new Set(tests.map((t) => t.name));
  if (choice !== 'all')
    choice.forEach((name, i) => {
      if (!names.has(name))
        problems.push({
          path: pointer('tests', i),
          code: 'unknown-test',
          message: `"${name}" is not a test of version ${version.version}`,
        });
    });
  if (problems.length > 0) return { problems: capProblems(problems) };
  const chosen = choice === 'all' ? names : new Set(choice);
  const accepted: AcceptedTest[] = [];
  const updated: TestCaseT[] = [];
  for (const test of tests) {
    if (!chosen.has(test.name)) {
      updated.push(test);
      continue;
    }
    let determination: Determination;
    try {
      determination = await determine(version, test.household, test.asOf);
    } catch (e) {
      const reason =
        e instanceof InvalidInputError
          ? e.errors.map((p) => `household${p.path}: ${p.message}`).join('; ')
          : e instanceof EngineError
            ? e.message
            : String(e);
      problems.push({
        path: pathOf(test.name),
        code: 'test-not-evaluated',
        message: `The household of test "${test.name}" cannot be evaluated, so its results cannot be accepted: ${reason}`,
      });
      continue;
    }
    const comparison = compareTestCase(determination, test.expected, 'en');
    const unreported = comparison.eligibility.filter((d) => d.got === null);
    for (const d of unreported)
      problems.push({
        path: pathOf(test.name),
        code: 'test-not-evaluated',
        message: `Test "${test.name}" states outcome ${d.outcome}, which the version does not report`,
      });
    if (unreported.length > 0) continue;
    const expected: TestCaseT['expected'] = {
      benefits: determination.benefits.map((l) => ({
        code: l.code,
        memberId: l.memberId ?? null,
        amount: l.amount,
      })),
      ...(test.expected.totals ? { totals: { ...determination.totals } } : {}),
      ...(test.expected.eligibility
        ? {
            eligibility: Object.fromEntries(
              Object.keys(test.expected.eligibility).map((o) => [
                o,
                determination.eligibility[o]?.['eligible'] === true,
              ]),
            ),
          }
        : {}),
    };
    updated.push({ ...test, expected });
    accepted.push({
      test: test.name,
      lines: comparison.lines.map((d) => ({
        code: d.code,
        memberId: d.memberId,
        old: d.expected,
        new: d.got,
      })),
      totals: comparison.totals.map((d) => ({ total: d.total, old: d.expected, new: d.got })),
      eligibility: comparison.eligibility.map((d) => ({
        outcome: d.outcome,
        old: d.expected,
        new: d.got === true,
      })),
    });
  }
  if (problems.length > 0) return { problems: capProblems(problems) };
  return { problems: [], tests: updated, accepted };
}
