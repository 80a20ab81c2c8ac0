/**
 * What happened to one customer, from the dataset's contact events: every attempt on every
 * channel and its outcome (the chart is a projection: status-projection.ts).
 */
import { CONTACT_EVENT_TYPES, rowsOf, undoneIds } from '../../../shared/contacts/events';
import type { Status } from '../../../shared/contacts/fallback';
import type { Channel, ContactRow } from '../../../shared/contacts/model';
import { indexInSorted } from '../../../shared/contacts/sorted';
import type { HonbuEvent } from '../../../shared/events/event';
import type { ContactReader } from './contact-data';

/**
 * Position of `row` in an event's row list. Batch rows are sorted (binary search); other
 * lists are short or were searched once and remembered, since a card is opened for every
 * call and a post batch can list a million customers.
 */
const sortedCache = new WeakMap<readonly number[], boolean>();
function positionOf(rows: readonly number[], row: number): number {
  let sorted = sortedCache.get(rows);
  if (sorted === undefined) {
    sorted = rows.every((r, i) => i === 0 || rows[i - 1]! < r);
    sortedCache.set(rows, sorted);
  }
  return sorted ? indexInSorted(rows, row) : rows.indexOf(row);
}

/** The customer card: the row as imported, its status and every contact event naming it. */
export interface CustomerCard {
  datasetId: string;
  row: ContactRow;
  status: Status;
  channel: Channel | undefined;
  /** Every contact event that names this customer, in clock order. */
  history: { event: HonbuEvent; outcome?: string; reason?: string; note?: string; operator?: string; undone: boolean }[];
}

export async function customerCard(r: ContactReader, datasetId: string, rowNo: number): Promise<CustomerCard | undefined> {
  const p = await r.data.policy(datasetId);
  const row = await r.data.row(datasetId, rowNo);
  if (!row) return undefined;
  const events = await r.data.datasetEvents(datasetId);
  const undone = undoneIds(events);
  const history: CustomerCard['history'] = [];
  // Batches this customer is in, so "sent" shows on the card too.
  const batches = new Set<string>();
  for (const e of events) {
    if (e.type === CONTACT_EVENT_TYPES.noticePublished) history.push({ event: e, undone: undone.has(e.id) });
    if (e.type === CONTACT_EVENT_TYPES.batchSent && batches.has(e.payload.batchId)) history.push({ event: e, undone: undone.has(e.id) });
    const i = positionOf(rowsOf(e), rowNo);
    if (i < 0) continue;
    const entry: CustomerCard['history'][number] = { event: e, undone: undone.has(e.id) };
    if (e.type === CONTACT_EVENT_TYPES.batchCreated) {
      batches.add(e.payload.batchId);
      entry.operator = e.payload.operators?.[e.payload.assignment?.[i] ?? -1];
    }
    if (e.type === CONTACT_EVENT_TYPES.batchReassigned) entry.operator = e.payload.operators[e.payload.assignment[i]!];
    if (e.type === CONTACT_EVENT_TYPES.outcomesRecorded) {
      entry.outcome = e.payload.outcomes[i];
      entry.reason = e.payload.reasons[i] || undefined;
      entry.note = e.payload.notes?.[i] || undefined;
    }
    history.push(entry);
  }
  const status = await r.data.status(datasetId, rowNo);
  return { datasetId, row, status, channel: p.policy.order[status.slot], history };
}
