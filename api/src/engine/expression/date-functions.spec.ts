import { Decimal } from '../decimal';
import { EvaluationError } from '../errors';
import { namesIn } from './ast';
import { compileExpression } from './compile';
import { parseCounted } from './parse';
import { scopeOf, type Binding, type Environment, type Value } from './scope';

const fact = (type: Binding['type'], name: string): Binding => ({
  type,
  kind: 'fact',
  read: (env) => env.household.get(name) ?? null,
});
const scope = scopeOf(
  'household',
  new Map<string, Binding>([
    ['asOf', { type: 'date', kind: 'builtin', read: (env) => env.asOf }],
    ['birthDate', fact('date', 'birthDate')],
    ['startDate', fact('date', 'startDate')],
    ['n', fact('decimal', 'n')],
    ['label', fact('string', 'label')],
  ]),
);

const env = (asOf = '2019-06-30', values: Record<string, Value> = {}): Environment => ({
  asOf,
  parameters: new Map(),
  household: new Map<string, Value>([
    ['birthDate', '1959-06-30'],
    ['startDate', null],
    ['n', new Decimal(2)],
    ...Object.entries(values),
  ]),
  members: [],
});

/** Compiles `source` (which must compile) and runs it. */
function run(source: string, on: Environment = env()): Value {
  const { expression, problems } = compileExpression(source, scope);
  if (!expression) throw new Error(`${source}: ${problems.map((p) => p.message).join('; ')}`);
  return expression.evaluate(on);
}
const text = (source: string, on?: Environment): string => {
  const value = run(source, on);
  return value instanceof Decimal ? value.toFixed() : String(value);
};
const problems = (source: string): { message: string; at: number }[] =>
  compileExpression(source, scope).problems;
const failure = (source: string, on?: Environment): string => {
  try {
    run(source, on);
  } catch (e) {
    if (e instanceof EvaluationError) return e.message;
    throw e;
  }
  throw new Error(`${source} did not fail`);
};

describe('date literals: date("YYYY-MM-DD")', () => {
  it('is a date, compared in calendar order with other dates', () => {
    expect(compileExpression('date("2021-01-01")', scope).expression?.type).toBe('date');
    expect(run('date("2021-01-01")')).toBe('2021-01-01');
    expect(run('asOf >= date("2019-06-30")')).toBe(true);
    expect(run('asOf > date("2019-06-30")')).toBe(false);
    expect(run('asOf == date("2019-06-30")')).toBe(true);
    expect(run('asOf != date("2019-07-01")')).toBe(true);
    expect(run('date("2019-12-31") < date("2020-01-01")')).toBe(true);
  });

  it('is a call of four tokens and reads no name', () => {
    expect(parseCounted('date("2021-01-01")').tokens).toBe(4);
    expect(namesIn(parseCounted('addDays(date("2021-01-01"), n)').expression)).toEqual(['n']);
  });

  it('refuses a date that is not on the calendar, where it is written', () => {
    expect(problems('asOf < date("2019-02-30")')).toEqual([
      {
        message: '"2019-02-30" is not a calendar date; write YYYY-MM-DD, such as date("2021-01-01")',
        at: 12,
      },
    ]);
    expect(problems('date("2019-2-3")')[0]?.message).toContain('"2019-2-3" is not a calendar date');
    expect(problems('date("2019-02-29")')[0]?.message).toContain('is not a calendar date');
    expect(problems('date("2020-02-29")')).toEqual([]);
  });

  it('refuses a date outside 1900-01-01..2999-12-31', () => {
    expect(problems('date("1899-12-31")')).toEqual([
      { message: 'the date 1899-12-31 is outside the dates 1900-01-01 to 2999-12-31', at: 5 },
    ]);
    expect(problems('date("3000-01-01")')[0]?.message).toContain('outside the dates');
    expect(problems('date("1900-01-01") < date("2999-12-31")')).toEqual([]);
  });

  it('takes a date written out, not a value', () => {
    for (const source of ['date(asOf)', 'date(label)', 'date(20210101)'])
      expect(problems(source)).toEqual([
        { message: 'date() takes a date written out in quotes, such as date("2021-01-01")', at: 0 },
      ]);
    expect(problems('date("2021-01-01", "2021-01-02")')[0]?.message).toBe('date() takes 1 argument, not 2');
  });
});

