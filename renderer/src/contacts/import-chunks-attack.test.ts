/**
 * Attacks on decision 053 (ChunkBuilder, the sealer that only seals, runImport's own
 * tokenizer): what an interrupted import leaves sealed in its meta, the tokenizer's life,
 * sealers that are slow / out of order / throwing, cancels while blocks are sealed.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TOTAL_CELLS } from '../../../shared/contacts/fallback';
import { Tokenizer } from '../../../shared/contacts/tokens';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { openJson } from '../../../shared/vault/cipher';
import type { HonbuDb } from '../data/db';
import { openBlock } from './block-codec';
import { type ChunkSealer, localSealer } from './chunk-seal';
import type { ContactEngine } from './contact-engine';
import { datasetAad } from './import-commit';
import { type ImportRequest, runImport } from './import-pipeline';
import { storedEntries } from './index-codec';
import { contactTables, type DatasetMeta } from './tables';
import { csvText, HEADER } from './test-data';
import { dropTestDatabases, fillDiskAfter, openTestEngine } from './test-engine';
import { failOnUnhandledRejections } from './test-unhandled';

afterEach(dropTestDatabases);
failOnUnhandledRejections();

const mapping = guessMapping(HEADER.split(','));
const file = (text: string) => new Blob([encodeCsv(text, 'utf-8-bom')]);
const req = (more: Partial<ImportRequest> = {}): ImportRequest => ({ incidentId: 'inc', mapping, commitRows: 1000, ...more });
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Rows 0…999 in segment 'A'; every later 500 rows in a segment of their own. */
function segmentsAhead(rows: number): string {
  return csvText(rows).replace(/^C(\d{7}),(.*?),(通販|アプリ),/gm, (_, no: string, mid: string) => {
    const i = Number(no);
    return `C${no},${mid},${i < 1000 ? 'A' : `S${Math.floor(i / 500)}`},`;
  });
}

async function sealedMeta(engine: ContactEngine, db: HonbuDb, id: string) {
  const ds = (await contactTables(db).datasets.get(id))!;
  return { ds, meta: await openJson<DatasetMeta>(engine.importKeys.data, ds.sealed, datasetAad(id)) };
}

/** Segments of the rows stored, in order of first appearance. */
async function storedSegments(engine: ContactEngine, db: HonbuDb, id: string) {
  const t = contactTables(db);
  const blocks = await t.blocks.where('datasetId').equals(id).sortBy('block');
  const seen: string[] = [];
  for (const b of blocks) for (const r of await openBlock(engine.importKeys.data, b.id, b.sealed, b.block * 1000)) if (!seen.includes(r.segment)) seen.push(r.segment);
  return seen;
}

