/**
 * A vendor's file as a table: a header line and rows, each with the line (CSV) or the
 * sheet row (workbook) it came from, so every finding can say where. CSV reuses the
 * customer import's encoding sniffing (BOM, UTF-16 with or without BOM, UTF-8, else
 * Shift_JIS) and separator detection; workbooks are read with read-excel-file.
 */
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import { detectDelimiter } from '../contacts/delimiter';
import { unifyLineBreaks } from '../contacts/line-breaks';
import type { Delimiter, FileEncoding } from '../contacts/model';
import { bomLength, columnNames, looksLikeData, sniffEncoding } from '../contacts/validate';
import { guessVendorMapping, VENDOR_KINDS } from './vendor-mapping';
import type { Cell } from './vendor-values';

export interface VendorTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: Cell[][];
  /** Per row: the CSV line it starts on, or the sheet row number (1 = the header). */
  lines: number[];
  encoding?: FileEncoding;
  delimiter?: Delimiter;
  sheet?: string;
}

/** Why a file could not be read as a table at all; shown with where when known. */
export interface TableProblem {
  code: 'empty' | 'not-xlsx' | 'broken-xlsx' | 'protected-or-xls' | 'encoding' | 'columns' | 'no-header';
  line?: number;
  column?: number;
  sheet?: string;
  /** For 'columns': cells on the line, and the header's count. */
  found?: number;
  expected?: number;
}

export type TableResult = { ok: true; table: VendorTable } | { ok: false; problems: TableProblem[] };

/** A zip (and so an .xlsx) starts with "PK\x03\x04". */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function decodeText(bytes: Uint8Array, override?: FileEncoding): { text: string; encoding: FileEncoding } | null {
  const sniffed = sniffEncoding(bytes.subarray(0, 64 * 1024));
  const encoding = override ?? sniffed.encoding;
  // A later Shift_JIS byte in a file whose head was ASCII: the strict UTF-8 read fails, so try again.
  for (const enc of override ? [encoding] : [encoding, ...(encoding === 'utf-8' ? (['shift_jis'] as const) : [])]) {
    try {
      const skip = bomLength(enc, sniffed.encoding === enc && sniffed.bom);
      return { text: new TextDecoder(enc, { fatal: true }).decode(bytes.subarray(skip)), encoding: enc };
    } catch {
      /* the next candidate */
    }
  }
  return null;
}

/** At most this many problems are listed (the count still says how many). */
export const MAX_LISTED = 200;

/** How a file is read: its encoding and separator when chosen, and whether its first line is data (no column names: 列1, 列2 …). */
export interface ReadOptions {
  encoding?: FileEncoding;
  delimiter?: Delimiter;
  noHeader?: boolean;
}

export function readCsvTable(bytes: Uint8Array, opts: ReadOptions = {}): TableResult {
  const decoded = decodeText(bytes, opts.encoding);
  if (!decoded) return { ok: false, problems: [{ code: 'encoding' }] };
  if (decoded.text.trim() === '') return { ok: false, problems: [{ code: 'empty' }] };
  const delimiter = opts.delimiter ?? detectDelimiter(decoded.text.slice(0, 64 * 1024)) ?? ',';
  const text = unifyLineBreaks(decoded.text, delimiter);
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"', skipEmptyLines: false });
  const firstCells = parsed.data[0] ?? [];
  let firstWidth = firstCells.length;
  while (firstWidth > 0 && firstCells[firstWidth - 1]!.trim() === '') firstWidth--;
  const header = opts.noHeader ? columnNames(firstWidth) : firstCells.map((h) => h.trim());
  if (header.length < 2) return { ok: false, problems: [{ code: 'no-header', line: 1 }] };
  const rows: Cell[][] = [];
  const lines: number[] = [];
  const problems: TableProblem[] = [];
  // Without column names the first line is read as a row like the others.
  let line = opts.noHeader ? 0 : 1 + lineBreaks(parsed.data[0]!);
  for (let i = opts.noHeader ? 0 : 1; i < parsed.data.length; i++) {
    const cells = parsed.data[i]!;
    const at = line + 1;
    line = at + lineBreaks(cells);
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

/**
 * The header is the row, among each sheet's first rows, whose names a log or a report
 * mapping recognises best (a vendor's summary sheet may come first, and a title row with
 * a date beside it may sit above the header); with nothing recognised, the first row of
 * two or more names. A file that is not a workbook, or a damaged one, is a problem, never
 * an exception.
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
  let best: { s: (typeof sheets)[number]; first: number; score: number } | null = null;
  for (const s of sheets) {
    if (sheetName !== undefined && s.sheet !== sheetName) continue;
    for (let i = 0; i < Math.min(s.data.length, HEADER_SEARCH_ROWS); i++) {
      const row = s.data[i]!;
      if (named(row) < 2) continue;
      // Without column names: the first sheet's first row of two or more values is the first row of data.
      const score = noHeader ? 0 : headerScore(row.map((c) => cellText(c)));
      if (!best || score > best.score) best = { s, first: i, score };
      if (noHeader) break;
    }
    if (noHeader && best) break;
  }
  if (!best) return { ok: false, problems: [{ code: 'empty' }] };
  const { s } = best;
  let first = best.first;
  let header = s.data[first]!.map((c) => cellText(c));
  // A header of two rows (日付 and 時間帯 merged down beside 受電数 / 応答数 under a 件数 band): a
  // merged cell has its name in the top row only. The two rows read as one, the lower name
  // first, when together they name more of the columns than either alone.
  if (!noHeader) {
    for (const top of [first - 1, first]) {
      const upper = s.data[top];
      const lower = s.data[top + 1];
      if (top < 0 || !upper || !lower) continue;
      const width = Math.max(upper.length, lower.length);
      const both = Array.from({ length: width }, (_, j) => cellText(lower[j] ?? null) || cellText(upper[j] ?? null));
      if (headerScore(both) > best.score) {
        header = both;
        first = top + 1;
        break;
      }
    }
  }
  while (header.length > 0 && header.at(-1) === '') header.pop();
  if (noHeader) header.splice(0, header.length, ...columnNames(header.length));
  const rows: Cell[][] = [];
  const lines: number[] = [];
  for (let i = noHeader ? first : first + 1; i < s.data.length; i++) {
    const row = s.data[i]!;
    if (row.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) continue;
    rows.push(header.map((_, j) => row[j] ?? null));
    lines.push(i + 1);
  }
  return { ok: true, table: { format: 'xlsx', header, rows, lines, sheet: s.sheet } };
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
  return looksLikeZip(bytes) ? readXlsxTable(bytes, undefined, opts.noHeader) : Promise.resolve(readCsvTable(bytes, opts));
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
