/**
 * Tokens of one index bucket held as numbers: an open-addressing table of (token hi, token lo)
 * → a row, in typed arrays kept from one bucket to the next. The end-of-import pass over the
 * customer-number index (import-commit.ts markDuplicates) made a `${hi}:${lo}` string and a
 * Map entry for every customer — twenty million of each at 20M rows; this makes none.
 */

/** No row in the slot. Rows are list ordinals, below 2^31. */
const EMPTY = -1;
/** Fewest slots a table has. */
const MIN_SLOTS = 1024;

export class TokenTable {
  private his = new Uint32Array(0);
  private los = new Uint32Array(0);
  private rows = new Int32Array(0);
  /** Per slot: whether `mark` has counted it since the last `clearMarks`. */
  private marks = new Uint8Array(0);
  private mask = 0;
  private shift = 32;
  /** Distinct tokens held. */
  size = 0;

  /** Empty, with room for `tokens` distinct tokens at most half full. */
  reset(tokens: number): void {
    let slots = MIN_SLOTS;
    while (slots < tokens * 2) slots *= 2;
    if (slots > this.rows.length) {
      this.his = new Uint32Array(slots);
      this.los = new Uint32Array(slots);
      this.rows = new Int32Array(slots);
      this.marks = new Uint8Array(slots);
    }
    this.rows.fill(EMPTY, 0, slots);
    this.marks.fill(0, 0, slots);
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
    this.size = 0;
  }

  /**
   * The slot of a token: where it is, or the empty slot where it would go. The bucket is some of
   * the token's bits, the same for every token here, so the start is the product of both words
   * (its top bits), not the low bits of one.
   */
  private slot(hi: number, lo: number): number {
    let at = Math.imul((lo ^ Math.imul(hi, 0x85ebca6b)) >>> 0, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const row = this.rows[at]!;
      if (row === EMPTY || (this.his[at] === hi && this.los[at] === lo)) return at;
      at = (at + 1) & this.mask;
    }
  }

  /** The row held for a token, or -1. */
  get(hi: number, lo: number): number {
    return this.rows[this.slot(hi, lo)]!;
  }

  /** Holds `row` for a token (replacing any row held for it). */
  set(hi: number, lo: number, row: number): void {
    const at = this.slot(hi, lo);
    if (this.rows[at] === EMPTY) {
      if ((this.size + 1) * 2 > this.mask + 1) throw new Error('contacts: a token table was given more tokens than it was sized for');
      this.size++;
      this.his[at] = hi;
      this.los[at] = lo;
    }
    this.rows[at] = row;
  }

  /** Whether the token is held and not marked yet; marks it. For counting distinct tokens found. */
  mark(hi: number, lo: number): boolean {
    const at = this.slot(hi, lo);
    if (this.rows[at] === EMPTY || this.marks[at] !== 0) return false;
    this.marks[at] = 1;
    return true;
  }

  /** Every mark taken off. */
  clearMarks(): void {
    this.marks.fill(0, 0, this.mask + 1);
  }
}
