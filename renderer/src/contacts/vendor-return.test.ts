/**
 * The printing vendor sends the returned letters back in the layout of the file it was sent
 * (VENDOR_FILE: 郵便番号 first, 照会番号 further on) with a 返送理由 column added, in
 * Shift_JIS, the lines in another order (a stranger's finding). The results screen reads it
 * with readListFile → parseResultList → guessReturnKey, then looks up customer numbers or
 * splits by reference number: the key is found by its column's name.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readExport, withoutMark } from '../../../shared/contacts/export-check';
import { parseResultList } from '../../../shared/contacts/result-list';
import { guessReturnKey, splitByReference } from '../../../shared/contacts/result-references';
import { encodeCsv, toCsv } from '../../../shared/export/csv';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { readListFile } from './file-reader';
import { referenceBook } from './reference-numbers';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { collectBytes } from './test-sink';
import { writeVendorFile } from './vendor-file';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);

// Customer numbers of 7 digits, as many companies number their members; row 0's number is
// the same seven digits as the postcode of rows 1–3.
const LIST =
  [
    '顧客番号,氏名,郵便番号,住所,区分',
    '1000001,青木 一郎,060-0001,北海道札幌市中央区北一条西1丁目1,通販',
    '2000002,井上 二郎,100-0001,東京都千代田区千代田1-1,通販',
    '2000003,上田 三郎,100-0001,東京都千代田区千代田1-2,通販',
    '2000004,江藤 四郎,100-0001,東京都千代田区千代田1-3,通販',
  ].join('\r\n') + '\r\n';

describe("the vendor's returned letters, sent back in the vendor file's own layout", () => {
  it('are matched by their 照会番号 column: the customers whose letters came back are marked returned, nobody else', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, LIST);
    const listNo = (await engine.datasets('inc')).find((d) => d.id === datasetId)!.listNo!;
    const post = await engine.createBatch({ datasetId, channel: 'post' });
    await engine.markBatchSent(datasetId, post.batch.batchId, new Date().toISOString());

    // The file the vendor got.
    const sink = collectBytes();
    await writeVendorFile(engine.cache, datasetId, post.batch.rows, sink, { encoding: 'shift_jis', label: ja, ctx: { listNo } }, 'mark');
    const { records } = withoutMark(readExport(sink.bytes(), 'shift_jis'));
    const [header, ...rows] = records;
    // The vendor sends back the records of the letters that came back (rows 3 and 1, in that
    // order), the same columns plus the reason, in Shift_JIS as it received them.
    const back = toCsv([...header!, '返送理由'], [[...rows[3]!, '宛所不明'], [...rows[1]!, '転居先不明']]);
    const file = await readListFile(new Blob([encodeCsv(back, 'shift_jis')]));
    if ('tooLarge' in file) throw new Error('too large');
    const parsed = parseResultList(file.text, 'returned-mail');
    // The reasons are the 返送理由 column's, not a neighbour's.
    expect(parsed.items.map((i) => i.detail)).toEqual(['宛所不明', '転居先不明']);

    // What the results screen does with it (ResultsPanel: byReference, else customer numbers).
    const key = guessReturnKey(parsed);
    let marked: number[];
    if (key === 'reference') {
      const split = splitByReference(parsed.items, await referenceBook(engine.data, 'inc'));
      marked = split.lists.flatMap((l) => l.items.map((i) => i.row));
    } else {
      const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', parsed.items.map((it) => ({ customerNo: it.key, outcome: 'failed' as const, reason: 'unknown-address' })));
      marked = plan.rows;
    }
    // Taking the first column (郵便番号 1000001) as a customer number would mark customer
    // 1000001 (row 0, whose letter was delivered) and miss the two whose letters came back.
    expect({ key, marked: [...marked].sort() }).toEqual({ key: 'reference', marked: [1, 3] });
  });
});
