/**
 * Dates in whole versions: what a ruleset can now say with date functions (次月, 周岁 counted from
 * the day after the birthday, a seasonal allowance), evaluated end to end by `determine`.
 */
import {
  benefit,
  household,
  minimalVersion,
  outcome,
  parameter,
  rule,
  text,
} from '../../../../test/support/ruleset-factory';
import { shippedVersions } from '../../../../test/support/shipped-rulesets';
import { EvaluationError, InvalidRulesetError } from '../errors';
import { determine, type Determination } from '../evaluation/determine';
import { compileVersion } from '../model/compile-version';
import type { DerivedFactT, RulesetVersion } from '../schema/ruleset.schema';
import { addDays, addYears } from './dates';

const derived = (
  scope: DerivedFactT['scope'],
  name: string,
  type: DerivedFactT['type'],
  formula: string,
): DerivedFactT => ({ scope, name, type, formula, label: text(name) });

/** The base version plus a member benefit `elderly` (100.00 a month) for members whose `elderly` fact holds. */
function withElderlyBenefit(facts: DerivedFactT[], overrides: Partial<RulesetVersion> = {}): RulesetVersion {
  const doc = minimalVersion(overrides);
  doc.parameters.push(
    parameter('age.elderly', '60', { unit: 'years' }),
    parameter('elderly.allowance', '100.00'),
  );
  doc.derived.push(...facts);
  doc.outcomes.push(outcome('elderlyAllowance', 'member', { report: true }));
  doc.rules.member.push(
    rule('elderly members', 'elderlyAllowance', [{ fact: 'elderly', operator: 'equal', value: true }]),
  );
  doc.benefits.push(benefit('elderly', 'member', 'month', 'elderlyAllowance', 'elderly.allowance'));
  return doc;
}

/** The lines of a determination: `code@member amount`. */
const lines = (d: Determination): string[] =>
  d.benefits.map((l) => `${l.code}${l.memberId === null ? '' : `@${l.memberId}`} ${l.amount}`);

/** Whether the member `p1`, born on `birthDate`, gets the `elderly` line on `asOf`. */
async function elderlyLine(version: ReturnType<typeof compileVersion>, birthDate: string, asOf: string) {
  const d = await determine(version, household({ members: [{ id: 'p1', birthDate }] }), asOf);
  return lines(d).includes('elderly@p1 100.00');
}

describe('次月: a benefit from the month after the 60th birthday', () => {
  // The 60th birthday by addYears, the first day of the month after it by startOfMonth(addMonths(…)).
  const version = compileVersion(
    withElderlyBenefit([
      derived(
        'member',
        'elderlyFrom',
        'date',
        'startOfMonth(addMonths(addYears(birthDate, age.elderly), 1))',
      ),
      derived('member', 'elderly', 'boolean', 'asOf >= elderlyFrom'),
    ]),
  );

  it.each([
    // Born 15 June 1959: 60 on 15 June 2019, paid from 1 July 2019.
    ['1959-06-15', '2019-06-14', false],
    ['1959-06-15', '2019-06-15', false], // the birthday itself: still the month of the birthday
    ['1959-06-15', '2019-06-30', false],
    ['1959-06-15', '2019-07-01', true],
    ['1959-06-15', '2020-01-31', true],
    // Born on the first of a month: 60 on 1 July 2019, still paid only from 1 August.
    ['1959-07-01', '2019-07-01', false],
    ['1959-07-01', '2019-07-31', false],
    ['1959-07-01', '2019-08-01', true],
    // Born in December: the month after is January of the next year.
    ['1959-12-31', '2019-12-31', false],
    ['1959-12-31', '2020-01-01', true],
    // Born on 29 February: 60 on 28 February 2019 (addYears clamps), paid from 1 March.
    ['1960-02-29', '2020-02-28', false],
    ['1960-02-29', '2020-03-01', true],
  ])('born %s, on %s: paid %s', async (birthDate, asOf, paid) => {
    expect(await elderlyLine(version, birthDate, asOf)).toBe(paid);
  });

  it('keeps the other lines: the household benefit is paid alongside', async () => {
    const d = await determine(
      version,
      household({ members: [{ id: 'p1', birthDate: '1959-06-15' }] }),
      '2019-07-01',
    );
    expect(lines(d)).toEqual(['support 200.00', 'elderly@p1 100.00']);
    expect(d.totals.monthly).toBe('300.00');
  });

  it('fails, naming the derived fact and the member, when the date leaves 1900..2999', async () => {
    const doc = withElderlyBenefit([
      derived(
        'member',
        'elderlyFrom',
        'date',
        'startOfMonth(addMonths(addYears(birthDate, age.elderly), 1))',
      ),
      derived('member', 'elderly', 'boolean', 'asOf >= elderlyFrom'),
    ]);
    const age = doc.parameters.find((p) => p.key === 'age.elderly');
    if (!age?.values[0]) throw new Error('the version has age.elderly');
    age.values[0].value = '2000';
    const broken = compileVersion(doc);
    await expect(
      determine(broken, household({ members: [{ id: 'p1', birthDate: '1959-06-15' }] }), '2019-07-01'),
    ).rejects.toThrow(
      new EvaluationError(
        "derived fact 'elderlyFrom' of member p1 in A00001: addYears() gives a date outside the dates 1900-01-01 to 2999-12-31 (1959-06-15 and 2000 years)",
      ),
    );
  });
});

