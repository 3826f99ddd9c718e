/** What every route's generators share: the target, the exclusions, and path and value generators. */
import fc from 'fast-check';

import { oddPathParam } from './path-params';
import type { FuzzTarget, KnownBugExclusions } from './types';
import { notString } from './values';

/** A path under which a route lives, with what was broken in it. */
export interface BasePath {
  url: string;
  mutations: string[];
}

export interface RouteContext {
  target: FuzzTarget;
  exclusions: KnownBugExclusions;
  /** Labels of the published versions, the draft and the version in review. */
  allLabels: string[];
  /** Ruleset keys that name no ruleset. */
  oddKey: fc.Arbitrary<string>;
  /** Version labels that name no version. */
  oddLabel: fc.Arbitrary<string>;
  /** Values that are not strings, for string fields. */
  string: fc.Arbitrary<unknown>;
  /** The ruleset path, or (sometimes) one under a key that names no ruleset. */
  rulesetBase: fc.Arbitrary<BasePath>;
}

export function routeContext(target: FuzzTarget, exclusions: KnownBugExclusions): RouteContext {
  const rulesetPath = `/api/v1/rulesets/${target.ruleset}`;
  const allLabels = [...target.publishedLabels, target.draft.label, target.inReviewLabel];
  const oddKey = oddPathParam([target.ruleset], exclusions);
  const oddLabel = oddPathParam(allLabels, exclusions);
  const string = notString(exclusions);

  /** The ruleset path, or (sometimes) one under a key that names no ruleset. */
  const rulesetBase = fc.oneof(
    { weight: 6, arbitrary: fc.constant({ url: rulesetPath, mutations: [] as string[] }) },
    {
      weight: 1,
      arbitrary: oddKey.map((key) => ({ url: `/api/v1/rulesets/${key}`, mutations: [`key ${key}`] })),
    },
  );

  return { target, exclusions, allLabels, oddKey, oddLabel, string, rulesetBase };
}
