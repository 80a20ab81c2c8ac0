/**
 * The vendor's enquiry log read as a tester attacked it (vendor-log-stranger.test.ts), with the
 * outcome this code chose where the tester allowed two: a stray quote refuses the file where
 * it opened; a broken UTF-8 character is named by line and column; 午後/PM are the afternoon;
 * a day in the time cell is used; a day far from the file's other days and an impossible file
 * day are problems; two enquiries under one 受付番号 are both kept and a corrected question is
 * a correction; text is stored as written; minutes in the header are minutes; every sheet of a
 * week's workbook is read, each row knowing its sheet.
 */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { enquiriesProjection } from './events';
import type { Enquiry } from './model';
import { importVendorEnquiries, knownVendorRows } from './vendor-commands';
import { guessVendorMapping } from './vendor-mapping';
import { farDays, vendorEnquiries, type VendorEnquiry } from './vendor-rows';
import { readCsvTable, readVendorTable, type VendorTable } from './vendor-table';
import { dayFromName, durationUnit, readTimeOnDay } from './vendor-values';

const utf8 = (s: string) => new TextEncoder().encode(s);

function tableOf(r: Awaited<ReturnType<typeof readVendorTable>>): VendorTable {
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  return r.table;
}

const logOf = (t: VendorTable, day = '2026-12-07') => vendorEnquiries(t, guessVendorMapping('log', t.header), day);

function importAndFold(rows: readonly VendorEnquiry[], before: HonbuEvent[] = []) {
  const stored = foldAll(enquiriesProjection, before);
  const r = importVendorEnquiries(testContext(), knownVendorRows(stored.values()), { incidentId: 'i1', rows });
  if (!r.ok) throw new Error('refused');
  const events = [
    ...before,
    ...r.events.map((d, i) => ({ ...d, id: `ev-${before.length + i}`, at: `2026-12-07T12:00:${String(before.length + i).padStart(2, '0')}.000Z`, actor: 'p1' }) as unknown as HonbuEvent),
  ];
  return { count: r.value, events, rows: [...foldAll(enquiriesProjection, events).values()] as Enquiry[] };
}

describe('A: a stray quote', () => {
  it('a quote opened in the last column and never closed refuses the file at the line and column where it opened', () => {
    const file = utf8(['受付日,受付時刻,問い合わせ内容,回答内容', '2026/12/07,9:05,私の情報は漏れましたか,"確認中', '2026/12/07,9:10,お詫びの品はいつ届きますか,順次発送', '2026/12/07,9:20,退会したい,手続きを案内', ''].join('\r\n'));
    expect(readCsvTable(file)).toEqual({ ok: false, problems: [{ code: 'quote', line: 2, column: 4 }] });
  });

  it('after a quoted answer over two lines, the unclosed quote is named on its own line', () => {
    const file = utf8(['受付日,受付時刻,問い合わせ内容,回答内容', '2026/12/07,9:05,漏れましたか,"1行目', '2行目"', '2026/12/07,9:10,届きますか,"確認中', '2026/12/07,9:20,退会したい,案内'].join('\n'));
    expect(readCsvTable(file)).toEqual({ ok: false, problems: [{ code: 'quote', line: 4, column: 4 }] });
  });

  it('holds: quotes that open and close are read as before', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容,回答内容\n2026/12/07,9:05,"引用符""付き""の質問","1行目\n2行目"\n2026/12/07,9:06,次,済\n')));
    expect(logOf(t).enquiries.map((e) => [e.line, e.fields.question, e.fields.answerText])).toEqual([
      [2, '引用符"付き"の質問', '1行目\n2行目'],
      [4, '次', '済'],
    ]);
  });
});

describe('C: a character cut short', () => {
  it('a UTF-8 file with a broken character on line 3 is refused at that line and column, as UTF-8', async () => {
    const bytes = new Uint8Array([...utf8('受付日,受付時刻,問い合わせ内容\n2026/12/07,9:05,私の情報は漏れましたか\n2026/12/07,9:06,お詫び'), 0xe3, 0x81, ...utf8('\n2026/12/07,9:07,退会したい\n')]);
    expect(await readVendorTable(bytes)).toEqual({ ok: false, problems: [{ code: 'broken-char', line: 3, column: 3, encoding: 'utf-8' }] });
  });

  it('the same with UTF-8 chosen by hand, and past the first 64 KB', async () => {
    const head = '受付日,受付時刻,問い合わせ内容\n' + '2026/12/07,9:05,私の情報は漏れましたか\n'.repeat(3000);
    const bytes = new Uint8Array([...utf8(head + '2026/12/07,9:06,お詫び'), 0xe3, ...utf8('\n')]);
    const problem = { code: 'broken-char', line: 3002, column: 3, encoding: 'utf-8' };
    expect(await readVendorTable(bytes)).toEqual({ ok: false, problems: [problem] });
    expect(await readVendorTable(bytes, { encoding: 'utf-8' })).toEqual({ ok: false, problems: [problem] });
  });

  it('holds: a Shift_JIS file whose head is ASCII is still read as Shift_JIS', async () => {
    const sjis = new Uint8Array([...utf8('day,time,question\n2026/12/07,9:05,'), 0x82, 0xa0, ...utf8('\n')]);
    const r = await readVendorTable(sjis);
    expect(r.ok && [r.table.encoding, r.table.rows[0]![2]]).toEqual(['shift_jis', 'あ']);
  });
});

