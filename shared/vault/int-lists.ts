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
/** The longest array V8 makes packed at its length (kMaxFastArrayLength, 32Mi): take() grows longer ones. */
const FILLED_MAX = 32 * 1024 * 1024;
const INT32_MAX = 2 ** 31 - 1;
const RAW = 0;
const RUNS = 1;
const SAME = 2;

/**
 * Whether a list of integers (by identity: a stored event's lists do not change once read) is
 * strictly ascending, each element greater than the one before: told once
 * per list, by whoever made it (a read that had each element in hand) or by looking.
 */
const ascending = new WeakMap<object, boolean>();

/** Says that `xs` is (or is not) strictly ascending, for strictlyAscending to answer without looking. */
export function noteAscending(xs: object, yes: boolean): void {
  ascending.set(xs, yes);
}

/** Whether each element of `xs` is greater than the one before, looked at once per list. */
export function strictlyAscending(xs: ArrayLike<number> & object): boolean {
  let known = ascending.get(xs);
  if (known === undefined) {
    known = true;
    for (let i = 1; i < xs.length; i++) {
      if (!(xs[i]! > xs[i - 1]!)) {
        known = false;
        break;
      }
    }
    ascending.set(xs, known);
  }
  return known;
}

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

  /** The next list's form and length, checked against `most`. */
  private head(most: number): { form: number; n: number } {
    this.need(2);
    const form = this.ints[this.at++]!;
    const n = this.ints[this.at++]!;
    if (n < 0 || n > most || (form !== SAME && form !== RAW && form !== RUNS)) throw this.damaged();
    return { form, n };
  }

  /**
   * The next list's runs, each checked: none empty, none past the largest 32-bit integer, their
   * lengths adding up to n. Returns whether they are strictly ascending, each run after the last.
   */
  private runs(n: number, each?: (first: number, len: number) => void): boolean {
    const ints = this.ints;
    this.need(1);
    const k = ints[this.at++]!;
    this.need(2 * k);
    let total = 0;
    let up = true;
    let end = -Infinity;
    for (let r = 0; r < k; r++) {
      const first = ints[this.at++]!;
      const len = ints[this.at++]!;
      if (len <= 0 || total + len > n || first > INT32_MAX - (len - 1)) throw this.damaged();
      if (first <= end) up = false;
      end = first + len - 1;
      each?.(first, len);
      total += len;
    }
    if (total !== n) throw this.damaged();
    return up;
  }

  /** The next list as an array, noted as strictly ascending or not (strictlyAscending) on the way. */
  take(most = MAX_LIST_LENGTH): number[] {
    const { form, n } = this.head(most);
    // Checked whole before anything is made: a damaged count must not make an array of its size.
    if (form === RUNS) {
      const at = this.at;
      this.runs(n);
      this.at = at;
    } else this.need(form === SAME ? 1 : n);
    // Made at its length and filled first, so V8 keeps it packed: in Chromium 156 20M rows took
    // 0.35 s so and 0.8–1 s grown by push. Past FILLED_MAX V8 would make it a dictionary (a minute
    // to fill at 100M), so a longer list is grown by push.
    const grow = n > FILLED_MAX;
    const xs: number[] = grow ? [] : new Array<number>(n).fill(0);
    let up = n <= 1;
    if (form === SAME) {
      const v = this.ints[this.at++]!;
      if (grow) for (let i = 0; i < n; i++) xs.push(v);
      else xs.fill(v);
    } else if (form === RAW) {
      const ints = this.ints;
      up = true;
      for (let i = 0; i < n; i++) {
        const x = ints[this.at++]!;
        if (i > 0 && !(x > ints[this.at - 2]!)) up = false;
        if (grow) xs.push(x);
        else xs[i] = x;
      }
    } else {
      let at = 0;
      up = this.runs(n, (first, len) => {
        if (grow) for (let j = 0; j < len; j++) xs.push(first + j);
        else for (let j = 0; j < len; j++) xs[at++] = first + j;
      });
    }
    noteAscending(xs, up);
    return xs;
  }

  /**
   * The next list when it is written in runs and holds at least `from` integers: its runs, checked
   * as take() checks them, to be searched where they stand (RunList), the reader left after it.
   * Any other list: null, and the reader left where it was.
   */
  runList(from: number, most = MAX_LIST_LENGTH): RunList | null {
    const at = this.at;
    const { form, n } = this.head(most);
    if (form !== RUNS || n < from) {
      this.at = at;
      return null;
    }
    this.need(1);
    const k = this.ints[this.at]!;
    if (k < 0) throw this.damaged();
    this.need(1 + 2 * k);
    const firsts = new Int32Array(k);
    const ends = new Float64Array(k);
    let r = 0;
    let total = 0;
    const up = this.runs(n, (first, len) => {
      firsts[r] = first;
      total += len;
      ends[r++] = total;
    });
    return new RunList(n, firsts, ends, up);
  }

  /**
   * The next list as it is written here (its form, count and integers), checked as take() checks
   * it but not opened: for a worker handing it to the page, which opens it (a batch of everyone
   * is a few runs, where its 20M rows took 0.3 s just to write into memory in the worker).
   */
  takeWritten(most = MAX_LIST_LENGTH): Int32Array<ArrayBuffer> {
    const from = this.at;
    const { form, n } = this.head(most);
    const skip = form === SAME ? 1 : form === RAW ? n : 0;
    if (form === RUNS) this.runs(n);
    else {
      this.need(skip);
      this.at += skip;
    }
    return this.ints.slice(from, this.at);
  }
}

