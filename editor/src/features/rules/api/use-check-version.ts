import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { api, rulesetPath } from '@/lib/api-client';
import type { ValidationFinding } from '@/types/api';

/** The answer of `POST …/versions/{version}/check`: validation without the tests, and every parameter. */
export interface CheckReport {
  valid: boolean;
  errors: ValidationFinding[];
  warnings: ValidationFinding[];
  /** Jurisdiction code → parameter key → decimal string; null when the document does not compile. */
  parameters: Record<string, Record<string, string>> | null;
}

/**
 * Checks a working document without saving it (`POST …/versions/{version}/check`, body = the
 * document). `revision` identifies the document's text (a new revision is a new check); the
 * previous answer stays shown while the next one runs. Nothing is sent while `document` is undefined.
 */
export function useCheckVersion(
  key: string,
  version: string,
  document: unknown,
  revision: string,
  enabled: boolean,
): UseQueryResult<CheckReport> {
  return useQuery({
    queryKey: ['version-check', key, version, revision],
    queryFn: ({ signal }) =>
      api<CheckReport>(rulesetPath(key, 'versions', version, 'check'), {
        method: 'POST',
        body: document,
        signal,
      }),
    enabled: enabled && document !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });
}
