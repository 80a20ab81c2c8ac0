import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { exportMismatches, readExport, withoutMark } from '../../../shared/contacts/export-check';
import { MAILING_LIST, mailingList } from '../../../shared/contacts/exports';
import { formatReference, referenceNumber } from '../../../shared/contacts/reference';
import { VENDOR_FILE } from '../../../shared/contacts/vendor-export';
import { addresseeOf, variantOf } from '../../../shared/letters/variants';
import { collectBytes as collect } from './test-sink';
import { writeVendorFile } from './vendor-file';
import { DEFAULT_NAYOSE, clusterIndex, clusterCount, membersOf } from '../../../shared/contacts/nayose';
import type { ContactRow } from '../../../shared/contacts/model';
import type { MessageKey } from '../i18n/dictionary';
import { translate } from '../i18n/i18n';
import { lettersHtml, mailingCsv } from './batches';
import { engineContext } from './handlers';
import { batchLetters } from './nayose-letters';
import { nayoseHandlers, readDecisions, readLetterGovernance } from './nayose-handlers';
import { lettersHandlers, readVariants } from '../letters/handlers';
import { clusterMembers, inlineSink, recordAt, runNayose, segmentLetters } from './nayose-run';
import { rowsByVariant } from './variant-letters';
import { BUILT_IN_DEFAULT } from '../../../shared/letters/variants';
import type { LetterVariant } from '../../../shared/letters/events';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { runImport } from './import-pipeline';
import { guessMapping } from '../../../shared/contacts/validate';

afterEach(dropTestDatabases);
const ja = (k: string) => translate('ja', k as MessageKey);
const LABELS = { honorific: '様', noName: 'お客様', postcodeMark: '〒', lang: 'ja' };

// Planted duplicates: 髙橋/高橋 at one address written two ways (row 0, 2), the same phone
// in full width (row 1, 4), a different person at row 0's address (row 3), an empty name and
// address sharing nothing (row 5, 6), a name outside Shift_JIS (𠮷) with a tab in the address.
const LIST = [
  '顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号',
  'C1,髙橋 一郎,タカハシ イチロウ,100-0013,東京都千代田区霞が関一丁目2番3号,,',
  'C2,佐藤 花子,サトウ ハナコ,530-0001,大阪市北区梅田3-1-1,hanako@example.jp,090-1111-2222',
  'C3,高橋一郎,たかはし いちろう,1000013,東京都千代田区霞ヶ関１－２－３,,',
  'C4,高橋 花子,タカハシ ハナコ,100-0013,東京都千代田区霞が関1-2-3,,',
  'C5,佐藤 はなこ,,530-0001,大阪市北区梅田3-1-1 梅田ビル,,０９０－１１１１－２２２２',
  'C6,,,,,,',
  'C7,,,,,,',
  'C8,𠮷田 三郎,ヨシダ サブロウ,600-8001,"京都市下京区\t四条通1",,',
].join('\r\n') + '\r\n';

async function setUp() {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, LIST);
  return { engine, store, datasetId };
}