async function contents(engine: ContactEngine, db: HonbuDb, id: string) {
  const t = contactTables(db);
  const blocks = await t.blocks.where('datasetId').equals(id).sortBy('block');
  const rows = (await Promise.all(blocks.map((b) => openBlock(engine.importKeys.data, b.id, b.sealed, b.block * 1000)))).flat();
  const index = (await t.index.where('datasetId').equals(id).toArray()).map((x) => [x.id.slice(id.length), [...storedEntries(x)!]]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const status = (await t.status.where('datasetId').equals(id).sortBy('block')).map((s) => [s.block, [...s.avail], [...s.segment], [...s.words]]);
  const { ds, meta } = await sealedMeta(engine, db, id);
  return { rows, index, status, committedRows: ds.committedRows, state: ds.state, cells: meta.cells, segments: meta.segments, warnings: meta.warningCount };
}

describe('the meta sealed with an interrupted import names only the segments of its committed rows', () => {
  it('a stop after the first chunk', async () => {
    const { db, engine } = await openTestEngine();
    const r = await runImport(db, engine.importKeys, file(segmentsAhead(9000)), req({ stopAfterRows: 1000 }));
    expect(r).toMatchObject({ ok: false, reason: 'interrupted' });
    const { ds, meta } = await sealedMeta(engine, db, r.datasetId!);
    expect(ds.committedRows).toBe(1000);
    expect(await storedSegments(engine, db, r.datasetId!)).toEqual(['A']);
    // Not S2, S3: segments of rows 1000–1999, read (and chunked) but never committed.
    expect(meta.segments).toEqual(['A']);
    expect(meta.cells).toHaveLength(TOTAL_CELLS);
  });

  it('a full disk at the third chunk: the segments of the two chunks committed, none of those read ahead', async () => {
    const { db, engine } = await openTestEngine();
    const restore = fillDiskAfter(2);
    let r;
    try {
      r = await runImport(db, engine.importKeys, file(segmentsAhead(9000)), req());
    } finally {
      restore();
    }
    expect(r).toMatchObject({ ok: false, reason: 'no-space', space: { committedRows: 2000 } });
    const { meta } = await sealedMeta(engine, db, r.datasetId!);
    const stored = await storedSegments(engine, db, r.datasetId!);
    expect(stored).toEqual(['A', 'S2', 'S3']);
    expect(meta.segments).toEqual(stored);
  });
});

describe("the bulk-index tokenizer's life", () => {
  async function watch<T>(run: () => Promise<T>) {
    const events: string[] = [];
    const forget = vi.spyOn(Tokenizer.prototype, 'forget').mockImplementation(function (this: Tokenizer) {
      events.push('forget');
      (this as unknown as { key: Uint32Array }).key.fill(0);
    });
    const hash = Tokenizer.prototype.hashInto;
    const spyHash = vi.spyOn(Tokenizer.prototype, 'hashInto').mockImplementation(function (this: Tokenizer, m: Uint8Array, len: number) {
      if (events.at(-1) !== 'hash') events.push('hash');
      return hash.call(this, m, len);
    });
    try {
      const out = await run();
      await sleep(50);
      return { out, events };
    } finally {
      forget.mockRestore();
      spyHash.mockRestore();
    }
  }
  const slowLast: (rows: number) => ChunkSealer = (rows) => async (first, blocks, key) => {
    if (first + blocks.length * 1000 >= rows) await sleep(100);
    return localSealer(first, blocks, key);
  };

  it.each([
    ['a clean import, the last chunk sealed slowly', csvText(3500), {}, slowLast(3500), undefined],
    ['a header refused', 'x,y\r\n1,2\r\n', {}, undefined, undefined],
    ['a row refused in the third chunk', csvText(3500).replace('\r\nC0002600,', '\r\n,'), {}, undefined, undefined],
    ['a broken record', csvText(3500).replace('\r\nC0002600,', '\r\n"C0002600,'), {}, undefined, undefined],
    ['interrupted', csvText(3500), { stopAfterRows: 2000 }, slowLast(3500), undefined],
    ['a sealer that throws on the last chunk', csvText(3500), {}, (async (f, b, k) => {
      if (f === 3000) throw new Error('boom');
      return localSealer(f, b, k);
    }) as ChunkSealer, undefined],
    ['cancelled while the last chunk is sealed', csvText(3500), {}, slowLast(3500), 'abort'],
  ] as const)('%s: forgotten once, after the last token, however it ends', async (_, text, more, sealer, abort) => {
    const { db, engine } = await openTestEngine();
    const ctl = new AbortController();
    const s: ChunkSealer | undefined = sealer && abort ? async (f, b, k) => {
      if (f === 3000) ctl.abort();
      return sealer(f, b, k);
    } : sealer;
    const { events } = await watch(() => runImport(db, engine.importKeys, file(text), req(more), undefined, ctl.signal, s).catch((e: Error) => e.message));
    expect(events.filter((e) => e === 'forget')).toHaveLength(1);
    expect(events.at(-1)).toBe('forget');
  });

  it('the last chunk, sealed and written after the file is read, has the tokens of a fast import', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(3500, { dupOf: [3400, 12] });
    const fast = await runImport(db, engine.importKeys, file(text), req());
    const slow = await runImport(db, engine.importKeys, file(text), req(), undefined, undefined, slowLast(3500));
    if (!fast.ok || !slow.ok) throw new Error('import failed');
    expect(slow.duplicates).toBe(1);
    expect(await contents(engine, db, slow.datasetId)).toEqual(await contents(engine, db, fast.datasetId));
  });
});

