import { pointer, type FieldProblem } from '../errors';
import { MAX_CONDITION_DEPTH, MAX_DOCUMENT_DEPTH } from '../limits';

/** A visited value with a link to its parent, so a path is only built when it is reported. */
interface Visit {
  value: unknown;
  depth: number;
  token: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): string {
  const tokens: (string | number)[] = [];
  for (let v: Visit | null = visit; v && v.token !== null; v = v.parent) tokens.push(v.token);
  return pointer(...tokens.reverse());
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How deep a condition tree goes (a comparison is 1), looking no further than the limit + 1. */
function conditionDepth(root: unknown): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (!isRecord(value)) continue;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_CONDITION_DEPTH) return depth;
    for (const kind of ['all', 'any'] as const) {
      const list = value[kind];
      if (Array.isArray(list)) for (const c of list) stack.push({ value: c, depth: depth + 1 });
    }
    if (value['not'] !== undefined) stack.push({ value: value['not'], depth: depth + 1 });
  }
  return deepest;
}

/**
 * Checks the shape of a raw document before anything recursive reads it (the schema validator,
 * the rules engine, the content hash): rule conditions at most {@link MAX_CONDITION_DEPTH} deep and
 * no object or array nested more than {@link MAX_DOCUMENT_DEPTH} deep. Iterative and linear in the
 * size of the document; it never descends further than the limits.
 */
export function structureProblems(document: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const tooDeepConditions = new Set<unknown>();
  const rules = isRecord(document) ? document['rules'] : undefined;
  if (isRecord(rules))
    for (const scope of ['household', 'member'] as const) {
      const list = rules[scope];
      if (!Array.isArray(list)) continue;
      list.forEach((rule: unknown, i) => {
        if (!isRecord(rule) || conditionDepth(rule['conditions']) <= MAX_CONDITION_DEPTH) return;
        tooDeepConditions.add(rule['conditions']);
        problems.push({
          path: pointer('rules', scope, i, 'conditions'),
          message: `the conditions are nested more than ${MAX_CONDITION_DEPTH} deep ("all", "any", "not"); split the rule or decide parts of it with derived facts`,
          code: 'too-deep',
        });
      });
    }

  const stack: Visit[] = [{ value: document, depth: 1, token: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const { value, depth } = visit;
    if (typeof value !== 'object' || value === null || tooDeepConditions.has(value)) continue;
    if (depth > MAX_DOCUMENT_DEPTH) {
      problems.push({
        path: pathOf(visit),
        message: `is nested more than ${MAX_DOCUMENT_DEPTH} deep (objects and arrays)`,
        code: 'too-deep',
      });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, i): [number, unknown] => [i, item])
      : Object.entries(value);
    for (let k = entries.length - 1; k >= 0; k--) {
      const [token, child] = entries[k] as [string | number, unknown];
      if (typeof child === 'object' && child !== null)
        stack.push({ value: child, depth: depth + 1, token, parent: visit });
    }
  }
  return problems;
}
