/**
 * Pairs of list rows — a later row and the earlier one it repeats — held as numbers, 8 bytes a
 * pair, in one typed array that doubles as it fills (so up to 16 bytes a pair just after it
 * has grown, and twice that while it copies). The end-of-import pass over customer
 * numbers (import-commit.ts markDuplicates) kept each pair as a two-element array: a list with
 * one number on every line (a wrongly mapped column) made one per line, and its worker's heap
 * peaked at 366 MB at 1M rows — out of reach at 20M.
 */

/** Fewest pairs the list has room for. */
const MIN_PAIRS = 1024;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class RowPairs {
  /** Per pair: the earlier row, then the later (so each is one little-endian 64-bit number, later row high). */
  private words = new Uint32Array(2 * MIN_PAIRS);
  length = 0;

  /**
   * `most`: how many pairs there can be (the list's rows: each later row is in one pair). The
   * array doubles up to it, not past it (20M pairs in 160 MB, not in the 268 MB of 2^25), and
   * doubles on if more come all the same.
   */
  constructor(private readonly most = Infinity) {}

  push(later: number, earlier: number): void {
    if (2 * this.length === this.words.length) {
      const pairs = this.length * 2;
      const grown = new Uint32Array(2 * (this.length < this.most ? Math.min(pairs, Math.max(this.most, MIN_PAIRS)) : pairs));
      grown.set(this.words);
      this.words = grown;
    }
    this.words[2 * this.length] = earlier;
    this.words[2 * this.length + 1] = later;
    this.length++;
  }

  /** In order of the later row, then of the earlier. */
  sort(): void {
    if (LITTLE_ENDIAN) {
      // Each pair read as one unsigned 64-bit number: the typed array's own sort, no comparator, no objects.
      new BigUint64Array(this.words.buffer, 0, this.length).sort();
      return;
    }
    const order = Array.from({ length: this.length }, (_, i) => i).sort((a, b) => this.later(a) - this.later(b) || this.earlier(a) - this.earlier(b));
    const sorted = new Uint32Array(this.words.length);
    order.forEach((from, to) => {
      sorted[2 * to] = this.words[2 * from]!;
      sorted[2 * to + 1] = this.words[2 * from + 1]!;
    });
    this.words = sorted;
  }

  /** The earlier rows, each once, in order. */
  earlierRows(): Uint32Array {
    const rows = new Uint32Array(this.length);
    for (let i = 0; i < this.length; i++) rows[i] = this.words[2 * i]!;
    rows.sort();
    let n = 0;
    for (let i = 0; i < rows.length; i++) if (i === 0 || rows[i] !== rows[n - 1]) rows[n++] = rows[i]!;
    return rows.slice(0, n);
  }

  /** Bytes held, room not yet used included. */
  get bytes(): number {
    return this.words.byteLength;
  }

  later(i: number): number {
    return this.words[2 * i + 1]!;
  }

  earlier(i: number): number {
    return this.words[2 * i]!;
  }
}