describe('sealers that answer late, out of order, or with someone else’s blocks', () => {
  it('chunks sealed in reverse order (a later one first) store the same list', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(6200);
    const clean = await runImport(db, engine.importKeys, file(text), req());
    const reverse: ChunkSealer = async (first, blocks, key) => {
      await sleep(first % 2000 === 0 ? 80 : 0);
      return localSealer(first, blocks, key);
    };
    const r = await runImport(db, engine.importKeys, file(text), req(), undefined, undefined, reverse);
    if (!clean.ok || !r.ok) throw new Error('import failed');
    expect(await contents(engine, db, r.datasetId)).toEqual(await contents(engine, db, clean.datasetId));
  });

  it('the blocks handed to the sealer are each in a buffer of their own, and moving them away does not change what is stored', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(4321);
    const clean = await runImport(db, engine.importKeys, file(text), req({ commitRows: 2000 }));
    const seen = new Set<ArrayBufferLike>();
    const moving: ChunkSealer = async (first, blocks, key) => {
      for (const b of blocks) {
        expect(seen.has(b.plain.buffer)).toBe(false);
        seen.add(b.plain.buffer);
      }
      const moved = structuredClone(blocks, { transfer: blocks.map((b) => b.plain.buffer) });
      await sleep(5);
      return localSealer(first, moved, key);
    };
    const r = await runImport(db, engine.importKeys, file(text), req({ commitRows: 2000 }), undefined, undefined, moving);
    if (!clean.ok || !r.ok) throw new Error('import failed');
    expect(await contents(engine, db, r.datasetId)).toEqual(await contents(engine, db, clean.datasetId));
  });

  it('a cancel at several moments of a slow sealer leaves nothing, and nothing lands afterwards', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(4500);
    // The first, a middle and the last chunk; at once, soon, and once sealing is under way.
    for (const delay of [0, 5, 60]) {
      for (const k of [0, 2, 4]) {
        const ctl = new AbortController();
        const sealer: ChunkSealer = async (first, blocks, key) => {
          if (first === k * 1000) setTimeout(() => ctl.abort(), delay);
          await sleep(10);
          return localSealer(first, blocks, key);
        };
        const r = await runImport(db, engine.importKeys, file(text), req(), undefined, ctl.signal, sealer);
        await sleep(150);
        const t = contactTables(db);
        const left = [await t.datasets.count(), await t.blocks.count(), await t.index.count(), await t.status.count()];
        if (r.ok) {
          // The cancel came after the list was staged: it stays whole.
          expect(left, `delay ${delay} chunk ${k}`).not.toEqual([0, 0, 0, 0]);
          await engine.discardImport(r.datasetId);
        } else {
          expect(r, `delay ${delay} chunk ${k}`).toMatchObject({ ok: false, reason: 'cancelled' });
          expect(left, `delay ${delay} chunk ${k}`).toEqual([0, 0, 0, 0]);
        }
      }
    }
  });

  it('a row refused while earlier chunks are still sealed (slowly): nothing stays', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(4500).replace('\r\nC0004400,', '\r\n,');
    const slow: ChunkSealer = async (first, blocks, key) => {
      await sleep(40);
      return localSealer(first, blocks, key);
    };
    const r = await runImport(db, engine.importKeys, file(text), req(), undefined, undefined, slow);
    expect(r).toMatchObject({ ok: false, reason: 'invalid', errorCount: 1 });
    await sleep(200);
    const t = contactTables(db);
    expect([await t.datasets.count(), await t.blocks.count(), await t.index.count(), await t.status.count()]).toEqual([0, 0, 0, 0]);
  });

  it('a sealer that answers short on the last chunk, then a resume: the same as a clean import', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(4500);
    const clean = await runImport(db, engine.importKeys, file(text), req({ commitRows: 1500 }));
    const short: ChunkSealer = async (first, blocks, key) => {
      const out = await localSealer(first, blocks, key);
      return first === 4000 ? { sealed: out.sealed.slice(0, 0) } : out;
    };
    await expect(runImport(db, engine.importKeys, file(text), req({ commitRows: 1500 }), undefined, undefined, short)).rejects.toThrow(/without all its blocks/);
    const t = contactTables(db);
    const [ds] = (await t.datasets.toArray()).filter((d) => d.state === 'importing');
    expect(ds!.committedRows).toBe(4000);
    const r = await runImport(db, engine.importKeys, file(text), req({ commitRows: 1500, resumeId: ds!.id }));
    if (!clean.ok || !r.ok) throw new Error('import failed');
    expect(await contents(engine, db, ds!.id)).toEqual(await contents(engine, db, clean.datasetId));
  });
});
