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

/** The household (or other input) does not match the version's declared facts. */
export class InvalidInputError extends EngineError {
  readonly code = 'invalid-input';
  constructor(readonly errors: FieldProblem[]) {
    super(`The input has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}`);
  }
}

/** A ruleset version cannot be compiled: its schema or its expressions are wrong. */
export class InvalidRulesetError extends EngineError {
  readonly code = 'invalid-ruleset';
  constructor(readonly errors: FieldProblem[]) {
    super(
      `The ruleset is invalid: ${errors
        .slice(0, 3)
        .map((e) => `${e.path || '/'}: ${e.message}`)
        .join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`,
    );
  }
}

/** Evaluation of a formula failed at run time (division by zero, a missing optional fact). */
export class EvaluationError extends EngineError {
  readonly code = 'evaluation-failed';
}

/** No version of the ruleset is in force on the date asked for. */
export class NoVersionInForceError extends EngineError {
  readonly code = 'no-version-in-force';
  constructor(
    readonly rulesetKey: string,
    readonly asOf: string,
  ) {
    super(`No published version of ${rulesetKey} is in force on ${asOf}`);
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
