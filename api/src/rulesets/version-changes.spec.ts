import { shippedDocument } from '../../../test/support/shipped-rulesets';
import type { AcceptedTest, RulesetVersion } from '../engine';
import {
  ACCEPTED_LIMIT_CHARACTERS,
  boundAccepted,
  boundChanges,
  SUMMARY_LIMITS,
  summariseChanges,
} from './version-changes';

const items = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('boundChanges', () => {
  it('keeps a small change set as it is', () => {
    const changes = {
      parameters: [
        {
          parameter: 'p',
          jurisdiction: null,
          old: '1.00',
          new: '2.00',
          change: '1.00',
          changePercent: '100.00',
        },
      ],
      rules: { added: ['r'], removed: [], changed: [] },
    };
    expect(boundChanges(changes as never)).toEqual(changes);
  });

  it('cuts long lists and says how many entries were left out', () => {
    const parameters = items(SUMMARY_LIMITS.parameters + 7, 'p').map((parameter) => ({ parameter }));
    const bounded = boundChanges({
      parameters,
      derived: { added: items(SUMMARY_LIMITS.items + 3, 'd'), removed: [], changed: ['x'] },
    } as never);
    expect((bounded['parameters'] as unknown[]).length).toBe(SUMMARY_LIMITS.parameters);
    expect((bounded['derived'] as { added: string[] }).added).toHaveLength(SUMMARY_LIMITS.items);
    expect((bounded['derived'] as { changed: string[] }).changed).toEqual(['x']);
    expect(bounded['omitted']).toEqual({ parameters: 7, 'derived.added': 3 });
  });

  it('does linear work for 20,000 changes of every kind: lists are cut before anything is measured', () => {
    const kinds = ['rules', 'benefits', 'outcomes', 'derived', 'constraints', 'tests', 'facts', 'sources'];
    const changes: Record<string, unknown> = {
      parameters: items(20_000, 'parameter ').map((parameter) => ({ parameter, old: '1.00', new: '2.00' })),
    };
    for (const kind of kinds)
      changes[kind] = {
        added: items(20_000, `${kind} `),
        removed: items(20_000, `old ${kind} `),
        changed: [],
      };
    const whole = JSON.stringify(changes).length;
    const write = JSON.stringify.bind(JSON);
    let written = 0;
    const stringify = jest
      .spyOn(JSON, 'stringify')
      .mockImplementation((...args: Parameters<typeof write>) => {
        const text = write(...args);
        written += text?.length ?? 0;
        return text;
      });
    try {
      const bounded = boundChanges(changes as never);
      expect(JSON.stringify(bounded).length).toBeLessThanOrEqual(SUMMARY_LIMITS.characters + 1000);
      // At most 60 or 50 entries per list are ever measured, and each halving measures that again:
      // far less than the 20,000 changes as written, and a bounded number of measurements.
      expect(written).toBeLessThan(whole / 10);
      expect(stringify.mock.calls.length).toBeLessThanOrEqual(120);
      expect(
        (bounded['omitted'] as Record<string, number>)['rules.added']! +
          (bounded['rules'] as { added: unknown[] }).added.length,
      ).toBe(20_000);
    } finally {
      stringify.mockRestore();
    }
  });
});

