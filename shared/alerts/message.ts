/**
 * The words of an alert. Content-free by default: the severity and "open the app", nothing
 * of the incident. A channel the team opted in for details gets the incident's short title
 * as well — with anything that looks like an address, a phone or card number, or a postcode
 * blanked, since a title typed in a hurry may name a customer.
 */
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

/** The first `n` characters of a text, never cutting a character outside the BMP (𠮷, an emoji) in two. */
export function firstChars(text: string, n: number): string {
  return [...text].slice(0, n).join('');
}

/**
 * Blanks what could identify a person in free text: e-mail addresses (also written with spaces
 * around the @, or as "(at)"), any number of two digits or more (with the dashes, dots and
 * brackets people write in them, in kanji numerals too), and codes of letters and digits such
 * as member numbers.
 */
export function scrub(text: string): string {
  const blanked = text
    // An IME types ＠ and digits full-width; numbers come with dots, commas and slashes as well as hyphens.
    .replace(/[^\s@＠]+\s*[@＠]\s*[^\s@＠]+/g, '…')
    .replace(/[^\s(（[［]+\s*[(（[［]\s*at\s*[)）\]］]\s*[^\s]+/gi, '…')
    .replace(/[A-Za-zＡ-Ｚａ-ｚ0-9０-９]*[0-9０-９][A-Za-zＡ-Ｚａ-ｚ0-9０-９]*/g, (run) => (run.length >= 6 && (run.match(/[0-9０-９]/g)?.length ?? 0) >= 3 ? '…' : run))
    .replace(/[0-9０-９][0-9０-９\-ー－‐\u2010-\u2015\u2212\uff70()（）.,，．、/／+＋ \u3000]*[0-9０-９]/g, '…')
    .replace(/[〇零一二三四五六七八九][〇零一二三四五六七八九\-ー－‐\u2010-\u2015\u2212\uff70()（）\s\u3000]{4,}[〇零一二三四五六七八九]/g, '…');
  return firstChars(blanked, 80);
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
