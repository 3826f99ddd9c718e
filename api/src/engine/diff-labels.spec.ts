import { minimalVersion, parameter, text } from '../../../test/support/ruleset-factory';
import { shippedVersion } from '../../../test/support/shipped-rulesets';
import { diffLabels, UNIT_LABELS } from './diff-labels';
import { compileVersion } from './model/compile-version';

describe('diffLabels', () => {
  it('names every parameter, place, group and benefit of the shipped 2019 → 2020 diff', () => {
    const [a, b] = [shippedVersion('2019'), shippedVersion('2020')];
    const labels = diffLabels(a, b);
    const rural = b.document.parameters.find((p) => p.key === 'dibao.standard.rural');
    expect(labels.parameters['dibao.standard.rural']).toEqual({ label: rural?.label, unit: 'yuan/month' });
    expect(Object.keys(labels.jurisdictions)).toEqual(b.document.jurisdictions.map((j) => j.code));
    expect(labels.jurisdictions['420325']).toEqual({
      name: { zh: '房县', en: expect.any(String) },
      groups: ['counties'],
    });
    expect(Object.keys(labels.groups).sort()).toEqual(['city-area', 'counties']);
    expect(Object.keys(labels.benefits)).toEqual(b.document.benefits.map((x) => x.code));
    // Only the units the parameters use, each named in both languages.
    const used = new Set(b.document.parameters.map((p) => p.unit));
    expect(Object.keys(labels.units).sort()).toEqual([...used].sort());
    for (const unit of used) expect(labels.units[unit]).toEqual(UNIT_LABELS[unit]);
  });

  it('takes the newer label, and the older one for what the newer version removed', () => {
    const older = minimalVersion();
    older.parameters.push(parameter('support.gone', '5.00', { label: text('Gone allowance') }));
    const newer = minimalVersion();
    const [first] = newer.parameters;
    if (!first) throw new Error('the base version has parameters');
    first.label = { zh: '新标准', en: 'New standard' };
    const labels = diffLabels(compileVersion(older), compileVersion(newer));
    expect(labels.parameters[first.key]?.label).toEqual({ zh: '新标准', en: 'New standard' });
    expect(labels.parameters['support.gone']?.label).toEqual(text('Gone allowance'));
  });
});
