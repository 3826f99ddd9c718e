import type { ParameterT } from '@engine/schema/ruleset.schema';
import { Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import { useGrid, type CellRef } from '../hooks/grid-context';
import { cellView } from '../model/cell';
import { findingsForCell } from '../model/constraints';
import { formatFigure } from '../model/figures';
import { cellId, type CellTarget } from '../model/resolve';
import { CellEditor } from './cell-editor';
import { CellTooltip } from './cell-tooltip';
import { placeName } from './place-name';

const FINDING_COLOURS = {
  error: { background: '#fff1f0', border: '#ff4d4f' },
  warning: { background: '#fff7e6', border: '#fa8c16' },
} as const;

/**
 * One figure of the grid: the value in force at a place (bold with 单设 when written for the place
 * itself, muted when inherited), its change against the base version, a missing source, and live
 * constraint findings (red or orange). Click or Enter edits it in an editable draft; Ctrl/⌘-click or
 * Space selects it, shift-click selects a range of its row.
 */
export function ParameterCell({
  parameter,
  target,
  row,
  scope,
}: {
  parameter: ParameterT;
  target: CellTarget;
  row: readonly CellRef[];
  /** Which findings colour it (see findingsForCell). */
  scope: string;
}) {
  const { t, i18n } = useTranslation('parameters');
  const grid = useGrid();
  const id = cellId(parameter.key, target);
  const view = cellView(grid.document, parameter, target, grid.values, grid.base, grid.baseValues);
  const findings = findingsForCell(grid.document, grid.findings, parameter.key, scope);
  const worst = findings.some((f) => f.severity === 'error') ? 'error' : findings.length ? 'warning' : null;
  const place = placeName(grid.document, target, t, i18n.language);
  const label = `${localized(parameter.label, i18n.language)} · ${place}`;
  const own = view.level === 'own' || target.kind === 'city';
  const selected = grid.selected.has(id);
  const cell: CellRef = { key: parameter.key, target };
  const isEditing = grid.editing === id;
  const box = useRef<HTMLDivElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    // Back on the cell after typing, so the keyboard carries on from here.
    if (isEditing) wasEditing.current = true;
    else if (wasEditing.current) {
      wasEditing.current = false;
      box.current?.focus();
    }
  }, [isEditing]);

  if (isEditing)
    return (
      <CellEditor
        parameter={parameter}
        initial={view.value ?? ''}
        label={t('edit.inputLabel', { cell: label })}
        notice={
          view.formula ? t('edit.formulaBecomesValue') : !own ? t('edit.createsOverride', { place }) : null
        }
        onCommit={(value) => grid.commit(cell, value)}
        onCancel={() => grid.setEditing(null)}
      />
    );

  const onClick = (e: MouseEvent) => {
    if (!grid.editable) return;
    if (e.ctrlKey || e.metaKey) grid.pick(cell, row, 'toggle');
    else if (e.shiftKey) grid.pick(cell, row, 'range');
    else grid.setEditing(id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!grid.editable) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      grid.setEditing(id);
    } else if (e.key === ' ') {
      e.preventDefault();
      grid.pick(cell, row, e.shiftKey ? 'range' : 'toggle');
    }
  };
  const colours = worst ? FINDING_COLOURS[worst] : null;
  const empty = view.value === undefined && !view.formula;
  return (
    <Tooltip title={<CellTooltip parameter={parameter} view={view} findings={findings} place={place} />}>
      <div
        ref={box}
        role={grid.editable ? 'button' : undefined}
        tabIndex={0}
        aria-label={`${label}: ${formatFigure(view.value, parameter.unit)}`}
        aria-pressed={grid.editable ? selected : undefined}
        aria-invalid={worst === 'error' ? true : undefined}
        data-cell={id}
        data-finding={worst ?? undefined}
        data-changed={view.changed ? 'true' : undefined}
        onClick={onClick}
        onKeyDown={onKeyDown}
        style={{
          cursor: grid.editable ? 'pointer' : 'default',
          padding: '2px 6px',
          borderRadius: 4,
          minHeight: 28,
          textAlign: 'right',
          outlineOffset: 1,
          background: selected ? '#e6f4ff' : (colours?.background ?? (view.changed ? '#fffbe6' : undefined)),
          border: `1px solid ${selected ? '#1677ff' : (colours?.border ?? 'transparent')}`,
        }}
      >
        <Typography.Text
          strong={own && !empty}
          type={own ? undefined : 'secondary'}
          style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        >
          {empty
            ? '—'
            : view.value !== undefined
              ? formatFigure(view.value, parameter.unit)
              : target.kind === 'jurisdiction'
                ? t('grid.pending')
                : t('grid.byFormula')}
        </Typography.Text>
        <div style={{ fontSize: 11, lineHeight: '16px' }}>
          {view.level === 'own' && target.kind === 'jurisdiction' ? (
            <Tag color="blue" style={{ fontSize: 10, marginInlineEnd: 2 }}>
              {t('grid.override')}
            </Tag>
          ) : null}
          {view.formula ? <Tag style={{ fontSize: 10, marginInlineEnd: 2 }}>{t('grid.formula')}</Tag> : null}
          {view.added ? (
            <Typography.Text type="success" style={{ fontSize: 11 }}>
              {t('delta.added')}
            </Typography.Text>
          ) : view.delta ? (
            <Typography.Text type={view.delta.sign < 0 ? 'danger' : 'success'} style={{ fontSize: 11 }}>
              {[view.delta.difference, view.delta.percent].filter(Boolean).join(' ')}
            </Typography.Text>
          ) : null}
          {view.missingSource ? (
            <Tag
              color="red"
              style={{ fontSize: 10, marginInlineStart: 2, cursor: 'pointer' }}
              onClick={(e) => {
                e.stopPropagation();
                if (grid.editable) grid.askSource([cell]);
              }}
            >
              {t('source.missing')}
            </Tag>
          ) : null}
        </div>
      </div>
    </Tooltip>
  );
}
