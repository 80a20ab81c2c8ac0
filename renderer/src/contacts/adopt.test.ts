import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { HonbuDb } from '../data/db';
import { EventStore } from '../data/event-store';
import { ALL_PROJECTIONS } from '../data/projections';
import { ContactEngine } from './contact-engine';
import { runImport } from './import-pipeline';
import { contactTables } from './tables';
import { customer, csvText, HEADER } from './test-data';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** Two laptops of one team: separate databases, one workspace key. */
async function laptops() {
  const { keys } = await createVault('two laptops share one key', TEST_KDF_COST);
  let t = 1_700_000_000_000;
  const make = async (device: string, actor: string) => {
    const db = new HonbuDb(`adopt-${crypto.randomUUID()}`);
    dbs.push(db);
    const store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: device, actor }, () => (t += 1000), keys.index);
    return { db, store, engine: await ContactEngine.open(store) };
  };
  return { a: await make('dev-a', 'alice'), b: await make('dev-b', 'bob') };
}

const ROWS = 300;
const sameFile = () => new Blob([encodeCsv(csvText(ROWS), 'shift_jis')]);
/** As many rows, each valid, one address different: another file. */
const otherFile = () => new Blob([encodeCsv(csvText(ROWS).replace(customer(0).address, `${customer(0).address}地`), 'shift_jis')]);

async function leftBehind(db: HonbuDb, datasetId: string) {
  const t = contactTables(db);
  return {
    dataset: await t.datasets.get(datasetId),
    blocks: await t.blocks.where('datasetId').equals(datasetId).count(),
    index: await t.index.where('datasetId').equals(datasetId).count(),
    status: await t.status.where('datasetId').equals(datasetId).count(),
    totals: await t.totals.get(datasetId),
  };
}

describe('a dataset imported on another laptop is adopted by importing the same file', () => {
  it('lists it as missing, refuses another file, adopts the same one and follows synced events', async () => {
    const { a, b } = await laptops();
    const imported = await runImport(a.db, a.engine.importKeys, sameFile(), { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')), maxRetries: 2 });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const { datasetId } = imported;
    await a.engine.commitImport(datasetId);
    const post = await a.engine.createBatch({ datasetId, channel: 'post' });
    await a.engine.markBatchSent(datasetId, post.batch.batchId, '2026-11-22T09:00:00.000Z');
    const returned = Array.from({ length: 20 }, (_, i) => ({ customerNo: customer(i * 7).no, outcome: 'failed' as const, reason: 'unknown-address' }));
    await a.engine.applyOutcomes(await a.engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned));

    // B receives A's events (sync): the dataset is known but its rows are not here.
    await b.store.applyRemote(await a.store.readEvents());
    await b.engine.settled();
    expect(await b.engine.datasets('inc')).toEqual([]);
    expect(await b.engine.missingDatasets('inc')).toMatchObject([{ datasetId, rows: ROWS, contentHash: imported.contentHash, actor: 'alice' }]);
    expect(await b.engine.unfinishedImports('inc')).toEqual([]);

    // Another file (same size of list, one address changed): refused, nothing kept.
    const wrong = await runImport(b.db, b.engine.importKeys, otherFile(), await b.engine.adoptRequest(datasetId));
    expect(wrong.ok).toBe(true);
    expect(await b.engine.commitAdopted(datasetId)).toEqual({ ok: false, reason: 'hash-mismatch' });
    expect(await leftBehind(b.db, datasetId)).toEqual({ dataset: undefined, blocks: 0, index: 0, status: 0, totals: undefined });
    expect(await b.engine.missingDatasets('inc')).toHaveLength(1);

    // The same file: adopted under A's id, with A's statuses, and no second event.
    const eventsBefore = (await b.store.readEvents()).length;
    const right = await runImport(b.db, b.engine.importKeys, sameFile(), await b.engine.adoptRequest(datasetId));
    expect(right).toMatchObject({ ok: true, datasetId, contentHash: imported.contentHash });
    expect(await b.engine.commitAdopted(datasetId)).toEqual({ ok: true });
    expect((await b.store.readEvents()).length).toBe(eventsBefore);
    expect(await b.engine.missingDatasets('inc')).toEqual([]);
    expect((await b.engine.datasets('inc')).map((d) => d.id)).toEqual([datasetId]);
    expect(await b.engine.totals(datasetId)).toEqual(await a.engine.totals(datasetId));
    expect((await b.engine.totals(datasetId)).byChannel.post!.inProgress).toBe(ROWS - 20);
    expect(await b.engine.checkFold(datasetId)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
    expect(await b.engine.status(datasetId, 7)).toEqual(await a.engine.status(datasetId, 7));
    const [found] = await b.engine.find('inc', 'no', customer(7).no);
    expect(found).toMatchObject({ datasetId, row: { customerNo: customer(7).no }, status: await a.engine.status(datasetId, 7) });
    // Adopting twice is refused.
    await expect(b.engine.adoptRequest(datasetId)).rejects.toThrow();

    // From now on contact events go both ways and the statuses follow on each side.
    const aEvents = new Set((await a.store.readEvents()).map((e) => e.id));
    await b.engine.exclude(datasetId, [3], 'deceased');
    await a.engine.exclude(datasetId, [4], 'do-not-contact');
    await a.store.applyRemote((await b.store.readEvents()).filter((e) => !aEvents.has(e.id)));
    await b.store.applyRemote(await a.store.readEvents());
    await Promise.all([a.engine.settled(), b.engine.settled()]);
    const totals = await a.engine.totals(datasetId);
    expect(totals.excluded).toMatchObject({ deceased: 1, 'do-not-contact': 1 });
    expect(await b.engine.totals(datasetId)).toEqual(totals);
    for (const l of [a, b]) expect(await l.engine.checkFold(datasetId)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
  });
});
