import { Button, App as AntApp, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageState } from '@/components/page-state';
import { ProblemAlert } from '@/components/problem-alert';
import { useSession } from '@/lib/session';
import { useUpdateUser, useUsers } from '../api/use-users';
import type { UserAccount } from '../types';
import { AdminOnly } from './admin-only';
import { dateTime } from './format';
import { RoleTags } from './roles';
import { CreateUserModal, EditRolesModal, ResetPasswordModal } from './user-modals';

/** Users (/admin/users): list, create, change roles, disable or enable, reset a password. Admin only. */
export function UsersPage() {
  return (
    <AdminOnly>
      <UsersScreen />
    </AdminOnly>
  );
}

function UsersScreen() {
  const { t } = useTranslation('admin');
  const { message, modal } = AntApp.useApp();
  const session = useSession();
  const users = useUsers();
  const update = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserAccount | null>(null);
  const [resetting, setResetting] = useState<UserAccount | null>(null);
  const done = (text: string) => void message.success(text);

  const setDisabled = (user: UserAccount, disabled: boolean) =>
    update.mutate(
      { username: user.username, disabled },
      {
        onSuccess: () =>
          done(t(disabled ? 'users.disabledDone' : 'users.enabledDone', { username: user.username })),
      },
    );
  const confirmDisable = (user: UserAccount) =>
    void modal.confirm({
      title: t('users.confirmDisableTitle', { username: user.username }),
      content: t('users.confirmDisable'),
      okText: t('users.disable'),
      okButtonProps: { danger: true },
      cancelText: t('common:action.cancel'),
      onOk: () => setDisabled(user, true),
    });

  const columns = [
    {
      key: 'username',
      title: t('users.username'),
      dataIndex: 'username',
      render: (username: string) => (
        <Typography.Text strong={username === session?.username}>{username}</Typography.Text>
      ),
    },
    {
      key: 'roles',
      title: t('field.roles'),
      dataIndex: 'roles',
      render: (roles: UserAccount['roles']) => <RoleTags roles={roles} />,
    },
    {
      key: 'status',
      title: t('field.status'),
      dataIndex: 'disabled',
      render: (disabled: boolean) =>
        disabled ? (
          <Tag color="red">{t('users.disabled')}</Tag>
        ) : (
          <Tag color="green">{t('users.active')}</Tag>
        ),
    },
    {
      key: 'createdAt',
      title: t('field.createdAt'),
      dataIndex: 'createdAt',
      render: dateTime,
    },
    {
      key: 'passwordChangedAt',
      title: t('users.passwordChangedAt'),
      dataIndex: 'passwordChangedAt',
      render: (at: string | null) => (at ? dateTime(at) : t('users.never')),
    },
    {
      key: 'actions',
      title: t('field.actions'),
      render: (_: unknown, user: UserAccount) => (
        <Space size="small" wrap>
          <Button
            size="small"
            aria-label={t('users.editRolesOf', { username: user.username })}
            onClick={() => setEditing(user)}
          >
            {t('users.editRoles')}
          </Button>
          <Button
            size="small"
            aria-label={t('users.resetPasswordOf', { username: user.username })}
            onClick={() => setResetting(user)}
          >
            {t('users.resetPassword')}
          </Button>
          {user.disabled ? (
            <Button
              size="small"
              aria-label={t('users.enableOf', { username: user.username })}
              onClick={() => setDisabled(user, false)}
            >
              {t('users.enable')}
            </Button>
          ) : (
            <Button
              size="small"
              danger
              aria-label={t('users.disableOf', { username: user.username })}
              onClick={() => confirmDisable(user)}
            >
              {t('users.disable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </Flex>
      <ProblemAlert error={update.error} onClose={() => update.reset()} />
      <PageState
        loading={users.isLoading}
        error={users.error}
        empty={users.data?.length === 0}
        emptyText={t('users.empty')}
      >
        <Table<UserAccount>
          aria-label={t('users.tableLabel')}
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data ?? []}
          pagination={{ hideOnSinglePage: true, pageSize: 50 }}
        />
      </PageState>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onDone={done} />
      <EditRolesModal user={editing} onClose={() => setEditing(null)} onDone={done} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} onDone={done} />
    </Space>
  );
}
