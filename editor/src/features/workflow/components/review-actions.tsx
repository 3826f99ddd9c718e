import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useSession } from '@/lib/session';
import type { VersionSummary } from '@/types/api';
import { useReturnVersion } from '../api/lifecycle';
import { PublishAction } from './publish-action';
import { ReasonModal } from './reason-modal';

/** The actions on a version in review: 发布 (approver, four eyes) and 退回修改 (with a reason). */
export function ReviewActions({ rulesetKey, summary }: { rulesetKey: string; summary: VersionSummary }) {
  const { t } = useTranslation('workflow');
  const { message } = App.useApp();
  const session = useSession();
  const giveBack = useReturnVersion(rulesetKey, summary.version);
  const [asking, setAsking] = useState(false);
  const canReturn = hasRole(session, 'editor', 'approver');
  return (
    <Space wrap style={{ justifyContent: 'flex-end' }}>
      <PublishAction rulesetKey={rulesetKey} summary={summary} />
      {canReturn ? <Button onClick={() => setAsking(true)}>{t('return.button')}</Button> : null}
      <ReasonModal
        open={asking}
        title={t('return.title')}
        okText={t('return.button')}
        pending={giveBack.isPending}
        error={giveBack.error}
        onCancel={() => {
          setAsking(false);
          giveBack.reset();
        }}
        onSubmit={(reason) =>
          giveBack.mutate(
            { reason },
            {
              onSuccess: () => {
                setAsking(false);
                void message.success(t('return.done'));
              },
            },
          )
        }
      />
    </Space>
  );
}
