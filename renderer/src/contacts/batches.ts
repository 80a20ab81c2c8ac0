/**
 * What a batch produces for the people who send it: a mailing list for label and
 * mail-merge software (Shift_JIS by default, formula-guarded), a recipient list for the
 * company's mail system, printable letters, and a call queue split across operators.
 * Rows are read block by block in row order, so a 100k batch opens each block once.
 */
import type { ContactRow } from '../../../shared/contacts/model';
import { type CsvEncoding, encodeCsv, guardCell, toCsv } from '../../../shared/export/csv';
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

export interface ListHeader {
  /** Column titles, from the UI dictionaries. */
  columns: string[];
}

const cell = (v: string) => guardCell(v);

/** Mailing list: customer no., postcode, address, name, segment. */
export async function mailingCsv(cache: BlockCache, datasetId: string, rows: number[], header: ListHeader, encoding: CsvEncoding = 'shift_jis'): Promise<Uint8Array> {
  const out: string[][] = [];
  for await (const r of batchRows(cache, datasetId, rows)) out.push([cell(r.customerNo), cell(r.postcode), cell(r.address), cell(r.name), cell(r.segment)]);
  return encodeCsv(toCsv(header.columns, out), encoding, { onUnencodable: 'replace' });
}

/** Recipient list for the mail system: customer no., e-mail, name. */
export async function emailCsv(cache: BlockCache, datasetId: string, rows: number[], header: ListHeader, encoding: CsvEncoding = 'utf-8-bom'): Promise<Uint8Array> {
  const out: string[][] = [];
  for await (const r of batchRows(cache, datasetId, rows)) out.push([cell(r.customerNo), cell(r.email), cell(r.name)]);
  return encodeCsv(toCsv(header.columns, out), encoding, { onUnencodable: 'replace' });
}

export interface LetterLabels {
  /** Honorific after the name (様). */
  honorific: string;
  postcodeMark: string;
  lang: string;
}

/**
 * Printable letters: one A4 page each, the address block then the body. The body is the
 * letter template already rendered from the live facts (renderTemplate, escape: html),
 * so every letter quotes the same facts.
 */
export async function lettersHtml(cache: BlockCache, datasetId: string, rows: number[], bodyHtml: string, labels: LetterLabels): Promise<{ html: string; count: number }> {
  const pages: string[] = [];
  for await (const r of batchRows(cache, datasetId, rows)) {
    pages.push(
      `<section class="letter"><div class="address"><p>${escapeHtml(labels.postcodeMark)}${escapeHtml(r.postcode)}</p>` +
        `<p>${escapeHtml(r.address)}</p><p class="name">${escapeHtml(r.name)} ${escapeHtml(labels.honorific)}</p>` +
        `<p class="no">${escapeHtml(r.customerNo)}</p></div><div class="body">${bodyHtml}</div></section>`,
    );
  }
  const style =
    '@page{size:A4;margin:20mm}body{font-family:serif;margin:0}.letter{page-break-after:always;min-height:250mm}' +
    '.address{margin-bottom:20mm;font-size:12pt}.name{font-size:14pt}.no{font-size:9pt}.body{white-space:pre-wrap;font-size:11pt;line-height:1.7}';
  return {
    html: `<!doctype html><html lang="${escapeHtml(labels.lang)}"><head><meta charset="utf-8"><style>${style}</style></head><body>${pages.join('')}</body></html>`,
    count: pages.length,
  };
}

/** Operators get the rows in turn, so every queue has a similar mix of the list. */
export function splitQueue(rows: number[], operators: string[]): number[] {
  return rows.map((_, i) => i % Math.max(1, operators.length));
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
