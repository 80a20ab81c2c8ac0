/**
 * Status records of STATUS_ROWS rows (decision 044) beside the per-block records of BLOCK_ROWS
 * rows that came before them. Those are still what a list's packs carry (the packs' format,
 * which laptops on earlier versions read and seal), so a laptop sharing a list cuts its
 * records into them, and a laptop receiving one keeps them as they come until the list is
 * checked, then joins them (status-join.ts, as migration 15 joined the records stored before).
 */
import type { Table } from 'dexie';
import { joinStatusRecords } from './status-join';
import { BLOCK_ROWS, blockId, STATUS_ROWS, type StatusRecord } from './tables';

/** A list's channel record as its packs carry it: one customer block's availability and segments. */
export interface ChannelRecord {
  id: string;
  avail: Uint8Array;
  segment: Uint16Array;
}

/** The channel records of one stored status record, in row order. */
export function channelRecords(s: StatusRecord): ChannelRecord[] {
  const out: ChannelRecord[] = [];
  const first = s.block * STATUS_ROWS;
  for (let at = 0; at < s.avail.length; at += BLOCK_ROWS) {
    out.push({ id: blockId(s.datasetId, (first + at) / BLOCK_ROWS), avail: s.avail.slice(at, at + BLOCK_ROWS), segment: s.segment.slice(at, at + BLOCK_ROWS) });
  }
  return out;
}

/** A received list's channel records, once checked, joined into its status records. */
export const joinBlockRecords = (status: Table<StatusRecord, string>, datasetId: string): Promise<void> => joinStatusRecords(status, datasetId, BLOCK_ROWS, STATUS_ROWS);
