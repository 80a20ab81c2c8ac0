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
  private his = new Uint32Array(MIN_SLOTS);
  private los = new Uint32Array(MIN_SLOTS);
  private rows = new Int32Array(MIN_SLOTS).fill(EMPTY);
  /** Per slot: whether `mark` has counted it since the last `clearMarks`. */
  private marks = new Uint8Array(MIN_SLOTS);
  private mask = MIN_SLOTS - 1;
  private shift = 32 - Math.log2(MIN_SLOTS);
  /** Distinct tokens held. */
  size = 0;

  /**
   * Empty, with room for about `tokens` distinct tokens at most half full; it grows past that as
   * tokens come. The arrays are kept for the next bucket unless they must grow.
   */
  reset(tokens: number): void {
    let slots = MIN_SLOTS;
    while (slots < tokens * 2) slots *= 2;
    if (slots > this.rows.length) this.allocate(slots);
    this.rows.fill(EMPTY, 0, slots);
    this.marks.fill(0, 0, slots);
    this.use(slots);
    this.size = 0;
  }

  private allocate(slots: number): void {
    this.his = new Uint32Array(slots);
    this.los = new Uint32Array(slots);
    this.rows = new Int32Array(slots);
    this.marks = new Uint8Array(slots);
  }

  private use(slots: number): void {
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
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

  /** Twice the slots, every token (its row and mark) moved to its place there. */
  private grow(): void {
    const [his, los, rows, marks, slots] = [this.his, this.los, this.rows, this.marks, this.mask + 1];
    this.allocate(slots * 2);
    this.rows.fill(EMPTY);
    this.use(slots * 2);
    for (let i = 0; i < slots; i++) {
      if (rows[i] === EMPTY) continue;
      const at = this.slot(his[i]!, los[i]!);
      this.his[at] = his[i]!;
      this.los[at] = los[i]!;
      this.rows[at] = rows[i]!;
      this.marks[at] = marks[i]!;
    }
  }

  /** The row held for a token, or -1. */
  get(hi: number, lo: number): number {
    return this.rows[this.slot(hi, lo)]!;
  }

  /** Holds `row` (0 or more) for a token, replacing any row held for it. */
  set(hi: number, lo: number, row: number): void {
    if (!(row >= 0 && row <= 0x7fffffff)) throw new RangeError('contacts: a token table holds rows 0 to 2^31 - 1');
    let at = this.slot(hi, lo);
    if (this.rows[at] === EMPTY) {
      if ((this.size + 1) * 2 > this.mask + 1) {
        this.grow();
        at = this.slot(hi, lo);
      }
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
