/**
 * Blanking a person's contact details in free text typed by people: an alert's title
 * (shared/alerts/message.ts) and a caller's question on the executives' page
 * (shared/exec/summary.ts). One set of rules, so a way of writing an address or a phone
 * number found to slip through one of them is mended for both.
 *
 * A character is blanked when any rule matches it in the text as given, and each run of
 * blanked characters becomes one `replacement`. Names cannot be told from words and stay
 * as written.
 */

/**
 * An e-mail address, also written with spaces around the @ or with a full-width ＠; several
 * joined by @ are one. It takes the characters an address is written in (half- or full-width),
 * so the sentence around it stays (「メールはtaro@example.jpです。」 keeps 「メールは」 and 「です。」).
 */
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
    `(?![${DIGIT}]*[年月日件人名円通回時分歳%％])`,
  'g',
);
/** Letters, a dash, digits (K-123456, AB-1234-5678): a member or order number, whatever label is missing. */
const DASHED_CODE = new RegExp(`(?<![${LETTER}${DIGIT}])[${LETTER}]{1,4}[${DASHES}][${DIGIT}]{3,}(?:[${DASHES}][${LETTER}${DIGIT}]+)*(?![${LETTER}${DIGIT}])`, 'g');
/** Digits with の between the groups (090の1234の5678), which the number rule does not join. */
const NO_JOINED_NUMBER = new RegExp(`[${DIGIT}]+(?:の[${DIGIT}]+)+`, 'g');
const NUMERAL = `[${DIGIT}〇一二三四五六七八九十]+`;
/** A block in 丁目, with its lot and number when given: 一丁目二番三号, 1丁目2-3. */
const CHOME = new RegExp(`${NUMERAL}丁目(?:${NUMERAL}(?:番地?|[${DASHES}])(?:${NUMERAL}号?)?)?`, 'g');

const count = (text: string, digits: RegExp) => text.match(digits)?.length ?? 0;

export interface BlankOptions {
  /** What each blanked run becomes. */
  replacement: string;
  /**
   * How many digits make a number someone's detail. An alert's title has little room and
   * blanks every number of 2 digits or more; the executives' page keeps dates and counts
   * and blanks from 8 (a phone number, a 照会番号). Kanji numerals are counted the same way.
   */
  minDigits: number;
  /**
   * Dates and amounts written with slashes or commas (2026/12/01, 12,345,678円) stay: the
   * executives' page reads them. Such a run of 10 digits or more (a card or phone number) is
   * still blanked.
   */
  keepDatesAndAmounts?: boolean;
}

/**
 * `text` with e-mail addresses, phone and other numbers (in kanji numerals too, read out with の
 * between the groups), member codes (labelled, or letters and digits joined by a dash) and a
 * block and lot in 丁目 blanked.
 */
export function blankContactDetails(text: string, { replacement, minDigits, keepDatesAndAmounts = false }: BlankOptions): string {
  const code = (run: string) => {
    const digits = count(run, /[0-9０-９]/g);
    const letters = run.length - digits;
    return run.length >= 6 && digits >= 3 && letters >= 1 && digits >= letters;
  };
  const rules: [RegExp, (match: string) => boolean][] = [
    [EMAIL, () => true],
    [EMAIL_AT, () => true],
    [CODE, code],
    [keepDatesAndAmounts ? NUMBER_RUN_KEEPING_DATES : NUMBER_RUN, (run) => count(run, /[0-9０-９]/g) >= minDigits],
    // Kept dates have 8 digits and amounts rarely more than 9: a longer run with slashes or commas is a card or phone number.
    ...(keepDatesAndAmounts ? [[NUMBER_RUN, (run: string) => count(run, /[0-9０-９]/g) >= Math.max(minDigits, 10)] as [RegExp, (match: string) => boolean]] : []),
    [KANJI_NUMBER, (run) => count(run.trimEnd(), /[〇零一二三四五六七八九]/g) >= minDigits],
    [DASHED_CODE, () => true],
    [NO_JOINED_NUMBER, (run) => count(run, /[0-9０-９]/g) >= minDigits],
    [CHOME, () => true],
  ];
  const spans: Span[] = [];
  for (const [pattern, blanks] of rules) {
    for (const m of text.matchAll(pattern)) if (blanks(m[0])) spans.push([m.index, m.index + m[0].trimEnd().length]);
  }
  for (const m of text.matchAll(LABELLED)) {
    const code = m[1]!;
    // A code of at least four digits (a member number); "番号は3" is a count.
    if (count(code, /[0-9０-９]/g) >= 4) {
      const start = m.index + m[0].length - code.length;
      spans.push([start, start + code.length]);
    }
  }
  return blankSpans(text, spans, replacement);
}

/** A part of a text, from its start to its end (code units). */
export type Span = [number, number];

/** `text` with each run of characters covered by a span replaced by one `replacement`. */
export function blankSpans(text: string, spans: readonly Span[], replacement: string): string {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = '';
  let end = -1; // where the last blank ends (-1: none yet)
  for (const [s, e] of sorted) {
    // A span that starts inside or right at the end of the last blank makes it longer.
    if (s > end) out += text.slice(Math.max(end, 0), s) + replacement;
    end = Math.max(end, e);
  }
  return out + text.slice(Math.max(end, 0));
}
