/**
 * A mapped vendor table → enquiries (the daily log) or call report rows (the daily
 * report), with every cell that cannot be read reported by line and column. Nothing here
 * writes: the import stores a file only when it has no problem (decision 031).
 */
import type { CallReportRow } from './call-report';
import type { EnquiryFields } from './model';
import type { LogField, ReportField, VendorMapping } from './vendor-mapping';
import type { VendorTable } from './vendor-table';
import { canonicalReceipt, cellText, daysBetween, earlierTimeOnDay, isNoReceipt, durationUnit, isRealDay, rawText, readChannel, readCount, readDay, readDurationIn, readFlag, readHour, readTimeAndDay, readTimeOnDay, type Cell } from './vendor-values';

export type RowProblemCode =
  | 'day'
  | 'time'
  | 'question'
  | 'channel'
  | 'flag'
  | 'duration'
  | 'count'
  | 'hour'
  | 'over'
  /** A day far from the file's day, or from its other days (a year typed 2062 for 2026): see FAR_DAYS and distantDays. */
  | 'far'
  /** A day after tomorrow, with nothing in the file to measure it from. */
  | 'future'
  /** A log row with the same receipt number, time and words as an earlier row (`otherLine`, `otherSheet`): sent twice. */
  | 'duplicateRow'
  /** The file's day (chosen on the screen, or taken from its name) is no real day, and this row has no day of its own. */
  | 'fileDay'
  /** A workbook cell holding a formula whose value was never saved. */
  | 'formula'
  /** A report line for a day and hour (and category) that an earlier line already gave: `otherLine`. */
  | 'duplicate'
  /** A report's total line (合計, or the whole day) that differs from the lines it totals. */
  | 'total'
  /** A report line with answered or abandoned calls and no calls received. */
  | 'noReceived';

export interface RowProblem {
  code: RowProblemCode;
  /** CSV line or sheet row. */
  line: number;
  /** 1-based column, as a spreadsheet counts. */
  column: number;
  /** The column's header name, for the message. */
  header: string;
  sheet?: string;
  /** 'duplicate': the line it repeats. 'far': the day read. 'total': what the lines it totals add up to. */
  otherLine?: number;
  /** 'duplicateRow': the sheet of the line it repeats, when the workbook has several. */
  otherSheet?: string;
  day?: string;
  expected?: number;
}

