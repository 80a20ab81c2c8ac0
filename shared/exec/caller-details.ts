/**
 * A caller's own details blanked out of a question before it reaches the executives' page and
 * its Word file (decision 036). A group's label is one caller's question as the vendor wrote it:
 * it can carry a phone number, an e-mail address, a 照会番号, a postcode and street address, a
 * member number, or a number read out in kanji. One function, `withoutContactDetails`, is used
 * for the page, its print and its Word file (all three show the summary's top questions).
 *
 * It blanks, each as one ＊＊＊:
 * - whatever the FAQ approval's own check calls personal data (`personalDataIn`: phone numbers,
 *   e-mail addresses, postcodes, a street number after a town, and an address's numbers by the
 *   rules below), found in the text as written whatever its width or dashes;
 * - and the rules shared with an alert's title (shared/text/contact-details.ts): numbers of 8
 *   digits or more (read out in kanji, or with の between the groups, too), e-mail addresses,
 *   member codes, a code or number after a label that names it (会員番号はK-123456, お客様ID:
 *   12345), a code of letters and 5 digits or more joined by a dash (K-12345), an address's
 *   numbers: a block and lot in 丁目 or with dashes (神宮前一丁目2番3号, 1-2-3), a street number
 *   in 番地 (山下町123番地), a room and its building (グランドビル405号室), a block and lot before
 *   a town in Latin letters (1-2-3 Jingumae, Shibuya-ku).
 * Dates and amounts written with slashes, dashes or commas (2026/12/01, 2026-12-01, 12,345円),
 * counts, standards' names (ISO-27001, RFC-2822), short codes and a product's model
 * (型番AB-1234) stay; names cannot be told from words and stay as written.
 */
import { personalDataIn } from '../faq/commands';
import { EMPTY_FACTS } from '../incident/model';
import { blankContactDetails, blankSpans, type Span } from '../text/contact-details';

export const BLANK = '＊＊＊';

/** How many digits must a number have to be a caller's detail on this page (a date has 8 with its slashes kept). */
const MIN_DIGITS = 8;

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

/**
 * A question as the executives' page, its print and its Word file show it: a caller's contact
 * details, address, member number and other numbers of theirs blanked; dates, amounts and
 * counts kept.
 */
export function withoutContactDetails(text: string): string {
  // The shared rules first: they blank a number whole, whatever separates its groups, so the
  // rules below never leave part of one (照会番号 0100 0001 8). They blank a block and lot
  // (1-2-3) and leave the town before it (東京都渋谷区神宮前＊＊＊): a town is no one's own.
  const shared = blankContactDetails(text, { replacement: BLANK, minDigits: MIN_DIGITS, keepDatesAndAmounts: true });
  const found = personalDataSpans(shared);
  // A detail the FAQ check saw that cannot be told apart here: the question is not shown at all.
  if (found === null) return BLANK;
  // Two blanks side by side (a street number, then a building and room) read as one.
  return blankSpans(shared, found, BLANK).replace(new RegExp(`(?:${BLANK})+`, 'g'), BLANK);
}