describe('summariseChanges', () => {
  const base = shippedDocument('2020') as RulesetVersion;
  const copy = () => structuredClone(base);

  it('shows deleted tests and an added justification (once an empty change set)', () => {
    const after = copy();
    const removed = after.tests.splice(0, 8).map((t) => t.name);
    const constraint = after.constraints[0]?.id as string;
    after.justifications = [
      ...(after.justifications ?? []),
      { constraint, jurisdiction: '420325', text: '县财政另行安排补差 / the county pays the difference' },
    ];
    const summary = summariseChanges(base, after);
    expect(summary).toEqual({
      tests: { added: [], removed, changed: [] },
      justifications: { added: [`${constraint}@420325`], removed: [], changed: [] },
    });
  });

  it('lists parameter values old → new and every other kind of content by identifier', () => {
    const after = copy();
    const urban = after.parameters.find((p) => p.key === 'dibao.standard.urban');
    const value = urban?.values.find((v) => v.for === 'city-area');
    if (!value) throw new Error('2020 has no urban line for the city area');
    value.value = '999.00';
    const rule = after.rules.household[0] as (typeof after.rules.household)[number];
    rule.name = `${rule.name} (rev.)`;
    const benefit = after.benefits[0] as (typeof after.benefits)[number];
    benefit.basis = `${benefit.basis} (rev.)`;
    after.metadata.title = { zh: '新标题', en: 'A new title' };
    after.metadata.sources = [...after.metadata.sources, { id: 'new-doc', title: '新文件' }];
    (after.tests[3] as (typeof after.tests)[number]).asOf = '2020-08-01';
    const summary = summariseChanges(base, after);
    // The city area's four jurisdictions, each old → new.
    expect(summary['parameters']).toEqual(
      ['420302', '420303', 'SY0001', 'SY0002'].map((jurisdiction) =>
        expect.objectContaining({
          parameter: 'dibao.standard.urban',
          jurisdiction,
          old: '690.00',
          new: '999.00',
        }),
      ),
    );
    expect(summary['rules']).toEqual({
      added: [`household:${rule.name}`],
      removed: [`household:${base.rules.household[0]?.name}`],
      changed: [],
    });
    expect(summary['benefits']).toEqual({ added: [], removed: [], changed: [benefit.code] });
    expect(summary['metadata']).toEqual({ added: [], removed: [], changed: ['title'] });
    expect(summary['sources']).toEqual({ added: ['new-doc'], removed: [], changed: [] });
    expect(summary['tests']).toEqual({ added: [], removed: [], changed: [base.tests[3]?.name] });
    expect(summary).not.toHaveProperty('note');
  });

  it("names a change of the version's rounding or totals", () => {
    const after = copy();
    after.rounding = { ...after.rounding, mode: 'halfEven' };
    after.totals = { ...after.totals, monthsPerYear: 10 };
    const summary = summariseChanges(base, after);
    expect(summary['metadata']).toEqual({ added: [], removed: [], changed: ['rounding', 'totals'] });
  });

  it('compares parameters as written, with a note, when a side does not compile', () => {
    const after = copy();
    const ratio = after.parameters.find((p) => p.key === 'dibao.consumptionRatio');
    if (!ratio?.values[0]) throw new Error('2020 has no consumption ratio');
    ratio.values[0] = { ...ratio.values[0], value: undefined, formula: 'noSuchName * 2' } as never;
    const summary = summariseChanges(base, after);
    expect(summary['parameters']).toEqual({ added: [], removed: [], changed: ['dibao.consumptionRatio'] });
    expect(summary['note']).toEqual(expect.stringContaining('does not compile'));
  });

  it('stays within its character budget when every test changes', () => {
    const after = copy();
    after.tests = after.tests.map((t) => ({ ...t, name: `${t.name} ${'x'.repeat(200)}` }));
    const summary = summariseChanges(base, after);
    expect(JSON.stringify(summary).length).toBeLessThanOrEqual(SUMMARY_LIMITS.characters);
    const tests = summary['tests'] as { added: string[]; removed: string[] };
    const omitted = summary['omitted'] as Record<string, number>;
    expect(tests.added.length + (omitted['tests.added'] ?? 0)).toBe(base.tests.length);
    expect(tests.removed.length + (omitted['tests.removed'] ?? 0)).toBe(base.tests.length);
  });
});

