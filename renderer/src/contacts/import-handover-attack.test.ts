/**
 * A stranger's attacks on decision 054: an import chunk's packed blocks are handed to the sealer
 * HANDOVER_BLOCKS at a time as they are made; each hand-over's answer must have as many blocks
 * as it was given; a failed hand-over stops the reading; at most two chunks are read but not
 * written.
 *
 * What must hold after any failure, stop, full disk, cancel: the stored list holds exactly
 * `committedRows` rows (with their index, statuses and counted cells) and nothing of an unfinished
 * chunk; a resume gives exactly a clean import; a cancel leaves nothing; no unhandled rejection;
 * the import says what went wrong; the same file stores the same list as the code before (6ab32e1).
 *
 * Three defects it found, mended (each of these tests failed first):
 * - a sealer that empties the array it was given was refused: the count was read after the call;
 * - a cancel asked while a hand-over failed was reported as the sealer's error and left the list;
 * - with the file read in one piece, a failed hand-over did not stop the reading before the
 *   chunk's end (the parse loop did not yield, so the failure was not heard).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cellOf, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { openJson } from '../../../shared/vault/cipher';
import type { HonbuDb } from '../data/db';
import { openBlock, sealPacked } from './block-codec';
import { HANDOVER_BLOCKS } from './chunk-builder';
import { type ChunkSealer, localSealer } from './chunk-seal';
import { datasetAad } from './import-commit';
import { type ImportKeys, type ImportRequest, type ImportResult, runImport, wholeBlocks } from './import-pipeline';
import { storedEntries } from './index-codec';
import { BLOCK_ROWS, contactTables, type DatasetMeta } from './tables';
import { csvText, customer, HEADER, utf16le } from './test-data';
import { dropTestDatabases, fillDiskAfter, openTestEngine } from './test-engine';
import { failOnUnhandledRejections } from './test-unhandled';

const HANDOVER = HANDOVER_BLOCKS;
// Chunks read but not written at most: the reading waits for the write before the last.
const IN_FLIGHT = 2;

afterEach(dropTestDatabases);
// Late rejections of hand-overs made for chunks never written land after the import returned.
failOnUnhandledRejections(30);

const mapping = guessMapping(HEADER.split(','));
const file = (text: string) => new Blob([encodeCsv(text, 'utf-8-bom')]);
const req = (more: Partial<ImportRequest> = {}): ImportRequest => ({ incidentId: 'inc', mapping, commitRows: 9000, ...more });
const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/**
 * A file read in pieces of `piece` bytes, each a task later (as a file read from disk arrives).
 * Node's Blob gives the whole file in one read: the parse loop then yields only at a chunk's end.
 */
class Trickle extends Blob {
  constructor(bytes: BlobPart[], private readonly piece = 64 * 1024) {
    super(bytes);
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    let at = 0;
    return new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull: async (ctl) => {
        await sleep(0);
        if (at >= this.size) return ctl.close();
        ctl.enqueue(new Uint8Array(await this.slice(at, at + this.piece).arrayBuffer()));
        at += this.piece;
      },
    });
  }
}

// ---- What is stored ----------------------------------------------------------------------

