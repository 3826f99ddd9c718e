import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { jsonEqual } from '@/lib/json-merge';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The JSON pointers of every figure that differs between `base` and `working`: objects key by key,
 * arrays item by item when both have the same length (otherwise the whole list is one figure).
 */
export function changedFigures(base: unknown, working: unknown, path = ''): string[] {
  if (jsonEqual(base, working)) return [];
  if (isObject(base) && isObject(working)) {
    const keys = [...new Set([...Object.keys(base), ...Object.keys(working)])];
    return keys.flatMap((k) => changedFigures(base[k], working[k], `${path}/${escapeToken(k)}`));
  }
  if (Array.isArray(base) && Array.isArray(working) && base.length === working.length)
    return base.flatMap((b, i) => changedFigures(b, working[i], `${path}/${i}`));
  return [path];
}

/** Words for the parts of a document the merge dialog and the history name. */
export interface FigureWords {
  /** A jurisdiction code or group id → its name in the current language. */
  place: (code: string) => string;
  /** A field name (`value`, `formula`, `source` …) → its name, or the name itself. */
  field: (name: string) => string;
  /** Said of a value that applies everywhere (no `for`). */
  everywhere: string;
}

/** The name of a jurisdiction code or group id in `document`, or the code itself. */
export function placeName(document: RulesetVersion | undefined, code: string, language: string): string {
  const pick = (n: { zh: string; en: string }) => (language === 'en' ? n.en : n.zh);
  const j = document?.jurisdictions.find((x) => x.code === code);
  if (j) return pick(j.name);
  const g = document?.jurisdictionGroups.find((x) => x.id === code);
  return g ? pick(g.name) : code;
}

/**
 * A JSON pointer into a version in words, from the document's own labels: a parameter value is
 * "parameter label · place · field" (e.g. "农村低保标准 · 房县 · 数值"); any other labelled item is
 * its label and the rest of the path; anything else is the pointer itself.
 */
export function describePointer(
  document: RulesetVersion | undefined,
  pointer: string,
  language: string,
  words: FigureWords,
): string {
  if (!document || pointer === '') return pointer || '/';
  const tokens = pointer.slice(1).split('/').map(unescapeToken);
  const pick = (n: { zh: string; en: string }) => (language === 'en' ? n.en : n.zh);
  if (tokens[0] === 'parameters' && tokens[1] !== undefined) {
    const parameter = document.parameters[Number(tokens[1])];
    if (!parameter) return pointer;
    const parts = [pick(parameter.label)];
    if (tokens[2] === 'values' && tokens[3] !== undefined) {
      const value = parameter.values[Number(tokens[3])];
      parts.push(value?.for ? words.place(value.for) : words.everywhere);
      parts.push(...tokens.slice(4).map(words.field));
    } else parts.push(...tokens.slice(2).map(words.field));
    return parts.join(' · ');
  }
  if (tokens[0] === 'metadata' && tokens[1])
    return [words.field('metadata'), ...tokens.slice(1).map(words.field)].join(' · ');
  const list = (document as unknown as Record<string, unknown>)[tokens[0] ?? ''];
  const item = Array.isArray(list) ? (list[Number(tokens[1])] as unknown) : undefined;
  if (isObject(item) && isObject(item.label) && typeof item.label.zh === 'string') {
    const label = pick(item.label as { zh: string; en: string });
    return [label, ...tokens.slice(2).map(words.field)].join(' · ');
  }
  return pointer;
}

/** A figure's value as the official reads it: text as is, other JSON written out, none as `none`. */
export function showFigure(value: unknown, none: string): string {
  if (value === undefined || value === null) return none;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
