import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import type { VersionSummary } from '@/types/api';
import raw2020 from '../../../../../rulesets/shiyan-social-assistance/2020.json';
import type { TestRun } from '../lib/test-run';

/** The shipped 2020 version, as the API serves it. */
export const doc2020 = raw2020 as unknown as RulesetVersion;
export const KEY = 'shiyan-social-assistance';
export const BASE = `/api/v1/rulesets/${KEY}`;

/** A version summary for the versions list. */
export function summary(
  version: string,
  status: VersionSummary['status'],
  contentHash: string,
): VersionSummary {
  return {
    version,
    status,
    effectiveFrom: `${version}-01-01`,
    publishedAt: null,
    contentHash,
    basedOn: '2019',
    createdBy: 'li',
    updatedBy: 'li',
    updatedAt: '2026-11-01T00:00:00.000Z',
    publishedBy: null,
    withdrawnReason: null,
  };
}

export const FAILING = doc2020.tests[0]!.name;
export const PASSING = doc2020.tests[1]!.name;

/** A run where the first test fails (a changed line, a missing line, a total and eligibility) and the second passes. */
export const REPORT: TestRun = {
  passed: 1,
  failed: 1,
  tests: [
    {
      name: FAILING,
      index: 0,
      asOf: '2020-07-15',
      passed: false,
      evaluated: true,
      lines: [
        { code: 'dibao', memberId: null, expected: '433.00', got: '463.00', passed: false },
        { code: 'dibao_special_increment', memberId: 'p1', expected: '108.25', got: null, passed: false },
        { code: 'medical_premium_subsidy', memberId: 'p1', expected: '110.00', got: '110.00', passed: true },
      ],
      totals: [{ total: 'monthly', expected: '541.25', got: '463.00', message: 'totals.monthly' }],
      eligibility: [{ outcome: 'dibao', expected: true, got: false, message: 'eligibility.dibao' }],
      messages: ['dibao: 预期 433.00,实际 463.00'],
    },
    {
      name: PASSING,
      index: 1,
      asOf: '2020-07-15',
      passed: true,
      evaluated: true,
      lines: [{ code: 'dibao', memberId: null, expected: '1036.67', got: '1036.67', passed: true }],
      totals: [],
      eligibility: [],
      messages: [],
    },
  ],
};
