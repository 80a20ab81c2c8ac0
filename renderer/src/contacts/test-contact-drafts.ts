/**
 * A random contact event of the kinds another laptop sends — a batch, results, exclusions,
 * the public notice, a batch cancelled, re-assigned or sent, an undo — for the projection's
 * fuzz and attack tests, which check what arrives against a full fold of the events.
 */
import { CONTACT_EVENT_TYPES as C } from '../../../shared/contacts/events';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';

export interface DraftContext {
  datasetId: string;
  pick: <T>(xs: readonly T[]) => T;
  /** Up to n rows (the test decides which: anywhere, or near a record's edge). */
  some: (n: number) => number[];
  /** Batch ids created so far; a new batch is added. */
  batches: string[];
  /** Events an undo may name. */
  undoable: readonly AnyEvent[];
  /** Rows per kind: a batch, results, exclusions, a cancellation, a re-assignment. */
  sizes?: { batch: number; outcomes: number; excluded: number; cancelled: number; reassigned: number };
}

const SIZES = { batch: 30, outcomes: 25, excluded: 5, cancelled: 10, reassigned: 5 };

/** The event of kind `kind` (a draw in [0, 1)), or null when it has nothing to name (no batch or event yet). */
export function randomContactDraft(kind: number, c: DraftContext): AnyDraft | null {
  const { datasetId: ds, pick, some, batches } = c;
  const n = c.sizes ?? SIZES;
  if (kind < 0.15) {
    const id = crypto.randomUUID();
    batches.push(id);
    const ch = pick(['post', 'email', 'phone'] as const);
    const rows = some(n.batch);
    return { type: C.batchCreated, incidentId: 'inc', payload: ch === 'phone' ? { datasetId: ds, batchId: id, channel: ch, rows, operators: ['A', 'B'], assignment: rows.map((_, i) => i % 2) } : { datasetId: ds, batchId: id, channel: ch, rows } };
  }
  if (kind < 0.45) {
    const rows = some(n.outcomes);
    return { type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId: ds, channel: pick(['post', 'email', 'phone', 'notice'] as const), source: 'manual', rows, outcomes: rows.map(() => pick(['reached', 'failed', 'no-answer'] as const)), reasons: rows.map(() => '') } };
  }
  if (kind < 0.55) return { type: C.customersExcluded, incidentId: 'inc', payload: { datasetId: ds, rows: some(n.excluded), reason: pick(['deceased', 'do-not-contact'] as const) } };
  if (kind < 0.62) return { type: C.noticePublished, incidentId: 'inc', payload: { datasetId: ds, noticeRef: 's' } };
  if (kind < 0.7 && batches.length) return { type: C.batchCancelled, incidentId: 'inc', payload: { datasetId: ds, batchId: pick(batches), channel: pick(['post', 'email', 'phone'] as const), rows: some(n.cancelled) } };
  if (kind < 0.75 && batches.length) {
    const rows = some(n.reassigned);
    return { type: C.batchReassigned, incidentId: 'inc', payload: { datasetId: ds, batchId: pick(batches), operators: ['Z'], rows, assignment: rows.map(() => 0) } };
  }
  if (kind < 0.8 && batches.length) return { type: C.batchSent, incidentId: 'inc', payload: { datasetId: ds, batchId: pick(batches), sentAt: '2026-12-01T00:00:00.000Z' } };
  if (c.undoable.length) return { type: C.eventUndone, incidentId: 'inc', payload: { datasetId: ds, eventId: pick(c.undoable).id } };
  return null;
}
