import {
  benefit,
  J1,
  J2,
  minimalVersion,
  parameter,
  published,
  text,
} from '../../../test/support/ruleset-factory';
import { shippedVersion } from '../../../test/support/shipped-rulesets';
import { diffVersions, type VersionDiff } from './diff';
import { compileVersion } from './model/compile-version';

const CITY_AREA = ['420302', '420303', 'SY0001', 'SY0002'];
const COUNTIES = ['420304', '420322', '420323', '420324', '420325', '420381'];

const noItemChanges = { added: [], removed: [], changed: [] };

describe('diffVersions', () => {
  describe('2019 → 2020 of the shipped content', () => {
    const v2019 = shippedVersion('2019');
    const v2020 = shippedVersion('2020');
    const diff = diffVersions(v2019, v2020);
    const changesOf = (key: string) => diff.parameters.filter((p) => p.parameter === key);

    it('names both versions with their content hashes', () => {
      expect(diff.from).toEqual({
        version: '2019',
        effectiveFrom: '2019-01-01',
        contentHash: v2019.contentHash,
      });
      expect(diff.to).toEqual({
        version: '2020',
        effectiveFrom: '2020-01-01',
        contentHash: v2020.contentHash,
      });
      expect(diff.from.contentHash).not.toBe(diff.to.contentHash);
    });

    it('gives the rural dibao standard old → new and the change in every jurisdiction', () => {
      // The formula ceil(0.57 × consumption ÷ 12) is unchanged; last year's consumption rose:
      // city area 8800 → 9600 (418 → 456), counties 8300 → 9100 (394.25 → 395, 432.25 → 433).
      const expected = [
        ...CITY_AREA.map((jurisdiction) => ({
          jurisdiction,
          old: '418.00',
          new: '456.00',
          change: '38.00',
          changePercent: '9.09',
        })),
        ...COUNTIES.map((jurisdiction) => ({
          jurisdiction,
          old: '395.00',
          new: '433.00',
          change: '38.00',
          changePercent: '9.62',
        })),
      ];
      const rural = changesOf('dibao.standard.rural');
      expect(rural).toHaveLength(10);
      expect(rural).toEqual(
        expect.arrayContaining(expected.map((e) => ({ parameter: 'dibao.standard.rural', ...e }))),
      );
    });

    it('lists per-jurisdiction parameters in jurisdiction order', () => {
      expect(changesOf('dibao.standard.urban').map((p) => p.jurisdiction)).toEqual([
        ...v2020.jurisdictions.keys(),
      ]);
      expect(changesOf('dibao.standard.urban').find((p) => p.jurisdiction === '420325')).toMatchObject({
        old: '560.00',
        new: '590.00',
        change: '30.00',
      });
    });

    it('gives a parameter that is the same everywhere once, without a jurisdiction', () => {
      expect(changesOf('dibao.specialIncrementRatio')).toEqual([
        {
          parameter: 'dibao.specialIncrementRatio',
          jurisdiction: null,
          old: '0.20',
          new: '0.25',
          change: '0.05',
          changePercent: '25.00',
        },
      ]);
      expect(changesOf('statistics.nationalPovertyLine')).toEqual([
        expect.objectContaining({ jurisdiction: null, old: '3218.00', new: '4000.00', change: '782.00' }),
      ]);
    });

    it('leaves out parameters whose resolved value did not change', () => {
      const changed = new Set(diff.parameters.map((p) => p.parameter));
      for (const key of [
        'dibao.consumptionRatio',
        'disability.livingSubsidy',
        'medical.inpatientAssistanceRatio',
        'medical.inpatientAssistanceCap',
        'age.elderly',
        'age.adult',
        'temporaryAssistance.months.general',
        'temporaryAssistance.months.major',
        'temporaryAssistance.cap',
      ]) {
        expect(changed).not.toContain(key);
      }
      for (const p of diff.parameters) expect(p.new).not.toBe(p.old);
    });

    it('finds no rule, benefit, outcome, derived fact, constraint, fact or jurisdiction changed', () => {
      for (const kind of [
        'rules',
        'benefits',
        'outcomes',
        'derived',
        'constraints',
        'facts',
        'jurisdictions',
      ] as const)
        expect(diff[kind]).toEqual(noItemChanges);
    });

    it('reports the review date moved a year on, and rounding and totals as unchanged', () => {
      // Each shipped version is due for review by the end of the year after it takes effect.
      expect(diff.settings).toEqual([{ setting: 'reviewBy', old: '2020-12-31', new: '2021-12-31' }]);
    });
  });

  it('is empty between a version and itself', () => {
    for (const label of ['2017-02', '2020']) {
      const v = shippedVersion(label);
      const diff: VersionDiff = diffVersions(v, v);
      expect(diff.parameters).toEqual([]);
      for (const kind of [
        'rules',
        'benefits',
        'outcomes',
        'derived',
        'constraints',
        'facts',
        'jurisdictions',
      ] as const)
        expect(diff[kind]).toEqual(noItemChanges);
      expect(diff.settings).toEqual([]);
    }
  });

  it('is empty between two compilations of equal documents', () => {
    expect(
      diffVersions(compileVersion(minimalVersion()), compileVersion(minimalVersion())).parameters,
    ).toEqual([]);
  });

  describe('on small versions', () => {
    const before = compileVersion(minimalVersion());

    it('reports added and removed parameters with no change', () => {
      const doc = minimalVersion();
      doc.parameters = [doc.parameters[0] ?? parameter('x', '0'), parameter('support.cap', '1000')];
      const diff = diffVersions(before, compileVersion(doc));
      expect(diff.parameters).toEqual([
        {
          parameter: 'support.ratio',
          jurisdiction: null,
          old: '0.20',
          new: null,
          change: null,
          changePercent: null,
        },
        {
          parameter: 'support.cap',
          jurisdiction: null,
          old: null,
          new: '1000.00',
          change: null,
          changePercent: null,
        },
      ]);
    });

    it('reports a change in one jurisdiction only, with a negative change', () => {
      const doc = minimalVersion();
      const standard = doc.parameters[0];
      if (standard)
        standard.values = [
          { for: 'towns', value: '400.00', source: published },
          { for: J2, value: '420', source: published },
        ];
      expect(diffVersions(before, compileVersion(doc)).parameters).toEqual([
        {
          parameter: 'support.standard',
          jurisdiction: J2,
          old: '450.00',
          new: '420.00',
          change: '-30.00',
          changePercent: '-6.67',
        },
      ]);
    });

    it('gives no percentage for a change from zero', () => {
      const zero = minimalVersion();
      const one = minimalVersion();
      zero.parameters[1] = parameter('support.ratio', '0', { unit: 'ratio' });
      one.parameters[1] = parameter('support.ratio', '0.5', { unit: 'ratio' });
      expect(diffVersions(compileVersion(zero), compileVersion(one)).parameters).toEqual([
        {
          parameter: 'support.ratio',
          jurisdiction: null,
          old: '0.00',
          new: '0.50',
          change: '0.50',
          changePercent: null,
        },
      ]);
    });

    it('writes no number outside the numeric domain: no change or percentage beyond 10^15', () => {
      const pair = (a: string, b: string) => {
        const before = minimalVersion();
        const after = minimalVersion();
        before.parameters[1] = parameter('support.ratio', a, { unit: 'ratio' });
        after.parameters[1] = parameter('support.ratio', b, { unit: 'ratio' });
        return diffVersions(compileVersion(before), compileVersion(after)).parameters[0];
      };
      expect(pair('0.0000000001', '1000000000000000')).toMatchObject({
        change: '999999999999999.9999999999',
        changePercent: null,
      });
      expect(pair('-1000000000000000', '1000000000000000')).toMatchObject({
        old: '-1000000000000000.00',
        new: '1000000000000000.00',
        change: null,
        changePercent: '-200.00',
      });
    });

    it('reports items added, removed and changed by their identifiers', () => {
      const doc = minimalVersion();
      doc.benefits.push(benefit('extra', 'household', 'oneOff', 'support', '10'));
      const support = doc.benefits[0];
      if (support) support.basis = 'Test order No. 2 §1';
      doc.rules.household = doc.rules.household.map((r) => ({ ...r, name: 'renamed rule' }));
      doc.jurisdictions.push({ code: 'C00003', name: text('Gamma'), groups: ['towns'] });
      doc.facts.member.push({ name: 'note', type: 'string', label: text('note') });
      const diff = diffVersions(before, compileVersion(doc));
      expect(diff.benefits).toEqual({ added: ['extra'], removed: [], changed: ['support'] });
      expect(diff.rules).toEqual({
        added: ['household:renamed rule'],
        removed: ['household:support: monthly income below the standard'],
        changed: [],
      });
      expect(diff.jurisdictions).toEqual({ added: ['C00003'], removed: [], changed: [] });
      expect(diff.facts).toEqual({ added: ['member:note'], removed: [], changed: [] });
      expect(diff.outcomes).toEqual(noItemChanges);
      // The new jurisdiction gets the group value: an added value, without a change.
      expect(diff.parameters).toEqual([
        expect.objectContaining({
          parameter: 'support.standard',
          jurisdiction: 'C00003',
          old: null,
          new: '400.00',
        }),
      ]);
    });

    it('reports rounding, totals and reviewBy changed, old → new as the documents write them', () => {
      const doc = minimalVersion({
        rounding: { places: 0, mode: 'halfEven' },
        totals: { monthsPerYear: 12, source: { type: 'illustrative', note: 'twelve payments a year' } },
      });
      doc.metadata.reviewBy = '2020-12-31';
      const diff = diffVersions(before, compileVersion(doc));
      expect(diff.settings).toEqual([
        {
          setting: 'rounding',
          old: { places: 2, mode: 'halfUp' },
          new: { places: 0, mode: 'halfEven' },
        },
        // Only the source changed: still a change of the document's setting.
        {
          setting: 'totals',
          old: { monthsPerYear: 12 },
          new: { monthsPerYear: 12, source: { type: 'illustrative', note: 'twelve payments a year' } },
        },
        { setting: 'reviewBy', old: null, new: '2020-12-31' },
      ]);
      // The other keys are as before: nothing else changed.
      expect(diff.parameters).toEqual([]);
      expect(diff.benefits).toEqual(noItemChanges);
      // And back: a review date removed is old → null.
      expect(diffVersions(compileVersion(doc), before).settings).toEqual([
        expect.objectContaining({ setting: 'rounding', old: { places: 0, mode: 'halfEven' } }),
        expect.objectContaining({ setting: 'totals', new: { monthsPerYear: 12 } }),
        { setting: 'reviewBy', old: '2020-12-31', new: null },
      ]);
    });

    // A parameter that is the same everywhere is read in one of each version's own jurisdictions.
    it('does not report an unchanged parameter as removed when the first jurisdiction is dropped', () => {
      const doc = minimalVersion();
      doc.jurisdictions = doc.jurisdictions.filter((j) => j.code !== J1);
      const standard = doc.parameters[0];
      if (standard) standard.values = [{ for: J2, value: '450.00', source: published }];
      const diff = diffVersions(before, compileVersion(doc));
      expect(diff.parameters.filter((p) => p.parameter === 'support.ratio')).toEqual([]);
    });
  });
});
