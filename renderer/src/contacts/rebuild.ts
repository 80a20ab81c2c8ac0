/**
 * Rewrites a dataset's contact projection as a fold of all its events: statuses, running
 * totals, the chart's records and the batches. After adopting a list another laptop
 * imported (its events were here before its rows), after an upgrade, or to repair damage
 * (checkFold tells). Under the append lock, so no commit's own fold slips in between.
 */
import { appliedLists, canUndo, isBulkList } from '../../../shared/contacts/applied-lists';
import { summariseBatches } from '../../../shared/contacts/batch-summary';
import { undoneIds } from '../../../shared/contacts/events';
import { foldDataset } from '../../../shared/contacts/status-fold';
import { bookFrom } from './applied-book';
import { type ContactReader, sealBatch } from './contact-data';
import { STATUS_ROWS, seriesId, type SeriesRecord, type UndoRecord } from './tables';
import { guardRecords } from './undo-guards';
import { sealSnapshot, type Snapshot, takeAfter, takeBefore, UNDO_SLOTS, UNDO_SNAPSHOT_ROWS } from './undo-snapshot';

/**
 * `background`: an upgrade's refold, not the person's own work (background work does not
 * wait for it: background-gate.ts). Resolves false, having written nothing, when one of the
 * list's events does not open (altered on disk: decision 040 — told like any read's): a
 * refold without it would write the list's figures without what it did, for good.
 */
export async function rebuildStatuses(r: ContactReader, datasetId: string, options: { background?: boolean } = {}): Promise<boolean> {
  const { data } = r;
  const t = data.tables;
  let whole = true;
  await data.store.writeDerived({
    tables: ['contact-status', 'contact-status-delta', 'contact-totals', 'contact-series', 'contact-batches', 'contact-undo', 'contact-guards', 'contact-applied'],
    prepare: async () => {
      const read = await data.datasetEventsWhole(datasetId);
      if (!read) {
        whole = false;
        return { write: async () => undefined, touched: [] };
      }
      const events = read;
      const rec = (await t.datasets.get(datasetId))!;
      const { policy, segments } = await data.policy(datasetId);
      const blocks = await t.status.where('datasetId').equals(datasetId).toArray();
      const avail = new Uint8Array(rec.rows);
      const segment = new Uint16Array(rec.rows);
      for (const b of blocks) {
        avail.set(b.avail, b.block * STATUS_ROWS);
        segment.set(b.segment, b.block * STATUS_ROWS);
      }
      const undone = undoneIds(events);
      // The words each applied list's rows had just before it, for the lists still open to undo below.
      const before = new Map<string, Snapshot>();
      const folded = foldDataset(avail, segment, segments, events, undone, policy, (e, access) => {
        if (!isBulkList(e) || e.payload.rows.length > UNDO_SNAPSHOT_ROWS) return;
        const snap = takeBefore(access, e.payload.rows);
        if (snap) before.set(e.id, snap);
      });
      for (const b of blocks) b.words = folded.words.slice(b.block * STATUS_ROWS, b.block * STATUS_ROWS + b.words.length);
      const byId = new Map(events.map((e) => [e.id, e]));
      // Undone before they came (see TotalsRecord.undoneAhead): replayed when they do.
      const undoneAhead = [...undone].filter((id) => !byId.has(id));
      const series: SeriesRecord[] = [...folded.deltas].map(([eventId, delta]) => {
        const at = byId.get(eventId)!.at;
        return { id: seriesId(datasetId, at, eventId), datasetId, at, eventId, delta };
      });
      const batches = await Promise.all(summariseBatches(events).map((s) => sealBatch(data.dataKey, s)));
      const oldSeries = await t.series.where('datasetId').equals(datasetId).primaryKeys();
      const oldBatches = await t.batches.where('datasetId').equals(datasetId).primaryKeys();
      // Undo snapshots and guards are taken anew, for the lists still open to undo (the latest
      // UNDO_SLOTS of them), as the folds in clock order would have left them (undo-snapshot.ts).
      const oldUndo = await t.undo.where('datasetId').equals(datasetId).primaryKeys();
      // The commit count goes on (TotalsRecord.seq): a tab that kept the events before the refold must not take them as current.
      const seq = ((await t.totals.get(datasetId))?.seq ?? 0) + 1;
      const oldGuards = await t.guards.where('datasetId').equals(datasetId).primaryKeys();
      const lists = events.some(isBulkList) ? appliedLists(avail, events, policy) : [];
      const open = lists.filter((l) => canUndo(l) && before.has(l.eventId)).slice(-UNDO_SLOTS);
      const slots = new Map(open.map((l, i) => [l.eventId, i + 1]));
      const undoRecs: UndoRecord[] = [];
      const guarded: [number, number][] = [];
      for (const l of open) {
        const slot = slots.get(l.eventId)!;
        const snap = before.get(l.eventId)!;
        // Nothing after an open list named its rows: their words now are those it left.
        takeAfter({ get: (r) => folded.words[r]!, segmentOf: (r) => segment[r]! }, snap);
        undoRecs.push(await sealSnapshot(data.dataKey, datasetId, slot, byId.get(l.eventId)!, snap));
        for (const row of new Set(snap.rows)) guarded.push([row, slot]);
      }
      const guards = guardRecords(datasetId, guarded);
      // The applied-lists screen's book, from the same events.
      const book = await (await bookFrom(t, data.dataKey, datasetId, rec.rows, lists, events, slots)).seal(data.dataKey);
      return {
        write: async () => {
          // Every record whole, from the events: what their deltas held is in them now.
          await t.status.bulkPut(blocks);
          await t.statusDelta.where('datasetId').equals(datasetId).delete();
          await t.totals.put({
            id: datasetId, cells: folded.cells, at: events.at(-1)?.at ?? '', seq, ...(undoneAhead.length > 0 ? { undoneAhead } : {}), ...(open.length > 0 ? { undoSlot: open.length } : {}),
          });
          await t.series.bulkDelete(oldSeries);
          await t.series.bulkPut(series);
          await t.batches.bulkDelete(oldBatches);
          await t.batches.bulkPut(batches);
          await t.undo.bulkDelete(oldUndo);
          await t.guards.bulkDelete(oldGuards);
          await t.undo.bulkPut(undoRecs);
          await t.guards.bulkPut(guards);
          await t.applied.put(book);
        },
        touched: [
          ['contact-status', blocks.map((b) => b.id)],
          ['contact-totals', [datasetId]],
          ['contact-series', [...oldSeries, ...series.map((s) => s.id)]],
          ['contact-batches', [...oldBatches, ...batches.map((b) => b.id)]],
          ['contact-undo', [...oldUndo, ...undoRecs.map((u) => u.id)]],
          ['contact-guards', [...oldGuards, ...guards.map((g) => g.id)]],
          ['contact-applied', [datasetId]],
        ],
      };
    },
  }, options);
  return whole;
}
