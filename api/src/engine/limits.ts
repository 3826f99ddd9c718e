/**
 * The engine's limits: the numeric domain every value lives in and the size of content it accepts.
 * They protect the engine against hostile or mistaken ruleset content and input (no exponent
 * blow-up, no stack overflow, no quadratic work); none of them is a policy figure. The shipped
 * rulesets stay far inside them (formulas of at most 215 characters and 6 levels, conditions 4
 * deep, amounts of at most 2 decimals).
 */

/**
 * Every number the engine reads or computes has a magnitude of at most 10^15 (`|x| ≤ 10^15`):
 * 1,000,000,000,000,000 yuan, and every integer in the domain is exact as a JavaScript number.
 * A literal or input beyond it is a problem; a computation beyond it fails with an EvaluationError.
 */
export const MAX_MAGNITUDE_EXPONENT = 15;

/** The largest magnitude as text, for messages: `10^15`. */
export const MAX_MAGNITUDE_TEXT = `10^${MAX_MAGNITUDE_EXPONENT}`;

/** Most decimal places of a number written in a ruleset (parameter values, formulas, rule values, fact bounds, test expectations). */
export const MAX_LITERAL_DECIMAL_PLACES = 10;

/** Most decimal places of a decimal given as input (a household fact); finer digits are below the engine's resolution. */
export const MAX_INPUT_DECIMAL_PLACES = 30;

/**
 * Most decimal places of a money input (a fact of type `money`): yuan and fen. A finer amount is
 * refused rather than rounded, so that no decision depends on digits the caller's books do not hold.
 */
export const MONEY_DECIMAL_PLACES = 2;

/** The problem a money value with more than {@link MONEY_DECIMAL_PLACES} decimals gets, zh first. */
export const MONEY_PLACES_MESSAGE =
  '金额最多两位小数(元和分) / money has at most two decimals (yuan and fen)';

/** Significant digits of every computed decimal (decimal.js precision). */
export const SIGNIFICANT_DIGITS = 40;

/**
 * A computed value smaller in magnitude than 10^-30 (other than zero) underflows to zero, so no
 * value ever needs more than 30 + 40 decimal places to be written.
 */
export const MIN_MAGNITUDE_EXPONENT = -30;

/** Most characters of one expression (a formula, an amount, an assertion). */
export const MAX_EXPRESSION_LENGTH = 2000;

/** Most tokens (numbers, names, operators, parentheses, commas) of one expression. */
export const MAX_EXPRESSION_TOKENS = 500;

/**
 * Deepest nesting of one expression: its syntax tree may be at most 64 levels deep, counting
 * parentheses, unary minus, `not`, function calls and each operator of a chain such as `a + b + c`.
 */
export const MAX_EXPRESSION_DEPTH = 64;

/** Deepest nesting of a rule's conditions: `all` / `any` / `not` levels, the comparison included. */
export const MAX_CONDITION_DEPTH = 16;

/** Deepest nesting of objects and arrays anywhere in a ruleset document (the shipped ones have 11). */
export const MAX_DOCUMENT_DEPTH = 64;

/**
 * Most values compiling a version may compute: jurisdictions × (parameters + derived facts +
 * outcome details + benefits + constraints), since parameters are resolved and formulas reading
 * only parameters are computed in every jurisdiction (the shipped versions need at most 640).
 * It counts values, not the size of the formulas that compute them: {@link MAX_COMPILE_WORK} does.
 */
export const MAX_RESOLVED_VALUES = 200_000;

/**
 * Most work compiling and validating a version may do evaluating formulas, decided from the document
 * before anything is evaluated (`compileWorkProblem`, run by `checkContentBounds` and
 * `compileVersion` alike). Each evaluation of a formula counts its tokens plus
 * {@link COMPILE_WORK_PER_EVALUATION}, times the number of jurisdictions it is evaluated for:
 *
 * - a parameter formula of a `byJurisdiction` parameter, in each jurisdiction it applies to (a
 *   formula of another parameter once);
 * - a derived fact, outcome detail or benefit amount that reads only parameters (so compiling
 *   computes it), in every jurisdiction when it reads one that varies by jurisdiction, else once;
 * - a constraint's assertion, in every jurisdiction it is checked in, else once.
 *
 * The shipped versions need at most 1,400. A version at the limit compiles and validates in about
 * 2 s on a small machine with the slowest formulas (divisions by long numbers, constraints failing
 * everywhere), 0.5 s with typical ones; the embedded tests evaluate households and are not counted.
 */
export const MAX_COMPILE_WORK = 1_000_000;

/**
 * What each evaluation of a formula counts toward {@link MAX_COMPILE_WORK} on top of its tokens:
 * the cost of evaluating it at all and of reporting it when it fails (a problem, or a constraint
 * finding with its message), about that of 10 tokens.
 */
export const COMPILE_WORK_PER_EVALUATION = 10;

/**
 * Largest `facts.members.maxItems` a version may declare: the most members one household may list
 * (the shipped versions allow 30). Each member's rules run once per evaluation.
 */
export const MAX_HOUSEHOLD_MEMBERS = 1000;

/** Most items a message lists (known names, allowed values); the rest are counted: `… (80 more)`. */
export const MAX_LISTED_ITEMS = 20;

/** Most problems reported for one document or one input; one more problem says how many were left out. */
export const MAX_PROBLEMS = 100;

/** "Did you mean" hints are only looked for names of at most this many characters. */
export const MAX_HINT_NAME_LENGTH = 64;

/**
 * Most edit distances computed for "did you mean" hints while compiling one document; once spent,
 * problems come without hints. Each distance is banded, so one costs at most about
 * 64 × 43 steps.
 */
export const MAX_HINT_DISTANCES = 20_000;
