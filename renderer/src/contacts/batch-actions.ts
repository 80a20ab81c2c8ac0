/**
 * What a person does with a batch after creating it: the call queue, re-assigning the
 * calls not yet made, cancelling, the call list, and a result from the customer card.
 */
import { CONTACT_EVENT_TYPES } from '../../../shared/contacts/events';
import type { Status } from '../../../shared/contacts/fallback';
import type { ContactRow } from '../../../shared/contacts/model';
import type { HonbuEvent } from '../../../shared/events/event';
import { type BatchSummary, cancelPayload, reassignPayload, rowsOf, waitingOn } from './batch-ops';
import type { ContactEngine } from './contact-engine';
import type { OutcomeItem } from './outcomes';

/**
 * Rows of a batch still on its channel (not reached, not moved on), with their statuses —
 * less those a newer live batch on the same channel has taken since (a no-answer or a soft
 * bounce tried again): a customer belongs to one batch at a time, so two operators never
 * call the same person and an older batch's 'the rest reached' never covers a retry that
 * has not gone out yet.
 */
export async function waiting(engine: ContactEngine, s: BatchSummary, rows: number[] = s.batch.rows): Promise<{ row: number; status: Status }[]> {
  const { policy } = await engine.policy(s.batch.datasetId);
  const all = await engine.batches(s.batch.datasetId);
  const at = all.findIndex((x) => x.batch.batchId === s.batch.batchId);
  // Batches are newest first: those before this one are newer.
  const taken = new Set(all.slice(0, Math.max(0, at)).filter((x) => !x.cancelledAt && x.batch.channel === s.batch.channel).flatMap((x) => x.batch.rows));
  const out: { row: number; status: Status }[] = [];
  for (const row of rows) {
    if (taken.has(row)) continue;
    const status = await engine.status(s.batch.datasetId, row);
    if (waitingOn(status, s.batch.channel, policy)) out.push({ row, status });
  }
  return out;
}

/** The call queue of one operator: their rows of a phone batch still waiting for a call. */
export async function callQueue(engine: ContactEngine, datasetId: string, batchId: string, operator: string): Promise<{ row: ContactRow; status: Status }[]> {
  const b = await engine.batch(datasetId, batchId);
  if (!b || b.cancelledAt) return [];
  const out: { row: ContactRow; status: Status }[] = [];
  for (const w of await waiting(engine, b, rowsOf(b, operator))) {
    const row = await engine.cache.row(datasetId, w.row);
    if (row) out.push({ row, status: w.status });
  }
  return out;
}

/** The customers of a phone batch still to be called, split in turn among `operators`. */
export async function reassignBatch(engine: ContactEngine, datasetId: string, batchId: string, operators: string[]): Promise<HonbuEvent> {
  const b = await engine.batch(datasetId, batchId);
  if (!b || b.cancelledAt) throw new Error('contacts: no such batch');
  const open = (await waiting(engine, b)).map((w) => w.row);
  return engine.appendContact(datasetId, CONTACT_EVENT_TYPES.batchReassigned, reassignPayload(b, open, operators.map((o) => o.trim()).filter(Boolean)));
}

/**
 * Calls a batch off: its customers still in progress on its channel go back to pending
 * there (a later batch on the same channel keeps its own customers).
 */
export async function cancelBatch(engine: ContactEngine, datasetId: string, batchId: string): Promise<HonbuEvent> {
  const b = await engine.batch(datasetId, batchId);
  if (!b || b.cancelledAt) throw new Error('contacts: no such batch');
  // waiting() leaves out the customers a newer batch on the same channel holds.
  const held = (await waiting(engine, b)).map((w) => w.row);
  return engine.appendContact(datasetId, CONTACT_EVENT_TYPES.batchCancelled, cancelPayload(b, held));
}

/** The call list of a phone batch: who calls whom, and the calls already made. */
export async function callList(engine: ContactEngine, datasetId: string, batchId: string): Promise<{ row: number; operator: string; noAnswers: number }[]> {
  const b = await engine.batch(datasetId, batchId);
  if (!b) return [];
  const operatorOf = new Map<number, string>(b.batch.rows.map((row, i) => [row, b.operators[b.assignment[i]!] ?? '']));
  return (await waiting(engine, b)).map((w) => ({ row: w.row, operator: operatorOf.get(w.row) ?? '', noAnswers: w.status.retries }));
}

/** One outcome from the customer card, on the channel the customer is on now. */
export async function recordOutcome(engine: ContactEngine, datasetId: string, row: number, outcome: OutcomeItem['outcome'], reason: string, note: string): Promise<HonbuEvent | null> {
  const { policy } = await engine.policy(datasetId);
  const channel = policy.order[(await engine.status(datasetId, row)).slot]!;
  const plan = await engine.previewOutcomes(datasetId, channel, 'card', [{ row, outcome, reason, note }]);
  if (plan.preview.unchanged === plan.rows.length) return null;
  return engine.applyOutcomes(plan);
}
