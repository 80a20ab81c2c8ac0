/**
 * The daily report's 小計 and 合計 where vendors put them (hour column, category column, per-category
 * blocks, at the top), blank lines, rates and units (decision 031, addendum of the third tester).
 * From a third tester's failing cases, kept as tests.
 */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import type { CallReportRow } from './call-report';
import { categoryCounts } from './kpis';
import { guessVendorMapping } from './vendor-mapping';
import { vendorReportRows } from './vendor-rows';
import { readCsvTable, readVendorTable, type VendorTable } from './vendor-table';

function table(lines: string[]): VendorTable {
  const r = readCsvTable(new TextEncoder().encode(lines.join('\n') + '\n'));
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  return r.table;
}
const reportOf = (t: VendorTable, day = '2026-12-07') => vendorReportRows(t, guessVendorMapping('report', t.header), day, { today: '2026-12-07' });
const report = (lines: string[], day = '2026-12-07') => reportOf(table(lines), day);
const dayRow = (r: ReturnType<typeof report>, day = '2026-12-07') => r.rows.find((x) => x.day === day && x.hour === null);
const CAT = '日付,時間帯,分類,受電数,応答数,放棄呼';

describe('小計 and 合計 where vendors put them', () => {
  it('合計 at the top of each hour, then its categories: 35 calls, no problem', () => {
    const r = report([CAT, '2026/12/07,9時,合計,15,13,2', '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,9時,補償,5,5,0', '2026/12/07,10時,合計,20,18,2', '2026/12/07,10時,漏えい,20,18,2']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 35, answered: 31, abandoned: 4, byCategory: { 漏えい: 30, 補償: 5 } });
  });

  it('the day\'s 合計 line at the top of the hours (hour column), then 9時 and 10時: 35 calls, no problem', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼', '2026/12/07,合計,35,31,4', '2026/12/07,9時,15,13,2', '2026/12/07,10時,20,18,2']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 35, answered: 31, abandoned: 4 });
  });

  it('小計 per hour (category column), 午前小計 (hour column) and a final 合計, with a blank line between the blocks', () => {
    const r = report([
      CAT,
      '2026/12/07,9時,漏えい,10,8,2',
      '2026/12/07,9時,補償,5,5,0',
      '2026/12/07,9時,小計,15,13,2',
      '',
      '2026/12/07,10時,漏えい,20,18,2',
      '2026/12/07,10時,小計,20,18,2',
      '2026/12/07,午前小計,,35,31,4',
      ',,,,,',
      '2026/12/07,13時,補償,7,7,0',
      '2026/12/07,13時,小計,7,7,0',
      '2026/12/07,午後小計,,7,7,0',
      '2026/12/07,合計,,42,38,4',
    ]);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 42, answered: 38, abandoned: 4, byCategory: { 漏えい: 30, 補償: 12 } });
  });

  it('per-category blocks: each category\'s hours then its 計 (hour column), then the day\'s 合計: 35 calls, no problem', () => {
    const r = report([CAT, '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,10時,漏えい,20,18,2', '2026/12/07,計,漏えい,30,26,4', '2026/12/07,9時,補償,5,5,0', '2026/12/07,計,補償,5,5,0', '2026/12/07,合計,,35,31,4']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 35, answered: 31, abandoned: 4, byCategory: { 漏えい: 30, 補償: 5 } });
  });

  it('per-category blocks with 小計 in the hour column: the categories\' 小計 are checked, the day is 35', () => {
    const r = report([CAT, '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,10時,漏えい,20,18,2', '2026/12/07,小計,漏えい,30,26,4', '2026/12/07,9時,補償,5,5,0', '2026/12/07,小計,補償,5,5,0']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 35, byCategory: { 漏えい: 30, 補償: 5 } });
  });

  it('a wrong 小計 of a category block is a problem', () => {
    const r = report([CAT, '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,10時,漏えい,20,18,2', '2026/12/07,小計,漏えい,31,26,4']);
    expect(r.problems.map((p) => [p.code, p.line, p.expected])).toEqual([['total', 4, 30]]);
  });

  it('会計 and 計画停電 are the vendor\'s own categories, not totals', () => {
    const r = report([CAT, '2026/12/07,9時,会計,4,4,0', '2026/12/07,9時,計画停電,3,3,0', '2026/12/07,9時,小計,7,7,0']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 7, byCategory: { 会計: 4, 計画停電: 3 } });
  });

  it('a workbook with an empty row between the hour blocks and 合計 at the top: the same 35', async () => {
    const head = ['日付', '時間帯', '受電数', '応答数', '放棄呼'];
    const blob = await writeXlsxFile([head, ['2026/12/07', '合計', 35, 31, 4], [null, null, null, null, null], ['2026/12/07', '9時', 15, 13, 2], [null, null, null, null, null], ['2026/12/07', '10時', 20, 18, 2]].map((r) => r.map((value) => ({ value }))) as never).toBlob();
    const r = await readVendorTable(new Uint8Array(await blob.arrayBuffer()));
    if (!r.ok) throw new Error('not read');
    const out = reportOf(r.table);
    expect(out.problems).toEqual([]);
    expect(dayRow(out)).toMatchObject({ received: 35, answered: 31, abandoned: 4 });
  });
});

