/**
 * The import, start to finish, as the worker runs it (and the unit tests, on
 * fake-indexeddb): read → decode → parse → check → commit in chunks → duplicates →
 * staged. A dataset becomes visible only when the main thread appends its
 * `contacts.dataset-imported` event (see contact-engine.ts); until then it is an import
 * job that can be resumed or discarded, never half a dataset.
 */
import { DEFAULT_CHANNEL_ORDER, type Channel, type ColumnMapping, type Delimiter, type FileEncoding, type ImportIssue, MAX_SEGMENTS } from '../../../shared/contacts/model';
import { type CsvRecord, CsvRecordStream, CsvStreamError } from '../../../shared/contacts/csv-stream';
import { Tokenizer } from '../../../shared/contacts/tokens';
import { checkHeader, checkRecord, columnNames, guessFromRows, guessMapping, isBlankRecord, looksLikeColumnNames, looksLikeData, MAX_LISTED_ISSUES, namedWidth } from '../../../shared/contacts/validate';
import { openJson, sealJson } from '../../../shared/vault/cipher';
import type { HonbuDb } from '../data/db';
import { datasetAad, discardDataset, type ImportJob, markDuplicates, sealPrepared, writeChunk } from './import-commit';
import { ChunkBuilder, type ImportTimings, newTimings } from './chunk-builder';
import { openText, readHead, type TextSource } from './file-reader';
import { type ChunkSealer, type EncodedBlock, localSealer } from './chunk-seal';
import { BLOCK_ROWS, contactTables, IMPORT_COMMIT_ROWS, type DatasetMeta, type DatasetRecord } from './tables';

/** A commit size as whole blocks of rows (at least one): a block is sealed and written whole, in one chunk. */
export const wholeBlocks = (rows: number): number => Math.max(1, Math.ceil(rows / BLOCK_ROWS)) * BLOCK_ROWS;

/** Lets the thread's queued events run (a message channel: no timer's clamp), then goes on. */
function nextTask(): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  return new Promise<void>((ok) => {
    port1.onmessage = () => {
      port1.close();
      ok();
    };
    port2.postMessage(null);
  });
}

/** A cancel asked for ends the import here (the catch below discards what was written). */
function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
}

export interface ImportRequest {
  incidentId: string;
  mapping: ColumnMapping;
  /** Overrides detection. */
  encoding?: FileEncoding;
  /** The field separator; detected from the start of the file when not given. */
  delimiter?: Delimiter;
  channelOrder?: Channel[];
  maxRetries?: number;
  fileName?: string;
  /** The file has no header line: its first line is a customer (columns named 列1, 列2 …). A resume keeps what the import began with. */
  noHeader?: boolean;
  /** With noHeader: how many columns the list has (the preview's width); else the first line's. */
  columns?: number;
  /** Continue this unfinished import (the same file) instead of starting a new one. */
  resumeId?: string;
  /**
   * Import the same file as another laptop did, under the dataset id of its
   * `contacts.dataset-imported` event (see ContactEngine.adoptRequest / commitAdopted).
   */
  adoptId?: string;
  /**
   * Rows per commit; smaller in tests. Rounded up to whole blocks (wholeBlocks): a chunk
   * ending inside a block made the next chunk overwrite that block, its statuses and the
   * chunk's index segments (the same ids), so lookups counted rows they could not show.
   */
  commitRows?: number;
  /** Fault injection for tests: stop as if killed once this many rows are committed. */
  stopAfterRows?: number;
}

export interface ImportProgress {
  datasetId: string;
  rows: number;
  bytes: number;
  totalBytes: number;
  rowsPerSecond: number;
  etaSeconds: number | null;
  resumedFrom: number;
}

