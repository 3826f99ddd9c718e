import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import type { CheckFinding, PlacedFinding } from '../model/constraints';
import { FindingDetail } from './finding-detail';
import { placeName } from './place-name';

/**
 * Always above the grid: how many figures break a policy constraint (errors) or deserve a look
 * (warnings), each with its constraint, place, message and legal basis; and other problems of the
 * document. Nothing when all is well.
 */
export function FindingsSummary({
  document,
  findings,
  otherErrors,
}: {
  document: RulesetVersion;
  findings: readonly PlacedFinding[];
  otherErrors: readonly CheckFinding[];
}) {
  const { t, i18n } = useTranslation('parameters');
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const line = (f: PlacedFinding, i: number) => (
    <li key={`${f.finding.constraint ?? ''}-${f.finding.jurisdiction ?? ''}-${i}`}>
      {f.constraint ? <strong>{localized(f.constraint.label, i18n.language)}</strong> : null}
      {f.finding.jurisdiction
        ? `(${placeName(document, { kind: 'jurisdiction', code: f.finding.jurisdiction }, t, i18n.language)})`
        : ''}
      :<FindingDetail message={f.finding.message} />{' '}
      <span style={{ opacity: 0.75 }}>
        {t('constraint.basis', { basis: f.finding.basis ?? f.constraint?.basis ?? '' })}
      </span>
    </li>
  );
  const list = (items: readonly PlacedFinding[]) => (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>{items.slice(0, 30).map(line)}</ul>
  );
  if (!errors.length && !warnings.length && !otherErrors.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} role="status" aria-live="polite">
      {errors.length ? (
        <Alert
          type="error"
          showIcon
          title={t('findings.errors', { count: errors.length })}
          description={list(errors)}
        />
      ) : null}
      {warnings.length ? (
        <Alert
          type="warning"
          showIcon
          title={t('findings.warnings', { count: warnings.length })}
          description={list(warnings)}
        />
      ) : null}
      {otherErrors.length ? (
        <Alert
          type="error"
          showIcon
          title={t('findings.document', { count: otherErrors.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {otherErrors.slice(0, 20).map((f, i) => (
                <li key={`${f.path}-${i}`}>
                  <code>{f.path || '/'}</code> {f.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Space>
  );
}
