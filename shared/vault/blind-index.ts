/**
 * Blind indexes: a keyed HMAC of a normalised value, so the app can look up a customer by
 * phone, e-mail, number or kana without storing any of them in clear. Without the
 * workspace key the index reveals nothing (not even by hashing a phone book).
 */
import { toBase64Url, utf8 } from './bytes';

export type BlindIndexKind = 'phone' | 'email' | 'customer-no' | 'kana' | 'kana-prefix' | 'postcode' | 'name';

/** Katakana → hiragana, so カタカナ and かたかな index alike. */
export function foldKana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** The form two values share when a person would call them "the same". */
export function normalizeForIndex(kind: BlindIndexKind, value: string): string {
  const v = value.normalize('NFKC').trim();
  switch (kind) {
    case 'phone':
      return v.replace(/[^\d+]/g, '').replace(/^\+81/, '0');
    case 'email':
      return v.toLowerCase();
    case 'postcode':
      return v.replace(/\D/g, '');
    case 'customer-no':
      return v.replace(/\s+/g, '').toUpperCase();
    case 'kana':
    case 'kana-prefix':
      return foldKana(v).replace(/[\s\u30fb・]/g, '');
    case 'name':
      return v.replace(/\s+/g, '');
  }
}

/** base64url of the first 16 bytes of HMAC-SHA-256(kind ":" normalised value). */
export async function blindIndex(key: CryptoKey, kind: BlindIndexKind, value: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, utf8(`${kind}:${normalizeForIndex(kind, value)}`));
  return toBase64Url(new Uint8Array(mac).slice(0, 16));
}

/** Indexes of every prefix up to maxLength characters, for search-as-you-type on kana. */
export async function blindPrefixes(key: CryptoKey, value: string, maxLength = 6): Promise<string[]> {
  const norm = normalizeForIndex('kana-prefix', value);
  const out: string[] = [];
  for (let n = 1; n <= Math.min(maxLength, norm.length); n++) {
    out.push(await blindIndex(key, 'kana-prefix', norm.slice(0, n)));
  }
  return out;
}
