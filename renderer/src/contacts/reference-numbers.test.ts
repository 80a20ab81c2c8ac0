import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_EVENT_TYPES } from '../../../shared/contacts/events';
import { formatReference, referenceNumber } from '../../../shared/contacts/reference';
import { parseResultList } from '../../../shared/contacts/result-list';
import { guessReturnKey, splitByReference } from '../../../shared/contacts/result-references';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { HonbuDb } from '../data/db';
import { EventStore } from '../data/event-store';
import { ALL_PROJECTIONS } from '../data/projections';
import { ContactEngine } from './contact-engine';
import { runImport } from './import-pipeline';
import { ListsFullError, referenceBook } from './reference-numbers';
import { csvText, customer, HEADER } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  await dropTestDatabases();
  for (const db of dbs.splice(0)) await db.delete();
});

/** Full-width digits with full-width dashes, as a caller's number is often typed. */
const fullWidth = (ref: string) => formatReference(ref).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/-/g, '－');

describe('list numbers at import', () => {
  it('each new list of the incident takes the next number, carried in its import event and shown with the list', async () => {
    const { db, engine, store } = await openTestEngine();
    const first = await importText(engine, db, csvText(5), { fileName: 'a.csv' });
    const second = await importText(engine, db, csvText(5), { fileName: 'b.csv' });
    const events = await store.readEvents('inc', [CONTACT_EVENT_TYPES.datasetImported]);
    expect(events.map((e) => (e.payload as { listNo?: number }).listNo)).toEqual([1, 2]);
    const lists = await engine.datasets('inc');
    expect(Object.fromEntries(lists.map((d) => [d.id, d.listNo]))).toEqual({ [first]: 1, [second]: 2 });
  });

  it('a 100th list is refused when it is committed, and nothing of it is shown', async () => {
    const { db, engine, store } = await openTestEngine();
    // 99 lists of the incident imported elsewhere (their events came by sync).
    const base = { contentHash: 'h', rows: 1, mapping: { fields: {}, extra: [] }, header: ['a'], encoding: 'utf-8' as const, fileName: 'x.csv', channelOrder: ['post' as const], maxRetries: 1, segments: [] };
    await store.append(Array.from({ length: 99 }, (_, i) => ({ type: CONTACT_EVENT_TYPES.datasetImported, incidentId: 'inc', payload: { ...base, datasetId: `far-${i}`, listNo: i + 1 } })));
    expect(await engine.hasFreeListNumber('inc')).toBe(false);
    expect(await engine.hasFreeListNumber('other-incident')).toBe(true);
    await expect(importText(engine, db, csvText(3))).rejects.toBeInstanceOf(ListsFullError);
    expect(await engine.datasets('inc')).toEqual([]);
  });
});

