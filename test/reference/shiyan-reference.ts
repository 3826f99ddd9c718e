/**
 * An independent reference implementation of the Shiyan reference semantics
 * (`docs/policy.md`, "Reference semantics"), written straight from the policy text and
 * used to cross-check the engine. It imports nothing from `api/src` and computes on exact BigInt
 * rationals (`./rational`), not decimal.js, so that it shares neither code nor arithmetic with the
 * engine it checks.
 */
import {
  add,
  compare,
  div,
  formatFen,
  integer,
  min,
  mul,
  parseDecimal,
  type Rational,
  roundToFen,
  type RoundingMode,
  sub,
  ZERO,
} from './rational';

/** Money or a ratio as the API accepts it: a decimal string or a JSON number. */
export type DecimalInput = string | number;

/** How an extreme-poverty member or an orphan is supported: at home or in an institution. */
export type Arrangement = 'none' | 'scattered' | 'concentrated';

/** One household member, as in the evaluation input. */
export interface ReferenceMember {
  id: string;
  birthDate: string;
  disabilityGrade: number;
  seriousIllness: boolean;
  extremePoverty: Arrangement;
  orphan: Arrangement;
  inpatientCompliantOutOfPocket?: DecimalInput;
}

/** A household, as in the evaluation input. */
export interface ReferenceHousehold {
  jurisdiction: string;
  residence: 'rural' | 'urban';
  annualNetIncome: DecimalInput;
  assetsWithinLimit: boolean;
  registeredPoor?: boolean;
  members: ReferenceMember[];
  emergency?: { severity: 'general' | 'major' };
  disaster?: { houseCollapsed?: boolean };
}

/** A benefit code, in catalogue order (the order of lines within one household or member). */
export const BENEFIT_CODES = [
  'dibao',
  'dibao_special_increment',
  'disability_living_subsidy',
  'disability_care_subsidy',
  'extreme_poverty_support',
  'orphan_allowance',
  'medical_premium_subsidy',
  'inpatient_assistance',
  'temporary_assistance',
  'disaster_relief',
] as const;

/** One of {@link BENEFIT_CODES}. */
export type BenefitCode = (typeof BENEFIT_CODES)[number];

/** How often a benefit line is paid. */
export type Period = 'month' | 'year' | 'oneOff';

/** One benefit line: the fields of a determination line that carry the money. */
export interface ReferenceBenefit {
  code: BenefitCode;
  memberId: string | null;
  period: Period;
  amount: string;
}

/** How a line is rounded: decimal places (0–2) and mode. */
export interface ReferenceRounding {
  places: number;
  mode: RoundingMode;
}

/**
 * How amounts are rounded and totalled, as a ruleset version states it (`rounding`, `totals`, and a
 * benefit's own `rounding` or `instalmentsPerYear`): see {@link referenceAmounts}.
 */
export interface ReferenceAmounts {
  rounding: ReferenceRounding;
  monthsPerYear: number;
  /** A benefit's own rounding, by code. */
  benefitRounding: Partial<Record<string, ReferenceRounding>>;
  /** Benefits whose amount is a yearly standard paid in this many instalments, by code. */
  instalmentsPerYear: Partial<Record<string, number>>;
}

/**
 * Reads {@link ReferenceAmounts} from a ruleset version document as JSON (its own reading, not the
 * engine's): `rounding`, `totals.monthsPerYear`, and each benefit's `rounding` and
 * `instalmentsPerYear`.
 * @throws RangeError when the document does not state them.
 */
export function referenceAmounts(document: unknown): ReferenceAmounts {
  const doc = document as {
    rounding?: ReferenceRounding;
    totals?: { monthsPerYear?: number };
    benefits?: { code: string; rounding?: ReferenceRounding; instalmentsPerYear?: number }[];
  };
  if (!doc.rounding || doc.totals?.monthsPerYear === undefined)
    throw new RangeError('The version states no rounding or totals');
  const amounts: ReferenceAmounts = {
    rounding: { places: doc.rounding.places, mode: doc.rounding.mode },
    monthsPerYear: doc.totals.monthsPerYear,
    benefitRounding: {},
    instalmentsPerYear: {},
  };
  for (const b of doc.benefits ?? []) {
    if (b.rounding) amounts.benefitRounding[b.code] = { places: b.rounding.places, mode: b.rounding.mode };
    if (b.instalmentsPerYear !== undefined) amounts.instalmentsPerYear[b.code] = b.instalmentsPerYear;
  }
  return amounts;
}

/** The reference determination: benefit lines in API order and the totals. */
export interface ReferenceDetermination {
  benefits: ReferenceBenefit[];
  totals: { monthly: string; annual: string; oneOff: string };
}

/**
 * A member's age in full years on `asOf`: the difference in years, less one when `asOf`'s
 * (month, day) comes before the birthday's. Someone born on 29 February therefore turns a year
 * older on 1 March in a common year.
 * @example ageOn('2002-02-29', '2020-02-28') // 17
 */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = splitIsoDate(birthDate);
  const [ay, am, ad] = splitIsoDate(asOf);
  const beforeBirthday = am < bm || (am === bm && ad < bd);
  return ay - by - (beforeBirthday ? 1 : 0);
}

