/**
 * The compact status blocks as a fold sees them (shared/contacts/events.ts StatusAccess):
 * blocks loaded on demand, running totals kept as words change, the changed blocks
 * remembered for the write.
 */
import type { StatusAccess } from '../../../shared/contacts/events';
import { cellOf, initialStatus, type Policy, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import { DELTA_ROWS, deltaRecord, deltaRowsOf, mergeRows, statusRecords, type StatusWrites } from './status-deltas';
import { type ContactTables, STATUS_ROWS, type StatusRecord } from './tables';
import { UndoGuards } from './undo-guards';

export interface DatasetPolicy {
  policy: Policy;
  rows: number;
  incidentId: string;
  /** How many segments (services, customer groups) the totals are kept for. */
  segments: number;
}

/** Lists up to this many blocks (a billion rows) are marked with a flag per block. */
const MAX_FLAGS = 1 << 20;

/** Status access over blocks loaded on demand, remembering which blocks changed. */
export class BlockStatus implements StatusAccess {
  readonly blocks = new Map<number, StatusRecord>();
  readonly dirty = new Set<number>();
  /** The rows' undo guards, in the contact projection's access (every row a change names clears its guard). */
  readonly guards: UndoGuards | null;
  constructor(
    readonly size: number,
    private readonly cells: Int32Array,
    withGuards = false,
  ) {
    this.guards = withGuards ? new UndoGuards(size) : null;
  }

  /**
   * Reads the blocks holding these rows (or lists of rows) that are not loaded yet, in one
   * request — and their undo guards, if this access keeps them.
   */
  async load(t: ContactTables, datasetId: string, rows: Iterable<number> | readonly (readonly number[])[] | 'all'): Promise<void> {
    const blocks = this.blocksOf(rows);
    const missing = blocks.filter((b) => !this.blocks.has(b));
    await Promise.all([
      missing.length > 0 ? statusRecords(t, datasetId, missing).then((recs) => recs.forEach((r, i) => r && this.blocks.set(missing[i]!, r))) : undefined,
      this.guards?.load(t, datasetId, rows),
    ]);
  }

  /** The record numbers holding these rows, ascending. */
  private blocksOf(rows: Iterable<number> | readonly (readonly number[])[] | 'all'): number[] {
    // A flag per block, not a Set: a batch of every row names tens of millions. (A reader
    // that does not know the list's size — a preview — names few rows: a Set then.)
    const blocks = Math.ceil(this.size / STATUS_ROWS);
    const flags = blocks <= MAX_FLAGS ? new Uint8Array(blocks) : null;
    const named = new Set<number>();
    const mark = (r: number) => {
      const b = Math.floor(r / STATUS_ROWS);
      if (b < 0 || b >= blocks) return;
      if (flags) flags[b] = 1;
      else named.add(b);
    };
    if (rows === 'all') flags?.fill(1);
    else
      for (const r of rows) {
        if (typeof r === 'number') mark(r);
        else for (let i = 0; i < r.length; i++) mark(r[i]!);
      }
    if (!flags) return [...named].sort((a, b) => a - b); // adjacent blocks are read by range
    const out: number[] = [];
    for (let b = 0; b < blocks; b++) if (flags[b] === 1) out.push(b);
    return out;
  }

  /** The block last looked up: a fold meets rows in order, STATUS_ROWS to a record. */
  private last: StatusRecord | null = null;
  private lastBlock = -1;

  private at(row: number): [StatusRecord, number] {
    const b = Math.floor(row / STATUS_ROWS);
    return [this.record(b), row - b * STATUS_ROWS];
  }

  private record(b: number): StatusRecord {
    if (b === this.lastBlock && this.last) return this.last;
    const rec = this.blocks.get(b);
    if (!rec) throw new Error(`contacts: status block ${b} not loaded`);
    this.last = rec;
    this.lastBlock = b;
    return rec;
  }

  get(row: number): number {
    const b = Math.floor(row / STATUS_ROWS);
    return this.record(b).words[row - b * STATUS_ROWS]!;
  }

  set(row: number, word: number): void {
    // No [record, index] pair made per call: a batch of everyone sets every row.
    const b = Math.floor(row / STATUS_ROWS);
    const rec = this.record(b);
    const i = row - b * STATUS_ROWS;
    if (rec.words[i] === word) return;
    const base = rec.segment[i]! * TOTAL_CELLS;
    this.cells[base + cellOf(rec.words[i]!)]! -= 1;
    this.cells[base + cellOf(word)]! += 1;
    rec.words[i] = word;
    this.dirty.add(rec.block);
    this.note(rec.block, i);
  }

  /**
   * The rows changed in each dirty record, for its delta (status-deltas.ts); null once more
   * than DELTA_ROWS: the record is written whole. (A batch of everyone changes every row.)
   */
  private readonly notes = new Map<number, number[] | null>();
  private noteBlock = -1;
  private noteList: number[] | null = null;

  private note(block: number, i: number): void {
    if (block !== this.noteBlock) {
      this.noteBlock = block;
      let list = this.notes.get(block);
      if (list === undefined) this.notes.set(block, (list = []));
      this.noteList = list;
    }
    const list = this.noteList;
    if (list === null) return;
    if (list.length < DELTA_ROWS) list.push(i);
    else {
      this.notes.set(block, null);
      this.noteList = null;
    }
  }

  /** A row named by a change: the undo guard it had, if any, is gone (undo-guards.ts). */
  touch(row: number): void {
    this.guards?.touch(row);
  }

  toucher(): ((row: number) => void) | undefined {
    const guards = this.guards;
    return guards?.any ? (row) => guards.touch(row) : undefined;
  }

  avail(row: number): number {
    const b = Math.floor(row / STATUS_ROWS);
    return this.record(b).avail[row - b * STATUS_ROWS]!;
  }

  segmentOf(row: number): number {
    const [rec, i] = this.at(row);
    return rec.segment[i]!;
  }

  /** Every loaded row with its word (a notice's rows are found this way). */
  visit(fn: (row: number, word: number) => void): void {
    for (const rec of this.blocks.values()) rec.words.forEach((w, i) => fn(rec.block * STATUS_ROWS + i, w));
  }

  /** Back to the import state: every word its initial status. */
  reset(policy: Policy): void {
    for (const b of this.blocks.keys()) {
      const rec = this.blocks.get(b)!;
      rec.avail.forEach((a, i) => {
        const w = initialStatus(a, policy.order);
        if (rec.words[i] !== w) this.set(b * STATUS_ROWS + i, w);
      });
    }
  }

  /**
   * The changed records, for the write: a record changed in few rows (with what its delta
   * held when read) as a delta, the others whole.
   */
  writes(): StatusWrites {
    const out: StatusWrites = { whole: [], deltas: [] };
    for (const b of this.dirty) {
      const rec = this.blocks.get(b)!;
      const changed = this.notes.get(b);
      const rows = changed ? mergeRows(deltaRowsOf(rec), changed) : null;
      if (rows && rows.length <= DELTA_ROWS) out.deltas.push(deltaRecord(rec, rows));
      else out.whole.push(rec);
    }
    return out;
  }
}