/** Every stored row, index segment, status and the sealed meta of a list, without its id. */
async function contents(keys: ImportKeys, db: HonbuDb, id: string) {
  const t = contactTables(db);
  const blocks = await t.blocks.where('datasetId').equals(id).sortBy('block');
  const rows = (await Promise.all(blocks.map((b) => openBlock(keys.data, b.id, b.sealed, b.block * BLOCK_ROWS)))).flat();
  const index = (await t.index.where('datasetId').equals(id).toArray())
    .map((x) => [x.id.slice(id.length), [...storedEntries(x)!]] as [string, number[]])
    .sort((a, b) => a[0].localeCompare(b[0]));
  const statusRecs = await t.status.where('datasetId').equals(id).sortBy('block');
  const status = statusRecs.map((s) => [s.block, [...s.avail], [...s.segment], [...s.words]]);
  const ds = (await t.datasets.get(id))!;
  const meta = await openJson<DatasetMeta>(keys.data, ds.sealed, datasetAad(id));
  // What the statuses count, cell by cell, against what the sealed meta says.
  const counted = meta.cells ? new Array<number>(meta.cells.length).fill(0) : null;
  if (counted) for (const s of statusRecs) s.words.forEach((w, i) => void (counted[s.segment[i]! * TOTAL_CELLS + cellOf(w)]! += 1));
  return {
    rows,
    index,
    status,
    blocks: blocks.map((b) => [b.id.slice(id.length), b.block, b.sealed.length]),
    committedRows: ds.committedRows,
    rowCount: ds.rows,
    state: ds.state,
    cells: meta.cells ?? null,
    counted,
    segments: meta.segments,
    warningCount: meta.warningCount,
    warnings: meta.warnings,
    contentHash: meta.contentHash ?? null,
    delimiter: meta.delimiter ?? null,
  };
}
type Contents = Awaited<ReturnType<typeof contents>>;

