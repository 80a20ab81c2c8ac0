/**
 * Undo of an applied list from its snapshot (decision 045): while nothing named its customers
 * since, the undo is checked and folded without reading the list's events (at 20M customers
 * those include a batch naming every one of them); as soon as anything did — a call result, an
 * exclusion, a notice, another laptop's late event, a rebuild — it falls back to the events.
 * Whatever happens, the statuses, totals and chart equal a full fold of the events.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTACT_EVENT_TYPES } from '../../../shared/contacts/events';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import type { ContactEngine } from './contact-engine';
import { rebuildStatuses, undoList } from './outcomes';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { equalsFullFold } from './test-fold';
import { UNDO_SLOTS } from './undo-snapshot';

afterEach(dropTestDatabases);

async function list(rows = 2_500) {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(rows), { maxRetries: 1 });
  return { engine, store, datasetId };
}

const returned = async (engine: ContactEngine, datasetId: string, rows: number[]) =>
  engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', rows.map((row) => ({ row, outcome: 'failed' as const }))));

/** Every row's phase and attempts: what the screens show of each customer. */
async function phases(engine: ContactEngine, datasetId: string, rows: number[]) {
  return Promise.all(rows.map(async (r) => {
    const s = await engine.status(datasetId, r);
    return `${r}:${s.phase}:${s.slot}:${s.retries}:${s.exclusion ?? ''}`;
  }));
}

function remote(draft: AnyDraft, wall: number): AnyEvent {
  return { ...draft, id: crypto.randomUUID(), at: encodeHlc({ wall, counter: 0, node: 'peer' }), actor: 'peer-person' } as AnyEvent;
}

