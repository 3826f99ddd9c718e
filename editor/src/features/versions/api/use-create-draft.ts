import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/hooks/use-rulesets';
import { api, rulesetPath } from '@/lib/api-client';
import type { VersionSummary } from '@/types/api';

/** What a new draft is: its label, the version it is copied from and its effective date (YYYY-MM-DD). */
export interface NewDraft {
  version: string;
  basedOn: string;
  effectiveFrom: string;
}

/** Creates a draft copied from another version (POST …/versions); refreshes the version list. */
export function useCreateDraft(key: string) {
  const client = useQueryClient();
  return useMutation<VersionSummary, unknown, NewDraft>({
    mutationFn: (body) => api<VersionSummary>(rulesetPath(key, 'versions'), { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.versions(key) }),
  });
}
