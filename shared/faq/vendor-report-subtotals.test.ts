/**
 * The daily report's 小計 lines and rate columns (decision 031, addendum of the re-attack):
 * a subtotal is checked against its parts and never counted; a rate is never a count. From a
 * second tester's failing cases (vendor-report-reattack).
 */
import { describe, expect, it } from 'vitest';
import { guessVendorMapping } from './vendor-mapping';
import { vendorReportRows } from './vendor-rows';
import { readCsvTable, type VendorTable } from './vendor-table';

function report(lines: string[], day = '2026-12-07') {
  const r = readCsvTable(new TextEncoder().encode(lines.join('\n') + '\n'));
  if (!r.ok) throw new Error('not read');
  const t: VendorTable = r.table;
  return vendorReportRows(t, guessVendorMapping('report', t.header), day, { today: '2026-12-07' });
}
const dayRow = (r: ReturnType<typeof report>, day = '2026-12-07') => r.rows.find((x) => x.day === day && x.hour === null);
const CAT = '日付,時間帯,分類,受電数,応答数,放棄呼';

describe('小計 under categories', () => {
  it('漏えい, 補償, 小計 per hour: 35 calls, no category 小計', () => {
    const r = report([CAT, '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,9時,補償,5,5,0', '2026/12/07,9時,小計,15,13,2', '2026/12/07,10時,漏えい,20,18,2', '2026/12/07,10時,小計,20,18,2']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 35, answered: 31, abandoned: 4, byCategory: { 漏えい: 30, 補償: 5 } });
    expect(r.rows.find((x) => x.hour === 9)).toMatchObject({ received: 15, byCategory: { 漏えい: 10, 補償: 5 } });
  });

  it('a 小計 that differs from its categories is a problem on it, with what they add up to', () => {
    const r = report([CAT, '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,9時,補償,5,5,0', '2026/12/07,9時,小計,16,13,2']);
    expect(r.problems).toEqual([{ code: 'total', line: 4, column: 4, header: '受電数', expected: 15 }]);
  });

  it('two 小計 and a 合計 in one hour: each 小計 totals the lines above it back to the previous one, the 合計 all of them', () => {
    const r = report([CAT, '2026/12/07,9時,漏えい,10,8,2', '2026/12/07,9時,小計,10,8,2', '2026/12/07,9時,補償,5,5,0', '2026/12/07,9時,退会,3,3,0', '2026/12/07,9時,小計,8,8,0', '2026/12/07,9時,合計,18,16,2']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 18, byCategory: { 漏えい: 10, 補償: 5, 退会: 3 } });
  });

  it('a column headed 小計 or 合計 beside category columns is no category', () => {
    expect(guessVendorMapping('report', ['日付', '受電数', '漏えい', '補償', '小計', '合計']).categoryColumns).toEqual([2, 3]);
  });
});

describe('小計 in the hour column', () => {
  const HOURS = '日付,時間帯,受電数,応答数,放棄呼';
  it('午前小計 between the hours is checked and not added', () => {
    const r = report([HOURS, '2026/12/07,9時,10,8,2', '2026/12/07,10時,20,15,5', '2026/12/07,午前小計,30,23,7', '2026/12/07,13時,5,5,0', '2026/12/07,合計,35,28,7']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 35, answered: 28, abandoned: 7 });
    expect(r.rows.map((x) => x.hour)).toEqual([null, 9, 10, 13]);
  });

  it('午前小計 that differs from the morning hours is a problem; 午後小計 counts from after it', () => {
    const r = report([HOURS, '2026/12/07,9時,10,8,2', '2026/12/07,10時,20,15,5', '2026/12/07,午前小計,31,23,7', '2026/12/07,13時,5,5,0', '2026/12/07,午後小計,5,5,0']);
    expect(r.problems).toEqual([{ code: 'total', line: 4, column: 3, header: '受電数', expected: 30 }]);
  });
});

describe('rate columns', () => {
  it('放棄率 before 放棄呼数: the rate is no count, 放棄呼数 is the abandoned calls and no category', () => {
    const r = report(['日付,時間帯,受電数,応答数,放棄率,放棄呼数', '2026/12/07,9時,100,90,10,10', '2026/12/07,10時,50,48,4,2']);
    expect(r.problems).toEqual([]);
    expect(dayRow(r)).toMatchObject({ received: 150, answered: 138, abandoned: 12, byCategory: {} });
    expect(guessVendorMapping('report', ['日付', '受電数', '応答率(%)', '応答数', '入電率', '放棄呼']).fields).toEqual({ day: 0, received: 1, answered: 3, abandoned: 5 });
  });
});
