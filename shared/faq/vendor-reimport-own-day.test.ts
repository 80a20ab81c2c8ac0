/**
 * A row that carries its own date (a 受付日時 column, or 12/8 01:30 in the 12/07 log) is filed under
 * that date (decision 031, addendum of 2026-12-08): its key and the day its receipt number is matched
 * on are the row's, not the day box's — the same log imported under another day adds nothing twice —
 * and the keys earlier versions gave it under the box's day still find what they stored.
 */
import { describe, expect, it } from 'vitest';
import { vendorKit, vendorRows, vendorView } from './test-vendor';
import type { VendorEnquiry } from './vendor-rows';

const rowsOf = (lines: string[], day = '2026-12-07', fileDayKnown = true) => vendorRows(lines, day, { fileDayKnown });
const kit = vendorKit();
const { earlierImport, importAndFold } = kit;
const view = vendorView;

/** Rows as the versions before 2026-12-08 keyed them: under the day box's day (or its day column's), their time as read now. */
const underDay = (rows: VendorEnquiry[], day: string) =>
  rows.map((row) => {
    const rowKey = row.rowKey.replace(/^([cr]):[^:]*:/, `$1:${day}:`);
    return { ...row, rowKey, receipt: row.receipt ? { ...row.receipt, day } : row.receipt, earlier: undefined, fields: { ...row.fields, source: { kind: 'vendor' as const, fileDay: day, rowKey } } };
  });

