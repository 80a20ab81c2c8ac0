/**
 * The contact projection is an ordinary projection: every commit folds into it, local or
 * from another laptop, in the same transaction. An event in clock order changes only the
 * rows it names; a late one and an undo replay only the rows they name. Whatever the order
 * in which another laptop's events arrive, the statuses, totals, chart and batches equal a
 * full fold of the events.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { summariseBatches } from '../../../shared/contacts/batch-summary';
import { CONTACT_EVENT_TYPES, foldSeries } from '../../../shared/contacts/events';
import { type Outcome, totalsFromCells } from '../../../shared/contacts/fallback';
import { EXCLUSIONS } from '../../../shared/contacts/model';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import type { ChangeNotice } from '../data/change-notice';
import { checkFold } from './fold-check';
import { blockId, STATUS_ROWS } from './tables';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { seededRandom as random } from '../../../shared/testing/seeded-random';

afterEach(dropTestDatabases);

const ROWS = 2_500;
/** A list over three status records (25,000 rows each: decision 044), to see which ones a fold touches. */
const WIDE = 60_000;

async function listWithHistory(rows = ROWS) {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(rows));
  return { engine, store, datasetId };
}

/** Another laptop's event: stamped there, at `wall`, and arriving here later. */
function remote(draft: AnyDraft, wall: number, node = 'peer'): AnyEvent {
  return { ...draft, id: crypto.randomUUID(), at: encodeHlc({ wall, counter: 0, node }), actor: 'peer-person' } as AnyEvent;
}

/** A day of another laptop's contact work on the list, in its own clock order. */
function peerDay(datasetId: string, rnd: () => number, from: number): AnyEvent[] {
  const out: AnyEvent[] = [];
  let wall = from;
  const at = () => (wall += 1 + Math.floor(rnd() * 60_000));
  const some = (n: number) => [...new Set(Array.from({ length: n }, () => Math.floor(rnd() * ROWS)))].sort((a, b) => a - b);
  const draft = (d: AnyDraft) => {
    const e = remote(d, at());
    out.push(e);
    return e;
  };
  const post = draft({ type: CONTACT_EVENT_TYPES.batchCreated, incidentId: 'inc', payload: { datasetId, batchId: crypto.randomUUID(), channel: 'post', rows: some(400) } });
  if (post.type !== CONTACT_EVENT_TYPES.batchCreated) throw new Error('unreachable');
  draft({ type: CONTACT_EVENT_TYPES.batchSent, incidentId: 'inc', payload: { datasetId, batchId: post.payload.batchId, sentAt: '2026-11-22T09:00:00.000Z' } });
  const outcomes: Outcome[] = ['failed', 'reached', 'no-answer'];
  const results: AnyEvent[] = [];
  for (let k = 0; k < 6; k++) {
    const rows = some(60);
    const channel = (['post', 'email', 'phone'] as const)[k % 3]!;
    results.push(
      draft({
        type: CONTACT_EVENT_TYPES.outcomesRecorded,
        incidentId: 'inc',
        payload: { datasetId, channel, source: 'returned-mail', rows, outcomes: rows.map(() => outcomes[Math.floor(rnd() * 3)]!), reasons: rows.map(() => '') },
      }),
    );
  }
  const phone = draft({ type: CONTACT_EVENT_TYPES.batchCreated, incidentId: 'inc', payload: { datasetId, batchId: crypto.randomUUID(), channel: 'phone', rows: some(80), operators: ['A', 'B'], assignment: [] } });
  if (phone.type !== CONTACT_EVENT_TYPES.batchCreated) throw new Error('unreachable');
  draft({ type: CONTACT_EVENT_TYPES.batchReassigned, incidentId: 'inc', payload: { datasetId, batchId: phone.payload.batchId, operators: ['C'], rows: phone.payload.rows.slice(0, 10), assignment: phone.payload.rows.slice(0, 10).map(() => 0) } });
  draft({ type: CONTACT_EVENT_TYPES.customersExcluded, incidentId: 'inc', payload: { datasetId, rows: some(15), reason: EXCLUSIONS[Math.floor(rnd() * 2)]! } });
  const notice = draft({ type: CONTACT_EVENT_TYPES.noticePublished, incidentId: 'inc', payload: { datasetId, noticeRef: 'statement-1' } });
  draft({ type: CONTACT_EVENT_TYPES.batchCancelled, incidentId: 'inc', payload: { datasetId, batchId: phone.payload.batchId, channel: 'phone', rows: phone.payload.rows.slice(40) } });
  // Undo a result list, and (half the time) the notice.
  draft({ type: CONTACT_EVENT_TYPES.eventUndone, incidentId: 'inc', payload: { datasetId, eventId: results[Math.floor(rnd() * results.length)]!.id } });
  if (rnd() < 0.5) draft({ type: CONTACT_EVENT_TYPES.eventUndone, incidentId: 'inc', payload: { datasetId, eventId: notice.id } });
  return out;
}

