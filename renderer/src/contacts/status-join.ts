/**
 * Joining status records of `fromRows` rows into records of `toRows` rows, in place: what
 * migration 15 does to every stored list (1,000 → 25,000, decision 044) and what a laptop
 * does to a list received from another once it is checked (status-layout.ts). Imports
 * nothing of the tables' code, so the migration keeps doing what it did when it shipped.
 */
import type { Table } from 'dexie';

interface Status {
  id: string;
  datasetId: string;
  block: number;
  avail: Uint8Array;
  segment: Uint16Array;
  words: Uint16Array;
}

const recordId = (datasetId: string, n: number) => `${datasetId}:${String(n).padStart(6, '0')}`;

/**
 * Rows keep their places: a record missing between two that are there leaves its rows zero,
 * as a missing record read before. Every record not overwritten by a joined one is deleted.
 * Runs inside the caller's transaction.
 */
export async function joinStatusRecords(status: Table<Status, string>, datasetId: string, fromRows: number, toRows: number): Promise<void> {
  const per = toRows / fromRows;
  if (!Number.isInteger(per) || per < 1) throw new Error('contacts: status records join only into a whole multiple of their rows');
  const ids = await status.where('datasetId').equals(datasetId).primaryKeys();
  const blocks = ids.map((id) => Number(id.slice(id.lastIndexOf(':') + 1))).filter((b) => Number.isSafeInteger(b) && b >= 0).sort((a, b) => a - b);
  if (blocks.length === 0) return;
  const last = blocks[blocks.length - 1]!;
  const written = new Set<number>();
  for (let g = 0; g * per <= last; g++) {
    const want = Array.from({ length: per }, (_, i) => g * per + i).filter((b) => b <= last);
    const recs = await status.bulkGet(want.map((b) => recordId(datasetId, b)));
    let rows = 0;
    recs.forEach((r, i) => {
      if (r) rows = i * fromRows + Math.min(r.avail.length, fromRows);
    });
    if (rows === 0) continue;
    // A record of a later group is there: this one is whole, whatever is missing at its end
    // (rows are found at `record * toRows + i`, so a short one would shift none but hide its last rows).
    if (last >= (g + 1) * per) rows = toRows;
    const avail = new Uint8Array(rows);
    const segment = new Uint16Array(rows);
    const words = new Uint16Array(rows);
    recs.forEach((r, i) => {
      if (!r) return;
      avail.set(r.avail.subarray(0, fromRows), i * fromRows);
      segment.set(r.segment.subarray(0, fromRows), i * fromRows);
      words.set(r.words.subarray(0, fromRows), i * fromRows);
    });
    // Its id is record g's, which belongs to this joined record or an earlier one: read already.
    await status.put({ id: recordId(datasetId, g), datasetId, block: g, avail, segment, words });
    written.add(g);
  }
  await status.bulkDelete(blocks.filter((b) => !written.has(b)).map((b) => recordId(datasetId, b)));
}
