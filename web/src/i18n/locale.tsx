/**
 * The interface language: Chinese by default, English on request; the choice is remembered in the
 * browser. Texts are written in place as (zh, en) pairs so that each stays next to where it shows.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'jixiao.lang';

interface LocaleValue {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
  /** The text in the current language. */
  readonly t: (zh: string, en: string) => string;
  /** Picks the current language's side of a bilingual message from the server or the checker. */
  readonly pick: (message: { zh: string; en: string }) => string;
  /** A time as people of the language write it: `2026年11月27日 07:41`, `27 Nov 2026, 07:41`; `clock` for the time of day alone. */
  readonly time: (at: string | Date, style?: 'full' | 'seconds' | 'clock') => string;
}

const FORMATS = {
  zh: {
    full: new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }),
    seconds: new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'medium' }),
    clock: new Intl.DateTimeFormat('zh-CN', { timeStyle: 'medium' }),
  },
  en: {
    full: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    seconds: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }),
    clock: new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' }),
  },
} as const;

const LocaleContext = createContext<LocaleValue | null>(null);

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page only.
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<LocaleValue>(
    () => ({
      lang,
      setLang,
      t: (zh, en) => (lang === 'zh' ? zh : en),
      pick: (message) => (lang === 'zh' ? message.zh : message.en),
      time: (at, style = 'full') => {
        const date = typeof at === 'string' ? new Date(at) : at;
        return Number.isNaN(date.getTime()) ? String(at) : FORMATS[lang][style].format(date);
      },
    }),
    [lang, setLang],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/** The current language and its helpers. */
export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside LocaleProvider');
  return value;
}
