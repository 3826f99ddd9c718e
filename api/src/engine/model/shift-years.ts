/**
 * Carrying a version's embedded tests forward to a new draft: every test's `asOf` and every date
 * fact of its household move by the same whole number of years, so that ages (full years at `asOf`,
 * see `yearsBetween`) stay as they were, and with unchanged figures every expected amount stays
 * right. The order of each date against `asOf` is kept (after stays after, equal stays equal, before
 * stays before) except that the day just before `asOf` around 29 February may become equal to it:
 * 28 February before an `asOf` of 29 February, 29 February before an `asOf` of 1 March.
 *
 * 29 February. Someone born on 29 February completes a year on 1 March in common years, so:
 * - a 29 February date moved into a common year becomes **1 March**, the day its anniversaries fall
 *   on there: on 28 February of any later year that person is still a year younger, on 1 March not;
 * - a test whose `asOf` is itself 29 February is the exception: its `asOf` moved into a common year
 *   becomes **28 February** (the last day of that February, so that nothing dated 1 March comes
 *   before it), and each 29 February date of its household becomes 28 February unless both it and
 *   the `asOf` land in leap years. On the original 29 February every birthday up to and including
 *   29 February had passed and none from 1 March on: the same holds on the moved dates.
 * Every other date keeps its month and day. `shift-years.spec.ts` checks this against `yearsBetween`
 * for every birth and `asOf` around the end of February over leap and common years.
 */
import { inDateRange, isCalendarDate } from '../expression/dates';
import type { FactDeclarationT, RulesetVersion, TestCaseT } from '../schema/ruleset.schema';

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const parts = (date: string): [number, number, number] =>
  date.split('-').map(Number) as [number, number, number];

const isLeapDay = (date: string): boolean => date.endsWith('-02-29');

/**
 * A date (`YYYY-MM-DD`) moved by `years` whole years, within a test whose own `asOf` is `asOf`
 * (see the module comment for 29 February). Pass the date itself as `asOf` to move a test's `asOf`.
 * @example shiftDate('1960-02-29', 1, '2020-07-15') // '1961-03-01'
 * @example shiftDate('2020-02-29', 1, '2020-02-29') // '2021-02-28'
 */