describe('F, G: times as written', () => {
  it('午後 3:15, PM 3:20, 3:25 PM, 午後3時30分 are the afternoon; 午前/午後 12 the usual way; 午後 15:00 is not guessed', () => {
    const on = (s: string) => readTimeOnDay(s, '2026-12-07')?.slice(11, 16) ?? null;
    expect(['午後 3:15', 'PM 3:20', '3:25 PM', '午後3時30分', 'p.m. 4:00', '午前 9:05', 'AM 9:05', '午前 12:10', '午後 12:10', '午前 0:10', '午後 0:10', '午後 15:00'].map(on)).toEqual([
      '15:15', '15:20', '15:25', '15:30', '16:00', '09:05', '09:05', '00:10', '12:10', '00:10', '12:10', null,
    ]);
    expect(readTimeOnDay('2026/12/07 午後 3:15', '2026-12-01')).toBe('2026-12-07T15:15:00+09:00');
  });

  it('the log reads them so', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容\n2026/12/07,午後 3:15,カードは止めるべきですか\n2026/12/07,PM 3:20,まだ連絡がありません\n')));
    expect(logOf(t).enquiries.map((e) => e.fields.at)).toEqual(['2026-12-07T15:15:00+09:00', '2026-12-07T15:20:00+09:00']);
  });

  it('a day before the time without its year (12/8 01:30 in the 12/7 log) is that day; the year is the one nearest the file day', () => {
    const t = tableOf(readCsvTable(utf8('受付時刻,問い合わせ内容\n12/7 23:50,流出したのは何件ですか\n12/8 01:30,深夜ですが問い合わせます\n')));
    const { enquiries, problems } = logOf(t, '2026-12-07');
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => e.fields.at)).toEqual(['2026-12-07T23:50:00+09:00', '2026-12-08T01:30:00+09:00']);
    expect(readTimeOnDay('1/1 0:10', '2026-12-31')).toBe('2027-01-01T00:10:00+09:00');
    expect(readTimeOnDay('12月8日 1時30分', '2026-12-07')).toBe('2026-12-08T01:30:00+09:00');
  });

  it('something before the time that is no day is a problem, not dropped', () => {
    const t = tableOf(readCsvTable(utf8('受付時刻,問い合わせ内容\n明日 9:05,漏れましたか\n2/30 9:05,届きますか\n')));
    expect(logOf(t).problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['time', 2, 1],
      ['time', 3, 1],
    ]);
  });
});

describe('H: a day far from the file', () => {
  it('a row dated 2062/12/07 in the log of 2026-12-07 is a problem on its day cell, and not an enquiry', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容\n2026/12/07,9:05,漏れましたか\n2062/12/07,9:06,届きますか\n')));
    const { enquiries, problems } = logOf(t, '2026-12-07');
    expect(problems).toEqual([{ code: 'far', line: 3, column: 1, header: '受付日', day: '2062-12-07' }]);
    expect(enquiries.map((e) => e.line)).toEqual([2]);
  });

  it('a year typo in the time cell is named on the time cell', () => {
    const t = tableOf(readCsvTable(utf8('受付時刻,問い合わせ内容\n2026/12/07 9:05,漏れましたか\n2062/12/07 9:06,届きますか\n2026/12/07 9:07,三件目\n')));
    expect(logOf(t, '2026-12-07').problems).toEqual([{ code: 'far', line: 3, column: 1, header: '受付時刻', day: '2062-12-07' }]);
  });

  it('the rule: runs of days with no gap over 31 days; the run with most rows (on a tie, nearest the file day) is the file', () => {
    const m = (o: Record<string, number>) => new Map(Object.entries(o));
    expect([...farDays(m({ '2026-12-07': 1, '2062-12-07': 1 }), '2026-12-07')]).toEqual(['2062-12-07']);
    expect([...farDays(m({ '2026-12-07': 1, '2062-12-07': 1 }), '2062-12-08')]).toEqual(['2026-12-07']);
    expect([...farDays(m({ '2025-12-07': 1, '2026-12-07': 5 }), '2026-01-01')]).toEqual(['2025-12-07']);
    // Two months of days, one each: one run.
    const months = Object.fromEntries(Array.from({ length: 61 }, (_, d) => [new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10), 1]));
    expect(farDays(m(months), '2027-03-01').size).toBe(0);
    // A log read on another file day (as the full-width test does): all its rows agree, nothing is far.
    expect(farDays(m({ '2026-12-07': 4 }), '2026-01-01').size).toBe(0);
  });
});

