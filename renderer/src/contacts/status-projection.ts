/**
 * The contact tracker's projection, folded by the event store in the same transaction as
 * every commit — local or from another laptop — like any other projection: the compact
 * status blocks and running totals, the reached-over-time chart (one record of cell changes
 * per event) and the batches.
 *
 * Incremental both ways. Events later than everything folded so far (every local append,
 * and a laptop catching up in order) change the rows they name and nothing else. An event
 * that arrives late, or an undo, replays only the rows it names (for the public notice:
 * the rows waiting on it, covered or excluded) through the dataset's events in clock order,
 * before and after, and corrects their statuses and the chart records of the events that
 * name them. Never the whole list, and nothing waits for a timer.
 */
import { applyToSummary, batchOf, newSummary, summariseBatches, type BatchSummary } from '../../../shared/contacts/batch-summary';
import { isBulkList } from '../../../shared/contacts/applied-lists';
import { cellOf, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import { applyContactEvent, CONTACT_EVENT_TYPES, type ContactEvent, isContactPartEvent, rowsOf, undoneIds } from '../../../shared/contacts/events';
import {
  adjustDelta, diffCells, inClockOrder, isSeriesEvent, packDelta, replayRows, rowsAffected,
} from '../../../shared/contacts/status-fold';
import type { AnyEvent } from '../../../shared/events/registry';
import type { BulkProjection, BulkWrite } from '../data/event-store';
import { openBatch, sealBatch, type ContactData } from './contact-data';
import { BlockStatus } from './status-access';
import { deltaWith, type StatusWrites, writeStatus } from './status-deltas';
import { AppliedBook } from './applied-book';
import { type AppliedBookRecord, type BatchRecord, blockId, STATUS_ROWS, statusBlocks, type SeriesRecord, seriesId, type GuardRecord, type TotalsRecord, type UndoRecord } from './tables';
import { intactSnapshot, nextSlot, sealSnapshot, type Snapshot, takeAfter, takeBefore, undoId, UNDO_SNAPSHOT_ROWS } from './undo-snapshot';

const TABLES = ['contact-status', 'contact-status-delta', 'contact-totals', 'contact-series', 'contact-batches', 'contact-undo', 'contact-guards', 'contact-applied'] as const;

/** What one commit writes to the contact tables. */
class Writes {
  status: StatusWrites = { whole: [], deltas: [] };
  totals: TotalsRecord[] = [];
  series = new Map<string, SeriesRecord | null>();
  batches = new Map<string, BatchRecord | null>();
  undo = new Map<string, UndoRecord | null>();
  guards: GuardRecord[] = [];
  guardDeletes: string[] = [];
  applied: AppliedBookRecord[] = [];

  toBulk(data: ContactData): BulkWrite {
    const t = data.tables;
    const seriesPuts = [...this.series.values()].filter((r): r is SeriesRecord => r !== null);
    const seriesDeletes = [...this.series].filter(([, r]) => r === null).map(([id]) => id);
    const batchPuts = [...this.batches.values()].filter((r): r is BatchRecord => r !== null);
    const batchDeletes = [...this.batches].filter(([, r]) => r === null).map(([id]) => id);
    const undoPuts = [...this.undo.values()].filter((r): r is UndoRecord => r !== null);
    const undoDeletes = [...this.undo].filter(([, r]) => r === null).map(([id]) => id);
    return {
      write: async () => {
        await writeStatus(t, this.status);
        await t.totals.bulkPut(this.totals);
        await t.series.bulkPut(seriesPuts);
        await t.series.bulkDelete(seriesDeletes);
        await t.batches.bulkPut(batchPuts);
        await t.batches.bulkDelete(batchDeletes);
        await t.undo.bulkPut(undoPuts);
        await t.undo.bulkDelete(undoDeletes);
        await t.guards.bulkPut(this.guards);
        await t.guards.bulkDelete(this.guardDeletes);
        await t.applied.bulkPut(this.applied);
      },
      touched: [
        ['contact-status', [...this.status.whole, ...this.status.deltas].map((r) => r.id)],
        ['contact-totals', this.totals.map((r) => r.id)],
        ['contact-series', this.series.keys()],
        ['contact-batches', this.batches.keys()],
        ['contact-undo', this.undo.keys()],
        ['contact-guards', [...this.guards.map((g) => g.id), ...this.guardDeletes]],
        ['contact-applied', this.applied.map((r) => r.id)],
      ],
      // The dashboard takes the new totals and chart records from the notice (counts only),
      // instead of reading them again after each call result.
      rows: [
        ['contact-totals', new Map(this.totals.map((r) => [r.id, r]))],
        ['contact-series', this.series],
      ],
    };
  }
}

export function statusProjection(data: ContactData): BulkProjection {
  return {
    tables: TABLES,
    async prepare(events) {
      const byDataset = new Map<string, ContactEvent[]>();
      for (const e of events) {
        if (!isContactPartEvent(e) || e.type === CONTACT_EVENT_TYPES.datasetImported) continue;
        (byDataset.get(e.payload.datasetId) ?? byDataset.set(e.payload.datasetId, []).get(e.payload.datasetId)!).push(e);
      }
      if (byDataset.size === 0) return null;
      const out = new Writes();
      for (const [datasetId, list] of byDataset) await foldDataset(data, datasetId, list, out);
      return out.toBulk(data);
    },
  };
}

async function foldDataset(data: ContactData, datasetId: string, named: ContactEvent[], out: Writes): Promise<void> {
  const t = data.tables;
  const rec = await t.datasets.get(datasetId);
  // A list whose rows are not here (imported on another laptop): adopting it folds everything.
  if (!rec || rec.state !== 'complete') return;
  // A list's events are those of its own incident (what datasetEvents reads): another
  // incident's event naming it, from a faulty or hostile laptop, changes nothing.
  const list = named.filter((e) => e.incidentId === rec.incidentId);
  if (list.length === 0) return;
  const totals = await t.totals.get(datasetId);
  if (!totals) throw new Error('contacts: dataset has no totals');
  const { policy } = await data.policy(datasetId);
  const cells = Int32Array.from(totals.cells);
  const access = new BlockStatus(rec.rows, cells, true);
  const sorted = inClockOrder(list);
  // The list's kept events are let go if another tab committed since (read again when a replay needs them).
  data.noteFolded(datasetId, totals.seq);
  const stored = () => data.datasetEvents(datasetId);
  let lastAt = totals.at ?? (await stored()).at(-1)?.at ?? '';
  let undoneAhead = totals.undoneAhead ?? [];
  let refoldOwed = totals.refoldOwed;
  const ahead = new Set(undoneAhead);
  const inOrder = sorted[0]!.at > lastAt && sorted.every((e) => e.type !== CONTACT_EVENT_TYPES.eventUndone && !ahead.has(e.id));
  let undoSlot = totals.undoSlot;
  const only = sorted.length === 1 ? sorted[0]! : undefined;
  // The applied-lists screen's book (applied-book.ts), read when a change concerns it: absent,
  // it stays so (the screen reads the events and keeps it).
  let book: Promise<AppliedBook | undefined> | undefined;
  const bookOf = () => (book ??= AppliedBook.read(t, data.dataKey, datasetId));

  if (inOrder) {
    // Every block the events name, read in one go (a sync burst of hundreds of small
    // events would otherwise wait for the database once per event).
    await access.load(t, datasetId, sorted.some((e) => e.type === CONTACT_EVENT_TYPES.noticePublished) ? 'all' : sorted.map((e) => rowsOf(e)));
    const guards = access.guards!;
    for (const e of sorted) {
      const before = Int32Array.from(cells);
      const isList = isBulkList(e);
      // An applied list keeps its rows' words from before it, for its undo (undo-snapshot.ts).
      const snap = isList && e.payload.rows.length <= UNDO_SNAPSHOT_ROWS ? takeBefore(access, e.payload.rows) : null;
      // A notice blocks the undo of every list before it: every guard goes at once, not row by row.
      if (e.type === CONTACT_EVENT_TYPES.noticePublished) await guards.dropAll(t, datasetId);
      const changed = applyContactEvent(access, e, policy);
      // The lists whose rows it named: this is their first later change, unless one came before.
      const cleared = guards.takeCleared();
      if (cleared.size > 0) {
        const b = await bookOf();
        for (const [slot, rows] of cleared) b?.blocked(slot, e, rows);
      }
      if (snap) {
        takeAfter(access, snap);
        undoSlot = nextSlot(undoSlot);
        // The slot's last list lets go of it: its guards would stand for this list's rows (that
        // list stored, or folded earlier in this commit: a burst of more than 255 lists).
        if (out.undo.has(undoId(datasetId, undoSlot)) || (await t.undo.get(undoId(datasetId, undoSlot)))) {
          await guards.dropSlot(t, datasetId, undoSlot);
          (await bookOf())?.evict(undoSlot);
        }
        for (let i = 0; i < snap.rows.length; i++) guards.guard(snap.rows[i]!, undoSlot);
        const rec = await sealSnapshot(data.dataKey, datasetId, undoSlot, e, snap);
        out.undo.set(rec.id, rec);
      }
      // A list naming none of the list's rows is never blocked; one of more than a million rows has no guards to tell.
      if (isList) (await bookOf())?.add(e, changed, snap ? undoSlot! : 0, snap !== null || e.payload.rows.length <= UNDO_SNAPSHOT_ROWS);
      out.series.set(seriesId(datasetId, e.at, e.id), { id: seriesId(datasetId, e.at, e.id), datasetId, at: e.at, eventId: e.id, delta: diffCells(before, cells) });
    }
    await batchesInOrder(data, sorted, out);
    lastAt = sorted[sorted.length - 1]!.at;
  } else if (only?.type === CONTACT_EVENT_TYPES.eventUndone && !ahead.has(only.id) && (await undoBySnapshot(data, datasetId, only.payload.eventId, access, cells, out))) {
    // The undo of an applied list nothing named since: its rows' words put back, no event read.
    // Its own guards are cleared, which blocks nothing.
    access.guards!.takeCleared();
    (await bookOf())?.undone(only.payload.eventId, only);
    if (only.at > lastAt) lastAt = only.at;
  } else {
    // The status records of the rows the late events name, read while the list's events are
    // opened in the worker (at 20M customers, 200 late results touch ~200 records: about as long
    // as that read). The replay then reads only what these records do not hold (an undo's rows).
    const [events] = await Promise.all([stored(), access.load(t, datasetId, sorted.filter((e) => e.type !== CONTACT_EVENT_TYPES.noticePublished).map((e) => rowsOf(e)))]);
    const r = await replay(data, datasetId, rec.rows, sorted, events, access, out);
    ({ lastAt, undoneAhead } = r);
    const b = await bookOf();
    if (b) {
      b.replayed(r.changedFrom, r.undoneNow, r.undoOf, access.guards!.takeCleared(), r.noticeChanged);
      // Lists that came late: on the screen, their figures from the events.
      for (const { e, undo } of r.lateLists) if (isBulkList(e)) b.add(e, 0, 0, false, undo);
    }
    // Replayed without an event that does not open: owed a whole refold (next unlock).
    if (data.datasetEventsPartial(datasetId)) refoldOwed = true;
  }
  const status = access.writes();
  out.status.whole.push(...status.whole);
  out.status.deltas.push(...status.deltas);
  const guards = access.guards!.changed();
  out.guards.push(...guards.puts);
  out.guardDeletes.push(...guards.deletes);
  const kept = book && (await book);
  if (kept?.changed) out.applied.push(await kept.seal(data.dataKey));
  out.totals.push({
    id: datasetId, cells, at: lastAt, seq: (totals.seq ?? 0) + 1,
    ...(undoneAhead.length > 0 ? { undoneAhead } : {}), ...(refoldOwed ? { refoldOwed } : {}), ...(undoSlot !== undefined ? { undoSlot } : {}),
  });
}

/**
 * An applied list undone while every row it names is still guarded by its snapshot: the
 * words from before it put back, its chart record and its snapshot gone. False (nothing
 * changed) when the snapshot is not there or not whole: the undo is replayed.
 */
async function undoBySnapshot(data: ContactData, datasetId: string, eventId: string, access: BlockStatus, cells: Int32Array, out: Writes): Promise<boolean> {
  const snap = await intactSnapshot(data.tables, data.dataKey, access.guards!, datasetId, eventId);
  if (!snap) return false;
  for (let i = 0; i < snap.rows.length; i++) access.touch(snap.rows[i]!);
  // The records the words go back into as deltas; the rest (none, or a delta grown too
  // long, or a snapshot sealed before it kept the words after) are read and written whole.
  const whole = snap.after && snap.segments ? await undoAsDeltas(data, datasetId, snap, cells, out) : null;
  const rows: number[] = [];
  for (let i = 0; i < snap.rows.length; i++) if (!whole || whole.has(Math.floor(snap.rows[i]! / STATUS_ROWS))) rows.push(i);
  if (rows.length > 0) {
    await access.load(data.tables, datasetId, rows.map((i) => snap.rows[i]!));
    for (const i of rows) access.set(snap.rows[i]!, snap.words[i]!);
  }
  out.series.set(seriesId(datasetId, snap.record.at, eventId), null);
  out.undo.set(snap.record.id, null);
  return true;
}

/**
 * The snapshot's words put back as status deltas, without reading the status records: its
 * rows are all still guarded, so each holds the word the list left (`after`), and the totals
 * change by moving each row from that word's cell to the earlier one's, in its segment. A
 * record whose delta would outgrow DELTA_ROWS, or whose delta holds another word for one of
 * these rows (a guard that should have gone), is left to the caller, which reads it and sets
 * the words the ordinary way. Returns those records' numbers.
 */
async function undoAsDeltas(data: ContactData, datasetId: string, snap: Snapshot, cells: Int32Array, out: Writes): Promise<Set<number>> {
  const after = snap.after!;
  const segments = snap.segments!;
  const byBlock = new Map<number, number[]>();
  for (let i = 0; i < snap.rows.length; i++) {
    if (snap.words[i] === after[i]) continue;
    const b = Math.floor(snap.rows[i]! / STATUS_ROWS);
    (byBlock.get(b) ?? byBlock.set(b, []).get(b)!).push(i);
  }
  const blocks = [...byBlock.keys()].sort((a, b) => a - b);
  const deltas = await statusBlocks(data.tables.statusDelta, datasetId, blocks);
  const whole = new Set<number>();
  blocks.forEach((b, n) => {
    const idx = byBlock.get(b)!;
    const first = b * STATUS_ROWS;
    const put = deltaWith(
      { id: blockId(datasetId, b), datasetId, block: b }, deltas[n], idx.map((i) => snap.rows[i]! - first), idx.map((i) => snap.words[i]!), idx.map((i) => after[i]!),
    );
    if (!put) {
      whole.add(b);
      return;
    }
    out.status.deltas.push(put);
    for (const i of idx) {
      const base = segments[i]! * TOTAL_CELLS;
      cells[base + cellOf(after[i]!)]! -= 1;
      cells[base + cellOf(snap.words[i]!)]! += 1;
    }
  });
  return whole;
}

/**
 * Late events and undos: the rows they can change are replayed through the events without
 * and with them; statuses, totals and the chart records of the events naming those rows
 * are corrected by the difference. Returns the clock of the latest event now folded, and
 * the events undone that are not here yet.
 */
async function replay(
  data: ContactData, datasetId: string, size: number, fresh: ContactEvent[], stored: readonly ContactEvent[], access: BlockStatus, out: Writes,
): Promise<Replayed> {
  const t = data.tables;
  const { policy } = await data.policy(datasetId);
  const known = new Set(stored.map((e) => e.id));
  const added = fresh.filter((e) => !known.has(e.id));
  const before = stored;
  const after = inClockOrder([...stored, ...added]);
  const undoneBefore = undoneIds(before);
  const undoneAfter = undoneIds(after);
  const byId = new Map<string, ContactEvent>(after.map((e) => [e.id, e]));
  const newlyUndone = [...undoneAfter].filter((id) => !undoneBefore.has(id) && byId.has(id)).map((id) => byId.get(id)!);
  const changing = [...added.filter((e) => isSeriesEvent(e) && !undoneAfter.has(e.id)), ...newlyUndone];

  if (changing.some((e) => e.type === CONTACT_EVENT_TYPES.noticePublished)) await access.load(t, datasetId, 'all');
  else await access.load(t, datasetId, changing.map((e) => rowsOf(e)));
  const rows = new Set<number>();
  for (const e of changing) for (const r of rowsAffected(e, (fn) => access.visit(fn), policy)) if (r >= 0 && r < size) rows.add(r);
  await access.load(t, datasetId, rows);
  // Their history changed: an applied list's snapshot no longer holds their words from before it.
  for (const r of rows) access.touch(r);
  // A notice, wherever it falls, blocks the undo of every list before it (undoStateOf): every
  // guard goes. An undone list's own snapshot goes (an empty list guards no row to clear).
  if (added.some((e) => e.type === CONTACT_EVENT_TYPES.noticePublished)) await access.guards!.dropAll(t, datasetId);
  for (const rec of await undoRecordsOf(t, datasetId, newlyUndone.map((e) => e.id))) out.undo.set(rec.id, null);

  const start = (r: number) => ({ avail: access.avail(r), segment: access.segmentOf(r) });
  const was = replayRows(rows, start, size, before, undoneBefore, policy);
  const now = replayRows(rows, start, size, after, undoneAfter, policy);
  for (const r of rows) access.set(r, now.words.get(r)!);

  // The chart: the new events' records, the undone ones gone, the others corrected.
  const addedIds = new Set(added.map((e) => e.id));
  for (const e of added) {
    if (!isSeriesEvent(e) || undoneAfter.has(e.id)) continue;
    out.series.set(seriesId(datasetId, e.at, e.id), { id: seriesId(datasetId, e.at, e.id), datasetId, at: e.at, eventId: e.id, delta: packDelta(now.contributions.get(e.id)) });
  }
  for (const e of newlyUndone) out.series.set(seriesId(datasetId, e.at, e.id), null);
  const corrected = [...new Set([...was.contributions.keys(), ...now.contributions.keys()])].filter(
    (id) => !addedIds.has(id) && !undoneAfter.has(id) && byId.has(id) && !sameDelta(was.contributions.get(id), now.contributions.get(id)),
  );
  const ids = corrected.map((id) => seriesId(datasetId, byId.get(id)!.at, id));
  const recs = await t.series.bulkGet(ids);
  corrected.forEach((eventId, i) => {
    const e = byId.get(eventId)!;
    const delta = adjustDelta(recs[i]?.delta ?? [], was.contributions.get(eventId), now.contributions.get(eventId));
    out.series.set(ids[i]!, { id: ids[i]!, datasetId, at: e.at, eventId, delta });
  });

  // Batches a late event or an undo concerns are summarised again from their events.
  const batchIds = new Set([...added, ...newlyUndone].map((e) => batchOf(e)).filter((id): id is string => id !== undefined));
  if (batchIds.size > 0) {
    const relevant = after.filter((e) => e.type === CONTACT_EVENT_TYPES.eventUndone || batchIds.has(batchOf(e) ?? ''));
    const summaries = new Map(summariseBatches(relevant).map((s) => [s.batch.batchId, s]));
    for (const id of batchIds) {
      const s = summaries.get(id);
      out.batches.set(id, s ? await sealBatch(data.dataKey, s) : null);
    }
  }
  // What the applied-lists book needs to know (applied-book.ts replayed): from which clock on the
  // events that are folded changed, whether one is a notice, and the lists that came late.
  const revived = [...undoneBefore].filter((id) => !undoneAfter.has(id) && byId.has(id)).map((id) => byId.get(id)!);
  const moved = [...changing, ...revived, ...added.filter((e) => isBulkList(e))].filter((e) => isSeriesEvent(e));
  const undoOf = new Map<string, ContactEvent>();
  for (const e of after) if (e.type === CONTACT_EVENT_TYPES.eventUndone) undoOf.set(e.payload.eventId, e);
  return {
    lastAt: after[after.length - 1]?.at ?? '',
    undoneAhead: [...undoneAfter].filter((id) => !byId.has(id)),
    changedFrom: moved.reduce((m, e) => (e.at < m ? e.at : m), '\uffff'),
    undoneNow: undoneAfter,
    undoOf,
    noticeChanged: moved.some((e) => e.type === CONTACT_EVENT_TYPES.noticePublished),
    lateLists: added.filter((e) => isBulkList(e)).map((e) => ({ e, undo: undoneAfter.has(e.id) ? (undoOf.get(e.id) ?? null) : null })),
  };
}

interface Replayed {
  lastAt: string;
  undoneAhead: string[];
  changedFrom: string;
  undoneNow: ReadonlySet<string>;
  undoOf: ReadonlyMap<string, ContactEvent>;
  noticeChanged: boolean;
  lateLists: { e: ContactEvent; undo: ContactEvent | null }[];
}

async function undoRecordsOf(t: ContactData['tables'], datasetId: string, eventIds: string[]): Promise<UndoRecord[]> {
  if (eventIds.length === 0) return [];
  return (await t.undo.where('eventId').anyOf(eventIds).toArray()).filter((r) => r.datasetId === datasetId);
}

function sameDelta(a: ReadonlyMap<number, number> | undefined, b: ReadonlyMap<number, number> | undefined): boolean {
  const x = packDelta(a);
  const y = packDelta(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Batches of in-order events: a new one from its event, a sent / cancelled / re-assigned one from its record. */
async function batchesInOrder(data: ContactData, events: readonly AnyEvent[], out: Writes): Promise<void> {
  const summaries = new Map<string, BatchSummary | null>();
  for (const e of events) {
    const id = batchOf(e);
    if (id === undefined || !isContactPartEvent(e)) continue;
    if (e.type === CONTACT_EVENT_TYPES.batchCreated) {
      summaries.set(id, newSummary(e));
      continue;
    }
    if (!summaries.has(id)) {
      const rec = await data.tables.batches.get(id);
      summaries.set(id, rec ? await openBatch(data.dataKey, rec) : null);
    }
    const s = summaries.get(id);
    if (s) applyToSummary(s, e);
  }
  for (const [id, s] of summaries) if (s) out.batches.set(id, await sealBatch(data.dataKey, s));
}

/** Status block ids of a dataset's rows (for tests that read them back). */
export const statusBlockOf = (datasetId: string, row: number, blockRows: number) => blockId(datasetId, Math.floor(row / blockRows));
