import { describe, expect, it } from 'vitest';
import { givenPart, nameMatches, normaliseKeys, queryKey, type RowKeys, searchKeys } from './tokens';

const row: RowKeys = { customerNo: 'C000000200', name: '田中 花子', kana: 'タナカ ハナコ', postcode: '100-0001', email: 'Hanako.Tanaka@Example.jp', phone: '090-1234-5678' };

/** The ways people type the same value at the call centre (issue 10 item 11). */
const WRITTEN: Record<string, string[]> = {
  no: ['C000000200', 'Ｃ００００００２００', 'c000000200', ' C000000200 ', 'ｃ００００００２００'],
  phone: ['090-1234-5678', '０９０－１２３４－５６７８', '09012345678', '090 1234 5678', '+81 90-1234-5678'],
  email: ['hanako.tanaka@example.jp', 'ＨＡＮＡＫＯ．ＴＡＮＡＫＡ＠ＥＸＡＭＰＬＥ．ＪＰ', ' Hanako.Tanaka@EXAMPLE.JP'],
  'kana-prefix': ['タナカ', 'たなか', 'ﾀﾅｶ', 'タ ナ カ', 'タナカハ', 'ﾀﾅｶﾊﾅｺ'],
  postcode: ['100-0001', '１００－０００１', '〒100-0001', '1000001', '〒１００ー０００１'.replace('ー', '－')],
  given: ['花子', 'ハナコ', 'はなこ', 'ﾊﾅｺ', ' 花子 '],
};

describe('every key is normalised the same way at import and at lookup', () => {
  const stored = new Set(searchKeys(row).map(([k, v]) => `${k}\u0000${v}`));
  for (const [kind, forms] of Object.entries(WRITTEN)) {
    it(`${kind}: each written form finds the stored token`, () => {
      for (const form of forms) {
        const k = queryKey(kind as never, form);
        expect(k, form).not.toBeNull();
        expect(stored.has(`${k![0]}\u0000${k![1]}`), `${kind} "${form}" → ${k}`).toBe(true);
      }
    });
  }

  it('the same list written full-width is found by half-width queries, and the other way round', () => {
    const wide: RowKeys = { customerNo: 'Ｃ００００００２００', name: '田中　花子', kana: 'ﾀﾅｶ ﾊﾅｺ', postcode: '１００－０００１', email: 'ｈａｎａｋｏ@example.jp', phone: '０９０－１２３４－５６７８' };
    const a = normaliseKeys(wide);
    const b = normaliseKeys({ ...row, email: 'hanako@example.jp' });
    expect(a).toEqual(b);
  });

  it('postcode + family name: the name check takes the family name, the full name, kanji or kana', () => {
    for (const said of ['田中', '田中花子', '田中 花子', 'タナカ', 'たなか', 'ﾀﾅｶ', 'タナカ ハナコ', '']) expect(nameMatches(row, said), said).toBe(true);
    for (const said of ['花子', '田村', 'ハナコ']) expect(nameMatches(row, said), said).toBe(false);
    expect(givenPart('田中　花子')).toBe('花子');
    expect(givenPart('田中')).toBe('');
  });

  it('postcode + family name: a variant kanji of the list (髙, 𠮷, 﨑, 邉, an ideographic variation selector) is found by its everyday form, and the other way round', () => {
    const pairs: [string, string][] = [['髙橋 一郎', '高橋'], ['𠮷田 太郎', '吉田'], ['山﨑 花', '山崎'], ['渡邉 花子', '渡辺'], ['渡邊 翔', '渡辺'], ['葛\u{E0100}城 花', '葛城'], ['齋藤 健', '斎藤'], ['濱田 陽', '浜田']];
    for (const [name, said] of pairs) {
      expect(nameMatches({ name, kana: '' }, said), `${name} ← ${said}`).toBe(true);
      expect(nameMatches({ name: said, kana: '' }, name.split(' ')[0]!), `${said} ← ${name}`).toBe(true);
    }
    expect(nameMatches({ name: '高橋 一郎', kana: '' }, '高田')).toBe(false);
  });
});
