/** The roles of the rules API: admin, editor (drafts), approver (publishes), analyst, caseworker. */
export const ROLES = ['admin', 'editor', 'approver', 'analyst', 'caseworker'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that publish or grant: a service account never holds or uses them (only people publish). */
export const PERSON_ONLY_ROLES: readonly Role[] = ['approver', 'admin'];

/** What a service account's person starts with: `service:<name>`, which no username can be. */
export const SERVICE_ACCOUNT_PREFIX = 'service:';

/**
 * Who is calling, and the person who answers for it.
 *
 * - `kind: 'user'`: a login access token; `person` is the username.
 * - `kind: 'api-key'`: an API key that acts for the user who created it; `person` is that user's
 *   username and `roles` are the key's roles that the user still holds.
 * - `kind: 'service-account'`: an API key of a named service account; `person` is
 *   `service:<name>` and `roles` never include approver or admin.
 */
export interface Principal {
  /**
   * The accountable person: the username for a login token and for a user's API key,
   * `service:<name>` for a service account's key (at most 100 characters, like a username).
   *
   * Record it as who did something (audit `actor`, the `*_by` columns) and compare it for the
   * four-eyes rule: an official acting through a login token and through their own API key is the
   * same person, so a publisher must differ from the `person` of every edit.
   */
  person: string;
  /** The same as {@link Principal.person}; the name that code written before `person` records. */
  name: string;
  roles: readonly Role[];
  /** How the caller authenticated: see {@link Principal}. */
  kind: 'user' | 'api-key' | 'service-account';
  /** The API key used, when `kind` is `api-key` or `service-account` (for audit details). */
  apiKey?: { id: string; name: string };
}

/** True when the principal holds any of the roles (admin holds only what it was given). */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.some((r) => principal.roles.includes(r));
}
