import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { exportMismatches, readExport, withoutMark } from '../../../shared/contacts/export-check';
import { CALL_LIST, CONTACT_EXPORTS, EMAIL_RECIPIENTS, MAILING_LIST, VALIDATION_REPORT, type ReportRow } from '../../../shared/contacts/exports';
import type { ContactRow } from '../../../shared/contacts/model';
import { encodeCsv, UnencodableError } from '../../../shared/export/csv';
import { exportCsv } from '../../../shared/contacts/exports';
import { issueReportRows } from '../../../shared/contacts/report';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { callListCsv, emailCsv, findUnwritable, lettersHtml, mailingCsv } from './batches';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);

// A list of its own: a name and a building outside Shift_JIS, full-width digits, a
// formula-looking cell, quotes and commas, one customer without an e-mail.
const LIST = [
  '顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号,サービス',
  'C0001,山田 花子,ヤマダ ハナコ,100-0001,東京都千代田区丸の内1-1,hanako@example.jp,090-1111-0001,通販',
  'C0002,𠮷野 太郎,ヨシノ タロウ,100-0002,東京都千代田区2-2 ㍿ビル🏠,yoshino@example.jp,090-1111-0002,アプリ会員',
  'Ｃ０００３,"佐藤, ""一郎""",サトウ イチロウ,１００－０００３,"東京都港区芝3,4",ichiro@example.jp,０９０－１１１１－０００３,通販',
  'C0004,=HYPERLINK(1),イトウ ケン,100-0004,-5 大阪府,ken@example.jp,090-1111-0004,通販',
  'C0005,髙橋 恵美子,タカハシ エミコ,100-0005,愛知県名古屋市中村区5,,090-1111-0005,店舗会員',
].join('\r\n') + '\r\n';

async function listed() {
  const { db, engine } = await openTestEngine();
  const datasetId = await importText(engine, db, LIST);
  const rows: ContactRow[] = await engine.cache.rows(datasetId, 0);
  return { engine, datasetId, rows };
}

