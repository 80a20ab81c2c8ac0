/**
 * Lists of 32-bit integers kept as integers, each in whichever of three forms is shortest:
 *
 * - RAW, n: the n integers;
 * - RUNS, n, k: k pairs (first, length) of consecutive integers, lengths adding up to n;
 * - SAME, n, v: n times v.
 *
 * A batch of everyone names tens of millions of rows, nearly all in runs of consecutive
 * numbers: its record (decision 047) and its event at rest (decision 049) keep them so.
 */

/**
 * The most a list may hold: well beyond any customer list (Benesse: 20.7M), below the longest
 * array V8 makes (~134M). A count says how long a list opens to, so a damaged one could
 * otherwise ask for billions and bring the page down.
 */
export const MAX_LIST_LENGTH = 100_000_000;
const INT32_MAX = 2 ** 31 - 1;
const RAW = 0;
const RUNS = 1;
const SAME = 2;

/** True when every element is a 32-bit integer (false, not thrown, for a symbol or a BigInt: `| 0` throws on them). */
export function fitInts(xs: readonly unknown[]): xs is number[] {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || x !== (x | 0)) return false;
  }
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

export interface ListPlan {
  form: number;
  /** Integers the list takes in its form. */
  size: number;
  runs: number;
}

/** The form a list takes, and its size in integers. */
export function planList(xs: readonly number[]): ListPlan {
  if (xs.length > 0 && allSame(xs)) return { form: SAME, size: 3, runs: 0 };
  const runs = runsOf(xs);
  return 3 + 2 * runs < 2 + xs.length ? { form: RUNS, size: 3 + 2 * runs, runs } : { form: RAW, size: 2 + xs.length, runs };
}

/** Writes xs at `at` in its planned form; returns where the next list starts. */
export function putList(out: Int32Array, at: number, xs: readonly number[], p: ListPlan): number {
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

/**
 * Reads lists one after another; anything that does not add up (a count past `most`, a run
 * past the last 32-bit integer or past its count, integers missing) calls `damaged`, which
 * throws: a damaged list is never read past its end.
 */
export class ListReader {
  constructor(
    private readonly ints: Int32Array,
    public at: number,
    private readonly damaged: () => Error,
  ) {}

  need(n: number): void {
    if (n < 0 || this.at + n > this.ints.length) throw this.damaged();
  }

  take(most = MAX_LIST_LENGTH): number[] {
    const ints = this.ints;
    this.need(2);
    const form = ints[this.at++]!;
    const n = ints[this.at++]!;
    if (n < 0 || n > most) throw this.damaged();
    // Grown by push, not made at their length: V8 keeps an array made with tens of millions
    // of holes as a dictionary.
    const xs: number[] = [];
    if (form === SAME) {
      this.need(1);
      const v = ints[this.at++]!;
      for (let i = 0; i < n; i++) xs.push(v);
      return xs;
    }
    if (form === RAW) {
      this.need(n);
      return Array.from(ints.subarray(this.at, (this.at += n)));
    }
    if (form !== RUNS) throw this.damaged();
    this.need(1);
    const k = ints[this.at++]!;
    this.need(2 * k);
    for (let r = 0; r < k; r++) {
      const first = ints[this.at++]!;
      const len = ints[this.at++]!;
      // A run never steps past the largest 32-bit integer: the lists hold only those.
      if (len <= 0 || xs.length + len > n || first > INT32_MAX - (len - 1)) throw this.damaged();
      for (let j = 0; j < len; j++) xs.push(first + j);
    }
    if (xs.length !== n) throw this.damaged();
    return xs;
  }
}
