import { describe, expect, it } from 'vitest';
import { checkHeader, checkRecord, columnNames, firstNonAscii, guessFromRows, guessMapping, looksLikeData, previewProblems, sniffEncoding } from './validate';

const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号', 'サービス', '購入商品'];

describe('import validation', () => {
  it('guesses the mapping from Japanese headers, the rest as extra items', () => {
    expect(guessMapping(HEADER)).toEqual({
      fields: { customerNo: 0, name: 1, kana: 2, postcode: 3, address: 4, email: 5, phone: 6, segment: 7 },
      extra: [8],
    });
  });

  it('sniffs BOM, UTF-8 and Shift_JIS', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bom: true });
    expect(sniffEncoding(new TextEncoder().encode('山田,花子'))).toEqual({ encoding: 'utf-8', bom: false });
    expect(sniffEncoding(new Uint8Array([0x8e, 0x52, 0x93, 0x63]))).toEqual({ encoding: 'shift_jis', bom: false }); // 山田
    // A UTF-8 character cut by the sample's end is still UTF-8.
    expect(sniffEncoding(new TextEncoder().encode('山田').slice(0, 4)).encoding).toBe('utf-8');
  });

  it('UTF-16 without a byte-order mark, typed in full-width (一 and the full-width space put NULs on the other side)', () => {
    const text = ['顧客番号\t氏名\t住所', ...Array.from({ length: 20 }, (_, i) => `００１${'０１２３４５６７８９'[i % 10]}\t山田\u3000一郎\t東京都千代田区一丁目一番一号`)].join('\r\n') + '\r\n';
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const be = le.map((_, i) => le[i % 2 ? i - 1 : i + 1]!);
    expect(sniffEncoding(le)).toEqual({ encoding: 'utf-16le', bom: false });
    expect(sniffEncoding(be)).toEqual({ encoding: 'utf-16be', bom: false });
    // A UTF-8 file with a few NULs padded after a line feed is not UTF-16 (its NULs are refused with where they are).
    const padded = new TextEncoder().encode(['顧客番号,氏名', ...Array.from({ length: 200 }, (_, i) => `C${i},山田 花子`)].join('\n') + '\n');
    const bytes: number[] = [];
    let nuls = 0;
    for (const b of padded) {
      bytes.push(b);
      // A NUL after a line feed, where UTF-16 LE would have it (an odd offset), five times.
      if (b === 0x0a && bytes.length % 2 === 1 && nuls < 5) {
        bytes.push(0);
        nuls++;
      }
    }
    const withNul = new Uint8Array(bytes);
    expect(sniffEncoding(withNul).encoding).not.toMatch(/utf-16/);
    // Text in other encodings holds no NUL: never taken for UTF-16.
    expect(sniffEncoding(new TextEncoder().encode(text)).encoding).toBe('utf-8');
  });

  it('header: empty, duplicated, unmapped customer number', () => {
    const issues = checkHeader(['顧客番号', '', '氏名', '氏名'], { fields: { name: 2 }, extra: [] });
    expect(issues.map((i) => [i.code, i.column])).toEqual([
      ['header-missing', 2],
      ['header-duplicated', 4],
      ['mapping-missing-field', 0],
    ]);
  });

  it('header as Excel saves it: unnamed columns after the last name, and a name twice that no field reads, are kept with a warning', () => {
    const trailing = ['顧客番号', '氏名', '住所', '', ''];
    expect(checkHeader(trailing, guessMapping(trailing)).map((i) => [i.code, i.severity, i.column])).toEqual([
      ['header-blank-kept', 'warning', 4],
      ['header-blank-kept', 'warning', 5],
    ]);
    const twice = ['顧客番号', '氏名', '備考', '備考'];
    expect(checkHeader(twice, guessMapping(twice)).map((i) => [i.code, i.severity, i.column])).toEqual([['header-duplicated-kept', 'warning', 4]]);
    // Still errors: a blank between names, a blank a field was mapped to, a name twice where a field reads one.
    expect(checkHeader(['顧客番号', '', '氏名'], guessMapping(['顧客番号', '', '氏名'])).map((i) => i.code)).toEqual(['header-missing']);
    expect(checkHeader(['顧客番号', '氏名', ''], { fields: { customerNo: 0, name: 1, phone: 2 }, extra: [] }).map((i) => i.code)).toEqual(['header-missing']);
    expect(checkHeader(['顧客番号', '氏名', '氏名'], guessMapping(['顧客番号', '氏名', '氏名'])).map((i) => i.code)).toEqual(['header-duplicated']);
    // One named cell (an Excel "sep=" line read as the header) is not a list with spare columns.
    expect(checkHeader(['sep=', ''], guessMapping(['sep=', ''])).map((i) => i.code)).toContain('header-missing');
  });

  it('rows: column count, NUL, huge field, missing id are errors; formula-like and bad phone are warnings', () => {
    const mapping = guessMapping(HEADER);
    const ok = ['C1', '山田', 'ヤマダ', '100-0001', '東京都', 'a@b.jp', '090-1111-2222', 'A', '=cmd|x'];
    const good = checkRecord(ok, 9, mapping, 7, 0);
    expect(good.row).toMatchObject({ customerNo: 'C1', line: 7, extra: ['=cmd|x'] });
    expect(good.issues).toEqual([{ code: 'formula-like', severity: 'warning', line: 7, column: 9 }]);
    expect(checkRecord(ok.slice(0, 8), 9, mapping, 2, 0).issues[0]).toMatchObject({ code: 'too-few-columns', column: 9 });
    const bad = checkRecord(['', 'a\u0000', 'x'.repeat(3000), '', '', '', 'abc', '', ''], 9, mapping, 3, 0);
    expect(bad.row).toBeNull();
    expect(bad.issues.map((i) => [i.code, i.column])).toEqual([
      ['nul-byte', 2], ['field-too-long', 3], ['customer-no-missing', 1], ['phone-invalid', 7],
    ]);
  });

  it('a customer number of invisible characters only (zero-width space, word joiner, soft hyphen, BOM) is missing; one with a letter among them is not', () => {
    const mapping = { fields: { customerNo: 0, name: 1 }, extra: [] };
    for (const no of ['\u200b', '\u2060\u00ad', '\ufeff \u3000', '\u200c\u200d']) {
      const r = checkRecord([no, '山田'], 2, mapping, 4, 0);
      expect(r.row, JSON.stringify(no)).toBeNull();
      expect(r.issues.map((i) => [i.code, i.line, i.column])).toEqual([['customer-no-missing', 4, 1]]);
    }
    expect(checkRecord(['\u200bC1', '山田'], 2, mapping, 4, 0).row).toMatchObject({ customerNo: '\u200bC1' });
  });

  it('an over-long value refuses the row only in a column the tracker uses; elsewhere it is kept or left out, with its place', () => {
    const mapping = { fields: { customerNo: 0, name: 1 }, extra: [2] };
    const long = 'メモ'.repeat(1_500);
    const r = checkRecord(['C1', '山田', long, long], 4, mapping, 5, 0);
    expect(r.row).toMatchObject({ customerNo: 'C1', name: '山田', extra: [long] });
    expect(r.issues).toEqual([
      { code: 'field-long-kept', severity: 'warning', line: 5, column: 3 },
      { code: 'field-long-dropped', severity: 'warning', line: 5, column: 4 },
    ]);
    const named = checkRecord(['C1', long, '', ''], 4, mapping, 6, 0);
    expect(named.row).toBeNull();
    expect(named.issues).toEqual([{ code: 'field-too-long', severity: 'error', line: 6, column: 2 }]);
  });

  it('sniffs UTF-16 by its byte-order mark (LE and BE), not as Shift_JIS', () => {
    expect(sniffEncoding(new Uint8Array([0xff, 0xfe, 0x4c, 0x6b]))).toEqual({ encoding: 'utf-16le', bom: true });
    expect(sniffEncoding(new Uint8Array([0xfe, 0xff, 0x6b, 0x4c]))).toEqual({ encoding: 'utf-16be', bom: true });
    // Without the mark: the NUL bytes of its ASCII characters give it away.
    const le = new Uint8Array(Buffer.from('顧客番号,氏名\r\nC0001,山田\r\n', 'utf16le'));
    expect(sniffEncoding(le)).toEqual({ encoding: 'utf-16le', bom: false });
    expect(sniffEncoding(le.slice(1))).toEqual({ encoding: 'utf-16be', bom: false });
    expect(sniffEncoding(new TextEncoder().encode('C1,山田\u0000\r\n')).encoding).toBe('utf-8');
    expect(firstNonAscii(new TextEncoder().encode('abc,def\r\n山'))).toBe(9);
    expect(firstNonAscii(new TextEncoder().encode('abc'))).toBe(-1);
  });

  it('refuses a one-column header and a customer number holding a separator (tab file read as CSV)', () => {
    const tabbed = ['顧客番号\t氏名\t住所'];
    const mapping = guessMapping(tabbed);
    expect(mapping.fields.customerNo).toBe(0);
    expect(checkHeader(tabbed, mapping)).toEqual([
      { code: 'one-column', severity: 'error', line: 1, column: 0 },
      { code: 'key-has-delimiter', severity: 'error', line: 1, column: 1, delimiter: '\t' },
    ]);
    const row = checkRecord(['C1;山田;東京'], 1, mapping, 2, 0);
    expect(row.row).toBeNull();
    expect(row.issues).toEqual([{ code: 'key-has-delimiter', severity: 'error', line: 2, column: 1, delimiter: ';' }]);
    expect(previewProblems(['顧客番号', '氏名'], [{ cells: ['C1', 'a'], line: 2 }, { cells: ['C2\uff0c山田', ''], line: 3 }], { fields: { customerNo: 0 }, extra: [] })).toEqual([
      { code: 'key-has-delimiter', severity: 'error', line: 3, column: 1, delimiter: '\uff0c' },
    ]);
  });
});

