/**
 * A mapped vendor table → enquiries (the daily log) or call report rows (the daily
 * report), with every cell that cannot be read reported by line and column. Nothing here
 * writes: the import stores a file only when it has no problem (decision 031).
 */
import type { CallReportRow } from './call-report';
import type { EnquiryFields } from './model';
import type { LogField, ReportField, VendorMapping } from './vendor-mapping';
import type { VendorTable } from './vendor-table';
import { cellText, readChannel, readCount, readDay, readDuration, readFlag, readHour, readTimeOnDay, type Cell } from './vendor-values';

export type RowProblemCode = 'day' | 'time' | 'question' | 'channel' | 'flag' | 'duration' | 'count' | 'hour' | 'over';

export interface RowProblem {
  code: RowProblemCode;
  /** CSV line or sheet row. */
  line: number;
  /** 1-based column, as a spreadsheet counts. */
  column: number;
  /** The column's header name, for the message. */
  header: string;
  sheet?: string;
}

export interface VendorEnquiry {
  rowKey: string;
  line: number;
  fields: EnquiryFields;
}

/** cyrb53: a small, stable 53-bit hash. The key only tells rows apart inside sealed data. */
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Question text as compared for the row key: width, spaces and line ends do not matter. */
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

/**
 * The key of an enquiry row: the vendor's own receipt number when the file has one, else
 * what the enquiry was (day, time, vendor operator, channel, question) and how many equal
 * rows came before it in the file. Not the row's position: a re-sent file in another
 * order keeps every key, and a corrected answer, category or flag keeps the key too (the
 * import records the correction instead of a second enquiry).
 */
export function enquiryRowKey(day: string, parts: { receiptNo: string; at: string; operatorId: string; channel: string; question: string }, occurrence: number): string {
  if (parts.receiptNo !== '') return `r:${day}:${norm(parts.receiptNo)}`;
  return `c:${day}:${hash53([parts.at, norm(parts.operatorId), parts.channel, norm(parts.question)].join('\u0000'))}:${occurrence}`;
}

const TOTAL_WORD = /^(合計|計|総計|total|sum)$/i;

/**
 * A day cell left empty under a day: the vendor wrote the day once for a block of rows
 * (a merged cell reads as empty below its first row, and many reports leave the day
 * blank under it). An empty cell with no day above it is still a problem.
 */
function dayOrAbove(cell: Cell, above: string | null): string | null {
  return cellText(cell) === '' ? above : readDay(cell);
}

/** A log's total line (合計, 計 12件, Total: 12) at the bottom: no enquiry, so not one. */
function isTotalRow(row: Cell[]): boolean {
  return row.some((c) => /^(合計|計|総計|total|sum)(?![\p{L}])/iu.test(cellText(c)));
}

function cellOf(table: VendorTable, row: Cell[], col: number | undefined): Cell {
  return col === undefined ? null : row[col];
}

export function vendorEnquiries(table: VendorTable, mapping: VendorMapping, fileDay: string): { enquiries: VendorEnquiry[]; problems: RowProblem[] } {
  const f = mapping.fields as Partial<Record<LogField, number>>;
  const enquiries: VendorEnquiry[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  let above: string | null = null;
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const where = (field: LogField, code: RowProblemCode): RowProblem => ({ code, line, column: f[field]! + 1, header: table.header[f[field]!] ?? '', ...(table.sheet ? { sheet: table.sheet } : {}) });
    const text = (field: LogField) => cellText(cellOf(table, row, f[field]));
    if (text('question') === '' && isTotalRow(row)) return;
    const before = problems.length;
    let day = fileDay;
    if (f.day !== undefined) {
      const d = dayOrAbove(row[f.day], above);
      if (d) day = above = d;
      else problems.push(where('day', 'day'));
    }
    const at = readTimeOnDay(cellOf(table, row, f.time), day);
    if (!at) problems.push(where('time', 'time'));
    const question = text('question');
    if (question === '') problems.push(where('question', 'question'));
    const channel = readChannel(cellOf(table, row, f.channel));
    if (!channel) problems.push(where('channel', 'channel'));
    const escalate = f.escalated === undefined ? false : readFlag(row[f.escalated]);
    if (escalate === null) problems.push(where('escalated', 'flag'));
    const durationCell = cellOf(table, row, f.durationSec);
    const duration = cellText(durationCell) === '' ? 0 : readDuration(durationCell);
    if (duration === null) problems.push(where('durationSec', 'duration'));
    if (problems.length > before) return;
    const operatorId = text('operatorId');
    const parts = { receiptNo: text('receiptNo'), at: at!, operatorId, channel: channel!, question };
    const base = enquiryRowKey(day, parts, 0).replace(/:0$/, '');
    const occurrence = parts.receiptNo === '' ? (seen.get(base) ?? 0) : 0;
    seen.set(base, occurrence + 1);
    const rowKey = enquiryRowKey(day, parts, occurrence);
    const category = text('category');
    const customerNo = text('customerNo');
    enquiries.push({
      rowKey,
      line,
      fields: {
        channel: channel!,
        caller: { name: text('callerName'), phone: text('callerPhone'), email: '', ...(customerNo ? { customerNo } : {}) },
        question,
        answerEntryId: null,
        answerText: text('answer'),
        escalate: escalate!,
        operator: operatorId,
        durationSec: duration!,
        tags: [],
        at: at!,
        ...(category ? { category } : {}),
        source: { kind: 'vendor', fileDay: day, rowKey },
      },
    });
  });
  return { enquiries, problems };
}


