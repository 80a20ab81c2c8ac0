/**
 * Writing an import chunk: sealed blocks, blind-index segments, initial statuses and the
 * job's progress in ONE transaction, so after a crash the dataset holds exactly
 * `committedRows` rows and the import resumes from there. Also the end-of-import pass
 * that finds duplicated customer numbers from the index instead of holding every
 * number in memory.
 */
import { AVAIL_DUPLICATE, cellOf, initialStatus, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import type { ContactRow, ImportIssue } from '../../../shared/contacts/model';
import { normalizeCustomerNo } from '../../../shared/contacts/normalize';
import { MAX_LISTED_ISSUES } from '../../../shared/contacts/validate';
import type { ChunkSealer, SealedBlocks } from './chunk-seal';
import { newTimings, type PreparedChunk } from './chunk-builder';
import { sealJson } from '../../../shared/vault/cipher';
import { openBlock } from './block-codec';
import { segmentRecords, storedEntries } from './index-codec';
import { entriesOf } from './index-merge';
import { RowPairs } from './row-pairs';
import { TokenTable } from './token-table';
import { BLOCK_ROWS, blockId, BUCKETS, type ContactTables, type DatasetMeta, type DatasetRecord, indexPrefix, STATUS_ROWS, type StatusRecord } from './tables';

export const datasetAad = (id: string) => `contact-datasets:${id}`;

/** Buckets of the customer-number index read ahead of the one being counted (markDuplicates). */
const READ_AHEAD = 4;
/** Most tokens a bucket's table is sized for before it has seen them (it grows past that). */
const RESET_TOKENS = 1 << 17;

export interface ImportJob {
  record: DatasetRecord;
  meta: DatasetMeta;
  dataKey: CryptoKey;
  /** Compresses and seals a chunk's blocks (in the second worker when there is one). */
  sealer: ChunkSealer;
}

/** The first piece of a chunk starting inside a status record, joined to what is stored of it. */
async function joinStored(t: ContactTables, first: number, piece: StatusRecord): Promise<StatusRecord> {
  const offset = first - piece.block * STATUS_ROWS;
  if (offset === 0) return piece;
  const stored = await t.status.get(piece.id);
  if (!stored || stored.avail.length !== offset) throw new Error('contacts: the status record before this chunk does not end where the import stopped');
  const join = <A extends Uint8Array | Uint16Array>(a: A, b: A): A => {
    const out = new (a.constructor as new (n: number) => A)(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  return { ...piece, avail: join(stored.avail, piece.avail), segment: join(stored.segment, piece.segment), words: join(stored.words, piece.words) };
}

/** The sealed blocks of a prepared chunk, once the sealer they were handed to (as they were made) has given back the last. */
export async function sealPrepared(p: PreparedChunk, timings = newTimings()): Promise<SealedBlocks> {
  const w0 = performance.now();
  const sealed = await p.sealed;
  timings.sealerMs += performance.now() - w0;
  timings.blocksMs += sealed.blocksMs ?? 0;
  return sealed;
}

/** Writes a sealed chunk and the job's progress in one transaction; chunks are written in file order. */
export async function writeChunk(t: ContactTables, job: ImportJob, p: PreparedChunk, s: SealedBlocks, timings = newTimings()): Promise<void> {
  const { record, meta } = job;
  if (p.first !== record.committedRows) throw new Error('contacts: import chunks must be written in order');
  // A sealer (the second worker) that answers with fewer blocks than it was given would leave
  // rows stored without their bytes: the chunk is not written, the import stops, resumable.
  if (s.sealed.length !== p.blocks.length || !s.sealed.every((b) => b instanceof Uint8Array && b.length > 0)) throw new Error('contacts: the sealer returned a chunk without all its blocks');
  const blocks = p.blocks.map((id, i) => ({ id, datasetId: record.id, block: p.first / BLOCK_ROWS + i, sealed: s.sealed[i]! }));
  // Segments are named by their first block, so any commit size keeps them unique.
  const chunk = Math.floor(p.first / BLOCK_ROWS);
  const index = segmentRecords(record.id, chunk, p.parts);
  // The segments this chunk's rows (and the chunks before) named, each with its empty cells.
  for (let i = meta.segments.length; i < p.segments.length; i++) {
    meta.segments.push(p.segments[i]!);
    meta.cells!.push(...new Array<number>(TOTAL_CELLS).fill(0));
  }
  for (let i = 0; i < p.cells.length; i += 2) meta.cells![p.cells[i]!]! += p.cells[i + 1]!;
  record.committedRows = p.first + p.rows;
  record.rows = record.committedRows;
  record.sealed = await sealJson(job.dataKey, meta, datasetAad(record.id));
  const next = { ...record };
  const t0 = performance.now();
  await t.datasets.db.transaction('rw', [t.datasets, t.blocks, t.index, t.status], async () => {
    await t.datasets.put(next);
    await t.blocks.bulkPut(blocks);
    await t.index.bulkPut(index);
    await t.status.bulkPut([await joinStored(t, p.first, p.statuses[0]!), ...p.statuses.slice(1)]);
  });
  timings.writeMs += performance.now() - t0;
}

/** Removes every trace of an unfinished or failed import. */
export async function discardDataset(t: ContactTables, datasetId: string): Promise<void> {
  await t.datasets.db.transaction('rw', [t.datasets, t.blocks, t.index, t.status, t.statusDelta, t.totals, t.series, t.batches, t.undo, t.guards, t.applied], async () => {
    await t.applied.delete(datasetId);
    await t.undo.where('datasetId').equals(datasetId).delete();
    await t.guards.where('datasetId').equals(datasetId).delete();
    await t.series.where('datasetId').equals(datasetId).delete();
    await t.batches.where('datasetId').equals(datasetId).delete();
    await t.blocks.where('datasetId').equals(datasetId).delete();
    await t.index.where('datasetId').equals(datasetId).delete();
    await t.status.where('datasetId').equals(datasetId).delete();
    await t.statusDelta.where('datasetId').equals(datasetId).delete();
    await t.totals.delete(datasetId);
    await t.datasets.delete(datasetId);
  });
}

/**
 * Duplicated customer numbers, bucket by bucket from the index: the first row keeps the
 * number, later ones are marked AVAIL_DUPLICATE (their status starts excluded) and
 * reported with both lines. Equal tokens are confirmed on the decrypted rows. The report
 * lists the first MAX_LISTED_ISSUES of them (as the import's other warnings) and counts all.
 * In the same pass: how many of the list's customer numbers the `others` lists already
 * hold (by token; a warning before the list is committed, so no rows are opened for it).
 */
export async function markDuplicates(
  t: ContactTables,
  job: ImportJob,
  customerNoColumn: number,
  others: string[] = [],
): Promise<{ issues: ImportIssue[]; duplicates: number; statuses: StatusRecord[]; overlaps: { datasetId: string; customers: number }[] }> {
  const { record, meta } = job;
  const pairs = new RowPairs(record.rows);
  const shared = new Map(others.map((id) => [id, 0]));
  // One bucket's customer-number tokens → the first row holding each (numbers, no strings: decision 071).
  const firstOf = new TokenTable();
  const read = (bucket: number) => {
    const prefix = indexPrefix(record.id, 'no', bucket);
    const found = t.index.where(':id').between(prefix, prefix + '\uffff').toArray().then((records) => ({ prefix, records }));
    // Taken where it is awaited; a read left waiting when an earlier bucket fails fails no one.
    found.catch(() => undefined);
    return found;
  };
  // The next buckets are read while this one is counted: the database works beside this thread,
  // and a read's round trip is not waited for bucket after bucket.
  const ahead = Array.from({ length: Math.min(READ_AHEAD, BUCKETS) }, (_, b) => read(b));
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    const { prefix, records } = await ahead.shift()!;
    if (bucket + READ_AHEAD < BUCKETS) ahead.push(read(bucket + READ_AHEAD));
    const segments = records.map((s) => entriesOf(prefix, s));
    // Sized for the bucket's entries up to a point: a list with one number on every line has one token, and the table grows as distinct ones come.
    firstOf.reset(Math.min(RESET_TOKENS, segments.reduce((n, e) => n + e.length / 3, 0)));
    for (const e of segments) {
      for (let i = 0; i < e.length; i += 3) {
        const hi = e[i]!;
        const lo = e[i + 1]!;
        const row = e[i + 2]!;
        const seen = firstOf.get(hi, lo);
        if (seen < 0) firstOf.set(hi, lo, row);
        // A row met again (a damaged store holding a segment twice) is not its own duplicate.
        else if (seen !== row) {
          if (seen < row) pairs.push(row, seen);
          else pairs.push(seen, row);
          if (row < seen) firstOf.set(hi, lo, row);
        }
      }
    }
    if (firstOf.size === 0) continue;
    for (const other of others) {
      const p = indexPrefix(other, 'no', bucket);
      firstOf.clearMarks();
      let found = 0;
      for (const s of await t.index.where(':id').between(p, p + '\uffff').toArray()) {
        const e = storedEntries(s);
        // Another list's damaged index counts none of its customers here; a lookup there says it needs rebuilding.
        if (!e) continue;
        for (let i = 0; i < e.length; i += 3) if (firstOf.mark(e[i]!, e[i + 1]!)) found++;
      }
      shared.set(other, shared.get(other)! + found);
    }
  }
  const overlaps = [...shared].filter(([, n]) => n > 0).map(([datasetId, customers]) => ({ datasetId, customers }));
  if (pairs.length === 0) return { issues: [], duplicates: 0, statuses: [], overlaps };
  // The rows are opened block by block in row order, each block at most once a walk: first the
  // earlier rows of the pairs (their normalized numbers kept, as UTF-16 units in one typed
  // array, with their lines), then the later ones in line order, each compared with its
  // earlier row's number. Blocks opened
  // as the pairs came (sorted by the later row) reopened a block for nearly every pair when
  // the first rows lay in more blocks than could be kept open: a list of one line per order.
  let openedBlock = -1;
  let opened: ContactRow[] = [];
  const rowAt = async (row: number) => {
    const block = Math.floor(row / BLOCK_ROWS);
    if (block !== openedBlock) {
      const rec = await t.blocks.get(blockId(record.id, block));
      opened = rec ? await openBlock(job.dataKey, rec.id, rec.sealed, block * BLOCK_ROWS) : [];
      openedBlock = block;
    }
    return opened[row - block * BLOCK_ROWS]!;
  };
  const firsts = pairs.earlierRows();
  const firstNo = new TextPool(firsts.length);
  const firstLine = new Uint32Array(firsts.length);
  for (let i = 0; i < firsts.length; i++) {
    const f = await rowAt(firsts[i]!);
    firstNo.add(normalizeCustomerNo(f.customerNo));
    firstLine[i] = f.line;
  }
  const issues: ImportIssue[] = [];
  let duplicates = 0;
  const changed = new Map<number, StatusRecord>();
  pairs.sort();
  let confirmed = -1;
  for (let p = 0; p < pairs.length; p++) {
    const dup = pairs.later(p);
    // A row already confirmed (a damaged store holding a segment twice pairs it again) is counted once.
    if (dup === confirmed) continue;
    const d = await rowAt(dup);
    const f = indexOf(firsts, pairs.earlier(p));
    if (!firstNo.is(f, normalizeCustomerNo(d.customerNo))) continue;
    confirmed = dup;
    duplicates++;
    if (issues.length < MAX_LISTED_ISSUES) issues.push({ code: 'customer-no-duplicated', severity: 'warning', line: d.line, column: customerNoColumn + 1, firstLine: firstLine[f]! });
    const block = Math.floor(dup / STATUS_ROWS);
    if (!changed.has(block)) changed.set(block, (await t.status.get(blockId(record.id, block)))!);
    const s = changed.get(block)!;
    const i = dup - block * STATUS_ROWS;
    if (s.avail[i]! & AVAIL_DUPLICATE) continue;
    const base = s.segment[i]! * TOTAL_CELLS;
    meta.cells![base + cellOf(s.words[i]!)]! -= 1;
    s.avail[i] = s.avail[i]! | AVAIL_DUPLICATE;
    s.words[i] = initialStatus(s.avail[i]!, meta.channelOrder);
    meta.cells![base + cellOf(s.words[i]!)]! += 1;
  }
  // Written by the caller together with the dataset record, so the totals match.
  return { issues, duplicates, statuses: [...changed.values()], overlaps };
}

/** Where `row` is in the sorted `rows` (it is there). */
function indexOf(rows: Uint32Array, row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Texts kept as UTF-16 units in one typed array (the first rows' normalized numbers: ~10 units
 * each), compared exactly. A string each would be an object per customer; a hash of each would
 * let two numbers whose tokens and hashes both collide exclude a customer wrongly.
 */
class TextPool {
  private units = new Uint16Array(1024);
  private used = 0;
  private readonly starts: Uint32Array;
  private count = 0;

  constructor(texts: number) {
    this.starts = new Uint32Array(texts + 1);
  }

  add(text: string): void {
    if (this.used + text.length > this.units.length) {
      const grown = new Uint16Array(Math.max(this.units.length * 2, this.used + text.length));
      grown.set(this.units.subarray(0, this.used));
      this.units = grown;
    }
    for (let k = 0; k < text.length; k++) this.units[this.used++] = text.charCodeAt(k);
    this.starts[++this.count] = this.used;
  }

  /** Whether the i-th text added is `text`. */
  is(i: number, text: string): boolean {
    const from = this.starts[i]!;
    if (this.starts[i + 1]! - from !== text.length) return false;
    for (let k = 0; k < text.length; k++) if (this.units[from + k] !== text.charCodeAt(k)) return false;
    return true;
  }
}
