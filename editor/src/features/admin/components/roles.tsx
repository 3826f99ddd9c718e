import { Checkbox, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@/lib/session';
import { ROLES } from '../types';

/** A role's name in the editor's language with its code beside it: 管理员 `admin`. */
export function RoleName({ role }: { role: Role }) {
  const { t } = useTranslation('admin');
  return (
    <>
      <span>{t(`roles.${role}`)}</span>{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {role}
      </Typography.Text>
    </>
  );
}

/** The roles of a user or a key, one tag each, in the API's order. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {ROLES.filter((role) => roles.includes(role)).map((role) => (
        <Tag key={role}>
          <RoleName role={role} />
        </Tag>
      ))}
    </Space>
  );
}

/**
 * Every role as a checkbox, in a group named "roles", for a Form.Item (`value`/`onChange` are the chosen role codes).
 * `disabled` lists roles that cannot be chosen here.
 */
export function RoleCheckboxes({
  value,
  onChange,
  disabled = [],
  id,
}: {
  value?: Role[];
  onChange?: (roles: Role[]) => void;
  disabled?: readonly Role[];
  id?: string;
}) {
  const { t } = useTranslation('admin');
  return (
    <div id={id} role="group" aria-label={t('field.roles')}>
      <Checkbox.Group<Role>
        value={value}
        onChange={(roles) => onChange?.(roles)}
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        options={ROLES.map((role) => ({
          value: role,
          label: <RoleName role={role} />,
          disabled: disabled.includes(role),
        }))}
      />
    </div>
  );
}
