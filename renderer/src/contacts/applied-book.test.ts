/**
 * The applied-lists screen from the book the fold keeps (decision 046): what each returned-mail
 * or bounce list changed and whether its undo is offered, without reading the customer list's
 * events (at 20M customers they include a batch naming every one: seconds). Wherever the fold
 * cannot follow a list, the screen reads the events and keeps the book again; what it shows is
 * always what the events' fold gives.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTACT_EVENT_TYPES } from '../../../shared/contacts/events';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import { StoreClosedError } from '../data/store-contract';
import { appliedListsFromEvents, appliedListsOf, loadAppliedLists } from './applied';
import { AppliedBook } from './applied-book';
import type { ContactEngine } from './contact-engine';
import { rebuildStatuses, undoList } from './outcomes';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { bookEqualsEvents, equalsFullFold } from './test-fold';
import { UNDO_SLOTS } from './undo-snapshot';

afterEach(dropTestDatabases);

async function list(rows = 3_000) {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(rows), { maxRetries: 1 });
  return { engine, store, datasetId };
}

const returned = async (engine: ContactEngine, datasetId: string, rows: number[], listName?: string) =>
  engine.applyOutcomes({ ...(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', rows.map((row) => ({ row, outcome: 'failed' as const })))), ...(listName ? { listName } : {}) });

function remote(draft: AnyDraft, wall: number): AnyEvent {
  return { ...draft, id: crypto.randomUUID(), at: encodeHlc({ wall, counter: 0, node: 'peer' }), actor: 'peer-person' } as AnyEvent;
}

/** The screen's lists, and whether it read the customer list's events to give them. */
async function screen(engine: ContactEngine, datasetId: string) {
  const read = vi.spyOn(engine.data, 'datasetEvents');
  try {
    const lists = await appliedListsOf(engine, datasetId);
    return { lists, readEvents: read.mock.calls.length > 0 };
  } finally {
    read.mockRestore();
  }
}

const sorted = <T extends { eventId: string }>(xs: T[]) => [...xs].sort((a, b) => (a.eventId < b.eventId ? -1 : 1));

async function expectScreenEqualsEvents(engine: ContactEngine, datasetId: string, label: string) {
  const shown = await appliedListsOf(engine, datasetId);
  expect(sorted(shown), label).toEqual(sorted(await appliedListsFromEvents(engine, datasetId)));
}