describe('a first line that is a customer, not column names', () => {
  it('column names in Japanese or English never look like data', () => {
    expect(looksLikeData(['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号'])).toBe(false);
    expect(looksLikeData(['Customer No', 'Name', 'Postcode', 'E-mail', 'Phone (mobile)', 'TEL'])).toBe(false);
    expect(looksLikeData(['会員ID', 'お名前', '〒', 'mail@', '連絡先 03'])).toBe(false);
  });

  it('an e-mail address, a phone number or a postcode — full-width, with 〒 or +81 — is a customer', () => {
    expect(looksLikeData(['A0001', '山田 花子', 'hanako@example.jp'])).toBe(true);
    expect(looksLikeData(['A0001', '山田 花子', '０９０－１２３４－５６７８'])).toBe(true);
    expect(looksLikeData(['A0001', '山田 花子', '09012345678'])).toBe(true);
    expect(looksLikeData(['A0001', '山田 花子', '+81 90-1234-5678'])).toBe(true);
    expect(looksLikeData(['A0001', '山田 花子', '〒100-0001'])).toBe(true);
    expect(looksLikeData(['A0001', '山田 花子', ' 100-0001 '])).toBe(true);
  });

  it('without names, the e-mail, phone and postcode columns are guessed from the rows (most of their cells), the rest left to the person', () => {
    const rows = [
      ['A1', '山田 花子', 'hanako@example.jp', '０３－１２３４－５６７８', '〒100-0001', '東京都'],
      ['A2', '佐藤 一郎', '', '090-1111-2222', '100-0002', '大阪府'],
      ['A3', '鈴木 美咲', 'misaki@example.jp', 'なし', '100-0003', '京都府'],
      ['A4', '高橋 次郎', 'jiro@example.jp', '080-3333-4444', '100-0004', '北海道'],
      ['A5', '田中 三郎', 'saburo@example.jp', '070-5555-6666', '100-0005', '沖縄県'],
    ];
    expect(guessFromRows(6, rows)).toEqual({ fields: { email: 2, phone: 3, postcode: 4 }, extra: [0, 1, 5] });
    // A column of mixed things (under four in five look like one kind) is not guessed.
    expect(guessFromRows(2, [['a@b.jp', '1'], ['x', '2'], ['y', '3']]).fields).toEqual({});
  });

  it('columns of a file without names are 列1, 列2 …, at least one', () => {
    expect(columnNames(3)).toEqual(['列1', '列2', '列3']);
    expect(columnNames(0)).toEqual(['列1']);
  });
});