function splitIsoDate(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

interface Line {
  code: BenefitCode;
  memberId: string | null;
  period: Period;
  amount: Rational;
}

/**
 * Computes the determination for `household` on `asOf` under `params` (the resolved parameters of
 * the household's jurisdiction, as decimal strings) and `amounts` (the version's rounding and
 * totals). Each line is rounded once, from its exact value, as `amounts` says; zero lines are left
 * out; totals are sums of the rounded lines.
 * @example
 * referenceDetermination(household, '2019-06-30', { 'dibao.standard.rural': '380', … }, referenceAmounts(doc))
 *   // { benefits: [{ code: 'dibao', memberId: null, period: 'month', amount: '940.00' }, …], totals: … }
 */
export function referenceDetermination(
  household: ReferenceHousehold,
  asOf: string,
  params: Readonly<Record<string, string>>,
  amounts: ReferenceAmounts,
): ReferenceDetermination {
  const p = (key: string): Rational => {
    const value = params[key];
    if (value === undefined) throw new RangeError(`Missing parameter ${key}`);
    return parseDecimal(value);
  };
  const members = household.members;
  const inUnit = (m: ReferenceMember): boolean => m.extremePoverty === 'none' && m.orphan === 'none';
  const n = integer(members.filter(inUnit).length);
  const income = parseDecimal(household.annualNetIncome);
  const standard = p(`dibao.standard.${household.residence}`);
  const monthlyIncome = div(income, integer(12));
  const eligible =
    compare(n, ZERO) > 0 && household.assetsWithinLimit && compare(div(monthlyIncome, n), standard) < 0;

  const lines: Line[] = [];
  const push = (code: BenefitCode, memberId: string | null, period: Period, amount: Rational): void => {
    lines.push({ code, memberId, period, amount });
  };

  if (eligible) push('dibao', null, 'month', sub(mul(standard, n), monthlyIncome));
  const everyone = integer(members.length);
  if (household.emergency) {
    const months = p(`temporaryAssistance.months.${household.emergency.severity}`);
    push(
      'temporary_assistance',
      null,
      'oneOff',
      min(p('temporaryAssistance.cap'), mul(mul(months, standard), everyone)),
    );
  }
  if (household.disaster) {
    const tier = eligible || household.registeredPoor === true ? 'priority' : 'standard';
    const livingAid = mul(p(`disaster.livingAid.${tier}`), everyone);
    const rebuild = household.disaster.houseCollapsed === true ? p(`disaster.rebuild.${tier}`) : ZERO;
    push('disaster_relief', null, 'oneOff', add(livingAid, rebuild));
  }

  for (const m of members) {
    const unit = inUnit(m);
    const supported = m.extremePoverty !== 'none' || m.orphan !== 'none';
    const age = integer(ageOn(m.birthDate, asOf));
    const severe = m.disabilityGrade === 1 || m.disabilityGrade === 2;
    const special =
      compare(age, p('age.elderly')) >= 0 || compare(age, p('age.adult')) < 0 || severe || m.seriousIllness;
    if (unit && eligible && special) {
      push('dibao_special_increment', m.id, 'month', mul(p('dibao.specialIncrementRatio'), standard));
    }
    if (unit && eligible && m.disabilityGrade >= 1 && m.disabilityGrade <= 4) {
      push('disability_living_subsidy', m.id, 'month', p('disability.livingSubsidy'));
    }
    if (severe) push('disability_care_subsidy', m.id, 'month', p('disability.careSubsidy'));
    if (m.extremePoverty !== 'none') {
      // A yearly standard: a twelfth of it a month, or the standard itself when the version pays it
      // in instalments (each line then one instalment of it).
      const yearly = p(`extremePoverty.standard.${m.extremePoverty}`);
      const inInstalments = amounts.instalmentsPerYear['extreme_poverty_support'] !== undefined;
      push('extreme_poverty_support', m.id, 'month', inInstalments ? yearly : div(yearly, integer(12)));
    }
    if (m.orphan !== 'none') push('orphan_allowance', m.id, 'month', p(`orphan.allowance.${m.orphan}`));
    const premium = p('medical.residentPremium');
    if (supported) push('medical_premium_subsidy', m.id, 'year', premium);
    else if (eligible)
      push('medical_premium_subsidy', m.id, 'year', min(premium, p('medical.premiumSubsidy.dibao')));
    const outOfPocket =
      m.inpatientCompliantOutOfPocket === undefined ? ZERO : parseDecimal(m.inpatientCompliantOutOfPocket);
    if (compare(outOfPocket, ZERO) > 0 && (supported || eligible)) {
      const assisted = mul(p('medical.inpatientAssistanceRatio'), outOfPocket);
      push('inpatient_assistance', m.id, 'year', min(p('medical.inpatientAssistanceCap'), assisted));
    }
  }
  return finish(lines, amounts);
}

/**
 * Rounds each line, drops zero lines, and totals the rounded amounts: the annual total counts a
 * monthly line `monthsPerYear` times, and a yearly standard paid in instalments once, as itself.
 */
function finish(lines: Line[], amounts: ReferenceAmounts): ReferenceDetermination {
  const benefits: ReferenceBenefit[] = [];
  const sums: Record<Period, bigint> = { month: 0n, year: 0n, oneOff: 0n };
  let monthlyLines = 0n;
  let instalmentYears = 0n;
  for (const line of lines) {
    const r = amounts.benefitRounding[line.code] ?? amounts.rounding;
    const instalments = amounts.instalmentsPerYear[line.code];
    const perPeriod = instalments === undefined ? line.amount : div(line.amount, integer(instalments));
    const fen = roundToFen(perPeriod, r.places, r.mode);
    if (fen === 0n) continue;
    sums[line.period] += fen;
    if (instalments === undefined) {
      if (line.period === 'month') monthlyLines += fen;
    } else instalmentYears += roundToFen(line.amount, r.places, r.mode);
    benefits.push({ code: line.code, memberId: line.memberId, period: line.period, amount: formatFen(fen) });
  }
  return {
    benefits,
    totals: {
      monthly: formatFen(sums.month),
      annual: formatFen(BigInt(amounts.monthsPerYear) * monthlyLines + sums.year + instalmentYears),
      oneOff: formatFen(sums.oneOff),
    },
  };
}
