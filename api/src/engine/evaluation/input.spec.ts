import { chineseMessage } from '../../common/problem-messages';
import { fact, household, J1, J2, minimalVersion } from '../../../../test/support/ruleset-factory';
import { Decimal } from '../decimal';
import { InvalidInputError, type FieldProblem } from '../errors';
import { compileVersion } from '../model/compile-version';
import { checkHousehold, type CheckedHousehold } from './input';

const AS_OF = '2019-06-30';

/**
 * The base version plus an optional `emergency` group (required `severity`, optional `amount`), a
 * boolean household fact with a default, and a member integer with bounds and a default.
 * Members: 1 to 4.
 */
const version = (() => {
  const doc = minimalVersion();
  doc.facts.household.push(
    fact('registeredPoor', 'boolean', { default: false }),
    fact('emergency', 'object', {
      properties: [
        fact('severity', 'enum', { values: ['general', 'major'], required: true }),
        fact('amount', 'decimal', { minimum: '0', default: '0' }),
      ],
    }),
  );
  doc.facts.member.push(
    fact('disabilityGrade', 'integer', { minimum: '0', maximum: '4', default: 0 }),
    fact('note', 'string'),
  );
  return compileVersion(doc);
})();

const check = (input: unknown, asOf = AS_OF): CheckedHousehold => checkHousehold(version, input, asOf);

/** The problems `input` has (fails the test when it is valid). */
function problems(input: unknown, asOf = AS_OF): FieldProblem[] {
  try {
    check(input, asOf);
  } catch (e) {
    if (e instanceof InvalidInputError) return e.errors;
    throw e;
  }
  throw new Error('expected the input to be refused');
}

const paths = (input: unknown): string[] => problems(input).map((p) => p.path);

const member = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  birthDate: '1980-05-17',
  ...extra,
});

