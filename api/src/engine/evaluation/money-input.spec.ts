/**
 * Money inputs carry yuan and fen only, and the household `id` (the caller's case number).
 */
import fc from 'fast-check';

import { compare, div, integer, parseDecimal } from '../../../../test/reference/rational';
import { fact, household, minimalVersion } from '../../../../test/support/ruleset-factory';
import { shippedVersion } from '../../../../test/support/shipped-rulesets';
import { InvalidInputError, InvalidRulesetError, type FieldProblem } from '../errors';
import { compileVersion } from '../model/compile-version';
import { determine } from './determine';
import { householdIdOf } from './input';

const AS_OF = '2019-06-30';
const MONEY_MESSAGE = '金额最多两位小数(元和分) / money has at most two decimals (yuan and fen)';

/** The problems a household has under `version` (fails the test when it is valid). */
async function problemsOf(
  version: ReturnType<typeof compileVersion>,
  input: unknown,
  asOf = AS_OF,
): Promise<FieldProblem[]> {
  try {
    await determine(version, input, asOf);
  } catch (e) {
    if (e instanceof InvalidInputError) return e.errors;
    throw e;
  }
  throw new Error('expected the input to be refused');
}

/** 房县 (420325), rural, one member born in 1950 (69 on 2019-06-30), assets within the limit. */
const singleElderly = (annualNetIncome: unknown, extra: Record<string, unknown> = {}) => ({
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome,
  assetsWithinLimit: true,
  members: [{ id: 'p1', birthDate: '1950-03-02' }],
  ...extra,
});

describe('money inputs', () => {
  const v2019 = shippedVersion('2019');

  it("refuses the issue's income 4739.(37 nines) with a clear problem naming the field", async () => {
    const income = `4739.${'9'.repeat(37)}`;
    const problems = await problemsOf(v2019, singleElderly(income));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('/annualNetIncome');
    expect(problems[0]?.message.startsWith(MONEY_MESSAGE)).toBe(true);
  });

  it('finds 4739.99 in 房县 2019 eligible for a single elderly person, with the 79.00 increment and 100.00 premium', async () => {
    // From the 2019 ruleset for 420325: dibao.standard.rural = 395.00, dibao.specialIncrementRatio
    // = 0.20, medical.residentPremium = 250.00, medical.premiumSubsidy.dibao = 100.00.
    // Exactly, I/12 = 4739.99/12 = 394.999166… < 395.00: eligible (n = 1).
    expect(compare(div(parseDecimal('4739.99'), integer(12)), parseDecimal('395.00'))).toBe(-1);
    const d = await determine(v2019, singleElderly('4739.99'), AS_OF);
    expect(d.eligibility['dibao']).toMatchObject({ eligible: true, unitSize: 1 });
    // dibao = S·n − I/12 = 395 − 394.999166… = 0.000833… → 0.00, so no dibao line; the member is 69
    // (≥ age.elderly 60): increment 0.20 × 395.00 = 79.00 a month; premium min(250.00, 100.00).
    expect(d.benefits.map((l) => [l.code, l.memberId, l.period, l.amount])).toEqual([
      ['dibao_special_increment', 'p1', 'month', '79.00'],
      ['medical_premium_subsidy', 'p1', 'year', '100.00'],
    ]);
    // annual = 12 × 79.00 + 100.00 = 1048.00
    expect(d.totals).toEqual({ monthly: '79.00', annual: '1048.00', oneOff: '0.00' });
  });

  it('finds 4740.00 (exactly on the line) ineligible', async () => {
    const d = await determine(v2019, singleElderly('4740.00'), AS_OF);
    expect(d.eligibility['dibao']).toMatchObject({ eligible: false });
    expect(d.benefits).toEqual([]);
  });

  it.each([
    ['0.001', true],
    [0.125, true],
    ['4739.999', true],
    ['4739.990', false], // two decimals carried: trailing zeros do not count
    ['4739.9', false],
    [4739.99, false],
    ['4740', false],
  ])('judges %j: more than two decimals refused = %s', async (income, refused) => {
    const version = compileVersion(
      minimalVersion({
        facts: {
          ...minimalVersion().facts,
          household: [
            fact('jurisdiction', 'jurisdiction', { required: true }),
            fact('annualNetIncome', 'money', { required: true, minimum: '0', maximum: '1000000' }),
          ],
        },
      }),
    );
    const input = household({ annualNetIncome: income });
    if (refused)
      expect(await problemsOf(version, input)).toEqual([
        { path: '/annualNetIncome', message: expect.stringContaining(MONEY_MESSAGE) as unknown },
      ]);
    else await expect(determine(version, input, AS_OF)).resolves.toBeDefined();
  });

  it('names a money value with more than two decimals in a member fact', async () => {
    const problems = await problemsOf(
      v2019,
      singleElderly('1000', {
        members: [{ id: 'p1', birthDate: '1950-03-02', inpatientCompliantOutOfPocket: '12.345' }],
      }),
    );
    expect(problems).toEqual([
      {
        path: '/members/0/inpatientCompliantOutOfPocket',
        message: expect.stringContaining(MONEY_MESSAGE) as unknown,
      },
    ]);
  });

  it('refuses a money fact whose default or bounds have more than two decimals', () => {
    const doc = minimalVersion();
    doc.facts.household.push(fact('savings', 'money', { default: '0.001', maximum: '10.005' }));
    try {
      compileVersion(doc);
      throw new Error('expected the version to be refused');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidRulesetError);
      const paths = (e as InvalidRulesetError).errors.map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining(['/facts/household/2/default', '/facts/household/2/maximum']),
      );
    }
  });

  it('decides dibao exactly at and beside the line for every two-decimal income (property, against BigInt rationals)', async () => {
    // Exact rationals decide I / 12 / n < S; the engine must agree for incomes within a few fen of
    // the line 12·n·S, for unit sizes 1–6.
    const S = parseDecimal('395.00');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: -300, max: 300 }),
        async (n, fen) => {
          const lineFen = 12n * BigInt(n) * 39500n;
          const incomeFen = lineFen + BigInt(fen);
          const income = `${incomeFen / 100n}.${String(incomeFen % 100n).padStart(2, '0')}`;
          const members = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, birthDate: '1980-01-01' }));
          const d = await determine(v2019, { ...singleElderly(income), members }, AS_OF);
          const exact = compare(div(div(parseDecimal(income), integer(12)), integer(n)), S) < 0;
          expect((d.eligibility['dibao'] as { eligible: boolean }).eligible).toBe(exact);
        },
      ),
      { seed: 4739, numRuns: 300 },
    );
  });
});

