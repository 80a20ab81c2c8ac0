/**
 * The words of an alert. Content-free by default: the severity and "open the app", nothing
 * of the incident. A channel the team opted in for details gets the incident's short title
 * as well — with anything that looks like an address, a phone or card number, or a postcode
 * blanked, since a title typed in a hurry may name a customer.
 */
import { blankContactDetails } from '../text/contact-details';
import type { AlertText } from './job';
import type { Severity } from './plan';

const SEVERITY_JA: Record<Severity, string> = { high: '高', medium: '中', low: '低' };
const SEVERITY_EN: Record<Severity, string> = { high: 'high', medium: 'medium', low: 'low' };

export function plainText(severity: Severity, test = false): AlertText {
  if (test) return { ja: '本部: これはテスト通知です。対応は不要です。', en: 'Honbu: this is a test alert. No action is needed.' };
  return {
    ja: `本部: 重大度 ${SEVERITY_JA[severity]} の新しい事案があります。アプリを開いてください。`,
    en: `Honbu: a new incident of ${SEVERITY_EN[severity]} severity. Please open the app.`,
  };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The first `n` characters of a text as a person reads them (grapheme clusters): never a
 * character cut in two — 𠮷 or an emoji (two UTF-16 units), a ZWJ sequence (👨‍👩‍👧‍👦), a flag
 * (🇯🇵), a kana and its combining voiced mark (か + U+3099, as NFD text from a Mac has ガ). A
 * cluster may be any number of code points (a letter under many combining marks), so the text
 * kept is also at most 2·n UTF-16 units, what the first `n` code points can be: what callers
 * store stays within the bound it always had, and a cluster that would take it over is left out.
 */
export function firstChars(text: string, n: number): string {
  // Short enough in units to be short enough in clusters: nothing to cut.
  if (text.length <= n) return text;
  const maxUnits = 2 * n;
  let end = 0;
  let count = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (count === n || index + segment.length > maxUnits) break;
    end = index + segment.length;
    count++;
  }
  return text.slice(0, end);
}

/**
 * Blanks what could identify a person in a title (shared/text/contact-details.ts): e-mail
 * addresses however written, any number of two digits or more (in kanji numerals too), and
 * codes of letters and digits such as member numbers; then cuts it to 80 characters.
 */
export function scrub(text: string): string {
  return firstChars(blankContactDetails(text, { replacement: '…', minDigits: 2 }), 80);
}

export function detailedText(severity: Severity, title: string): AlertText {
  const plain = plainText(severity);
  const t = scrub(title.trim());
  if (!t) return plain;
  return { ja: `${plain.ja}\n件名: ${t}`, en: `${plain.en}\nTitle: ${t}` };
}

/** One text for a mail or post: Japanese, then English; the acknowledgement link when there is one. */
export function renderAlert(text: AlertText, ackUrl?: string): string {
  const link = ackUrl ? `\n\n確認しました（受け取ったことを本部に知らせる）:\n${ackUrl}\nAcknowledge (tell Honbu you have it):\n${ackUrl}` : '';
  return `${text.ja}\n\n${text.en}${link}`;
}

export const alertSubject = (severity: Severity, test = false): string =>
  test ? '本部: テスト通知 / Honbu: test alert' : `本部: 重大度 ${SEVERITY_JA[severity]} の新しい事案 / Honbu: new incident (${SEVERITY_EN[severity]})`;

/**
 * A reminder's words (decision 024): that there is one, nothing of what it is about. The chat
 * form names the person, since a team channel is read by several; the mail goes to them alone.
 */
export function reminderText(personName?: string): AlertText {
  const ja = '本部: 対応期限のお知らせがあります。アプリを開いてください。';
  const en = 'Honbu: you have a deadline reminder. Please open the app.';
  const name = personName === undefined ? undefined : firstChars(personName.trim(), 60);
  return name ? { ja: `${ja}（${name} さん宛て）`, en: `${en} (for ${name})` } : { ja, en };
}

export const REMINDER_SUBJECT = '本部: 対応期限のお知らせ / Honbu: deadline reminder';
