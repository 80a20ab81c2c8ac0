/**
 * Reading the values of a call-centre vendor's files (decision 031). Vendors write what
 * their own spreadsheet makes of a value: full-width digits, 2026/12/1, 令和8年12月1日, an
 * Excel serial number or a Date, 2:05 or 125 for a duration, 1,234件 for a count. Each
 * reader returns the value or null when it cannot read it; the caller says where.
 */
import type { EnquiryChannel } from './model';

/** One cell as a CSV (always text) or a workbook (typed) gives it. */
export type Cell = string | number | boolean | Date | null | undefined;

/** NFKC turns full-width digits, letters, colons and slashes into ASCII; spaces trimmed. For values that are read or matched, never for text that is stored. */
export function cellText(cell: Cell): string {
  return rawText(cell).normalize('NFKC').trim();
}

/**
 * A cell as the vendor wrote it, only the spaces around it trimmed: the question, the answer,
 * the caller's name and the category are stored like this (NFKC would turn ① into 1, ㈱ into
 * (株), （ into ( and a compatibility ideograph such as 神 U+FA19 into another character).
 */
export function rawText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  return String(cell).trim();
}

const pad = (n: number) => String(n).padStart(2, '0');

export function validDay(y: number, m: number, d: number): string | null {
  if (!(y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function serialDay(serial: number): string | null {
  if (!(serial >= 32_874 && serial < 73_051)) return null; // 1990 … 2100
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000);
  return validDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const ERAS: Record<string, number> = { 令和: 2018, r: 2018, 平成: 1988, h: 1988 };

/**
 * A calendar day, YYYY-MM-DD: 2026/12/1, 2026-12-01, 2026.12.1, 2026年12月1日, 令和8年12月1日,
 * R8.12.1, 20261201, an Excel serial (46357) or a workbook Date (whose UTC fields are the
 * wall-clock time the spreadsheet showed). A time after the day is ignored.
 */
export function readDay(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : validDay(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  if (typeof cell === 'number') return serialDay(cell);
  const s = cellText(cell).toLowerCase();
  if (s === '') return null;
  let m = /^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?(?:$|[\sT(（])/.exec(s);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(令和|平成|r|h)\s*(\d{1,2}|元)[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?(?:$|[\s(（])/.exec(s);
  if (m) return validDay(ERAS[m[1]!]! + (m[2] === '元' ? 1 : Number(m[2])), Number(m[3]), Number(m[4]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(s)) return serialDay(Number(s));
  return null;
}

/** 午前/午後, AM/PM (a.m., p.m.) before or after the time. */
const MERIDIEM = /(?:^|\s)(午前|午後|am|pm|a\.m\.|p\.m\.)\s*(?=\d)|\s*(午前|午後|am|pm|a\.m\.|p\.m\.)$/i;

/**
 * A time written at the end of a cell, and what is written before it: h:mm[:ss] (a
 * timestamp's zone ignored: the wall clock the vendor's system showed) or 9時5分[30秒],
 * with 午前/午後 or AM/PM before or after it. Seconds since midnight (past 24:00 is the next
 * morning, as a night shift writes it); null when it is no such time. 午後 3:15 is 15:15,
 * 午前 12:10 is 0:10 and 午後 12:10 is 12:10 (午前 0:10 and 午後 0:10 alike); an hour over 12
 * beside 午前/午後 is not guessed.
 */
function clockParts(text: string): { secs: number; before: string } | null {
  let s = text;
  let meridiem: 'am' | 'pm' | null = null;
  const mer = MERIDIEM.exec(s);
  if (mer) {
    const word = (mer[1] ?? mer[2]!).toLowerCase();
    meridiem = word === '午前' || word.startsWith('a') ? 'am' : 'pm';
    s = (s.slice(0, mer.index) + ' ' + s.slice(mer.index + mer[0].length)).trim();
  }
  let parts: { before: string; h: string; mi: string | undefined; se: string | undefined } | null = null;
  const colon = /^(.*?)(?:^|[\sT])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (colon) parts = { before: colon[1]!, h: colon[2]!, mi: colon[3], se: colon[4] };
  // 9時5分[30秒], and 3時半 (half past, as a vendor writes it: 午後3時半 = 15:30).
  const kanji = colon ? null : /^(.*?)(?:^|\s)(\d{1,2})時(?:(\d{1,2})分|(半))?(?:(\d{1,2})秒)?$/.exec(s);
  if (kanji) parts = { before: kanji[1]!, h: kanji[2]!, mi: kanji[4] === '半' ? '30' : kanji[3], se: kanji[5] };
  if (!parts) return null;
  let h = Number(parts.h);
  const [mi, se] = [Number(parts.mi ?? 0), Number(parts.se ?? 0)];
  if (meridiem) {
    if (h > 12) return null;
    h = meridiem === 'am' ? h % 12 : (h % 12) + 12;
  }
  // 24:00–47:59 is how a night shift writes the small hours on its own day (25:10 = 1:10 the next morning).
  if (h > 47 || mi > 59 || se > 59) return null;
  return { secs: h * 3600 + mi * 60 + se, before: parts.before.trim() };
}

/**
 * A day written before a time without its year (12/8 01:30, 12月8日 1時30分): the year that
 * puts it nearest to the day it is read on (a 12/31 log's 1/1 row is next year's).
 */
function monthDayNear(text: string, near: string): string | null {
  const m = /^(\d{1,2})[/\-月](\d{1,2})日?(?:\s*[(（][^)）]*[)）])?$/.exec(text);
  if (!m) return null;
  const year = Number(near.slice(0, 4));
  let best: string | null = null;
  for (const y of [year - 1, year, year + 1]) {
    const d = validDay(y, Number(m[1]), Number(m[2]));
    if (d && (!best || Math.abs(daysBetween(d, near)) < Math.abs(daysBetween(best, near)))) best = d;
  }
  return best;
}

/** Whole days from a to b (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A day written YYYY-MM-DD that is a real calendar day (not 2026-02-30). */
export function isRealDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3])) === day;
}

/**
 * When the enquiry came in, as an ISO instant (Japan time), from a time cell and the day
 * it belongs to. The cell may hold a date too (2026/12/1 9:05, a workbook Date, a serial
 * with a fraction): then its own day wins.
 */
export function readTimeOnDay(cell: Cell, day: string): string | null {
  return readTimeAndDay(cell, day)?.at ?? null;
}

/**
 * readTimeOnDay, and the day the cell itself writes (2026/12/06 9:05, 12/8 01:30, a workbook Date
 * or a serial with its day; null when it gives only a time, 25:10 included): a row that carries its
 * own date is filed under that day, whatever day the file was imported as.
 */
export function readTimeAndDay(cell: Cell, day: string): { at: string; ownDay: string | null } | null {
  let d = day;
  let own: string | null = null;
  let secs: number | null = null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    own = readDay(cell);
    secs = cell.getUTCHours() * 3600 + cell.getUTCMinutes() * 60 + cell.getUTCSeconds();
    if (own) d = own;
    else {
      // A time cell past 24:00 ([h]:mm, 25:10) is a Date on 1899-12-31: the next morning.
      const days = Math.floor((cell.getTime() - EXCEL_EPOCH_MS) / 86_400_000);
      if (days < 0 || days > 1) return null;
      secs += days * 86_400;
    }
  } else if (typeof cell === 'number') {
    if (cell < 0) return null;
    if (cell >= 1 && cell < 2) secs = Math.round(cell * 86_400); // 25:10 as a number of days: the next morning
    else if (cell >= 1) {
      own = serialDay(cell);
      if (!own) return null;
      d = own;
    }
    if (secs === null) secs = Math.round((cell % 1) * 86_400) % 86_400;
  } else {
    const s = cellText(cell);
    if (s === '') return null;
    if (/^\d?\.\d+$/.test(s)) secs = Math.round(Number(s) * 86_400) % 86_400;
    else {
      const clock = clockParts(s);
      if (!clock) return null;
      secs = clock.secs;
      // What is written before the time is its day, or the cell is not read: a day left out
      // silently (12/8 01:30 in the 12/7 log read as 12/7) files the call on the wrong day.
      if (clock.before !== '') {
        own = readDay(clock.before) ?? (isRealDay(day) ? monthDayNear(clock.before, day) : null);
        if (!own) return null;
        d = own;
      }
    }
  }
  if (secs === null || !isRealDay(d)) return null;
  return { at: instantOf(d, secs), ownDay: own };
}

/** A day and seconds since its midnight (24:00 and later: the next morning) as an ISO instant, Japan time. */
function instantOf(day: string, secs: number): string {
  let d = day;
  let s = secs;
  if (s >= 86_400) {
    d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    s -= 86_400;
  }
  return `${d}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}+09:00`;
}

/**
 * How versions before 2026-12-07 read a time cell as text: what was written before the time was
 * its day only when it was a whole date (2026/12/08 01:30), else it was not read (12/8 01:30 in the
 * 12/07 log was 12/07 01:30), and neither was 午前/午後 or AM/PM (午後 3:15 and PM 3:40 were 03:15
 * and 03:40, 午前 12:10 was 12:10; a time after a space only: 午後3:15 and 3:15 PM were not read at
 * all, and such a file was refused). Their row keys hold that time. The instant they read, when it
 * differs from readTimeOnDay's; else null. Only for finding the enquiries they stored — never a
 * reading of the cell.
 */
export function earlierTimeOnDay(cell: Cell, day: string): string | null {
  if (typeof cell !== 'string') return null;
  const s = cellText(cell);
  const m = /(?:^|[\sT])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?$/i.exec(s) ?? /(?:^|\s)(\d{1,2})時(?:(\d{1,2})分)?(?:(\d{1,2})秒)?$/.exec(s);
  if (!m) return null;
  const [h, mi, se] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (h > 47 || mi > 59 || se > 59) return null;
  const d = readDay(s) ?? day;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return null;
  const earlier = instantOf(d, h * 3600 + mi * 60 + se);
  const now = readTimeOnDay(cell, day);
  return now === null || earlier === now ? null : earlier;
}

/**
 * A duration in seconds: 125, 125秒, 2:05 (mm:ss), 1:02:05 (h:mm:ss), 2分5秒, or an Excel
 * time (a fraction of a day, or a Date on 1899-12-30/31).
 */
export function readDuration(cell: Cell): number | null {
  if (cell instanceof Date) {
    const ms = cell.getTime() - EXCEL_EPOCH_MS;
    return Number.isNaN(ms) || ms < 0 || ms >= 2 * 86_400_000 ? null : Math.round(ms / 1000);
  }
  if (typeof cell === 'number') return cell < 0 ? null : cell < 1 && cell % 1 !== 0 ? Math.round(cell * 86_400) : Math.round(cell);
  const s = cellText(cell).replace(/\s/g, '');
  if (s === '') return null;
  let m = /^(\d+(?:\.\d+)?)(?:秒|s|sec)?$/i.exec(s);
  if (m) return Math.round(Number(m[1]));
  m = /^(?:(\d+):)?(\d{1,3}):(\d{2})$/.exec(s);
  if (m) return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  // 2分5秒, 1時間5分, and a decimal of hours or minutes (1.5時間 = 5,400 s, 4.5分 = 270 s).
  m = /^(?:(\d+(?:\.\d+)?)時間)?(?:(\d+(?:\.\d+)?)分)?(?:(\d+)秒)?$/.exec(s);
  if (m && (m[1] || m[2] || m[3])) return Math.round(Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0));
  return null;
}

/** Every dash a vendor or an IME writes (hyphens, en and em dashes, horizontal bar, minus sign, small and full-width hyphen-minus). */
const DASHES = /[\u2010-\u2015\u2043\u2212\u2796\ufe58\ufe63\uff0d\u30fc\uff70]/g;

/**
 * A receipt number as compared: NFKC, every dash a hyphen, no spaces, and for a number of digits
 * only, no leading zeros (Excel drops them: 00123 and 123 are one number; 0000 is 0). Ａ－１２３,
 * A−123 (U+2212), A 123 and A-123… are one number each way they are written.
 */
export function canonicalReceipt(no: string): string {
  const s = no.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, '');
  return /^\d+$/.test(s) ? s.replace(/^0+(?=\d)/, '') : s;
}

