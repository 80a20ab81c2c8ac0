/**
 * The printing vendor's file (decision 026): one letter per row, the address split into the
 * fields a Japanese mail-merge expects, the reference number (照会番号), the letter variant
 * (文面) and the apology gift's code (お詫び品コード) to print. Defined once, like every export (exports.ts): header and cells from the same
 * column list. Made in chunks (`vendorChunk`) so millions of rows stream to disk: the header
 * (and the UTF-8 BOM) in the first chunk only, every chunk a whole number of records.
 */
import { type CsvCell, type CsvEncoding, encodeCsv, guardCell, toCsv } from '../export/csv';
import { type AddressSplit, splitAddress } from './address-split';
import type { ExportDefinition } from './exports';
import { exportHeader, exportRow } from './exports';
import type { ContactRow } from './model';
import { formatReference, referenceNumber } from './reference';

export interface VendorRow {
  row: ContactRow;
  split: AddressSplit;
  /** 照会番号 as printed (`0100-0001-234`), '' when the list has no number yet. */
  reference: string;
  /** 文面: the name of the letter variant this customer gets. */
  variant: string;
  /** お詫び品コード as printed on the letter, '' before a gift programme is set. */
  gift: string;
  /** The letter goes to the customer's guardian (a variant for children's data, decision 028). */
  guardian: boolean;
}

/** What the caller knows of the incident: the list's number (refno16's fold) and the letter variant per row (variants16). */
export interface VendorContext {
  /** The list's number in the incident (1–99), or null when none is known: the 照会番号 column stays empty. */
  listNo: number | null;
  /** The letter variant's name for a row; the segment when not given. */
  variantOf?: (row: ContactRow) => string;
  /** The apology gift's code for a row (decision 029) — the vendor prints it on the letter; none before a programme is set. */
  giftOf?: (row: number) => string | undefined;
  /** Whom the row's letter variant addresses; the customer when not given. */
  addresseeOf?: (row: ContactRow) => 'customer' | 'guardian';
}

/** One row as the vendor receives it. */
export function vendorRow(row: ContactRow, ctx: VendorContext): VendorRow {
  return {
    row,
    split: splitAddress(row.address, row.postcode),
    reference: ctx.listNo === null ? '' : formatReference(referenceNumber(ctx.listNo, row.row)),
    variant: ctx.variantOf ? ctx.variantOf(row) : row.segment,
    gift: ctx.giftOf?.(row.row) ?? '',
    guardian: ctx.addresseeOf?.(row) === 'guardian',
  };
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/**
 * The split is unsure, the postcode is not 7 digits, a field held a line break, or a cell starts
 * as a spreadsheet formula would (=, +, -, @, full-width too: ＠ゆうき, ＋ＶＩＬＬＡ) — the
 * file writes it with an apostrophe before it (guardCell), which the vendor would print: a person
 * looks at the row before printing.
 */
export function needsReview(r: VendorRow): boolean {
  if (r.split.review || r.split.postcode === '' || LINE_BREAK.test(r.row.name) || LINE_BREAK.test(r.row.address)) return true;
  return VENDOR_FILE.columns.some((c) => {
    if (c.id === 'needsReview') return false;
    const v = c.cell(r);
    return typeof v === 'string' && guardCell(v) !== v;
  });
}

/** A field on one line: a line break typed in a spreadsheet cell (Alt+Enter) would split the vendor's record. */
const oneLine = (v: string): string => v.replace(/[\r\n\u2028\u2029]+/g, ' ');

const col = (id: string, cell: (r: VendorRow) => CsvCell) => ({ id, label: `contacts.exports.columns.${id}`, cell });

/**
 * Column ids reuse the mailing list's where the header is the same (postcode, name); the rest
 * are the vendor's. A postcode that is not 7 digits is written as it was typed (never dropped)
 * and the row is flagged. 様 is お客様 for a row with no name, as letters and `addressee` write it;
 * a letter to a child's guardian is 様の保護者様 (保護者様 with no name), as the printed letters
 * address it (the envelope went to the child before).
 */
export const VENDOR_FILE: ExportDefinition<VendorRow> = {
  id: 'vendor',
  columns: [
    col('postcode', (r) => r.split.postcode || r.row.postcode.trim()),
    col('prefecture', (r) => oneLine(r.split.prefecture)),
    col('city', (r) => oneLine(r.split.city)),
    col('town', (r) => oneLine(r.split.town)),
    col('building', (r) => oneLine(r.split.building)),
    col('name', (r) => oneLine(r.row.name.trim())),
    col('honorific', (r) => (r.guardian ? (r.row.name.trim() ? '様の保護者様' : '保護者様') : r.row.name.trim() ? '様' : 'お客様')),
    col('vendorRef', (r) => r.reference),
    col('letterVariant', (r) => r.variant),
    col('giftCode', (r) => r.gift),
    col('needsReview', (r) => (needsReview(r) ? '要確認' : '')),
  ],
};

/**
 * One chunk of the file as bytes. `first` adds the header (and the BOM for UTF-8 BOM); `last`
 * is the mark row after the final chunk's rows. Throws UnencodableError like encodeCsv: check
 * the rows first (findUnwritable with VENDOR_FILE's cells).
 */
export function vendorChunk(rows: readonly VendorRow[], opts: { encoding: CsvEncoding; first: boolean; label: (key: string) => string; last?: CsvCell[] }): Uint8Array {
  const cells = rows.map((r) => exportRow(VENDOR_FILE, r));
  if (opts.last) cells.push(opts.last);
  const text = toCsv(opts.first ? exportHeader(VENDOR_FILE, opts.label) : [], cells);
  const encoding = opts.encoding === 'utf-8-bom' && !opts.first ? 'utf-8' : opts.encoding;
  return (encoding === 'shift_jis' ? sjisFast(text) : null) ?? encodeCsv(text, encoding);
}

/**
 * Per UTF-16 unit: 0 not yet known, -1 "let encodeCsv decide" (not writable, a surrogate, a
 * combining sound mark that composes with the kana before it), else 0x10000 | the bytes.
 * Each entry is what encodeCsv writes for that character alone, so the bytes are the same.
 */
const SJIS = new Int32Array(0x10000);

function sjisOf(unit: number): number {
  let v = SJIS[unit]!;
  if (v !== 0) return v;
  if ((unit >= 0xd800 && unit <= 0xdfff) || unit === 0x3099 || unit === 0x309a) v = -1;
  else {
    try {
      const b = encodeCsv(String.fromCharCode(unit), 'shift_jis');
      v = b.length === 1 ? 0x10000 | b[0]! : b.length === 2 ? 0x20000 | (b[0]! << 8) | b[1]! : -1;
    } catch {
      v = -1;
    }
  }
  SJIS[unit] = v;
  return v;
}

/**
 * Shift_JIS through a table, about three times faster than the general encoder on millions of
 * rows; null when any unit needs the general one (which then writes it or throws, as always).
 */
function sjisFast(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80) {
      out[n++] = u;
      continue;
    }
    const v = sjisOf(u);
    if (v < 0) return null;
    if (v & 0x20000) out[n++] = (v >> 8) & 0xff;
    out[n++] = v & 0xff;
  }
  return out.slice(0, n);
}
