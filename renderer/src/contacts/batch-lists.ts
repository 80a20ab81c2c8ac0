/**
 * A batch record's integer lists (its rows, the operators assigned in its event and now) as
 * the 32-bit integers contact-data.ts seals. A batch of everyone names tens of millions of
 * rows, nearly all in runs of consecutive numbers, and a letter or e-mail batch assigns no
 * operator to any of them: written one integer a number, its record was 160 MB at 20M
 * customers, sealed and stored with every change to the batch. So each list is kept in
 * whichever of three forms is shortest:
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

/** First integer of the lists in this form; the form before began with a count (≥ 0). */
const FORMAT = -2;
/**
 * The most rows a batch's list may hold: well beyond any customer list (Benesse: 20.7M), below
 * the longest array V8 makes (~134M). A count in the record says how long a list opens to, so a
 * damaged one could otherwise ask for billions and bring the page down.
 */
export const MAX_BATCH_ROWS = 100_000_000;
const INT32_MAX = 2 ** 31 - 1;
const RAW = 0;
const RUNS = 1;
const SAME = 2;

export interface BatchLists {
  rows: readonly number[];
  /** The operator of each row as the batch's event assigned it, if it did. */
  payloadAssignment: readonly number[] | undefined;
  /** The operator of each row now. */
  assignment: readonly number[];
}

/** True when every number is a 32-bit integer (a faulty laptop's rows beyond that stay in the JSON). */
export function fitInts(xs: readonly number[]): boolean {
  for (let i = 0; i < xs.length; i++) if (xs[i] !== (xs[i]! | 0)) return false;
  return true;
}

/** Runs of consecutive integers in xs (each one more than the last). */
function runsOf(xs: readonly number[]): number {
  let k = xs.length > 0 ? 1 : 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] !== xs[i - 1]! + 1) k++;
  return k;
}

const allSame = (xs: readonly number[]) => {
  for (let i = 1; i < xs.length; i++) if (xs[i] !== xs[0]) return false;
  return true;
};

/** Integers one list takes in the form chosen for it. */
function plan(xs: readonly number[]): { form: number; size: number; runs: number } {
  if (xs.length > 0 && allSame(xs)) return { form: SAME, size: 3, runs: 0 };
  const runs = runsOf(xs);
  return 3 + 2 * runs < 2 + xs.length ? { form: RUNS, size: 3 + 2 * runs, runs } : { form: RAW, size: 2 + xs.length, runs };
}

function put(out: Int32Array, at: number, xs: readonly number[], p: { form: number; runs: number }): number {
  out[at++] = p.form;
  out[at++] = xs.length;
  if (p.form === SAME) out[at++] = xs[0]!;
  else if (p.form === RAW) for (let i = 0; i < xs.length; i++) out[at++] = xs[i]!;
  else {
    out[at++] = p.runs;
    let first = 0;
    for (let i = 1; i <= xs.length; i++) {
      if (i < xs.length && xs[i] === xs[i - 1]! + 1) continue;
      out[at++] = xs[first]!;
      out[at++] = i - first;
      first = i;
    }
  }
  return at;
}

/** The lists as integers (every number must fit 32 bits: fitInts). */
export function encodeBatchLists(l: BatchLists): Int32Array<ArrayBuffer> {
  const lists = [l.rows, ...(l.payloadAssignment ? [l.payloadAssignment] : []), l.assignment];
  const plans = lists.map(plan);
  const out = new Int32Array(2 + plans.reduce((s, p) => s + p.size, 0));
  out[0] = FORMAT;
  out[1] = l.payloadAssignment ? 1 : 0;
  let at = 2;
  lists.forEach((xs, i) => (at = put(out, at, xs, plans[i]!)));
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
  let at = 0;
  const need = (n: number) => {
    if (n < 0 || at + n > ints.length) throw new BatchListsDamagedError();
  };
  // Longest a list may open to: the rows at most MAX_BATCH_ROWS, an assignment no longer than them.
  const take = (most: number): number[] => {
    need(2);
    const form = ints[at++]!;
    const n = ints[at++]!;
    if (n < 0 || n > most) throw new BatchListsDamagedError();
    // Grown by push, not made at their length: V8 keeps an array made with tens of millions
    // of holes as a dictionary.
    const xs: number[] = [];
    if (form === SAME) {
      need(1);
      const v = ints[at++]!;
      for (let i = 0; i < n; i++) xs.push(v);
      return xs;
    }
    if (form === RAW) {
      need(n);
      return Array.from(ints.subarray(at, (at += n)));
    }
    if (form !== RUNS) throw new BatchListsDamagedError();
    need(1);
    const k = ints[at++]!;
    need(2 * k);
    for (let r = 0; r < k; r++) {
      const first = ints[at++]!;
      const len = ints[at++]!;
      // A run never steps past the largest 32-bit integer: the lists hold only those.
      if (len <= 0 || xs.length + len > n || first > INT32_MAX - (len - 1)) throw new BatchListsDamagedError();
      for (let j = 0; j < len; j++) xs.push(first + j);
    }
    if (xs.length !== n) throw new BatchListsDamagedError();
    return xs;
  };
  if (ints.length > 0 && ints[0] === FORMAT) {
    need(2);
    if (ints[1] !== 0 && ints[1] !== 1) throw new BatchListsDamagedError();
    const withPayload = ints[1] === 1;
    at = 2;
    const rows = take(MAX_BATCH_ROWS);
    // The event names an operator for at most each of its rows; the summary, one for each row.
    const payloadAssignment = withPayload ? take(rows.length) : undefined;
    const assignment = take(rows.length);
    if (at !== ints.length || assignment.length !== rows.length) throw new BatchListsDamagedError();
    return { rows, payloadAssignment, assignment };
  }
  // The form before: three counts (the event's assignment −1 when absent), then the integers.
  need(3);
  const [rowCount, payloadCount, assignmentCount] = [ints[0]!, ints[1]!, ints[2]!];
  at = 3;
  const raw = (n: number) => {
    need(n);
    return Array.from(ints.subarray(at, (at += n)));
  };
  const rows = raw(rowCount);
  const payloadAssignment = payloadCount >= 0 ? raw(payloadCount) : undefined;
  return { rows, payloadAssignment, assignment: raw(assignmentCount) };
}
