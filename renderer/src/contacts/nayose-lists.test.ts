import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readExport, withoutMark } from '../../../shared/contacts/export-check';
import { formatReference, referenceNumber } from '../../../shared/contacts/reference';
import { VENDOR_FILE } from '../../../shared/contacts/vendor-export';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { engineContext } from './handlers';
import { batchLetters } from './nayose-letters';
import { nayoseHandlers } from './nayose-handlers';
import { undoList } from './outcomes';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { writeVendorFile } from './vendor-file';
import { collectBytes as collect } from './test-sink';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);

// Two services' lists: 髙橋 一郎 in both (A row 1, B row 0, written differently), 山田 in both
// (A row 2, B row 2: a household decision), everyone else once. 𠮷 stays out (Shift_JIS file).
const LIST_A = [
  '顧客番号,氏名,郵便番号,住所',
  'A1,佐藤 花子,530-0001,大阪府大阪市北区梅田3-1-1',
  'A2,髙橋 一郎,100-0013,東京都千代田区霞が関1-2-3',
  'A3,山田 太郎,604-8571,京都府京都市中京区寺町通御池上る上本能寺前町488',
].join('\r\n') + '\r\n';
const LIST_B = [
  '顧客番号,氏名,郵便番号,住所',
  'B1,高橋 一郎,１００－００１３,東京都千代田区霞ヶ関１－２－３',
  'B2,鈴木 次郎,046-0003,北海道余市郡余市町黒川町3丁目1',
  'B3,山田 花子,604-8571,京都府京都市中京区寺町通御池上る上本能寺前町488',
].join('\r\n') + '\r\n';

async function twoLists() {
  const { db, engine, store } = await openTestEngine();
  const a = await importText(engine, db, LIST_A, { fileName: 'a.csv' });
  const b = await importText(engine, db, LIST_B, { fileName: 'b.csv' });
  const numbers = new Map((await engine.datasets('inc')).map((d) => [d.id, d.listNo!]));
  const h = engineContext(store);
  const merge = (clusters: { datasetId: string; row: number }[][], mode: 'person' | 'household' = 'person') =>
    nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode, clusters: clusters.map((members) => ({ members, merge: true })) });
  return { engine, store, h, a, b, listNo: (id: string) => numbers.get(id)!, merge };
}