export function shiftDate(date: string, years: number, asOf: string): string {
  const [y, m, d] = parts(date);
  const year = y + years;
  if (!isLeapDay(date)) return `${pad(year, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  if (isLeapDay(asOf)) {
    const asOfLeap = isLeap(parts(asOf)[0] + years);
    return `${pad(year, 4)}-${isLeap(year) && asOfLeap ? '02-29' : '02-28'}`;
  }
  return `${pad(year, 4)}-${isLeap(year) ? '02-29' : '03-01'}`;
}

/** Where a household holds date facts: its own, one level into object facts, and its members'. */
interface DateFacts {
  household: string[];
  /** Object facts of the household with date properties: fact name → property names. */
  householdObjects: Map<string, string[]>;
  member: string[];
  memberObjects: Map<string, string[]>;
}

/** The version's declared date facts (never guessed from field names). */
export function dateFacts(document: Pick<RulesetVersion, 'facts'>): DateFacts {
  const split = (declarations: FactDeclarationT[]) => {
    const plain = declarations.filter((f) => f.type === 'date').map((f) => f.name);
    const objects = new Map<string, string[]>();
    for (const f of declarations) {
      const dates = (f.properties ?? []).filter((p) => p.type === 'date').map((p) => p.name);
      if (f.type === 'object' && dates.length > 0) objects.set(f.name, dates);
    }
    return [plain, objects] as const;
  };
  const [household, householdObjects] = split(document.facts.household);
  const [member, memberObjects] = split(document.facts.member);
  return { household, householdObjects, member, memberObjects };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of `record` with the named date fields (where they hold calendar dates) moved. */
function shiftFields(
  record: Record<string, unknown>,
  names: readonly string[],
  objects: ReadonlyMap<string, string[]>,
  move: (date: string) => string,
): Record<string, unknown> {
  const copy = { ...record };
  for (const name of names) {
    const value = copy[name];
    if (typeof value === 'string' && isCalendarDate(value)) copy[name] = move(value);
  }
  for (const [name, properties] of objects) {
    const value = copy[name];
    if (isRecord(value)) copy[name] = shiftFields(value, properties, new Map(), move);
  }
  return copy;
}

/**
 * A test case moved by `years` whole years: its `asOf` and every declared date fact of its household
 * and members (values that are not calendar dates are left as they are, for validation to report).
 * Names, expectations and every other fact are unchanged.
 */
export function shiftTestCase(test: TestCaseT, years: number, facts: DateFacts): TestCaseT {
  if (!isCalendarDate(test.asOf)) return structuredClone(test);
  const move = (date: string) => shiftDate(date, years, test.asOf);
  const household = shiftFields(test.household, facts.household, facts.householdObjects, move);
  const members = household['members'];
  if (Array.isArray(members))
    household['members'] = members.map((m: unknown) =>
      isRecord(m) ? shiftFields(m, facts.member, facts.memberObjects, move) : m,
    );
  return structuredClone({ ...test, asOf: move(test.asOf), household });
}

/**
 * The whole number of years by which tests move into a version in force from `effectiveFrom`:
 * the difference of years between the two effective dates, or more when a test's `asOf` would still
 * fall before `effectiveFrom` (each moved `asOf` is then on or after it).
 */
export function yearsToCarry(
  tests: readonly TestCaseT[],
  baseEffectiveFrom: string,
  effectiveFrom: string,
): number {
  let years = parts(effectiveFrom)[0] - parts(baseEffectiveFrom)[0];
  for (const test of tests) {
    if (!isCalendarDate(test.asOf)) continue;
    let needed = parts(effectiveFrom)[0] - parts(test.asOf)[0];
    if (shiftDate(test.asOf, needed, test.asOf) < effectiveFrom) needed += 1;
    years = Math.max(years, needed);
  }
  return years;
}

/**
 * The content of a new draft copied from `base`: its own `version` label and `effectiveFrom`, the
 * base's year replaced by the new effective year in `metadata.title` (zh and en, where it appears as
 * a whole number, e.g. "2020年" → "2021年"), and its tests carried forward by {@link yearsToCarry}
 * years (see {@link shiftTestCase}), and `metadata.reviewBy`, when declared, moved by as many years
 * (and, in `metadata.description`, zh and en, each mention of the old review date replaced by the new).
 * Everything else, `sources` included, is copied unchanged.
 * @returns the new document and the number of years the tests moved.
 */
export function carryForward(
  base: RulesetVersion,
  version: string,
  effectiveFrom: string,
): { document: RulesetVersion; years: number } {
  const document = structuredClone(base);
  const years = yearsToCarry(base.tests, base.metadata.effectiveFrom, effectiveFrom);
  const facts = dateFacts(base);
  document.tests = base.tests.map((t) => shiftTestCase(t, years, facts));
  document.metadata.version = version;
  document.metadata.effectiveFrom = effectiveFrom;
  const oldYear = base.metadata.effectiveFrom.slice(0, 4);
  const newYear = effectiveFrom.slice(0, 4);
  const yearPattern = new RegExp(`(?<![0-9])${oldYear}(?![0-9])`, 'g');
  const title = document.metadata.title;
  title.zh = title.zh.replace(yearPattern, newYear);
  title.en = title.en.replace(yearPattern, newYear);
  // The review date keeps its distance from the effective date: a copy expected to hold as long as
  // its base, so that an unchanged copy validates and answers without a stale warning.
  const reviewBy = base.metadata.reviewBy;
  if (reviewBy !== undefined) {
    const moved = shiftDate(reviewBy, years, reviewBy);
    document.metadata.reviewBy = moved;
    // A description that names the review date names the new one.
    const description = document.metadata.description;
    if (description) {
      description.zh = description.zh.replaceAll(reviewBy, moved);
      description.en = description.en.replaceAll(reviewBy, moved);
    }
  }
  return { document, years };
}

/**
 * The first date a carried-forward copy holds outside the range of dates the service accepts
 * (`EXPRESSION_DATE_RANGE`, 1900-01-01 to 2999-12-31): a test's `asOf`, a declared date fact of a
 * test household or member, or `metadata.reviewBy`, with where it is (a JSON Pointer); `null` when
 * every one lies within it. A copy effective late in the range may move its tests past the end.
 */
export function carriedDateOutOfRange(document: RulesetVersion): { path: string; date: string } | null {
  const facts = dateFacts(document);
  const reviewBy = document.metadata.reviewBy;
  if (reviewBy !== undefined && isCalendarDate(reviewBy) && !inDateRange(reviewBy))
    return { path: '/metadata/reviewBy', date: reviewBy };
  for (const [i, test] of document.tests.entries()) {
    if (isCalendarDate(test.asOf) && !inDateRange(test.asOf))
      return { path: `/tests/${i}/asOf`, date: test.asOf };
    let found: string | null = null;
    const look = (date: string) => {
      if (found === null && !inDateRange(date)) found = date;
      return date;
    };
    const household = shiftFields(test.household, facts.household, facts.householdObjects, look);
    const members = household['members'];
    if (Array.isArray(members))
      for (const m of members as unknown[])
        if (isRecord(m)) shiftFields(m, facts.member, facts.memberObjects, look);
    if (found !== null) return { path: `/tests/${i}/household`, date: found };
  }
  return null;
}
