import { fact, household, minimalVersion } from '../../../../test/support/ruleset-factory';
import { Decimal } from '../decimal';
import { InvalidInputError, type FieldProblem } from '../errors';
import { MAX_PROBLEMS } from '../limits';
import { compileVersion } from '../model/compile-version';
import { checkHousehold } from './input';

const AS_OF = '2019-06-30';

/** The base version plus an unbounded household decimal `amount` and a member integer `count`. */
const version = (() => {
  const doc = minimalVersion();
  doc.facts.household.push(fact('amount', 'decimal'));
  doc.facts.member.push(fact('count', 'integer'));
  return compileVersion(doc);
})();

function problems(input: Record<string, unknown>): FieldProblem[] {
  try {
    checkHousehold(version, input, AS_OF);
  } catch (e) {
    if (e instanceof InvalidInputError) return e.errors;
    throw e;
  }
  throw new Error('expected the input to be refused');
}

const RULE = 'a number input is at most 10^15 in magnitude, with at most 30 decimals';

describe('number inputs outside the numeric domain', () => {
  it.each([
    ['a 100,000-digit string', `1${'0'.repeat(100_000)}`, `exceeds 10^15 (about 10^100000): ${RULE}`],
    ['a JSON number of 10^300', 1e300, `exceeds 10^15 (about 10^300): ${RULE}`],
    ['just above 10^15', '1000000000000000.01', `exceeds 10^15 (about 10^15): ${RULE}`],
    ['31 decimals', `0.${'0'.repeat(30)}1`, `has 31 decimal places; at most 30 are allowed: ${RULE}`],
    ['a JSON number of 10^-300', 1e-300, `has 300 decimal places; at most 30 are allowed: ${RULE}`],
  ])('refuse %s, naming the field', (_, amount, message) => {
    expect(problems(household({ amount }))).toEqual([{ path: '/amount', message }]);
  });

  it('refuse an integer beyond 10^15 in a member', () => {
    expect(problems(household({ members: [{ id: 'p1', birthDate: '1980-05-17', count: 1e16 }] }))).toEqual([
      { path: '/members/0/count', message: `exceeds 10^15 (about 10^16): ${RULE}` },
    ]);
  });

  it('accept the whole domain', () => {
    const checked = checkHousehold(version, household({ amount: '-1000000000000000' }), AS_OF);
    expect(checked.household.get('amount')).toEqual(new Decimal('-1000000000000000'));
    const fine = checkHousehold(version, household({ amount: 0.30000000000000004 }), AS_OF);
    expect((fine.household.get('amount') as Decimal).toFixed()).toBe('0.30000000000000004');
  });

  it('cut long bad values in messages', () => {
    const [problem] = problems(household({ amount: `x${'9'.repeat(100_000)}` }));
    expect(problem?.message.length).toBeLessThan(120);
    expect(problem?.message).toContain('must be a decimal number');
  });

  it(`report at most ${MAX_PROBLEMS} problems and one counting the rest`, () => {
    const input = household();
    for (let i = 0; i < 5000; i++) input[`unknown${i}`] = i;
    const found = problems(input);
    expect(found).toHaveLength(MAX_PROBLEMS + 1);
    expect(found[MAX_PROBLEMS]).toEqual({
      path: '',
      code: 'too-many-problems',
      message: `and ${5000 - MAX_PROBLEMS} more problems (only the first ${MAX_PROBLEMS} are reported)`,
    });
  });
});
