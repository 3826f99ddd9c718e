import { describe, expect, it } from 'vitest';
import { REPORT } from '../test/fixtures';
import { acceptancesOf, amountDifference, canAccept, changedLines, failingNames } from './test-run';

describe('test run helpers', () => {
  it('gives exact signed differences, none when a line is missing', () => {
    expect(amountDifference('433.00', '463.00')).toBe('+30.00');
    expect(amountDifference('0.3', '0.1')).toBe('−0.20');
    expect(amountDifference('108.25', null)).toBeNull();
    expect(amountDifference(null, '1.00')).toBeNull();
  });

  it('lists the failing tests and which can take new amounts', () => {
    expect(failingNames(REPORT)).toEqual([REPORT.tests[0]!.name]);
    expect(canAccept(REPORT.tests[0]!)).toBe(true);
    expect(canAccept(REPORT.tests[1]!)).toBe(false);
    expect(canAccept({ ...REPORT.tests[0]!, evaluated: false })).toBe(false);
    expect(changedLines(REPORT.tests[0]!).map((l) => l.code)).toEqual(['dibao', 'dibao_special_increment']);
  });

  it('reads the acceptances out of audit entries', () => {
    const records = acceptancesOf([
      {
        id: '9',
        at: '2026-11-02T00:00:00Z',
        actor: 'wang',
        action: 'edited',
        ruleset: 'k',
        version: '2020',
        details: { accepted: { tests: ['a', 'b'], changes: [{ test: 'a' }], omitted: 2 } },
      },
      {
        id: '8',
        at: '2026-11-01T00:00:00Z',
        actor: 'li',
        action: 'edited',
        ruleset: 'k',
        version: '2020',
        details: { changes: {} },
      },
      {
        id: '7',
        at: '2026-10-01T00:00:00Z',
        actor: 'li',
        action: 'edited',
        ruleset: 'k',
        version: '2020',
        details: { accepted: { tests: 'all', changes: [] } },
      },
    ]);
    expect(records).toEqual([
      { id: '9', at: '2026-11-02T00:00:00Z', actor: 'wang', tests: ['a', 'b'], changed: ['a'], omitted: 2 },
      { id: '7', at: '2026-10-01T00:00:00Z', actor: 'li', tests: 'all', changed: [], omitted: 0 },
    ]);
  });
});