describe('lookup by reference number', () => {
  it('says when the number found was also chosen by a list imported on another laptop offline (its letters may carry it)', async () => {
    const { db, engine, store } = await openTestEngine();
    const mine = await importText(engine, db, csvText(20), { fileName: 'a.csv' });
    // Another laptop, offline, imported its own list as 01 too and printed its letters; its event
    // arrives later in the store's order, so it lost 01 and is list 02 now.
    const base = { contentHash: 'h2', rows: 30, mapping: { fields: {}, extra: [] }, header: ['a'], encoding: 'utf-8' as const, fileName: 'y.csv', channelOrder: ['post' as const], maxRetries: 1, segments: [] };
    await store.append([{ type: CONTACT_EVENT_TYPES.datasetImported, incidentId: 'inc', payload: { ...base, datasetId: 'far-x', listNo: 1 } }]);
    const page = await engine.search('inc', { kind: 'reference', value: referenceNumber(1, 5) });
    expect(page.hits.map((h) => [h.datasetId, h.row.row])).toEqual([[mine, 5]]);
    expect(page.reference).toMatchObject({ kind: 'found', listNo: 1, clashedWith: [{ datasetId: 'far-x', now: 2 }] });
    const clean = await engine.search('inc', { kind: 'reference', value: referenceNumber(2, 5) });
    expect(clean.reference).toMatchObject({ kind: 'not-here', listNo: 2 });
  });

  it('finds the customer from the number typed in full-width digits with dashes, without the index', async () => {
    const { db, engine } = await openTestEngine();
    await importText(engine, db, csvText(20), { fileName: 'a.csv' });
    const second = await importText(engine, db, csvText(40), { fileName: 'b.csv' });
    const ref = referenceNumber(2, 33);
    for (const typed of [fullWidth(ref), ref, ` ${formatReference(ref).replace(/-/g, ' ')} `]) {
      const page = await engine.search('inc', { kind: 'reference', value: typed });
      expect(page.hits.map((h) => [h.datasetId, h.row.row, h.row.customerNo]), typed).toEqual([[second, 33, customer(33).no]]);
      expect(page.total).toBe(1);
    }
  });

  it('says a mistyped number is mistyped (one digit wrong, two swapped, too short), not "nobody"', async () => {
    const { db, engine } = await openTestEngine();
    await importText(engine, db, csvText(20));
    const ref = referenceNumber(1, 7);
    const wrongDigit = ref.slice(0, 9) + String((Number(ref[9]) + 1) % 10) + ref.slice(10);
    const swapped = ref.slice(0, 3) + ref[4] + ref[3] + ref.slice(5);
    for (const typed of [wrongDigit, ref[3] === ref[4] ? wrongDigit : swapped, ref.slice(0, 10)]) {
      const page = await engine.search('inc', { kind: 'reference', value: typed });
      expect(page.hits).toEqual([]);
      expect(page.reference?.kind, typed).toBe('mistyped');
    }
    expect((await engine.search('inc', { kind: 'reference', value: '0100-0001-23a' })).reference).toEqual({ kind: 'mistyped', problem: 'not-digits' });
  });

  it('a well-formed number of no list, or past the end of its list, finds nobody and names the list', async () => {
    const { db, engine } = await openTestEngine();
    await importText(engine, db, csvText(20));
    expect((await engine.search('inc', { kind: 'reference', value: referenceNumber(5, 0) })).reference).toEqual({ kind: 'unknown', listNo: 5, row: 0 });
    expect((await engine.search('inc', { kind: 'reference', value: referenceNumber(1, 20) })).reference).toEqual({ kind: 'unknown', listNo: 1, row: 20 });
  });

  it('a number of a list imported on another laptop says which list it is; once its rows are here it finds the customer', async () => {
    const { keys } = await createVault('two laptops share one key', TEST_KDF_COST);
    let t = 1_700_000_000_000;
    const make = async (device: string, actor: string) => {
      const db = new HonbuDb(`ref-${crypto.randomUUID()}`);
      dbs.push(db);
      const store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: device, actor }, () => (t += 1000), keys.index);
      return { db, store, engine: await ContactEngine.open(store) };
    };
    const a = await make('dev-a', 'alice');
    const b = await make('dev-b', 'bob');
    const file = () => new Blob([encodeCsv(csvText(30), 'shift_jis')]);
    const imported = await runImport(a.db, a.engine.importKeys, file(), { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')), maxRetries: 2 });
    if (!imported.ok) throw new Error('import failed');
    await a.engine.commitImport(imported.datasetId);
    await b.store.applyRemote(await a.store.readEvents());
    await b.engine.settled();
    // B's own list takes number 2: list 01 is A's, known here by its event.
    const own = await importText(b.engine, b.db, csvText(10), { fileName: 'b.csv' });
    expect((await b.engine.datasets('inc')).find((d) => d.id === own)?.listNo).toBe(2);
    const ref = fullWidth(referenceNumber(1, 12));
    expect((await b.engine.search('inc', { kind: 'reference', value: ref })).reference).toEqual({ kind: 'not-here', listNo: 1, datasetId: imported.datasetId });
    expect((await a.engine.search('inc', { kind: 'reference', value: ref })).hits.map((h) => h.row.customerNo)).toEqual([customer(12).no]);
  });
});

describe('returned letters by reference number', () => {
  it('applies each line to the list its number leads to, reports the mistyped line, and undoes like a customer-number list', async () => {
    const { db, engine } = await openTestEngine();
    const a = await importText(engine, db, csvText(30), { fileName: 'a.csv' });
    const b = await importText(engine, db, csvText(30), { fileName: 'b.csv' });
    for (const id of [a, b]) {
      const post = await engine.createBatch({ datasetId: id, channel: 'post' });
      await engine.markBatchSent(id, post.batch.batchId, '2026-12-01T09:00:00.000Z');
    }
    const good = referenceNumber(1, 4);
    const mistyped = good.slice(0, 8) + good[9] + good[8] + good.slice(10);
    const text = ['照会番号,理由', `${formatReference(good)},宛所不明`, `${fullWidth(referenceNumber(2, 9))},宛所不明`, `${good[8] === good[9] ? referenceNumber(1, 4).slice(0, 10) : mistyped},宛所不明`].join('\r\n');
    const parsed = parseResultList(text, 'returned-mail');
    expect(guessReturnKey(parsed)).toBe('reference');
    const split = splitByReference(parsed.items, await referenceBook(engine.data, 'inc'));
    expect(split.mistyped).toEqual([expect.objectContaining({ line: 4, column: 1 })]);
    expect(split.lists.map((l) => [l.datasetId, l.items.map((i) => i.row)])).toEqual([[a, [4]], [b, [9]]]);
    const events = [];
    for (const l of split.lists) {
      const plan = await engine.previewOutcomes(l.datasetId, 'post', 'returned-mail', l.items.map((i) => ({ row: i.row, outcome: 'failed' as const, reason: 'unknown-address' })));
      expect(plan.preview).toMatchObject({ matched: 1, notFound: [], movedTo: { phone: 1 } });
      events.push({ datasetId: l.datasetId, event: await engine.applyOutcomes(plan) });
    }
    // Rows 4 and 9 have no e-mail: a returned letter moves them on to the phone (slot 2).
    expect((await engine.status(a, 4)).slot).toBe(2);
    expect((await engine.status(b, 9)).slot).toBe(2);
    expect((await engine.status(a, 9)).slot).toBe(0);
    for (const e of events) await engine.undo(e.datasetId, e.event.id);
    expect((await engine.status(a, 4)).slot).toBe(0);
    expect((await engine.status(b, 9)).slot).toBe(0);
  });
});
