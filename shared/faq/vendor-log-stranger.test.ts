/**
 * A stranger's attack on the call-centre vendor's daily enquiry log (decision 031): files the
 * code was not designed around, read the way the import panel reads them (readVendorTable →
 * guessVendorMapping → vendorEnquiries → importVendorEnquiries → the enquiry fold), checked
 * field by field. A failing test here is a defect, left failing on purpose.
 */
import { describe, expect, it } from 'vitest';
import { encodeCsv } from '../export/csv';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { enquiriesProjection } from './events';
import type { Enquiry } from './model';
import { importVendorEnquiries, knownVendorRows } from './vendor-commands';
import { guessVendorMapping } from './vendor-mapping';
import { vendorEnquiries, type VendorEnquiry } from './vendor-rows';
import { readCsvTable, readVendorTable, type VendorTable } from './vendor-table';

const utf8 = (s: string) => new TextEncoder().encode(s);

function tableOf(r: Awaited<ReturnType<typeof readVendorTable>>): VendorTable {
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  return r.table;
}

function logOf(t: VendorTable, day = '2026-12-07') {
  return vendorEnquiries(t, guessVendorMapping('log', t.header), day);
}

/** Imports rows as the handler would (one part) and folds them as the store would. */
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

describe('a stray quote in the last column', () => {
  it('does not swallow the enquiries after it into one answer: each row is an enquiry, or the file is refused with the line', () => {
    // The operator typed 「"確認中」 (an opening quote, never closed) as the answer of the first row.
    const file = utf8(['受付日,受付時刻,問い合わせ内容,回答内容', '2026/12/07,9:05,私の情報は漏れましたか,"確認中', '2026/12/07,9:10,お詫びの品はいつ届きますか,順次発送', '2026/12/07,9:20,退会したい,手続きを案内', ''].join('\r\n'));
    const r = readCsvTable(file);
    if (!r.ok) {
      // Refused is fine, if it says where.
      expect(r.problems[0]?.line).toBe(2);
      return;
    }
    const { enquiries, problems } = logOf(r.table);
    // Three callers, three enquiries — or a problem naming line 2.
    expect({ n: enquiries.length, problems }).toEqual({ n: 3, problems: [] });
  });
});

describe('times as Excel and vendors write them', () => {
  it('午後 3:15 (Japanese Excel "AM/PM h:mm" saved as CSV) is 15:15, or a problem — never 03:15', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容\n2026/12/07,午後 3:15,カードは止めるべきですか\n2026/12/07,PM 3:20,まだ連絡がありません\n')));
    const { enquiries, problems } = logOf(t);
    const read = enquiries.map((e) => e.fields.at);
    const flagged = problems.map((p) => p.line);
    // Each row: either read as the afternoon, or listed as a problem.
    expect([read.includes('2026-12-07T15:15:00+09:00') || flagged.includes(2), read.includes('2026-12-07T15:20:00+09:00') || flagged.includes(3)]).toEqual([true, true]);
    expect(read).not.toContain('2026-12-07T03:15:00+09:00');
  });

  it('a night-shift row written "12/8 01:30" in the 12/7 log is on 12/8, or a problem — not silently 12/7 01:30', () => {
    const t = tableOf(readCsvTable(utf8('受付時刻,問い合わせ内容\n12/7 23:50,流出したのは何件ですか\n12/8 01:30,深夜ですが問い合わせます\n')));
    const { enquiries, problems } = logOf(t, '2026-12-07');
    const night = enquiries.find((e) => e.fields.question === '深夜ですが問い合わせます');
    expect(night?.fields.at === '2026-12-08T01:30:00+09:00' || problems.some((p) => p.line === 3)).toBe(true);
  });

  it('holds: full-width ２０２６／１２／０７ １０：３０, 令和8年 and R8.12.7 days, a full-width space in the header', () => {
    const t = tableOf(
      readCsvTable(utf8('受付日,受付　時刻,問い合わせ　内容,通話時間\n２０２６／１２／０７,１０：３０,全角の日時です,２：０５\n令和8年12月7日,10時31分,和暦の日付です,125秒\n令和８年１２月７日,１０時３２分,全角の和暦です,1分5秒\nR8.12.7,10:33:15,略記の和暦です,0:01:05\n')),
    );
    const { enquiries, problems } = logOf(t, '2026-01-01');
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => [e.line, e.fields.at, e.fields.durationSec, e.fields.question])).toEqual([
      [2, '2026-12-07T10:30:00+09:00', 125, '全角の日時です'],
      [3, '2026-12-07T10:31:00+09:00', 125, '和暦の日付です'],
      [4, '2026-12-07T10:32:00+09:00', 65, '全角の和暦です'],
      [5, '2026-12-07T10:33:15+09:00', 65, '略記の和暦です'],
    ]);
  });
});

