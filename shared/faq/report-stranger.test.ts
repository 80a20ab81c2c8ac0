/** The call centre's daily report as a stranger's files have it: totals, full-width digits, encodings, workbook time cells. */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import Encoding from 'encoding-japanese';
import { guessVendorMapping } from './vendor-mapping';
import { vendorReportRows } from './vendor-rows';
import { readVendorTable, type VendorTable } from './vendor-table';
import { dailyKpis, hourlyKpis } from './kpis';

type Data = Parameters<typeof writeXlsxFile>[0];
async function workbook(data: unknown[][]): Promise<Uint8Array> {
  const d = data.map((r) => r.map((v) => (v === null ? null : typeof v === 'object' && !(v instanceof Date) ? v : { value: v })));
  const blob = await writeXlsxFile(d as unknown as Data, {}).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
async function table(bytes: Uint8Array): Promise<VendorTable> {
  const r = await readVendorTable(bytes);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.table;
}
const utf8 = (t: string) => new TextEncoder().encode(t);
const sjis = (t: string) => new Uint8Array(Encoding.convert(Encoding.stringToCode(t), { to: 'SJIS', from: 'UNICODE' }));

function report(t: VendorTable) {
  const m = guessVendorMapping('report', t.header);
  return { m, ...vendorReportRows(t, m, '2026-12-01') };
}

describe('vendor daily report', () => {
  it('categories as rows with a 合計 row: day received equals the file total', async () => {
    const t = await table(utf8('日付,分類,件数\r\n2026/12/01,漏えい確認,10\r\n,補償,5\r\n,合計,15\r\n'));
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    expect(rows.find((r) => r.hour === null)!.byCategory).toEqual({ 漏えい確認: 10, 補償: 5 });
  });

  it('categories giving only their counts, the calls on the 合計 row: the day has the total row’s calls and the categories’ counts', async () => {
    const t = await table(utf8('日付,分類,件数,受電数,応答数,放棄呼\r\n2026/12/01,漏えい確認,10,,,\r\n,補償,5,,,\r\n,合計,15,20,18,2\r\n'));
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    expect(rows.find((r) => r.hour === null)).toMatchObject({ received: 20, answered: 18, abandoned: 2, byCategory: { 漏えい確認: 10, 補償: 5 } });
  });

  it('categories as rows with 受電数 and a 合計 row', async () => {
    const t = await table(utf8('日付,分類,受電数,応答数,放棄呼\r\n2026/12/01,漏えい確認,10,9,1\r\n,補償,5,5,0\r\n,合計,15,14,1\r\n'));
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    const day = rows.find((r) => r.hour === null)!;
    expect(day.received).toBe(15);
    expect(day.answered).toBe(14);
  });

  it('hour rows plus a 合計 row in the hour column with day column blank', async () => {
    const t = await table(utf8('日付,時間帯,受電数,応答数,放棄呼\r\n2026/12/01,9:00-10:00,10,8,2\r\n,10:00-11:00,5,5,0\r\n,合計,15,13,2\r\n'));
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    const k = dailyKpis(rows, []);
    expect(k.map((p) => [p.day, p.total.received, p.total.answered, p.total.abandoned])).toEqual([['2026-12-01', 15, 13, 2]]);
  });

  it('full-width digits and 件 suffix', async () => {
    const t = await table(utf8('日付,時間帯,受電数,応答数,放棄呼\r\n２０２６/１２/０１,９時,１，２３４件,１，２００,３４\r\n'));
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    expect(rows.find((r) => r.hour === 9)).toMatchObject({ day: '2026-12-01', received: 1234, answered: 1200, abandoned: 34 });
  });

  it('Shift_JIS report CSV', async () => {
    const t = await table(sjis('日付,時間帯,受電数,応答数,放棄呼\r\n2026/12/01,9時,10,8,2\r\n'));
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    expect(rows.find((r) => r.hour === 9)).toMatchObject({ received: 10, answered: 8, abandoned: 2 });
  });

  it('UTF-16LE with tabs (Excel Unicode text)', async () => {
    const text = '\uFEFF日付\t時間帯\t受電数\t応答数\t放棄呼\r\n2026/12/01\t9\t10\t8\t2\r\n';
    const buf = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) { buf[2 * i] = text.charCodeAt(i) & 0xff; buf[2 * i + 1] = text.charCodeAt(i) >> 8; }
    const t = await table(buf);
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    expect(rows.find((r) => r.hour === 9)).toMatchObject({ received: 10, answered: 8, abandoned: 2 });
  });

  it('workbook: hour column formatted as time (9:00 as a time value)', async () => {
    const bytes = await workbook([
      ['日付', '時間帯', '受電数', '応答数', '放棄呼'],
      [{ value: new Date(Date.UTC(2026, 11, 1)), format: 'yyyy/mm/dd', type: Date }, { value: 9 / 24, format: 'h:mm', type: Number }, 10, 8, 2],
      [null, { value: 10 / 24, format: 'h:mm', type: Number }, 5, 5, 0],
    ]);
    const t = await table(bytes);
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    expect(rows.filter((r) => r.hour !== null).map((r) => [r.day, r.hour, r.received])).toEqual([
      ['2026-12-01', 9, 10],
      ['2026-12-01', 10, 5],
    ]);
  });

  it('workbook: hour as plain fraction number 0.375 (General format)', async () => {
    const bytes = await workbook([
      ['日付', '時間帯', '受電数', '応答数', '放棄呼'],
      ['2026/12/01', 0.375, 10, 8, 2],
      [null, 0.4166666666666667, 5, 5, 0],
    ]);
    const t = await table(bytes);
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    expect(rows.filter((r) => r.hour !== null).map((r) => r.hour)).toEqual([9, 10]);
  });

  it('workbook with a header of two rows (日付 and 時間帯 merged down): each column keeps its name and is mapped', async () => {
    const bytes = await workbook([
      ['日付', '時間帯', '件数', null, null],
      [null, null, '受電数', '応答数', '放棄呼'],
      ['2026/12/01', '9時', 10, 8, 2],
      [null, '10時', 5, 5, 0],
    ]);
    const t = await table(bytes);
    expect(t.header).toEqual(['日付', '時間帯', '受電数', '応答数', '放棄呼']);
    const { m, rows, problems } = report(t);
    expect(problems).toEqual([]);
    expect(m.fields).toMatchObject({ day: 0, hour: 1, received: 2, answered: 3, abandoned: 4 });
    expect(rows.map((r) => [r.hour, r.received])).toEqual([
      [null, 15],
      [9, 10],
      [10, 5],
    ]);
  });

  it('24:00 / 24時 hour row', async () => {
    const t = await table(utf8('日付,時間帯,受電数,応答数,放棄呼\r\n2026/12/01,23時,1,1,0\r\n,24時,2,2,0\r\n'));
    const { problems } = report(t);
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([['hour', 3, 2]]);
  });

  it('an empty day (all zeros or blanks) is a zero day, not a missing day', async () => {
    const t = await table(utf8('日付,受電数,応答数,放棄呼\r\n2026/12/01,10,8,2\r\n2026/12/02,,,\r\n2026/12/03,0,0,0\r\n'));
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    const k = dailyKpis(rows, []);
    expect(k.map((p) => [p.day, p.total.received])).toEqual([
      ['2026-12-01', 10],
      ['2026-12-02', 0],
      ['2026-12-03', 0],
    ]);
  });

  it('report day kpis hour view equals cells', async () => {
    const t = await table(utf8('日付,時間帯,受電数,応答数,放棄呼,平均処理時間\r\n2026/12/01,9,10,8,2,3:00\r\n2026/12/01,10,5,5,0,2:00\r\n'));
    const { rows } = report(t);
    const h = hourlyKpis(rows, [], '2026-12-01');
    expect(h.hours[9]!.total).toMatchObject({ received: 10, answered: 8, abandoned: 2 });
    expect(h.hours[9]!.avgHandlingSec).toBe(180);
    const d = dailyKpis(rows, []);
    expect(d[0]!.total).toMatchObject({ received: 15, answered: 13, abandoned: 2 });
  });
});

describe('report totals across days', () => {
  it('a 合計 row under two days (day cell blank) is not taken as the last day', async () => {
    const t = await table(utf8('日付,時間帯,受電数,応答数,放棄呼\r\n2026/12/01,9,10,8,2\r\n2026/12/02,9,5,5,0\r\n,合計,15,13,2\r\n'));
    const { rows, problems } = report(t);
    expect(problems).toEqual([]);
    const k = dailyKpis(rows, []);
    expect(k.map((p) => [p.day, p.total.received])).toEqual([
      ['2026-12-01', 10],
      ['2026-12-02', 5],
    ]);
  });
});
