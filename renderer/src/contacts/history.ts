/**
 * What happened to customers, from the dataset's contact events: one customer's card
 * (every attempt on every channel and its outcome) and the reached-over-time chart.
 */
import { type BatchCreated, type BatchReassigned, CONTACT_EVENT_TYPES, foldSeries, type OutcomesRecorded } from '../../../shared/contacts/events';
import { type Totals, totalsFromCells } from '../../../shared/contacts/fallback';
import type { ContactEngine, CustomerCard } from './contact-engine';
import { BLOCK_ROWS } from './tables';

/**
 * Position of `row` in an event's row list. Batch rows are sorted (binary search); other
 * lists are short or were searched once and remembered, since a card is opened for every
 * call and a post batch can list a million customers.
 */
const sortedCache = new WeakMap<number[], boolean>();
function positionOf(rows: number[], row: number): number {
  let sorted = sortedCache.get(rows);
  if (sorted === undefined) {
    sorted = rows.every((r, i) => i === 0 || rows[i - 1]! < r);
    sortedCache.set(rows, sorted);
  }
  if (!sorted) return rows.indexOf(row);
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = rows[mid]!;
    if (v === row) return mid;
    if (v < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export async function customerCard(engine: ContactEngine, datasetId: string, rowNo: number): Promise<CustomerCard | undefined> {
  const p = await engine.policy(datasetId);
  const row = await engine.cache.row(datasetId, rowNo);
  if (!row) return undefined;
  const events = await engine.datasetEvents(datasetId);
  const undone = new Set(events.filter((e) => e.type === CONTACT_EVENT_TYPES.eventUndone).map((e) => (e.payload as { eventId: string }).eventId));
  const history: CustomerCard['history'] = [];
  // Batches this customer is in, so "sent" shows on the card too.
  const batches = new Set<string>();
  for (const e of events) {
    const rows = (e.payload as { rows?: number[] }).rows;
    if (e.type === CONTACT_EVENT_TYPES.noticePublished) history.push({ event: e, undone: undone.has(e.id) });
    if (e.type === CONTACT_EVENT_TYPES.batchSent && batches.has((e.payload as { batchId: string }).batchId)) {
      history.push({ event: e, undone: undone.has(e.id) });
    }
    if (!Array.isArray(rows)) continue;
    const i = positionOf(rows, rowNo);
    if (i < 0) continue;
    if (e.type === CONTACT_EVENT_TYPES.batchCreated) batches.add((e.payload as BatchCreated).batchId);
    const o = e.payload as Partial<OutcomesRecorded> & Partial<BatchCreated>;
    const operator =
      e.type === CONTACT_EVENT_TYPES.batchReassigned
        ? (e.payload as BatchReassigned).operators[(e.payload as BatchReassigned).assignment[i]!]
        : o.operators?.[o.assignment?.[i] ?? -1];
    history.push({
      event: e,
      outcome: o.outcomes?.[i],
      reason: o.reasons?.[i] || undefined,
      note: o.notes?.[i] || undefined,
      operator,
      undone: undone.has(e.id),
    });
  }
  const status = await engine.status(datasetId, rowNo);
  return { datasetId, row, status, channel: p.policy.order[status.slot], history };
}

export async function datasetSeries(engine: ContactEngine, datasetId: string, segment?: string): Promise<{ at: string; totals: Totals }[]> {
  const p = await engine.policy(datasetId);
  const rec = (await engine.tables.datasets.get(datasetId))!;
  const avail = new Uint8Array(rec.rows);
  const seg = segment === undefined ? -1 : (await engine.segments(datasetId)).indexOf(segment);
  const keep = new Uint8Array(rec.rows);
  await engine.tables.status.where('datasetId').equals(datasetId).each((s) => {
    avail.set(s.avail, s.block * BLOCK_ROWS);
    s.segment.forEach((g, i) => (keep[s.block * BLOCK_ROWS + i] = seg < 0 || g === seg ? 1 : 0));
  });
  const events = await engine.datasetEvents(datasetId);
  if (seg >= 0) {
    // Rows of other segments keep their initial status: mask them out of the fold.
    const sub = events.map((e) => {
      const rows = (e.payload as { rows?: unknown }).rows;
      if (!Array.isArray(rows)) return e;
      const idx = rows.map((r: number, i: number) => (keep[r] ? i : -1)).filter((i: number) => i >= 0);
      const pl = e.payload as Record<string, unknown>;
      const pick = (a: unknown) => (Array.isArray(a) ? idx.map((i: number) => a[i]) : a);
      return { ...e, payload: { ...pl, rows: pick(pl.rows), outcomes: pick(pl.outcomes), reasons: pick(pl.reasons) } };
    });
    const a = avail.filter((_, i) => keep[i]);
    const remap = new Int32Array(rec.rows).fill(-1);
    let n = 0;
    keep.forEach((k, i) => k && (remap[i] = n++));
    const moved = sub.map((e) => {
      const pl = e.payload as { rows?: unknown };
      return Array.isArray(pl.rows) ? { ...e, payload: { ...pl, rows: (pl.rows as number[]).map((r) => remap[r]!) } } : e;
    });
    return foldSeries(a, moved, p.policy).map((pt) => ({ at: pt.at, totals: totalsFromCells(pt.cells, p.policy.order) }));
  }
  return foldSeries(avail, events, p.policy).map((pt) => ({ at: pt.at, totals: totalsFromCells(pt.cells, p.policy.order) }));
}
