/**
 * Search keys: the form two values share when a person at the call centre would call
 * them "the same". Only keys are normalised; displayed values stay as imported.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Katakana → hiragana (after NFKC, so half-width ｶﾅ is covered too). */
export function foldKana(text: string): string {
  // A loop, not a replace with a callback per character: a kana column is all katakana, and
  // this runs a few times per row of a 20M-row import.
  let i = 0;
  while (i < text.length && !isKatakana(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += isKatakana(c) ? String.fromCharCode(c - 0x60) : text[i];
  }
  return out;
}
const isKatakana = (c: number) => c >= 0x30a1 && c <= 0x30f6;

/**
 * The value through NFKC (after joinVoicingMarks and without INVISIBLE characters), trimmed.
 * normalize() is an ICU call per field per row of an import (four per row: the name, the kana
 * and their given names). Most values are already NFKC: printable ASCII (numbers, phones,
 * e-mails, postcodes) and names written in kanji, hiragana and full-width katakana, perhaps
 * with an ideographic space between the words — whose NFKC is an ordinary space. Those are
 * settled by a loop over their characters (stableNfkc); anything else goes through ICU.
 */
export const nfkc = (v: string) => (stableNfkc(v) ?? joinVoicingMarks(v).replace(INVISIBLE, '').normalize('NFKC')).trim();

/**
 * NFKC of v when every character is one NFKC leaves alone whatever surrounds it — printable
 * ASCII, CJK unified ideographs (U+4E00–9FFF), hiragana (U+3041–3096), katakana with the
 * middle dot and the long vowel mark (U+30A1–30FC), 々 — or the ideographic space, which NFKC
 * makes U+0020; else null. None of them is a combining mark or starts a composition with the
 * next character (normalize.test.ts holds each one, and random strings of them, to ICU's answer).
 */
export function stableNfkc(v: string): string | null {
  let wide = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 || c === 0x7f) return null;
    } else if (c >= 0x4e00) {
      if (c > 0x9fff) return null;
    } else if (c >= 0x3041) {
      if (c > 0x30fc || (c > 0x3096 && c < 0x30a1)) return null;
    } else if (c === 0x3000) wide = true;
    else if (c !== 0x3005) return null;
  }
  return wide ? v.replaceAll('\u3000', ' ') : v;
}

/**
 * Characters that show nothing and a person cannot say or type — a zero-width space, a word
 * joiner, a soft hyphen, a byte-order mark inside a cell (lists pasted from web pages or
 * concatenated files hold them): not part of a key, or C0001 with one is not C0001.
 */
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;

/**
 * The spacing voicing marks ゛ ゜ (U+309B/C, what old systems and hand conversions of
 * half-width kana write: ヤマタ゛) as the combining ones, so NFKC joins them to their kana
 * (タ゛ → ダ) as it does ﾀﾞ. NFKC alone makes each a space and a combining mark: the kana
 * was not the caller's やまだ and the space split off a "given name" of a lone mark.
 */
const joinVoicingMarks = (v: string) => (v.includes('\u309b') || v.includes('\u309c') ? v.replace(/\u309b/g, '\u3099').replace(/\u309c/g, '\u309a') : v);

/**
 * A customer number without white space, in upper case, and without the characters that show
 * nothing and no customer number holds (NUMBER_INVISIBLE): C0001 pasted with a direction mark
 * or a joiner inside is still C0001. They are left out before NFKC, so a mark between a letter
 * and its voicing or accent does not keep the two apart (ｶ‍ﾞ is ガ). Looked for only in a
 * number that is not all printable ASCII (numbers by millions).
 */
export function normalizeCustomerNo(v: string): string {
  if (!NOT_PRINTABLE_ASCII.test(v)) return legacyCustomerNo(v);
  // A number holding a right-to-left control keeps every direction control: the ones that end
  // or limit it decide what it shows (‮10‬00C reads 0100C, ‮1000C reads C0001).
  return legacyCustomerNo(v.replace(RIGHT_TO_LEFT.test(v) ? INVISIBLE_BUT_DIRECTION : NUMBER_INVISIBLE, ''));
}

/**
 * The key of a customer number as lists imported before 2026-12-08 hold it (only the four
 * characters nfkc leaves out were dropped): a lookup or a result list whose number carries
 * other marks also tries this key, so a number pasted as it was imported is still found there.
 */
export function legacyCustomerNo(v: string): string {
  return nfkc(v).replace(/\s+/g, '').toUpperCase();
}

const NOT_PRINTABLE_ASCII = /[^ -~]/;

/**
 * Format characters (\p{Cf}: direction marks and embeddings a copy from a spreadsheet or a web
 * page brings, isolates, zero-width joiners, invisible operators, tags) and the blank fillers
 * (Hangul U+115F, U+1160, U+3164, U+FFA0; braille U+2800) — except the right-to-left marks,
 * embedding, override and isolate (U+200F, U+061C, U+202B, U+202E, U+2067): they can show one
 * number as another (RLO 1000C reads C0001), so a number holding one keeps it, with every other
 * direction control, and matches only itself, never the number it looks like or the one it hides.
 */