describe('household id', () => {
  const base = compileVersion(minimalVersion());

  it('echoes a caller case number as householdId, first, and leaves it out when not given', async () => {
    const withId = await determine(base, household({ id: 'SY-2019-000123' }), AS_OF);
    expect(Object.keys(withId)[0]).toBe('householdId');
    expect(withId.householdId).toBe('SY-2019-000123');
    const without = await determine(base, household(), AS_OF);
    expect(without).not.toHaveProperty('householdId');
    const { householdId, ...rest } = withId;
    expect(householdId).toBeDefined();
    expect(JSON.stringify(rest)).toBe(JSON.stringify(without));
  });

  it('treats null as no id', async () => {
    expect(await determine(base, household({ id: null }), AS_OF)).not.toHaveProperty('householdId');
  });

  it('accepts 100 characters and refuses 101, an empty id, a number and control characters', async () => {
    const long = '户'.repeat(100);
    expect((await determine(base, household({ id: long }), AS_OF)).householdId).toBe(long);
    for (const id of ['x'.repeat(101), '', 42, 'SY\n123', 'SY\u0000', 'SY\u0085']) {
      const problems = await problemsOf(base, household({ id }));
      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toBe('/id');
      expect(problems[0]?.message).toMatch(/^户编号.* \/ must /);
    }
  });

  it('refuses a version declaring a household fact named id or members, or a member fact named id', () => {
    const doc = minimalVersion();
    doc.facts.household.push(fact('id', 'string'), fact('members', 'string'));
    doc.facts.member.push(fact('id', 'string'));
    try {
      compileVersion(doc);
      throw new Error('expected the version to be refused');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidRulesetError);
      const reserved = (e as InvalidRulesetError).errors.filter((p) => p.message.includes('is reserved'));
      expect(reserved.map((p) => p.path)).toEqual([
        '/facts/household/2/name',
        '/facts/household/3/name',
        '/facts/member/1/name',
      ]);
    }
  });

  it('reads the id of a household sent as anything, for a batch problem entry', () => {
    expect(householdIdOf({ id: 'A-1', members: 'bad' })).toBe('A-1');
    expect(householdIdOf({ id: '' })).toBeUndefined();
    expect(householdIdOf({ id: 7 })).toBeUndefined();
    expect(householdIdOf(null)).toBeUndefined();
    expect(householdIdOf(['A-1'])).toBeUndefined();
    expect(householdIdOf(Object.create({ id: 'inherited' }))).toBeUndefined();
  });
});
