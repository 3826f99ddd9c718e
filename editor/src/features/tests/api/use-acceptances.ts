import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/hooks/use-rulesets';
import { api } from '@/lib/api-client';
import type { AuditEntry } from '@/types/api';
import { acceptancesOf } from '../lib/test-run';

/**
 * GET /api/v1/audit?ruleset=&version=&limit=200: the test acceptances recorded for this version
 * (only admins and approvers may read the audit log).
 */
export function useAcceptances(key: string, version: string) {
  return useQuery({
    queryKey: [...queryKeys.audit(key, version), 'test-acceptances'],
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams({ ruleset: key, version, limit: '200' });
      return acceptancesOf(await api<AuditEntry[]>(`/api/v1/audit?${query.toString()}`, { signal }));
    },
  });
}