describe('every contact-tracker export, read back column by column', () => {
  it('has a header label in both languages for every column of every export', () => {
    for (const def of CONTACT_EXPORTS) {
      for (const c of def.columns) {
        expect(translate('ja', c.label as MessageKey), `${def.id}.${c.id}`).not.toBe('');
        expect(translate('en', c.label as MessageKey), `${def.id}.${c.id}`).not.toBe('');
      }
    }
  });

  it('e-mail recipient list: number, name, address — in the header and in every row', async () => {
    const { engine, datasetId, rows } = await listed();
    const withEmail = rows.filter((r) => r.email);
    const records = readExport(await emailCsv(engine.cache, datasetId, withEmail.map((r) => r.row), ja), 'utf-8-bom');
    expect(exportMismatches(EMAIL_RECIPIENTS, records, withEmail, ja)).toEqual([]);
    // The column titled メールアドレス holds an address on every row (the swapped list greeted people by it).
    const at = records[0]!.indexOf('メールアドレス');
    expect(records.slice(1).every((r) => r[at]!.includes('@'))).toBe(true);
    expect(records[0]).toEqual(['顧客番号', '氏名', 'メールアドレス', '宛名']);
    // 宛名: the whole greeting for the mail merge (the formula guard applies to it like any cell).
    expect(records[1]![3]).toBe('山田 花子 様');
  });

  it('e-mail recipient list: an address typed full-width or with spaces is written as a mail system takes it', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, '顧客番号,氏名,メールアドレス\r\nC1,佐藤 花子, Ｓａｔｏ．Ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ \r\nC2,鈴木 一郎,ichiro@example.jp\r\n');
    const records = readExport(await emailCsv(engine.cache, datasetId, [0, 1], ja), 'utf-8-bom');
    expect(records).toEqual([
      ['顧客番号', '氏名', 'メールアドレス', '宛名'],
      ['C1', '佐藤 花子', 'Sato.Hanako@example.jp', '佐藤 花子 様'],
      ['C2', '鈴木 一郎', 'ichiro@example.jp', '鈴木 一郎 様'],
    ]);
    // The card still shows it as imported.
    expect((await engine.cache.row(datasetId, 0))!.email).toBe(' Ｓａｔｏ．Ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ ');
  });

  it('e-mail recipient list: a customer listed without a name is greeted お客様, never a bare 様', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, '顧客番号,氏名,メールアドレス\r\nC1,,hanako@example.jp\r\nC2,　,ichiro@example.jp\r\n');
    const records = readExport(await emailCsv(engine.cache, datasetId, [0, 1], ja), 'utf-8-bom');
    expect(records.slice(1)).toEqual([
      ['C1', '', 'hanako@example.jp', 'お客様'],
      ['C2', '　', 'ichiro@example.jp', 'お客様'],
    ]);
  });

  it('mailing list: lists what Shift_JIS cannot hold before writing, never replaces it, splits or writes UTF-8', async () => {
    const { engine, datasetId, rows } = await listed();
    const all = rows.map((r) => r.row);
    const found = await findUnwritable(engine.cache, datasetId, all);
    expect(found).toEqual([
      { row: 1, line: 3, customerNo: 'C0002', column: 'address', char: '㍿', codePoint: 'U+337F' },
      { row: 1, line: 3, customerNo: 'C0002', column: 'address', char: '🏠', codePoint: 'U+1F3E0' },
      { row: 1, line: 3, customerNo: 'C0002', column: 'name', char: '𠮷', codePoint: 'U+20BB7' },
    ]);
    await expect(mailingCsv(engine.cache, datasetId, all, ja, 'shift_jis')).rejects.toBeInstanceOf(UnencodableError);

    const sjis = readExport(await mailingCsv(engine.cache, datasetId, all, ja, 'shift_jis', new Set([1])), 'shift_jis');
    expect(exportMismatches(MAILING_LIST, sjis, rows.filter((r) => r.row !== 1), ja)).toEqual([]);
    const rest = readExport(await mailingCsv(engine.cache, datasetId, [1], ja, 'utf-8-bom'), 'utf-8-bom');
    expect(exportMismatches(MAILING_LIST, rest, [rows[1]!], ja)).toEqual([]);
    expect(rest[1]).toContain('𠮷野 太郎');
    const utf8 = readExport(await mailingCsv(engine.cache, datasetId, all, ja, 'utf-8-bom'), 'utf-8-bom');
    expect(exportMismatches(MAILING_LIST, utf8, rows, ja)).toEqual([]);
    // Values as imported (full-width kept), a formula shown as text.
    const at = (header: string) => utf8[0]!.indexOf(header);
    expect([utf8[3]![at('顧客番号')], utf8[3]![at('郵便番号')]]).toEqual(['Ｃ０００３', '１００－０００３']);
    expect(utf8[4]![at('氏名')]).toBe("'=HYPERLINK(1)");
  });

  it('call list: operator, number, name, kana, phone, no-answers — grouped by operator', async () => {
    const { engine, datasetId, rows } = await listed();
    const items = [
      { row: 4, operator: '鈴木', noAnswers: 1 },
      { row: 0, operator: '佐藤', noAnswers: 0 },
      { row: 2, operator: '鈴木', noAnswers: 0 },
    ];
    const records = readExport(await callListCsv(engine.cache, datasetId, items, ja), 'utf-8-bom');
    const expected = [
      { operator: '鈴木', row: rows[2]!, noAnswers: 0 },
      { operator: '鈴木', row: rows[4]!, noAnswers: 1 },
      { operator: '佐藤', row: rows[0]!, noAnswers: 0 },
    ];
    expect(exportMismatches(CALL_LIST, records, expected, ja)).toEqual([]);
  });

  it('validation report: line (or the whole file), column, severity and finding in words', () => {
    const report: ReportRow[] = issueReportRows(
      [
        { code: 'customer-no-duplicated', severity: 'warning', line: 9, column: 1, firstLine: 2 },
        { code: 'field-too-long', severity: 'error', line: 7, column: 2 },
        { code: 'empty-file', severity: 'error', line: 1, column: 0 },
      ],
      { wholeFile: 'ファイル全体', severity: (s) => (s === 'error' ? 'エラー' : '警告'), message: (i) => ja(`contacts.import.issues.${i.code}`) },
    );
    const records = readExport(encodeCsv(exportCsv(VALIDATION_REPORT, report, ja), 'utf-8-bom'), 'utf-8-bom');
    expect(exportMismatches(VALIDATION_REPORT, records, report, ja)).toEqual([]);
    expect(records[0]).toEqual(['行', '列', '種類', '内容', '最初の出現行']);
    expect(records[1]).toEqual(['ファイル全体', '', 'エラー', '空のファイルです', '']);
    expect(records[3]).toEqual(['9', '1', '警告', records[3]![3], '2']);
  });

  it('letters: one page per customer, in order, with that customer\'s postcode, address, name and number', async () => {
    const { engine, datasetId, rows } = await listed();
    const { html, count } = await lettersHtml(engine.cache, datasetId, rows.map((r) => r.row), '<p>本文</p>', { honorific: '様', noName: 'お客様', postcodeMark: '〒', lang: 'ja' });
    expect(count).toBe(rows.length);
    const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const pages = [...html.matchAll(/<div class="address"><p>〒(.*?)<\/p><p>(.*?)<\/p><p class="name">(.*?) 様<\/p><p class="no">(.*?)<\/p>/g)];
    expect(pages.map((m) => m.slice(1).map(unescape))).toEqual(rows.map((r) => [r.postcode, r.address, r.name, r.customerNo]));
  });

  it('letters: a row with no name is addressed to お客様 (never a bare 様) and an empty postcode leaves no bare 〒', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, '顧客番号,氏名,郵便番号,住所\r\nC1,,100-0001,東京都千代田区1\r\nC2,佐藤 花子,,東京都港区2\r\n');
    const { html } = await lettersHtml(engine.cache, datasetId, [0, 1], '<p>本文</p>', { honorific: '様', noName: 'お客様', postcodeMark: '〒', lang: 'ja' });
    const blocks = [...html.matchAll(/<div class="address">(.*?)<\/div>/g)].map((m) => [...m[1]!.matchAll(/<p[^>]*>(.*?)<\/p>/g)].map((p) => p[1]));
    expect(blocks).toEqual([
      ['〒100-0001', '東京都千代田区1', 'お客様', 'C1'],
      ['東京都港区2', '佐藤 花子 様', 'C2'],
    ]);
  });
});

