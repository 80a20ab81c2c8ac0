/**
 * What a batch produces for the people who send it: a mailing list for label and
 * mail-merge software (Shift_JIS by default, formula-guarded), a recipient list for the
 * company's mail system, a call list, and printable letters. Columns come from one
 * definition per export (shared/contacts/exports.ts).
 * Rows are read block by block in row order, so a 100k batch opens each block once.
 */
import type { ContactRow } from '../../../shared/contacts/model';
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';
import { CALL_LIST, type CallListRow, EMAIL_RECIPIENTS, exportCsv, type ExportDefinition, exportHeader, exportRow, MAILING_LIST, mailingList } from '../../../shared/contacts/exports';
import { formatReference, referenceNumber } from '../../../shared/contacts/reference';
import { csvMarkRow } from '../../../shared/access/file-mark';
import { type CsvEncoding, encodeCsv, findUnencodable, guardCell } from '../../../shared/export/csv';
import { escapeHtml, type RenderContext, type RenderOptions, type RenderResult, renderTemplate } from '../../../shared/incident/render';
import type { BlockCache } from './lookup';
import { BLOCK_ROWS } from './tables';

/** Rows of a batch, in row order, one block at a time. */
export async function* batchRows(cache: BlockCache, datasetId: string, rows: number[]): AsyncGenerator<ContactRow> {
  const sorted = [...rows].sort((a, b) => a - b);
  let i = 0;
  while (i < sorted.length) {
    const block = Math.floor(sorted[i]! / BLOCK_ROWS);
    const opened = await cache.rows(datasetId, block);
    for (; i < sorted.length && Math.floor(sorted[i]! / BLOCK_ROWS) === block; i++) {
      const row = opened[sorted[i]! - block * BLOCK_ROWS];
      if (row) yield row;
    }
  }
}

/** Translates a header key (the dictionaries live in the renderer). */
export type Label = (key: string) => string;

/** A cell the chosen encoding cannot write: which customer, which column, which character. */
export interface UnwritableCell {
  /** Row ordinal in the dataset, and the line of the customer in the imported file. */
  row: number;
  line: number;
  customerNo: string;
  /** Column id of the export definition (its header via the definition's label key). */
  column: string;
  char: string;
  codePoint: string;
}

/**
 * Every cell of the export that `encoding` cannot write, before anything is written: the
 * screen lists them and lets the user choose UTF-8 for those rows (or the whole file).
 * Cells are checked exactly as the encoder will see them (formula guard applied).
 */
export async function findUnwritable(
  cache: BlockCache,
  datasetId: string,
  rows: number[],
  def: ExportDefinition<ContactRow> = MAILING_LIST,
  encoding: CsvEncoding = 'shift_jis',
): Promise<UnwritableCell[]> {
  const out: UnwritableCell[] = [];
  for await (const r of batchRows(cache, datasetId, rows)) {
    for (const c of def.columns) {
      const v = c.cell(r);
      if (typeof v !== 'string' || v === '') continue;
      for (const u of findUnencodable(guardCell(v), encoding)) {
        out.push({ row: r.row, line: r.line, customerNo: r.customerNo, column: c.id, char: u.char, codePoint: u.codePoint });
      }
    }
  }
  return out;
}

/**
 * A list of a batch's customers as bytes. Nothing is ever replaced: a character the
 * encoding cannot write throws an UnencodableError (check with findUnwritable first and
 * leave those rows out with `skip`, or write UTF-8).
 */
export async function listCsv(
  cache: BlockCache,
  datasetId: string,
  rows: number[],
  def: ExportDefinition<ContactRow>,
  label: Label,
  encoding: CsvEncoding,
  skip?: ReadonlySet<number>,
  mark?: string,
): Promise<Uint8Array> {
  const out: ContactRow[] = [];
  for await (const r of batchRows(cache, datasetId, rows)) if (!skip?.has(r.row)) out.push(r);
  const last = mark === undefined ? undefined : csvMarkRow(mark, def.columns.length, encoding);
  return encodeCsv(exportCsv(def, out, label, last), encoding);
}

