/**
 * Batches as the screens see them: one summary per batch with re-assignments, sending and
 * cancellation applied — the fold the `contact-batches` projection keeps, and the ways out
 * of a batch that went wrong (issue 10 item 5: a phone batch without an operator was stuck
 * forever). Pure: the projection, the commands and the tests run the same code.
 */
import type { HonbuEvent } from '../events/event';
import { hlcTime } from '../events/hlc';
import { type BatchCancelled, type BatchCreated, type BatchReassigned, CONTACT_EVENT_TYPES, isContactPartEvent, undoneIds } from './events';
import type { Policy, Status } from './fallback';
import type { Channel } from './model';

export interface BatchSummary {
  batch: BatchCreated;
  /** ISO time the batch was created, and by whom (actor id). */
  createdAt: string;
  /** The clock of its creation: batches list newest first by it. */
  createdClock: string;
  createdBy: string;
  sentAt: string | null;
  /** Set when the batch was called off (and not undone). */
  cancelledAt: string | null;
  /** Operators now, after any re-assignment (phone batches). */
  operators: string[];
  /** Operator of each row (batch.rows order) now: an index into `operators`, -1 for none. */
  assignment: number[];
}

const isoOf = (at: string) => new Date(hlcTime(at)).toISOString();

/** The batch an event is about, if it is about one (outcomes name theirs but change nothing of it). */
export function batchOf(e: HonbuEvent): string | undefined {
  if (!isContactPartEvent(e)) return undefined;
  switch (e.type) {
    case CONTACT_EVENT_TYPES.batchCreated:
    case CONTACT_EVENT_TYPES.batchSent:
    case CONTACT_EVENT_TYPES.batchCancelled:
    case CONTACT_EVENT_TYPES.batchReassigned:
      return e.payload.batchId;
    default:
      return undefined;
  }
}

/** A batch as its creation makes it. */
export function newSummary(e: HonbuEvent & { payload: BatchCreated }): BatchSummary {
  const b = e.payload;
  return {
    batch: b, createdAt: isoOf(e.at), createdClock: e.at, createdBy: e.actor, sentAt: null, cancelledAt: null,
    operators: [...(b.operators ?? [])], assignment: b.rows.map((_, i) => b.assignment?.[i] ?? -1),
  };
}

/** Applies a later event of the batch (sent, cancelled, re-assigned) to its summary, in place. */
export function applyToSummary(s: BatchSummary, e: HonbuEvent): void {
  if (!isContactPartEvent(e)) return;
  if (e.type === CONTACT_EVENT_TYPES.batchSent) s.sentAt = e.payload.sentAt;
  if (e.type === CONTACT_EVENT_TYPES.batchCancelled) s.cancelledAt = isoOf(e.at);
  if (e.type === CONTACT_EVENT_TYPES.batchReassigned) {
    const r = e.payload;
    // Operator names are kept in one list, old ones too, so earlier rows keep theirs.
    const index = r.operators.map((o) => {
      const i = s.operators.indexOf(o);
      return i >= 0 ? i : s.operators.push(o) - 1;
    });
    const position = new Map(s.batch.rows.map((row, i) => [row, i]));
    r.rows.forEach((row, i) => {
      const at = position.get(row);
      if (at !== undefined) s.assignment[at] = index[r.assignment[i]!]!;
    });
  }
}

/** Newest first, by the clock of their creation (two made at the same clock, by batch id: every laptop lists them alike). */
export const newestFirst = (a: BatchSummary, b: BatchSummary) =>
  a.createdClock < b.createdClock ? 1 : a.createdClock > b.createdClock ? -1 : a.batch.batchId < b.batch.batchId ? 1 : a.batch.batchId > b.batch.batchId ? -1 : 0;

/** Every batch among these events (clock order), newest first, with re-assignments and cancellations applied. */
export function summariseBatches(events: readonly HonbuEvent[]): BatchSummary[] {
  const undone = undoneIds(events);
  const byId = new Map<string, BatchSummary>();
  for (const e of events) {
    if (undone.has(e.id) || !isContactPartEvent(e)) continue;
    if (e.type === CONTACT_EVENT_TYPES.batchCreated) {
      byId.set(e.payload.batchId, newSummary(e));
      continue;
    }
    const id = batchOf(e);
    const s = id ? byId.get(id) : undefined;
    if (s) applyToSummary(s, e);
  }
  return [...byId.values()].sort(newestFirst);
}

/** A batch's rows now assigned to `operator`, in row order. */
export function rowsOf(s: BatchSummary, operator: string): number[] {
  const index = s.operators.indexOf(operator);
  if (index < 0) return [];
  return s.batch.rows.filter((_, i) => s.assignment[i] === index);
}

/** Operators who still have someone to call, in the order they were named. */
export function activeOperators(s: BatchSummary): string[] {
  const used = new Set(s.assignment);
  return s.operators.filter((_, i) => used.has(i));
}

/** Still the batch's business: not reached, not moved on, still on its channel. */
export function waitingOn(status: Status, channel: Channel, policy: Policy): boolean {
  return (status.phase === 'in-progress' || status.phase === 'pending') && policy.order[status.slot] === channel;
}

/** Operators split the rows in turn, so every queue has a similar mix. */
export function splitInTurn(rows: readonly number[], operators: readonly string[]): number[] {
  return rows.map((_, i) => i % Math.max(1, operators.length));
}

/** The operator names typed in one field ("佐藤, 鈴木、田中"), without blanks or repeats. */
export function parseOperators(text: string): string[] {
  return [...new Set(text.split(/[,、，\n]/).map((o) => o.trim()).filter((o) => o !== ''))];
}

export function reassignPayload(s: BatchSummary, waiting: number[], operators: string[]): BatchReassigned {
  return { datasetId: s.batch.datasetId, batchId: s.batch.batchId, operators, rows: waiting, assignment: splitInTurn(waiting, operators) };
}

export function cancelPayload(s: BatchSummary, held: number[]): BatchCancelled {
  return { datasetId: s.batch.datasetId, batchId: s.batch.batchId, channel: s.batch.channel, rows: held };
}
