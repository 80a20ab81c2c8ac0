/** A stranger's returned-mail list by customer number: full-width, spaces, tabs, a number not in the list; applied, undone, applied again. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseResultList } from '../../../shared/contacts/result-list';
import { readExport } from '../../../shared/contacts/export-check';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { emailCsv } from './batches';
import { loadAppliedLists } from './outcomes';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);

const LIST = [
  '顧客番号,氏名,郵便番号,住所,メールアドレス,電話番号',
  '00123,山田 一郎,100-0001,東京都千代田区1-1,ichiro@example.jp,090-0000-0001',
  '123,山田 二郎,100-0001,東京都千代田区1-2,jiro@example.jp,090-0000-0002',
  '00124,山田 三郎,100-0001,東京都千代田区1-3,,090-0000-0003',
  '00125,山田 四郎,100-0001,東京都千代田区1-4,shiro@example.jp,',
  '00123,山田 一郎,100-0001,東京都千代田区1-1,ichiro2@example.jp,090-0000-0009',
].join('\r\n') + '\r\n';

const RETURNED = ['顧客番号,理由', '００１２３,宛所不明', '00124 ,転居先不明', '99999,宛所不明', '  00125\t,受取拒否', ''].join('\r\n');

describe('returned-mail list by customer number', () => {
  it('applies, undoes, applies again', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, LIST);
    const post = await engine.createBatch({ datasetId, channel: 'post' });
    await engine.markBatchSent(datasetId, post.batch.batchId, new Date().toISOString());
    const parsed = parseResultList(RETURNED, 'returned-mail');
    const items = parsed.items.map((it) => ({ customerNo: it.key, outcome: 'failed' as const, reason: 'returned' }));
    const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', items);
    expect(plan.rows.sort()).toEqual([0, 2, 3, 4].sort());
    expect(plan.preview.notFound.map((i) => parsed.items[i]!.key)).toEqual(['99999']);
    const ev = await engine.applyOutcomes(plan);
    const st = async () => Promise.all([0, 1, 2, 3, 4].map(async (r) => JSON.stringify(await engine.status(datasetId, r))));
    const after1 = await st();
    const totals1 = JSON.stringify(await engine.totals(datasetId));
    const lists = await loadAppliedLists(engine, 'inc');
    expect(lists.map((l) => [l.source, l.customers, l.undone])).toEqual([['returned-mail', 4, null]]);
    await engine.undo(datasetId, ev.id);
    const afterUndo = await st();
    expect(afterUndo).not.toEqual(after1);
    const plan2 = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', items);
    await engine.applyOutcomes(plan2);
    const after2 = await st();
    expect(after2).toEqual(after1);
    expect(JSON.stringify(await engine.totals(datasetId))).toBe(totals1);
    // e-mail batch: exactly those returned with an e-mail, not 00124 (no e-mail → phone)
    const email = await engine.createBatch({ datasetId, channel: 'email' });
    const recs = readExport(await emailCsv(engine.cache, datasetId, email.batch.rows, ja), 'utf-8-bom');
    expect(recs.slice(1).map((r) => r[0])).toEqual(['00123', '00125']);
    const phone = await engine.createBatch({ datasetId, channel: 'phone', operators: ['A'] });
    expect(phone.batch.rows).toEqual([2]);
  });
});
