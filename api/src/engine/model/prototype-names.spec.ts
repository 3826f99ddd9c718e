/**
 * Names that are also JavaScript prototype properties (`toString`, `constructor`, `valueOf`,
 * `hasOwnProperty`, `__proto__`) are ordinary names: every lookup by a user-chosen name goes
 * through a Map (functions, operators, parameters, household and member values, labels, input
 * fields). A fact legitimately named `toString` works end to end; an undeclared one is unknown.
 */
import {
  benefit,
  fact,
  household,
  minimalVersion,
  outcome,
  parameter,
  rule,
  text,
} from '../../../../test/support/ruleset-factory';
import { determine, type Determination } from '../evaluation/determine';
import { InvalidInputError } from '../errors';
import { compareWithExpected } from '../validation/test-cases';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { compileVersion } from './compile-version';
import { parametersFor } from './parameter-report';
import { compileProblems as problemsOf } from '../../../../test/support/compile-problems';

const NAMES = ['toString', 'constructor', 'valueOf', 'hasOwnProperty'] as const;
const AS_OF = '2019-06-30';

const lines = (d: Determination): string[] => d.benefits.map((l) => `${l.code} ${l.amount}`);

/**
 * Three versions using `name` in every role a name can have (one role per scope at a time):
 * - `fact`: a household boolean fact (default false) deciding `bonus`, and a member derived fact
 *   (the member's age) deciding `older`, paid as the amount;
 * - `parameter`: a parameter of 7.00, paid twice;
 * - `outcome`: a reported household outcome paying 5.00, and a member decimal fact (default 0)
 *   paid to members who give it.
 */
function versionsUsing(name: string): {
  fact: RulesetVersion;
  parameter: RulesetVersion;
  outcome: RulesetVersion;
} {
  const withFact = minimalVersion();
  withFact.facts.household.push(fact(name, 'boolean', { default: false }));
  withFact.derived.push({
    scope: 'member',
    name,
    type: 'integer',
    formula: 'yearsBetween(birthDate, asOf)',
    label: text(name),
  });
  withFact.outcomes.push(outcome('bonus', 'household'), outcome('older', 'member'));
  withFact.rules.household.push(rule('bonus', 'bonus', [{ fact: name, operator: 'equal', value: true }]));
  withFact.rules.member.push(
    rule('older', 'older', [{ fact: name, operator: 'decimalGreaterThan', value: '30' }]),
  );
  withFact.benefits.push(
    benefit('bonus', 'household', 'month', 'bonus', '5'),
    benefit('older', 'member', 'month', 'older', name),
  );

  const withParameter = minimalVersion();
  withParameter.parameters.push(parameter(name, '7.00'));
  withParameter.benefits.push(benefit('extra', 'household', 'month', 'support', `${name} * 2`));

  const withOutcome = minimalVersion();
  withOutcome.facts.member.push(fact(name, 'decimal', { default: '0' }));
  withOutcome.outcomes.push(outcome(name, 'household', { report: true }), outcome('claims', 'member'));
  withOutcome.rules.household.push(
    rule(name, name, [{ fact: 'monthlyIncome', operator: 'decimalLessThan', value: '1000' }]),
  );
  withOutcome.rules.member.push(
    rule('claims', 'claims', [{ fact: name, operator: 'decimalGreaterThan', value: '0' }]),
  );
  withOutcome.benefits.push(
    benefit('h', 'household', 'month', name, '5'),
    benefit('m', 'member', 'month', 'claims', name),
  );
  return { fact: withFact, parameter: withParameter, outcome: withOutcome };
}

