/**
 * Property-based tests of the engine, called directly (no CLI): the shipped Shiyan versions are
 * compiled with `compileVersion`, random households from `householdArbitrary` are evaluated with
 * `determine`, and each determination is checked against properties computed independently from
 * the input and the resolved parameters, and against the reference implementation.
 *
 * Reproduce a failure with the seed and path fast-check prints; change the seed with
 * `PROPERTY_SEED=<n> npx jest test/engine-properties`.
 */
import fc from 'fast-check';

import { determine, type Determination } from '../api/src/engine/evaluation/determine';
import { parametersFor } from '../api/src/engine/model/parameter-report';
import { compare, div, formatFen, integer, mul, parseDecimal, sub, toFen, ZERO } from './reference/rational';
import {
  referenceAmounts,
  type ReferenceDetermination,
  type ReferenceHousehold,
  referenceDetermination,
} from './reference/shiyan-reference';
import { asOfArbitrary, householdArbitrary } from './support/household-arbitrary';
import { shippedCatalog, shippedDocument, shippedVersion, shippedVersions } from './support/shipped-rulesets';

const SEED = Number(process.env.PROPERTY_SEED ?? 20170225);
const RUNS = 200;
const options = { seed: SEED, numRuns: RUNS };

const catalog = shippedCatalog();
const first = shippedVersions()[0];
if (!first) throw new Error('no shipped versions');

/** One evaluation: a date, the version in force then (by label), a jurisdiction and a household. */
interface Case {
  asOf: string;
  version: string;
  jurisdiction: string;
  household: ReferenceHousehold;
}

/** The resolved parameters of a case's version and jurisdiction, as decimal strings. */
const paramsOf = (c: Case): Record<string, string> =>
  parametersFor(shippedVersion(c.version), c.jurisdiction);

/** The rounding and totals of a case's version, read from its file by the reference. */
const amountsOf = (c: Case): ReturnType<typeof referenceAmounts> =>
  referenceAmounts(shippedDocument(c.version));

const param = (params: Record<string, string>, key: string): string => {
  const value = params[key];
  if (value === undefined) throw new Error(`missing parameter ${key}`);
  return value;
};

/**
 * Dates from the first version's effectiveFrom to mid-2021, the version in force then, one of its
 * jurisdictions, and a household biased towards that place's dibao line.
 */
const cases: fc.Arbitrary<Case> = fc
  .tuple(asOfArbitrary(first.effectiveFrom, '2021-06-30'), fc.nat())
  .chain(([asOf, index]) => {
    const version = catalog.versionInForce(asOf);
    const codes = [...version.jurisdictions.keys()];
    const jurisdiction = codes[index % codes.length] as string;
    const params = parametersFor(version, jurisdiction);
    const standards = {
      rural: param(params, 'dibao.standard.rural'),
      urban: param(params, 'dibao.standard.urban'),
    };
    return householdArbitrary({ jurisdictions: [jurisdiction], asOf, standards }).map((household): Case => ({
      asOf,
      version: version.version,
      jurisdiction,
      household,
    }));
  });

const evaluate = (c: Case): Promise<Determination> =>
  determine(shippedVersion(c.version), c.household, c.asOf);

/** Yuan with two decimals to fen, refusing anything else. */
function fen(amount: string): bigint {
  if (!/^-?\d+\.\d{2}$/.test(amount)) throw new Error(`not a two-decimal amount: ${amount}`);
  return BigInt(amount.replace('.', ''));
}

/**
 * Dibao per docs/policy.md, computed here from the input and the resolved parameters alone:
 * eligible ⇔ n ≥ 1 ∧ assetsWithinLimit ∧ I / 12 / n < S; the line is round_half_up(S·n − I/12, 2).
 */
function expectedDibao(c: Case): { eligible: boolean; amountFen: bigint } {
  const h = c.household;
  const S = parseDecimal(param(paramsOf(c), `dibao.standard.${h.residence}`));
  const n = integer(h.members.filter((m) => m.extremePoverty === 'none' && m.orphan === 'none').length);
  const I = parseDecimal(h.annualNetIncome);
  const monthly = div(I, integer(12));
  const eligible = compare(n, ZERO) > 0 && h.assetsWithinLimit && compare(div(monthly, n), S) < 0;
  return { eligible, amountFen: eligible ? toFen(sub(mul(S, n), monthly)) : 0n };
}

/** The money-carrying part of a determination, shaped like the reference's. */
const project = (d: Determination): ReferenceDetermination => ({
  benefits: d.benefits.map(({ code, memberId, period, amount }) => ({
    code: code as ReferenceDetermination['benefits'][number]['code'],
    memberId,
    period,
    amount,
  })),
  totals: d.totals,
});

describe('engine properties over the shipped Shiyan versions', () => {
  it('is deterministic: the same input twice gives identical JSON bytes', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const once = JSON.stringify(await evaluate(c));
        const twice = JSON.stringify(await evaluate(structuredClone(c)));
        expect(twice).toBe(once);
      }),
      options,
    );
  });

  it('totals equal the sums of the rounded lines, and no line is zero', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const d = await evaluate(c);
        const sum = (period: string): bigint =>
          d.benefits.filter((l) => l.period === period).reduce((t, l) => t + fen(l.amount), 0n);
        for (const line of d.benefits) expect(fen(line.amount) > 0n).toBe(true);
        const monthly = sum('month');
        expect(d.totals).toEqual({
          monthly: formatFen(monthly),
          annual: formatFen(BigInt(amountsOf(c).monthsPerYear) * monthly + sum('year')),
          oneOff: formatFen(sum('oneOff')),
        });
      }),
      options,
    );
  });

  it('pays an eligible household round_half_up(S·n − I/12, 2) as its dibao line, or no line at 0.00', async () => {
    let eligible = 0;
    let paid = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const expected = expectedDibao(c);
        const d = await evaluate(c);
        const dibao = d.benefits.filter((l) => l.code === 'dibao');
        expect(d.eligibility['dibao']?.['eligible']).toBe(expected.eligible);
        if (!expected.eligible) return;
        eligible++;
        if (expected.amountFen === 0n) {
          expect(dibao).toEqual([]);
        } else {
          paid++;
          expect(dibao).toEqual([
            expect.objectContaining({
              memberId: null,
              period: 'month',
              amount: formatFen(expected.amountFen),
            }),
          ]);
        }
      }),
      options,
    );
    // The arbitrary is biased towards the line: most runs must reach the eligible branch.
    expect(eligible).toBeGreaterThan(RUNS / 4);
    expect(paid).toBeGreaterThan(RUNS / 4);
  });

  it('gives an ineligible household no dibao, special increment or living subsidy line', async () => {
    let ineligible = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        if (expectedDibao(c).eligible) return;
        ineligible++;
        const d = await evaluate(c);
        const codes = d.benefits.map((l) => l.code);
        expect(codes).not.toContain('dibao');
        expect(codes).not.toContain('dibao_special_increment');
        expect(codes).not.toContain('disability_living_subsidy');
        expect(d.eligibility['dibao']?.['eligible']).toBe(false);
      }),
      options,
    );
    expect(ineligible).toBeGreaterThan(RUNS / 10);
  });

  it('equals the reference implementation, line by line and in the totals', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const d = await evaluate(c);
        expect(project(d)).toEqual(referenceDetermination(c.household, c.asOf, paramsOf(c), amountsOf(c)));
      }),
      options,
    );
  });
});
