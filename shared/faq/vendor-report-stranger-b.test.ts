/**
 * A second tester on the vendor daily report import (cb7f841): totals, 小計, rate columns before
 * count columns, a report over two sheets, units. Each test asserts what a call-centre lead
 * would expect the KPI day to say.
 */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { guessVendorMapping } from './vendor-mapping';
import { vendorReportRows } from './vendor-rows';
import { readCsvTable, readVendorTable, type VendorTable } from './vendor-table';

const utf8 = (s: string) => new TextEncoder().encode(s);
function tableOf(r: Awaited<ReturnType<typeof readVendorTable>>): VendorTable {
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  return r.table;
}
function report(lines: string[], day = '2026-12-07') {
  const t = tableOf(readCsvTable(utf8(lines.join('\n') + '\n')));
  return vendorReportRows(t, guessVendorMapping('report', t.header), day);
}
const dayRow = (r: ReturnType<typeof report>, day = '2026-12-07') => r.rows.find((x) => x.day === day && x.hour === null);

describe('totals', () => {
  it('a report of a 合計 line only gives the day its figures', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼', '2026/12/07,合計,120,100,20']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 120, answered: 100, abandoned: 20 });
  });

  it('小計 lines under categories (漏えい, 補償, 小計 per hour) are not counted again as a category of calls', () => {
    const r = report([
      '日付,時間帯,分類,受電数,応答数,放棄呼',
      '2026/12/07,9時,漏えい,10,8,2',
      '2026/12/07,9時,補償,5,5,0',
      '2026/12/07,9時,小計,15,13,2',
      '2026/12/07,10時,漏えい,20,18,2',
      '2026/12/07,10時,小計,20,18,2',
    ]);
    // 35 calls came in that day, not 70; 小計 is no kind of enquiry.
    expect({ problems: r.problems, day: dayRow(r) && { received: dayRow(r)!.received, byCategory: dayRow(r)!.byCategory } }).toEqual({
      problems: [],
      day: { received: 35, byCategory: { 漏えい: 30, 補償: 5 } },
    });
  });

  it('a 小計 line in the hour column (午前小計) is not a problem of its own kind that hides the day, nor added to it', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼', '2026/12/07,9時,10,8,2', '2026/12/07,10時,20,15,5', '2026/12/07,午前小計,30,23,7', '2026/12/07,13時,5,5,0', '2026/12/07,合計,35,28,7']);
    expect({ codes: r.problems.map((p) => p.code), received: dayRow(r)?.received }).toEqual({ codes: [], received: 35 });
  });

  it('a total across two days with its day cell blank, in a report by day only, is the file total, not a second line of the last day', () => {
    const r = report(['日付,受電数,応答数,放棄呼', '2026/12/06,10,8,2', '2026/12/07,20,15,5', ',30,23,7']);
    // The blank day cell is read as the day above; the 30 are not 12/07's.
    expect({ codes: r.problems.map((p) => p.code), d7: dayRow(r)?.received }).not.toEqual({ codes: [], d7: 30 });
    expect(r.problems.filter((p) => p.code !== 'duplicate').map((p) => p.code)).toEqual([]);
  });
});

describe('columns that are not counts', () => {
  it('放棄率 (a percentage) before 放棄呼数 is not read as the abandoned calls, and 放棄呼数 is not a category', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄率,放棄呼数', '2026/12/07,9時,100,90,10,10', '2026/12/07,10時,50,48,4,2']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 150, answered: 138, abandoned: 12, byCategory: {} });
  });

  it('応答率(%) and 平均待ち時間 beside the counts are not categories', () => {
    const r = report(['日付,受電数,応答数,放棄呼,応答率(%),平均待ち時間(秒),漏えい,補償', '2026/12/07,100,90,10,90,45,60,40']);
    expect(dayRow(r)?.byCategory).toEqual({ 漏えい: 60, 補償: 40 });
  });

  it('holds: 平均処理時間（分） 4.5 is 270 seconds', () => {
    expect(dayRow(report(['日付,受電数,応答数,平均処理時間（分）', '2026/12/07,10,10,4.5']))?.avgHandlingSec).toBe(270);
  });

  it('平均処理時間（単位：分） 4.5 is 270 seconds, not 5', () => {
    expect(dayRow(report(['日付,受電数,応答数,平均処理時間（単位：分）', '2026/12/07,10,10,4.5']))?.avgHandlingSec).toBe(270);
  });
});

describe('a report over two sheets', () => {
  async function book(sheets: { sheet: string; rows: (string | number)[][] }[]) {
    const blob = await writeXlsxFile(sheets.map((s) => ({ sheet: s.sheet, data: s.rows.map((r) => r.map((value) => ({ value, type: typeof value === 'number' ? Number : String }))) })) as never).toBlob();
    return new Uint8Array(await blob.arrayBuffer());
  }
  const head = ['日付', '時間帯', '受電数', '応答数', '放棄呼'];

  it('the second sheet repeating the first one\'s 12/07 9時 line is named a duplicate on its sheet', async () => {
    const t = tableOf(
      await readVendorTable(
        await book([
          { sheet: '12月6日', rows: [head, ['2026/12/06', '9時', 10, 8, 2], ['2026/12/07', '9時', 7, 7, 0]] },
          { sheet: '12月7日', rows: [head, ['2026/12/07', '9時', 7, 7, 0], ['2026/12/07', '10時', 5, 5, 0]] },
        ]),
      ),
    );
    const r = vendorReportRows(t, guessVendorMapping('report', t.header), '2026-12-07');
    expect(r.problems.map((p) => [p.code, p.line, p.sheet, p.otherLine])).toEqual([['duplicate', 2, '12月7日', 3]]);
  });
});
