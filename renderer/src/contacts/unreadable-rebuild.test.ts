/**
 * A contact list's projection refolded from its events (an upgrade at unlock, a repair)
 * while one of its events does not open (altered on disk: decision 040): nothing is folded
 * without it — the statuses stay as they were, the upgrade waits for the next unlock — and
 * no unexpected-error notice; once the record is mended, the next unlock does it.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_EVENT_TYPES as C } from '../../../shared/contacts/events';
import { openJson, sealJson } from '../../../shared/vault/cipher';
import { useErrors } from '../errors/error-store';
import { forgetRefused, noteRefused, useUnreadable } from '../data/unreadable';
import { ContactEngine } from './contact-engine';
import { datasetAad } from './import-commit';
import { checkFold } from './fold-check';
import type { DatasetMeta } from './tables';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { DATASET_VERSION } from './upgrades';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { HonbuDb } from '../data/db';
import { EventStore } from '../data/event-store';
import { ALL_PROJECTIONS } from '../data/projections';
import { runImport } from './import-pipeline';
import { HEADER } from './test-data';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyEvent } from '../../../shared/events/registry';

const laptopDbs: HonbuDb[] = [];

afterEach(async () => {
  forgetRefused();
  await dropTestDatabases();
  for (const db of laptopDbs.splice(0)) await db.delete();
});

async function withAlteredOutcome() {
  const { db, engine, store } = await openTestEngine();
  store.onRefused(noteRefused);
  const datasetId = await importText(engine, db, csvText(30));
  await store.append([{ type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'manual', rows: [7, 8], outcomes: ['reached', 'reached'], reasons: ['', ''] } }]);
  const totals = await engine.totals(datasetId);
  const victim = (await db.events.where('type').equals(C.outcomesRecorded).toArray())[0]!;
  await db.events.put({ ...victim, actor: 'mallory' });
  return { db, engine, store, datasetId, totals, victim };
}

async function versionOf(engine: ContactEngine, datasetId: string): Promise<number | undefined> {
  const rec = (await engine.tables.datasets.get(datasetId))!;
  return (await openJson<DatasetMeta>(engine.importKeys.data, rec.sealed, datasetAad(datasetId))).version;
}

describe('a contact list refolded while one of its events does not open', () => {
  it('a repair folds nothing without it: the figures stay, and are whole again once the record is mended', async () => {
    const { db, store, datasetId, totals, victim } = await withAlteredOutcome();
    const engine = await ContactEngine.open(store);
    await engine.upgraded;
    await engine.rebuildStatuses(datasetId);
    // Before: the two results were folded away and written so (the list's figures changed for good).
    expect(await engine.totals(datasetId)).toEqual(totals);
    expect(useUnreadable.getState().places.has('inc')).toBe(true);

    await db.events.put(victim);
    const mended = await ContactEngine.open(store);
    await mended.upgraded;
    expect(await checkFold(mended, datasetId)).toMatchObject({ mismatchedRows: 0, totalsMatch: true });
  });

  it('an upgrade at unlock waits (no notice, nothing folded); the next unlock after the mend does it', async () => {
    const { db, engine, store, datasetId, totals, victim } = await withAlteredOutcome();
    // As an older version left it.
    const rec = (await engine.tables.datasets.get(datasetId))!;
    const meta = await openJson<DatasetMeta>(engine.importKeys.data, rec.sealed, datasetAad(datasetId));
    await engine.tables.datasets.put({ ...rec, sealed: await sealJson(engine.importKeys.data, { ...meta, version: DATASET_VERSION - 1 }, datasetAad(datasetId)) });
    const announced = useErrors.getState().count;

    const next = await ContactEngine.open(store);
    expect(await next.upgraded).toBe(0);
    expect(useErrors.getState().count).toBe(announced);
    expect(await next.totals(datasetId)).toEqual(totals);
    expect(await versionOf(next, datasetId)).toBe(DATASET_VERSION - 1);

    await db.events.put(victim);
    const mended = await ContactEngine.open(store);
    expect(await mended.upgraded).toBe(1);
    expect(await versionOf(mended, datasetId)).toBe(DATASET_VERSION);
    expect(await mended.totals(datasetId)).toEqual(totals);
  });
});

describe('a list adopted from another laptop while one of its events does not open here', () => {
  it('is folded once the record is mended, at the next unlock (before: never, its figures stayed without it)', async () => {
    const { keys } = await createVault('two laptops share one key', TEST_KDF_COST);
    let t = 1_700_000_000_000;
    const make = async (device: string, actor: string) => {
      const db = new HonbuDb(`adopt-unreadable-${crypto.randomUUID()}`);
      laptopDbs.push(db);
      const store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: device, actor }, () => (t += 1000), keys.index);
      return { db, store, engine: await ContactEngine.open(store) };
    };
    const a = await make('dev-a', 'alice');
    const b = await make('dev-b', 'bob');
    b.store.onRefused(noteRefused);
    const file = () => new Blob([encodeCsv(csvText(40), 'utf-8-bom')]);
    const imported = await runImport(a.db, a.engine.importKeys, file(), { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')), maxRetries: 2 });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const { datasetId } = imported;
    await a.engine.commitImport(datasetId);
    await a.store.append([{ type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'manual', rows: [3, 4], outcomes: ['reached', 'reached'], reasons: ['', ''] } }]);
    await b.store.applyRemote(await a.store.readEvents());
    await b.engine.settled();
    const victim = (await b.db.events.where('type').equals(C.outcomesRecorded).toArray())[0]!;
    await b.db.events.put({ ...victim, actor: 'mallory' });

    expect((await runImport(b.db, b.engine.importKeys, file(), await b.engine.adoptRequest(datasetId))).ok).toBe(true);
    expect(await b.engine.commitAdopted(datasetId)).toEqual({ ok: true });

    await b.db.events.put(victim);
    const mended = await ContactEngine.open(b.store);
    await mended.upgraded;
    expect(await mended.totals(datasetId)).toEqual(await a.engine.totals(datasetId));
    expect(await checkFold(mended, datasetId)).toMatchObject({ mismatchedRows: 0, totalsMatch: true });
  });
});

describe('a late result replayed while another event of the list does not open', () => {
  it('is refolded whole at the next unlock once the record is mended (before: its rows stayed without it)', async () => {
    const { db, store, datasetId, victim } = await withAlteredOutcome();
    const engine = await ContactEngine.open(store);
    await engine.upgraded;
    // From another laptop, stamped before the altered result, for one of its rows: replayed.
    const late: AnyEvent = {
      id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall: Date.now() - 3_600_000, counter: 0, node: 'laptop-b' }), actor: 'kimura',
      type: C.outcomesRecorded, payload: { datasetId, channel: 'phone', source: 'manual', rows: [7], outcomes: ['no-answer'], reasons: [''] },
    };
    await store.applyRemote([late]);
    await engine.settled();

    await db.events.put(victim);
    const mended = await ContactEngine.open(store);
    await mended.upgraded;
    expect(await checkFold(mended, datasetId)).toMatchObject({ mismatchedRows: 0, totalsMatch: true });
    expect((await mended.tables.totals.get(datasetId))?.refoldOwed).toBeUndefined();
  });
});
