/**
 * A document is written in one language, which need not be the screen's: a statement
 * drafted in Japanese stays Japanese when someone reads the app in English. Its words come
 * from that language's dictionary.
 */
import { DICTIONARIES, translate, type useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/dictionary';
import type { Language } from '../../../shared/ipc/contract';

export type T = ReturnType<typeof useT>;

export function tFor(lang: Language): T {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  return Object.assign(t, { lang, dict: DICTIONARIES[lang] });
}

/** "2026年11月22日" / "22 November 2026": the date line of a document, in Tokyo. */
export function documentDate(iso: string | number | Date, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(new Date(iso));
}
