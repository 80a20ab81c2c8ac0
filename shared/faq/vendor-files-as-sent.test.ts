/**
 * Vendor files as vendors really send them (break15): a summary sheet before the log, a
 * day written once for a block of rows (a merged cell, or left blank under it), a 合計
 * row at the bottom of the log, times past midnight written 25:10, a password-protected
 * or old-format (.xls) workbook.
 */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { guessKind, guessVendorMapping } from './vendor-mapping';
import { vendorEnquiries, vendorReportRows } from './vendor-rows';
import { readVendorTable, type VendorTable } from './vendor-table';
import { readTimeOnDay } from './vendor-values';

type Data = Parameters<typeof writeXlsxFile>[0];

async function workbook(sheets: { sheet: string; data: (string | number | null | { value: string; span?: number; rowSpan?: number })[][] }[]): Promise<Uint8Array> {
  const data = sheets.map((s) => ({ sheet: s.sheet, data: s.data.map((r) => r.map((v) => (v === null ? null : typeof v === 'object' ? v : { value: v }))) }));
  const blob = await writeXlsxFile(data as unknown as Data, {}).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

async function table(bytes: Uint8Array): Promise<VendorTable> {
  const r = await readVendorTable(bytes);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.table;
}

const csv = (text: string) => new TextEncoder().encode(text);

describe('vendor files as sent', () => {
  it('reads the log sheet of a workbook whose first sheet is a summary, under a title', async () => {
    const t = await table(
      await workbook([
        { sheet: 'サマリー', data: [['日次報告', null], ['受電', 5], ['応答', 4]] },
        {
          sheet: '明細',
          data: [
            ['株式会社コール 問い合わせ明細', '2026/12/01'],
            [null, null],
            ['受付日', '受付時刻', '問い合わせ内容', '回答内容'],
            ['2026/12/01', '9:05', '私の情報は漏れましたか', '確認します'],
          ],
        },
      ]),
    );
    expect(t.sheet).toBe('明細');
    expect(t.header).toEqual(['受付日', '受付時刻', '問い合わせ内容', '回答内容']);
    const { enquiries, problems } = vendorEnquiries(t, guessVendorMapping('log', t.header), '2026-12-01');
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => e.fields.question)).toEqual(['私の情報は漏れましたか']);
  });

  it('a day written once for a block of hours (merged or left blank) is the day of the rows below it', async () => {
    const merged = await table(
      await workbook([
        {
          sheet: '日報',
          data: [
            ['日付', '時間帯', '受電数', '応答数', '放棄呼'],
            [{ value: '2026/12/01', rowSpan: 2 }, '9時', 10, 8, 2],
            [null, '10時', 5, 0, 5],
            ['2026/12/02', '9時', 3, 3, 0],
          ],
        },
      ]),
    );
    const blank = await table(csv('日付,時間帯,受電数,応答数,放棄呼\r\n2026/12/01,9,10,8,2\r\n,10,5,0,5\r\n2026/12/02,9,3,3,0\r\n'));
    for (const t of [merged, blank]) {
      const { rows, problems } = vendorReportRows(t, guessVendorMapping('report', t.header), '2026-11-30');
      expect(problems).toEqual([]);
      expect(rows.filter((r) => r.hour !== null).map((r) => [r.day, r.hour, r.received, r.abandoned])).toEqual([
        ['2026-12-01', 9, 10, 2],
        ['2026-12-01', 10, 5, 5],
        ['2026-12-02', 9, 3, 0],
      ]);
    }
    const log = await table(csv('受付日,受付時刻,問い合わせ内容\r\n2026/12/02,9:05,漏れましたか\r\n,9:10,金券はいつ\r\n'));
    const { enquiries, problems } = vendorEnquiries(log, guessVendorMapping('log', log.header), '2026-11-30');
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => e.fields.at)).toEqual(['2026-12-02T09:05:00+09:00', '2026-12-02T09:10:00+09:00']);
  });

  it('a blank day on the first row is still a problem with where', async () => {
    const t = await table(csv('受付日,受付時刻,問い合わせ内容\r\n,9:05,漏れましたか\r\n'));
    expect(vendorEnquiries(t, guessVendorMapping('log', t.header), '2026-11-30').problems).toEqual([{ code: 'day', line: 2, column: 1, header: '受付日' }]);
  });

  it('skips the 合計 row at the bottom of a log', async () => {
    const t = await table(csv('受付時刻,問い合わせ内容,通話時間\r\n9:05,漏れましたか,1:00\r\n\r\n合計,,1:00\r\n計 1件,,\r\n'));
    const { enquiries, problems } = vendorEnquiries(t, guessVendorMapping('log', t.header), '2026-12-01');
    expect(problems).toEqual([]);
    expect(enquiries).toHaveLength(1);
  });

  it('reads 25:10 on a day as 1:10 the next morning (a night shift counts on its own day)', () => {
    expect(readTimeOnDay('25:10', '2026-12-01')).toBe('2026-12-02T01:10:00+09:00');
    expect(readTimeOnDay('24:00', '2026-12-31')).toBe('2027-01-01T00:00:00+09:00');
    expect(readTimeOnDay('48:00', '2026-12-01')).toBeNull();
    expect(readTimeOnDay('9:65', '2026-12-01')).toBeNull();
  });

  it('a password-protected or old-format (.xls) workbook says so, not "encoding unknown"', async () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 8; i < cfb.length; i++) cfb[i] = (i * 37) & 0xff;
    expect(await readVendorTable(cfb)).toEqual({ ok: false, problems: [{ code: 'protected-or-xls' }] });
  });

  it('a header typed with full-width spaces inside its names maps as without them', () => {
    expect(guessVendorMapping('log', ['受付　日', '受付　時刻', '問い合わせ　内容', '回答　内容', '通話　時間']).fields).toEqual({ day: 0, time: 1, question: 2, answer: 3, durationSec: 4 });
    const report = ['日　付', '時間　帯', '受電　数', '応答　数', '放棄　呼', '平均　処理時間'];
    expect(guessKind(report)).toBe('report');
    expect(guessVendorMapping('report', report)).toEqual({ kind: 'report', fields: { day: 0, hour: 1, received: 2, answered: 3, abandoned: 4, avgHandling: 5 }, categoryColumns: [] });
  });

  it('a workbook time cell past midnight ([h]:mm showing 25:10) is 1:10 the next morning, not the same morning', async () => {
    const data = [
      [{ value: '受付日' }, { value: '受付時刻' }, { value: '問い合わせ内容' }],
      [{ value: '2026/12/01' }, { value: 25 / 24 + 10 / 1440, format: '[h]:mm' }, { value: '夜中の電話' }],
      [{ value: '2026/12/01' }, { value: 23 / 24 + 50 / 1440, format: 'h:mm' }, { value: '深夜の電話' }],
    ];
    const blob = await writeXlsxFile(data as unknown as Data, {}).toBlob();
    const t = await table(new Uint8Array(await blob.arrayBuffer()));
    const { enquiries, problems } = vendorEnquiries(t, guessVendorMapping('log', t.header), '2026-12-01');
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => e.fields.at)).toEqual(['2026-12-02T01:10:00+09:00', '2026-12-01T23:50:00+09:00']);
    expect(readTimeOnDay(25 / 24 + 10 / 1440, '2026-12-01')).toBe('2026-12-02T01:10:00+09:00');
  });

  it('a report row with more answered and abandoned than received is a problem on its 受電数 cell, not a 120% answer rate', async () => {
    const t = await table(csv('日付,受電数,応答数,放棄呼\r\n2026/12/01,100,120,0\r\n2026/12/02,100,90,10\r\n2026/12/03,,5,0\r\n'));
    // Line 4 (5 answered, 受電数 empty) is a problem too since answered calls without calls received are refused (no answer rate of 600% once Honbu's own calls are added).
    expect(vendorReportRows(t, guessVendorMapping('report', t.header), '2026-12-01').problems).toEqual([
      { code: 'over', line: 2, column: 2, header: '受電数' },
      { code: 'noReceived', line: 4, column: 2, header: '受電数' },
    ]);
  });
});
