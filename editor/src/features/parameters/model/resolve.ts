import type {
  ParameterGroupT,
  ParameterT,
  ParameterValueT,
  RulesetVersion,
} from '@engine/schema/ruleset.schema';

/** Where a value entry applies: everywhere (全市), a jurisdiction group, or one jurisdiction. */
export type CellTarget =
  { kind: 'city' } | { kind: 'group'; id: string } | { kind: 'jurisdiction'; code: string };

/** The `for` of a value entry written at `target` (undefined: the entry for everywhere). */
export const forOf = (target: CellTarget): string | undefined =>
  target.kind === 'city' ? undefined : target.kind === 'group' ? target.id : target.code;

/** A stable id of one cell of the grid: `<parameter key>|<for, or * for 全市>`. */
export const cellId = (key: string, target: CellTarget): string => `${key}|${forOf(target) ?? '*'}`;

/** The value entry of `parameter` written exactly at `target`, with its index, if any. */
export function entryAt(
  parameter: ParameterT,
  target: CellTarget,
): { entry: ParameterValueT; index: number } | undefined {
  const wanted = forOf(target);
  const index = parameter.values.findIndex((v) => v.for === wanted);
  const entry = parameter.values[index];
  return entry ? { entry, index } : undefined;
}

/** How an applicable entry was found: written for the place itself, its group, or everywhere. */
export type Level = 'own' | 'group' | 'city';

export interface Applicable {
  entry: ParameterValueT;
  index: number;
  level: Level;
  /** The group id the value is inherited from, when level is 'group'. */
  groupId?: string;
}

/**
 * The value entry that applies to a jurisdiction: its own `for` entry, else the entry of its first
 * group that has one, else the entry without `for`. Undefined when none applies.
 */
export function applicableEntry(
  parameter: ParameterT,
  code: string,
  groupsOfJurisdiction: readonly string[],
): Applicable | undefined {
  const own = entryAt(parameter, { kind: 'jurisdiction', code });
  if (own) return { ...own, level: 'own' };
  for (const id of groupsOfJurisdiction) {
    const group = entryAt(parameter, { kind: 'group', id });
    if (group) return { ...group, level: 'group', groupId: id };
  }
  const city = entryAt(parameter, { kind: 'city' });
  return city ? { ...city, level: 'city' } : undefined;
}

/** The entry that applies to a group cell: the group's own entry, else the entry for everywhere. */
export function applicableToGroup(parameter: ParameterT, id: string): Applicable | undefined {
  const own = entryAt(parameter, { kind: 'group', id });
  if (own) return { ...own, level: 'own' };
  const city = entryAt(parameter, { kind: 'city' });
  return city ? { ...city, level: 'city' } : undefined;
}

/** The entry that applies to `target` in `document` (undefined when the parameter or entry is absent). */
export function applicableAt(
  document: RulesetVersion,
  parameter: ParameterT,
  target: CellTarget,
): Applicable | undefined {
  if (target.kind === 'city') {
    const city = entryAt(parameter, target);
    return city ? { ...city, level: 'own' } : undefined;
  }
  if (target.kind === 'group') return applicableToGroup(parameter, target.id);
  const groups = document.jurisdictions.find((j) => j.code === target.code)?.groups ?? [];
  return applicableEntry(parameter, target.code, groups);
}

/** Values per jurisdiction code and parameter key (decimal strings), as the API answers them. */
export type ParameterValues = Record<string, Record<string, string>>;

/**
 * The value of `parameter` at `target`: the applicable literal entry's value (exact, and current
 * while an answer for the latest typing is on its way); for a jurisdiction whose entry is a
 * formula, the computed value from `values` (the API's answer).
 */
export function valueAt(
  document: RulesetVersion,
  parameter: ParameterT,
  target: CellTarget,
  values: ParameterValues | null | undefined,
): string | undefined {
  const literal = applicableAt(document, parameter, target)?.entry.value;
  if (literal !== undefined || target.kind !== 'jurisdiction') return literal;
  return values?.[target.code]?.[parameter.key];
}

/**
 * The scheme (parameter group) a key belongs to: the first group one of whose prefixes is a whole
 * leading segment run of the key (`dibao` claims `dibao.standard.rural`, not `dibaoX.y`).
 */
export function schemeOf(groups: readonly ParameterGroupT[] | undefined, key: string): string | undefined {
  return (groups ?? []).find((g) => g.prefixes.some((p) => key === p || key.startsWith(`${p}.`)))?.id;
}

/** The id used for parameters no scheme claims (shown as 其他 / Other). */
export const OTHER_SCHEME = '__other__';

/** The parameters of each scheme, in the document's order; unclaimed ones last under OTHER_SCHEME. */
export function parametersByScheme(
  document: RulesetVersion,
): { id: string; group: ParameterGroupT | undefined; parameters: ParameterT[] }[] {
  const sections = (document.parameterGroups ?? []).map((group) => ({
    id: group.id,
    group: group as ParameterGroupT | undefined,
    parameters: [] as ParameterT[],
  }));
  const other = { id: OTHER_SCHEME, group: undefined, parameters: [] as ParameterT[] };
  for (const parameter of document.parameters) {
    const id = schemeOf(document.parameterGroups, parameter.key);
    (sections.find((s) => s.id === id) ?? other).parameters.push(parameter);
  }
  return [...sections, other].filter((s) => s.parameters.length > 0);
}

/** The jurisdiction columns: each group with its jurisdictions (a jurisdiction under its first group). */
export function jurisdictionColumns(document: RulesetVersion): {
  group: { id: string; name: { zh: string; en: string } } | null;
  jurisdictions: RulesetVersion['jurisdictions'];
}[] {
  const columns = document.jurisdictionGroups.map((group) => ({
    group: group as { id: string; name: { zh: string; en: string } } | null,
    jurisdictions: document.jurisdictions.filter((j) => j.groups[0] === group.id),
  }));
  const ungrouped = document.jurisdictions.filter(
    (j) => !document.jurisdictionGroups.some((g) => g.id === j.groups[0]),
  );
  if (ungrouped.length) columns.push({ group: null, jurisdictions: ungrouped });
  return columns.filter((c) => c.jurisdictions.length > 0 || c.group);
}
