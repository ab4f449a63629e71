import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getLang, onLangChange, setLang, translate, type Lang, type TranslateVars } from './lang';
import type { MessageKey } from './zh-CN';

export type { Lang, TranslateVars } from './lang';
export type { MessageKey } from './zh-CN';
export { getLang, translate } from './lang';

export type TFunction = (key: MessageKey, vars?: TranslateVars) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18nValue>({ lang: 'zh-CN', setLang });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(getLang);
  useEffect(() => {
    document.documentElement.lang = getLang();
    return onLangChange(setLangState);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Current language and a setter (persists to localStorage). */
export function useLang(): I18nValue {
  return useContext(I18nContext);
}

/** `const t = useT(); t('login.title')` — re-renders when the language changes. */
export function useT(): TFunction {
  const { lang } = useContext(I18nContext);
  return useCallback<TFunction>((key, vars) => translate(key, vars, lang), [lang]);
}
