import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import type { VersionSummary } from '@/types/api';
import raw2020 from '../../../../../rulesets/shiyan-social-assistance/2020.json';
import type { EvaluatedDetermination } from '../api/use-evaluate';

/** The shipped 2020 version, as the API serves it. */
export const doc2020 = raw2020 as unknown as RulesetVersion;

export const KEY = 'shiyan-social-assistance';

/** A version summary for the versions list. */
export function summary(
  version: string,
  status: VersionSummary['status'],
  effectiveFrom: string,
): VersionSummary {
  return {
    version,
    status,
    effectiveFrom,
    publishedAt: null,
    contentHash: `sha256:${version}`,
    basedOn: null,
    createdBy: 'li',
    updatedBy: 'li',
    updatedAt: '2026-11-01T00:00:00.000Z',
    publishedBy: null,
    withdrawnReason: null,
  };
}

/** A determination with these lines (code, memberId, amount), totals and dibao eligibility. */
export function determination(
  version: string,
  lines: [code: string, memberId: string | null, amount: string][],
  totals: EvaluatedDetermination['totals'],
  eligible: boolean,
): EvaluatedDetermination {
  return {
    ruleset: { key: KEY, version, effectiveFrom: `${version}-01-01`, contentHash: `sha256:${version}` },
    asOf: '2020-07-15',
    jurisdiction: '420325',
    eligibility: { dibao: { eligible, reasons: [`reason ${version}`] } },
    benefits: lines.map(([code, memberId, amount]) => ({
      code,
      memberId,
      period: 'month' as const,
      amount,
      basis: `basis ${code}`,
      explanation: `explanation ${code} ${version}`,
      trace: { rules: [], formula: '', inputs: {} },
    })),
    totals,
  };
}
