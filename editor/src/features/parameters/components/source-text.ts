import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import type { TFunction } from 'i18next';
import type { Source } from '../model/edit';

/**
 * A source in words: a published notice by number (or title) and date, with the note; 示例值 with
 * its note; or 缺少来源.
 */
export function sourceText(
  document: RulesetVersion,
  source: Source | undefined,
  t: TFunction<'parameters'>,
): string {
  if (!source) return t('source.missing');
  const note = source.note?.trim();
  if (source.type === 'illustrative')
    return note ? t('source.illustrativeWith', { note }) : t('source.illustrative');
  const notice = document.metadata.sources.find((s) => s.id === source.document);
  if (!notice) return t('source.missing');
  const name = [notice.number ?? notice.title, notice.date].filter(Boolean).join(' ');
  return note ? `${name} · ${note}` : name;
}
