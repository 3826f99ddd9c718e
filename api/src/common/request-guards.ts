import type { NextFunction, Request, Response } from 'express';
import type { FieldProblem } from '../engine';
import { toProblem } from './problem-details.filter';
import { RequestValidationError } from './validation';

/** Deeper than any ruleset or household needs; deeper bodies are refused before validation. */
export const MAX_BODY_DEPTH = 40;

/**
 * Finds what no handler should see: nesting deeper than MAX_BODY_DEPTH (validation recurses)
 * and NUL characters (PostgreSQL text cannot hold them). Iterative, so a hostile body cannot
 * overflow the stack here either.
 */
export function bodyShapeProblems(body: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'string') {
      if (value.includes('\u0000')) problems.push({ path, message: 'must not contain NUL characters' });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      problems.push({ path, message: `is nested too deeply (more than ${MAX_BODY_DEPTH} levels)` });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key.includes('\u0000'))
        problems.push({ path: childPath, message: 'field names must not contain NUL characters' });
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return problems;
}

/** Express middleware: refuses URLs and bodies the handlers must never see, as problem details. */
export function guardRequestShape(req: Request, res: Response, next: NextFunction): void {
  let problems: FieldProblem[] = [];
  if (/%00/i.test(req.originalUrl) || req.originalUrl.includes('\u0000'))
    problems = [{ path: '', message: 'the URL must not contain NUL characters' }];
  else
    problems = [
      ...bodyShapeProblems(req.query),
      ...(req.body !== undefined ? bodyShapeProblems(req.body) : []),
    ];
  if (problems.length === 0) return next();
  const problem = toProblem(new RequestValidationError(problems), req.originalUrl);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
