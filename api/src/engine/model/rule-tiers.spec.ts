/**
 * Rules that use outcomes decided before them: a rule may read an outcome of its own scope; the
 * order is computed from the references (tiers), and cycles are refused naming the cycle.
 */
import { benefit, household, minimalVersion, outcome, rule } from '../../../../test/support/ruleset-factory';
import { shippedDocument } from '../../../../test/support/shipped-rulesets';
import { determine } from '../evaluation/determine';
import { InvalidRulesetError, type FieldProblem } from '../errors';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { compileVersion } from './compile-version';

const AS_OF = '2019-06-30';

/** The problems compiling `doc` reports (fails the test when it compiles). */
function compileProblems(doc: RulesetVersion): FieldProblem[] {
  try {
    compileVersion(doc);
  } catch (e) {
    if (e instanceof InvalidRulesetError) return e.errors;
    throw e;
  }
  throw new Error('expected the version to be refused');
}

const is = (fact: string, value: unknown = true) => ({ fact, operator: 'equal', value });

/**
 * The base version (outcome `support` when monthly income < 400.00 in A00001) plus a new benefit
 * for "households in support": outcome `supportBonus`, decided by a rule that reads the outcome
 * `support` instead of copying its conditions, granting a one-off 50.00.
 */
function bonusVersion(): RulesetVersion {
  const doc = minimalVersion();
  doc.outcomes.push(outcome('supportBonus', 'household', { report: true }));
  // Listed before the rule deciding `support`: the order comes from the references, not the list.
  doc.rules.household.unshift(rule('bonus for households in support', 'supportBonus', [is('support')]));
  doc.benefits.push(benefit('support_bonus', 'household', 'oneOff', 'supportBonus', '50.00'));
  return doc;
}

