import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { keysByDefinition } from './keys.fixture';
import { foldKana, isFormulaLike, normalizeCustomerNo, normalizeEmail, normalizeKana, normalizePhone, normalizePostcode } from './normalize';
import { normaliseKeys, queryKey, searchKeys } from './tokens';

describe('search-key normalisation', () => {
  it('phones: domestic fast path equals libphonenumber-js, full-width and international handled', () => {
    for (const p of ['090-1234-5678', '03-1234-5678', '0120-123-456', '06(1234)5678', '011-222-3333']) {
      expect(normalizePhone(p)).toBe(parsePhoneNumberFromString(p, 'JP')!.number);
    }
    expect(normalizePhone('０９０－１２３４－５６７８')).toBe('+819012345678');
    expect(normalizePhone('+81 90 1234 5678')).toBe('+819012345678');
    expect(normalizePhone('+1 415 555 2671')).toBe('+14155552671');
    expect(normalizePhone('不明')).toBe('');
  });

  it('kana folds katakana, half-width and spaces; postcode wants 7 digits', () => {
    expect(normalizeKana('ヤマダ　ハナコ')).toBe('やまだはなこ');
    expect(normalizeKana('ﾔﾏﾀﾞ ﾊﾅｺ')).toBe('やまだはなこ');
    expect(normalizePostcode('〒１００－０００１')).toBe('1000001');
    expect(normalizePostcode('100-01')).toBe('');
    expect(normalizeCustomerNo(' ｃ-０１２ ')).toBe('C-012');
    expect(normalizeEmail('Hanako@Example.JP ')).toBe('hanako@example.jp');
    expect(normalizeEmail('not an address')).toBe('');
  });

  it('search keys: one per kind, kana prefixes up to 4, postcode, given name in kanji and kana', () => {
    const keys = searchKeys({ customerNo: 'A1', name: '山田 花子', kana: 'ヤマダ ハナコ', postcode: '100-0001', email: 'a@b.jp', phone: '090-1111-2222' });
    expect(keys.map(([k]) => k)).toEqual(['no', 'phone', 'email', 'kp2', 'kp3', 'kp4', 'pc', 'gn', 'gn']);
    expect(keys.slice(6).map(([, v]) => v)).toEqual(['1000001', '花子', 'はなこ']);
    expect(queryKey('kana-prefix', 'や')).toBeNull();
    expect(queryKey('kana-prefix', 'やまだは')).toEqual(['kp4', 'やまだは']);
    expect(queryKey('kana-prefix', 'ヤマダハナコ')).toEqual(['kp4', 'やまだは']);
    expect(queryKey('postcode-name', '1000001', '山田花子')).toEqual(['pn', '1000001\u0000山田花子']);
  });

  it('formula-like cells, but not phone numbers or negative numbers', () => {
    expect(isFormulaLike('=HYPERLINK("x")')).toBe(true);
    expect(isFormulaLike('@SUM(A1)')).toBe(true);
    expect(isFormulaLike('＝1+1')).toBe(true);
    expect(isFormulaLike('+81 90 1234 5678')).toBe(false);
    expect(isFormulaLike('-12')).toBe(false);
    expect(isFormulaLike('山田')).toBe(false);
  });
});

describe('the keys of a row, made once per row at import', () => {
  // Scripts, widths, spaces and marks a list holds: half-width kana with their voicing marks,
  // the spacing voicing mark (NFKC makes it a space + a combining mark), middle dots, ideographic spaces.
  const pool = ['', ' ', '\u3000', '\t', 'ﾔﾏﾀﾞ', 'ヤマダ', 'やまだ', 'ヴ', 'ヵヶ', 'ー', '・', '･', '゛', 'か', '\u309b', '\u3099', 'ｶﾞ', '山田', '髙橋', '𠮷', 'Ａｂｃ', 'abc', 'ﾊﾅｺ', '①', '㍻', '\ud842', 'é', 'e\u0301'];
  let x = 7;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const text = () => Array.from({ length: Math.floor(rnd() * 6) }, () => pool[Math.floor(rnd() * pool.length)]!).join('');

  it('are what the normalisers give field by field, for any text', () => {
    for (let i = 0; i < 3_000; i++) {
      const row = { customerNo: text(), name: text(), kana: text(), postcode: text(), email: text(), phone: text() };
      expect(normaliseKeys(row)).toEqual(keysByDefinition(row));
    }
  });

  it('fold katakana to hiragana exactly as the character range says, and nothing else', () => {
    const byRange = (t: string) => t.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
    for (let i = 0; i < 3_000; i++) {
      const t = text() + String.fromCharCode(0x30a0 + Math.floor(rnd() * 0x60)) + text();
      expect(foldKana(t)).toBe(byRange(t));
    }
    expect(foldKana('ヤマダ・タロウ ｶﾅ ァヶヷ')).toBe('やまだ・たろう ｶﾅ ぁゖヷ');
  });
});
