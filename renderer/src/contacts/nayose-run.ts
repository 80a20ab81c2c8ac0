/**
 * Runs 名寄せ over every list of an incident: lists oldest first (import order, the same on
 * every laptop), rows ascending, so record indices — and so representatives — agree
 * everywhere. The page reads and opens blocks (decryption is WebCrypto's, off-thread) while
 * the worker clusters the previous chunk; only the six fields the rules read cross over, and
 * nothing is kept here but the typed arrays that come back.
 */
import { type ClusterIndex, membersOf, type NayoseOptions, NayoseMatcher, type NayoseRecord, type NayoseResult } from '../../../shared/contacts/nayose';
import { MAX_SEGMENTS } from '../../../shared/contacts/model';
import type { Member } from '../../../shared/contacts/nayose-decisions';
import type { LetterVariant } from '../../../shared/letters/events';
import { variantResolver } from '../../../shared/letters/variants';
import { StoreClosedError } from '../data/store-contract';
import { WorkerCalls } from '../data/worker-calls';
import { reportError } from '../errors/report';
import type { ContactEngine, DatasetInfo } from './contact-engine';
import { BLOCK_ROWS } from './tables';

export type NayoseMessage = { type: 'start'; options: NayoseOptions; expected: number } | { type: 'rows'; records: NayoseRecord[] } | { type: 'finish' };
type Reply = { type: 'ack' } | { type: 'done'; result: NayoseResult };
export type NayoseCalls = { step: { args: NayoseMessage; result: Reply } };

/** Where the records go: the worker in the app, the matcher itself in unit tests. A failure rejects. */
export interface NayoseSink {
  send(m: NayoseMessage): Promise<Reply>;
  close(): void;
}

/** Blocks opened per chunk posted to the worker. */
const CHUNK_BLOCKS = 10;

export interface NayoseList {
  datasetId: string;
  rows: number;
  /** Index of the list's first row among all records. */
  offset: number;
}

export interface NayoseRun {
  lists: NayoseList[];
  result: NayoseResult;
  ms: number;
  /** Of `ms`: opening blocks on this thread, and waiting for the worker (the rest overlaps). */
  readMs: number;
  waitMs: number;
  /**
   * Each record's segment, as an index into `segmentNames` (kept on this page only, never
   * sent or stored): the letter variant a record is sent follows its segment, and records
   * merged into one person keep one letter per variant.
   */
  segments: Uint16Array;
  segmentNames: string[];
}

export class NayoseCancelled extends Error {
  constructor() {
    super('nayose: cancelled');
  }
}

/** The incident's lists in import order (oldest first), as every laptop orders them. */
export function listsInOrder(datasets: readonly DatasetInfo[]): NayoseList[] {
  const sorted = [...datasets].sort((a, b) => (a.importedAt ?? '').localeCompare(b.importedAt ?? '') || a.id.localeCompare(b.id));
  let offset = 0;
  return sorted.map((d) => {
    const l = { datasetId: d.id, rows: d.rows, offset };
    offset += d.rows;
    return l;
  });
}

export function workerSink(): NayoseSink {
  const calls = new WorkerCalls<NayoseCalls>(() => new Worker(new URL('./nayose-worker.ts', import.meta.url), { type: 'module' }), {
    name: 'nayose',
    report: (e) => reportError(e, 'background'),
  });
  return {
    send: (m) => calls.call('step', m),
    close: () => calls.dispose(),
  };
}

export function inlineSink(): NayoseSink {
  let matcher: NayoseMatcher | null = null;
  return {
    async send(m) {
      if (m.type === 'start') matcher = new NayoseMatcher(m.options, m.expected);
      else if (m.type === 'rows') for (const r of m.records) matcher!.add(r);
      else return { type: 'done', result: matcher!.finish() };
      return { type: 'ack' };
    },
    close: () => void (matcher = null),
  };
}

/** The (list, row) of a record index. */
export function recordAt(lists: readonly NayoseList[], index: number): { datasetId: string; row: number } {
  let lo = 0;
  let hi = lists.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lists[mid]!.offset <= index) lo = mid;
    else hi = mid - 1;
  }
  return { datasetId: lists[lo]!.datasetId, row: index - lists[lo]!.offset };
}

/**
 * Each segment of a run (by its index in `segmentNames`) → the letter its records are sent: the
 * index of its variant among `variants`. Made once per run and set of variants (a variant's
 * segments are normalised once, not once per suggestion).
 */