describe('boundAccepted', () => {
  const accepted = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      test: `test ${i} ${'名'.repeat(40)}`,
      lines: [{ code: 'dibao', memberId: null, old: '433.00', new: '463.00' }],
      totals: [{ total: 'monthly' as const, old: '541.25', new: '578.75' }],
      eligibility: [],
    }));

  it('keeps every name and change of a small acceptance; a test without change is named only', () => {
    const [a, b] = accepted(2);
    const unchanged = { test: 'same', lines: [], totals: [], eligibility: [] };
    expect(boundAccepted([a!.test, 'same', b!.test], [a!, unchanged, b!])).toEqual({
      tests: [a!.test, 'same', b!.test],
      changes: [a, b],
    });
    expect(boundAccepted('all', [a!, unchanged, b!])).toEqual({ tests: 'all', changes: [a, b] });
  });

  it('cuts the changes, then the names, to fit, counting what it left out', () => {
    const many = accepted(400);
    const bounded = boundAccepted(
      many.map((m) => m.test),
      many,
    );
    expect(JSON.stringify(bounded).length).toBeLessThanOrEqual(ACCEPTED_LIMIT_CHARACTERS);
    const changes = bounded['changes'] as unknown[];
    const names = bounded['tests'] as string[];
    expect(changes.length + (bounded['omitted'] as number)).toBe(400);
    expect(names.length + (bounded['omittedNames'] as number)).toBe(400);
    expect(names[0]).toBe(many[0]?.test);
  });

  /** The first way of cutting: drop one change (then one name) and measure the whole entry again. */
  function oneByOne(
    choice: 'all' | readonly string[],
    all: readonly AcceptedTest[],
  ): Record<string, unknown> {
    const names = choice === 'all' ? [] : [...choice];
    const changed = all.filter((a) => a.lines.length + a.totals.length + a.eligibility.length > 0);
    const result: Record<string, unknown> = { tests: choice === 'all' ? 'all' : names, changes: changed };
    const size = () => JSON.stringify(result).length;
    let kept = changed.length;
    while (size() > ACCEPTED_LIMIT_CHARACTERS && kept > 0) {
      kept--;
      result['changes'] = changed.slice(0, kept);
      result['omitted'] = changed.length - kept;
    }
    let keptNames = names.length;
    while (choice !== 'all' && size() > ACCEPTED_LIMIT_CHARACTERS && keptNames > 0) {
      keptNames--;
      result['tests'] = names.slice(0, keptNames);
      result['omittedNames'] = names.length - keptNames;
    }
    return result;
  }

  it('cuts exactly where measuring the whole entry after each cut would, at every size', () => {
    // Sizes around the limit (a change is about 180 characters), names of varied lengths.
    for (const n of [0, 1, 2, 30, 37, 38, 39, 40, 80, 150, 400]) {
      const many = accepted(n).map((a, i) => ({ ...a, test: `${a.test}${'x'.repeat(i % 13)}` }));
      const names = many.map((m) => m.test);
      for (const choice of ['all' as const, names, names.slice(0, Math.floor(n / 2))]) {
        const bounded = boundAccepted(choice, many);
        expect(JSON.stringify(bounded)).toBe(JSON.stringify(oneByOne(choice, many)));
        expect(JSON.stringify(bounded).length).toBeLessThanOrEqual(ACCEPTED_LIMIT_CHARACTERS);
      }
    }
  });

  it('writes 20,000 changes and names as JSON about once in all, not once per cut', () => {
    const many = accepted(20_000);
    const names = many.map((m) => m.test);
    const whole = JSON.stringify({ tests: names, changes: many }).length;
    const write = JSON.stringify.bind(JSON);
    let written = 0;
    const stringify = jest
      .spyOn(JSON, 'stringify')
      .mockImplementation((...args: Parameters<typeof write>) => {
        const text = write(...args);
        written += text?.length ?? 0;
        return text;
      });
    try {
      const bounded = boundAccepted(names, many);
      // Measuring the entry again after each cut writes about 20,000 times the entry; linear work
      // writes each change and name a small number of times (here: twice at most).
      expect(written).toBeLessThanOrEqual(2 * whole);
      expect(stringify.mock.calls.length).toBeLessThanOrEqual(2 * 20_000 + 10);
      expect((bounded['changes'] as unknown[]).length + (bounded['omitted'] as number)).toBe(20_000);
      expect((bounded['tests'] as unknown[]).length + (bounded['omittedNames'] as number)).toBe(20_000);
    } finally {
      stringify.mockRestore();
    }
  });
});
