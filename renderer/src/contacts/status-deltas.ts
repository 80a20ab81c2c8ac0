/**
 * A status record's words changed since it was last written whole, kept apart from it
 * (decision 051). A 50k returned-mail list over 20M customers changes ~60 rows in each of the
 * 800 status records; rewriting them whole (~125 KB each, 100 MB) was most of what applying
 * and undoing the list cost. A commit now writes, for a record it changed in few rows, only
 * those rows and their words (a delta, a few hundred bytes), and every reader of words lays
 * the delta over the record (`statusRecords`). A record changed in many rows, or whose delta
 * would grow past DELTA_ROWS, is written whole and its delta deleted in the same transaction,
 * so a delta never outgrows a tenth of its record and a reader never pays more than that.
 *
 * Nothing new is in clear: the same codes the record holds, for rows the record holds.
 */
import { type ContactTables, STATUS_READ_BLOCKS, STATUS_ROWS, statusBlocks, type StatusDeltaRecord, type StatusRecord } from './tables';

/** Rows a delta may hold (10 KB): past this its record is written whole. */
export const DELTA_ROWS = 2_500;

/** The delta rows laid over each record read through statusRecords (for the next write's delta). */
const overlaid = new WeakMap<StatusRecord, Uint16Array>();

/** The rows a record's delta held when it was read (none: undefined). */
export const deltaRowsOf = (rec: StatusRecord): Uint16Array | undefined => overlaid.get(rec);

export class StatusDeltaDamagedError extends Error {
  constructor(readonly id: string) {
    super(`contacts: the status changes kept for record ${id} are damaged`);
  }
}

/** Refuses a delta that is not one for record `block` of `size` rows: typed arrays of one length, rows ascending within it. */
function checkDelta(id: string, block: number, size: number, delta: StatusDeltaRecord): void {
  const { rows, words } = delta;
  if (!(rows instanceof Uint16Array) || !(words instanceof Uint16Array) || rows.length !== words.length || delta.block !== block) throw new StatusDeltaDamagedError(id);
  for (let k = 0; k < rows.length; k++) if (rows[k]! >= size || (k > 0 && rows[k]! <= rows[k - 1]!)) throw new StatusDeltaDamagedError(id);
}

/** The record with its delta's words laid over its own (in place). */
export function overlay(rec: StatusRecord, delta: StatusDeltaRecord | undefined): StatusRecord {
  if (!delta) return rec;
  checkDelta(rec.id, rec.block, rec.words.length, delta);
  const { rows, words } = delta;
  for (let k = 0; k < rows.length; k++) rec.words[rows[k]!] = words[k]!;
  overlaid.set(rec, rows);
  return rec;
}

/**
 * Status records by number with their words as they are now (each record's delta laid over
 * it), like statusBlocks: same order, `undefined` where there is none. A damaged delta fails
 * the read, unless `damaged` is given (the fold check): it is told, and gets the record as it is.
 */
export async function statusRecords(
  t: Pick<ContactTables, 'status' | 'statusDelta'>, datasetId: string, blocks: readonly number[], damaged?: (rec: StatusRecord) => void,
): Promise<(StatusRecord | undefined)[]> {
  const [recs, deltas] = await Promise.all([statusBlocks(t.status, datasetId, blocks), statusBlocks(t.statusDelta, datasetId, blocks)]);
  return recs.map((r, i) => {
    if (!r || !damaged) return r && overlay(r, deltas[i]);
    try {
      return overlay(r, deltas[i]);
    } catch (e) {
      if (!(e instanceof StatusDeltaDamagedError)) throw e;
      damaged(r);
      return r;
    }
  });
}

/**
 * Every status record of a list as it is now, in order, STATUS_READ_BLOCKS per request: a
 * cursor waits for the database once per record.
 */
