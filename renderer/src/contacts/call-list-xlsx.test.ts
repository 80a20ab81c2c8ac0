/**
 * The call list as an Excel workbook, read back cell by cell with read-excel-file: what a
 * CSV opened in Excel loses (leading zeros of customer numbers, the 0 of a phone number)
 * stays, a formula-like cell stays text, and the mark is the last row.
 */
import 'fake-indexeddb/auto';
import readXlsxFile from 'read-excel-file/universal';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { callListCsv, callListXlsx } from './batches';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { readExport } from '../../../shared/contacts/export-check';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);

const LIST =
  [
    '顧客番号,氏名,フリガナ,電話番号',
    '00123,北 花子,キタ ハナコ,09011112222',
    '123,南 太郎,ミナミ タロウ,0311112222',
    '000000000000012345,東 次郎,ヒガシ ジロウ,+81 90 1111 2222',
    '=1+2,𠮷野 三郎,ヨシノ サブロウ,011-222-3333',
  ].join('\r\n') + '\r\n';

describe('the call list for Excel', () => {
  it('keeps every customer cell as written, grouped by operator, with the mark last', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, LIST);
    const items = [
      { row: 0, operator: '佐藤', noAnswers: 0 },
      { row: 1, operator: '鈴木', noAnswers: 2 },
      { row: 2, operator: '佐藤', noAnswers: 1 },
      { row: 3, operator: '鈴木', noAnswers: 0 },
    ];
    const bytes = await callListXlsx(engine.cache, datasetId, items, ja, '出力番号 X-1（依頼：山田）');
    const [sheet] = await readXlsxFile(bytes.slice().buffer);
    const rows = sheet!.data;
    expect(rows[0]).toEqual(['担当', '顧客番号', '氏名', 'フリガナ', '電話番号', '不在の回数']);
    expect(rows.slice(1, 5)).toEqual([
      ['佐藤', '00123', '北 花子', 'キタ ハナコ', '09011112222', 0],
      ['佐藤', '000000000000012345', '東 次郎', 'ヒガシ ジロウ', '+81 90 1111 2222', 1],
      ['鈴木', '123', '南 太郎', 'ミナミ タロウ', '0311112222', 2],
      ['鈴木', '=1+2', '𠮷野 三郎', 'ヨシノ サブロウ', '011-222-3333', 0],
    ]);
    expect(rows[5]![0]).toBe('出力番号 X-1（依頼：山田）');
    expect(rows).toHaveLength(6);
    // The CSV beside it holds the same people in the same order (its header, column for column).
    const csv = readExport(await callListCsv(engine.cache, datasetId, items, ja), 'utf-8-bom');
    expect(csv[0]).toEqual(rows[0]);
    expect(csv.slice(1).map((r) => r[1])).toEqual(['00123', '000000000000012345', '123', "'=1+2"]);
  });
});
