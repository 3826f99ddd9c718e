import { shippedDocument, shippedVersion } from '../../../../test/support/shipped-rulesets';
import { determine } from '../evaluation/determine';
import { compileVersion } from '../model/compile-version';
import type { RulesetVersion, TestCaseT } from '../schema/ruleset.schema';
import {
  acceptTestResults,
  eligibilityWarnings,
  compareTestCase,
  compareWithExpected,
  describeDifference,
  runTestCases,
} from './test-cases';
import { validateVersion } from './validate-version';

// The first shipped 2020 test: a single 72-year-old in rural 房县 without income gets the dibao of
// the household (433.00), the elderly special increment (108.25) and the premium subsidy (110.00).
const v2020 = shippedVersion('2020');
const first = v2020.document.tests[0] as TestCaseT;

describe('compareTestCase: lines matched by code and member, not by position', () => {
  it('finds nothing when the expectation holds', async () => {
    const d = await determine(v2020, first.household, first.asOf);
    expect(compareTestCase(d, first.expected)).toEqual({ lines: [], totals: [], eligibility: [] });
  });

  it('reports one line added to the answer once, as unexpected (not as every line after it)', async () => {
    const d = await determine(v2020, first.household, first.asOf);
    const withoutIncrement = {
      benefits: first.expected.benefits.filter((l) => l.code !== 'dibao_special_increment'),
    };
    expect(compareTestCase(d, withoutIncrement, 'en').lines).toEqual([
      {
        code: 'dibao_special_increment',
        memberId: 'p1',
        expected: null,
        got: '108.25',
        message: 'dibao_special_increment@p1: not expected, got 108.25',
      },
    ]);
  });

  it('reports a missing line, a changed amount, totals and eligibility, each with expected and got', async () => {
    const d = await determine(v2020, first.household, first.asOf);
    const expected: TestCaseT['expected'] = {
      benefits: [
        { code: 'dibao', memberId: null, amount: '403.00' },
        ...first.expected.benefits.slice(1),
        { code: 'orphan_allowance', memberId: 'p1', amount: '600.00' },
      ],
      totals: { monthly: '511.25', annual: '6605.00', oneOff: '0.00' },
      eligibility: { dibao: false },
    };
    const comparison = compareTestCase(d, expected);
    expect(comparison.lines.map(({ message: _m, ...l }) => l)).toEqual([
      { code: 'dibao', memberId: null, expected: '403.00', got: '433.00' },
      { code: 'orphan_allowance', memberId: 'p1', expected: '600.00', got: null },
    ]);
    expect(comparison.lines.map((l) => l.message)).toEqual([
      'dibao:预期 403.00,实际 433.00',
      'orphan_allowance@p1:预期 600.00,实际无此项',
    ]);
    expect(comparison.totals).toEqual([
      {
        total: 'monthly',
        expected: '511.25',
        got: '541.25',
        message: '合计 totals.monthly:预期 511.25,实际 541.25',
      },
    ]);
    expect(comparison.eligibility).toEqual([
      { outcome: 'dibao', expected: false, got: true, message: '资格 eligibility.dibao:预期 否,实际 是' },
    ]);
    expect(compareWithExpected(d, expected, 'en')).toEqual([
      'dibao: expected 403.00, got 433.00',
      'orphan_allowance@p1: expected 600.00, got no line',
      'totals.monthly: expected 511.25, got 541.25',
      'eligibility.dibao: expected false, got true',
    ]);
  });

  it('pairs repeated keys in order: a second line of one key is unexpected, not a changed first one', async () => {
    const d = await determine(v2020, first.household, first.asOf);
    const doubled = {
      ...d,
      benefits: [...d.benefits, { ...(d.benefits[2] as (typeof d.benefits)[number]), amount: '5.00' }],
    };
    expect(compareTestCase(doubled, first.expected).lines).toEqual([
      {
        code: 'medical_premium_subsidy',
        memberId: 'p1',
        expected: null,
        got: '5.00',
        message: describeDifference({
          code: 'medical_premium_subsidy',
          memberId: 'p1',
          expected: null,
          got: '5.00',
        }),
      },
    ]);
    expect(describeDifference({ code: 'x', memberId: 'm', expected: null, got: '1.00' })).toBe(
      'x@m:未预期此项,实际 1.00',
    );
  });
});

