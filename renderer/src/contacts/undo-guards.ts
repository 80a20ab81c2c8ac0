/**
 * The undo guards of a customer list's rows (decision 045), as a fold reads and changes them.
 *
 * A guard says which applied list's undo snapshot (undo-snapshot.ts) still holds the row's
 * word from before that list; any later change naming the row clears it. They are kept
 * sparse — the guarded rows and their slots, sorted — one record per GUARD_ROWS rows, so the
 * undo check of a 50k-row list spread over 20M customers reads 20 small records, and a call
 * result on a row nobody guards reads one small record or none.
 */
import { indexInSorted } from '../../../shared/contacts/sorted';
import { type ContactTables, type GuardRecord, pad, statusBlocks } from './tables';

/** Rows per guard record: 20 records for a 20M-row list. */
export const GUARD_ROWS = 1_000_000;

const guardId = (datasetId: string, region: number) => `${datasetId}:${pad(region)}`;

/** The guard record of `region` holding these rows' guards (rows sorted and unique, slots not 0). */
function guardRecord(datasetId: string, region: number, entries: readonly (readonly [number, number])[]): GuardRecord {
  const rows = new Uint32Array(entries.length);
  const slots = new Uint8Array(entries.length);
  entries.forEach(([row, slot], i) => {
    rows[i] = row;
    slots[i] = slot;
  });
  return { id: guardId(datasetId, region), datasetId, block: region, rows, slots };
}

/** Guard records written whole, for a list whose guards are all new (a rebuild): `entries` [row, slot], a row once. */
export function guardRecords(datasetId: string, entries: [number, number][]): GuardRecord[] {
  entries.sort((a, b) => a[0] - b[0]);
  const out: GuardRecord[] = [];
  for (let i = 0; i < entries.length; ) {
    const region = Math.floor(entries[i]![0] / GUARD_ROWS);
    let j = i;
    while (j < entries.length && Math.floor(entries[j]![0] / GUARD_ROWS) === region) j++;
    out.push(guardRecord(datasetId, region, entries.slice(i, j)));
    i = j;
  }
  return out;
}


export class UndoGuards {
  /** Records by region (null: read, none stored). */
  private readonly recs = new Map<number, GuardRecord | null>();
  /** Rows guarded by this fold, by region (merged into the records when written). */
  private readonly added = new Map<number, Map<number, number>>();
  private readonly dirty = new Set<number>();
  /** Some row read or guarded here has a guard (until then a change's rows need not be told). */
  private live = false;
  /** Guards cleared since takeCleared, by slot: which lists a change blocked, and on how many rows (applied-book.ts). */
  private cleared = new Map<number, number>();

  private datasetId = '';

  constructor(private readonly size: number) {}

  /** Reads the guard records of these rows' regions not read yet. */
  async load(t: ContactTables, datasetId: string, rows: Iterable<number> | readonly (readonly number[])[] | 'all'): Promise<void> {
    this.datasetId = datasetId;
    const regions = Math.ceil(this.size / GUARD_ROWS);
    const flags = new Uint8Array(regions);
    const mark = (r: number) => {
      if (r >= 0 && r < this.size) flags[Math.floor(r / GUARD_ROWS)] = 1;
    };
    if (rows === 'all') flags.fill(1);
    else
      for (const r of rows) {
        if (typeof r === 'number') mark(r);
        else for (let i = 0; i < r.length; i++) mark(r[i]!);
      }
    const missing: number[] = [];
    for (let g = 0; g < regions; g++) if (flags[g] === 1 && !this.recs.has(g)) missing.push(g);
    if (missing.length === 0) return;
    const recs = await statusBlocks(t.guards, datasetId, missing);
    recs.forEach((r, i) => {
      this.recs.set(missing[i]!, r ?? null);
      if (r) this.live = true;
    });
  }

  /** Whether a row the fold names may have a guard to clear (a batch of 20M rows skips the look-up per row when none do). */
  get any(): boolean {
    return this.live;
  }

  private region(row: number): number {
    const g = Math.floor(row / GUARD_ROWS);
    if (!this.recs.has(g)) throw new Error(`contacts: undo guards of rows ${g * GUARD_ROWS}… not read`);
    return g;
  }

