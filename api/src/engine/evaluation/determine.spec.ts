import {
  benefit,
  household,
  J2,
  minimalVersion,
  outcome,
  rule,
  TEST_BASIS,
} from '../../../../test/support/ruleset-factory';
import { shippedVersion } from '../../../../test/support/shipped-rulesets';
import { EvaluationError, InvalidInputError, InvalidRulesetError } from '../errors';
import { compileVersion, type CompiledVersion } from '../model/compile-version';
import { determine, type Determination } from './determine';

const AS_OF = '2019-06-30';

/** The base version (one household benefit, `support`) compiled as is. */
const base = compileVersion(minimalVersion());

/**
 * The base version plus a member outcome `memberAid` (every member of a supported household) and
 * benefits declared in a deliberately mixed catalogue order:
 * `m_first` (member, month, 0.005), `support` (household, month), `m_second` (member, year,
 * 10 from age 60, else 0), `h_once` (household, one-off, 100.125).
 */
const mixed: CompiledVersion = (() => {
  const doc = minimalVersion();
  doc.derived.push({
    scope: 'member',
    name: 'age',
    type: 'integer',
    formula: 'yearsBetween(birthDate, asOf)',
    label: { zh: '周岁', en: 'Age' },
  });
  doc.outcomes.push(outcome('memberAid', 'member', { report: true }));
  doc.rules.member.push(
    rule('aid for members of supported households', 'memberAid', [
      { fact: 'household.support', operator: 'equal', value: true },
    ]),
  );
  const [support] = doc.benefits;
  if (!support) throw new Error('the base version has a benefit');
  doc.benefits = [
    benefit('m_first', 'member', 'month', 'memberAid', '0.005'),
    support,
    benefit('m_second', 'member', 'year', 'memberAid', 'if(age >= 60, 10, 0)'),
    benefit('h_once', 'household', 'oneOff', 'support', '100.125'),
  ];
  return compileVersion(doc);
})();

const members = [
  { id: 'zed', birthDate: '1950-01-01' }, // 69
  { id: 'amy', birthDate: '1990-01-01' }, // 29
];

const lineKeys = (d: Determination): string[] =>
  d.benefits.map((l) => `${l.code}${l.memberId === null ? '' : `@${l.memberId}`} ${l.period} ${l.amount}`);