describe('the mark of a produced file (two-person export)', () => {
  const MARK = 'Honbu 出力番号 3f2a9c1e-77aa-4b0e-9d1c-0123456789ab / 依頼 𠮷田 花子 / 承認 佐藤 一郎';

  it('a Shift_JIS mailing list keeps its header on line 1, every customer field by field, and the mark as the last line, as wide as the header', async () => {
    const { engine, datasetId, rows } = await listed();
    const fits = rows.filter((r) => r.customerNo !== 'C0002');
    const bytes = await mailingCsv(engine.cache, datasetId, fits.map((r) => r.row), ja, 'shift_jis', undefined, MARK);
    const all = readExport(bytes, 'shift_jis');
    const { records, mark } = withoutMark(all);
    expect(exportMismatches(MAILING_LIST, records, fits, ja)).toEqual([]);
    expect(all.at(-1)).toHaveLength(MAILING_LIST.columns.length);
    // The requester's 𠮷 is outside Shift_JIS: the mark says 〓 rather than refusing the file.
    expect(mark).toBe('Honbu 出力番号 3f2a9c1e-77aa-4b0e-9d1c-0123456789ab / 依頼 〓田 花子 / 承認 佐藤 一郎');
  });

  it('the e-mail list and the call list carry it too; a file without one reads as before', async () => {
    const { engine, datasetId, rows } = await listed();
    const withEmail = rows.filter((r) => r.email);
    const email = withoutMark(readExport(await emailCsv(engine.cache, datasetId, withEmail.map((r) => r.row), ja, 'utf-8-bom', MARK), 'utf-8-bom'));
    expect(exportMismatches(EMAIL_RECIPIENTS, email.records, withEmail, ja)).toEqual([]);
    expect(email.mark).toBe(MARK);
    const calls = withoutMark(readExport(await callListCsv(engine.cache, datasetId, [{ row: rows[0]!.row, operator: 'A', noAnswers: 0 }], ja, MARK), 'utf-8-bom'));
    expect(calls.records).toHaveLength(2);
    expect(calls.mark).toBe(MARK);
    expect(withoutMark(readExport(await emailCsv(engine.cache, datasetId, withEmail.map((r) => r.row), ja), 'utf-8-bom')).mark).toBeNull();
  });

  it('letters: each page carries the mark and its page number in the footer', async () => {
    const { engine, datasetId, rows } = await listed();
    const out = await lettersHtml(engine.cache, datasetId, rows.map((r) => r.row), '<p>本文</p>', { honorific: '様', noName: 'お客様', postcodeMark: '〒', lang: 'ja', mark: '出力番号 X1' });
    const footers = [...out.html.matchAll(/<section class="letter">.*?<footer class="mark">([^<]*)<\/footer><\/section>/g)].map((m) => m[1]);
    expect(footers).toEqual(rows.map((_, i) => `出力番号 X1 · ${i + 1}/${rows.length}`));
  });
});