describe('undo of an applied list from its snapshot', () => {
  it('puts its customers back as they were without reading the list\'s events, checked and folded', async () => {
    // Two status records, a batch of everyone on the post first (the 20M case in small).
    const { engine, datasetId } = await list(30_000);
    await engine.createBatch({ datasetId, channel: 'post' });
    const rows = [3, 17, 24_999, 25_000, 29_999];
    const before = await phases(engine, datasetId, rows);
    const totalsBefore = await engine.totals(datasetId);
    const applied = await returned(engine, datasetId, rows);
    expect(await phases(engine, datasetId, rows)).not.toEqual(before);

    const history = vi.spyOn(engine.data, 'datasetEvents');
    const opened = vi.spyOn(engine.store, 'readReadableOffThread');
    await undoList(engine, datasetId, applied.id);
    expect(history).not.toHaveBeenCalled();
    expect(opened).not.toHaveBeenCalled();
    history.mockRestore();
    opened.mockRestore();

    expect(await phases(engine, datasetId, rows)).toEqual(before);
    expect(await engine.totals(datasetId)).toEqual(totalsBefore);
    expect(await engine.tables.undo.count()).toBe(0);
    expect(await engine.tables.guards.count()).toBe(0);
    await equalsFullFold(engine, datasetId);
    // Undone once: a second undo is refused (now from the events).
    await expect(undoList(engine, datasetId, applied.id)).rejects.toThrow();
  });

  it('once a later change names one of its customers, the undo is refused when checked and replayed when not', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const applied = await returned(engine, datasetId, [10, 11, 12]);
    // A call result for one of them, which changes nothing of its status word, still counts.
    await engine.exclude(datasetId, [11], 'deceased');
    await engine.exclude(datasetId, [11], 'deceased');
    await expect(undoList(engine, datasetId, applied.id)).rejects.toThrow('no longer the latest change');
    const history = vi.spyOn(engine.data, 'datasetEvents');
    await engine.undo(datasetId, applied.id);
    expect(history).toHaveBeenCalled();
    expect((await engine.status(datasetId, 11)).phase).toBe('excluded');
    await equalsFullFold(engine, datasetId);
  });

  it('a later change to other customers leaves it undoable from its snapshot', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const first = await returned(engine, datasetId, [10, 11]);
    const second = await returned(engine, datasetId, [20, 21]);
    await engine.exclude(datasetId, [30], 'deceased');
    const history = vi.spyOn(engine.data, 'datasetEvents');
    await undoList(engine, datasetId, first.id);
    expect(history).not.toHaveBeenCalled();
    await equalsFullFold(engine, datasetId, 'first undone');
    history.mockClear();
    await undoList(engine, datasetId, second.id);
    expect(history).not.toHaveBeenCalled();
    await equalsFullFold(engine, datasetId, 'second undone');
  });

  it('a late event from another laptop on one of its customers, earlier by its clock, makes the undo replay', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const applied = await returned(engine, datasetId, [40, 41]);
    // Reached by phone before the list came back, by the other laptop's clock.
    await store.applyRemote([
      remote({ type: CONTACT_EVENT_TYPES.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'manual', rows: [41], outcomes: ['reached'], reasons: [''] } }, Date.now() - 3_600_000),
    ]);
    const history = vi.spyOn(engine.data, 'datasetEvents');
    await undoList(engine, datasetId, applied.id);
    expect(history).toHaveBeenCalled();
    await equalsFullFold(engine, datasetId);
  });

  it('a public notice after it makes the undo refused (it covered whoever waited on it)', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const applied = await returned(engine, datasetId, [50]);
    await engine.store.applyRemote([remote({ type: CONTACT_EVENT_TYPES.noticePublished, incidentId: 'inc', payload: { datasetId, noticeRef: 'statement-1' } }, Date.now() + 60_000)]);
    await expect(undoList(engine, datasetId, applied.id)).rejects.toThrow('no longer the latest change');
    await engine.undo(datasetId, applied.id);
    await equalsFullFold(engine, datasetId);
  });

  it('an undo from another laptop is folded from the snapshot too, and one undone ahead of it is not', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await returned(engine, datasetId, [60, 61]);
    const b = await returned(engine, datasetId, [62]);
    const undoA = remote({ type: CONTACT_EVENT_TYPES.eventUndone, incidentId: 'inc', payload: { datasetId, eventId: a.id } }, Date.now() + 60_000);
    const history = vi.spyOn(engine.data, 'datasetEvents');
    await store.applyRemote([undoA]);
    expect(history).not.toHaveBeenCalled();
    await equalsFullFold(engine, datasetId, 'a undone');
    // The undo of b was itself undone (that arrives first): b's undo, when it comes, changes nothing.
    const undoB = remote({ type: CONTACT_EVENT_TYPES.eventUndone, incidentId: 'inc', payload: { datasetId, eventId: b.id } }, Date.now() + 120_000);
    await store.applyRemote([remote({ type: CONTACT_EVENT_TYPES.eventUndone, incidentId: 'inc', payload: { datasetId, eventId: undoB.id } }, Date.now() + 180_000)]);
    await store.applyRemote([undoB]);
    expect((await engine.status(datasetId, 62)).phase).not.toBe('pending');
    await equalsFullFold(engine, datasetId, 'b\'s undo undone');
  });

  it('a snapshot altered on disk leaves the undo to the events; a rebuild takes the snapshots of the lists still open anew', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await returned(engine, datasetId, [70]);
    const b = await returned(engine, datasetId, [71]);
    const rec = (await engine.tables.undo.where('eventId').equals(a.id).first())!;
    rec.sealed[rec.sealed.length - 1]! ^= 1;
    await engine.tables.undo.put(rec);
    const history = vi.spyOn(engine.data, 'datasetEvents');
    await undoList(engine, datasetId, a.id);
    expect(history).toHaveBeenCalled();
    await equalsFullFold(engine, datasetId, 'altered');

    await rebuildStatuses(engine, datasetId);
    // a is undone: only b is still open to undo, and its snapshot is taken again from the events' fold.
    expect((await engine.tables.undo.toArray()).map((u) => [u.eventId, u.slot])).toEqual([[b.id, 1]]);
    expect((await engine.tables.guards.toArray()).map((g) => [...g.rows].map((r, i) => [r, g.slots[i]]))).toEqual([[[71, 1]]]);
    history.mockClear();
    await undoList(engine, datasetId, b.id);
    expect(history).not.toHaveBeenCalled();
    await equalsFullFold(engine, datasetId, 'after a rebuild');
  });

  it(`keeps ${UNDO_SLOTS} lists' snapshots: the oldest one's slot taken again, its undo replays`, async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const lists: string[] = [];
    for (let k = 0; k <= UNDO_SLOTS; k++) lists.push((await returned(engine, datasetId, [k])).id);
    expect(await engine.tables.undo.count()).toBe(UNDO_SLOTS);
    const history = vi.spyOn(engine.data, 'datasetEvents');
    await undoList(engine, datasetId, lists[UNDO_SLOTS]!);
    await undoList(engine, datasetId, lists[1]!);
    expect(history).not.toHaveBeenCalled();
    await undoList(engine, datasetId, lists[0]!);
    expect(history).toHaveBeenCalled();
    await equalsFullFold(engine, datasetId);
  }, 60_000);

  it('equals a full fold under random lists, changes, late events and undos', async () => {
    let fast = 0;
    let replayed = 0;
    for (let seed = 1; seed <= 6; seed++) {
      let r = seed * 7919;
      const rnd = () => ((r = (r * 48271) % 2147483647) / 2147483647);
      const { engine, store, datasetId } = await list(300);
      const some = (n: number) => [...new Set(Array.from({ length: n }, () => Math.floor(rnd() * 300)))];
      await engine.createBatch({ datasetId, channel: 'post' });
      const lists: string[] = [];
      for (let step = 0; step < 30; step++) {
        const k = rnd();
        if (k < 0.3) lists.push((await returned(engine, datasetId, some(1 + Math.floor(rnd() * 20)))).id);
        else if (k < 0.45) await engine.exclude(datasetId, some(2), 'deceased');
        else if (k < 0.55) {
          const rows = some(2);
          await store.applyRemote([remote({ type: CONTACT_EVENT_TYPES.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'manual', rows, outcomes: rows.map(() => 'reached'), reasons: rows.map(() => '') } }, Date.now() - Math.floor(rnd() * 3_600_000))]);
        } else if (lists.length > 0) {
          const id = lists.splice(Math.floor(rnd() * lists.length), 1)[0]!;
          const history = vi.spyOn(engine.data, 'datasetEvents');
          if (rnd() < 0.6) await undoList(engine, datasetId, id).catch(() => undefined);
          else await engine.undo(datasetId, id);
          if (history.mock.calls.length === 0) fast++;
          else replayed++;
          history.mockRestore();
        }
        await equalsFullFold(engine, datasetId, `seed ${seed} step ${step}`);
      }
    }
    // Both ways were taken.
    expect(fast).toBeGreaterThan(5);
    expect(replayed).toBeGreaterThan(5);
  }, 300_000);
});
