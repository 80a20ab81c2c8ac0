import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { exportMismatches, readExport, withoutMark } from '../../../shared/contacts/export-check';
import type { ContactRow } from '../../../shared/contacts/model';
import { formatReference, parseReference, referenceNumber } from '../../../shared/contacts/reference';
import { VENDOR_FILE, vendorRow } from '../../../shared/contacts/vendor-export';
import type { LetterVariant } from '../../../shared/letters/events';
import { addresseeOf, variantOf } from '../../../shared/letters/variants';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { ExportCancelled, finishVendorFile, writeVendorFile } from './vendor-file';
import { collectBytes as collect } from './test-sink';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);

// Addresses the split must survive, names outside Shift_JIS, an empty name and address, a tab.
const LIST =
  [
    '顧客番号,氏名,郵便番号,住所,サービス',
    'C0001,山田 花子,100-0005,東京都千代田区丸の内1-9-1 丸の内中央ビル3階,通販',
    'C0002,𠮷野 太郎,１００－０００２,東京都千代田区丸の内１－２－３　〇〇ハイツ101,アプリ会員',
    'C0003,髙橋 恵美子,604-8571,京都府京都市中京区寺町通御池上る上本能寺前町488,通販',
    'C0004,,046-0003,北海道余市郡余市町黒川町3丁目1,通販',
    'C0005,佐藤 一郎,,,通販',
    'C0006,山﨑 次郎,510-8601,四日市市諏訪町1-5\tｸﾞﾗﾝﾄﾞﾒｿﾞﾝ 2-301,店舗会員',
    'C0007,=HYPERLINK(1),1000001,東京都東村山本町1-2-3,通販',
  ].join('\r\n') + '\r\n';

async function listed() {
  const { db, engine } = await openTestEngine();
  const datasetId = await importText(engine, db, LIST);
  const rows: ContactRow[] = await engine.cache.rows(datasetId, 0);
  return { engine, datasetId, rows };
}

const ctx = { listNo: 3 };

