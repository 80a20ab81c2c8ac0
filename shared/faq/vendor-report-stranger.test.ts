/**
 * A stranger's attack on the call-centre vendor's daily report (decision 031) and the KPIs read
 * from it (decision 032): figures that should add up but do not, a line sent twice, a workbook
 * whose figures are formulas nobody computed. Read the way the import panel reads a file, then
 * through the KPI functions the コールセンター指標 tab and the executives read. A failing test
 * here is a defect, left failing on purpose.
 */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { dailyKpis, hourlyKpis, type KpiEnquiry } from './kpis';
import { guessVendorMapping } from './vendor-mapping';
import { vendorReportRows } from './vendor-rows';
import { readCsvTable, readVendorTable, type VendorTable } from './vendor-table';

const utf8 = (s: string) => new TextEncoder().encode(s);

function tableOf(r: Awaited<ReturnType<typeof readVendorTable>>): VendorTable {
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  return r.table;
}

function report(csv: string) {
  const t = tableOf(readCsvTable(utf8(csv)));
  return vendorReportRows(t, guessVendorMapping('report', t.header), '2026-12-07');
}

const HEADER = '日付,時間帯,受電数,応答数,放棄呼';

describe('a report line sent twice', () => {
  it('the 9時 line repeated (no category column: nothing to add up) is not counted twice — it is a problem, or counted once', () => {
    const { rows, problems } = report([HEADER, '2026/12/07,9時,10,8,2', '2026/12/07,9時,10,8,2', '2026/12/07,10時,20,15,5'].join('\n'));
    if (problems.length > 0) return expect(problems[0]!.line).toBe(3);
    expect(rows.find((r) => r.hour === 9)).toMatchObject({ received: 10, answered: 8, abandoned: 2 });
    expect(rows.find((r) => r.hour === null)).toMatchObject({ received: 30, answered: 23, abandoned: 7 });
  });

  it('a day line repeated in a report of days is not counted twice', () => {
    const { rows, problems } = report(['日付,受電数,応答数,放棄呼', '2026/12/07,10,8,2', '2026/12/08,20,15,5', '2026/12/07,10,8,2'].join('\n'));
    if (problems.length > 0) return expect(problems[0]!.line).toBe(4);
    expect(rows.find((r) => r.day === '2026-12-07')).toMatchObject({ received: 10, answered: 8, abandoned: 2 });
  });
});

describe('figures that should add up', () => {
  it("the vendor's 合計 line that does not equal its hours is a problem — otherwise the day says 100 calls and its hours 30", () => {
    const { rows, problems } = report([HEADER, '2026/12/07,9時,10,8,2', '2026/12/07,10時,20,15,5', '2026/12/07,合計,100,90,10'].join('\n'));
    if (problems.length > 0) return expect(problems.map((p) => p.line)).toContain(4);
    // Accepted: then the KPI tab's day and its hours must at least agree.
    const day = dailyKpis(rows, [])[0]!;
    const hours = hourlyKpis(rows, [], '2026-12-07').hours.reduce((n, h) => n + h.total.received, 0);
    expect({ day: day.total.received, hours }).toEqual({ day: hours, hours });
  });

  it('応答数 50 with 受電数 left empty is a problem (answered more than received), not an answer rate of 600% once Honbu’s own 10 calls are added', () => {
    const { rows, problems } = report([HEADER, '2026/12/07,9時,,50,0'].join('\n'));
    if (problems.length > 0) return expect(problems[0]).toMatchObject({ line: 2 });
    const own: KpiEnquiry[] = Array.from({ length: 10 }, (_, i) => ({ id: `o${i}`, at: `2026-12-07T09:0${i}:00+09:00`, channel: 'phone', durationSec: 60, category: '', fromVendor: false }));
    const day = dailyKpis(rows, own)[0]!;
    expect(day.answerRate ?? 0).toBeLessThanOrEqual(1);
  });

  it('holds: more answered and abandoned than received on one line is refused on its 受電数 cell', () => {
    const { problems } = report([HEADER, '2026/12/07,9時,10,9,2'].join('\n'));
    expect(problems).toEqual([{ code: 'over', line: 2, column: 3, header: '受電数' }]);
  });

  it('holds: a header line repeated mid-file is refused on that line, every column named', () => {
    const { problems } = report([HEADER, '2026/12/07,9時,10,8,2', HEADER, '2026/12/07,10時,20,15,5'].join('\n'));
    expect(problems.map((p) => [p.line, p.header])).toEqual([
      [3, '日付'],
      [3, '時間帯'],
      [3, '受電数'],
      [3, '応答数'],
      [3, '放棄呼'],
    ]);
  });

  it('holds: full-width counts with 件 and a 令和 day', () => {
    const { rows, problems } = report(['日付,時間帯,受電数,応答数,放棄呼', '令和８年１２月７日,９時,１，２３４件,１，０００件,２３４件'].join('\n'));
    expect(problems).toEqual([]);
    expect(rows.find((r) => r.hour === 9)).toEqual({ day: '2026-12-07', hour: 9, received: 1234, answered: 1000, abandoned: 234, avgHandlingSec: null, byCategory: {} });
  });
});

describe('a workbook written by a script', () => {
  it('受電数 given as formulas without a computed value (a script-made .xlsx) is a problem, not 0 calls received', async () => {
    const blob = await writeXlsxFile([
      ['日付', '時間帯', '応答数', '放棄呼', '受電数'].map((value) => ({ value })),
      [{ value: '2026/12/07' }, { value: '9時' }, { value: 8 }, { value: 2 }, { type: 'Formula', value: '=C2+D2' }],
      [{ value: '2026/12/07' }, { value: '10時' }, { value: 15 }, { value: 5 }, { type: 'Formula', value: '=C3+D3' }],
    ] as never).toBlob();
    const t = tableOf(await readVendorTable(new Uint8Array(await blob.arrayBuffer())));
    const { rows, problems } = vendorReportRows(t, guessVendorMapping('report', t.header), '2026-12-07');
    if (problems.length > 0) return expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(rows.find((r) => r.hour === null)).toMatchObject({ received: 30, answered: 23, abandoned: 7 });
  });
});

describe('columns with units and rates', () => {
  it('平均処理時間（分） of 4.5 is 270 seconds (or a problem), not 5 seconds', () => {
    const { rows, problems } = report(['日付,時間帯,受電数,応答数,放棄呼,平均処理時間（分）', '2026/12/07,9時,10,8,2,4.5'].join('\n'));
    if (problems.length > 0) return expect(problems[0]).toMatchObject({ line: 2, column: 6 });
    expect(rows.find((r) => r.hour === 9)?.avgHandlingSec).toBe(270);
  });

  it('応答率 (85) and 稼働席数 (12) beside the counts are not taken as enquiry categories of 85 and 12 enquiries', () => {
    const { rows } = report(['日付,時間帯,受電数,応答数,放棄呼,応答率,稼働席数', '2026/12/07,9時,100,85,15,85,12'].join('\n'));
    expect(rows.find((r) => r.hour === 9)?.byCategory).toEqual({});
  });
});
