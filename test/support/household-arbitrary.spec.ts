import fc from 'fast-check';

import { parseDecimal } from '../reference/rational';
import { asOfArbitrary, householdArbitrary } from './household-arbitrary';
import { addDays } from './iso-date';

const asOf = '2020-02-29';
const standards = { rural: '380.00', urban: '500.00' };
const households = fc.sample(householdArbitrary({ jurisdictions: ['420325', '420302'], asOf, standards }), {
  seed: 20170225,
  numRuns: 1000,
});
const unitSize = (h: (typeof households)[number]): number =>
  h.members.filter((m) => m.extremePoverty === 'none' && m.orphan === 'none').length;
const income = (h: (typeof households)[number]): string => String(h.annualNetIncome);

describe('householdArbitrary', () => {
  it('yields valid households', () => {
    for (const h of households) {
      expect(['420325', '420302']).toContain(h.jurisdiction);
      expect(h.members.length).toBeGreaterThanOrEqual(1);
      expect(h.members.length).toBeLessThanOrEqual(8);
      expect(new Set(h.members.map((m) => m.id)).size).toBe(h.members.length);
      expect(parseDecimal(h.annualNetIncome).num >= 0n).toBe(true);
      for (const m of h.members) {
        expect(addDays(m.birthDate, 0)).toBe(m.birthDate); // a real calendar date
        expect(m.birthDate <= asOf).toBe(true);
        expect([0, 1, 2, 3, 4]).toContain(m.disabilityGrade);
      }
    }
  });

  it('reaches the boundaries', () => {
    const line = (h: (typeof households)[number]): number =>
      12 * unitSize(h) * (h.residence === 'rural' ? 380 : 500);
    const hits = (predicate: (h: (typeof households)[number]) => boolean): boolean =>
      households.some(predicate);
    expect(hits((h) => unitSize(h) > 0 && Number(income(h)) === line(h))).toBe(true);
    expect(hits((h) => unitSize(h) > 0 && Number(income(h)).toFixed(2) === (line(h) - 0.01).toFixed(2))).toBe(
      true,
    );
    expect(hits((h) => Number(income(h)) === 0)).toBe(true);
    expect(hits((h) => typeof h.annualNetIncome === 'number')).toBe(true);
    expect(hits((h) => /\.\d[1-9]$/.test(income(h)))).toBe(true); // odd cents
    const births = new Set(households.flatMap((h) => h.members.map((m) => m.birthDate)));
    for (const date of [
      '2002-02-27',
      '2002-02-28',
      '2002-03-01',
      '1960-02-28',
      '1960-02-29',
      '1960-03-01',
      asOf,
    ]) {
      expect(births).toContain(date);
    }
    expect(hits((h) => h.emergency !== undefined && h.disaster?.houseCollapsed === true)).toBe(true);
    expect(hits((h) => h.emergency === undefined && h.disaster === undefined)).toBe(true);
  });

  it('draws evaluation dates within the range', () => {
    fc.assert(
      fc.property(
        asOfArbitrary('2017-06-01', '2020-06-30'),
        (date) => date >= '2017-06-01' && date <= '2020-06-30',
      ),
    );
  });
});
