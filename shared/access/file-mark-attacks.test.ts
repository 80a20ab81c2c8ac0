/**
 * The export mark read back the way a recipient reads the file (break13): names outside
 * Shift_JIS, commas, quotes and line breaks in a member's name, every field of every row.
 */
import { describe, expect, it } from 'vitest';
import { encodeCsv } from '../export/csv';
import { exportCsv, MAILING_LIST } from '../contacts/exports';
import { exportMismatches, readExport, withoutMark } from '../contacts/export-check';
import type { ContactRow } from '../contacts/model';
import { csvMarkRow } from './file-mark';

const label = (k: string) => k.split('.').at(-1)!;
const person = (row: number, over: Partial<ContactRow>): ContactRow =>
  ({ row, line: row + 1, customerNo: `C-${row}`, name: '', kana: '', postcode: '', address: '', phone: '', email: '', segment: '', extra: {}, ...over }) as ContactRow;

describe('the mark line read back', () => {
  const rows = [
    person(0, { name: '髙橋 一', postcode: '100-0001', address: '東京都千代田区千代田1-1', segment: 'A' }),
    person(1, { name: '"=1+1"', postcode: '', address: '大阪府, 大阪市', segment: '' }),
  ];
  for (const encoding of ['shift_jis', 'utf-8-bom'] as const) {
    it(`${encoding}: customers intact field by field, the mark last and as wide as the header, a name outside the encoding replaced`, () => {
      const text = 'Honbu 出力番号 3F2A9C1E / 依頼 𠮷野 "太郎", 営業\r\n部 / 承認 佐藤';
      const bytes = encodeCsv(exportCsv(MAILING_LIST, rows, label, csvMarkRow(text, MAILING_LIST.columns.length, encoding)), encoding);
      const records = readExport(bytes, encoding);
      expect(records.at(-1)).toHaveLength(MAILING_LIST.columns.length);
      const { records: body, mark } = withoutMark(records);
      expect(exportMismatches(MAILING_LIST, body, rows, label)).toEqual([]);
      expect(mark).toBe(encoding === 'shift_jis' ? text.replace('𠮷', '〓') : text);
    });
  }
});
