import { J1, J2, minimalVersion, parameter, published, text } from '../../../../test/support/ruleset-factory';
import { InvalidRulesetError } from '../errors';
import { MAX_RESOLVED_VALUES } from '../limits';
import { checkContentBounds } from '../validation/content-bounds';
import { compileVersion } from './compile-version';
import { FailureReport, resolutionSizeProblem, ValueChooser } from './parameter-resolution';
import { resolveAllParameters } from './parameters';

describe('ValueChooser', () => {
  const chooser = new ValueChooser(
    parameter('p', '0', {
      byJurisdiction: true,
      values: [
        { value: '1', source: published },
        { for: 'hills', value: '2', source: published },
        { for: 'towns', value: '3', source: published },
        { for: J1, value: '4', source: published },
      ],
    }),
  );
  const valueIn = (code: string, groups: string[]) => chooser.choose(code, groups).choice?.entry.value;

  it('prefers the jurisdiction, then its one group with a value, then the value for everywhere', () => {
    expect(valueIn(J1, ['towns', 'hills'])).toBe('4');
    expect(valueIn(J2, ['towns'])).toBe('3');
    expect(valueIn(J2, ['towns', 'towns'])).toBe('3');
    expect(valueIn(J2, ['plains'])).toBe('1');
  });

  it('lists the groups of an ambiguous choice in the order of their values', () => {
    expect(chooser.choose(J2, ['towns', 'hills'])).toEqual({ choice: null, ambiguous: ['hills', 'towns'] });
  });
});

describe('FailureReport', () => {
  it('gives one problem per formula: the first jurisdiction and how many others', () => {
    const report = new FailureReport();
    report.add('/a', 'first', 'expression');
    report.add('/b', 'only', 'numeric-domain');
    report.add('/a', 'second', 'expression');
    report.add('/a', 'third', 'expression');
    expect(report.problems()).toEqual([
      { path: '/a', message: 'first (and in 2 other jurisdictions)', code: 'expression' },
      { path: '/b', message: 'only', code: 'numeric-domain' },
    ]);
  });
});

describe('resolving parameters', () => {
  it('computes a parameter that does not vary by jurisdiction once, for all of them', () => {
    const doc = minimalVersion();
    doc.parameters.push(
      parameter('twice', '0', { values: [{ formula: 'support.ratio * 2', source: published }] }),
    );
    const { resolved, problems } = resolveAllParameters(doc);
    expect(problems).toEqual([]);
    const first = resolved.get(J1)?.get('twice');
    expect(first?.toFixed()).toBe('0.4');
    expect(resolved.get(J2)?.get('twice')).toBe(first);
  });
});

describe('the work compiling a version may do', () => {
  /** The base version with `places` more jurisdictions in the group `towns`. */
  function withPlaces(places: number) {
    const doc = minimalVersion();
    for (let i = 0; i < places; i++)
      doc.jurisdictions.push({
        code: `C${String(i).padStart(5, '0')}`,
        name: text(`place ${i}`),
        groups: ['towns'],
      });
    for (let i = 0; i < 60; i++) doc.parameters.push(parameter(`p.k${i}`, '1.00'));
    return doc;
  }

  it(`is at most ${MAX_RESOLVED_VALUES} values: jurisdictions × parameters and formulas`, () => {
    const fits = withPlaces(3000);
    expect(resolutionSizeProblem(fits)).toBeNull();
    expect(() => compileVersion(fits)).not.toThrow();

    const tooMany = withPlaces(3400);
    const expected = {
      path: '/jurisdictions',
      code: 'too-large',
      message: `3402 jurisdictions × 65 parameters and formulas make 221130 values to compute; at most ${MAX_RESOLVED_VALUES} are allowed (split the ruleset)`,
    };
    expect(resolutionSizeProblem(tooMany)).toEqual(expected);
    expect(checkContentBounds(tooMany)).toEqual([expected]);
    expect(() => compileVersion(tooMany)).toThrow(new InvalidRulesetError([expected]));
  });
});
