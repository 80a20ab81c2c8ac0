/**
 * A batch record's integer lists (its rows, the operators assigned in its event and now) as
 * the 32-bit integers contact-data.ts seals. A batch of everyone names tens of millions of
 * rows, nearly all in runs of consecutive numbers, and a letter or e-mail batch assigns no
 * operator to any of them: written one integer a number, its record was 160 MB at 20M
 * customers, sealed and stored with every change to the batch. So each list is kept in
 * whichever of three forms is shortest (shared/vault/int-lists.ts):
 *
 * - RAW, n: the n integers;
 * - RUNS, n, k: k pairs (first, length) of consecutive integers, lengths adding up to n;
 * - SAME, n, v: n times v.
 *
 * after a mark (FORMAT, negative) and whether the event's assignment is there. A batch assigns
 * one operator (or none, −1) to each of its rows, so an assignment is never longer than the rows,
 * and the summary's is as long. Lists written before (three counts, then the integers) are read
 * as they were.
 */

import { fitInts, ListReader, MAX_LIST_LENGTH, planList, putList } from '../../../shared/vault/int-lists';

/** First integer of the lists in this form; the form before began with a count (≥ 0). */
const FORMAT = -2;
/** The most rows a batch's list may hold (shared/vault/int-lists.ts). */
export const MAX_BATCH_ROWS = MAX_LIST_LENGTH;
export { fitInts };

export interface BatchLists {
  rows: readonly number[];
  /** The operator of each row as the batch's event assigned it, if it did. */
  payloadAssignment: readonly number[] | undefined;
  /** The operator of each row now. */
  assignment: readonly number[];
}

/** The lists as integers (every number must fit 32 bits: fitInts). */
export function encodeBatchLists(l: BatchLists): Int32Array<ArrayBuffer> {
  const lists = [l.rows, ...(l.payloadAssignment ? [l.payloadAssignment] : []), l.assignment];
  const plans = lists.map(planList);
  const out = new Int32Array(2 + plans.reduce((s, p) => s + p.size, 0));
  out[0] = FORMAT;
  out[1] = l.payloadAssignment ? 1 : 0;
  let at = 2;
  lists.forEach((xs, i) => (at = putList(out, at, xs, plans[i]!)));
  return out;
}

/** The record's lists are not whole: said as damage, never read past. */
export class BatchListsDamagedError extends Error {
  constructor() {
    super('contacts: a batch record’s row list is damaged');
    this.name = 'BatchListsDamagedError';
  }
}

/** The lists back from their integers, in either form. */
export function decodeBatchLists(ints: Int32Array): BatchLists {
  const read = new ListReader(ints, 0, () => new BatchListsDamagedError());
  const need = (n: number) => read.need(n);
  if (ints.length > 0 && ints[0] === FORMAT) {
    need(2);
    if (ints[1] !== 0 && ints[1] !== 1) throw new BatchListsDamagedError();
    const withPayload = ints[1] === 1;
    read.at = 2;
    const rows = read.take(MAX_BATCH_ROWS);
    // The event names an operator for at most each of its rows; the summary, one for each row.
    const payloadAssignment = withPayload ? read.take(rows.length) : undefined;
    const assignment = read.take(rows.length);
    if (read.at !== ints.length || assignment.length !== rows.length) throw new BatchListsDamagedError();
    return { rows, payloadAssignment, assignment };
  }
  // The form before: three counts (the event's assignment −1 when absent), then the integers.
  need(3);
  const [rowCount, payloadCount, assignmentCount] = [ints[0]!, ints[1]!, ints[2]!];
  read.at = 3;
  const raw = (n: number) => {
    need(n);
    return Array.from(ints.subarray(read.at, (read.at += n)));
  };
  const rows = raw(rowCount);
  const payloadAssignment = payloadCount >= 0 ? raw(payloadCount) : undefined;
  return { rows, payloadAssignment, assignment: raw(assignmentCount) };
}
