import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { foldStatuses } from '../../../shared/contacts/events';
import { cellOf, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import { openJson, sealJson } from '../../../shared/vault/cipher';
import { ContactEngine } from './contact-engine';
import { datasetAad } from './import-commit';
import { checkFold } from './outcomes';
import { type DatasetMeta, STATUS_ROWS } from './tables';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { DATASET_VERSION } from './upgrades';

afterEach(dropTestDatabases);

/**
 * Turns a freshly imported dataset into what version 1 left on disk: no version in its
 * details, no postcode or given-name tokens, and statuses folded by the old rule (N
 * retries meant N attempts, which is the new rule with N − 1).
 */
async function makeVersion1(engine: ContactEngine, datasetId: string) {
  const t = engine.tables;
  const rec = (await t.datasets.get(datasetId))!;
  const meta = await openJson<DatasetMeta>(engine.importKeys.data, rec.sealed, datasetAad(datasetId));
  delete meta.version;
  await t.datasets.put({ ...rec, sealed: await sealJson(engine.importKeys.data, meta, datasetAad(datasetId)) });
  await t.index.filter((s) => s.datasetId === datasetId && /\|(pc|gn)\|/.test(s.id)).delete();
  const blocks = await t.status.where('datasetId').equals(datasetId).toArray();
  const avail = new Uint8Array(rec.rows);
  for (const b of blocks) avail.set(b.avail, b.block * STATUS_ROWS);
  const old = foldStatuses(avail, await engine.datasetEvents(datasetId), { order: meta.channelOrder, maxRetries: meta.maxRetries - 1 });
  const cells = new Int32Array(meta.segments.length * TOTAL_CELLS);
  for (const b of blocks) {
    b.words = old.slice(b.block * STATUS_ROWS, b.block * STATUS_ROWS + b.words.length);
    b.words.forEach((w, i) => (cells[b.segment[i]! * TOTAL_CELLS + cellOf(w)]! += 1));
  }
  await t.status.bulkPut(blocks);
  await t.totals.put({ id: datasetId, cells });
}

describe('dataset upgrade 2', () => {
  it('refolds a version-1 list under "N retries = N + 1 attempts" and adds the postcode and given-name tokens', async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(30), { maxRetries: 2 });
    // Everyone straight to the phone (no address is not the case here: post and e-mail fail), then two calls without an answer.
    for (const channel of ['post', 'email'] as const) {
      const b = await engine.createBatch({ datasetId, channel });
      await engine.applyOutcomes(await engine.previewOutcomes(datasetId, channel, 'test', b.batch.rows.map((row) => ({ row, outcome: 'failed' as const }))));
    }
    for (let call = 0; call < 2; call++) {
      const b = await engine.createBatch({ datasetId, channel: 'phone', operators: ['A'] });
      await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'phone', 'call', b.batch.rows.map((row) => ({ row, outcome: 'no-answer' as const }))));
    }
    await makeVersion1(engine, datasetId);
    // What version 1 showed: after two calls everyone waits for the notice.
    expect((await engine.totals(datasetId)).unreachable).toBe(30);
    expect((await engine.search('inc', { kind: 'postcode-name', value: '100-0000', name: '山田' })).total).toBe(0);

    // The next unlock opens the engine again: the upgrade runs.
    const after = await ContactEngine.open(store);
    expect(await after.upgraded).toBe(1);
    const t = await after.totals(datasetId);
    expect(t.unreachable).toBe(0);
    expect(t.byChannel.phone!.pending).toBe(30);
    expect((await after.status(datasetId, 0)).retries).toBe(2);
    expect(await checkFold(after, datasetId)).toEqual({ rows: 30, mismatchedRows: 0, totalsMatch: true });
    // Customer 0: 山田 花子 at 100-0000.
    const found = await after.search('inc', { kind: 'postcode-name', value: '100-0000', name: '山田' });
    expect(found.hits.map((h) => h.row.customerNo)).toEqual(['C0000000']);
    expect((await after.search('inc', { kind: 'kana-prefix', value: 'ヤマダ', given: 'ハナコ' })).total).toBe(3);
    const [info] = await after.datasets('inc');
    expect(info!.meta.version).toBe(DATASET_VERSION);
    // Nothing left to do on the unlock after that.
    expect(await (await ContactEngine.open(store)).upgraded).toBe(0);
  });

  it('a list imported now is at the current version and is not upgraded again', async () => {
    const { db, engine, store } = await openTestEngine();
    await importText(engine, db, csvText(10));
    expect((await engine.datasets('inc'))[0]!.meta.version).toBe(DATASET_VERSION);
    expect(await (await ContactEngine.open(store)).upgraded).toBe(0);
  });
});
