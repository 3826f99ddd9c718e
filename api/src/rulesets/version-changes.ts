import {
  compileVersion,
  type AcceptedTest,
  diffVersions,
  itemChanges,
  type ItemChanges,
  type ParameterChange,
  type RulesetVersion,
} from '../engine';

/**
 * At most this many parameter changes and items of each kind are listed in one audit entry, and a
 * summary is at most `characters` long as JSON (longer lists are cut further), so that it fits the
 * entry's 16 KB beside the rest of the entry's details.
 */
export const SUMMARY_LIMITS = { parameters: 60, items: 50, characters: 8000 } as const;

/** The most characters (as JSON) an edit's list of accepted test results takes in its audit entry. */
export const ACCEPTED_LIMIT_CHARACTERS = 7000;

/**
 * The accepted tests of an edit, for its audit entry: `tests` as chosen (`"all"` or the names), then
 * each accepted test whose expectations changed with its lines, totals and eligibility old → new,
 * for as many as fit ACCEPTED_LIMIT_CHARACTERS (`omitted` counts the others); a list of names too
 * long to fit is cut as well (`omittedNames` counts the names left out).
 */
export function boundAccepted(
  choice: 'all' | readonly string[],
  accepted: readonly AcceptedTest[],
): Record<string, unknown> {
  const names = choice === 'all' ? [] : [...choice];
  const changed = accepted.filter((a) => a.lines.length + a.totals.length + a.eligibility.length > 0);
  // Each change and each name is written as JSON once; the length of the entry for any cut follows
  // by arithmetic (a JSON array is its items' JSON joined by commas), so the work is linear.
  const head = JSON.stringify({ tests: choice === 'all' ? 'all' : names, changes: [] }).length;
  const changes = cutToFit(changed, head - 2, 'omitted', ACCEPTED_LIMIT_CHARACTERS);
  const result: Record<string, unknown> = {
    tests: choice === 'all' ? 'all' : names,
    changes: changed.slice(0, changes.kept),
  };
  if (changes.kept < changed.length) result['omitted'] = changed.length - changes.kept;
  if (choice === 'all' || changes.size <= ACCEPTED_LIMIT_CHARACTERS) return result;
  // Which tests were accepted matters most: the names are cut only when no change is left.
  const withoutNames = changes.size - jsonLength(names) + 2;
  const kept = cutToFit(names, withoutNames - 2, 'omittedNames', ACCEPTED_LIMIT_CHARACTERS).kept;
  result['tests'] = names.slice(0, kept);
  if (kept < names.length) result['omittedNames'] = names.length - kept;
  return result;
}

const jsonLength = (value: unknown): number => JSON.stringify(value).length;

/** The length of a JSON array of the first `count` items whose JSON lengths are `sizes`. */
function jsonArrayLength(sizes: readonly number[], count: number): number {
  let length = 2 + Math.max(count - 1, 0);
  for (let i = 0; i < count; i++) length += sizes[i]!;
  return length;
}

/**
 * How many of `items` (from the start) fit within `limit` characters, given the entry's length
 * `rest` without the array (the array is the entry's last-but-one field, followed by
 * `,"<countField>":<left out>` when any is left out), and the entry's length with them. The
 * fewest kept is none. Linear: each item is written as JSON once.
 */
function cutToFit(
  items: readonly unknown[],
  rest: number,
  countField: string,
  limit: number,
): { kept: number; size: number } {
  const sizes = items.map(jsonLength);
  // `,"<countField>":` before the count of items left out.
  const countLength = countField.length + 4;
  const total = (kept: number, arrayLength: number): number =>
    rest + arrayLength + (kept < items.length ? countLength + String(items.length - kept).length : 0);
  // The array's length with the first `kept` items, shrunk from all of them one item at a time.
  let kept = items.length;
  let arrayLength = jsonArrayLength(sizes, kept);
  while (kept > 0 && total(kept, arrayLength) > limit) {
    kept--;
    arrayLength -= sizes[kept]! + (kept > 0 ? 1 : 0);
  }
  return { kept, size: total(kept, arrayLength) };
}