describe.each(NAMES)('the name %s', (name) => {
  const versions = versionsUsing(name);
  const asFact = compileVersion(versions.fact);
  const asParameter = compileVersion(versions.parameter);
  const asOutcome = compileVersion(versions.outcome);

  it('works as a household fact and a member derived fact, end to end', async () => {
    expect(lines(await determine(asFact, household({ [name]: true }), AS_OF))).toEqual([
      'support 200.00',
      'bonus 5.00',
      'older 39.00',
    ]);
  });

  it('takes the declared default when the input leaves the fact out (not a prototype property)', async () => {
    expect(lines(await determine(asFact, household(), AS_OF))).toEqual(['support 200.00', 'older 39.00']);
    expect(lines(await determine(asFact, household({ [name]: false }), AS_OF))).toEqual([
      'support 200.00',
      'older 39.00',
    ]);
  });

  it('works as a parameter', async () => {
    expect(lines(await determine(asParameter, household(), AS_OF))).toEqual([
      'support 200.00',
      'extra 14.00',
    ]);
    expect(parametersFor(asParameter, 'A00001')[name]).toBe('7.00');
  });

  it('works as a reported outcome and a member fact', async () => {
    const given = household({ members: [{ id: 'p1', birthDate: '1980-05-17', [name]: '1.50' }] });
    const d = await determine(asOutcome, given, AS_OF);
    expect(lines(d)).toEqual(['support 200.00', 'h 5.00', 'm 1.50']);
    expect(Object.keys(d.eligibility)).toEqual(['support', name]);
    expect(d.eligibility[name]).toEqual({
      eligible: true,
      // The rule is named after the outcome (its label once), then why it held.
      reasons: [expect.stringMatching(new RegExp(`^${name}:.+,低于 `))],
      trace: [expect.objectContaining({ rule: name, held: true })],
    });
    expect(lines(await determine(asOutcome, household(), AS_OF))).toEqual(['support 200.00', 'h 5.00']);
  });

  it('is an unknown name in a formula of a version that does not declare it', () => {
    const doc = minimalVersion();
    doc.benefits.push(benefit('extra', 'household', 'month', 'support', `${name} + 1`));
    expect(problemsOf(doc)).toEqual([
      {
        path: '/benefits/1/amount',
        code: 'expression',
        message: `unknown name '${name}' in household scope (at column 1 of "${name} + 1")`,
      },
    ]);
  });

  it('is an unknown function', () => {
    const doc = minimalVersion();
    doc.benefits.push(benefit('extra', 'household', 'month', 'support', `${name}(3.7)`));
    expect(problemsOf(doc)[0]?.message).toBe(`unknown function '${name}' (at column 1 of "${name}(3.7)")`);
  });

  it('is not an operator', () => {
    const doc = minimalVersion();
    doc.rules.household.push(rule('odd', 'support', [{ fact: 'monthlyIncome', operator: name, value: '1' }]));
    expect(problemsOf(doc)).toEqual([
      {
        path: '/rules/household/1/conditions/all/0/operator',
        code: 'operator',
        message: `'${name}' is not an operator`,
      },
    ]);
  });

  it('is not a fact of a rule when undeclared, nor an outcome of an event', () => {
    const doc = minimalVersion();
    doc.rules.household.push(rule('odd', name, [{ fact: name, operator: 'equal', value: true }]));
    expect(problemsOf(doc).map((p) => `${p.path}: ${p.message}`)).toEqual([
      `/rules/household/1/event/type: '${name}' is not a declared outcome`,
      `/rules/household/1/conditions/all/0/fact: '${name}' is not a fact of household scope`,
    ]);
  });

  it('is an unknown field of an input that does not declare it', async () => {
    await expect(
      determine(compileVersion(minimalVersion()), household({ [name]: 1 }), AS_OF),
    ).rejects.toEqual(
      new InvalidInputError([
        {
          path: `/${name}`,
          message: 'is not a known fact; expected one of members, jurisdiction, annualNetIncome',
        },
      ]),
    );
  });

  it('is an outcome no determination reports when a test expects it', async () => {
    const base = compileVersion(minimalVersion());
    const d = await determine(base, household(), AS_OF);
    expect(
      compareWithExpected(
        d,
        {
          benefits: [{ code: 'support', amount: '200.00' }],
          eligibility: { [name]: true },
        },
        'en',
      ),
    ).toEqual([`eligibility.${name}: expected true, got not reported`]);
  });
});

describe('__proto__', () => {
  it('cannot be declared as a fact, parameter, derived fact or outcome (the schema refuses it)', () => {
    const doc = minimalVersion();
    doc.facts.household.push(fact('__proto__', 'boolean'));
    doc.parameters.push(parameter('__proto__', '1'));
    doc.derived.push({
      scope: 'household',
      name: '__proto__',
      type: 'decimal',
      formula: '1',
      label: text('p'),
    });
    doc.outcomes.push(outcome('__proto__', 'household'));
    const paths = problemsOf(doc).map((p) => `${p.path} ${p.code ?? ''}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/facts/household/2/name schema',
        '/parameters/2/key schema',
        '/derived/1/name schema',
        '/outcomes/1/name schema',
      ]),
    );
  });

  it('is an unknown name, function and operator', () => {
    const doc = minimalVersion();
    doc.benefits.push(benefit('a', 'household', 'month', 'support', '__proto__ + __proto__(1)'));
    doc.rules.household.push(
      rule('odd', 'support', [{ fact: 'monthlyIncome', operator: '__proto__', value: '1' }]),
    );
    expect(problemsOf(doc).map((p) => p.message)).toEqual([
      "'__proto__' is not an operator",
      `unknown name '__proto__' in household scope (at column 1 of "__proto__ + __proto__(1)")`,
      `unknown function '__proto__' (at column 13 of "__proto__ + __proto__(1)")`,
    ]);
  });

  it('is an unknown field of an input', async () => {
    const input = JSON.parse(
      '{"jurisdiction":"A00001","annualNetIncome":"2400","__proto__":{"x":1},"members":[{"id":"p1","birthDate":"1980-05-17","__proto__":1}]}',
    ) as unknown;
    await expect(determine(compileVersion(minimalVersion()), input, AS_OF)).rejects.toMatchObject({
      errors: [{ path: '/__proto__' }, { path: '/members/0/__proto__' }],
    });
  });
});

describe('an outcome named like an event of the rules engine', () => {
  it.each(['error', 'success', 'failure', 'newListener'])('%s works like any other outcome', async (name) => {
    const doc = minimalVersion();
    doc.outcomes.push(outcome(name, 'household', { report: true }));
    doc.rules.household.push(
      rule(`${name} rule`, name, [{ fact: 'monthlyIncome', operator: 'decimalGreaterThan', value: '0' }]),
    );
    doc.benefits.push(benefit('extra', 'household', 'oneOff', name, '1'));
    const d = await determine(compileVersion(doc), household(), AS_OF);
    expect(lines(d)).toEqual(['support 200.00', 'extra 1.00']);
    expect(d.eligibility[name]).toMatchObject({ eligible: true });
  });
});