describe('raising a county line by 30 in a copy of 2020: the failures, per line', () => {
  it('names each failing test with the changed lines only, and validation lists them structured', async () => {
    const doc = structuredClone(shippedDocument('2020')) as RulesetVersion;
    doc.metadata.version = '2020-test';
    const formula = doc.parameters.find((p) => p.key === 'dibao.standard.rural');
    if (!formula) throw new Error('2020 has no dibao.standard.rural');
    // The rural line is a formula of the consumption statistic; a fixed override for 房县 raises it.
    const before = await runTestCases(compileVersion(doc));
    expect(before.every((r) => r.passed)).toBe(true);
    const standard420325 = (await determine(v2020, first.household, first.asOf)).benefits.find(
      (l) => l.code === 'dibao',
    )?.amount;
    expect(standard420325).toBe('433.00');
    formula.values.push({
      for: '420325',
      value: '463.00',
      source: { type: 'illustrative', note: 'a test raise of 30 yuan/month' },
    } as never);
    const version = compileVersion(doc);
    const results = await runTestCases(version, 'en');
    const failing = results.filter((r) => !r.passed);
    expect(failing.length).toBeGreaterThan(0);
    const firstResult = results[0];
    expect(firstResult?.passed).toBe(false);
    // 433 → 463 for the dibao line; the special increment is 25% of the line: 108.25 → 115.75.
    expect(firstResult?.lines.map(({ message: _m, ...l }) => l)).toEqual([
      { code: 'dibao', memberId: null, expected: '433.00', got: '463.00' },
      { code: 'dibao_special_increment', memberId: 'p1', expected: '108.25', got: '115.75' },
    ]);
    expect(firstResult?.totals.map((t) => [t.total, t.expected, t.got])).toEqual([
      ['monthly', '541.25', '578.75'],
      ['annual', '6605.00', '7055.00'],
    ]);
    const report = await validateVersion(doc, null);
    const entry = report.errors.find((e) => e.path === '/tests/0');
    expect(entry).toEqual(
      expect.objectContaining({
        code: 'test-failed',
        test: first.name,
        lines: firstResult?.lines.map((l) => ({ ...l, message: expect.stringContaining('实际') })),
      }),
    );
    expect(entry?.message).toContain('dibao:预期 433.00,实际 463.00');
    expect(entry?.message).toContain('dibao: expected 433.00, got 463.00');
  });

  it('reports a household that cannot be evaluated as not evaluated, with the reason', async () => {
    const doc = structuredClone(shippedDocument('2020')) as RulesetVersion;
    doc.tests = [{ ...first, household: { ...first.household, residence: 'moon' } }];
    const [result] = await runTestCases(compileVersion(doc));
    expect(result).toEqual(
      expect.objectContaining({ passed: false, evaluated: false, lines: [], totals: [], eligibility: [] }),
    );
    expect(result?.differences).toEqual([expect.stringContaining('household/residence')]);
  });
});