describe('名寄せ on the engine', () => {
  it('finds the planted duplicates, one letter per person in the batch, the files read back', async () => {
    const { engine, store, datasetId } = await setUp();
    const run = await runNayose(engine, 'inc', DEFAULT_NAYOSE, { sink: inlineSink() });
    const index = clusterIndex(run.result);
    const clusters = Array.from({ length: clusterCount(index) }, (_, k) => membersOf(index, k).map((i) => recordAt(run.lists, i)));
    expect(clusters.map((c) => c.map((m) => m.row))).toEqual([[0, 2], [1, 4]]);
    expect(run.result.saved).toBe(2);

    const h = engineContext(store);
    // Keep C2/C5 apart, merge C1/C3.
    const decided = await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: clusters[0]!, merge: true }, { members: clusters[1]!, merge: false }] });
    expect(decided.clusters).toBe(2);
    const decisions = await readDecisions(store, 'inc');
    expect(decisions.decisionFor(clusters[0]!)).toBe('merge');
    expect(decisions.decisionFor(clusters[1]!)).toBe('apart');

    const { batch } = await engine.createBatch({ datasetId, channel: 'post' });
    expect(batch.rows).toHaveLength(6); // rows without an address are not on post
    const out = await batchLetters(engine.data, 'inc', datasetId, batch.rows);
    expect(out.saved).toBe(1);
    expect(out.letters).toEqual(batch.rows.filter((r) => r !== 2));

    // The letters: one page per person, C3 nowhere.
    const html = (await lettersHtml(engine.cache, datasetId, out.letters, '<p>お詫び</p>', LABELS)).html;
    const pages = html.split('<section class="letter">').slice(1);
    expect(pages).toHaveLength(out.letters.length);
    expect(pages.map((p) => /<p class="no">([^<]*)<\/p>/.exec(p)![1])).toEqual(['C1', 'C2', 'C4', 'C5', 'C8']);

    // The mailing file (UTF-8: 𠮷 is outside Shift_JIS), field by field.
    const rows: ContactRow[] = (await engine.cache.rows(datasetId, 0)).filter((r) => out.letters.includes(r.row));
    const records = readExport(await mailingCsv(engine.cache, datasetId, out.letters, ja, 'utf-8-bom'), 'utf-8-bom');
    expect(records).toHaveLength(1 + 5);
    expect(exportMismatches(MAILING_LIST, records, rows, ja)).toEqual([]);
  });

  it('a returned letter fails the whole merged cluster on post, reached reaches them all, undo undoes all', async () => {
    const { engine, store, datasetId } = await setUp();
    const h = engineContext(store);
    await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: [{ datasetId, row: 0 }, { datasetId, row: 2 }], merge: true }] });
    await engine.createBatch({ datasetId, channel: 'post' });
    const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [{ customerNo: 'C1', outcome: 'failed', reason: 'unknown-address' }]);
    const applied = await engine.applyOutcomes(plan);
    expect(applied.type === 'contacts.outcomes-recorded' && applied.payload.rows).toEqual([0, 2]);
    const after0 = await engine.data.status(datasetId, 0);
    const after2 = await engine.data.status(datasetId, 2);
    expect(after2).toEqual(after0);
    expect(after2.phase).not.toBe('in-progress');
    // Not merged: row 3 (another person at the address) stays where it was.
    expect((await engine.data.status(datasetId, 3)).phase).toBe('in-progress');

    await engine.undo(datasetId, applied.id);
    expect((await engine.data.status(datasetId, 0)).phase).toBe('in-progress');
    expect((await engine.data.status(datasetId, 2)).phase).toBe('in-progress');

    const reached = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'delivered', [{ row: 0, outcome: 'reached' }]));
    expect(reached.type === 'contacts.outcomes-recorded' && reached.payload.rows).toEqual([0, 2]);
    expect((await engine.data.status(datasetId, 2)).phase).toBe('reached');
    expect((await engine.checkFold(datasetId)).mismatchedRows).toBe(0);
  });

  it('an undone decision prints every letter again', async () => {
    const { engine, store, datasetId } = await setUp();
    const h = engineContext(store);
    const d = await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: [{ datasetId, row: 0 }, { datasetId, row: 2 }], merge: true }] });
    const { batch } = await engine.createBatch({ datasetId, channel: 'post' });
    expect((await batchLetters(engine.data, 'inc', datasetId, batch.rows)).saved).toBe(1);
    await nayoseHandlers['contacts.nayose-undo'](h, { incidentId: 'inc', eventId: d.eventId });
    expect((await batchLetters(engine.data, 'inc', datasetId, batch.rows)).saved).toBe(0);
    await expect(nayoseHandlers['contacts.nayose-undo'](h, { incidentId: 'inc', eventId: d.eventId })).rejects.toThrow();
  });
});

