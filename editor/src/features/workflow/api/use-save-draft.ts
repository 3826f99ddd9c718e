import { useMutation } from '@tanstack/react-query';
import { useDraftStore, type SaveOutcome } from '@/stores/draft-store';
import { useInvalidateVersion } from './use-invalidate-version';

/** Saves the draft's working copy (PUT with If-Match, see the draft store's `save`). */
export function useSaveDraft(key: string, version: string) {
  const invalidate = useInvalidateVersion(key, version);
  return useMutation<SaveOutcome, unknown, void>({
    mutationFn: () => useDraftStore.getState().save(key, version),
    onSuccess: async (outcome) => {
      if (outcome.kind === 'saved' || outcome.kind === 'merged') await invalidate();
    },
  });
}
