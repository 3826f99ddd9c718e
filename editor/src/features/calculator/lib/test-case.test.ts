import { describe, expect, it } from 'vitest';
import { determination, doc2020 } from '../test/fixtures';
import { testCaseFrom, testNameProblem, withTestCase } from './test-case';

describe('a test case from a determination', () => {
  const det = determination(
    '2020',
    [
      ['dibao', null, '433.00'],
      ['dibao_special_increment', 'p1', '108.25'],
    ],
    { monthly: '541.25', annual: '6495.00', oneOff: '0.00' },
    true,
  );
  const household = { jurisdiction: '420325', members: [{ id: 'p1', birthDate: '1948-03-15' }] };

  it('has the shape of the version’s own tests', () => {
    const test = testCaseFrom('new case', '2020-07-15', household, det);
    expect(test).toEqual({
      name: 'new case',
      asOf: '2020-07-15',
      household,
      expected: {
        benefits: [
          { code: 'dibao', memberId: null, amount: '433.00' },
          { code: 'dibao_special_increment', memberId: 'p1', amount: '108.25' },
        ],
        totals: { monthly: '541.25', annual: '6495.00', oneOff: '0.00' },
        eligibility: { dibao: true },
      },
    });
    expect(Object.keys(test.expected)).toEqual(Object.keys(doc2020.tests[0]!.expected));
  });

  it('is appended without changing the document', () => {
    const test = testCaseFrom('new case', '2020-07-15', household, det);
    const next = withTestCase(doc2020, test);
    expect(next.tests).toHaveLength(doc2020.tests.length + 1);
    expect(next.tests.at(-1)).toBe(test);
    expect(doc2020.tests.at(-1)).not.toBe(test);
  });

  it('needs a name no other test has', () => {
    expect(testNameProblem(doc2020, '  ')).toBe('required');
    expect(testNameProblem(doc2020, doc2020.tests[0]!.name)).toBe('duplicate');
    expect(testNameProblem(doc2020, 'a new name')).toBeNull();
  });
});