/** What a vendor writes in 受付番号 for a row that has none (web-form rows): the same as an empty cell. */
export function isNoReceipt(no: string): boolean {
  const s = canonicalReceipt(no).toLowerCase();
  return s === '' || /^-+$/.test(s) || s === 'なし' || s === '無し' || s === 'n/a' || s === 'na' || s === 'none';
}

/**
 * A day written in a file name (…20261201…) is most likely the day the file reports; never a day
 * that does not exist (calls_20260230.csv). Every candidate in the name is tried, not only the
 * first (vendor2020_20261207.csv, ID2026-20261207.csv): first eight digits yyyymmdd standing alone,
 * then 2026-12-07 / 2026_12_07 / 2026.12.07 standing alone, then any 20yymmdd inside other digits.
 */
export function dayFromName(name: string): string | null {
  const patterns = [/(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)/g, /(?<!\d)(20\d{2})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)/g, /(?=(20\d{2})[-_.]?(\d{2})[-_.]?(\d{2}))/g];
  for (const pattern of patterns) {
    for (const m of name.matchAll(pattern)) {
      const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
      if (isRealDay(day)) return day;
    }
  }
  return null;
}

/**
 * The unit a header gives a duration column's plain numbers, in seconds: 通話時間（分）,
 * 平均処理時間(分), 処理時間[min], （単位：分）, （分単位） are minutes, （秒） seconds, （時間） hours; null when it names
 * none (the numbers are then seconds, as before). Written forms (2:05, 2分5秒) say their own unit.
 */
