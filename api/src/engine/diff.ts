import { canonicalJson } from './content-hash';
import { Decimal, formatAtLeastTwoPlaces, inDomain } from './decimal';
import type { CompiledVersion } from './model/compile-version';
import type { RoundingT, TotalsT } from './schema/ruleset.schema';

/** One parameter value that differs between two versions in one place. */
export interface ParameterChange {
  parameter: string;
  /** The jurisdiction, or null for a parameter that is the same everywhere. */
  jurisdiction: string | null;
  old: string | null;
  new: string | null;
  /** new − old, when both exist and the difference is inside the numeric domain (|x| ≤ 10^15). */
  change: string | null;
  /**
   * The change in percent of old, two decimals, when both exist, old is not zero and the
   * percentage is inside the numeric domain (|x| ≤ 10^15).
   */
  changePercent: string | null;
}

/** Items of one kind added, removed or changed, by their identifier. */
export interface ItemChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/**
 * A version-level setting that differs between two versions: how benefit lines are rounded
 * (`rounding`), how the annual total is formed (`totals`), or until when the figures are expected
 * to hold (`reviewBy`, from the metadata). `old` and `new` are the settings as the documents write
 * them (their source included); `reviewBy` is null in a version that has none.
 */
export type SettingChange =
  | { setting: 'rounding'; old: RoundingT; new: RoundingT }
  | { setting: 'totals'; old: TotalsT; new: TotalsT }
  | { setting: 'reviewBy'; old: string | null; new: string | null };

/** What changed from one version to another, in the policy's terms. */
export interface VersionDiff {
  from: { version: string; effectiveFrom: string; contentHash: string };
  to: { version: string; effectiveFrom: string; contentHash: string };
  parameters: ParameterChange[];
  rules: ItemChanges;
  benefits: ItemChanges;
  outcomes: ItemChanges;
  derived: ItemChanges;
  constraints: ItemChanges;
  facts: ItemChanges;
  jurisdictions: ItemChanges;
  /** The version-level settings that changed (rounding, totals, reviewBy), in that order; empty when none did. */
  settings: SettingChange[];
}

/**
 * The items of one kind added, removed or changed (their canonical JSON differs), by identifier.
 * @example itemChanges([{ id: 'a', v: 1 }], [{ id: 'a', v: 2 }], (x) => x.id) // { added: [], removed: [], changed: ['a'] }
 */
export function itemChanges<T>(a: readonly T[], b: readonly T[], idOf: (item: T) => string): ItemChanges {
  const before = new Map(a.map((x) => [idOf(x), canonicalJson(x)]));
  const after = new Map(b.map((x) => [idOf(x), canonicalJson(x)]));
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
  };
}

/**
 * The semantic diff of two versions: every resolved parameter value that changed, per jurisdiction
 * (or once, for parameters that are the same everywhere), and the rules, benefits, outcomes,
 * derived facts, constraints, facts and jurisdictions added, removed or changed, and the
 * version-level settings (rounding, totals, metadata.reviewBy) that changed.
 * @example diffVersions(v2019, v2020).parameters[0] // { parameter: 'dibao.standard.rural', jurisdiction: '420302', old: '418.00', new: '456.00', … }
 */
export function diffVersions(a: CompiledVersion, b: CompiledVersion): VersionDiff {
  const parameters: ParameterChange[] = [];
  const keys = [...new Set([...a.parameters.keys(), ...b.parameters.keys()])];
  const codes = [...new Set([...a.jurisdictions.keys(), ...b.jurisdictions.keys()])];
  for (const key of keys) {
    const perPlace = a.parameters.get(key)?.byJurisdiction || b.parameters.get(key)?.byJurisdiction;
    // A parameter that is the same everywhere is read in one of each version's own places.
    const anywhereA = [...a.jurisdictions.keys()][0] as string;
    const anywhereB = [...b.jurisdictions.keys()][0] as string;
    for (const code of perPlace ? codes : [null]) {
      const oldValue = a.parameters.has(key)
        ? a.resolvedParameters.get(code ?? anywhereA)?.get(key)
        : undefined;
      const newValue = b.parameters.has(key)
        ? b.resolvedParameters.get(code ?? anywhereB)?.get(key)
        : undefined;
      if (oldValue && newValue && oldValue.eq(newValue)) continue;
      if (!oldValue && !newValue) continue;
      const change = oldValue && newValue ? newValue.minus(oldValue) : null;
      const percent =
        change && oldValue && !oldValue.isZero()
          ? change.div(oldValue).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
          : null;
      parameters.push({
        parameter: key,
        jurisdiction: code,
        old: oldValue ? formatAtLeastTwoPlaces(oldValue) : null,
        new: newValue ? formatAtLeastTwoPlaces(newValue) : null,
        change: change && inDomain(change) ? formatAtLeastTwoPlaces(change) : null,
        changePercent: percent && inDomain(percent) ? percent.toFixed(2) : null,
      });
    }
  }
  const da = a.document;
  const db = b.document;
  const rules = (d: typeof da) => [
    ...d.rules.household.map((r) => ({ ...r, scope: 'household' })),
    ...d.rules.member.map((r) => ({ ...r, scope: 'member' })),
  ];
  const facts = (d: typeof da) => [
    ...d.facts.household.map((f) => ({ ...f, scope: 'household' })),
    ...d.facts.member.map((f) => ({ ...f, scope: 'member' })),
  ];
  const summary = (v: CompiledVersion) => ({
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    contentHash: v.contentHash,
  });
  return {
    from: summary(a),
    to: summary(b),
    parameters,
    rules: itemChanges(rules(da), rules(db), (r) => `${r.scope}:${r.name}`),
    benefits: itemChanges(da.benefits, db.benefits, (x) => x.code),
    outcomes: itemChanges(da.outcomes, db.outcomes, (x) => x.name),
    derived: itemChanges(da.derived, db.derived, (x) => `${x.scope}:${x.name}`),
    constraints: itemChanges(da.constraints, db.constraints, (x) => x.id),
    facts: itemChanges(facts(da), facts(db), (f) => `${f.scope}:${f.name}`),
    jurisdictions: itemChanges(da.jurisdictions, db.jurisdictions, (j) => j.code),
    settings: settingChanges(a, b),
  };
}

/** The version-level settings whose canonical JSON differs, in a fixed order. */
function settingChanges(a: CompiledVersion, b: CompiledVersion): SettingChange[] {
  const differs = (x: unknown, y: unknown) => canonicalJson(x) !== canonicalJson(y);
  const changes: SettingChange[] = [];
  const [da, db] = [a.document, b.document];
  if (differs(da.rounding, db.rounding))
    changes.push({ setting: 'rounding', old: da.rounding, new: db.rounding });
  if (differs(da.totals, db.totals)) changes.push({ setting: 'totals', old: da.totals, new: db.totals });
  if (differs(da.metadata.reviewBy, db.metadata.reviewBy))
    changes.push({
      setting: 'reviewBy',
      old: da.metadata.reviewBy ?? null,
      new: db.metadata.reviewBy ?? null,
    });
  return changes;
}