export type ImportResult =
  | {
      ok: true; datasetId: string; rows: number; contentHash: string; warnings: ImportIssue[]; warningCount: number; duplicates: number; resumedFrom: number; timings?: ImportTimings;
      /** Other lists of the incident (here) holding some of the same customer numbers: how many. */
      overlaps?: { datasetId: string; customers: number }[];
    }
  | {
      ok: false; reason: 'invalid' | 'cancelled' | 'resume-mismatch' | 'interrupted' | 'hash-mismatch' | 'declined' | 'no-space' | 'lists-full'; datasetId?: string; errors: ImportIssue[]; errorCount: number; warnings: ImportIssue[]; warningCount: number;
      /** With `no-space`: what the rest of the list needs (an estimate) and what the browser says is free (null: unknown). */
      space?: SpaceShortage;
    };

export interface SpaceShortage {
  neededBytes: number;
  freeBytes: number | null;
  /** Rows already stored: the import resumes from there once space is freed. */
  committedRows: number;
}

/** IndexedDB (or Dexie wrapping it) refusing a write because the disk or the origin's quota is full. */
export function isQuotaError(e: unknown): boolean {
  for (let x = e as { name?: string; inner?: unknown } | undefined, depth = 0; x && depth < 4; x = x.inner as typeof x, depth++) {
    if (x.name === 'QuotaExceededError' || x.name === 'DiskFull') return true;
  }
  return false;
}

/**
 * Space the rest of an import needs: the stored list is at most the CSV's size (blocks
 * are deflated; measured ~0.8×, decision 021), so the unread part of the file plus the
 * part whose rows were read but not committed, and a fifth for the index and statuses.
 */
export function spaceNeeded(fileBytes: number, bytesRead: number, rowsRead: number, committedRows: number): number {
  const perRow = rowsRead > 0 ? bytesRead / rowsRead : 0;
  const uncommitted = Math.max(0, fileBytes - committedRows * perRow);
  return Math.ceil(uncommitted * 1.2);
}

async function freeSpace(): Promise<number | null> {
  try {
    const est = await (globalThis.navigator as Navigator | undefined)?.storage?.estimate?.();
    return est?.quota !== undefined && est.usage !== undefined ? Math.max(0, est.quota - est.usage) : null;
  } catch {
    return null;
  }
}

class Interrupted extends Error {}

export interface ImportKeys {
  data: CryptoKey;
  bulkIndex: Uint8Array;
}

export interface Peek {
  encoding: FileEncoding;
  bom: boolean;
  /** The separator used (detected unless given). */
  delimiter: Delimiter;
  /** False when no separator splits the first line (a one-column file) or it was given. */
  delimiterDetected: boolean;
  header: string[];
  rows: string[][];
  /** Physical line of each of `rows`. */
  rowLines: number[];
  guess: ColumnMapping;
  /** The file's first line holds an e-mail address, a phone number or a postcode: a customer, not column names (looksLikeData). */
  firstLineLooksLikeData: boolean;
  /** The file's first line names columns the mapping knows (looksLikeColumnNames). */
  firstLineLooksLikeNames: boolean;
  /** A problem within the part read; the rows before it are still shown. */
  error?: ImportIssue;
}

/** How much of the file the preview reads. */
const PEEK_BYTES = 1024 * 1024;

/** The first rows for the mapping screen (nothing is stored). */
export async function peekFile(file: Blob, encoding?: FileEncoding, rows = 20, delimiter?: Delimiter, noHeader = false): Promise<Peek> {
  const head = await readHead(file, encoding);
  const base = { encoding: head.encoding, bom: head.bom, delimiter: delimiter ?? ',', delimiterDetected: false, header: [], rows: [], rowLines: [], guess: { fields: {}, extra: [] }, firstLineLooksLikeData: false, firstLineLooksLikeNames: false };
  if (head.empty) return { ...base, error: { code: 'empty-file', severity: 'error', line: 1, column: 0 } };
  const text = await openText(file.slice(0, PEEK_BYTES), head.encoding);
  // A cut file's last record is partial: never "final", so it is neither parsed nor judged.
  const whole = file.size <= PEEK_BYTES;
  const csv = new CsvRecordStream({ delimiter });
  const records: CsvRecord[] = [];
  let error: ImportIssue | undefined;
  try {
    for (;;) {
      const { value, done } = await text.reader.read();
      records.push(...csv.push(value ?? '', done && whole));
      if (done || records.length > rows) break;
    }
  } catch (e) {
    if (!(e instanceof CsvStreamError)) throw e;
    records.push(...e.before);
    error = e.issue;
  } finally {
    await text.cancel();
  }
  const first = records[0]?.cells ?? [];
  const shown = noHeader ? records.slice(0, rows) : records.slice(1, rows + 1);
  // Without column names the list is as wide as most of its first rows, not as its first line.
  const header = noHeader && records.length > 0 ? columnNames(commonWidth(shown.map((r) => r.cells.length))) : first;
  return {
    ...base,
    delimiter: csv.delimiter,
    delimiterDetected: csv.wasDetected,
    header,
    rows: shown.map((r) => r.cells),
    rowLines: shown.map((r) => r.line),
    guess: noHeader ? guessFromRows(header.length, shown.map((r) => r.cells)) : guessMapping(header),
    firstLineLooksLikeData: looksLikeData(first),
    firstLineLooksLikeNames: looksLikeColumnNames(first),
    ...(error ? { error } : {}),
  };
}

