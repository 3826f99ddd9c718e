import { useTranslation } from 'react-i18next';
import type { ChangeRow } from '../model/change-rows';
import { useCompareLabels } from '../hooks/use-compare-labels';

/** Column widths in percent of the 180 mm line: 序号, 项目, 地区, 原标准, 新标准, 调整幅度, 单位. */
const WIDTHS = [6, 26, 12, 11, 11, 21, 13];

/**
 * The printed annex itself, a plain document table (not an interactive widget) so that the print
 * is black on white and its thead (title, number, date, column names) repeats on every A4 page.
 */
export function AnnexTable({
  rows,
  title,
  number,
  effective,
  changeText,
}: {
  rows: ChangeRow[];
  title: string;
  number: string;
  effective: string;
  changeText: (row: ChangeRow) => string;
}) {
  const { t } = useTranslation('compare');
  const labels = useCompareLabels();
  const columns = ['index', 'item', 'place', 'old', 'new', 'change', 'unit'] as const;
  return (
    <article className="compare-annex" data-testid="annex">
      <table>
        <colgroup>
          {WIDTHS.map((width, i) => (
            <col key={i} style={{ width: `${width}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr className="annex-heading">
            <th colSpan={columns.length}>
              <div className="annex-title">{title}</div>
              <div className="annex-meta">
                <span data-testid="annex-number">{number}</span>
                <span>{effective}</span>
              </div>
            </th>
          </tr>
          <tr className="annex-columns">
            {columns.map((c) => (
              <th key={c} scope="col">
                {t(`annex.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{t('annex.empty')}</td>
            </tr>
          ) : (
            rows.map((row, i) => (
              <tr key={row.key}>
                <td>{i + 1}</td>
                <td className="annex-item">{labels.parameter(row)}</td>
                <td>{labels.place(row.place)}</td>
                <td className="annex-figure">{row.old ?? '—'}</td>
                <td className="annex-figure">{row.new ?? '—'}</td>
                <td className="annex-figure annex-change">{changeText(row)}</td>
                <td>{labels.unit(row.unit)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </article>
  );
}
