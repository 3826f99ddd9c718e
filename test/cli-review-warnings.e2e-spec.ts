/**
 * The rules CLI warns like the service past a version's review date: `evaluate` on each
 * determination (never on a line's problem), `parameters` on its answer; before it, no `warnings`.
 */
import { jsonLines, runRules } from './support/rules-cli';

const KEY = 'shiyan-social-assistance';
const HOUSEHOLD = JSON.stringify({
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome: '2400',
  assetsWithinLimit: true,
  members: [{ id: 'p1', birthDate: '1950-03-02', disabilityGrade: 2 }],
});
const STALE_2020 = {
  code: 'past-review-date',
  message: '所用版本 2020 的标准应于 2021-12-31 前复核,可能已过时',
};

describe('rules CLI past the review date', () => {
  it('evaluate: asked for 2026-03-01, each determination from 2020 carries the warning; a bad line does not', () => {
    const run = runRules(
      ['evaluate', '--ruleset', KEY, '--as-of', '2026-03-01', '--input', '-'],
      `${HOUSEHOLD}\n{"jurisdiction":"999999"}\n${HOUSEHOLD}\n`,
    );
    // One line failed, so the run exits 1; the other lines are still answered.
    expect(run.status).toBe(1);
    const [first, bad, third] = jsonLines(run.stdout) as Record<string, unknown>[];
    expect(first?.['warnings']).toEqual([STALE_2020]);
    expect(third?.['warnings']).toEqual([STALE_2020]);
    expect(bad).not.toHaveProperty('warnings');
    expect(bad?.['status']).toBe(422);
  });

  it('evaluate: on the review date itself there is no warnings field', () => {
    const run = runRules(['evaluate', '--ruleset', KEY, '--as-of', '2021-12-31', '--input', '-'], HOUSEHOLD);
    expect(run.status).toBe(0);
    const [determination] = jsonLines(run.stdout) as Record<string, unknown>[];
    expect((determination?.['ruleset'] as { version: string }).version).toBe('2020');
    expect(determination).not.toHaveProperty('warnings');
  });

  it('parameters: the same parameters, with the warning only past the review date', () => {
    const args = (asOf: string): string[] => [
      'parameters',
      '--ruleset',
      KEY,
      '--as-of',
      asOf,
      '--jurisdiction',
      '420325',
    ];
    const [current] = jsonLines(runRules(args('2020-06-30')).stdout) as Record<string, unknown>[];
    const [stale] = jsonLines(runRules(args('2026-03-01')).stdout) as Record<string, unknown>[];
    expect(current).not.toHaveProperty('warnings');
    const { warnings, ...rest } = stale as { warnings: unknown };
    expect(warnings).toEqual([STALE_2020]);
    expect(rest).toEqual(current);
  });
});
