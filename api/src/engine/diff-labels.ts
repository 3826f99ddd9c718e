import type { Bilingual } from './messages';
import type { CompiledVersion } from './model/compile-version';
import type { ParameterT } from './schema/ruleset.schema';

/** How each parameter unit is named in a table header or beside a value. */
export const UNIT_LABELS: Readonly<Record<ParameterT['unit'], Bilingual>> = {
  'yuan/month': { zh: '元/月', en: 'yuan/month' },
  'yuan/year': { zh: '元/年', en: 'yuan/year' },
  yuan: { zh: '元(一次性)', en: 'yuan (one-off)' },
  ratio: { zh: '比例', en: 'ratio' },
  years: { zh: '年', en: 'years' },
  months: { zh: '个月', en: 'months' },
  count: { zh: '个', en: 'count' },
};

/**
 * The names a diff of two versions needs to be shown without the documents, taken from the newer
 * version (`to`) and, for what only the older one has (removed items), from the older: each
 * parameter's label and unit, each jurisdiction's name and groups, each group's name, each unit's
 * name, each benefit's and each constraint's label.
 */
export interface DiffLabels {
  parameters: Record<string, { label: Bilingual; unit: ParameterT['unit'] }>;
  jurisdictions: Record<string, { name: Bilingual; groups: string[] }>;
  groups: Record<string, { name: Bilingual }>;
  units: Record<string, Bilingual>;
  benefits: Record<string, { label: Bilingual }>;
  constraints: Record<string, { label: Bilingual }>;
}

const both = (text: Bilingual): Bilingual => ({ zh: text.zh, en: text.en });

/**
 * Entries of `items` of both versions by their identifier, the newer's winning; built with
 * Object.fromEntries (own properties only: no identifier can reach a prototype).
 */
function byId<T, V>(older: readonly T[], newer: readonly T[], idOf: (x: T) => string, view: (x: T) => V) {
  const entries = new Map<string, V>();
  for (const item of [...older, ...newer]) entries.set(idOf(item), view(item));
  return Object.fromEntries(entries) as Record<string, V>;
}

/** The labels of a diff from `a` to `b` (see {@link DiffLabels}). */
export function diffLabels(a: CompiledVersion, b: CompiledVersion): DiffLabels {
  const [da, db] = [a.document, b.document];
  const parameters = byId(
    da.parameters,
    db.parameters,
    (p) => p.key,
    (p) => ({ label: both(p.label), unit: p.unit }),
  );
  const units = new Set(Object.values(parameters).map((p) => p.unit));
  return {
    parameters,
    jurisdictions: byId(
      da.jurisdictions,
      db.jurisdictions,
      (j) => j.code,
      (j) => ({ name: both(j.name), groups: [...j.groups] }),
    ),
    groups: byId(
      da.jurisdictionGroups,
      db.jurisdictionGroups,
      (g) => g.id,
      (g) => ({ name: both(g.name) }),
    ),
    units: Object.fromEntries(
      (Object.keys(UNIT_LABELS) as ParameterT['unit'][])
        .filter((u) => units.has(u))
        .map((u) => [u, UNIT_LABELS[u]]),
    ),
    benefits: byId(
      da.benefits,
      db.benefits,
      (x) => x.code,
      (x) => ({ label: both(x.label) }),
    ),
    constraints: byId(
      da.constraints,
      db.constraints,
      (x) => x.id,
      (x) => ({ label: both(x.label) }),
    ),
  };
}
