import { J1, J2, minimalVersion, parameter, published, text } from '../../../../test/support/ruleset-factory';
import { Decimal } from '../decimal';
import type { FieldProblem } from '../errors';
import type { ParameterT, ParameterValueT, RulesetVersion } from '../schema/ruleset.schema';
import { compileVersion } from './compile-version';
import { parameterBindings, resolveAllParameters } from './parameters';
import { formatParameterValue, parametersFor } from './parameter-report';

const J3 = 'B00003';

/** The base version plus a third jurisdiction in a group `hills` of its own (support.standard 500). */
function threePlaces(parameters: ParameterT[]): RulesetVersion {
  const doc = minimalVersion();
  doc.jurisdictionGroups.push({ id: 'hills', name: text('Hills') });
  doc.jurisdictions.push({ code: J3, name: text('Gamma'), groups: ['hills'] });
  doc.parameters[0]?.values.push({ for: 'hills', value: '500.00', source: published });
  doc.parameters.push(...parameters);
  return doc;
}

const byPlace = (values: ParameterValueT[], key = 'p'): ParameterT =>
  parameter(key, '0', { byJurisdiction: true, values });

/** The resolved value of `key` in each jurisdiction, as text. */
function resolvedIn(doc: RulesetVersion, key: string): Record<string, string | undefined> {
  const { resolved, problems } = resolveAllParameters(doc);
  expect(problems).toEqual([]);
  const result: Record<string, string | undefined> = {};
  for (const [code, values] of resolved) result[code] = values.get(key)?.toFixed();
  return result;
}

/** The problems resolving `doc` reports. */
const problemsOf = (doc: RulesetVersion): FieldProblem[] => resolveAllParameters(doc).problems;

