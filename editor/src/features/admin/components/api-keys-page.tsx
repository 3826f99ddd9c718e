import { App as AntApp, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageState } from '@/components/page-state';
import { ProblemAlert } from '@/components/problem-alert';
import { useApiKeys, useRevokeApiKey } from '../api/use-api-keys';
import type { ApiKeySummary, CreatedApiKey } from '../types';
import { AdminOnly } from './admin-only';
import { CreateApiKeyModal, NewKeyModal } from './api-key-modals';
import { dateTime } from './format';
import { RoleTags } from './roles';

/** API keys (/admin/api-keys): list (never a key), create (the key shown once), revoke. Admin only. */
export function ApiKeysPage() {
  return (
    <AdminOnly>
      <ApiKeysScreen />
    </AdminOnly>
  );
}

function KeyStatus({ apiKey }: { apiKey: ApiKeySummary }) {
  const { t } = useTranslation('admin');
  if (apiKey.revokedAt) return <Tag color="red">{t('apiKeys.statusRevoked')}</Tag>;
  if (dayjs(apiKey.expiresAt).isBefore(dayjs())) return <Tag>{t('apiKeys.statusExpired')}</Tag>;
  return <Tag color="green">{t('apiKeys.statusActive')}</Tag>;
}

function ApiKeysScreen() {
  const { t } = useTranslation('admin');
  const { message, modal } = AntApp.useApp();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const confirmRevoke = (apiKey: ApiKeySummary) =>
    void modal.confirm({
      title: t('apiKeys.confirmRevokeTitle', { name: apiKey.name }),
      content: t('apiKeys.confirmRevoke'),
      okText: t('apiKeys.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        revoke.mutate(apiKey.id, {
          onSuccess: () => void message.success(t('apiKeys.revoked', { name: apiKey.name })),
        }),
    });

  const columns = [
    { key: 'name', title: t('apiKeys.name'), dataIndex: 'name' },
    {
      key: 'roles',
      title: t('field.roles'),
      dataIndex: 'roles',
      render: (roles: ApiKeySummary['roles']) => <RoleTags roles={roles} />,
    },
    {
      key: 'kind',
      title: t('apiKeys.kind'),
      dataIndex: 'kind',
      render: (kind: ApiKeySummary['kind']) =>
        kind === 'service-account' ? t('apiKeys.kindService') : t('apiKeys.kindUser'),
    },
    { key: 'actsFor', title: t('apiKeys.actsFor'), dataIndex: 'actsFor' },
    { key: 'createdBy', title: t('apiKeys.createdBy'), dataIndex: 'createdBy' },
    { key: 'createdAt', title: t('field.createdAt'), dataIndex: 'createdAt', render: dateTime },
    { key: 'expiresAt', title: t('apiKeys.expiresAt'), dataIndex: 'expiresAt', render: dateTime },
    {
      key: 'lastUsedAt',
      title: t('apiKeys.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (at: string | null) => (at ? dateTime(at) : t('apiKeys.neverUsed')),
    },
    {
      key: 'status',
      title: t('field.status'),
      render: (_: unknown, apiKey: ApiKeySummary) => <KeyStatus apiKey={apiKey} />,
    },
    {
      key: 'actions',
      title: t('field.actions'),
      render: (_: unknown, apiKey: ApiKeySummary) =>
        apiKey.revokedAt ? null : (
          <Button
            size="small"
            danger
            aria-label={t('apiKeys.revokeOf', { name: apiKey.name })}
            onClick={() => confirmRevoke(apiKey)}
          >
            {t('apiKeys.revoke')}
          </Button>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('apiKeys.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('apiKeys.create')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('apiKeys.intro')}
      </Typography.Paragraph>
      <ProblemAlert error={revoke.error} onClose={() => revoke.reset()} />
      <PageState
        loading={keys.isLoading}
        error={keys.error}
        empty={keys.data?.length === 0}
        emptyText={t('apiKeys.empty')}
      >
        <Table<ApiKeySummary>
          aria-label={t('apiKeys.tableLabel')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={keys.data ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ hideOnSinglePage: true, pageSize: 50 }}
        />
      </PageState>
      <CreateApiKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => setCreated(key)}
      />
      <NewKeyModal created={created} onClose={() => setCreated(null)} />
    </Space>
  );
}
