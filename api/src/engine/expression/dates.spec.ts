import fc from 'fast-check';

import { DATE_RANGE } from '../../common/field-limits';
import {
  addDays,
  addMonths,
  addYears,
  dateParts,
  daysBetween,
  EXPRESSION_DATE_RANGE,
  inDateRange,
  isCalendarDate,
  monthsBetween,
  startOfMonth,
  yearsBetween,
} from './dates';

describe('isCalendarDate', () => {
  it.each(['2020-02-29', '2000-02-29', '2019-02-28', '2019-12-31', '2019-01-01', '1900-03-01'])(
    'accepts %s',
    (text) => {
      expect(isCalendarDate(text)).toBe(true);
    },
  );

  it.each([
    ['2019-02-29', 'no 29 February in a common year'],
    ['1900-02-29', 'no 29 February in a century year not divisible by 400'],
    ['2019-02-30', 'no 30 February'],
    ['2019-04-31', 'April has 30 days'],
    ['2019-13-01', 'no month 13'],
    ['2019-00-10', 'no month 0'],
    ['2019-01-00', 'no day 0'],
    ['2019-1-01', 'two-digit month'],
    ['20190101', 'dashes'],
    [' 2019-01-01', 'leading space'],
    ['2019-01-01T00:00:00Z', 'a date, not a time'],
    ['', 'empty'],
    ['2019/01/01', 'slashes'],
    ['2019-0a-01', 'a letter'],
    ['2019-01-0\u0661', 'an Arabic-Indic digit'],
    ['+019-01-01', 'a sign'],
    ['2019-01-01\n', 'a trailing newline'],
  ])('rejects %j (%s)', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });

  it('agrees with the JavaScript calendar on every YYYY-MM-DD shape, years 0000 to 9999', () => {
    const byDate = (y: number, m: number, d: number): boolean => {
      const date = new Date(0);
      date.setUTCFullYear(y, m - 1, d);
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (y, m, d) => {
          const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isCalendarDate(text)).toBe(byDate(y, m, d));
        },
      ),
      { seed: 20170225, numRuns: 20000 },
    );
  });
});

describe('yearsBetween', () => {
  it.each([
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2004-02-28', 3],
    ['2000-02-29', '2004-02-29', 4],
    ['2000-02-29', '2004-03-01', 4],
    ['2001-06-30', '2019-06-30', 18], // birthday on the day
    ['2001-06-30', '2019-06-29', 17], // the day before
    ['2001-06-30', '2019-07-01', 18],
    ['1959-12-31', '2019-12-31', 60],
    ['1960-01-01', '2019-12-31', 59],
    ['2019-06-30', '2019-06-30', 0],
  ])('from %s to %s: %i full years', (from, to, years) => {
    expect(yearsBetween(from, to)).toBe(years);
  });
});