describe('resolveAllParameters', () => {
  describe('which value applies where', () => {
    it('resolves the base version: the group value, and the override for J2', () => {
      expect(resolvedIn(minimalVersion(), 'support.standard')).toEqual({ [J1]: '400', [J2]: '450' });
      expect(resolvedIn(minimalVersion(), 'support.ratio')).toEqual({ [J1]: '0.2', [J2]: '0.2' });
    });

    it('prefers a jurisdiction value to a group value to the default, whatever their order', () => {
      const values: ParameterValueT[] = [
        { for: J2, value: '3', source: published },
        { value: '1', source: published },
        { for: 'towns', value: '2', source: published },
      ];
      const expected = { [J1]: '2', [J2]: '3', [J3]: '1' };
      expect(resolvedIn(threePlaces([byPlace(values)]), 'p')).toEqual(expected);
      expect(resolvedIn(threePlaces([byPlace([...values].reverse())]), 'p')).toEqual(expected);
    });

    it('uses the default where no group or jurisdiction value applies', () => {
      const doc = threePlaces([byPlace([{ value: '7', source: published }])]);
      expect(resolvedIn(doc, 'p')).toEqual({ [J1]: '7', [J2]: '7', [J3]: '7' });
    });

    it('reports a jurisdiction that no value covers', () => {
      const doc = threePlaces([byPlace([{ for: 'towns', value: '2', source: published }])]);
      expect(problemsOf(doc)).toEqual([
        {
          path: '/parameters/2/values',
          code: 'parameter-value',
          message: `no value applies to jurisdiction ${J3}; add one for it, one of its groups, or one without "for"`,
        },
      ]);
    });

    it('reports a jurisdiction that two of its groups give a value, until it has its own', () => {
      // J2 joins the group `hills` too (its own support.standard keeps that parameter unambiguous).
      const ambiguous = (extra: ParameterValueT[]): RulesetVersion => {
        const doc = threePlaces([
          byPlace([
            { for: 'towns', value: '2', source: published },
            { for: 'hills', value: '5', source: published },
            ...extra,
          ]),
        ]);
        const j2 = doc.jurisdictions[1];
        if (j2) j2.groups = ['towns', 'hills'];
        return doc;
      };
      expect(problemsOf(ambiguous([]))).toEqual([
        {
          path: '/parameters/2/values',
          code: 'parameter-value',
          message: `jurisdiction ${J2} gets a value from several groups (towns, hills); add a value for ${J2} itself`,
        },
      ]);
      const settled = ambiguous([{ for: J2, value: '9', source: published }]);
      expect(resolvedIn(settled, 'p')).toEqual({ [J1]: '2', [J2]: '9', [J3]: '5' });
    });
  });

  describe('formulas', () => {
    it('computes a formula per jurisdiction from per-jurisdiction statistics', () => {
      // The consumption-expenditure-ratio method: ceil(ratio × last year's consumption ÷ 12).
      const doc = threePlaces([
        byPlace([{ formula: 'ceil(ratio * consumption / 12)', source: published }], 'standard'),
        parameter('ratio', '0.57', { unit: 'ratio' }),
        byPlace(
          [
            { for: 'towns', value: '8800', source: published },
            { for: J2, value: '8300', source: published },
            { for: 'hills', value: '8301', source: published },
          ],
          'consumption',
        ),
      ]);
      // 0.57 × 8800 / 12 = 418 exactly; × 8300 / 12 = 394.25 → 395; × 8301 / 12 = 394.2975 → 395.
      expect(resolvedIn(doc, 'standard')).toEqual({ [J1]: '418', [J2]: '395', [J3]: '395' });
    });

    it('resolves formulas in dependency order, not declaration order', () => {
      const doc = threePlaces([
        parameter('c', '0', { values: [{ formula: 'b * 2', source: published }] }),
        parameter('b', '0', { values: [{ formula: 'a + 1', source: published }] }),
        parameter('a', '0.5'),
      ]);
      expect(resolvedIn(doc, 'c')).toEqual({ [J1]: '3', [J2]: '3', [J3]: '3' });
    });

    it('can use a formula in one place and a value in another', () => {
      const doc = threePlaces([
        byPlace([
          { formula: 'support.standard * 2', source: published },
          { for: J3, value: '1', source: published },
        ]),
      ]);
      expect(resolvedIn(doc, 'p')).toEqual({ [J1]: '800', [J2]: '900', [J3]: '1' });
    });

    it('detects a cycle and names it', () => {
      const doc = minimalVersion();
      doc.parameters.push(
        parameter('a', '0', { values: [{ formula: 'b + 1', source: published }] }),
        parameter('b', '0', { values: [{ formula: 'a * 2', source: published }] }),
      );
      const { resolved, problems } = resolveAllParameters(doc);
      expect(problems).toEqual([
        { path: '/parameters/2/values', code: 'cycle', message: 'its formula depends on itself: a → b → a' },
      ]);
      expect(resolved.size).toBe(0);
    });

    it('detects a parameter that reads itself', () => {
      const doc = minimalVersion();
      doc.parameters.push(parameter('a', '0', { values: [{ formula: 'a + 1', source: published }] }));
      expect(problemsOf(doc)).toEqual([
        { path: '/parameters/2/values', code: 'cycle', message: 'its formula depends on itself: a → a' },
      ]);
    });

    it('reports a formula that cannot be computed, naming the jurisdiction', () => {
      const doc = threePlaces([
        byPlace([{ formula: '1 / zero', source: published }]),
        byPlace(
          [
            { value: '1', source: published },
            { for: J3, value: '0', source: published },
          ],
          'zero',
        ),
      ]);
      expect(problemsOf(doc)).toEqual([
        {
          path: '/parameters/2/values/0/formula',
          code: 'expression',
          message: `cannot be computed for ${J3}: division by zero`,
        },
      ]);
    });

    it('reports a formula that does not compile, with the column', () => {
      const doc = minimalVersion();
      doc.parameters.push(
        parameter('a', '0', { values: [{ formula: '2 * suport.ratio', source: published }] }),
      );
      const found = problemsOf(doc);
      expect(found.map((p) => [p.path, p.code])).toEqual([['/parameters/2/values/0/formula', 'expression']]);
      expect(found[0]?.message).toContain(
        "unknown name 'suport.ratio' in parameter scope; did you mean 'support.ratio'? (at column 5",
      );
    });

    it('requires byJurisdiction for a formula over a per-jurisdiction parameter', () => {
      const doc = minimalVersion();
      doc.parameters.push(
        parameter('a', '0', { values: [{ formula: 'support.standard * 2', source: published }] }),
      );
      expect(problemsOf(doc)).toContainEqual({
        path: '/parameters/2/values/0/formula',
        code: 'expression',
        message: `uses 'support.standard', which varies by jurisdiction: set "byJurisdiction": true`,
      });
    });
  });

  describe('value entries', () => {
    it.each([
      ['both a value and a formula', { value: '1', formula: '1', source: published }],
      ['neither a value nor a formula', { source: published }],
    ])('refuses %s', (_, entry: ParameterValueT) => {
      const doc = minimalVersion();
      doc.parameters.push(parameter('a', '0', { values: [entry] }));
      expect(problemsOf(doc)).toEqual([
        {
          path: '/parameters/2/values/0',
          code: 'parameter-value',
          message: 'must have either a "value" (such as "420.00") or a "formula", not both or neither',
        },
      ]);
    });

    it('refuses "for" on a parameter that is the same everywhere', () => {
      const doc = minimalVersion();
      doc.parameters.push(parameter('a', '0', { values: [{ for: J1, value: '1', source: published }] }));
      expect(problemsOf(doc).map((p) => p.message)).toContain(
        'is only allowed when "byJurisdiction" is true',
      );
    });

    it('refuses an unknown place, a second value for one place, and a duplicate key', () => {
      const doc = minimalVersion();
      doc.parameters.push(
        byPlace([
          { value: '1', source: published },
          { for: 'nowhere', value: '2', source: published },
          { for: 'nowhere', value: '3', source: published },
        ]),
        parameter('support.ratio', '0.3', { unit: 'ratio' }),
      );
      const found = problemsOf(doc).map((p) => [p.path, p.code]);
      expect(found).toEqual(
        expect.arrayContaining([
          ['/parameters/2/values/1/for', 'unknown-jurisdiction'],
          ['/parameters/2/values/2/for', 'duplicate'],
          ['/parameters/3/key', 'duplicate'],
        ]),
      );
    });

    it('requires a published figure to cite a known document and an illustrative one a note', () => {
      const doc = minimalVersion();
      doc.parameters.push(
        parameter('a', '0', { values: [{ value: '1', source: { type: 'published' } }] }),
        parameter('b', '0', { values: [{ value: '1', source: { type: 'published', document: 'nope' } }] }),
        parameter('c', '0', { values: [{ value: '1', source: { type: 'illustrative' } }] }),
      );
      expect(problemsOf(doc)).toEqual([
        {
          path: '/parameters/2/values/0/source/document',
          code: 'source',
          message: 'a published figure must name its document (an id from metadata.sources)',
        },
        {
          path: '/parameters/3/values/0/source/document',
          code: 'source',
          message: "'nope' is not in metadata.sources; known: test-order",
        },
        {
          path: '/parameters/4/values/0/source/note',
          code: 'source',
          message: 'an illustrative figure must say how it was chosen',
        },
      ]);
    });
  });
});

