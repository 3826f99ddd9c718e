import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describePointer, placeName, type FigureWords } from './figures';

/** Describes JSON pointers of `document` in the current language (see describePointer). */
export function usePointerWords(document: RulesetVersion | undefined): (pointer: string) => string {
  const { t, i18n } = useTranslation('workflow');
  const language = i18n.language;
  return useCallback(
    (pointer: string) => {
      const words: FigureWords = {
        place: (code) => placeName(document, code, language),
        field: (name) => t(`field.${name}`, { defaultValue: name }),
        everywhere: t('field.everywhere'),
      };
      return describePointer(document, pointer, language, words);
    },
    [document, language, t],
  );
}
