import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKeys } from '@/hooks/use-rulesets';

/** Refreshes every screen that shows this version: the version list, its content and its audit. */
export function useInvalidateVersion(key: string, version: string): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.versions(key) }),
      client.invalidateQueries({ queryKey: queryKeys.content(key, version) }),
      client.invalidateQueries({ queryKey: queryKeys.audit(key, version) }),
      client.invalidateQueries({ queryKey: queryKeys.audit(key) }),
    ]);
  }, [client, key, version]);
}
