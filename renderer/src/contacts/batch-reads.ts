/**
 * What a person reads about a batch after creating it: who is still waiting on its channel,
 * an operator's call queue, and the call list.
 */
import { rowsOf, waitingOn, type BatchSummary } from '../../../shared/contacts/batch-summary';
import type { Status } from '../../../shared/contacts/fallback';
import type { ContactRow } from '../../../shared/contacts/model';
import type { ContactReader } from './contact-data';

/**
 * Rows of a batch still on its channel (not reached, not moved on), with their statuses —
 * less those a newer live batch on the same channel has taken since (a no-answer or a soft
 * bounce tried again): a customer belongs to one batch at a time, so two operators never
 * call the same person and an older batch's 'the rest reached' never covers a retry that
 * has not gone out yet.
 */
export async function waiting(r: ContactReader, s: BatchSummary, rows: readonly number[] = s.batch.rows): Promise<{ row: number; status: Status }[]> {
  const { policy } = await r.data.policy(s.batch.datasetId);
  const taken = await takenByNewer(r, s);
  const out: { row: number; status: Status }[] = [];
  const statusOf = r.data.statusReader(s.batch.datasetId);
  for (const row of rows) {
    if (taken.has(row)) continue;
    const status = await statusOf(row);
    if (waitingOn(status, s.batch.channel, policy)) out.push({ row, status });
  }
  return out;
}

/** Customers of a batch that a newer live batch on the same channel holds (batches are newest first). */
async function takenByNewer(r: ContactReader, s: BatchSummary): Promise<Set<number>> {
  const all = await r.data.batches(s.batch.datasetId);
  const at = all.findIndex((x) => x.batch.batchId === s.batch.batchId);
  return new Set(all.slice(0, Math.max(0, at)).filter((x) => !x.cancelledAt && x.batch.channel === s.batch.channel).flatMap((x) => x.batch.rows));
}

/** The call queue of one operator: their rows of a phone batch still waiting for a call. */
export async function callQueue(r: ContactReader, datasetId: string, batchId: string, operator: string): Promise<{ row: ContactRow; status: Status }[]> {
  const b = await r.data.batch(datasetId, batchId);
  if (!b || b.cancelledAt) return [];
  const out: { row: ContactRow; status: Status }[] = [];
  for (const w of await waiting(r, b, rowsOf(b, operator))) {
    const row = await r.data.row(datasetId, w.row);
    if (row) out.push({ row, status: w.status });
  }
  return out;
}

/** The call list of a phone batch: who calls whom, and the calls already made. */
export async function callList(r: ContactReader, datasetId: string, batchId: string): Promise<{ row: number; operator: string; noAnswers: number }[]> {
  const b = await r.data.batch(datasetId, batchId);
  if (!b) return [];
  const operatorOf = new Map<number, string>(b.batch.rows.map((row, i) => [row, b.operators[b.assignment[i]!] ?? '']));
  return (await waiting(r, b)).map((w) => ({ row: w.row, operator: operatorOf.get(w.row) ?? '', noAnswers: w.status.retries }));
}

/**
 * The customers a cancelled batch gives back: still in progress on its channel, and not
 * held by a later live batch on the same channel (waiting() leaves those out).
 */
export async function heldBy(r: ContactReader, b: BatchSummary): Promise<number[]> {
  return (await waiting(r, b)).map((w) => w.row);
}
