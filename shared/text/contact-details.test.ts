import { describe, expect, it } from 'vitest';
import { blankContactDetails } from './contact-details';

const alert = (text: string) => blankContactDetails(text, { replacement: '…', minDigits: 2 });
/** As the executives' page calls it (shared/exec/summary.ts). */
const exec = (text: string) => blankContactDetails(text, { replacement: '＊＊＊', minDigits: 8, keepDatesAndAmounts: true });

describe('blanking contact details: every way of writing them either caller has met', () => {
  it.each([
    ['plain', '顧客 taro.yamada@example.jp から', '顧客 ＊＊＊ から'],
    ['full-width ＠', 'hanako＠example.jp から', '＊＊＊ から'],
    ['spaces around the @', '会員 taro @ example.jp です', '会員 ＊＊＊ です'],
    ['(at)', '会員 taro(at)example.jp です', '会員 ＊＊＊ です'],
    ['（at） with spaces', '会員 taro （ AT ） example.jp です', '会員 ＊＊＊ です'],
    ['[at]', '会員 taro[at]example.jp です', '会員 ＊＊＊ です'],
    ['［at］', '会員 taro［at］example.jp です', '会員 ＊＊＊ です'],
    // The whole run without spaces goes: a name stuck to the address goes with it.
    ['in brackets after a name (the sentence around it stays)', '山田（yamada@example.jp）です', '山田（＊＊＊）です'],
    ['two joined by 、', 'x@example.jp、y@example.jp', '＊＊＊、＊＊＊'],
    ['in a sentence', '手紙が届いた。メールはtaro@example.jpです。どうすれば', '手紙が届いた。メールは＊＊＊です。どうすれば'],
  ])('an e-mail address, %s', (_k, text, blanked) => {
    expect(exec(text)).toBe(blanked);
    expect(alert(text)).toBe(blanked.replaceAll('＊＊＊', '…'));
  });

  it.each([
    ['hyphens', '090-1234-5678'],
    ['full-width digits and －', '０９０－１２３４－５６７８'],
    ['ー (a long vowel mark typed for a dash)', '090ー1234ー5678'],
    ['half-width ｰ', '０９０ｰ１２３４ｰ５６７８'],
    ['U+2010 hyphen', '090\u20101234\u20105678'],
    ['U+2011 non-breaking hyphen', '090\u20111234\u20115678'],
    ['U+2012 figure dash', '090\u20121234\u20125678'],
    ['U+2013 en dash', '090\u20131234\u20135678'],
    ['U+2014 em dash', '090\u20141234\u20145678'],
    ['U+2015 horizontal bar', '03\u20151234\u20155678'],
    ['U+2212 minus sign', '090\u22121234\u22125678'],
    ['dots', '090.1234.5678'],
    ['brackets', '０３（１２３４）５６７８'],
    ['spaces and a tab', '090 1234\t5678'],
    ['zero-width spaces', '0100\u200b0002\u200b3456'],
    ['slashes (a card)', '4111/1111/1111/1111'],
    ['commas', '090,1234,5678'],
  ])('a phone or other long number, %s', (_k, number) => {
    expect(exec(`${number}に折り返しを`)).toBe('＊＊＊に折り返しを');
    expect(alert(`電話 ${number} の方`)).toBe('電話 … の方');
  });

  it.each([
    ['ー', '〇九〇ー一二三四ー五六七八'],
    ['－', '〇九〇－一二三四－五六七八'],
    ['ｰ', '〇九〇ｰ一二三四ｰ五六七八'],
    ['U+2010–2015', '〇九〇\u2010一二三四\u2015五六七八'],
    ['U+2212', '〇九〇\u2212一二三四\u2212五六七八'],
    ['brackets', '〇三（一二三四）五六七八'],
    ['spaces', '〇九〇 一二三四\u3000五六七八'],
    ['零', '零九零一二三四五六七八'],
  ])('a phone read out in kanji numerals, with %s', (_k, number) => {
    expect(exec(`電話 ${number} の者`)).toBe('電話 ＊＊＊ の者');
    expect(alert(`電話 ${number} の者`)).toBe('電話 … の者');
  });

  it('a member code of letters and digits, half- or full-width', () => {
    expect(exec('会員番号 A1B2C3D4E5 の漏えい')).toBe('会員番号 ＊＊＊ の漏えい');
    expect(alert('会員 ＡＢ１２３４５６ の件')).toBe('会員 … の件');
    // Seven digits alone (a postcode is shared by a whole street): the executives' rule keeps them, an
    // alert's title blanks them. After a label that names them (郵便番号, 会員番号) they are someone's.
    expect(exec('1000001の件')).toBe('1000001の件');
    expect(exec('郵便番号1000001の件')).toBe('郵便番号＊＊＊の件');
    expect(alert('郵便番号1000001の件')).toBe('郵便番号…の件');
  });

  it('the executives\' page keeps dates, amounts, counts and product names; a long run with slashes is still blanked', () => {
    for (const kept of ['補償は500000円ですか', '会員 124000 件', '2026/12/01に届いた手紙の件', '12,345,678円の件', 'Office365 のアカウント']) expect(exec(kept)).toBe(kept);
    expect(exec('カード 4111/1111/1111/1111 の件')).toBe('カード ＊＊＊ の件');
    expect(exec('電話 090,1234,5678 まで')).toBe('電話 ＊＊＊ まで');
    // An alert's title keeps none of those numbers.
    expect(alert('2026/12/01に届いた')).toBe('…に届いた');
  });

  it('runs that two rules find together become one blank', () => {
    expect(exec('ABC123456-7890')).toBe('＊＊＊');
    expect(alert('ABC123456-7890 の件')).toBe('… の件');
    expect(alert('顧客 a.b@example.jp 0312345678 の件')).toBe('顧客 … … の件');
  });

  it('numbers: the alert blanks any of two digits or more, the executives\' page keeps dates and counts', () => {
    for (const text of ['12月1日に届いた手紙', '会員 1,240 件', '10万円の補償', '2026-12 の件', '〒100-0001', '一二三四五六 件']) expect(exec(text)).toBe(text);
    expect(alert('12月1日に届いた手紙')).toBe('…月1日に届いた手紙');
    expect(alert('会員 1,240 件')).toBe('会員 … 件');
    expect(alert('〒１００－０００１ 東京都')).toBe('〒… 東京都');
    expect(alert('一二三四五六 件')).toBe('… 件');
  });

  it('keeps words, short codes and single digits', () => {
    for (const text of ['Win7 端末 3台 の紛失', '三件目の問い合わせ', '委託先サーバーへの不正アクセス', '十一月二十日']) {
      expect(alert(text)).toBe(text);
      expect(exec(text)).toBe(text);
    }
  });

  it('never cuts a character outside the BMP in two', () => {
    expect(exec('𠮷野 taro@example.jp 𠮷野')).toBe('𠮷野 ＊＊＊ 𠮷野');
    expect(alert('𠮷野taro@example.jp')).toBe('𠮷野…');
    expect(alert('taro@example.jp𠮷野')).toBe('…𠮷野');
  });

  it('an alert\'s title blanks what the executives\' page learned to: a number read out in kanji with の, a dashed member code, a 丁目 block and lot', () => {
    expect(alert('田中様 〇九〇の一二三四の五六七八 から連絡')).toBe('田中様 … から連絡');
    expect(alert('会員番号はK-123456の方')).toBe('会員番号は…の方');
    expect(alert('渋谷区神宮前一丁目二番三号の山田様')).toBe('渋谷区神宮前…の山田様');
    expect(alert('電話 090の1234の5678 まで')).toBe('電話 … まで');
    // Words that only look like numbers stay.
    for (const kept of ['一の宮支店の件', '二三日中に連絡', '第一四半期']) expect(alert(kept)).toBe(kept);
  });

  it('an address: a street number in 番地, 番 or 号, a room and the building it is in, a block and lot in Western order — in an alert\'s title and on the executives\' page', () => {
    const cases: [string, string][] = [
      ['横浜市中区山下町123番地の山田様', '横浜市中区山下町…の山田様'],
      ['山下町1番地の方', '山下町…の方'],
      ['山下町5番の方', '山下町…の方'],
      ['銀座2番3号の方', '銀座…の方'],
      ['東京都渋谷区神宮前1-2-3 グランドビル405号室から', '東京都渋谷区神宮前… …から'],
      ['コーポ2の方', '…の方'],
      ['1-2-3 Jingumae, Shibuya-ku, Tokyo から', '… Jingumae, Shibuya-ku, Tokyo から'],
      ['Room 5, Shibuya-ku から', '…, Shibuya-ku から'],
      ['神宮前1-2-3の方', '神宮前…の方'],
    ];
    for (const [text, blanked] of cases) {
      expect(alert(text)).toBe(blanked);
      expect(exec(text)).toBe(blanked.replaceAll('…', '＊＊＊'));
    }
    // Words with 番 and 号 that are no address stay in both.
    for (const kept of ['町で一番早い', '3番目の方', '国道1号線', '第3号の件', '1番窓口']) {
      expect(alert(kept)).toBe(kept);
      expect(exec(kept)).toBe(kept);
    }
  });

  it('the executives\' page keeps dates with dashes, standards, short codes and a product\'s model; an alert\'s title, which keeps no number, blanks them', () => {
    const cases: [string, string][] = [
      ['2026-12-01に届いた', '…に届いた'],
      ['2026-12-01 10:00に電話', '…:…に電話'],
      ['ISO-27001の認証', '…の認証'],
      ['RFC-2822形式', '…形式'],
      ['COVID-19の影響', 'COVID-…の影響'],
      ['型番AB-1234の製品', '型番…の製品'],
      ['Q-100の返金', '…の返金'],
    ];
    for (const [text, blanked] of cases) {
      expect(exec(text)).toBe(text);
      expect(alert(text)).toBe(blanked);
    }
    // A member number is blanked in both: a dashed code of 5 digits or more, any code after a customer's label.
    for (const [text, blanked] of [['K-12345の方', '…の方'], ['会員番号はQ-100です', '会員番号は…です'], ['お客様ID 12の件', 'お客様ID …の件']] as const) {
      expect(alert(text)).toBe(blanked);
      expect(exec(text)).toBe(blanked.replaceAll('…', '＊＊＊'));
    }
  });
});
