/**
 * The compact status blocks as a fold sees them (shared/contacts/events.ts StatusAccess):
 * blocks loaded on demand, running totals kept as words change, the changed blocks
 * remembered for the write.
 */
import type { StatusAccess } from '../../../shared/contacts/events';
import { cellOf, initialStatus, type Policy, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import { BLOCK_ROWS, blockId, type ContactTables, type StatusRecord } from './tables';

export interface DatasetPolicy {
  policy: Policy;
  rows: number;
  incidentId: string;
  /** How many segments (services, customer groups) the totals are kept for. */
  segments: number;
}

/** Status access over blocks loaded on demand, remembering which blocks changed. */
export class BlockStatus implements StatusAccess {
  readonly blocks = new Map<number, StatusRecord>();
  readonly dirty = new Set<number>();
  constructor(
    readonly size: number,
    private readonly cells: Int32Array,
  ) {}

  async load(t: ContactTables, datasetId: string, rows: Iterable<number> | 'all'): Promise<void> {
    const wanted = new Set<number>();
    if (rows === 'all') for (let b = 0; b * BLOCK_ROWS < this.size; b++) wanted.add(b);
    else for (const r of rows) wanted.add(Math.floor(r / BLOCK_ROWS));
    const missing = [...wanted].filter((b) => !this.blocks.has(b));
    if (missing.length === 0) return;
    const recs = await t.status.bulkGet(missing.map((b) => blockId(datasetId, b)));
    recs.forEach((r, i) => r && this.blocks.set(missing[i]!, r));
  }

  private at(row: number): [StatusRecord, number] {
    const b = Math.floor(row / BLOCK_ROWS);
    const rec = this.blocks.get(b);
    if (!rec) throw new Error(`contacts: status block ${b} not loaded`);
    return [rec, row - b * BLOCK_ROWS];
  }

  get(row: number): number {
    const [rec, i] = this.at(row);
    return rec.words[i]!;
  }

  set(row: number, word: number): void {
    const [rec, i] = this.at(row);
    if (rec.words[i] === word) return;
    const base = rec.segment[i]! * TOTAL_CELLS;
    this.cells[base + cellOf(rec.words[i]!)]! -= 1;
    this.cells[base + cellOf(word)]! += 1;
    rec.words[i] = word;
    this.dirty.add(rec.block);
  }

  avail(row: number): number {
    const [rec, i] = this.at(row);
    return rec.avail[i]!;
  }

  segmentOf(row: number): number {
    const [rec, i] = this.at(row);
    return rec.segment[i]!;
  }

  /** Every loaded row with its word (a notice's rows are found this way). */
  visit(fn: (row: number, word: number) => void): void {
    for (const rec of this.blocks.values()) rec.words.forEach((w, i) => fn(rec.block * BLOCK_ROWS + i, w));
  }

  /** Back to the import state: every word its initial status. */
  reset(policy: Policy): void {
    for (const b of this.blocks.keys()) {
      const rec = this.blocks.get(b)!;
      rec.avail.forEach((a, i) => {
        const w = initialStatus(a, policy.order);
        if (rec.words[i] !== w) this.set(b * BLOCK_ROWS + i, w);
      });
    }
  }

  /** The changed blocks, for the write. */
  changed(): StatusRecord[] {
    return [...this.dirty].map((b) => this.blocks.get(b)!);
  }
}
