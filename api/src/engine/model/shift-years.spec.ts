import { shippedDocument, shippedVersion } from '../../../../test/support/shipped-rulesets';
import { yearsBetween } from '../expression/dates';
import type { RulesetVersion, TestCaseT } from '../schema/ruleset.schema';
import { validateVersion } from '../validation/validate-version';
import {
  carriedDateOutOfRange,
  carryForward,
  dateFacts,
  shiftDate,
  shiftTestCase,
  yearsToCarry,
} from './shift-years';

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Every calendar day from 20 February to 5 March of `year`. */
function daysAroundFebruaryEnd(year: number): string[] {
  const days: string[] = [];
  const last = isLeap(year) ? 29 : 28;
  for (let d = 20; d <= last; d++) days.push(`${year}-02-${String(d).padStart(2, '0')}`);
  for (let d = 1; d <= 5; d++) days.push(`${year}-03-0${d}`);
  return days;
}

describe('shiftDate', () => {
  it('keeps month and day of every date but 29 February', () => {
    expect(shiftDate('1948-03-15', 1, '2020-07-15')).toBe('1949-03-15');
    expect(shiftDate('2020-12-31', 3, '2020-12-31')).toBe('2023-12-31');
    expect(shiftDate('1960-02-28', -2, '2020-07-15')).toBe('1958-02-28');
  });

  it('moves 29 February to 1 March of a common year, and keeps it in a leap year', () => {
    expect(shiftDate('1960-02-29', 1, '2020-07-15')).toBe('1961-03-01');
    expect(shiftDate('1960-02-29', 4, '2020-07-15')).toBe('1964-02-29');
  });

  it('in a test dated 29 February moves that asOf and the 29 February dates to 28 February in a common year', () => {
    expect(shiftDate('2020-02-29', 1, '2020-02-29')).toBe('2021-02-28');
    expect(shiftDate('1960-02-29', 1, '2020-02-29')).toBe('1961-02-28');
    expect(shiftDate('2020-02-29', 4, '2020-02-29')).toBe('2024-02-29');
    // The asOf lands in a leap year, the birth date in a common one.
    expect(shiftDate('1961-02-28', 3, '2020-02-29')).toBe('1964-02-28');
    expect(shiftDate('1960-02-29', 3, '2023-02-28')).toBe('1963-03-01');
  });

  // The property the shift exists for: a member's age on the test's asOf, and whether a date lies
  // on or before the asOf, do not change, over leap and common years, in both directions.
  it('keeps every age and every "not after asOf" around the end of February, for shifts of -5 to 8 years', () => {
    let checked = 0;
    const wrong: unknown[] = [];
    for (const asOfYear of [2015, 2016, 2019, 2020, 2021]) {
      for (const asOf of daysAroundFebruaryEnd(asOfYear)) {
        for (const birthYear of [1959, 1960, 1961, 2000, asOfYear - 1, asOfYear]) {
          for (const birth of daysAroundFebruaryEnd(birthYear)) {
            if (birth > asOf) continue;
            for (let years = -5; years <= 8; years++) {
              const movedAsOf = shiftDate(asOf, years, asOf);
              const movedBirth = shiftDate(birth, years, asOf);
              if (yearsBetween(movedBirth, movedAsOf) !== yearsBetween(birth, asOf) || movedBirth > movedAsOf)
                wrong.push({ birth, asOf, years, movedBirth, movedAsOf });
              checked++;
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10000);
  });
});

describe('shiftTestCase', () => {
  const facts = dateFacts({
    facts: {
      household: [
        { name: 'movedIn', type: 'date', label: { zh: '迁入', en: 'Moved in' } },
        { name: 'income', type: 'decimal', label: { zh: '收入', en: 'Income' } },
        {
          name: 'disaster',
          type: 'object',
          label: { zh: '受灾', en: 'Disaster' },
          properties: [
            { name: 'on', type: 'date', label: { zh: '日期', en: 'Date' } },
            { name: 'note', type: 'string', label: { zh: '说明', en: 'Note' } },
          ],
        },
      ],
      member: [
        { name: 'birthDate', type: 'date', label: { zh: '出生日期', en: 'Date of birth' } },
        { name: 'code', type: 'string', label: { zh: '编号', en: 'Code' } },
      ],
      members: { minItems: 1, maxItems: 30 },
    },
  });

  // A member born on 29 February, tested the day before and the day after the end of February.
  const leapling = (asOf: string): TestCaseT => ({
    name: `born 29 February, on ${asOf}`,
    asOf,
    household: {
      movedIn: '2019-02-28',
      income: '2020-01-01',
      disaster: { on: '2020-02-29', note: '2020-01-01' },
      members: [{ id: 'p', birthDate: '1960-02-29', code: '1999-01-01' }],
    },
    expected: { benefits: [{ code: 'x', memberId: 'p', amount: '1.00' }] },
  });

  it('moves asOf and the declared date facts only (household, object properties, members)', () => {
    const moved = shiftTestCase(leapling('2020-03-01'), 1, facts);
    expect(moved).toEqual({
      ...leapling('2020-03-01'),
      asOf: '2021-03-01',
      household: {
        movedIn: '2020-02-28',
        income: '2020-01-01',
        disaster: { on: '2021-03-01', note: '2020-01-01' },
        members: [{ id: 'p', birthDate: '1961-03-01', code: '1999-01-01' }],
      },
    });
  });

  it('a member born 29 February is 59 on 28 February and 60 on 1 March, before and after the shift', () => {
    for (const [asOf, age] of [
      ['2020-02-28', 59],
      ['2020-02-29', 60],
      ['2020-03-01', 60],
    ] as const) {
      const moved = shiftTestCase(leapling(asOf), 1, facts);
      const birth = (moved.household['members'] as { birthDate: string }[])[0]?.birthDate as string;
      expect(yearsBetween('1960-02-29', asOf)).toBe(age);
      expect(yearsBetween(birth, moved.asOf)).toBe(age);
    }
  });

  it('leaves values that are not calendar dates for validation to report', () => {
    const test = leapling('2020-07-15');
    test.household['movedIn'] = '2019-02-30';
    (test.household['members'] as unknown[]).push('not a member');
    const moved = shiftTestCase(test, 1, facts);
    expect(moved.household['movedIn']).toBe('2019-02-30');
    expect((moved.household['members'] as unknown[])[1]).toBe('not a member');
  });
});

describe('yearsToCarry', () => {
  const at = (asOf: string) => ({ asOf }) as TestCaseT;

  it('is the difference of the effective years when every moved asOf is then on or after effectiveFrom', () => {
    expect(yearsToCarry([at('2020-01-01'), at('2020-12-31')], '2020-01-01', '2021-01-01')).toBe(1);
    expect(yearsToCarry([], '2020-01-01', '2023-01-01')).toBe(3);
  });

  it('is one more when a test would still fall before effectiveFrom', () => {
    // 2017-10 from 2017-02: a test of 2017-06-30 moves to 2018-06-30.
    expect(yearsToCarry([at('2017-06-30'), at('2017-11-01')], '2017-02-25', '2017-10-01')).toBe(1);
    expect(yearsToCarry([at('2020-07-15')], '2020-01-01', '2021-07-16')).toBe(2);
  });
});

describe('carryForward of the shipped 2020 version into 2021', () => {
  const base = shippedDocument('2020') as RulesetVersion;
  const { document, years } = carryForward(base, '2021', '2021-01-01');

  it('sets the label, effective date and the title year; keeps sources and everything but the tests', () => {
    expect(years).toBe(1);
    expect(document.metadata).toEqual({
      ...base.metadata,
      version: '2021',
      effectiveFrom: '2021-01-01',
      title: { zh: '十堰市社会救助兜底标准(2021年)', en: 'Shiyan social-assistance standards (2021)' },
      reviewBy: '2022-12-31',
      description: {
        zh: base.metadata.description?.zh.replace('2021-12-31', '2022-12-31'),
        en: base.metadata.description?.en.replace('2021-12-31', '2022-12-31'),
      },
    });
    expect(base.metadata.reviewBy).toBe('2021-12-31');
    expect({ ...document, metadata: null, tests: null }).toEqual({ ...base, metadata: null, tests: null });
    expect(document.tests.map((t) => t.name)).toEqual(base.tests.map((t) => t.name));
    expect(document.tests.map((t) => t.expected)).toEqual(base.tests.map((t) => t.expected));
    expect(document.tests.every((t) => t.asOf >= '2021-01-01' && t.asOf < '2022-01-01')).toBe(true);
    // The base is not modified.
    expect(base.metadata.version).toBe('2020');
  });

  it('moves the review date by the same years (29 February lands on 28 February in a common year)', () => {
    const leapReview = { ...base, metadata: { ...base.metadata, reviewBy: '2024-02-29' } };
    expect(carryForward(leapReview, '2021', '2021-01-01').document.metadata.reviewBy).toBe('2025-02-28');
    const noReview = { ...base, metadata: { ...base.metadata, reviewBy: undefined } };
    expect(carryForward(noReview, '2021', '2021-01-01').document.metadata.reviewBy).toBeUndefined();
    const twoYears = carryForward(base, '2022', '2022-01-01');
    expect(twoYears.years).toBe(2);
    expect(twoYears.document.metadata.reviewBy).toBe('2023-12-31');
  });

  it('names the new review date in the description, zh and en, wherever it named the old one', () => {
    expect(base.metadata.description?.zh).toContain('次年年底 2021-12-31 前复核');
    expect(document.metadata.description?.zh).toContain('次年年底 2022-12-31 前复核');
    expect(document.metadata.description?.en).toMatch(/by the end of the following year, 2022-12-31$/);
    expect(JSON.stringify(document.metadata.description)).not.toContain('2021-12-31');
    const twice = {
      ...base,
      metadata: {
        ...base.metadata,
        description: { zh: '2021-12-31;2021-12-31', en: 'by 2021-12-31 (2021-12-31)' },
      },
    };
    expect(carryForward(twice, '2022', '2022-01-01').document.metadata.description).toEqual({
      zh: '2023-12-31;2023-12-31',
      en: 'by 2023-12-31 (2023-12-31)',
    });
    const noDescription = { ...base, metadata: { ...base.metadata, description: undefined } };
    expect(carryForward(noDescription, '2021', '2021-01-01').document.metadata.description).toBeUndefined();
  });

  it('validates unchanged against 2020: every carried test passes, no error', async () => {
    const report = await validateVersion(document, shippedVersion('2020'));
    expect(report.errors).toEqual([]);
    expect(report.tests).toEqual({ passed: base.tests.length, failed: 0 });
    expect(report.valid).toBe(true);
  });
});

describe('carriedDateOutOfRange: a copy whose carried dates leave 1900-01-01..2999-12-31', () => {
  const base = shippedDocument('2020') as RulesetVersion;
  const carried = (version: RulesetVersion, effectiveFrom: string) =>
    carriedDateOutOfRange(carryForward(version, 'x', effectiveFrom).document);

  it('finds none while every date fits: 2020 (latest test 2020-12-31, review 2021-12-31) into 2998', () => {
    // 978 years: the latest asOf becomes 2998-12-31 and the review date 2999-12-31, the last day.
    expect(carryForward(base, 'x', '2998-01-01').years).toBe(978);
    expect(carried(base, '2998-01-01')).toBeNull();
  });

  it('names the review date when it would pass 2999-12-31 (2020 into 2999-12-31: 980 years)', () => {
    // The test of 2020-01-01 would land on 2999-01-01, before effectiveFrom: one more year.
    expect(carryForward(base, 'x', '2999-12-31').years).toBe(980);
    expect(carried(base, '2999-12-31')).toEqual({ path: '/metadata/reviewBy', date: '3001-12-31' });
    expect(carried(base, '2999-01-01')).toEqual({ path: '/metadata/reviewBy', date: '3000-12-31' });
  });

  it("names a test's asOf moved past the end (2020-07-15 + 980 years = 3000-07-15)", () => {
    const noReview = { ...base, metadata: { ...base.metadata, reviewBy: undefined } };
    const first = base.tests.findIndex((t) => t.asOf === '2020-07-15');
    expect(carried(noReview, '2999-12-31')).toEqual({ path: `/tests/${first}/asOf`, date: '3000-07-15' });
  });

  it('names a household date moved before 1900-01-01 (a copy dated earlier than its base)', () => {
    const found = carried(base, '1901-01-01');
    expect(found?.path).toMatch(/^\/tests\/[0-9]+\/household$/);
    expect(found!.date < '1900-01-01').toBe(true);
    expect(carried(base, '1990-01-01')).toBeNull();
  });
});

describe('the order of each date against asOf, carried forward', () => {
  it('keeps after and equal; keeps before except the day before asOf around 29 February, which becomes equal', () => {
    const years = [2015, 2016, 2017, 2019, 2020];
    const days = years.flatMap(daysAroundFebruaryEnd);
    const sign = (a: string, b: string) => Math.sign(a.localeCompare(b));
    const becameEqual = new Set<string>();
    for (const asOf of days)
      for (const date of days)
        for (const k of [-4, -3, -1, 1, 2, 3, 4, 5]) {
          const before = sign(date, asOf);
          const after = sign(shiftDate(date, k, asOf), shiftDate(asOf, k, asOf));
          if (before === after) continue;
          // The only change: a date before asOf becomes equal to it.
          expect([before, after]).toEqual([-1, 0]);
          becameEqual.add(`${date} ${asOf}`);
        }
    // Exactly the two cases of each leap year, e.g. asOf 2020-02-29 with birthDate 2020-02-28 → both 2021-02-28.
    expect([...becameEqual].sort()).toEqual([
      '2016-02-28 2016-02-29',
      '2016-02-29 2016-03-01',
      '2020-02-28 2020-02-29',
      '2020-02-29 2020-03-01',
    ]);
    expect(shiftDate('2020-02-28', 1, '2020-02-29')).toBe('2021-02-28');
    expect(shiftDate('2020-02-29', 1, '2020-02-29')).toBe('2021-02-28');
    expect(shiftDate('2020-02-29', 1, '2020-03-01')).toBe('2021-03-01');
  });
});
