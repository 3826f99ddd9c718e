import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Role } from '@/lib/session';
import type { UserAccount } from '../types';

/** Query key of the user list. */
export const usersKey = ['admin', 'users'] as const;

const userPath = (username: string, ...rest: string[]) =>
  ['/api/v1/users', username, ...rest].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/');

/** Every user (GET /api/v1/users). */
export const useUsers = (): UseQueryResult<UserAccount[]> =>
  useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api<UserAccount[]>('/api/v1/users', { signal }),
  });

/** Creates a user (POST /api/v1/users); refreshes the list. */
export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string; roles: Role[] }) =>
      api<UserAccount>('/api/v1/users', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Changes a user's roles or disables/enables them (PATCH /api/v1/users/{username}). */
export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, ...body }: { username: string; roles?: Role[]; disabled?: boolean }) =>
      api<UserAccount>(userPath(username), { method: 'PATCH', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

/** Sets a new password for a user (POST /api/v1/users/{username}/password, 204). */
export function useResetPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      api<null>(userPath(username, 'password'), { method: 'POST', body: { password } }),
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}
