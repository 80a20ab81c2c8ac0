/**
 * Enquiries stored by earlier versions of the vendor import, and the same file imported again
 * after the upgrade (decision 031): the earlier keys must still find their rows, or every such row
 * comes in a second time. The stored enquiries below are what those versions' import wrote for
 * each file, key for key (run on the commits named), not what today's code would make of it.
 */
import { describe, expect, it } from 'vitest';
import type { Enquiry } from './model';
import { type Earlier, vendorKit, vendorRows } from './test-vendor';

const rowsOf = (lines: string[], day = '2026-12-07') => vendorRows(lines, day, { today: '2026-12-07', fileDayKnown: undefined });
const { stamp, earlierImport, importAndFold } = vendorKit('question');
/** What the list shows of each enquiry, and whether it is the enquiry stored before (its id). */
const view = (rows: Enquiry[]) => rows.map((e) => [e.id, e.at.slice(11, 16), e.question, e.answerText, e.caller.name, e.operator].join(' | '));

const HEAD = '受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';

describe('a log without 受付番号 imported before 午後 was read, imported again after', () => {
  const file = [
    HEAD,
    '9:05,電話,カード番号は漏れましたか,確認中,OP-1,佐藤 一郎',
    '午後 3:15,電話,お詫びの品はいつ届きますか,12月中に発送,OP-2,鈴木 花子',
    'PM 3:40,メール,退会したい,手続きを案内,OP-1,田中 次郎',
    '午前 12:10,電話,窓口は何時までですか,24時間です,OP-3,夜間 太郎',
  ];
  // As the import at 19a0ee4 (before 8860c9a read 午前/午後) stored it: 午後 3:15 at 03:15, 午前 12:10 at 12:10.
  const stored = earlierImport([
    { id: 'old-1', key: 'c:2026-12-07:tyj2f1lezq:0', at: '2026-12-07T09:05:00+09:00', question: 'カード番号は漏れましたか', answer: '確認中', operator: 'OP-1', name: '佐藤 一郎' },
    { id: 'old-2', key: 'c:2026-12-07:1f01gvxcuzz:0', at: '2026-12-07T03:15:00+09:00', question: 'お詫びの品はいつ届きますか', answer: '12月中に発送', operator: 'OP-2', name: '鈴木 花子' },
    { id: 'old-3', key: 'c:2026-12-07:1mlemf34raw:0', at: '2026-12-07T03:40:00+09:00', channel: 'email', question: '退会したい', answer: '手続きを案内', operator: 'OP-1', name: '田中 次郎' },
    { id: 'old-4', key: 'c:2026-12-07:1m0c0eh3kux:0', at: '2026-12-07T12:10:00+09:00', question: '窓口は何時までですか', answer: '24時間です', operator: 'OP-3', name: '夜間 太郎' },
  ]);

  it('the same file again: no second enquiry; the calls written with 午前/午後 get their time as written, each the enquiry it was', () => {
    const again = importAndFold(rowsOf(file), stored);
    expect(again.count).toEqual({ added: 0, already: 1, corrected: 3 });
    expect(view(again.rows)).toEqual([
      'old-4 | 00:10 | 窓口は何時までですか | 24時間です | 夜間 太郎 | OP-3',
      'old-1 | 09:05 | カード番号は漏れましたか | 確認中 | 佐藤 一郎 | OP-1',
      'old-2 | 15:15 | お詫びの品はいつ届きますか | 12月中に発送 | 鈴木 花子 | OP-2',
      'old-3 | 15:40 | 退会したい | 手続きを案内 | 田中 次郎 | OP-1',
    ]);
    // The stored keys are not rewritten: the time was the only change.
    const edits = again.events.filter((e) => e.type === 'faq.enquiry-edited').map((e) => e.payload as { enquiryId: string; changes: object });
    expect(edits).toEqual([
      { enquiryId: 'old-2', changes: { at: '2026-12-07T15:15:00+09:00' } },
      { enquiryId: 'old-3', changes: { at: '2026-12-07T15:40:00+09:00' } },
      { enquiryId: 'old-4', changes: { at: '2026-12-07T00:10:00+09:00' } },
    ]);
    // And a third time: nothing at all.
    const third = importAndFold(rowsOf(file), again.events);
    expect(third.count).toEqual({ added: 0, already: 4, corrected: 0 });
    expect(view(third.rows)).toEqual(view(again.rows));
  });

  it('a re-sent file with one answer corrected: that enquiry corrected, none added', () => {
    const fixed = file.map((l) => l.replace('12月中に発送', '12月20日に発送しました'));
    const again = importAndFold(rowsOf(fixed), stored);
    expect(again.count).toEqual({ added: 0, already: 1, corrected: 3 });
    expect(again.rows.map((e) => [e.id, e.at.slice(11, 16), e.answerText])).toEqual([
      ['old-4', '00:10', '24時間です'],
      ['old-1', '09:05', '確認中'],
      ['old-2', '15:15', '12月20日に発送しました'],
      ['old-3', '15:40', '手続きを案内'],
    ]);
  });

  describe('a real 3:15 call and a 午後 3:15 call alike (operator, channel, words) in one file', () => {
    const pm = '午後 3:15,電話,お詫びの品はいつ届きますか,12月中に発送,OP-2,鈴木 花子';
    const night = '3:15,電話,お詫びの品はいつ届きますか,夜間窓口で受付,OP-2,夜勤 一郎';
    const both = (first: 'pm' | 'night'): Earlier[] => {
      // The earlier version read both as 03:15: one key, counted in file order (:0, :1).
      const p = { id: 'old-pm', at: '2026-12-07T03:15:00+09:00', question: 'お詫びの品はいつ届きますか', answer: '12月中に発送', operator: 'OP-2', name: '鈴木 花子' };
      const n = { id: 'old-night', at: '2026-12-07T03:15:00+09:00', question: 'お詫びの品はいつ届きますか', answer: '夜間窓口で受付', operator: 'OP-2', name: '夜勤 一郎' };
      return first === 'pm' ? [{ ...p, key: 'c:2026-12-07:1f01gvxcuzz:0' }, { ...n, key: 'c:2026-12-07:1f01gvxcuzz:1' }] : [{ ...n, key: 'c:2026-12-07:1f01gvxcuzz:0' }, { ...p, key: 'c:2026-12-07:1f01gvxcuzz:1' }];
    };
    const expected = ['old-night | 03:15 | お詫びの品はいつ届きますか | 夜間窓口で受付 | 夜勤 一郎 | OP-2', 'old-pm | 15:15 | お詫びの品はいつ届きますか | 12月中に発送 | 鈴木 花子 | OP-2'];

    it.each(['pm', 'night'] as const)('stored by the earlier version (%s row first), imported again: two enquiries, each keeps its caller and answer', (first) => {
      const lines = first === 'pm' ? [HEAD, pm, night] : [HEAD, night, pm];
      const again = importAndFold(rowsOf(lines), earlierImport(both(first)));
      expect(again.count).toEqual({ added: 0, already: 1, corrected: 1 });
      expect(view(again.rows)).toEqual(expected);
      const third = importAndFold(rowsOf(lines), again.events);
      expect(third.count).toEqual({ added: 0, already: 2, corrected: 0 });
      expect(view(third.rows)).toEqual(expected);
    });

    it.each(['pm', 'night'] as const)('imported first by this version (%s row first), then again: nothing changes', (first) => {
      const lines = first === 'pm' ? [HEAD, pm, night] : [HEAD, night, pm];
      const a = importAndFold(rowsOf(lines), []);
      const again = importAndFold(rowsOf(lines), a.events);
      expect(again.count).toEqual({ added: 0, already: 2, corrected: 0 });
      expect(again.rows.map((e) => [e.at.slice(11, 16), e.caller.name])).toEqual([
        ['03:15', '夜勤 一郎'],
        ['15:15', '鈴木 花子'],
      ]);
    });

    it('the 午後 call alone in the first file, stored by the earlier version, then corrected by a re-import; the vendor then adds the real 3:15 call: it is a new enquiry, the 15:15 one untouched', () => {
      const a = importAndFold(rowsOf([HEAD, pm]), earlierImport([{ ...both('pm')[0]! }]));
      expect(a.count).toEqual({ added: 0, already: 0, corrected: 1 });
      const b = importAndFold(rowsOf([HEAD, pm, night]), a.events);
      expect(b.count).toEqual({ added: 1, already: 1, corrected: 0 });
      expect(b.rows.map((e) => [e.id, e.at.slice(11, 16), e.caller.name, e.answerText])).toEqual([
        [expect.stringMatching(/^new/), '03:15', '夜勤 一郎', '夜間窓口で受付'],
        ['old-pm', '15:15', '鈴木 花子', '12月中に発送'],
      ]);
    });
  });

  it('a real morning call is not merged: a stored 3:15 call and a file whose call is at 15:15 (no 午後) are two enquiries', () => {
    const stored3 = earlierImport([{ id: 'old-night', key: 'c:2026-12-07:1f01gvxcuzz:0', at: '2026-12-07T03:15:00+09:00', question: 'お詫びの品はいつ届きますか', answer: '夜間窓口で受付', operator: 'OP-2', name: '夜勤 一郎' }]);
    const again = importAndFold(rowsOf([HEAD, '15:15,電話,お詫びの品はいつ届きますか,12月中に発送,OP-2,鈴木 花子']), stored3);
    expect(again.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(again.rows.map((e) => [e.id, e.at.slice(11, 16), e.caller.name])).toEqual([
      ['old-night', '03:15', '夜勤 一郎'],
      [expect.stringMatching(/^new/), '15:15', '鈴木 花子'],
    ]);
  });
});

describe('keys written before 2026-12-07 evening: - or なし as the 受付番号, a number holding #', () => {
  const HEAD_NO = '受付番号,受付時刻,チャネル,問い合わせ内容,回答内容,オペレーターID,氏名';
  const file = [
    HEAD_NO,
    'A-1,9:05,電話,カード番号は漏れましたか,確認中,OP-1,佐藤 一郎',
    '-,9:30,Web,退会したい,手続きを案内,WEB,田中 次郎',
    '-,9:45,Web,お詫びの品はいつ届きますか,12月中に発送,WEB,鈴木 花子',
    'A#2,10:00,電話,窓口は何時までですか,24時間です,OP-3,夜間 太郎',
    'なし,10:10,Web,住所を変えたい,会員ページで変更,WEB,高橋 三郎',
  ];
  const expected = [
    'old-1 | 09:05 | カード番号は漏れましたか | 確認中 | 佐藤 一郎 | OP-1',
    'old-2 | 09:30 | 退会したい | 手続きを案内 | 田中 次郎 | WEB',
    'old-3 | 09:45 | お詫びの品はいつ届きますか | 12月中に発送 | 鈴木 花子 | WEB',
    'old-4 | 10:00 | 窓口は何時までですか | 24時間です | 夜間 太郎 | OP-3',
    'old-5 | 10:10 | 住所を変えたい | 会員ページで変更 | 高橋 三郎 | WEB',
  ];
  // As the import at e85141e (before 6545fb9 made -, なし no number and escaped #) stored it.
  const stored = earlierImport([
    { id: 'old-1', key: 'r:2026-12-07:A-1', at: '2026-12-07T09:05:00+09:00', question: 'カード番号は漏れましたか', answer: '確認中', operator: 'OP-1', name: '佐藤 一郎' },
    { id: 'old-2', key: 'r:2026-12-07:-', at: '2026-12-07T09:30:00+09:00', channel: 'web', question: '退会したい', answer: '手続きを案内', operator: 'WEB', name: '田中 次郎' },
    { id: 'old-3', key: 'r:2026-12-07:-#2', at: '2026-12-07T09:45:00+09:00', channel: 'web', question: 'お詫びの品はいつ届きますか', answer: '12月中に発送', operator: 'WEB', name: '鈴木 花子' },
    { id: 'old-4', key: 'r:2026-12-07:A#2', at: '2026-12-07T10:00:00+09:00', question: '窓口は何時までですか', answer: '24時間です', operator: 'OP-3', name: '夜間 太郎' },
    { id: 'old-5', key: 'r:2026-12-07:なし', at: '2026-12-07T10:10:00+09:00', channel: 'web', question: '住所を変えたい', answer: '会員ページで変更', operator: 'WEB', name: '高橋 三郎' },
  ]);

  it('the same file again: nothing added, each row the enquiry it was', () => {
    const again = importAndFold(rowsOf(file), stored);
    expect(again.count).toEqual({ added: 0, already: 5, corrected: 0 });
    expect(view(again.rows)).toEqual(expected);
    const third = importAndFold(rowsOf(file), again.events);
    expect(third.count).toEqual({ added: 0, already: 5, corrected: 0 });
  });

  it('re-sent with answers corrected (a web-form row and A#2): those enquiries corrected, none added', () => {
    const fixed = file.map((l) => l.replace('12月中に発送', '12月20日に発送しました').replace('24時間です', '当面24時間です'));
    const again = importAndFold(rowsOf(fixed), stored);
    expect(again.count).toEqual({ added: 0, already: 3, corrected: 2 });
    expect(again.rows.map((e) => [e.id, e.at.slice(11, 16), e.answerText])).toEqual([
      ['old-1', '09:05', '確認中'],
      ['old-2', '09:30', '手続きを案内'],
      ['old-3', '09:45', '12月20日に発送しました'],
      ['old-4', '10:00', '当面24時間です'],
      ['old-5', '10:10', '会員ページで変更'],
    ]);
  });

  it('stored by the first version (e48eac6: every - row of a day one key, the second taken as a correction of the first): the call it lost is added, the stored one keeps its own call', () => {
    // Its import emitted the correction before the batch, so the fold kept the first row as it was.
    const v1 = [
      stamp({ type: 'faq.enquiry-edited', incidentId: 'i1', payload: { enquiryId: 'old-2', changes: { answerText: '12月中に発送', caller: { name: '鈴木 花子', phone: '', email: '' } } } }),
      ...earlierImport([
        { id: 'old-1', key: 'r:2026-12-07:A-1', at: '2026-12-07T09:05:00+09:00', question: 'カード番号は漏れましたか', answer: '確認中', operator: 'OP-1', name: '佐藤 一郎' },
        { id: 'old-2', key: 'r:2026-12-07:-', at: '2026-12-07T09:30:00+09:00', channel: 'web', question: '退会したい', answer: '手続きを案内', operator: 'WEB', name: '田中 次郎' },
        { id: 'old-4', key: 'r:2026-12-07:A#2', at: '2026-12-07T10:00:00+09:00', question: '窓口は何時までですか', answer: '24時間です', operator: 'OP-3', name: '夜間 太郎' },
        { id: 'old-5', key: 'r:2026-12-07:なし', at: '2026-12-07T10:10:00+09:00', channel: 'web', question: '住所を変えたい', answer: '会員ページで変更', operator: 'WEB', name: '高橋 三郎' },
      ]),
    ];
    const again = importAndFold(rowsOf(file), v1);
    expect(again.count).toEqual({ added: 1, already: 4, corrected: 0 });
    expect(view(again.rows).map((l) => l.replace(/^new\S+/, 'new'))).toEqual(expected.map((l) => l.replace(/^old-3/, 'new')));
  });

  it('a web-form row written 午後 3:15, stored by the version before 午後 was read (19a0ee4: r:<day>:- at 03:15): that enquiry, its time corrected', () => {
    const lines = [HEAD_NO, '-,午後 3:15,Web,お詫びの品はいつ届きますか,12月中に発送,WEB,鈴木 花子'];
    const old = earlierImport([{ id: 'old-pm', key: 'r:2026-12-07:-', at: '2026-12-07T03:15:00+09:00', channel: 'web', question: 'お詫びの品はいつ届きますか', answer: '12月中に発送', operator: 'WEB', name: '鈴木 花子' }]);
    const again = importAndFold(rowsOf(lines), old);
    expect(again.count).toEqual({ added: 0, already: 0, corrected: 1 });
    expect(view(again.rows)).toEqual(['old-pm | 15:15 | お詫びの品はいつ届きますか | 12月中に発送 | 鈴木 花子 | WEB']);
  });

  describe('numbers holding # (the vendor numbers a call and its follow-ups 5001#1, 5001#2)', () => {
    const hashes = [
      HEAD_NO,
      'A,9:00,電話,カード番号は漏れましたか,確認中,OP-1,佐藤 一郎',
      'A#2,10:00,電話,窓口は何時までですか,24時間です,OP-3,夜間 太郎',
      '5001#1,10:30,電話,退会したい,手続きを案内,OP-2,田中 次郎',
      '5001#2,10:40,電話,お詫びの品はいつ届きますか,12月中に発送,OP-2,鈴木 花子',
    ];
    // As e85141e stored it: the # as written, so A#2's key is also the key of A's second row.
    const old = earlierImport([
      { id: 'old-1', key: 'r:2026-12-07:A', at: '2026-12-07T09:00:00+09:00', question: 'カード番号は漏れましたか', answer: '確認中', operator: 'OP-1', name: '佐藤 一郎' },
      { id: 'old-2', key: 'r:2026-12-07:A#2', at: '2026-12-07T10:00:00+09:00', question: '窓口は何時までですか', answer: '24時間です', operator: 'OP-3', name: '夜間 太郎' },
      { id: 'old-3', key: 'r:2026-12-07:5001#1', at: '2026-12-07T10:30:00+09:00', question: '退会したい', answer: '手続きを案内', operator: 'OP-2', name: '田中 次郎' },
      { id: 'old-4', key: 'r:2026-12-07:5001#2', at: '2026-12-07T10:40:00+09:00', question: 'お詫びの品はいつ届きますか', answer: '12月中に発送', operator: 'OP-2', name: '鈴木 花子' },
    ]);

    it('the same file again: nothing added', () => {
      const again = importAndFold(rowsOf(hashes), old);
      expect(again.count).toEqual({ added: 0, already: 4, corrected: 0 });
      expect(view(again.rows)).toEqual([
        'old-1 | 09:00 | カード番号は漏れましたか | 確認中 | 佐藤 一郎 | OP-1',
        'old-2 | 10:00 | 窓口は何時までですか | 24時間です | 夜間 太郎 | OP-3',
        'old-3 | 10:30 | 退会したい | 手続きを案内 | 田中 次郎 | OP-2',
        'old-4 | 10:40 | お詫びの品はいつ届きますか | 12月中に発送 | 鈴木 花子 | OP-2',
      ]);
    });

    it('re-sent with 5001#2 and A#2 corrected (time moved by a few minutes, answer changed): each corrects its own enquiry', () => {
      const fixed = hashes.map((l) => l.replace('5001#2,10:40', '5001#2,10:44').replace('12月中に発送', '12月20日に発送しました').replace('24時間です', '当面24時間です'));
      const again = importAndFold(rowsOf(fixed), old);
      expect(again.count).toEqual({ added: 0, already: 2, corrected: 2 });
      expect(again.rows.map((e) => [e.id, e.at.slice(11, 16), e.question, e.answerText])).toEqual([
        ['old-1', '09:00', 'カード番号は漏れましたか', '確認中'],
        ['old-2', '10:00', '窓口は何時までですか', '当面24時間です'],
        ['old-3', '10:30', '退会したい', '手続きを案内'],
        ['old-4', '10:44', 'お詫びの品はいつ届きますか', '12月20日に発送しました'],
      ]);
    });

    it('keys of this version for A twice and A#2 in one file (A, A#2 as A’s second row, A%232) still pair each row with its call', () => {
      const lines = [HEAD_NO, 'A,9:00,電話,カード番号は漏れましたか,確認中,OP-1,佐藤 一郎', 'A,9:10,電話,退会したい,手続きを案内,OP-1,田中 次郎', 'A#2,10:00,電話,窓口は何時までですか,24時間です,OP-3,夜間 太郎'];
      const a = importAndFold(rowsOf(lines), []);
      const ids = a.rows.map((e) => e.id);
      const again = importAndFold(rowsOf(lines), a.events);
      expect(again.count).toEqual({ added: 0, already: 3, corrected: 0 });
      expect(again.rows.map((e) => [e.id, e.at.slice(11, 16), e.caller.name])).toEqual([
        [ids[0], '09:00', '佐藤 一郎'],
        [ids[1], '09:10', '田中 次郎'],
        [ids[2], '10:00', '夜間 太郎'],
      ]);
    });
  });
});