/** Strips quotes and a weak prefix from an If-Match value. */
export function etagValue(header: string): string {
  return header
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

/**
 * What an edit changed: parameter values per jurisdiction (old → new) when both sides compile,
 * otherwise the parameters whose written content changed; every other kind of content by identifier.
 */
export interface ChangeSummary {
  parameters: ParameterChange[] | ItemChanges;
  rules: ItemChanges;
  benefits: ItemChanges;
  outcomes: ItemChanges;
  derived: ItemChanges;
  constraints: ItemChanges;
  /** By constraint id and jurisdiction (`id@jurisdiction`, or the id alone). */
  justifications: ItemChanges;
  /** Embedded tests, by name. */
  tests: ItemChanges;
  facts: ItemChanges;
  jurisdictions: ItemChanges;
  jurisdictionGroups: ItemChanges;
  /** Metadata fields (`title`, `description`, `effectiveFrom` …) and the format's own fields. */
  metadata: ItemChanges;
  /** Cited documents, by id. */
  sources: ItemChanges;
  note?: string;
}

const listLength = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/**
 * Keeps an audit entry small whatever the edit: lists longer than SUMMARY_LIMITS are cut; when the
 * summary is still longer than `SUMMARY_LIMITS.characters` as JSON, its longest list is halved until
 * it fits. `omitted` says how many entries of each list were left out; kinds without any change are
 * left out of the summary.
 */
export function boundChanges(changes: Partial<ChangeSummary>): Record<string, unknown> {
  const omitted: Record<string, number> = {};
  const lists = new Map<string, unknown[]>();
  const extra: Record<string, unknown> = {};
  const keep = (name: string, list: unknown[], limit: number) => {
    if (list.length > limit) omitted[name] = list.length - limit;
    lists.set(name, list.slice(0, limit));
  };
  for (const [name, value] of Object.entries(changes) as [string, unknown][]) {
    if (Array.isArray(value)) keep(name, value, SUMMARY_LIMITS.parameters);
    else if (value !== null && typeof value === 'object') {
      for (const [kind, ids] of Object.entries(value as Record<string, unknown[]>))
        keep(`${name}.${kind}`, ids, SUMMARY_LIMITS.items);
    } else extra[name] = value;
  }
  const build = (): Record<string, unknown> => {
    const bounded: Record<string, unknown> = {};
    for (const [name, list] of lists) {
      const [head, kind] = name.split('.') as [string, string | undefined];
      if (kind === undefined) bounded[head] = list;
      else bounded[head] = { ...((bounded[head] as object | undefined) ?? {}), [kind]: list };
    }
    for (const [name, value] of Object.entries(bounded)) {
      const entries = Array.isArray(value) ? value : Object.values(value as Record<string, unknown[]>).flat();
      if (entries.length === 0 && !Object.keys(omitted).some((o) => o.split('.')[0] === name))
        delete bounded[name];
    }
    Object.assign(bounded, extra);
    return Object.keys(omitted).length > 0 ? { ...bounded, omitted } : bounded;
  };
  let result = build();
  while (JSON.stringify(result).length > SUMMARY_LIMITS.characters) {
    const [name, longest] = [...lists].reduce((a, b) => (listLength(b[1]) > listLength(a[1]) ? b : a));
    if (longest.length === 0) break;
    const kept = Math.floor(longest.length / 2);
    omitted[name] = (omitted[name] ?? 0) + longest.length - kept;
    lists.set(name, longest.slice(0, kept));
    result = build();
  }
  return result;
}

const rulesOf = (d: RulesetVersion) => [
  ...d.rules.household.map((r) => ({ ...r, scope: 'household' })),
  ...d.rules.member.map((r) => ({ ...r, scope: 'member' })),
];
const factsOf = (d: RulesetVersion) => [
  ...d.facts.household.map((f) => ({ ...f, scope: 'household' })),
  ...d.facts.member.map((f) => ({ ...f, scope: 'member' })),
];
/**
 * Metadata fields and the document's own fields (format, the version's rounding and totals), as
 * [name, value] pairs (sources apart).
 */
const metadataOf = (d: RulesetVersion): [string, unknown][] => [
  ...Object.entries(d.metadata).filter(([k]) => k !== 'sources'),
  ['formatVersion', d.formatVersion],
  ['$schema', d.$schema ?? null],
  ['rounding', d.rounding ?? null],
  ['totals', d.totals ?? null],
];

/**
 * Everything an edit changed, by kind, from the documents as written (no compilation needed), and
 * parameter values per jurisdiction, old → new, when both sides compile (otherwise the parameters
 * whose written content changed, and a note saying so). Bounded in size (see {@link boundChanges}).
 */
export function summariseChanges(before: unknown, after: unknown): Record<string, unknown> {
  const a = before as RulesetVersion;
  const b = after as RulesetVersion;
  let parameters: ParameterChange[] | ItemChanges;
  let note: string | undefined;
  try {
    // Tests are left out of the compiled comparison: they do not change parameter values.
    const withoutTests = (content: RulesetVersion) => ({ ...content, tests: [] });
    parameters = diffVersions(compileVersion(withoutTests(a)), compileVersion(withoutTests(b))).parameters;
  } catch {
    parameters = itemChanges(a.parameters, b.parameters, (p) => p.key);
    note = 'one side does not compile yet, so parameters are compared as written, not value by value';
  }
  const summary: ChangeSummary = {
    parameters,
    rules: itemChanges(rulesOf(a), rulesOf(b), (r) => `${r.scope}:${r.name}`),
    benefits: itemChanges(a.benefits, b.benefits, (x) => x.code),
    outcomes: itemChanges(a.outcomes, b.outcomes, (x) => x.name),
    derived: itemChanges(a.derived, b.derived, (x) => `${x.scope}:${x.name}`),
    constraints: itemChanges(a.constraints, b.constraints, (x) => x.id),
    justifications: itemChanges(a.justifications ?? [], b.justifications ?? [], (j) =>
      j.jurisdiction ? `${j.constraint}@${j.jurisdiction}` : j.constraint,
    ),
    tests: itemChanges(a.tests, b.tests, (t) => t.name),
    facts: itemChanges(factsOf(a), factsOf(b), (f) => `${f.scope}:${f.name}`),
    jurisdictions: itemChanges(a.jurisdictions, b.jurisdictions, (j) => j.code),
    jurisdictionGroups: itemChanges(a.jurisdictionGroups, b.jurisdictionGroups, (g) => g.id),
    metadata: itemChanges(metadataOf(a), metadataOf(b), ([k]) => k),
    sources: itemChanges(a.metadata.sources, b.metadata.sources, (s) => s.id),
    ...(note ? { note } : {}),
  };
  return boundChanges(summary);
}
