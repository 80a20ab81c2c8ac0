/**
 * Receipt numbers that start again each day, pairing under one number, numbers written another
 * way, placeholders for no number, units and file days (decision 031, addendum of the third
 * tester). From a third tester's failing cases, kept as tests.
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
import { vendorEnquiries, type VendorEnquiry } from './vendor-rows';
import { readCsvTable, readVendorTable, type VendorTable } from './vendor-table';
import { dayFromName } from './vendor-values';

const utf8 = (s: string) => new TextEncoder().encode(s);
function tableOf(r: Awaited<ReturnType<typeof readVendorTable>>): VendorTable {
  if (!r.ok) throw new Error(`not read: ${JSON.stringify(r.problems)}`);
  return r.table;
}
const csv = (lines: string[]) => tableOf(readCsvTable(utf8(lines.join('\n') + '\n')));
const logOf = (t: VendorTable, day = '2026-12-07') => vendorEnquiries(t, guessVendorMapping('log', t.header), day, { today: '2026-12-07' });
const okRows = (t: VendorTable, day = '2026-12-07') => {
  const r = logOf(t, day);
  if (r.problems.length > 0) throw new Error(`problems: ${JSON.stringify(r.problems)}`);
  return r.enquiries;
};
async function book(sheets: { sheet: string; rows: unknown[][] }[]) {
  const blob = await writeXlsxFile(sheets.map((s) => ({ sheet: s.sheet, data: s.rows.map((r) => r.map((value) => ({ value }))) })) as never).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

let seq = 0;
function importAndFold(rows: readonly VendorEnquiry[], before: HonbuEvent[] = []) {
  const stored = foldAll(enquiriesProjection, before);
  const imp = ++seq;
  const r = importVendorEnquiries(testContext({ ids: Array.from({ length: rows.length }, (_, i) => `e${imp}-${i}`) }), knownVendorRows(stored.values()), { incidentId: 'i1', rows });
  if (!r.ok) throw new Error('refused');
  const events = [
    ...before,
    ...r.events.map((d) => {
      seq++;
      return { ...d, id: `ev-${String(seq).padStart(5, '0')}`, at: `2026-12-07T12:${String(Math.floor(seq / 60) % 60).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}.000Z`, actor: 'p1' } as unknown as HonbuEvent;
    }),
  ];
  const folded = [...foldAll(enquiriesProjection, events).values()] as Enquiry[];
  return { count: r.value, events, rows: folded.sort((a, b) => a.at.localeCompare(b.at) || a.question.localeCompare(b.question)) };
}
const view = (rows: Enquiry[]) => rows.map((e) => `${e.at.slice(0, 16)} ${e.question} / ${e.caller.name} / ${e.escalate ? '折返し要' : '-'}`);
const HEAD = '受付番号,受付日,受付時刻,問い合わせ内容,回答内容,氏名,エスカレーション';

describe('receipt numbers that start again each day (a 24-hour line during a leak)', () => {
  // A reviewer's finding: the last step paired any call of one number and day by nearest time.
  it('one number used again the same day for another call (numbering per shift): the 9:00 call with its callback is not rewritten into the 19:00 one', () => {
    const a = importAndFold(okRows(csv([HEAD, '0001,2026/12/07,9:00,カード番号は漏れましたか,確認して折り返します,佐藤 一郎,はい'])));
    const b = importAndFold(okRows(csv([HEAD, '0001,2026/12/07,19:00,退会したい,手続きを案内,鈴木 花子,いいえ'])), a.events);
    expect(b.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(view(b.rows)).toEqual(['2026-12-07T09:00 カード番号は漏れましたか / 佐藤 一郎 / 折返し要', '2026-12-07T19:00 退会したい / 鈴木 花子 / -']);
  });

  it('the same call with its question and time corrected is still one call: within half an hour, or the same caller later', () => {
    const a = importAndFold(okRows(csv([HEAD, '0002,2026/12/07,9:00,カード番号は漏れましたか,確認して折り返します,佐藤 一郎,はい'])));
    const near = importAndFold(okRows(csv([HEAD, '0002,2026/12/07,9:20,クレジットカードは漏れましたか,確認して折り返します,佐藤 一郎,はい'])), a.events);
    expect(near.count).toEqual({ added: 0, already: 0, corrected: 1 });
    const sameCaller = importAndFold(okRows(csv([HEAD, '0002,2026/12/07,11:00,クレジットカードは漏れましたか,確認して折り返します,佐藤 一郎,はい'])), a.events);
    expect(sameCaller.count).toEqual({ added: 0, already: 0, corrected: 1 });
  });

  it('12/06 A-1 at 23:50 (佐藤, callback needed) and 12/07 A-1 at 00:10 (鈴木), sent in their own day files: two enquiries', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-1,2026/12/06,23:50,カード番号は漏れましたか,確認して折り返します,佐藤 一郎,はい']), '2026-12-06'));
    const b = importAndFold(okRows(csv([HEAD, 'A-1,2026/12/07,0:10,退会したい,手続きを案内,鈴木 花子,いいえ'])), a.events);
    expect(b.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(view(b.rows)).toEqual(['2026-12-06T23:50 カード番号は漏れましたか / 佐藤 一郎 / 折返し要', '2026-12-07T00:10 退会したい / 鈴木 花子 / -']);
  });

  it('a night shift: 12/06 A-1 at 20:00 and the restarted 12/07 A-1 at 01:30 are two callers, not one call corrected', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-1,2026/12/06,20:00,漏えいの範囲は,調査中,佐藤 一郎,はい']), '2026-12-06'));
    const b = importAndFold(okRows(csv([HEAD, 'A-1,2026/12/07,1:30,お詫びの品はいつ,順次発送,鈴木 花子,いいえ'])), a.events);
    expect(b.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(b.rows).toHaveLength(2);
  });

  it('day 1, then day 2 (numbers restarted), then day 1 re-sent with one answer corrected: three imports leave both callers', () => {
    const d1 = (answer: string) => csv([HEAD, 'A-1,2026/12/06,23:50,カード番号は漏れましたか,' + answer + ',佐藤 一郎,はい', 'A-2,2026/12/06,23:55,問合せ窓口は,ここです,田中 次郎,いいえ']);
    const a = importAndFold(okRows(d1('確認して折り返します'), '2026-12-06'));
    const b = importAndFold(okRows(csv([HEAD, 'A-1,2026/12/07,0:10,退会したい,手続きを案内,鈴木 花子,いいえ', 'A-2,2026/12/07,0:20,住所変更,会員ページ,高橋 三郎,いいえ'])), a.events);
    const c = importAndFold(okRows(d1('漏れていません（折返し済）'), '2026-12-06'), b.events);
    expect(view(c.rows)).toEqual([
      '2026-12-06T23:50 カード番号は漏れましたか / 佐藤 一郎 / 折返し要',
      '2026-12-06T23:55 問合せ窓口は / 田中 次郎 / -',
      '2026-12-07T00:10 退会したい / 鈴木 花子 / -',
      '2026-12-07T00:20 住所変更 / 高橋 三郎 / -',
    ]);
  });

  it('a week workbook, one sheet per day, A-1 every day at 9:00; re-sent with Wednesday A-1 corrected (time and words): one correction, the other days untouched', async () => {
    const head = HEAD.split(',');
    const days = ['01', '02', '03', '04', '05', '06', '07'];
    const week = (fix: boolean) =>
      book(days.map((d) => ({ sheet: `12月${d}日`, rows: [head, ['A-1', `2026/12/${d}`, fix && d === '03' ? '9:07' : '9:00', fix && d === '03' ? `質問${d}（訂正）` : `質問${d}`, '回答', `客${d}`, 'いいえ'], ['A-2', `2026/12/${d}`, '9:30', `別件${d}`, '回答', `別客${d}`, 'いいえ']] })));
    const a = importAndFold(okRows(tableOf(await readVendorTable(await week(false)))));
    expect(a.count).toEqual({ added: 14, already: 0, corrected: 0 });
    const ids = new Map(a.rows.map((e) => [e.at, e.id]));
    const b = importAndFold(okRows(tableOf(await readVendorTable(await week(true)))), a.events);
    expect(b.count).toEqual({ added: 0, already: 13, corrected: 1 });
    const wed = b.rows.find((e) => e.caller.name === '客03')!;
    expect([wed.id, wed.at, wed.question]).toEqual([ids.get('2026-12-03T09:00:00+09:00'), '2026-12-03T09:07:00+09:00', '質問03（訂正）']);
  });
});

describe('a re-sent file correcting calls under one number', () => {
  it('the vendor fixes the times of two A-100 calls that were typed the wrong way round (words unchanged): each enquiry keeps its own question and caller', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい', 'A-100,2026/12/07,9:20,退会したい,案内済,鈴木,いいえ'])));
    const ids = new Map(a.rows.map((e) => [e.caller.name, e.id]));
    // 佐藤 really called at 9:18 and 鈴木 at 9:02.
    const b = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:18,漏れましたか,調査中,佐藤,はい', 'A-100,2026/12/07,9:02,退会したい,案内済,鈴木,いいえ'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 0, corrected: 2 });
    expect(b.rows.map((e) => [e.id, e.at.slice(11, 16), e.question, e.caller.name])).toEqual([
      [ids.get('鈴木'), '09:02', '退会したい', '鈴木'],
      [ids.get('佐藤'), '09:18', '漏れましたか', '佐藤'],
    ]);
  });

  it('one call whose time AND question are corrected, beside another number: a correction of that enquiry', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい', 'A-101,2026/12/07,9:05,退会,案内済,鈴木,いいえ'])));
    const id = a.rows.find((e) => e.caller.name === '佐藤')!.id;
    const b = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:03,クレジットカード番号は漏れましたか,調査中,佐藤,はい', 'A-101,2026/12/07,9:05,退会,案内済,鈴木,いいえ'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 1, corrected: 1 });
    expect(b.rows.map((e) => [e.id === id, e.at.slice(11, 16), e.question])).toEqual([
      [true, '09:03', 'クレジットカード番号は漏れましたか'],
      [false, '09:05', '退会'],
    ]);
  });

  it('a re-sent file with two A-100 rows swapped (time and words together): nothing changes', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい', 'A-100,2026/12/07,9:20,退会したい,案内済,鈴木,いいえ'])));
    const b = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:20,退会したい,案内済,鈴木,いいえ', 'A-100,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 2, corrected: 0 });
  });
});

describe('the same receipt number written another way', () => {
  it('00123 in the CSV, then 123 in the vendor\'s .xlsx of the same day (Excel dropped the zeros): the same enquiry', async () => {
    const a = importAndFold(okRows(csv([HEAD, '00123,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい'])));
    const head = HEAD.split(',');
    const t = tableOf(await readVendorTable(await book([{ sheet: 'ログ', rows: [head, [123, '2026/12/07', '9:00', '漏れましたか', '漏れていません', '佐藤', 'はい']] }])));
    const b = importAndFold(okRows(t), a.events);
    expect(b.count).toEqual({ added: 0, already: 0, corrected: 1 });
    expect(b.rows).toHaveLength(1);
  });

  it('Ａ－１２３ (full width) then A-123: the same enquiry', () => {
    const a = importAndFold(okRows(csv([HEAD, 'Ａ－１２３,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい'])));
    const b = importAndFold(okRows(csv([HEAD, 'A-123,2026/12/07,9:05,漏れましたか,調査中,佐藤,はい'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 0, corrected: 1 });
  });

  it('A−123 (the minus sign a Japanese IME gives) then A-123: the same enquiry', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A−123,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい'])));
    const b = importAndFold(okRows(csv([HEAD, 'A-123,2026/12/07,9:05,漏れましたか,調査中,佐藤,はい'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 0, corrected: 1 });
    expect(b.rows).toHaveLength(1);
  });

  it('"A 123" then "A123": the same enquiry', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A 123,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい'])));
    const b = importAndFold(okRows(csv([HEAD, 'A123,2026/12/07,9:05,漏れましたか,調査中,佐藤,はい'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 0, corrected: 1 });
    expect(b.rows).toHaveLength(1);
  });
});

describe('rows without a receipt number', () => {
  it('web-form rows with "-" in 受付番号 (no number) beside numbered calls: two callers asking the same at the same minute are two enquiries, as with an empty cell', () => {
    const r = logOf(csv([HEAD, 'A-1,2026/12/07,9:00,漏れましたか,調査中,佐藤,いいえ', '-,2026/12/07,9:01,退会したい,案内,鈴木,いいえ', '-,2026/12/07,9:01,退会したい,案内,高橋,いいえ']));
    expect(r.problems).toEqual([]);
    expect(r.enquiries).toHaveLength(3);
  });

  it('the same with the cell left empty: two enquiries, and the file again adds nothing', () => {
    const t = csv([HEAD, 'A-1,2026/12/07,9:00,漏れましたか,調査中,佐藤,いいえ', ',2026/12/07,9:01,退会したい,案内,鈴木,いいえ', ',2026/12/07,9:01,退会したい,案内,高橋,いいえ']);
    const a = importAndFold(okRows(t));
    expect(a.count).toEqual({ added: 3, already: 0, corrected: 0 });
    expect(importAndFold(okRows(t), a.events).count).toEqual({ added: 0, already: 3, corrected: 0 });
  });
});

describe('times and file days as vendors write them', () => {
  it('24時半 in the 12/07 log is 12/08 00:30; 午前 0時半 is 12/07 00:30; 午後3時半 is 15:30', () => {
    const r = okRows(csv([HEAD, 'A-1,2026/12/07,24時半,a,x,,', 'A-2,2026/12/07,午前 0時半,b,x,,', 'A-3,2026/12/07,午後3時半,c,x,,']));
    expect(r.map((e) => e.fields.at)).toEqual(['2026-12-08T00:30:00+09:00', '2026-12-07T00:30:00+09:00', '2026-12-07T15:30:00+09:00']);
  });

  it('a cell 3分 under 通話時間(秒) is 180 s; 2:05 under 通話時間（分） is 125 s; 4.5 under 通話時間（単位：分） is 270 s', () => {
    const h = '受付時刻,問い合わせ内容,通話時間(秒)';
    expect(okRows(csv([h, '9:00,a,3分'])).map((e) => e.fields.durationSec)).toEqual([180]);
    expect(okRows(csv(['受付時刻,問い合わせ内容,通話時間（分）', '9:00,a,2:05'])).map((e) => e.fields.durationSec)).toEqual([125]);
    expect(okRows(csv(['受付時刻,問い合わせ内容,通話時間（単位：分）', '9:00,a,4.5'])).map((e) => e.fields.durationSec)).toEqual([270]);
  });

  it('通話時間（分/件） and 通話時間 分: plain numbers are minutes', () => {
    expect(okRows(csv(['受付時刻,問い合わせ内容,通話時間（分/件）', '9:00,a,4.5'])).map((e) => e.fields.durationSec)).toEqual([270]);
    expect(okRows(csv(['受付時刻,問い合わせ内容,通話時間 分', '9:00,a,4.5'])).map((e) => e.fields.durationSec)).toEqual([270]);
  });

  it('file days from names: 20261207_2.csv and 2026-12-07_v2.csv are 12/07; 1207.csv gives none', () => {
    expect(dayFromName('20261207_2.csv')).toBe('2026-12-07');
    expect(dayFromName('受付ログ_2026-12-07_v2.csv')).toBe('2026-12-07');
    expect(dayFromName('1207.csv')).toBeNull();
  });

  it('a name with a vendor or version number before the day: vendor2020_20261207.csv and ID2026-20261207.csv are 12/07', () => {
    expect(dayFromName('vendor2020_20261207.csv')).toBe('2026-12-07');
    expect(dayFromName('ID2026-20261207.csv')).toBe('2026-12-07');
  });

  it('a log of 20261207_2.csv (day known) whose every row says 2025/12/07: refused as far, not stored a year back', () => {
    const r = vendorEnquiries(csv([HEAD, 'A-1,2025/12/07,9:00,a,x,,', 'A-2,2025/12/07,9:10,b,x,,']), guessVendorMapping('log', HEAD.split(',')), dayFromName('20261207_2.csv')!, { fileDayKnown: true, today: '2026-12-07' });
    expect(r.enquiries).toEqual([]);
    expect(r.problems.map((p) => p.code)).toEqual(['far', 'far']);
  });
});

describe('a vendor number that holds a # of its own', () => {
  it('ticket 5001 then a second contact written 5001#2 in the next file: a new enquiry, not ticket 5001 corrected', () => {
    const a = importAndFold(okRows(csv([HEAD, '5001,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい'])));
    const b = importAndFold(okRows(csv([HEAD, '5001,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい', '5001#2,2026/12/07,11:00,お詫びの品は届きますか,順次,佐藤,いいえ'])), a.events);
    expect(b.count).toEqual({ added: 1, already: 1, corrected: 0 });
  });

  it('only 5001#2 re-sent alone (the vendor sends the follow-ups in their own file): ticket 5001 is left as it is', () => {
    const a = importAndFold(okRows(csv([HEAD, '5001,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい'])));
    const b = importAndFold(okRows(csv([HEAD, '5001#2,2026/12/07,11:00,お詫びの品は届きますか,順次,佐藤,いいえ'])), a.events);
    expect(b.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(b.rows.map((e) => e.question)).toEqual(['漏れましたか', 'お詫びの品は届きますか']);
  });
});

describe('beyond the tester\'s cases', () => {
  it('5,000 rows of one number re-sent with every time moved: matched in well under a second, each call keeps its id', () => {
    const clock = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    const file = (shift: number, same: boolean) => csv([HEAD, ...Array.from({ length: 5_000 }, (_, i) => `0000,2026/12/07,${clock(8 * 3600 + i * 5 + shift)},${same ? '漏れましたか' : `質問${i}`},回答,客${i},いいえ`)]);
    for (const same of [false, true]) {
      const a = importAndFold(okRows(file(0, same)));
      const ids = new Map(a.rows.map((e) => [e.caller.name, e.id]));
      const rows = okRows(file(2, same));
      const t0 = performance.now();
      const b = importAndFold(rows, a.events);
      expect(performance.now() - t0).toBeLessThan(3_000);
      expect(b.count).toEqual({ added: 0, already: 0, corrected: 5_000 });
      expect(b.rows.filter((e) => ids.get(e.caller.name) !== e.id)).toEqual([]);
    }
  }, 60_000);

  it('－, ―, なし and N/A in 受付番号 are no number, as "-" and an empty cell', () => {
    const r = logOf(csv([HEAD, ...['－', '―', 'なし', 'N/A', '-', ''].map((no) => `${no},2026/12/07,9:01,退会したい,案内,鈴木,いいえ`)]));
    expect(r.problems).toEqual([]);
    expect(r.enquiries.map((e) => e.receipt)).toEqual([null, null, null, null, null, null]);
  });

  it('5001#2 re-sent again adds nothing, and ticket 5001 re-sent is still itself', () => {
    const a = importAndFold(okRows(csv([HEAD, '5001,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい'])));
    const b = importAndFold(okRows(csv([HEAD, '5001#2,2026/12/07,11:00,お詫びの品は届きますか,順次,佐藤,いいえ'])), a.events);
    const c = importAndFold(okRows(csv([HEAD, '5001#2,2026/12/07,11:00,お詫びの品は届きますか,順次,佐藤,いいえ', '5001,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい'])), b.events);
    expect(c.count).toEqual({ added: 0, already: 2, corrected: 0 });
  });

  it('0123 and 123 in one file at the same time with the same words: the row sent twice', () => {
    const r = logOf(csv([HEAD, '0123,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい', '123,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい']));
    expect(r.problems.map((p) => [p.code, p.line, p.otherLine])).toEqual([['duplicateRow', 3, 2]]);
  });

  it('an enquiry stored under an old key r:<day>:00123#2 still matches 123 of that day', () => {
    const rows = okRows(csv([HEAD, '00123,2026/12/07,9:00,漏れましたか,調査中,佐藤,はい']));
    const old = rows.map((r) => ({ ...r, rowKey: 'r:2026-12-07:00123#2', receipt: undefined, fields: { ...r.fields, source: { kind: 'vendor' as const, fileDay: '2026-12-07', rowKey: 'r:2026-12-07:00123#2' } } }));
    const a = importAndFold(old);
    expect(importAndFold(okRows(csv([HEAD, '123,2026/12/07,9:00,漏れましたか,確認済,佐藤,はい'])), a.events).count).toEqual({ added: 0, already: 0, corrected: 1 });
  });
});