describe('I: an impossible day', () => {
  it('a file day of 2026-02-30 (from a file name) is a problem on each row that needs it', () => {
    const t = tableOf(readCsvTable(utf8('受付時刻,問い合わせ内容\n9:05,漏れましたか\n2026/03/01 9:06,日付つき\n')));
    const { enquiries, problems } = logOf(t, '2026-02-30');
    expect(problems).toEqual([{ code: 'fileDay', line: 2, column: 1, header: '受付時刻' }]);
    expect(enquiries.map((e) => e.fields.at)).toEqual(['2026-03-01T09:06:00+09:00']);
  });

  it('the panel does not take an impossible day from a file name', () => {
    expect([dayFromName('calls_20260230.csv'), dayFromName('calls_2026-12-07.csv'), dayFromName('calls.csv'), dayFromName('log_20261332.xlsx')]).toEqual([null, '2026-12-07', null, null]);
  });

  it('a cell with an impossible day is a problem on that cell', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容\n2026/02/30,9:05,漏れましたか\n')));
    expect(logOf(t).problems).toEqual([{ code: 'day', line: 2, column: 1, header: '受付日' }]);
  });
});

describe('K: receipt numbers', () => {
  it('two different enquiries under the same 受付番号 are both kept; the first keeps the key it always had', () => {
    const t = tableOf(readCsvTable(utf8('受付番号,受付日,受付時刻,問い合わせ内容,回答内容\nA-100,2026/12/07,9:05,カード番号は漏れましたか,漏れていません\nA-100,2026/12/07,9:40,住所を変更したい,会員ページから変更できます\n')));
    const { enquiries, problems } = logOf(t);
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => e.rowKey)).toEqual(['r:2026-12-07:A-100', 'r:2026-12-07:A-100#2']);
    const first = importAndFold(enquiries);
    expect({ questions: first.rows.map((e) => e.question).sort(), count: first.count }).toEqual({ questions: ['カード番号は漏れましたか', '住所を変更したい'].sort(), count: { added: 2, already: 0, corrected: 0 } });
    // The same file again: nothing.
    expect(importAndFold(enquiries, first.events).count).toEqual({ added: 0, already: 2, corrected: 0 });
  });

  it('a re-sent file whose question and time were corrected under the same 受付番号 records the correction', () => {
    const first = logOf(tableOf(readCsvTable(utf8('受付番号,受付日,受付時刻,問い合わせ内容\nA-100,2026/12/07,9:05,カード番号はもれましたか？（聞き取り不明）\n')))).enquiries;
    const { events } = importAndFold(first);
    const resent = logOf(tableOf(readCsvTable(utf8('受付番号,受付日,受付時刻,問い合わせ内容\nA-100,2026/12/07,9:06,暗証番号は漏れましたか\n')))).enquiries;
    const after = importAndFold(resent, events);
    expect(after.count).toEqual({ added: 0, already: 0, corrected: 1 });
    expect(after.rows.map((e) => [e.question, e.at])).toEqual([['暗証番号は漏れましたか', '2026-12-07T09:06:00+09:00']]);
    expect(importAndFold(resent, after.events).count).toEqual({ added: 0, already: 1, corrected: 0 });
  });

  it('an enquiry stored before texts were kept as written (NFKC) is not "corrected" by the same file imported again', () => {
    const rows = logOf(tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容,回答内容,相談者氏名\n2026/12/07,9:05,①カード番号は漏れましたか,～３日以内に㈱から連絡,\uFA19田 様\n')))).enquiries;
    const old = rows.map((r) => ({ ...r, fields: { ...r.fields, answerText: r.fields.answerText.normalize('NFKC'), caller: { ...r.fields.caller, name: r.fields.caller.name.normalize('NFKC') } } }));
    const { events } = importAndFold(old);
    expect(importAndFold(rows, events).count).toEqual({ added: 0, already: 1, corrected: 0 });
  });
});

