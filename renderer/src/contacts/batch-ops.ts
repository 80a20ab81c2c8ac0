/**
 * Batches as the screens see them (one summary per batch, folded here rather than in a
 * view) and the ways out of a batch that went wrong: re-assigning a phone batch's
 * waiting customers to other operators, and cancelling a batch so its customers return
 * to pending on that channel (issue 10 item 5: a phone batch without an operator was
 * stuck forever).
 */
import {
  type BatchCancelled, type BatchCreated, type BatchReassigned, CONTACT_EVENT_TYPES, type EventUndone,
} from '../../../shared/contacts/events';
import type { Policy, Status } from '../../../shared/contacts/fallback';
import type { Channel } from '../../../shared/contacts/model';
import type { HonbuEvent } from '../../../shared/events/event';
import { hlcIso } from '../ui/format';

export interface BatchSummary {
  batch: BatchCreated;
  /** ISO time the batch was created, and by whom (actor id). */
  createdAt: string;
  createdBy: string;
  sentAt: string | null;
  /** Set when the batch was called off (and not undone). */
  cancelledAt: string | null;
  /** Operators now, after any re-assignment (phone batches). */
  operators: string[];
  /** Operator of each row (batch.rows order) now: an index into `operators`, -1 for none. */
  assignment: number[];
}

/** Every batch of a dataset, newest first, with re-assignments and cancellations applied. */
export function summariseBatches(events: HonbuEvent[]): BatchSummary[] {
  const undone = new Set(events.filter((e) => e.type === CONTACT_EVENT_TYPES.eventUndone).map((e) => (e.payload as EventUndone).eventId));
  const byId = new Map<string, BatchSummary>();
  for (const e of events) {
    if (undone.has(e.id)) continue;
    const p = e.payload as { batchId?: string };
    if (e.type === CONTACT_EVENT_TYPES.batchCreated) {
      const b = e.payload as BatchCreated;
      byId.set(b.batchId, {
        batch: b, createdAt: hlcIso(e.at), createdBy: e.actor, sentAt: null, cancelledAt: null,
        operators: [...(b.operators ?? [])], assignment: b.rows.map((_, i) => b.assignment?.[i] ?? -1),
      });
      continue;
    }
    const s = p.batchId ? byId.get(p.batchId) : undefined;
    if (!s) continue;
    if (e.type === CONTACT_EVENT_TYPES.batchSent) s.sentAt = (e.payload as { sentAt: string }).sentAt;
    if (e.type === CONTACT_EVENT_TYPES.batchCancelled) s.cancelledAt = hlcIso(e.at);
    if (e.type === CONTACT_EVENT_TYPES.batchReassigned) {
      const r = e.payload as BatchReassigned;
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
  return [...byId.values()].reverse();
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
export function splitInTurn(rows: number[], operators: string[]): number[] {
  return rows.map((_, i) => i % Math.max(1, operators.length));
}

/** The operator names typed in one field ("佐藤, 鈴木、田中"), without blanks or repeats. */
export function parseOperators(text: string): string[] {
  return [...new Set(text.split(/[,、，\n]/).map((o) => o.trim()).filter((o) => o !== ''))];
}

export function reassignPayload(s: BatchSummary, waiting: number[], operators: string[]): BatchReassigned {
  if (operators.length === 0) throw new Error('contacts: re-assigning needs at least one operator');
  return { datasetId: s.batch.datasetId, batchId: s.batch.batchId, operators, rows: waiting, assignment: splitInTurn(waiting, operators) };
}

export function cancelPayload(s: BatchSummary, held: number[]): BatchCancelled {
  return { datasetId: s.batch.datasetId, batchId: s.batch.batchId, channel: s.batch.channel, rows: held };
}
