/**
 * Enquiries under one 受付番号 on re-import (decision 031, addendum of the re-attack): rows
 * of a number are matched to the stored enquiries of that number by time and words, never by
 * where they stand in the file. From a second tester's failing cases (vendor-log-reattack).
 */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { enquiriesProjection } from './events';
import type { Enquiry } from './model';
import { importVendorEnquiries, knownVendorRows, matchReceiptRows } from './vendor-commands';
import { guessVendorMapping } from './vendor-mapping';
import { vendorEnquiries, type VendorEnquiry } from './vendor-rows';
import { readCsvTable, readVendorTable, type VendorTable } from './vendor-table';

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

let seq = 0;
function importAndFold(rows: readonly VendorEnquiry[], before: HonbuEvent[] = []) {
  const stored = foldAll(enquiriesProjection, before);
  const imp = ++seq;
  // Ids of its own per import (testContext numbers from id-1 each time).
  const r = importVendorEnquiries(testContext({ ids: Array.from({ length: rows.length }, (_, i) => `e${imp}-${i}`) }), knownVendorRows(stored.values()), { incidentId: 'i1', rows });
  if (!r.ok) throw new Error('refused');
  const events = [
    ...before,
    ...r.events.map((d) => {
      seq++;
      return { ...d, id: `ev-${String(seq).padStart(4, '0')}`, at: `2026-12-07T12:${String(Math.floor(seq / 60) % 60).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}.000Z`, actor: 'p1' } as unknown as HonbuEvent;
    }),
  ];
  const folded = [...foldAll(enquiriesProjection, events).values()] as Enquiry[];
  return { count: r.value, events, rows: folded.sort((a, b) => a.at.localeCompare(b.at) || a.question.localeCompare(b.question)) };
}
const view = (rows: Enquiry[]) => rows.map((e) => `${e.at.slice(11, 16)} ${e.question} / ${e.answerText}`);
const HEAD = '受付番号,受付日,受付時刻,問い合わせ内容,回答内容';