describe('周岁: which day completes a year of age', () => {
  // Today's reading: the birthday itself completes the year (yearsBetween(birthDate, asOf)).
  const birthdayCompletes = compileVersion(
    withElderlyBenefit([
      derived('member', 'age', 'integer', 'yearsBetween(birthDate, asOf)'),
      derived('member', 'elderly', 'boolean', 'age >= age.elderly'),
    ]),
  );
  // The other reading: the year is complete from the day after the birthday, so the age on asOf is
  // the age the day before.
  const dayAfterCompletes = compileVersion(
    withElderlyBenefit([
      derived('member', 'age', 'integer', 'yearsBetween(birthDate, addDays(asOf, -1))'),
      derived('member', 'elderly', 'boolean', 'age >= age.elderly'),
    ]),
  );

  it("counts someone turning 60 on asOf as 60 under today's reading and 59 under the other", async () => {
    expect(await elderlyLine(birthdayCompletes, '1959-06-30', '2019-06-30')).toBe(true);
    expect(await elderlyLine(dayAfterCompletes, '1959-06-30', '2019-06-30')).toBe(false);
  });

  it('agrees the day after the birthday and the day before it', async () => {
    for (const version of [birthdayCompletes, dayAfterCompletes]) {
      expect(await elderlyLine(version, '1959-06-30', '2019-07-01')).toBe(true);
      expect(await elderlyLine(version, '1959-06-30', '2019-06-29')).toBe(false);
    }
  });

  it('takes a 29 February birthday in a leap year to the day after under the other reading', async () => {
    // Born 29 February 1960: 60 on 29 February 2020 (a leap year), or from 1 March.
    expect(await elderlyLine(birthdayCompletes, '1960-02-29', '2020-02-29')).toBe(true);
    expect(await elderlyLine(dayAfterCompletes, '1960-02-29', '2020-02-29')).toBe(false);
    expect(await elderlyLine(dayAfterCompletes, '1960-02-29', '2020-03-01')).toBe(true);
  });
});

describe('a seasonal allowance: heating in the winter months (November to March)', () => {
  const doc = minimalVersion();
  doc.parameters.push(parameter('heating.allowance', '80.00'));
  doc.derived.push(derived('household', 'winter', 'boolean', 'month(asOf) >= 11 or month(asOf) <= 3'));
  doc.outcomes.push(outcome('heating', 'household', { report: true }));
  doc.rules.household.push(
    rule('heating in winter', 'heating', [{ fact: 'winter', operator: 'equal', value: true }]),
  );
  doc.benefits.push(benefit('heating', 'household', 'month', 'heating', 'heating.allowance'));
  const version = compileVersion(doc);

  it.each([
    ['2019-01-15', true],
    ['2019-03-31', true],
    ['2019-04-01', false],
    ['2019-07-15', false],
    ['2019-10-31', false],
    ['2019-11-01', true],
    ['2019-12-31', true],
  ])('on %s: paid %s', async (asOf, paid) => {
    const d = await determine(version, household(), asOf);
    expect(lines(d)).toEqual(paid ? ['support 200.00', 'heating 80.00'] : ['support 200.00']);
    expect(d.totals.monthly).toBe(paid ? '280.00' : '200.00');
  });
});

