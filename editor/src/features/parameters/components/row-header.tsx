import type { ParameterT } from '@engine/schema/ruleset.schema';
import { Checkbox, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import { useGrid, type CellRef } from '../hooks/grid-context';
import { constraintsReading } from '../model/constraints';
import { cellId } from '../model/resolve';
import { ConstraintTags } from './constraint-tags';
import { placeName } from './place-name';
import { sourceText } from './source-text';

/**
 * The fixed first cell of a parameter's row: its label and unit (hover: legal basis and the source
 * of each value), a checkbox selecting the row's figures, and the constraints that read it.
 */
export function RowHeader({ parameter, cells: all }: { parameter: ParameterT; cells: readonly CellRef[] }) {
  const { t, i18n } = useTranslation('parameters');
  const grid = useGrid();
  const constraints = constraintsReading(
    grid.document.constraints,
    parameter.key,
    grid.findings.map((f) => f.finding),
  );
  const label = localized(parameter.label, i18n.language);
  // The row checkbox picks the figures of the places (or the one figure of a uniform parameter).
  const places = all.filter((c) => c.target.kind === 'jurisdiction');
  const cells = places.length ? places : all;
  const every = cells.length > 0 && cells.every((c) => grid.selected.has(cellId(c.key, c.target)));
  const some = cells.some((c) => grid.selected.has(cellId(c.key, c.target)));

  return (
    <div style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
      {grid.editable ? (
        <Checkbox
          aria-label={t('select.row', { label })}
          checked={every}
          indeterminate={some && !every}
          onChange={(e) => grid.select(cells, e.target.checked)}
        />
      ) : null}
      <div style={{ minWidth: 0 }}>
        <Tooltip
          title={
            <div style={{ maxWidth: 360 }}>
              <div>{t('grid.basisIs', { basis: parameter.basis })}</div>
              {parameter.values.map((v, i) => (
                <div key={`${v.for ?? '*'}-${i}`}>
                  {placeName(
                    grid.document,
                    v.for === undefined
                      ? { kind: 'city' }
                      : grid.document.jurisdictionGroups.some((g) => g.id === v.for)
                        ? { kind: 'group', id: v.for }
                        : { kind: 'jurisdiction', code: v.for },
                    t,
                    i18n.language,
                  )}
                  :{sourceText(grid.document, v.source, t)}
                </div>
              ))}
            </div>
          }
        >
          <Typography.Text strong tabIndex={0}>
            {label}
          </Typography.Text>
        </Tooltip>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`unit.${parameter.unit}`, { defaultValue: parameter.unit })}
          </Typography.Text>
        </div>
        <ConstraintTags constraints={constraints} />
      </div>
    </div>
  );
}
