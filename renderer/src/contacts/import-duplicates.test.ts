/**
 * The same file imported twice, lists sharing customers, names that tell lists apart, and
 * the applied returned-mail lists with their undo — all from the events.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createVault } from '../../../shared/vault/vault';
import { HonbuDb } from '../data/db';
import { EventStore } from '../data/event-store';
import { ALL_PROJECTIONS } from '../data/projections';
import { createWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { findDuplicates } from './import-duplicates';
import { runImport } from './import-pipeline';
import { loadAppliedLists, undoList } from './outcomes';
import { csvText, customer, HEADER } from './test-data';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup() {
  const db = new HonbuDb(`dups-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: 'A' }, { cost: TEST_KDF_COST });
  return { db, ws, engine: await ContactEngine.open(ws.store) };
}

const mapping = guessMapping(HEADER.split(','));
const file = (text: string) => new Blob([encodeCsv(text, 'shift_jis')]);

describe('importing the same list twice', () => {
  it('finds the identical file and the shared customers before the list is visible; names the second import apart', async () => {
    const { db, engine } = await setup();
    const stage = (text: string, fileName: string) => runImport(db, engine.importKeys, file(text), { incidentId: 'inc', mapping, fileName });
    const first = await stage(csvText(40), '顧客リスト.csv');
    if (!first.ok) throw new Error('import failed');
    expect(first.overlaps).toEqual([]);
    await engine.commitImport(first.datasetId);

    const again = await stage(csvText(40), '顧客リスト.csv');
    if (!again.ok) throw new Error('import failed');
    expect(again.overlaps).toEqual([{ datasetId: first.datasetId, customers: 40 }]);
    const finding = await findDuplicates(engine, 'inc', { fileName: '顧客リスト.csv', rows: again.rows, contentHash: again.contentHash, overlaps: again.overlaps });
    expect(finding).toMatchObject({ fileName: '顧客リスト.csv', rows: 40, sameFile: [{ datasetId: first.datasetId, fileName: '顧客リスト.csv', rows: 40, repeat: 0, here: true }], overlaps: [] });

    // Another file holding 20 of the same customers (and 20 others): only the overlap.
    const mixed = [HEADER, ...csvText(60).split('\r\n').slice(1).filter((l) => /^C/.test(l) && !/^C00000[0-1]\d,/.test(l))].join('\r\n') + '\r\n';
    const other = await stage(mixed, '追加リスト.csv');
    if (!other.ok) throw new Error('import failed');
    expect(other.overlaps).toEqual([{ datasetId: first.datasetId, customers: 20 }]);
    const f2 = await findDuplicates(engine, 'inc', { fileName: '追加リスト.csv', rows: other.rows, contentHash: other.contentHash, overlaps: other.overlaps });
    expect(f2).toMatchObject({ sameFile: [], overlaps: [{ datasetId: first.datasetId, customers: 20 }] });
    await engine.discardImport(other.datasetId);

    // Going on anyway: two lists, told apart by their ordinal (the first keeps its name).
    await engine.commitImport(again.datasetId);
    const lists = await engine.datasets('inc');
    const byId = new Map(lists.map((d) => [d.id, d]));
    expect(byId.get(first.datasetId)).toMatchObject({ repeat: 0, importedAt: expect.any(String) });
    expect(byId.get(again.datasetId)).toMatchObject({ repeat: 2 });
    expect(byId.get(again.datasetId)!.importedAt! > byId.get(first.datasetId)!.importedAt!).toBe(true);
  });
});

describe('customer numbers repeated', () => {
  it('within a list: each later line is reported against the first, in any width; across lists: each shared customer counted once', async () => {
    const { db, engine } = await setup();
    const stage = (text: string, fileName: string) => runImport(db, engine.importKeys, file(text), { incidentId: 'inc', mapping, fileName });
    const line = (no: string, i: number) => {
      const c = customer(i);
      return [no, c.name, c.kana, c.postcode, c.address, c.email, c.phone, c.segment, ''].join(',');
    };
    // C0000007 on lines 3, 6 and 9 (the last typed in full-width digits); C0000011 on lines 4 and 10.
    const rows = ['C0000001', 'C0000007', 'C0000011', 'C0000002', 'C0000003', 'C0000007', 'C0000004', 'C0000005', 'Ｃ００００００７', 'C0000011'];
    const first = await stage([HEADER, ...rows.map(line)].join('\r\n') + '\r\n', '重複あり.csv');
    if (!first.ok) throw new Error('import failed');
    const dups = first.warnings.filter((w) => w.code === 'customer-no-duplicated').map((w) => [w.line, w.firstLine]);
    expect(dups).toEqual([[7, 3], [10, 3], [11, 4]]);
    expect(first.duplicates).toBe(3);
    await engine.commitImport(first.datasetId);

    // A second list holding C0000007 twice, C0000011 once and two customers of its own: two customers shared.
    const second = await stage([HEADER, ...['C0000007', 'C0000090', 'C0000007', 'C0000011', 'C0000091'].map(line)].join('\r\n') + '\r\n', '二つ目.csv');
    if (!second.ok) throw new Error('import failed');
    expect(second.overlaps).toEqual([{ datasetId: first.datasetId, customers: 2 }]);
    expect(second.warnings.filter((w) => w.code === 'customer-no-duplicated').map((w) => [w.line, w.firstLine])).toEqual([[4, 2]]);
  });
});

describe('customer numbers pasted with invisible marks', () => {
  it('a number with a direction mark or joiner inside is the same customer: reported as repeated, and found by the number typed plainly', async () => {
    const { db, engine } = await setup();
    const line = (no: string, i: number) => {
      const c = customer(i);
      return [no, c.name, c.kana, c.postcode, c.address, c.email, c.phone, c.segment, ''].join(',');
    };
    // Line 4 is line 2's number copied from a right-to-left aware page (marks around it); line 5
    // holds a zero-width joiner; line 6 is a number of its own with an isolate inside.
    const rows = ['C0000001', 'C0000002', '\u202aC0000001\u202c', 'C00\u200d00002', 'C00\u2066000\u206903'];
    const r = await runImport(db, engine.importKeys, new Blob([encodeCsv([HEADER, ...rows.map(line)].join('\r\n') + '\r\n', 'utf-8-bom')]), { incidentId: 'inc', mapping, fileName: 'marks.csv' });
    if (!r.ok) throw new Error('import failed');
    expect(r.warnings.filter((w) => w.code === 'customer-no-duplicated').map((w) => [w.line, w.firstLine])).toEqual([[4, 2], [5, 3]]);
    await engine.commitImport(r.datasetId);
    // A returned-mail list naming the third customer plainly finds the row stored with marks inside.
    const plan = await engine.previewOutcomes(r.datasetId, 'post', 'returned-mail', [{ customerNo: 'C0000003', outcome: 'failed', reason: 'unknown-address' }]);
    expect(plan.preview).toMatchObject({ items: 1, matchedItems: 1, matched: 1, notFound: [] });
  });
});

describe('applied lists', () => {
  it('are listed from the events with what they changed; undo is refused once a later batch took their customers', async () => {
    const { db, ws, engine } = await setup();
    const r = await runImport(db, engine.importKeys, file(csvText(30)), { incidentId: 'inc', mapping });
    if (!r.ok) throw new Error('import failed');
    await engine.commitImport(r.datasetId);
    await engine.createBatch({ datasetId: r.datasetId, channel: 'post' });
    const plan = await engine.previewOutcomes(r.datasetId, 'post', 'returned-mail', [0, 1, 2].map((i) => ({ customerNo: customer(i).no, outcome: 'failed' as const, reason: 'unknown-address' })).concat([{ customerNo: 'C9999999', outcome: 'failed', reason: '' }]));
    plan.listName = '返送_0305.csv';
    plan.listLines = 4;
    const applied = await engine.applyOutcomes(plan);

    // A second engine on the same database: what a reload (or another window) sees.
    const reloaded = await ContactEngine.open(ws.store);
    const lists = await loadAppliedLists(reloaded, 'inc');
    expect(lists).toEqual([
      expect.objectContaining({ datasetId: r.datasetId, eventId: applied.id, source: 'returned-mail', listName: '返送_0305.csv', listLines: 4, customers: 3, changed: 3, undone: null, blockedBy: null }),
    ]);

    // An e-mail batch takes the returned customers who have an address: undo is over.
    const email = await engine.createBatch({ datasetId: r.datasetId, channel: 'email' });
    const blocked = (await loadAppliedLists(engine, 'inc'))[0]!;
    expect(blocked.blockedBy).toMatchObject({ eventId: email.event.id, channel: 'email', customers: email.batch.rows.filter((x) => x <= 2).length });
    await expect(undoList(engine, r.datasetId, applied.id)).rejects.toThrow(/no longer the latest change/);

    // Once the batch is undone, the list is the latest change again and can be undone.
    await engine.undo(r.datasetId, email.event.id);
    await undoList(engine, r.datasetId, applied.id);
    const after = (await loadAppliedLists(engine, 'inc'))[0]!;
    expect(after.undone).toMatchObject({ actor: applied.actor });
    expect((await engine.status(r.datasetId, 0)).phase).toBe('in-progress');
  });
});

/** Two laptops of one team: separate databases, one workspace key (as in adopt.test.ts). */
async function laptops() {
  const { keys } = await createVault('two laptops share one key', TEST_KDF_COST);
  let clock = 1_700_000_000_000;
  const make = async (device: string, actor: string) => {
    const db = new HonbuDb(`dups-${crypto.randomUUID()}`);
    dbs.push(db);
    const store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: device, actor }, () => (clock += 1000), keys.index);
    return { db, store, engine: await ContactEngine.open(store) };
  };
  const a = await make('dev-a', 'alice');
  const b = await make('dev-b', 'bob');
  const sync = async () => {
    const known = new Set((await a.store.readEvents()).map((e) => e.id));
    await a.store.applyRemote((await b.store.readEvents()).filter((e) => !known.has(e.id)));
    await b.store.applyRemote(await a.store.readEvents());
    await Promise.all([a.engine.settled(), b.engine.settled()]);
  };
  return { a, b, sync };
}