describe('a benefit from a fixed date within the version', () => {
  const doc = minimalVersion();
  doc.parameters.push(parameter('heating.allowance', '80.00'));
  doc.derived.push(
    derived('household', 'heatingFrom', 'date', 'date("2019-03-01")'),
    derived('household', 'heatingStarted', 'boolean', 'asOf >= heatingFrom'),
  );
  doc.outcomes.push(outcome('heating', 'household', { report: true }));
  doc.rules.household.push(
    rule('heating from 1 March 2019', 'heating', [
      { fact: 'heatingStarted', operator: 'equal', value: true },
    ]),
  );
  doc.benefits.push(benefit('heating', 'household', 'month', 'heating', 'heating.allowance'));
  const version = compileVersion(doc);

  it.each([
    ['2019-02-28', false],
    ['2019-03-01', true],
    ['2019-12-31', true],
  ])('on %s: paid %s', async (asOf, paid) => {
    const d = await determine(version, household(), asOf);
    expect(lines(d).includes('heating 80.00')).toBe(paid);
  });
});

describe('dates in a version that does not compile', () => {
  it('names the formula of a date that is not on the calendar', () => {
    const doc = minimalVersion();
    doc.derived.push(derived('household', 'late', 'boolean', 'asOf >= date("2019-02-30")'));
    expect(() => compileVersion(doc)).toThrow(InvalidRulesetError);
    try {
      compileVersion(doc);
    } catch (e) {
      expect((e as InvalidRulesetError).errors).toEqual([
        expect.objectContaining({
          path: '/derived/1/formula',
          message: expect.stringContaining('"2019-02-30" is not a calendar date'),
        }),
      ]);
    }
  });

  it('names the formula whose date, computed from parameters alone, leaves 1900..2999', () => {
    const doc = minimalVersion();
    doc.parameters.push(parameter('years', '20', { unit: 'years' }));
    doc.derived.push(derived('household', 'ends', 'date', 'addYears(date("2990-01-01"), years)'));
    try {
      compileVersion(doc);
      throw new Error('compiled');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidRulesetError);
      expect((e as InvalidRulesetError).errors).toEqual([
        expect.objectContaining({
          path: '/derived/1/formula',
          message: expect.stringMatching(
            /^derived fact 'ends' cannot be computed for A00001: addYears\(\) gives a date outside the dates 1900-01-01 to 2999-12-31 \(2990-01-01 and 20 years\)/,
          ),
        }),
      ]);
    }
  });

  it('names the formula that adds a number to a date', () => {
    const doc = minimalVersion();
    doc.derived.push(derived('member', 'next', 'date', 'birthDate + 1'));
    expect(() => compileVersion(doc)).toThrow(/cannot add a number to a date with '\+': use addDays/);
  });
});

describe('the shipped versions: the birthday itself completes a year of age', () => {
  const versions = shippedVersions();

  it.each(versions.map((v) => [v.version, v] as const))(
    '%s counts someone turning 60 on asOf as 60 (the elderly special increment starts that day)',
    async (_label, version) => {
      const on = addDays(version.effectiveFrom, 100) as string; // a day the version is in force
      const increment = async (birthDate: string): Promise<boolean> => {
        const d = await determine(
          version,
          {
            jurisdiction: '420325',
            residence: 'rural',
            annualNetIncome: '0',
            assetsWithinLimit: true,
            members: [{ id: 'p1', birthDate }],
          },
          on,
        );
        return d.benefits.some((l) => l.code === 'dibao_special_increment' && l.memberId === 'p1');
      };
      expect(await increment(addYears(on, -60) as string)).toBe(true); // 60 today
      expect(await increment(addDays(addYears(on, -60) as string, 1) as string)).toBe(false); // 60 tomorrow
    },
  );

  it.each(versions.map((v) => [v.version, v] as const))(
    '%s says so in the description of its age fact, citing the sources of the age limits',
    (_label, version) => {
      const age = version.document.derived.find((d) => d.name === 'age');
      expect(age?.formula).toBe('yearsBetween(birthDate, asOf)');
      expect(age?.description?.zh).toContain('生日当天即满该周岁');
      expect(age?.description?.en).toContain('the birthday itself completes the year');
      const sources = new Map(version.document.metadata.sources.map((s) => [s.id, s]));
      // 60 comes from 十政办发〔2017〕8号 三(六), 18 from the Minor Protection Law, article 2.
      expect(age?.description?.zh).toContain(`${sources.get('shizhengbanfa-2017-8')?.number} 三(六)`);
      expect(age?.description?.zh).toContain(`《${sources.get('minor-protection-law')?.title}》第二条`);
      const ages = version.document.parameters.filter((p) => p.key.startsWith('age.'));
      expect(ages.map((p) => [p.key, p.values.map((v) => v.source.document)])).toEqual([
        ['age.elderly', ['shizhengbanfa-2017-8']],
        ['age.adult', ['minor-protection-law']],
      ]);
    },
  );
});
