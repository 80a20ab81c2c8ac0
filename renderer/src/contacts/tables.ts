/**
 * Records of the bulk customer-list tables (migration 4). Only ids, ordinals, states and
 * counts are in clear; rows and dataset details are sealed with the workspace data key,
 * and lookups go through blind-index tokens (shared/contacts/tokens.ts).
 */
import type { Table } from 'dexie';
import type { HonbuDb } from '../data/db';
import type { ColumnMapping, Delimiter, FileEncoding, ImportIssue } from '../../../shared/contacts/model';
import type { Channel } from '../../../shared/contacts/model';

export const BLOCK_ROWS = 1_000;
/**
 * Rows per status record (decision 044): about 125 KB, which Chromium keeps in a file beside
 * the database and reads and writes several times faster than the 5 KB a thousand rows made
 * (a 20M-row list rewritten whole: 7.4–7.8 s as 20,000 records, 0.37–0.43 s as 800). Divides
 * COMMIT_ROWS and IMPORT_COMMIT_ROWS, so an import's commits end on a record's edge.
 */
export const STATUS_ROWS = 25_000;
/**
 * Rows per group of the index when it is rebuilt, upgraded or carried in a list's packs
 * (the packs' layout: every laptop seals the same packs for the same list).
 */
export const COMMIT_ROWS = 50_000;
/**
 * Rows per import transaction: the unit of resume after a crash. Each commit writes up to
 * 2,048 index segments whatever its size, and the browser's cost goes with their number as
 * well as their bytes (decision 042): 100,000 rows halved them against 50,000; 200,000 once a
 * chunk no longer holds its rows as objects (decision 053), for ~80 MB more of the import
 * worker's buffers and a resume that redoes at most ~200,000 rows (a few seconds).
 */
export const IMPORT_COMMIT_ROWS = 200_000;
export const BUCKETS = 256;

/** `receiving`: a list another laptop shared, arriving pack by pack (list-share.ts). */
export type DatasetState = 'importing' | 'staged' | 'complete' | 'receiving';

/** The dataset record, which is also the import job while state is not complete. */
export interface DatasetRecord {
  id: string;
  incidentId: string;
  state: DatasetState;
  /** Resume: the same file is recognised by size and the hash of its first 64 KB. */
  fileSize: number;
  headHash: string;
  committedRows: number;
  /** Rows after import, duplicates included (they are excluded, not dropped). */
  rows: number;
  sealed: Uint8Array;
  /**
   * While receiving: the manifest's hash (of its ciphertext) and how many of its packs are
   * stored — each pack lands in one transaction with this count, so a resume starts right.
   */
  receiving?: { manifest: string; packs: number; done: number };
  /**
   * While the list's search index is rebuilt from its rows (index-rebuild.ts): the rows whose
   * tokens are written again so far. Lookups in the list say it needs rebuilding meanwhile.
   */
  indexRebuild?: { from: number };
}

/** The sealed part of a dataset record. */
export interface DatasetMeta {
  fileName: string;
  encoding: FileEncoding;
  /** Field separator; absent in lists imported before it was detected (comma). */
  delimiter?: Delimiter;
  header: string[];
  /** The file has no header line: its first line is a customer and `header` is 列1, 列2 … */
  noHeader?: true;
  mapping: ColumnMapping;
  channelOrder: Channel[];
  maxRetries: number;
  segments: string[];
  warnings: ImportIssue[];
  warningCount: number;
  contentHash?: string;
  /**
   * Dataset version (renderer/src/contacts/upgrades.ts): absent on lists imported before
   * version 2, whose statuses and lookup tokens the upgrade brings up to date.
   */
  version?: number;
  /** Set when the import adopts a dataset another laptop imported (its event already exists). */
  adopted?: boolean;
  /** Running cells per segment while importing. */
  cells?: number[];
}

export interface BlockRecord {
  id: string;
  datasetId: string;
  block: number;
  sealed: Uint8Array;
}

/**
 * One blind-index segment (the (token, row) pairs of one kind, bucket and import chunk) or
 * merged page (index-merge.ts). Read through index-codec.ts storedEntries.
 */
export interface IndexRecord {
  id: string;
  datasetId: string;
  /** The entries packed (index-codec.ts, decision 042): how they are written now. */
  packed?: Uint8Array;
  /** Uint32 triples (token hi, token lo, row): records written before decision 042. */
  entries?: Uint32Array;
}