export function durationUnit(header: string): number | null {
  const spaced = header.normalize('NFKC').trim().toLowerCase();
  const h = spaced.replace(/\s+/g, '');
  // 通話時間 分: a unit after a space (not 時間 — 通話 時間 is a name written with a space).
  const m = /[([【<]([^)\]】>]*)[)\]】>]$/.exec(h) ?? /[_/-](分|秒|時間|min|mins|minutes?|sec|secs|seconds?|hours?|hrs?)$/.exec(h) ?? /\S\s+(分|秒|min|mins|minutes?|sec|secs|seconds?)$/.exec(spaced);
  if (!m) return null;
  // 通話時間（単位：分）, （分単位）, (単位:分): the unit with the word 単位 around it; （分/件）, (min/call): per call.
  const unit = m[1]!.replace(/^単位[:：]?/, '').replace(/単位$/, '').replace(/(\/|per)(件|回|人|call|calls)$/, '');
  if (/^(分|min|mins|minutes?|m)$/.test(unit)) return 60;
  if (/^(秒|sec|secs|seconds?|s)$/.test(unit)) return 1;
  if (/^(時間|hours?|hrs?|h)$/.test(unit)) return 3600;
  return null;
}

/** A duration in a column whose header gives its unit: a plain number (4.5 in 平均処理時間（分）) in that unit; anything else as readDuration reads it. */
export function readDurationIn(cell: Cell, unit: number | null): number | null {
  if (unit !== null) {
    if (typeof cell === 'number') return cell < 0 ? null : Math.round(cell * unit);
    const s = cellText(cell).replace(/\s/g, '');
    if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * unit);
  }
  return readDuration(cell);
}

