/**
 * Checks that an HTTP response is an RFC 9457 problem as docs/api.md describes it:
 * `application/problem+json` with `type`, `title`, `status`, `detail`, and for validation failures
 * (400 and 422) `errors: [{ path, message }]` naming each bad field by JSON Pointer.
 */

/** One bad field of a validation failure. */
export interface FieldError {
  path: string;
  message: string;
}

/** A problem details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

/** The parts of a supertest response these checks read. */
export interface ResponseLike {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON Pointer (RFC 6901): empty, or `/`-separated tokens with `~` and `/` escaped. */
export const isJsonPointer = (path: string): boolean => path === '' || /^(\/([^~/]|~[01])*)+$/.test(path);

/**
 * What is wrong with `value` as a problem body of HTTP status `status` (empty when nothing is).
 * `requireErrors` demands a non-empty `errors` list (validation failures).
 */
export function problemBodyViolations(value: unknown, status: number, requireErrors: boolean): string[] {
  if (!isRecord(value)) return [`the body is not a JSON object: ${JSON.stringify(value)?.slice(0, 200)}`];
  const violations: string[] = [];
  for (const field of ['type', 'title', 'detail'] as const) {
    if (typeof value[field] !== 'string' || value[field] === '')
      violations.push(`"${field}" is not a non-empty string`);
  }
  if (value['status'] !== status) violations.push(`"status" is ${String(value['status'])}, not ${status}`);
  const errors = value['errors'];
  if (errors !== undefined || requireErrors) {
    if (!Array.isArray(errors) || errors.length === 0) violations.push('"errors" is not a non-empty list');
    else
      errors.forEach((e: unknown, i) => {
        if (!isRecord(e) || typeof e['path'] !== 'string' || typeof e['message'] !== 'string')
          violations.push(`errors[${i}] is not { path, message }: ${JSON.stringify(e)}`);
        else if (!isJsonPointer(e['path']))
          violations.push(`errors[${i}].path ${JSON.stringify(e['path'])} is not a JSON Pointer`);
      });
  }
  return violations;
}

/**
 * What is wrong with `response` as a problem response (empty when nothing is): its content type,
 * and its body by {@link problemBodyViolations}; 400 and 422 must name their bad fields.
 */
export function problemViolations(response: ResponseLike): string[] {
  const contentType = String(response.headers['content-type'] ?? '');
  const violations: string[] = [];
  if (!/^application\/problem\+json(;|$)/.test(contentType))
    violations.push(`content-type is "${contentType}", not application/problem+json`);
  let body: unknown;
  try {
    body = JSON.parse(response.text) as unknown;
  } catch {
    return [...violations, `the body is not JSON: ${response.text.slice(0, 200)}`];
  }
  const requireErrors = response.status === 400 || response.status === 422;
  return [...violations, ...problemBodyViolations(body, response.status, requireErrors)];
}

/**
 * Asserts that `response` is a problem with HTTP status `status`, and returns its body.
 * @example const problem = expectProblem(await http.get('/api/v1/nope'), 404);
 */
export function expectProblem(response: ResponseLike, status: number): Problem {
  expect({ status: response.status, violations: problemViolations(response) }).toEqual({
    status,
    violations: [],
  });
  return JSON.parse(response.text) as Problem;
}

/** The distinct `path`s of a problem's `errors`, sorted. */
export function errorPaths(problem: { errors?: FieldError[] }): string[] {
  return [...new Set((problem.errors ?? []).map((e) => e.path))].sort();
}
