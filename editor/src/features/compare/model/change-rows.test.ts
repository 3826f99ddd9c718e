import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { describe, expect, it } from 'vitest';
import { doc2019, doc2020, engineDiff } from '../test/fixtures';
import { changeOf, changeRows, schemeOf, signed } from './change-rows';

const diff = engineDiff(doc2019, doc2020);
const rowsOf = (key: string, merge = true, d = diff, from = doc2019, to = doc2020) =>
  changeRows(d.parameters, from, to, merge).filter((r) => r.parameter === key);
const figures = (r: {
  old: string | null;
  new: string | null;
  change: string | null;
  percent: string | null;
}) => [r.old, r.new, r.change, r.percent];

describe('schemeOf', () => {
  const groups = [
    { id: 'a', label: { zh: '甲', en: 'A' }, prefixes: ['dibao'] },
    { id: 'b', label: { zh: '乙', en: 'B' }, prefixes: ['dibao.standard', 'orphan'] },
  ];
  it('takes the first group whose prefix is whole leading segments', () => {
    expect(schemeOf('dibao.standard.rural', groups).id).toBe('a');
    expect(schemeOf('orphan', groups).id).toBe('b');
    expect(schemeOf('dibaoPlus.standard', groups)).toEqual({ id: null, label: null });
    expect(schemeOf('x.y', undefined)).toEqual({ id: null, label: null });
  });
});

describe('changeOf', () => {
  it('computes the change and a one-decimal percentage exactly, half up', () => {
    expect(changeOf({ old: '660.00', new: '690.00', change: '30.00' })).toEqual({
      change: '30.00',
      percent: '4.5',
    });
    expect(changeOf({ old: '690.00', new: '660.00', change: null })).toEqual({
      change: '-30.00',
      percent: '-4.3',
    });
    expect(changeOf({ old: '0.1', new: '0.3', change: null })).toEqual({ change: '0.20', percent: '200.0' });
    expect(changeOf({ old: '0.00', new: '5.00', change: '5.00' })).toEqual({ change: '5.00', percent: null });
    expect(changeOf({ old: null, new: '5.00', change: null })).toEqual({ change: null, percent: null });
    expect(signed('30.00')).toBe('+30.00');
    expect(signed('-1.5')).toBe('−1.5');
    expect(signed('0.00')).toBe('0.00');
  });
});

describe('changeRows (2019 → 2020 of the shipped content)', () => {
  it('merges jurisdictions that changed alike into their group', () => {
    const urban = rowsOf('dibao.standard.urban');
    expect(urban.map((r) => r.place)).toEqual([
      { kind: 'group', id: 'city-area', name: { zh: '十堰城区', en: 'Shiyan city area' } },
      { kind: 'group', id: 'counties', name: { zh: '县市区', en: 'Counties' } },
    ]);
    expect(urban.map(figures)).toEqual([
      ['660.00', '690.00', '30.00', '4.5'],
      ['560.00', '590.00', '30.00', '5.4'],
    ]);
    expect(urban[0]).toMatchObject({
      unit: 'yuan/month',
      label: { zh: '城市低保标准' },
      scheme: { id: 'dibao' },
    });
  });

  it('writes 全市 for a value that is the same everywhere, and for all places changed alike', () => {
    expect(rowsOf('dibao.specialIncrementRatio').map((r) => [r.place.kind, ...figures(r)])).toEqual([
      ['everywhere', '0.20', '0.25', '0.05', '25.0'],
    ]);
    expect(rowsOf('extremePoverty.standard.scattered').map((r) => [r.place.kind, ...figures(r)])).toEqual([
      ['everywhere', '7200.00', '7800.00', '600.00', '8.3'],
    ]);
  });

  it('lists every jurisdiction without merging', () => {
    const urban = rowsOf('dibao.standard.urban', false);
    expect(urban).toHaveLength(10);
    expect(urban[0]?.place).toEqual({
      kind: 'jurisdiction',
      code: '420302',
      name: { zh: '茅箭区', en: 'Maojian District' },
    });
  });

  it('orders rows by scheme as the document lists them, parameters in document order', () => {
    const rows = changeRows(diff.parameters, doc2019, doc2020);
    const schemes = [...new Set(rows.map((r) => r.scheme.id))];
    expect(schemes).toEqual([
      'dibao',
      'extreme-poverty',
      'orphan',
      'disability',
      'medical',
      'disaster',
      'statistics',
    ]);
    expect(rows[0]?.parameter).toBe('dibao.standard.rural');
  });

  it('lists one by one a group whose members changed differently, and marks added parameters', () => {
    const to = structuredClone(doc2020) as RulesetVersion;
    const urban = to.parameters.find((p) => p.key === 'dibao.standard.urban')!;
    urban.values.push({ for: '420381', value: '600.00', source: urban.values[0]!.source });
    to.parameters.push({
      ...to.parameters.find((p) => p.key === 'orphan.allowance.scattered')!,
      key: 'orphan.allowance.extra',
    });
    const d = engineDiff(doc2019, to);
    const rows = rowsOf('dibao.standard.urban', true, d, doc2019, to);
    expect(rows.map((r) => (r.place.kind === 'jurisdiction' ? r.place.code : r.place.kind))).toEqual([
      'group',
      '420304',
      '420322',
      '420323',
      '420324',
      '420325',
      '420381',
    ]);
    expect(rows.at(-1)?.new).toBe('600.00');
    const added = rowsOf('orphan.allowance.extra', true, d, doc2019, to);
    expect(added.map(figures)).toEqual([[null, '700.00', null, null]]);
  });
});
