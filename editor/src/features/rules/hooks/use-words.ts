import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../lib/glossary';
import type { Words } from '../lib/parts';

/** The `rules` namespace's `t`, the same as sentence {@link Words}, and the language (zh or en). */
export function useWords() {
  const { t, i18n } = useTranslation('rules');
  const language: Language = i18n.language === 'en' ? 'en' : 'zh';
  const words = useMemo<Words>(() => (key, options) => t(key, options ?? {}), [t]);
  return { t, words, language };
}
