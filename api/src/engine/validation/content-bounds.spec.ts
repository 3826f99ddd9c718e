import { household, minimalVersion, parameter, text } from '../../../../test/support/ruleset-factory';
import { shippedDocument, shippedFiles, shippedVersion } from '../../../../test/support/shipped-rulesets';
import { distanceComputations } from '../expression/suggest';
import { MAX_CONDITION_DEPTH, MAX_DOCUMENT_DEPTH, MAX_HOUSEHOLD_MEMBERS, MAX_PROBLEMS } from '../limits';
import type { ConditionT, RulesetVersion } from '../schema/ruleset.schema';
import { checkContentBounds } from './content-bounds';
import { validateVersion } from './validate-version';
import { compileProblems } from '../../../../test/support/compile-problems';

/** The base version with the amount of its one benefit replaced. */
function withAmount(amount: string): RulesetVersion {
  const doc = minimalVersion();
  const support = doc.benefits[0];
  if (!support) throw new Error('the base version has a benefit');
  doc.benefits[0] = { ...support, amount };
  return doc;
}

describe('checkContentBounds', () => {
  it.each(shippedFiles().map((f) => [f.file, f.document] as const))('finds nothing in %s', (_, document) => {
    expect(checkContentBounds(document)).toEqual([]);
  });

  it('reports schema problems', () => {
    expect(checkContentBounds('not a document')).toEqual([
      { path: '', message: 'a ruleset version must be a JSON object', code: 'schema' },
    ]);
    const doc = minimalVersion() as unknown as Record<string, unknown>;
    delete doc['metadata'];
    expect(checkContentBounds(doc)).toEqual([expect.objectContaining({ path: '/metadata', code: 'schema' })]);
  });

  it.each([
    ['1,500 parentheses', `${'('.repeat(1500)}1${')'.repeat(1500)}`, 'at most 2000 are allowed'],
    ['100,000 "+0" terms', `1${'+0'.repeat(100_000)}`, 'at most 2000 are allowed'],
    ['unary minus 700 deep', `${'-'.repeat(700)}1`, 'more than 500 tokens'],
    ['not 65 deep', `${'not '.repeat(65)}true`, 'nested more than 64 deep'],
    ['abs( 65 deep', `${'abs('.repeat(65)}1${')'.repeat(65)}`, 'nested more than 64 deep'],
  ])('reports an expression of %s, like compileVersion does', (_, amount, message) => {
    const doc = withAmount(amount);
    const problems = checkContentBounds(doc);
    expect(problems).toEqual([
      {
        path: '/benefits/0/amount',
        code: 'expression',
        message: expect.stringContaining(message) as unknown,
      },
    ]);
    expect(compileProblems(doc)).toEqual(problems);
  });

  it('reports conditions nested 1,500 deep', () => {
    let condition: ConditionT = { fact: 'monthlyIncome', operator: 'decimalLessThan', value: '1' };
    for (let i = 0; i < 1500; i++) condition = { not: condition };
    const doc = minimalVersion();
    const rule = doc.rules.household[0];
    if (!rule) throw new Error('the base version has a rule');
    rule.conditions = { all: [condition] };
    const expected = [
      {
        path: '/rules/household/0/conditions',
        code: 'too-deep',
        message: `the conditions are nested more than ${MAX_CONDITION_DEPTH} deep ("all", "any", "not"); split the rule or decide parts of it with derived facts`,
      },
    ];
    expect(checkContentBounds(doc)).toEqual(expected);
    expect(compileProblems(doc)).toEqual(expected);
  });

  it('reports anything nested too deep, once per place, without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const doc = minimalVersion();
    doc.tests.push({
      name: 't',
      asOf: '2019-06-30',
      household: { ...household(), extra: deep },
      expected: { benefits: [] },
    });
    const problems = checkContentBounds(doc);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'too-deep',
      message: `is nested more than ${MAX_DOCUMENT_DEPTH} deep (objects and arrays)`,
    });
    expect(problems[0]?.path.startsWith('/tests/0/household/extra/0/0')).toBe(true);
  });

  it('reports every number outside the numeric domain, formulas included', () => {
    const doc = withAmount(`support.standard * 1${'0'.repeat(100)}`);
    doc.parameters.push(parameter('big', `1${'0'.repeat(20)}`));
    const income = doc.facts.household[1];
    if (income) income.maximum = '0.00000000001';
    const problems = checkContentBounds(doc);
    expect(problems.map((p) => `${p.path} ${p.code ?? ''}`)).toEqual([
      '/parameters/2/values/0/value numeric-domain',
      '/facts/household/1/maximum numeric-domain',
      '/benefits/0/amount expression',
    ]);
    expect(compileProblems(doc)).toEqual(expect.arrayContaining(problems));
  });

  it('reports a household size beyond the limit, like compileVersion does', () => {
    const doc = minimalVersion();
    doc.facts.members.maxItems = MAX_HOUSEHOLD_MEMBERS + 1;
    const expected = [
      {
        path: '/facts/members/maxItems',
        code: 'too-large',
        message: `must be at most ${MAX_HOUSEHOLD_MEMBERS}`,
      },
    ];
    expect(checkContentBounds(doc)).toEqual(expected);
    expect(compileProblems(doc)).toEqual(expected);
    doc.facts.members.maxItems = MAX_HOUSEHOLD_MEMBERS;
    expect(checkContentBounds(doc)).toEqual([]);
  });

  it('leaves unfinished content to validation: syntax errors, unknown names, values computed from parameters', () => {
    const doc = withAmount('suport.standard +');
    doc.derived.push({
      scope: 'household',
      name: 'odd',
      type: 'decimal',
      formula: 'unknownName * 2',
      label: text('odd'),
    });
    doc.parameters.push(parameter('big', '100000000000000'));
    doc.derived.push({
      scope: 'household',
      name: 'huge',
      type: 'decimal',
      formula: 'big * big',
      label: text('huge'),
    });
    expect(checkContentBounds(doc)).toEqual([]);
  });

  it('evaluates nothing and gives no hints, even for a document of about 1 MB', () => {
    const doc = minimalVersion();
    for (let i = 0; i < 2500; i++)
      doc.derived.push({
        scope: 'household',
        name: `derived${i}`,
        type: 'decimal',
        formula: Array.from({ length: 20 }, (_, k) => `unknownName${i}x${k} * ${k}.5`).join(' + '),
        label: text(`derived ${i}`),
      });
    expect(JSON.stringify(doc).length).toBeGreaterThan(1_000_000);
    const before = distanceComputations();
    expect(checkContentBounds(doc)).toEqual([]);
    expect(distanceComputations()).toBe(before);
  });

  it(`returns at most ${MAX_PROBLEMS} problems and one counting the rest`, () => {
    const doc = minimalVersion();
    for (let i = 0; i < 300; i++) doc.parameters.push(parameter(`big.p${i}`, `1${'0'.repeat(20)}`));
    const problems = checkContentBounds(doc);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[MAX_PROBLEMS]).toEqual({
      path: '',
      code: 'too-many-problems',
      message: `and 200 more problems (only the first ${MAX_PROBLEMS} are reported)`,
    });
  });
});

describe('date literals and whole-number date arguments: checked at validation, not when saved', () => {
  it.each([
    ['date("2019-02-30") < asOf', '"2019-02-30" is not a calendar date'],
    ['addYears(asOf, 0.5) > asOf', 'the number of years of addYears() must be a whole number, not 0.5'],
  ])('%s is saved (no bound broken) and validation names the formula', async (formula, says) => {
    const document = structuredClone(shippedDocument('2020')) as RulesetVersion;
    document.derived.push({
      scope: 'household',
      name: 'probe',
      type: 'boolean',
      formula,
      label: { zh: '探查', en: 'probe' },
    });
    expect(checkContentBounds(document)).toEqual([]);
    const report = await validateVersion(document, shippedVersion('2019'));
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([
      {
        path: `/derived/${document.derived.length - 1}/formula`,
        code: 'expression',
        message: expect.stringContaining(says),
      },
    ]);
  });
});
