import { StatusTag } from '@/components/status-tag';
import { SwapOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '@/types/api';

/**
 * The two versions compared ("from" and "to"), each option with its name, status and effective
 * date, and a button that swaps them. Changes go to `onChange(from, to)`.
 */
export function VersionPickers({
  versions,
  from,
  to,
  onChange,
}: {
  versions: VersionSummary[];
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
}) {
  const { t } = useTranslation('compare');
  const options = versions.map((v) => ({
    value: v.version,
    title: v.version,
    label: (
      <Space size={6}>
        <span>{v.version}</span>
        <StatusTag status={v.status} />
        <Typography.Text type="secondary">
          {t('pickers.effectiveFrom', { date: v.effectiveFrom })}
        </Typography.Text>
      </Space>
    ),
  }));
  return (
    <Form layout="inline" component="div" aria-label={t('pickers.label')}>
      <Form.Item label={t('pickers.from')} htmlFor="compare-from">
        <Select
          id="compare-from"
          style={{ minWidth: 260 }}
          value={from}
          options={options}
          onChange={(value: string) => onChange(value, to)}
        />
      </Form.Item>
      <Form.Item>
        <Button
          icon={<SwapOutlined />}
          aria-label={t('pickers.swapLabel')}
          disabled={!from || !to}
          onClick={() => onChange(to, from)}
        >
          {t('pickers.swap')}
        </Button>
      </Form.Item>
      <Form.Item label={t('pickers.to')} htmlFor="compare-to">
        <Select
          id="compare-to"
          style={{ minWidth: 260 }}
          value={to}
          options={options}
          onChange={(value: string) => onChange(from, value)}
        />
      </Form.Item>
    </Form>
  );
}
