import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { GiftCoder } from '../../../shared/contacts/gift-code';
import { lettersHtml } from './batches';
import { giftHandlers } from './gift-handlers';
import { engineContext } from './handlers';
import { customerGift, giftCoder, giftOverview, letterGift, previewRedemption } from './gifts';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { encodeCsv } from '../../../shared/export/csv';
import { readListFile } from './file-reader';
import { parseRedemptionFile } from '../../../shared/contacts/gift-redemption';

afterEach(dropTestDatabases);

// Names outside Shift_JIS, an empty name, full-width digits: the letters still carry each customer's code.
const LIST = [
  '顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号,サービス',
  'C0001,髙橋 恵美子,タカハシ エミコ,100-0001,東京都千代田区丸の内1-1,a@example.jp,090-1111-0001,通販',
  'C0002,𠮷野 太郎,ヨシノ タロウ,100-0002,東京都千代田区2-2,b@example.jp,090-1111-0002,通販',
  'Ｃ０００３,,サトウ,１００－０００３,東京都港区芝3,c@example.jp,090-1111-0003,通販',
  'C0004,山﨑 健,ヤマサキ ケン,100-0004,大阪府大阪市北区4,d@example.jp,090-1111-0004,通販',
].join('\r\n') + '\r\n';

const words = () => ({ label: 'お詫びの品の交換コード:', until: '（2027-03-31 まで有効）' });

async function setUp() {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, LIST);
  const h = engineContext(store);
  return { engine, store, datasetId, h };
}

describe('the apology gift through the engine', () => {
  it('prints each letter’s own code once a programme is set, reads it back to that customer, and shows it on the card', async () => {
    const { engine, datasetId, h } = await setUp();
    expect(await letterGift(engine, 'inc', datasetId, words)).toBeUndefined();
    await giftHandlers['contacts.set-gift-programme'](h, { incidentId: 'inc', options: [{ label: '図書カード', unitCost: 500 }, { label: '寄付', unitCost: 500 }], validFrom: '2026-12-01', validUntil: '2027-03-31' });
    const { batch } = await engine.createBatch({ datasetId, channel: 'post' });
    const gift = await letterGift(engine, 'inc', datasetId, words);
    const { html } = await lettersHtml(engine.cache, datasetId, batch.rows, '<p>本文</p>', { honorific: '様', noName: 'お客様', postcodeMark: '〒', lang: 'ja', gift });
    const codes = [...html.matchAll(/<span class="gift-code">([0-9A-Z-]+)<\/span>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(4);
    expect(new Set(codes).size).toBe(4);
    const coder = await giftCoder(engine, 'inc');
    expect(codes.map((c) => coder.read(c))).toEqual(batch.rows.map((row, i) => ({ ok: true, listNo: 1, row, code: codes[i]!.replace(/-/g, '') })));
    // The code is never stored: no event and no record carries it.
    const card = await customerGift(engine, 'inc', datasetId, 2);
    expect(card).toEqual({ code: codes[2]!.replace(/-/g, '') });
  });

  it('imports a Shift_JIS redemption file: preview, apply as one event, the same file again adds nothing, undo; totals and card exact', async () => {
    const { engine, datasetId, h } = await setUp();
    await giftHandlers['contacts.set-gift-programme'](h, { incidentId: 'inc', options: [{ label: '図書カード', unitCost: 500 }, { label: '寄付', unitCost: 300 }], validFrom: '2026-12-01', validUntil: '2027-03-31' });
    await engine.createBatch({ datasetId, channel: 'post' });
    const coder = await giftCoder(engine, 'inc');
    const typo = coder.code(1, 1).slice(0, 12) + (coder.code(1, 1).endsWith('0') ? '1' : '0');
    const foreign = new GiftCoder(new Uint32Array([5, 6, 7, 8])).code(1, 0);
    const text = ['ギフトコード,選択商品,交換日', `${coder.code(1, 0)},図書カード,2026/12/10`, `${coder.code(1, 3)},寄付,２０２６年１２月１１日`, `${typo},寄付,2026/12/11`, `${foreign},寄付,2026/12/11`].join('\r\n');
    const read = await readListFile(new Blob([encodeCsv(text, 'shift_jis')]));
    if ('tooLarge' in read) throw new Error('too large');
    expect(read.encoding).toBe('shift_jis');
    const { plan } = await previewRedemption(engine, 'inc', read.text);
    expect(plan).toMatchObject({ valid: 2, byOption: expect.any(Object) as unknown });
    expect(plan!.unknown.map((i) => [i.line, i.column])).toEqual([[5, 1]]);
    expect(plan!.mistyped.map((i) => [i.line, i.column])).toEqual([[4, 1]]);

    const file = parseRedemptionFile(read.text);
    const { eventId, count } = await giftHandlers['contacts.record-redemptions'](h, { incidentId: 'inc', file, mapping: file.mapping, listName: 'vendor.csv' });
    expect(count).toBe(2);
    let o = await giftOverview(engine, 'inc');
    expect(o.totals).toMatchObject({ issued: 4, redeemed: 2, unredeemed: 2, cost: 800, committed: 800 + 2 * 500 });
    expect(o.files).toMatchObject([{ eventId, listName: 'vendor.csv', count: 2, undone: false }]);
    expect(await customerGift(engine, 'inc', datasetId, 3)).toMatchObject({ redemption: { optionId: expect.any(String) as unknown }, label: '寄付' });

    await expect(giftHandlers['contacts.record-redemptions'](h, { incidentId: 'inc', file, mapping: file.mapping })).rejects.toMatchObject({ problems: [{ field: 'file', reason: 'nothing-new' }] });

    await giftHandlers['contacts.undo-redemption'](h, { incidentId: 'inc', eventId });
    o = await giftOverview(engine, 'inc');
    expect(o.totals).toMatchObject({ issued: 4, redeemed: 0, cost: 0 });
    expect(o.files[0]!.undone).toBe(true);
    expect((await customerGift(engine, 'inc', datasetId, 3))?.redemption).toBeUndefined();
    await expect(giftHandlers['contacts.undo-redemption'](h, { incidentId: 'inc', eventId })).rejects.toMatchObject({ problems: [{ reason: 'undone' }] });
  });
});

describe('gift codes of a list number two laptops chose offline', () => {
  it('the preview names the lines whose code reads as the number another list also chose', async () => {
    const { engine, store, h } = await setUp();
    await giftHandlers['contacts.set-gift-programme'](h, { incidentId: 'inc', options: [{ label: '寄付', unitCost: 300 }], validFrom: '2026-12-01', validUntil: '2027-03-31' });
    // Another laptop imported its own list as 01 and printed its letters; its event is later, so it is 02 now.
    const base = { contentHash: 'h2', rows: 30, mapping: { fields: {}, extra: [] }, header: ['a'], encoding: 'utf-8' as const, fileName: 'y.csv', channelOrder: ['post' as const], maxRetries: 1, segments: [] };
    await store.append([{ type: 'contacts.dataset-imported', incidentId: 'inc', payload: { ...base, datasetId: 'far-x', listNo: 1 } }]);
    const coder = await giftCoder(engine, 'inc');
    const { plan } = await previewRedemption(engine, 'inc', ['ギフトコード,選択商品,交換日', `${coder.code(1, 0)},寄付,2026/12/10`].join('\r\n'));
    expect([plan!.valid, plan!.clashed]).toEqual([1, [2]]);
  });
});