describe('parameterBindings', () => {
  it('reads each key from the environment, null when absent', () => {
    const bindings = parameterBindings(minimalVersion().parameters);
    const env = {
      asOf: '2019-01-01',
      parameters: new Map([['support.ratio', new Decimal('0.2')]]),
      household: new Map(),
      members: [],
    };
    expect(bindings.get('support.ratio')?.read(env)).toEqual(new Decimal('0.2'));
    expect(bindings.get('support.standard')?.read(env)).toBeNull();
    expect(bindings.get('support.ratio')).toMatchObject({ type: 'decimal', kind: 'parameter' });
  });
});

describe('parametersFor', () => {
  it('reports every parameter of one place as text, money with two decimals and counts as integers', () => {
    const doc = minimalVersion();
    doc.parameters.push(parameter('age.elderly', '60', { unit: 'years' }));
    const version = compileVersion(doc);
    expect(parametersFor(version, J2)).toEqual({
      'support.standard': '450.00',
      'support.ratio': '0.20',
      'age.elderly': '60',
    });
  });

  it('refuses an unknown jurisdiction', () => {
    const version = compileVersion(minimalVersion());
    expect(() => parametersFor(version, 'Z99999')).toThrow('The input has 1 invalid field');
  });

  it('formats without rounding', () => {
    const p = parameter('x', '0', { unit: 'ratio' });
    expect(formatParameterValue(p, new Decimal('0.575'))).toBe('0.575');
    expect(formatParameterValue(p, new Decimal('418'))).toBe('418.00');
  });
});