describe('encodings and separators', () => {
  it('holds: UTF-16LE with BOM, tabs, commas and quotes inside cells, 𠮷 髙 and an emoji, a CRLF inside a quoted answer', async () => {
    const text = [
      '受付日\t受付時刻\t問い合わせ内容\t回答内容\t相談者氏名',
      '2026/12/07\t9:05\t𠮷田です、カードは安全ですか😟\t"1行目\r\n2行目"\t𠮷田 髙志',
      '2026/12/07\t9:06\t"引用符""付き""の質問"\t,で始まる回答\t山﨑',
      '',
    ].join('\r\n');
    const units = new Uint16Array([...text].flatMap((c) => { const cp = c.codePointAt(0)!; return cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp]; }));
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(units.buffer)]);
    const t = tableOf(await readVendorTable(bytes));
    expect([t.encoding, t.delimiter]).toEqual(['utf-16le', '\t']);
    const { enquiries, problems } = logOf(t);
    expect(problems).toEqual([]);
    expect(enquiries.map((e) => [e.line, e.fields.question, e.fields.answerText, e.fields.caller.name])).toEqual([
      [2, '𠮷田です、カードは安全ですか😟', '1行目\r\n2行目', '𠮷田 髙志'],
      // The row after the quoted line break is on line 4 of the file.
      [4, '引用符"付き"の質問', ',で始まる回答', '山﨑'],
    ]);
  });

  it('holds: Shift_JIS (Windows) with 髙 and 﨑 (IBM extensions)', async () => {
    const bytes = encodeCsv('受付日,受付時刻,問い合わせ内容,相談者氏名\r\n2026/12/07,9:05,髙島屋の件で電話,髙橋 山﨑\r\n', 'shift_jis');
    const t = tableOf(await readVendorTable(bytes));
    expect(t.encoding).toBe('shift_jis');
    const { enquiries } = logOf(t);
    expect(enquiries.map((e) => [e.fields.question, e.fields.caller.name])).toEqual([['髙島屋の件で電話', '髙橋 山﨑']]);
  });

  it('a UTF-8 file with one character cut short on line 3 (a vendor system that truncates by bytes) says which line, not just "encoding unknown"', async () => {
    const bytes = new Uint8Array([...utf8('受付日,受付時刻,問い合わせ内容\n2026/12/07,9:05,私の情報は漏れましたか\n2026/12/07,9:06,お詫び'), 0xe3, 0x81, ...utf8('\n2026/12/07,9:07,退会したい\n')]);
    const r = await readVendorTable(bytes);
    // Either read (the broken character shown as such) or refused with the line it is on.
    if (r.ok) {
      expect(r.table.rows.length).toBe(3);
      return;
    }
    expect(r.problems).toEqual([expect.objectContaining({ line: 3 })]);
  });
});

describe('text as the vendor wrote it', () => {
  it('the question, answer and caller are kept as written: ① ② ㈱ （ ） ～ and a compatibility ideograph are not rewritten by NFKC', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容,回答内容,相談者氏名\n2026/12/07,9:05,①カード番号　②有効期限（裏面）は漏れましたか,～３日以内に㈱から連絡,\uFA19田 様\n')));
    const [e] = logOf(t).enquiries;
    expect([e?.fields.question, e?.fields.answerText, e?.fields.caller.name]).toEqual(['①カード番号　②有効期限（裏面）は漏れましたか', '～３日以内に㈱から連絡', '\uFA19田 様']);
  });
});

