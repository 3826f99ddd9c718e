/**
 * The compiled path on small versions built for the purpose: the same answer as the json-rules-engine
 * path, byte for byte, for what each test sets up; the amounts-only answer as the same projection;
 * the same errors. The wide proof (every embedded case, random households, random rulesets) is in
 * test/compiled-equivalence.spec.ts.
 */
import { benefit, household, minimalVersion, outcome, rule } from '../../../../test/support/ruleset-factory';
import { amountsProjection } from '../../../../test/support/amounts-projection';
import { compileProblems } from '../../../../test/support/compile-problems';
import { EvaluationError, InvalidInputError } from '../errors';
import { compileVersion, type CompiledVersion } from '../model/compile-version';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { evaluatorOf } from './compiled';
import { determine, type Determination } from './determine';

const AS_OF = '2019-06-30';

/** What an evaluation gave: the answer as JSON text, or the error's class, message and fields. */
async function outcomeOf(run: () => unknown): Promise<string> {
  try {
    return JSON.stringify(await run());
  } catch (e) {
    if (e instanceof InvalidInputError || e instanceof EvaluationError)
      return JSON.stringify({ error: e.constructor.name, ...e, message: e.message });
    throw e;
  }
}

/** Evaluates `input` on both paths in both languages and in amounts-only mode; returns the reference's answer. */
async function bothPaths(version: CompiledVersion, input: unknown, asOf = AS_OF): Promise<Determination> {
  const evaluator = evaluatorOf(version);
  for (const language of ['zh', 'en'] as const) {
    const reference = await outcomeOf(() => determine(version, input, asOf, { language }));
    expect(await outcomeOf(() => evaluator.determine(input, asOf, { language }))).toBe(reference);
    const projected = await outcomeOf(async () => amountsProjection(await determine(version, input, asOf)));
    expect(await outcomeOf(() => evaluator.amounts(input, asOf))).toBe(projected);
  }
  return determine(version, input, asOf).catch(() => null as unknown as Determination);
}

