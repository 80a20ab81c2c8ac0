/**
 * The dashboard against a full fold of the events: whatever lands while it reads (results,
 * undos, notices, a list imported, a commit that fails), once things settle its totals are
 * what a fresh fold of the events gives, and its chart what is stored.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_EVENT_TYPES as C, foldStatuses } from '../../../../shared/contacts/events';
import { decodeHlc, encodeHlc } from '../../../../shared/events/hlc';
import type { AnyEvent } from '../../../../shared/events/registry';
import { cellOf, TOTAL_CELLS } from '../../../../shared/contacts/fallback';
import type { ContactEngine } from '../contact-engine';
import { foldSnapshot } from '../fold-check';
import { followNotices, notices } from '../notice';
import { csvText } from '../test-data';
import { dropTestDatabases, importText, openTestEngine } from '../test-engine';
import { unlockWorkspace } from '../../data/workspace';
import { useContacts } from './contacts-store';

afterEach(async () => {
  await useContacts.getState().open(null);
  await dropTestDatabases();
});

/** A list's totals' cells as a full fold of its events gives them (not what is stored). */
async function foldedCells(engine: ContactEngine, datasetId: string): Promise<number[]> {
  const { input, events, policy } = await foldSnapshot(engine, datasetId);
  const folded = foldStatuses(input.avail, events, policy);
  const cells = new Array<number>(input.segments * TOTAL_CELLS).fill(0);
  folded.forEach((w, i) => {
    cells[input.segment[i]! * TOTAL_CELLS + cellOf(w)]! += 1;
  });
  return cells;
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((ok) => setTimeout(ok, 20));
};

/** A 300-row list imported, then the dashboard opened on incident 'inc' as the app does. */
async function dashboardOn300() {
  const { db, engine: importer, store } = await openTestEngine();
  const datasetId = await importText(importer, db, csvText(300));
  importer.dispose();
  await useContacts.getState().open(store);
  await useContacts.getState().load('inc');
  return { db, store, engine: useContacts.getState().engine!, datasetId };
}

