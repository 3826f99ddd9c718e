import { Alert, App, Button, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblem, ProblemAlert } from '@/components/problem-alert';
import { ApiProblem } from '@/lib/api-client';
import type { VersionSummary } from '@/types/api';
import { useWithdrawVersion } from '../api/lifecycle';
import { ReasonModal } from './reason-modal';

/**
 * 撤回 a published version (approver), with a reason of 2–2000 characters. When the API answers 409
 * that dates would be left with no version in force, the official confirms it explicitly and the
 * withdrawal is sent again with `acknowledgeUncoveredDates: true`.
 */
export function WithdrawAction({ rulesetKey, summary }: { rulesetKey: string; summary: VersionSummary }) {
  const { t } = useTranslation('workflow');
  const { message } = App.useApp();
  const withdraw = useWithdrawVersion(rulesetKey, summary.version);
  const [asking, setAsking] = useState(false);
  const [uncovered, setUncovered] = useState<{ reason: string; detail: string } | null>(null);

  const send = (reason: string, acknowledgeUncoveredDates: boolean) =>
    withdraw.mutate(acknowledgeUncoveredDates ? { reason, acknowledgeUncoveredDates } : { reason }, {
      onSuccess: () => {
        setAsking(false);
        setUncovered(null);
        void message.success(t('withdraw.done'));
      },
      onError: (error) => {
        const problem = fieldProblem(error, '/acknowledgeUncoveredDates');
        if (problem && !acknowledgeUncoveredDates) {
          const detail = error instanceof ApiProblem ? (error.problem.detail ?? problem) : problem;
          withdraw.reset();
          setAsking(false);
          setUncovered({ reason, detail });
        }
      },
    });

  return (
    <>
      <Button danger onClick={() => setAsking(true)}>
        {t('withdraw.button')}
      </Button>
      <ReasonModal
        open={asking}
        title={t('withdraw.title', { version: summary.version })}
        intro={<Alert type="warning" showIcon title={t('withdraw.intro')} style={{ marginBottom: 12 }} />}
        okText={t('withdraw.button')}
        pending={withdraw.isPending}
        error={withdraw.error}
        onCancel={() => {
          setAsking(false);
          withdraw.reset();
        }}
        onSubmit={(reason) => send(reason, false)}
      />
      <Modal
        open={!!uncovered}
        title={t('withdraw.uncoveredTitle')}
        okText={t('withdraw.uncoveredOk')}
        okButtonProps={{ danger: true }}
        cancelText={t('common:action.cancel')}
        confirmLoading={withdraw.isPending}
        onOk={() => uncovered && send(uncovered.reason, true)}
        onCancel={() => setUncovered(null)}
        destroyOnHidden
      >
        <Alert type="error" showIcon title={t('withdraw.uncoveredText')} description={uncovered?.detail} />
        {uncovered && withdraw.error ? <ProblemAlert error={withdraw.error} /> : null}
      </Modal>
    </>
  );
}
