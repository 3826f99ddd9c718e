/** The roles of API.md. */
export const ROLES = ['admin', 'editor', 'approver', 'analyst', 'caseworker'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a signed-in official or a system's API key. */
export interface Principal {
  name: string;
  roles: readonly Role[];
  kind: 'user' | 'api-key';
}

/** True when the principal holds any of the roles (admin holds only what it was given). */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.some((r) => principal.roles.includes(r));
}
