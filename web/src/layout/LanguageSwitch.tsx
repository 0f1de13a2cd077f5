/** 中文 / English switch; the choice is remembered. Native radio buttons drawn as a segmented control (styles.css). */
import { useLocale, type Lang } from '../i18n/locale.tsx';

const OPTIONS: ReadonlyArray<{ value: Lang; label: string }> = [
  { value: 'zh', label: '中文' },
  { value: 'en', label: 'English' },
];

export function LanguageSwitch() {
  const { lang, setLang } = useLocale();
  return (
    <div className="segmented" role="radiogroup" aria-label="Language / 语言">
      {OPTIONS.map((option) => (
        <label key={option.value} className={option.value === lang ? 'selected' : undefined}>
          <input type="radio" name="jixiao-language" value={option.value} checked={option.value === lang} onChange={() => setLang(option.value)} />
          {option.label}
        </label>
      ))}
    </div>
  );
}
