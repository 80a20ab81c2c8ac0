/**
 * A stranger's attack on re-importing the call-centre vendor's day log (decision 031, addenda
 * "keys of earlier versions" and the third tester's): the same file, corrected files, files an
 * earlier version imported, imported again. A re-import must add nothing twice, lose no call and
 * never rewrite a stored call into another call's contents.
 *
 * Stored enquiries "as an earlier version wrote them" were made by running that version's import
 * on the file shown (a scratch worktree of 19a0ee4, before 8860c9a read 午前/午後 and a day written
 * before the time), key for key.
 */
import { describe, expect, it } from 'vitest';
import { vendorKit, vendorRows, vendorView } from './test-vendor';

const rowsOf = (lines: string[], day = '2026-12-07', fileDayKnown = true) => vendorRows(lines, day, { fileDayKnown });
const { earlierImport, importAndFold } = vendorKit();
const view = vendorView;

describe('the same day file, its 受付日時 cells giving each call its own day, imported again on another day', () => {
  // A vendor log with one date-and-time column (受付日時) and no file day in its name: the screen's
  // day box says 「日付の列がないときはこの日付を使います」 and starts at today's. The 12/06 log sent
  // on the morning of 12/07 and imported then; re-sent with a late row on 12/08 and imported then.
  const HEAD = '受付日時,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';
  const file = [HEAD, '2026/12/06 9:05,電話,カード番号は漏れましたか,確認中,OP-1,佐藤 一郎', '2026/12/06 15:40,メール,退会したい,手続きを案内,OP-2,田中 次郎'];

  it('without 受付番号: the calls already stored are not added a second time', () => {
    // The day box left at today's each time (no day in the name, nothing typed): 12/07, then 12/08.
    const first = importAndFold(rowsOf(file, '2026-12-07', false), []);
    expect(first.count).toEqual({ added: 2, already: 0, corrected: 0 });
    const resent = [...file, '2026/12/06 23:50,電話,お詫びの品はいつ届きますか,12月中に発送,OP-1,鈴木 花子'];
    const again = importAndFold(rowsOf(resent, '2026-12-08', false), first.events);
    // Today: {added: 3, already: 0} — the list shows 佐藤's and 田中's calls twice each (five rows, all on 12/06).
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
});

describe('web-form rows (受付番号 -) alike in time, words and operator, different callers, imported by this version', () => {
  const HEAD_NO = '受付番号,受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';
  const tanaka = '-,9:30,Web,退会したい,手続きを案内,WEB,田中 次郎';
  const suzuki = '-,9:30,Web,退会したい,手続きを案内（折返し済）,WEB,鈴木 花子';

  it('the same file re-sent with the two rows in another order: nothing corrected, each enquiry keeps its caller', () => {
    const first = importAndFold(rowsOf([HEAD_NO, tanaka, suzuki]), []);
    const before = view(first.rows);
    const again = importAndFold(rowsOf([HEAD_NO, suzuki, tanaka]), first.events);
    // The decision: "the same file in another order adds nothing". It adds nothing, but says
    // 「0件を追加、0件は登録済み、2件を修正」 and each stored enquiry now holds the other caller.
    expect(again.count).toEqual({ added: 0, already: 2, corrected: 0 });
    expect(view(again.rows)).toEqual(before);
  });

  it('a corrected file without the 田中 row: 田中’s call is not rewritten into 鈴木’s', () => {
    const first = importAndFold(rowsOf([HEAD_NO, tanaka, suzuki]), []);
    const tanakaId = first.rows.find((e) => e.caller.name === '田中 次郎')!.id;
    const again = importAndFold(rowsOf([HEAD_NO, suzuki]), first.events);
    // 田中's enquiry (its callback, its notes) must stay 田中's: "a stored enquiry no row pairs with is left as it is".
    expect(again.rows.find((e) => e.id === tanakaId)?.caller.name).toBe('田中 次郎');
    expect(again.rows.map((e) => e.caller.name).sort()).toEqual(['田中 次郎', '鈴木 花子']);
  });
});

describe('a log imported by a version before 8860c9a (19a0ee4), imported again', () => {
  const HEAD = '受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';

  it('a night call written with its day before the time (12/8 01:30 in the 12/07 log), filed by that version on 12/07: not added a second time', () => {
    const file = [HEAD, '22:40,電話,カード番号は漏れましたか,確認中,OP-1,佐藤 一郎', '12/8 01:30,電話,窓口は何時までですか,24時間です,OP-3,夜間 太郎', '12月8日 2時10分,電話,退会したい,手続きを案内,OP-3,深夜 花子'];
    // As 19a0ee4 stored that file (it ignored 12/8 before the time: 12/07 01:30 and 02:10).
    const stored = earlierImport([
      { id: 'old-1', key: 'c:2026-12-07:f15jjds0uj:0', at: '2026-12-07T22:40:00+09:00', question: 'カード番号は漏れましたか', answer: '確認中', operator: 'OP-1', name: '佐藤 一郎' },
      { id: 'old-2', key: 'c:2026-12-07:14i7ty3f35y:0', at: '2026-12-07T01:30:00+09:00', question: '窓口は何時までですか', answer: '24時間です', operator: 'OP-3', name: '夜間 太郎' },
      { id: 'old-3', key: 'c:2026-12-07:gqb6gyxnkd:0', at: '2026-12-07T02:10:00+09:00', question: '退会したい', answer: '手続きを案内', operator: 'OP-3', name: '深夜 花子' },
    ]);
    const again = importAndFold(rowsOf(file), stored);
    // Today: {added: 2, already: 1}: 夜間 太郎's and 深夜 花子's calls are in the list twice, once on 12/07 and once on 12/08.
    expect(again.count.added).toBe(0);
    expect(view(again.rows)).toEqual(['old-1 | 12-07 22:40 | カード番号は漏れましたか | 確認中 | 佐藤 一郎', 'old-2 | 12-08 01:30 | 窓口は何時までですか | 24時間です | 夜間 太郎', 'old-3 | 12-08 02:10 | 退会したい | 手続きを案内 | 深夜 花子']);
  });

  it('the 午後 3:15 call stored by that version at 03:15, then a corrected file with a real 3:15 night call inserted before it: the stored 午後 call keeps its caller', () => {
    // As 19a0ee4 stored the first file [午後 3:15 鈴木]: key c:…:1f01gvxcuzz:0, at 03:15.
    const stored = earlierImport([{ id: 'old-pm', key: 'c:2026-12-07:1f01gvxcuzz:0', at: '2026-12-07T03:15:00+09:00', question: 'お詫びの品はいつ届きますか', answer: '12月中に発送', operator: 'OP-2', name: '鈴木 花子' }]);
    const fixed = [HEAD, '3:15,電話,お詫びの品はいつ届きますか,夜間窓口で受付,OP-2,夜勤 一郎', '午後 3:15,電話,お詫びの品はいつ届きますか,12月中に発送,OP-2,鈴木 花子'];
    const again = importAndFold(rowsOf(fixed), stored);
    // Today: old-pm (鈴木's enquiry, its callback and notes) is rewritten into 夜勤 一郎's night call, and 鈴木's call is added anew.
    expect(again.rows.find((e) => e.id === 'old-pm')?.caller.name).toBe('鈴木 花子');
    expect(view(again.rows)).toEqual(['new | 12-07 03:15 | お詫びの品はいつ届きますか | 夜間窓口で受付 | 夜勤 一郎', 'old-pm | 12-07 15:15 | お詫びの品はいつ届きますか | 12月中に発送 | 鈴木 花子']);
  });
});

describe('files imported only by this version: the earlier-version key of a 午前/午後 row is another stored call’s key', () => {
  // A vendor whose system writes every time with 午前/午後, no operator column, web-form rows; the
  // day's calls come in two files (night shift, then day shift) — or one file re-sent corrected.
  const HEAD = '受付時刻,チャネル,問い合わせ内容,回答内容,氏名';

  it('the night-shift file (午前 3:15), then the day-shift file (午後 3:15, same words): the night call is not rewritten into the afternoon one', () => {
    const night = importAndFold(rowsOf([HEAD, '午前 3:15,Web,退会したい,夜間受付で案内,夜勤 一郎']), []);
    const nightId = night.rows[0]!.id;
    const day = importAndFold(rowsOf([HEAD, '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子']), night.events);
    // Today: {added: 0, corrected: 1} — the 3:15 night call (夜勤 一郎) becomes 鈴木's 15:15 call; 夜勤's call is gone from the list.
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

  it('one file re-sent corrected, the 午前 3:15 row’s time fixed to 午前 3:20: the night call is corrected, not the 午後 3:15 call rewritten into it', () => {
    const file = [HEAD, '午前 3:15,Web,退会したい,夜間受付で案内,夜勤 一郎', '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子'];
    const first = importAndFold(rowsOf(file), []);
    const ids = new Map(first.rows.map((e) => [e.caller.name, e.id]));
    const fixed = importAndFold(rowsOf([HEAD, '午前 3:20,Web,退会したい,夜間受付で案内,夜勤 一郎', '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子']), first.events);
    // Whatever becomes of the corrected night row, 鈴木's stored call and 夜勤's stored call each stay their own caller's.
    expect(fixed.rows.find((e) => e.id === ids.get('夜勤 一郎'))?.caller.name).toBe('夜勤 一郎');
    expect(fixed.rows.find((e) => e.id === ids.get('鈴木 花子'))?.caller.name).toBe('鈴木 花子');
    expect(fixed.rows.filter((e) => e.caller.name === '鈴木 花子')).toHaveLength(1);
  });
});