describe('L: text as written', () => {
  it('the question, answer, caller and category are stored as written; ids and numbers are still read in NFKC', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容,回答内容,相談者氏名,分類,オペレーターID\n２０２６/１２/０７,９:０５,①カード番号　②有効期限（裏面）は漏れましたか,～３日以内に㈱から連絡,\uFA19田 様,ＦＡＱ（カード）,ＯＰ－１\n')));
    const [e] = logOf(t).enquiries;
    expect([e?.fields.question, e?.fields.answerText, e?.fields.caller.name, e?.fields.category, e?.fields.operator, e?.fields.at]).toEqual([
      '①カード番号　②有効期限（裏面）は漏れましたか',
      '～３日以内に㈱から連絡',
      '\uFA19田 様',
      'ＦＡＱ（カード）',
      'OP-1',
      '2026-12-07T09:05:00+09:00',
    ]);
  });
});

describe('E: the unit in the header', () => {
  it('通話時間（分）, (分), [min] are minutes; （秒） seconds; （時間） hours; 2:05 says its own unit', () => {
    expect(['通話時間（分）', '通話時間(分)', '処理時間[min]', '通話時間（秒）', '通話時間（時間）', '通話時間', '通話時間(h:mm:ss)'].map(durationUnit)).toEqual([60, 60, 60, 1, 3600, null, null]);
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容,通話時間（分）\n2026/12/07,9:05,漏れましたか,3\n2026/12/07,9:06,届きますか,2.5\n2026/12/07,9:07,退会,2:05\n')));
    expect(logOf(t).enquiries.map((e) => e.fields.durationSec)).toEqual([180, 150, 125]);
  });
});

describe('B: a workbook of one sheet per day', () => {
  async function week(extra: { sheet: string; data: { value: string }[][] }[] = []) {
    const head = ['受付日', '受付時刻', '問い合わせ内容'].map((value) => ({ value }));
    const day = (d: string, qs: string[]) => [head, ...qs.map((q, i) => [{ value: d }, { value: `9:0${i}` }, { value: q }])];
    const blob = await writeXlsxFile([
      ...extra,
      { sheet: '12月6日', data: day('2026/12/06', ['6日の質問1', '6日の質問2']) },
      { sheet: '12月7日', data: day('2026/12/07', ['7日の質問1', '7日の質問2', '7日の質問3']) },
    ] as never).toBlob();
    return new Uint8Array(await blob.arrayBuffer());
  }

  it("every sheet with the header's columns is read, each row with its sheet; a sheet of other columns is listed as not read", async () => {
    const bytes = await week([{ sheet: 'サマリー', data: [[{ value: '日次報告' }], [{ value: '受電' }, { value: '5' }]] }]);
    const t = tableOf(await readVendorTable(bytes));
    expect(t.sheets).toEqual([
      { name: 'サマリー', read: false },
      { name: '12月6日', read: true },
      { name: '12月7日', read: true },
    ]);
    const { enquiries, problems } = logOf(t);
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => [e.line, e.fields.question, e.fields.at.slice(0, 10)])).toEqual([
      [2, '6日の質問1', '2026-12-06'],
      [3, '6日の質問2', '2026-12-06'],
      [2, '7日の質問1', '2026-12-07'],
      [3, '7日の質問2', '2026-12-07'],
      [4, '7日の質問3', '2026-12-07'],
    ]);
    expect(t.rowSheets).toEqual(['12月6日', '12月6日', '12月7日', '12月7日', '12月7日']);
  });

  it('a problem names the sheet of its row', async () => {
    const head = ['受付日', '受付時刻', '問い合わせ内容'].map((value) => ({ value }));
    const blob = await writeXlsxFile([
      { sheet: '12月6日', data: [head, [{ value: '2026/12/06' }, { value: '9:00' }, { value: '質問' }]] },
      { sheet: '12月7日', data: [head, [{ value: '2026/12/07' }, { value: '朝' }, { value: '質問' }]] },
    ] as never).toBlob();
    const t = tableOf(await readVendorTable(new Uint8Array(await blob.arrayBuffer())));
    expect(logOf(t).problems).toEqual([{ code: 'time', line: 2, column: 2, header: '受付時刻', sheet: '12月7日' }]);
  });

  it('one sheet can be chosen; a sheet that is not there is a problem', async () => {
    const bytes = await week();
    const t = tableOf(await readVendorTable(bytes, { sheet: '12月7日' }));
    expect([t.sheet, t.rowSheets, logOf(t).enquiries.map((e) => e.fields.question)]).toEqual(['12月7日', undefined, ['7日の質問1', '7日の質問2', '7日の質問3']]);
    expect(await readVendorTable(bytes, { sheet: '12月8日' })).toEqual({ ok: false, problems: [{ code: 'no-sheet', sheet: '12月8日' }] });
  });
});
