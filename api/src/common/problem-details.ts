import {
  EngineError,
  InvalidInputError,
  InvalidRulesetError,
  NoVersionInForceError,
  type FieldProblem,
} from '../engine';

/**
 * Problem details (RFC 9457) without any framework: the one mapping of engine errors, used by the
 * HTTP exception filter and by the `rules` command-line tool alike.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
}

/** Every problem `type` is this base followed by the error's stable code. */
export const PROBLEM_TYPE_BASE = 'https://shiyan-rules.local/problems/';

/** Builds a problem; `errors` is left out when empty. */
export function problemDetails(
  status: number,
  code: string,
  title: string,
  detail: string,
  errors?: FieldProblem[],
  instance?: string,
): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title,
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** The problem for an engine error (bad input 422, invalid ruleset 422, none in force 404), else null. */
export function engineProblem(error: unknown, instance?: string): ProblemDetails | null {
  if (error instanceof InvalidInputError)
    return problemDetails(422, error.code, 'Invalid input', error.message, error.errors, instance);
  if (error instanceof InvalidRulesetError)
    return problemDetails(422, error.code, 'Invalid ruleset', error.message, error.errors, instance);
  if (error instanceof NoVersionInForceError)
    return problemDetails(404, error.code, 'No version in force', error.message, undefined, instance);
  if (error instanceof EngineError)
    return problemDetails(422, error.code, 'Evaluation failed', error.message, undefined, instance);
  return null;
}

/** The problem for an unexpected failure: a 500 that never carries a stack trace. */
export function internalProblem(instance?: string): ProblemDetails {
  return problemDetails(
    500,
    'internal',
    'Internal error',
    'The service failed unexpectedly; the failure is logged',
    undefined,
    instance,
  );
}

/** The problem for a body (or a line of input) that is not JSON at all. */
export function malformedJsonProblem(
  detail = 'The request body is not valid JSON',
  fieldMessage = 'is not valid JSON',
): ProblemDetails {
  return problemDetails(400, 'malformed-json', 'Malformed JSON', detail, [
    { path: '', message: fieldMessage },
  ]);
}
