import { Alert, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Why `text` is not a JSON household (an object), or null when it is; the parsed value too. */
export function parseHousehold(
  text: string,
): { household: Record<string, unknown>; error: null } | { household: null; error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { household: null, error: 'not-object' };
    return { household: value as Record<string, unknown>, error: null };
  } catch (e) {
    return { household: null, error: (e as Error).message };
  }
}

/** The household as pasted JSON, with the parse error under it. */
export function JsonHousehold({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (text: string) => void;
  error: string | null;
}) {
  const { t } = useTranslation('calculator');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('json.help')}</Typography.Text>
      <Input.TextArea
        aria-label={t('json.label')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoSize={{ minRows: 12, maxRows: 30 }}
        spellCheck={false}
        style={{ fontFamily: 'monospace' }}
        status={error ? 'error' : undefined}
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('json.invalid')}
          description={error === 'not-object' ? t('json.notObject') : error}
        />
      ) : null}
    </Space>
  );
}
