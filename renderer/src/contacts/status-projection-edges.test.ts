/**
 * Events that should never have come but can: from another incident, or an undo stamped
 * before the event it undoes (a laptop whose clock ran a day ahead stamps its event in the
 * future; the colleague who undoes it stamps the undo now). Whatever arrives, in whatever
 * order, the stored statuses, totals, chart and batches equal a fresh full fold — also on
 * a fresh engine, which reads the events again instead of keeping them.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { summariseBatches } from '../../../shared/contacts/batch-summary';
import { CONTACT_EVENT_TYPES as C, foldSeries } from '../../../shared/contacts/events';
import { totalsFromCells } from '../../../shared/contacts/fallback';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import type { EventStore } from '../data/event-store';
import { ContactEngine } from './contact-engine';
import { checkFold } from './fold-check';
import { STATUS_ROWS } from './tables';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

const ROWS = 120;
const HOUR = 3_600_000;

function stamped(draft: AnyDraft, wall: number, node: string): AnyEvent {
  return { ...draft, id: crypto.randomUUID(), at: encodeHlc({ wall, counter: 0, node }), actor: `person-${node}` } as AnyEvent;
}

async function list() {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(ROWS));
  return { engine, store, datasetId };
}

/** What is stored equals a fold of the list's events, read fresh by a new engine. */
async function expectFullFold(store: EventStore, datasetId: string) {
  const fresh = await ContactEngine.open(store);
  try {
    expect(await checkFold(fresh, datasetId)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
    const events = await fresh.datasetEvents(datasetId);
    const { policy } = await fresh.policy(datasetId);
    const avail = new Uint8Array(ROWS);
    await fresh.tables.status.where('datasetId').equals(datasetId).each((s) => avail.set(s.avail, s.block * STATUS_ROWS));
    const chart = foldSeries(avail, events, policy).map((p) => ({ at: p.at, totals: totalsFromCells(p.cells, policy.order) }));
    expect(await fresh.series(datasetId), 'the chart').toEqual(chart);
    expect(await fresh.batches(datasetId), 'the batches').toEqual(summariseBatches(events));
  } finally {
    fresh.dispose();
  }
}

describe('the contact projection, given events that should not have come', () => {
  it('leaves a list alone when another incident\'s event names it', async () => {
    const { engine, store, datasetId } = await list();
    await engine.datasetEvents(datasetId); // the engine keeps the list's events from here on
    const stray = [
      stamped({ type: C.customersExcluded, incidentId: 'drill-2026-10', payload: { datasetId, rows: [17, 18], reason: 'do-not-contact' } }, Date.now() + 60_000, 'laptop-c'),
      stamped({ type: C.batchCreated, incidentId: 'drill-2026-10', payload: { datasetId, batchId: 'stray-batch', channel: 'post', rows: [30, 31, 32] } }, Date.now() + 120_000, 'laptop-c'),
    ];
    await store.applyRemote(stray);
    expect((await engine.status(datasetId, 17)).phase).toBe('pending');
    expect(await engine.batches(datasetId)).toEqual([]);
    expect(await checkFold(engine, datasetId)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
    await expectFullFold(store, datasetId);
  });

  it('keeps an event undone when its undo, stamped earlier, arrived first', async () => {
    const { store, datasetId } = await list();
    const now = Date.now();
    // Laptop A's clock runs 30 hours ahead; B undid A's exclusion at its own (right) time.
    const excluded = stamped({ type: C.customersExcluded, incidentId: 'inc', payload: { datasetId, rows: [40, 41], reason: 'deceased' } }, now + 30 * HOUR, 'laptop-a');
    const batch = stamped({ type: C.batchCreated, incidentId: 'inc', payload: { datasetId, batchId: 'early-batch', channel: 'post', rows: [50, 51] } }, now + 31 * HOUR, 'laptop-a');
    const undo = (e: AnyEvent, minutes: number) => stamped({ type: C.eventUndone, incidentId: 'inc', payload: { datasetId, eventId: e.id } }, now + minutes * 60_000, 'laptop-b');
    await store.applyRemote([undo(excluded, 1), undo(batch, 2)]);
    await store.applyRemote([excluded]);
    await store.applyRemote([batch]);
    await expectFullFold(store, datasetId);
  });

  it('orders two events with the same clock as a full fold does, whichever arrives first', async () => {
    const { store, datasetId } = await list();
    // A workspace copied onto a second laptop stamps with the same device: same clock, two events.
    const at = Date.now() - HOUR;
    const reached = { ...stamped({ type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'manual', rows: [60], outcomes: ['reached'], reasons: [''] } }, at, 'copied'), id: 'f3c1a3de-8d0e-4d8f-9a53-3b1d2c4e5f60' };
    const excluded = { ...stamped({ type: C.customersExcluded, incidentId: 'inc', payload: { datasetId, rows: [60], reason: 'deceased' } }, at, 'copied'), id: '0a7e2b41-5c9d-4e3f-8b21-6d4c3b2a1f09' };
    await store.applyRemote([reached]);
    await store.applyRemote([excluded]);
    await expectFullFold(store, datasetId);
  });
});
