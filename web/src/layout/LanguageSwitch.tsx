/** 中文 / English switch; the choice is remembered. Native radio buttons in a labelled group, drawn as a segmented control (styles.css). */
import { useLocale, type Lang } from '../i18n/locale.tsx';

const OPTIONS: ReadonlyArray<{ value: Lang; label: string }> = [
  { value: 'zh', label: '中文' },
  { value: 'en', label: 'English' },
];

export function LanguageSwitch() {
  const { lang, setLang } = useLocale();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">语言 Language</legend>
      {OPTIONS.map((option) => (
        <label key={option.value} className={option.value === lang ? 'selected' : undefined} lang={option.value === 'zh' ? 'zh-CN' : 'en'}>
          <input type="radio" name="jixiao-language" value={option.value} checked={option.value === lang} onChange={() => setLang(option.value)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
