import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { apiCall, rulesetPath } from '@/lib/api-client';
import { queryKeys } from '@/hooks/use-rulesets';

/**
 * The content of the base version (the one this version was drafted from), sharing the cache of
 * `useVersionContent`; nothing while there is no base version.
 */
export const useBaseContent = (
  key: string,
  basedOn: string | null | undefined,
): UseQueryResult<{ content: RulesetVersion; etag: string }> =>
  useQuery({
    queryKey: queryKeys.content(key, basedOn ?? ''),
    queryFn: async ({ signal }) => {
      const answer = await apiCall<RulesetVersion>(rulesetPath(key, 'versions', basedOn ?? ''), { signal });
      return { content: answer.data, etag: answer.etag ?? '' };
    },
    enabled: !!basedOn,
  });
