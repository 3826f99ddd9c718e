import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { paths } from '@/lib/paths';
import type { VersionSummary } from '@/types/api';
import { StatusTag } from '@/components/status-tag';
import { chinaTime } from '@/lib/time';

/**
 * Every version of a ruleset, newest first: label, effective date, status (the version in force
 * today marked 现行), who drafted, last edited, submitted and published it and when, why it was
 * withdrawn; `onDraftNext` (editors) offers 起草下一年度 from each version.
 */
export function VersionsTable({
  rulesetKey,
  versions,
  inForce,
  onDraftNext,
}: {
  rulesetKey: string;
  versions: VersionSummary[];
  inForce: string | undefined;
  onDraftNext?: (base: VersionSummary) => void;
}) {
  const { t } = useTranslation('versions');
  const when = (at: string | null | undefined) => (at ? chinaTime(at) : null);
  const who = (name: string | null | undefined, at: string | null | undefined): ReactNode =>
    name ? (
      <Space orientation="vertical" size={0}>
        <span>{name}</span>
        {at ? <Typography.Text type="secondary">{when(at)}</Typography.Text> : null}
      </Space>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  return (
    <Table<VersionSummary>
      rowKey="version"
      dataSource={versions}
      pagination={false}
      scroll={{ x: 1100 }}
      rowClassName={(v) => (v.version === inForce ? 'version-in-force' : '')}
      columns={[
        {
          key: 'version',
          title: t('table.version'),
          fixed: 'start',
          render: (_, v) => (
            <Link
              to={paths.version(rulesetKey, v.version)}
              aria-label={t('table.open', { version: v.version })}
            >
              {v.version}
            </Link>
          ),
        },
        { key: 'effectiveFrom', title: t('table.effectiveFrom'), dataIndex: 'effectiveFrom' },
        {
          key: 'status',
          title: t('table.status'),
          render: (_, v) => (
            <Space size={4} wrap>
              <StatusTag status={v.status} />
              {v.version === inForce ? (
                <Tag color="green" variant="solid" title={t('inForceHint')}>
                  {t('inForce')}
                </Tag>
              ) : null}
            </Space>
          ),
        },
        { key: 'createdBy', title: t('table.createdBy'), render: (_, v) => who(v.createdBy, null) },
        { key: 'updatedBy', title: t('table.updatedBy'), render: (_, v) => who(v.updatedBy, v.updatedAt) },
        {
          key: 'submittedBy',
          title: t('table.submittedBy'),
          render: (_, v) => who(v.submittedBy, v.submittedAt),
        },
        {
          key: 'publishedBy',
          title: t('table.publishedBy'),
          render: (_, v) => who(v.publishedBy, v.publishedAt),
        },
        {
          key: 'withdrawnReason',
          title: t('table.withdrawnReason'),
          render: (_, v) => v.withdrawnReason ?? null,
        },
        ...(onDraftNext
          ? [
              {
                key: 'actions',
                title: t('table.actions'),
                render: (_: unknown, v: VersionSummary) => (
                  <Button
                    size="small"
                    onClick={() => onDraftNext(v)}
                    aria-label={t('draft.fromVersion', { version: v.version })}
                  >
                    {t('draft.button')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
