/**
 * A caller's details in a question, blanked before the executives' page and its Word file:
 * whatever the FAQ approval's own check calls personal data, and the forms it does not read
 * (a member number, a phone number read out in kanji). Dates, amounts and counts stay.
 */
import { describe, expect, it } from 'vitest';
import { personalDataIn } from '../faq/commands';
import { EMPTY_FACTS } from '../incident/model';
import { BLANK, withoutContactDetails } from './caller-details';

describe('withoutContactDetails', () => {
  it.each([
    ['〒150-0001 東京都渋谷区神宮前1-2-3に住む者ですが対象ですか', `${BLANK} 東京都渋谷区神宮前${BLANK}に住む者ですが対象ですか`],
    ['１５０－０００１ 渋谷区神宮前１－２－３の者です', `${BLANK} 渋谷区神宮前${BLANK}の者です`],
    ['渋谷区ｼﾞﾝｸﾞｳﾏｴ1-2-3の者です', `渋谷区ｼﾞﾝｸﾞｳﾏｴ${BLANK}の者です`],
    ['住所は神宮前一丁目二番三号です', `住所は神宮前${BLANK}です`],
    ['会員番号はK-123456です、退会できますか', `会員番号は${BLANK}です、退会できますか`],
    ['会員番号 123456 の者です', `会員番号 ${BLANK} の者です`],
    ['お客様ID：AB12345を教えました', `お客様ID：${BLANK}を教えました`],
    ['K-123456の件で', `${BLANK}の件で`],
    ['〇九〇の一二三四の五六七八に折り返してください', `${BLANK}に折り返してください`],
    ['090の1234の5678に折り返してください', `${BLANK}に折り返してください`],
    ['０９０－１２３４－５６７８の山田です、2026/12/01に届いた件', `${BLANK}の山田です、2026/12/01に届いた件`],
    ['taro.yamada@example.co.jp 宛に3通届きました', `${BLANK} 宛に3通届きました`],
    ['照会番号 12345678901 のお詫び状が届かない', `照会番号 ${BLANK} のお詫び状が届かない`],
    ['照会番号 0100 0001 8 の者です', `照会番号 ${BLANK} の者です`],
  ])('%s', (text, shown) => {
    expect(withoutContactDetails(text)).toBe(shown);
  });

  it.each([
    '2026/12/01に届いた手紙の件、3通目です',
    '12月1日から3日間つながりません',
    '番号は3件ありました',
    '会員番号が2026年に変わりましたか',
    '被害額は12,345円ですか',
    'COVID-19の関係で遅れていますか',
    '三件目の問い合わせ',
    'Windows 11でログインできません',
    'I paid 12000 yen',
  ])('keeps %s as it is', (text) => {
    expect(withoutContactDetails(text)).toBe(text);
  });

  it('leaves nothing the FAQ approval would still call personal data', () => {
    const texts = ['〒150-0001 東京都渋谷区神宮前1-2-3に住む者', '〒１５０ー０００１　大阪市北区梅田１ー２ー３', '03(1234)5678まで', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', '+81 90 1234 5678'];
    for (const text of texts) {
      expect(personalDataIn(text, EMPTY_FACTS).length).toBeGreaterThan(0);
      expect(personalDataIn(withoutContactDetails(text), EMPTY_FACTS)).toEqual([]);
    }
  });
});
