import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Role } from '@/lib/session';
import type { ApiKeySummary, CreatedApiKey } from '../types';

/** Query key of the API key list. */
export const apiKeysKey = ['admin', 'api-keys'] as const;

/** What creating a key sends: a name, roles, optionally a service account and days to expiry. */
export interface CreateApiKeyBody {
  name: string;
  roles: Role[];
  serviceAccount?: boolean;
  expiresInDays?: number;
}

/** Every API key, revoked ones too (GET /api/v1/api-keys); never a key itself. */
export const useApiKeys = (): UseQueryResult<ApiKeySummary[]> =>
  useQuery({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) => api<ApiKeySummary[]>('/api/v1/api-keys', { signal }),
  });

/** Creates a key (POST /api/v1/api-keys): answers the key, which is never shown again. */
export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api<CreatedApiKey>('/api/v1/api-keys', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

/** Revokes a key (DELETE /api/v1/api-keys/{id}): its next request is 401. */
export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/api/v1/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: apiKeysKey }),
  });
}
