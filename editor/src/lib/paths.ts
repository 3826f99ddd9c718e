/** The editor's screens and their addresses. */
export const paths = {
  login: '/login',
  home: '/',
  ruleset: (key: string) => `/rulesets/${encodeURIComponent(key)}`,
  version: (key: string, version: string, tab?: string) =>
    `/rulesets/${encodeURIComponent(key)}/versions/${encodeURIComponent(version)}${tab ? `/${tab}` : ''}`,
  compare: (key: string, from?: string, to?: string) =>
    `/rulesets/${encodeURIComponent(key)}/compare${from && to ? `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : ''}`,
  users: '/admin/users',
  apiKeys: '/admin/api-keys',
} as const;

/** The tabs of a version's screen, in order. */
export const VERSION_TABS = [
  'parameters',
  'changes',
  'rules',
  'json',
  'tests',
  'calculator',
  'history',
] as const;
export type VersionTab = (typeof VERSION_TABS)[number];
