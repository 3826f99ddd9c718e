import type { Role } from '@/lib/session';

/** Every role of the rules API, in the order the admin screens list them. */
export const ROLES = [
  'admin',
  'editor',
  'approver',
  'analyst',
  'caseworker',
] as const satisfies readonly Role[];

/** A user as GET /api/v1/users answers it (never a password hash); times are ISO 8601 strings. */
export interface UserAccount {
  id: string;
  username: string;
  roles: Role[];
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string | null;
}

/** An API key as GET /api/v1/api-keys answers it: never the key itself. */
export interface ApiKeySummary {
  id: string;
  name: string;
  roles: Role[];
  kind: 'user' | 'service-account';
  actsFor: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** The answer to creating a key: its id and the key, shown once. */
export interface CreatedApiKey {
  id: string;
  key: string;
}
