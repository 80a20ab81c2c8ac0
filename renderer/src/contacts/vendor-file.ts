/**
 * The printing vendor's file for a letter batch, streamed (decision 026): rows are read block
 * by block (batchRows), split, encoded a chunk at a time and handed to a sink (the platform's
 * streamed save, or the bench's counting sink), so millions of rows never sit in memory.
 *
 * Shift_JIS in ONE pass: a chunk the encoding cannot hold is written row by row, the rows it
 * cannot hold are left out and returned with the cells at fault — the caller then offers the
 * mailing list's choice (those rows as UTF-8, the whole file as UTF-8, or nothing) while the
 * file is still open, instead of reading millions of rows twice.
 */
import type { ContactRow } from '../../../shared/contacts/model';
import { type CsvCell, type CsvEncoding, findUnencodable, guardCell, UnencodableError } from '../../../shared/export/csv';
import { csvMarkRow } from '../../../shared/access/file-mark';
import { needsReview, VENDOR_FILE, type VendorContext, vendorChunk, vendorRow, type VendorRow } from '../../../shared/contacts/vendor-export';
import { batchRows, type Label, type UnwritableCell } from './batches';
import type { BlockCache } from './lookup';

/** Where the bytes go: a file being written, or a counter. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

export interface VendorWriteOptions {
  encoding: CsvEncoding;
  label: Label;
  ctx: VendorContext;
  /** Rows per encoded chunk (the unit of progress and of cancelling). */
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (written: number, total: number) => void;
}

export interface VendorWriteResult {
  /** Rows written (the file's letters), bytes written. */
  rows: number;
  bytes: number;
  /** Rows left out because the encoding cannot hold a character in them (Shift_JIS only). */
  unwritable: UnwritableCell[];
  /** How many rows needed review (要確認). */
  review: number;
}

export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
}

function unwritableCells(r: VendorRow, encoding: CsvEncoding): UnwritableCell[] {
  const out: UnwritableCell[] = [];
  for (const c of VENDOR_FILE.columns) {
    const v = c.cell(r);
    if (typeof v !== 'string' || v === '') continue;
    for (const u of findUnencodable(guardCell(v), encoding)) out.push({ row: r.row.row, line: r.row.line, customerNo: r.row.customerNo, column: c.id, char: u.char, codePoint: u.codePoint });
  }
  return out;
}

/**
 * Writes the vendor file of `rows` (row ordinals of one list) to `sink`: header, rows in row
 * order, then `mark` (the export's mark line) when given. Throws ExportCancelled when `signal`
 * aborts (the caller removes the partial file).
 */
export async function writeVendorFile(cache: BlockCache, datasetId: string, rows: number[], sink: ByteSink, opts: VendorWriteOptions, mark?: string): Promise<VendorWriteResult> {
  const chunkRows = opts.chunkRows ?? 2000;
  const result: VendorWriteResult = { rows: 0, bytes: 0, unwritable: [], review: 0 };
  let first = true;
  let seen = 0;
  let pending: VendorRow[] = [];

  const put = async (bytes: Uint8Array) => {
    await sink.write(bytes);
    result.bytes += bytes.byteLength;
    first = false;
  };
  const flush = async () => {
    if (opts.signal?.aborted) throw new ExportCancelled();
    const batch = pending;
    pending = [];
    try {
      await put(vendorChunk(batch, { encoding: opts.encoding, first, label: opts.label }));
      result.rows += batch.length;
      result.review += batch.filter(needsReview).length;
    } catch (err) {
      if (!(err instanceof UnencodableError)) throw err;
      // Row by row: the rows it can hold are written, the others listed.
      const ok: VendorRow[] = [];
      for (const r of batch) {
        const cells = unwritableCells(r, opts.encoding);
        if (cells.length > 0) result.unwritable.push(...cells);
        else ok.push(r);
      }
      if (ok.length > 0 || first) await put(vendorChunk(ok, { encoding: opts.encoding, first, label: opts.label }));
      result.rows += ok.length;
      // Counted as the file's 要確認 column marks them: only rows written.
      result.review += ok.filter(needsReview).length;
    }
    opts.onProgress?.(seen, rows.length);
  };

  for await (const row of batchRows(cache, datasetId, rows)) {
    pending.push(vendorRow(row, opts.ctx));
    seen++;
    if (pending.length >= chunkRows) await flush();
  }
  if (pending.length > 0 || first) await flush();
  // Stopped while the last chunk was being written: still stopped (the caller removes the file).
  if (opts.signal?.aborted) throw new ExportCancelled();
  if (mark !== undefined) await finishVendorFile(sink, opts.encoding, mark, result);
  return result;
}

/** The mark line, last (written once the choice about unwritable rows is made). */
export async function finishVendorFile(sink: ByteSink, encoding: CsvEncoding, mark: string, result?: VendorWriteResult): Promise<void> {
  const last: CsvCell[] = csvMarkRow(mark, VENDOR_FILE.columns.length, encoding);
  const bytes = vendorChunk([], { encoding, first: false, label: () => '', last });
  await sink.write(bytes);
  if (result) result.bytes += bytes.byteLength;
}

/** The vendor file's rows of a batch as VendorRows (tests and the small UTF-8 rest file). */
export async function vendorRows(cache: BlockCache, datasetId: string, rows: number[], ctx: VendorContext): Promise<VendorRow[]> {
  const out: VendorRow[] = [];
  for await (const r of batchRows(cache, datasetId, rows)) out.push(vendorRow(r, ctx));
  return out;
}

/** The default letter variant: the customer's segment (variants16 passes its own). */
export const bySegment = (r: ContactRow) => r.segment;
