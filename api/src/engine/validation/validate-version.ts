import { capProblems, InvalidRulesetError, pointer, type FieldProblem } from '../errors';
import { compileVersion, type CompiledVersion } from '../model/compile-version';
import { parametersByJurisdiction, type JurisdictionParameters } from '../model/parameter-report';
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

/** What validation finds in a version without running its tests: errors and justified warnings. */
interface DocumentFindings {
  errors: (FieldProblem | ConstraintFinding)[];
  warnings: ConstraintFinding[];
}

/**
 * The review date and the constraints (against `previous`) of a compiled version: a finding that is
 * an error, or a warning without a recorded justification, is an error; a justified warning is a
 * warning.
 */
function documentFindings(compiled: CompiledVersion, previous: CompiledVersion | null): DocumentFindings {
  const findings = checkConstraints(compiled, previous);
  const errors: (FieldProblem | ConstraintFinding)[] = findings.filter(
    (f) => f.severity === 'error' || f.justification === undefined,
  );
  const review = reviewDateProblem(compiled.document.metadata);
  if (review) errors.unshift(review);
  const warnings = findings.filter((f) => f.severity === 'warning' && f.justification !== undefined);
  return { errors, warnings };
}

/** The answer of `checkVersion`: validation's findings without the tests, and the parameters. */
export interface CheckReport {
  valid: boolean;
  errors: (FieldProblem | ConstraintFinding)[];
  warnings: ConstraintFinding[];
  /** Every parameter resolved in each jurisdiction (code → key → decimal string); null when it does not compile. */
  parameters: JurisdictionParameters | null;
}

/**
 * Checks a version document as {@link validateVersion} does (schema, expressions, numbers,
 * constraints against `previous`, review date) without running its embedded tests, which is the
 * slow part: fast enough to run while the document is being edited. Valid when nothing of that
 * blocks publishing (the tests may still fail). `parameters` gives every parameter resolved in every
 * jurisdiction at the version's effectiveFrom (formulas computed), or null when the document does
 * not compile.
 */
export function checkVersion(document: unknown, previous: CompiledVersion | null): CheckReport {
  let compiled: CompiledVersion;
  try {
    compiled = compileVersion(document);
  } catch (e) {
    if (e instanceof InvalidRulesetError)
      return { valid: false, errors: e.errors, warnings: [], parameters: null };
    throw e;
  }
  const { errors, warnings } = documentFindings(compiled, previous);
  return {
    valid: errors.length === 0,
    errors: capProblems(errors) as (FieldProblem | ConstraintFinding)[],
    warnings,
    parameters: parametersByJurisdiction(compiled),
  };
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
  const found = documentFindings(compiled, previous);
  const errors: (FieldProblem | ConstraintFinding | TestFailure)[] = found.errors;
  const warnings = found.warnings;
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