describe('the printing vendor file', () => {
  it('Shift_JIS: every field of every row read back; a name outside Shift_JIS is left out and listed for the choice', async () => {
    const { engine, datasetId, rows } = await listed();
    const sink = collect();
    const r = await writeVendorFile(engine.cache, datasetId, rows.map((x) => x.row), sink, { encoding: 'shift_jis', label: ja, ctx, chunkRows: 2 }, 'mark');
    const { records, mark } = withoutMark(readExport(sink.bytes(), 'shift_jis'));
    expect(mark).toBe('mark');
    const written = rows.filter((x) => x.customerNo !== 'C0002');
    expect(exportMismatches(VENDOR_FILE, records, written.map((x) => vendorRow(x, ctx)), ja)).toEqual([]);
    expect(r).toMatchObject({ rows: 6 });
    expect(r.unwritable).toEqual([{ row: 1, line: 3, customerNo: 'C0002', column: 'name', char: '𠮷', codePoint: 'U+20BB7' }]);
    expect(records[0]).toEqual(['郵便番号', '都道府県', '市区町村', '町域・番地', '建物名・部屋番号', '氏名', '様', '照会番号', '文面', 'お詫び品コード', '要確認']);
    expect(records[1]).toEqual(['1000005', '東京都', '千代田区', '丸の内1-9-1', '丸の内中央ビル3階', '山田 花子', '様', formatReference(referenceNumber(3, 0)), '通販', '', '']);
    // 髙 and 﨑 are in Windows' Shift_JIS (IBM extensions): written, not refused.
    expect(records[2]).toEqual(['6048571', '京都府', '京都市中京区', '寺町通御池上る上本能寺前町488', '', '髙橋 恵美子', '様', formatReference(referenceNumber(3, 2)), '通販', '', '']);
    // No name: お客様 in the honorific column, never a bare 様.
    expect(records[3]).toEqual(['0460003', '北海道', '余市郡余市町', '黒川町3丁目1', '', '', 'お客様', formatReference(referenceNumber(3, 3)), '通販', '', '']);
    // Empty address and postcode: empty fields, flagged.
    expect(records[4]).toEqual(['', '', '', '', '', '佐藤 一郎', '様', formatReference(referenceNumber(3, 4)), '通販', '', '要確認']);
    // No prefecture: derived from the postcode; a tab before the building is a space at the cut.
    expect(records[5]).toEqual(['5108601', '三重県', '四日市市', '諏訪町1-5', 'ｸﾞﾗﾝﾄﾞﾒｿﾞﾝ 2-301', '山﨑 次郎', '様', formatReference(referenceNumber(3, 5)), '店舗会員', '', '']);
    // A cut the split is unsure of: everything after the prefecture in 町域・番地, flagged; the formula guarded.
    expect(records[6]).toEqual(['1000001', '東京都', '', '東村山本町1-2-3', '', "'=HYPERLINK(1)", '様', formatReference(referenceNumber(3, 6)), '通販', '', '要確認']);
    // The reference number reads back to its list and row.
    expect(parseReference(records[2]![7]!)).toMatchObject({ ok: true, listNo: 3, row: 2 });
  });

  it('UTF-8 (BOM): every row, the BOM once at the start, whatever the chunk size', async () => {
    const { engine, datasetId, rows } = await listed();
    const one = collect();
    const many = collect();
    const all = rows.map((x) => x.row);
    await writeVendorFile(engine.cache, datasetId, all, one, { encoding: 'utf-8-bom', label: ja, ctx, chunkRows: 1000 });
    await writeVendorFile(engine.cache, datasetId, all, many, { encoding: 'utf-8-bom', label: ja, ctx, chunkRows: 1 });
    expect(many.chunks.length).toBe(rows.length);
    // Chunks joined = the whole file.
    expect(many.bytes()).toEqual(one.bytes());
    const bytes = one.bytes();
    const boms = [...bytes.keys()].filter((i) => bytes[i] === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf);
    expect(boms).toEqual([0]);
    const records = readExport(bytes, 'utf-8-bom');
    expect(exportMismatches(VENDOR_FILE, records, rows.map((x) => vendorRow(x, ctx)), ja)).toEqual([]);
    expect(records[2]![5]).toBe('𠮷野 太郎');
    expect(records[2]!.slice(0, 5)).toEqual(['1000002', '東京都', '千代田区', '丸の内１－２－３', '〇〇ハイツ101']);
  });

  it('the letter variant comes from the caller, and no list number leaves 照会番号 empty', async () => {
    const { engine, datasetId } = await listed();
    const sink = collect();
    await writeVendorFile(engine.cache, datasetId, [0, 2], sink, { encoding: 'utf-8-bom', label: ja, ctx: { listNo: null, variantOf: (r) => (r.segment === '通販' ? '通販のお詫び' : 'その他') } });
    const records = readExport(sink.bytes(), 'utf-8-bom');
    expect(records.slice(1).map((r) => [r[7], r[8]])).toEqual([
      ['', '通販のお詫び'],
      ['', '通販のお詫び'],
    ]);
  });

  it("addresses a child's guardian where the row's variant says so: 様の保護者様, 保護者様 without a name (the envelope went to the child)", async () => {
    const { engine, datasetId } = await listed();
    const variants: LetterVariant[] = [
      { variantId: 'default', name: '', segments: [], items: null, addressee: 'customer' },
      { variantId: 'kids', name: '保護者様あて', segments: ['通販'], items: null, addressee: 'guardian' },
    ];
    const sink = collect();
    await writeVendorFile(engine.cache, datasetId, [0, 2, 3, 4], sink, { encoding: 'utf-8-bom', label: ja, ctx: { listNo: 1, variantOf: variantOf(variants, '標準'), addresseeOf: addresseeOf(variants) } });
    const { records } = withoutMark(readExport(sink.bytes(), 'utf-8-bom'));
    expect(records.slice(1).map((r) => [r[5], r[6], r[8]])).toEqual([
      ['山田 花子', '様の保護者様', '保護者様あて'],
      ['髙橋 恵美子', '様の保護者様', '保護者様あて'],
      ['', '保護者様', '保護者様あて'],
      ['佐藤 一郎', '様の保護者様', '保護者様あて'],
    ]);
    // A segment the guardian variant does not cover keeps 様.
    const other = collect();
    await writeVendorFile(engine.cache, datasetId, [1], other, { encoding: 'utf-8-bom', label: ja, ctx: { listNo: 1, variantOf: variantOf(variants, '標準'), addresseeOf: addresseeOf(variants) } });
    expect(withoutMark(readExport(other.bytes(), 'utf-8-bom')).records[1]!.slice(5, 9)).toEqual(['𠮷野 太郎', '様', expect.any(String), '標準']);
  });

  it('writes a field with a line break in it (Alt+Enter in a spreadsheet) on one line, and flags the row', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, '顧客番号,氏名,郵便番号,住所,サービス\r\nB1,"山田\r\n太郎",150-0001,"東京都渋谷区神宮前1-2-3 メゾン神宮前\r\n101号室",通販\r\n');
    const sink = collect();
    await writeVendorFile(engine.cache, datasetId, [0], sink, { encoding: 'utf-8-bom', label: ja, ctx });
    const { records } = withoutMark(readExport(sink.bytes(), 'utf-8-bom'));
    expect(records).toHaveLength(2);
    expect([records[1]![4], records[1]![5], records[1]![10]]).toEqual(['メゾン神宮前 101号室', '山田 太郎', '要確認']);
  });

  it('reports progress and stops when cancelled', async () => {
    const { engine, datasetId, rows } = await listed();
    const abort = new AbortController();
    const seen: number[] = [];
    const run = writeVendorFile(engine.cache, datasetId, rows.map((x) => x.row), collect(), {
      encoding: 'utf-8-bom',
      label: ja,
      ctx,
      chunkRows: 2,
      signal: abort.signal,
      onProgress: (n, total) => {
        seen.push(n);
        expect(total).toBe(7);
        if (n >= 4) abort.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(seen).toEqual([2, 4]);
  });

  it('the mark line can be added after the choice, last', async () => {
    const sink = collect();
    await finishVendorFile(sink, 'shift_jis', 'Export 1 by 𠮷田');
    expect(readExport(sink.bytes(), 'shift_jis')).toEqual([['# Export 1 by 〓田', '', '', '', '', '', '', '', '', '', '']]);
  });
});

describe('the vendor file in Shift_JIS through the table', () => {
  it('writes the same bytes as the general encoder, and refuses what it refuses', async () => {
    const { encodeCsv, UnencodableError } = await import('../../../shared/export/csv');
    const { vendorChunk: chunk } = await import('../../../shared/contacts/vendor-export');
    const { ADDRESS_CORPUS } = await import('../../../shared/contacts/address-split.corpus');
    const names = ['髙橋 恵美子', '山﨑 次郎', '渡邉 花子', 'ｶﾀｶﾅ ﾀﾛｳ', '㈱サンプル', '≒∵∫Ⅰⅱ¥〜−', 'か\u3099き', 'ハ\u309a', '①②', '', '　'];
    const rows = ADDRESS_CORPUS.filter((c) => !/[𠮷]/u.test(c.address)).map((c, i) => vendorRow({ row: i, line: i + 2, customerNo: `C${i}`, name: names[i % names.length]!, kana: '', postcode: c.postcode, address: c.address, email: '', phone: '', segment: '通販', extra: [] }, { listNo: 7 }));
    const { toCsv } = await import('../../../shared/export/csv');
    const { exportHeader, exportRow } = await import('../../../shared/contacts/exports');
    const general = encodeCsv(toCsv(exportHeader(VENDOR_FILE, ja), rows.map((r) => exportRow(VENDOR_FILE, r))), 'shift_jis');
    expect(chunk(rows, { encoding: 'shift_jis', first: true, label: ja })).toEqual(general);
    const bad = vendorRow({ row: 0, line: 2, customerNo: 'C', name: '𠮷野', kana: '', postcode: '', address: '', email: '', phone: '', segment: '', extra: [] }, { listNo: 1 });
    expect(() => chunk([bad], { encoding: 'shift_jis', first: false, label: ja })).toThrow(UnencodableError);
  });
});