describe('the dashboard equals a full fold', () => {
  it('results landing while the dashboard reads its lists again (a list imported meanwhile): the totals end as a fold gives them', async () => {
    const { engine, datasetId } = await dashboardOn300();
    // A result lands during every read of the lists (a busy line while the dashboard re-reads after an import).
    let row = 10;
    const missing = engine.missingDatasets.bind(engine);
    engine.missingDatasets = async (incidentId: string) => {
      const m = await missing(incidentId);
      if (row < 16) await engine.recordOutcome(datasetId, row++, 'reached', '', '');
      return m;
    };
    await useContacts.getState().refresh();
    await settle();
    expect(row).toBeGreaterThan(12);
    expect(Array.from(useContacts.getState().cells[datasetId]!)).toEqual(await foldedCells(engine, datasetId));
  });

  it('results landing while the dashboard reads the totals themselves: the totals end as a fold gives them', async () => {
    const { engine, datasetId } = await dashboardOn300();
    let row = 10;
    const cells = engine.data.cells.bind(engine.data);
    engine.data.cells = async (id: string) => {
      const c = await cells(id);
      if (row < 16) await engine.recordOutcome(datasetId, row++, 'reached', '', '');
      return c;
    };
    await useContacts.getState().refresh();
    await settle();
    expect(row).toBeGreaterThan(12);
    expect(Array.from(useContacts.getState().cells[datasetId]!)).toEqual(await foldedCells(engine, datasetId));
  });

  it('results, undos, a redo, a notice and its undo, late and foreign events from another laptop: after each the dashboard equals a fold and the stored chart', async () => {
    const { store, engine, datasetId } = await dashboardOn300();
    useContacts.getState().wantSeries(datasetId);
    await settle();
    const check = async (step: string) => {
      await settle();
      const s = useContacts.getState();
      expect(Array.from(s.cells[datasetId]!), step).toEqual(await foldedCells(engine, datasetId));
      const stored = await engine.tables.series.where('datasetId').equals(datasetId).toArray();
      expect(s.series[datasetId]!.map((r) => [r.id, [...r.delta]]), step).toEqual(stored.map((r) => [r.id, [...r.delta]]));
    };
    const burst = await Promise.all([1, 2, 3, 4, 5].map((row) => engine.recordOutcome(datasetId, row, 'reached', '', '')));
    await check('burst');
    await engine.undo(datasetId, burst[2]!.id);
    await check('undo');
    await engine.recordOutcome(datasetId, 3, 'reached', '', '');
    await check('redo');
    const notice = await engine.publishNotice(datasetId, 'inc:1');
    await check('notice');
    await engine.undo(datasetId, notice.id);
    await check('notice undone');
    const remote = (row: number, wall: number, extra: Partial<AnyEvent> = {}): AnyEvent => ({
      id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall, counter: 0, node: 'laptop-b' }), actor: '木村',
      type: C.outcomesRecorded, payload: { datasetId, channel: 'post', source: 'returned-mail', rows: [row], outcomes: ['reached'], reasons: [''] }, ...extra,
    } as AnyEvent);
    const first = decodeHlc(burst[0]!.at).wall;
    await store.applyRemote([remote(7, first - 5)]);
    await check('late remote result');
    await store.applyRemote([remote(8, Date.now() + 500)]);
    await check('remote result in order');
    await store.applyRemote([remote(9, Date.now() + 600, { incidentId: 'other' } as Partial<AnyEvent>)]);
    await check('result of another incident naming the list');
    const ahead = remote(10, first - 3);
    await store.applyRemote([{ id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall: Date.now() + 700, counter: 0, node: 'laptop-b' }), actor: '木村', type: C.eventUndone, payload: { datasetId, eventId: ahead.id } } as AnyEvent]);
    await check('undo of a result not here yet');
    await store.applyRemote([ahead]);
    await check('the undone result arrives');
    const both = [remote(11, Date.now() + 800), remote(12, first - 2)];
    await store.applyRemote(both);
    await check('one in order, one late, in one commit');
  });

  it('a commit that fails half-way (the disk full as the chart is written): the dashboard shows nothing of it', async () => {
    const { engine, datasetId } = await dashboardOn300();
    useContacts.getState().wantSeries(datasetId);
    await engine.recordOutcome(datasetId, 1, 'reached', '', '');
    await settle();
    const series = engine.tables.series as unknown as { bulkPut: (...a: unknown[]) => Promise<unknown> };
    const bulkPut = series.bulkPut.bind(series);
    series.bulkPut = async (...a: unknown[]) => {
      await bulkPut(...a);
      throw new DOMException('disk full', 'QuotaExceededError');
    };
    await expect(engine.recordOutcome(datasetId, 2, 'reached', '', '')).rejects.toThrow();
    series.bulkPut = bulkPut;
    await settle();
    const s = useContacts.getState();
    expect(Array.from(s.cells[datasetId]!)).toEqual(await foldedCells(engine, datasetId));
    expect(s.series[datasetId]!.map((r) => r.id)).toEqual(await engine.tables.series.where('datasetId').equals(datasetId).primaryKeys());
    // And the next result is counted on top of what is stored.
    await engine.recordOutcome(datasetId, 3, 'reached', '', '');
    await settle();
    expect(Array.from(useContacts.getState().cells[datasetId]!)).toEqual(await foldedCells(engine, datasetId));
    expect(useContacts.getState().totals[datasetId]!.byPhase.reached).toBe(2);
  });

  it('results from another laptop for rows the list does not have: the dashboard equals a fold', async () => {
    const { store, engine, datasetId } = await dashboardOn300();
    useContacts.getState().wantSeries(datasetId);
    await settle();
    const base = Date.now() + 1000;
    const remote = (rows: number[], i: number): AnyEvent => ({
      id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall: base + i, counter: 0, node: 'laptop-b' }), actor: '木村',
      type: C.outcomesRecorded, payload: { datasetId, channel: 'post', source: 'returned-mail', rows, outcomes: rows.map(() => 'reached'), reasons: rows.map(() => '') },
    } as AnyEvent);
    const outcomes: string[] = [];
    for (const [i, rows] of [[300], [5000], [-1], [4, 4], [1.5], [2 ** 31]].entries()) {
      await store.applyRemote([remote(rows, i)]).then(
        () => outcomes.push('stored'),
        (e: unknown) => outcomes.push(String(e)),
      );
    }
    await store.applyRemote([remote([6], 99)]);
    await settle();
    expect(Array.from(useContacts.getState().cells[datasetId]!), outcomes.join(' | ')).toEqual(await foldedCells(engine, datasetId));
    const stored = await engine.tables.series.where('datasetId').equals(datasetId).primaryKeys();
    expect(useContacts.getState().series[datasetId]!.map((r) => r.id)).toEqual(stored);
  });

  it("a commit whose hook rewrites the totals the fold wrote: the notice does not hand over the fold's (the dashboard shows what is stored)", async () => {
    const { store, engine, datasetId } = await dashboardOn300();
    const t = engine.tables;
    // The hook writes after the fold in the same transaction (a refold, say): its totals are the ones stored.
    await store.append(
      [{ type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'manual', rows: [4], outcomes: ['reached'], reasons: [''] } }],
      {
        tables: ['contact-totals'],
        prepare: async () => {
          const rec = (await t.totals.get(datasetId))!;
          return { write: () => t.totals.put({ ...rec, cells: Int32Array.from(rec.cells) }).then(() => undefined), touched: [['contact-totals', [datasetId]]] };
        },
      },
    );
    await settle();
    expect(Array.from(useContacts.getState().cells[datasetId]!)).toEqual(Array.from((await t.totals.get(datasetId))!.cells));
  });

  it('locked while results are being written, then unlocked: the dashboard equals a fold', async () => {
    const { db, store, engine, datasetId } = await dashboardOn300();
    useContacts.getState().wantSeries(datasetId);
    const inFlight = [1, 2, 3, 4].map((row) => engine.recordOutcome(datasetId, row, 'reached', '', '').catch(() => null));
    // The idle lock: the dashboard lets go first, the store closes last (its queued commits land).
    await useContacts.getState().open(null);
    await store.close();
    await Promise.all(inFlight);
    const again = await unlockWorkspace(db, 'correct horse battery staple');
    await useContacts.getState().open(again.store);
    await useContacts.getState().load('inc');
    const reopened = useContacts.getState().engine!;
    useContacts.getState().wantSeries(datasetId);
    await reopened.recordOutcome(datasetId, 9, 'reached', '', '');
    await settle();
    expect(Array.from(useContacts.getState().cells[datasetId]!)).toEqual(await foldedCells(reopened, datasetId));
    expect(useContacts.getState().series[datasetId]!.map((r) => r.id)).toEqual(await reopened.tables.series.where('datasetId').equals(datasetId).primaryKeys());
    await useContacts.getState().open(null);
    await again.store.close();
  });

  it('a storm of results, undos and late events from another laptop, all at once: the dashboard equals a fold and the stored chart', async () => {
    const { store, engine, datasetId } = await dashboardOn300();
    useContacts.getState().wantSeries(datasetId);
    const start = Date.now();
    const late = (row: number, i: number): AnyEvent => ({
      id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall: start - 10_000 + i, counter: 0, node: 'laptop-b' }), actor: '木村',
      type: C.outcomesRecorded, payload: { datasetId, channel: 'post', source: 'returned-mail', rows: [row], outcomes: ['failed'], reasons: ['unclaimed'] },
    } as AnyEvent);
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const row = (i * 7) % 50;
      if (i % 5 === 0) work.push(store.applyRemote([late(row, i)]));
      else if (i % 3 === 0) work.push(engine.recordOutcome(datasetId, row, 'failed', 'no-answer', '').then((e) => e && engine.undo(datasetId, e.id)).catch(() => null));
      else work.push(engine.recordOutcome(datasetId, row, 'reached', '', '').catch(() => null));
      if (i === 20) useContacts.getState().refresh();
    }
    const landed = (await Promise.all(work)).filter((r) => r !== null && !(Array.isArray(r) && r.length === 0)).length;
    // Most of it was stored (a result on a row already reached is refused: fine).
    expect(landed).toBeGreaterThan(20);
    await settle();
    const s = useContacts.getState();
    expect(Array.from(s.cells[datasetId]!)).toEqual(await foldedCells(engine, datasetId));
    const stored = await engine.tables.series.where('datasetId').equals(datasetId).toArray();
    expect(s.series[datasetId]!.map((r) => [r.id, [...r.delta]])).toEqual(stored.map((r) => [r.id, [...r.delta]]));
  });

  it("the dashboard's notices, with a notice and its undo arriving from another laptop among results: what a fresh read lists", async () => {
    const { db, engine, store } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(300));
    let shown: string[] = [];
    const stop = followNotices(engine, datasetId, (list) => (shown = list.map((n) => n.event.id)), (e) => {
      throw e;
    });
    const fresh = async () => (await notices(engine, datasetId)).map((n) => n.event.id);
    const mine = await engine.publishNotice(datasetId, 'inc:1');
    const wall = Date.now() + 1000;
    const theirs = { id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall, counter: 0, node: 'laptop-b' }), actor: '木村', type: C.noticePublished, payload: { ...(mine as { payload: object }).payload } } as AnyEvent;
    await Promise.all([store.applyRemote([theirs]), engine.recordOutcome(datasetId, 3, 'reached', '', '')]);
    await settle();
    expect(shown).toEqual(await fresh());
    expect(shown).toHaveLength(2);
    const undo = { id: crypto.randomUUID(), incidentId: 'inc', at: encodeHlc({ wall: wall + 1, counter: 0, node: 'laptop-b' }), actor: '木村', type: C.eventUndone, payload: { datasetId, eventId: mine.id } } as AnyEvent;
    await Promise.all([engine.recordOutcome(datasetId, 4, 'reached', '', ''), store.applyRemote([undo])]);
    await settle();
    expect(shown).toEqual(await fresh());
    expect(shown).toEqual([theirs.id]);
    stop();
  });
});