/**
 * The daily report's rows → one CallReportRow per day and hour (hour null: the whole day).
 * Rows of the same day and hour add up (categories given as rows); a day given only by
 * the hour also gets a whole-day row, the sum of its hours.
 */
export function vendorReportRows(table: VendorTable, mapping: VendorMapping, fileDay: string): { rows: CallReportRow[]; problems: RowProblem[] } {
  const f = mapping.fields as Partial<Record<ReportField, number>>;
  const problems: RowProblem[] = [];
  const acc = new Map<string, CallReportRow & { aht: [number, number] }>();
  // Total rows of a day or hour (合計 as the category): used only where the day has no rows of its own to add up.
  const totals = new Map<string, CallReportRow & { aht: [number, number] }>();
  const days = new Set<string>();
  let above: string | null = null;
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const where = (col: number, code: RowProblemCode): RowProblem => ({ code, line, column: col + 1, header: table.header[col] ?? '', ...(table.sheet ? { sheet: table.sheet } : {}) });
    const before = problems.length;
    let day = fileDay;
    const categoryTotal = f.category !== undefined && TOTAL_WORD.test(cellText(row[f.category]));
    const hourTotal = f.hour !== undefined && TOTAL_WORD.test(cellText(row[f.hour]));
    if (f.day !== undefined) {
      if (TOTAL_WORD.test(cellText(row[f.day]))) return; // a file total across days: the days carry it
      // A total row under several days with its day cell blank is the file's total, not the last day's.
      if ((categoryTotal || hourTotal) && cellText(row[f.day]) === '' && days.size > 1) return;
      const d = dayOrAbove(row[f.day], above);
      if (d) day = above = d;
      else problems.push(where(f.day, 'day'));
    }
    days.add(day);
    let hour: number | null = null;
    if (f.hour !== undefined) {
      const h = readHour(row[f.hour]);
      if (h === 'invalid') problems.push(where(f.hour, 'hour'));
      else hour = h;
    }
    const count = (col: number | undefined): number => {
      if (col === undefined || cellText(row[col]) === '') return 0;
      const n = readCount(row[col]);
      if (n === null) problems.push(where(col, 'count'));
      return n ?? 0;
    };
    const received = count(f.received);
    const answered = count(f.answered);
    const abandoned = count(f.abandoned);
    // More answered and abandoned than received is a typo or shifted columns; the KPIs would show an answer rate over 100%.
    if (f.received !== undefined && cellText(row[f.received]) !== '' && answered + abandoned > received) problems.push(where(f.received, 'over'));
    let aht: number | null = null;
    if (f.avgHandling !== undefined && cellText(row[f.avgHandling]) !== '') {
      aht = readDuration(row[f.avgHandling]);
      if (aht === null) problems.push(where(f.avgHandling, 'duration'));
    }
    const byCategory: Record<string, number> = {};
    for (const col of mapping.categoryColumns) {
      const n = count(col);
      if (n > 0) byCategory[table.header[col]!] = (byCategory[table.header[col]!] ?? 0) + n;
    }
    if (f.category !== undefined) {
      const name = cellText(row[f.category]);
      const n = f.count !== undefined ? count(f.count) : received;
      if (name !== '' && !TOTAL_WORD.test(name) && n > 0) byCategory[name] = (byCategory[name] ?? 0) + n;
    }
    if (problems.length > before) return;
    const key = `${day}|${hour ?? ''}`;
    // A 合計 row below a day's categories is their sum: added in, it doubled every figure.
    const into = (categoryTotal ? totals : acc).get(key) ?? { day, hour, received: 0, answered: 0, abandoned: 0, avgHandlingSec: null, byCategory: {}, aht: [0, 0] };
    into.received += received;
    into.answered += answered;
    into.abandoned += abandoned;
    for (const [k, n] of Object.entries(byCategory)) into.byCategory[k] = (into.byCategory[k] ?? 0) + n;
    if (aht !== null) into.aht = [into.aht[0] + aht * Math.max(1, answered), into.aht[1] + Math.max(1, answered)];
    (categoryTotal ? totals : acc).set(key, into);
  });
  for (const [key, total] of totals) {
    const rows = acc.get(key);
    if (!rows) acc.set(key, total);
    else {
      // Category rows that gave only their counts: the total row's calls are the day's.
      for (const k of ['received', 'answered', 'abandoned'] as const) if (rows[k] === 0) rows[k] = total[k];
      if (rows.aht[1] === 0) rows.aht = total.aht;
    }
  }
  const out = [...acc.values()].map(({ aht, ...r }) => ({ ...r, avgHandlingSec: aht[1] > 0 ? Math.round(aht[0] / aht[1]) : null }));
  for (const day of new Set(out.map((r) => r.day))) {
    if (out.some((r) => r.day === day && r.hour === null)) continue;
    const hours = out.filter((r) => r.day === day);
    const total: CallReportRow = { day, hour: null, received: 0, answered: 0, abandoned: 0, avgHandlingSec: null, byCategory: {} };
    let w = 0;
    let sum = 0;
    for (const h of hours) {
      total.received += h.received;
      total.answered += h.answered;
      total.abandoned += h.abandoned;
      for (const [k, n] of Object.entries(h.byCategory)) total.byCategory[k] = (total.byCategory[k] ?? 0) + n;
      if (h.avgHandlingSec !== null) {
        sum += h.avgHandlingSec * Math.max(1, h.answered);
        w += Math.max(1, h.answered);
      }
    }
    total.avgHandlingSec = w > 0 ? Math.round(sum / w) : null;
    out.push(total);
  }
  out.sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : (a.hour ?? -1) - (b.hour ?? -1)));
  return { rows: out, problems };
}
