import { diffVersions, type VersionDiff } from '@engine/diff';
import { compileVersion } from '@engine/model/compile-version';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import v2019 from '../../../../../rulesets/shiyan-social-assistance/2019.json';
import v2020 from '../../../../../rulesets/shiyan-social-assistance/2020.json';
import type { VersionSummary } from '@/types/api';

/** The shipped 2019 and 2020 documents, as the API answers their content. */
export const doc2019 = v2019 as unknown as RulesetVersion;
export const doc2020 = v2020 as unknown as RulesetVersion;

/** The engine's own diff of two documents, as GET …/diff answers it. */
export function engineDiff(from: RulesetVersion, to: RulesetVersion): VersionDiff {
  return diffVersions(compileVersion(from), compileVersion(to));
}

/** A version summary as GET …/versions lists it. */
export function summary(doc: RulesetVersion, overrides: Partial<VersionSummary> = {}): VersionSummary {
  return {
    version: doc.metadata.version,
    status: 'published',
    effectiveFrom: doc.metadata.effectiveFrom,
    publishedAt: `${doc.metadata.effectiveFrom}T00:00:00Z`,
    contentHash: 'sha256:x',
    basedOn: null,
    createdBy: 'admin',
    updatedBy: 'admin',
    updatedAt: `${doc.metadata.effectiveFrom}T00:00:00Z`,
    publishedBy: 'admin',
    withdrawnReason: null,
    ...overrides,
  };
}
