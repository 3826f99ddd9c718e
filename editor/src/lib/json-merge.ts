/**
 * Three-way merge of two edits of one JSON document, figure by figure. `base` is what both sides
 * started from, `mine` what this official has, `theirs` what the server now holds. A figure changed
 * on one side only takes that side's value; a figure changed on both sides to different values is a
 * conflict for the official to decide: nothing either side typed is dropped silently.
 *
 * Objects are merged key by key and arrays element by element when all three have the same length;
 * an array whose length changed on either side is one figure (a list added to or removed from).
 */
export interface MergeConflict {
  /** JSON pointer of the figure, e.g. `/parameters/0/values/2/value`. */
  path: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  /** `theirs` with every change of `mine` that does not conflict; conflicts keep `theirs` for now. */
  merged: unknown;
  conflicts: MergeConflict[];
  /** Figures taken from `mine` without conflict. */
  applied: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural equality of JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]))
    );
  }
  return false;
}

const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** Merges `mine` and `theirs`, both edits of `base` (see the module comment). */
export function mergeJson(base: unknown, mine: unknown, theirs: unknown): MergeResult {
  const conflicts: MergeConflict[] = [];
  const applied: string[] = [];
  const walk = (b: unknown, m: unknown, t: unknown, path: string): unknown => {
    if (jsonEqual(m, b)) return t;
    if (jsonEqual(t, b) || jsonEqual(m, t)) {
      if (!jsonEqual(m, t)) applied.push(path);
      return m;
    }
    if (isObject(b) && isObject(m) && isObject(t)) {
      const out: Record<string, unknown> = {};
      const keys = [...new Set([...Object.keys(t), ...Object.keys(m), ...Object.keys(b)])];
      for (const key of keys) {
        const value = walk(b[key], m[key], t[key], `${path}/${escapeToken(key)}`);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    if (
      Array.isArray(b) &&
      Array.isArray(m) &&
      Array.isArray(t) &&
      b.length === m.length &&
      b.length === t.length
    ) {
      return b.map((_, i) => walk(b[i], m[i], t[i], `${path}/${i}`));
    }
    conflicts.push({ path, base: b, mine: m, theirs: t });
    return t;
  };
  const merged = walk(base, mine, theirs, '');
  return { merged, conflicts, applied };
}

/** A figure one side changed: where, what it was and what it is now. */
export interface FigureChange {
  path: string;
  base: unknown;
  value: unknown;
}

/**
 * Every figure `changed` differs from `base` in, as finely as {@link mergeJson} compares them
 * (objects key by key, arrays of the same length element by element); at most `limit`.
 */
export function changedFigures(base: unknown, changed: unknown, limit = 200): FigureChange[] {
  const found: FigureChange[] = [];
  const walk = (b: unknown, c: unknown, path: string): void => {
    if (found.length >= limit || jsonEqual(b, c)) return;
    if (isObject(b) && isObject(c)) {
      for (const key of new Set([...Object.keys(b), ...Object.keys(c)]))
        walk(b[key], c[key], `${path}/${escapeToken(key)}`);
    } else if (Array.isArray(b) && Array.isArray(c) && b.length === c.length) {
      b.forEach((_, i) => walk(b[i], c[i], `${path}/${i}`));
    } else found.push({ path, base: b, value: c });
  };
  walk(base, changed, '');
  return found;
}

/** Reads the value at a JSON pointer (undefined when absent). */
export function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = current[token];
    else return undefined;
  }
  return current;
}

/** A copy of `document` with the value at `pointer` replaced (or removed when `value` is undefined). */
export function withValueAt<T>(document: T, pointer: string, value: unknown): T {
  if (pointer === '') return value as T;
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
  const set = (node: unknown, i: number): unknown => {
    const token = tokens[i] as string;
    const last = i === tokens.length - 1;
    if (Array.isArray(node)) {
      const copy = [...node];
      const index = Number(token);
      if (last) {
        if (value === undefined) copy.splice(index, 1);
        else copy[index] = value;
      } else copy[index] = set(copy[index], i + 1);
      return copy;
    }
    const copy: Record<string, unknown> = isObject(node) ? { ...node } : {};
    if (last) {
      if (value === undefined) delete copy[token];
      else copy[token] = value;
    } else copy[token] = set(copy[token], i + 1);
    return copy;
  };
  return set(document, 0) as T;
}
