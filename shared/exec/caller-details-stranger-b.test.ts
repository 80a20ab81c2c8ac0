/**
 * A second tester on the executives' page blanking (fe9e77b, withoutContactDetails) and its seven days
 * (627c686): a stranger's questions, what the blanking misses and what it blanks that an
 * executive needs to read.
 */
import { describe, expect, it } from 'vitest';
import { withoutContactDetails } from './caller-details';
import { enquiriesPerDay } from './summary';

describe('what a caller wrote about themselves is blanked', () => {
  it('a street address in 番地 (横浜市中区山下町123番地) is blanked', () => {
    expect(withoutContactDetails('山田です。横浜市中区山下町123番地に住んでいます')).not.toContain('123番地');
  });

  it('the building and room after a blanked street address (グランドビル405号室) are blanked too', () => {
    expect(withoutContactDetails('東京都渋谷区神宮前1-2-3 グランドビル405号室に住んでいます')).not.toContain('405号室');
  });

  it('an English street address (1-2-3 Jingumae) is blanked with its postcode', () => {
    expect(withoutContactDetails('1-2-3 Jingumae, Shibuya-ku, Tokyo 150-0001 is my address')).not.toContain('1-2-3 Jingumae');
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
});

describe('what is no caller\'s detail stays', () => {
  it('a date written with hyphens (2026-12-01) stays, as one with slashes does', () => {
    expect(withoutContactDetails('2026-12-01に届いたお詫び状について')).toBe('2026-12-01に届いたお詫び状について');
  });

  it('standards and product codes (ISO-27001, RFC-2822, 型番AB-1234, Q-100) stay', () => {
    expect(['ISO-27001を取得していますか', 'RFC-2822形式のメール', '型番AB-1234の製品も対象ですか', 'Q-100の返金'].map(withoutContactDetails)).toEqual([
      'ISO-27001を取得していますか',
      'RFC-2822形式のメール',
      '型番AB-1234の製品も対象ですか',
      'Q-100の返金',
    ]);
  });

  it('holds: amounts, law articles, Japanese dates, counts', () => {
    const kept = ['2026年12月1日に届いた12,345円の請求', '個人情報保護法第26条に基づく報告', '令和8年12月1日', 'お問い合わせ番号は2件です', 'COVID-19の影響', '12/01 10:00に電話'];
    expect(kept.map(withoutContactDetails)).toEqual(kept);
  });
});

describe('the seven days up to today', () => {
  // 2026-12-07 10:00 JST
  const now = Date.parse('2026-12-07T01:00:00Z');
  it('an enquiry at 23:59 JST on 11/30 (outside) and at 00:00 JST on 12/01 (inside), one today and one at 23:59 JST today', () => {
    const at = ['2026-11-30T14:59:00Z', '2026-11-30T15:00:00Z', '2026-12-07T00:30:00+09:00', '2026-12-07T23:59:00+09:00', '2026-12-08T00:00:00+09:00'];
    expect(enquiriesPerDay(at.map((a) => ({ at: a })), now)).toEqual([
      { day: '2026-12-01', count: 1 },
      { day: '2026-12-07', count: 2 },
    ]);
  });
});
