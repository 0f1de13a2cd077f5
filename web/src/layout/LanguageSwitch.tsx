/** 中文 / English switch; the choice is remembered. */
import { Segmented } from 'antd';
import { useLocale, type Lang } from '../i18n/locale.tsx';

export function LanguageSwitch() {
  const { lang, setLang } = useLocale();
  return (
    <Segmented<Lang>
      aria-label="Language / 语言"
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
