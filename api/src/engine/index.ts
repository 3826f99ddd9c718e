/** The framework-free ruleset engine: format, compilation, evaluation, validation, diff. */
export * from './errors';
export * from './decimal';
export * from './limits';
export { contentHash, canonicalJson } from './content-hash';
export { RulesetCatalog } from './catalog';
export { compileVersion, type CompiledVersion } from './model/compile-version';
export {
  formatParameterValue,
  parameterDefinitions,
  parametersByJurisdiction,
  parametersFor,
  parametersReport,
  versionParameters,
  versionReference,
  type JurisdictionParameters,
  type ParameterDefinition,
  type ParametersReport,
  type VersionParameters,
  type VersionReference,
} from './model/parameter-report';
export {
  determine,
  type Determination,
  type BenefitLine,
  type BenefitTrace,
  type DetermineOptions,
  type AmountLine,
  type AmountsDetermination,
  type Totals,
} from './evaluation/determine';
export {
  determinationJsonOn,
  writeDeterminationOn,
  evaluatorOf,
  EVALUATION_PATHS,
  type EvaluationPath,
  type Evaluator,
} from './evaluation/compiled';
export { JsonWriter } from './evaluation/json-writer';
export { type ConditionTrace, type RuleTrace } from './evaluation/readable';
export { firstLanguageTag, languageOf, LANGUAGES, type Bilingual, type Language } from './messages';
export {
  reviewWarnings,
  withWarnings,
  type AnswerWarning,
  type AnswerLanguage,
  type ReviewedVersion,
} from './evaluation/warnings';
export { householdIdOf, householdIdProblem, MAX_HOUSEHOLD_ID_LENGTH } from './evaluation/input';
export { checkConstraints, type ConstraintFinding } from './validation/constraints';
export {
  checkVersion,
  validateVersion,
  type CheckReport,
  type ValidationReport,
  type TestFailure,
} from './validation/validate-version';
export {
  runTestReport,
  testLines,
  type TestLine,
  type TestRun,
  type TestRunCase,
} from './validation/test-run';
export { checkContentBounds } from './validation/content-bounds';
export { EXPRESSION_FUNCTIONS, type ExpressionFunction, type ArgumentType } from './expression/functions';
export { RULE_OPERATORS, FLOAT_OPERATORS, type RuleOperator } from './model/operators';
export { ExpressionSyntaxError, type ExpressionLimit } from './expression/parse';
export { distanceComputations } from './expression/suggest';
export {
  runTestCases,
  acceptTestResults,
  eligibilityWarnings,
  type AcceptWarning,
  type AcceptedTest,
  type AcceptedTests,
  compareWithExpected,
  compareTestCase,
  describeDifference,
  type TestCaseResult,
  type TestComparison,
  type LineDifference,
  type TotalDifference,
  type EligibilityDifference,
} from './validation/test-cases';
export {
  carriedDateOutOfRange,
  carryForward,
  shiftDate,
  shiftTestCase,
  yearsToCarry,
} from './model/shift-years';
export {
  diffVersions,
  itemChanges,
  type VersionDiff,
  type ParameterChange,
  type ItemChanges,
  type SettingChange,
} from './diff';
export { diffLabels, UNIT_LABELS, type DiffLabels } from './diff-labels';
export { readRulesetVersion, schemaProblems } from './schema/load';
export { jsonSchemaText } from './schema/json-schema';
export * from './schema/ruleset.schema';
