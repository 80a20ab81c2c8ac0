/**
 * 「文面ごとの通数」 under a post batch counts the letters its files would print now: a customer
 * excluded since the batch was made (故人, 連絡不要) is not counted, nor — 名寄せ — the one letter
 * of a person merged from two records when either record is excluded (lettersToPrint's rule). A
 * lead saw 「標準 3通」 while the letters file printed two.
 */
import 'fake-indexeddb/auto';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { LetterVariant } from '../../../shared/letters/events';
import { BUILT_IN_DEFAULT } from '../../../shared/letters/variants';
import { engineContext } from '../contacts/handlers';
import { lettersToPrint } from '../contacts/nayose-letters';
import { nayoseHandlers } from '../contacts/nayose-handlers';
import { dropTestDatabases, importText, openTestEngine } from '../contacts/test-engine';
import { type BatchVariants, BatchVariantsNote, lettersByVariant } from './BatchVariants';

afterEach(dropTestDatabases);

// Rows 0 and 2 are one person written two ways (merged as one person: one letter, to row 0).
const LIST =
  [
    '顧客番号,氏名,郵便番号,住所,サービス',
    'C1,髙橋 一郎,100-0013,東京都千代田区霞が関一丁目2番3号,通販',
    'C2,佐藤 花子,530-0001,大阪市北区梅田3-1-1,通販',
    'C3,高橋一郎,1000013,東京都千代田区霞ヶ関１－２－３,通販',
    'C4,田中 次郎,100-0001,東京都千代田区千代田1-1,こども講座',
    'C5,山本 三郎,100-0001,東京都千代田区千代田1-2,こども講座',
    'C6,江藤 四郎,100-0001,東京都千代田区千代田1-3,通販',
  ].join('\r\n') + '\r\n';

const STANDARD: LetterVariant = { ...BUILT_IN_DEFAULT, name: '標準', items: ['name', 'address'] };
const BIRTH: LetterVariant = { variantId: 'v-birth', name: '生年月日を含む', segments: ['こども講座'], items: ['name', 'address', 'birthDate'], addressee: 'customer' };
const VARIANTS = [STANDARD, BIRTH];

async function setUp() {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, LIST);
  await nayoseHandlers['contacts.nayose-decide'](engineContext(store), { incidentId: 'inc', mode: 'person', clusters: [{ members: [{ datasetId, row: 0 }, { datasetId, row: 2 }], merge: true }] });
  const post = await engine.createBatch({ datasetId, channel: 'post' });
  const summary = () => engine.data.batches(datasetId).then((all) => all.find((x) => x.batch.batchId === post.batch.batchId)!);
  /** The line the batch shows, and how many letters its files print now. */
  const shown = async () => {
    const s = await summary();
    const groups = await lettersByVariant(engine, 'inc', s, VARIANTS);
    const line = renderToStaticMarkup(<BatchVariantsNote state={{ groups, blocked: null, dismiss: () => undefined } as unknown as BatchVariants} />);
    return { line, printed: (await lettersToPrint(engine, 'inc', s)).letters.length };
  };
  return { engine, datasetId, post, shown };
}

describe('the letters per variant a post batch shows', () => {
  it('before it is sent: leaves out a customer excluded since, and the merged person whose other record was excluded', async () => {
    const { engine, datasetId, shown } = await setUp();
    expect(await shown()).toEqual({ line: expect.stringContaining('文面ごとの通数：標準 3通、生年月日を含む 2通') as string, printed: 5 });
    // The family calls about C3 (the merged person's other record), another customer asks not to be contacted.
    await engine.exclude(datasetId, [2], 'deceased');
    await engine.exclude(datasetId, [4], 'do-not-contact');
    const now = await shown();
    expect(now.line).toContain('文面ごとの通数：標準 2通、生年月日を含む 1通');
    expect(now.printed).toBe(3);
  });

  it('after it is sent: counts what making its files again prints, less the customers excluded since', async () => {
    const { engine, datasetId, post, shown } = await setUp();
    await engine.markBatchSent(datasetId, post.batch.batchId, new Date().toISOString());
    await engine.exclude(datasetId, [3], 'deceased');
    const now = await shown();
    expect(now.line).toContain('文面ごとの通数：標準 3通、生年月日を含む 1通');
    expect(now.printed).toBe(4);
  });

  it('a variant whose every customer was excluded is not shown', async () => {
    const { engine, datasetId, shown } = await setUp();
    await engine.exclude(datasetId, [3, 4], 'do-not-contact');
    const now = await shown();
    expect(now.line).toContain('文面ごとの通数：標準 3通<');
    expect(now.line).not.toContain('生年月日を含む');
    expect(now.printed).toBe(3);
  });
});
