/**
 * What makes a customer list acceptable, checked header first and then row by row, each
 * finding with its physical line and CSV column. Errors stop the import (nothing is
 * stored); warnings are reported and the row is kept exactly as written.
 */
import { delimiterIn } from './delimiter';
import { type ColumnMapping, type ContactField, type ContactRow, CONTACT_FIELDS, type FileEncoding, type ImportIssue } from './model';
import { isFormulaLike, normalizePhone, normalizePostcode } from './normalize';
import { type NormalisedKeys, normaliseKeys } from './tokens';

/** Longer than any real name or address; beyond it the file is broken or hostile. */
export const MAX_FIELD_LENGTH = 2_000;
/** A quoted field spanning more than this is an unterminated quote, not data. */
export const MAX_RECORD_LENGTH = 64 * 1024;
/** Reports stop listing after this many findings (the count keeps going). */
export const MAX_LISTED_ISSUES = 1_000;
/** Nothing but white space, invisible format characters (zero-width space, soft hyphen, BOM, direction marks…) and blank fillers. */
const INVISIBLE_ONLY = /^[\s\p{Cf}\u115f\u1160\u3164\uffa0\u2800]*$/u;

/**
 * Detects the encoding from the first bytes: a byte-order mark (UTF-8, UTF-16 LE/BE), else
 * UTF-8 if the bytes decode strictly, else Shift_JIS. Bytes that are all ASCII say nothing
 * (both encodings agree on them): see firstNonAscii.
 */
export function sniffEncoding(head: Uint8Array): { encoding: FileEncoding; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bom: false };
  try {
    // stream: true tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'shift_jis', bom: false };
  }
}

/**
 * UTF-16 saved without a byte-order mark: text files never hold NUL bytes, but UTF-16 has
 * one in every ASCII character (digits, commas, line breaks) — in the odd bytes for little-
 * endian, the even ones for big-endian.
 */
function utf16WithoutBom(head: Uint8Array): FileEncoding | null {
  let even = 0;
  let odd = 0;
  // Line feeds as each byte order writes them (0A 00 / 00 0A), on a character's boundary.
  let leBreaks = 0;
  let beBreaks = 0;
  const n = head.length - (head.length % 2);
  for (let i = 0; i < n; i++) {
    if (head[i] !== 0) continue;
    if (i % 2) {
      odd++;
      if (head[i - 1] === 0x0a) leBreaks++;
    } else {
      even++;
      if (head[i + 1] === 0x0a) beBreaks++;
    }
  }
  if (even + odd < 4) return null;
  if (even + odd >= n / 20) {
    if (odd >= 9 * even) return 'utf-16le';
    if (even >= 9 * odd) return 'utf-16be';
  }
  // A hand-typed list in full-width characters has few ASCII ones, and 一 (U+4E00) and the
  // full-width space (U+3000) put their NUL on the other side: its line breaks tell the order.
  // Not a few NULs after a line feed in a UTF-8 file (padding): a NUL in every 200 bytes and two line breaks at least.
  if (even + odd < n / 200) return null;
  if (leBreaks > 1 && beBreaks === 0) return 'utf-16le';
  if (beBreaks > 1 && leBreaks === 0) return 'utf-16be';
  return null;
}

/** Index of the first byte that is not 7-bit ASCII, or -1. */
export function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/** Bytes of the byte-order mark the encoding starts with. */
export function bomLength(encoding: FileEncoding, bom: boolean): number {
  return !bom ? 0 : encoding === 'utf-8' ? 3 : 2;
}

const HEADER_GUESSES: [ContactField, RegExp][] = [
  ['customerNo', /顧客(番号|no|ｎｏ|id|コード)|会員(番号|id)|customer.?(no|id|number)/i],
  ['kana', /カナ|かな|ふりがな|フリガナ|kana/i],
  ['name', /氏名|名前|お名前|顧客名|^name$|full.?name/i],
  ['postcode', /郵便|〒|zip|post.?code/i],
  ['address', /住所|address/i],
  ['email', /メール|mail/i],
  ['phone', /電話|tel|phone/i],
  ['segment', /サービス|区分|セグメント|segment|service/i],
];

