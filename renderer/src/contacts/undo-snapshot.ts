/**
 * Undo of an applied list without reading the list's events (decision 045).
 *
 * An applied list (returned mail, bounces) can be undone only while no later change names
 * its customers (applied-lists.ts undoStateOf); its undo then puts back exactly the words
 * its rows had just before it. Those words are kept when the list is folded in order, sealed
 * in one of 255 slots per customer list, and each of its rows is guarded by the slot
 * (undo-guards.ts). Every later change that names a row — folded in order, replayed, a notice —
 * clears the row's guard. While every guard of a list holds, its undo is checked and folded
 * from the snapshot and the status records alone; otherwise it reads the events as before.
 */
import { openBytes, sealBytes } from '../../../shared/vault/cipher';
import type { StatusAccess } from '../../../shared/contacts/events';
import { UndoGuards } from './undo-guards';
import type { ContactTables, UndoRecord } from './tables';

/** Lists up to this many rows keep a snapshot (a million: about 6 MB sealed). */
export const UNDO_SNAPSHOT_ROWS = 1_000_000;
/** Slots per customer list: a guard is one byte (0: none). */
export const UNDO_SLOTS = 255;

export const undoId = (datasetId: string, slot: number) => `${datasetId}:${slot}`;
/** The seal binds the record's clear fields: a record relabelled on disk, or moved, does not open. */
const aad = (r: Pick<UndoRecord, 'id' | 'datasetId' | 'eventId' | 'at' | 'slot'>) => `contact-undo:${r.id}:${r.datasetId}:${r.eventId}:${r.at}:${r.slot}`;

/** The slot after `last` (1–255, the oldest snapshot's slot taken again). */
export const nextSlot = (last: number | undefined) => ((last ?? 0) % UNDO_SLOTS) + 1;

export interface Snapshot {
  rows: Int32Array;
  /** Each row's word just before the list. */
  words: Uint16Array;
  /**
   * Each row's word just after it, and its segment (decision 051): an undo whose rows are all
   * still guarded knows from these what it changes in the totals, and writes the words back as
   * status deltas without reading the status records. Absent in snapshots sealed before.
   */
  after?: Uint16Array;
  segments?: Uint16Array;
}

/**
 * The words of the rows a list names (those in the list's range), read before it is applied;
 * null when it names none (nothing would guard it: its undo reads the events).
 */
export function takeBefore(access: Pick<StatusAccess, 'size' | 'get'>, rows: readonly number[]): Snapshot | null {
  const size = access.size;
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (rows[i]! >= 0 && rows[i]! < size) n++;
  if (n === 0) return null;
  const out = { rows: new Int32Array(n), words: new Uint16Array(n) };
  for (let i = 0, k = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r < 0 || r >= size) continue;
    out.rows[k] = r;
    out.words[k++] = access.get(r);
  }
  return out;
}

/** The words the snapshot's rows have once the list is folded, and their segments (the list just applied through `access`). */
export function takeAfter(access: { get(row: number): number; segmentOf(row: number): number }, snap: Snapshot): void {
  const n = snap.rows.length;
  snap.after = new Uint16Array(n);
  snap.segments = new Uint16Array(n);
  for (let k = 0; k < n; k++) {
    snap.after[k] = access.get(snap.rows[k]!);
    snap.segments[k] = access.segmentOf(snap.rows[k]!);
  }
}

export async function sealSnapshot(key: CryptoKey, datasetId: string, slot: number, event: { id: string; at: string }, snap: Snapshot): Promise<UndoRecord> {
  const id = undoId(datasetId, slot);
  const fields = { id, datasetId, eventId: event.id, at: event.at, slot };
  const n = snap.rows.length;
  const full = snap.after?.length === n && snap.segments?.length === n;
  // The count, the rows (4 bytes each), the words before (2); with the words after and the segments (2 + 2) when known.
  const plain = new Uint8Array(4 + n * (full ? 10 : 6));
  new DataView(plain.buffer).setUint32(0, n, true);
  plain.set(new Uint8Array(snap.rows.buffer, snap.rows.byteOffset, n * 4), 4);
  plain.set(new Uint8Array(snap.words.buffer, snap.words.byteOffset, n * 2), 4 + n * 4);
  if (full) {
    plain.set(new Uint8Array(snap.after!.buffer, snap.after!.byteOffset, n * 2), 4 + n * 6);
    plain.set(new Uint8Array(snap.segments!.buffer, snap.segments!.byteOffset, n * 2), 4 + n * 8);
  }
  return { ...fields, sealed: await sealBytes(key, plain, aad(fields)) };
}

export async function openSnapshot(key: CryptoKey, rec: UndoRecord): Promise<Snapshot> {
  if (rec.id !== undoId(rec.datasetId, rec.slot)) throw new Error('contacts: an undo snapshot is out of its place');
  const plain = await openBytes(key, rec.sealed, aad(rec));
  const n = plain.byteLength >= 4 ? new DataView(plain.buffer, plain.byteOffset).getUint32(0, true) : -1;
  if (n < 0 || (plain.byteLength !== 4 + n * 6 && plain.byteLength !== 4 + n * 10)) throw new Error('contacts: an undo snapshot has the wrong length');
  const at = (from: number) => new Uint16Array(plain.buffer.slice(plain.byteOffset + from, plain.byteOffset + from + n * 2));
  const snap: Snapshot = { rows: new Int32Array(plain.buffer.slice(plain.byteOffset + 4, plain.byteOffset + 4 + n * 4)), words: at(4 + n * 4) };
  if (plain.byteLength === 4 + n * 10) {
    snap.after = at(4 + n * 6);
    snap.segments = at(4 + n * 8);
  }
  return snap;
}

/**
 * The snapshot of list `eventId` if its undo can put its rows' words back as they are: it is
 * kept, and every row it names is still guarded by its slot (the rows' guards are loaded
 * into `guards` on the way, not their status records). Null otherwise — also for a snapshot that does not open:
 * the undo then replays through the events, which is always right.
 */
export async function intactSnapshot(
  t: ContactTables, key: CryptoKey, guards: UndoGuards, datasetId: string, eventId: string,
): Promise<(Snapshot & { record: UndoRecord }) | null> {
  const record = (await t.undo.where('eventId').equals(eventId).toArray()).find((r) => r.datasetId === datasetId);
  if (!record) return null;
  let snap: Snapshot;
  try {
    snap = await openSnapshot(key, record);
  } catch {
    return null;
  }
  await guards.load(t, datasetId, snap.rows);
  for (let i = 0; i < snap.rows.length; i++) if (guards.slotOf(snap.rows[i]!) !== record.slot) return null;
  return { ...snap, record };
}

/** Whether list `eventId` can be undone from its snapshot (the undo command's check, before its fold checks again). */
export async function undoableBySnapshot(t: ContactTables, key: CryptoKey, datasetId: string, size: number, eventId: string): Promise<boolean> {
  return (await intactSnapshot(t, key, new UndoGuards(size), datasetId, eventId)) !== null;
}
