import type { ListeningService } from './service';

/** The ruleset the shipped data holds, and the one every flow works on. */
export const RULESET_KEY = 'shiyan-social-assistance';

/** The password {@link createOfficial} (test/support/app.ts) gives a user. */
export const passwordOf = (username: string): string => `${username}-password-123`;

/**
 * Calls the service's API as `token` (the setup of a test, or what an outside system does, never
 * a step the official does in the editor); answers the status and the parsed JSON body.
 */
export async function callApi<T = unknown>(
  service: ListeningService,
  token: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const answer = await fetch(`${service.origin}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await answer.text();
  return { status: answer.status, body: (text ? JSON.parse(text) : null) as T };
}

interface Named {
  code?: string;
  id?: string;
  name: { zh: string; en: string };
  groups?: string[];
}

/** A jurisdiction by its code and Chinese name. */
export interface County {
  code: string;
  name: string;
}

/**
 * The Chinese names of the jurisdictions of the group named `groupName` (县市区), in the ruleset's
 * order, and the code of each, from the rulesets list (the data, not the test, says which they are).
 */
export async function jurisdictionsOfGroup(
  service: ListeningService,
  groupName: string,
): Promise<[County, ...County[]]> {
  const { body } = await callApi<{ key: string; jurisdictionGroups: Named[]; jurisdictions: Named[] }[]>(
    service,
    service.adminToken,
    '/api/v1/rulesets',
  );
  const ruleset = body.find((r) => r.key === RULESET_KEY);
  const group = ruleset?.jurisdictionGroups.find((g) => g.name.zh === groupName);
  if (!ruleset || !group) throw new Error(`no group ${groupName} in ${RULESET_KEY}`);
  const [first, ...rest] = ruleset.jurisdictions
    .filter((j) => j.groups?.includes(group.id ?? ''))
    .map((j) => ({ code: j.code ?? '', name: j.name.zh }));
  if (!first) throw new Error(`the group ${groupName} has no jurisdiction`);
  return [first, ...rest];
}