describe('rates and units', () => {
  it('放棄率 written "4%" on one line and "0.04" on the next, beside 放棄呼数: never counted, no problem', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄率,放棄呼数,応答率', '2026/12/07,9時,50,48,4%,2,96%', '2026/12/07,10時,100,96,0.04,4,0.96']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 150, answered: 144, abandoned: 6, byCategory: {} });
  });

  it('平均処理時間(秒) holding 3分 on one line and 180 on the other: both 180 s', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼,平均処理時間(秒)', '2026/12/07,9時,10,10,0,3分', '2026/12/07,10時,10,10,0,180']);
    expect(r.problems).toEqual([]);
    expect(r.rows.filter((x) => x.hour !== null).map((x) => x.avgHandlingSec)).toEqual([180, 180]);
  });

  it('平均処理時間（分/件） holding 4.5: 270 s, not 5 s', () => {
    const r = report(['日付,受電数,応答数,放棄呼,平均処理時間（分/件）', '2026/12/07,10,10,0,4.5']);
    expect(dayRow(r)?.avgHandlingSec).toBe(270);
  });

  it('hours written 24時半 or 午前0時台 in a report are not silently another hour', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼', '2026/12/07,午前0時台,3,3,0', '2026/12/07,9時,10,10,0']);
    // Either read as 0時 or refused; never a whole-day line.
    const zero = r.rows.find((x) => x.hour === 0);
    expect(zero !== undefined || r.problems.length > 0).toBe(true);
  });
});

describe('a bare 小計 in the hour column', () => {
  it('9時, 10時, 小計 (the hours above it), 13時, 小計, 合計: checked, not refused as an hour', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼', '2026/12/07,9時,15,13,2', '2026/12/07,10時,20,18,2', '2026/12/07,小計,35,31,4', '2026/12/07,13時,7,7,0', '2026/12/07,小計,7,7,0', '2026/12/07,合計,42,38,4']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 42, answered: 38, abandoned: 4 });
  });
});

describe('the day\'s categories beside a 合計 line', () => {
  it('9時 漏えい 10, 補償 5, then the day\'s 合計 in the hour column: the day still says 漏えい 10, 補償 5', () => {
    const r = report([CAT, '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,9時,補償,5,5,0', '2026/12/07,合計,,15,13,2']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 15, byCategory: { 漏えい: 10, 補償: 5 } });
  });
});

describe('what the KPI view shows from such a report', () => {
  it('enquiries by category for 12/07 from a report ending in the day\'s 合計 line: 漏えい 10 and 補償 5', () => {
    const r = report([CAT, '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,9時,補償,5,5,0', '2026/12/07,合計,,15,13,2']);
    const counts = categoryCounts(r.rows, [], '2026-12-07');
    expect(counts.map((c) => [c.label, c.vendor])).toEqual([
      ['漏えい', 10],
      ['補償', 5],
    ]);
  });
});

describe('beyond the tester\'s cases', () => {
  it('a report stored before (its whole-day 合計 row with no categories beside hours with them): the KPI view shows the hours\' categories', () => {
    const row = (hour: number | null, received: number, byCategory: Record<string, number>): CallReportRow => ({ day: '2026-12-07', hour, received, answered: received, abandoned: 0, avgHandlingSec: null, byCategory });
    const counts = categoryCounts([row(9, 15, { 漏えい: 10, 補償: 5 }), row(null, 15, {})], [], '2026-12-07');
    expect(counts.map((c) => [c.label, c.vendor])).toEqual([
      ['漏えい', 10],
      ['補償', 5],
    ]);
  });

  it('the day\'s 合計 line that differs from its hours is a problem, wherever it stands', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼', '2026/12/07,合計,36,31,4', '2026/12/07,9時,15,13,2', '2026/12/07,10時,20,18,2']);
    expect(r.problems.map((p) => [p.code, p.line, p.expected])).toEqual([['total', 2, 35]]);
  });

  it('a bare 小計 in the hour column that differs from the hours above it is a problem', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼', '2026/12/07,9時,15,13,2', '2026/12/07,10時,20,18,2', '2026/12/07,小計,36,31,4']);
    expect(r.problems.map((p) => [p.code, p.line, p.expected])).toEqual([['total', 4, 35]]);
  });

  it('two 合計 lines of one day in the hour column: the second is a line sent twice', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼', '2026/12/07,9時,15,13,2', '2026/12/07,合計,15,13,2', '2026/12/07,合計,15,13,2']);
    expect(r.problems.map((p) => [p.code, p.line, p.otherLine])).toEqual([['duplicate', 4, 3]]);
  });

  it('the day\'s 合計 with its handling time beside hours without one: the day keeps the 合計\'s handling time', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄呼,平均処理時間(秒)', '2026/12/07,9時,15,13,2,', '2026/12/07,合計,15,13,2,200']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 15, avgHandlingSec: 200 });
  });
});
