import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import type { TFunction } from 'i18next';
import { localized } from '@/lib/i18n';
import type { CellTarget } from '../model/resolve';

/** The name of a place of the grid: 全市, a group's name, or a jurisdiction's name. */
export function placeName(
  document: RulesetVersion,
  target: CellTarget,
  t: TFunction<'parameters'>,
  language: string,
): string {
  if (target.kind === 'city') return t('grid.city');
  if (target.kind === 'group')
    return (
      localized(document.jurisdictionGroups.find((g) => g.id === target.id)?.name, language) || target.id
    );
  return localized(document.jurisdictions.find((j) => j.code === target.code)?.name, language) || target.code;
}
