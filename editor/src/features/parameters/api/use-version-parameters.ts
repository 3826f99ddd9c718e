import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { api, rulesetPath } from '@/lib/api-client';
import type { ParameterValues } from '../model/resolve';

/** The answer of `GET …/versions/{version}/parameters`. */
export interface VersionParameters {
  /** Every parameter per jurisdiction code (formulas computed), as decimal strings. */
  jurisdictions: ParameterValues;
  [extra: string]: unknown;
}

/** Every parameter of a saved version resolved per jurisdiction; nothing while `version` is null. */
export const useVersionParameters = (
  key: string,
  version: string | null | undefined,
  enabled = true,
): UseQueryResult<VersionParameters> =>
  useQuery({
    queryKey: ['version-parameters', key, version ?? null],
    queryFn: ({ signal }) =>
      api<VersionParameters>(rulesetPath(key, 'versions', version ?? '', 'parameters'), { signal }),
    enabled: enabled && !!version,
  });
