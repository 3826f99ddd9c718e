import {
  Alert,
  App as AntApp,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  type InputRef,
} from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem-alert';
import type { Role } from '@/lib/session';
import { useCreateApiKey } from '../api/use-api-keys';
import type { CreatedApiKey } from '../types';
import { formLevelError, problemProps } from './form-problems';
import { RoleCheckboxes } from './roles';

interface CreateValues {
  name: string;
  roles: Role[];
  serviceAccount: boolean;
  expiresInDays?: number | null;
}

const FIELDS = ['/name', '/roles', '/serviceAccount', '/expiresInDays'] as const;

/** Creates an API key (name, roles, service account, days valid); hands the new key to `onCreated`. */
export function CreateApiKeyModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateApiKey();
  const close = () => {
    create.reset();
    onClose();
  };
  const submit = ({ name, roles, serviceAccount, expiresInDays }: CreateValues) =>
    create.mutate(
      {
        name,
        roles,
        ...(serviceAccount ? { serviceAccount } : {}),
        ...(expiresInDays ? { expiresInDays } : {}),
      },
      {
        onSuccess: (key) => {
          onCreated(key);
          close();
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('apiKeys.create')}
      okText={t('apiKeys.create')}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <ProblemAlert error={formLevelError(create.error, FIELDS)} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ roles: [], serviceAccount: false }}
        onValuesChange={() => create.reset()}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('apiKeys.name')}
          extra={t('apiKeys.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('apiKeys.nameRequired') }]}
          {...problemProps(create.error, '/name')}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('field.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('field.rolesRequired') }]}
          {...problemProps(create.error, '/roles')}
        >
          <RoleCheckboxes />
        </Form.Item>
        <Form.Item
          name="serviceAccount"
          label={t('apiKeys.serviceAccount')}
          extra={t('apiKeys.serviceAccountHelp')}
          valuePropName="checked"
          {...problemProps(create.error, '/serviceAccount')}
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('apiKeys.expiresInDays')}
          extra={t('apiKeys.expiresInDaysHelp')}
          {...problemProps(create.error, '/expiresInDays')}
        >
          <InputNumber min={1} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Shows a new key once, with a copy button (the clipboard, or else the key is selected for Ctrl+C)
 * and the warning that it will not be shown again.
 */
export function NewKeyModal({ created, onClose }: { created: CreatedApiKey | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = AntApp.useApp();
  const field = useRef<InputRef>(null);
  const selectKey = () => {
    field.current?.focus();
    field.current?.select();
  };
  const copy = async () => {
    if (!created) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(created.key);
      void message.success(t('apiKeys.copied'));
    } catch {
      selectKey();
      void message.info(t('apiKeys.copyFallback'));
    }
  };
  // Unmounted at once on closing (no closing animation keeps the key in the page).
  if (!created) return null;
  return (
    <Modal
      open
      title={t('apiKeys.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('apiKeys.done')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('apiKeys.createdWarning')} />
        <label htmlFor="new-api-key">{t('apiKeys.keyLabel')}</label>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            id="new-api-key"
            ref={field}
            readOnly
            value={created.key}
            onFocus={(e) => e.currentTarget.select()}
            style={{ fontFamily: 'monospace' }}
            data-testid="new-api-key"
          />
          <Button onClick={() => void copy()}>{t('apiKeys.copy')}</Button>
        </Space.Compact>
      </Space>
    </Modal>
  );
}