describe('across laptops', () => {
  it('the same file imported elsewhere is named with who imported it; applied lists and their undo follow the synced events', async () => {
    const { a, b, sync } = await laptops();
    const text = csvText(30);
    const r = await runImport(a.db, a.engine.importKeys, file(text), { incidentId: 'inc', mapping, fileName: '顧客リスト.csv' });
    if (!r.ok) throw new Error('import failed');
    await a.engine.commitImport(r.datasetId);
    await a.engine.createBatch({ datasetId: r.datasetId, channel: 'post' });
    const plan = await a.engine.previewOutcomes(r.datasetId, 'post', 'returned-mail', [0, 1].map((i) => ({ customerNo: customer(i).no, outcome: 'failed' as const, reason: 'unknown-address' })));
    plan.listName = '返送.csv';
    const list = await a.engine.applyOutcomes(plan);
    await sync();

    // B imports the same file as a new list instead of adopting it: warned, and told it is A's list, not here yet.
    const staged = await runImport(b.db, b.engine.importKeys, file(text), { incidentId: 'inc', mapping, fileName: '顧客リスト.csv' });
    if (!staged.ok) throw new Error('import failed');
    expect(await findDuplicates(b.engine, 'inc', { fileName: '顧客リスト.csv', rows: staged.rows, contentHash: staged.contentHash, overlaps: staged.overlaps })).toMatchObject({
      sameFile: [{ datasetId: r.datasetId, actor: 'alice', here: false }],
    });
    await b.engine.discardImport(staged.datasetId);

    // Adopted properly, B sees A's list, undoable; B's e-mail batch ends that on both laptops.
    await runImport(b.db, b.engine.importKeys, file(text), await b.engine.adoptRequest(r.datasetId));
    expect(await b.engine.commitAdopted(r.datasetId)).toEqual({ ok: true });
    expect(await loadAppliedLists(b.engine, 'inc')).toMatchObject([{ eventId: list.id, actor: 'alice', listName: '返送.csv', changed: 2, undone: null, blockedBy: null }]);
    const email = await b.engine.createBatch({ datasetId: r.datasetId, channel: 'email' });
    await sync();
    const seen = await loadAppliedLists(a.engine, 'inc');
    expect(seen[0]!.blockedBy).toMatchObject({ eventId: email.event.id, actor: 'bob', channel: 'email', customers: 2 });
    await expect(undoList(a.engine, r.datasetId, list.id)).rejects.toThrow();
  });
});

