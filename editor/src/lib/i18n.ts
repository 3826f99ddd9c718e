import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The editor's two languages: Chinese first, English second. */
export type EditorLanguage = 'zh' | 'en';

const STORAGE_KEY = 'rules-editor.language';

/** The language the official chose last in this browser (Chinese unless they chose English). */
export function storedLanguage(): EditorLanguage {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Starts i18next with every namespace's messages; `common` is the default namespace. */
export function initI18n(resources: Resource, language: EditorLanguage = storedLanguage()): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: 'zh',
      defaultNS: 'common',
      ns: Object.keys(resources.zh ?? {}),
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  }
  return i18n;
}

/** Switches the language and remembers it. */
export async function switchLanguage(language: EditorLanguage): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // A browser that refuses storage still switches for this page.
  }
  await i18n.changeLanguage(language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

/** Picks the text of a `{zh, en}` label in the current language. */
export function localized(text: { zh: string; en: string } | undefined, language: string): string {
  if (!text) return '';
  return language === 'en' ? text.en : text.zh;
}
