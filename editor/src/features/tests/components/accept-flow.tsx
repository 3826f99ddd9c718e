import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem-alert';
import { queryKeys } from '@/hooks/use-rulesets';
import { isDirty, useDraftStore, type DraftEdit } from '@/stores/draft-store';
import { useAcceptTests, type AcceptAnswer } from '../api/use-accept-tests';
import { canAccept, type TestRunCase } from '../lib/test-run';
import { AcceptConfirm } from './accept-confirm';

/**
 * Accepting new amounts for the chosen failing tests of an editable draft: unsaved edits are saved
 * first (a conflict must be settled with 保存), a confirmation lists old → new per test, then the
 * accepted names and any eligibility-changed warning are shown.
 */
export function AcceptFlow({
  rulesetKey,
  version,
  draft,
  document,
  tests,
  refreshing,
  selected,
  onSelect,
}: {
  rulesetKey: string;
  version: string;
  draft: DraftEdit | undefined;
  document: RulesetVersion;
  tests: TestRunCase[];
  /** True while the tests run again (after a save): the results shown are the previous ones. */
  refreshing: boolean;
  selected: string[];
  onSelect: (names: string[]) => void;
}) {
  const { t } = useTranslation('tests');
  const client = useQueryClient();
  const accept = useAcceptTests(rulesetKey, version);
  const [step, setStep] = useState<'idle' | 'save' | 'confirm'>('idle');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [accepted, setAccepted] = useState<{ names: string[]; answer: AcceptAnswer } | null>(null);
  const failing = tests.filter(canAccept).map((x) => x.name);
  const chosen = tests.filter((x) => selected.includes(x.name) && canAccept(x));

  const start = () => {
    setSaveError(null);
    accept.reset();
    setStep(isDirty(draft) ? 'save' : 'confirm');
  };
  const saveFirst = async () => {
    setSaving(true);
    try {
      const outcome = await useDraftStore.getState().save(rulesetKey, version);
      if (outcome.kind === 'conflict') {
        setSaveError('conflict');
        setStep('idle');
        return;
      }
      await client.invalidateQueries({ queryKey: queryKeys.versions(rulesetKey) });
      setStep('confirm');
    } catch (error) {
      setSaveError(error);
      setStep('idle');
    } finally {
      setSaving(false);
    }
  };
  const confirm = () => {
    const names = chosen.map((x) => x.name);
    if (!draft || names.length === 0) return;
    accept.mutate(
      { tests: names, etag: draft.etag },
      {
        onSuccess: (answer) => {
          setAccepted({ names, answer });
          onSelect([]);
          setStep('idle');
        },
        onError: () => setStep('idle'),
      },
    );
  };

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap>
        <Button disabled={failing.length === 0} onClick={() => onSelect(failing)}>
          {t('accept.selectFailing', { count: failing.length })}
        </Button>
        <Button type="primary" disabled={chosen.length === 0} onClick={start}>
          {t('accept.button', { count: chosen.length })}
        </Button>
      </Space>
      {saveError === 'conflict' ? (
        <Alert type="error" showIcon role="alert" title={t('accept.conflict')} />
      ) : saveError ? (
        <ProblemAlert error={saveError} onClose={() => setSaveError(null)} />
      ) : null}
      {accept.error ? <ProblemAlert error={accept.error} onClose={() => accept.reset()} /> : null}
      {accepted?.answer.warnings?.length ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('accept.warningsTitle')}
          description={accepted.answer.warnings.map((w, i) => (
            <div key={i}>{w.message}</div>
          ))}
        />
      ) : null}
      {accepted ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setAccepted(null) }}
          title={t('accept.done', { count: accepted.names.length })}
          description={accepted.names.map((name) => (
            <div key={name}>{name}</div>
          ))}
        />
      ) : null}
      <Modal
        open={step === 'save'}
        title={t('accept.saveTitle')}
        okText={t('accept.saveAndContinue')}
        cancelText={t('common:action.cancel')}
        confirmLoading={saving}
        onOk={() => void saveFirst()}
        onCancel={() => setStep('idle')}
        destroyOnHidden
      >
        {t('accept.saveIntro')}
      </Modal>
      <AcceptConfirm
        open={step === 'confirm'}
        tests={chosen}
        document={document}
        accepting={accept.isPending}
        refreshing={refreshing}
        onAccept={confirm}
        onCancel={() => setStep('idle')}
      />
    </Space>
  );
}
