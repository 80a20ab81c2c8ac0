/**
 * What the tests of the duplicates pass (markDuplicates) share: customer numbers as a person
 * types them again, what a file's lines say about its duplicates, and the pass run alone over
 * an index made here. Each test file keeps its own `vi.mock` of openBlock (hoisted per file);
 * `runPass` is given the rows through it.
 */
import { AVAIL_DUPLICATE, AVAIL_POST, cellOf, initialStatus, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import { DEFAULT_CHANNEL_ORDER, type ImportIssue } from '../../../shared/contacts/model';
import { normalizeCustomerNo } from '../../../shared/contacts/normalize';
import type { HonbuDb } from '../data/db';
import type { ChunkSealer } from './chunk-seal';
import { type ImportJob, markDuplicates } from './import-commit';
import { indexRecord } from './index-codec';
import { BLOCK_ROWS, contactTables, type ContactTables, type DatasetMeta, type DatasetRecord, type IndexRecord, indexPrefix, pad, STATUS_ROWS, type StatusRecord } from './tables';
import { xorshift32 } from './test-random';

export const num = (i: number) => `C${String(i).padStart(7, '0')}`;

const fullWidth = (s: string) => s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/**
 * The same number as a person might type it again: as given, full width, lower case, with
 * spaces (ideographic too), lower case in full width, a space between every character, and
 * with a zero-width space inside — the first `forms` of these, by `k`.
 */
const RETYPED: ((no: string) => string)[] = [
  (no) => no,
  (no) => fullWidth(no),
  (no) => no.toLowerCase(),
  (no) => ` ${no.slice(0, 2)} ${no.slice(2)}\u3000`,
  (no) => fullWidth(no.toLowerCase()),
  (no) => `\u3000${no.split('').join(' ')}`,
  (no) => `${no.slice(0, 3)}\u200b${no.slice(3)}`,
];
export function retyped(no: string, k: number, forms: number = RETYPED.length): string {
  return RETYPED[k % Math.min(forms, RETYPED.length)]!(no);
}

export interface Pair {
  row: number;
  first: number;
  line: number;
  firstLine: number;
}

/** What the lines say: each later row whose (normalized, non-empty) number was given before, with its line and the first line giving it. */
export function truth(rows: { no: string; line: number }[]): Pair[] {
  const first = new Map<string, number>();
  const out: Pair[] = [];
  rows.forEach(({ no, line }, row) => {
    const k = normalizeCustomerNo(no);
    // A line whose number is nothing once invisible characters are left out gives no number.
    if (!k) return;
    const f = first.get(k);
    if (f === undefined) first.set(k, row);
    else out.push({ row, first: f, line, firstLine: rows[f]!.line });
  });
  return out;
}

/** Each row with its line (row + 2 unless given: a header line, then a line a row). */
export const rowsOf = (nos: string[], lines?: number[]) => nos.map((no, i) => ({ no, line: lines?.[i] ?? i + 2 }));

/** The duplicates a report lists, as [line, line first given]. */
export const listedPairs = (issues: ImportIssue[]) => issues.filter((i) => i.code === 'customer-no-duplicated').map((i) => [i.line, i.firstLine]);

/** Tokens of normalized numbers: random, or as `pick` says (collisions, one bucket…). */
export function tokenizer(seed: number, pick?: (no: string, next: () => number) => [number, number] | undefined) {
  const next = xorshift32(seed);
  const known = new Map<string, [number, number]>();
  return (raw: string): [number, number] => {
    const no = normalizeCustomerNo(raw);
    let t = known.get(no);
    if (!t) known.set(no, (t = pick?.(no, next) ?? [next(), next()]));
    return t;
  };
}
export type Tok = ReturnType<typeof tokenizer>;

export interface SegmentOptions {
  /** A segment's name from its chunk's first block (else that block, padded): to have them read in another order. */
  name?: (firstBlock: number) => string;
  /** Written as before index-codec: entries in clear. */
  legacy?: boolean;
}

/**
 * The 'no' segments an import writes: per chunk of `chunkRows`, per bucket (the top byte of
 * hi), rows ascending. Rows whose number is empty once normalized get no entry (as searchKeys
 * leaves them out).
 */
export function segmentsOf(id: string, nos: string[], tok: Tok, chunkRows: number, options: SegmentOptions = {}): IndexRecord[] {
  const name = options.name ?? ((b: number) => pad(b));
  const out: IndexRecord[] = [];
  for (let first = 0; first < nos.length; first += chunkRows) {
    const byBucket = new Map<number, number[]>();
    for (let row = first; row < Math.min(nos.length, first + chunkRows); row++) {
      if (!normalizeCustomerNo(nos[row]!)) continue;
      const [hi, lo] = tok(nos[row]!);
      const bucket = hi >>> 24;
      (byBucket.get(bucket) ?? byBucket.set(bucket, []).get(bucket)!).push(hi, lo, row);
    }
    for (const [bucket, e] of byBucket) {
      const segmentId = indexPrefix(id, 'no', bucket) + name(first / BLOCK_ROWS);
      out.push(options.legacy ? { id: segmentId, datasetId: id, entries: Uint32Array.from(e) } : indexRecord(segmentId, id, Uint32Array.from(e)));
    }
  }
  return out;
}

/** The tables the pass reads, over these index records: blocks present unless missing, every status record fresh (every row by post). */
export function fakeTables(records: IndexRecord[], missingBlocks: Set<number> = new Set()): ContactTables {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = {
    where: () => ({ between: (lo: string, hi: string) => ({ toArray: async () => sorted.filter((r) => r.id >= lo && r.id < hi).map((r) => ({ ...r })) }) }),
  };
  const blocks = {
    get: async (id: string) => {
      const block = Number(id.slice(id.lastIndexOf(':') + 1));
      return missingBlocks.has(block) ? undefined : { id, datasetId: id.slice(0, id.lastIndexOf(':')), block, sealed: new Uint8Array(1) };
    },
  };
  const status = {
    get: async (id: string): Promise<StatusRecord> => {
      const avail = new Uint8Array(STATUS_ROWS).fill(AVAIL_POST);
      const words = new Uint16Array(STATUS_ROWS).fill(initialStatus(AVAIL_POST, DEFAULT_CHANNEL_ORDER));
      return { id, datasetId: id.slice(0, id.lastIndexOf(':')), block: Number(id.slice(id.lastIndexOf(':') + 1)), avail, segment: new Uint16Array(STATUS_ROWS), words };
    },
  };
  return { index, blocks, status } as unknown as ContactTables;
}

/** An import of `rows` rows under way, every row by post so far. */
export function jobOf(id: string, rows: number): ImportJob {
  const record = { id, incidentId: 'inc', state: 'importing', fileSize: 0, headHash: '', committedRows: rows, rows, sealed: new Uint8Array(0) } as DatasetRecord;
  const cells = new Array<number>(TOTAL_CELLS).fill(0);
  cells[cellOf(initialStatus(AVAIL_POST, DEFAULT_CHANNEL_ORDER))] = rows;
  const meta = { channelOrder: DEFAULT_CHANNEL_ORDER, cells } as DatasetMeta;
  return { record, meta, dataKey: {} as CryptoKey, sealer: (async () => ({ sealed: [] })) as unknown as ChunkSealer };
}

/** The cell a duplicate starts in (excluded, by post otherwise). */
export const DUP_CELL = cellOf(initialStatus(AVAIL_DUPLICATE | AVAIL_POST, DEFAULT_CHANNEL_ORDER));

/**
 * The pass alone over list `id` (its rows given by the test file's mocked openBlock), its
 * index as `records` or made by segmentsOf: what it returns, the rows it excluded, the cells.
 */
export async function runPass(id: string, nos: string[], tok: Tok, opts: { chunkRows?: number; records?: IndexRecord[]; missingBlocks?: Set<number> } = {}) {
  const job = jobOf(id, nos.length);
  const records = opts.records ?? segmentsOf(id, nos, tok, opts.chunkRows ?? 1000);
  const r = await markDuplicates(fakeTables(records, opts.missingBlocks), job, 0);
  const excluded: number[] = [];
  for (const s of [...r.statuses].sort((a, b) => a.block - b.block)) for (let i = 0; i < s.avail.length; i++) if (s.avail[i]! & AVAIL_DUPLICATE) excluded.push(s.block * STATUS_ROWS + i);
  return { ...r, excluded, cells: job.meta.cells! };
}

/**
 * Blocks the pass opens for these pairs if each is opened only when the walk moves to it: the
 * first rows' blocks ascending, then the later rows' (so each at most twice).
 */
export function orderedLoads(pairs: { row: number; first: number }[]): number[] {
  const loads: number[] = [];
  let at = -1;
  const use = (block: number) => {
    if (block !== at) loads.push((at = block));
  };
  for (const first of [...new Set(pairs.map((p) => p.first))].sort((x, y) => x - y)) use(Math.floor(first / BLOCK_ROWS));
  for (const p of [...pairs].sort((x, y) => x.row - y.row)) use(Math.floor(p.row / BLOCK_ROWS));
  return loads;
}

/** The most times one block was opened. */
export const mostOpens = (loads: number[]) => Math.max(0, ...loads.reduce((m, b) => m.set(b, (m.get(b) ?? 0) + 1), new Map<number, number>()).values());

/** Rows of a stored list whose status starts excluded as a duplicate. */
export async function excludedRows(db: HonbuDb, datasetId: string): Promise<number[]> {
  const out: number[] = [];
  const records = (await contactTables(db).status.where('datasetId').equals(datasetId).toArray()).sort((a, b) => a.block - b.block);
  for (const s of records) for (let i = 0; i < s.avail.length; i++) if (s.avail[i]! & AVAIL_DUPLICATE) out.push(s.block * STATUS_ROWS + i);
  return out;
}