describe('addDays, addMonths, addYears', () => {
  it('moves a date by days, months and years', () => {
    expect(run('addDays(asOf, 1)')).toBe('2019-07-01');
    expect(run('addDays(asOf, -30)')).toBe('2019-05-31');
    expect(run('addDays(asOf, n)')).toBe('2019-07-02');
    expect(run('addMonths(asOf, 1)')).toBe('2019-07-30');
    expect(run('addYears(birthDate, 60)')).toBe('2019-06-30');
    expect(run('addYears(asOf, 0 - n)')).toBe('2017-06-30');
  });

  it('clamps to the end of a shorter month: 31 January + 1 month is the last day of February', () => {
    expect(run('addMonths(date("2019-01-31"), 1)')).toBe('2019-02-28');
    expect(run('addMonths(date("2020-01-31"), 1)')).toBe('2020-02-29');
    expect(run('addMonths(date("2019-05-31"), -1)')).toBe('2019-04-30');
  });

  it('takes 29 February + 1 year to 28 February', () => {
    expect(run('addYears(date("2000-02-29"), 1)')).toBe('2001-02-28');
    expect(run('addYears(date("2000-02-29"), 4)')).toBe('2004-02-29');
  });

  it('fails, naming the function, the date and the step, when the result leaves the date range', () => {
    expect(failure('addYears(asOf, 1000)')).toBe(
      'addYears() gives a date outside the dates 1900-01-01 to 2999-12-31 (2019-06-30 and 1000 years)',
    );
    expect(failure('addDays(date("1900-01-01"), -1)')).toBe(
      'addDays() gives a date outside the dates 1900-01-01 to 2999-12-31 (1900-01-01 and -1 days)',
    );
    expect(failure('addMonths(asOf, n)', env('2019-06-30', { n: new Decimal('1e15') }))).toContain(
      'addMonths() gives a date outside the dates 1900-01-01 to 2999-12-31',
    );
  });

  it('needs a whole number of days, months or years', () => {
    expect(problems('addDays(asOf, 1.5)')).toEqual([
      { message: 'the number of days of addDays() must be a whole number, not 1.5', at: 14 },
    ]);
    expect(problems('addMonths(asOf, 2.0)')).toEqual([]);
    expect(failure('addYears(asOf, n)', env('2019-06-30', { n: new Decimal('0.5') }))).toBe(
      'the number of years of addYears() must be a whole number, not 0.5',
    );
  });

  it('takes a date and a number', () => {
    expect(problems('addDays(1, 1)')).toEqual([
      { message: 'the first argument of addDays() must be a date, not a decimal', at: 0 },
    ]);
    expect(problems('addMonths(asOf, asOf)')).toEqual([
      { message: 'the number of months of addMonths() must be a decimal, not a date', at: 0 },
    ]);
    expect(problems('addYears(asOf)')[0]?.message).toBe('addYears() takes 2 arguments, not 1');
  });

  it('fails when the date is not given', () => {
    expect(failure('addDays(startDate, 1)')).toBe('the date of addDays() is not given');
  });
});

describe('year, month, day, startOfMonth', () => {
  it('gives the parts of a date as numbers', () => {
    expect(text('year(asOf)')).toBe('2019');
    expect(text('month(asOf)')).toBe('6');
    expect(text('day(asOf)')).toBe('30');
    expect(text('month(date("2020-02-29")) * 100 + day(date("2020-02-29"))')).toBe('229');
    expect(compileExpression('month(asOf)', scope).expression?.type).toBe('decimal');
  });

  it('gives the first day of the month', () => {
    expect(run('startOfMonth(asOf)')).toBe('2019-06-01');
    expect(run('startOfMonth(addMonths(asOf, 1))')).toBe('2019-07-01');
  });

  it('takes a date', () => {
    expect(problems('month(n)')).toEqual([
      { message: 'the argument of month() must be a date, not a decimal', at: 0 },
    ]);
    expect(failure('year(startDate)')).toBe('the date of year() is not given');
  });
});

