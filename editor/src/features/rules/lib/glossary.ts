import type { RulesetVersion } from '@engine/schema/ruleset.schema';

/** Chinese (first) and English text. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The editor's two languages. */
export type Language = 'zh' | 'en';

/** What a name of a ruleset document is. */
export type NameKind = 'fact' | 'derived' | 'parameter' | 'outcome';

/** One name a rule or an expression may read, with what an official needs to know of it. */
export interface NameEntry {
  /** The name as written in the document, e.g. `annualNetIncome`, `emergency.severity`, `age.elderly`. */
  name: string;
  kind: NameKind;
  /** household or member (parameters have none). */
  scope?: 'household' | 'member';
  label: Bilingual;
  description?: Bilingual;
  /** The fact type (`money`, `boolean`, `enum` …) or the parameter's unit. */
  type?: string;
  /** Unit of a number (`yuan/month`, `persons` …), when declared. */
  unit?: string;
  /** The values of an enum fact, with their words when the document gives them. */
  values?: string[];
  valueLabels?: Record<string, Bilingual>;
  /** Parameters: the legal basis. Outcomes: their basis too. */
  basis?: string;
}

/** Every name of one document, by name, plus its jurisdictions and groups. */
export interface Glossary {
  names: Map<string, NameEntry>;
  jurisdictions: Map<string, Bilingual>;
  groups: Map<string, Bilingual>;
}

const joinLabels = (parent: Bilingual, child: Bilingual): Bilingual => ({
  zh: `${parent.zh}·${child.zh}`,
  en: `${parent.en} · ${child.en}`,
});

/**
 * Reads every label of a ruleset document: input facts of both scopes (object facts as
 * `group.property` with both labels joined), derived facts, parameters and outcomes, and the
 * jurisdictions and their groups. Tolerates a document the official is still typing (missing lists).
 */
export function buildGlossary(document: RulesetVersion | undefined): Glossary {
  const names = new Map<string, NameEntry>();
  const jurisdictions = new Map<string, Bilingual>();
  const groups = new Map<string, Bilingual>();
  if (!document) return { names, jurisdictions, groups };
  const put = (entry: NameEntry): void => {
    if (typeof entry.name === 'string' && entry.label && !names.has(entry.name)) names.set(entry.name, entry);
  };
  for (const scope of ['household', 'member'] as const) {
    for (const fact of document.facts?.[scope] ?? []) {
      const common = { kind: 'fact' as const, scope };
      put({
        ...common,
        name: fact.name,
        label: fact.label,
        type: fact.type,
        ...(fact.description ? { description: fact.description } : {}),
        ...(fact.unit ? { unit: fact.unit } : {}),
        ...(fact.values ? { values: fact.values } : {}),
        ...(fact.valueLabels ? { valueLabels: fact.valueLabels } : {}),
      });
      for (const property of fact.properties ?? [])
        put({
          ...common,
          name: `${fact.name}.${property.name}`,
          label: joinLabels(fact.label, property.label),
          type: property.type,
          ...(property.description ? { description: property.description } : {}),
          ...(property.unit ? { unit: property.unit } : {}),
          ...(property.values ? { values: property.values } : {}),
          ...(property.valueLabels ? { valueLabels: property.valueLabels } : {}),
        });
    }
  }
  for (const derived of document.derived ?? [])
    put({
      name: derived.name,
      kind: 'derived',
      scope: derived.scope,
      label: derived.label,
      type: derived.type,
      ...(derived.description ? { description: derived.description } : {}),
      ...(derived.unit ? { unit: derived.unit } : {}),
    });
  for (const parameter of document.parameters ?? [])
    put({
      name: parameter.key,
      kind: 'parameter',
      label: parameter.label,
      type: 'decimal',
      unit: parameter.unit,
      basis: parameter.basis,
      ...(parameter.description ? { description: parameter.description } : {}),
    });
  for (const outcome of document.outcomes ?? [])
    put({
      name: outcome.name,
      kind: 'outcome',
      scope: outcome.scope,
      label: outcome.label,
      type: 'boolean',
      basis: outcome.basis,
    });
  for (const group of document.jurisdictionGroups ?? []) groups.set(group.id, group.name);
  for (const place of document.jurisdictions ?? []) jurisdictions.set(place.code, place.name);
  return { names, jurisdictions, groups };
}

/** The entry of a name as a rule reads it (`household.dibao` in a member rule is `dibao`). */
export function lookupName(glossary: Glossary, name: string): NameEntry | undefined {
  return glossary.names.get(name) ?? glossary.names.get(name.replace(/^household\./, ''));
}

/** The label of a name in `language`, or the name itself when the document gives none. */
export function labelOf(glossary: Glossary, name: string, language: Language): string {
  return lookupName(glossary, name)?.label[language] ?? name;
}

/** Picks `language`'s half of a bilingual text. */
export const pick = (text: Bilingual | undefined, language: Language): string =>
  text ? (language === 'en' ? text.en : text.zh) : '';

/** A rule's name written `中文 / English` gives each language its half; otherwise the whole name. */
export function ruleTitle(name: string, language: Language): string {
  const parts = name.split(' / ');
  if (parts.length !== 2) return name;
  return (language === 'zh' ? parts[0] : parts[1]) as string;
}