describe('determine', () => {
  it('gives the difference, with the ruleset, date, place and totals', async () => {
    const d = await determine(base, household({ annualNetIncome: '2400' }), AS_OF);
    expect(d.ruleset).toEqual({
      key: 'test-ruleset',
      version: '2019',
      effectiveFrom: '2019-01-01',
      contentHash: base.contentHash,
    });
    expect(d.asOf).toBe(AS_OF);
    expect(d.jurisdiction).toBe('A00001');
    expect(lineKeys(d)).toEqual(['support month 200.00']);
    expect(d.totals).toEqual({ monthly: '200.00', annual: '2400.00', oneOff: '0.00' });
  });

  it('uses the parameters of the household jurisdiction', async () => {
    const d = await determine(base, household({ jurisdiction: J2, annualNetIncome: '2400' }), AS_OF);
    expect(lineKeys(d)).toEqual(['support month 250.00']);
  });

  it('is deterministic: the same input twice gives identical JSON bytes', async () => {
    const input = household({ annualNetIncome: '1234.56', members });
    const first = JSON.stringify(await determine(mixed, input, AS_OF));
    const second = JSON.stringify(await determine(mixed, structuredClone(input), AS_OF));
    expect(second).toBe(first);
  });

  it('does not depend on the key order of the input', async () => {
    const input = household({ annualNetIncome: '1234.56', members });
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    expect(JSON.stringify(await determine(mixed, reordered, AS_OF))).toBe(
      JSON.stringify(await determine(mixed, input, AS_OF)),
    );
  });

  it('orders household lines first, then members in input order, each in catalogue order', async () => {
    const d = await determine(mixed, household({ annualNetIncome: '2400', members }), AS_OF);
    expect(lineKeys(d)).toEqual([
      'support month 200.00',
      'h_once oneOff 100.13',
      'm_first@zed month 0.01',
      'm_second@zed year 10.00',
      'm_first@amy month 0.01',
      // m_second@amy is 0.00 (amy is 29) and left out
    ]);
  });

  it('keeps member input order even when ids sort the other way', async () => {
    const reversed = [members[1], members[0]];
    const d = await determine(mixed, household({ annualNetIncome: '2400', members: reversed }), AS_OF);
    expect(d.benefits.filter((l) => l.memberId !== null).map((l) => l.memberId)).toEqual([
      'amy',
      'zed',
      'zed',
    ]);
  });

  it('totals the rounded lines: monthly = Σ month, annual = 12 × monthly + Σ year, one-off apart', async () => {
    const d = await determine(mixed, household({ annualNetIncome: '2400', members }), AS_OF);
    // monthly = 200.00 + 0.01 + 0.01 (two 0.005 lines, each rounded up first);
    // annual = 12 × 200.02 + 10.00; one-off = 100.13.
    expect(d.totals).toEqual({ monthly: '200.02', annual: '2410.24', oneOff: '100.13' });
  });

  it('leaves out lines that round to 0.00, and pays nothing when the outcome does not hold', async () => {
    // I/12 = 399.996: the household is supported, but 400 − 399.996 = 0.004 rounds to 0.00.
    const tiny = await determine(base, household({ annualNetIncome: '4799.952' }), AS_OF);
    expect(tiny.eligibility['support']?.['eligible']).toBe(true);
    expect(tiny.benefits).toEqual([]);
    expect(tiny.totals).toEqual({ monthly: '0.00', annual: '0.00', oneOff: '0.00' });

    const above = await determine(mixed, household({ annualNetIncome: '4800', members }), AS_OF);
    expect(above.eligibility['support']?.['eligible']).toBe(false);
    expect(above.benefits).toEqual([]);
  });

  it.each([
    // I/12 = 100.015: 400 − 100.015 = 299.985, which half-even would make 299.98.
    ['1200.18', '299.99'],
    // I/12 = 100.005: 299.995 → 300.00.
    ['1200.06', '300.00'],
    // I/12 = 399.995: 0.005 → 0.01, not omitted.
    ['4799.94', '0.01'],
    // I/12 = 399.9958333…: 0.0041666… → 0.00, omitted.
    [4799.95, null],
  ])('rounds the half-fen tie up: income %s gives %s', async (annualNetIncome, amount) => {
    const d = await determine(base, household({ annualNetIncome }), AS_OF);
    expect(d.benefits.map((l) => l.amount)).toEqual(amount === null ? [] : [amount]);
  });

  it('puts the basis on every line', async () => {
    const d = await determine(mixed, household({ annualNetIncome: '2400', members }), AS_OF);
    expect(d.benefits).toHaveLength(5);
    for (const line of d.benefits) expect(line.basis).toBe(`${TEST_BASIS} (${line.code})`);
  });

  it('explains each line in words from labels and units, and traces it for machines', async () => {
    const d = await determine(base, household({ annualNetIncome: '2400' }), AS_OF);
    // 2400 / 12 = 200 (monthlyIncome has no unit: a bare number) is below A00001's (甲镇, group
    // `towns`) standard 400.00 yuan/month; the line is 400 − 200 = 200.00.
    expect(d.benefits[0]?.explanation).toBe(
      'Monthly income 200,低于 甲镇 support.standard 400.00 元;support = 400.00 元 − 200 = 200.00 元',
    );
    expect(d.benefits[0]?.explanation).not.toMatch(/✓|✗|true|monthlyIncome/);
    expect(d.benefits[0]?.trace).toEqual({
      rules: [
        {
          rule: 'support: monthly income below the standard',
          held: true,
          conditions: {
            all: [
              {
                fact: 'monthlyIncome',
                value: '200',
                operator: 'decimalLessThan',
                compared: { fact: 'support.standard', value: '400' },
                result: true,
              },
            ],
          },
        },
      ],
      formula: 'support.standard - monthlyIncome',
      inputs: { 'support.standard': '400', monthlyIncome: '200' },
    });
  });

  it('explains in English when asked, with the same amounts', async () => {
    const zh = await determine(base, household({ annualNetIncome: '2400' }), AS_OF);
    const en = await determine(base, household({ annualNetIncome: '2400' }), AS_OF, { language: 'en' });
    expect(en.benefits[0]?.explanation).toBe(
      'Monthly income 200, below Alpha support.standard 400.00 yuan; support = 400.00 yuan − 200 = 200.00 yuan',
    );
    expect(en.benefits.map((l) => l.amount)).toEqual(zh.benefits.map((l) => l.amount));
    expect(en.totals).toEqual(zh.totals);
    expect(en.benefits[0]?.trace).toEqual(zh.benefits[0]?.trace);
  });

  it('shows values with more than two decimals as approximate', async () => {
    // I/12 = 102.855
    const d = await determine(base, household({ annualNetIncome: '1234.26' }), AS_OF);
    expect(d.benefits[0]?.explanation).toContain(
      'Monthly income ≈102.86,低于 甲镇 support.standard 400.00 元',
    );
    expect(d.benefits[0]?.amount).toBe('297.15');
    // The trace keeps the exact value.
    expect(d.benefits[0]?.trace.inputs['monthlyIncome']).toBe('102.855');
  });

  it('reports outcomes marked for the report, with their details and why', async () => {
    const held = await determine(mixed, household({ annualNetIncome: '2400', members }), AS_OF);
    expect(held.eligibility).toEqual({
      support: {
        eligible: true,
        monthlyIncome: '200.00',
        reasons: [
          'support: monthly income below the standard:Monthly income 200,低于 甲镇 support.standard 400.00 元',
        ],
        trace: [expect.objectContaining({ rule: 'support: monthly income below the standard', held: true })],
      },
      memberAid: {
        eligible: true,
        memberIds: ['zed', 'amy'],
        // An outcome without its own sentence in a benefit line says why for each member.
        reasons: [
          '成员 zed:aid for members of supported households:support:是',
          '成员 amy:aid for members of supported households:support:是',
        ],
        trace: [
          { memberId: 'zed', rules: [expect.objectContaining({ held: true })] },
          { memberId: 'amy', rules: [expect.objectContaining({ held: true })] },
        ],
      },
    });
    const failed = await determine(mixed, household({ annualNetIncome: '6000', members }), AS_OF);
    expect(failed.eligibility['support']).toEqual({
      eligible: false,
      monthlyIncome: '500.00',
      // Stated as it is: 500 is not below 400.
      reasons: [
        'support: monthly income below the standard:不符合:Monthly income 500,不低于 甲镇 support.standard 400.00 元',
      ],
      trace: [expect.objectContaining({ held: false })],
    });
    expect(failed.eligibility['memberAid']).toMatchObject({
      eligible: false,
      memberIds: [],
      reasons: [
        '成员 zed:aid for members of supported households:不符合:support:否',
        '成员 amy:aid for members of supported households:不符合:support:否',
      ],
    });
  });

  it('refuses an evaluation date that is not a calendar date', async () => {
    await expect(determine(base, household(), '2019-02-29')).rejects.toThrow(InvalidInputError);
    await expect(determine(base, household(), '2019-02-29')).rejects.toMatchObject({
      errors: [{ path: '/asOf', message: 'must be a date written YYYY-MM-DD, such as "2019-06-30"' }],
    });
  });

  it('refuses invalid input with every problem', async () => {
    await expect(
      determine(
        base,
        household({ annualNetIncome: 'x', members: [{ id: 'p1', birthDate: '2020-01-01' }] }),
        AS_OF,
      ),
    ).rejects.toMatchObject({
      errors: [{ path: '/annualNetIncome' }, { path: '/members/0/birthDate' }],
    });
  });

  it('refuses a negative line rather than paying it', async () => {
    const doc = minimalVersion();
    doc.benefits.push(benefit('negative', 'household', 'month', 'support', 'monthlyIncome - 1000'));
    const version = compileVersion(doc);
    await expect(determine(version, household({ annualNetIncome: '2400' }), AS_OF)).rejects.toThrow(
      new EvaluationError(
        "benefit 'negative' in A00001: the amount is negative (-800.00): check its formula",
      ),
    );
  });
});