describe('rows of one 受付番号 are matched by time and words, not by their place', () => {
  it('the same file re-sent with its two A-100 rows in the other order changes nothing; each id keeps its call', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中', 'A-100,2026/12/07,9:30,退会したい,案内済'])));
    const ids = new Map(a.rows.map((e) => [e.question, e.id]));
    const b = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:30,退会したい,案内済', 'A-100,2026/12/07,9:00,漏れましたか,調査中'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 2, corrected: 0 });
    expect(new Map(b.rows.map((e) => [e.question, e.id]))).toEqual(ids);
  });

  it('three A-100 rows, then the file with the mistaken middle one removed: the other two are already there, the removed one is left as it was', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中', 'A-100,2026/12/07,9:10,重複入力,x', 'A-100,2026/12/07,9:20,退会したい,案内済'])));
    const b = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中', 'A-100,2026/12/07,9:20,退会したい,案内済'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 2, corrected: 0 });
    expect(view(b.rows)).toEqual(['09:00 漏れましたか / 調査中', '09:10 重複入力 / x', '09:20 退会したい / 案内済']);
  });

  it('a corrected answer of the second of two A-100 rows corrects that one, whichever order the file gives', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中', 'A-100,2026/12/07,9:30,退会したい,確認中'])));
    const b = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:30,退会したい,会員ページから手続きできます', 'A-100,2026/12/07,9:00,漏れましたか,調査中'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 1, corrected: 1 });
    expect(view(b.rows)).toEqual(['09:00 漏れましたか / 調査中', '09:30 退会したい / 会員ページから手続きできます']);
  });

  it('a corrected time pairs with the nearest stored call of the number', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中', 'A-100,2026/12/07,15:00,退会したい,案内済'])));
    const b = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中', 'A-100,2026/12/07,15:05,退会したい,案内済'])), a.events);
    expect(b.count).toEqual({ added: 0, already: 1, corrected: 1 });
    expect(view(b.rows)).toEqual(['09:00 漏れましたか / 調査中', '15:05 退会したい / 案内済']);
  });

  // Was 'a correction moving a call from 12/07 0:05 to 12/06 23:55 is a correction' (the six-hour rule
  // across midnight). Numbers that start again each day made that rule rewrite 12/06's A-1 at 23:50
  // into 12/07's A-1 at 0:10 (a third tester): a number is now matched on its own day only, and a
  // call moved to another day is a second enquiry — a duplicate is less harmful than a lost call.
  it('a correction moving a call from 12/07 0:05 to 12/06 23:55 is a second enquiry; the stored call is left as it was', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-7,2026/12/07,0:05,漏れましたか,調査中', 'A-8,2026/12/07,9:00,次,済'])));
    const b = importAndFold(okRows(csv([HEAD, 'A-7,2026/12/06,23:55,漏れましたか,調査中', 'A-8,2026/12/07,9:00,次,済'])), a.events);
    expect(b.count).toEqual({ added: 1, already: 1, corrected: 0 });
    expect(b.rows.filter((e) => e.question === '漏れましたか').map((e) => e.at)).toEqual(['2026-12-06T23:55:00+09:00', '2026-12-07T00:05:00+09:00']);
    // And that file once more: nothing.
    expect(importAndFold(okRows(csv([HEAD, 'A-7,2026/12/06,23:55,漏れましたか,調査中', 'A-8,2026/12/07,9:00,次,済'])), b.events).count).toEqual({ added: 0, already: 2, corrected: 0 });
  });

  it('numbers that start again each day: 12/07 A-1 at 9:00 is a new call, not 12/06 A-1 at 9:00 corrected', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-1,2026/12/06,9:00,漏れましたか,調査中'])));
    const b = importAndFold(okRows(csv([HEAD, 'A-1,2026/12/07,9:00,退会したい,案内済'])), a.events);
    expect(b.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(b.rows.map((e) => [e.at.slice(0, 16), e.question])).toEqual([
      ['2026-12-06T09:00', '漏れましたか'],
      ['2026-12-07T09:00', '退会したい'],
    ]);
  });

  it('enquiries stored under the old keys (r:<day>:<no> and r:<day>:<no>#2) still match their rows', () => {
    const rows = okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中', 'A-100,2026/12/07,9:30,退会したい,案内済']));
    expect(rows.map((r) => r.rowKey)).toEqual(['r:2026-12-07:A-100', 'r:2026-12-07:A-100#2']);
    const a = importAndFold(rows);
    // Stored in the other order under those keys (the #2 one holding the 9:00 call): the keys do not decide.
    const swapped = rows.map((r, i) => ({ ...r, rowKey: rows[1 - i]!.rowKey, fields: { ...r.fields, source: { kind: 'vendor' as const, fileDay: '2026-12-07', rowKey: rows[1 - i]!.rowKey } } }));
    expect(importAndFold(swapped, a.events).count).toEqual({ added: 0, already: 2, corrected: 0 });
  });

  it('a number whose rows fall in two parts of the import is matched over the whole file (the handler matches first)', () => {
    const a = importAndFold(okRows(csv([HEAD, 'A-100,2026/12/07,9:00,漏れましたか,調査中', 'A-100,2026/12/07,9:30,退会したい,案内済'])));
    const rows = okRows(csv([HEAD, 'A-100,2026/12/07,9:31,退会したい,案内済', 'A-100,2026/12/07,9:00,漏れましたか,調査中']));
    const known = knownVendorRows(foldAll(enquiriesProjection, a.events).values());
    matchReceiptRows(known, rows);
    const first = importVendorEnquiries(testContext(), known, { incidentId: 'i1', rows: rows.slice(0, 1) });
    const second = importVendorEnquiries(testContext(), known, { incidentId: 'i1', rows: rows.slice(1) });
    expect([first.ok && first.value, second.ok && second.value]).toEqual([
      { added: 0, already: 0, corrected: 1 },
      { added: 0, already: 1, corrected: 0 },
    ]);
  });
});

describe('a row sent twice', () => {
  async function book(sheets: { sheet: string; rows: string[][] }[]) {
    const blob = await writeXlsxFile(sheets.map((s) => ({ sheet: s.sheet, data: s.rows.map((r) => r.map((value) => ({ value }))) })) as never).toBlob();
    return new Uint8Array(await blob.arrayBuffer());
  }

  it('a second sheet repeating a row of the first word for word is a problem naming both places', async () => {
    const head = HEAD.split(',');
    const t = tableOf(
      await readVendorTable(
        await book([
          { sheet: '午前', rows: [head, ['A-1', '2026/12/07', '9:00', '漏れましたか', '調査中'], ['A-2', '2026/12/07', '11:50', '届きますか', '順次']] },
          { sheet: '午後', rows: [head, ['A-2', '2026/12/07', '11:50', '届きますか', '順次'], ['A-3', '2026/12/07', '13:00', '退会', '案内']] },
        ]),
      ),
    );
    expect(logOf(t).problems).toEqual([{ code: 'duplicateRow', line: 2, column: 1, header: '受付番号', sheet: '午後', otherLine: 3, otherSheet: '午前' }]);
  });

  it('in one CSV (words compared in NFKC); the same number at another time stays two calls', () => {
    const t = csv([HEAD, 'A-1,2026/12/07,9:00,漏れましたか,調査中', 'A-1,2026/12/07,9:00,漏れましたか,調査中', 'A-1,2026/12/07,9:05,漏れましたか,調査中']);
    const { enquiries, problems } = logOf(t);
    expect(problems).toEqual([{ code: 'duplicateRow', line: 3, column: 1, header: '受付番号', otherLine: 2 }]);
    expect(enquiries.map((e) => e.line)).toEqual([2, 4]);
  });
});
