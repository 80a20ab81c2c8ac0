/**
 * Reading an export back the way its recipient will (bytes → text in the file's
 * encoding → CSV records) and checking every column of every row against the rows it was
 * made from. The unit and end-to-end tests of every contact-tracker export use it: a row
 * count proves nothing about columns.
 */
import { type CsvCell, type CsvEncoding, decodeCsvBytes, guardCell, parseCsv } from '../export/csv';
import type { ExportDefinition } from './exports';
import { isMarkRecord, MARK_PREFIX } from '../access/file-mark';

const BOM = [0xef, 0xbb, 0xbf];

/** Records of an exported file; throws if the bytes are not what the encoding promises. */
export function readExport(bytes: Uint8Array, encoding: CsvEncoding): string[][] {
  const hasBom = BOM.every((b, i) => bytes[i] === b);
  if (encoding === 'utf-8-bom' && !hasBom) throw new Error('export: a UTF-8 (BOM) file without its BOM');
  if (encoding !== 'utf-8-bom' && hasBom) throw new Error(`export: a ${encoding} file starting with a UTF-8 BOM`);
  const text = decodeCsvBytes(encoding === 'utf-8-bom' ? bytes.subarray(3) : bytes, encoding === 'shift_jis' ? 'shift_jis' : 'utf-8');
  return parseCsv(text);
}

/** What a cell reads as in the file (formula-guarded text; numbers as written). */
export function expectedCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : guardCell(String(v));
}

/**
 * Every difference between the file's records and what the definition makes of `rows`:
 * the header first, then each column of each row by its id. Empty when they agree.
 */
export function exportMismatches<R>(def: ExportDefinition<R>, records: string[][], rows: readonly R[], label: (key: string) => string): string[] {
  const out: string[] = [];
  const [header, ...body] = records;
  def.columns.forEach((c, i) => {
    if (header?.[i] !== label(c.label)) out.push(`header ${i + 1} (${c.id}): "${header?.[i]}" ≠ "${label(c.label)}"`);
  });
  if ((header?.length ?? 0) !== def.columns.length) out.push(`header has ${header?.length ?? 0} columns, not ${def.columns.length}`);
  if (body.length !== rows.length) out.push(`${body.length} rows, not ${rows.length}`);
  rows.forEach((r, n) => {
    const rec = body[n] ?? [];
    if (rec.length !== def.columns.length) out.push(`row ${n + 1}: ${rec.length} fields, not ${def.columns.length}`);
    def.columns.forEach((c, i) => {
      const want = expectedCell(c.cell(r));
      if (rec[i] !== want) out.push(`row ${n + 1}, ${c.id}: "${rec[i]}" ≠ "${want}"`);
    });
  });
  return out;
}

/**
 * A produced file's records without its mark line (the last line, shared/access/file-mark.ts),
 * and the mark's text (null when the file has none). Throws if a mark line is anywhere but last.
 */
export function withoutMark(records: string[][]): { records: string[][]; mark: string | null } {
  const at = records.findIndex(isMarkRecord);
  if (at === -1) return { records, mark: null };
  if (at !== records.length - 1) throw new Error(`export: the mark line is line ${at + 1}, not the last (${records.length})`);
  return { records: records.slice(0, -1), mark: records[at]![0]!.slice(MARK_PREFIX.length + 1) };
}