/**
 * A long list written in runs (a batch of everyone: 20M rows in a few runs), searched where it
 * stands: a replay of a few late call results needs only where those rows are in it, and opening
 * it into an array took 0.35 s at 20M (decision 058).
 */
export class RunList {
  constructor(
    /** How many integers the list holds. */
    readonly length: number,
    private readonly firsts: Int32Array,
    /** After each run, how many integers the runs up to it hold. */
    private readonly ends: Float64Array,
    /** Each run after the last: the list is strictly ascending. */
    readonly ascending: boolean,
  ) {}

  /** Where `value` is in a strictly ascending list, or -1 (never asked of another). */
  indexOf(value: number): number {
    if (!this.ascending || !Number.isInteger(value)) return -1;
    const { firsts, ends } = this;
    let lo = 0;
    let hi = firsts.length - 1;
    let r = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (firsts[mid]! <= value) {
        r = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (r < 0) return -1;
    const start = r === 0 ? 0 : ends[r - 1]!;
    const off = value - firsts[r]!;
    return off < ends[r]! - start ? start + off : -1;
  }
}

/** Lists not opened yet, by the object holding them and their key, with the getter that opens each. */
const unopened = new WeakMap<object, Map<string, { runs: RunList; get: () => unknown }>>();

/**
 * Puts a long list in runs on `holder[key]` unopened: it is opened (`open`) the first time it is
 * read, and until then `unopenedRuns` gives its runs to search. Whatever reads it — a fold that
 * walks it, a copy, a comparison, JSON — gets the same array it would have had.
 */
export function openWhenRead(holder: Record<string, unknown>, key: string, runs: RunList, open: () => number[]): void {
  let kept = unopened.get(holder);
  if (!kept) unopened.set(holder, (kept = new Map()));
  let value: unknown;
  let opened = false;
  const done = () => {
    opened = true;
    kept.delete(key);
  };
  const get = () => {
    if (!opened) {
      value = open();
      done();
    }
    return value;
  };
  kept.set(key, { runs, get });
  Object.defineProperty(holder, key, {
    enumerable: true,
    configurable: true,
    get,
    set(v: unknown) {
      // As on a frozen object's own list: not replaced (a setter would be called regardless).
      if (Object.isFrozen(holder)) throw new TypeError(`Cannot assign to read only property '${key}' of object`);
      value = v;
      done();
    },
  });
}

/**
 * The runs of `holder[key]` while it is not opened yet (openWhenRead); else undefined — also
 * when the property was since deleted or defined anew, whatever it holds now.
 */
export function unopenedRuns(holder: object, key: string): RunList | undefined {
  const kept = unopened.get(holder)?.get(key);
  if (!kept) return undefined;
  return Object.getOwnPropertyDescriptor(holder, key)?.get === kept.get ? kept.runs : undefined;
}
