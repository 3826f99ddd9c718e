import { EngineError, InvalidInputError, NoVersionInForceError, type FieldProblem } from '../engine';

/** An RFC 9457 problem details object. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://shiyan-rules.local/problems/';

/** Turns an engine error (or anything thrown) into problem details; never leaks a stack. */
export function problemFrom(error: unknown): ProblemDetails {
  if (error instanceof InvalidInputError) {
    return {
      type: `${PROBLEM_BASE}invalid-input`,
      title: 'Invalid input',
      status: 422,
      detail: error.message,
      errors: error.errors,
    };
  }
  if (error instanceof NoVersionInForceError) {
    return {
      type: `${PROBLEM_BASE}no-version-in-force`,
      title: 'No version in force',
      status: 404,
      detail: error.message,
    };
  }
  if (error instanceof EngineError) {
    return {
      type: `${PROBLEM_BASE}${error.code}`,
      title: 'Evaluation failed',
      status: 422,
      detail: error.message,
    };
  }
  return {
    type: `${PROBLEM_BASE}internal`,
    title: 'Internal error',
    status: 500,
    detail: 'The evaluation failed unexpectedly',
  };
}

/** Problem details for input that is not JSON at all. */
export function malformedJson(message: string): ProblemDetails {
  return {
    type: `${PROBLEM_BASE}malformed-json`,
    title: 'Malformed JSON',
    status: 400,
    detail: message,
    errors: [{ path: '', message }],
  };
}
