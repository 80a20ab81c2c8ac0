import { describe, expect, it } from 'vitest';
import { bounceIsSoft, parseResultList } from './result-list';
import { guessReturnKey } from './result-references';

describe('returned-mail and bounce lists', () => {
  it('skips a header line and keeps physical lines (line 1 is the header, not a miss)', () => {
    const p = parseResultList('顧客番号,理由\r\nC0001,宛所不明\r\n\r\nC0002,受取拒否\r\n', 'returned-mail');
    expect(p.header).toBe(true);
    expect(p.items).toEqual([
      { line: 2, column: 1, key: 'C0001', detail: '宛所不明' },
      { line: 4, column: 1, key: 'C0002', detail: '受取拒否' },
    ]);
  });

  it('a header with a number in its words (照会番号（11桁）) is a header; one naming the customer number is read as customer numbers, whatever their digits look like', () => {
    const ref = parseResultList('照会番号（11桁）,理由\r\n0100-0000-018,宛所不明\r\n', 'returned-mail');
    expect([ref.header, ref.items.map((i) => i.line)]).toEqual([true, [2]]);
    const customers = parseResultList(['顧客番号,理由', '01234567890,宛所不明', '01234567891,宛所不明'].join('\r\n'), 'returned-mail');
    expect([customers.header, guessReturnKey(customers)]).toEqual([true, 'customer-no']);
    expect(parseResultList('0100-0000-018,宛所不明\r\nC0002,宛所不明\r\n', 'returned-mail').header).toBe(false);
    // A customer number of letters and digits is data.
    expect(parseResultList('AB123,宛所不明\r\nAB124,宛所不明\r\n', 'returned-mail').header).toBe(false);
  });

  it('a list without a header: numbers only, or full-width numbers', () => {
    expect(parseResultList('C0001\nＣ０００２\n', 'returned-mail')).toMatchObject({ header: false, items: [{ line: 1, key: 'C0001' }, { line: 2, key: 'Ｃ０００２' }] });
    expect(parseResultList('123456\n', 'returned-mail').header).toBe(false);
    expect(parseResultList('メールアドレス\tバウンス\na@ex.jp\thard\n', 'bounce')).toMatchObject({ delimiter: '\t', header: true, items: [{ line: 2, key: 'a@ex.jp', detail: 'hard' }] });
  });

  it('detects tab and semicolon separators; the user may choose another and the header', () => {
    expect(parseResultList('C1\t宛所不明\nC2\t転居先不明\n', 'returned-mail')).toMatchObject({ delimiter: '\t', delimiterDetected: true, items: [{ key: 'C1', detail: '宛所不明' }, { key: 'C2' }] });
    expect(parseResultList('C1;x\nC2;y\n', 'returned-mail').items.map((i) => i.key)).toEqual(['C1', 'C2']);
    const forced = parseResultList('C1\t宛所不明\nC2\t転居先不明\n', 'returned-mail', { delimiter: ',', header: true });
    expect(forced.items).toHaveLength(1);
    expect(forced.problems).toEqual([{ code: 'key-has-delimiter', severity: 'error', line: 2, column: 1, delimiter: '\t' }]);
  });

  it('a list put together from several files (CRLF, LF and CR line ends) gives one item per line', () => {
    const p = parseResultList('顧客番号,理由\r\nC0001,宛所不明\nC0002,受取拒否\rC0003,転居先不明\r\n', 'returned-mail');
    expect(p.items).toEqual([
      { line: 2, column: 1, key: 'C0001', detail: '宛所不明' },
      { line: 3, column: 1, key: 'C0002', detail: '受取拒否' },
      { line: 4, column: 1, key: 'C0003', detail: '転居先不明' },
    ]);
    expect(p.problems).toEqual([]);
  });

  it('a temporary bounce is soft however the mail system words it (4.x.x, Transient, 一時的), else hard', () => {
    for (const d of ['soft', 'Soft bounce', '4.2.2 Mailbox full', '452 4.2.2 over quota', 'Transient', 'temporary failure', '一時的なエラー', '容量オーバー（一時）']) expect(bounceIsSoft(d), d).toBe(true);
    for (const d of ['hard', '', '5.1.1 User unknown', '550 5.1.1 no such user', 'Permanent', 'アドレス不明', '5.4.4']) expect(bounceIsSoft(d), d).toBe(false);
  });

  it('a bounce written with the name (鈴木 <a@ex.jp>, mailto:) is looked up by its address', () => {
    const p = parseResultList('鈴木 一郎 <suzuki@example.jp>,hard\n"""Sato, Hanako"" <sato@example.jp>",soft\nmailto:ito@example.jp,hard\n<kato@example.jp>\n', 'bounce');
    expect(p.items.map((i) => i.key)).toEqual(['suzuki@example.jp', 'sato@example.jp', 'ito@example.jp', 'kato@example.jp']);
    expect(p.problems).toEqual([]);
  });

  it('a bounce pasted as a mail client copies it ("一 花子" <hanako@example.jp>) is read, alone or with its reason', () => {
    const p = parseResultList('"一 花子" <hanako@example.jp>\n  "Ito, Jiro"\t<jiro@example.jp>,5.1.1 User unknown\n"a ""b"" c" <c@example.jp>,soft\n', 'bounce');
    expect(p.items.map((i) => [i.line, i.key, i.detail])).toEqual([
      [1, 'hanako@example.jp', ''],
      [2, 'jiro@example.jp', '5.1.1 User unknown'],
      [3, 'c@example.jp', 'soft'],
    ]);
    expect(p.problems).toEqual([]);
    // Only bounce lists: a quoted customer number followed by text is still a broken line.
    expect(parseResultList('"C1" <x@example.jp>\n', 'returned-mail').problems.map((i) => i.code)).toEqual(['malformed-quote']);
  });

  it("a list in the vendor file's layout is read by its columns' names: 照会番号 further on, 返送理由 added, never 郵便番号 or 都道府県", () => {
    const text = '郵便番号,都道府県,市区町村,氏名,様,照会番号,文面,返送理由\r\n1000001,東京都,千代田区,井上 二郎,様,0100-0000-025,標準,転居先不明\r\n';
    const p = parseResultList(text, 'returned-mail');
    expect(p).toMatchObject({ header: true, keyColumn: 5, detailColumn: 7 });
    expect(p.items).toEqual([{ line: 2, column: 6, key: '0100-0000-025', detail: '転居先不明' }]);
    expect(guessReturnKey(p)).toBe('reference');
    // Without a reason column the reason is left empty, not taken from a neighbour.
    const noReason = parseResultList('郵便番号,都道府県,顧客番号\n1000001,東京都,C0001\n', 'returned-mail');
    expect(noReason.items).toEqual([{ line: 2, column: 3, key: 'C0001', detail: '' }]);
    expect(guessReturnKey(noReason)).toBe('customer-no');
    // A bounce report with the address in its second column and the kind in its third.
    const bounce = parseResultList('日時,宛先,種別\n2026-12-01 10:00,"鈴木 <suzuki@example.jp>",hard\n', 'bounce');
    expect(bounce.items.map((i) => [i.key, i.detail, i.column])).toEqual([['suzuki@example.jp', 'hard', 2]]);
  });

  it('the column the person chooses is read, and a first column naming the key stays the key', () => {
    const text = '郵便番号,都道府県,照会番号,返送理由\n1000001,東京都,0100-0000-025,宛所不明\n';
    const chosen = parseResultList(text, 'returned-mail', { keyColumn: 0 });
    expect(chosen.items.map((i) => [i.key, i.column])).toEqual([['1000001', 1]]);
    // 顧客番号 with 照会番号 beside it: the reference number (its check digit catches a mistyped one).
    expect(parseResultList('顧客番号,照会番号,理由\nC0001,0100-0000-025,宛所不明\n', 'returned-mail')).toMatchObject({ keyColumn: 1, detailColumn: 2 });
    // Two columns without a header: the number, then the reason.
    expect(parseResultList('C0001,宛所不明\n', 'returned-mail')).toMatchObject({ header: false, keyColumn: 0, detailColumn: 1 });
  });
});
