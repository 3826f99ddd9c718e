import { difference, formatSigned, percentChange } from '@/lib/money';
import type { ParameterChange } from '@engine/diff';
import type { ParameterT, RulesetVersion } from '@engine/schema/ruleset.schema';
import Decimal from 'decimal.js';
import type { Bilingual } from '@/types/api';

/** Where a row of changed standards applies. */
export type Place =
  | { kind: 'everywhere' }
  | { kind: 'group'; id: string; name: Bilingual }
  | { kind: 'jurisdiction'; code: string; name: Bilingual | null };

/** A scheme heading (低保, 特困…) from the documents' `parameterGroups`, or "other" (`id` null). */
export interface Scheme {
  id: string | null;
  label: Bilingual | null;
}

/** One changed standard in one place: labels from the documents, figures as decimal strings. */
export interface ChangeRow {
  key: string;
  parameter: string;
  label: Bilingual | null;
  unit: ParameterT['unit'] | null;
  scheme: Scheme;
  place: Place;
  old: string | null;
  new: string | null;
  /** new − old, e.g. "30.00" or "-10.00"; null when either is missing. */
  change: string | null;
  /** The change in percent of old, one decimal (half up), e.g. "8.0"; null when old is 0 or missing. */
  percent: string | null;
}

/** The scheme of a parameter key: the first group with a prefix that is whole leading segments. */
export function schemeOf(key: string, groups: RulesetVersion['parameterGroups']): Scheme {
  const group = (groups ?? []).find((g) =>
    g.prefixes.some((prefix) => key === prefix || key.startsWith(`${prefix}.`)),
  );
  return group ? { id: group.id, label: group.label } : { id: null, label: null };
}

const decimalOf = (value: string | null): Decimal | null => {
  if (value === null) return null;
  try {
    return new Decimal(value);
  } catch {
    return null;
  }
};

/** new − old and the percentage of old (one decimal, half up), computed exactly from the strings. */
export function changeOf(change: Pick<ParameterChange, 'old' | 'new' | 'change'>): {
  change: string | null;
  percent: string | null;
} {
  const oldValue = decimalOf(change.old);
  const newValue = decimalOf(change.new);
  if (!oldValue || !newValue) return { change: null, percent: null };
  const change_ = difference(change.old as string, change.new as string);
  const percent = percentChange(change.old as string, change.new as string);
  return {
    change: change.change ?? change_.toFixed(Math.max(2, change_.decimalPlaces())),
    percent: percent === null ? null : percent.toFixed(1),
  };
}

/** "+30.00" / "−10.00" / "0.00": the sign always written, the places kept. */
export function signed(value: string): string {
  return formatSigned(value, 0);
}

/** -1, 0 or 1 for a decimal string (0 for null). */
export function signOf(value: string | null): number {
  return value === null ? 0 : new Decimal(value).comparedTo(0);
}

interface Lookup {
  parameters: Map<string, ParameterT>;
  parameterOrder: string[];
  jurisdictions: Map<string, { name: Bilingual; groups: string[] }>;
  jurisdictionOrder: string[];
  groups: { id: string; name: Bilingual }[];
  parameterGroups: RulesetVersion['parameterGroups'];
}

/** Labels from both documents, the newer winning; orders from the newer, then the older's leftovers. */
function lookup(from: RulesetVersion | undefined, to: RulesetVersion | undefined): Lookup {
  const docs = [from, to].filter((d): d is RulesetVersion => !!d);
  const parameters = new Map<string, ParameterT>();
  const jurisdictions = new Map<string, { name: Bilingual; groups: string[] }>();
  const groups = new Map<string, { id: string; name: Bilingual }>();
  for (const doc of docs) {
    doc.parameters.forEach((p) => parameters.set(p.key, p));
    doc.jurisdictions.forEach((j) => jurisdictions.set(j.code, { name: j.name, groups: j.groups }));
    doc.jurisdictionGroups.forEach((g) => groups.set(g.id, g));
  }
  const ordered = <T>(pick: (d: RulesetVersion) => T[]) => [...new Set([...docs].reverse().flatMap(pick))];
  return {
    parameters,
    parameterOrder: ordered((d) => d.parameters.map((p) => p.key)),
    jurisdictions,
    jurisdictionOrder: ordered((d) => d.jurisdictions.map((j) => j.code)),
    groups: ordered((d) => d.jurisdictionGroups.map((g) => g.id)).map((id) => groups.get(id)!),
    parameterGroups: to?.parameterGroups ?? from?.parameterGroups,
  };
}

