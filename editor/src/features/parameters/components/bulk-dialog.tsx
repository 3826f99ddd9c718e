import { Alert, Form, Input, Modal, Radio, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import { useDraftStore } from '@/stores/draft-store';
import type { CellRef, GridContextValue } from '../hooks/grid-context';
import { cellView } from '../model/cell';
import { planWrites } from '../model/bulk';
import { withSource, writeCells } from '../model/edit';
import { adjust, formatFigure, type Adjustment } from '../model/figures';
import { cellId } from '../model/resolve';
import { placeName } from './place-name';
import { choiceOf, SourceForm, type SourceFormValues } from './source-form';

const AMOUNT = /^-?[0-9]+(\.[0-9]+)?$/;

interface PreviewRow {
  id: string;
  cell: CellRef;
  label: string;
  place: string;
  before: string | undefined;
  after: string | undefined;
  unit: string;
  /** The figure is computed by a formula today; the adjustment writes a fixed value instead. */
  fromFormula: boolean;
}

/**
 * 批量调整: adds a fixed amount or a percentage to every selected figure (rounded half up to two
 * decimals), previews each old → new before applying, and takes one source for all of them.
 */
export function BulkDialog({
  rulesetKey,
  version,
  grid,
  cells,
  onClose,
  onApplied,
}: {
  rulesetKey: string;
  version: string;
  grid: Pick<GridContextValue, 'document' | 'base' | 'values' | 'baseValues'>;
  cells: readonly CellRef[];
  onClose: () => void;
  onApplied: () => void;
}) {
  const { t, i18n } = useTranslation('parameters');
  const [sourceForm] = Form.useForm<SourceFormValues>();
  const [mode, setMode] = useState<Adjustment['mode']>('add');
  const [amount, setAmount] = useState('');
  const valid = AMOUNT.test(amount.trim());
  const rows: PreviewRow[] = cells.map((cell) => {
    const parameter = grid.document.parameters.find((p) => p.key === cell.key);
    const unit = parameter?.unit ?? '';
    const view = parameter
      ? cellView(grid.document, parameter, cell.target, grid.values, grid.base, grid.baseValues)
      : undefined;
    const before = view?.value;
    return {
      id: cellId(cell.key, cell.target),
      cell,
      label: parameter ? localized(parameter.label, i18n.language) : cell.key,
      place: placeName(grid.document, cell.target, t, i18n.language),
      before,
      after:
        valid && before !== undefined ? adjust(before, unit, { mode, amount: amount.trim() }) : undefined,
      unit,
      fromFormula: !!view?.formula,
    };
  });
  const fromFormula = rows.filter((r) => r.fromFormula).length;
  const writable = rows.filter((r) => r.after !== undefined);

  const apply = async () => {
    const values = await sourceForm.validateFields();
    useDraftStore.getState().edit(rulesetKey, version, (working) => {
      const { document, source } = withSource(working, choiceOf(values));
      const writes = writable.map((r) => ({ key: r.cell.key, target: r.cell.target, value: r.after ?? '' }));
      return writeCells(document, planWrites(document, writes), source, grid.base);
    });
    onApplied();
  };

  return (
    <Modal
      open
      width={720}
      title={t('bulk.title', { count: cells.length })}
      okText={t('bulk.apply', { count: writable.length })}
      okButtonProps={{ disabled: writable.length === 0 }}
      onOk={() => void apply().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('bulk.mode')}>
          <Radio.Group
            optionType="button"
            value={mode}
            onChange={(e) => setMode(e.target.value as Adjustment['mode'])}
            options={[
              { value: 'add', label: t('bulk.add') },
              { value: 'percent', label: t('bulk.percent') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={mode === 'add' ? t('bulk.amount') : t('bulk.percentAmount')}
          htmlFor="bulk-amount"
          validateStatus={amount && !valid ? 'error' : undefined}
          help={amount && !valid ? t('bulk.amountInvalid') : undefined}
        >
          <Input
            id="bulk-amount"
            value={amount}
            inputMode="decimal"
            suffix={mode === 'percent' ? '%' : undefined}
            onChange={(e) => setAmount(e.target.value)}
            style={{ maxWidth: 200 }}
          />
        </Form.Item>
      </Form>
      {fromFormula ? (
        <Alert type="info" showIcon title={t('bulk.formulaBecomesValue', { count: fromFormula })} />
      ) : null}
      <Typography.Title level={5}>{t('bulk.preview')}</Typography.Title>
      <Table<PreviewRow>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ y: 240 }}
        dataSource={rows}
        columns={[
          { key: 'label', title: t('changes.what'), dataIndex: 'label' },
          { key: 'place', title: t('changes.where'), dataIndex: 'place' },
          {
            key: 'before',
            title: t('changes.before'),
            align: 'right',
            render: (_, r) => formatFigure(r.before, r.unit),
          },
          {
            key: 'after',
            title: t('changes.after'),
            align: 'right',
            render: (_, r) =>
              r.before === undefined ? (
                <Typography.Text type="secondary">{t('bulk.notComputed')}</Typography.Text>
              ) : (
                <strong>{formatFigure(r.after, r.unit)}</strong>
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('bulk.source')}
      </Typography.Title>
      <SourceForm form={sourceForm} document={grid.document} />
    </Modal>
  );
}
