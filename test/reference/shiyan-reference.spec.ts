import { formatFen, parseDecimal, roundToFen, toFen } from './rational';
import {
  ageOn,
  type ReferenceAmounts,
  referenceAmounts,
  type ReferenceHousehold,
  type ReferenceMember,
  referenceDetermination,
} from './shiyan-reference';

/** Illustrative parameters; every expected figure below is computed by hand from these. */
const params: Record<string, string> = {
  'dibao.standard.rural': '380.00',
  'dibao.standard.urban': '500.00',
  'dibao.specialIncrementRatio': '0.20',
  'disability.livingSubsidy': '50.00',
  'disability.careSubsidy': '100.00',
  'extremePoverty.standard.scattered': '6000.00',
  'extremePoverty.standard.concentrated': '9600.00',
  'orphan.allowance.scattered': '600.00',
  'orphan.allowance.concentrated': '1000.00',
  'medical.residentPremium': '180.00',
  'medical.premiumSubsidy.dibao': '90.00',
  'medical.inpatientAssistanceRatio': '0.70',
  'medical.inpatientAssistanceCap': '10000.00',
  'age.elderly': '60',
  'age.adult': '18',
  'temporaryAssistance.months.general': '2',
  'temporaryAssistance.months.major': '6',
  'temporaryAssistance.cap': '5000.00',
  'disaster.livingAid.standard': '300.00',
  'disaster.livingAid.priority': '500.00',
  'disaster.rebuild.standard': '10000.00',
  'disaster.rebuild.priority': '20000.00',
  'statistics.nationalPovertyLine': '3218.00',
};

const AS_OF = '2019-06-30';

/** Today's choices, as every shipped version states them: fen, half up; 12 months a year. */
const AMOUNTS: ReferenceAmounts = {
  rounding: { places: 2, mode: 'halfUp' },
  monthsPerYear: 12,
  benefitRounding: {},
  instalmentsPerYear: {},
};

function member(id: string, overrides: Partial<ReferenceMember> = {}): ReferenceMember {
  return {
    id,
    birthDate: '1980-01-01',
    disabilityGrade: 0,
    seriousIllness: false,
    extremePoverty: 'none',
    orphan: 'none',
    ...overrides,
  };
}

function household(overrides: Partial<ReferenceHousehold> = {}): ReferenceHousehold {
  return {
    jurisdiction: '420325',
    residence: 'rural',
    annualNetIncome: '0',
    assetsWithinLimit: true,
    members: [member('p1')],
    ...overrides,
  };
}

/** The (code, memberId, amount) triples of a determination, for compact expectations. */
const lines = (h: ReferenceHousehold, asOf = AS_OF): Array<[string, string | null, string]> =>
  referenceDetermination(h, asOf, params, AMOUNTS).benefits.map((b) => [b.code, b.memberId, b.amount]);

describe('rational arithmetic', () => {
  it('parses decimal strings, exponents and JSON numbers exactly', () => {
    expect(parseDecimal('512.40')).toEqual({ num: 2562n, den: 5n });
    expect(parseDecimal('1e-7')).toEqual({ num: 1n, den: 10000000n });
    expect(parseDecimal(0.1)).toEqual({ num: 1n, den: 10n });
    expect(parseDecimal('.5')).toEqual({ num: 1n, den: 2n });
    expect(() => parseDecimal('12,5')).toThrow(RangeError);
  });

  it('rounds half away from zero and formats two decimals', () => {
    expect(formatFen(toFen(parseDecimal('0.005')))).toBe('0.01');
    expect(formatFen(toFen(parseDecimal('0.00499999')))).toBe('0.00');
    expect(formatFen(toFen(parseDecimal('-0.005')))).toBe('-0.01');
    expect(formatFen(51240n)).toBe('512.40');
    expect(formatFen(7n)).toBe('0.07');
  });
});