/**
 * Compact status of STATUS_ROWS customers (no personal data: ordinals and codes): rows
 * `block * STATUS_ROWS` on. A list being received from another laptop keeps one record per
 * BLOCK_ROWS rows, as its packs carry them, until it is checked (status-layout.ts).
 */
export interface StatusRecord {
  id: string;
  datasetId: string;
  /** The record's number: its first row is `block * STATUS_ROWS`. */
  block: number;
  avail: Uint8Array;
  segment: Uint16Array;
  words: Uint16Array;
}

/**
 * The words of a status record changed since it was last written whole (decision 051),
 * sparse: the rows (within the record) and their words now, which a reader lays over the
 * record's own (status-deltas.ts). A commit that changes few rows of a record writes these
 * instead of the ~125 KB record; one that changes many, or a delta grown past DELTA_ROWS,
 * writes the record whole and deletes its delta. Same id as the record.
 */
export interface StatusDeltaRecord {
  id: string;
  datasetId: string;
  block: number;
  rows: Uint16Array;
  words: Uint16Array;
}

/**
 * Undo guards of GUARD_ROWS rows of a list (decision 045, undo-guards.ts), sparse: the rows
 * an applied list's undo snapshot (UndoRecord) still holds the word from before it, sorted,
 * with the snapshot's slot. Any later change that names a row drops it; a record left with
 * none is deleted.
 */
export interface GuardRecord {
  /** `${datasetId}:${region}`, the region padded like a status record's number. */
  id: string;
  datasetId: string;
  /** The region: rows from `block * GUARD_ROWS`. */
  block: number;
  rows: Uint32Array;
  slots: Uint8Array;
}

/** Running totals of a dataset: TOTAL_CELLS counts per segment. */
export interface TotalsRecord {
  id: string;
  cells: Int32Array;
  /**
   * Clock of the latest contact event folded in: a later one is applied as it comes, an
   * earlier one (another laptop's, late) replays the rows it names. Absent on lists folded
   * before it was kept (the events tell).
   */
  at?: string;
  /**
   * Commits folded into the list so far (status-projection.ts). A tab that kept the list's
   * events (ContactData.datasetEvents) knows the count they were read at: another tab on the
   * same workspace (web mode) committing meanwhile, which no notice here tells, shows as a
   * different count, and its events are read again before a late event or an undo replays.
   * A refold counts on from the count before it, so a count is never seen twice.
   */
  seq?: number;
  /**
   * Events undone before they arrived here (a laptop whose clock runs ahead stamps its event
   * after the undo): when one comes, it is replayed, never applied as it comes.
   */
  undoneAhead?: string[];
  /**
   * A late event or an undo was replayed while an event of the list's incident did not open
   * (decision 040): its rows were refolded without it. The next unlock refolds the list
   * whole (upgrades.ts), once the record is mended; that refold clears it.
   */
  refoldOwed?: true;
  /** The undo slot (1–255) the list's latest snapshot took (UndoRecord); absent before the first. */
  undoSlot?: number;
}

/**
 * The reached-over-time chart, one record per contact event: the change it made to the
 * running totals ([cell, change, …], cells by segment). Counts only, like the totals; ids
 * sort by clock within a dataset.
 */
export interface SeriesRecord {
  id: string;
  datasetId: string;
  at: string;
  eventId: string;
  delta: Int32Array;
}

/**
 * The statuses an applied list's rows had just before it (decision 045), sealed: its undo
 * puts them back without reading the list's events, while the rows' guards (StatusRecord.undo)
 * say no later change named them. Kept in one of 255 slots per list, the oldest replaced.
 */
export interface UndoRecord {
  /** `${datasetId}:${slot}` */
  id: string;
  datasetId: string;
  eventId: string;
  /** The list event's clock (its chart record's id). */
  at: string;
  slot: number;
  /** The row numbers (Int32) then their words (Uint16), sealed (undo-snapshot.ts). */
  sealed: Uint8Array;
}

/**
 * The applied-lists screen's figures of one customer list, kept by the fold (decision 046,
 * applied-book.ts): every returned-mail and bounce list applied to it, what each changed and
 * whether its undo is still offered, sealed as one record (it names who applied them and the
 * files). Absent for a list folded before it was kept: the screen then reads the events once
 * and keeps it. Every write of a list's projection that does not fold it keeps the book too
 * (a rebuild writes it anew) or deletes it.
 */
export interface AppliedBookRecord {
  /** The dataset's id. */
  id: string;
  sealed: Uint8Array;
}