const NUMBER_INVISIBLE = /(?![\u200f\u061c\u202b\u202e\u2067])[\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;
const RIGHT_TO_LEFT = /[\u200f\u061c\u202b\u202e\u2067]/;
/** NUMBER_INVISIBLE less every direction control (marks, embeddings, overrides, isolates and their ends). */
const INVISIBLE_BUT_DIRECTION = /(?![\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069])[\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;

/**
 * An address as a mail system takes it: one typed with the IME on (Ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ)
 * or with a stray space is matched and counted as an e-mail, so it must also be written
 * that way where it is sent from (case kept: the local part may be case-sensitive).
 */
export function sendableEmail(v: string): string {
  return nfkc(v);
}

export function normalizeEmail(v: string): string {
  const s = nfkc(v).toLowerCase();
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s) ? s : '';
}

/** Kana for search: NFKC, hiragana, no spaces or middle dots, long vowel mark kept. */
export function normalizeKana(v: string): string {
  return kanaOfNfkc(nfkc(v));
}

/** normalizeKana of a value already through nfkc(). */
export const kanaOfNfkc = (v: string): string => foldKana(v).replace(/[\s\u30fb・]/g, '');

export function normalizeName(v: string): string {
  return nameOfNfkc(nfkc(v));
}

/** normalizeName of a value already through nfkc(). */
export const nameOfNfkc = (v: string): string => v.replace(/\s+/g, '');

/**
 * Old and variant forms of kanji common in family names, as their everyday form: the list
 * says 髙橋 or 𠮷田 as the customer registered, the caller and the operator type 高橋 and
 * 吉田. Only characters that are the same name written two ways; NFKC already folds the
 * compatibility ideographs that have a decomposition (塚, 隆).
 */
const NAME_VARIANTS: ReadonlyMap<string, string> = new Map([
  ['髙', '高'], ['𠮷', '吉'], ['﨑', '崎'], ['嵜', '崎'], ['碕', '崎'], ['邉', '辺'], ['邊', '辺'], ['齋', '斎'], ['齊', '斉'],
  ['濵', '浜'], ['濱', '浜'], ['澤', '沢'], ['德', '徳'], ['冨', '富'], ['廣', '広'], ['國', '国'], ['櫻', '桜'], ['眞', '真'],
  ['實', '実'], ['惠', '恵'], ['栁', '柳'], ['瀨', '瀬'], ['黑', '黒'], ['藏', '蔵'], ['壽', '寿'], ['傳', '伝'], ['與', '与'],
]);
const NAME_VARIANT = new RegExp(`[${[...NAME_VARIANTS.keys()].join('')}]`, 'gu');
/** Ideographic variation selectors (葛󠄀, 辻󠄀): the glyph differs, the name does not. */
const VARIATION_SELECTOR = /[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]/g;

/** A name as compared for a lookup: variant kanji as their everyday form, no variation selectors. */
export function foldNameVariants(v: string): string {
  return v.replace(VARIATION_SELECTOR, '').replace(NAME_VARIANT, (ch) => NAME_VARIANTS.get(ch) ?? ch);
}

/** 7 digits or '' (〒 and hyphens of any width dropped). */
export function normalizePostcode(v: string): string {
  const d = nfkc(v).replace(/\D/g, '');
  return d.length === 7 ? d : '';
}

const DOMESTIC = /^0\d{9,10}$/;

/**
 * E.164 or ''. A Japanese domestic number written with hyphens is by far the common case
 * and libphonenumber-js costs ~6 µs per call (6 s per million rows), so that case is
 * rewritten directly — to exactly what libphonenumber-js returns for it (tested) — and
 * everything else (international, odd formats) goes through libphonenumber-js.
 */
export function normalizePhone(v: string): string {
  const s = nfkc(v);
  const digits = s.replace(/[\s\-()]/g, '');
  if (DOMESTIC.test(digits)) return `+81${digits.slice(1)}`;
  if (!/\d{6,}/.test(s.replace(/\D/g, ''))) return '';
  const parsed = parsePhoneNumberFromString(s, 'JP');
  return parsed && parsed.isPossible() ? parsed.number : '';
}

/** Kana prefixes indexed for search-as-you-type; longer queries are checked on the rows. */
export const MIN_KANA_PREFIX = 2;
export const MAX_KANA_PREFIX = 4;

const FORMULA_START = new Set([0x09, 0x0d, 0x20, 0x3000, 0x3d, 0x2b, 0x2d, 0x40, 0xff1d, 0xff0b, 0xff0d, 0xff20, 0x2212]);

/** Cells a spreadsheet would run as a formula (same rule as exports guard against). */
export function isFormulaLike(v: string): boolean {
  // Only these can start a formula (after whitespace): skip the regexes for every other
  // cell, which is nearly all of them (1M rows × 9 cells).
  if (!FORMULA_START.has(v.charCodeAt(0))) return false;
  return /^[\s\t\r]*[=+\-@\uff1d\uff0b\uff0d\uff20\u2212]/.test(v) && !/^[+-]?[\d\s()-]+$/.test(v.trim());
}