describe('rows that are wrong', () => {
  it('holds: a header line repeated in the middle (two exports pasted together) is refused with its line', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容\n2026/12/07,9:05,漏れましたか\n受付日,受付時刻,問い合わせ内容\n2026/12/07,9:06,届きますか\n')));
    const { problems } = logOf(t);
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['day', 3, 1],
      ['time', 3, 2],
    ]);
  });

  it('holds: an empty question is refused with line and column', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容\n2026/12/07,9:05,　\n')));
    expect(logOf(t).problems).toEqual([{ code: 'question', line: 2, column: 3, header: '問い合わせ内容' }]);
  });

  it('two different enquiries under the same 受付番号 (a vendor numbering error) are both kept, or the file is refused — one is not silently dropped', () => {
    const t = tableOf(
      readCsvTable(utf8('受付番号,受付日,受付時刻,問い合わせ内容,回答内容\nA-100,2026/12/07,9:05,カード番号は漏れましたか,漏れていません\nA-100,2026/12/07,9:40,住所を変更したい,会員ページから変更できます\n')),
    );
    const { enquiries, problems } = logOf(t);
    if (problems.length > 0) return; // refused: fine
    const { rows, count } = importAndFold(enquiries);
    expect({ questions: rows.map((e) => e.question).sort(), count }).toEqual({ questions: ['カード番号は漏れましたか', '住所を変更したい'].sort(), count: { added: 2, already: 0, corrected: 0 } });
    expect(count).toEqual({ added: 2, already: 0, corrected: 0 });
  });

  it('a re-sent file whose question was corrected under the same 受付番号 records the correction (decision 031: "a vendor that corrects questions should send its receipt number")', () => {
    const first = logOf(tableOf(readCsvTable(utf8('受付番号,受付日,受付時刻,問い合わせ内容\nA-100,2026/12/07,9:05,カード番号はもれましたか？（聞き取り不明）\n')))).enquiries;
    const { events } = importAndFold(first);
    const resent = logOf(tableOf(readCsvTable(utf8('受付番号,受付日,受付時刻,問い合わせ内容\nA-100,2026/12/07,9:05,暗証番号は漏れましたか\n')))).enquiries;
    const after = importAndFold(resent, events);
    expect(after.count).toEqual({ added: 0, already: 0, corrected: 1 });
    expect(after.rows.map((e) => e.question)).toEqual(['暗証番号は漏れましたか']);
  });

  it('a row dated 2062/12/07 in the log of 2026-12-07 (a typo for 2026) is flagged, not filed 36 years ahead', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容\n2026/12/07,9:05,漏れましたか\n2062/12/07,9:06,届きますか\n')));
    const { enquiries, problems } = logOf(t, '2026-12-07');
    expect({ at: enquiries.map((e) => e.fields.at), flagged: problems.map((p) => p.line) }).toMatchObject({ flagged: [3] });
  });

  it('the file day taken from a file name like "calls_20260230.csv" (no such day) is refused, not stored as an enquiry "at 2026-02-30" that the chart files under 2 March', () => {
    const t = tableOf(readCsvTable(utf8('受付時刻,問い合わせ内容\n9:05,漏れましたか\n')));
    const { enquiries, problems } = logOf(t, '2026-02-30');
    expect(problems.length > 0 || enquiries.every((e) => !Number.isNaN(Date.parse(e.fields.at)) && e.fields.at.startsWith('2026-02-30') === false)).toBe(true);
  });
});

describe('a day of 100,000 rows', () => {
  it('holds: every row read, in order, each with its own key; duplicated lines stay two enquiries (decision 031)', () => {
    const lines = ['受付日,受付時刻,チャネル,問い合わせ内容,オペレーターID'];
    for (let i = 0; i < 100_000; i++) lines.push(`2026/12/07,${String(8 + Math.floor(i / 10_000)).padStart(2, '0')}:${String(Math.floor(i / 100) % 60).padStart(2, '0')},電話,質問${i % 5000}は漏れましたか,OP-${i % 40}`);
    const t = tableOf(readCsvTable(utf8(lines.join('\r\n'))));
    expect(t.rows.length).toBe(100_000);
    const { enquiries, problems } = logOf(t);
    expect(problems).toEqual([]);
    expect(enquiries.length).toBe(100_000);
    expect(new Set(enquiries.map((e) => e.rowKey)).size).toBe(100_000);
    expect(enquiries[99_999]).toMatchObject({ line: 100_001, fields: { question: '質問4999は漏れましたか', operator: 'OP-39', at: '2026-12-07T17:39:00+09:00' } });
  });
});

describe('a duration column with its unit in the header', () => {
  it('通話時間（分） of 3 is 180 seconds (or a problem), not 3 seconds', () => {
    const t = tableOf(readCsvTable(utf8('受付日,受付時刻,問い合わせ内容,通話時間（分）\n2026/12/07,9:05,漏れましたか,3\n')));
    const { enquiries, problems } = logOf(t);
    if (problems.length > 0) return expect(problems[0]).toMatchObject({ line: 2, column: 4 });
    expect(enquiries[0]?.fields.durationSec).toBe(180);
  });
});

describe('a workbook of one sheet per day', () => {
  it("the week's workbook (sheets 12月6日 and 12月7日, one log each) gives every day's enquiries, or says the other sheets were not read", async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/universal');
    const head = ['受付日', '受付時刻', '問い合わせ内容'].map((value) => ({ value }));
    const day = (d: string, qs: string[]) => [head, ...qs.map((q, i) => [{ value: d }, { value: `9:0${i}` }, { value: q }])];
    const blob = await writeXlsxFile([
      { sheet: '12月6日', data: day('2026/12/06', ['6日の質問1', '6日の質問2']) },
      { sheet: '12月7日', data: day('2026/12/07', ['7日の質問1', '7日の質問2', '7日の質問3']) },
    ] as never).toBlob();
    const r = await readVendorTable(new Uint8Array(await blob.arrayBuffer()));
    if (!r.ok) return expect(r.problems.length).toBeGreaterThan(0);
    const { enquiries } = logOf(r.table);
    expect({ sheet: r.table.sheet, questions: enquiries.map((e) => e.fields.question) }).toEqual({ sheet: r.table.sheet, questions: ['6日の質問1', '6日の質問2', '7日の質問1', '7日の質問2', '7日の質問3'] });
  });
});