/** One batch as the screens see it (shared/contacts/batch-summary.ts), sealed: it names the operators. */
export interface BatchRecord {
  id: string;
  datasetId: string;
  sealed: Uint8Array;
  /** The row list and assignments as sealed 32-bit integers (contact-data.ts sealBatch); absent in older records. */
  lists?: Uint8Array;
}

export const pad = (n: number, width = 6) => String(n).padStart(width, '0');
export const blockId = (datasetId: string, block: number) => `${datasetId}:${pad(block)}`;

/**
 * Status records asked for per request by eachStatusBlock (about 125 KB each). IndexedDB
 * answers one database's requests one after another, so a request this size (~1.2 MB)
 * lets a call result's small reads and writes in between; 5 MB at once held them.
 */
export const STATUS_READ_BLOCKS = 10;
/** Adjacent records from which one range request beats a request per record. */
const RANGE_MIN = 4;

/**
 * Status records by number, like `bulkGet` of their ids (same order, `undefined` where there
 * is none), but each run of adjacent records is read with one range request of up to
 * STATUS_READ_BLOCKS: `bulkGet` makes one request per record, and a 50k-row list spread over
 * 20M rows names every one of its 800 records (issue 17). Undo guard records (GuardRecord)
 * are read the same way.
 */
export async function statusBlocks<R extends { id: string; datasetId: string; block: number }>(status: Table<R, string>, datasetId: string, blocks: readonly number[]): Promise<(R | undefined)[]> {
  const byBlock = new Map<number, R>();
  const single: number[] = [];
  const ranges: Promise<void>[] = [];
  for (let i = 0; i < blocks.length; ) {
    let j = i + 1;
    // A run stops where the id grows a digit (999,999 → 1,000,000): "…:1000000" sorts before
    // "…:999999", so a range across it would be empty.
    while (j < blocks.length && j - i < STATUS_READ_BLOCKS && blocks[j] === blocks[j - 1]! + 1 && pad(blocks[j]!).length === pad(blocks[i]!).length) j++;
    if (j - i >= RANGE_MIN) {
      const [first, last] = [blocks[i]!, blocks[j - 1]!];
      ranges.push(
        status.where(':id').between(blockId(datasetId, first), blockId(datasetId, last), true, true).toArray().then((recs) => {
          // Ids sort as text: a block past the pad width, or another list's id, may fall in the range.
          for (const r of recs) if (r.datasetId === datasetId && r.block >= first && r.block <= last && r.id === blockId(datasetId, r.block)) byBlock.set(r.block, r);
        }),
      );
    } else for (let k = i; k < j; k++) single.push(blocks[k]!);
    i = j;
  }
  const [singles] = await Promise.all([single.length > 0 ? status.bulkGet(single.map((b) => blockId(datasetId, b))) : Promise.resolve([]), ...ranges]);
  single.forEach((b, k) => singles[k] && byBlock.set(b, singles[k]));
  return blocks.map((b) => byBlock.get(b));
}

export const seriesId = (datasetId: string, at: string, eventId: string) => `${datasetId}|${at}|${eventId}`;
export const seriesPrefix = (datasetId: string) => `${datasetId}|`;
export const batchAad = (id: string) => `contact-batches:${id}`;
export const indexPrefix = (datasetId: string, kind: string, bucket: number) =>
  `${datasetId}|${kind}|${bucket.toString(16).padStart(2, '0')}|`;

export function contactTables(db: HonbuDb) {
  return {
    datasets: db.table('contact-datasets') as Table<DatasetRecord, string>,
    blocks: db.table('contact-blocks') as Table<BlockRecord, string>,
    index: db.table('contact-index') as Table<IndexRecord, string>,
    status: db.table('contact-status') as Table<StatusRecord, string>,
    statusDelta: db.table('contact-status-delta') as Table<StatusDeltaRecord, string>,
    totals: db.table('contact-totals') as Table<TotalsRecord, string>,
    series: db.table('contact-series') as Table<SeriesRecord, string>,
    batches: db.table('contact-batches') as Table<BatchRecord, string>,
    undo: db.table('contact-undo') as Table<UndoRecord, string>,
    guards: db.table('contact-guards') as Table<GuardRecord, string>,
    applied: db.table('contact-applied') as Table<AppliedBookRecord, string>,
  };
}
export type ContactTables = ReturnType<typeof contactTables>;
export const CONTACT_TABLE_NAMES = ['contact-datasets', 'contact-blocks', 'contact-index', 'contact-status', 'contact-status-delta', 'contact-totals', 'contact-series', 'contact-batches', 'contact-undo', 'contact-guards', 'contact-applied'];
