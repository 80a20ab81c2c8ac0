import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { engineContext } from './handlers';
import { giftHandlers } from './gift-handlers';
import { customerGift, giftCoder, giftOverview } from './gifts';
import { batchLetters } from './nayose-letters';
import { nayoseHandlers } from './nayose-handlers';
import { undoList } from './outcomes';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

// Three services' lists, 髙橋 一郎 in each (A row 1, B row 0, C row 2), written three ways.
const list = (rows: string[]) => ['顧客番号,氏名,郵便番号,住所', ...rows].join('\r\n') + '\r\n';
const LIST_A = list(['A1,佐藤 花子,530-0001,大阪府大阪市北区梅田3-1-1', 'A2,髙橋 一郎,100-0013,東京都千代田区霞が関1-2-3', 'A3,山田 太郎,604-8571,京都府京都市中京区寺町通御池上る上本能寺前町488']);
const LIST_B = list(['B1,高橋 一郎,１００－００１３,東京都千代田区霞ヶ関１－２－３', 'B2,鈴木 次郎,046-0003,北海道余市郡余市町黒川町3丁目1', 'B3,山田 花子,604-8571,京都府京都市中京区寺町通御池上る上本能寺前町488']);
const LIST_C = list(['C1,田中 三郎,060-0001,北海道札幌市中央区北一条西2', 'C2,伊藤 四郎,980-0811,宮城県仙台市青葉区一番町1-1', 'C3,高橋 一郎,100-0013,東京都千代田区霞が関1丁目2番3号']);

async function lists(n: 2 | 3) {
  const { db, engine, store } = await openTestEngine();
  const a = await importText(engine, db, LIST_A, { fileName: 'a.csv' });
  const b = await importText(engine, db, LIST_B, { fileName: 'b.csv' });
  const c = n === 3 ? await importText(engine, db, LIST_C, { fileName: 'c.csv' }) : '';
  const h = engineContext(store);
  const decide = (members: { datasetId: string; row: number }[], merge = true) =>
    nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members, merge }] });
  return { engine, store, h, a, b, c, decide };
}

describe('名寄せ across lists, attacked', () => {
  it('three lists, one person: one letter; a returned letter on the third list fails all three; undo from the second takes all back', async () => {
    const { engine, a, b, c, decide } = await lists(3);
    await decide([{ datasetId: a, row: 1 }, { datasetId: b, row: 0 }, { datasetId: c, row: 2 }]);
    const ab = (await engine.createBatch({ datasetId: a, channel: 'post' })).batch;
    const bb = (await engine.createBatch({ datasetId: b, channel: 'post' })).batch;
    const cb = (await engine.createBatch({ datasetId: c, channel: 'post' })).batch;
    const [la, lb, lc] = await Promise.all([batchLetters(engine.data, 'inc', a, ab.rows), batchLetters(engine.data, 'inc', b, bb.rows), batchLetters(engine.data, 'inc', c, cb.rows)]);
    expect([la.letters, lb.letters, lc.letters]).toEqual([[0, 1, 2], [1, 2], [0, 1]]);
    expect(la.saved + lb.saved + lc.saved).toBe(2); // by hand: 9 records, 7 people
    await engine.applyOutcomes(await engine.previewOutcomes(c, 'post', 'returned-mail', [{ customerNo: 'C3', outcome: 'failed', reason: 'unknown-address' }]));
    const failed = await engine.status(c, 2);
    expect(failed.phase).not.toBe('in-progress');
    expect(await engine.status(a, 1)).toEqual(failed);
    expect(await engine.status(b, 0)).toEqual(failed);
    const share = (await engine.datasetEvents(b)).find((e) => e.type === 'contacts.outcomes-recorded')!;
    await undoList(engine, b, share.id);
    for (const [d, row] of [[a, 1], [b, 0], [c, 2]] as const) expect((await engine.status(d, row)).phase).toBe('in-progress');
  });

  it('a merge decided after the second list\'s letter was posted: that letter tells them, the first list prints none', async () => {
    const { engine, h, a, b, decide } = await lists(2);
    await giftHandlers['contacts.set-gift-programme'](h, { incidentId: 'inc', options: [{ label: '図書カード', unitCost: 500 }], validFrom: '2026-12-01', validUntil: '2027-03-31' });
    const bb = (await engine.createBatch({ datasetId: b, channel: 'post' })).batch;
    await engine.markBatchSent(b, bb.batchId, '2026-12-02');
    // Reviewed afterwards; the screen lists the first list first, as it does.
    await decide([{ datasetId: a, row: 1 }, { datasetId: b, row: 0 }]);
    const ab = (await engine.createBatch({ datasetId: a, channel: 'post' })).batch;
    // B's letter to 高橋 is in the post: A must not print a second one.
    expect((await batchLetters(engine.data, 'inc', a, ab.rows)).letters).toEqual([0, 2]);
    expect((await batchLetters(engine.data, 'inc', b, bb.rows)).letters).toEqual([0, 1, 2]);
    // Every code printed is counted once; A's record shows the code on the letter the person holds.
    expect((await giftOverview(engine, 'inc')).totals.issued).toBe(5);
    const coder = await giftCoder(engine, 'inc');
    expect((await customerGift(engine, 'inc', a, 1))?.code).toBe(coder.code(2, 0));
  });

  it('decided again after the second list\'s batch was posted without that person: the first list still prints their letter', async () => {
    const { engine, h, a, b, decide } = await lists(2);
    const first = await decide([{ datasetId: a, row: 1 }, { datasetId: b, row: 0 }]);
    const bb = (await engine.createBatch({ datasetId: b, channel: 'post' })).batch; // holds B0, prints no letter for them
    await engine.markBatchSent(b, bb.batchId, '2026-12-02');
    await nayoseHandlers['contacts.nayose-undo'](h, { incidentId: 'inc', eventId: first.eventId });
    await decide([{ datasetId: a, row: 1 }, { datasetId: b, row: 0 }]);
    const ab = (await engine.createBatch({ datasetId: a, channel: 'post' })).batch;
    expect((await batchLetters(engine.data, 'inc', a, ab.rows)).letters).toEqual([0, 1, 2]);
  });

  it('merged after both lists\' letters were posted: each batch keeps the letters it sent, and every printed code counts as issued', async () => {
    const { engine, h, a, b, decide } = await lists(2);
    await giftHandlers['contacts.set-gift-programme'](h, { incidentId: 'inc', options: [{ label: '図書カード', unitCost: 500 }], validFrom: '2026-12-01', validUntil: '2027-03-31' });
    const ab = (await engine.createBatch({ datasetId: a, channel: 'post' })).batch;
    const bb = (await engine.createBatch({ datasetId: b, channel: 'post' })).batch;
    await engine.markBatchSent(a, ab.batchId, '2026-12-02');
    await engine.markBatchSent(b, bb.batchId, '2026-12-02');
    await decide([{ datasetId: a, row: 1 }, { datasetId: b, row: 0 }]);
    // Both letters went: B's batch still says it wrote to 高橋 (its "rest reached" reaches them, its files still match).
    const lb = await batchLetters(engine.data, 'inc', b, bb.rows, bb.batchId);
    expect(lb.letters).toEqual([0, 1, 2]);
    expect(lb.elsewhere.size).toBe(0);
    expect((await giftOverview(engine, 'inc')).totals.issued).toBe(6);
    // A batch of B made now (none sent) follows the decision.
    expect((await batchLetters(engine.data, 'inc', b, bb.rows)).letters).toEqual([1, 2]);
  });
});
