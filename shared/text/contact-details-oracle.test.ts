import { describe, expect, it } from 'vitest';
import { blankContactDetails, blankSpans, contactDetailSpans, type BlankOptions, type Span } from './contact-details';

/**
 * contact-details.ts was rewritten so that each rule reads a text in time linear in its length
 * (contact-details-linear.test.ts). What it blanks did not change: below is the implementation as
 * it was before (each rule a regular expression searched with matchAll, some of them reading a
 * long run again from every place in it), kept as the reference, and thousands of short texts
 * drawn from a seeded generator — sentences with phone numbers, e-mail addresses, addresses,
 * kanji numbers, dates, amounts and codes, and random strings of the characters the rules turn
 * on — must get the same places blanked, in the same order, from both.
 */

// ---- The reference: contact-details.ts's rules and contactDetailSpans before the rewrite. ----

const EMAIL = /[\w.%+\-!#$&'*/=?^`{|}~Ａ-Ｚａ-ｚ０-９．＿－]+(?:\s*[@＠]\s*[\w.\-Ａ-Ｚａ-ｚ０-９．－]+)+/g;
/** An e-mail address written "(at)", "（at）" or "[at]", as people do to keep it from robots. */
const EMAIL_AT = /[^\s(（]+\s*[(（[［]\s*at\s*[)）\]］]\s*[^\s]+/gi;
/**
 * A code of letters and digits, as member numbers are (A1B2C3D4E5): six characters or more,
 * at least one letter, three digits or more and no fewer digits than letters (so 500000円 is
 * left to the number rule and a name like Office365 stays).
 */
const CODE = /[A-Za-zＡ-Ｚａ-ｚ0-9０-９]*[0-9０-９][A-Za-zＡ-Ｚａ-ｚ0-9０-９]*/g;
/**
 * A run of digits (half- or full-width, as an IME types them) with the separators people
 * write in a phone, card, account or reference number: every dash the import's phone check
 * and the reference parser accept (-, U+2010–2015, U+2212 as a Mac input method types it,
 * ー, ｰ, －), dots, commas, 、, slashes, plus signs, brackets, spaces and zero-width characters.
 */
const NUMBER_RUN = /[0-9０-９][0-9０-９\-\u2010-\u2015\u2212\u30fc\uff0d\uff70()（）.．,，、/／+＋\s\u3000\u200b-\u200d\u2060\ufeff]*[0-9０-９]/g;
/** The same without the slashes and commas of a date (2026/12/01) or an amount (12,345,678円): for text that keeps those. */
const NUMBER_RUN_KEEPING_DATES = /[0-9０-９][0-9０-９\-\u2010-\u2015\u2212\u30fc\uff0d\uff70()（）.．+＋\s\u3000\u200b-\u200d\u2060\ufeff]*[0-9０-９]/g;
/**
 * A number read out in kanji numerals (〇九〇ー一二三四ー五六七八, 〇九〇の一二三四の五六七八), six
 * characters or more: 一 and 二 alone are words too.
 */
const KANJI_NUMBER = /[〇零一二三四五六七八九][〇零一二三四五六七八九\-\u2010-\u2015\u2212\u30fc\uff0d\uff70()（）\s\u3000の]{4,}[〇零一二三四五六七八九]/g;

const DIGIT = '0-9０-９';
const DASHES = '\\-\\u2010-\\u2015\\u2212\\u30fc\\uff0d\\uff70';
const LETTER = 'A-Za-zＡ-Ｚａ-ｚ';
/** A label that names the number after it as someone's own: 会員番号, お客様番号, ID, No. …, then は／：／= and spaces; the number is group 1. */
const LABELLED = new RegExp(
  `(?:番号|(?<![${LETTER}])(?:[IiＩｉ][DdＤｄ]|[NnＮｎ][OoＯｏ][.．]?)(?![${LETTER}])|№)[\\s\\u3000]*(?:は|が|を|:|：|=|＝)?[\\s\\u3000]*` +
    `([${LETTER}${DIGIT}](?:[${LETTER}${DIGIT}]|[${DASHES}](?=[${LETTER}${DIGIT}])|[\\s\\u3000](?=[${DIGIT}]))*)` +
    // A count, a date or an amount after the label ("番号は3件", "番号が2026年") is not a number of its own.
    `(?![${DIGIT}]*[年月日件人名円通回時分歳%％つ個台枚])`,
  'g',
);
/** A label that names its number as a customer's whatever its length: 会員番号, お客様番号, 顧客番号, ID (any code with a digit after it). */
const CUSTOMER_LABEL = /(?:(?:会員|お?客様|顧客)(?:番号|[IiＩｉ][DdＤｄ]|[NnＮｎ][OoＯｏ][.．]?)|(?<![A-Za-zＡ-Ｚａ-ｚ])[IiＩｉ][DdＤｄ])$/;
/**
 * Letters, a dash, digits (K-123456, AB-1234-5678): a member or order number, whatever label is
 * missing. Blanked from 5 digits (a short code such as Q-100 is a product or plan), unless it is a
 * standard's name (ISO-27001) or a product's model (型番AB-1234) — those only where a number of
 * their length is blanked anyway (an alert's title).
 */
const DASHED_CODE = new RegExp(`(?<![${LETTER}${DIGIT}])[${LETTER}]{1,4}[${DASHES}][${DIGIT}]+(?:[${DASHES}][${LETTER}${DIGIT}]+)*(?![${LETTER}${DIGIT}])`, 'g');
/** How many digits make a dashed code a member number when nothing says otherwise. */
const DASHED_CODE_DIGITS = 5;
/**
 * Well-known names of standards, vulnerabilities and the like, letters then digits (ISO-27001,
 * ISO/IEC 27001:2022, RFC 2822, JIS Q 15001, COVID-19, CVE-2026-12345): never a customer's, so
 * where dates are kept (the executives' page) their digits are not read as a number.
 */
const STANDARD = new RegExp(
  `(?<![${LETTER}])(?:ISO(?:/IEC)?|IEC|JIS|RFC|IEEE|ANSI|NIST(?:[\\s-]?SP)?|FIPS|PCI|COVID|SARS|CVE|CWE|ITU(?:-T)?|ECMA)` +
    // Its number never starts with 0 (a phone number does: ISO 090-1234-5678 is blanked), has at
    // most two more parts (ISO 8601-1:2019, CVE-2026-12345) and is not cut short of a further one.
    `(?:[\\s\\u3000${DASHES}/]?[A-Z](?![${LETTER}]))?[\\s\\u3000${DASHES}]?[1-9１-９][${DIGIT}]{0,6}(?:[${DASHES}:.][${DIGIT}]{1,7}){0,2}(?![${LETTER}${DIGIT}]|[${DASHES}:.][${DIGIT}])`,
  'gi',
);
/** A product's model or part number follows (型番AB-1234, 品番：XY123456). */
const MODEL_LABEL = /(?:型番|品番|型式|型名)[\s\u3000]*(?:は|:|：)?[\s\u3000]*$/;
/** A date written with dashes (2026-12-01), kept like one with slashes where dates are kept. */
const DASHED_DATE = new RegExp(`(?<![${DIGIT}${DASHES}])(?:[1１][9９]|[2２][0０])[${DIGIT}]{2}[${DASHES}][${DIGIT}]{1,2}[${DASHES}][${DIGIT}]{1,2}(?![${DIGIT}]|[${DASHES}][${DIGIT}])`, 'g');
/** A date then a time (2026/12/01 10:00): the space between is no separator of one number. */
const DATE_THEN_TIME = new RegExp(`(?<=(?:[1１][9９]|[2２][0０])[${DIGIT}]{2}[/／${DASHES}][${DIGIT}]{1,2}[/／${DASHES}][${DIGIT}]{1,2})[\\s\\u3000](?=[${DIGIT}]{1,2}[:：][${DIGIT}]{2})`, 'g');
/** Digits with の between the groups (090の1234の5678), which the number rule does not join. */
const NO_JOINED_NUMBER = new RegExp(`[${DIGIT}]+(?:の[${DIGIT}]+)+`, 'g');
const NUMERAL = `[${DIGIT}〇一二三四五六七八九十]+`;
/** A block in 丁目, with its lot and number when given: 一丁目二番三号, 1丁目2-3. */
const CHOME = new RegExp(`${NUMERAL}丁目(?:${NUMERAL}(?:番地?|[${DASHES}])(?:${NUMERAL}号?)?)?`, 'g');
/** A street number in 番地 (山下町123番地, 12番地の3, 1-2番地): 番地 names nothing else. */
const BANCHI = new RegExp(`(?:${NUMERAL}[${DASHES}の])*${NUMERAL}番地(?:の?${NUMERAL}号?)?`, 'g');
/** A lot and number (2番3号, 二番三号, 2番地の3号). */
const BAN_GO = new RegExp(`${NUMERAL}番地?の?${NUMERAL}号`, 'g');
/**
 * A street number in 番 or 号 right after a town's name (山下町123番, 中央区5号): kanji and
 * katakana only between, so 「町で一番」 and 「3番目」 stay; 号線, 号機, 号車 are not addresses.
 */
const TOWN_NUMBER = new RegExp(`(?<=(?:[都府県市区町村郡字]|北海道)[\\u4e00-\\u9fff々\\u30a1-\\u30fa]{0,10})[${DIGIT}]{1,5}(?:[${DASHES}][${DIGIT}]{1,5})*(?:番地?|号)(?!目|線|機|車|艦|館)`, 'g');
/** A room (405号室, 2-405号室). */
const ROOM = new RegExp(`(?:${NUMERAL}[${DASHES}])?${NUMERAL}号室`, 'g');
/** A building's name and its room or floor: グランドビル405, コーポ山田… メゾン 201号, 青葉荘3. */
const BUILDING = new RegExp(
  // From the start of a name only, and at most 20 characters of it (each start would read the whole run again).
  `(?:(?<![\\u30a1-\\u30fa\\u30fc・${LETTER}])[\\u30a1-\\u30fa\\u30fc・${LETTER}]{0,20}(?:ビル|マンション|ハイツ|コーポ|レジデンス|ハイム|メゾン|アパート|パレス|ヒルズ|タワー)|[\\u4e00-\\u9fff]{1,4}荘)` +
    `[\\s\\u3000]*[${DIGIT}]{1,5}(?:[${DASHES}][${DIGIT}]{1,5})?(?:号室|号|階|[FＦ])?(?![${DIGIT}]*[年月日件人名円通回時分歳%％社台個枚])`,
  'g',
);
/** A block and lot then a town in Latin letters (1-2-3 Jingumae, Shibuya-ku, Tokyo). */
const WESTERN_ADDRESS = new RegExp(
  `(?<![${DIGIT}${DASHES}])[${DIGIT}]{1,4}(?:[${DASHES}][${DIGIT}]{1,4}){0,3}` +
    `(?=[,\\s]+[A-Z][^\\n。]{0,60}?(?:-(?:ku|shi|cho|machi|mura|gun|ken|fu|to)\\b|\\b(?:Tokyo|Osaka|Kyoto|Hokkaido|Japan)\\b))`,
  'g',
);
/** A block, lot and number with dashes (神宮前1-2-3), however the town is written; a year first (2026-12-01) is a date. */
const BLOCK_LOT = new RegExp(`(?<![${DIGIT}${DASHES}])[${DIGIT}]{1,3}[${DASHES}][${DIGIT}]{1,4}[${DASHES}](?!(?:[1１][9９]|[2２][0０])[${DIGIT}]{2}(?![${DIGIT}]))[${DIGIT}]{1,4}(?![${DIGIT}]|[${DASHES}][${DIGIT}])`, 'g');
/** A room written in English (Room 405, Apt. 3B). */
const ROOM_EN = new RegExp(`(?:(?<![${LETTER}])(?:Room|Rm\\.?|Apt\\.?|Apartment|Unit|Suite)[\\s\\u3000]*)[${DIGIT}]+[A-Z]?(?![${LETTER}${DIGIT}])`, 'gi');

const count = (text: string, digits: RegExp) => text.match(digits)?.length ?? 0;

/** contactDetailSpans as it was. */
function oracleSpans(text: string, { minDigits, keepDatesAndAmounts = false }: Omit<BlankOptions, 'replacement'>): Span[] {
  // Where dates are kept, one written with dashes is read as one with slashes (same length, so
  // every place found in `scan` is the same place in `text`).
  // A standard's name is masked the same way (ISO-27001, CVE-2026-12345): an alert's title,
  // which keeps no number, still blanks its digits.
  const scan = keepDatesAndAmounts
    ? text
        .replace(DASHED_DATE, (d) => d.replace(new RegExp(`[${DASHES}]`, 'g'), '/'))
        .replace(DATE_THEN_TIME, 'T')
        .replace(STANDARD, (name) => name.replace(/[0-9０-９]/g, 'x'))
    : text;
  const digitsIn = (run: string) => count(run, /[0-9０-９]/g);
  /** A product's model (型番AB-1234), kept where a number of its length is kept. */
  const model = (run: string, at: number) => digitsIn(run) < minDigits && MODEL_LABEL.test(scan.slice(Math.max(0, at - 8), at));
  const code = (run: string, at: number) => {
    const digits = digitsIn(run);
    const letters = run.length - digits;
    return run.length >= 6 && digits >= 3 && letters >= 1 && digits >= letters && !model(run, at);
  };
  const rules: [RegExp, (match: string, at: number) => boolean][] = [
    [EMAIL, () => true],
    [EMAIL_AT, () => true],
    [CODE, code],
    [keepDatesAndAmounts ? NUMBER_RUN_KEEPING_DATES : NUMBER_RUN, (run) => digitsIn(run) >= minDigits],
    // Kept dates have 8 digits and amounts rarely more than 9: a longer run with slashes or commas is a card or phone number.
    ...(keepDatesAndAmounts ? [[NUMBER_RUN, (run: string) => digitsIn(run) >= Math.max(minDigits, 10)] as [RegExp, (match: string) => boolean]] : []),
    [KANJI_NUMBER, (run) => count(run.trimEnd(), /[〇零一二三四五六七八九]/g) >= minDigits],
    [DASHED_CODE, (run, at) => digitsIn(run) >= minDigits || (digitsIn(run) >= DASHED_CODE_DIGITS && !model(run, at))],
    [NO_JOINED_NUMBER, (run) => digitsIn(run) >= minDigits],
    // An address: a block and lot, a street number, a room and the building it is in.
    [CHOME, () => true],
    [BANCHI, () => true],
    [BAN_GO, () => true],
    [TOWN_NUMBER, () => true],
    [ROOM, () => true],
    [BUILDING, () => true],
    [WESTERN_ADDRESS, () => true],
    [BLOCK_LOT, () => true],
    [ROOM_EN, () => true],
  ];
  const spans: Span[] = [];
  for (const [pattern, blanks] of rules) {
    for (const m of scan.matchAll(pattern)) if (blanks(m[0], m.index)) spans.push([m.index, m.index + m[0].trimEnd().length]);
  }
  for (const m of scan.matchAll(LABELLED)) {
    const code = m[1]!;
    const start = m.index + m[0].length - code.length;
    const label = scan.slice(Math.max(0, m.index - 3), start).replace(/[\s\u3000]*(?:は|が|を|:|：|=|＝)?[\s\u3000]*$/, '');
    // A code of at least four digits (a member number), or any after a customer's label
    // (会員番号はQ-100, ID 12); "番号は3" is a count.
    if (digitsIn(code) >= 4 || (CUSTOMER_LABEL.test(label) && digitsIn(code) >= 1)) spans.push([start, start + code.length]);
  }
  return spans;
}


// ---- A seeded generator of texts. ----

/** mulberry32: the same texts on every run. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => String(int(10))).join('');
  return { next, int, pick, digits };
}
type Gen = ReturnType<typeof generator>;

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const KANJI_DIGITS = '〇一二三四五六七八九';
const inKanji = (s: string) => s.replace(/[0-9]/g, (d) => KANJI_DIGITS[Number(d)]!);
const DASH = ['-', 'ー', '－', 'ｰ', '\u2010', '\u2013', '\u2212', '.', ' ', '', '　', '/', ',', 'の'];

const WORDS = ['本日', 'お客様から', '問い合わせ', '折り返し', 'をお願いします', '至急', '確認済み', 'の件', 'について', '電話', 'メール', '住所', '会員', '様', 'です', 'ました', 'から', 'へ', 'ので', '対応中', '漏えい', '通知', '謝罪'];
const PUNCT = ['', '', ' ', '　', '、', '。', '\n', '：', '（', '）', '!', '?'];

/** One detail or near-detail, written one of the ways people write it. */
function piece(g: Gen): string {
  const d = DASH[g.int(DASH.length)]!;
  const width = (s: string) => (g.next() < 0.3 ? FULL_WIDTH(s) : s);
  switch (g.int(24)) {
    case 0: return width(`0${g.pick(['90', '80', '70', '3', '6', '120'])}${d}${g.digits(4)}${d}${g.digits(4)}`);
    case 1: return width(`(0${g.digits(2)})${g.digits(4)}${d}${g.digits(4)}`);
    case 2: return inKanji(`0${g.pick(['90', '80', '3'])}${g.pick(['ー', 'の', '', ' ', '－'])}${g.digits(4)}${g.pick(['ー', 'の', ''])}${g.digits(4)}`);
    case 3: {
      const name = g.pick(['taro', 'hanako.yamada', 'a_b+c', 'ｔａｒｏ', 'x']);
      const dom = g.pick(['example.jp', 'mail.example.co.jp', 'ｅｘａｍｐｌｅ．ｊｐ', 'b']);
      return g.pick([`${name}@${dom}`, `${name} @ ${dom}`, `${name}＠${dom}`, `${name}(at)${dom}`, `${name}（ＡＴ）${dom}`, `${name}[at]${dom}`, `${name} ［at］ ${dom}`, `${name}@${dom}@${dom}`]);
    }
    case 4: return `${g.pick(['東京都渋谷区神宮前', '大阪府大阪市北区', '横浜市中区山下町', '', '北海道札幌市'])}${width(`${g.int(30) + 1}${d}${g.int(30) + 1}${d}${g.int(30) + 1}`)}`;
    case 5: return `${g.pick(['神宮前', '中央', ''])}${g.pick([inKanji, width, (s: string) => s])(`${g.int(9) + 1}`)}丁目${g.pick(['', `${g.int(20) + 1}番${g.int(20) + 1}号`, `${g.int(20) + 1}-${g.int(20) + 1}`, `${g.int(20) + 1}番地`])}`;
    case 6: return `${g.pick(['山下町', '', '字'])}${g.int(500)}番地${g.pick(['', `の${g.int(20)}`, `${g.int(9)}号`])}`;
    case 7: return `${g.pick(['', `${g.int(9)}の`, `${g.int(9)}-`])}${g.int(50)}番地`;
    case 8: return `${g.pick(['', '町', '中央区', '市'])}${g.pick([`${g.int(20)}番${g.int(20)}号`, `${inKanji(String(g.int(9)))}番${inKanji(String(g.int(9)))}号`, `${g.int(500)}番`, `${g.int(50)}号`, '3番目', '5号線'])}`;
    case 9: return `${g.pick(['', `${g.int(9)}-`])}${g.int(999)}号室`;
    case 10: return `${g.pick(['グランドビル', 'コーポ山田', 'メゾン ', '青葉荘', 'パークタワー', 'ハイツ'])}${g.pick(['', ' ', '　'])}${width(String(g.int(2000)))}${g.pick(['', '号室', '号', '階', 'F', '年', '件'])}`;
    case 11: return `${g.int(9) + 1}-${g.int(9) + 1}-${g.int(9) + 1} ${g.pick(['Jingumae, Shibuya-ku, Tokyo', 'Kita-ku, Osaka', 'Main Street', 'Japan'])}`;
    case 12: return `${g.pick(['Room', 'Rm.', 'Apt.', 'Unit', 'Suite', 'room'])}${g.pick(['', ' '])}${g.int(999)}${g.pick(['', 'B', 'b'])}`;
    case 13: return g.pick(['A1B2C3D4E5', 'Office365', 'ABC123', 'X9Y8Z7W6', 'ａ１２３４５', 'k12', '500000円']);
    case 14: return `${g.pick(['K', 'AB', 'Q', 'ISO', 'XYZW'])}${g.pick(['-', 'ー', '－'])}${g.digits(g.int(8) + 1)}${g.pick(['', `-${g.digits(4)}`, `-A${g.digits(2)}`])}`;
    case 15: return `${g.pick(['会員番号', 'お客様番号', '顧客ID', 'お客様ID', 'ID', 'No.', '№', '番号', '受付番号'])}${g.pick(['', 'は', ':', '：', ' ', '＝', 'が'])}${g.pick(['', ' '])}${g.pick([g.digits(g.int(10) + 1), `K-${g.digits(6)}`, `Q-100`, `${g.digits(4)} ${g.digits(4)}`, `AB${g.digits(3)}`])}${g.pick(['', '件', '年', '人', '円', 'です'])}`;
    case 16: return width(`20${g.digits(2)}${g.pick(['/', '-', '年'])}${g.int(12) + 1}${g.pick(['/', '-', '月'])}${g.int(28) + 1}${g.pick(['', ' 10:00', '日', ' 9:30'])}`);
    case 17: return width(`${g.int(99)},${g.digits(3)}${g.pick([',000', ''])}${g.pick(['円', '件', '人', ''])}`);
    case 18: return g.pick(['ISO-27001', 'ISO/IEC 27001:2022', 'RFC 2822', 'JIS Q 15001', 'COVID-19', 'CVE-2026-12345', 'ISO 090-1234-5678', 'NIST SP 800-53']);
    case 19: return `${g.pick(['型番', '品番', '型式'])}${g.pick(['', ':', '：', 'は'])}${g.pick(['AB-1234', 'XY123456', 'K-12345678'])}`;
    case 20: return width(g.digits(g.int(14) + 1).replace(/(\d{3})(?=\d)/g, (x) => x + g.pick(DASH)));
    case 21: return inKanji(g.digits(g.int(12) + 1)).replace(/(.{2})/g, (x) => x + g.pick(['', 'ー', 'の', ' ', '十']));
    case 22: return `${g.digits(g.int(4) + 1)}の${g.digits(g.int(5) + 1)}${g.pick(['', `の${g.digits(4)}`])}`;
    default: return `${g.int(3000)}${g.pick(['件', '人', '年', '時', '分', '回', '名', '台', '%', 'つ'])}`;
  }
}

/** A sentence as someone would type it into a title: words, punctuation and details. */
function sentence(g: Gen): string {
  let out = '';
  const parts = 1 + g.int(8);
  for (let i = 0; i < parts; i++) out += (g.next() < 0.45 ? g.pick(WORDS) : piece(g)) + g.pick(PUNCT);
  return out;
}

/** The characters and words the rules turn on, strung together at random (runs and near-misses). */
const SOUP = ['1', '2', '0', '９', '１', '-', 'ー', '－', '‐', 'の', '丁目', '番地', '番', '号', '号室', '十', '一', '〇', '三', '@', '＠', '.', '%', 'a', 'b', 'Z', 'Ｚ', '(', '（', '[', '［', 'at', 'AT', ')', '）', ']', ' ', '　', '\n', '町', '区', '漢', 'ア', 'ビル', '荘', '年', '件', '円', '番号', 'ID', 'No.', '№', '会員', 'は', ':', '=', 'Room', 'Tokyo', '-ku', ',', '、', '/', '+', 'ISO', '型番', '2026', '12', '_', 'F', '階'];
function soup(g: Gen): string {
  const alphabet = g.next() < 0.5 ? SOUP : Array.from({ length: 2 + g.int(4) }, () => g.pick(SOUP));
  let out = '';
  const length = 1 + g.int(40);
  for (let i = 0; i < length; i++) out += g.pick(alphabet);
  return out;
}

const OPTIONS: BlankOptions[] = [
  { replacement: '…', minDigits: 2 }, // an alert's title
  { replacement: '＊＊＊', minDigits: 8, keepDatesAndAmounts: true }, // a reminder, the executives' page
  { replacement: '#', minDigits: 4 },
  { replacement: '#', minDigits: 5, keepDatesAndAmounts: true },
];

describe('the linear rules blank exactly what the rules before them did', () => {
  it.each([
    ['sentences with contact details, addresses, dates and codes', sentence, 1],
    ['strings of the characters the rules turn on', soup, 2],
  ] as const)('%s', (_what, make, seed) => {
    const g = generator(seed);
    for (let i = 0; i < 4000; i++) {
      const text = make(g);
      for (const options of OPTIONS) {
        const spans = oracleSpans(text, options);
        const found = contactDetailSpans(text, options);
        // Compared as text (thousands of deep comparisons take seconds); told in full when they differ.
        if (JSON.stringify(found) !== JSON.stringify(spans)) expect({ text, options, found }).toEqual({ text, options, found: spans });
        const blanked = blankContactDetails(text, options);
        if (blanked !== blankSpans(text, spans, options.replacement)) expect({ text, options, blanked }).toEqual({ text, options, blanked: blankSpans(text, spans, options.replacement) });
      }
    }
  });

  it('the generator makes texts that have something blanked, and texts that have nothing blanked', () => {
    const g = generator(1);
    const texts = Array.from({ length: 500 }, () => sentence(g));
    const blanked = texts.filter((t) => blankContactDetails(t, OPTIONS[1]!) !== t).length;
    expect(blanked).toBeGreaterThan(100);
    expect(blanked).toBeLessThan(490);
  });
});
