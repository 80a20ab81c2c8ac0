/**
 * Days far from the file (decision 031, addendum of the re-attack): with the file's day known
 * (chosen, or from the file's name) rows far from it are the far ones, however many; a day
 * after tomorrow is a problem; only without a known day do the file's own days decide.
 */
import { describe, expect, it } from 'vitest';
import { guessVendorMapping } from './vendor-mapping';
import { distantDays, vendorEnquiries, vendorReportRows, type DayCheck } from './vendor-rows';
import { readCsvTable, type VendorTable } from './vendor-table';

const csv = (lines: string[]): VendorTable => {
  const r = readCsvTable(new TextEncoder().encode(lines.join('\n') + '\n'));
  if (!r.ok) throw new Error('not read');
  return r.table;
};
const known: DayCheck = { fileDayKnown: true, today: '2026-12-07' };
const log = (lines: string[], day: string, check: DayCheck) => {
  const t = csv(['受付日,受付時刻,問い合わせ内容', ...lines]);
  return vendorEnquiries(t, guessVendorMapping('log', t.header), day, check);
};

describe('the file day known', () => {
  it('two rows typed 2062 and one 2026 in the log of 2026-12-07: the 2062 rows are far', () => {
    const r = log(['2062/12/07,9:00,一', '2026/12/07,9:01,二', '2062/12/07,9:02,三'], '2026-12-07', known);
    expect(r.problems.map((p) => [p.code, p.line, p.day])).toEqual([
      ['far', 2, '2062-12-07'],
      ['far', 4, '2062-12-07'],
    ]);
    expect(r.enquiries.map((e) => e.line)).toEqual([3]);
  });

  it('every row typed 2062: every row is far, nothing stored', () => {
    const r = log(['2062/12/07,9:00,一', '2062/12/07,9:01,二'], '2026-12-07', known);
    expect({ codes: r.problems.map((p) => p.code), stored: r.enquiries.length }).toEqual({ codes: ['far', 'far'], stored: 0 });
  });

  it('every row a year back (2025 for 2026) in the log of 2026-12-07 is far too (nothing is after tomorrow)', () => {
    expect(log(['2025/12/07,9:00,一', '2025/12/07,9:01,二'], '2026-12-07', known).problems.map((p) => p.code)).toEqual(['far', 'far']);
  });

  it('31 days from the file day is within it, 32 far', () => {
    expect(log(['2026/11/06,9:00,一'], '2026-12-07', known).problems).toEqual([]);
    expect(log(['2026/11/05,9:00,一'], '2026-12-07', known).problems.map((p) => p.code)).toEqual(['far']);
  });

  it('a report of two months, its day chosen at its end, is one run of days: nothing far', () => {
    const lines = ['日付,受電数,応答数'];
    for (let d = 0; d < 61; d++) lines.push(`${new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10).replaceAll('-', '/')},10,10`);
    const t = csv(lines);
    expect(vendorReportRows(t, guessVendorMapping('report', t.header), '2026-11-30', known).problems).toEqual([]);
  });
});

describe('no file day known (today left in the day box)', () => {
  it('the file’s own days decide: a log of 12/01 imported on 12/07 is not far', () => {
    expect(log(['2026/12/01,9:00,一', '2026/12/01,9:01,二'], '2026-12-07', { today: '2026-12-07' }).problems).toEqual([]);
  });

  it('days after tomorrow are left out of the count: two 2062 rows and one 2026 row, the 2062 rows are far', () => {
    expect(log(['2062/12/07,9:00,一', '2026/12/07,9:01,二', '2062/12/07,9:02,三'], '2026-12-07', { today: '2026-12-07' }).problems.map((p) => [p.code, p.line])).toEqual([
      ['far', 2],
      ['far', 4],
    ]);
  });

  it('every row after tomorrow: each is a problem (future)', () => {
    expect(log(['2026/12/10,9:00,一', '2026/12/10,9:01,二'], '2026-12-07', { today: '2026-12-07' }).problems.map((p) => [p.code, p.day])).toEqual([
      ['future', '2026-12-10'],
      ['future', '2026-12-10'],
    ]);
    // Tomorrow is not (a night shift's 24:30 on the day is tomorrow morning).
    expect(log(['2026/12/08,9:00,一'], '2026-12-07', { today: '2026-12-07' }).problems).toEqual([]);
  });

  it('distantDays: the rules in one place', () => {
    const m = (o: Record<string, number>) => new Map(Object.entries(o));
    expect([...distantDays(m({ '2026-12-07': 1, '2062-12-07': 2 }), '2026-12-07', 'day', { today: '2026-12-07' })]).toEqual([['2062-12-07', 'far']]);
    expect([...distantDays(m({ '2026-12-07': 4 }), '2026-01-01', 'day', { today: '2026-12-07' })]).toEqual([]);
    expect([...distantDays(m({ '2026-12-07': 4 }), '2026-01-01', 'day', { fileDayKnown: true, today: '2026-12-07' })]).toEqual([['2026-12-07', 'far']]);
  });
});