describe('名寄せ of members whose letters differ', () => {
  // A household by one phone: two adults (the standard letter) and a child of the kids' course,
  // whose letter goes to the guardian. The segment column is 区分; the child's is written in
  // full-width letters and a trailing space, as a hand-kept list has it.
  const HOUSEHOLD = [
    '顧客番号,氏名,郵便番号,住所,電話番号,区分',
    'H1,山田 太郎,150-0001,東京都渋谷区神宮前1-1-1,03-1234-5678,',
    'H2,山田 花子,150-0001,東京都渋谷区神宮前1-1-1,03-1234-5678,ｋｉｄｓ ',
    'H3,山田 次郎,150-0001,東京都渋谷区神宮前1-1-1,０３－１２３４－５６７８,通販',
  ].join('\r\n') + '\r\n';
  const KIDS: LetterVariant = { variantId: 'v-kids', name: '保護者様あて', segments: ['kids'], items: null, addressee: 'guardian' };

  it('merged as one household, the child keeps the guardian letter; the adults share one; a returned adult letter is not the child\'s result', async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, HOUSEHOLD);
    const run = await runNayose(engine, 'inc', DEFAULT_NAYOSE, { sink: inlineSink() });
    const index = clusterIndex(run.result);
    expect(clusterCount(index)).toBe(1);
    const members = clusterMembers(run, index, 0, segmentLetters(run, [BUILT_IN_DEFAULT, KIDS]));
    expect(members.map((m) => [m.row, m.letter])).toEqual([[0, 0], [1, 1], [2, 0]]);
    // Without the kids' variant they all get the standard letter.
    expect(clusterMembers(run, index, 0, segmentLetters(run, [BUILT_IN_DEFAULT])).map((m) => m.letter)).toEqual([0, 0, 0]);

    const h = engineContext(store);
    await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members, merge: true }] });
    const decisions = await readDecisions(store, 'inc');
    expect(decisions.decisionFor(members)).toBe('merge');
    expect(decisions.lettersSaved()).toEqual({ merged: 1, apart: 0, saved: 1 });

    const { batch } = await engine.createBatch({ datasetId, channel: 'post' });
    const out = await batchLetters(engine.data, 'inc', datasetId, batch.rows);
    expect(out.letters).toEqual([0, 1]);
    expect(out.saved).toBe(1);

    // The two files the printing goes out with, read back field by field: the adults' one
    // letter (H1, H3 nowhere) and the child's letter to the guardian, each with its 文面.
    const rows: ContactRow[] = (await engine.cache.rows(datasetId, 0)).filter((r) => out.letters.includes(r.row));
    const listNo = (await engine.datasets('inc')).find((d) => d.id === datasetId)!.listNo!;
    const mailing = readExport(await mailingCsv(engine.cache, datasetId, out.letters, ja, 'utf-8-bom', undefined, undefined, listNo), 'utf-8-bom');
    expect(exportMismatches(mailingList(listNo), mailing, rows, ja)).toEqual([]);
    const ref = (row: number) => formatReference(referenceNumber(listNo, row));
    expect(mailing.slice(1)).toEqual([
      ['H1', ref(0), '150-0001', '東京都渋谷区神宮前1-1-1', '山田 太郎', ''],
      // The segment as the list wrote it; the vendor file below names the 文面 it selects.
      ['H2', ref(1), '150-0001', '東京都渋谷区神宮前1-1-1', '山田 花子', 'ｋｉｄｓ '],
    ]);
    const variants = [BUILT_IN_DEFAULT, KIDS];
    const sink = collect();
    await writeVendorFile(engine.cache, datasetId, out.letters, sink, {
      encoding: 'shift_jis', label: ja, ctx: { listNo, variantOf: variantOf(variants, ja('letters.defaultName')), addresseeOf: addresseeOf(variants) },
    }, 'mark');
    const vendor = withoutMark(readExport(sink.bytes(), 'shift_jis')).records;
    expect(vendor[0]).toEqual(VENDOR_FILE.columns.map((c) => ja(c.label)));
    expect(vendor.slice(1)).toEqual([
      ['1500001', '東京都', '渋谷区', '神宮前1-1-1', '', '山田 太郎', '様', ref(0), ja('letters.defaultName'), '', ''],
      ['1500001', '東京都', '渋谷区', '神宮前1-1-1', '', '山田 花子', '様の保護者様', ref(1), '保護者様あて', '', ''],
    ]);

    const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [{ customerNo: 'H1', outcome: 'failed', reason: 'unknown-address' }]);
    const applied = await engine.applyOutcomes(plan);
    expect(applied.type === 'contacts.outcomes-recorded' && applied.payload.rows).toEqual([0, 2]);
    expect((await engine.data.status(datasetId, 1)).phase).toBe('in-progress');
    expect((await engine.checkFold(datasetId)).mismatchedRows).toBe(0);
  });
});

