/**
 * Rounding and totals as ruleset data: the version's `rounding` (places and mode), a benefit's own
 * `rounding`, `totals.monthsPerYear`, and a yearly standard paid in `instalmentsPerYear`.
 */
import {
  benefit,
  household,
  minimalVersion,
  outcome,
  parameter,
  rule,
} from '../../../../test/support/ruleset-factory';
import { shippedDocument, shippedVersion } from '../../../../test/support/shipped-rulesets';
import { InvalidRulesetError } from '../errors';
import { compileVersion } from '../model/compile-version';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { determine, type Determination } from './determine';

const AS_OF = '2019-06-30';

/**
 * The base version with one member benefit `care`, paid by the month to every member of any
 * household: the yearly standard `care.yearly` (7280.00 yuan/year) divided by 12 in the formula,
 * unless a test changes the formula. The household benefit `support` is removed, so `care` is the
 * only line.
 */
function careVersion(change: (doc: RulesetVersion) => void = () => {}): RulesetVersion {
  const doc = minimalVersion();
  doc.parameters.push(parameter('care.yearly', '7280.00', { unit: 'yuan/year' }));
  doc.outcomes.push(outcome('careRecipient', 'member'));
  doc.rules.member.push(
    rule('every member', 'careRecipient', [{ fact: 'birthDate', operator: 'notEqual', value: '1900-01-01' }]),
  );
  doc.benefits = [benefit('care', 'member', 'month', 'careRecipient', 'care.yearly / 12')];
  change(doc);
  return doc;
}

const evaluate = (doc: RulesetVersion, input = household()): Promise<Determination> =>
  determine(compileVersion(doc), input, AS_OF);

/** An exact amount of 500.005 yuan a month, a half-fen tie, for the `care` benefit. */
const tie = (doc: RulesetVersion): void => {
  const [care] = doc.benefits;
  if (care) care.amount = '500.005';
};