describe('rules reading an outcome of their own scope', () => {
  // Every household rule runs in one json-rules-engine pass over facts read before the run, so a
  // rule may not read an outcome of its own scope: compileVersion refuses it.
  it('either refuses the rule or lets it see the outcome', async () => {
    const doc = minimalVersion();
    doc.outcomes.push(outcome('bonus', 'household'));
    doc.rules.household.push(
      rule('bonus for supported households', 'bonus', [{ fact: 'support', operator: 'equal', value: true }]),
    );
    doc.benefits.push(benefit('bonus', 'household', 'month', 'bonus', '5'));
    let version: CompiledVersion;
    try {
      version = compileVersion(doc);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidRulesetError);
      return;
    }
    const d = await determine(version, household({ annualNetIncome: '2400' }), AS_OF);
    expect(d.benefits.map((l) => l.code)).toEqual(['support', 'bonus']);
  });
});

describe('determine on the shipped 2019 version', () => {
  const v2019 = shippedVersion('2019');
  const input = {
    jurisdiction: '420325',
    residence: 'rural',
    annualNetIncome: '2400',
    assetsWithinLimit: true,
    emergency: { severity: 'general' },
    members: [
      { id: 'p1', birthDate: '1950-03-02', disabilityGrade: 2, inpatientCompliantOutOfPocket: '1000' },
      { id: 'p2', birthDate: '1978-09-14' },
      { id: 'p3', birthDate: '2012-01-01', orphan: 'scattered' },
    ],
  };

  const identifiers = [
    ...v2019.document.parameters.map((p) => p.key),
    ...v2019.document.derived.map((d) => d.name),
    ...v2019.householdFacts.map((f) => f.name),
    ...v2019.memberFacts.map((f) => f.name),
  ];

  it('puts a 十政办发〔2017〕8号 basis and an explanation on every line', async () => {
    const d = await determine(v2019, input, AS_OF);
    expect(d.benefits.length).toBeGreaterThanOrEqual(8);
    for (const line of d.benefits) {
      expect(line.basis).toMatch(/^十政办发〔2017〕8号 三\(/);
      expect(line.explanation).toContain(`= ${line.amount} 元`);
      // Sentences from labels: no identifiers, no booleans, no check marks. (Enum values such as
      // `scattered` are values, shown as they are.)
      expect(line.explanation).not.toMatch(/\btrue\b|\bfalse\b|✓|✗/);
      for (const name of identifiers)
        expect([line.code, line.explanation.includes(name)]).toEqual([line.code, false]);
    }
  });

  it('explains the dibao line with the values compared', async () => {
    const d = await determine(v2019, input, AS_OF);
    const dibao = d.benefits.find((l) => l.code === 'dibao');
    // S = 395 (房县 2019, rural), n = 2 (the orphan is outside the unit), I/12 = 200, I/12/n = 100.
    expect(dibao?.amount).toBe('590.00');
    expect(dibao?.explanation).toBe(
      '低保保障人数 2 人,不低于 1 人;家庭财产符合规定:是;月人均收入 100.00 元,低于 房县 农村低保标准 395.00 元;' +
        '低保金(差额补助) = 395.00 元 × 2 人 − 2400.00 元 ÷ 12 = 590.00 元',
    );
  });

  it("the issue's example: one person in 房县 with 2400 a year gets 195.00, said in words", async () => {
    const one = { ...input, members: [{ id: 'p1', birthDate: '1975-03-02' }] };
    delete (one as { emergency?: unknown }).emergency;
    const d = await determine(v2019, one, AS_OF);
    // I/12 = 200 for a unit of one, below 房县's rural standard 395: 395 × 1 − 200 = 195.
    expect(d.eligibility['dibao']?.['reasons']).toEqual([
      '低保:家庭月人均收入低于低保标准:低保保障人数 1 人,不低于 1 人;家庭财产符合规定:是;月人均收入 200.00 元,低于 房县 农村低保标准 395.00 元',
    ]);
    const dibao = d.benefits.find((l) => l.code === 'dibao');
    expect(dibao?.explanation).toContain('月人均收入 200.00 元,低于 房县 农村低保标准 395.00 元');
    expect(dibao?.explanation).toContain('= 395.00 元 × 1 人 − 2400.00 元 ÷ 12 = 195.00 元');
    const en = await determine(v2019, one, AS_OF, { language: 'en' });
    expect(en.benefits.find((l) => l.code === 'dibao')?.explanation).toBe(
      'Dibao unit size 1 person, at least 1 person; Assets within limit: yes; ' +
        'Monthly income per unit member 200.00 yuan, below Fang County Rural dibao standard 395.00 yuan; ' +
        'Dibao (difference subsidy) = 395.00 yuan × 1 person − 2400.00 yuan ÷ 12 = 195.00 yuan',
    );
  });

  it('says why a member is left out of the dibao unit, and why an outcome without a line holds or not', async () => {
    const d = await determine(v2019, input, AS_OF);
    // p3 is an orphan: supported by their own scheme, outside the dibao unit (inDibaoUnit is false).
    expect(d.eligibility['dibao']?.['reasons']).toContain(
      '成员 p3 不计入 低保保障人数:低保保障对象:否(特困供养 none,孤儿 scattered;特困人员与孤儿由各自制度保障)',
    );
    // elderlyCare has no benefit line: each member's reason is under eligibility. p1 is 69, p2 40, p3 7.
    expect(d.eligibility['elderlyCare']).toMatchObject({
      eligible: true,
      memberIds: ['p1'],
      reasons: [
        '成员 p1:60周岁以上老年人:周岁 69 岁,不低于 老年人年龄 60 岁',
        '成员 p2:60周岁以上老年人:不符合:周岁 40 岁,低于 老年人年龄 60 岁',
        '成员 p3:60周岁以上老年人:不符合:周岁 7 岁,低于 老年人年龄 60 岁',
      ],
    });
  });
});