describe('名寄せ decided again after its letter was posted', () => {
  // As a tester found: merged while there was one 文面, posted, then the guardian's 文面 saved
  // and 「すべてまとめる」 pressed again. The letter in the post covered the whole household.
  const HOUSEHOLD = [
    '顧客番号,氏名,郵便番号,住所,電話番号,区分',
    'H1,山田 太郎,150-0001,東京都渋谷区神宮前1-1-1,03-1234-5678,',
    'H2,山田 花子,150-0001,東京都渋谷区神宮前1-1-1,03-1234-5678,kids',
    'H3,山田 太郎,150-0001,東京都渋谷区神宮前一丁目1番1号,03-1234-5678,',
  ].join('\r\n') + '\r\n';
  const KIDS = { variantId: 'v-kids', name: '保護者様あて', segments: ['kids'], items: null, addressee: 'guardian' as const };

  it('a returned letter of the post fails every record it covered then; the child moves on, not left waiting', async () => {
    const { db, engine, store } = await openTestEngine();
    const A = await importText(engine, db, HOUSEHOLD);
    const h = engineContext(store);
    const run = await runNayose(engine, 'inc', DEFAULT_NAYOSE, { sink: inlineSink() });
    const index = clusterIndex(run.result);
    await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: clusterMembers(run, index, 0, segmentLetters(run, await readVariants(store, 'inc'))), merge: true }] });
    const { batch } = await engine.createBatch({ datasetId: A, channel: 'post' });
    expect((await batchLetters(engine.data, 'inc', A, batch.rows)).letters).toEqual([0]);
    // Read (and kept) before the batch is sent: the sending must make it read again.
    expect((await readLetterGovernance(engine.data, 'inc')).of(A, 1).letterOf(A, 1)).toEqual({ datasetId: A, row: 0 });
    await engine.markBatchSent(A, batch.batchId, '2026-11-22T09:00:00.000Z');

    await lettersHandlers['letters.save-variant'](h, { incidentId: 'inc', ...KIDS });
    const now = clusterMembers(run, index, 0, segmentLetters(run, await readVariants(store, 'inc')));
    expect((await readDecisions(store, 'inc')).decisionFor(now)).toBeUndefined();
    await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: now, merge: true }] });
    // The sent batch keeps the letters it sent.
    expect((await batchLetters(engine.data, 'inc', A, batch.rows, batch.batchId)).letters).toEqual([0]);
    // What was read and kept before follows the new decision (and the sending).
    const g = await readLetterGovernance(engine.data, 'inc');
    expect(g.now.decisionFor(now)).toBe('merge');
    expect(g.of(A, 1)).not.toBe(g.now);

    const applied = await engine.applyOutcomes(await engine.previewOutcomes(A, 'post', 'returned-mail', [{ customerNo: 'H1', outcome: 'failed', reason: 'unknown-address' }]));
    expect(applied.type === 'contacts.outcomes-recorded' && [...applied.payload.rows].sort()).toEqual([0, 1, 2]);
    // The child's record moved on from post like the others (the next channel), not left in progress.
    const child = await engine.data.status(A, 1);
    expect(child.phase).not.toBe('in-progress');
    expect(child).toEqual(await engine.data.status(A, 0));
    expect((await engine.checkFold(A)).mismatchedRows).toBe(0);
  });
});

