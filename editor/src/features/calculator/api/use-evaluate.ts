import type { Determination } from '@engine/evaluation/determine';
import { useMutation } from '@tanstack/react-query';
import { api, rulesetPath } from '@/lib/api-client';

/** A determination as the API answers it: with `warnings` when there are any. */
export type EvaluatedDetermination = Determination & { warnings?: { code: string; message: string }[] };

/** What one evaluation asks: the household on `asOf`, under `version` (absent: the version in force). */
export interface EvaluateRequest {
  asOf: string;
  household: Record<string, unknown>;
  version?: string;
}

/**
 * POST /api/v1/rulesets/{key}/evaluate: one household's determination. A draft is evaluated as last
 * saved on the server; without `version` the published version in force on `asOf` answers (404
 * `no-version-in-force` when there is none).
 */
export function useEvaluate(rulesetKey: string) {
  return useMutation({
    mutationFn: (request: EvaluateRequest) =>
      api<EvaluatedDetermination>(rulesetPath(rulesetKey, 'evaluate'), { method: 'POST', body: request }),
  });
}
