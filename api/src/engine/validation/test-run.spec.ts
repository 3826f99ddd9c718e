import { shippedVersion } from '../../../../test/support/shipped-rulesets';
import { compileVersion } from '../model/compile-version';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { checkVersion } from './validate-version';
import { runTestReport, testLines } from './test-run';
import type { Determination } from '../evaluation/determine';

const line = (code: string, memberId: string | null, amount: string) =>
  ({ code, memberId, amount }) as Determination['benefits'][number];
const determination = (benefits: Determination['benefits']) => ({ benefits }) as Determination;

describe('testLines', () => {
  it('pairs lines by code and member, reports missing and unexpected ones', () => {
    const lines = testLines(
      determination([line('b', 'p1', '5.00'), line('a', null, '10.00'), line('c', null, '1.00')]),
      {
        benefits: [
          { code: 'a', memberId: null, amount: '10.00' },
          { code: 'b', memberId: 'p1', amount: '6.00' },
          { code: 'd', amount: '2.00' },
        ],
      },
    );
    expect(lines).toEqual([
      { code: 'a', memberId: null, expected: '10.00', got: '10.00', passed: true },
      { code: 'b', memberId: 'p1', expected: '6.00', got: '5.00', passed: false },
      { code: 'd', memberId: null, expected: '2.00', got: null, passed: false },
      { code: 'c', memberId: null, expected: null, got: '1.00', passed: false },
    ]);
  });

  it('pairs repeated lines of one key in order', () => {
    const lines = testLines(determination([line('a', null, '1.00'), line('a', null, '2.00')]), {
      benefits: [{ code: 'a', memberId: null, amount: '1.00' }],
    });
    expect(lines.map((l) => [l.expected, l.got])).toEqual([
      ['1.00', '1.00'],
      [null, '2.00'],
    ]);
  });
});

describe('runTestReport', () => {
  it('passes every shipped test of 2020, each line as expected', async () => {
    const version = shippedVersion('2020');
    const run = await runTestReport(version);
    expect(run).toEqual(expect.objectContaining({ passed: version.document.tests.length, failed: 0 }));
    for (const [i, t] of run.tests.entries()) {
      expect(t.asOf).toBe(version.document.tests[i]?.asOf);
      expect(t.lines.every((l) => l.passed)).toBe(true);
      expect(t.lines).toHaveLength(version.document.tests[i]?.expected.benefits.length ?? -1);
    }
  });

  it('reports a failing test with its lines, totals and English messages', async () => {
    const document = structuredClone(shippedVersion('2020').document) as RulesetVersion;
    const test = document.tests[0];
    const first = test?.expected.benefits[0];
    if (!test || !first) throw new Error('the shipped 2020 version has tests with lines');
    first.amount = '1.00';
    const run = await runTestReport(compileVersion(document), 'en');
    expect(run.failed).toBe(1);
    const failed = run.tests[0];
    expect(failed?.passed).toBe(false);
    expect(failed?.lines[0]).toEqual(expect.objectContaining({ expected: '1.00', passed: false }));
    expect(failed?.messages.join(' ')).toMatch(/expected 1\.00/);
  });
});

describe('checkVersion', () => {
  it('runs no test: a document whose tests fail is still valid, with every parameter', () => {
    const document = structuredClone(shippedVersion('2020').document) as RulesetVersion;
    for (const t of document.tests) for (const b of t.expected.benefits) b.amount = '0.01';
    const report = checkVersion(document, shippedVersion('2019'));
    expect(report.valid).toBe(true);
    expect(report.errors).toEqual([]);
    expect(Object.keys(report.parameters ?? {})).toEqual(document.jurisdictions.map((j) => j.code));
    expect(report.parameters?.['420325']?.['dibao.standard.rural']).toBe('433.00');
  });

  it('gives the compile problems and no parameters when the document does not compile', () => {
    const document = structuredClone(shippedVersion('2020').document) as RulesetVersion;
    const benefit = document.benefits[0];
    if (!benefit) throw new Error('the shipped 2020 version has benefits');
    benefit.amount = 'unknown.parameter * 2';
    const report = checkVersion(document, null);
    expect(report.valid).toBe(false);
    expect(report.parameters).toBeNull();
    expect(report.errors.map((e) => e.path)).toContain('/benefits/0/amount');
  });
});
