import { Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schemesOf, type ChangeRow } from '../model/change-rows';
import { useCompareLabels } from '../hooks/use-compare-labels';
import { ChangeFigure } from './change-figure';

const figure = { fontVariantNumeric: 'tabular-nums' } as const;

/**
 * The changed standards, one row per parameter per place (merged by group or 全市 while `merged`),
 * filterable by scheme. `rows` come from {@link changeRows}; `onMergedChange` toggles the merging.
 */
export function StandardsTable({
  rows,
  merged,
  onMergedChange,
}: {
  rows: ChangeRow[];
  merged: boolean;
  onMergedChange: (merged: boolean) => void;
}) {
  const { t } = useTranslation('compare');
  const labels = useCompareLabels();
  const [scheme, setScheme] = useState<string | undefined>();
  const filterId = useId();
  const mergeId = useId();
  const schemes = useMemo(() => schemesOf(rows), [rows]);
  const shown = scheme === undefined ? rows : rows.filter((r) => (r.scheme.id ?? '') === scheme);
  const columns: TableColumnsType<ChangeRow> = [
    {
      key: 'scheme',
      title: t('standards.scheme'),
      width: 140,
      render: (_, row) => labels.scheme(row.scheme),
      // One cell per run of a scheme: the table reads as grouped.
      onCell: (row, index = 0) => {
        const first = index === 0 || shown[index - 1]?.scheme.id !== row.scheme.id;
        if (!first) return { rowSpan: 0 };
        let span = 1;
        while (shown[index + span]?.scheme.id === row.scheme.id) span += 1;
        return { rowSpan: span };
      },
    },
    {
      key: 'parameter',
      title: t('standards.parameter'),
      render: (_, row) => (
        <Space size={4} wrap>
          <span>{labels.parameter(row)}</span>
          {row.old === null ? <Tag color="green">{t('standards.added')}</Tag> : null}
          {row.new === null ? <Tag color="red">{t('standards.removed')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'place', title: t('standards.place'), width: 150, render: (_, row) => labels.place(row.place) },
    { key: 'unit', title: t('standards.unit'), width: 110, render: (_, row) => labels.unit(row.unit) },
    {
      key: 'old',
      title: t('standards.old'),
      align: 'right',
      width: 110,
      render: (_, row) => <span style={figure}>{row.old ?? '—'}</span>,
    },
    {
      key: 'new',
      title: t('standards.new'),
      align: 'right',
      width: 110,
      render: (_, row) => <span style={figure}>{row.new ?? '—'}</span>,
    },
    {
      key: 'change',
      title: t('standards.change'),
      align: 'right',
      width: 110,
      render: (_, row) => <ChangeFigure value={row.change} />,
    },
    {
      key: 'percent',
      title: t('standards.percent'),
      align: 'right',
      width: 100,
      render: (_, row) => <ChangeFigure value={row.percent} suffix="%" />,
    },
  ];
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap size="large">
        <Space size={8}>
          <label htmlFor={filterId}>{t('standards.filter')}</label>
          <Select
            id={filterId}
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('standards.allSchemes')}
            value={scheme}
            onChange={(value?: string) => setScheme(value)}
            options={schemes.map((s) => ({ value: s.id ?? '', label: labels.scheme(s) }))}
          />
        </Space>
        <Space size={8}>
          <Switch id={mergeId} checked={merged} onChange={onMergedChange} />
          <label htmlFor={mergeId}>{t('standards.merge')}</label>
        </Space>
        <Typography.Text type="secondary">{t('standards.count', { count: shown.length })}</Typography.Text>
      </Space>
      <Table<ChangeRow>
        size="small"
        bordered
        rowKey="key"
        pagination={false}
        columns={columns}
        dataSource={shown}
        locale={{ emptyText: t('standards.none') }}
        aria-label={t('standards.title')}
      />
    </Space>
  );
}
