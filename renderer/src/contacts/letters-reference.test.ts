import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { exportMismatches, readExport } from '../../../shared/contacts/export-check';
import { mailingList } from '../../../shared/contacts/exports';
import { formatReference, parseReference, referenceNumber } from '../../../shared/contacts/reference';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { lettersHtml, mailingCsv } from './batches';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);
const en = (k: string) => translate('en', k as MessageKey);

// Data the letters were not designed around: a name outside Shift_JIS, a variant kanji, an
// empty name, full-width digits, a tab inside a quoted address.
const LIST = [
  '顧客番号,氏名,郵便番号,住所,サービス',
  'C01,山田 花子,100-0001,東京都千代田区丸の内1-1,通販',
  'C02,𠮷野 太郎,100-0002,東京都千代田区2-2,アプリ',
  'Ｃ０３,髙橋 﨑子,１００－０００３,"大阪府大阪市北区\t3",通販',
  'C04,,100-0004,愛知県名古屋市中村区5,店舗',
].join('\r\n') + '\r\n';

async function twoLists() {
  const { db, engine } = await openTestEngine();
  await importText(engine, db, 'A,氏名\r\nx,y\r\n'.replace('A', '顧客番号'), { fileName: 'first.csv' });
  const datasetId = await importText(engine, db, LIST, { fileName: 'second.csv' });
  const list = (await engine.datasets('inc')).find((d) => d.id === datasetId)!;
  return { engine, datasetId, listNo: list.listNo!, rows: await engine.cache.rows(datasetId, 0) };
}

describe('reference numbers on letters and in the mailing list', () => {
  it('the mailing list has a 照会番号 column: each row the number of its customer (list 02), read back field by field', async () => {
    const { engine, datasetId, listNo, rows } = await twoLists();
    expect(listNo).toBe(2);
    const all = rows.map((r) => r.row);
    const utf8 = readExport(await mailingCsv(engine.cache, datasetId, all, ja, 'utf-8-bom', undefined, undefined, listNo), 'utf-8-bom');
    expect(utf8[0]).toEqual(['顧客番号', '照会番号', '郵便番号', '住所', '氏名', '区分']);
    expect(exportMismatches(mailingList(listNo), utf8, rows, ja)).toEqual([]);
    expect(utf8.slice(1).map((r) => r[1])).toEqual(all.map((row) => formatReference(referenceNumber(2, row))));
    // What the vendor prints reads back to the same customer.
    for (const [i, r] of utf8.slice(1).entries()) expect(parseReference(r[1]!)).toMatchObject({ ok: true, listNo: 2, row: i });
    expect(utf8[3]![1]).toMatch(/^0200-0000-03\d$/);
    expect(utf8[3]).toEqual(['Ｃ０３', formatReference(referenceNumber(2, 2)), '１００－０００３', '大阪府大阪市北区\t3', '髙橋 﨑子', '通販']);
    // Shift_JIS (the rows it can hold), with the header in English too.
    const sjis = readExport(await mailingCsv(engine.cache, datasetId, [0, 3], en, 'shift_jis', undefined, undefined, listNo), 'shift_jis');
    expect(sjis[0]![1]).toBe('Reference number');
    expect(sjis.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['C01', formatReference(referenceNumber(2, 0))],
      ['C04', formatReference(referenceNumber(2, 3))],
    ]);
  });

  it('each letter carries its customer\'s number in the head, labelled, in the 4-4-3 groups a caller reads out', async () => {
    const { engine, datasetId, listNo, rows } = await twoLists();
    const { html, count } = await lettersHtml(engine.cache, datasetId, rows.map((r) => r.row), '<p>本文</p>', {
      honorific: '様',
      noName: 'お客様',
      postcodeMark: '〒',
      lang: 'ja',
      listNo,
      referenceLabel: '照会番号',
    });
    expect(count).toBe(4);
    const letters = html.split('<section class="letter">').slice(1);
    expect(letters).toHaveLength(4);
    for (const [i, letter] of letters.entries()) {
      const head = letter.slice(0, letter.indexOf('<div class="body">'));
      expect(head).toContain(`<span class="ref-label">照会番号</span> <span class="ref-no">${formatReference(referenceNumber(2, i))}</span>`);
      expect(head).toContain(rows[i]!.customerNo);
    }
    // The nameless customer still gets お客様 and a number.
    expect(letters[3]).toContain('お客様');
  });

  it('a list without a number prints no reference line and leaves the column empty', async () => {
    const { engine, datasetId, rows } = await twoLists();
    const { html } = await lettersHtml(engine.cache, datasetId, [0], '', { honorific: '様', noName: 'お客様', postcodeMark: '〒', lang: 'ja' });
    expect(html).not.toContain('class="ref"');
    const csv = readExport(await mailingCsv(engine.cache, datasetId, [0], ja, 'utf-8-bom'), 'utf-8-bom');
    expect(csv[1]).toEqual(['C01', '', '100-0001', '東京都千代田区丸の内1-1', '山田 花子', '通販']);
    expect(rows).toHaveLength(4);
  });
});
