/**
 * Rewrites a dataset's contact projection as a fold of all its events: statuses, running
 * totals, the chart's records and the batches. After adopting a list another laptop
 * imported (its events were here before its rows), after an upgrade, or to repair damage
 * (checkFold tells). Under the append lock, so no commit's own fold slips in between.
 */
import { appliedLists, isBulkList } from '../../../shared/contacts/applied-lists';
import { summariseBatches } from '../../../shared/contacts/batch-summary';
import { undoneIds } from '../../../shared/contacts/events';
import { foldDataset } from '../../../shared/contacts/status-fold';
import { bookFrom } from './applied-book';
import { type ContactReader, sealBatch } from './contact-data';
import { STATUS_ROWS, seriesId, type SeriesRecord } from './tables';

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
    tables: ['contact-status', 'contact-totals', 'contact-series', 'contact-batches', 'contact-undo', 'contact-guards', 'contact-applied'],
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
      const folded = foldDataset(avail, segment, segments, events, undone, policy);
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
      // Undo snapshots are let go with the folds they were taken in (undo-snapshot.ts): undo replays.
      const oldUndo = await t.undo.where('datasetId').equals(datasetId).primaryKeys();
      const oldGuards = await t.guards.where('datasetId').equals(datasetId).primaryKeys();
      // The applied-lists screen's book, from the same events (the lists still open to undo are
      // not known: their guards go with the snapshots).
      const lists = events.some(isBulkList) ? appliedLists(avail, events, policy) : [];
      const book = await (await bookFrom(t, data.dataKey, datasetId, rec.rows, lists, events, false)).seal(data.dataKey);
      return {
        write: async () => {
          await t.status.bulkPut(blocks);
          await t.totals.put({ id: datasetId, cells: folded.cells, at: events.at(-1)?.at ?? '', ...(undoneAhead.length > 0 ? { undoneAhead } : {}) });
          await t.series.bulkDelete(oldSeries);
          await t.series.bulkPut(series);
          await t.batches.bulkDelete(oldBatches);
          await t.batches.bulkPut(batches);
          await t.undo.bulkDelete(oldUndo);
          await t.guards.bulkDelete(oldGuards);
          await t.applied.put(book);
        },
        touched: [
          ['contact-status', blocks.map((b) => b.id)],
          ['contact-totals', [datasetId]],
          ['contact-series', [...oldSeries, ...series.map((s) => s.id)]],
          ['contact-batches', [...oldBatches, ...batches.map((b) => b.id)]],
          ['contact-undo', oldUndo],
          ['contact-guards', oldGuards],
          ['contact-applied', [datasetId]],
        ],
      };
    },
  }, options);
  return whole;
}