describe('acceptTestResults', () => {
  /** A copy of 2020 with the rural line of 房县 (420325) raised by 30 to 463.00 yuan/month. */
  function raised(): RulesetVersion {
    const doc = structuredClone(shippedDocument('2020')) as RulesetVersion;
    doc.parameters
      .find((p) => p.key === 'dibao.standard.rural')
      ?.values.push({
        for: '420325',
        value: '463.00',
        source: { type: 'illustrative', note: 'a test raise of 30 yuan/month' },
      } as never);
    return doc;
  }

  it('replaces the chosen tests’ expectations by what the version computes, and says what changed', async () => {
    const doc = raised();
    const version = compileVersion(doc);
    const failing = (await runTestCases(version)).filter((r) => !r.passed);
    expect(failing.map((r) => r.name)).toContain(first.name);
    const result = await acceptTestResults(version, [first.name]);
    if (!('tests' in result)) throw new Error(JSON.stringify(result.problems));
    expect(result.accepted).toEqual([
      {
        test: first.name,
        lines: [
          { code: 'dibao', memberId: null, old: '433.00', new: '463.00' },
          { code: 'dibao_special_increment', memberId: 'p1', old: '108.25', new: '115.75' },
        ],
        totals: [
          { total: 'monthly', old: '541.25', new: '578.75' },
          { total: 'annual', old: '6605.00', new: '7055.00' },
        ],
        eligibility: [],
      },
    ]);
    expect(result.tests[0]?.expected).toEqual({
      benefits: [
        { code: 'dibao', memberId: null, amount: '463.00' },
        { code: 'dibao_special_increment', memberId: 'p1', amount: '115.75' },
        { code: 'medical_premium_subsidy', memberId: 'p1', amount: '110.00' },
      ],
      totals: { monthly: '578.75', annual: '7055.00', oneOff: '0.00' },
      eligibility: { dibao: true },
    });
    // Only the chosen test changed: the other failing ones still fail, the rest are as they were.
    expect(result.tests.slice(1)).toEqual(doc.tests.slice(1));
    const after = await runTestCases(compileVersion({ ...doc, tests: result.tests }));
    expect(after.filter((r) => !r.passed).map((r) => r.name)).toEqual(
      failing.map((r) => r.name).filter((n) => n !== first.name),
    );
  });

  it('warns of each accepted test whose expected eligibility flipped (a boundary test), zh and en', async () => {
    const doc = raised();
    // 房县 rural line raised from 433.00 to 463.00: a household with exactly 433.00 a month was at
    // the old line (not eligible) and is now below the new one (eligible).
    const atLine: TestCaseT = {
      ...(first as TestCaseT),
      name: 'income exactly at the line (433.00) → not eligible',
      household: { ...first.household, annualNetIncome: '5196.00' },
      expected: { benefits: [], eligibility: { dibao: false } },
    };
    doc.tests = [atLine, ...doc.tests];
    const shipped = structuredClone(shippedDocument('2020')) as RulesetVersion;
    const before = await runTestCases(compileVersion({ ...shipped, tests: [atLine] }));
    expect(before[0]?.passed).toBe(true);
    const result = await acceptTestResults(compileVersion(doc), 'all');
    if (!('tests' in result)) throw new Error(JSON.stringify(result.problems));
    expect(result.tests[0]?.expected.eligibility).toEqual({ dibao: true });
    const zh = eligibilityWarnings(result.accepted);
    // The shipped boundary test of 房县 flips too: its household was at the old line.
    expect(zh.map((w) => [w.code, w.test])).toEqual([
      ['eligibility-changed', atLine.name],
      ['eligibility-changed', 'rural 房县: income exactly at the line (I = 12·n·S, n = 2) → not eligible'],
    ]);
    expect(zh[0]?.message).toContain('dibao:否 → 是');
    expect(zh[0]?.message).toContain('边界测试');
    const en = eligibilityWarnings(result.accepted, 'en');
    expect(en[0]?.message).toContain('dibao: false → true');
    expect(en[0]?.message).toContain('should have its household moved rather than its result accepted');
    // Tests that only changed amounts give no warning.
    const flipped = new Set(zh.map((w) => w.test));
    expect(eligibilityWarnings(result.accepted.filter((a) => !flipped.has(a.test)))).toEqual([]);
  });

  it('"all" makes every test pass', async () => {
    const doc = raised();
    const result = await acceptTestResults(compileVersion(doc), 'all');
    if (!('tests' in result)) throw new Error(JSON.stringify(result.problems));
    const after = await runTestCases(compileVersion({ ...doc, tests: result.tests }));
    expect(after.every((r) => r.passed)).toBe(true);
    expect(result.accepted).toHaveLength(doc.tests.length);
  });

  it('refuses unknown names, naming each with its place in the request', async () => {
    const result = await acceptTestResults(v2020, [first.name, 'no such test', 'nor this']);
    expect(result).toEqual({
      problems: [
        expect.objectContaining({
          path: '/tests/1',
          code: 'unknown-test',
          message: expect.stringContaining('"no such test"'),
        }),
        expect.objectContaining({
          path: '/tests/2',
          code: 'unknown-test',
          message: expect.stringContaining('"nor this"'),
        }),
      ],
    });
  });

  it('refuses a test whose household cannot be evaluated, naming it', async () => {
    const doc = structuredClone(shippedDocument('2020')) as RulesetVersion;
    doc.tests[1] = { ...(doc.tests[1] as TestCaseT), household: { ...first.household, residence: 'moon' } };
    const broken = doc.tests[1]?.name as string;
    const result = await acceptTestResults(compileVersion(doc), 'all');
    expect(result).toEqual({
      problems: [
        expect.objectContaining({
          path: '/tests',
          code: 'test-not-evaluated',
          message: expect.stringContaining(`"${broken}"`),
        }),
      ],
    });
  });
});
