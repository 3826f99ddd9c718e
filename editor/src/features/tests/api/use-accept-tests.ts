import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/hooks/use-rulesets';
import { apiCall, rulesetPath } from '@/lib/api-client';
import { useDraftStore } from '@/stores/draft-store';
import type { VersionSummary } from '@/types/api';
import { testRunKey } from './use-test-run';

/** The answer to accepting test results: the draft's summary, and `warnings` when any. */
export type AcceptAnswer = VersionSummary & {
  warnings?: { code: string; test?: string; message: string }[];
};

/**
 * POST …/versions/{version}/tests/accept `{tests}` with If-Match (the draft's ETag): the chosen tests
 * take the amounts the draft now computes. Then the new content is read again and becomes the base
 * of the draft in this browser, and every query about the version is refreshed.
 */
export function useAcceptTests(key: string, version: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ tests, etag }: { tests: 'all' | string[]; etag: string }) => {
      const answer = await apiCall<AcceptAnswer>(rulesetPath(key, 'versions', version, 'tests', 'accept'), {
        method: 'POST',
        body: { tests },
        ifMatch: etag,
      });
      const latest = await apiCall<RulesetVersion>(rulesetPath(key, 'versions', version));
      const latestEtag = latest.etag ?? answer.etag ?? '';
      useDraftStore.getState().replaceBase(key, version, latest.data, latestEtag);
      client.setQueryData(queryKeys.content(key, version), { content: latest.data, etag: latestEtag });
      return answer.data;
    },
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.versions(key) }),
        client.invalidateQueries({ queryKey: queryKeys.audit(key, version) }),
        client.invalidateQueries({ queryKey: testRunKey(key, version) }),
      ]),
  });
}
