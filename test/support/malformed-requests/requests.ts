/** The entry point: every route's malformed requests, and which of them could succeed after all. */
import fc from 'fast-check';

import { accountRoutes } from './account-routes';
import { finish } from './builders';
import { evaluationRoutes } from './evaluation-routes';
import { lifecycleRoutes } from './lifecycle-routes';
import { readRoutes } from './read-routes';
import { routeContext } from './route-context';
import type { FuzzTarget, KnownBugExclusions, MalformedRequest } from './types';
import { characterCount } from '../../../api/src/common/field-limits';
import { REASON_LIMITS } from '../../../api/src/rulesets/rulesets.dto';
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
  const { createVersion, putVersion, versionAction, acceptTests } = versionRoutes(context);
  const { publish, withdraw, returnToDraft } = lifecycleRoutes(context);
  const { evaluate, batch } = evaluationRoutes(context);
  const { parameters, audit, readVersion } = readRoutes(context);

  return fc.oneof(
    ...[
      login,
      users,
      apiKeys,
      createVersion,
      putVersion,
      acceptTests,
      versionAction('validate'),
      versionAction('submit'),
      publish,
      withdraw,
      returnToDraft,
      evaluate,
      batch,
      parameters,
      audit,
      readVersion,
    ].map((route) => finish(route, exclusions)),
  );
}

/** Whether `text` is a lifecycle reason: 2 to 2000 characters, at least two of them visible. */
const isReason = (text: unknown): boolean =>
  typeof text === 'string' &&
  characterCount(text.replace(/[\s\p{Cc}\p{Cf}]/gu, '')) >= REASON_LIMITS.min &&
  characterCount(text) <= REASON_LIMITS.max;

/** Whether `value` is absent, null or a boolean (an optional flag's well-formed values). */
const isFlag = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'boolean';

/** The body as the service would read it, when it is a JSON object with only `fields`; else null. */
function objectBody(request: MalformedRequest, fields: string[]): Record<string, unknown> | null {
  if (request.encoding.kind !== 'json') return null;
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  return Object.keys(body).every((k) => fields.includes(k)) ? (body as Record<string, unknown>) : null;
}

/**
 * Whether `request` could succeed (and so change data, or answer) after all. Only these can:
 * - validate and submit, whose body is ignored, sent by the admin to an existing version with a
 *   readable body (submitting the draft would also put it in review);
 * - returning the version in review to draft with a well-formed body, by the admin or an approver;
 * - withdrawing a published version with a well-formed body, by the admin or an approver, unless it
 *   is the first one and its uncovered dates are not acknowledged;
 * - accepting test results of the draft with a well-formed body naming only its tests and its current
 *   ETag in If-Match, by the admin;
 * - evaluating the draft with a well-formed body, by the admin (an editor) or an analyst, and the
 *   version in review, by them or an approver.
 * Publishing needs a version in review, and the one there is takes effect on the same day as a
 * published version: 409, whatever the body (an approver's publish of the draft is 409 too).
 */
export function couldSucceed(request: MalformedRequest, target: FuzzTarget): boolean {
  const path = request.url.split('?')[0] as string;
  const match = /^\/api\/v1\/rulesets\/([^/]+)\/(?:versions\/([^/]+)\/)?(.+)$/.exec(path);
  if (!match) return false;
  const [, key, label, action] = match;
  if (key !== target.ruleset) return false;
  const caller = request.caller;
  if (action === 'validate' || action === 'submit') {
    if (caller !== 'admin') return false;
    const readable = ['json', 'none', 'wrong-content-type'].includes(request.encoding.kind);
    if (!readable) return false;
    if (action === 'validate')
      return [...target.publishedLabels, target.draft.label, target.inReviewLabel].includes(label as string);
    return label === target.draft.label;
  }
  if (action === 'withdraw') {
    if (caller !== 'admin' && caller !== 'approver') return false;
    if (!target.publishedLabels.includes(label as string)) return false;
    const body = objectBody(request, ['reason', 'acknowledgeUncoveredDates']);
    if (!body || !isReason(body['reason']) || !isFlag(body['acknowledgeUncoveredDates'])) return false;
    return label !== target.firstPublishedLabel || body['acknowledgeUncoveredDates'] === true;
  }
  if (action === 'return') {
    if (caller !== 'admin' && caller !== 'approver') return false;
    const body = objectBody(request, ['reason']);
    return label === target.inReviewLabel && body !== null && isReason(body['reason']);
  }
  if (action === 'tests/accept') {
    if (caller !== 'admin' || label !== target.draft.label) return false;
    const ifMatch = request.headers['If-Match'];
    if (ifMatch === undefined || ifMatch.trim() === '*') return false;
    const etag = ifMatch
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1');
    if (etag !== target.draft.etag) return false;
    const body = objectBody(request, ['tests']);
    const names = new Set(((target.draft.content['tests'] ?? []) as { name: string }[]).map((t) => t.name));
    const tests = body?.['tests'];
    return (
      tests === 'all' ||
      (Array.isArray(tests) &&
        tests.length > 0 &&
        tests.length <= 1000 &&
        tests.every((n) => typeof n === 'string' && names.has(n)))
    );
  }
  if (action === 'evaluate' || action === 'evaluate/batch') {
    if (!request.wellFormedBody) return false;
    const version = (request.body as { version?: unknown }).version;
    if (version === target.draft.label) return caller === 'admin' || caller === 'analyst';
    if (version === target.inReviewLabel)
      return caller === 'admin' || caller === 'analyst' || caller === 'approver';
    return true;
  }
  return false;
}