/** A first guess at the mapping from header names; the user confirms or corrects it. */
export function guessMapping(header: string[]): ColumnMapping {
  const fields: ColumnMapping['fields'] = {};
  header.forEach((h, i) => {
    for (const [field, re] of HEADER_GUESSES) {
      if (fields[field] === undefined && re.test(h.normalize('NFKC'))) {
        fields[field] = i;
        return;
      }
    }
  });
  const used = new Set(Object.values(fields));
  return { fields, extra: header.map((_, i) => i).filter((i) => !used.has(i)) };
}

/**
 * Names for the columns of a file without a header line (its first line is a customer):
 * 列1, 列2, … — stored as the list's header, so every laptop shows the same.
 */
export function columnNames(count: number): string[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => `列${i + 1}`);
}

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Dashes people type in numbers (hyphens, minus, long vowel mark, full-width ones after NFKC). */
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff70-]/g;
const PHONE_SHAPE = /^\+?[\d\s()-]+$/;
const POSTCODE_SHAPE = /^〒?\s*[\d\s-]+$/;

type DataKind = 'email' | 'phone' | 'postcode';

/**
 * What a cell holds, judged as the import itself judges phones and postcodes
 * (normalizePhone, normalizePostcode), but only for a cell made of nothing else: a column
 * name with an example in it (「郵便番号(例:100-0001)」) is not a postcode.
 */
function dataKind(cell: string): DataKind | null {
  const v = cell.normalize('NFKC').trim().replace(DASHES, '-');
  if (v === '') return null;
  if (LOOKS_LIKE_EMAIL.test(v)) return 'email';
  if (PHONE_SHAPE.test(v) && normalizePhone(v) !== '') return 'phone';
  if (POSTCODE_SHAPE.test(v) && normalizePostcode(v) !== '') return 'postcode';
  return null;
}

/**
 * A first line that holds an e-mail address, a phone number or a postcode is a customer,
 * not column names: the file has no header line, and taken as one its first customer would
 * be left out of the list. Column names never look like these.
 */
export function looksLikeData(cells: readonly string[]): boolean {
  return cells.some((c) => dataKind(c) !== null);
}

/**
 * A first line that names columns as the mapping guess knows them (two or more of 顧客番号,
 * 氏名, 電話番号 …): a tick box saying the file has no column names is then a mistake, and
 * the line would become a customer called 「氏名」.
 */
export function looksLikeColumnNames(cells: readonly string[]): boolean {
  return !looksLikeData(cells) && Object.keys(guessMapping([...cells]).fields).length >= 2;
}

/**
 * A first guess for a file without column names, from what its first rows hold: the one
 * column most of whose cells are e-mail addresses, phone numbers or postcodes (none when two
 * columns look alike). The rest (the
 * customer number, names, the address) the person maps; every column left is an extra item.
 */
export function guessFromRows(columns: number, rows: readonly (readonly string[])[]): ColumnMapping {
  const fields: ColumnMapping['fields'] = {};
  const candidates = new Map<DataKind, number[]>();
  for (let c = 0; c < columns; c++) {
    const cells = rows.map((r) => r[c] ?? '').filter((v) => v.trim() !== '');
    if (cells.length === 0) continue;
    const kinds = cells.map(dataKind);
    for (const field of ['email', 'phone', 'postcode'] as const) {
      if (kinds.filter((k) => k === field).length >= cells.length * 0.8) {
        (candidates.get(field) ?? candidates.set(field, []).get(field)!).push(c);
        break;
      }
    }
  }
  // Two columns that both look like postcodes (member numbers written 123-4567): neither is guessed.
  for (const [field, cols] of candidates) if (cols.length === 1) fields[field] = cols[0]!;
  const used = new Set(Object.values(fields));
  return { fields, extra: Array.from({ length: columns }, (_, i) => i).filter((i) => !used.has(i)) };
}

