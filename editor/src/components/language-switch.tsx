import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { switchLanguage, type EditorLanguage } from '@/lib/i18n';

/** 中文 / English: every label of the editor follows. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<EditorLanguage>
      aria-label={t('language.label')}
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh'}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(value) => void switchLanguage(value)}
    />
  );
}
