/**
 * Letters of a batch by variant (decision 028): each customer's segment picks the variant,
 * the letters are grouped by variant (the print shop loads paper per variant) and each
 * carries its variant's text. Segments are read from the status blocks (an index per row,
 * no personal data, nothing to decrypt), so counting the letters per variant of a 100k
 * batch opens no customer block; the letters themselves are made by lettersHtml, group by group.
 */
import type { LetterVariant } from '../../../shared/letters/events';
import { groupByVariant } from '../../../shared/letters/variants';
import type { BlockCache } from './lookup';
import { lettersHtml, type LetterLabels } from './batches';
import type { ContactData } from './contact-data';
import { blockId, STATUS_ROWS } from './tables';

/** The segment value of each row (in the order given), from the status records and the list's segment names. */
export async function rowSegments(data: Pick<ContactData, 'tables' | 'segments'>, datasetId: string, rows: readonly number[]): Promise<string[]> {
  const names = await data.segments(datasetId);
  const blocks = [...new Set(rows.map((r) => Math.floor(r / STATUS_ROWS)))];
  const recs = await data.tables.status.bulkGet(blocks.map((b) => blockId(datasetId, b)));
  const byBlock = new Map(blocks.map((b, i) => [b, recs[i]]));
  return rows.map((r) => {
    const rec = byBlock.get(Math.floor(r / STATUS_ROWS));
    const index = rec?.segment[r % STATUS_ROWS];
    return index === undefined ? '' : (names[index] ?? '');
  });
}

/** The rows of a batch grouped by the variant each customer gets, variants in their listed order. */
export async function rowsByVariant(
  data: Pick<ContactData, 'tables' | 'segments'>,
  datasetId: string,
  rows: readonly number[],
  variants: readonly LetterVariant[],
): Promise<{ variant: LetterVariant; rows: number[] }[]> {
  const segments = await rowSegments(data, datasetId, rows);
  const groups = groupByVariant(
    rows.map((row, i) => ({ row, segment: segments[i]! })),
    (r) => r.segment,
    variants,
  );
  return groups.map((g) => ({ variant: g.variant, rows: g.rows.map((r) => r.row).sort((a, b) => a - b) }));
}

const BODY = /<body>([\s\S]*)<\/body>/;

/**
 * One HTML file: the letters of each variant together, in the variants' order, each with its
 * variant's body and addressee. With more than one variant the control mark names the
 * variant and pages are numbered within it ("出力番号 … · 生年月日を含む · 3/120"), so each
 * run can be counted on its own; a file of one variant keeps the mark as lettersHtml writes it.
 */
export async function variantLettersHtml(
  cache: BlockCache,
  datasetId: string,
  groups: readonly { variant: LetterVariant; rows: number[] }[],
  letter: (v: LetterVariant) => { bodyHtml: string; labels: LetterLabels; name: string },
): Promise<{ html: string; count: number; perVariant: { variantId: string; name: string; count: number }[] }> {
  let head = '';
  let tail = '';
  const bodies: string[] = [];
  const perVariant: { variantId: string; name: string; count: number }[] = [];
  for (const g of groups) {
    const { bodyHtml, labels, name } = letter(g.variant);
    // One run alone keeps the mark as it always was; several say which run a page belongs to.
    const mark = labels.mark === undefined || groups.length < 2 ? labels.mark : `${labels.mark} · ${name}`;
    const out = await lettersHtml(cache, datasetId, g.rows, bodyHtml, { ...labels, mark });
    const m = BODY.exec(out.html)!;
    if (head === '') {
      head = out.html.slice(0, m.index) + '<body>';
      tail = '</body>' + out.html.slice(m.index + m[0].length);
    }
    bodies.push(m[1]!);
    perVariant.push({ variantId: g.variant.variantId, name, count: out.count });
  }
  if (head === '') {
    // No letters (an empty batch): the same empty page lettersHtml writes.
    const empty = await lettersHtml(cache, datasetId, [], '', { honorific: '', noName: '', postcodeMark: '', lang: 'ja' });
    return { html: empty.html, count: 0, perVariant };
  }
  return { html: head + bodies.join('') + tail, count: perVariant.reduce((n, v) => n + v.count, 0), perVariant };
}
