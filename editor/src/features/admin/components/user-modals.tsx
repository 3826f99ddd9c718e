import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem-alert';
import type { Role } from '@/lib/session';
import { useCreateUser, useResetPassword, useUpdateUser } from '../api/use-users';
import type { UserAccount } from '../types';
import { formLevelError, problemProps } from './form-problems';
import { RoleCheckboxes } from './roles';

interface ModalProps {
  open: boolean;
  onClose: () => void;
  /** Called after the server accepted the change, with a message for the official. */
  onDone: (message: string) => void;
}

/** Creates a user: username, initial password and roles; the API's problems show under each field. */
export function CreateUserModal({ open, onClose, onDone }: ModalProps) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<{ username: string; password: string; roles: Role[] }>();
  const create = useCreateUser();
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('users.create')}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <ProblemAlert error={formLevelError(create.error, ['/username', '/password', '/roles'])} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ roles: [] }}
        onValuesChange={() => create.reset()}
        onFinish={(values) =>
          create.mutate(values, {
            onSuccess: () => {
              onDone(t('users.created', { username: values.username }));
              close();
            },
          })
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHelp')}
          rules={[{ required: true, whitespace: true, message: t('users.usernameRequired') }]}
          {...problemProps(create.error, '/username')}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          rules={[{ required: true, message: t('users.passwordRequired') }]}
          {...problemProps(create.error, '/password')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('field.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('field.rolesRequired') }]}
          {...problemProps(create.error, '/roles')}
        >
          <RoleCheckboxes />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Replaces a user's roles; their tokens stop working. */
export function EditRolesModal({
  user,
  onClose,
  onDone,
}: Omit<ModalProps, 'open'> & { user: UserAccount | null }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<{ roles: Role[] }>();
  const update = useUpdateUser();
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <Modal
      open={!!user}
      title={user ? t('users.editRolesTitle', { username: user.username }) : ''}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ loading: update.isPending }}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('users.editRolesNote')} style={{ marginBottom: 16 }} />
      <ProblemAlert error={formLevelError(update.error, ['/roles'])} />
      {user ? (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ roles: user.roles }}
          onValuesChange={() => update.reset()}
          onFinish={({ roles }) =>
            update.mutate(
              { username: user.username, roles },
              {
                onSuccess: () => {
                  onDone(t('users.updated', { username: user.username }));
                  close();
                },
              },
            )
          }
        >
          <Form.Item
            name="roles"
            label={t('field.roles')}
            rules={[{ required: true, type: 'array', min: 1, message: t('field.rolesRequired') }]}
            {...problemProps(update.error, '/roles')}
          >
            <RoleCheckboxes />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

/** Sets a new password for a user (and unlocks their logins). */
export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: Omit<ModalProps, 'open'> & { user: UserAccount | null }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();
  const close = () => {
    reset.reset();
    onClose();
  };
  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetPasswordTitle', { username: user.username }) : ''}
      okText={t('users.resetPassword')}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ loading: reset.isPending }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('users.resetPasswordNote')} style={{ marginBottom: 16 }} />
      <ProblemAlert error={formLevelError(reset.error, ['/password'])} />
      {user ? (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onValuesChange={() => reset.reset()}
          onFinish={({ password }) =>
            reset.mutate(
              { username: user.username, password },
              {
                onSuccess: () => {
                  onDone(t('users.passwordReset', { username: user.username }));
                  close();
                },
              },
            )
          }
        >
          <Form.Item
            name="password"
            label={t('users.newPassword')}
            rules={[{ required: true, message: t('users.passwordRequired') }]}
            {...problemProps(reset.error, '/password')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
