import type { ParameterT } from '@engine/schema/ruleset.schema';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import type { ChangeRow, Place, Scheme } from '../model/change-rows';

/** Words for the rows of a comparison, in the editor's current language. */
export function useCompareLabels() {
  const { t, i18n } = useTranslation('compare');
  const language = i18n.language;
  return {
    /** 全市, a group's name (十堰城区) or a jurisdiction's name (茅箭区; its code when unnamed). */
    place: (place: Place): string =>
      place.kind === 'everywhere'
        ? t('place.everywhere')
        : place.kind === 'group'
          ? localized(place.name, language)
          : place.name
            ? localized(place.name, language)
            : place.code,
    /** 低保, 特困人员救助供养…, or 其他 for a parameter no group claims. */
    scheme: (scheme: Scheme): string =>
      scheme.label ? localized(scheme.label, language) : t('standards.other'),
    /** 元/月, 比例…; empty for an unknown unit. */
    unit: (unit: ParameterT['unit'] | null): string => (unit ? t(`unit.${unit}`) : ''),
    /** The parameter's label (its key when no document labels it). */
    parameter: (row: ChangeRow): string => (row.label ? localized(row.label, language) : row.parameter),
  };
}
