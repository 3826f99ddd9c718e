import { minimalVersion } from '../../../test/support/ruleset-factory';
import { shippedCatalog } from '../../../test/support/shipped-rulesets';
import { RulesetCatalog } from './catalog';
import { NoVersionInForceError } from './errors';
import { compileVersion, type CompiledVersion } from './model/compile-version';

const versionFrom = (label: string, effectiveFrom: string): CompiledVersion => {
  const doc = minimalVersion();
  doc.metadata.version = label;
  doc.metadata.effectiveFrom = effectiveFrom;
  return compileVersion(doc);
};

const v2019 = versionFrom('2019', '2019-01-01');
const v2019b = versionFrom('2019-07', '2019-07-01');
const v2020 = versionFrom('2020', '2020-01-01');
// Given out of order on purpose.
const catalog = new RulesetCatalog('test-ruleset', [v2020, v2019, v2019b]);

describe('RulesetCatalog', () => {
  it('orders versions by effectiveFrom', () => {
    expect(catalog.versions.map((v) => v.version)).toEqual(['2019', '2019-07', '2020']);
    expect(catalog.latest?.version).toBe('2020');
  });

  describe('versionInForce', () => {
    it.each([
      ['2019-01-01', '2019'], // its first day
      ['2019-01-02', '2019'],
      ['2019-06-30', '2019'], // the day before the next one
      ['2019-07-01', '2019-07'],
      ['2019-12-31', '2019-07'],
      ['2020-01-01', '2020'],
      ['2020-01-02', '2020'],
      ['2035-06-30', '2020'], // the latest stays in force
    ])('on %s: %s', (asOf, label) => {
      expect(catalog.versionInForce(asOf).version).toBe(label);
    });

    it('throws NoVersionInForceError before the first version', () => {
      expect(() => catalog.versionInForce('2018-12-31')).toThrow(NoVersionInForceError);
      expect(() => catalog.versionInForce('2018-12-31')).toThrow(
        'No published version of test-ruleset is in force on 2018-12-31',
      );
      const error = ((): unknown => {
        try {
          return catalog.versionInForce('2018-12-31');
        } catch (e) {
          return e;
        }
      })();
      expect(error).toMatchObject({
        code: 'no-version-in-force',
        rulesetKey: 'test-ruleset',
        asOf: '2018-12-31',
      });
    });

    it('names the date from which versions exist, or that there are none', () => {
      // v2019 is the earliest of the three, though given second.
      expect(() => catalog.versionInForce('2018-12-31')).toThrow('versions exist from 2019-01-01 on');
      expect(() => new RulesetCatalog('empty', []).versionInForce('2020-01-01')).toThrow(
        'it has no published version',
      );
    });

    it('throws for an empty catalog', () => {
      const empty = new RulesetCatalog('empty', []);
      expect(() => empty.versionInForce('2020-01-01')).toThrow(NoVersionInForceError);
      expect(empty.latest).toBeUndefined();
    });
  });

  it('finds a version by its label', () => {
    expect(catalog.byLabel('2019-07')).toBe(v2019b);
    expect(catalog.byLabel('2018')).toBeUndefined();
  });

  it('gives the version in force before another took effect', () => {
    expect(catalog.previousOf('2020-01-01')).toBe(v2019b);
    expect(catalog.previousOf('2019-07-01')).toBe(v2019);
    expect(catalog.previousOf('2019-01-01')).toBeNull();
  });

  it('leaves out the version being checked when it is itself in the catalogue', () => {
    expect(catalog.previousOf('2020-01-01', '2019-07')).toBe(v2019);
    expect(catalog.previousOf('2020-01-01', 'no-such-label')).toBe(v2019b);
  });

  describe('on the shipped Shiyan versions', () => {
    const shipped = shippedCatalog();

    it.each([
      ['2017-02-25', '2017-02'],
      ['2017-09-30', '2017-02'],
      ['2017-10-01', '2017-10'],
      ['2017-12-31', '2017-10'],
      ['2018-01-01', '2018'],
      ['2018-12-31', '2018'],
      ['2019-01-01', '2019'],
      ['2020-01-01', '2020'],
    ])('on %s: %s', (asOf, label) => {
      expect(shipped.versionInForce(asOf).version).toBe(label);
    });

    it('has no version in force before 2017-02-25', () => {
      expect(() => shipped.versionInForce('2017-02-24')).toThrow(NoVersionInForceError);
    });
  });
});