describe('the same day file, its 受付日時 cells giving each call its own day, imported again on another day', () => {
  // No day in the file's name, nothing typed: the day box says today's (12/07, then 12/08).
  const HEAD = '受付日時,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';
  const file = [HEAD, '2026/12/06 9:05,電話,カード番号は漏れましたか,確認中,OP-1,佐藤 一郎', '2026/12/06 15:40,メール,退会したい,手続きを案内,OP-2,田中 次郎'];
  const late = '2026/12/06 23:50,電話,お詫びの品はいつ届きますか,12月中に発送,OP-1,鈴木 花子';

  it('without 受付番号: the calls already stored are not added a second time', () => {
    const first = importAndFold(rowsOf(file, '2026-12-07', false), []);
    expect(first.count).toEqual({ added: 2, already: 0, corrected: 0 });
    expect(first.rows.map((e) => e.source?.rowKey.slice(0, 13))).toEqual(['c:2026-12-06:', 'c:2026-12-06:']);
    const again = importAndFold(rowsOf([...file, late], '2026-12-08', false), first.events);
    expect(again.count).toEqual({ added: 1, already: 2, corrected: 0 });
    expect(again.rows).toHaveLength(3);
  });

  it('with 受付番号: the calls already stored are not added a second time', () => {
    const numbered = ['受付番号,' + HEAD, 'A-1,' + file[1], 'A-2,' + file[2]];
    const first = importAndFold(rowsOf(numbered, '2026-12-07', false), []);
    const again = importAndFold(rowsOf(numbered, '2026-12-08', false), first.events);
    expect(again.count).toEqual({ added: 0, already: 2, corrected: 0 });
    expect(again.rows).toHaveLength(2);
  });

  it('stored by the version before (keys under the box’s day, 12/07), imported again under 12/08: nothing added, each its own call', () => {
    const stored = importAndFold(underDay(rowsOf(file, '2026-12-07', false), '2026-12-07'), []);
    expect(stored.rows.map((e) => e.source?.rowKey.slice(0, 13))).toEqual(['c:2026-12-07:', 'c:2026-12-07:']);
    const again = importAndFold(rowsOf([...file, late], '2026-12-08', false), stored.events);
    expect(again.count).toEqual({ added: 1, already: 2, corrected: 0 });
    expect(again.rows.filter((e) => !e.id.startsWith(`new${kit.seq - 1}`)).map((e) => e.caller.name)).toEqual(['佐藤 一郎', '田中 次郎']);
  });

  it('with 受付番号, stored under the box’s day: matched; the box day’s own A-1 call is never taken by 12/06’s A-1', () => {
    const numbered = ['受付番号,' + HEAD, 'A-1,' + file[1], 'A-2,' + file[2]];
    const stored = importAndFold(underDay(rowsOf(numbered, '2026-12-07', false), '2026-12-07'), []);
    // The 12/07 log proper, its own A-1 (numbers start again each morning), imported on 12/07.
    const own = importAndFold(rowsOf(['受付番号,受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名', 'A-1,9:10,電話,カード番号は漏れましたか,調査中,OP-1,高橋 三郎']), stored.events);
    expect(own.count).toEqual({ added: 1, already: 0, corrected: 0 });
    const again = importAndFold(rowsOf(numbered, '2026-12-08', false), own.events);
    expect(again.count).toEqual({ added: 0, already: 2, corrected: 0 });
    expect(again.rows.map((e) => [e.at.slice(5, 16), e.caller.name, e.answerText])).toEqual([
      ['12-06T09:05', '佐藤 一郎', '確認中'],
      ['12-06T15:40', '田中 次郎', '手続きを案内'],
      ['12-07T09:10', '高橋 三郎', '調査中'],
    ]);
    // The 12/06 file with A-1 gone: the 12/07 A-1 call is not taken for it either.
    const without = importAndFold(rowsOf(['受付番号,' + HEAD, 'A-1,2026/12/06 9:40,電話,住所を変えたい,会員ページで変更,OP-3,伊藤 四郎'], '2026-12-08', false), again.events);
    expect(without.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(without.rows.find((e) => e.caller.name === '高橋 三郎')?.answerText).toBe('調査中');
  });

  it('a night shift’s 24:30 written with its date (2026/12/06 24:30) is the 12/06 log’s', () => {
    const rows = rowsOf([HEAD, '2026/12/06 24:30,電話,退会したい,手続きを案内,OP-2,田中 次郎'], '2026-12-08', false);
    expect(rows[0]!.fields.at).toBe('2026-12-07T00:30:00+09:00');
    expect(rows[0]!.rowKey.slice(0, 13)).toBe('c:2026-12-06:');
  });
});

describe('a night call written with its day before the time (12/8 01:30 in the 12/07 log)', () => {
  const HEAD = '受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';
  const file = [HEAD, '22:40,電話,カード番号は漏れましたか,確認中,OP-1,佐藤 一郎', '12/8 01:30,電話,窓口は何時までですか,24時間です,OP-3,夜間 太郎', '12月8日 2時10分,電話,退会したい,手続きを案内,OP-3,深夜 花子'];

  it('filed by a version before 8860c9a (19a0ee4) on 12/07 at 01:30: not added a second time, its day corrected', () => {
    // As 19a0ee4 stored that file (it ignored 12/8 before the time: 12/07 01:30 and 02:10).
    const stored = earlierImport([
      { id: 'old-1', key: 'c:2026-12-07:f15jjds0uj:0', at: '2026-12-07T22:40:00+09:00', question: 'カード番号は漏れましたか', answer: '確認中', operator: 'OP-1', name: '佐藤 一郎' },
      { id: 'old-2', key: 'c:2026-12-07:14i7ty3f35y:0', at: '2026-12-07T01:30:00+09:00', question: '窓口は何時までですか', answer: '24時間です', operator: 'OP-3', name: '夜間 太郎' },
      { id: 'old-3', key: 'c:2026-12-07:gqb6gyxnkd:0', at: '2026-12-07T02:10:00+09:00', question: '退会したい', answer: '手続きを案内', operator: 'OP-3', name: '深夜 花子' },
    ]);
    const again = importAndFold(rowsOf(file), stored);
    expect(again.count).toEqual({ added: 0, already: 1, corrected: 2 });
    expect(view(again.rows)).toEqual(['old-1 | 12-07 22:40 | カード番号は漏れましたか | 確認中 | 佐藤 一郎', 'old-2 | 12-08 01:30 | 窓口は何時までですか | 24時間です | 夜間 太郎', 'old-3 | 12-08 02:10 | 退会したい | 手続きを案内 | 深夜 花子']);
    expect(importAndFold(rowsOf(file), again.events).count).toEqual({ added: 0, already: 3, corrected: 0 });
  });

  it('filed by the versions since (12/08 01:30 under the 12/07 key): nothing added', () => {
    const stored = importAndFold(underDay(rowsOf(file), '2026-12-07'), []);
    const again = importAndFold(rowsOf(file), stored.events);
    expect(again.count).toEqual({ added: 0, already: 3, corrected: 0 });
  });

  it('a real 01:30 call of 12/07 stored with the same words is not taken by the 12/8 01:30 row of another caller', () => {
    const stored = importAndFold(rowsOf([HEAD, '1:30,電話,窓口は何時までですか,9時からです,OP-3,早朝 次郎']), []);
    const again = importAndFold(rowsOf(file), stored.events);
    expect(again.count).toEqual({ added: 3, already: 0, corrected: 0 });
    expect(again.rows.find((e) => e.id === stored.rows[0]!.id)?.caller.name).toBe('早朝 次郎');
  });
});

describe('a night shift’s rows written with the next morning’s date, under 受付番号', () => {
  const HEAD = '受付番号,受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';

  it('12/8 01:30 in the 12/07 log (its day known) keeps 12/07’s numbers: the 12/08 log’s own A-90 is another call', () => {
    const night = rowsOf([HEAD, 'A-90,12/8 01:30,電話,退会したい,手続きを案内,OP-3,夜間 太郎']);
    expect(night[0]!.rowKey).toBe('r:2026-12-07:A-90');
    const first = importAndFold(night, []);
    const next = importAndFold(rowsOf([HEAD, 'A-90,14:00,電話,退会したい,書面で案内,OP-1,昼 花子'], '2026-12-08'), first.events);
    expect(next.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(next.rows.map((e) => [e.at.slice(5, 16), e.caller.name])).toEqual([
      ['12-08T01:30', '夜間 太郎'],
      ['12-08T14:00', '昼 花子'],
    ]);
  });

  it('the same night row filed under 12/08 by an import with no day known, then with 12/07 known: nothing added; the 12/08 A-90 at another time never taken', () => {
    const head = '受付番号,受付日時,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';
    const line = 'A-90,2026/12/08 01:30,電話,退会したい,手続きを案内,OP-3,夜間 太郎';
    const first = importAndFold(rowsOf([head, line], '2026-12-09', false), []);
    expect(first.rows[0]!.source?.rowKey).toBe('r:2026-12-08:A-90');
    const own = importAndFold(rowsOf([head, 'A-90,2026/12/08 14:00,電話,住所を変えたい,書面で案内,OP-1,昼 花子'], '2026-12-08'), first.events);
    expect(own.count).toEqual({ added: 1, already: 0, corrected: 0 });
    const again = importAndFold(rowsOf([head, line], '2026-12-07'), own.events);
    expect(again.count).toEqual({ added: 0, already: 1, corrected: 0 });
    // The 12/07 log re-sent without its night row but with another A-90 call at 12/8 02:00: the 12/08 calls stay theirs.
    const other = importAndFold(rowsOf([head, 'A-90,2026/12/08 02:00,電話,退会したい,手続きを案内,OP-3,深夜 花子'], '2026-12-07'), again.events);
    expect(other.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(other.rows.map((e) => e.caller.name)).toEqual(['夜間 太郎', '深夜 花子', '昼 花子']);
  });
});
