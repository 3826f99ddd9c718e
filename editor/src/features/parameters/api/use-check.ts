import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, rulesetPath } from '@/lib/api-client';
import { useDebounced } from '@/hooks/use-debounced';
import { withStandInSources } from '../model/edit';
import type { CheckAnswer } from '../model/constraints';

/** How long the official may pause typing before the working copy is checked, in milliseconds. */
export const CHECK_DELAY_MS = 400;

/** A short hash of a document's JSON (FNV-1a, 32 bits, hex), to key the check on its content. */
export function documentHash(document: unknown): string {
  const text = JSON.stringify(document) ?? '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(16)}-${text.length}`;
}

/**
 * Checks the working copy of a draft (`POST …/versions/{version}/check`) a moment after the
 * official stops typing: findings of the constraints and every parameter per jurisdiction, also
 * while typed figures still await their source.
 * Keeps showing the previous answer while the next one is on its way. Only when `enabled`.
 */
export function useCheck(
  key: string,
  version: string,
  document: RulesetVersion | undefined,
  enabled: boolean,
): UseQueryResult<CheckAnswer> {
  const settled = useDebounced(document, CHECK_DELAY_MS);
  const hash = useMemo(() => (settled ? documentHash(settled) : ''), [settled]);
  // Figures still awaiting their source are checked too (see withStandInSources).
  const body = useMemo(() => (settled ? withStandInSources(settled) : undefined), [settled]);
  return useQuery({
    queryKey: ['parameters-check', key, version, hash],
    queryFn: ({ signal }) =>
      api<CheckAnswer>(rulesetPath(key, 'versions', version, 'check'), {
        method: 'POST',
        body,
        signal,
      }),
    enabled: enabled && !!settled,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
