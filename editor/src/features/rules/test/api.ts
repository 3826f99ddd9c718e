import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { fakeApi } from '@/test/render';
import type { VersionStatus, VersionSummary } from '@/types/api';

type Route = Parameters<typeof fakeApi>[0][string];

/** A fake rules API holding one version of `document` with `status`, plus any `extra` routes. */
export function versionApi(
  document: RulesetVersion,
  status: VersionStatus,
  extra: Record<string, Route> = {},
) {
  const { key, version } = document.metadata;
  const summary: VersionSummary = {
    version,
    status,
    effectiveFrom: document.metadata.effectiveFrom,
    publishedAt: null,
    contentHash: 'h1',
    basedOn: null,
    createdBy: 'tester',
    updatedBy: 'tester',
    updatedAt: '2026-01-01T00:00:00Z',
    publishedBy: null,
    withdrawnReason: null,
  };
  return fakeApi({
    [`GET /api/v1/rulesets/${key}/versions`]: () => ({ body: [summary] }),
    [`GET /api/v1/rulesets/${key}/versions/${version}`]: () => ({
      body: document,
      headers: { ETag: '"h1"' },
    }),
    ...extra,
  });
}
