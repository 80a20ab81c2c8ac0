/**
 * An import chunk made as its rows are read: every BLOCK_ROWS rows the block is packed (JSON,
 * then UTF-8), its keys tokenised and its statuses set, and the rows are let go. The chunk
 * then holds typed arrays, not 200,000 row objects and their keys: held until the chunk was
 * sealed and written, those outlived the young generation and the import worker spent a
 * fifth of its time collecting them (decision 053).
 *
 * The packed blocks are handed to the sealer HANDOVER_BLOCKS at a time as they are made, not
 * when the chunk is full: the second worker compresses and seals while this one reads on, so
 * it no longer idles while the first chunk is read and the import no longer waits, at the end,
 * for a whole chunk to be sealed (decision 054).
 */
import { AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST, cellOf, initialStatus, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import type { Channel, ContactRow } from '../../../shared/contacts/model';
import type { NormalisedKeys, Tokenizer } from '../../../shared/contacts/tokens';
import { utf8Owned } from '../../../shared/vault/bytes';
import { packBlock } from './block-codec';
import type { EncodedBlock, SealedBlocks } from './chunk-seal';
import { type IndexPart, IndexPartsBuilder } from './index-build';
import { BLOCK_ROWS, blockId, STATUS_ROWS, type StatusRecord } from './tables';

/** Where an import spends its time (reported with the result; the benchmark prints it). */
export interface ImportTimings {
  readMs: number;
  parseMs: number;
  checkMs: number;
  /** Initial statuses of the rows. */
  indexMs: number;
  /** Packing blocks (JSON, UTF-8) here; compressing and sealing them runs in the sealer. */
  sealMs: number;
  writeMs: number;
  /** The parse loop waiting for the previous chunk (sealed elsewhere, then written): time this thread idles. */
  waitMs: number;
  /** From the end of a chunk's rows until the sealer had given back all its blocks (they are handed over as they are made). */
  sealerMs: number;
  /** Tokenising the keys (here, block by block as the rows are read). */
  tokensMs: number;
  /** The sealer's own time compressing + sealing the blocks (inside sealerMs). */
  blocksMs: number;
  /** The end-of-import pass: duplicated numbers, and customers shared with other lists. */
  duplicatesMs: number;
  /** This thread running its queued events once per hand-over: the writes' callbacks, the sealer's answers (decision 054). */
  eventsMs: number;
}
export const newTimings = (): ImportTimings => ({ readMs: 0, parseMs: 0, checkMs: 0, indexMs: 0, sealMs: 0, writeMs: 0, waitMs: 0, sealerMs: 0, tokensMs: 0, blocksMs: 0, duplicatesMs: 0, eventsMs: 0 });

/**
 * One chunk ready to seal: its statuses, its blocks packed and encoded, its index parts, and
 * the status counts it adds (applied to the job's totals only when it is written, so the
 * totals sealed with a chunk always count exactly the rows committed, whatever chunks are on
 * their way).
 */
export interface PreparedChunk {
  first: number;
  rows: number;
  /** The chunk's blind-index entries by (kind, bucket). */
  parts: IndexPart[];
  /**
   * The chunk's rows' statuses, one piece per status record they fall in (decision 044). The
   * first piece continues the stored record when the chunk starts inside one (writeChunk joins them).
   */
  statuses: StatusRecord[];
  /** The id of each customer block of BLOCK_ROWS rows, in order. */
  blocks: string[];
  /** Those blocks compressed and sealed, in the same order (by the sealer they were handed to). */
  sealed: Promise<SealedBlocks>;
  /** [cell index, count, …] added by this chunk. */
  cells: number[];
  /**
   * The list's segment names as numbered up to this chunk's last row: the stored meta takes the
   * new ones when the chunk is written, so an import stopped earlier names only segments of
   * rows it committed.
   */
  segments: string[];
}

/** Blocks handed to the sealer at once: a message per 8,000 rows, and at most that much the sealer has not had yet. */
export const HANDOVER_BLOCKS = 8;

/** Where a chunk's packed blocks go as they are made: the sealer, bound to the import's key. Their bytes may be moved away. */
export type HandOver = (first: number, blocks: EncodedBlock[]) => Promise<SealedBlocks>;

/** A chunk of rows from `first` (a block's first row), added one by one in row order. */
export class ChunkBuilder {
  private readonly index: IndexPartsBuilder;
  /** Packed blocks not handed over yet. */
  private waiting: EncodedBlock[] = [];
  private readonly ids: string[] = [];
  /** Each hand-over: how many blocks it gave, and their sealed bytes to come. */
  private readonly handed: { count: number; sealed: Promise<SealedBlocks> }[] = [];
  private readonly counts = new Map<number, number>();
  private avail: Uint8Array;
  private segment: Uint16Array;
  /** Segment name → its number (a list names at most MAX_SEGMENTS): no search of the names per row. */
  private readonly segmentIndex = new Map<string, number>();
  private words: Uint16Array;
  private block: ContactRow[] = [];
  private keys: NormalisedKeys[] = [];
  private n = 0;

  /**
   * `segments`: the import's segment names so far, shared by its chunks and grown as rows name
   * new ones (it starts as the stored meta's, on a resume).
   */
  constructor(
    private readonly datasetId: string,
    private readonly channelOrder: Channel[],
    private readonly segments: string[],
    tokenizer: Tokenizer,
    readonly first: number,
    expectRows: number,
    private readonly handOver: HandOver,
    private readonly timings: ImportTimings = newTimings(),
  ) {
    this.index = new IndexPartsBuilder(tokenizer, undefined, expectRows);
    this.avail = new Uint8Array(expectRows);
    this.segment = new Uint16Array(expectRows);
    this.words = new Uint16Array(expectRows);
  }

  /** Rows added so far. */
  get rows(): number {
    return this.n + this.block.length;
  }

  /** The next row (its `row` is first + rows) and its normalised keys. */
  add(row: ContactRow, keys: NormalisedKeys): void {
    if (row.row !== this.first + this.rows) throw new Error('contacts: an import chunk takes its rows in order');
    this.block.push(row);
    this.keys.push(keys);
    if (this.block.length === BLOCK_ROWS) this.closeBlock();
  }

  /** The chunk as it stands, its last blocks handed over; the builder is not used afterwards. */
  finish(): PreparedChunk {
    // Blocks and the chunk's index segments are named by their first block: a chunk starting
    // inside a block would overwrite the previous chunk's (nothing is written).
    if (this.first % BLOCK_ROWS !== 0) throw new Error('contacts: an import chunk must start at a block boundary');
    if (this.block.length > 0) this.closeBlock();
    this.send();
    const handed = this.handed;
    const sealed = Promise.all(handed.map((h) => h.sealed)).then((parts) => {
      // A sealer that answers a hand-over with another number of blocks than it was given
      // would shift every later block onto the wrong rows: the chunk is not written.
      if (parts.some((p, i) => p.sealed.length !== handed[i]!.count)) throw new Error('contacts: the sealer returned a chunk without all its blocks');
      return { sealed: parts.flatMap((p) => p.sealed), blocksMs: parts.reduce((sum, p) => sum + (p.blocksMs ?? 0), 0) };
    });
    // Taken where the chunk is written; a chunk never written (an earlier write failed, a cancel) fails no one.
    sealed.catch(() => undefined);
    const t0 = performance.now();
    const statuses: StatusRecord[] = [];
    for (let at = this.first; at < this.first + this.n; ) {
      const block = Math.floor(at / STATUS_ROWS);
      const end = Math.min(this.first + this.n, (block + 1) * STATUS_ROWS);
      const [from, to] = [at - this.first, end - this.first];
      statuses.push({ id: blockId(this.datasetId, block), datasetId: this.datasetId, block, avail: this.avail.slice(from, to), segment: this.segment.slice(from, to), words: this.words.slice(from, to) });
      at = end;
    }
    this.timings.indexMs += performance.now() - t0;
    const t1 = performance.now();
    const parts = this.index.parts();
    this.timings.tokensMs += performance.now() - t1;
    return { first: this.first, rows: this.n, parts, statuses, blocks: this.ids, sealed, cells: [...this.counts].flat(), segments: [...this.segments] };
  }

  /** The packed blocks not handed over yet go to the sealer (a failure is taken by the chunk's write; the pipeline stops reading at once). */
  private send(): void {
    if (this.waiting.length === 0) return;
    const blocks = this.waiting;
    // Every block before the last of a chunk is whole.
    const first = this.first + (this.ids.length - blocks.length) * BLOCK_ROWS;
    this.waiting = [];
    // Counted before the sealer has them: one that empties the array as it goes must not change the count.
    const count = blocks.length;
    const sealed = this.handOver(first, blocks);
    // A chunk never finished (a cancel, an error) fails no one with it.
    sealed.catch(() => undefined);
    this.handed.push({ count, sealed });
  }

  /** The rows held become a packed block, their tokens and their statuses; the rows are let go. */
  private closeBlock(): void {
    const rows = this.block;
    const keys = this.keys;
    this.block = [];
    this.keys = [];
    let t0 = performance.now();
    const base = this.n;
    this.room(base + rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const k = keys[i]!;
      const avail = (r.address.trim() ? AVAIL_POST : 0) | (k.email ? AVAIL_EMAIL : 0) | (k.phone ? AVAIL_PHONE : 0);
      let segment = this.segmentIndex.get(r.segment) ?? this.segments.indexOf(r.segment);
      if (segment < 0) segment = this.segments.push(r.segment) - 1;
      this.segmentIndex.set(r.segment, segment);
      const word = initialStatus(avail, this.channelOrder);
      this.avail[base + i] = avail;
      this.segment[base + i] = segment;
      this.words[base + i] = word;
      const cell = segment * TOTAL_CELLS + cellOf(word);
      this.counts.set(cell, (this.counts.get(cell) ?? 0) + 1);
    }
    this.timings.indexMs += performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < keys.length; i++) this.index.add(this.first + base + i, keys[i]!);
    this.timings.tokensMs += performance.now() - t0;
    t0 = performance.now();
    const id = blockId(this.datasetId, (this.first + base) / BLOCK_ROWS);
    this.ids.push(id);
    this.waiting.push({ id, plain: utf8Owned(packBlock(rows)) });
    this.timings.sealMs += performance.now() - t0;
    this.n += rows.length;
    if (this.waiting.length >= HANDOVER_BLOCKS) this.send();
  }

  /** Status arrays with room for `rows` (a chunk may be given more rows than it expected). */
  private room(rows: number): void {
    if (rows <= this.avail.length) return;
    const size = Math.max(rows, this.avail.length * 2);
    const grow = <A extends Uint8Array | Uint16Array>(a: A): A => {
      const out = new (a.constructor as new (n: number) => A)(size);
      out.set(a);
      return out;
    };
    this.avail = grow(this.avail);
    this.segment = grow(this.segment);
    this.words = grow(this.words);
  }
}