describe('addDays', () => {
  it.each([
    ['2019-12-31', 1, '2020-01-01'],
    ['2020-02-28', 1, '2020-02-29'], // leap year
    ['2019-02-28', 1, '2019-03-01'], // common year
    ['2000-02-28', 1, '2000-02-29'], // divisible by 400: leap
    ['2100-02-28', 1, '2100-03-01'], // century not divisible by 400: common
    ['2020-03-01', -1, '2020-02-29'],
    ['2019-06-30', 0, '2019-06-30'],
    ['2019-01-01', 365, '2020-01-01'],
    ['2020-01-01', 366, '2021-01-01'],
    ['1900-01-01', 0, '1900-01-01'],
    ['2999-12-30', 1, '2999-12-31'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('is null outside 1900-01-01..2999-12-31 or for a fraction of a day', () => {
    expect(addDays('1900-01-01', -1)).toBeNull();
    expect(addDays('2999-12-31', 1)).toBeNull();
    expect(addDays('2019-01-01', 1e15)).toBeNull();
    expect(addDays('2019-01-01', -1e15)).toBeNull();
    expect(addDays('2019-01-01', 0.5)).toBeNull();
    expect(addDays('2019-01-01', Number.NaN)).toBeNull();
  });

  it('agrees with the JavaScript calendar across the whole range', () => {
    // Every 37th day from 1900-01-01 to 2999-12-31, and every day around 2000 and 2100.
    const disagreements: string[] = [];
    const check = (from: string, days: number): void => {
      const start = new Date(`${from}T00:00:00Z`);
      start.setUTCDate(start.getUTCDate() + days);
      const expected = start.toISOString().slice(0, 10);
      const got = addDays(from, days);
      if (got !== expected || daysBetween(from, expected) !== days) disagreements.push(`${from} + ${days}`);
    };
    for (let n = 0; n <= 401766; n += 37) check('1900-01-01', n);
    for (let n = 0; n <= 1461 * 2; n++) {
      check('1998-03-01', n);
      check('2098-03-01', n);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('addMonths and addYears', () => {
  it.each([
    ['2019-01-15', 1, '2019-02-15'],
    ['2019-01-31', 1, '2019-02-28'], // clamp to the last day of February
    ['2020-01-31', 1, '2020-02-29'], // leap year
    ['2019-03-31', 1, '2019-04-30'],
    ['2019-03-31', -1, '2019-02-28'],
    ['2019-12-15', 1, '2020-01-15'],
    ['2019-01-15', -1, '2018-12-15'],
    ['2019-01-15', -13, '2017-12-15'],
    ['2019-05-17', 24, '2021-05-17'],
    ['1960-06-30', 721, '2020-07-30'], // 60 years and a month
  ])('%s + %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2000-02-29', 1, '2001-02-28'], // 29 February + 1 year is 28 February
    ['2000-02-29', 4, '2004-02-29'],
    ['2000-02-29', -1, '1999-02-28'],
    ['1959-07-01', 60, '2019-07-01'],
    ['2019-12-31', -119, '1900-12-31'],
  ])('%s + %i years is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it('is null outside 1900-01-01..2999-12-31 or for a fraction', () => {
    expect(addMonths('1900-01-31', -1)).toBeNull();
    expect(addMonths('2999-12-01', 1)).toBeNull();
    expect(addYears('2990-01-01', 10)).toBeNull();
    expect(addYears('1950-01-01', -51)).toBeNull();
    expect(addYears('2019-01-01', 1e15)).toBeNull();
    expect(addMonths('2019-01-01', -1e15)).toBeNull();
    expect(addMonths('2019-01-01', 1.5)).toBeNull();
  });
});

describe('year, month, day, startOfMonth', () => {
  it('reads the parts of a date', () => {
    expect(dateParts('2019-02-08')).toEqual([2019, 2, 8]);
    expect(dateParts('1900-12-31')).toEqual([1900, 12, 31]);
  });

  it.each([
    ['2019-06-30', '2019-06-01'],
    ['2020-02-29', '2020-02-01'],
    ['2019-01-01', '2019-01-01'],
  ])('the month of %s starts on %s', (date, start) => {
    expect(startOfMonth(date)).toBe(start);
  });
});

describe('monthsBetween and daysBetween', () => {
  it.each([
    ['2019-01-15', '2019-03-15', 2],
    ['2019-01-15', '2019-03-14', 1],
    ['2019-01-31', '2019-02-28', 0], // the 31st is not complete in February
    ['2019-01-31', '2019-03-01', 1],
    ['2018-11-30', '2019-01-30', 2],
    ['2019-06-30', '2019-06-30', 0],
    ['2019-06-30', '2019-05-30', -1],
  ])('from %s to %s: %i full months', (from, to, months) => {
    expect(monthsBetween(from, to)).toBe(months);
  });

  it('counts years as twelve full months', () => {
    for (const [from, to] of [
      ['2000-02-29', '2001-02-28'],
      ['2000-02-29', '2001-03-01'],
      ['1959-12-31', '2019-12-31'],
      ['1960-01-01', '2019-12-31'],
    ] as const)
      expect(Math.floor(monthsBetween(from, to) / 12)).toBe(yearsBetween(from, to));
  });

  it.each([
    ['2019-12-31', '2020-03-01', 61],
    ['2019-06-30', '2019-06-30', 0],
    ['2019-07-01', '2019-06-30', -1],
    ['1900-01-01', '2999-12-31', 401766], // 1100 × 365 + 267 leap days − 1
  ])('from %s to %s: %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('EXPRESSION_DATE_RANGE', () => {
  it('is the API date range', () => {
    expect(EXPRESSION_DATE_RANGE).toEqual(DATE_RANGE);
    expect(inDateRange('1900-01-01')).toBe(true);
    expect(inDateRange('2999-12-31')).toBe(true);
    expect(inDateRange('1899-12-31')).toBe(false);
    expect(inDateRange('3000-01-01')).toBe(false);
  });
});
