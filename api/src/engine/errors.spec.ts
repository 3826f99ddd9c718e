import { fact, household, minimalVersion } from '../../../test/support/ruleset-factory';
import {
  capProblems,
  EvaluationError,
  InvalidInputError,
  InvalidRulesetError,
  listText,
  OutOfRangeError,
  type FieldProblem,
} from './errors';
import { checkHousehold } from './evaluation/input';
import { MAX_LISTED_ITEMS, MAX_PROBLEMS } from './limits';
import { compileVersion } from './model/compile-version';

const problems = (n: number): FieldProblem[] =>
  Array.from({ length: n }, (_, i) => ({ path: `/x/${i}`, message: 'wrong', code: 'test' }));

describe('listText', () => {
  it('lists short lists whole', () => {
    expect(listText(['a', 'b', 'c'])).toBe('a, b, c');
    expect(listText(['rural', 'urban'], true)).toBe('"rural", "urban"');
  });

  it(`lists at most ${MAX_LISTED_ITEMS} items and counts the rest`, () => {
    const items = Array.from({ length: 100 }, (_, i) => `v${i}`);
    expect(listText(items)).toBe(`${items.slice(0, MAX_LISTED_ITEMS).join(', ')}, … (80 more)`);
  });

  it('keeps messages about long lists short', () => {
    const doc = minimalVersion();
    const values = Array.from({ length: 5000 }, (_, i) => `value${i}`);
    doc.facts.household.push(fact('kind', 'enum', { values }));
    const version = compileVersion(doc);
    try {
      checkHousehold(version, household({ kind: 'other' }), '2019-06-30');
      throw new Error('expected the input to be refused');
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      expect(e.errors[0]?.message).toMatch(
        /^must be one of "value0", .*"value19", … \(4980 more\) \(got "other"\)$/,
      );
    }
  });
});

describe('capProblems', () => {
  it('keeps up to MAX_PROBLEMS problems as they are', () => {
    expect(capProblems(problems(MAX_PROBLEMS))).toEqual(problems(MAX_PROBLEMS));
  });

  it('keeps the first MAX_PROBLEMS and counts the rest', () => {
    const capped = capProblems(problems(MAX_PROBLEMS + 1));
    expect(capped).toHaveLength(MAX_PROBLEMS + 1);
    expect(capped[MAX_PROBLEMS]).toEqual({
      path: '',
      message: `and 1 more problem (only the first ${MAX_PROBLEMS} are reported)`,
      code: 'too-many-problems',
    });
  });

  it('applies to the errors of InvalidRulesetError and InvalidInputError', () => {
    expect(new InvalidRulesetError(problems(1000)).errors).toHaveLength(MAX_PROBLEMS + 1);
    expect(new InvalidInputError(problems(1000)).errors).toHaveLength(MAX_PROBLEMS + 1);
    expect(new InvalidInputError(problems(1000)).message).toBe('The input has 1000 invalid fields');
  });
});

describe('EvaluationError', () => {
  it('puts its context before its reason', () => {
    const error = new EvaluationError('division by zero', {
      owner: "derived fact 'age'",
      memberId: 'p2',
      jurisdiction: '420325',
    });
    expect(error.message).toBe("derived fact 'age' of member p2 in 420325: division by zero");
    expect(error.reason).toBe('division by zero');
    expect(error.context).toEqual({ owner: "derived fact 'age'", memberId: 'p2', jurisdiction: '420325' });
    expect(new EvaluationError('division by zero').message).toBe('division by zero');
  });

  it('keeps its class and magnitude when context is added', () => {
    const error = new OutOfRangeError("the value exceeds 10^15 (about 10^28) at '*'", 28).withContext({
      owner: "benefit 'dibao'",
      jurisdiction: '420325',
    });
    expect(error).toBeInstanceOf(OutOfRangeError);
    expect(error.exponent).toBe(28);
    expect(error.message).toBe("benefit 'dibao' in 420325: the value exceeds 10^15 (about 10^28) at '*'");
  });

  it('captures no stack frames (a reported outcome, cheap to make) and leaves other errors theirs', () => {
    const limit = Error.stackTraceLimit;
    const error = new OutOfRangeError('the value is not a finite number', null);
    expect(error.stack).toBe('Error: the value is not a finite number');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('a bug').stack).toMatch(/\n\s+at /);
  });
});
