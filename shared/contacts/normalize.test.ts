import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { isFormulaLike, normalizeCustomerNo, normalizeEmail, normalizeKana, normalizePhone, normalizePostcode } from './normalize';
import { searchKeys, queryKey } from './tokens';

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