export interface VendorEnquiry {
  rowKey: string;
  line: number;
  fields: EnquiryFields;
  /**
   * The vendor's receipt number as written (NFKC) and the day the row is filed under; null when
   * the row has none. Rows are matched by this, never by a number parsed from the key (a number
   * may hold a `#` of its own). Absent on rows made before it: the key's is used.
   */
  receipt?: { day: string; no: string } | null;
  /**
   * What earlier versions made of this row, where it differs from now — only to find the enquiries
   * they stored, never stored itself: `at`, the time versions before 2026-12-07 read (午後 3:15 as
   * 03:15, 12/8 01:30 in the 12/07 log as 12/07 01:30, see earlierTimeOnDay); `rowKey`, the content key
   * they gave a row without a receipt number (it holds that time and the day below, and counts equal
   * rows as they read them); `receipt`, the number they filed a row under whose 受付番号 says it has
   * none (-, なし, N/A: a number to them, `r:<day>:-`); `dated`, the row writes its own date in its
   * time cell (受付日時 2026/12/06 9:05, 12/8 01:30): versions before 2026-12-08 filed it under the day
   * box's day of that import (or its day column's) though the cell wrote another, so its content key
   * under any day (the same time as read now, words, operator and channel), or its number on any day
   * with a call on its own date, is offered too.
   */
  earlier?: { at?: string; rowKey?: string; receipt?: { day: string; no: string }; dated?: true };
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
 * The key of an enquiry row: the vendor's own receipt number when the file has one
 * (`r:<day>:<number>`, `#2` … for later rows of that number in the file — only a label: rows of a
 * number are matched to stored enquiries by time and words, see matchReceiptRows in
 * vendor-commands.ts), else what the enquiry was (day, time, vendor operator, channel, question)
 * and how many equal rows came before it in the file. Not the row's position: a re-sent file in
 * another order keeps every key, and a corrected answer, category or flag keeps the key too (the
 * import records the correction instead of a second enquiry).
 */
export function enquiryRowKey(day: string, parts: { receiptNo: string; at: string; operatorId: string; channel: string; question: string }, occurrence: number): string {
  // The vendor's receipt number, and which time it comes in the file: a vendor that numbered
  // two calls alike (A-100 twice) has two enquiries, the first keyed as before.
  // A # or % of the number itself is escaped (%23, %25): a key's #<n> is only ever an occurrence.
  if (parts.receiptNo !== '') return `r:${day}:${norm(parts.receiptNo).replace(/%/g, '%25').replace(/#/g, '%23')}${occurrence > 0 ? `#${occurrence + 1}` : ''}`;
  return `c:${day}:${hash53([parts.at, norm(parts.operatorId), parts.channel, norm(parts.question)].join('\u0000'))}:${occurrence}`;
}

const TOTAL_WORD = /^(合計|計|総計|小計|total|sum|sub-?total)$/i;
/** A subtotal (小計) adds up the lines above it back to the previous 小計; a 合計 all the lines of its day or hour. */
const SUBTOTAL_WORD = /^(小計|sub-?total)$/i;
/** A subtotal in the hour column: 午前小計, 午後計, 小計 (the hours above it back to the previous one). */
const HOUR_SUBTOTAL = /^((午前|午後|am|pm)\s*(小計|計|合計|sub-?total)|小計|sub-?total)$/i;
/** The day's total in the hour column: 合計, 計, 総計, Total (all the day's hours, wherever it stands). */
const DAY_TOTAL_HOUR = /^(合計|計|総計|total|sum)$/i;

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

/**
 * How far a row's day may be from the file's other days: 31 days. A log is one day and a
 * report a day, a week or a month or two, with no gap of a month inside; a year typed 2062
 * for 2026, or 2025 for 2026, is hundreds of days away.
 */
export const FAR_DAYS = 31;

/**
 * The days of a file that are far from the rest: its days are put in runs with no gap over
 * FAR_DAYS; the run with the most rows is the file's (on a tie, the one nearest the file's
 * day), and the days of every other run are far. So a month's report is one run, and the one
 * row dated 2062/12/07 in the log of 2026-12-07 is far — with its line and column, never stored.
 */
export function farDays(dayRows: ReadonlyMap<string, number>, fileDay: string): Set<string> {
  if (dayRows.size < 2) return new Set();
  const runs = runsOf([...dayRows.keys()]);
  if (runs.length < 2) return new Set();
  const rows = (run: string[]) => run.reduce((n, d) => n + dayRows.get(d)!, 0);
  const distance = (run: string[]) => (isRealDay(fileDay) ? Math.min(...run.map((d) => Math.abs(daysBetween(d, fileDay)))) : 0);
  let main = runs[0]!;
  for (const run of runs.slice(1)) if (rows(run) > rows(main) || (rows(run) === rows(main) && distance(run) < distance(main))) main = run;
  return new Set(runs.filter((r) => r !== main).flat());
}

/** What the checks know of the file's day and of today. */
export interface DayCheck {
  /**
   * The file's day was chosen by the person or read from the file's name: rows far from it are
   * the far ones (a log of 2026-12-07 whose rows say 2062 is 2062's problem, however many they
   * are). Otherwise the day passed is only the default for rows without a day of their own, and
   * the file's own days decide (farDays).
   */
  fileDayKnown?: boolean;
  /** The app's today (YYYY-MM-DD, Japan): a day after tomorrow is a problem. Default: the clock's. */
  today?: string;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

/**
 * The days of a file that are a problem, and which: 'future' (after tomorrow, and nothing of the
 * file to measure it from) or 'far'. With the file's day known, a day more than FAR_DAYS from it
 * is far (`span: 'day'`, a log), or a day outside the run of days that reaches within FAR_DAYS
 * of it (`span: 'run'`, a report of a month or two). Without it, the run with the most rows
 * decides (farDays), days after tomorrow left out of that count.
 */
export function distantDays(dayRows: ReadonlyMap<string, number>, fileDay: string, span: 'day' | 'run', check: DayCheck = {}): Map<string, 'far' | 'future'> {
  const today = check.today ?? todayInJapan();
  const latest = isRealDay(today) ? nextDay(today) : null;
  const future = new Set([...dayRows.keys()].filter((d) => latest !== null && d > latest));
  const rest = new Map([...dayRows].filter(([d]) => !future.has(d)));
  const known = check.fileDayKnown === true && isRealDay(fileDay);
  let far: Set<string>;
  if (!known) far = farDays(rest, fileDay);
  else if (span === 'day') far = new Set([...rest.keys()].filter((d) => Math.abs(daysBetween(fileDay, d)) > FAR_DAYS));
  else {
    const runs = runsOf([...rest.keys()]);
    far = new Set(runs.filter((run) => !run.some((d) => Math.abs(daysBetween(fileDay, d)) <= FAR_DAYS)).flat());
  }
  const out = new Map<string, 'far' | 'future'>();
  for (const d of far) out.set(d, 'far');
  // A day after tomorrow is far when there is something to measure it from (the file's day, or its other days).
  const anchors = known ? [fileDay] : [...rest.keys()].filter((d) => !far.has(d));
  for (const d of future) out.set(d, anchors.some((a) => Math.abs(daysBetween(a, d)) <= FAR_DAYS) || anchors.length === 0 ? 'future' : 'far');
  return out;
}

function runsOf(sortedOrNot: string[]): string[][] {
  const runs: string[][] = [];
  for (const d of [...sortedOrNot].sort()) {
    const run = runs.at(-1);
    if (run && daysBetween(run.at(-1)!, d) <= FAR_DAYS) run.push(d);
    else runs.push([d]);
  }
  return runs;
}

const byPlace = (a: RowProblem, b: RowProblem) => a.line - b.line || a.column - b.column;

/** Whether a workbook cell holds a formula whose value was never saved (see VendorTable.uncomputed). */
function uncomputedCells(table: VendorTable): (row: number, col: number | undefined) => boolean {
  if (!table.uncomputed) return () => false;
  const set = new Set(table.uncomputed);
  return (row, col) => col !== undefined && set.has(`${row}:${col}`);
}

export function vendorEnquiries(table: VendorTable, mapping: VendorMapping, fileDay: string, check: DayCheck = {}): { enquiries: VendorEnquiry[]; problems: RowProblem[] } {
  const f = mapping.fields as Partial<Record<LogField, number>>;
  const enquiries: VendorEnquiry[] = [];
  /** Per enquiry, its row in the table (a workbook's sheets repeat line numbers) and the day of its day column, else the file's. */
  const rowOf: { i: number; day: string }[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  /** Equal rows without a receipt number as versions before 2026-12-07 counted them (with their reading of the time). */
  const seenEarlier = new Map<string, number>();
  /** Receipt-numbered rows by number, time and question: the first line of each. */
  const exact = new Map<string, { line: number; sheet: string | undefined }>();
  const noValue = uncomputedCells(table);
  const unit = f.durationSec === undefined ? null : durationUnit(table.header[f.durationSec] ?? '');
  let above: string | null = null;
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const sheet = table.rowSheets?.[i] ?? table.sheet;
    const where = (field: LogField, code: RowProblemCode): RowProblem => ({ code, line, column: f[field]! + 1, header: table.header[f[field]!] ?? '', ...(sheet ? { sheet } : {}) });
    /** Values that are read or matched (numbers, ids): NFKC. */
    const text = (field: LogField) => cellText(cellOf(table, row, f[field]));
    /** Text that is stored: as the vendor wrote it. */
    const written = (field: LogField) => rawText(cellOf(table, row, f[field]));
    if (text('question') === '' && isTotalRow(row)) return;
    const formulas = (Object.keys(f) as LogField[]).filter((field) => noValue(i, f[field]));
    if (formulas.length > 0) {
      for (const field of formulas) problems.push(where(field, 'formula'));
      return;
    }
    const before = problems.length;
    let day = fileDay;
    if (f.day !== undefined) {
      const d = dayOrAbove(row[f.day], above);
      if (d) day = above = d;
      else problems.push(where('day', 'day'));
    }
    const timeCell = cellOf(table, row, f.time);
    const read = readTimeAndDay(timeCell, day);
    const at = read?.at ?? null;
    // A time that reads on a real day, on a file day that is none (2026-02-30 from a file name).
    if (!at) problems.push(where('time', problems.length === before && !isRealDay(day) && readTimeOnDay(timeCell, '2000-01-01') !== null ? 'fileDay' : 'time'));
    const question = written('question');
    if (question === '') problems.push(where('question', 'question'));
    const channel = readChannel(cellOf(table, row, f.channel));
    if (!channel) problems.push(where('channel', 'channel'));
    const escalate = f.escalated === undefined ? false : readFlag(row[f.escalated]);
    if (escalate === null) problems.push(where('escalated', 'flag'));
    const durationCell = cellOf(table, row, f.durationSec);
    const duration = cellText(durationCell) === '' ? 0 : readDurationIn(durationCell, unit);
    if (duration === null) problems.push(where('durationSec', 'duration'));
    if (problems.length > before) return;
    const operatorId = text('operatorId');
    // -, －, ―, なし, N/A in 受付番号 (web-form rows): no number, as an empty cell.
    const receiptNo = isNoReceipt(text('receiptNo')) ? '' : text('receiptNo');
    const parts = { receiptNo, at: at!, operatorId, channel: channel!, question };
    if (parts.receiptNo !== '') {
      // The same receipt number, time and words twice (a second sheet repeating a row of the first): sent twice, not two calls.
      const same = `${canonicalReceipt(parts.receiptNo)}\u0000${at}\u0000${norm(question)}`;
      const first = exact.get(same);
      if (first) {
        problems.push({ ...where('receiptNo', 'duplicateRow'), otherLine: first.line, ...(first.sheet && first.sheet !== sheet ? { otherSheet: first.sheet } : {}) });
        return;
      }
      exact.set(same, { line, sheet });
    }
    // A row that carries its own date (受付日時 2026/12/06 9:05) is filed under it: its key and the day its
    // receipt number is matched on are that day's, not the day box's — unless the file's day is known (a
    // day column, or the day typed or in the file's name) and the row is of that day or of the next
    // morning (12/8 01:30 in the 12/07 log: its night shift, with that day's numbers, as a 24:30 is).
    // Keys stored before under another day are offered too (VendorEnquiry.earlier.dated).
    const own = read?.ownDay ?? null;
    const dayKnown = f.day !== undefined || check.fileDayKnown === true;
    const rowDay = own !== null && !(dayKnown && (own === day || own === nextDay(day))) ? own : day;
    const base = parts.receiptNo === '' ? enquiryRowKey(rowDay, parts, 0).replace(/:0$/, '') : enquiryRowKey(rowDay, parts, 0);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const rowKey = enquiryRowKey(rowDay, parts, occurrence);
    const earlier: NonNullable<VendorEnquiry['earlier']> = {};
    if (own !== null) earlier.dated = true;
    const earlierAt = earlierTimeOnDay(timeCell, day);
    if (earlierAt !== null) earlier.at = earlierAt;
    if (text('receiptNo') !== '' && receiptNo === '') earlier.receipt = { day, no: text('receiptNo') };
    if (text('receiptNo') === '') {
      // The key an earlier version gave this row: its reading of the time and day, its count of equal rows.
      const then = { ...parts, at: earlierAt ?? at! };
      const thenBase = enquiryRowKey(day, then, 0);
      const thenOccurrence = seenEarlier.get(thenBase) ?? 0;
      seenEarlier.set(thenBase, thenOccurrence + 1);
      if (earlierAt !== null) earlier.rowKey = enquiryRowKey(day, then, thenOccurrence);
    }
    const category = written('category');
    const customerNo = text('customerNo');
    rowOf.push({ i, day });
    enquiries.push({
      rowKey,
      line,
      receipt: receiptNo === '' ? null : { day: rowDay, no: receiptNo },
      ...(Object.keys(earlier).length > 0 ? { earlier } : {}),
      fields: {
        channel: channel!,
        caller: { name: written('callerName'), phone: text('callerPhone'), email: '', ...(customerNo ? { customerNo } : {}) },
        question,
        answerEntryId: null,
        answerText: written('answer'),
        escalate: escalate!,
        operator: operatorId,
        durationSec: duration!,
        tags: [],
        at: at!,
        ...(category ? { category } : {}),
        source: { kind: 'vendor', fileDay: rowDay, rowKey },
      },
    });
  });
  // A row whose day is far from the file's other days (a year typed 2062) is a problem, not an enquiry filed decades away.
  const dayRows = new Map<string, number>();
  for (const e of enquiries) dayRows.set(e.fields.at.slice(0, 10), (dayRows.get(e.fields.at.slice(0, 10)) ?? 0) + 1);
  const far = distantDays(dayRows, fileDay, 'day', check);
  if (far.size === 0) return { enquiries, problems: problems.sort(byPlace) };
  const kept: VendorEnquiry[] = [];
  enquiries.forEach((e, k) => {
    const d = e.fields.at.slice(0, 10);
    if (!far.has(d)) {
      kept.push(e);
      return;
    }
    const { i, day } = rowOf[k]!;
    // The day column, unless the time cell gave a day of its own.
    const col = f.day !== undefined && day === d ? f.day : (f.time ?? 0);
    const sheet = table.rowSheets?.[i] ?? table.sheet;
    problems.push({ code: far.get(d)!, line: e.line, column: col + 1, header: table.header[col] ?? '', day: d, ...(sheet ? { sheet } : {}) });
  });
  return { enquiries: kept, problems: problems.sort(byPlace) };
}


type Figure = 'received' | 'answered' | 'abandoned';
type Acc = CallReportRow & { aht: [number, number]; line: number; sheet: string | undefined };

/**
 * The daily report's rows → one CallReportRow per day and hour (hour null: the whole day).
 * Rows of the same day and hour add up when they are categories given as rows; a line that
 * gives a day and hour (and category) an earlier line gave is a problem (sent twice, it was
 * counted twice). A day given only by the hour also gets a whole-day row, the sum of its
 * hours; a whole-day or 合計 line that differs from the lines it totals is a problem (the
 * KPI day would say 100 calls and its hours 30). Counts from a formula with no saved value,
 * and answered or abandoned calls beside an empty 受電数, are problems too.
 */
export function vendorReportRows(table: VendorTable, mapping: VendorMapping, fileDay: string, check: DayCheck = {}): { rows: CallReportRow[]; problems: RowProblem[] } {
  const f = mapping.fields as Partial<Record<ReportField, number>>;
  const problems: RowProblem[] = [];
  const acc = new Map<string, Acc>();
  // Total rows of a day or hour (合計 as the category): used only where the day has no rows of its own to add up.
  const totals = new Map<string, Acc>();
  const days = new Set<string>();
  /** The first line of each day, hour and category: a second is a line sent twice. */
  const firstLine = new Map<string, number>();
  /** Per day, the lines that gave it and where its day is written: a far day is named on each. */
  const dayLines = new Map<string, { line: number; sheet: string | undefined; column: number }[]>();
  const noValue = uncomputedCells(table);
  const unit = f.avgHandling === undefined ? null : durationUnit(table.header[f.avgHandling] ?? '');
  const figures = ['received', 'answered', 'abandoned'] as const;
  const column = { received: f.received, answered: f.answered, abandoned: f.abandoned };
  /** A total line that differs from what its lines add up to, on the first figure that differs. */
  const differs = (total: Pick<Acc, Figure | 'line' | 'sheet'>, sum: Record<Figure, number>, only: (k: Figure) => boolean) => {
    const k = figures.find((x) => column[x] !== undefined && only(x) && total[x] !== sum[x]);
    if (k === undefined) return;
    const col = column[k]!;
    problems.push({ code: 'total', line: total.line, column: col + 1, header: table.header[col] ?? '', expected: sum[k], ...(total.sheet ? { sheet: total.sheet } : {}) });
  };
  /** Per day and hour, the category lines since the last 小計; per day (and day and category), the hour lines since the last 午前小計. */
  const sinceSubtotal = new Map<string, Record<Figure, number>>();
  const sinceAll = new Map<string, Record<Figure, number>>();
  const sinceCategory = new Map<string, Record<Figure, number>>();
  const allCategory = new Map<string, Record<Figure, number>>();
  /** Per day, its 合計 line in the hour column (no category). */
  const dayTotals = new Map<string, Acc>();
  /** Per day and hour, the word of the total line kept in `totals` (小計 or 合計). */
  const totalName = new Map<string, string>();
  const addTo = (m: Map<string, Record<Figure, number>>, k: string, n: Record<Figure, number>) => {
    const into = m.get(k) ?? { received: 0, answered: 0, abandoned: 0 };
    for (const x of figures) into[x] += n[x];
    m.set(k, into);
  };
  let above: string | null = null;
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const sheet = table.rowSheets?.[i] ?? table.sheet;
    const where = (col: number, code: RowProblemCode, extra: Partial<RowProblem> = {}): RowProblem => ({ code, line, column: col + 1, header: table.header[col] ?? '', ...(sheet ? { sheet } : {}), ...extra });
    const before = problems.length;
    let day = fileDay;
    // A line with nothing but perhaps its day (a blank line between blocks, ",,,,,"): no line at all.
    if (row.every((c, col) => col === f.day || cellText(c) === '')) return;
    const categoryTotal = f.category !== undefined && TOTAL_WORD.test(cellText(row[f.category]));
    const hourText = f.hour !== undefined ? cellText(row[f.hour]) : '';
    const hourTotal = DAY_TOTAL_HOUR.test(hourText);
    // 午前小計, 午後計, 小計 between hours: checked against the hours above it back to the previous one, never added to the day.
    const hourSubtotal = HOUR_SUBTOTAL.test(hourText);
    const namedCategory = f.category !== undefined && !categoryTotal && cellText(row[f.category]) !== '';
    // 計, 小計, 合計 in the hour column beside a category (per-category blocks): that category's hours, checked, never added.
    const categoryHourTotal = namedCategory && (hourTotal || hourSubtotal);
    // 合計 in the hour column with no category: the day's total, checked against all its hours wherever it stands.
    const dayTotal = hourTotal && !namedCategory;
    if (f.day !== undefined) {
      if (TOTAL_WORD.test(cellText(row[f.day]))) return; // a file total across days: the days carry it
      // A total row under several days with its day cell blank is the file's total, not the last day's.
      if ((categoryTotal || hourTotal) && cellText(row[f.day]) === '' && days.size > 1) return;
      const d = dayOrAbove(row[f.day], above);
      if (d) day = above = d;
      else problems.push(where(f.day, 'day'));
    } else if (!isRealDay(fileDay)) {
      problems.push(where(f.hour ?? f.received ?? 0, 'fileDay'));
    }
    days.add(day);
    let hour: number | null = null;
    if (f.hour !== undefined && !hourSubtotal && !hourTotal) {
      const h = readHour(row[f.hour]);
      if (h === 'invalid') problems.push(where(f.hour, 'hour'));
      else hour = h;
    }
    const count = (col: number | undefined): number => {
      if (col === undefined) return 0;
      if (noValue(i, col)) {
        problems.push(where(col, 'formula'));
        return 0;
      }
      if (cellText(row[col]) === '') return 0;
      const n = readCount(row[col]);
      if (n === null) problems.push(where(col, 'count'));
      return n ?? 0;
    };
    const received = count(f.received);
    const receivedGiven = f.received !== undefined && !noValue(i, f.received) && cellText(row[f.received]) !== '';
    const answered = count(f.answered);
    const abandoned = count(f.abandoned);
    // More answered and abandoned than received is a typo or shifted columns; the KPIs would show an answer rate over 100%.
    if (receivedGiven && answered + abandoned > received) problems.push(where(f.received!, 'over'));
    // Answered calls with no calls received: the day's answer rate would be 600% once Honbu's own calls are added.
    if (f.received !== undefined && !receivedGiven && !noValue(i, f.received) && answered + abandoned > 0) problems.push(where(f.received, 'noReceived'));
    let aht: number | null = null;
    if (f.avgHandling !== undefined && noValue(i, f.avgHandling)) problems.push(where(f.avgHandling, 'formula'));
    else if (f.avgHandling !== undefined && cellText(row[f.avgHandling]) !== '') {
      aht = readDurationIn(row[f.avgHandling], unit);
      if (aht === null) problems.push(where(f.avgHandling, 'duration'));
    }
    const byCategory: Record<string, number> = {};
    for (const col of mapping.categoryColumns) {
      const n = count(col);
      if (n > 0) byCategory[table.header[col]!] = (byCategory[table.header[col]!] ?? 0) + n;
    }
    const name = f.category !== undefined ? cellText(row[f.category]) : '';
    if (f.category !== undefined) {
      const n = f.count !== undefined ? count(f.count) : received;
      if (name !== '' && !TOTAL_WORD.test(name) && n > 0) byCategory[name] = (byCategory[name] ?? 0) + n;
    }
    if (problems.length > before) return;
    const figuresOf = { received, answered, abandoned };
    if (categoryHourTotal) {
      // 漏えい's 計 (its hours since its previous 小計) or 合計 (all its hours of the day).
      const sum = (hourSubtotal ? sinceCategory : allCategory).get(`${day}|${name}`);
      sinceCategory.delete(`${day}|${name}`);
      if (sum) {
        differs({ ...figuresOf, line, sheet }, sum, (k) => sum[k] !== 0);
        return;
      }
      // No hours of that category above it: the category's line for the whole day (as a line with no hour).
    } else if (hourSubtotal) {
      // The hours above it back to the previous subtotal.
      const sum = sinceAll.get(day);
      if (sum) differs({ ...figuresOf, line, sheet }, sum, (k) => sum[k] !== 0);
      sinceAll.delete(day);
      return;
    } else if (dayTotal) {
      // The day's total: kept aside and checked against the day's hours at the end (it may stand above them); never added.
      const earlier = firstLine.get(`${day}|\u0000total`);
      if (earlier !== undefined) {
        problems.push(where(f.hour!, 'duplicate', { otherLine: earlier }));
        return;
      }
      firstLine.set(`${day}|\u0000total`, line);
      dayLines.set(day, [...(dayLines.get(day) ?? []), { line, sheet, column: (f.day ?? 0) + 1 }]);
      dayTotals.set(day, { day, hour: null, ...figuresOf, avgHandlingSec: null, byCategory, aht: aht === null ? [0, 0] : [aht * Math.max(1, answered), Math.max(1, answered)], line, sheet });
      return;
    }
    const key = `${day}|${hour ?? ''}`;
    // The same day, hour and category again: the line was sent twice (counted twice, it doubled the hour).
    const categoryName = categoryTotal ? '' : name;
    const once = `${key}|${categoryTotal ? `\u0000${name.normalize('NFKC').toLowerCase()}` : categoryName}`;
    const earlier = firstLine.get(once);
    // Several 小計 in an hour are each checked against the lines above them, not taken for one line sent twice.
    if (earlier !== undefined && !(categoryTotal && SUBTOTAL_WORD.test(name))) {
      problems.push(where(f.hour ?? f.category ?? f.day ?? 0, 'duplicate', { otherLine: earlier }));
      return;
    }
    firstLine.set(once, line);
    const at = { line, sheet, column: (f.day ?? 0) + 1 };
    dayLines.set(day, [...(dayLines.get(day) ?? []), at]);
    if (categoryTotal && SUBTOTAL_WORD.test(name)) {
      // 小計 under categories: the categories above it (of this day and hour) must add up to it; it is no category and no calls of its own.
      const sum = sinceSubtotal.get(key);
      sinceSubtotal.delete(key);
      if (sum) {
        differs({ ...figuresOf, line, sheet }, sum, (k) => sum[k] !== 0);
        return;
      }
      // A 小計 with no categories above it stands for its hour, as a 合計 line alone does (unless a 合計 comes).
    } else if (!categoryTotal) {
      addTo(sinceSubtotal, key, figuresOf);
      if (hour !== null) {
        addTo(sinceAll, day, figuresOf);
        if (name !== '') {
          addTo(sinceCategory, `${day}|${name}`, figuresOf);
          addTo(allCategory, `${day}|${name}`, figuresOf);
        }
      }
    }
    // A 合計 row below a day's categories is their sum: added in, it doubled every figure.
    if (categoryTotal && !SUBTOTAL_WORD.test(name) && totals.has(key) && SUBTOTAL_WORD.test(totalName.get(key) ?? '')) totals.delete(key);
    if (categoryTotal) totalName.set(key, name);
    const into = (categoryTotal ? totals : acc).get(key) ?? { day, hour, received: 0, answered: 0, abandoned: 0, avgHandlingSec: null, byCategory: {}, aht: [0, 0], line, sheet };
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
      // The categories' own calls must add up to their 合計 line; where they gave none, the total row's calls are the day's.
      differs(total, rows, (k) => rows[k] !== 0);
      for (const k of figures) if (rows[k] === 0) rows[k] = total[k];
      if (rows.aht[1] === 0) rows.aht = total.aht;
    }
  }
  // A whole-day line (no hour) beside the day's hours: the vendor's own total must be their sum.
  for (const whole of acc.values()) {
    if (whole.hour !== null) continue;
    const hours = [...acc.values()].filter((r) => r.day === whole.day && r.hour !== null);
    if (hours.length === 0) continue;
    const sum = { received: 0, answered: 0, abandoned: 0 };
    for (const h of hours) for (const k of figures) sum[k] += h[k];
    differs(whole, sum, () => true);
  }
  // The day's 合計 in the hour column: the sum of its hours (or of its whole-day lines) must equal it, and their
  // categories stay the day's (a total line never replaces what its parts gave); alone, it is the day's figures.
  const dayAht = new Map<string, [number, number]>();
  for (const [d, total] of dayTotals) {
    const parts = [...acc.values()].filter((r) => r.day === d);
    const hours = parts.filter((r) => r.hour !== null);
    const whole = acc.get(`${d}|`);
    if (hours.length > 0) {
      const sum = { received: 0, answered: 0, abandoned: 0 };
      for (const h of hours) for (const k of figures) sum[k] += h[k];
      differs(total, sum, () => true);
      if (whole) differs(total, whole, () => true);
      if (!hours.some((h) => h.aht[1] > 0)) dayAht.set(d, total.aht);
    } else if (whole) {
      differs(total, whole, (k) => whole[k] !== 0);
      for (const k of figures) if (whole[k] === 0) whole[k] = total[k];
      if (whole.aht[1] === 0) whole.aht = total.aht;
    } else acc.set(`${d}|`, total);
  }
  // A day far from the file's other days (a year typed 2062) is a problem on each of its lines.
  const far = distantDays(new Map([...dayLines].map(([d, ls]) => [d, ls.length])), fileDay, 'run', check);
  for (const [d, code] of far) {
    for (const at of dayLines.get(d)!) problems.push({ code, line: at.line, column: f.day !== undefined ? at.column : 1, header: f.day !== undefined ? (table.header[f.day] ?? '') : '', day: d, ...(at.sheet ? { sheet: at.sheet } : {}) });
    for (const key of [...acc.keys()]) if (key.startsWith(`${d}|`)) acc.delete(key);
  }
  const out = [...acc.values()].map(({ aht, line: _line, sheet: _sheet, ...r }) => ({ ...r, avgHandlingSec: aht[1] > 0 ? Math.round(aht[0] / aht[1]) : null }));
  for (const day of new Set(out.map((r) => r.day))) {
    const whole = out.find((r) => r.day === day && r.hour === null);
    if (whole) {
      // A whole-day line without categories beside hours with them: the day keeps its hours' categories.
      if (Object.keys(whole.byCategory).length === 0) for (const h of out) if (h.day === day && h.hour !== null) for (const [k, n] of Object.entries(h.byCategory)) whole.byCategory[k] = (whole.byCategory[k] ?? 0) + n;
      continue;
    }
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
    const given = dayAht.get(day);
    total.avgHandlingSec = w > 0 ? Math.round(sum / w) : given && given[1] > 0 ? Math.round(given[0] / given[1]) : null;
    out.push(total);
  }
  out.sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : (a.hour ?? -1) - (b.hour ?? -1)));
  return { rows: out, problems: problems.sort(byPlace) };
}