describe('checkHousehold', () => {
  it('reports every bad field at once, each with its JSON Pointer', () => {
    const input = household({
      annualNetIncome: 'a lot',
      colour: 'blue',
      emergency: { severity: 'huge' },
      members: [
        member('p1', { birthDate: '1980-02-30' }),
        member('p2', { disabilityGrade: 7 }),
        member('p1'),
      ],
    });
    const found = problems(input);
    expect(found.map((p) => p.path)).toEqual([
      '/colour',
      '/annualNetIncome',
      '/emergency/severity',
      '/members/0/birthDate',
      '/members/1/disabilityGrade',
      '/members/2/id',
    ]);
    const message = (path: string) => found.find((p) => p.path === path)?.message;
    expect(message('/colour')).toContain('is not a known fact; expected one of members, id, jurisdiction');
    expect(message('/annualNetIncome')).toBe('must be a decimal number, such as "1234.50" (got "a lot")');
    expect(message('/emergency/severity')).toBe('must be one of "general", "major" (got "huge")');
    expect(message('/members/0/birthDate')).toBe('is not a calendar date: 1980-02-30 does not exist');
    expect(message('/members/1/disabilityGrade')).toBe('must be at most 4');
    expect(message('/members/2/id')).toBe('duplicates the member id "p1"');
  });

  it('a date fact written YYYY-MM-DD but impossible is "not a calendar date", as asOf is; others the format', () => {
    const birthDate = (value: unknown) =>
      problems(household({ members: [member('p1', { birthDate: value })] })).find(
        (p) => p.path === '/members/0/birthDate',
      )?.message;
    expect(birthDate('1950-02-30')).toBe('is not a calendar date: 1950-02-30 does not exist');
    expect(chineseMessage(birthDate('1950-02-30') as string)).toBe('不是有效的日历日期:1950-02-30 不存在');
    expect(birthDate('1950-2-3')).toBe(
      'must be a date written YYYY-MM-DD, such as "1980-05-17" (got "1950-2-3")',
    );
    expect(birthDate(19500203)).toMatch(/^must be a date written YYYY-MM-DD/);
    expect(() => check(household({ members: [member('p1', { birthDate: '1950-02-28' })] }))).not.toThrow();
  });

  it('says how many problems there are', () => {
    const refuse = () => check(household({ annualNetIncome: -1, jurisdiction: 'Z99999' }));
    expect(refuse).toThrow(InvalidInputError);
    expect(refuse).toThrow('The input has 2 invalid fields');
    expect(problems(household({ annualNetIncome: -1, jurisdiction: 'Z99999' }))).toHaveLength(2);
    expect(new InvalidInputError([]).code).toBe('invalid-input');
  });

  describe('money', () => {
    it.each([
      ['a decimal string', '2400.50'],
      ['a minimal string', '2400.5'],
      ['a JSON number', 2400.5],
    ])('accepts %s', (_, annualNetIncome) => {
      const value = check(household({ annualNetIncome })).household.get('annualNetIncome');
      expect(value).toBeInstanceOf(Decimal);
      expect((value as Decimal).eq('2400.5')).toBe(true);
    });

    it('keeps every digit of a long decimal string', () => {
      const value = check(household({ annualNetIncome: '999999.99999999999999999999' })).household.get(
        'annualNetIncome',
      ) as Decimal;
      expect(value.toFixed()).toBe('999999.99999999999999999999');
    });

    it.each([
      ['a thousands separator', '2,400'],
      ['an exponent', '1e3'],
      ['a leading plus', '+1'],
      ['an empty string', ''],
      ['a boolean', true],
      ['an object', { yuan: 1 }],
    ])('refuses %s', (_, annualNetIncome) => {
      expect(problems(household({ annualNetIncome }))).toEqual([
        { path: '/annualNetIncome', message: expect.stringContaining('must be a decimal number') as unknown },
      ]);
    });

    it('checks the bounds', () => {
      expect(problems(household({ annualNetIncome: '-0.01' }))).toEqual([
        { path: '/annualNetIncome', message: 'must be at least 0' },
      ]);
      expect(problems(household({ annualNetIncome: 1000000.01 }))).toEqual([
        { path: '/annualNetIncome', message: 'must be at most 1000000' },
      ]);
      expect(check(household({ annualNetIncome: 0 })).household.get('annualNetIncome')).toEqual(
        new Decimal(0),
      );
    });
  });

  describe('required facts and defaults', () => {
    it('reports a missing required fact, and treats null as missing', () => {
      const withoutIncome = household();
      delete withoutIncome['annualNetIncome'];
      expect(problems(withoutIncome)).toEqual([
        { path: '/annualNetIncome', message: 'is required: annualNetIncome' },
      ]);
      expect(paths(household({ annualNetIncome: null }))).toEqual(['/annualNetIncome']);
    });

    it('applies declared defaults, typed', () => {
      const checked = check(household());
      expect(checked.household.get('registeredPoor')).toBe(false);
      expect(checked.members[0]?.get('disabilityGrade')).toEqual(new Decimal(0));
      expect(checked.members[0]?.get('note')).toBeNull();
    });

    it('marks an absent optional group and nulls its facts', () => {
      const checked = check(household());
      expect(checked.household.get('emergency')).toBe(false);
      expect(checked.household.get('emergency.severity')).toBeNull();
      expect(checked.household.get('emergency.amount')).toBeNull();
    });

    it('reads a given group, with its own defaults and required facts', () => {
      const checked = check(household({ emergency: { severity: 'major' } }));
      expect(checked.household.get('emergency')).toBe(true);
      expect(checked.household.get('emergency.severity')).toBe('major');
      expect(checked.household.get('emergency.amount')).toEqual(new Decimal(0));
      expect(problems(household({ emergency: {} }))).toEqual([
        { path: '/emergency/severity', message: 'is required: severity' },
      ]);
    });

    it('refuses a group that is not an object, and unknown facts inside it', () => {
      expect(problems(household({ emergency: 'yes' }))).toEqual([
        { path: '/emergency', message: 'must be an object with severity, amount' },
      ]);
      expect(problems(household({ emergency: { severity: 'general', level: 3 } }))).toEqual([
        { path: '/emergency/level', message: 'is not a known fact; expected one of severity, amount' },
      ]);
    });
  });

  describe('other fact types', () => {
    it('reads integers from whole numbers only', () => {
      expect(
        check(household({ members: [member('p1', { disabilityGrade: 2 })] })).members[0]?.get(
          'disabilityGrade',
        ),
      ).toEqual(new Decimal(2));
      expect(problems(household({ members: [member('p1', { disabilityGrade: 1.5 })] }))).toEqual([
        { path: '/members/0/disabilityGrade', message: 'must be a whole number, such as 2 (got 1.5)' },
      ]);
    });

    it('reads booleans strictly', () => {
      expect(problems(household({ registeredPoor: 'true' }))).toEqual([
        { path: '/registeredPoor', message: 'must be true or false (got "true")' },
      ]);
    });

    it('refuses an unknown jurisdiction, listing the known ones', () => {
      expect(problems(household({ jurisdiction: 'Z99999' }))).toEqual([
        {
          path: '/jurisdiction',
          message: `must be a jurisdiction code of this ruleset: ${J1}, ${J2} (got "Z99999")`,
        },
      ]);
      expect(check(household({ jurisdiction: J2 })).jurisdiction).toBe(J2);
    });

    it('refuses an empty string', () => {
      expect(problems(household({ members: [member('p1', { note: '' })] }))).toEqual([
        { path: '/members/0/note', message: 'must be a non-empty string (got "")' },
      ]);
    });

    it('escapes JSON Pointer tokens in unknown field names', () => {
      expect(paths(household({ 'a/b~c': 1 }))).toEqual(['/a~1b~0c']);
    });
  });

  describe('dates', () => {
    it('accepts a birth date on the evaluation date and refuses one after it', () => {
      expect(
        check(household({ members: [member('p1', { birthDate: AS_OF })] })).members[0]?.get('birthDate'),
      ).toBe(AS_OF);
      expect(problems(household({ members: [member('p1', { birthDate: '2019-07-01' })] }))).toEqual([
        { path: '/members/0/birthDate', message: 'must not be after the evaluation date 2019-06-30' },
      ]);
    });

    it.each(['2019-02-29', '2019-13-01', '1980-5-17', 19800517])('refuses %j', (birthDate) => {
      expect(paths(household({ members: [member('p1', { birthDate })] }))).toEqual(['/members/0/birthDate']);
    });

    it('accepts 29 February of a leap year', () => {
      expect(check(household({ members: [member('p1', { birthDate: '2000-02-29' })] })).members).toHaveLength(
        1,
      );
    });
  });

  describe('members', () => {
    it('keeps the members and their ids in input order', () => {
      const checked = check(household({ members: [member('zed'), member('amy'), member('bob')] }));
      expect(checked.memberIds).toEqual(['zed', 'amy', 'bob']);
      expect(checked.members).toHaveLength(3);
    });

    it('refuses too few members', () => {
      expect(problems(household({ members: [] }))).toEqual([
        { path: '/members', message: 'must list 1 to 4 members (got 0)' },
      ]);
    });

    it('refuses too many members, still checking the first ones', () => {
      const members = ['a', 'b', 'c', 'd', 'e'].map((id) => member(id));
      expect(problems(household({ members }))).toEqual([
        { path: '/members', message: 'must list 1 to 4 members (got 5)' },
      ]);
      members[0] = member('a', { birthDate: 'soon' });
      expect(paths(household({ members }))).toEqual(['/members', '/members/0/birthDate']);
    });

    it('requires a list of objects, each with a non-empty id', () => {
      const withoutMembers = household();
      delete withoutMembers['members'];
      expect(problems(withoutMembers)).toEqual([
        { path: '/members', message: 'is required: a list of 1 to 4 members, each with an "id"' },
      ]);
      expect(paths(household({ members: [42] }))).toEqual(['/members/0']);
      expect(paths(household({ members: [{ birthDate: '1980-01-01' }] }))).toEqual(['/members/0/id']);
      expect(paths(household({ members: [member('')] }))).toEqual(['/members/0/id']);
      expect(paths(household({ members: [member('x'.repeat(101))] }))).toEqual(['/members/0/id']);
    });

    it('refuses a duplicate member id', () => {
      expect(problems(household({ members: [member('p1'), member('p2'), member('p2')] }))).toEqual([
        { path: '/members/2/id', message: 'duplicates the member id "p2"' },
      ]);
    });

    it('refuses unknown member facts', () => {
      expect(problems(household({ members: [member('p1', { age: 39 })] }))).toEqual([
        {
          path: '/members/0/age',
          message: 'is not a known fact; expected one of id, birthDate, disabilityGrade, note',
        },
      ]);
    });
  });

  it('refuses a household that is not an object', () => {
    for (const input of [null, [], 'household', 3]) {
      expect(problems(input)).toEqual([
        { path: '', message: expect.stringContaining('the household must be a JSON object') as unknown },
      ]);
    }
  });
});