describe('ageOn', () => {
  it.each([
    ['2001-06-30', '2019-06-30', 18], // 18th birthday on asOf
    ['2001-07-01', '2019-06-30', 17], // turns 18 the day after
    ['1959-06-30', '2019-06-30', 60],
    ['1959-07-01', '2019-06-30', 59],
    ['2000-02-29', '2018-02-28', 17], // 29 Feb birthday, common year: not yet
    ['2000-02-29', '2018-03-01', 18], // … a year older on 1 March
    ['2000-02-29', '2020-02-29', 20], // leap year: on the day
    ['2000-02-29', '2020-02-28', 19],
    ['2019-06-30', '2019-06-30', 0],
  ])('born %s, on %s: %i', (birthDate, asOf, age) => {
    expect(ageOn(birthDate, asOf)).toBe(age);
  });
});

describe('referenceDetermination', () => {
  it('pays the difference to a plain dibao household', () => {
    // S = 380, n = 3, I = 2400: 380·3 − 2400/12 = 1140 − 200 = 940.00; premium min(180, 90) = 90 each.
    const h = household({ annualNetIncome: '2400', members: [member('a'), member('b'), member('c')] });
    const result = referenceDetermination(h, AS_OF, params, AMOUNTS);
    expect(result.benefits[0]).toEqual({ code: 'dibao', memberId: null, period: 'month', amount: '940.00' });
    expect(lines(h).slice(1)).toEqual([
      ['medical_premium_subsidy', 'a', '90.00'],
      ['medical_premium_subsidy', 'b', '90.00'],
      ['medical_premium_subsidy', 'c', '90.00'],
    ]);
    // annual = 12·940 + 3·90 = 11280 + 270
    expect(result.totals).toEqual({ monthly: '940.00', annual: '11550.00', oneOff: '0.00' });
  });

  it('rounds a half-fen tie up, whether income is a string or a JSON number', () => {
    // I = 1234.26 (123426 fen ≡ 6 mod 12): I/12 = 102.855; 380·2 − 102.855 = 657.145 → 657.15.
    for (const annualNetIncome of ['1234.26', 1234.26]) {
      const h = household({ annualNetIncome, members: [member('a'), member('b')] });
      expect(lines(h)[0]).toEqual(['dibao', null, '657.15']);
    }
    // 6000.06/12 = 500.005 → 500.01 for a scattered extreme-poverty member.
    const tie = referenceDetermination(
      household({ members: [member('a', { extremePoverty: 'scattered' })] }),
      AS_OF,
      { ...params, 'extremePoverty.standard.scattered': '6000.06' },
      AMOUNTS,
    );
    expect(tie.benefits[0]).toMatchObject({ code: 'extreme_poverty_support', amount: '500.01' });
  });

  it('is not eligible with per-capita income exactly at the line', () => {
    // n = 2, S = 380: I = 12·2·380 = 9120 → I/12/n = 380, not < 380.
    const h = household({
      annualNetIncome: '9120.00',
      members: [member('a', { birthDate: '1950-01-01' }), member('b')],
    });
    expect(referenceDetermination(h, AS_OF, params, AMOUNTS)).toEqual({
      benefits: [],
      totals: { monthly: '0.00', annual: '0.00', oneOff: '0.00' },
    });
  });

  it('is eligible one fen below the line, the dibao line itself rounding to zero and left out', () => {
    // I = 9119.99: I/12/2 = 379.99958… < 380; dibao = 760 − 759.99916… = 0.00083… → 0.00, omitted.
    // Member a is 69: increment 0.2·380 = 76.00. Premium 90 each; annual = 12·76 + 180 = 1092.
    const h = household({
      annualNetIncome: 9119.99,
      members: [member('a', { birthDate: '1950-01-01' }), member('b')],
    });
    const result = referenceDetermination(h, AS_OF, params, AMOUNTS);
    expect(lines(h)).toEqual([
      ['dibao_special_increment', 'a', '76.00'],
      ['medical_premium_subsidy', 'a', '90.00'],
      ['medical_premium_subsidy', 'b', '90.00'],
    ]);
    expect(result.totals).toEqual({ monthly: '76.00', annual: '1092.00', oneOff: '0.00' });
  });

  it('treats 18th and 60th birthdays on asOf as adult and elderly', () => {
    // Urban S = 500, n = 4, I = 0: dibao 2000.00. Special: p2 (17) and p3 (60), 0.2·500 = 100.00 each.
    const h = household({
      residence: 'urban',
      members: [
        member('p1', { birthDate: '2001-06-30' }), // 18 today: not a minor
        member('p2', { birthDate: '2001-07-01' }), // 17
        member('p3', { birthDate: '1959-06-30' }), // 60 today: elderly
        member('p4', { birthDate: '1959-07-01' }), // 59
      ],
    });
    const result = referenceDetermination(h, AS_OF, params, AMOUNTS);
    expect(lines(h).filter(([code]) => code !== 'medical_premium_subsidy')).toEqual([
      ['dibao', null, '2000.00'],
      ['dibao_special_increment', 'p2', '100.00'],
      ['dibao_special_increment', 'p3', '100.00'],
    ]);
    // monthly = 2000 + 200; annual = 12·2200 + 4·90 = 26400 + 360
    expect(result.totals).toEqual({ monthly: '2200.00', annual: '26760.00', oneOff: '0.00' });
  });

  it('counts a 29 February birthday from 1 March in a common year', () => {
    const h = household({ members: [member('a', { birthDate: '2000-02-29' })] });
    // 17 on 28 Feb 2018: 380.00 + 76.00; 18 on 1 Mar 2018: 380.00 only.
    expect(lines(h, '2018-02-28').slice(0, 2)).toEqual([
      ['dibao', null, '380.00'],
      ['dibao_special_increment', 'a', '76.00'],
    ]);
    expect(lines(h, '2018-03-01').slice(0, 2)).toEqual([
      ['dibao', null, '380.00'],
      ['medical_premium_subsidy', 'a', '90.00'],
    ]);
  });

  const mixedMembers = [
    // 69, extreme poverty at home: 6000/12 = 500.00; full premium 180; inpatient min(10000, 0.7·20000).
    member('a', {
      birthDate: '1950-01-01',
      extremePoverty: 'scattered',
      inpatientCompliantOutOfPocket: '20000',
    }),
    // 9, orphan in an institution, grade 2: care 100.00 (any household), orphan 1000.00, premium 180.
    member('b', { birthDate: '2010-05-05', orphan: 'concentrated', disabilityGrade: 2 }),
    // 39, grade 2: special 76.00, living 50.00, care 100.00, premium 90, inpatient 0.7·1234.57 = 864.199.
    member('c', { disabilityGrade: 2, inpatientCompliantOutOfPocket: 1234.57 }),
    // 34, grade 3: living 50.00, premium 90; not special.
    member('d', { birthDate: '1985-03-03', disabilityGrade: 3 }),
  ];

  it('computes every scheme for an eligible mixed household, in API order', () => {
    // n = 2 (c, d), I = 6000: 500/2 = 250 < 380; dibao = 760 − 500 = 260.00.
    // Temporary (major): min(5000, 6·380·4 = 9120) = 5000. Disaster (priority, eligible): 500·4 + 20000.
    const h = household({
      annualNetIncome: '6000',
      members: mixedMembers,
      emergency: { severity: 'major' },
      disaster: { houseCollapsed: true },
    });
    expect(lines(h)).toEqual([
      ['dibao', null, '260.00'],
      ['temporary_assistance', null, '5000.00'],
      ['disaster_relief', null, '22000.00'],
      ['extreme_poverty_support', 'a', '500.00'],
      ['medical_premium_subsidy', 'a', '180.00'],
      ['inpatient_assistance', 'a', '10000.00'],
      ['disability_care_subsidy', 'b', '100.00'],
      ['orphan_allowance', 'b', '1000.00'],
      ['medical_premium_subsidy', 'b', '180.00'],
      ['dibao_special_increment', 'c', '76.00'],
      ['disability_living_subsidy', 'c', '50.00'],
      ['disability_care_subsidy', 'c', '100.00'],
      ['medical_premium_subsidy', 'c', '90.00'],
      ['inpatient_assistance', 'c', '864.20'],
      ['disability_living_subsidy', 'd', '50.00'],
      ['medical_premium_subsidy', 'd', '90.00'],
    ]);
    // monthly = 260 + 500 + 100 + 1000 + 76 + 50 + 100 + 50 = 2136
    // year = 180 + 10000 + 180 + 90 + 864.20 + 90 = 11404.20; annual = 25632 + 11404.20
    expect(referenceDetermination(h, AS_OF, params, AMOUNTS).totals).toEqual({
      monthly: '2136.00',
      annual: '37036.20',
      oneOff: '27000.00',
    });
  });

  it('keeps only the non-dibao schemes when assets fail the check', () => {
    // Not eligible: no dibao, increment, living subsidy, unit premium or unit inpatient aid.
    // Temporary (general): min(5000, 2·380·4) = 3040. Disaster (standard): 300·4 = 1200, no rebuild.
    const h = household({
      annualNetIncome: '6000',
      assetsWithinLimit: false,
      members: mixedMembers,
      emergency: { severity: 'general' },
      disaster: {},
    });
    expect(lines(h)).toEqual([
      ['temporary_assistance', null, '3040.00'],
      ['disaster_relief', null, '1200.00'],
      ['extreme_poverty_support', 'a', '500.00'],
      ['medical_premium_subsidy', 'a', '180.00'],
      ['inpatient_assistance', 'a', '10000.00'],
      ['disability_care_subsidy', 'b', '100.00'],
      ['orphan_allowance', 'b', '1000.00'],
      ['medical_premium_subsidy', 'b', '180.00'],
      ['disability_care_subsidy', 'c', '100.00'],
    ]);
    // monthly = 500 + 100 + 1000 + 100 = 1700; annual = 20400 + 180 + 10000 + 180
    expect(referenceDetermination(h, AS_OF, params, AMOUNTS).totals).toEqual({
      monthly: '1700.00',
      annual: '30760.00',
      oneOff: '4240.00',
    });
  });

  it('gives registered-poor households the priority disaster tier, and an empty unit no dibao', () => {
    // Everyone is extreme-poverty: n = 0, never eligible, even with I = 0.
    const members = [
      member('a', { extremePoverty: 'concentrated' }),
      member('b', { extremePoverty: 'scattered' }),
    ];
    const base = household({ members, disaster: { houseCollapsed: true } });
    // standard: 300·2 + 10000 = 10600; priority: 500·2 + 20000 = 21000. 9600/12 = 800, 6000/12 = 500.
    expect(lines(base).slice(0, 2)).toEqual([
      ['disaster_relief', null, '10600.00'],
      ['extreme_poverty_support', 'a', '800.00'],
    ]);
    expect(lines({ ...base, registeredPoor: true })[0]).toEqual(['disaster_relief', null, '21000.00']);
  });

  it('leaves out a zero inpatient cost and rounds a tiny one', () => {
    const zero = household({ members: [member('a', { inpatientCompliantOutOfPocket: 0 })] });
    expect(lines(zero).map(([code]) => code)).toEqual(['dibao', 'medical_premium_subsidy']);
    // 0.7 · 0.15 = 0.105 → 0.11
    const tiny = household({ members: [member('a', { inpatientCompliantOutOfPocket: '0.15' })] });
    expect(lines(tiny)[2]).toEqual(['inpatient_assistance', 'a', '0.11']);
  });

  it('rounds each line as the version or the benefit says, from its exact value', () => {
    // One scattered extreme-poverty member: 6000.06/12 = 500.005 exactly.
    const h = household({ members: [member('a', { extremePoverty: 'scattered' })] });
    const p = { ...params, 'extremePoverty.standard.scattered': '6000.06' };
    const amount = (amounts: ReferenceAmounts): string | undefined =>
      referenceDetermination(h, AS_OF, p, amounts).benefits.find((b) => b.code === 'extreme_poverty_support')
        ?.amount;
    expect(amount({ ...AMOUNTS, rounding: { places: 2, mode: 'halfEven' } })).toBe('500.00');
    expect(amount({ ...AMOUNTS, rounding: { places: 2, mode: 'up' } })).toBe('500.01');
    expect(amount({ ...AMOUNTS, rounding: { places: 0, mode: 'down' } })).toBe('500.00');
    expect(
      amount({ ...AMOUNTS, benefitRounding: { extreme_poverty_support: { places: 1, mode: 'up' } } }),
    ).toBe('500.10');
  });

  it('counts a yearly standard paid in instalments once, as itself, in the annual total', () => {
    // 7280 a year: 12 instalments of 606.666… → 606.67 a month, but 7280.00 a year, not 7280.04.
    const h = household({
      annualNetIncome: '100000',
      members: [member('a', { extremePoverty: 'scattered' })],
    });
    const p = { ...params, 'extremePoverty.standard.scattered': '7280.00' };
    const today = referenceDetermination(h, AS_OF, p, AMOUNTS).totals;
    expect(today).toEqual({ monthly: '606.67', annual: '7460.04', oneOff: '0.00' }); // 12 × 606.67 + 180 premium
    const paid = referenceDetermination(h, AS_OF, p, {
      ...AMOUNTS,
      instalmentsPerYear: { extreme_poverty_support: 12 },
    });
    expect(paid.benefits[0]).toMatchObject({ code: 'extreme_poverty_support', amount: '606.67' });
    expect(paid.totals).toEqual({ monthly: '606.67', annual: '7460.00', oneOff: '0.00' }); // 7280 + 180
  });

  it('reads the rounding and the totals from a version document', () => {
    const amounts = referenceAmounts({
      rounding: { places: 2, mode: 'halfUp' },
      totals: { monthsPerYear: 12 },
      benefits: [
        { code: 'x', rounding: { places: 0, mode: 'floor' }, instalmentsPerYear: 12 },
        { code: 'y' },
      ],
    });
    expect(amounts).toEqual({
      rounding: { places: 2, mode: 'halfUp' },
      monthsPerYear: 12,
      benefitRounding: { x: { places: 0, mode: 'floor' } },
      instalmentsPerYear: { x: 12 },
    });
    expect(() => referenceAmounts({ benefits: [] })).toThrow(RangeError);
  });
});

describe('roundToFen', () => {
  // Ties and near-ties either side of zero, against each mode's definition.
  it.each([
    ['2.345', 2, 'halfUp', 235n],
    ['-2.345', 2, 'halfUp', -235n],
    ['2.345', 2, 'halfDown', 234n],
    ['-2.345', 2, 'halfDown', -234n],
    ['2.345', 2, 'halfEven', 234n],
    ['2.355', 2, 'halfEven', 236n],
    ['-2.355', 2, 'halfEven', -236n],
    ['2.3451', 2, 'halfDown', 235n],
    ['2.341', 2, 'up', 235n],
    ['-2.341', 2, 'up', -235n],
    ['2.349', 2, 'down', 234n],
    ['-2.349', 2, 'down', -234n],
    ['-2.341', 2, 'ceil', -234n],
    ['-2.341', 2, 'floor', -235n],
    ['7.5', 0, 'halfEven', 800n],
    ['6.5', 0, 'halfEven', 600n],
    ['6.04', 1, 'up', 610n],
    ['6.00', 0, 'up', 600n],
  ] as const)('%s to %i places, %s, is %s fen', (value, places, mode, fen) => {
    expect(roundToFen(parseDecimal(value), places, mode)).toBe(fen);
  });
});