/** A stored mapping that fits a file `width` columns wide: field → column and extra columns, each a column of it. */
export function isMappingFor(value: unknown, width: number): value is ColumnMapping {
  if (typeof value !== 'object' || value === null) return false;
  const { fields, extra } = value as Partial<ColumnMapping>;
  const column = (c: unknown) => Number.isInteger(c) && (c as number) >= 0 && (c as number) < width;
  if (typeof fields !== 'object' || fields === null || !Array.isArray(extra)) return false;
  return Object.entries(fields).every(([f, c]) => (CONTACT_FIELDS as readonly string[]).includes(f) && column(c)) && extra.every(column);
}

export function checkHeader(header: string[], mapping: ColumnMapping, line = 1): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  const mapped = new Set(Object.values(mapping.fields));
  const named = header.filter((h) => h.trim() !== '').length;
  const lastNamed = namedWidth(header) - 1;
  header.forEach((h, i) => {
    const name = h.trim();
    // Excel saves its used range: columns without a name after the last named one, on every
    // line. Kept as extra columns (列N) with a warning, unless a field was mapped to one.
    if (!name) issues.push(i > lastNamed && named >= 2 && !mapped.has(i) ? { code: 'header-blank-kept', severity: 'warning', line, column: i + 1 } : { code: 'header-missing', severity: 'error', line, column: i + 1 });
    else if (seen.has(name)) {
      // Two columns of one name are ambiguous only where a field reads one of them.
      const unmapped = !mapped.has(i) && !mapped.has(seen.get(name)!);
      issues.push({ code: unmapped ? 'header-duplicated-kept' : 'header-duplicated', severity: unmapped ? 'warning' : 'error', line, column: i + 1, firstLine: line });
    } else seen.set(name, i);
    if (h.includes('\u0000')) issues.push({ code: 'nul-byte', severity: 'error', line, column: i + 1 });
    else if (h.includes('\ufffd')) issues.push({ code: 'encoding-invalid', severity: 'error', line, column: i + 1 });
  });
  // One field per line: almost always a tab- or semicolon-separated file read as CSV.
  if (header.length === 1) issues.push({ code: 'one-column', severity: 'error', line, column: 0 });
  const key = mapping.fields.customerNo;
  if (key === undefined) issues.push({ code: 'mapping-missing-field', severity: 'error', line, column: 0 });
  else {
    const d = delimiterIn(header[key] ?? '');
    if (d) issues.push({ code: 'key-has-delimiter', severity: 'error', line, column: key + 1, delimiter: d });
  }
  for (const col of [...Object.values(mapping.fields), ...mapping.extra]) {
    if (col === undefined || col < 0 || col >= header.length) {
      issues.push({ code: 'mapping-column-out-of-range', severity: 'error', line, column: (col ?? -1) + 1 });
    }
  }
  return issues;
}

/** The columns up to the last named one (at least one): what every line must have when the columns after it are unnamed. */
export function namedWidth(header: readonly string[]): number {
  let n = header.length;
  while (n > 1 && header[n - 1]!.trim() === '') n--;
  return n;
}

/** NUL (binary or UTF-16 data) or U+FFFD (bytes the decoder could not read). */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD_CHAR = /[\u0000\ufffd]/;

