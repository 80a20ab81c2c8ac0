/**
 * A returned-mail or bounce list, pasted or read from a file: its separator detected like
 * a customer list's, a header line recognised and skipped, and every item kept with its
 * physical line so "not found" can point at lines, not at item numbers.
 */
import { CsvRecordStream, CsvStreamError } from './csv-stream';
import { delimiterIn } from './delimiter';
import type { Delimiter, ImportIssue } from './model';

export type ListKind = 'returned-mail' | 'bounce';

export interface ListItem {
  /** Physical line in the pasted text or file. */
  line: number;
  /** The key's column (1-based), for findings at a line and column. */
  column: number;
  /** Customer number (returned mail) or e-mail address (bounce), as written. */
  key: string;
  /** The reason or hard/soft, as written ('' when absent). */
  detail: string;
}

export interface ParsedList {
  delimiter: Delimiter;
  delimiterDetected: boolean;
  /** Whether the first line was taken as a header (and skipped). */
  header: boolean;
  /** What the header guess was, before any choice of the user's. */
  headerGuess: boolean;
  /** The column (0-based) holding the customer number, reference number or address. */
  keyColumn: number;
  /** The column (0-based) holding the reason or hard/soft; -1 when none does. */
  detailColumn: number;
  items: ListItem[];
  /** First records as split, for the preview (header included). */
  preview: { line: number; cells: string[] }[];
  /** Findings that refuse the list: a broken quote, a key holding a separator. */
  problems: ImportIssue[];
  problemCount: number;
}

const MAX_LISTED = 50;

/**
 * Whether a bounce is temporary (soft: tried again) rather than permanent (hard: the next
 * channel). Mail systems word it their own way: 'soft', an SMTP 4xx code or a 4.x.x
 * status ('4.2.2 Mailbox full'), Amazon SES's 'Transient', 'temporary', 一時. Anything
 * else is hard, as the list's instructions say.
 */
export function bounceIsSoft(detail: string): boolean {
  const d = detail.normalize('NFKC').trim();
  return /soft|transient|temporar|一時/i.test(d) || /^(4\d\d\b|4\.\d{1,3}\.\d{1,3}\b)/.test(d);
}

/**
 * A first line naming its columns: a customer number holds a digit and an e-mail
 * address an @, a header (顧客番号, メールアドレス, customer no) neither.
 */
export function looksLikeHeader(cell: string, kind: ListKind): boolean {
  const v = cell.normalize('NFKC').trim();
  if (!v) return false;
  if (kind === 'bounce') return !v.includes('@');
  // Words, with no number a key could be (照会番号（11桁）, 顧客番号 (No.) are headers).
  // A customer number of letters and digits (AB123) is data, not a header.
  return !/\d/.test(v) || (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{2,}/u.test(v) && !/\d{4,}/.test(v));
}

/**
 * The address of a bounce as mail systems write it: bare, with the name ('鈴木 一郎
 * <suzuki@example.jp>', '"Sato, Hanako" <sato@example.jp>') or as a mailto: link.
 */
export function bouncedAddress(cell: string): string {
  const angled = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(cell);
  const address = angled ? angled[1]! : cell;
  return address.replace(/^mailto:/i, '').trim();
}

/**
 * Bounces pasted as a mail client copies addresses — `"山田 花子" <hana@example.jp>`,
 * `Sato, Hanako <sato@example.jp>`, a To: line of several (`a <a@x>, b <b@y>` or with `;`) —
 * are not CSV fields (text after a closing quote, commas inside a name). Each line's leading
 * mailboxes are read here first: the names are left out (not needed to find the customer),
 * a line of only mailboxes gives one item each, and a line of one mailbox and more text keeps
 * that text as the reason. Lines are kept one for one, so line numbers stay the file's.
 */
