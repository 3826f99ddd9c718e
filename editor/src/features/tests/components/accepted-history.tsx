import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageState } from '@/components/page-state';
import { useAcceptances } from '../api/use-acceptances';
import type { AcceptanceRecord } from '../lib/test-run';

/** The tests accepted in this version, from the audit log (for roles that may read it). */
export function AcceptedHistory({ rulesetKey, version }: { rulesetKey: string; version: string }) {
  const { t, i18n } = useTranslation('tests');
  const query = useAcceptances(rulesetKey, version);
  return (
    <Card size="small" title={t('history.title')}>
      <PageState
        loading={query.isLoading}
        error={query.error}
        empty={query.data?.length === 0}
        emptyText={t('history.empty')}
      >
        <Table<AcceptanceRecord>
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={query.data ?? []}
          columns={[
            {
              title: t('history.at'),
              dataIndex: 'at',
              render: (at: string) => new Date(at).toLocaleString(i18n.language === 'en' ? 'en' : 'zh-CN'),
            },
            { title: t('history.actor'), dataIndex: 'actor' },
            {
              title: t('history.tests'),
              key: 'tests',
              render: (_, r) =>
                r.tests === 'all' ? (
                  <Tag>{t('history.all')}</Tag>
                ) : (
                  r.tests.map((name) => <div key={name}>{name}</div>)
                ),
            },
            {
              title: t('history.changed'),
              key: 'changed',
              render: (_, r) =>
                r.changed.length + r.omitted === 0
                  ? t('history.noChange')
                  : t('history.changedCount', { count: r.changed.length + r.omitted }),
            },
          ]}
        />
      </PageState>
    </Card>
  );
}
