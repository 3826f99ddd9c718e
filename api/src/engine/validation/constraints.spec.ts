import { household, J1, J2, minimalVersion, published, text } from '../../../../test/support/ruleset-factory';
import { shippedVersions } from '../../../../test/support/shipped-rulesets';
import { compileVersion, type CompiledVersion } from '../model/compile-version';
import type { ConstraintT, RulesetVersion } from '../schema/ruleset.schema';
import { checkConstraints } from './constraints';
import { validateVersion } from './validate-version';

const constraint = (id: string, assert: string, overrides: Partial<ConstraintT> = {}): ConstraintT => ({
  id,
  label: { zh: `约束 ${id}`, en: `Constraint ${id}` },
  basis: 'Test order No. 1 §3',
  severity: 'error',
  assert,
  ...overrides,
});

const CONSTRAINTS: ConstraintT[] = [
  constraint('ratio-floor', 'support.ratio >= 0.20'),
  constraint('standard-floor', 'support.standard >= 420'),
  constraint('standard-not-below-previous', 'support.standard >= previous(support.standard)', {
    severity: 'warning',
  }),
  constraint('annual-standard-floor', 'support.standard * 12 >= 5100', { warningBefore: '2020-01-01' }),
];

/** A version with the four constraints above, `support.standard` = J1 / J2 values, and `support.ratio`. */
function version(
  options: { effectiveFrom?: string; j1?: string; j2?: string; ratio?: string } = {},
  change: (doc: RulesetVersion) => void = () => undefined,
): CompiledVersion {
  const doc = minimalVersion({ constraints: structuredClone(CONSTRAINTS) });
  doc.metadata.effectiveFrom = options.effectiveFrom ?? '2019-01-01';
  doc.metadata.version = doc.metadata.effectiveFrom.slice(0, 4);
  const [standard, ratio] = doc.parameters;
  if (!standard || !ratio) throw new Error('the base version has two parameters');
  standard.values = [
    { for: J1, value: options.j1 ?? '430', source: published },
    { for: J2, value: options.j2 ?? '450', source: published },
  ];
  ratio.values = [{ value: options.ratio ?? '0.20', source: published }];
  change(doc);
  return compileVersion(doc);
}

/** `constraint jurisdiction severity` for each finding. */
const summary = (findings: ReturnType<typeof checkConstraints>): string[] =>
  findings.map((f) => `${f.constraint} ${f.jurisdiction ?? '-'} ${f.severity}`);

