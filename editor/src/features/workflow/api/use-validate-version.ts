import { useMutation } from '@tanstack/react-query';
import { api, rulesetPath } from '@/lib/api-client';
import type { ValidationReport } from '@/types/api';

/** Validates the version as the server holds it (POST …/validate): errors and warnings. */
export function useValidateVersion(key: string, version: string) {
  return useMutation<ValidationReport, unknown, void>({
    mutationFn: () =>
      api<ValidationReport>(rulesetPath(key, 'versions', version, 'validate'), { method: 'POST' }),
  });
}
