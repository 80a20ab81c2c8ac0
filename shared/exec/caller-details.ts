/**
 * A caller's own details blanked out of a question before it reaches the executives' page and
 * its Word file (decision 036). A group's label is one caller's question as the vendor wrote it:
 * it can carry a phone number, an e-mail address, a 照会番号, a postcode and street address, a
 * member number, or a number read out in kanji. One function, `withoutContactDetails`, is used
 * for the page, its print and its Word file (all three show the summary's top questions).
 *
 * It blanks, each as one ＊＊＊:
 * - whatever the FAQ approval's own check calls personal data (`personalDataIn`: phone numbers,
 *   e-mail addresses, postcodes, a street number after a town), found in the text as written
 *   whatever its width or dashes;
 * - a code or number after a label that names it (会員番号はK-123456, お客様ID: 12345);
 * - a code of letters and digits joined by a dash (K-123456, AB-1234-5678);
 * - a number read out in kanji with の or dashes between its groups (〇九〇の一二三四の五六七八);
 * - a block and lot in 丁目 (神宮前一丁目2番3号);
 * - and, as before, the shared rules for contact details (shared/text/contact-details.ts):
 *   numbers of 8 digits or more, e-mail addresses, member codes.
 * Dates and amounts written with slashes or commas (2026/12/01, 12,345円) and counts stay; names
 * cannot be told from words and stay as written.
 */
import { personalDataIn } from '../faq/commands';
import { EMPTY_FACTS } from '../incident/model';
import { blankContactDetails } from '../text/contact-details';

export const BLANK = '＊＊＊';

const DIGIT = '0-9０-９';
const KANJI_DIGIT = '〇零一二三四五六七八九';
const DASHES = '\\-\\u2010-\\u2015\\u2212\\u30fc\\uff0d\\uff70';
const LETTER = 'A-Za-zＡ-Ｚａ-ｚ';

/** A label that names the number after it as someone's own: 会員番号, お客様番号, ID, No. …, then は／：／= and spaces. */
const LABELLED = new RegExp(
  `(?:番号|(?<![${LETTER}])(?:[IiＩｉ][DdＤｄ]|[NnＮｎ][OoＯｏ][.．]?)(?![${LETTER}])|№)[\\s\\u3000]*(?:は|が|を|:|：|=|＝)?[\\s\\u3000]*` +
    `([${LETTER}${DIGIT}](?:[${LETTER}${DIGIT}]|[${DASHES}](?=[${LETTER}${DIGIT}])|[\\s\\u3000](?=[${DIGIT}]))*)` +
    // A count, a date or an amount after the label ("番号は3件", "番号が2026年") is not a number of its own.
    `(?![${DIGIT}]*[年月日件人名円通回時分歳%％])`,
  'g',
);
/** Letters, a dash, digits (K-123456, AB-1234-5678): a member or order number, whatever label is missing. */
const DASHED_CODE = new RegExp(`(?<![${LETTER}${DIGIT}])[${LETTER}]{1,4}[${DASHES}][${DIGIT}]{3,}(?:[${DASHES}][${LETTER}${DIGIT}]+)*(?![${LETTER}${DIGIT}])`, 'g');
/** A number read out digit by digit in kanji, its groups joined by の, dashes or spaces. */
const KANJI_NUMBER = new RegExp(`[${KANJI_DIGIT}](?:[${KANJI_DIGIT}]|[${DASHES}の()（）\\s\\u3000]+(?=[${KANJI_DIGIT}]))+`, 'g');
/** The same with arabic digits and の between the groups (090の1234の5678), which the shared rules do not join. */
const NO_JOINED_NUMBER = new RegExp(`[${DIGIT}]+(?:の[${DIGIT}]+)+`, 'g');
const NUMERAL = `[${DIGIT}〇一二三四五六七八九十]+`;
/** A block in 丁目, with its lot and number when given: 一丁目二番三号, 1丁目2-3. */
const CHOME = new RegExp(`${NUMERAL}丁目(?:${NUMERAL}(?:番地?|[${DASHES}])(?:${NUMERAL}号?)?)?`, 'g');

