import { Alert, Button, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem-alert';
import { useVersionDocument } from '@/hooks/use-rulesets';
import { hasRole, useSession } from '@/lib/session';
import { useDraftStore } from '@/stores/draft-store';
import type { VersionTabProps } from '@/types/version-tab';
import { useSaveDraft } from '../api/use-save-draft';
import { useLeaveWarning } from '../hooks/use-leave-warning';
import { changedFigures } from '../lib/figures';
import { ConflictModal } from './conflict-modal';
import { DraftActions } from './draft-actions';
import { ReviewActions } from './review-actions';
import { WithdrawAction } from './withdraw-action';

/**
 * The workflow actions in a version's header, by its status and the official's roles: a draft's
 * save/discard/validate/submit (with the merge dialog when another official saved first), a version
 * in review's publish/return, a published version's withdraw. Warns before leaving unsaved edits.
 */
export function WorkflowBar({ rulesetKey, version }: VersionTabProps) {
  const { t } = useTranslation('workflow');
  const session = useSession();
  const doc = useVersionDocument(rulesetKey, version);
  const draft = doc.draft;
  const dirtyCount = useMemo(() => (draft ? changedFigures(draft.base, draft.working).length : 0), [draft]);
  useLeaveWarning(dirtyCount > 0 || !!draft?.conflict);
  const [conflictHidden, setConflictHidden] = useState(false);
  const save = useSaveDraft(rulesetKey, version);
  const summary = doc.summary;
  if (!summary) return null;

  const resolve = (choices: Record<string, 'mine' | 'theirs'>) => {
    useDraftStore.getState().resolve(rulesetKey, version, choices);
    save.mutate(undefined, { onSuccess: (outcome) => setConflictHidden(outcome.kind !== 'conflict') });
  };

  return (
    <Space orientation="vertical" style={{ alignItems: 'flex-end' }} aria-label={t('bar.label')} role="group">
      {doc.editable ? (
        <DraftActions
          rulesetKey={rulesetKey}
          version={version}
          draft={draft}
          document={doc.document}
          dirtyCount={dirtyCount}
          onConflict={() => setConflictHidden(false)}
        />
      ) : null}
      {summary.status === 'in_review' ? <ReviewActions rulesetKey={rulesetKey} summary={summary} /> : null}
      {summary.status === 'published' && hasRole(session, 'approver') ? (
        <WithdrawAction rulesetKey={rulesetKey} summary={summary} />
      ) : null}
      {save.error ? <ProblemAlert error={save.error} onClose={() => save.reset()} /> : null}
      {draft?.conflict ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('conflict.pending', { count: draft.conflict.conflicts.length })}
            action={
              <Button size="small" onClick={() => setConflictHidden(false)}>
                {t('conflict.open')}
              </Button>
            }
          />
          <ConflictModal
            draft={draft}
            open={!conflictHidden}
            saving={save.isPending}
            onResolve={resolve}
            onLater={() => setConflictHidden(true)}
          />
        </>
      ) : null}
    </Space>
  );
}
