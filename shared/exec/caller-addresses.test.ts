/**
 * A caller's address on the executives' page (withoutContactDetails), from a tester's re-attack
 * (caller-details-reattack.test.ts, expectations as written): a street number in 番地, a building
 * and room, an address in Western order; and what an executive needs to read stays — a date with
 * dashes, standards' names, short codes and a product's model.
 */
import { describe, expect, it } from 'vitest';
import { personalDataIn } from '../faq/commands';
import { EMPTY_FACTS } from '../incident/model';
import { BLANK, withoutContactDetails } from './caller-details';

describe('a caller\'s address is blanked on the executives\' page', () => {
  it.each([
    ['山田です。横浜市中区山下町123番地に住んでいます', `山田です。横浜市中区山下町${BLANK}に住んでいます`],
    ['東京都渋谷区神宮前1-2-3 グランドビル405号室に住んでいます', `東京都渋谷区神宮前${BLANK} ${BLANK}に住んでいます`],
    ['1-2-3 Jingumae, Shibuya-ku, Tokyo 150-0001 is my address', `${BLANK} Jingumae, Shibuya-ku, Tokyo ${BLANK} is my address`],
    ['Room 405, 2-3 Jingumae, Shibuya-ku', `${BLANK}, ${BLANK} Jingumae, Shibuya-ku`],
    ['山下町5番の者です', `山下町${BLANK}の者です`],
    ['住所は12番地の3です', `住所は${BLANK}です`],
    ['銀座2番3号のビルです', `銀座${BLANK}のビルです`],
    ['コーポ201に住んでいます', `${BLANK}に住んでいます`],
    ['メゾン 3-201号に送ってください', `${BLANK}に送ってください`],
    ['青葉荘3号の者です', `${BLANK}の者です`],
    ['405号室です', `${BLANK}です`],
    ['神宮前1-2-3の者です', `神宮前${BLANK}の者です`],
  ])('%s', (text, shown) => {
    expect(withoutContactDetails(text)).toBe(shown);
    expect(personalDataIn(withoutContactDetails(text), EMPTY_FACTS)).toEqual([]);
  });

  it('holds: phone split over a line break, full-width @ and digits, 〒 in full width, +81, kanji digits', () => {
    expect(['電話は090-1234-\n5678です', 'メールはtaro＠example．com です', 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ', '〒１５０－０００１ 東京都渋谷区', '+81 90-1234-5678', '〇九〇の一二三四の五六七八'].map(withoutContactDetails)).toEqual([
      '電話は＊＊＊です',
      'メールは＊＊＊ です',
      '＊＊＊',
      '＊＊＊ 東京都渋谷区',
      '+＊＊＊',
      '＊＊＊',
    ]);
  });

  it('member numbers are still blanked: a dashed code of 5 digits or more, any code after 会員番号, お客様番号 or ID', () => {
    expect(['K-12345の件', 'AB-1234-5678の件', '会員番号はQ-100です', 'お客様番号は77です', '会員ID 12の件', 'ISO 090-1234-5678まで'].map(withoutContactDetails)).toEqual([
      `${BLANK}の件`,
      `${BLANK}の件`,
      `会員番号は${BLANK}です`,
      `お客様番号は${BLANK}です`,
      `会員ID ${BLANK}の件`,
      // A standard's name never hides a phone number after it.
      `ISO ${BLANK}まで`,
    ]);
  });
});

describe('what is no caller\'s detail stays on the executives\' page', () => {
  it.each([
    // Dates with dashes, as with slashes, with a time too.
    '2026-12-01に届いたお詫び状について',
    '２０２６－１２－０１に届いた',
    '2026-12-01 10:00に電話がありました',
    '2026/12/01 10:00に電話がありました',
    // Standards' names, letters then digits.
    'ISO-27001を取得していますか',
    'ISO/IEC 27001:2022の認証',
    'ISO27001の範囲',
    'RFC-2822形式のメール',
    'JIS Q 15001とJIS-Q-15001',
    'CVE-2026-12345の件',
    'COVID-19の影響',
    // Short codes and a product's model.
    '型番AB-1234の製品も対象ですか',
    '品番：XY123456の件',
    'Q-100の返金',
    'K-1234の件',
    // Words with 番 and 号 that are no address.
    '町で一番早い窓口',
    '3番目の問い合わせ',
    '国道1号線沿いの店舗',
    'マンション3件から苦情',
    '個人情報保護法第26条第1項第3号',
    '1番窓口',
    'ID 3つ',
    // Held before: amounts, law articles, Japanese dates, counts.
    '2026年12月1日に届いた12,345円の請求',
    '令和8年12月1日',
    'お問い合わせ番号は2件です',
    '12/01 10:00に電話',
  ])('keeps %s', (text) => {
    expect(withoutContactDetails(text)).toBe(text);
  });
});