export function segmentLetters(run: Pick<NayoseRun, 'segmentNames'>, variants: readonly LetterVariant[]): Uint32Array {
  const resolve = variantResolver(variants);
  return Uint32Array.from(run.segmentNames, (name) => Math.max(0, variants.indexOf(resolve(name))));
}

/**
 * A cluster's members, each with the letter it would be sent (`letters`: segmentLetters).
 * Merged, members of one variant share a letter and a member of another keeps its own — a
 * child's guardian letter is not lost in a parent's.
 */
export function clusterMembers(run: Pick<NayoseRun, 'lists' | 'segments' | 'segmentNames'>, index: ClusterIndex, k: number, letters: Uint32Array): Member[] {
  return membersOf(index, k).map((i) => ({ ...recordAt(run.lists, i), letter: letters[run.segments[i]!] ?? 0, segment: run.segmentNames[run.segments[i]!] ?? '' }));
}

export async function runNayose(
  engine: ContactEngine,
  incidentId: string,
  options: NayoseOptions,
  opts: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal; sink?: NayoseSink } = {},
): Promise<NayoseRun> {
  const t0 = performance.now();
  const lists = listsInOrder(await engine.datasets(incidentId));
  const total = lists.reduce((n, l) => n + l.rows, 0);
  const sink = opts.sink ?? workerSink();
  // The lock ends the run: no block is opened or sent after it, and the worker is ended (finally).
  const stopIfLocked = () => {
    if (engine.isDisposed) throw new StoreClosedError();
  };
  try {
    await sink.send({ type: 'start', options, expected: total });
    // A list names at most MAX_SEGMENTS segments since the import caps them; one imported before
    // could name a value per row: beyond the cap, a record counts as having none (the default 文面).
    const segments = new Uint16Array(total);
    const segmentNames: string[] = [''];
    const segmentCode = new Map<string, number>([['', 0]]);
    const codeOf = (segment: string) => segmentCode.get(segment) ?? (segmentNames.length < MAX_SEGMENTS * 4 ? segmentCode.set(segment, segmentNames.push(segment) - 1).get(segment)! : 0);
    let done = 0;
    let readMs = 0;
    let waitMs = 0;
    const waited = async (p: Promise<Reply>) => {
      const w0 = performance.now();
      const r = await p;
      waitMs += performance.now() - w0;
      return r;
    };
    let inFlight: Promise<Reply> | null = null;
    for (const l of lists) {
      const blocks = Math.ceil(l.rows / BLOCK_ROWS);
      for (let b = 0; b < blocks; b += CHUNK_BLOCKS) {
        if (opts.signal?.aborted) throw new NayoseCancelled();
        stopIfLocked();
        const r0 = performance.now();
        const ids = Array.from({ length: Math.min(CHUNK_BLOCKS, blocks - b) }, (_, i) => b + i);
        await engine.cache.prefetch(l.datasetId, ids);
        const records: NayoseRecord[] = [];
        for (const id of ids) {
          const rows = await engine.cache.rows(l.datasetId, id);
          // Every row keeps its place (a missing block would shift the indices of every row after it).
          for (let i = 0; i < Math.min(BLOCK_ROWS, l.rows - id * BLOCK_ROWS); i++) {
            const r = rows[i];
            segments[done + records.length] = codeOf(r?.segment ?? '');
            records.push(r ? { name: r.name, kana: r.kana, postcode: r.postcode, address: r.address, phone: r.phone, email: r.email } : EMPTY_RECORD);
          }
        }
        readMs += performance.now() - r0;
        if (inFlight) await waited(inFlight);
        stopIfLocked();
        inFlight = sink.send({ type: 'rows', records });
        // Awaited with the next chunk; until then a failure is not left unhandled.
        inFlight.catch(() => undefined);
        done += records.length;
        opts.onProgress?.(done, total);
      }
    }
    if (inFlight) await waited(inFlight);
    if (opts.signal?.aborted) throw new NayoseCancelled();
    stopIfLocked();
    const reply = await waited(sink.send({ type: 'finish' }));
    if (reply.type !== 'done') throw new Error('nayose: no result');
    return { lists, result: reply.result, ms: performance.now() - t0, readMs, waitMs, segments, segmentNames };
  } finally {
    sink.close();
  }
}

const EMPTY_RECORD: NayoseRecord = { name: '', kana: '', postcode: '', address: '', phone: '', email: '' };