const sameFigures = (a: ParameterChange, b: ParameterChange) => a.old === b.old && a.new === b.new;

/**
 * Places for one parameter's changes: every place at once (全市) when every jurisdiction changed
 * alike, else a jurisdiction group when all its members changed alike, else each jurisdiction.
 */
function placesOf(changes: ParameterChange[], look: Lookup, merge: boolean): [Place, ParameterChange][] {
  const everywhere = changes.find((c) => c.jurisdiction === null);
  if (everywhere) return [[{ kind: 'everywhere' }, everywhere]];
  const byCode = new Map(changes.map((c) => [c.jurisdiction as string, c]));
  const codes = look.jurisdictionOrder.filter((c) => byCode.has(c));
  codes.push(...[...byCode.keys()].filter((c) => !codes.includes(c)));
  const alike = (members: string[]) =>
    members.length > 0 &&
    members.every((m) => byCode.has(m) && sameFigures(byCode.get(m)!, byCode.get(members[0]!)!));
  if (merge && codes.length > 1 && codes.length === look.jurisdictionOrder.length && alike(codes))
    return [[{ kind: 'everywhere' }, byCode.get(codes[0]!)!]];
  const rows: [Place, ParameterChange][] = [];
  const left = new Set(codes);
  if (merge)
    for (const group of look.groups) {
      const members = look.jurisdictionOrder.filter((c) =>
        look.jurisdictions.get(c)?.groups.includes(group.id),
      );
      if (members.length > 1 && members.every((m) => left.has(m)) && alike(members)) {
        rows.push([{ kind: 'group', id: group.id, name: group.name }, byCode.get(members[0]!)!]);
        members.forEach((m) => left.delete(m));
      }
    }
  for (const code of codes)
    if (left.has(code))
      rows.push([
        { kind: 'jurisdiction', code, name: look.jurisdictions.get(code)?.name ?? null },
        byCode.get(code)!,
      ]);
  return rows;
}

/**
 * The table of changed standards: one row per changed parameter per place, ordered by scheme (as
 * the documents list them, "other" last), then parameter (as the newer document lists them). With
 * `merge`, jurisdictions that changed alike share one row (their group, or 全市).
 */
export function changeRows(
  changes: ParameterChange[],
  from: RulesetVersion | undefined,
  to: RulesetVersion | undefined,
  merge = true,
): ChangeRow[] {
  const look = lookup(from, to);
  const byParameter = new Map<string, ParameterChange[]>();
  for (const change of changes)
    byParameter.set(change.parameter, [...(byParameter.get(change.parameter) ?? []), change]);
  const schemeIds = (look.parameterGroups ?? []).map((g) => g.id);
  const schemeRank = (s: Scheme) => (s.id === null ? schemeIds.length : schemeIds.indexOf(s.id));
  const paramRank = (k: string) => {
    const i = look.parameterOrder.indexOf(k);
    return i < 0 ? look.parameterOrder.length : i;
  };
  const keys = [...byParameter.keys()]
    .map((key) => ({ key, scheme: schemeOf(key, look.parameterGroups) }))
    .sort((a, b) => schemeRank(a.scheme) - schemeRank(b.scheme) || paramRank(a.key) - paramRank(b.key));
  return keys.flatMap(({ key, scheme }) => {
    const parameter = look.parameters.get(key);
    return placesOf(byParameter.get(key)!, look, merge).map(([place, change]) => ({
      key: `${key}@${place.kind === 'everywhere' ? '*' : place.kind === 'group' ? `g:${place.id}` : place.code}`,
      parameter: key,
      label: parameter?.label ?? null,
      unit: parameter?.unit ?? null,
      scheme,
      place,
      old: change.old,
      new: change.new,
      ...changeOf(change),
    }));
  });
}

/** The schemes that appear in `rows`, in row order. */
export function schemesOf(rows: ChangeRow[]): Scheme[] {
  const seen = new Map<string, Scheme>();
  rows.forEach((r) => seen.set(r.scheme.id ?? '', r.scheme));
  return [...seen.values()];
}