/** The most common of these widths (the wider on a tie). */
function commonWidth(widths: number[]): number {
  const count = new Map<number, number>();
  for (const w of widths) count.set(w, (count.get(w) ?? 0) + 1);
  let best = widths[0] ?? 1;
  for (const [w, n] of count) if (n > (count.get(best) ?? 0) || (n === count.get(best) && w > best)) best = w;
  return best;
}

function fail(reason: 'invalid' | 'cancelled' | 'resume-mismatch' | 'interrupted' | 'no-space', errors: ImportIssue[], errorCount: number, warnings: ImportIssue[] = [], warningCount = 0): ImportResult {
  return { ok: false, reason, errors: errors.slice(0, MAX_LISTED_ISSUES), errorCount, warnings, warningCount };
}

export async function runImport(
  db: HonbuDb,
  keys: ImportKeys,
  file: Blob,
  req: ImportRequest,
  onProgress: (p: ImportProgress) => void = () => undefined,
  signal?: AbortSignal,
  /** Where chunks' blocks are compressed and sealed; in this thread unless the caller has a second worker. */
  sealer?: ChunkSealer,
): Promise<ImportResult> {
  const t = contactTables(db);
  // Keyed: the head's hash stays in clear on the dataset record (to resume an import).
  const head = await readHead(file, req.encoding, keys.bulkIndex);
  if (head.empty) return fail('invalid', [{ code: 'empty-file', severity: 'error', line: 1, column: 0 }], 1);

  let record: DatasetRecord;
  let meta: DatasetMeta;
  if (req.resumeId) {
    const found = await t.datasets.get(req.resumeId);
    if (!found || found.state === 'complete' || found.fileSize !== file.size) return fail('resume-mismatch', [], 0);
    // An import left unfinished by a version before the hash was keyed holds a plain SHA-256.
    const same = found.headHash === head.headHash || found.headHash === (await readHead(file, req.encoding)).headHash;
    if (!same) return fail('resume-mismatch', [], 0);
    record = { ...found, headHash: head.headHash };
    meta = await openJson<DatasetMeta>(keys.data, found.sealed, datasetAad(found.id));
  } else {
    // Adopting: ContactEngine.adoptRequest cleared any partial attempt; a record still here is complete.
    if (req.adoptId && (await t.datasets.get(req.adoptId))) return fail('resume-mismatch', [], 0);
    record = { id: req.adoptId ?? crypto.randomUUID(), incidentId: req.incidentId, state: 'importing', fileSize: file.size, headHash: head.headHash, committedRows: 0, rows: 0, sealed: new Uint8Array() };
    meta = {
      fileName: req.fileName ?? (file as File).name ?? '',
      encoding: head.encoding,
      delimiter: req.delimiter,
      header: [],
      ...(req.noHeader ? { noHeader: true as const } : {}),
      mapping: req.mapping,
      channelOrder: req.channelOrder ?? DEFAULT_CHANNEL_ORDER,
      maxRetries: req.maxRetries ?? 3,
      segments: [],
      warnings: [],
      warningCount: 0,
      cells: [],
      ...(req.adoptId ? { adopted: true } : {}),
    };
  }
  const resumedFrom = record.committedRows;
  const job: ImportJob = { record, meta, dataKey: keys.data, sealer: sealer ?? localSealer };
  const errors: ImportIssue[] = [];
  let errorCount = 0;
  const warn = (issues: ImportIssue[]) => {
    for (const i of issues) {
      if (i.severity === 'error') {
        errorCount++;
        if (errors.length < MAX_LISTED_ISSUES) errors.push(i);
      } else {
        meta.warningCount++;
        if (meta.warnings.length < MAX_LISTED_ISSUES) meta.warnings.push(i);
      }
    }
  };
  // Warnings of rows already committed were saved with them; they are found again while
  // skipping, so start the list from scratch.
  meta.warnings = [];
  meta.warningCount = 0;

  // Its key is zeroed when the import ends, however it ends (here, or in the finally below).
  const tokenizer = await Tokenizer.create(keys.bulkIndex);
  let text: TextSource;
  try {
    text = await openText(file, meta.encoding);
  } catch (e) {
    tokenizer.forget();
    throw e;
  }
  const csv = new CsvRecordStream({ delimiter: meta.delimiter });
  const commitRows = wholeBlocks(req.commitRows ?? IMPORT_COMMIT_ROWS);
  const timings = newTimings();
  const started = performance.now();
  let lastReport = 0;
  let header: string[] | null = null;
  // Fewest cells a line may have: unnamed columns after the last named one may be left off.
  let minWidth = 0;
  let rowNo = 0;
  // The chunk's own time (tokens, packing, statuses), kept apart from checking.
  const builtMs = () => timings.tokensMs + timings.sealMs + timings.indexMs;
  // Segment names as the rows read so far number them; the stored meta takes them chunk by chunk as written.
  const segments = [...meta.segments];
  // Beyond MAX_SEGMENTS distinct ones, a row's new segment is left out, with a warning on its line.
  const knownSegments = new Set(segments);
  // The chunk being read: its rows are packed, tokenised and let go block by block; its
  // arrays grow as it fills (a small file does not hold room for a whole commit).
  // Blocks go to the sealer as they are packed (decision 054). One it fails (the second
  // worker crashed) stops the reading at the next row: the chunk could not be written anyway.
  const handOverFailed: { error: unknown }[] = [];
  let handedOver = false;
  const handOver = (first: number, blocks: EncodedBlock[]) => {
    const sealed = job.sealer(first, blocks, job.dataKey);
    sealed.catch((error: unknown) => void handOverFailed.push({ error }));
    handedOver = true;
    return sealed;
  };
  const newChunk = (first: number) => new ChunkBuilder(record.id, meta.channelOrder, segments, tokenizer, first, Math.min(commitRows, 8 * BLOCK_ROWS), handOver, timings);
  let chunk = newChunk(resumedFrom);
  // Chunk n is written while chunk n + 1 is read, its blocks sealed in the second worker as
  // they are made: each thread and the database work at once. Writes are chained in file
  // order; a failed write stops every later one (they never start) and reaches the parse loop
  // at its next flush.
  let pending: Promise<void> = Promise.resolve();
  let writtenBefore: Promise<void> = Promise.resolve();
  let sealing: Promise<unknown> = Promise.resolve();
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < 200) return;
    lastReport = now;
    const secs = (now - started) / 1000;
    const bytes = text.bytes();
    const rate = secs > 0 ? bytes / secs : 0;
    onProgress({
      datasetId: record.id,
      rows: rowNo,
      bytes,
      totalBytes: file.size,
      rowsPerSecond: secs > 0 ? Math.round((rowNo - resumedFrom) / secs) : 0,
      etaSeconds: rate > 0 ? Math.max(0, (file.size - bytes) / rate) : null,
      resumedFrom,
    });
  };
  const flush = async () => {
    const full = chunk;
    if (full.rows === 0) return;
    chunk = newChunk(full.first + full.rows);
    // Its last blocks go to the sealer now; the rest went as they were made.
    const prepared = full.finish();
    const w0 = performance.now();
    await sealing;
    await writtenBefore;
    timings.waitMs += performance.now() - w0;
    const sealedChunk = sealPrepared(prepared, timings);
    sealing = sealedChunk.catch(() => undefined);
    writtenBefore = pending;
    pending = pending
      .then(() => sealedChunk)
      .then((s) => writeChunk(t, job, prepared, s, timings))
      .then(() => {
        if (req.stopAfterRows !== undefined && record.committedRows >= req.stopAfterRows) throw new Interrupted();
      });
    // Its failure is taken where it is awaited (the next flushes, the end, the catch below).
    pending.catch(() => undefined);
  };

  try {
    for (;;) {
      stopIfCancelled(signal);
      let t0 = performance.now();
      const { value, done } = await text.reader.read();
      timings.readMs += performance.now() - t0;
      t0 = performance.now();
      let records: CsvRecord[];
      // A broken record ends the import, but the rows before it are checked first, so the
      // report is the same however the file was cut into chunks.
      let broken: CsvStreamError | undefined;
      try {
        records = csv.push(value ?? '', done);
      } catch (e) {
        if (!(e instanceof CsvStreamError)) throw e;
        records = e.before;
        broken = e;
      }
      timings.parseMs += performance.now() - t0;
      t0 = performance.now();
      let built = builtMs();
      for (const rec of records) {
        if (handOverFailed.length > 0) {
          // A cancel asked meanwhile is still a cancel (the list is discarded), not a failure.
          stopIfCancelled(signal);
          throw handOverFailed[0]!.error;
        }
        if (!header) {
          // Without a header line the first line is a customer: its columns are named, and it is read as a row below.
          // A resume takes the names the import began with (the stored width).
          header = meta.noHeader ? (meta.header.length > 0 ? meta.header : columnNames(req.columns ?? rec.cells.length)) : rec.cells;
          const checked = checkHeader(header, meta.mapping, rec.line);
          const hi = checked.filter((i) => i.severity === 'error');
          // Ticked as having no column names, a file whose first line names them would make that line a customer called 「氏名」.
          if (meta.noHeader && resumedFrom === 0 && looksLikeColumnNames(rec.cells)) hi.push({ code: 'first-line-names', severity: 'error', line: rec.line, column: 0 });
          if (hi.length) return fail('invalid', hi, hi.length);
          warn(checked.filter((i) => i.severity === 'warning'));
          minWidth = namedWidth(header);
          meta.header = header;
          if (!meta.noHeader) continue;
        }
        // A line of separators only — Excel writes one for every row whose cells were
        // cleared — names nobody: skipped (with its line in the report) rather than refusing
        // the list for a missing customer number. Skipped before numbering, so the row
        // ordinals are the same on every laptop that imports the file.
        if (isBlankRecord(rec.cells)) {
          warn([{ code: 'blank-row', severity: 'warning', line: rec.line, column: 0 }]);
          continue;
        }
        const row = rowNo++;
        const { row: checked, issues, keys } = checkRecord(rec.cells, header.length, meta.mapping, rec.line, row, minWidth);
        if (issues.length) {
          if (!req.encoding) for (const i of issues) if (i.code === 'encoding-invalid' && meta.encoding === 'utf-8') i.code = 'encoding-mixed';
          warn(issues);
        }
        if (checked && checked.segment !== '' && !knownSegments.has(checked.segment)) {
          if (knownSegments.size >= MAX_SEGMENTS) {
            warn([{ code: 'segment-too-many', severity: 'warning', line: rec.line, column: (meta.mapping.fields.segment ?? -1) + 1 }]);
            checked.segment = '';
          } else knownSegments.add(checked.segment);
        }
        // Rows committed before a crash are checked again (their warnings belong to the
        // report) but not stored twice.
        if (row < resumedFrom) continue;
        // After the first error only checking goes on: the import will fail anyway.
        if (errorCount === 0 && checked) {
          chunk.add(checked, keys!);
          if (handedOver) {
            // Once per hand-over (8,000 rows), this thread hears its events: a sealer's failure,
            // or the answers. A file already in memory is otherwise read to the chunk's end
            // without a pause.
            handedOver = false;
            const e0 = performance.now();
            await nextTask();
            const spent = performance.now() - e0;
            timings.eventsMs += spent;
            t0 += spent;
          }
          if (chunk.rows >= commitRows) {
            timings.checkMs += performance.now() - t0 - (builtMs() - built);
            await flush();
            t0 = performance.now();
            built = builtMs();
          }
        }
      }
      timings.checkMs += performance.now() - t0 - (builtMs() - built);
      if (broken) throw broken;
      report();
      if (done) break;
    }
    if (!header) return fail('invalid', [{ code: 'empty-file', severity: 'error', line: 1, column: 0 }], 1);
    if (rowNo === 0) return fail('invalid', [{ code: 'no-rows', severity: 'error', line: csv.line, column: 0 }], 1);
    if (errorCount > 0) {
      await pending.catch(() => undefined);
      await discardDataset(t, record.id);
      return fail('invalid', errors, errorCount, meta.warnings, meta.warningCount);
    }
    await flush();
    await pending;
    // A cancel while the last chunks were sealed and written (the file was all read) is a
    // cancel still: the list is discarded, not staged and committed.
    stopIfCancelled(signal);
    report(true);
    // Separator as used, so another laptop adopting the file splits it the same way.
    meta.delimiter = csv.delimiter;
    const others = (await t.datasets.where('incidentId').equals(record.incidentId).toArray()).filter((d) => d.state === 'complete' && d.id !== record.id);
    const d0 = performance.now();
    const dups = await markDuplicates(t, job, meta.mapping.fields.customerNo ?? 0, others.map((d) => d.id));
    timings.duplicatesMs = performance.now() - d0;
    meta.warnings = [...dups.issues, ...meta.warnings].slice(0, MAX_LISTED_ISSUES);
    meta.warningCount += dups.duplicates;
    meta.contentHash = text.contentHash();
    stopIfCancelled(signal);
    record.state = 'staged';
    record.sealed = await sealJson(keys.data, meta, datasetAad(record.id));
    await db.transaction('rw', [t.datasets, t.status], async () => {
      await t.status.bulkPut(dups.statuses);
      await t.datasets.put(record);
    });
    return {
      ok: true,
      datasetId: record.id,
      rows: record.rows,
      contentHash: meta.contentHash,
      warnings: meta.warnings,
      warningCount: meta.warningCount,
      duplicates: dups.duplicates,
      overlaps: dups.overlaps,
      resumedFrom,
      timings,
    };
  } catch (e) {
    await text.cancel();
    if (!(e instanceof Interrupted)) await pending.catch(() => undefined);
    if (e instanceof Interrupted) return { ...fail('interrupted', [], 0), datasetId: record.id } as ImportResult;
    // The disk or the browser's quota is full: the chunk being written was rolled back as a
    // whole, the rows committed before stay, and the job resumes once space is freed.
    if (isQuotaError(e)) {
      const committed = (await t.datasets.get(record.id).catch(() => undefined))?.committedRows ?? resumedFrom;
      const space = { neededBytes: spaceNeeded(file.size, text.bytes(), rowNo, committed), freeBytes: await freeSpace(), committedRows: committed };
      return { ...fail('no-space', [], 0), datasetId: record.id, space } as ImportResult;
    }
    if (e instanceof CsvStreamError) {
      await discardDataset(t, record.id);
      return fail('invalid', [e.issue, ...errors], errorCount + 1, meta.warnings, meta.warningCount);
    }
    if ((e as Error).name === 'AbortError') {
      await discardDataset(t, record.id);
      return fail('cancelled', [], 0);
    }
    throw e;
  } finally {
    // The bulk-index key is not kept past the import.
    tokenizer.forget();
    await text.cancel();
  }
}
