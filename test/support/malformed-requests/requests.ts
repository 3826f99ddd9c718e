/** The entry point: every route's malformed requests, and which of them could succeed after all. */
import fc from 'fast-check';

import { accountRoutes } from './account-routes';
import { finish } from './builders';
import { evaluationRoutes } from './evaluation-routes';
import { readRoutes } from './read-routes';
import { routeContext } from './route-context';
import type { FuzzTarget, KnownBugExclusions, MalformedRequest } from './types';
import { versionRoutes } from './version-routes';

/**
 * Every route's malformed requests, about equally often.
 * @example fc.sample(malformedRequests(target, exclusions), { seed: 1, numRuns: 1000 })
 */
export function malformedRequests(
  target: FuzzTarget,
  exclusions: KnownBugExclusions,
): fc.Arbitrary<MalformedRequest> {
  const context = routeContext(target, exclusions);
  const { login, users, apiKeys } = accountRoutes(context);
  const { createVersion, putVersion, versionAction, withdraw } = versionRoutes(context);
  const { evaluate, batch } = evaluationRoutes(context);
  const { parameters, audit, readVersion } = readRoutes(context);

  return fc.oneof(
    ...[
      login,
      users,
      apiKeys,
      createVersion,
      putVersion,
      versionAction('validate'),
      versionAction('submit'),
      versionAction('publish'),
      withdraw,
      evaluate,
      batch,
      parameters,
      audit,
      readVersion,
    ].map((route) => finish(route, exclusions)),
  );
}

/**
 * Whether `request` could succeed (and so change data) after all: only the routes whose body is
 * ignored (validate, submit) can, when sent by the admin to an existing version with a readable body.
 */
export function couldSucceed(request: MalformedRequest, target: FuzzTarget): boolean {
  const match = /\/api\/v1\/rulesets\/([^/]+)\/versions\/([^/]+)\/(validate|submit)$/.exec(request.url);
  if (!match || request.caller !== 'admin') return false;
  const [, key, label, action] = match;
  const readable = ['json', 'none', 'wrong-content-type'].includes(request.encoding.kind);
  if (!readable || key !== target.ruleset) return false;
  if (action === 'validate') return [...target.publishedLabels, target.draft.label].includes(label as string);
  return label === target.draft.label;
}
