import { App, Button, Checkbox, Modal, Popconfirm, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblem, ProblemAlert } from '@/components/problem-alert';
import { chinaToday } from '@/hooks/use-rulesets';
import { hasRole, useSession } from '@/lib/session';
import type { VersionSummary } from '@/types/api';
import { usePublishVersion } from '../api/lifecycle';

/**
 * Why this official may not publish `summary`, or null: the approver role is needed, and four eyes:
 * whoever drafted or last edited the version may not publish it.
 */
export function publishBlocker(
  summary: VersionSummary,
  session: ReturnType<typeof useSession>,
): 'role' | 'fourEyes' | null {
  if (!hasRole(session, 'approver')) return 'role';
  if (session && (session.username === summary.updatedBy || session.username === summary.createdBy))
    return 'fourEyes';
  return null;
}

/**
 * 发布: an approver who did not draft or edit the version publishes it. A disabled button says why
 * in a Tooltip. An effective date before today (China) asks for acknowledgement first
 * (`acknowledgeRetroactive: true`); so does a 409 naming `/acknowledgeRetroactive`.
 */
export function PublishAction({ rulesetKey, summary }: { rulesetKey: string; summary: VersionSummary }) {
  const { t } = useTranslation('workflow');
  const { message } = App.useApp();
  const session = useSession();
  const publish = usePublishVersion(rulesetKey, summary.version);
  const [askRetro, setAskRetro] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const blocker = publishBlocker(summary, session);
  const retroactive = summary.effectiveFrom < chinaToday();

  const send = (acknowledgeRetroactive: boolean) =>
    publish.mutate(acknowledgeRetroactive ? { acknowledgeRetroactive } : {}, {
      onSuccess: () => {
        setAskRetro(false);
        void message.success(t('publish.done'));
      },
      onError: (error) => {
        if (fieldProblem(error, '/acknowledgeRetroactive') && !acknowledgeRetroactive) {
          publish.reset();
          setAskRetro(true);
        }
      },
    });

  const button = (
    <Button
      type="primary"
      disabled={!!blocker}
      loading={publish.isPending && !askRetro}
      onClick={retroactive && !blocker ? () => setAskRetro(true) : undefined}
    >
      {t('publish.button')}
    </Button>
  );
  return (
    <>
      {blocker ? (
        <Tooltip title={t(`publish.blocked.${blocker}`)}>
          <span tabIndex={0} aria-label={t(`publish.blocked.${blocker}`)}>
            {button}
          </span>
        </Tooltip>
      ) : retroactive ? (
        button
      ) : (
        <Popconfirm
          title={t('publish.confirm', { date: summary.effectiveFrom })}
          okText={t('publish.button')}
          cancelText={t('common:action.cancel')}
          onConfirm={() => send(false)}
        >
          {button}
        </Popconfirm>
      )}
      <Modal
        open={askRetro}
        title={t('publish.retroTitle')}
        okText={t('publish.button')}
        cancelText={t('common:action.cancel')}
        okButtonProps={{ disabled: !acknowledged }}
        confirmLoading={publish.isPending}
        onOk={() => send(true)}
        onCancel={() => {
          setAskRetro(false);
          setAcknowledged(false);
        }}
        destroyOnHidden
      >
        <Space orientation="vertical">
          <Typography.Paragraph>
            {t('publish.retroText', { date: summary.effectiveFrom, today: chinaToday() })}
          </Typography.Paragraph>
          <Checkbox checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)}>
            {t('publish.retroAck')}
          </Checkbox>
          {askRetro && publish.error ? <ProblemAlert error={publish.error} /> : null}
        </Space>
      </Modal>
      {!askRetro && publish.error ? (
        <ProblemAlert error={publish.error} onClose={() => publish.reset()} />
      ) : null}
    </>
  );
}