/** The same, its index segments merged per kind and bucket: lists chunked differently compare equal. */
function merged(c: Contents) {
  const by = new Map<string, number[][]>();
  for (const [id, e] of c.index) {
    const key = id.slice(0, id.lastIndexOf('|'));
    const list = by.get(key) ?? [];
    for (let i = 0; i < e.length; i += 3) list.push([e[i]!, e[i + 1]!, e[i + 2]!]);
    by.set(key, list);
  }
  const index = [...by].map(([k, l]) => [k, l.sort((a, b) => a[2]! - b[2]! || a[0]! - b[0]! || a[1]! - b[1]!)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return { ...c, index };
}

async function stagedOrThrow(r: ImportResult) {
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r)}`);
  return r.datasetId;
}

async function cleanImport(keys: ImportKeys, db: HonbuDb, blob: Blob, more: Partial<ImportRequest> = {}) {
  const id = await stagedOrThrow(await runImport(db, keys, blob, req(more)));
  return contents(keys, db, id);
}

/** Fixed keys: the index tokens and the content hash do not change from run to run (or from one test to the next). */
async function fixedKeys(): Promise<ImportKeys> {
  const raw = new Uint8Array(32).fill(3);
  const data = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return { data, bulkIndex: new Uint8Array(32).fill(7) };
}
let keysMade: Promise<ImportKeys> | undefined;
const theKeys = () => (keysMade ??= fixedKeys());

/** A database to import into, and the fixed keys. */
async function setup() {
  const { db } = await openTestEngine();
  return { db, keys: await theKeys() };
}

/** A clean import of a file (imported once for the whole file of tests, in a database of its own). */
const cleans = new Map<string, Contents>();
async function cleanOf(name: string, blob: Blob, more: Partial<ImportRequest> = {}): Promise<Contents> {
  const key = `${name} ${JSON.stringify(more)} ${String(more.commitRows)}`;
  if (!cleans.has(key)) {
    const { db, keys } = await setup();
    cleans.set(key, await cleanImport(keys, db, blob, more));
  }
  return cleans.get(key)!;
}

/** The list as interrupted: exactly `committed` rows; index, statuses and counted cells of exactly them. */
async function expectExactly(keys: ImportKeys, db: HonbuDb, id: string | undefined, committed: number, what = '') {
  if (committed === 0 && id === undefined) return;
  const c = await contents(keys, db, id!);
  expect(c.committedRows, `${what} committedRows`).toBe(committed);
  expect(c.state, what).toBe('importing');
  expect(c.rows, `${what} rows`).toHaveLength(committed);
  c.rows.forEach((r, i) => {
    if (r.row !== i) expect(r.row, `${what} row ${i}`).toBe(i);
  });
  expect(c.status.reduce((n, s) => n + (s[1] as number[]).length, 0), `${what} statuses`).toBe(committed);
  const indexed = new Set<number>();
  for (const [, e] of c.index) for (let i = 2; i < e.length; i += 3) indexed.add(e[i]!);
  expect(indexed.size === 0 ? -1 : Math.max(...indexed), `${what} last row indexed`).toBe(committed - 1);
  expect(c.cells, `${what} cells`).toEqual(c.counted);
}

async function resumeAndCompare(keys: ImportKeys, db: HonbuDb, blob: Blob, id: string | undefined, clean: Contents, more: Partial<ImportRequest> = {}) {
  if (id === undefined) {
    // Nothing was committed: a new import.
    const fresh = await stagedOrThrow(await runImport(db, keys, blob, req(more)));
    expect(await contents(keys, db, fresh)).toEqual(clean);
    return;
  }
  const resumed = await runImport(db, keys, blob, req({ resumeId: id, ...more }));
  expect(resumed).toMatchObject({ ok: true });
  expect(await contents(keys, db, id)).toEqual(clean);
}

/** The unfinished list left by an import, if any (at most one). */
async function leftOver(db: HonbuDb): Promise<string | undefined> {
  const left = (await contactTables(db).datasets.toArray()).filter((d) => d.state === 'importing');
  expect(left.length).toBeLessThanOrEqual(1);
  return left[0]?.id;
}

async function nothingStored(db: HonbuDb) {
  const t = contactTables(db);
  return [await t.datasets.count(), await t.blocks.count(), await t.index.count(), await t.status.count()];
}

// ---- Sealers -------------------------------------------------------------------------------

interface Hand {
  first: number;
  n: number;
}

/** The hand-overs a clean import of `rows` rows makes with commits of `commit` rows (Infinity: one chunk). */
function plan(rows: number, commit: number): Hand[] {
  const out: Hand[] = [];
  const blocks = Math.ceil(rows / BLOCK_ROWS);
  const per = Number.isFinite(commit) ? commit / BLOCK_ROWS : blocks;
  for (let c = 0; c * per < blocks; c++) {
    const end = Math.min(blocks, (c + 1) * per);
    for (let b = c * per; b < end; b += HANDOVER) out.push({ first: b * BLOCK_ROWS, n: Math.min(HANDOVER, end - b) });
  }
  return out;
}

function recording(inner: ChunkSealer = localSealer) {
  const log: Hand[] = [];
  const sealer: ChunkSealer = (first, blocks, key) => {
    log.push({ first, n: blocks.length });
    return inner(first, blocks, key);
  };
  return { log, sealer };
}

/** Does this hand-over carry row `row`? (Each hand-over before the change carried a whole chunk.) */
const carries = (first: number, n: number, row: number) => first <= row && row < first + n * BLOCK_ROWS;

// File: 20,500 rows in chunks of 9,000 → hand-overs (0, 8) (8000, 1) | (9000, 8) (17000, 1) | (18000, 3).
const R = 20_500;
const C = 9000;
const BLOB_R = file(csvText(R));
const cleanR = () => cleanOf('csv R', BLOB_R);

// ---- Tests ---------------------------------------------------------------------------------

const BLOB_16 = file(csvText(16_000));
const BLOB_18 = file(csvText(18_000));

describe('commit sizes that are not multiples of a hand-over, files that end on an edge', () => {
  it.each([
    [16_000, 7000],
    [16_000, 8000], // ends exactly on a hand-over and a chunk edge
    [16_000, 0], // rounded up to one block
    [16_000, Number.NaN], // no number: one chunk
    [18_000, 9000], // ends exactly on a chunk edge; each chunk 8 + 1
    [18_000, 17_000], // 8 + 8 + 1, then a chunk of one block alone
  ])('%i rows in commits of %s: every block handed over once, in order, ≤ 8 at a time, never across a chunk; the list equals a one-chunk import', async (rows, commit) => {
    const { db, keys } = await setup();
    const blob = rows === 16_000 ? BLOB_16 : BLOB_18;
    const whole = await cleanOf(`csv ${rows}`, blob, { commitRows: 1_000_000 });
    const { log, sealer } = recording();
    const id = await stagedOrThrow(await runImport(db, keys, blob, req({ commitRows: commit }), undefined, undefined, sealer));
    const rounded = Number.isNaN(commit) ? Infinity : wholeBlocks(commit);
    expect(log).toEqual(plan(rows, rounded));
    expect(merged(await contents(keys, db, id))).toEqual(merged(whole));
  });
});

describe('sealers that answer late, out of order, or in reverse', () => {
  it('every part late, later parts first, parts of a chunk answered in reverse once its last is in: the same list', async () => {
    const { db, keys } = await setup();
    const blob = BLOB_R;
    const clean = await cleanR();
    const laterFirst: ChunkSealer = async (first, blocks, key) => {
      await sleep(Math.max(0, (R - first) / 1000));
      return localSealer(first, blocks, key);
    };
    // Each part held until the chunk's last part is handed over, then answered last part first.
    const held = new Map<number, { first: number; n: number; go: () => void }[]>();
    const reverse: ChunkSealer = async (first, blocks, key) => {
      const chunk = Math.floor(first / C);
      const sealed = localSealer(first, blocks, key);
      const n = blocks.length;
      const mine = new Promise<void>((go) => {
        const list = held.get(chunk) ?? [];
        list.push({ first, n, go });
        held.set(chunk, list);
      });
      if (first + n * BLOCK_ROWS >= Math.min(R, (chunk + 1) * C)) {
        const list = held.get(chunk)!;
        void (async () => {
          for (const h of [...list].reverse()) {
            h.go();
            await sleep(3);
          }
        })();
      }
      await mine;
      return sealed;
    };
    for (const sealer of [laterFirst, reverse]) {
      const id = await stagedOrThrow(await runImport(db, keys, blob, req(), undefined, undefined, sealer));
      expect(await contents(keys, db, id)).toEqual(clean);
    }
  });
});

describe('a sealer that answers a hand-over with the wrong number of blocks', () => {
  it.each([
    ['the last, partial part of the first chunk one block long', 0, (first: number) => (first === 8000 ? 1 : 0)],
    ['the first part of the first chunk one block long, its last part one block short (the chunk adds up)', 0, (first: number) => (first === 0 ? 1 : first === 8000 ? -1 : 0)],
    ['the second chunk: its first part one short, its last part one long (the chunk adds up)', C, (first: number) => (first === 9000 ? -1 : first === 17_000 ? 1 : 0)],
    ['the last part of the file answered with no blocks', 2 * C, (first: number) => (first === 18_000 ? -3 : 0)],
  ])('%s: refused; the chunks before stay exactly; the resume equals a clean import', async (_, committed, delta) => {
    const { db, keys } = await setup();
    const blob = BLOB_R;
    const clean = await cleanR();
    const before = new Set((await contactTables(db).datasets.toArray()).map((d) => d.id));
    const wrong: ChunkSealer = async (first, blocks, key) => {
      const out = await localSealer(first, blocks, key);
      // Old code: one call per chunk; the same deltas applied to the blocks it carries.
      let d = 0;
      for (const f of [0, 8000, 9000, 17_000, 18_000]) if (carries(first, blocks.length, f)) d += delta(f);
      if (d > 0) return { sealed: [...out.sealed, ...out.sealed.slice(0, d)] };
      if (d < 0) return { sealed: out.sealed.slice(0, out.sealed.length + d) };
      return out;
    };
    await expect(runImport(db, keys, blob, req(), undefined, undefined, wrong)).rejects.toThrow(/without all its blocks/);
    await sleep(50);
    const id = (await contactTables(db).datasets.toArray()).map((d) => d.id).find((d) => !before.has(d));
    await expectExactly(keys, db, id, committed);
    await resumeAndCompare(keys, db, blob, id, clean);
  });

  it('a sealer that lets go of each block as it seals it (it empties the array it was given) and answers all of them: stored as a clean import', async () => {
    const { db, keys } = await setup();
    const blob = BLOB_R;
    const clean = await cleanR();
    const consuming: ChunkSealer = async (_first, blocks, key) => {
      const sealed: Uint8Array[] = [];
      // The first block is taken before the first await, as any such loop does.
      for (let b = blocks.shift(); b; b = blocks.shift()) sealed.push(await sealPacked(key, b.id, b.plain));
      return { sealed };
    };
    const id = await stagedOrThrow(await runImport(db, keys, blob, req(), undefined, undefined, consuming));
    expect(await contents(keys, db, id)).toEqual(clean);
  });
});

describe('a sealer that throws synchronously, rejects at once, or rejects late', () => {
  const throwing = (mode: 'sync' | 'reject' | 'late', when: (first: number, n: number) => boolean): ChunkSealer =>
    ((first, blocks, key) => {
      if (!when(first, blocks.length)) return localSealer(first, blocks, key);
      const e = new Error(`sealer broke at ${first}`);
      if (mode === 'sync') throw e;
      if (mode === 'reject') return Promise.reject(e);
      return sleep(40).then(() => Promise.reject(e));
    }) as ChunkSealer;

  it.each([
    ['sync', 'the first part of the second chunk', 9000, C],
    ['reject', 'the first part of the second chunk', 9000, C],
    ['late', 'the first part of the second chunk', 9000, C],
    ['sync', 'the last (partial) part of the first chunk', 8000, 0],
    ['late', 'the last (partial) part of the first chunk', 8000, 0],
    ['late', 'the last part of the file', 18_000, 2 * C],
  ] as const)('%s, on %s: the import fails with its error, the chunks before stay exactly, nothing of that chunk; the resume equals a clean import', async (mode, _, row, committed) => {
    const { db, keys } = await setup();
    const blob = BLOB_R;
    const clean = await cleanR();
    const before = new Set((await contactTables(db).datasets.toArray()).map((d) => d.id));
    const { log, sealer } = recording(throwing(mode, (first, n) => carries(first, n, row)));
    await expect(runImport(db, keys, blob, req(), undefined, undefined, sealer)).rejects.toThrow(/sealer broke at/);
    await sleep(60);
    const id = (await contactTables(db).datasets.toArray()).map((d) => d.id).find((d) => !before.has(d));
    await expectExactly(keys, db, id, committed, `${mode} ${row}`);
    // The reading stopped: nothing two chunks past the failing part was handed over.
    expect(log.filter((h) => h.first >= row + 2 * C)).toEqual([]);
    await resumeAndCompare(keys, db, blob, id, clean);
  });

  it('a hand-over that fails stops the reading at the next piece of the file read: nothing handed over after it (file read in pieces)', async () => {
    const { db, keys } = await setup();
    const blob = new Trickle([encodeCsv(csvText(R), 'utf-8-bom')]);
    const { log, sealer } = recording(throwing('reject', (first, n) => carries(first, n, 9000)));
    await expect(runImport(db, keys, blob, req(), undefined, undefined, sealer)).rejects.toThrow(/sealer broke at 9000/);
    await sleep(50);
    expect(log.at(-1)).toEqual({ first: 9000, n: 8 });
    await expectExactly(keys, db, await leftOver(db), C);
  });

  it('a hand-over that fails stops the reading at the next row, also when the file is read in one piece (one chunk of 20,500 rows)', async () => {
    const { db, keys } = await setup();
    const { log, sealer } = recording(throwing('reject', (first) => first === 0));
    await expect(runImport(db, keys, BLOB_R, req({ commitRows: 1_000_000 }), undefined, undefined, sealer)).rejects.toThrow(/sealer broke at 0/);
    // Rows 8,000–20,499 were still read, packed and handed to the sealer that had failed.
    expect(log).toEqual([{ first: 0, n: 8 }]);
  });

  it('only the partial hand-overs (fewer than 8 blocks) fail, every time: no chunk is ever written', async () => {
    const { db, keys } = await setup();
    const blob = BLOB_R;
    const partialFails: ChunkSealer = async (first, blocks, key) => {
      if (blocks.length < HANDOVER || blocks.length % HANDOVER !== 0) throw new Error('partial part refused');
      return localSealer(first, blocks, key);
    };
    await expect(runImport(db, keys, blob, req(), undefined, undefined, partialFails)).rejects.toThrow('partial part refused');
    await sleep(50);
    await expectExactly(keys, db, await leftOver(db), 0);
  });

  it('hand-overs of a chunk never written reject after the import returned (stopped): no unhandled rejection, nothing lands', async () => {
    const { db, keys } = await setup();
    const blob = BLOB_R;
    const lateFail: ChunkSealer = async (first, blocks, key) => {
      if (first >= 2 * C) {
        await sleep(80);
        throw new Error('late failure of an abandoned chunk');
      }
      return localSealer(first, blocks, key);
    };
    const r = await runImport(db, keys, blob, req({ stopAfterRows: C }), undefined, undefined, lateFail);
    expect(r).toMatchObject({ ok: false, reason: 'interrupted' });
    await sleep(150);
    await expectExactly(keys, db, r.datasetId, C);
  });
});

// ---- The deeper write queue ----------------------------------------------------------------

/** Each chunk's write (the 4-table transaction of writeChunk) waits `ms` first: a slow IndexedDB. */
function slowWrites(db: HonbuDb, ms: number) {
  const orig = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  const state = { written: 0 };
  (db as unknown as { transaction: unknown }).transaction = async (...args: unknown[]) => {
    const tables = args[1];
    const chunkWrite = Array.isArray(tables) && tables.length === 4 && tables.some((x: { name?: string }) => x?.name === 'contact-blocks');
    if (!chunkWrite) return orig(...args);
    await sleep(ms);
    const out = await orig(...args);
    state.written++;
    return out;
  };
  return { state, restore: () => void delete (db as unknown as { transaction?: unknown }).transaction };
}

describe(`the write queue (${IN_FLIGHT} chunks read but not written) with a slow disk`, () => {
  // 12,500 rows in chunks of 2,000: seven chunks, the last of 500 rows.
  const ROWS = 12_500;
  const CHUNK = 2000;
  const BLOB_Q = file(csvText(ROWS));

  it('never more chunks read ahead of the last write than the queue allows; the same list', async () => {
    const { db, keys } = await setup();
    const blob = BLOB_Q;
    const clean = await cleanOf('csv queue', blob, { commitRows: CHUNK });
    const slow = slowWrites(db, 25);
    let ahead = 0;
    const watching: ChunkSealer = (first, blocks, key) => {
      ahead = Math.max(ahead, Math.floor(first / CHUNK) - slow.state.written);
      return localSealer(first, blocks, key);
    };
    try {
      const id = await stagedOrThrow(await runImport(db, keys, blob, req({ commitRows: CHUNK }), undefined, undefined, watching));
      expect(await contents(keys, db, id)).toEqual(clean);
    } finally {
      slow.restore();
    }
    expect(ahead).toBeLessThanOrEqual(IN_FLIGHT);
  });

  it.each([2, 4])('a full disk at chunk %i (from 0) with writes queued: no-space, exactly the chunks before, nothing lands later, the resume equals a clean import', async (k) => {
    const { db, keys } = await setup();
    const blob = BLOB_Q;
    const clean = await cleanOf('csv queue', blob, { commitRows: CHUNK });
    const slow = slowWrites(db, 20);
    const restore = fillDiskAfter(k * 2);
    let r: ImportResult | undefined;
    try {
      r = await runImport(db, keys, blob, req({ commitRows: CHUNK }));
      await sleep(120);
    } finally {
      restore();
      slow.restore();
    }
    expect(r).toMatchObject({ ok: false, reason: 'no-space', space: { committedRows: k * CHUNK } });
    await expectExactly(keys, db, r!.datasetId, k * CHUNK);
    await resumeAndCompare(keys, db, blob, r!.datasetId, clean, { commitRows: CHUNK });
  });

  it.each([6000, 12_500])('a stop after %i rows with writes queued: interrupted, exactly those rows, nothing lands later, the resume equals a clean import', async (stop) => {
    const { db, keys } = await setup();
    const blob = BLOB_Q;
    const clean = await cleanOf('csv queue', blob, { commitRows: CHUNK });
    const slow = slowWrites(db, 20);
    let r: ImportResult | undefined;
    try {
      r = await runImport(db, keys, blob, req({ commitRows: CHUNK, stopAfterRows: stop }));
      await sleep(150);
    } finally {
      slow.restore();
    }
    expect(r).toMatchObject({ ok: false, reason: 'interrupted' });
    await expectExactly(keys, db, r!.datasetId, stop);
    await resumeAndCompare(keys, db, blob, r!.datasetId, clean, { commitRows: CHUNK });
  });

  it('a cancel at each chunk with writes queued leaves nothing, and nothing lands afterwards', async () => {
    const { db, keys } = await setup();
    const blob = BLOB_Q;
    const slow = slowWrites(db, 20);
    try {
      for (const k of [0, 3, 6]) {
        const ctl = new AbortController();
        const sealer: ChunkSealer = (first, blocks, key) => {
          if (first === k * CHUNK) ctl.abort();
          return localSealer(first, blocks, key);
        };
        const r = await runImport(db, keys, blob, req({ commitRows: CHUNK }), undefined, ctl.signal, sealer);
        await sleep(100);
        expect(r, `cancel at chunk ${k}`).toMatchObject({ ok: false, reason: 'cancelled' });
        expect(await nothingStored(db), `cancel at chunk ${k}`).toEqual([0, 0, 0, 0]);
      }
    } finally {
      slow.restore();
    }
  });
});

describe('a cancel while hand-overs are pending', () => {
  it('at each part, with a slow sealer: cancelled, nothing stays, nothing lands afterwards', async () => {
    const { db, keys } = await setup();
    const blob = BLOB_R;
    for (const at of [0, 8000, 9000, 17_000, 18_000]) {
      const ctl = new AbortController();
      const sealer: ChunkSealer = async (first, blocks, key) => {
        if (carries(first, blocks.length, at)) setTimeout(() => ctl.abort(), 3);
        await sleep(15);
        return localSealer(first, blocks, key);
      };
      const r = await runImport(db, keys, blob, req(), undefined, ctl.signal, sealer);
      await sleep(80);
      expect(r, `cancel at ${at}`).toMatchObject({ ok: false, reason: 'cancelled' });
      expect(await nothingStored(db), `cancel at ${at}`).toEqual([0, 0, 0, 0]);
    }
  });

  it('a cancel asked while a hand-over fails (the second worker crashed at that moment) is still a cancel: nothing stays', async () => {
    const { db, keys } = await setup();
    const blob = BLOB_R;
    const ctl = new AbortController();
    const sealer: ChunkSealer = (first, blocks, key) => {
      // The part carrying row 17,000: the last part of the second chunk (the whole chunk before the change).
      if (carries(first, blocks.length, 17_000)) {
        ctl.abort();
        return Promise.reject(new Error('index worker: the worker stopped (crashed)'));
      }
      return localSealer(first, blocks, key);
    };
    const r = await runImport(db, keys, blob, req(), undefined, ctl.signal, sealer).catch((e: Error) => e.message);
    await sleep(100);
    expect(r).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(await nothingStored(db)).toEqual([0, 0, 0, 0]);
  });
});

// ---- Files as strangers send them ------------------------------------------------------------

/** Tab-separated; blank lines (empty, or separators only) at hand-over and chunk edges; LF and CRLF mixed; names outside Shift_JIS; multi-line notes. */
function strangerText(rows: number, sep: ',' | '\t') {
  const out = [HEADER.replaceAll(',', sep)];
  const blankBefore = new Set([7999, 8000, 8999, 9000, 16_000, 17_999]);
  for (let i = 0; i < rows; i++) {
    if (blankBefore.has(i)) out.push(i % 2 ? '' : sep.repeat(8));
    const c = customer(i);
    const name = i % 1000 === 999 ? '𠮷野 太郎' : i % 1000 === 0 ? '髙橋 﨑子' : c.name;
    const note = i % 97 === 0 ? '"複数行の\n備考"' : i % 50 === 0 ? '"=1+2"' : '';
    out.push([c.no, name, c.kana, c.postcode, c.address, c.email, c.phone, c.segment, note].join(sep));
  }
  return out.map((l, i) => l + (i % 3 === 0 ? '\n' : '\r\n')).join('');
}

const BLOB_U16 = utf16le(strangerText(18_000, '\t'));

describe('a UTF-16 tab-separated file with blank rows at the edges, mixed line ends, names outside Shift_JIS', () => {
  it('imports every row; one chunk or many, stopped at a chunk edge or failed mid-chunk and resumed: the same list', async () => {
    const { db, keys } = await setup();
    const ROWS = 18_000;
    const blob = BLOB_U16;
    const clean = await cleanOf('utf-16', blob);
    expect(clean.rows).toHaveLength(ROWS);
    expect(clean.delimiter).toBe('\t');
    // The three lines of separators only are reported; the three empty lines are skipped silently (as before).
    expect(clean.warnings.filter((w) => w.code === 'blank-row')).toHaveLength(3);
    expect([clean.rows[999]!.name, clean.rows[8000]!.name, clean.rows[8999]!.customerNo, clean.rows[17_999]!.customerNo]).toEqual(['𠮷野 太郎', '髙橋 﨑子', customer(8999).no, customer(17_999).no]);
    expect(clean.rows[97]!.extra).toContain('複数行の\n備考');
    const whole = await cleanOf('utf-16', blob, { commitRows: Number.NaN });
    expect(merged(whole)).toEqual(merged(clean));

    const stopped = await runImport(db, keys, blob, req({ stopAfterRows: C }));
    expect(stopped).toMatchObject({ ok: false, reason: 'interrupted' });
    await expectExactly(keys, db, stopped.datasetId, C);
    await resumeAndCompare(keys, db, blob, stopped.datasetId, clean);

    const broken: ChunkSealer = async (first, blocks, key) => {
      if (carries(first, blocks.length, 9000)) throw new Error('sealer broke');
      return localSealer(first, blocks, key);
    };
    await expect(runImport(db, keys, blob, req(), undefined, undefined, broken)).rejects.toThrow('sealer broke');
    await sleep(50);
    const id = await leftOver(db);
    await expectExactly(keys, db, id, C);
    await resumeAndCompare(keys, db, blob, id, clean);
  });
});

// ---- The same bytes as the code before ----------------------------------------------------

async function digest(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('the same file stores the same list as the code before the change (6ab32e1)', () => {
  // Digests of `contents` (rows, index, statuses, block ids and sealed sizes, the sealed meta),
  // computed by this test on 6ab32e1 with the same fixed keys.
  const BEFORE: Record<string, string> = {
    'csv 17000 / 9000': 'a2ab599e699144320df41830f6058363cd0208017ee05d41ee7b70478375a94e',
    'utf-16 tab 18000 / 9000': '207aa134065f6450e379bf053d995e6ab6c1a07757ae3d20f7538a82ee0cc143',
  };
  it('rows, index, statuses, sealed sizes and meta, for commit sizes that cut hand-overs', async () => {
    const { db, keys } = await setup();
    const cases: [string, Blob, number][] = [
      ['csv 17000 / 9000', file(csvText(17_000, { dupOf: [16_500, 12] })), 9000],
      ['utf-16 tab 18000 / 9000', BLOB_U16, 9000],
    ];
    const got: Record<string, string> = {};
    for (const [name, blob, commit] of cases) {
      const id = await stagedOrThrow(await runImport(db, keys, blob, req({ commitRows: commit })));
      got[name] = await digest(await contents(keys, db, id));
    }
    expect(got).toEqual(BEFORE);
  });
});
