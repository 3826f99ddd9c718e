import type { FactDeclarationT, RulesetVersion } from '@engine/schema/ruleset.schema';
import { fieldProblem } from '@/components/problem-alert';
import { ApiProblem } from '@/lib/api-client';

/** A fact nested in an `object` fact (one level deep). */
export type SubFact = NonNullable<FactDeclarationT['properties']>[number];
/** Any fact a form field is generated for. */
export type AnyFact = FactDeclarationT | SubFact;

/**
 * Where the form keeps which optional `object` facts (groups) are given: `values[GIVEN][name]`.
 * Fact names are identifiers, so this key never collides with a fact.
 */
export const GIVEN = '$given';

/** A member as the form holds it: its `id` and its facts (numbers as strings, dates YYYY-MM-DD). */
export type MemberValues = Record<string, unknown> & { id?: string };

/** The form's values: the household facts, `members`, and which groups are given. */
export type FormValues = Record<string, unknown> & {
  members?: MemberValues[];
  [GIVEN]?: Record<string, boolean>;
};

/** A JSON household as the API reads it. */
export type Household = Record<string, unknown>;

const NUMBER_TYPES = new Set(['money', 'decimal', 'integer']);

/** A fact's value as the form control holds it: numbers as exact strings, the rest as given. */
function toFormValue(fact: AnyFact, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (NUMBER_TYPES.has(fact.type) && (typeof value === 'number' || typeof value === 'string'))
    return String(value);
  return value;
}

/** A fact's value as the household sends it: integers as numbers, money and decimals as strings. */
function toHouseholdValue(fact: AnyFact, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (fact.type === 'integer' && typeof value === 'string' && /^-?\d+$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  return value;
}

/** The values of `facts` (their defaults, then what `source` gives) for the form. */
function factValues(
  facts: readonly AnyFact[],
  source: Record<string, unknown> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const fact of facts) {
    if (fact.type === 'object') continue;
    const given = Object.hasOwn(source, fact.name) ? source[fact.name] : fact.default;
    const value = toFormValue(fact, given);
    if (value !== undefined) values[fact.name] = value;
  }
  return values;
}

/** A member id not used by `members` yet: p1, p2, … */
export function nextMemberId(members: readonly MemberValues[] = []): string {
  const used = new Set(members.map((m) => m?.id));
  let n = members.length + 1;
  for (let i = 1; i <= n; i++) if (!used.has(`p${i}`)) return `p${i}`;
  while (used.has(`p${n}`)) n++;
  return `p${n}`;
}

/** A new member with the member facts' defaults. */
export function newMember(document: RulesetVersion, members: readonly MemberValues[] = []): MemberValues {
  return { id: nextMemberId(members), ...factValues(document.facts.member) };
}

/**
 * The form's first values: household defaults, no group given, and as many members (with their
 * defaults) as the ruleset requires at least (one when it requires none).
 */
export function initialFormValues(document: RulesetVersion): FormValues {
  const members: MemberValues[] = [];
  const count = Math.max(document.facts.members.minItems, 1);
  for (let i = 0; i < count; i++) members.push(newMember(document, members));
  return { ...factValues(document.facts.household), members, [GIVEN]: {} };
}

/** The household the form describes, for the API: empty values left out, groups only when given. */
export function householdFromForm(document: RulesetVersion, values: FormValues): Household {
  const household: Household = {};
  const given = values[GIVEN] ?? {};
  for (const fact of document.facts.household) {
    if (fact.type === 'object') {
      if (!given[fact.name]) continue;
      const group = (values[fact.name] ?? {}) as Record<string, unknown>;
      const object: Record<string, unknown> = {};
      for (const sub of fact.properties ?? []) {
        const v = toHouseholdValue(sub, group[sub.name]);
        if (v !== undefined) object[sub.name] = v;
      }
      household[fact.name] = object;
      continue;
    }
    const v = toHouseholdValue(fact, values[fact.name]);
    if (v !== undefined) household[fact.name] = v;
  }
  household.members = (values.members ?? []).map((member) => {
    const out: Record<string, unknown> = {};
    if (member?.id !== undefined && member.id !== '') out.id = member.id;
    for (const fact of document.facts.member) {
      const v = toHouseholdValue(fact, member?.[fact.name]);
      if (v !== undefined) out[fact.name] = v;
    }
    return out;
  });
  return household;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The form's values for a JSON household (pasted or from a test case); unknown keys are dropped. */
export function formFromHousehold(document: RulesetVersion, household: Household): FormValues {
  const values: FormValues = { ...factValues(document.facts.household, household), [GIVEN]: {} };
  for (const fact of document.facts.household) {
    if (fact.type !== 'object') continue;
    const group = household[fact.name];
    if (!isRecord(group)) continue;
    values[GIVEN] = { ...values[GIVEN], [fact.name]: true };
    values[fact.name] = factValues(fact.properties ?? [], group);
  }
  const members = Array.isArray(household.members) ? household.members : [];
  values.members = members.map((raw) => {
    const member = isRecord(raw) ? raw : {};
    return {
      ...(typeof member.id === 'string' ? { id: member.id } : {}),
      ...factValues(document.facts.member, member),
    };
  });
  return values;
}

/**
 * The API's message for the household field at `pointer` (`/members/0/birthDate`), whichever way the
 * API pointed it: into the request (`/household/members/0/birthDate`, a 400) or into the household
 * itself (a 422 invalid-input).
 */
export function householdProblem(error: unknown, pointer: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return (
    fieldProblem(error, `/household${pointer}`) ??
    (error.status === 422 ? fieldProblem(error, pointer) : undefined)
  );
}