describe('名寄せ across lists on the engine', () => {
  it('two lists, the same person: one letter whichever batch is made first; both vendor files read back field by field', async () => {
    const { engine, a, b, listNo, merge } = await twoLists();
    await merge([[{ datasetId: a, row: 1 }, { datasetId: b, row: 0 }], [{ datasetId: a, row: 2 }, { datasetId: b, row: 2 }]], 'household');
    // B's batch first, then A's.
    const bb = (await engine.createBatch({ datasetId: b, channel: 'post' })).batch;
    const ab = (await engine.createBatch({ datasetId: a, channel: 'post' })).batch;
    expect(bb.rows).toEqual([0, 1, 2]); // every record stays in its batch, with its own status
    const la = await batchLetters(engine.data, 'inc', a, ab.rows);
    const lb = await batchLetters(engine.data, 'inc', b, bb.rows);
    expect(la.letters).toEqual([0, 1, 2]);
    expect(lb.letters).toEqual([1]);
    expect([...lb.elsewhere]).toEqual([[0, { datasetId: a, row: 1 }], [2, { datasetId: a, row: 2 }]]);
    // Letters = people: 6 records, 4 letters, 2 saved.
    expect(la.letters.length + lb.letters.length).toBe(4);
    expect(la.saved + lb.saved).toBe(2);
    expect((await engine.status(b, 0)).phase).toBe('in-progress');

    // Both vendor files, every field: the person once, with the printing list's 照会番号.
    const read = async (datasetId: string, rows: number[]) => {
      const sink = collect();
      await writeVendorFile(engine.cache, datasetId, rows, sink, { encoding: 'shift_jis', label: ja, ctx: { listNo: listNo(datasetId) } }, 'mark');
      return withoutMark(readExport(sink.bytes(), 'shift_jis')).records;
    };
    const fa = await read(a, la.letters);
    const fb = await read(b, lb.letters);
    expect(fa[0]).toEqual(VENDOR_FILE.columns.map((c) => ja(c.label)));
    const ref = (datasetId: string, row: number) => formatReference(referenceNumber(listNo(datasetId), row));
    expect(fa.slice(1)).toEqual([
      ['5300001', '大阪府', '大阪市北区', '梅田3-1-1', '', '佐藤 花子', '様', ref(a, 0), '', '', ''],
      ['1000013', '東京都', '千代田区', '霞が関1-2-3', '', '髙橋 一郎', '様', ref(a, 1), '', '', ''],
      ['6048571', '京都府', '京都市中京区', '寺町通御池上る上本能寺前町488', '', '山田 太郎', '様', ref(a, 2), '', '', ''],
    ]);
    expect(fb.slice(1)).toEqual([['0460003', '北海道', '余市郡余市町', '黒川町3丁目1', '', '鈴木 次郎', '様', ref(b, 1), '', '', '']]);
    const names = [...fa.slice(1), ...fb.slice(1)].map((r) => r[5]);
    expect(names.filter((n) => n?.includes('一郎'))).toEqual(['髙橋 一郎']);
  });

  it('a batch made before the decision collapses once it is made; undo of the merge gives the letter back', async () => {
    const { engine, h, a, b, merge } = await twoLists();
    const bb = (await engine.createBatch({ datasetId: b, channel: 'post' })).batch;
    expect((await batchLetters(engine.data, 'inc', b, bb.rows)).letters).toEqual([0, 1, 2]);
    const d = await merge([[{ datasetId: a, row: 1 }, { datasetId: b, row: 0 }]]);
    expect((await batchLetters(engine.data, 'inc', b, bb.rows)).letters).toEqual([1, 2]);
    await nayoseHandlers['contacts.nayose-undo'](h, { incidentId: 'inc', eventId: d.eventId });
    expect((await batchLetters(engine.data, 'inc', b, bb.rows)).letters).toEqual([0, 1, 2]);
  });

  it('returned letter of list A fails B\'s record too; undo from either list takes both back; delivered carries too', async () => {
    const { engine, a, b, merge } = await twoLists();
    await merge([[{ datasetId: a, row: 1 }, { datasetId: b, row: 0 }]]);
    await engine.createBatch({ datasetId: a, channel: 'post' });
    await engine.createBatch({ datasetId: b, channel: 'post' });
    const plan = await engine.previewOutcomes(a, 'post', 'returned-mail', [{ customerNo: 'A2', outcome: 'failed', reason: 'unknown-address' }]);
    await engine.applyOutcomes(plan);
    expect((await engine.status(a, 1)).phase).not.toBe('in-progress');
    expect(await engine.status(b, 0)).toEqual(await engine.status(a, 1));
    expect((await engine.status(b, 1)).phase).toBe('in-progress'); // not merged: untouched
    // B's share is its own event in B's list, linked: undoing it from B's applied lists takes A's back too.
    const shared = (await engine.datasetEvents(b)).find((e) => e.type === 'contacts.outcomes-recorded')!;
    expect(shared.type === 'contacts.outcomes-recorded' && shared.payload.rows).toEqual([0]);
    await undoList(engine, b, shared.id);
    expect((await engine.status(a, 1)).phase).toBe('in-progress');
    expect((await engine.status(b, 0)).phase).toBe('in-progress');
    // "The rest reached" of A's batch reaches B's record; B's own batch still holds it (its status is its own).
    await engine.applyOutcomes(await engine.previewOutcomes(a, 'post', 'delivered', [{ row: 1, outcome: 'reached' }]));
    expect((await engine.status(b, 0)).phase).toBe('reached');
    expect((await engine.checkFold(a)).mismatchedRows).toBe(0);
    expect((await engine.checkFold(b)).mismatchedRows).toBe(0);
  });
});