const QUOTED = String.raw`"(?:[^"\\\r\n]|\\.|"")*"`;
const ANGLED_ADDRESS = String.raw`<([^<>\s"]+@[^<>\s"]+)>`;
const MAILBOX = [
  // A bare address first: "a@x, Bob <b@y>" is two mailboxes, not one named "a@x, Bob".
  // Spaces after a mailbox are its own; a tab after it is the list's separator.
  new RegExp(String.raw`[ \t]*(?:mailto:)?([^\s<>,;"]+@[^\s<>,;"]+) *`, 'iy'),
  // A name: quoted, or words without digits, dots or @ (「452 4.2.2 Mailbox full for <a@x>」 is a reason, not a name).
  // Greedy, with no spaces matched apart from the name's own: a long run of spaces stays linear.
  new RegExp(String.raw`(?:[ \t]*${QUOTED}[ \t]*|[^"<>;\t\r\n\d.@]*)${ANGLED_ADDRESS} *`, 'y'),
  new RegExp(String.raw`[ \t]*${QUOTED}[ \t]+(?:mailto:)?([^\s<>,;"]+@[^\s<>,;"]+) *`, 'iy'),
];
/** Joins the mailboxes of one line in its first cell (no list or address holds it). */
const MAILBOXES = '\u001f';

function bounceLine(line: string): string {
  const addresses: string[] = [];
  let p = 0;
  let afterFirst = 0;
  for (;;) {
    let address: string | undefined;
    for (const re of MAILBOX) {
      re.lastIndex = p;
      const m = re.exec(line);
      if (m) {
        address = m[1]!;
        p = re.lastIndex;
        break;
      }
    }
    if (address === undefined) break;
    addresses.push(address);
    if (addresses.length === 1) afterFirst = p;
    if (p < line.length && /[,;\t]/.test(line[p]!)) p++;
    else break;
  }
  if (addresses.length === 0) return line;
  // Several mailboxes, and nothing else on the line: one bounce each. The same address again is a reason quoting it.
  if (addresses.length > 1 && line.slice(p).trim() === '' && new Set(addresses.map((a) => a.toLowerCase())).size === addresses.length) return addresses.map((a) => `<${a}>`).join(MAILBOXES);
  return `<${addresses[0]!}>${line.slice(afterFirst)}`;
}

const bounceLines = (text: string): string =>
  text
    .split(/(\r\n|\n|\r)/)
    .map((part, i) => (i % 2 === 0 ? bounceLine(part) : part))
    .join('');

/** Headers naming the key: a reference number (the vendor's return list), a customer's own number. */
export const REFERENCE_HEADER = /照会|reference|ref\.?\s*no/i;
export const CUSTOMER_HEADER = /顧客|会員|お客様|customer|member/i;
/** Words of a number column (管理番号, Customer No, 会員ID) — and of columns that hold another number or none. */
const NUMBER_WORD = /番号|number|\bno\b\.?|\bid\b|コード|code|ＩＤ/i;
const NOT_THE_NUMBER = /名|区分|種別|name|type|class|categor|日|date|time|理由|reason|住所|address|郵便|〒|zip|post|電話|phone|tel|mail|メール|連番|serial|seq|行/i;
/** A recipient (宛先, To address), an address column, and columns that are not the recipient (件名, From). */
const RECIPIENT_HEADER = /宛先|受信者|送信先|recipient|\bto\b/i;
const ADDRESS_HEADER = /メール|e-?mail|mail|アドレス|address/i;
const NOT_THE_RECIPIENT = /件名|subject|送信元|差出人|\bfrom\b|sender|日時|date|time|status|状態|理由|reason|エラー|error/i;
/** Headers naming the reason (returned mail) or the kind of bounce. */
const REASON_HEADER = /理由|事由|reason|状態|status|結果|result/i;
const BOUNCE_HEADER = /種別|種類|hard|soft|type|理由|reason|状態|status|エラー|error|diagnostic|bounce/i;

/** How surely a header names the key: 0 not at all, higher the surer. */
function keyScore(name: string, kind: ListKind): number {
  if (kind === 'bounce') {
    if (NOT_THE_RECIPIENT.test(name) && !RECIPIENT_HEADER.test(name)) return 0;
    if (/\bfrom\b|送信元|差出人|sender/i.test(name)) return 0;
    return RECIPIENT_HEADER.test(name) ? 3 : ADDRESS_HEADER.test(name) ? 2 : 0;
  }
  if (REFERENCE_HEADER.test(name)) return 3;
  if (NOT_THE_NUMBER.test(name)) return 0;
  if (CUSTOMER_HEADER.test(name)) return 2;
  return NUMBER_WORD.test(name) ? 1 : 0;
}

