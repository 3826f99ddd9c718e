import { useMutation } from '@tanstack/react-query';
import { api, rulesetPath } from '@/lib/api-client';
import type { VersionSummary } from '@/types/api';
import { useInvalidateVersion } from './use-invalidate-version';

type Step = 'submit' | 'publish' | 'return' | 'withdraw';

/** One lifecycle step of a version (POST …/versions/{version}/{step}); refreshes its screens. */
function useLifecycleStep<Body>(key: string, version: string, step: Step) {
  const invalidate = useInvalidateVersion(key, version);
  return useMutation<VersionSummary, unknown, Body>({
    mutationFn: (body) =>
      api<VersionSummary>(rulesetPath(key, 'versions', version, step), { method: 'POST', body: body ?? {} }),
    onSuccess: () => invalidate(),
  });
}

/** draft → in_review (POST …/submit); a version that does not validate is a 422 naming each problem. */
export const useSubmitVersion = (key: string, version: string) =>
  useLifecycleStep<void>(key, version, 'submit');

/** in_review → published (POST …/publish); a past effective date needs `acknowledgeRetroactive`. */
export const usePublishVersion = (key: string, version: string) =>
  useLifecycleStep<{ acknowledgeRetroactive?: boolean }>(key, version, 'publish');

/** in_review → draft, with a reason (POST …/return). */
export const useReturnVersion = (key: string, version: string) =>
  useLifecycleStep<{ reason: string }>(key, version, 'return');

/** published → withdrawn, with a reason (POST …/withdraw); may need `acknowledgeUncoveredDates`. */
export const useWithdrawVersion = (key: string, version: string) =>
  useLifecycleStep<{ reason: string; acknowledgeUncoveredDates?: boolean }>(key, version, 'withdraw');
