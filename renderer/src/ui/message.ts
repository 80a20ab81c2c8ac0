/**
 * A status or error line kept as its dictionary key and parameters, and turned into words
 * only when rendered. Text made at the moment something happened stays in that moment's
 * language: switch to English and a Japanese line would remain on screen. The lint rule
 * "no t(...) inside a state setter" (eslint.config.js) keeps it that way.
 */
import type { MessageKey } from '../i18n/dictionary';
import type { Translator } from '../i18n/i18n';

export interface Message {
  key: MessageKey;
  params?: Record<string, string | number>;
  /** A success line (role=status) rather than a problem (role=alert). */
  ok?: boolean;
}

export function message(key: MessageKey, params?: Record<string, string | number>, ok = true): Message {
  return params ? { key, params, ok } : { key, ok };
}

export function problem(key: MessageKey, params?: Record<string, string | number>): Message {
  return message(key, params, false);
}

/** The message in the reader's current language. */
export function say(t: Translator, m: Message): string {
  return t(m.key, m.params);
}