/** Physical lines a record spans: one plus the line breaks inside its quoted fields. */
export function linesSpanned(cells: string[]): number {
  let n = 1;
  for (const c of cells) {
    for (let i = c.indexOf('\n'); i !== -1; i = c.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** Every field empty or blank: a row of separators only (",,,,", tabs), not a customer. */
export function isBlankRecord(cells: readonly string[]): boolean {
  // A cell of invisible characters only (a direction mark a copy left) is as empty as a blank one.
  return cells.every((c) => {
    const t = c.trim();
    return t === '' || (t.charCodeAt(0) > 0x7f && INVISIBLE_ONLY.test(t));
  });
}

/** Cells of a record → the stored row, with the findings on it. */
export function checkRecord(
  cells: string[],
  width: number,
  mapping: ColumnMapping,
  line: number,
  row: number,
  /**
   * Fewest cells a line may have: the columns up to the last named one. Excel writes the
   * separators of its empty trailing columns on some lines and not on others.
   */
  minWidth = width,
): { row: ContactRow | null; issues: ImportIssue[]; keys: NormalisedKeys | null } {
  const issues: ImportIssue[] = [];
  const err = (code: ImportIssue['code'], column: number) => issues.push({ code, severity: 'error', line, column });
  const warn = (code: ImportIssue['code'], column: number) => issues.push({ code, severity: 'warning', line, column });
  if (cells.length < minWidth) err('too-few-columns', cells.length + 1);
  else if (cells.length > width) err('too-many-columns', width + 1);
  // The length limit guards the columns the tracker uses (numbers, names, addresses it
  // indexes, prints and sends). A long free-text note in any other column must not refuse
  // the whole list: it is kept (a column shown as written) or left out (not imported),
  // and the report says where.
  cells.forEach((c, i) => {
    if (BAD_CHAR.test(c)) err(c.includes('\u0000') ? 'nul-byte' : 'encoding-invalid', i + 1);
    if (c.length <= MAX_FIELD_LENGTH) return;
    // Only for a long cell (rare): which columns the mapping uses and keeps.
    if (Object.values(mapping.fields).includes(i)) err('field-too-long', i + 1);
    else warn(mapping.extra.includes(i) ? 'field-long-kept' : 'field-long-dropped', i + 1);
  });
  const get = (f: ContactField) => {
    const col = mapping.fields[f];
    return col === undefined ? '' : (cells[col] ?? '');
  };
  const col = (f: ContactField) => (mapping.fields[f] ?? -1) + 1;
  const out: ContactRow = {
    row,
    line,
    customerNo: get('customerNo'),
    name: get('name'),
    kana: get('kana'),
    postcode: get('postcode'),
    address: get('address'),
    email: get('email'),
    phone: get('phone'),
    segment: get('segment'),
    extra: mapping.extra.map((i) => cells[i] ?? ''),
  };
  // Invisible characters alone (a zero-width space, a soft hyphen or a BOM pasted in) are no
  // number either; looked for only when the number does not start with ASCII (rows by millions).
  const no = out.customerNo.trim();
  if (!no || (no.charCodeAt(0) > 0x7f && INVISIBLE_ONLY.test(no))) err('customer-no-missing', col('customerNo'));
  else {
    // No customer number holds a separator: this one is two fields the separator did not split.
    const d = delimiterIn(out.customerNo);
    if (d) issues.push({ code: 'key-has-delimiter', severity: 'error', line, column: col('customerNo'), delimiter: d });
  }
  for (const f of CONTACT_FIELDS) if (isFormulaLike(get(f))) warn('formula-like', col(f));
  mapping.extra.forEach((i) => isFormulaLike(cells[i] ?? '') && warn('formula-like', i + 1));
  const keys = normaliseKeys(out);
  if (!keys.phone && out.phone.trim()) warn('phone-invalid', col('phone'));
  if (!keys.postcode && out.postcode.trim()) warn('postcode-invalid', col('postcode'));
  if (!keys.email && out.email.trim()) warn('email-invalid', col('email'));
  const failed = issues.some((i) => i.severity === 'error');
  return { row: failed ? null : out, issues, keys: failed ? null : keys };
}

/**
 * What the mapping screen refuses before anything runs: the header findings, and rows of
 * the preview whose customer number holds a separator-like character.
 */
export function previewProblems(header: string[], rows: { cells: string[]; line: number }[], mapping: ColumnMapping): ImportIssue[] {
  const issues = checkHeader(header, mapping).filter((i) => i.severity === 'error');
  const key = mapping.fields.customerNo;
  if (key === undefined) return issues;
  for (const r of rows) {
    const d = delimiterIn(r.cells[key] ?? '');
    if (d) issues.push({ code: 'key-has-delimiter', severity: 'error', line: r.line, column: key + 1, delimiter: d });
  }
  return issues;
}
