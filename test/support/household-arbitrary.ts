/**
 * fast-check arbitraries for valid Shiyan households (the evaluation input of
 * `docs/policy.md`), biased towards the boundaries where an engine is most likely to be
 * wrong: income exactly at the dibao line and one fen either side, half-fen ties, 18th and 60th
 * birthdays on the evaluation date, 29 February births, and money given as JSON numbers.
 */
import fc from 'fast-check';

import { formatFen, integer, mul, parseDecimal, toFen } from '../reference/rational';
import type {
  Arrangement,
  DecimalInput,
  ReferenceHousehold,
  ReferenceMember,
} from '../reference/shiyan-reference';
import { addDays, daysBetween, isLeapYear, yearsBefore } from './iso-date';

/** What {@link householdArbitrary} needs to know about the place and date of evaluation. */
export interface HouseholdArbitraryOptions {
  /** Jurisdiction codes to draw from. */
  jurisdictions: string[];
  /** The evaluation date: birth dates are drawn around its 18th and 60th anniversaries. */
  asOf: string;
  /** The monthly dibao standards in force, to put incomes exactly on and beside the line. */
  standards?: { rural: string; urban: string };
}

/**
 * Evaluation dates between `from` and `to` inclusive, as ISO strings; a quarter of them on the
 * first or last day of a year, where yearly rulesets and standards change.
 * @example fc.sample(asOfArbitrary('2017-06-01', '2020-06-30'), { seed: 1, numRuns: 3 })
 */
export function asOfArbitrary(from: string, to: string): fc.Arbitrary<string> {
  const any = fc.integer({ min: 0, max: daysBetween(from, to) }).map((days) => addDays(from, days));
  const years = Array.from({ length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 }, (_, i) =>
    String(Number(from.slice(0, 4)) + i),
  );
  const yearEdges = years.flatMap((y) => [`${y}-01-01`, `${y}-12-31`]).filter((d) => d >= from && d <= to);
  return yearEdges.length === 0
    ? any
    : fc.oneof({ arbitrary: any, weight: 3 }, { arbitrary: fc.constantFrom(...yearEdges), weight: 1 });
}

/**
 * A money amount given in fen, written the ways a client may send it: a two-decimal string, a
 * minimal string (`"2400"`, `"0.5"`) or a JSON number.
 */
function moneyArbitrary(fen: fc.Arbitrary<bigint>): fc.Arbitrary<DecimalInput> {
  return fc.tuple(fen, fc.constantFrom('fixed', 'minimal', 'number')).map(([value, style]) => {
    const fixed = formatFen(value);
    if (style === 'fixed') return fixed;
    const minimal = fixed.replace(/\.?0+$/, '');
    return style === 'minimal' ? minimal : Number(minimal);
  });
}

/** Birth dates on or before `asOf`, with extra weight on the age boundaries. */
function birthDateArbitrary(asOf: string): fc.Arbitrary<string> {
  const boundaries = [18, 60].flatMap((years) => {
    const anniversary = yearsBefore(asOf, years);
    return [addDays(anniversary, -1), anniversary, addDays(anniversary, 1)];
  });
  const asOfYear = Number(asOf.slice(0, 4));
  const leapDays = Array.from({ length: 101 }, (_, i) => asOfYear - i)
    .filter(isLeapYear)
    .map((year) => `${year}-02-29`)
    .filter((date) => date <= asOf);
  const oldest = daysBetween(yearsBefore(asOf, 100), asOf);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...boundaries, asOf), weight: 3 },
    { arbitrary: fc.constantFrom(...leapDays), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: oldest }).map((days) => addDays(asOf, -days)), weight: 6 },
  );
}

const arrangementArbitrary = (noneWeight: number): fc.Arbitrary<Arrangement> =>
  fc.oneof(
    { arbitrary: fc.constant<Arrangement>('none'), weight: noneWeight },
    { arbitrary: fc.constantFrom<Arrangement>('scattered', 'concentrated'), weight: 1 },
  );

function memberArbitrary(asOf: string): fc.Arbitrary<Omit<ReferenceMember, 'id'>> {
  const outOfPocket = moneyArbitrary(
    fc.oneof(
      fc.constant(0n),
      fc.bigInt({ min: 1n, max: 100n }),
      fc.bigInt({ min: 1n, max: 5_000_000n }),
      fc.bigInt({ min: 1_000_000n, max: 30_000_000n }),
    ),
  );
  return fc.record(
    {
      birthDate: birthDateArbitrary(asOf),
      disabilityGrade: fc.oneof(
        { arbitrary: fc.constant(0), weight: 3 },
        { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 2 },
      ),
      seriousIllness: fc.oneof(
        { arbitrary: fc.constant(false), weight: 4 },
        { arbitrary: fc.constant(true), weight: 1 },
      ),
      extremePoverty: arrangementArbitrary(6),
      orphan: arrangementArbitrary(8),
      inpatientCompliantOutOfPocket: outOfPocket,
    },
    {
      requiredKeys: ['birthDate', 'disabilityGrade', 'seriousIllness', 'extremePoverty', 'orphan'],
      noNullPrototype: true,
    },
  );
}

