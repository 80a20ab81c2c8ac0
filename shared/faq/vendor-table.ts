/**
 * A vendor's file as a table: a header line and rows, each with the line (CSV) or the
 * sheet row (workbook) it came from, so every finding can say where. CSV reuses the
 * customer import's encoding sniffing (BOM, UTF-16 with or without BOM, UTF-8, else
 * Shift_JIS) and separator detection; workbooks are read with read-excel-file.
 */
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import { detectDelimiter } from '../contacts/delimiter';
import { unifyLineBreaks } from '../contacts/line-breaks';
import type { Delimiter, FileEncoding } from '../contacts/model';
import { bomLength, columnNames, firstNonAscii, looksLikeData, sniffEncoding } from '../contacts/validate';
import { guessVendorMapping, shapeHeader, VENDOR_KINDS } from './vendor-mapping';
import type { Cell } from './vendor-values';

export interface VendorTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: Cell[][];
  /** Per row: the CSV line it starts on, or the sheet row number (1 = the header). */
  lines: number[];
  encoding?: FileEncoding;
  delimiter?: Delimiter;
  /** The sheet of the header (a workbook). */
  sheet?: string;
  /**
   * A workbook read sheet by sheet together (one sheet per day, all with the same column
   * names): per row, the sheet it came from. Absent when every row is on `sheet`.
   */
  rowSheets?: string[];
  /** A workbook: every sheet, and whether its rows are in this table (no sheet is left out unsaid). */
  sheets?: { name: string; read: boolean }[];
  /**
   * Cells that hold a formula whose value was never computed (a workbook written by a script,
   * never opened and saved in Excel): read as empty, they would be 0 calls. Keys
   * `${row index in rows}:${column}`.
   */
  uncomputed?: string[];
}

/** Why a file could not be read as a table at all; shown with where when known. */
export interface TableProblem {
  code: 'empty' | 'not-xlsx' | 'broken-xlsx' | 'protected-or-xls' | 'encoding' | 'broken-char' | 'quote' | 'columns' | 'no-header' | 'no-sheet';
  line?: number;
  column?: number;
  sheet?: string;
  /** For 'columns': cells on the line, and the header's count. */
  found?: number;
  expected?: number;
  /** For 'broken-char': the encoding the file was read as. */
  encoding?: FileEncoding;
}

export type TableResult = { ok: true; table: VendorTable } | { ok: false; problems: TableProblem[] };

/** A zip (and so an .xlsx) starts with "PK\x03\x04". */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function decodeText(bytes: Uint8Array, override?: FileEncoding): { text: string; encoding: FileEncoding } | null {
  const r = decodeOrLocate(bytes, override);
  return 'text' in r ? r : null;
}