/** A count: 1234, 1,234, １，２３４件, 12 calls. Empty is null, as is anything else. */
export function readCount(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 ? cell : null;
  const s = cellText(cell).replace(/[,\s]/g, '').replace(/(件|本|呼|calls?)$/i, '');
  return /^\d+$/.test(s) ? Number(s) : null;
}

/** The hour of a report row: 9, 9時, 09:00, 9:00-10:00, 9時台; null for 合計/total/empty. */
export function readHour(cell: Cell): number | null | 'invalid' {
  if (cell instanceof Date) return cell.getUTCHours();
  if (typeof cell === 'number') {
    // A time kept as a plain number (General format): a fraction of a day, 0.375 = 9:00 (to the minute, so 0.41666… is 10).
    if (cell > 0 && cell < 1) return Math.floor(Math.round(cell * 1440) / 60);
    return Number.isInteger(cell) && cell >= 0 && cell < 24 ? cell : 'invalid';
  }
  const s = cellText(cell).toLowerCase();
  if (s === '' || /^(合計|計|総計|全日|終日|total|all|day)$/.test(s)) return null;
  const m = /^(\d{1,2})(?:[:時]|$)/.exec(s);
  if (!m) return 'invalid';
  const h = Number(m[1]);
  return h <= 23 ? h : 'invalid';
}

const TRUE = /^(1|true|yes|y|はい|有|あり|要|済|○|◯|〇|✓|✔|x|対象|エスカレ|エスカレーション|折返し|折り返し|転送)$/i;
const FALSE = /^(|0|false|no|n|いいえ|無|なし|不要|否|×|-|ー|―)$/i;

/** Escalated or not: はい/○/1/要 …; an empty cell is "no". Null when it is neither. */
export function readFlag(cell: Cell): boolean | null {
  if (typeof cell === 'boolean') return cell;
  const s = cellText(cell);
  if (TRUE.test(s)) return true;
  if (FALSE.test(s)) return false;
  return null;
}

const CHANNEL_WORDS: [EnquiryChannel, RegExp][] = [
  ['phone', /^(電話|tel|phone|call|入電|受電|架電|コール|音声)/i],
  ['email', /^(メール|e-?mail|mail)/i],
  ['web', /^(web|ウェブ|フォーム|form|チャット|chat|line|sns|問い合わせフォーム)/i],
  ['letter', /^(郵送|郵便|手紙|書面|letter|post|fax|ファックス|ファクス)/i],
  ['in-person', /^(来店|来訪|窓口|対面|店頭|in-?person|visit)/i],
];

/** The channel from the vendor's word for it; an empty cell is the phone (a call centre's usual). */
export function readChannel(cell: Cell): EnquiryChannel | null {
  const s = cellText(cell);
  if (s === '') return 'phone';
  for (const [channel, re] of CHANNEL_WORDS) if (re.test(s)) return channel;
  return null;
}