/** Mailing list for the printing vendor (Shift_JIS by default), with each letter's reference number (`listNo`: the list's number): see mailingList. */
export function mailingCsv(cache: BlockCache, datasetId: string, rows: number[], label: Label, encoding: CsvEncoding = 'shift_jis', skip?: ReadonlySet<number>, mark?: string, listNo?: number) {
  return listCsv(cache, datasetId, rows, mailingList(listNo), label, encoding, skip, mark);
}

/** Recipient list for the mail system (UTF-8 with BOM): see EMAIL_RECIPIENTS. */
export function emailCsv(cache: BlockCache, datasetId: string, rows: number[], label: Label, encoding: CsvEncoding = 'utf-8-bom', mark?: string) {
  return listCsv(cache, datasetId, rows, EMAIL_RECIPIENTS, label, encoding, undefined, mark);
}

type CallItem = { row: number; operator: string; noAnswers: number };

/** The call list's rows: each with its operator and the calls made so far, grouped by operator so each can be handed their own part. */
async function callListRows(cache: BlockCache, datasetId: string, items: CallItem[]): Promise<CallListRow[]> {
  const byRow = new Map(items.map((i) => [i.row, i]));
  const out: CallListRow[] = [];
  for await (const r of batchRows(cache, datasetId, items.map((i) => i.row))) {
    const i = byRow.get(r.row)!;
    out.push({ operator: i.operator, row: r, noAnswers: i.noAnswers });
  }
  const order = [...new Set(items.map((i) => i.operator))];
  out.sort((a, b) => order.indexOf(a.operator) - order.indexOf(b.operator) || a.row.row - b.row.row);
  return out;
}

/** The call list of a phone batch as CSV (UTF-8 with BOM), for a call-centre system. */
export async function callListCsv(cache: BlockCache, datasetId: string, items: CallItem[], label: Label, mark?: string): Promise<Uint8Array> {
  const out = await callListRows(cache, datasetId, items);
  const last = mark === undefined ? undefined : csvMarkRow(mark, CALL_LIST.columns.length, 'utf-8-bom');
  return encodeCsv(exportCsv(CALL_LIST, out, label, last), 'utf-8-bom');
}

/**
 * The same call list as an Excel workbook, for the operators who open it in Excel: every
 * cell of the customer is text, so a customer number keeps its leading zeros (00123 stays
 * 00123, not 123) and a phone number its 0 (09011112222), which a CSV opened in Excel loses.
 * Text cells are never formulas, so nothing needs guarding. The mark is the last row.
 */
