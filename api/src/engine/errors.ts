import { MAX_LISTED_ITEMS, MAX_PROBLEMS } from './limits';

/** One problem with one place in a document or an input, named by a JSON Pointer. */
export interface FieldProblem {
  /** JSON Pointer (RFC 6901) to the offending value, e.g. `/members/0/birthDate`. */
  path: string;
  message: string;
  /** Stable machine code, e.g. `schema`, `unknown-name`, `constraint`. */
  code?: string;
}

/** Base of the engine's domain errors; each carries a stable `code`. */
export abstract class EngineError extends Error {
  abstract readonly code: string;
}

/**
 * Lists items for a message, at most {@link MAX_LISTED_ITEMS} of them and a count of the rest:
 * `a, b, c` or `a, b, …, t, … (80 more)`. `quote` wraps each item, e.g. `"rural"`.
 */
export function listText(items: Iterable<string>, quote = false): string {
  const all = [...items];
  const shown = all.slice(0, MAX_LISTED_ITEMS).map((item) => (quote ? `"${item}"` : item));
  const more = all.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? `, … (${more} more)` : ''}`;
}

/**
 * At most {@link MAX_PROBLEMS} problems, then one more (path `""`, code `too-many-problems`) saying
 * how many were left out: `and 412 more problems`. Shorter lists are returned as they are.
 */
export function capProblems<T extends FieldProblem>(problems: readonly T[]): (T | FieldProblem)[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  const more = problems.length - MAX_PROBLEMS;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    {
      path: '',
      message: `and ${more} more problem${more === 1 ? '' : 's'} (only the first ${MAX_PROBLEMS} are reported)`,
      code: 'too-many-problems',
    },
  ];
}

/**
 * The household (or other input) does not match the version's declared facts. `errors` holds at
 * most {@link MAX_PROBLEMS} problems and a last one counting the rest (see {@link capProblems}).
 */
export class InvalidInputError extends EngineError {
  readonly code = 'invalid-input';
  readonly errors: FieldProblem[];
  constructor(errors: FieldProblem[]) {
    super(`The input has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}`);
    this.errors = capProblems(errors);
  }
}

/**
 * A ruleset version cannot be compiled: its schema or its expressions are wrong. `errors` holds at
 * most {@link MAX_PROBLEMS} problems and a last one counting the rest (see {@link capProblems}).
 */
export class InvalidRulesetError extends EngineError {
  readonly code = 'invalid-ruleset';
  readonly errors: FieldProblem[];
  constructor(errors: FieldProblem[]) {
    super(
      `The ruleset is invalid: ${errors
        .slice(0, 3)
        .map((e) => `${e.path || '/'}: ${e.message}`)
        .join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`,
    );
    this.errors = capProblems(errors);
  }
}

/** Where an evaluation error happened: whose formula, for which member, in which jurisdiction. */
export interface EvaluationContext {
  /** The formula's owner, e.g. `derived fact 'age'`, `benefit 'dibao'`, `parameter 'a.b'`. */
  owner?: string;
  /** The member's `id`, when the formula runs in member scope. */
  memberId?: string;
  /** The jurisdiction code whose parameters were used. */
  jurisdiction?: string;
}

/**
 * Evaluation of a formula failed at run time (division by zero, a missing optional fact, a value
 * outside the numeric domain). `reason` says what failed; `owner`, `memberId` and `jurisdiction`
 * say where, and the message puts them first:
 * `derived fact 'age' of member p2 in 420325: division by zero`.
 */
export class EvaluationError extends EngineError {
  readonly code = 'evaluation-failed';
  /** What failed, without the context, e.g. `division by zero`. */
  readonly reason: string;
  readonly owner?: string;
  readonly memberId?: string;
  readonly jurisdiction?: string;

  constructor(reason: string, context: EvaluationContext = {}) {
    // An expected outcome of evaluating content, always reported as a problem, never logged with
    // its stack: capturing one would cost about ten times the error itself, and compiling or
    // validating a version may meet one in every jurisdiction (see MAX_COMPILE_WORK).
    const message = contextualMessage(reason, context);
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.reason = reason;
    if (context.owner !== undefined) this.owner = context.owner;
    if (context.memberId !== undefined) this.memberId = context.memberId;
    if (context.jurisdiction !== undefined) this.jurisdiction = context.jurisdiction;
  }

  /** The context this error already has. */
  get context(): EvaluationContext {
    return {
      ...(this.owner !== undefined ? { owner: this.owner } : {}),
      ...(this.memberId !== undefined ? { memberId: this.memberId } : {}),
      ...(this.jurisdiction !== undefined ? { jurisdiction: this.jurisdiction } : {}),
    };
  }

  /** The same error with more context; what it already has wins (the innermost owner is the one that failed). */
  withContext(context: EvaluationContext): EvaluationError {
    return new EvaluationError(this.reason, { ...context, ...this.context });
  }
}

/**
 * A computed value left the numeric domain (|x| ≤ 10^15) or is not finite. `exponent` is the
 * power of ten of the value (`28` for about 10^28), or null when it is not finite.
 */
export class OutOfRangeError extends EvaluationError {
  constructor(
    reason: string,
    readonly exponent: number | null,
    context: EvaluationContext = {},
  ) {
    super(reason, context);
  }

  override withContext(context: EvaluationContext): OutOfRangeError {
    return new OutOfRangeError(this.reason, this.exponent, { ...context, ...this.context });
  }
}

function contextualMessage(reason: string, context: EvaluationContext): string {
  const where = [
    context.owner ?? '',
    context.memberId !== undefined ? `of member ${context.memberId}` : '',
    context.jurisdiction !== undefined ? `in ${context.jurisdiction}` : '',
  ]
    .filter((part) => part.length > 0)
    .join(' ');
  return where.length > 0 ? `${where}: ${reason}` : reason;
}

/**
 * No version of the ruleset is in force on the date asked for. `firstEffectiveFrom` is the date
 * from which the ruleset has a version (the earliest `effectiveFrom`), or null when it has none;
 * the message names it, so that a caller knows which dates can be asked about.
 */
export class NoVersionInForceError extends EngineError {
  readonly code = 'no-version-in-force';
  constructor(
    readonly rulesetKey: string,
    readonly asOf: string,
    readonly firstEffectiveFrom: string | null = null,
  ) {
    super(
      firstEffectiveFrom === null
        ? `No published version of ${rulesetKey} is in force on ${asOf}: it has no published version`
        : `No published version of ${rulesetKey} is in force on ${asOf}: versions exist from ${firstEffectiveFrom} on`,
    );
  }
}

/** Escapes one JSON Pointer reference token. */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a JSON Pointer from tokens: `pointer('members', 0, 'birthDate')` → `/members/0/birthDate`. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${pointerToken(t)}`).join('');
}
