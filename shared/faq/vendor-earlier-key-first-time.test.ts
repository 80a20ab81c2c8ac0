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

describe('review: night call stored by this version, day file first imported after', () => {
  const HEAD = '受付時刻,チャネル,問い合わせ内容,回答内容,氏名';
  it('anonymous night call, named 午後 row, same boilerplate answer', () => {
    const night = importAndFold(rowsOf([HEAD, '午前 3:15,Web,退会したい,手続きを案内,']), []);
    const nightId = night.rows[0]!.id;
    const day = importAndFold(rowsOf([HEAD, '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子']), night.events);
    expect(day.rows.find((e) => e.id === nightId)?.at).toBe('2026-12-07T03:15:00+09:00');
    expect(day.count).toEqual({ added: 1, already: 0, corrected: 0 });
  });
  it('named night call, anonymous 午後 row, same boilerplate answer', () => {
    const night = importAndFold(rowsOf([HEAD, '午前 3:15,Web,退会したい,手続きを案内,夜勤 一郎']), []);
    const nightId = night.rows[0]!.id;
    const day = importAndFold(rowsOf([HEAD, '午後 3:15,Web,退会したい,手続きを案内,']), night.events);
    expect(day.rows.find((e) => e.id === nightId)?.caller.name).toBe('夜勤 一郎');
    expect(day.count).toEqual({ added: 1, already: 0, corrected: 0 });
  });
  it('same night file, stored at 3:15 written without 午前', () => {
    const night = importAndFold(rowsOf([HEAD, '3:15,Web,退会したい,手続きを案内,']), []);
    const nightId = night.rows[0]!.id;
    const day = importAndFold(rowsOf([HEAD, '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子']), night.events);
    expect(day.rows.find((e) => e.id === nightId)?.at).toBe('2026-12-07T03:15:00+09:00');
  });
});

describe('review: the earlier key still takes the call an earlier version stored (at the misread 03:15)', () => {
  const HEAD = '受付時刻,チャネル,問い合わせ内容,回答内容,氏名';
  const earlierOf = (line: string, name: string, answer = '手続きを案内') => {
    const row = rowsOf([HEAD, line])[0]!;
    return earlierImport([{ id: 'old1', key: row.earlier!.rowKey!, at: row.earlier!.at!, channel: 'web', question: '退会したい', answer, operator: '', name }]);
  };
  it('no caller on either side, every other field equal: the same call, its time corrected', () => {
    const day = importAndFold(rowsOf([HEAD, '午後 3:15,Web,退会したい,手続きを案内,']), earlierOf('午後 3:15,Web,退会したい,手続きを案内,', ''));
    expect(day.count).toEqual({ added: 0, already: 0, corrected: 1 });
    expect(view(day.rows)).toEqual(['old1 | 12-07 15:15 | 退会したい | 手続きを案内 | ']);
  });
  it('the same caller, the answer corrected: the same call', () => {
    const day = importAndFold(rowsOf([HEAD, '午後 3:15,Web,退会したい,手続きを案内しました,鈴木 花子']), earlierOf('午後 3:15,Web,退会したい,手続きを案内,鈴木 花子', '鈴木 花子'));
    expect(day.count).toEqual({ added: 0, already: 0, corrected: 1 });
    expect(view(day.rows)).toEqual(['old1 | 12-07 15:15 | 退会したい | 手続きを案内しました | 鈴木 花子']);
  });
  it('a caller named on one side only: another call, added (a duplicate rather than a lost call)', () => {
    const day = importAndFold(rowsOf([HEAD, '午後 3:15,Web,退会したい,手続きを案内,鈴木 花子']), earlierOf('午後 3:15,Web,退会したい,手続きを案内,', ''));
    expect(day.count).toEqual({ added: 1, already: 0, corrected: 0 });
    expect(view(day.rows)).toEqual(['old1 | 12-07 03:15 | 退会したい | 手続きを案内 | ', 'new | 12-07 15:15 | 退会したい | 手続きを案内 | 鈴木 花子']);
  });
});