/** Bytes from `from` that decode without an invalid sequence (a character cut at the end is not one): a binary search, run only once a file failed. */
function validPrefix(bytes: Uint8Array, enc: FileEncoding, from: number): number {
  const ok = (n: number) => {
    try {
      new TextDecoder(enc, { fatal: true }).decode(bytes.subarray(from, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = from;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The file's text, or where it stops being text in the encoding it is in: a UTF-8 file with a
 * character cut short (a vendor system that cuts cells by bytes) is named with its line and
 * column — choosing another encoding cannot help it, fixing that line or saving the file
 * again can. A file whose UTF-8 is valid up to a point after non-ASCII text is UTF-8: it is
 * not read again as Shift_JIS (that would be mojibake, or fail as well).
 */
function decodeOrLocate(bytes: Uint8Array, override?: FileEncoding): { text: string; encoding: FileEncoding } | { problem: TableProblem } {
  const sniffed = sniffEncoding(bytes.subarray(0, 64 * 1024));
  const skipOf = (enc: FileEncoding) => bomLength(enc, sniffed.encoding === enc && sniffed.bom);
  const attempt = (enc: FileEncoding): string | null => {
    try {
      return new TextDecoder(enc, { fatal: true }).decode(bytes.subarray(skipOf(enc)));
    } catch {
      return null;
    }
  };
  const locate = (enc: FileEncoding): { problem: TableProblem } => {
    const skip = skipOf(enc);
    const at = validPrefix(bytes, enc, skip);
    const before = new TextDecoder(enc).decode(bytes.subarray(skip, at));
    const lines = before.split(/\r\n|\r|\n/);
    const lastLine = lines.at(-1) ?? '';
    const delimiter = detectDelimiter(before.slice(0, 64 * 1024)) ?? ',';
    let column = 1;
    let quoted = false;
    for (const c of lastLine) {
      if (c === '"') quoted = !quoted;
      else if (c === delimiter && !quoted) column++;
    }
    return { problem: { code: 'broken-char', line: lines.length, column, encoding: enc } };
  };
  if (override) return withText(attempt(override), override) ?? locate(override);
  const first = attempt(sniffed.encoding);
  if (first !== null) return { text: first, encoding: sniffed.encoding };
  if (sniffed.encoding === 'shift_jis' || sniffed.encoding === 'utf-8') {
    // Valid UTF-8 with non-ASCII text up to the broken place: a UTF-8 file with a damaged character.
    const utf8Valid = validPrefix(bytes, 'utf-8', skipOf('utf-8'));
    if (firstNonAscii(bytes.subarray(0, utf8Valid)) !== -1) return locate('utf-8');
    // A later Shift_JIS byte in a file whose head was ASCII: the strict UTF-8 read fails, so try Shift_JIS.
    const sjis = sniffed.encoding === 'utf-8' ? attempt('shift_jis') : null;
    if (sjis !== null) return { text: sjis, encoding: 'shift_jis' };
    // Readable as Shift_JIS for a while before a broken place: name it there.
    if (validPrefix(bytes, 'shift_jis', 0) > utf8Valid && firstNonAscii(bytes) !== -1) return locate('shift_jis');
  }
  return { problem: { code: 'encoding' } };
}

function withText(text: string | null, encoding: FileEncoding): { text: string; encoding: FileEncoding } | null {
  return text === null ? null : { text, encoding };
}

/** At most this many problems are listed (the count still says how many). */
export const MAX_LISTED = 200;

/** How a file is read: its encoding and separator when chosen, and whether its first line is data (no column names: 列1, 列2 …). */
export interface ReadOptions {
  encoding?: FileEncoding;
  /** A workbook: read this sheet only (else every sheet with the header's column names). */
  sheet?: string;
  delimiter?: Delimiter;
  noHeader?: boolean;
}

export function readCsvTable(bytes: Uint8Array, opts: ReadOptions = {}): TableResult {
  const read = decodeOrLocate(bytes, opts.encoding);
  if ('problem' in read) return { ok: false, problems: [read.problem] };
  const decoded = read;
  if (decoded.text.trim() === '') return { ok: false, problems: [{ code: 'empty' }] };
  const delimiter = opts.delimiter ?? detectDelimiter(decoded.text.slice(0, 64 * 1024)) ?? ',';
  const text = unifyLineBreaks(decoded.text, delimiter);
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"', skipEmptyLines: false });
  // A quote opened and never closed (「"確認中」) takes every line after it into that one cell:
  // the parser says so, and the file is refused where the quote opened.
  const quoteRows = new Map<number, boolean>();
  for (const e of parsed.errors) if (e.type === 'Quotes' && e.row !== undefined) quoteRows.set(e.row, quoteRows.get(e.row) === true || e.code === 'MissingQuotes');
  const firstCells = parsed.data[0] ?? [];
  let firstWidth = firstCells.length;
  while (firstWidth > 0 && firstCells[firstWidth - 1]!.trim() === '') firstWidth--;
  const header = opts.noHeader ? columnNames(firstWidth) : firstCells.map((h) => h.trim());
  if (header.length < 2) return { ok: false, problems: [{ code: 'no-header', line: 1 }] };
  const rows: Cell[][] = [];
  const lines: number[] = [];
  const problems: TableProblem[] = [];
  if (quoteRows.has(0)) return { ok: false, problems: [quoteProblem(firstCells, 1, quoteRows.get(0)!)] };
  // Without column names the first line is read as a row like the others.
  let line = opts.noHeader ? 0 : 1 + lineBreaks(parsed.data[0]!);
  for (let i = opts.noHeader ? 0 : 1; i < parsed.data.length; i++) {
    const cells = parsed.data[i]!;
    const at = line + 1;
    line = at + lineBreaks(cells);
    if (quoteRows.has(i)) {
      problems.push(quoteProblem(cells, at, quoteRows.get(i)!));
      continue;
    }
    if (cells.every((c) => c.trim() === '')) continue;
    // Empty cells after the last column are what many spreadsheets write; anything else is a broken row.
    let width = cells.length;
    while (width > header.length && cells[width - 1]!.trim() === '') width--;
    if (width !== header.length) {
      problems.push({ code: 'columns', line: at, column: Math.min(width, header.length) + (width > header.length ? 1 : 0), found: width, expected: header.length });
      continue;
    }
    rows.push(cells.slice(0, header.length));
    lines.push(at);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, table: { format: 'csv', header, rows, lines, encoding: decoded.encoding, delimiter } };
}

/**
 * Where the quote of a row the parser could not read opened: a quote never closed runs to
 * the end of the file, so it is the row's last cell; a malformed one (「"確認"中」) is the cell
 * holding the stray quote. On the line the cell starts on.
 */
function quoteProblem(cells: string[], at: number, neverClosed: boolean): TableProblem {
  let col = neverClosed ? cells.length - 1 : cells.findIndex((c) => c.includes('"'));
  if (col < 0) col = cells.length - 1;
  return { code: 'quote', line: at + lineBreaks(cells.slice(0, col)), column: col + 1 };
}

function lineBreaks(cells: string[]): number {
  let n = 0;
  for (const c of cells) for (let i = c.indexOf('\n'); i !== -1; i = c.indexOf('\n', i + 1)) n++;
  return n;
}

/** A cell as the text a header or a first-line check reads (empty for no value). */
export const cellText = (c: Cell): string => (c === null || c === undefined ? '' : String(c).trim());

/** How much a row looks like a vendor's header: the columns a log or a report mapping recognises. */
function headerScore(header: string[]): number {
  return Math.max(...VENDOR_KINDS.map((k) => Object.keys(guessVendorMapping(k, header).fields).length));
}

const named = (r: Cell[]) => r.filter((c) => c !== null && c !== undefined && String(c).trim() !== '').length;

interface FoundHeader {
  /** Index in the sheet's rows of the header's (lower) row, or of the first row of data without one. */
  first: number;
  header: string[];
  score: number;
}

/**
 * A sheet's header: the row among its first rows whose names a log or a report mapping
 * recognises best (a title row with a date beside it may sit above it), or two rows read as
 * one; with nothing recognised, the first row of two or more names. Without column names: the
 * first row of two or more values, and 列1, 列2 ….
 */
function findHeader(data: Cell[][], noHeader: boolean): FoundHeader | null {
  let best: { first: number; score: number } | null = null;
  for (let i = 0; i < Math.min(data.length, HEADER_SEARCH_ROWS); i++) {
    const row = data[i]!;
    if (named(row) < 2) continue;
    const score = noHeader ? 0 : headerScore(row.map((c) => cellText(c)));
    if (!best || score > best.score) best = { first: i, score };
    if (noHeader) break;
  }
  if (!best) return null;
  let first = best.first;
  let score = best.score;
  let header = data[first]!.map((c) => cellText(c));
  // A header of two rows (日付 and 時間帯 merged down beside 受電数 / 応答数 under a 件数 band): a
  // merged cell has its name in the top row only. The two rows read as one, the lower name
  // first, when together they name more of the columns than either alone.
  if (!noHeader) {
    for (const top of [first - 1, first]) {
      const upper = data[top];
      const lower = data[top + 1];
      if (top < 0 || !upper || !lower) continue;
      const width = Math.max(upper.length, lower.length);
      const both = Array.from({ length: width }, (_, j) => cellText(lower[j] ?? null) || cellText(upper[j] ?? null));
      const s = headerScore(both);
      if (s > best.score) {
        header = both;
        first = top + 1;
        score = s;
        break;
      }
    }
  }
  while (header.length > 0 && header.at(-1) === '') header.pop();
  if (noHeader) header = columnNames(header.length);
  return { first, header, score };
}

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((h, i) => shapeHeader([h])[0] === shapeHeader([b[i]!])[0]);

/**
 * The header is the row, among each sheet's first rows, whose names a log or a report
 * mapping recognises best (a vendor's summary sheet may come first, and a title row with
 * a date beside it may sit above the header); with nothing recognised, the first row of
 * two or more names. **Every other sheet with the same column names is read too**, in the
 * workbook's order, each row knowing its sheet: a week's workbook of one sheet per day is
 * the whole week, not its first day. `sheetName` reads that sheet only. The table lists
 * every sheet with something in it and whether it was read, so none is left out unsaid. A
 * file that is not a workbook, or a damaged one, is a problem, never an exception.
 */
export async function readXlsxTable(bytes: Uint8Array, sheetName?: string, noHeader = false): Promise<TableResult> {
  if (!looksLikeZip(bytes)) return { ok: false, problems: [{ code: looksLikeCfb(bytes) ? 'protected-or-xls' : 'not-xlsx' }] };
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: Cell[][] }[];
  } catch {
    return { ok: false, problems: [{ code: 'broken-xlsx' }] };
  }
  const found = sheets.map((s) => ({ s, h: findHeader(s.data, noHeader) }));
  const withData = found.filter((f) => f.h !== null) as { s: (typeof sheets)[number]; h: FoundHeader }[];
  let chosen: (typeof withData)[number] | undefined;
  if (sheetName !== undefined) {
    chosen = withData.find((f) => f.s.sheet === sheetName);
    if (!chosen) return { ok: false, problems: [{ code: sheets.some((s) => s.sheet === sheetName) ? 'empty' : 'no-sheet', sheet: sheetName }] };
  } else {
    for (const f of withData) if (!chosen || f.h.score > chosen.h.score) chosen = f;
  }
  if (!chosen) return { ok: false, problems: [{ code: 'empty' }] };
  const { header } = chosen.h;
  const read = sheetName !== undefined || noHeader ? [chosen] : withData.filter((f) => f === chosen || (f.h.score > 0 && sameNames(f.h.header, header)));
  const uncomputed = formulasWithoutValue(bytes);
  const rows: Cell[][] = [];
  const lines: number[] = [];
  const rowSheets: string[] = [];
  const noValue: string[] = [];
  for (const { s, h } of read) {
    const missing = uncomputed.get(s.sheet);
    for (let i = noHeader ? h.first : h.first + 1; i < s.data.length; i++) {
      const row = s.data[i]!;
      if (row.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) continue;
      if (missing) for (let j = 0; j < header.length; j++) if (missing.has(`${i + 1}:${j}`)) noValue.push(`${rows.length}:${j}`);
      rows.push(header.map((_, j) => row[j] ?? null));
      lines.push(i + 1);
      rowSheets.push(s.sheet);
    }
  }
  const table: VendorTable = {
    format: 'xlsx',
    header,
    rows,
    lines,
    sheet: chosen.s.sheet,
    sheets: withData.map((f) => ({ name: f.s.sheet, read: read.includes(f) })),
    ...(read.length > 1 ? { rowSheets } : {}),
    ...(noValue.length > 0 ? { uncomputed: noValue } : {}),
  };
  return { ok: true, table };
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e.toLowerCase()]!));

/**
 * Per sheet name, the cells (`${sheet row}:${column index}`) holding a formula with no value
 * saved beside it: Excel saves both, a script writing a workbook often only the formula, and
 * the reader then sees an empty cell. Read from the workbook's XML; nothing when it cannot be.
 */
function formulasWithoutValue(bytes: Uint8Array): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' || f.name === 'xl/_rels/workbook.xml.rels' || /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
  } catch {
    return out;
  }
  const workbook = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (!workbook || !rels) return out;
  const targets = new Map<string, string>();
  for (const m of strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  for (const m of strFromU8(workbook).matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const xml = id ? files[targets.get(id) ?? ''] : undefined;
    if (name === undefined || !xml) continue;
    const text = strFromU8(xml);
    if (!text.includes('<f')) continue;
    const cells = new Set<string>();
    for (const c of text.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const body = c[2] ?? '';
      if (!/<f[\s>/]/.test(body) || /<v[\s>]/.test(body)) continue;
      const ref = /\br="([A-Z]+)(\d+)"/.exec(c[1]!);
      if (!ref) continue;
      let col = 0;
      for (const ch of ref[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
      cells.add(`${ref[2]}:${col - 1}`);
    }
    if (cells.size > 0) out.set(unescapeXml(name), cells);
  }
  return out;
}

/** How far down a sheet its header may start (a title, a date, notes above it). */
const HEADER_SEARCH_ROWS = 20;

/**
 * An OLE compound file (D0 CF 11 E0): a password-protected workbook (Excel encrypts an
 * .xlsx inside one) or an old .xls. Neither can be read here; the vendor or the user can
 * save it again as .xlsx without a password, or as CSV.
 */
export function looksLikeCfb(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** A CSV or a workbook, told apart by its first bytes (not its name). */
export function readVendorTable(bytes: Uint8Array, opts: ReadOptions = {}): Promise<TableResult> {
  if (looksLikeCfb(bytes)) return Promise.resolve({ ok: false, problems: [{ code: 'protected-or-xls' }] });
  return looksLikeZip(bytes) ? readXlsxTable(bytes, opts.sheet, opts.noHeader) : Promise.resolve(readCsvTable(bytes, opts));
}

const DATE_OR_TIME = /^(\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?)?\s*(\d{1,2}:\d{2}(:\d{2})?)?$/;
/** How a workbook's date cell reads once made text ("Sat Dec 05 2026 10:15:00 GMT+0900 …"). */
const DATE_TEXT = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT/;

/**
 * A vendor file's first line that is an enquiry or a day's figures, not column names: it
 * holds an e-mail address, a phone number or a postcode (looksLikeData), a date or a time.
 * Taken as the header, that enquiry would be left out.
 */
export function firstLineLooksLikeData(cells: readonly string[]): boolean {
  if (looksLikeData(cells)) return true;
  return cells.some((c) => {
    const v = c.normalize('NFKC').trim();
    return (v !== '' && DATE_OR_TIME.test(v)) || DATE_TEXT.test(v);
  });
}

/** A first line, read as data, that names the columns a log or a report mapping knows (two or more). */
export function firstLineLooksLikeNames(cells: readonly string[]): boolean {
  return !firstLineLooksLikeData(cells) && headerScore([...cells]) >= 2;
}
