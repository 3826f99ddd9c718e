/** Mutations: changes to a JSON body at a place, each making the body invalid, and JSON Pointers to them. */
import fc from 'fast-check';

import { type ExpectedPath, type KnownBugExclusions, SHAPE_DEPTH } from './types';
import { serialiseBody, unknownName } from './values';

/** JSON Pointer of `tokens` (RFC 6901). */
const pointer = (tokens: readonly (string | number)[]): string =>
  tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** One change to a body. */
export interface Mutation {
  /** Where it changes the body. */
  at: (string | number)[];
  /** `undefined` deletes the field. */
  value: unknown;
  /** What the problem must name, if anything. */
  expected?: ExpectedPath;
  description: string;
}

export const describeValue = (value: unknown): string => {
  const text = serialiseBody(value);
  return text.length > 60 ? `${text.slice(0, 57)}… (${text.length} chars)` : text;
};

export const setField = (
  at: (string | number)[],
  value: unknown,
  expected?: ExpectedPath['type'],
  stage?: number,
): Mutation => ({
  at,
  value,
  description: value === undefined ? `delete ${pointer(at)}` : `${pointer(at)} = ${describeValue(value)}`,
  ...(expected
    ? { expected: { path: pointer(at), type: expected, ...(stage === undefined ? {} : { stage }) } }
    : {}),
});

/** Stages of version-content checks (see ExpectedPath.stage). */
export const FORMAT_STAGE = 0;
export const SCHEMA_STAGE = 1;
export const URL_MATCH_STAGE = 2;

/** `at` relative to the household, reported relative to the household too. */
export const householdField = (at: (string | number)[], value: unknown): Mutation => ({
  at: ['household', ...at],
  value,
  description: `household${pointer(at)} ${value === undefined ? 'deleted' : `= ${describeValue(value)}`}`,
  expected: { path: pointer(at), type: 'invalid-input' },
});

/** Whether two places overlap (one is the other or inside it). */
const overlaps = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
};

/** How deeply `value` nests (0 for a scalar), without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (v !== null && typeof v === 'object')
      for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A NUL or a lone UTF-16 surrogate: text the service refuses on its shape (README, request bodies). */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The same in JSON text, where JSON.stringify escapes both (`\u0000`, `\ud800`). */
const UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** Whether a mutation carries a NUL character or a lone surrogate, or nests deeper than SHAPE_DEPTH. */
const isShapeHazard = (m: Mutation): boolean =>
  m.at.some((t) => UNSTORABLE.test(String(t))) ||
  (m.value !== undefined &&
    (UNSTORABLE_ESCAPE.test(serialiseBody(m.value)) || depthOf(m.value) + m.at.length > SHAPE_DEPTH));

/** Applies the mutations that do not overlap an earlier one to a copy of `base`. */
export function applyMutations(
  base: unknown,
  mutations: Mutation[],
): { body: unknown; applied: Mutation[]; shapeHazard: boolean } {
  const applied: Mutation[] = [];
  for (const m of mutations) if (!applied.some((a) => overlaps(a.at, m.at))) applied.push(m);
  let body: unknown = structuredClone(base);
  for (const m of applied) {
    if (m.at.length === 0) {
      body = m.value;
      continue;
    }
    let parent = body as Record<string, unknown>;
    for (const token of m.at.slice(0, -1)) parent = parent[String(token)] as Record<string, unknown>;
    const last = String(m.at[m.at.length - 1]);
    if (m.value === undefined) delete parent[last];
    // defineProperty makes "__proto__" an own field that JSON.stringify sends, not a prototype change.
    else
      Object.defineProperty(parent, last, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return { body, applied, shapeHazard: applied.some(isShapeHazard) };
}

/** A field of a request DTO and the values that are wrong for it. */
export interface FieldSpec {
  name: string;
  /** Optional fields accept null and absence. */
  optional?: boolean;
  wrong: fc.Arbitrary<unknown>;
}

/** Mutations of a request DTO's fields: wrong values, missing required fields, unknown fields. */
export function dtoMutation(fields: FieldSpec[], exclusions: KnownBugExclusions): fc.Arbitrary<Mutation> {
  const known = fields.map((f) => f.name);
  return fc.oneof(
    ...fields.map((f) => f.wrong.map((value) => setField([f.name], value, 'invalid-request'))),
    ...fields
      .filter((f) => !f.optional)
      .map((f) =>
        fc.constantFrom(undefined, null).map((value) => setField([f.name], value, 'invalid-request')),
      ),
    fc
      .tuple(unknownName(known, exclusions), fc.jsonValue({ maxDepth: 2 }))
      .map(([name, value]) => setField([name], value, 'invalid-request')),
  );
}

/** Replaces the whole body by something that is not an object. */
export const notAnObjectBody: fc.Arbitrary<Mutation> = fc
  .constantFrom<unknown>([], [1, 2], ['a'], [{}], 'body', 42, true, null)
  .map((value) => ({ at: [], value, description: `body = ${describeValue(value)}` }));

/** One to three mutations of a DTO (never none: the body is always wrong). */
export const someMutations = (mutation: fc.Arbitrary<Mutation>): fc.Arbitrary<Mutation[]> =>
  fc.array(mutation, { minLength: 1, maxLength: 3 });
