/**
 * Language state and the translation function. Japanese by default; the choice is a
 * device preference (kept in the unencrypted prefs table, so the unlock screen shows it).
 */
import { create } from 'zustand';
import type { Language } from '../../../shared/ipc/contract';
import { en } from './en';
import { ja } from './ja';
import type { Dictionary, MessageKey } from './dictionary';

export const DICTIONARIES: Record<Language, Dictionary> = { ja, en };

export function lookup(dict: Dictionary, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], dict);
}

/**
 * `{name}` is the value; `{name|one|other}` picks a word by it — `one` for exactly 1, `other`
 * otherwise — for the English text ("{n} {n|letter|letters}"). A number formatted for the screen
 * ("1,200") reads as its number.
 */
function fill(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (m, name: string, one: string, other: string) => {
      const value = params[name];
      if (value === undefined) return m;
      return (typeof value === 'number' ? value : Number(String(value).replace(/[,\s]/g, ''))) === 1 ? one : other;
    })
    .replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
}

export function translate(lang: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text = lookup(DICTIONARIES[lang], key);
  if (typeof text !== 'string') throw new Error(`i18n: missing message "${key}" (${lang})`);
  return fill(text, params);
}

/**
 * A message whose key is made at run time (a problem's reason from a command), or
 * undefined when the dictionary has none: the caller then says something general.
 */
export function translateIfAny(t: { dict: Dictionary }, key: string, params?: Record<string, string | number>): string | undefined {
  const text = lookup(t.dict, key);
  return typeof text === 'string' ? fill(text, params) : undefined;
}

interface I18nState {
  lang: Language;
  setLang: (lang: Language) => void;
}

export const useI18n = create<I18nState>((set) => ({
  lang: 'ja',
  setLang: (lang) => {
    document.documentElement.lang = lang;
    set({ lang });
  },
}));

/** The translate function of one language, with its language and dictionary attached. */
function makeTranslator(lang: Language) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  return Object.assign(t, { lang, dict: DICTIONARIES[lang] });
}

/** One translator per language, the same object every time: a memoised part of the screen redraws only when the language changes. */
const translators = new Map<Language, ReturnType<typeof makeTranslator>>();
export function translatorFor(lang: Language) {
  let t = translators.get(lang);
  if (!t) translators.set(lang, (t = makeTranslator(lang)));
  return t;
}

export type Translator = ReturnType<typeof translatorFor>;

/** The translate function for the current language, for components. */
export function useT(): Translator {
  const lang = useI18n((s) => s.lang);
  return translatorFor(lang);
}