describe('checkConstraints', () => {
  it('finds nothing when every constraint holds', () => {
    // 430 × 12 = 5160 ≥ 5100; every floor holds; no previous version.
    expect(checkConstraints(version(), null)).toEqual([]);
  });

  it('reports a floor that does not hold, once for a parameter that is the same everywhere', () => {
    const findings = checkConstraints(version({ ratio: '0.19' }), null);
    expect(findings).toEqual([
      {
        path: '/constraints/0/assert',
        code: 'constraint',
        constraint: 'ratio-floor',
        severity: 'error',
        jurisdiction: null,
        basis: 'Test order No. 1 §3',
        parameters: ['support.ratio'],
        message:
          '约束 ratio-floor / Constraint ratio-floor (Test order No. 1 §3) does not hold: support.ratio ≥ 0.20 → 0.19 ≥ 0.20 is false.',
      },
    ]);
  });

  it('names the parameters each assertion reads, those read through previous() included', () => {
    const previous = version({ j1: '440', j2: '450' });
    const findings = checkConstraints(version({ effectiveFrom: '2020-01-01', j1: '430' }), previous);
    const below = findings.find((f) => f.constraint === 'standard-not-below-previous');
    expect(below?.parameters).toEqual(['support.standard']);
    const both = checkConstraints(
      version({}, (doc) => {
        doc.constraints = [
          constraint('both', 'support.standard * support.ratio >= 1000 and support.ratio >= 0'),
        ];
      }),
      null,
    );
    expect(both[0]?.parameters).toEqual(['support.standard', 'support.ratio']);
  });

  it('checks a constraint over a per-jurisdiction parameter in each jurisdiction', () => {
    const findings = checkConstraints(version({ j1: '419.99', j2: '425' }), null);
    expect(summary(findings)).toEqual([
      'standard-floor A00001 error',
      'annual-standard-floor A00001 warning',
    ]);
    expect(findings[0]?.message).toBe(
      '约束 standard-floor / Constraint standard-floor (Test order No. 1 §3) does not hold in A00001 甲镇: support.standard ≥ 420 → 419.99 ≥ 420 is false.',
    );
  });

  it('checks forEachJurisdiction constraints in each jurisdiction', () => {
    const v = version({ ratio: '0.1' }, (doc) => {
      const first = doc.constraints[0];
      if (first) first.forEachJurisdiction = true;
    });
    expect(summary(checkConstraints(v, null))).toEqual([
      'ratio-floor A00001 error',
      'ratio-floor A00002 error',
    ]);
  });

  describe('an assertion that cannot be computed', () => {
    /** The base version with one more constraint, asserting `assert`. */
    const broken = (assert: string, overrides: Partial<ConstraintT> = {}) =>
      version({}, (doc) => {
        doc.constraints = [constraint('broken', assert, overrides)];
        doc.justifications = [{ constraint: 'broken', text: 'Agreed with the province' }];
      });

    it('is an error naming the constraint, the jurisdiction and the value beyond 10^15, never "is false"', () => {
      const findings = checkConstraints(
        broken('if(support.standard * 999999999999999 * 999999999999999 > 0, true, true)'),
        null,
      );
      expect(summary(findings)).toEqual(['broken A00001 error', 'broken A00002 error']);
      expect(findings[0]).toEqual({
        path: '/constraints/0/assert',
        code: 'constraint',
        constraint: 'broken',
        severity: 'error',
        jurisdiction: J1,
        basis: 'Test order No. 1 §3',
        parameters: ['support.standard'],
        message:
          "约束 broken / Constraint broken (Test order No. 1 §3) does not hold in A00001 甲镇: constraint 'broken' cannot be computed: the value exceeds 10^15 (about 4×10^17) at '*' in if(support.standard × 999999999999999 × 999999999999999 > 0, true, true) → if(430 × 999999999999999 × 999999999999999 > 0, true, true). Correct the assertion or the parameters it reads (no justification can accept this).",
      });
      for (const f of findings) expect(f.message).not.toContain('is false');
    });

    it('is an error for a division by zero, even when the constraint is a justified warning', async () => {
      const assert = 'support.standard / (support.standard - support.standard) >= 1';
      const findings = checkConstraints(broken(assert, { severity: 'warning' }), null);
      expect(summary(findings)).toEqual(['broken A00001 error', 'broken A00002 error']);
      expect(findings.map((f) => f.justification)).toEqual([undefined, undefined]);
      expect(findings[1]?.message).toBe(
        "约束 broken / Constraint broken (Test order No. 1 §3) does not hold in A00002 乙镇: constraint 'broken' cannot be computed: division by zero in support.standard ÷ (support.standard − support.standard) ≥ 1 → 450 ÷ (450 − 450) ≥ 1. Correct the assertion or the parameters it reads (no justification can accept this).",
      );

      const doc = minimalVersion({ constraints: [constraint('broken', assert, { severity: 'warning' })] });
      doc.justifications = [{ constraint: 'broken', text: 'Agreed with the province' }];
      const report = await validateVersion(doc, null);
      expect(report.valid).toBe(false);
      expect(report.warnings).toEqual([]);
      expect(report.errors.map((e) => [e.path, e.code, 'severity' in e ? e.severity : '-'])).toEqual([
        ['/constraints/0/assert', 'constraint', 'error'],
        ['/constraints/0/assert', 'constraint', 'error'],
      ]);
    });

    it('is reported once for a constraint over values that are the same everywhere', () => {
      const findings = checkConstraints(broken('support.ratio / (support.ratio - 0.20) >= 1'), null);
      expect(summary(findings)).toEqual(['broken - error']);
      expect(findings[0]?.message).toContain(
        "does not hold: constraint 'broken' cannot be computed: division by zero in support.ratio ÷ (support.ratio − 0.20) ≥ 1 → 0.2 ÷ (0.2 − 0.20) ≥ 1.",
      );
    });
  });

  describe('warningBefore', () => {
    it('makes a floor a warning for versions in force before the date, and asks for a justification', () => {
      const findings = checkConstraints(version({ j1: '420', effectiveFrom: '2019-12-31' }), null);
      expect(summary(findings)).toEqual(['annual-standard-floor A00001 warning']);
      expect(findings[0]?.message).toContain(
        'This warning needs a recorded justification (add one under "justifications").',
      );
      expect(findings[0]?.justification).toBeUndefined();
    });

    it('makes it an error from the date on', () => {
      const findings = checkConstraints(version({ j1: '420', effectiveFrom: '2020-01-01' }), null);
      expect(summary(findings)).toEqual(['annual-standard-floor A00001 error']);
      expect(findings[0]?.message).not.toContain('justification');
    });
  });

  describe('year on year, with previous()', () => {
    const before = version({ j1: '430', j2: '450' });

    it('does not apply without a previous version', () => {
      expect(checkConstraints(version({ j1: '425' }), null)).toEqual([]);
    });

    it('holds when the value rises or stays', () => {
      expect(
        checkConstraints(version({ j1: '430', j2: '460', effectiveFrom: '2020-01-01' }), before),
      ).toEqual([]);
    });

    it('warns in each jurisdiction where the value fell, showing both values', () => {
      const findings = checkConstraints(
        version({ j1: '425', j2: '460', effectiveFrom: '2020-01-01' }),
        before,
      );
      expect(summary(findings)).toEqual(['standard-not-below-previous A00001 warning']);
      expect(findings[0]?.message).toContain(
        'support.standard ≥ previous(support.standard) → 425 ≥ previous 430',
      );
    });

    it('accepts a recorded justification for the jurisdiction, its group or everywhere', () => {
      for (const jurisdiction of [J1, 'towns', undefined]) {
        const v = version({ j1: '425', effectiveFrom: '2020-01-01' }, (doc) => {
          doc.justifications = [
            {
              constraint: 'standard-not-below-previous',
              ...(jurisdiction ? { jurisdiction } : {}),
              text: 'A one-off correction of last year',
            },
          ];
        });
        const findings = checkConstraints(v, before);
        expect(findings).toHaveLength(1);
        expect(findings[0]?.justification).toBe('A one-off correction of last year');
        expect(findings[0]?.message).not.toContain('needs a recorded justification');
      }
    });

    it('does not apply a justification recorded for another jurisdiction', () => {
      const v = version({ j1: '425', effectiveFrom: '2020-01-01' }, (doc) => {
        doc.justifications = [
          { constraint: 'standard-not-below-previous', jurisdiction: J2, text: 'Only for the other town' },
        ];
      });
      expect(checkConstraints(v, before)[0]?.justification).toBeUndefined();
    });

    it('skips a parameter or a jurisdiction the previous version lacks', () => {
      const withoutJ2 = version({}, (doc) => {
        doc.jurisdictions = doc.jurisdictions.filter((j) => j.code === J1);
        const standard = doc.parameters[0];
        if (standard) standard.values = standard.values.filter((v) => v.for !== J2);
      });
      const findings = checkConstraints(
        version({ j1: '430', j2: '1', effectiveFrom: '2020-01-01' }),
        withoutJ2,
      );
      // J2's standard fell from nothing to 1: only the floors apply there.
      expect(summary(findings)).toEqual([
        'standard-floor A00002 error',
        'annual-standard-floor A00002 error',
      ]);
    });
  });

  describe('on the shipped versions', () => {
    const versions = shippedVersions();

    it.each(versions.map((v, i) => [v.version, v, versions[i - 1] ?? null] as const))(
      '%s: every finding is a warning with a recorded justification',
      (_, v, previous) => {
        for (const finding of checkConstraints(v, previous)) {
          expect(finding).toMatchObject({
            severity: 'warning',
            justification: expect.any(String) as unknown,
          });
        }
      },
    );

    it('flag the rural standard below the poverty line before 2019 as a warning, not an error', () => {
      const [first] = versions;
      if (!first) throw new Error('no shipped versions');
      const findings = checkConstraints(first, null).filter(
        (f) => f.constraint === 'rural-dibao-at-least-poverty-line',
      );
      expect(findings.length).toBeGreaterThan(0);
      expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['warning']));
    });
  });
});

