import { App, Button, Popconfirm, Space, Tag, Tooltip } from 'antd';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem-alert';
import { useDraftStore, type DraftEdit } from '@/stores/draft-store';
import type { ValidationReport } from '@/types/api';
import { useSubmitVersion } from '../api/lifecycle';
import { useInvalidateVersion } from '../api/use-invalidate-version';
import { useSaveDraft } from '../api/use-save-draft';
import { useValidateVersion } from '../api/use-validate-version';
import { ValidationDrawer } from './validation-drawer';

/**
 * The actions on a draft this official may change: how many figures are unsaved, 保存 (If-Match;
 * `onConflict` when another official's changes collide), 放弃本地修改, 校验 (report in a Drawer)
 * and 提交审核. Validating and submitting save unsaved edits first: the server checks what it holds.
 */
export function DraftActions({
  rulesetKey,
  version,
  draft,
  document,
  dirtyCount,
  onConflict,
}: {
  rulesetKey: string;
  version: string;
  draft: DraftEdit | undefined;
  document: RulesetVersion | undefined;
  dirtyCount: number;
  onConflict: () => void;
}) {
  const { t } = useTranslation('workflow');
  const { message } = App.useApp();
  const save = useSaveDraft(rulesetKey, version);
  const invalidate = useInvalidateVersion(rulesetKey, version);
  const validate = useValidateVersion(rulesetKey, version);
  const submit = useSubmitVersion(rulesetKey, version);
  const [report, setReport] = useState<ValidationReport>();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // A refusal is about the content it was given: once the official changes the draft, it is gone.
  const [failure, setFailure] = useState<{ error: unknown; document: RulesetVersion | undefined } | null>(
    null,
  );
  const error = failure && failure.document === document ? failure.error : null;
  const setError = (e: unknown) => setFailure(e ? { error: e, document } : null);
  const busy = save.isPending || validate.isPending || submit.isPending;

  /** Saves when needed; true when the server now holds the working copy. */
  const saveFirst = async (announce: boolean): Promise<boolean> => {
    const outcome = await save.mutateAsync();
    if (outcome.kind === 'conflict') {
      onConflict();
      return false;
    }
    if (announce)
      void message.success(
        t(
          outcome.kind === 'merged'
            ? 'save.merged'
            : outcome.kind === 'unchanged'
              ? 'save.unchanged'
              : 'save.saved',
        ),
      );
    return true;
  };

  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    }
  };

  const onValidate = () =>
    run(async () => {
      if (dirtyCount > 0 && !(await saveFirst(false))) return;
      setReport(await validate.mutateAsync());
      setDrawerOpen(true);
    });

  const onSubmit = () =>
    run(async () => {
      if (dirtyCount > 0 && !(await saveFirst(false))) return;
      await submit.mutateAsync();
      void message.success(t('submit.done'));
    });

  return (
    <Space orientation="vertical" style={{ alignItems: 'flex-end' }}>
      <Space wrap>
        <Tag color={dirtyCount > 0 ? 'gold' : 'default'} role="status" data-testid="dirty-indicator">
          {dirtyCount > 0 ? t('dirty.count', { count: dirtyCount }) : t('dirty.none')}
        </Tag>
        <Button
          type="primary"
          loading={save.isPending}
          disabled={busy}
          onClick={() => void run(() => saveFirst(true).then(() => undefined))}
        >
          {t('save.button')}
        </Button>
        <Popconfirm
          title={t('discard.confirm', { count: dirtyCount })}
          okText={t('discard.ok')}
          cancelText={t('common:action.cancel')}
          onConfirm={() => {
            useDraftStore.getState().discard(rulesetKey, version);
            // Start again from what the server holds now, not from when the edits began.
            void invalidate();
            void message.info(t('discard.done'));
          }}
          disabled={dirtyCount === 0 && !draft?.conflict}
        >
          <Button disabled={busy || (dirtyCount === 0 && !draft?.conflict)}>{t('discard.button')}</Button>
        </Popconfirm>
        <Tooltip title={dirtyCount > 0 ? t('validate.savesFirst') : undefined}>
          <Button loading={validate.isPending} disabled={busy} onClick={() => void onValidate()}>
            {t('validate.button')}
          </Button>
        </Tooltip>
        <Popconfirm
          title={t('submit.confirm')}
          okText={t('submit.button')}
          cancelText={t('common:action.cancel')}
          onConfirm={() => void onSubmit()}
        >
          <Button loading={submit.isPending} disabled={busy}>
            {t('submit.button')}
          </Button>
        </Popconfirm>
      </Space>
      {error ? <ProblemAlert error={error} onClose={() => setError(null)} /> : null}
      <ValidationDrawer
        rulesetKey={rulesetKey}
        version={version}
        document={document}
        report={report}
        canEdit
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        onJustified={() => void message.success(t('justify.added'))}
      />
    </Space>
  );
}
