import type { ParameterT } from '@engine/schema/ruleset.schema';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import { useGrid } from '../hooks/grid-context';
import type { CellView } from '../model/cell';
import type { PlacedFinding } from '../model/constraints';
import { formatFigure } from '../model/figures';
import { placeName } from './place-name';
import { sourceText } from './source-text';
import { FindingDetail } from './finding-detail';

/** What a cell's hover tells: where the figure comes from, its formula, the base figure, findings. */
export function CellTooltip({
  parameter,
  view,
  findings,
  place,
}: {
  parameter: ParameterT;
  view: CellView;
  findings: readonly PlacedFinding[];
  place: string;
}) {
  const { t, i18n } = useTranslation('parameters');
  const grid = useGrid();
  const inherited =
    view.level === 'group' && view.groupId
      ? placeName(grid.document, { kind: 'group', id: view.groupId }, t, i18n.language)
      : view.level === 'city' && view.target.kind !== 'city'
        ? t('grid.city')
        : null;
  return (
    <div style={{ maxWidth: 360 }}>
      <div>
        <strong>{localized(parameter.label, i18n.language)}</strong> · {place}
      </div>
      {inherited ? <div>{t('grid.inheritedFrom', { place: inherited })}</div> : null}
      {view.formula ? <div>{t('grid.formulaIs', { formula: view.formula })}</div> : null}
      {view.entry ? (
        <div>{t('grid.sourceIs', { source: sourceText(grid.document, view.entry.source, t) })}</div>
      ) : null}
      {view.changed && !view.added ? (
        <div>{t('grid.baseIs', { value: formatFigure(view.baseValue, parameter.unit) })}</div>
      ) : null}
      {findings.map((f, i) => (
        <div key={`${f.finding.constraint ?? ''}-${i}`} style={{ marginTop: 4 }}>
          <strong>{t(`severity.${f.severity}`)}</strong>:<FindingDetail message={f.finding.message} />
          {f.constraint ? <div>{localized(f.constraint.label, i18n.language)}</div> : null}
          {f.finding.basis || f.constraint?.basis ? (
            <div>{t('constraint.basis', { basis: f.finding.basis ?? f.constraint?.basis })}</div>
          ) : null}
        </div>
      ))}
    </div>
  );
}