describe('validateVersion', () => {
  it('is valid when constraints hold and the embedded tests pass', async () => {
    const doc = minimalVersion();
    doc.tests = [
      {
        name: 'income 2400 in A00001',
        asOf: '2019-06-30',
        household: household({ annualNetIncome: '2400' }),
        expected: { benefits: [{ code: 'support', memberId: null, amount: '200.00' }] },
      },
    ];
    const report = await validateVersion(doc, null);
    expect(report).toMatchObject({ valid: true, errors: [], warnings: [], tests: { passed: 1, failed: 0 } });
  });

  it('is invalid with a failing constraint or test, and reports each', async () => {
    const doc = minimalVersion({ constraints: [constraint('ratio-floor', 'support.ratio >= 0.25')] });
    doc.tests = [
      {
        name: 'wrong amount',
        asOf: '2019-06-30',
        household: household({ annualNetIncome: '2400' }),
        expected: { benefits: [{ code: 'support', memberId: null, amount: '200.01' }] },
      },
    ];
    const report = await validateVersion(doc, null);
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => [e.path, e.code])).toEqual([
      ['/constraints/0/assert', 'constraint'],
      ['/tests/0', 'test-failed'],
    ]);
    expect(report.errors[1]?.message).toBe(
      '测试"wrong amount"未通过:support:预期 200.01,实际 200.00 / test "wrong amount" failed: support: expected 200.01, got 200.00',
    );
    expect(report.tests).toEqual({ passed: 0, failed: 1 });
  });

  it('keeps a justified warning out of the errors', async () => {
    const doc = minimalVersion({
      constraints: [constraint('ratio-floor', 'support.ratio >= 0.25', { severity: 'warning' })],
      justifications: [{ constraint: 'ratio-floor', text: 'Agreed with the province' }],
    });
    const report = await validateVersion(doc, null);
    expect(report.valid).toBe(true);
    expect(report.warnings.map((w) => w.justification)).toEqual(['Agreed with the province']);
  });

  it('reports an invalid document without compiling it', async () => {
    const doc = minimalVersion();
    doc.metadata.title = text('');
    const report = await validateVersion(doc, null);
    expect(report).toMatchObject({ valid: false, compiled: null, tests: { passed: 0, failed: 0 } });
    expect(report.errors.map((e) => e.path)).toEqual(['/metadata/title/zh', '/metadata/title/en']);
  });
});
