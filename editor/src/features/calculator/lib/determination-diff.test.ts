import { describe, expect, it } from 'vitest';
import { determination } from '../test/fixtures';
import { compareDeterminations, lineKeys } from './determination-diff';

describe('compareDeterminations', () => {
  const ours = determination(
    '2020',
    [
      ['dibao', null, '433.00'],
      ['medical_premium_subsidy', 'p1', '110.00'],
      ['dibao_special_increment', 'p1', '108.25'],
    ],
    { monthly: '651.25', annual: '7815.00', oneOff: '0.00' },
    true,
  );
  const theirs = determination(
    '2019',
    [
      ['dibao', null, '395.00'],
      ['medical_premium_subsidy', 'p1', '110.00'],
      ['inpatient_assistance', 'p1', '50.00'],
    ],
    { monthly: '555.00', annual: '6660.00', oneOff: '0.00' },
    false,
  );

  it('matches lines by code and member, never by position', () => {
    const c = compareDeterminations(ours, theirs);
    expect(c.lines.map((l) => [l.code, l.memberId, l.change, l.delta])).toEqual([
      ['dibao', null, 'changed', '+38.00'],
      ['medical_premium_subsidy', 'p1', 'same', undefined],
      ['dibao_special_increment', 'p1', 'onlyOurs', undefined],
      ['inpatient_assistance', 'p1', 'onlyTheirs', undefined],
    ]);
  });

  it('compares totals and eligibility', () => {
    const c = compareDeterminations(ours, theirs);
    expect(c.totals).toEqual([
      { total: 'monthly', ours: '651.25', theirs: '555.00', delta: '+96.25' },
      { total: 'annual', ours: '7815.00', theirs: '6660.00', delta: '+1155.00' },
      { total: 'oneOff', ours: '0.00', theirs: '0.00', delta: null },
    ]);
    expect(c.eligibility).toEqual([{ outcome: 'dibao', ours: true, theirs: false, changed: true }]);
  });

  it('pairs repeated lines of one code and member in order', () => {
    const a = determination(
      '2020',
      [
        ['x', null, '1.00'],
        ['x', null, '2.00'],
      ],
      ours.totals,
      true,
    );
    const b = determination('2019', [['x', null, '1.00']], ours.totals, true);
    expect(lineKeys(a.benefits)).toHaveLength(2);
    expect(compareDeterminations(a, b).lines.map((l) => l.change)).toEqual(['same', 'onlyOurs']);
  });
});