describe('rounding as ruleset data', () => {
  it('rounds as every shipped version states: fen, half up, with 12 months a year', () => {
    for (const label of ['2017-02', '2017-10', '2018', '2019', '2020']) {
      const doc = shippedDocument(label) as RulesetVersion;
      expect(doc.rounding).toMatchObject({ places: 2, mode: 'halfUp' });
      expect(doc.totals).toMatchObject({ monthsPerYear: 12 });
      expect(doc.rounding.source?.note).toBeDefined();
      expect(doc.benefits.every((b) => b.rounding === undefined && b.instalmentsPerYear === undefined)).toBe(
        true,
      );
    }
  });

  it.each([
    // 500.005: the tie goes away from zero (halfUp), to the even fen (halfEven), towards zero
    // (halfDown, down), or up (up, ceil); whole yuan half up gives 500.
    [{ places: 2, mode: 'halfUp' }, '500.01'],
    [{ places: 2, mode: 'halfEven' }, '500.00'],
    [{ places: 2, mode: 'halfDown' }, '500.00'],
    [{ places: 2, mode: 'down' }, '500.00'],
    [{ places: 2, mode: 'up' }, '500.01'],
    [{ places: 2, mode: 'ceil' }, '500.01'],
    [{ places: 1, mode: 'up' }, '500.10'],
    [{ places: 0, mode: 'halfUp' }, '500.00'],
  ] as const)('rounds a line by the version rounding %j to %s', async (rounding, amount) => {
    const d = await evaluate(
      careVersion((doc) => {
        tie(doc);
        doc.rounding = { ...rounding };
      }),
    );
    expect(d.benefits.map((l) => l.amount)).toEqual([amount]);
    expect(d.totals.monthly).toBe(amount);
  });

  it("lets a benefit's own rounding override the version's", async () => {
    const d = await evaluate(
      careVersion((doc) => {
        tie(doc);
        doc.benefits.push(
          benefit('care_even', 'member', 'month', 'careRecipient', '500.005', {
            rounding: { places: 2, mode: 'halfEven' },
          }),
        );
      }),
    );
    // care: version rounding (half up) 500.01; care_even: its own (half even) 500.00.
    expect(d.benefits.map((l) => [l.code, l.amount])).toEqual([
      ['care', '500.01'],
      ['care_even', '500.00'],
    ]);
    expect(d.totals).toEqual({ monthly: '1000.01', annual: '12000.12', oneOff: '0.00' });
  });

  it('counts a monthly line as many times as totals.monthsPerYear says', async () => {
    // 606.67 a month (7280/12 = 606.666…, half up); 10 months: 6066.70.
    const d = await evaluate(careVersion((doc) => (doc.totals = { monthsPerYear: 10 })));
    expect(d.totals).toEqual({ monthly: '606.67', annual: '6066.70', oneOff: '0.00' });
  });

  it('shows 7280.04 a year for a yearly standard of 7280 paid as a monthly twelfth', async () => {
    // What the issue reports: 12 × round(7280 / 12) = 12 × 606.67 = 7280.04.
    const d = await evaluate(careVersion());
    expect(d.benefits).toMatchObject([{ code: 'care', period: 'month', amount: '606.67' }]);
    expect(d.benefits[0]).not.toHaveProperty('yearlyAmount');
    expect(d.totals).toEqual({ monthly: '606.67', annual: '7280.04', oneOff: '0.00' });
  });

  it('counts a yearly standard paid in instalments exactly: 7280.00 a year, 606.67 a month', async () => {
    const d = await evaluate(
      careVersion((doc) => {
        const [care] = doc.benefits;
        if (care) Object.assign(care, { amount: 'care.yearly', instalmentsPerYear: 12 });
      }),
    );
    expect(d.benefits).toMatchObject([
      { code: 'care', period: 'month', amount: '606.67', yearlyAmount: '7280.00' },
    ]);
    // The explanation shows the yearly standard, then one instalment of it (units in words).
    expect(d.benefits[0]?.explanation).toMatch(/= 7280\.00\D*÷ 12 = 606\.67/);
    expect(d.totals).toEqual({ monthly: '606.67', annual: '7280.00', oneOff: '0.00' });
  });

  it('adds a yearly standard in instalments to the other monthly and yearly lines', async () => {
    const d = await evaluate(
      careVersion((doc) => {
        const [care] = doc.benefits;
        if (care) Object.assign(care, { amount: 'care.yearly', instalmentsPerYear: 12 });
        doc.benefits.push(
          benefit('extra', 'member', 'month', 'careRecipient', '10.00'),
          benefit('premium', 'member', 'year', 'careRecipient', '100.00'),
        );
      }),
      household({
        members: [
          { id: 'p1', birthDate: '1980-05-17' },
          { id: 'p2', birthDate: '2001-01-01' },
        ],
      }),
    );
    // Per member: 606.67 + 10.00 a month, 100.00 a year. Two members:
    // monthly = 2 × 616.67 = 1233.34; annual = 12 × 2 × 10.00 + 2 × 100.00 + 2 × 7280.00
    // = 240.00 + 200.00 + 14560.00 = 15000.00 (the instalments themselves are not counted again).
    expect(d.totals).toEqual({ monthly: '1233.34', annual: '15000.00', oneOff: '0.00' });
  });

  it('refuses instalments on a benefit not paid by the month, naming it', () => {
    const doc = careVersion((d) => {
      const [care] = d.benefits;
      if (care) Object.assign(care, { period: 'year', instalmentsPerYear: 12 });
    });
    expect(() => compileVersion(doc)).toThrow(InvalidRulesetError);
    try {
      compileVersion(doc);
    } catch (e) {
      expect((e as InvalidRulesetError).errors).toContainEqual(
        expect.objectContaining({
          path: '/benefits/0/instalmentsPerYear',
          message: expect.stringMatching(/^只有按月发放的待遇.* \/ only a benefit paid by the month/),
        }),
      );
    }
  });

  it('refuses an unknown rounding mode and more than two places, naming the field', () => {
    for (const rounding of [
      { places: 2, mode: 'bankers' },
      { places: 3, mode: 'halfUp' },
    ]) {
      const doc = careVersion() as unknown as Record<string, unknown>;
      doc['rounding'] = rounding;
      expect(() => compileVersion(doc)).toThrow(InvalidRulesetError);
      try {
        compileVersion(doc);
      } catch (e) {
        expect((e as InvalidRulesetError).errors.map((p) => p.path)).toEqual(
          expect.arrayContaining([expect.stringMatching(/^\/rounding/)]),
        );
      }
    }
  });

  it('keeps the shipped answers: a scattered extreme-poverty member of 2019 still gets 12 twelfths', async () => {
    // 420325 in 2019: extremePoverty.standard.scattered = 7200.00 → 600.00 a month; the premium is
    // the full medical.residentPremium 250.00 a year; annual = 12 × 600.00 + 250.00 = 7450.00.
    const d = await determine(
      shippedVersion('2019'),
      {
        jurisdiction: '420325',
        residence: 'rural',
        annualNetIncome: '100000',
        assetsWithinLimit: true,
        members: [{ id: 'p1', birthDate: '1950-03-02', extremePoverty: 'scattered' }],
      },
      AS_OF,
    );
    expect(d.benefits.map((l) => [l.code, l.amount])).toEqual([
      ['extreme_poverty_support', '600.00'],
      ['medical_premium_subsidy', '250.00'],
    ]);
    expect(d.totals).toEqual({ monthly: '600.00', annual: '7450.00', oneOff: '0.00' });
  });
});
