import { Alert, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageState } from '@/components/page-state';
import { useVersionDocument } from '@/hooks/use-rulesets';
import { hasRole, useSession } from '@/lib/session';
import type { AuditEntry } from '@/types/api';
import type { VersionTabProps } from '@/types/version-tab';
import { useVersionAudit } from '../api/use-version-audit';
import { auditAction, KNOWN_ACTIONS } from '../lib/audit-words';
import { AuditDetails } from './audit-details';
import { chinaTime } from '@/lib/time';

const ACTION_COLOURS: Record<string, string> = {
  drafted: 'blue',
  edited: 'geekblue',
  'tests-accepted': 'cyan',
  submitted: 'orange',
  returned: 'gold',
  published: 'green',
  withdrawn: 'red',
};

/** The version's audit trail (admin, approver): when, who, what was done and what changed. */
export function HistoryTab({ rulesetKey, version }: VersionTabProps) {
  const { t } = useTranslation('workflow');
  const session = useSession();
  const allowed = hasRole(session, 'admin', 'approver');
  const audit = useVersionAudit(rulesetKey, version, allowed);
  const { document } = useVersionDocument(rulesetKey, version);
  if (!allowed) return <Alert type="info" showIcon title={t('history.forbidden')} />;
  const when = chinaTime;
  return (
    <PageState
      loading={audit.isLoading}
      error={audit.error}
      empty={!audit.data?.length}
      emptyText={t('history.empty')}
    >
      <Table<AuditEntry>
        size="small"
        rowKey={(e) => e.id ?? `${e.at}-${e.action}`}
        dataSource={audit.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { key: 'at', title: t('history.at'), render: (_, e) => when(e.at), width: 180 },
          { key: 'actor', title: t('history.actor'), dataIndex: 'actor', width: 140 },
          {
            key: 'action',
            title: t('history.action'),
            width: 140,
            render: (_, e) => {
              const action = auditAction(e.action, e.details);
              return (
                <Tag color={ACTION_COLOURS[action]}>
                  {(KNOWN_ACTIONS as readonly string[]).includes(action) ? t(`action.${action}`) : action}
                </Tag>
              );
            },
          },
          {
            key: 'details',
            title: t('history.details'),
            render: (_, e) => <AuditDetails details={e.details} document={document} />,
          },
        ]}
      />
    </PageState>
  );
}
