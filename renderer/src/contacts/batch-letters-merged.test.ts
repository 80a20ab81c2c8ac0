/**
 * A customer excluded (故人, 連絡不要) after the batch was made, and the rows a batch's files are
 * made for (rowsToSend, lettersToPrint), with 名寄せ clusters, other channels and undo (a
 * stranger's findings: a merged person's letter moved to their other record).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { engineContext } from './handlers';
import { lettersToPrint, rowsToSend } from './nayose-letters';
import { nayoseHandlers } from './nayose-handlers';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

// Rows 0 and 2 are one person written two ways (髙橋/高橋, the same address): merged as one person.
const LIST =
  [
    '顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号',
    'C1,髙橋 一郎,タカハシ イチロウ,100-0013,東京都千代田区霞が関一丁目2番3号,ichiro@example.jp,',
    'C2,佐藤 花子,サトウ ハナコ,530-0001,大阪市北区梅田3-1-1,hanako@example.jp,090-1111-2222',
    'C3,高橋一郎,たかはし いちろう,1000013,東京都千代田区霞ヶ関１－２－３,ichiro2@example.jp,',
    'C4,高橋 花子,タカハシ ハナコ,100-0013,東京都千代田区霞が関1-2-3,,',
  ].join('\r\n') + '\r\n';

async function setUp() {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, LIST);
  const h = engineContext(store);
  await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: [{ datasetId, row: 0 }, { datasetId, row: 2 }], merge: true }] });
  const summary = (batchId: string) => engine.data.batches(datasetId).then((all) => all.find((x) => x.batch.batchId === batchId)!);
  return { engine, datasetId, summary };
}

describe('a merged (名寄せ: one person) cluster whose letter record is excluded', () => {
  it('before the batch is sent: the person who died gets no letter through their other record', async () => {
    const { engine, datasetId, summary } = await setUp();
    const post = await engine.createBatch({ datasetId, channel: 'post' });
    expect((await lettersToPrint(engine, 'inc', await summary(post.batch.batchId))).letters).toEqual([0, 1, 3]);
    // The family calls: 髙橋 一郎 has died. The lead excludes the record on the card (row 0).
    await engine.exclude(datasetId, [0], 'deceased');
    const l = await lettersToPrint(engine, 'inc', await summary(post.batch.batchId));
    // Row 2 is the same person (merged as one): no letter for either record.
    expect(l.letters).toEqual([1, 3]);
  });

  it('after the batch is sent: making its files again prints no letter it never sent (row 2 was covered by row 0)', async () => {
    const { engine, datasetId, summary } = await setUp();
    const post = await engine.createBatch({ datasetId, channel: 'post' });
    await engine.markBatchSent(datasetId, post.batch.batchId, new Date().toISOString());
    expect((await lettersToPrint(engine, 'inc', await summary(post.batch.batchId))).letters).toEqual([0, 1, 3]);
    await engine.exclude(datasetId, [0], 'deceased');
    const l = await lettersToPrint(engine, 'inc', await summary(post.batch.batchId));
    // "makes again what it sent, less the customers excluded since": what it sent was letters 0, 1, 3.
    expect(l.letters).toEqual([1, 3]);
  });
});

describe('rowsToSend on other channels and states', () => {
  it('an e-mail batch: a customer excluded, then undone, is in the list again', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, '顧客番号,氏名,メールアドレス\r\n0001,青木 一郎,a@example.jp\r\n0002,井上 二郎,b@example.jp\r\n0003,上田 三郎,c@example.jp\r\n');
    const mail = await engine.createBatch({ datasetId, channel: 'email' });
    const summary = async () => (await engine.data.batches(datasetId)).find((x) => x.batch.batchId === mail.batch.batchId)!;
    const ex = await engine.exclude(datasetId, [1], 'do-not-contact');
    expect(await rowsToSend(engine, await summary())).toEqual({ rows: [0, 2], leftOut: 1 });
    await engine.undo(datasetId, ex.id);
    expect(await rowsToSend(engine, await summary())).toEqual({ rows: [0, 1, 2], leftOut: 0 });
    // Sent, then excluded: the sent list is made again without them; undone: with them.
    await engine.markBatchSent(datasetId, mail.batch.batchId, new Date().toISOString());
    const ex2 = await engine.exclude(datasetId, [2], 'deceased');
    expect(await rowsToSend(engine, await summary())).toEqual({ rows: [0, 1], leftOut: 1 });
    await engine.undo(datasetId, ex2.id);
    expect(await rowsToSend(engine, await summary())).toEqual({ rows: [0, 1, 2], leftOut: 0 });
  });

  it('a sent post batch whose customer was reached since is still made again for them (only exclusions leave out)', async () => {
    const { engine, datasetId, summary } = await setUp();
    const post = await engine.createBatch({ datasetId, channel: 'post' });
    await engine.markBatchSent(datasetId, post.batch.batchId, new Date().toISOString());
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'delivered', [{ row: 1, outcome: 'reached' }]));
    expect((await rowsToSend(engine, await summary(post.batch.batchId))).rows).toEqual([0, 1, 2, 3]);
  });

  it('an unsent post batch: a customer a newer post batch took is left out, and counted as left out', async () => {
    const { engine, datasetId, summary } = await setUp();
    const first = await engine.createBatch({ datasetId, channel: 'post' });
    // the first batch cancelled would release them; instead a second batch on the same channel for the rest (none)
    const second = await engine.createBatch({ datasetId, channel: 'post' }).catch(() => null);
    const r = await rowsToSend(engine, await summary(first.batch.batchId));
    if (second && second.batch.rows.length > 0) expect(r.rows.some((x) => second.batch.rows.includes(x))).toBe(false);
    expect(r.leftOut).toBe(first.batch.rows.length - r.rows.length);
  });


});
