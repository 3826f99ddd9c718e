/**
 * Every evaluation error names the formula's owner, the member (in member scope) and the
 * jurisdiction, in its message and in structured fields.
 */
import {
  benefit,
  fact,
  household,
  J2,
  minimalVersion,
  outcome,
  rule,
  text,
} from '../../../../test/support/ruleset-factory';
import { EvaluationError } from '../errors';
import { compileVersion } from '../model/compile-version';
import { determine } from './determine';

const AS_OF = '2019-06-30';

/** The error `determine` rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<EvaluationError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof EvaluationError) return e;
    throw e;
  }
  throw new Error('expected the evaluation to fail');
}

describe('evaluation errors in context', () => {
  it('name a member-scope derived fact, the member and the jurisdiction', async () => {
    const doc = minimalVersion();
    doc.facts.member.push(fact('share', 'decimal', { default: '1' }));
    doc.derived.push({
      scope: 'member',
      name: 'age',
      type: 'decimal',
      formula: '100 / share',
      label: text('age'),
    });
    const version = compileVersion(doc);
    const members = [
      { id: 'p1', birthDate: '1980-05-17' },
      { id: 'p2', birthDate: '1982-01-01', share: '0' },
    ];
    const error = await failure(determine(version, household({ jurisdiction: J2, members }), AS_OF));
    expect(error.message).toBe(`derived fact 'age' of member p2 in ${J2}: division by zero`);
    expect(error).toMatchObject({
      code: 'evaluation-failed',
      reason: 'division by zero',
      owner: "derived fact 'age'",
      memberId: 'p2',
      jurisdiction: J2,
    });
  });

  it('name a household derived fact and the jurisdiction', async () => {
    const doc = minimalVersion();
    doc.facts.household.push(fact('rooms', 'decimal', { default: '0' }));
    doc.derived.push({
      scope: 'household',
      name: 'perRoom',
      type: 'decimal',
      formula: 'annualNetIncome / rooms',
      label: text('perRoom'),
    });
    const error = await failure(determine(compileVersion(doc), household(), AS_OF));
    expect(error.message).toBe("derived fact 'perRoom' in A00001: division by zero");
    expect(error.memberId).toBeUndefined();
  });

  it('name a benefit and its member', async () => {
    const doc = minimalVersion();
    doc.facts.member.push(fact('divisor', 'decimal', { default: '1' }));
    doc.outcomes.push(outcome('each', 'member'));
    doc.rules.member.push(
      rule('each', 'each', [{ fact: 'household.support', operator: 'equal', value: true }]),
    );
    doc.benefits.push(benefit('per_member', 'member', 'month', 'each', '10 / divisor'));
    const members = [{ id: 'kid', birthDate: '2010-01-01', divisor: '0' }];
    const error = await failure(determine(compileVersion(doc), household({ members }), AS_OF));
    expect(error.message).toBe("benefit 'per_member' of member kid in A00001: division by zero");
    expect(error).toMatchObject({ owner: "benefit 'per_member'", memberId: 'kid', jurisdiction: 'A00001' });
  });

  it('name an outcome detail', async () => {
    const doc = minimalVersion();
    doc.facts.household.push(fact('rooms', 'decimal', { default: '0' }));
    doc.outcomes[0]?.details?.push({ name: 'perRoom', formula: 'annualNetIncome / rooms', type: 'money' });
    const error = await failure(determine(compileVersion(doc), household(), AS_OF));
    expect(error.message).toBe("outcome detail 'perRoom' of 'support' in A00001: division by zero");
  });

  it('name a missing value', async () => {
    const doc = minimalVersion();
    doc.facts.household.push(fact('extra', 'decimal'));
    doc.benefits[0] = benefit(
      'support',
      'household',
      'month',
      'support',
      'support.standard - monthlyIncome + extra',
    );
    const error = await failure(determine(compileVersion(doc), household(), AS_OF));
    expect(error.message).toBe("benefit 'support' in A00001: a value is not given");
  });

  it('keep the innermost owner when context is added twice', () => {
    const error = new EvaluationError('division by zero', { owner: "derived fact 'a'" }).withContext({
      owner: "benefit 'b'",
      jurisdiction: 'A00001',
    });
    expect(error.message).toBe("derived fact 'a' in A00001: division by zero");
    expect(error).toBeInstanceOf(EvaluationError);
  });
});