describe('名寄せ whose 文面 changed before the letters were printed', () => {
  // Merged while everyone had the standard letter; then the kids' 文面 (to the guardian) is
  // saved for the child's segment, and nobody goes back to 名寄せ. The batch is made after.
  const HOUSEHOLD = [
    '顧客番号,氏名,郵便番号,住所,電話番号,区分',
    'H1,山田 太郎,150-0001,東京都渋谷区神宮前1-1-1,03-1234-5678,',
    'H2,山田 花子,150-0001,東京都渋谷区神宮前1-1-1,03-1234-5678,ＫＩＤＳ',
    'H3,山田 太郎,150-0001,東京都渋谷区神宮前一丁目1番1号,03-1234-5678,',
  ].join('\r\n') + '\r\n';
  const KIDS = { variantId: 'v-kids', name: '保護者様あて', segments: ['kids'], items: null, addressee: 'guardian' as const };

  it('the child still gets the guardian letter, the batch says why, a returned adult letter is not the child\'s, and deciding again keeps it', async () => {
    const { db, engine, store } = await openTestEngine();
    const A = await importText(engine, db, HOUSEHOLD);
    const h = engineContext(store);
    const run = await runNayose(engine, 'inc', DEFAULT_NAYOSE, { sink: inlineSink() });
    const index = clusterIndex(run.result);
    await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: clusterMembers(run, index, 0, segmentLetters(run, await readVariants(store, 'inc'))), merge: true }] });
    const { batch } = await engine.createBatch({ datasetId: A, channel: 'post' });
    const before = await batchLetters(engine.data, 'inc', A, batch.rows);
    expect([before.letters, before.changed]).toEqual([[0], 0]);

    await lettersHandlers['letters.save-variant'](h, { incidentId: 'inc', ...KIDS });
    const after = await batchLetters(engine.data, 'inc', A, batch.rows);
    // The adults still share one letter; the child's guardian letter is printed.
    expect(after.letters).toEqual([0, 1]);
    expect(after.saved).toBe(1);
    expect(after.changed).toBe(1);
    const groups = await rowsByVariant(engine.data, A, after.letters, await readVariants(store, 'inc'));
    expect(groups.map((g) => [g.variant.variantId, g.rows])).toEqual([['default', [0]], ['v-kids', [1]]]);
    // The child's card names the child's own letter.
    expect((await readLetterGovernance(engine.data, 'inc')).of(A, 1).letterOf(A, 1)).toEqual({ datasetId: A, row: 1 });
    // The 名寄せ screen shows the merge as undecided (as before this change).
    const now = clusterMembers(run, index, 0, segmentLetters(run, await readVariants(store, 'inc')));
    expect((await readDecisions(store, 'inc')).decisionFor(now)).toBeUndefined();

    await engine.markBatchSent(A, batch.batchId, '2026-11-22T09:00:00.000Z');
    // The letters in the post are those printed: the sent batch keeps them.
    expect((await batchLetters(engine.data, 'inc', A, batch.rows, batch.batchId)).letters).toEqual([0, 1]);
    const applied = await engine.applyOutcomes(await engine.previewOutcomes(A, 'post', 'returned-mail', [{ customerNo: 'H1', outcome: 'failed', reason: 'unknown-address' }]));
    expect(applied.type === 'contacts.outcomes-recorded' && [...applied.payload.rows].sort()).toEqual([0, 2]);
    expect((await engine.data.status(A, 1)).phase).toBe('in-progress');

    // Decided again on the screen: the same two letters, and nothing said changed any more.
    await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: now, merge: true }] });
    const again = await batchLetters(engine.data, 'inc', A, batch.rows);
    expect([again.letters, again.changed]).toEqual([[0, 1], 0]);
    expect((await engine.checkFold(A)).mismatchedRows).toBe(0);
  });
});

/** UTF-16 LE with its byte-order mark, as Excel's "Unicode text" saves it. */
function utf16le(text: string): Blob {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return new Blob([bytes]);
}

describe('名寄せ across lists', () => {
  it('a second list (UTF-16, tab-separated) holding the same people: clusters span lists, the first list represents and prints the one letter', async () => {
    const { db, engine, store } = await openTestEngine();
    const first = await importText(engine, db, LIST);
    const header = '顧客番号\t氏名\tフリガナ\t郵便番号\t住所\tメールアドレス\t電話番号';
    const text = [header, 'S1\t高橋 一郎\t\t100-0013\t東京都千代田区霞が関１丁目２番３号\t\t', 'S2\t別人 太郎\t\t100-0013\t東京都千代田区霞が関1-2-4\t\t', 'S3\t髙橋 一郎\t\t100-0013\t東京都千代田区霞が関1-2-3\t\t'].join('\r\n') + '\r\n';
    const r = await runImport(db, engine.importKeys, utf16le(text), { incidentId: 'inc', mapping: guessMapping(header.split('\t')), delimiter: '\t', fileName: 'app.txt' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    await engine.commitImport(r.datasetId);
    const second = r.datasetId;

    const run = await runNayose(engine, 'inc', DEFAULT_NAYOSE, { sink: inlineSink() });
    expect(run.lists.map((l) => l.datasetId)).toEqual([first, second]);
    const index = clusterIndex(run.result);
    const clusters = Array.from({ length: clusterCount(index) }, (_, k) => membersOf(index, k).map((i) => recordAt(run.lists, i)));
    // C1, C3 of the first list and S1, S3 of the second: one person; the first list's row 0 first.
    expect(clusters[0]).toEqual([{ datasetId: first, row: 0 }, { datasetId: first, row: 2 }, { datasetId: second, row: 0 }, { datasetId: second, row: 2 }]);

    const h = engineContext(store);
    await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: clusters[0]!, merge: true }] });
    // One letter for the person across both lists: 4 members save 3.
    expect((await readDecisions(store, 'inc')).lettersSaved().saved).toBe(3);
    const { batch } = await engine.createBatch({ datasetId: second, channel: 'post' });
    const out = await batchLetters(engine.data, 'inc', second, batch.rows);
    expect(out.letters).toEqual([1]);
    expect(out.saved).toBe(2);
    expect([...out.elsewhere]).toEqual([[0, { datasetId: first, row: 0 }], [2, { datasetId: first, row: 0 }]]);
  });
});