export async function eachStatusBlock(
  t: Pick<ContactTables, 'status' | 'statusDelta'>, datasetId: string, rows: number, visit: (s: StatusRecord) => void, pace?: () => Promise<void>,
  damaged?: (rec: StatusRecord) => void,
): Promise<void> {
  const blocks = Math.ceil(rows / STATUS_ROWS);
  for (let from = 0; from < blocks; from += STATUS_READ_BLOCKS) {
    await pace?.();
    const wanted = Array.from({ length: Math.min(STATUS_READ_BLOCKS, blocks - from) }, (_, i) => from + i);
    for (const rec of await statusRecords(t, datasetId, wanted, damaged)) if (rec) visit(rec);
  }
}

/** Status records by id as they are now (each one's delta laid over it), like `bulkGet`. */
export async function statusRecordsById(t: Pick<ContactTables, 'status' | 'statusDelta'>, ids: readonly string[]): Promise<(StatusRecord | undefined)[]> {
  const [recs, deltas] = await Promise.all([t.status.bulkGet(ids as string[]), t.statusDelta.bulkGet(ids as string[])]);
  return recs.map((r, i) => r && overlay(r, deltas[i]));
}

/** One status record as it is now (its delta laid over it). */
export async function statusRecord(t: Pick<ContactTables, 'status' | 'statusDelta'>, id: string): Promise<StatusRecord | undefined> {
  const [rec, delta] = await Promise.all([t.status.get(id), t.statusDelta.get(id)]);
  return rec && overlay(rec, delta);
}

/** Ascending distinct rows of both (rows within one record, below 65,536). */
export function mergeRows(a: ArrayLike<number> | undefined, b: ArrayLike<number>): Uint16Array {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const list of [a ?? [], b]) {
    for (let k = 0; k < list.length; k++) {
      const r = list[k]!;
      if (!seen.has(r)) {
        seen.add(r);
        out.push(r);
      }
    }
  }
  return Uint16Array.from(out.sort((x, y) => x - y));
}

/** The delta of `rec` for these rows (ascending, distinct): their words as `rec` holds them now. */
export function deltaRecord(rec: Pick<StatusRecord, 'id' | 'datasetId' | 'block' | 'words'>, rows: Uint16Array): StatusDeltaRecord {
  const words = new Uint16Array(rows.length);
  for (let k = 0; k < rows.length; k++) words[k] = rec.words[rows[k]!]!;
  return { id: rec.id, datasetId: rec.datasetId, block: rec.block, rows, words };
}

/**
 * Record `rec`'s delta with these rows (within the record) set to these words, from the delta
 * it has (`old`), without the record: null when it would hold more than DELTA_ROWS rows, or
 * when `old` holds a row at another word than `current` says it has now.
 */
export function deltaWith(
  rec: Pick<StatusDeltaRecord, 'id' | 'datasetId' | 'block'>, old: StatusDeltaRecord | undefined, rows: ArrayLike<number>, words: ArrayLike<number>, current: ArrayLike<number>,
): StatusDeltaRecord | null {
  const now = new Map<number, number>();
  if (old) {
    checkDelta(rec.id, rec.block, STATUS_ROWS, old);
    for (let k = 0; k < old.rows.length; k++) now.set(old.rows[k]!, old.words[k]!);
  }
  for (let k = 0; k < rows.length; k++) {
    const held = now.get(rows[k]!);
    if (held !== undefined && held !== current[k]) return null;
    now.set(rows[k]!, words[k]!);
  }
  if (now.size > DELTA_ROWS) return null;
  const out = Uint16Array.from(now.keys()).sort();
  const outWords = new Uint16Array(out.length);
  for (let k = 0; k < out.length; k++) outWords[k] = now.get(out[k]!)!;
  return { id: rec.id, datasetId: rec.datasetId, block: rec.block, rows: out, words: outWords };
}

/** What a commit writes to the status tables: records whole (their deltas deleted) and deltas. */
export interface StatusWrites {
  whole: StatusRecord[];
  deltas: StatusDeltaRecord[];
}

/** Writes them (inside the caller's transaction, which holds both tables). */
export async function writeStatus(t: Pick<ContactTables, 'status' | 'statusDelta'>, w: StatusWrites): Promise<void> {
  await t.status.bulkPut(w.whole);
  await t.statusDelta.bulkDelete(w.whole.map((r) => r.id));
  await t.statusDelta.bulkPut(w.deltas);
}