/** How many digits a number must have to be a caller's detail on this page (a date has 8 with its slashes kept). */
const MIN_DIGITS = 8;
/** A number read out in kanji is a phone or member number from 8 numerals (一 and 二 alone are words). */
const MIN_KANJI_DIGITS = 8;

type Span = [number, number];

/** One code point as compared with personalDataIn's findings: compatibility-decomposed (width, ｶﾞ), every dash a hyphen. */
function canonical(cp: string): string {
  return cp.normalize('NFKD').replace(/[\u2010-\u2015\u2212\u30fc\uff0d\uff70]/g, '-');
}

/** `text` canonical, and for each of its code units where it came from in `text` (start and end). */
function canonicalWithMap(text: string): { text: string; from: number[]; to: number[] } {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const cp of text) {
    const c = canonical(cp);
    for (let k = 0; k < c.length; k++) {
      from.push(i);
      to.push(i + cp.length);
    }
    out += c;
    i += cp.length;
  }
  return { text: out, from, to };
}

/**
 * Where in `text` each of the FAQ check's findings is. personalDataIn reports them as it read
 * the text (NFKC, its dashes made hyphens), so they are found again in the same reading of the
 * text as written. null when one cannot be found (then the whole question is blanked).
 */
function personalDataSpans(text: string): Span[] | null {
  const found = personalDataIn(text, EMPTY_FACTS);
  if (found.length === 0) return [];
  const c = canonicalWithMap(text);
  const spans: Span[] = [];
  for (const f of new Set(found)) {
    const needle = [...f].map(canonical).join('');
    let at = c.text.indexOf(needle);
    if (needle === '' || at === -1) return null;
    for (; at !== -1; at = c.text.indexOf(needle, at + needle.length)) spans.push([c.from[at]!, c.to[at + needle.length - 1]!]);
  }
  return spans;
}

const digitCount = (s: string, digits: RegExp) => s.match(digits)?.length ?? 0;

function ruleSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(LABELLED)) {
    const code = m[1]!;
    // A code of at least four digits (a member number); "番号は3" is a count.
    if (digitCount(code, /[0-9０-９]/g) >= 4) {
      const start = m.index + m[0].length - code.length;
      spans.push([start, start + code.length]);
    }
  }
  for (const m of text.matchAll(DASHED_CODE)) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(KANJI_NUMBER)) if (digitCount(m[0], /[〇零一二三四五六七八九]/g) >= MIN_KANJI_DIGITS) spans.push([m.index, m.index + m[0].trimEnd().length]);
  for (const m of text.matchAll(NO_JOINED_NUMBER)) if (digitCount(m[0], /[0-9０-９]/g) >= MIN_DIGITS) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(CHOME)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** `text` with each run of characters covered by a span replaced by one BLANK. */
function blankSpans(text: string, spans: Span[]): string {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = '';
  let end = -1;
  for (const [s, e] of sorted) {
    if (s > end) out += text.slice(Math.max(end, 0), s) + BLANK;
    end = Math.max(end, e);
  }
  return out + text.slice(Math.max(end, 0));
}

/**
 * A question as the executives' page, its print and its Word file show it: a caller's contact
 * details, address, member number and other numbers of theirs blanked; dates, amounts and
 * counts kept.
 */
export function withoutContactDetails(text: string): string {
  // The shared rules first: they blank a number whole, whatever separates its groups, so the
  // rules below never leave part of one (照会番号 0100 0001 8).
  const shared = blankContactDetails(text, { replacement: BLANK, minDigits: MIN_DIGITS, keepDatesAndAmounts: true });
  const found = personalDataSpans(shared);
  // A detail the FAQ check saw that cannot be told apart here: the question is not shown at all.
  if (found === null) return BLANK;
  // Two blanks side by side (a town's street number, its 丁目 already blanked) read as one.
  return blankSpans(shared, [...found, ...ruleSpans(shared)]).replace(new RegExp(`(?:${BLANK})+`, 'g'), BLANK);
}