describe('the compiled evaluator', () => {
  it('gives the reference answer for the base version, in and out of support', async () => {
    const version = compileVersion(minimalVersion());
    const poor = await bothPaths(version, household({ annualNetIncome: '2400', id: 'SY-1' }));
    expect(poor.benefits.map((l) => [l.code, l.amount])).toEqual([['support', '200.00']]);
    const atLine = await bothPaths(version, household({ annualNetIncome: '4800' }));
    expect(atLine.benefits).toEqual([]);
  });

  it('lists the rules deciding one outcome in the order of the ruleset, however deeply they nest', async () => {
    const doc = minimalVersion();
    const below = { fact: 'monthlyIncome', operator: 'decimalLessThan', value: { fact: 'support.standard' } };
    // The first rule nests four levels deep; json-rules-engine finishes it after the flat second one.
    doc.rules.household = [
      {
        name: 'deep',
        conditions: { all: [{ any: [{ all: [{ not: { not: below } }] }] }] },
        event: { type: 'support' },
      },
      rule('flat', 'support', [below]),
      rule('never', 'support', [{ fact: 'annualNetIncome', operator: 'decimalLessThan', value: '0' }]),
    ];
    const version = compileVersion(doc);
    const answer = await bothPaths(version, household());
    const support = answer.eligibility['support'] as { trace: { rule: string; held: boolean }[] };
    expect(support.trace.map((r) => [r.rule, r.held])).toEqual([
      ['deep', true],
      ['flat', true],
      ['never', false],
    ]);
    expect(answer.benefits[0]?.trace.rules.map((r) => r.rule)).toEqual(['deep', 'flat']);
  });

  it('reports named conditions, literal lists and fact comparisons as the reference does', async () => {
    const doc = minimalVersion();
    doc.facts.household.push({
      name: 'tenure',
      type: 'enum',
      values: ['own', 'rent', 'free'],
      label: { zh: '住房', en: 'Tenure' },
    });
    doc.rules.household = [
      {
        name: 'support',
        conditions: {
          all: [
            {
              name: 'below the line',
              fact: 'monthlyIncome',
              operator: 'decimalLessThan',
              value: { fact: 'support.standard' },
            },
            { fact: 'tenure', operator: 'in', value: ['rent', 'free'] },
            { not: { fact: 'tenure', operator: 'notIn', value: ['rent', 'free'] } },
            { fact: 'annualNetIncome', operator: 'decimalGreaterThanInclusive', value: 0 },
          ],
        },
        event: { type: 'support' },
      },
    ];
    const version = compileVersion(doc);
    await bothPaths(version, household({ tenure: 'rent' }));
    await bothPaths(version, household({ tenure: 'own' }));
    await bothPaths(version, household());
  });

  it('throws what the reference throws: bad input, a formula that cannot be computed, a negative amount', async () => {
    const doc = minimalVersion();
    doc.benefits.push(
      benefit('per_member', 'household', 'month', 'support', '100 / (annualNetIncome - 2400)'),
    );
    const version = compileVersion(doc);
    await bothPaths(version, household({ annualNetIncome: 'lots', members: [{ id: 'p1' }, { id: 'p1' }] }));
    await bothPaths(version, household({ annualNetIncome: '2400' }));
    await bothPaths(version, { jurisdiction: 'A00001' }, 'not a date');
    const negative = minimalVersion();
    (negative.benefits[0] as { amount: string }).amount = 'monthlyIncome - support.standard';
    await bothPaths(compileVersion(negative), household());
    await expect(determine(compileVersion(negative), household(), AS_OF)).rejects.toThrow(/negative/);
  });

  it('refuses, naming the benefit, an amount whose formula reads an optional number not given', async () => {
    const doc = minimalVersion();
    doc.facts.household.push({ name: 'allowance', type: 'money', label: { zh: '补贴', en: 'Allowance' } });
    doc.benefits.push(benefit('allowance', 'household', 'month', 'support', 'allowance'));
    const version = compileVersion(doc);
    await bothPaths(version, household());
    await expect(determine(version, household(), AS_OF)).rejects.toThrow(
      new EvaluationError(
        "benefit 'allowance' in A00001: the amount is not given: its formula reads a value not given",
      ),
    );
    expect((await bothPaths(version, household({ allowance: '12.50' }))).benefits[1]?.amount).toBe('12.50');
  });

  it('answers member rules that read household outcomes, and outcomes decided in tiers', async () => {
    const doc = minimalVersion();
    doc.facts.member.push({ name: 'disabled', type: 'boolean', label: { zh: '残疾', en: 'Disabled' } });
    doc.outcomes.push(
      outcome('care', 'member', { report: true }),
      outcome('bonus', 'household', { report: true }),
    );
    doc.rules.household.push(rule('bonus', 'bonus', [{ fact: 'support', operator: 'equal', value: true }]));
    doc.rules.member.push(
      rule('care', 'care', [
        { fact: 'household.support', operator: 'equal', value: true },
        { fact: 'disabled', operator: 'equal', value: true },
      ]),
    );
    doc.benefits.push(
      benefit('care', 'member', 'month', 'care', 'support.standard * 0.1', {
        instalmentsPerYear: 3,
      } as never),
      benefit('bonus', 'household', 'oneOff', 'bonus', '50'),
    );
    (doc.benefits[2] as { period: string }).period = 'month';
    const version = compileVersion(doc);
    const answer = await bothPaths(
      version,
      household({
        members: [
          { id: 'a', birthDate: '1950-01-01', disabled: true },
          { id: 'b', birthDate: '2001-02-03' },
        ],
      }),
    );
    expect(answer.benefits.map((l) => [l.code, l.memberId])).toEqual([
      ['support', null],
      ['bonus', null],
      ['care', 'a'],
    ]);
  });

  it('answers ordinary households on the fast path, and anything off the common case on the general one', async () => {
    const version = compileVersion(minimalVersion());
    const evaluator = evaluatorOf(version);
    const before = { ...evaluator.counts };
    await bothPaths(version, household({ annualNetIncome: 2400.5 }));
    await bothPaths(version, household({ annualNetIncome: '1234.5678' }));
    // Each household: the full answer in two languages and the amounts, twice.
    expect(evaluator.counts.fast - before.fast).toBe(8);
    // More decimals than the fast numbers keep, a bad field, a bad date: the general path answers.
    await bothPaths(version, household({ annualNetIncome: '1234.56789' }));
    await bothPaths(version, household({ annualNetIncome: '-1' }));
    await bothPaths(version, household(), '2019-02-30');
    expect(evaluator.counts.general - before.general).toBe(12);

    // An object without a prototype is read on the fast path; one whose prototype gives a field is not.
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, household());
    await bothPaths(version, bare);
    expect(evaluator.counts.fast - before.fast).toBe(12);
    const inherited = Object.assign(Object.create({ annualNetIncome: '100' }) as Record<string, unknown>, {
      jurisdiction: 'A00001',
      members: [{ id: 'p1', birthDate: '1980-05-17' }],
    });
    await bothPaths(version, inherited);
    expect(evaluator.counts.general - before.general).toBe(16);
  });

  it.each(['toString', 'constructor', 'valueOf', 'hasOwnProperty'])(
    'answers as the reference with %s as a fact, a derived fact, a parameter, an outcome and a detail',
    async (name) => {
      const doc = minimalVersion();
      doc.facts.household.push({ name, type: 'boolean', default: false, label: { zh: name, en: name } });
      doc.parameters.push({
        ...(doc.parameters[1] as RulesetVersion['parameters'][number]),
        key: `${name}.rate`,
      });
      doc.derived.push({
        scope: 'member',
        name: `${name}Age`,
        type: 'integer',
        formula: 'yearsBetween(birthDate, asOf)',
        label: { zh: name, en: name },
      });
      doc.outcomes.push(
        outcome(`${name}Bonus`, 'household', {
          report: true,
          details: [{ name, formula: `${name}.rate * 2`, type: 'money' }],
        }),
      );
      doc.rules.household.push(
        rule('bonus', `${name}Bonus`, [{ fact: name, operator: 'equal', value: true }]),
      );
      doc.benefits.push(benefit('bonus', 'household', 'month', `${name}Bonus`, `${name}.rate + 1`));
      const version = compileVersion(doc);
      const answer = await bothPaths(version, household({ [name]: true }));
      expect(answer.eligibility[`${name}Bonus`]).toMatchObject({ eligible: true, [name]: '0.40' });
      await bothPaths(version, household());
    },
  );

  it('is built once per compiled version', () => {
    const version = compileVersion(minimalVersion());
    expect(evaluatorOf(version)).toBe(evaluatorOf(version));
  });
});

describe('rules the compiled path can rely on', () => {
  it('refuses a member fact that is a group of facts: members are read without groups', () => {
    const doc = minimalVersion();
    doc.facts.member.push({
      name: 'income',
      type: 'object',
      label: { zh: '收入', en: 'Income' },
      properties: [{ name: 'wages', type: 'money', label: { zh: '工资', en: 'Wages' } }],
    });
    expect(compileProblems(doc)).toEqual([
      expect.objectContaining({
        path: '/facts/member/1/type',
        message: expect.stringContaining('成员事实不能是事实组'),
      }),
    ]);
  });

  it.each(['in', 'notIn'])('refuses %s compared with another fact: it needs a list', (operator) => {
    const doc = minimalVersion();
    doc.facts.household.push(
      { name: 'a', type: 'string', label: { zh: 'a', en: 'a' } },
      { name: 'b', type: 'string', label: { zh: 'b', en: 'b' } },
    );
    doc.rules.household.push(rule('list', 'support', [{ fact: 'a', operator, value: { fact: 'b' } }]));
    expect(compileProblems(doc)).toEqual([
      expect.objectContaining({
        path: '/rules/household/1/conditions/all/0/value',
        message: expect.stringContaining('需要一个取值列表'),
      }),
    ]);
  });
});
