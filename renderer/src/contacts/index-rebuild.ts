/**
 * Rebuilding a list's search index from its rows (decision 039, addendum): the way out when a
 * lookup finds the index damaged (IndexDamagedError — an unreadable or forged merged page).
 * The rows are the truth and the index is derived from them, so nothing else is touched:
 * blocks, statuses, totals, events and batches stay as they are.
 *
 * 1. One write flags the list (`indexRebuild`, in the dataset record) and removes every index
 *    record of it: from then on a lookup in that list says its index needs rebuilding rather
 *    than answering from a partial index.
 * 2. The rows are opened a group of blocks at a time (an import's commit unit) and their
 *    tokens written as chunk segments, each group in one write with the flag's progress.
 * 3. One write clears the flag; the background merge (index-merge.ts) merges the segments.
 *
 * Cancelled (the person, a lock) between groups, it leaves the flag and the groups written:
 * the next rebuild goes on from there. A crash is the same. Writes go through the store's
 * queue like any other, so the person's own work is never held by more than one group.
 */
import { normaliseKeys, type NormalisedKeys } from '../../../shared/contacts/tokens';
import { openBlock } from './block-codec';
import type { ContactReader } from './contact-data';
import { buildIndexParts } from './index-build';
import { segmentRecords } from './index-codec';
import { BLOCK_ROWS, COMMIT_ROWS, type DatasetRecord, type IndexRecord, pad } from './tables';

export interface IndexRebuildProgress {
  /** Rows whose tokens are written again, of `total`. */
  rows: number;
  total: number;
}

export interface IndexRebuildOptions {
  onProgress?: (p: IndexRebuildProgress) => void;
  /** The person pressed cancel: stops between groups (what is done stays, the next rebuild goes on). */
  signal?: AbortSignal;
  /** Asked between groups too (the engine disposed on lock). */
  stop?: () => boolean;
  /** Blocks per write; an import's commit unit unless a test asks for less. */
  groupBlocks?: number;
}

/** 'done': every row's tokens are written again; 'stopped': cancelled or locked part way (resumable). */
export type IndexRebuildResult = 'done' | 'stopped';

export async function rebuildIndex(r: ContactReader, datasetId: string, opts: IndexRebuildOptions = {}): Promise<IndexRebuildResult> {
  const { data } = r;
  const t = data.tables;
  const group = opts.groupBlocks ?? COMMIT_ROWS / BLOCK_ROWS;
  const stopped = () => (opts.signal?.aborted ?? false) || (opts.stop?.() ?? false);
  const rec = await t.datasets.get(datasetId);
  if (!rec || rec.state !== 'complete') throw new Error('contacts: only a complete list has a search index to rebuild');
  const total = rec.rows;
  const blocks = Math.ceil(total / BLOCK_ROWS);
  // Blocks whose tokens are written again (a multiple of `group`, or all of them). A mark that
  // is not a whole number of blocks within the list (damaged in IndexedDB) is not trusted: the
  // rebuild starts over, clearing what there is, rather than skip rows and call the index whole.
  const mark: unknown = rec.indexRebuild;
  const sane = (m: unknown): m is { from: number } => {
    const f = (m as { from?: unknown } | null)?.from;
    return typeof m === 'object' && typeof f === 'number' && Number.isInteger(f) && f >= 0 && f % BLOCK_ROWS === 0 && f <= blocks * BLOCK_ROWS;
  };
  let from = sane(mark) ? mark.from / BLOCK_ROWS : 0;
  // Each write goes ahead only if the mark is still what this rebuild last saw or wrote:
  // another rebuild of the list (a session locked mid-write and unlocked, another window)
  // moved it meanwhile, and this one stops rather than write overlapping segments or mark
  // the list again after the other cleared it.
  let seen: unknown = mark;
  let raced = false;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const put = async (update: (now: DatasetRecord) => DatasetRecord, index: IndexRecord[] = [], clear = false) => {
    await data.store.writeDerived({
      tables: ['contact-datasets', 'contact-index'],
      prepare: async () => ({
        write: async () => {
          const now = await t.datasets.get(datasetId);
          if (!now) throw new Error('contacts: the list is gone');
          if (!same(now.indexRebuild, seen)) {
            raced = true;
            return;
          }
          if (clear) {
            // Every record of the list, whatever it holds (a damaged one may name another dataset).
            await t.index.where(':id').between(`${datasetId}|`, `${datasetId}|\uffff`).delete();
            await t.index.where('datasetId').equals(datasetId).delete();
          }
          await t.index.bulkPut(index);
          const next = update(now);
          await t.datasets.put(next);
          seen = next.indexRebuild;
        },
        touched: [
          ['contact-datasets', [datasetId]],
          ['contact-index', index.map((x) => x.id)],
        ],
      }),
    });
    return !raced;
  };
  if (!sane(mark)) {
    if (stopped()) return 'stopped';
    if (!(await put((now) => ({ ...now, indexRebuild: { from: 0 } }), [], true))) return 'stopped';
    from = 0;
  }
  opts.onProgress?.({ rows: Math.min(from * BLOCK_ROWS, total), total });
  for (let first = from; first < blocks; first += group) {
    if (stopped()) return 'stopped';
    const ids = Array.from({ length: Math.min(group, blocks - first) }, (_, i) => `${datasetId}:${pad(first + i)}`);
    const recs = await t.blocks.bulkGet(ids);
    const keys: NormalisedKeys[] = [];
    for (const [i, b] of recs.entries()) {
      if (!b) throw new Error(`contacts: block ${first + i} of a list is missing`);
      for (const row of await openBlock(data.dataKey, b.id, b.sealed, (first + i) * BLOCK_ROWS)) keys.push(normaliseKeys(row));
    }
    // Checked again after the last await: once locked the tokenizer's key is zeroed, and
    // tokens made with it would find nobody.
    if (stopped()) return 'stopped';
    const index = segmentRecords(datasetId, first, buildIndexParts(r.tokenizer, first * BLOCK_ROWS, keys));
    const next = Math.min(first + group, blocks);
    if (!(await put((now) => ({ ...now, indexRebuild: { from: next * BLOCK_ROWS } }), index))) return 'stopped';
    opts.onProgress?.({ rows: Math.min(next * BLOCK_ROWS, total), total });
  }
  return (await put(({ indexRebuild: _done, ...now }) => now)) ? 'done' : 'stopped';
}
