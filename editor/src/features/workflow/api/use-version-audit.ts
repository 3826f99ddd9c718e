import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/hooks/use-rulesets';
import { api } from '@/lib/api-client';
import type { AuditEntry } from '@/types/api';

/** The audit entries of one version, newest first (GET /api/v1/audit?ruleset=&version=). */
export function useVersionAudit(key: string, version: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.audit(key, version),
    enabled,
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ ruleset: key, version, limit: '200' });
      return api<AuditEntry[]>(`/api/v1/audit?${query.toString()}`, { signal });
    },
  });
}