function shuffled<T>(xs: T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe('the contact projection', () => {
  it('equals a full fold of the events after another laptop\'s events arrive in any order, mixed with local work', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rnd = random(seed);
      const { engine, store, datasetId } = await listWithHistory();
      // Local work first, then the other laptop's day, which partly happened before it.
      const local = await engine.createBatch({ datasetId, channel: 'post' });
      await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', local.batch.rows.slice(0, 200).map((row) => ({ row, outcome: 'failed' as const }))));
      const peer = peerDay(datasetId, rnd, Date.now() - 6 * 3_600_000);
      const arriving = shuffled(peer, rnd);
      while (arriving.length > 0) {
        const chunk = arriving.splice(0, 1 + Math.floor(rnd() * 5));
        expect(await store.applyRemote(chunk)).toHaveLength(chunk.length);
        // Work here goes on meanwhile.
        if (rnd() < 0.3) await engine.exclude(datasetId, [Math.floor(rnd() * ROWS)], 'deceased');
      }
      await engine.createBatch({ datasetId, channel: 'email' });

      expect(await checkFold(engine, datasetId), `seed ${seed}`).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
      const events = await store.readEvents('inc', Object.values(CONTACT_EVENT_TYPES));
      const { policy } = await engine.policy(datasetId);
      const avail = new Uint8Array(ROWS);
      await engine.tables.status.where('datasetId').equals(datasetId).each((s) => avail.set(s.avail, s.block * STATUS_ROWS));
      const reference = foldSeries(avail, events, policy).map((p) => ({ at: p.at, totals: totalsFromCells(p.cells, policy.order) }));
      expect(await engine.series(datasetId), `seed ${seed}: the chart`).toEqual(reference);
      expect(await engine.batches(datasetId), `seed ${seed}: the batches`).toEqual(summariseBatches(events));
    }
  }, 120_000);

  it('folds an event in clock order into the rows it names, without reading the list\'s history', async () => {
    const { engine, store, datasetId } = await listWithHistory(WIDE);
    const notices: ChangeNotice[] = [];
    store.subscribe((n) => notices.push(n));
    const history = vi.spyOn(engine.data, 'datasetEvents');
    const later = remote({ type: CONTACT_EVENT_TYPES.customersExcluded, incidentId: 'inc', payload: { datasetId, rows: [52_100], reason: 'deceased' } }, Date.now() + 60_000);
    await store.applyRemote([later]);
    expect(history).not.toHaveBeenCalled();
    expect([...notices.at(-1)!.touched.get('contact-status')!]).toEqual([blockId(datasetId, 2)]);
    expect((await engine.status(datasetId, 52_100)).phase).toBe('excluded');
    expect((await engine.totals(datasetId)).excluded.deceased).toBe(1);
  });

  it('replays only the rows a late event or an undo names, not the whole list', async () => {
    const { engine, store, datasetId } = await listWithHistory(WIDE);
    const batch = await engine.createBatch({ datasetId, channel: 'post' });
    const notices: ChangeNotice[] = [];
    store.subscribe((n) => notices.push(n));
    // Returned before the batch was made here, by the other laptop's clock: late.
    const late = remote(
      { type: CONTACT_EVENT_TYPES.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'returned-mail', rows: [5, 52_200], outcomes: ['failed', 'failed'], reasons: ['', ''] } },
      Date.now() - 3_600_000,
    );
    await store.applyRemote([late]);
    expect(new Set(notices.at(-1)!.touched.get('contact-status'))).toEqual(new Set([blockId(datasetId, 0), blockId(datasetId, 2)]));
    // Before the batch, the returned letter moved them on; the batch (post) then left them alone.
    expect((await engine.status(datasetId, 5)).phase).toBe('pending');
    expect(await checkFold(engine, datasetId)).toMatchObject({ mismatchedRows: 0, totalsMatch: true });

    const list = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [{ row: 10, outcome: 'failed' }]));
    await engine.undo(datasetId, list.id);
    expect([...notices.at(-1)!.touched.get('contact-status')!]).toEqual([blockId(datasetId, 0)]);
    expect((await engine.status(datasetId, 10)).phase).toBe('in-progress');
    expect(await checkFold(engine, datasetId)).toMatchObject({ mismatchedRows: 0, totalsMatch: true });
    expect(batch.batch.rows).toHaveLength(WIDE);
  });
});