/**
 * Where the key and the reason are, from a header line: a returned list in the layout of the
 * file the printing vendor was sent (郵便番号 first, 照会番号 further on, 返送理由 added) names
 * its columns. The key is the column whose name says so most surely — a reference number, then
 * a customer's number (顧客番号, 会員番号, Customer No; never 顧客名, 会員区分 or 連番), then
 * any number (管理番号); for bounces the recipient (宛先, To address), then an address (never
 * 件名 or From) — the first column on a tie or when none does. The reason is the column named
 * so; without one, the column after the key when the key is first (a list of two columns as the
 * screen asks for), else none — never a neighbour such as 都道府県.
 */
function columnsOf(head: readonly string[] | null, kind: ListKind, chosenKey?: number): { keyColumn: number; detailColumn: number } {
  const names = (head ?? []).map((c) => c.normalize('NFKC').trim());
  const scores = names.map((c) => keyScore(c, kind));
  let keyColumn = chosenKey ?? 0;
  if (chosenKey === undefined) for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[keyColumn]!) keyColumn = i;
  const detailRe = kind === 'bounce' ? BOUNCE_HEADER : REASON_HEADER;
  const named = names.findIndex((c, i) => i !== keyColumn && (kind === 'bounce' ? keyScore(c, kind) < 2 : keyScore(c, kind) === 0) && detailRe.test(c));
  return { keyColumn, detailColumn: named >= 0 ? named : keyColumn === 0 ? 1 : -1 };
}

/** A first line of names only: no address (bounces), no run of digits a number would hold. */
function allNames(cells: readonly string[], kind: ListKind): boolean {
  return cells.every((c) => {
    const v = c.normalize('NFKC');
    return kind === 'bounce' ? !v.includes('@') : !/\d{3,}/.test(v);
  });
}

export function parseResultList(text: string, kind: ListKind, options: { delimiter?: Delimiter; header?: boolean; keyColumn?: number } = {}): ParsedList {
  const csv = new CsvRecordStream({ delimiter: options.delimiter });
  const problems: ImportIssue[] = [];
  let problemCount = 0;
  let records;
  try {
    records = csv.push(kind === 'bounce' ? bounceLines(text) : text, true);
  } catch (e) {
    if (!(e instanceof CsvStreamError)) throw e;
    records = e.before;
    problems.push(e.issue);
    problemCount++;
  }
  const rows = records.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) })).filter((r) => r.cells.some(Boolean));
  // A header is told by its first cell, or — a first line of names only — by a column named as
  // the key further on (the vendor's layout). A data line whose reason says "mail" or "お客様" is data.
  const named = rows.length > 0 && options.keyColumn === undefined && allNames(rows[0]!.cells, kind) ? columnsOf(rows[0]!.cells, kind).keyColumn : 0;
  const headerGuess = rows.length > 0 && (looksLikeHeader(rows[0]!.cells[0] ?? '', kind) || named > 0);
  const header = options.header ?? headerGuess;
  const { keyColumn, detailColumn } = columnsOf(header ? rows[0]!.cells : null, kind, options.keyColumn);
  const items: ListItem[] = [];
  for (const r of header ? rows.slice(1) : rows) {
    const first = r.cells[keyColumn] ?? '';
    for (const key of kind === 'bounce' ? first.split(MAILBOXES).map(bouncedAddress) : [first]) {
      if (!key) continue;
      // Two fields the separator did not split: refuse rather than look up "C1;宛所不明".
      const d = delimiterIn(key);
      if (d) {
        problemCount++;
        if (problems.length < MAX_LISTED) problems.push({ code: 'key-has-delimiter', severity: 'error', line: r.line, column: keyColumn + 1, delimiter: d });
      }
      items.push({ line: r.line, column: keyColumn + 1, key, detail: detailColumn >= 0 ? (r.cells[detailColumn] ?? '') : '' });
    }
  }
  return {
    delimiter: csv.delimiter,
    delimiterDetected: csv.wasDetected,
    header,
    headerGuess,
    keyColumn,
    detailColumn,
    items,
    preview: rows.slice(0, 6),
    problems,
    problemCount,
  };
}
