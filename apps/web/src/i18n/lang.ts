import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

const STORAGE_KEY = 'ipe.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // storage unavailable (private mode): fall back to Chinese
  }
  return 'zh-CN';
}

let current: Lang = readStoredLang();
const listeners = new Set<(lang: Lang) => void>();

/** The UI language; also sent as `Accept-Language` so problem titles come back in it. */
export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  document.documentElement.lang = lang;
  listeners.forEach((fn) => fn(lang));
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export type TranslateVars = Record<string, string | number>;

/** Look a message up and fill `{name}` placeholders. Usable outside React (e.g. in the HTTP client). */
export function translate(key: MessageKey, vars?: TranslateVars, lang: Lang = current): string {
  const template = dictionaries[lang][key] ?? zhCN[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}
