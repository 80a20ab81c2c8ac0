/**
 * Batch records after the one-list codec moved to shared/vault/int-lists.ts: against a frozen
 * copy of batch-lists.ts as it was before the move, the same integers for the same lists, the
 * same lists (or the same refusal) for any integers, damaged or not, in either form.
 */
import { describe, expect, it } from 'vitest';
import { BatchListsDamagedError, type BatchLists, decodeBatchLists, encodeBatchLists, fitInts, MAX_BATCH_ROWS } from './batch-lists';

/** batch-lists.ts before the move (commit 889efb8), its codec only. */
const before = (() => {
  const FORMAT = -2;
  const MAX_BATCH_ROWS = 100_000_000;
  const INT32_MAX = 2 ** 31 - 1;
  const [RAW, RUNS, SAME] = [0, 1, 2];
  class Damaged extends Error {}
  function fitInts(xs: readonly number[]): boolean {
    for (let i = 0; i < xs.length; i++) if (xs[i] !== (xs[i]! | 0)) return false;
    return true;
  }
  function runsOf(xs: readonly number[]): number {
    let k = xs.length > 0 ? 1 : 0;
    for (let i = 1; i < xs.length; i++) if (xs[i] !== xs[i - 1]! + 1) k++;
    return k;
  }
  const allSame = (xs: readonly number[]) => {
    for (let i = 1; i < xs.length; i++) if (xs[i] !== xs[0]) return false;
    return true;
  };
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
  function encode(l: BatchLists): Int32Array {
    const lists = [l.rows, ...(l.payloadAssignment ? [l.payloadAssignment] : []), l.assignment];
    const plans = lists.map(plan);
    const out = new Int32Array(2 + plans.reduce((s, p) => s + p.size, 0));
    out[0] = FORMAT;
    out[1] = l.payloadAssignment ? 1 : 0;
    let at = 2;
    lists.forEach((xs, i) => (at = put(out, at, xs, plans[i]!)));
    return out;
  }
  function decode(ints: Int32Array): BatchLists {
    let at = 0;
    const need = (n: number) => {
      if (n < 0 || at + n > ints.length) throw new Damaged();
    };
    const take = (most: number): number[] => {
      need(2);
      const form = ints[at++]!;
      const n = ints[at++]!;
      if (n < 0 || n > most) throw new Damaged();
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
      if (form !== RUNS) throw new Damaged();
      need(1);
      const k = ints[at++]!;
      need(2 * k);
      for (let r = 0; r < k; r++) {
        const first = ints[at++]!;
        const len = ints[at++]!;
        if (len <= 0 || xs.length + len > n || first > INT32_MAX - (len - 1)) throw new Damaged();
        for (let j = 0; j < len; j++) xs.push(first + j);
      }
      if (xs.length !== n) throw new Damaged();
      return xs;
    };
    if (ints.length > 0 && ints[0] === FORMAT) {
      need(2);
      if (ints[1] !== 0 && ints[1] !== 1) throw new Damaged();
      const withPayload = ints[1] === 1;
      at = 2;
      const rows = take(MAX_BATCH_ROWS);
      const payloadAssignment = withPayload ? take(rows.length) : undefined;
      const assignment = take(rows.length);
      if (at !== ints.length || assignment.length !== rows.length) throw new Damaged();
      return { rows, payloadAssignment, assignment };
    }
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
  return { MAX_BATCH_ROWS, Damaged, fitInts, encode, decode };
})();

const MAX = 2 ** 31 - 1;
const MIN = -(2 ** 31);
let seed = 2047;
const rnd = (m: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % m;

function someList(len: number): number[] {
  const xs: number[] = [];
  let v = [0, 1, -2, -1, MAX - 3, MAX, MIN, 700_000, rnd(2 ** 31)][rnd(9)]!;
  for (let i = 0; i < len; i++) {
    const k = rnd(12);
    if (k < 5) v = v === MAX ? MIN : v + 1;
    else if (k === 6) v = v === MIN ? MAX : v - 1;
    else if (k === 7) v = [MAX, MIN, -2, -1, 0, -0][rnd(6)]!;
    else if (k > 7) v = rnd(2 ** 32) - 2 ** 31;
    xs.push(v);
  }
  return xs;
}

type Outcome = { lists: BatchLists } | { damaged: true } | { error: string };
function outcome(decode: (ints: Int32Array) => BatchLists, damaged: new () => Error, ints: Int32Array): Outcome {
  try {
    return { lists: decode(ints) };
  } catch (e) {
    return e instanceof damaged ? { damaged: true } : { error: String(e) };
  }
}
const expectSameDecode = (ints: Int32Array) => expect(outcome(decodeBatchLists, BatchListsDamagedError, ints)).toEqual(outcome(before.decode, before.Damaged, ints));

describe('batch lists against the code before the move', () => {
  it('the same limit, and the same answer to which lists fit 32 bits', () => {
    expect(MAX_BATCH_ROWS).toBe(before.MAX_BATCH_ROWS);
    for (const xs of [[], [0], [-0], [MAX], [MIN], [MAX + 1], [MIN - 1], [0.5], [NaN], [Infinity], [2 ** 53], someList(100), [...someList(50), 2 ** 32]]) expect(fitInts(xs)).toBe(before.fitInts(xs));
  });

  it('the same integers for the same lists, and the same lists back', () => {
    for (let t = 0; t < 3000; t++) {
      const len = rnd(t % 200 === 0 ? 5000 : 40);
      const l: BatchLists = { rows: someList(len), payloadAssignment: rnd(3) === 0 ? undefined : someList(rnd(2) ? len : rnd(len + 1)), assignment: someList(len) };
      const ints = encodeBatchLists(l);
      expect(Array.from(ints)).toEqual(Array.from(before.encode(l)));
      expectSameDecode(ints);
    }
  });

  it('the same lists or the same refusal for damaged integers, in either form, and from a view into a larger buffer', () => {
    const edges = [0, 1, 2, 3, -1, -2, MAX, MIN, MAX_BATCH_ROWS, MAX_BATCH_ROWS + 1, 1 << 30];
    for (let t = 0; t < 4000; t++) {
      const len = rnd(30);
      const good = encodeBatchLists({ rows: someList(len), payloadAssignment: rnd(2) ? undefined : someList(rnd(len + 1)), assignment: someList(len) });
      let ints: Int32Array;
      const k = rnd(6);
      if (k === 0) ints = good.slice(0, rnd(good.length + 1));
      else if (k === 1) ints = Int32Array.from([...good, ...someList(1 + rnd(3))]);
      else if (k === 2) ints = Int32Array.from(Array.from({ length: rnd(12) }, () => (rnd(2) ? edges[rnd(edges.length)]! : rnd(8) - 3)));
      else if (k === 3) ints = Int32Array.from([rnd(4), rnd(3) - 1, rnd(4), ...someList(rnd(8))]); // the form before
      else {
        ints = good.slice();
        for (let j = 0; j <= rnd(3); j++) ints[rnd(ints.length)] = rnd(2) ? edges[rnd(edges.length)]! : ints[rnd(ints.length)]! + rnd(5) - 2;
      }
      expectSameDecode(ints);
      const buffer = new Int32Array(ints.length + 3);
      buffer.set(ints, 2);
      expectSameDecode(buffer.subarray(2, 2 + ints.length));
    }
  });
});
