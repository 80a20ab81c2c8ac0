/**
 * A post batch made, then — before its letters or the printing vendor's file are made — one of
 * its customers is excluded (the family calls: 故人; another asks not to be contacted). The
 * batch screen prints the rows `lettersToPrint` returns (BatchItem's letterRows), for the
 * letters, the mailing list and the vendor file alike; an e-mail batch's list the rows
 * `rowsToSend` returns (a stranger's finding: both printed every row of the batch).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readExport, withoutMark } from '../../../shared/contacts/export-check';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { lettersToPrint, rowsToSend } from './nayose-letters';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { collectBytes } from './test-sink';
import { writeVendorFile } from './vendor-file';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);

const LIST =
  [
    '顧客番号,氏名,郵便番号,住所,区分',
    '0001,青木 一郎,060-0001,北海道札幌市中央区北一条西1丁目1,通販',
    '0002,井上 二郎,100-0001,東京都千代田区千代田1-1,通販',
    '0003,上田 三郎,100-0001,東京都千代田区千代田1-2,通販',
    '0004,江藤 四郎,100-0001,東京都千代田区千代田1-3,通販',
  ].join('\r\n') + '\r\n';

describe('a post batch whose customers were excluded after it was made, before its letters were printed', () => {
  it('prints no letter and no vendor-file row for a customer excluded as deceased or do-not-contact (as the call list leaves them out)', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, LIST);
    const listNo = (await engine.datasets('inc')).find((d) => d.id === datasetId)!.listNo!;
    const post = await engine.createBatch({ datasetId, channel: 'post' });
    expect(post.batch.rows).toEqual([0, 1, 2, 3]);
    await engine.exclude(datasetId, [1], 'deceased');
    await engine.exclude(datasetId, [3], 'do-not-contact');
    expect((await engine.status(datasetId, 1)).phase).toBe('excluded');

    // What the batch screen prints (not yet marked sent).
    const summary = () => engine.data.batches(datasetId).then((all) => all.find((x) => x.batch.batchId === post.batch.batchId)!);
    const { letters, leftOut } = await lettersToPrint(engine, 'inc', await summary());
    const sink = collectBytes();
    await writeVendorFile(engine.cache, datasetId, letters, sink, { encoding: 'shift_jis', label: ja, ctx: { listNo } }, 'mark');
    const names = withoutMark(readExport(sink.bytes(), 'shift_jis')).records.slice(1).map((r) => r[5]);
    expect({ letters, leftOut, names }).toEqual({ letters: [0, 2], leftOut: 2, names: ['青木 一郎', '上田 三郎'] });

    // Marked sent, made again: still not for the two excluded customers.
    await engine.markBatchSent(datasetId, post.batch.batchId, new Date().toISOString());
    expect(await lettersToPrint(engine, 'inc', await summary())).toMatchObject({ letters: [0, 2], leftOut: 2 });
  });

  it("an e-mail batch's list leaves out a customer excluded after it was made", async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, '顧客番号,氏名,メールアドレス\r\n0001,青木 一郎,a@example.jp\r\n0002,井上 二郎,b@example.jp\r\n0003,上田 三郎,c@example.jp\r\n');
    const mail = await engine.createBatch({ datasetId, channel: 'email' });
    expect(mail.batch.rows).toEqual([0, 1, 2]);
    await engine.exclude(datasetId, [2], 'do-not-contact');
    const summary = (await engine.data.batches(datasetId)).find((x) => x.batch.batchId === mail.batch.batchId)!;
    expect(await rowsToSend(engine, summary)).toEqual({ rows: [0, 1], leftOut: 1 });
  });
});
