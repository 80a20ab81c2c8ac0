/**
 * Rows without a receipt number matched to stored calls (decision 031, addendum "a tester's attack on
 * earlier keys", 2026-12-08): a 午前/午後 row takes the enquiry an earlier version stored under its
 * misread time only when that enquiry is still at the misread time and is this row's call (its caller,
 * or with no caller its answer); rows alike in time, words and operator are told apart by their caller
 * and answer, never by their place in the file. A stored call is never rewritten into another caller's.
 *
 * Stored enquiries "as an earlier version wrote them" are what that version's import stored for the
 * file shown (19a0ee4, before 8860c9a read 午前/午後), key for key.
 */
import { describe, expect, it } from 'vitest';
import { vendorKit, vendorRows, vendorView } from './test-vendor';

const rowsOf = (lines: string[], day = '2026-12-07') => vendorRows(lines, day);
const { earlierImport, importAndFold } = vendorKit();
const view = vendorView;

describe('web-form rows (受付番号 -) alike in time, words and operator, different callers', () => {
  const HEAD_NO = '受付番号,受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';
  const tanaka = '-,9:30,Web,退会したい,手続きを案内,WEB,田中 次郎';
  const suzuki = '-,9:30,Web,退会したい,手続きを案内（折返し済）,WEB,鈴木 花子';

  it('the same file re-sent with the two rows in another order: nothing corrected, each enquiry keeps its caller', () => {
    const first = importAndFold(rowsOf([HEAD_NO, tanaka, suzuki]), []);
    const before = view(first.rows);
    const again = importAndFold(rowsOf([HEAD_NO, suzuki, tanaka]), first.events);
    expect(again.count).toEqual({ added: 0, already: 2, corrected: 0 });
    expect(view(again.rows)).toEqual(before);
  });

  it('a corrected file without the 田中 row: 田中’s call is not rewritten into 鈴木’s', () => {
    const first = importAndFold(rowsOf([HEAD_NO, tanaka, suzuki]), []);
    const tanakaId = first.rows.find((e) => e.caller.name === '田中 次郎')!.id;
    const again = importAndFold(rowsOf([HEAD_NO, suzuki]), first.events);
    expect(again.count).toEqual({ added: 0, already: 1, corrected: 0 });
    expect(again.rows.find((e) => e.id === tanakaId)?.caller.name).toBe('田中 次郎');
    expect(again.rows.map((e) => e.caller.name).sort()).toEqual(['田中 次郎', '鈴木 花子']);
  });

  it('one of them with its answer corrected, the rows swapped: that caller’s enquiry corrected, the other untouched', () => {
    const first = importAndFold(rowsOf([HEAD_NO, tanaka, suzuki]), []);
    const ids = new Map(first.rows.map((e) => [e.caller.name, e.id]));
    const again = importAndFold(rowsOf([HEAD_NO, suzuki, tanaka.replace('手続きを案内', '退会手続きを完了')]), first.events);
    expect(again.count).toEqual({ added: 0, already: 1, corrected: 1 });
    expect(again.rows.map((e) => [e.id, e.caller.name, e.answerText])).toEqual([
      [ids.get('田中 次郎'), '田中 次郎', '退会手続きを完了'],
      [ids.get('鈴木 花子'), '鈴木 花子', '手続きを案内（折返し済）'],
    ]);
  });

  it('a single such row with its caller’s name corrected keeps its enquiry (a corrected caller is a correction)', () => {
    const first = importAndFold(rowsOf([HEAD_NO, tanaka]), []);
    const again = importAndFold(rowsOf([HEAD_NO, tanaka.replace('田中 次郎', '田中 治郎')]), first.events);
    expect(again.count).toEqual({ added: 0, already: 0, corrected: 1 });
    expect(again.rows.map((e) => [e.id, e.caller.name])).toEqual([[first.rows[0]!.id, '田中 治郎']]);
  });

  it('another caller with another answer at the same time and words: a new enquiry, the stored call untouched', () => {
    const first = importAndFold(rowsOf([HEAD_NO, tanaka]), []);
    const again = importAndFold(rowsOf([HEAD_NO, '-,9:30,Web,退会したい,書面で案内,WEB,高橋 三郎']), first.events);
    expect(again.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(view(again.rows)).toEqual(['new | 12-07 09:30 | 退会したい | 手続きを案内 | 田中 次郎', 'new | 12-07 09:30 | 退会したい | 書面で案内 | 高橋 三郎']);
    expect(again.rows.find((e) => e.id === first.rows[0]!.id)?.caller.name).toBe('田中 次郎');
  });
});

describe('a log imported by a version before 8860c9a (19a0ee4), imported again', () => {
  const HEAD = '受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';

  it('the 午後 3:15 call stored by that version at 03:15, then a corrected file with a real 3:15 night call inserted before it: the stored 午後 call keeps its caller', () => {
    const stored = earlierImport([{ id: 'old-pm', key: 'c:2026-12-07:1f01gvxcuzz:0', at: '2026-12-07T03:15:00+09:00', question: 'お詫びの品はいつ届きますか', answer: '12月中に発送', operator: 'OP-2', name: '鈴木 花子' }]);
    const fixed = [HEAD, '3:15,電話,お詫びの品はいつ届きますか,夜間窓口で受付,OP-2,夜勤 一郎', '午後 3:15,電話,お詫びの品はいつ届きますか,12月中に発送,OP-2,鈴木 花子'];
    const again = importAndFold(rowsOf(fixed), stored);
    expect(again.count).toEqual({ added: 1, already: 0, corrected: 1 });
    expect(view(again.rows)).toEqual(['new | 12-07 03:15 | お詫びの品はいつ届きますか | 夜間窓口で受付 | 夜勤 一郎', 'old-pm | 12-07 15:15 | お詫びの品はいつ届きますか | 12月中に発送 | 鈴木 花子']);
  });
});

describe('files imported only by this version: the earlier-version key of a 午前/午後 row is another stored call’s key', () => {
  const HEAD = '受付時刻,チャネル,問い合わせ内容,回答内容,氏名';

  it('the night-shift file (午前 3:15), then the day-shift file (午後 3:15, same words): the night call is not rewritten into the afternoon one', () => {
    const night = importAndFold(rowsOf([HEAD, '午前 3:15,Web,退会したい,夜間受付で案内,夜勤 一郎']), []);
    const nightId = night.rows[0]!.id;
    const day = importAndFold(rowsOf([HEAD, '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子']), night.events);
    expect(day.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(day.rows.find((e) => e.id === nightId)?.caller.name).toBe('夜勤 一郎');
    expect(view(day.rows)).toEqual(['new | 12-07 03:15 | 退会したい | 夜間受付で案内 | 夜勤 一郎', 'new | 12-07 15:15 | 退会したい | 手続きを案内 | 鈴木 花子']);
  });

  it('午後 12:10 (lunch) in one file, 午前 12:10 (just after midnight) in the next: the lunch call is not rewritten into the midnight one', () => {
    const lunch = importAndFold(rowsOf([HEAD, '午後 12:10,Web,退会したい,手続きを案内,昼 花子']), []);
    const lunchId = lunch.rows[0]!.id;
    const late = importAndFold(rowsOf([HEAD, '午前 12:10,Web,退会したい,夜間受付で案内,夜間 太郎']), lunch.events);
    expect(late.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(late.rows.find((e) => e.id === lunchId)?.caller.name).toBe('昼 花子');
    expect(late.rows.find((e) => e.id === lunchId)?.at).toBe('2026-12-07T12:10:00+09:00');
  });

  it('one file re-sent corrected, the 午前 3:15 row’s time fixed to 午前 3:20: the 午後 3:15 call is not rewritten into the night one', () => {
    const file = [HEAD, '午前 3:15,Web,退会したい,夜間受付で案内,夜勤 一郎', '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子'];
    const first = importAndFold(rowsOf(file), []);
    const ids = new Map(first.rows.map((e) => [e.caller.name, e.id]));
    const fixed = importAndFold(rowsOf([HEAD, '午前 3:20,Web,退会したい,夜間受付で案内,夜勤 一郎', '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子']), first.events);
    // A corrected time without a receipt number is another call to us (decision 031): the 3:20 row is added beside the 3:15 one.
    expect(fixed.count).toEqual({ added: 1, already: 1, corrected: 0 });
    expect(fixed.rows.find((e) => e.id === ids.get('夜勤 一郎'))?.caller.name).toBe('夜勤 一郎');
    expect(fixed.rows.find((e) => e.id === ids.get('鈴木 花子'))?.caller.name).toBe('鈴木 花子');
    expect(fixed.rows.filter((e) => e.caller.name === '鈴木 花子')).toHaveLength(1);
  });

  it('the same caller at 午前 3:15 and again at 午後 3:15 with the same words: the afternoon row never takes the night call its own row claims', () => {
    const night = importAndFold(rowsOf([HEAD, '午前 3:15,Web,退会したい,夜間受付で案内,鈴木 花子']), []);
    const nightId = night.rows[0]!.id;
    const both = importAndFold(rowsOf([HEAD, '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子', '午前 3:15,Web,退会したい,夜間受付で案内,鈴木 花子']), night.events);
    expect(both.count).toEqual({ added: 1, already: 1, corrected: 0 });
    expect(view(both.rows)).toEqual(['new | 12-07 03:15 | 退会したい | 夜間受付で案内 | 鈴木 花子', 'new | 12-07 15:15 | 退会したい | 手続きを案内 | 鈴木 花子']);
    expect(both.rows.find((e) => e.id === nightId)?.at).toBe('2026-12-07T03:15:00+09:00');
  });
});

describe('rows alike in time, words and operator with the same canned answer', () => {
  const HEAD_NO = '受付番号,受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';
  const row = (name: string) => `-,9:30,Web,退会したい,手続きを案内,WEB,${name}`;

  it('two stored, a re-sent file with 鈴木’s row and a third caller’s instead of 田中’s: 田中’s call is kept and the third caller added', () => {
    const first = importAndFold(rowsOf([HEAD_NO, row('田中 次郎'), row('鈴木 花子')]), []);
    const ids = new Map(first.rows.map((e) => [e.caller.name, e.id]));
    const again = importAndFold(rowsOf([HEAD_NO, row('高橋 三郎'), row('鈴木 花子')]), first.events);
    expect(again.count).toEqual({ added: 1, already: 1, corrected: 0 });
    expect(again.rows.find((e) => e.id === ids.get('田中 次郎'))?.caller.name).toBe('田中 次郎');
    expect(again.rows.find((e) => e.id === ids.get('鈴木 花子'))?.caller.name).toBe('鈴木 花子');
    expect(again.rows.map((e) => e.caller.name).sort()).toEqual(['田中 次郎', '鈴木 花子', '高橋 三郎'].sort());
  });

  it('without a caller column: each row takes one stored call, a row more is added', () => {
    const head = '受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID';
    const line = '9:30,Web,退会したい,手続きを案内,WEB';
    const first = importAndFold(rowsOf([head, line, line]), []);
    expect(importAndFold(rowsOf([head, line, line]), first.events).count).toEqual({ added: 0, already: 2, corrected: 0 });
    expect(importAndFold(rowsOf([head, line, line, line]), first.events).count).toEqual({ added: 1, already: 2, corrected: 0 });
  });
});