describe('yearsBetween, monthsBetween, daysBetween', () => {
  it('counts full years, full months and days', () => {
    expect(text('yearsBetween(birthDate, asOf)')).toBe('60');
    expect(text('yearsBetween(birthDate, addDays(asOf, -1))')).toBe('59');
    expect(text('monthsBetween(birthDate, asOf)')).toBe('720');
    expect(text('monthsBetween(date("2019-01-31"), date("2019-02-28"))')).toBe('0');
    expect(text('daysBetween(date("2019-12-31"), date("2020-03-01"))')).toBe('61');
    expect(text('daysBetween(asOf, date("2019-06-01"))')).toBe('-29');
  });

  it('counts 周岁 from the day after the birthday with yearsBetween(birthDate, addDays(asOf, -1))', () => {
    const age = 'yearsBetween(birthDate, addDays(asOf, -1))';
    expect(text(age, env('2019-06-30'))).toBe('59'); // born 1959-06-30: the 60th birthday
    expect(text(age, env('2019-07-01'))).toBe('60');
    // Born 29 February: in a common year the birthday counts as 1 March, so the year is complete on 2 March.
    const leapling = (asOf: string): string => text(age, env(asOf, { birthDate: '2000-02-29' }));
    expect(leapling('2001-03-01')).toBe('0');
    expect(leapling('2001-03-02')).toBe('1');
    expect(text('yearsBetween(birthDate, asOf)', env('2001-03-01', { birthDate: '2000-02-29' }))).toBe('1');
  });

  it('takes two dates', () => {
    expect(problems('daysBetween(asOf, 3)')).toEqual([
      { message: 'the second argument of daysBetween() must be a date, not a decimal', at: 0 },
    ]);
    expect(failure('monthsBetween(startDate, asOf)')).toBe('a date is not given');
  });
});

describe('operators on dates', () => {
  it.each([
    [
      'asOf + 1',
      "cannot add a number to a date with '+': use addDays(date, n), addMonths(date, n) or addYears(date, n) (n < 0 goes back)",
      5,
    ],
    [
      '1 + asOf',
      "cannot add a number to a date with '+': use addDays(date, n), addMonths(date, n) or addYears(date, n) (n < 0 goes back)",
      2,
    ],
    [
      'asOf - n',
      "cannot subtract a number from a date with '-': use addDays(date, n), addMonths(date, n) or addYears(date, n) (n < 0 goes back)",
      5,
    ],
    [
      'n - asOf',
      "cannot subtract a date from a number with '-': use addDays(date, n), addMonths(date, n) or addYears(date, n) with n < 0 to go back",
      2,
    ],
    [
      'asOf - birthDate',
      "cannot subtract a date from a date with '-': use daysBetween(from, to), monthsBetween(from, to) or yearsBetween(from, to)",
      5,
    ],
    [
      'asOf * 2',
      "cannot multiply a date with '*'; year(date), month(date) and day(date) give its parts as numbers",
      5,
    ],
    [
      'asOf / 2',
      "cannot divide a date with '/'; year(date), month(date) and day(date) give its parts as numbers",
      5,
    ],
  ])('%s is a type error', (source, message, at) => {
    expect(problems(source)).toEqual([{ message, at }]);
  });

  it('tells to write a date literal when a date is compared with a date written as a string', () => {
    expect(problems('birthDate < "2000-01-01"')).toEqual([
      {
        message: 'the right side of \'<\' must be a date, not a string; write date("2000-01-01") for a date',
        at: 12,
      },
    ]);
    expect(problems('asOf == "2019-06-30"')).toEqual([
      { message: 'cannot compare a date with a string; write date("2019-06-30") for a date', at: 5 },
    ]);
    expect(problems('label == asOf')).toEqual([{ message: 'cannot compare a string with a date', at: 6 }]);
    expect(problems('yearsBetween("1959-06-30", asOf)')).toEqual([
      {
        message:
          'the first argument of yearsBetween() must be a date, not a string; write date("1959-06-30") for a date',
        at: 0,
      },
    ]);
    expect(problems('month("2019-06-30")')[0]?.message).toBe(
      'the argument of month() must be a date, not a string; write date("2019-06-30") for a date',
    );
    expect(problems('addDays(label, 1)')[0]?.message).toBe(
      'the first argument of addDays() must be a date, not a string',
    );
  });
});