export async function callListXlsx(cache: BlockCache, datasetId: string, items: CallItem[], label: Label, mark?: string): Promise<Uint8Array> {
  const out = await callListRows(cache, datasetId, items);
  const text = (value: string): Cell => ({ value, type: String });
  const header: Cell[] = exportHeader(CALL_LIST, label).map((value) => ({ value, type: String, fontWeight: 'bold', backgroundColor: '#E8EEF4' }));
  const data: SheetData = [header];
  for (const r of out) data.push(exportRow(CALL_LIST, r).map((v) => (typeof v === 'number' ? { value: v, type: Number } : text(v ?? ''))));
  if (mark !== undefined) data.push([text(mark)]);
  const blob = await writeXlsxFile(data, { columns: [{ width: 14 }, { width: 16 }, { width: 22 }, { width: 22 }, { width: 18 }, { width: 10 }], stickyRowsCount: 1 }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

export interface LetterLabels {
  /** Honorific after the name (様). */
  honorific: string;
  /** Written instead of "name 様" for a row with no name (お客様), never a bare 様. */
  noName: string;
  postcodeMark: string;
  lang: string;
  /** The export's control mark, printed small in each page's footer with the page number ("{mark} · 3/120"). */
  mark?: string;
  /**
   * The list's number in the incident (list-numbers.ts) and the label in the letter's
   * language (照会番号): each letter's head carries the customer's reference number, which
   * the caller reads out. Without a number (decision 025) no reference line is printed.
   */
  listNo?: number;
  referenceLabel?: string;
  /** The apology gift's code of each row (gift-letters.ts), printed under the body; absent before a programme is set. */
  gift?: LetterGift;
}

/** The gift line of a letter: "{label}: CODE" and the period it can be redeemed in. */
export interface LetterGift {
  label: string;
  until: string;
  code(row: number): string | undefined;
}

/**
 * Printable letters: one A4 page each, the address block then the body. The body is the
 * letter template already rendered from the live facts (renderTemplate, escape: html),
 * so every letter quotes the same facts.
 */
export async function lettersHtml(cache: BlockCache, datasetId: string, rows: number[], bodyHtml: string, labels: LetterLabels): Promise<{ html: string; count: number }> {
  const pages: string[] = [];
  let page = 0;
  for await (const r of batchRows(cache, datasetId, rows)) {
    page++;
    const foot = labels.mark === undefined ? '' : `<footer class="mark">${escapeHtml(labels.mark)} · ${page}/${rows.length}</footer>`;
    // A list made by hand has empty cells: no bare 〒 line, no "様" addressed to nobody.
    const postcode = r.postcode.trim() ? `<p>${escapeHtml(labels.postcodeMark)}${escapeHtml(r.postcode)}</p>` : '';
    const name = r.name.trim() ? `${escapeHtml(r.name)} ${escapeHtml(labels.honorific)}` : escapeHtml(labels.noName);
    const code = labels.gift?.code(r.row);
    const gift = code === undefined ? '' : `<p class="gift">${escapeHtml(labels.gift!.label)} <span class="gift-code">${escapeHtml(code)}</span> ${escapeHtml(labels.gift!.until)}</p>`;
    const ref =
      labels.listNo === undefined
        ? ''
        : `<p class="ref"><span class="ref-label">${escapeHtml(labels.referenceLabel ?? '')}</span> <span class="ref-no">${formatReference(referenceNumber(labels.listNo, r.row))}</span></p>`;
    pages.push(
      `<section class="letter">${ref}<div class="address">${postcode}` +
        `<p>${escapeHtml(r.address)}</p><p class="name">${name}</p>` +
        `<p class="no">${escapeHtml(r.customerNo)}</p></div><div class="body">${bodyHtml}</div>${gift}${foot}</section>`,
    );
  }
  const style =
    '@page{size:A4;margin:20mm}body{font-family:serif;margin:0}.letter{page-break-after:always;min-height:250mm;position:relative}' +
    '.mark{position:absolute;bottom:0;right:0;font-size:7pt;color:#555;font-family:sans-serif}' +
    '.ref{text-align:right;font-size:11pt;margin:0 0 6mm;font-family:sans-serif}.ref-no{font-size:13pt;letter-spacing:.08em;font-weight:bold}' +
    '.address{margin-bottom:20mm;font-size:12pt}.name{font-size:14pt}.no{font-size:9pt}.body{white-space:pre-wrap;font-size:11pt;line-height:1.7}' +
    '.gift{margin-top:8mm;font-size:11pt;border:1px solid #333;padding:3mm}.gift-code{font-family:monospace;font-size:14pt;letter-spacing:1px}';
  return {
    html: `<!doctype html><html lang="${escapeHtml(labels.lang)}"><head><meta charset="utf-8"><style>${style}</style></head><body>${pages.join('')}</body></html>`,
    count: pages.length,
  };
}

/**
 * Letters from the letter template and the incident's live facts: the template is
 * rendered once (HTML-escaped) and every letter quotes the same facts. Missing facts and
 * unknown placeholders come back so the screen can stop a print run that would show them.
 */
export async function renderLetters(
  cache: BlockCache,
  datasetId: string,
  rows: number[],
  template: string,
  ctx: RenderContext,
  opts: Omit<RenderOptions, 'escape'>,
  labels: LetterLabels,
): Promise<{ html: string; count: number; missing: RenderResult['missing']; unknown: RenderResult['unknown'] }> {
  const body = renderTemplate(template, ctx, { ...opts, escape: 'html' });
  const out = await lettersHtml(cache, datasetId, rows, body.text, labels);
  return { ...out, missing: body.missing, unknown: body.unknown };
}

/** One operator's share of a call batch, in row order, with who is still to be called. */
export function operatorRows(batch: { rows: number[]; operators?: string[]; assignment?: number[] }, operator: string): number[] {
  const index = batch.operators?.indexOf(operator) ?? -1;
  if (index < 0) return [];
  return batch.rows.filter((_, i) => batch.assignment?.[i] === index);
}
