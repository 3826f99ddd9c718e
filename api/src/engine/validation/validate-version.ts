import { capProblems, InvalidRulesetError, pointer, type FieldProblem } from '../errors';
import { compileVersion, type CompiledVersion } from '../model/compile-version';
import { checkConstraints, type ConstraintFinding } from './constraints';
import {
  describeDifference,
  runTestCases,
  type EligibilityDifference,
  type LineDifference,
  type TotalDifference,
} from './test-cases';

/**
 * A failing embedded test (code `test-failed`, path `/tests/<i>`): its name and what differed, line
 * by line (matched by benefit code and member), totals and eligibility, each `{…, expected, got}`.
 * `message` says it all in Chinese, then in English.
 */
export interface TestFailure extends FieldProblem {
  code: 'test-failed';
  test: string;
  lines: LineDifference[];
  totals: TotalDifference[];
  eligibility: EligibilityDifference[];
}

/**
 * A review date (`metadata.reviewBy`) must come after `effectiveFrom`: a draft copied from an older
 * version keeps that version's review date until its editor sets a new one.
 */
function reviewDateProblem(metadata: { effectiveFrom: string; reviewBy?: string }): FieldProblem | null {
  if (metadata.reviewBy === undefined || metadata.reviewBy > metadata.effectiveFrom) return null;
  return {
    path: pointer('metadata', 'reviewBy'),
    code: 'review-date',
    message:
      `复核日期 ${metadata.reviewBy} 须晚于生效日期 ${metadata.effectiveFrom} / must be after effectiveFrom ` +
      `${metadata.effectiveFrom}: the date until which these figures are expected to hold`,
  };
}

/** The report of `validate`: valid when nothing blocks publishing. */
export interface ValidationReport {
  valid: boolean;
  errors: (FieldProblem | ConstraintFinding | TestFailure)[];
  warnings: ConstraintFinding[];
  tests: { passed: number; failed: number };
}

/**
 * Validates a version document: the schema holds, every expression names only known facts and
 * parameters, every number is inside the numeric domain, every constraint holds (errors block
 * publishing; a warning needs a recorded justification), and its embedded test cases pass.
 * `previous` is the version in force before it. At most `MAX_PROBLEMS` errors are listed, then one
 * counting the rest.
 */
export async function validateVersion(
  document: unknown,
  previous: CompiledVersion | null,
): Promise<ValidationReport & { compiled: CompiledVersion | null }> {
  let compiled: CompiledVersion;
  try {
    compiled = compileVersion(document);
  } catch (e) {
    if (e instanceof InvalidRulesetError)
      return {
        valid: false,
        errors: e.errors,
        warnings: [],
        tests: { passed: 0, failed: 0 },
        compiled: null,
      };
    throw e;
  }
  const findings = checkConstraints(compiled, previous);
  const errors: (FieldProblem | ConstraintFinding | TestFailure)[] = findings.filter(
    (f) => f.severity === 'error' || f.justification === undefined,
  );
  const review = reviewDateProblem(compiled.document.metadata);
  if (review) errors.unshift(review);
  const warnings = findings.filter((f) => f.severity === 'warning' && f.justification !== undefined);
  const results = await runTestCases(compiled);
  for (const r of results.filter((x) => !x.passed)) {
    const english = r.evaluated
      ? [...r.lines, ...r.totals, ...r.eligibility].map((d) => describeDifference(d, 'en'))
      : r.differences;
    errors.push({
      path: pointer('tests', r.index),
      code: 'test-failed',
      message: `测试"${r.name}"未通过:${r.differences.join(';')} / test "${r.name}" failed: ${english.join('; ')}`,
      test: r.name,
      lines: r.lines,
      totals: r.totals,
      eligibility: r.eligibility,
    });
  }
  const failed = results.filter((r) => !r.passed).length;
  return {
    valid: errors.length === 0,
    errors: capProblems(errors) as (FieldProblem | ConstraintFinding | TestFailure)[],
    warnings,
    tests: { passed: results.length - failed, failed },
    compiled,
  };
}
