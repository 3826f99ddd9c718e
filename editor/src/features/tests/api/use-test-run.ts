import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, rulesetPath } from '@/lib/api-client';
import type { TestRun } from '../lib/test-run';

/** The query key of a version's test run, per content (`etag`): a save or an acceptance runs them again. */
export const testRunKey = (key: string, version: string, etag?: string) =>
  ['tests-run', key, version, ...(etag === undefined ? [] : [etag])] as const;

/**
 * POST /api/v1/rulesets/{key}/versions/{version}/tests/run: the version's own test cases run against
 * the content the server holds (`etag` names it; a draft's unsaved edits are not included).
 */
export function useTestRun(key: string, version: string, etag: string | undefined) {
  return useQuery({
    queryKey: testRunKey(key, version, etag),
    enabled: !!etag,
    // While a saved draft's tests run again, the last results stay on screen.
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<TestRun>(rulesetPath(key, 'versions', version, 'tests', 'run'), { method: 'POST', signal }),
  });
}
