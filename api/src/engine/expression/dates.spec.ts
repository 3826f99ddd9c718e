import { isCalendarDate, yearsBetween } from './dates';

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
  ])('rejects %j (%s)', (text) => {
    expect(isCalendarDate(text)).toBe(false);
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
