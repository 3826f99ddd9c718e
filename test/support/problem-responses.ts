import type { Response } from 'supertest';

/** One named bad field of a problem response. */
export interface FieldProblemBody {
  path: string;
  message: string;
  [extra: string]: unknown;
}

/** An RFC 9457 problem details body, as the service sends it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblemBody[];
}

/** The Authorization header for a login access token or an API key. */
export const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

/** A stack frame as Node prints it ("    at fn (/app/file.ts:12:5)"), which no response may leak. */
const STACK_FRAME = /(\n\s+at\s)|(\bat\s.*\.[cm]?[jt]sx?:\d+:\d+)/;

/**
 * Checks that `response` is a problem details response with `status` (content type, body fields,
 * no stack trace) and returns its body.
 */
export function expectProblem(response: Response, status: number): ProblemBody {
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${response.text.slice(0, 500)}`);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(response.text) as ProblemBody;
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^https?:\/\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
  expectNoStackTrace(response);
  return body;
}

/** Checks that a response body carries no stack trace. */
export function expectNoStackTrace(response: Response): void {
  expect(response.text).not.toMatch(STACK_FRAME);
  expect(response.text).not.toMatch(/\\n\s+at\s/);
  expect(response.text).not.toMatch(/"stack"\s*:/);
}
