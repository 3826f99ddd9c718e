import type { FieldProblem } from '../engine';

/**
 * Numbers a JSON document cannot carry: a literal such as `1e400` reads as Infinity, which jsonb
 * stores as null, silently changing stored content. Named by JSON Pointer; iterative; at most
 * `limit` problems. Framework-free: the engine workers use it.
 */
export function nonFiniteNumbers(document: unknown, limit = 100): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: document, path: '' }];
  while (stack.length > 0 && problems.length < limit) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    if (typeof value === 'number' && !Number.isFinite(value))
      problems.push({
        path,
        message: 'is a number too large to read exactly; write it as a decimal string, such as "1234.50"',
      });
    else if (typeof value === 'object' && value !== null)
      for (const [key, child] of Object.entries(value))
        stack.push({ value: child, path: `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
  }
  return problems;
}
