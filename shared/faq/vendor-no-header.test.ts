/** A vendor's day file without a line of column names: its first line is an enquiry, not the header. */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { readVendorTable, firstLineLooksLikeData, firstLineLooksLikeNames, type VendorTable } from './vendor-table';
import { vendorEnquiries } from './vendor-rows';

const LINES = [
  '2026/12/05,09:12,電話,漏えい,私の住所も漏れましたか,対象者か確認して折り返し,なし,OP-7,𠮷田 一郎,03(1234)5678',
  '2026/12/05,09:20,電話,お詫び,お詫びの品はいつ届きますか,12月中に発送,なし,OP-2,髙橋 花子,090-1111-2222',
  '2026/12/05,09:31,メール,退会,退会したい,手続きを案内,あり,OP-7,佐藤 次郎,',
];
const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n') + '\r\n');
const table = (r: Awaited<ReturnType<typeof readVendorTable>>): VendorTable => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.table;
};
/** What the person maps when there are no names: day, time, channel, category, question, answer. */
const MAPPING = { kind: 'log' as const, fields: { day: 0, time: 1, channel: 2, category: 3, question: 4, answer: 5, escalated: 6, operatorId: 7 }, categoryColumns: [] };

describe("a vendor's file without column names", () => {
  it('is said from its first line (a date, a time, a phone); a line of names is not', () => {
    expect(firstLineLooksLikeData(LINES[0]!.split(','))).toBe(true);
    expect(firstLineLooksLikeData(['受付日', '受付時刻', 'チャネル', '問い合わせ内容', '電話番号'])).toBe(false);
    expect(firstLineLooksLikeNames(['受付日', '受付時刻', 'チャネル', '問い合わせ内容', '電話番号'])).toBe(true);
    expect(firstLineLooksLikeNames(LINES[0]!.split(','))).toBe(false);
  });

  it('CSV: read with the box ticked, the first line is the first enquiry, on line 1, columns 列1 …', async () => {
    const asIs = table(await readVendorTable(csv(LINES)));
    expect(asIs.rows).toHaveLength(2);
    const t = table(await readVendorTable(csv(LINES), { noHeader: true }));
    expect(t.header.slice(0, 3)).toEqual(['列1', '列2', '列3']);
    expect(t.rows).toHaveLength(3);
    expect(t.lines).toEqual([1, 2, 3]);
    const { enquiries, problems } = vendorEnquiries(t, MAPPING, '2026-12-05');
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => [e.line, e.fields.question])).toEqual([
      [1, '私の住所も漏れましたか'],
      [2, 'お詫びの品はいつ届きますか'],
      [3, '退会したい'],
    ]);
  });

  it('a workbook: its first row is the first enquiry', async () => {
    const rows = LINES.map((l) => l.split(',').map((value) => ({ value })));
    const blob = await writeXlsxFile(rows).toBlob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const t = table(await readVendorTable(bytes, { noHeader: true }));
    expect(t.format).toBe('xlsx');
    expect(t.header[0]).toBe('列1');
    expect(t.rows.map((r) => r[4])).toEqual(['私の住所も漏れましたか', 'お詫びの品はいつ届きますか', '退会したい']);
    expect(t.lines).toEqual([1, 2, 3]);
  });
});
