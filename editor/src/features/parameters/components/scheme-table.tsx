import type { ParameterT } from '@engine/schema/ruleset.schema';
import { Checkbox, Table, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import { useGrid, type CellRef } from '../hooks/grid-context';
import { cellId, jurisdictionColumns, type CellTarget } from '../model/resolve';
import { ParameterCell } from './parameter-cell';
import { RowHeader } from './row-header';

// Narrow enough that 全市, both groups and all ten jurisdictions fit 1280 pixels without scrolling.
const CELL_WIDTH = 82;

/** The cells of a row, in column order: 全市, then each group and its jurisdictions. */
function rowCells(parameter: ParameterT, targets: readonly CellTarget[]): CellRef[] {
  return parameter.byJurisdiction
    ? targets.map((target) => ({ key: parameter.key, target }))
    : [{ key: parameter.key, target: { kind: 'city' } }];
}

/**
 * One scheme's parameters as a table: a fixed label column, 全市, then per jurisdiction group a
 * column for the group's own value and one per jurisdiction (grouped headers). Uniform parameters
 * show their value under 全市 only.
 */
export function SchemeTable({
  parameters,
  caption,
  highlighted,
}: {
  parameters: ParameterT[];
  caption: string;
  /** The key of a parameter to mark (one linked to from another screen). */
  highlighted?: string | null;
}) {
  const { t, i18n } = useTranslation('parameters');
  const grid = useGrid();
  const perPlace = parameters.filter((p) => p.byJurisdiction);
  const groups = perPlace.length ? jurisdictionColumns(grid.document) : [];
  const targets: CellTarget[] = [
    { kind: 'city' },
    ...groups.flatMap((g) => [
      ...(g.group ? [{ kind: 'group', id: g.group.id } as const] : []),
      ...g.jurisdictions.map((j) => ({ kind: 'jurisdiction', code: j.code }) as const),
    ]),
  ];
  const placeColumns = targets.length - 1;

  const headerSelect = (title: string, codes: readonly string[]): ReactNode => {
    const cells: CellRef[] = perPlace.flatMap((p) =>
      codes.map((code) => ({ key: p.key, target: { kind: 'jurisdiction', code } as const })),
    );
    const all = cells.length > 0 && cells.every((c) => grid.selected.has(cellId(c.key, c.target)));
    const some = cells.some((c) => grid.selected.has(cellId(c.key, c.target)));
    if (!grid.editable) return title;
    return (
      <Checkbox
        aria-label={t('select.column', { place: title })}
        checked={all}
        indeterminate={some && !all}
        onChange={(e) => grid.select(cells, e.target.checked)}
      >
        {title}
      </Checkbox>
    );
  };

  const cellColumn = (target: CellTarget, title: ReactNode) => {
    const first = isFirst(target);
    return {
      key: cellId('', target),
      title,
      width: CELL_WIDTH,
      onCell: (parameter: ParameterT) =>
        parameter.byJurisdiction ? {} : { colSpan: first ? placeColumns : 0 },
      render: (_: unknown, parameter: ParameterT) =>
        parameter.byJurisdiction ? (
          <ParameterCell
            parameter={parameter}
            target={target}
            row={rowCells(parameter, targets)}
            scope={target.kind === 'jurisdiction' ? target.code : 'placeless'}
          />
        ) : first ? (
          <Typography.Text type="secondary">{t('grid.uniform')}</Typography.Text>
        ) : null,
    };
  };

  const firstPlace = targets[1] ? cellId('', targets[1]) : null;
  const isFirst = (target: CellTarget) => cellId('', target) === firstPlace;
  const columns: TableColumnsType<ParameterT> = [
    {
      key: 'parameter',
      title: t('grid.parameter'),
      fixed: 'start',
      width: 170,
      render: (_, parameter) => <RowHeader parameter={parameter} cells={rowCells(parameter, targets)} />,
    },
    {
      key: 'city',
      title: t('grid.city'),
      width: CELL_WIDTH,
      render: (_, parameter) => (
        <ParameterCell
          parameter={parameter}
          target={{ kind: 'city' }}
          row={rowCells(parameter, targets)}
          scope={parameter.byJurisdiction ? 'placeless' : 'all'}
        />
      ),
    },
    ...groups.map((g) => {
      const name = g.group ? localized(g.group.name, i18n.language) : t('grid.ungrouped');
      return {
        key: `group-${g.group?.id ?? 'none'}`,
        title: headerSelect(
          name,
          g.jurisdictions.map((j) => j.code),
        ),
        children: [
          ...(g.group ? [cellColumn({ kind: 'group', id: g.group.id }, t('grid.groupValue'))] : []),
          ...g.jurisdictions.map((j) =>
            cellColumn(
              { kind: 'jurisdiction', code: j.code },
              headerSelect(localized(j.name, i18n.language), [j.code]),
            ),
          ),
        ],
      };
    }),
  ];
  return (
    <Table<ParameterT>
      aria-label={caption}
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={parameters}
      rowClassName={(parameter) => (parameter.key === highlighted ? 'parameter-row-linked' : '')}
      scroll={{ x: 'max-content' }}
    />
  );
}