/** Annual net income in fen for a unit of `n` members under monthly standard `standard`. */
function incomeFenArbitrary(n: number, standard: string | undefined): fc.Arbitrary<bigint> {
  // 12q + 6 fen makes I/12 end in half a fen, so S·n − I/12 is a half-fen tie.
  const tie = fc.bigInt({ min: 0n, max: 400_000n }).map((q) => 12n * q + 6n);
  const any = [
    { arbitrary: fc.constant(0n), weight: 1 },
    { arbitrary: tie, weight: 2 },
    { arbitrary: fc.bigInt({ min: 0n, max: 4_800_000n }), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 48_000 }).map((yuan) => BigInt(yuan) * 100n), weight: 1 },
  ];
  if (standard === undefined || n === 0) return fc.oneof(...any);
  const line = toFen(mul(parseDecimal(standard), integer(12 * n)));
  const nonNegative = (fen: bigint): bigint => (fen < 0n ? 0n : fen);
  // Ties (≡ 6 mod 12) just under the line, where the household is eligible.
  const nearLineTie = fc
    .bigInt({ min: 1n, max: 200n })
    .map((k) => nonNegative(line - (line % 12n) - 12n * k + 6n));
  return fc.oneof(
    ...any,
    { arbitrary: fc.constantFrom(line, nonNegative(line - 1n), line + 1n), weight: 4 },
    { arbitrary: nearLineTie, weight: 2 },
    { arbitrary: fc.bigInt({ min: 0n, max: 2n * line }), weight: 3 },
  );
}

/**
 * Valid households of 1–8 members for evaluation on `options.asOf`, biased towards boundaries.
 * Member ids are `p1`, `p2`, … in input order.
 * @example
 * fc.sample(householdArbitrary({ jurisdictions: ['420325'], asOf: '2019-06-30',
 *   standards: { rural: '380.00', urban: '500.00' } }), { seed: 42, numRuns: 60 })
 */
export function householdArbitrary(options: HouseholdArbitraryOptions): fc.Arbitrary<ReferenceHousehold> {
  const base = fc.record(
    {
      jurisdiction: fc.constantFrom(...options.jurisdictions),
      residence: fc.constantFrom<ReferenceHousehold['residence']>('rural', 'urban'),
      assetsWithinLimit: fc.oneof(
        { arbitrary: fc.constant(true), weight: 4 },
        { arbitrary: fc.constant(false), weight: 1 },
      ),
      members: fc
        .array(memberArbitrary(options.asOf), { minLength: 1, maxLength: 8 })
        .map((members) => members.map((m, i): ReferenceMember => ({ id: `p${i + 1}`, ...m }))),
    },
    { noNullPrototype: true },
  );
  const extras = fc.tuple(
    optionalKey('registeredPoor', fc.boolean()),
    optionalKey(
      'emergency',
      fc.record({ severity: fc.constantFrom<'general' | 'major'>('general', 'major') }),
    ),
    optionalKey(
      'disaster',
      fc.record({ houseCollapsed: fc.boolean() }, { requiredKeys: [], noNullPrototype: true }),
    ),
  );
  return fc.tuple(base, extras).chain(([household, [registeredPoor, emergency, disaster]]) => {
    const n = household.members.filter((m) => m.extremePoverty === 'none' && m.orphan === 'none').length;
    const standard = options.standards?.[household.residence];
    return moneyArbitrary(incomeFenArbitrary(n, standard)).map((annualNetIncome): ReferenceHousehold => ({
      ...household,
      annualNetIncome,
      ...registeredPoor,
      ...emergency,
      ...disaster,
    }));
  });
}

/** `{ [key]: value }` half the time and `{}` otherwise, so that optional facts are truly absent. */
function optionalKey<K extends string, V>(
  key: K,
  value: fc.Arbitrary<V>,
): fc.Arbitrary<Partial<Record<K, V>>> {
  return fc.option(value, { nil: undefined, freq: 2 }).map((v) => {
    const present: Partial<Record<K, V>> = {};
    if (v !== undefined) present[key] = v;
    return present;
  });
}
