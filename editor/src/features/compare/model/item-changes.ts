import type { ItemChanges, VersionDiff } from '@engine/diff';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import type { Bilingual } from '@/types/api';

/** The kinds of items a diff lists as added, removed or changed, in the order the page shows them. */
export const ITEM_KINDS = [
  'rules',
  'benefits',
  'outcomes',
  'derived',
  'constraints',
  'facts',
  'jurisdictions',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** An item named for people: its label (when the documents give one), its identifier, its scope. */
export interface NamedItem {
  id: string;
  label: Bilingual | null;
  /** `household` / `member` for rules, derived facts and facts (their ids are `scope:name`). */
  scope: 'household' | 'member' | null;
  /** The bare name or code (the id without its scope). */
  name: string;
}

type Labeller = (doc: RulesetVersion, id: string, name: string, scope: string | null) => Bilingual | null;

const LABELLERS: Record<ItemKind, Labeller> = {
  // Rules have names only; the outcome they decide gives the words.
  rules: () => null,
  benefits: (d, id) => d.benefits.find((b) => b.code === id)?.label ?? null,
  outcomes: (d, id) => d.outcomes.find((o) => o.name === id)?.label ?? null,
  derived: (d, _id, name, scope) =>
    d.derived.find((x) => x.name === name && x.scope === scope)?.label ?? null,
  constraints: (d, id) => d.constraints.find((c) => c.id === id)?.label ?? null,
  facts: (d, _id, name, scope) =>
    (scope === 'member' ? d.facts.member : d.facts.household).find((f) => f.name === name)?.label ?? null,
  jurisdictions: (d, id) => d.jurisdictions.find((j) => j.code === id)?.name ?? null,
};

const SCOPED: ReadonlySet<ItemKind> = new Set(['rules', 'derived', 'facts']);

/** Names one item of `kind`, from the newer document first and else the older one. */
export function nameItem(
  kind: ItemKind,
  id: string,
  from: RulesetVersion | undefined,
  to: RulesetVersion | undefined,
): NamedItem {
  const cut = SCOPED.has(kind) ? id.indexOf(':') : -1;
  const scope = cut > 0 ? id.slice(0, cut) : null;
  const name = cut > 0 ? id.slice(cut + 1) : id;
  const label =
    [to, from]
      .filter((d): d is RulesetVersion => !!d)
      .map((d) => LABELLERS[kind](d, id, name, scope))
      .find((l) => l !== null) ?? null;
  return {
    id,
    label,
    scope: scope === 'household' || scope === 'member' ? scope : null,
    name,
  };
}

/** One kind's added, removed and changed items, named. */
export interface NamedItemChanges {
  kind: ItemKind;
  added: NamedItem[];
  removed: NamedItem[];
  changed: NamedItem[];
}

/** The kinds with any change, each item named from the documents. */
export function namedItemChanges(
  diff: VersionDiff,
  from: RulesetVersion | undefined,
  to: RulesetVersion | undefined,
): NamedItemChanges[] {
  return ITEM_KINDS.map((kind) => {
    const changes: ItemChanges = diff[kind] ?? { added: [], removed: [], changed: [] };
    const name = (ids: string[]) => ids.map((id) => nameItem(kind, id, from, to));
    return {
      kind,
      added: name(changes.added),
      removed: name(changes.removed),
      changed: name(changes.changed),
    };
  }).filter((c) => c.added.length + c.removed.length + c.changed.length > 0);
}

/** True when the diff finds nothing at all that differs. */
export function isEmptyDiff(diff: VersionDiff): boolean {
  return (
    diff.parameters.length === 0 &&
    diff.settings.length === 0 &&
    ITEM_KINDS.every((k) => {
      const c = diff[k];
      return !c || c.added.length + c.removed.length + c.changed.length === 0;
    })
  );
}
