import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { placeName } from '../lib/figures';

interface ParameterChange {
  parameter: string;
  jurisdiction: string | null;
  old: string | null;
  new: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What an audit entry changed, in words: a parameter change as "label · place: old → new" (labels
 * and places from `document`), other kinds of content as added/removed/changed identifiers, a
 * lifecycle step's reason, effective date, retroactive or uncovered dates.
 */
export function AuditDetails({
  details,
  document,
}: {
  details: unknown;
  document: RulesetVersion | undefined;
}) {
  const { t, i18n } = useTranslation('workflow');
  if (!isObject(details)) return null;
  const lines: string[] = [];
  const none = t('conflict.none');
  const labelOf = (key: string) => {
    const p = document?.parameters.find((x) => x.key === key);
    return p ? (i18n.language === 'en' ? p.label.en : p.label.zh) : key;
  };
  if (typeof details.reason === 'string') lines.push(t('history.reason', { reason: details.reason }));
  if (typeof details.basedOn === 'string') lines.push(t('history.basedOn', { version: details.basedOn }));
  if (typeof details.effectiveFrom === 'string')
    lines.push(t('history.effectiveFrom', { date: details.effectiveFrom }));
  const range = (r: unknown) =>
    isObject(r) ? `${String(r.from)} – ${r.to === null ? t('history.onwards') : String(r.to)}` : '';
  if (isObject(details.affectedDates))
    lines.push(t('history.affected', { range: range(details.affectedDates) }));
  if (Array.isArray(details.uncoveredDates))
    lines.push(t('history.uncovered', { range: details.uncoveredDates.map(range).join(', ') }));
  if (isObject(details.accepted)) {
    const tests = details.accepted.tests;
    lines.push(
      t('history.accepted', {
        tests: tests === 'all' ? t('history.allTests') : (tests as string[]).join(', '),
      }),
    );
  }
  if (isObject(details.changes)) {
    for (const [kind, value] of Object.entries(details.changes)) {
      if (Array.isArray(value))
        for (const c of value as ParameterChange[])
          lines.push(
            `${labelOf(c.parameter)}${c.jurisdiction ? ` · ${placeName(document, c.jurisdiction, i18n.language)}` : ''}: ${c.old ?? none} → ${c.new ?? none}`,
          );
      else if (isObject(value))
        for (const how of ['added', 'removed', 'changed'] as const) {
          const ids = value[how];
          if (Array.isArray(ids) && ids.length)
            lines.push(
              `${t(`history.kind.${kind}`, { defaultValue: kind })} · ${t(`history.${how}`)}: ${ids
                .map((id) => (kind === 'parameters' ? labelOf(String(id)) : String(id)))
                .join(', ')}`,
            );
        }
    }
  }
  if (!lines.length) return null;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {lines.map((line, i) => (
        <li key={i}>
          <Typography.Text>{line}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