describe('the applied-lists screen from the kept book', () => {
  it('shows each list, what it changed and its first later change, reading no event', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await returned(engine, datasetId, [1, 2, 3, 4], 'returned_0305.csv');
    const b = await returned(engine, datasetId, [10, 11, 12]);
    // An e-mail batch of some of a's customers: a's undo is no longer offered, and the screen says why.
    await engine.createBatch({ datasetId, channel: 'email', limit: 2 });

    const { lists, readEvents } = await screen(engine, datasetId);
    expect(readEvents).toBe(false);
    expect(sorted(lists)).toEqual(sorted(await appliedListsFromEvents(engine, datasetId)));
    const byId = new Map(lists.map((l) => [l.eventId, l]));
    expect(byId.get(a.id)).toMatchObject({ listName: 'returned_0305.csv', customers: 4, changed: 4, undone: null, blockedBy: { type: CONTACT_EVENT_TYPES.batchCreated, channel: 'email' } });
    expect(byId.get(b.id)).toMatchObject({ customers: 3, changed: 3, undone: null });
    await equalsFullFold(engine, datasetId);
  });

  it('follows an undo from the snapshot; the list it had blocked is read from the events until it is undone too', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await returned(engine, datasetId, [5, 6, 7]);
    const b = await returned(engine, datasetId, [7, 8]);
    await undoList(engine, datasetId, b.id);
    // a was blocked by b; with b undone it is the latest change again. Its guard on row 7 went
    // with b, so the fold cannot see a's next change: the screen reads the events for it.
    const first = await screen(engine, datasetId);
    expect(first.readEvents).toBe(true);
    expect(first.lists.find((l) => l.eventId === a.id)).toMatchObject({ undone: null, blockedBy: null });
    expect(first.lists.find((l) => l.eventId === b.id)!.undone).not.toBeNull();
    await expectScreenEqualsEvents(engine, datasetId, 'b undone');
    // Once a is undone as well, nothing is left open: the book is kept whole, and read alone.
    await undoList(engine, datasetId, a.id);
    await expectScreenEqualsEvents(engine, datasetId, 'both undone');
    const after = await screen(engine, datasetId);
    expect(after.readEvents).toBe(false);
    expect(after.lists.every((l) => l.undone !== null)).toBe(true);
    await equalsFullFold(engine, datasetId);
  });

  it('a customer list folded before the book was kept: read from the events once, kept, then followed', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    await returned(engine, datasetId, [1, 2]);
    // As an older version left it: no book.
    await engine.tables.applied.clear();
    const c = await returned(engine, datasetId, [3]);
    expect(await engine.tables.applied.count()).toBe(0);
    expect((await screen(engine, datasetId)).readEvents).toBe(true);
    expect((await screen(engine, datasetId)).readEvents).toBe(false);
    await engine.exclude(datasetId, [3], 'deceased');
    const shown = await screen(engine, datasetId);
    expect(shown.readEvents).toBe(false);
    expect(shown.lists.find((l) => l.eventId === c.id)!.blockedBy).not.toBeNull();
    await expectScreenEqualsEvents(engine, datasetId, 'after the change');
  });

  it('the workspace locked while the screen reads the events: it still shows them, and keeps the book another time', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await returned(engine, datasetId, [4]);
    await engine.tables.applied.clear();
    const write = vi.spyOn(engine.data.store, 'writeDerived').mockRejectedValueOnce(new StoreClosedError());
    const shown = await appliedListsOf(engine, datasetId);
    expect(write).toHaveBeenCalledTimes(1);
    expect(shown.map((l) => l.eventId)).toEqual([a.id]);
    expect(await engine.tables.applied.count()).toBe(0);
    write.mockRestore();
    // Something else going wrong is not swallowed.
    vi.spyOn(engine.data.store, 'writeDerived').mockRejectedValueOnce(new Error('disk'));
    await expect(appliedListsOf(engine, datasetId)).rejects.toThrow('disk');
  });

  it('a late event from another laptop before a list by its clock: the screen reads the events, and equals them', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await returned(engine, datasetId, [20, 21, 22]);
    const wall = Date.now() - 60_000;
    const late = remote({ type: CONTACT_EVENT_TYPES.customersExcluded, incidentId: a.incidentId, payload: { datasetId, rows: [21], reason: 'deceased' } } as AnyDraft, wall);
    await store.applyRemote([late]);
    const shown = await screen(engine, datasetId);
    expect(shown.readEvents).toBe(true);
    expect(sorted(shown.lists)).toEqual(sorted(await appliedListsFromEvents(engine, datasetId)));
    await equalsFullFold(engine, datasetId);
  });

  it('after a rebuild (another laptop\'s list adopted, an upgrade): every list kept, the open ones with new snapshots', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await returned(engine, datasetId, [1, 2]);
    const b = await returned(engine, datasetId, [2, 3]);
    const c = await returned(engine, datasetId, [9]);
    await undoList(engine, datasetId, c.id);
    await rebuildStatuses(engine, datasetId);
    const book = (await AppliedBook.read(engine.tables, engine.data.dataKey, datasetId))!;
    expect(book.lists.map((l) => [l.eventId, l.known])).toEqual([[a.id, true], [b.id, true], [c.id, true]]);
    await bookEqualsEvents(engine, datasetId);
    const shown = await screen(engine, datasetId);
    expect(shown.readEvents).toBe(false);
    expect(sorted(shown.lists)).toEqual(sorted(await appliedListsFromEvents(engine, datasetId)));
    // b's undo from its new snapshot, followed by the book; then a is open again, and read from the events.
    const read = vi.spyOn(engine.data, 'datasetEvents');
    await undoList(engine, datasetId, b.id);
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
    await expectScreenEqualsEvents(engine, datasetId, 'b undone after the rebuild');
    await equalsFullFold(engine, datasetId);
  });

  it(`a slot taken again after ${UNDO_SLOTS} lists: the old list's customers no longer stand for the new list's`, async () => {
    const { engine, datasetId } = await list(UNDO_SLOTS + 20);
    await engine.createBatch({ datasetId, channel: 'post' });
    const lists: AnyEvent[] = [];
    for (let i = 0; i <= UNDO_SLOTS; i++) lists.push(await returned(engine, datasetId, [i]));
    // The 256th list took the first one's slot. A change to the first list's customer names
    // nothing of the 256th's.
    await engine.exclude(datasetId, [0], 'deceased');
    const book = (await AppliedBook.read(engine.tables, engine.data.dataKey, datasetId))!;
    expect(book.lists.find((l) => l.eventId === lists[UNDO_SLOTS]!.id)).toMatchObject({ known: true, blockedBy: null });
    // The first list lost its guards with its slot: the book no longer follows it.
    expect(book.lists.find((l) => l.eventId === lists[0]!.id)!.known).toBe(false);
    await bookEqualsEvents(engine, datasetId);
    const shown = await screen(engine, datasetId);
    const last = shown.lists.find((l) => l.eventId === lists[UNDO_SLOTS]!.id)!;
    expect(last.blockedBy).toBeNull();
    await expectScreenEqualsEvents(engine, datasetId, 'after the slot was taken again');
    await equalsFullFold(engine, datasetId);
  });

  it('keeps who applied which file sealed: nothing of the list in the record\'s clear bytes', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    await returned(engine, datasetId, [1], '返送リスト_山田商店.csv');
    const rec = (await engine.tables.applied.get(datasetId))!;
    expect(Object.keys(rec).sort()).toEqual(['id', 'sealed']);
    const clear = new TextDecoder().decode(rec.sealed);
    expect(clear).not.toContain('返送リスト');
    expect(clear).not.toContain('returned-mail');
    // The incident's screen shows it, named, from the sealed book.
    const incidentId = (await engine.tables.datasets.get(datasetId))!.incidentId;
    expect((await loadAppliedLists(engine, incidentId)).map((l) => [l.datasetId, l.listName])).toEqual([[datasetId, '返送リスト_山田商店.csv']]);
  });
});