describe('rules that use outcomes decided before them', () => {
  it('grants a benefit to households in support without copying its conditions', async () => {
    const version = compileVersion(bonusVersion());
    expect(version.householdRules.tiers.map((t) => t.outcomes)).toEqual([['support'], ['supportBonus']]);

    // 2400 a year = 200.00 a month < 400.00: in support (400.00 − 200.00 = 200.00 a month), bonus 50.00.
    const poor = await determine(version, household({ annualNetIncome: '2400' }), AS_OF);
    expect(poor.eligibility['supportBonus']).toMatchObject({ eligible: true });
    expect(poor.benefits.map((l) => [l.code, l.amount])).toEqual([
      ['support', '200.00'],
      ['support_bonus', '50.00'],
    ]);
    // The reason names the outcome read and its value (是: it holds).
    expect((poor.eligibility['supportBonus'] as { reasons: string[] }).reasons[0]).toContain('support:是');

    // 4800 a year = exactly 400.00 a month: not in support, so no bonus either.
    const atLine = await determine(version, household({ annualNetIncome: '4800' }), AS_OF);
    expect(atLine.eligibility['supportBonus']).toMatchObject({ eligible: false });
    expect(atLine.benefits).toEqual([]);
  });

  it('adds a benefit for households in dibao to the shipped 2019 version by reading the outcome dibao', async () => {
    const doc = structuredClone(shippedDocument('2019')) as RulesetVersion;
    doc.outcomes.push(outcome('dibaoHousehold', 'household', { report: true }));
    doc.rules.household.push(rule('households in dibao', 'dibaoHousehold', [is('dibao')]));
    doc.benefits.push(benefit('dibao_household_grant', 'household', 'oneOff', 'dibaoHousehold', '100.00'));
    const version = compileVersion(doc);
    // 420325 in 2019: rural standard 395.00; one member, so eligible iff I / 12 < 395.00.
    const single = (annualNetIncome: string) => ({
      jurisdiction: '420325',
      residence: 'rural',
      annualNetIncome,
      assetsWithinLimit: true,
      members: [{ id: 'p1', birthDate: '1980-01-01' }],
    });
    const inDibao = await determine(version, single('4739.99'), AS_OF);
    expect(inDibao.eligibility['dibaoHousehold']).toMatchObject({ eligible: true });
    expect(inDibao.benefits.find((l) => l.code === 'dibao_household_grant')?.amount).toBe('100.00');
    const notInDibao = await determine(version, single('4740.00'), AS_OF);
    expect(notInDibao.eligibility['dibaoHousehold']).toMatchObject({ eligible: false });
    expect(notInDibao.benefits.map((l) => l.code)).not.toContain('dibao_household_grant');
  });

  it('reads an outcome through {"fact": …} values and through "not", in a chain of tiers', async () => {
    const doc = bonusVersion();
    doc.outcomes.push(outcome('noBonus', 'household', { report: true }));
    // noBonus ⇔ not supportBonus: three tiers, support → supportBonus → noBonus.
    doc.rules.household.unshift({
      name: 'no bonus',
      conditions: {
        all: [
          { not: is('supportBonus') },
          { fact: 'support', operator: 'equal', value: { fact: 'supportBonus' } },
        ],
      },
      event: { type: 'noBonus' },
    });
    const version = compileVersion(doc);
    expect(version.householdRules.tiers.map((t) => t.outcomes)).toEqual([
      ['support'],
      ['supportBonus'],
      ['noBonus'],
    ]);
    const rich = await determine(version, household({ annualNetIncome: '9600' }), AS_OF);
    // Not in support, no bonus: support (false) equals supportBonus (false), and not supportBonus.
    expect(rich.eligibility['noBonus']).toMatchObject({ eligible: true });
    const poor = await determine(version, household({ annualNetIncome: '2400' }), AS_OF);
    expect(poor.eligibility['noBonus']).toMatchObject({ eligible: false });
  });

  it('lets a member rule read a member outcome decided by another member rule', async () => {
    const doc = minimalVersion();
    doc.derived.push({
      scope: 'member',
      name: 'age',
      type: 'integer',
      formula: 'yearsBetween(birthDate, asOf)',
      label: { zh: '周岁', en: 'Age' },
    });
    doc.outcomes.push(outcome('elderly', 'member'), outcome('elderlyInSupport', 'member', { report: true }));
    doc.rules.member.push(
      rule('elderly in a supported household', 'elderlyInSupport', [is('elderly'), is('household.support')]),
      rule('aged 60 or over', 'elderly', [
        { fact: 'age', operator: 'decimalGreaterThanInclusive', value: '60' },
      ]),
    );
    const version = compileVersion(doc);
    expect(version.memberRules.tiers.map((t) => t.outcomes)).toEqual([['elderly'], ['elderlyInSupport']]);
    const d = await determine(
      version,
      household({
        members: [
          { id: 'old', birthDate: '1950-01-01' },
          { id: 'young', birthDate: '1990-01-01' },
        ],
      }),
      AS_OF,
    );
    expect(d.eligibility['elderlyInSupport']).toMatchObject({ eligible: true, memberIds: ['old'] });
  });

  it('keeps one tier, and the same answers, when no rule reads an outcome of its scope', () => {
    const version = compileVersion(minimalVersion());
    expect(version.householdRules.tiers).toHaveLength(1);
    expect(version.memberRules.tiers).toHaveLength(1);
  });

  it('refuses two outcomes that depend on each other, naming the cycle (zh first)', () => {
    const doc = minimalVersion();
    doc.outcomes.push(outcome('a', 'household'), outcome('b', 'household'));
    doc.rules.household.push(rule('a when b', 'a', [is('b')]), rule('b when a', 'b', [is('a')]));
    const problems = compileProblems(doc).filter((p) => p.code === 'rule-cycle');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(
      /^规则结果循环依赖:a → b → a;.* \/ rules decide household outcomes that depend on each other in a cycle: a → b → a/,
    );
    expect(problems[0]?.path).toBe('/rules/household/2/conditions/all/0/fact');
  });

  it('refuses a rule that reads the outcome it decides, and a longer cycle among members', () => {
    const doc = minimalVersion();
    doc.outcomes.push(
      outcome('self', 'household'),
      outcome('x', 'member'),
      outcome('y', 'member'),
      outcome('z', 'member'),
    );
    doc.rules.household.push(rule('self when self', 'self', [is('self')]));
    doc.rules.member.push(
      rule('x when y', 'x', [is('y')]),
      rule('y when z', 'y', [is('z')]),
      rule('z when x', 'z', [is('x')]),
    );
    const messages = compileProblems(doc)
      .filter((p) => p.code === 'rule-cycle')
      .map((p) => p.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('self → self');
    expect(messages[1]).toContain('member outcomes that depend on each other in a cycle: x → y → z → x');
  });
});
