import DecimalJs from 'decimal.js';
import { isDecimalText, numeralProblem, toDecimal, type Decimal } from '../decimal';
import { InvalidInputError, listText, pointer, type FieldProblem } from '../errors';
import { isCalendarDate } from '../expression/dates';
import type { Value } from '../expression/scope';
import {
  MAX_INPUT_DECIMAL_PLACES,
  MAX_MAGNITUDE_TEXT,
  MONEY_DECIMAL_PLACES,
  MONEY_PLACES_MESSAGE,
} from '../limits';
import type { FactSpec } from '../model/facts';
import type { CompiledVersion } from '../model/compile-version';
import type { FactDeclarationT } from '../schema/ruleset.schema';

/**
 * A household checked against the version's declared facts, with defaults applied. Values are kept
 * in `Map`s by fact name (`emergency.severity` for a fact of a group), never in plain objects.
 */
export interface CheckedHousehold {
  /** The caller's case number (`id` of the household), when given. */
  id?: string;
  jurisdiction: string;
  household: Map<string, Value>;
  members: Map<string, Value>[];
  memberIds: string[];
}

/** What a bad input value was, for messages; long text is cut. */
const describe = (value: unknown): string => {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 36)}…"` : text;
};

/** A field of an input object, read only when the object itself has it (never from a prototype). */
const own = (object: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;

/**
 * How many decimals a number input carries (a JSON number by its shortest form; trailing zeros of a
 * string do not count: `"1.500"` carries 1), 0 for anything that is not a number. Linear in the text.
 */
function carriedDecimalPlaces(raw: unknown): number {
  if (typeof raw === 'number') return Number.isFinite(raw) ? new DecimalJs(raw).decimalPlaces() : 0;
  if (typeof raw !== 'string' || !isDecimalText(raw)) return 0;
  const point = raw.indexOf('.');
  if (point < 0) return 0;
  let end = raw.length;
  while (end > point + 1 && raw.charCodeAt(end - 1) === 48) end--;
  return end - point - 1;
}

/** What is wrong with a number input outside the numeric domain, or null. */
function domainProblem(raw: unknown): string | null {
  if (typeof raw !== 'number' && !(typeof raw === 'string' && isDecimalText(raw))) return null;
  // Decimal places are judged first for money (a finer limit), see readFact.
  const wrong = numeralProblem(raw, MAX_INPUT_DECIMAL_PLACES);
  return wrong
    ? `${wrong}: a number input is at most ${MAX_MAGNITUDE_TEXT} in magnitude, with at most ${MAX_INPUT_DECIMAL_PLACES} decimals`
    : null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Most characters of a household `id` (the caller's case number). */
export const MAX_HOUSEHOLD_ID_LENGTH = 100;

// C0 and C1 control characters and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * What is wrong with a household `id` (the caller's case number), or null when it is absent or
 * valid: a non-empty string of at most {@link MAX_HOUSEHOLD_ID_LENGTH} characters without control
 * characters. `null` counts as absent, as for every optional field.
 */
export function householdIdProblem(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string' || raw.length === 0 || [...raw].length > MAX_HOUSEHOLD_ID_LENGTH)
    return `户编号须为1至${MAX_HOUSEHOLD_ID_LENGTH}个字符的字符串 / must be a string of 1 to ${MAX_HOUSEHOLD_ID_LENGTH} characters, such as "SY-2019-000123" (got ${describe(raw)})`;
  if (CONTROL_CHARACTER.test(raw)) return '户编号不能含控制字符 / must not contain control characters';
  return null;
}

/**
 * The household `id` (the caller's case number) of a household as sent, when it is a valid one
 * (see {@link householdIdProblem}); undefined otherwise. Never throws, whatever `household` is, so
 * that a batch can name the household whose problem it reports.
 */
export function householdIdOf(household: unknown): string | undefined {
  if (!isRecord(household)) return undefined;
  const raw = own(household, 'id');
  return typeof raw === 'string' && householdIdProblem(raw) === null ? raw : undefined;
}

/**
 * Reads one fact value from wire input, or says what is wrong with it.
 * Decimals accept a decimal string or a JSON number; integers a whole number.
 */
function readFact(
  declaration: FactDeclarationT,
  raw: unknown,
  asOf: string,
  jurisdictions: readonly string[],
): { value: Value } | { problem: string } {
  const bounds = (d: Decimal): string | null => {
    if (declaration.minimum !== undefined && d.lt(declaration.minimum))
      return `must be at least ${declaration.minimum}`;
    if (declaration.maximum !== undefined && d.gt(declaration.maximum))
      return `must be at most ${declaration.maximum}`;
    return null;
  };
  switch (declaration.type) {
    case 'decimal': {
      const outOfDomain = domainProblem(raw);
      if (outOfDomain) return { problem: outOfDomain };
      const d = toDecimal(raw);
      if (!d) return { problem: `must be a decimal number, such as "1234.50" (got ${describe(raw)})` };
      const outOfBounds = bounds(d);
      return outOfBounds ? { problem: outOfBounds } : { value: d };
    }
    case 'money': {
      // Exactly as written: "4739.999…" (more than two decimals) is refused, never rounded.
      if (carriedDecimalPlaces(raw) > MONEY_DECIMAL_PLACES)
        return { problem: `${MONEY_PLACES_MESSAGE} (got ${describe(raw)})` };
      const outOfDomain = domainProblem(raw);
      if (outOfDomain) return { problem: outOfDomain };
      const d = toDecimal(raw);
      if (!d) return { problem: `must be an amount in yuan, such as "1234.50" (got ${describe(raw)})` };
      const outOfBounds = bounds(d);
      return outOfBounds ? { problem: outOfBounds } : { value: d };
    }
    case 'integer': {
      const outOfDomain = domainProblem(raw);
      if (outOfDomain) return { problem: outOfDomain };
      const d = toDecimal(raw);
      if (!d || !d.isInteger())
        return { problem: `must be a whole number, such as 2 (got ${describe(raw)})` };
      const outOfBounds = bounds(d);
      return outOfBounds ? { problem: outOfBounds } : { value: d };
    }
    case 'boolean':
      return typeof raw === 'boolean'
        ? { value: raw }
        : { problem: `must be true or false (got ${describe(raw)})` };
    case 'date':
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw))
        return { problem: `must be a date written YYYY-MM-DD, such as "1980-05-17" (got ${describe(raw)})` };
      // Written right but impossible (1950-02-30): said as for asOf.
      if (!isCalendarDate(raw)) return { problem: `is not a calendar date: ${raw} does not exist` };
      if (declaration.notAfterAsOf && raw > asOf)
        return { problem: `must not be after the evaluation date ${asOf}` };
      return { value: raw };
    case 'enum':
      return typeof raw === 'string' && (declaration.values ?? []).includes(raw)
        ? { value: raw }
        : {
            problem: `must be one of ${listText(declaration.values ?? [], true)} (got ${describe(raw)})`,
          };
    case 'jurisdiction':
      return typeof raw === 'string' && jurisdictions.includes(raw)
        ? { value: raw }
        : {
            problem: `must be a jurisdiction code of this ruleset: ${listText(jurisdictions)} (got ${describe(raw)})`,
          };
    default:
      return typeof raw === 'string' && raw.length > 0
        ? { value: raw }
        : { problem: `must be a non-empty string (got ${describe(raw)})` };
  }
}

function defaultOf(declaration: FactDeclarationT): Value {
  const d = declaration.default;
  if (d === undefined) return null;
  if (declaration.type === 'decimal' || declaration.type === 'money' || declaration.type === 'integer')
    return toDecimal(d) ?? null;
  return d as Value;
}

/** Checks one object's fields against a list of facts, writing values into `target`. */
function readObject(
  input: Record<string, unknown>,
  specs: readonly FactSpec[],
  groups: readonly string[],
  path: (string | number)[],
  target: Map<string, Value>,
  problems: FieldProblem[],
  context: { asOf: string; jurisdictions: readonly string[]; extraKeys?: readonly string[] },
): void {
  const topLevel = specs.filter((s) => s.group === undefined);
  const allowedList = [...(context.extraKeys ?? []), ...topLevel.map((s) => s.name), ...groups];
  const allowed = new Set(allowedList);
  for (const key of Object.keys(input)) {
    if (!allowed.has(key))
      problems.push({
        path: pointer(...path, key),
        message: `is not a known fact; expected one of ${listText(allowedList)}`,
      });
  }
  for (const spec of topLevel)
    readOne(spec, own(input, spec.name), [...path, spec.name], spec.name, target, problems, context);
  for (const group of groups) {
    const raw = own(input, group);
    const members = specs.filter((s) => s.group === group);
    const present = raw !== undefined && raw !== null;
    target.set(group, present);
    if (!present) {
      for (const spec of members) target.set(spec.name, null);
      continue;
    }
    if (!isRecord(raw)) {
      problems.push({
        path: pointer(...path, group),
        message: `must be an object with ${listText(members.map((m) => m.declaration.name))}`,
      });
      continue;
    }
    const allowedInGroup = members.map((m) => m.declaration.name);
    const allowedSet = new Set(allowedInGroup);
    for (const key of Object.keys(raw)) {
      if (!allowedSet.has(key))
        problems.push({
          path: pointer(...path, group, key),
          message: `is not a known fact; expected one of ${listText(allowedInGroup)}`,
        });
    }
    for (const spec of members)
      readOne(
        spec,
        own(raw, spec.declaration.name),
        [...path, group, spec.declaration.name],
        spec.name,
        target,
        problems,
        context,
      );
  }
}

function readOne(
  spec: FactSpec,
  raw: unknown,
  path: (string | number)[],
  name: string,
  target: Map<string, Value>,
  problems: FieldProblem[],
  context: { asOf: string; jurisdictions: readonly string[] },
): void {
  if (raw === undefined || raw === null) {
    if (spec.declaration.required)
      problems.push({ path: pointer(...path), message: `is required: ${spec.declaration.label.en}` });
    target.set(name, defaultOf(spec.declaration));
    return;
  }
  const result = readFact(spec.declaration, raw, context.asOf, context.jurisdictions);
  if ('problem' in result) problems.push({ path: pointer(...path), message: result.problem });
  else target.set(name, result.value);
}

/**
 * Checks a household against the version's declared facts: every bad field is reported at once
 * (at most `MAX_PROBLEMS`, then one counting the rest), each with its JSON Pointer
 * (`/members/0/birthDate`). Applies declared defaults. A number outside the numeric domain
 * (|x| ≤ 10^15, at most 30 decimals) is a problem naming the field. Only the input's own fields
 * are read: a fact named `toString` is read from the input, not from a prototype.
 * @throws InvalidInputError listing every problem.
 */
export function checkHousehold(version: CompiledVersion, input: unknown, asOf: string): CheckedHousehold {
  const problems: FieldProblem[] = [];
  if (!isRecord(input))
    throw new InvalidInputError([
      { path: '', message: `the household must be a JSON object (got ${describe(input)})` },
    ]);
  const jurisdictions = [...version.jurisdictions.keys()];
  const context = { asOf, jurisdictions, extraKeys: ['members', 'id'] };
  const household = new Map<string, Value>();
  // Read once: what is checked is what the answer echoes.
  const rawId = own(input, 'id');
  const idProblem = householdIdProblem(rawId);
  if (idProblem) problems.push({ path: '/id', message: idProblem });
  readObject(input, version.householdFacts, version.householdGroups, [], household, problems, context);

  const { minItems, maxItems } = version.document.facts.members;
  const rawMembers = own(input, 'members');
  const members: Map<string, Value>[] = [];
  const memberIds: string[] = [];
  if (!Array.isArray(rawMembers)) {
    problems.push({
      path: '/members',
      message: `is required: a list of ${minItems} to ${maxItems} members, each with an "id"`,
    });
  } else {
    if (rawMembers.length < minItems || rawMembers.length > maxItems) {
      problems.push({
        path: '/members',
        message: `must list ${minItems} to ${maxItems} members (got ${rawMembers.length})`,
      });
    }
    const seen = new Set<string>();
    // By index, as far as maxItems, skipping holes (as slice and forEach did), without calling a
    // method of the array: an array built in this process may have its own or none.
    const count = Math.min(rawMembers.length, maxItems);
    for (let i = 0; i < count; i++) {
      if (!(i in rawMembers)) continue;
      const raw: unknown = rawMembers[i];
      if (!isRecord(raw)) {
        problems.push({
          path: pointer('members', i),
          message: `must be an object with an "id" and the member facts (got ${describe(raw)})`,
        });
        continue;
      }
      const id = own(raw, 'id');
      if (typeof id !== 'string' || id.length === 0 || id.length > 100)
        problems.push({
          path: pointer('members', i, 'id'),
          message: 'is required: a non-empty string of at most 100 characters, such as "p1"',
        });
      else if (seen.has(id))
        problems.push({ path: pointer('members', i, 'id'), message: `duplicates the member id "${id}"` });
      else seen.add(id);
      const member = new Map<string, Value>();
      readObject(raw, version.memberFacts, [], ['members', i], member, problems, {
        ...context,
        extraKeys: ['id'],
      });
      members.push(member);
      memberIds.push(typeof id === 'string' ? id : `#${i}`);
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  const jurisdictionFact = version.householdFacts.find((f) => f.declaration.type === 'jurisdiction');
  const id = typeof rawId === 'string' && idProblem === null ? rawId : undefined;
  return {
    ...(id === undefined ? {} : { id }),
    jurisdiction: String(household.get(jurisdictionFact?.name ?? 'jurisdiction')),
    household,
    members,
    memberIds,
  };
}
