import type { VersionDiff } from '@engine/diff';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { api, rulesetPath } from '@/lib/api-client';

/** Query key of one comparison. */
export const diffQueryKey = (key: string, from: string, to: string) =>
  ['version-diff', key, from, to] as const;

/**
 * What changed from version `from` to version `to` (GET /api/v1/rulesets/{key}/diff?from=&to=):
 * the engine's VersionDiff (any extra label fields are ignored: labels come from the documents).
 * Asks nothing until both versions are chosen and differ.
 */
export const useVersionDiff = (
  key: string,
  from: string | undefined,
  to: string | undefined,
): UseQueryResult<VersionDiff> =>
  useQuery({
    queryKey: diffQueryKey(key, from ?? '', to ?? ''),
    enabled: !!from && !!to && from !== to,
    queryFn: ({ signal }) =>
      api<VersionDiff>(
        `${rulesetPath(key, 'diff')}?from=${encodeURIComponent(from ?? '')}&to=${encodeURIComponent(to ?? '')}`,
        { signal },
      ),
  });