  /** A row named by a change: its guard, if any, is gone. */
  touch(row: number): void {
    const g = Math.floor(row / GUARD_ROWS);
    const rec = this.recs.get(g);
    if (rec === undefined) this.region(row);
    let slot = 0;
    if (this.added.size > 0) {
      const added = this.added.get(g);
      const s = added?.get(row);
      if (s !== undefined) {
        added!.delete(row);
        this.dirty.add(g);
        slot = s;
      }
    }
    if (rec) {
      const i = indexInSorted(rec.rows, row);
      if (i >= 0 && rec.slots[i] !== 0) {
        if (slot === 0) slot = rec.slots[i]!;
        rec.slots[i] = 0;
        this.dirty.add(g);
      }
    }
    if (slot !== 0) this.cleared.set(slot, (this.cleared.get(slot) ?? 0) + 1);
  }

  /** The guards cleared since the last call, as rows per slot. */
  takeCleared(): Map<number, number> {
    const out = this.cleared;
    this.cleared = new Map();
    return out;
  }

  /** Every guard of `slot` gone, uncounted: the slot is taken by a new list (its old list's snapshot is overwritten). */
  async dropSlot(t: ContactTables, datasetId: string, slot: number): Promise<void> {
    await this.load(t, datasetId, 'all');
    for (const [g, rec] of this.recs) {
      if (!rec) continue;
      for (let i = 0; i < rec.slots.length; i++) {
        if (rec.slots[i] !== slot) continue;
        rec.slots[i] = 0;
        this.dirty.add(g);
      }
    }
    for (const [g, added] of this.added) {
      for (const [row, s] of added) {
        if (s !== slot) continue;
        added.delete(row);
        this.dirty.add(g);
      }
    }
  }

  /** The row's word is kept by the snapshot in `slot`. */
  guard(row: number, slot: number): void {
    const g = this.region(row);
    (this.added.get(g) ?? this.added.set(g, new Map()).get(g)!).set(row, slot);
    this.live = true;
    this.dirty.add(g);
  }

  /** Every guard of the list gone (a notice blocks the undo of every list before it), counted like touches. */
  async dropAll(t: ContactTables, datasetId: string): Promise<void> {
    await this.load(t, datasetId, 'all');
    const count = (slot: number) => slot !== 0 && this.cleared.set(slot, (this.cleared.get(slot) ?? 0) + 1);
    for (const [g, rec] of this.recs) {
      const added = this.added.get(g);
      if (rec) {
        for (let i = 0; i < rec.slots.length; i++) if (!added?.has(rec.rows[i]!)) count(rec.slots[i]!);
        rec.slots.fill(0);
      }
      if (added) for (const s of added.values()) count(s);
      if (rec || added) this.dirty.add(g);
    }
    this.added.clear();
    this.live = false;
  }

  /** The slot guarding the row, or 0. */
  slotOf(row: number): number {
    const g = this.region(row);
    const added = this.added.get(g)?.get(row);
    if (added !== undefined) return added;
    const rec = this.recs.get(g);
    const i = rec ? indexInSorted(rec.rows, row) : -1;
    return i < 0 ? 0 : rec!.slots[i]!;
  }

  /** The records changed: those still guarding a row to write (sorted, cleared rows dropped), the others to delete. */
  changed(): { puts: GuardRecord[]; deletes: string[] } {
    const puts: GuardRecord[] = [];
    const deletes: string[] = [];
    for (const g of this.dirty) {
      const rec = this.recs.get(g);
      const added = this.added.get(g) ?? new Map<number, number>();
      const entries: [number, number][] = [];
      if (rec) for (let i = 0; i < rec.rows.length; i++) if (rec.slots[i] !== 0 && !added.has(rec.rows[i]!)) entries.push([rec.rows[i]!, rec.slots[i]!]);
      for (const [row, slot] of added) if (slot !== 0) entries.push([row, slot]);
      const id = guardId(this.datasetId, g);
      if (entries.length === 0) {
        if (rec) deletes.push(id);
        continue;
      }
      entries.sort((a, b) => a[0] - b[0]);
      puts.push(guardRecord(this.datasetId, g, entries));
    }
    return { puts, deletes };
  }
}
