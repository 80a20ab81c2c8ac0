/**
 * A stranger's attacks on the import pipeline that writes chunk n while chunk n + 1 is sealed
 * (decision 041): a full disk at every chunk, a stop at every chunk, a cancel mid-way, a sealer
 * that fails, a broken record late in the file, late segments; every resume compared with a
 * clean import field by field.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cellOf, TOTAL_CELLS } from '../../../shared/contacts/fallback';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { openJson } from '../../../shared/vault/cipher';
import type { HonbuDb } from '../data/db';
import { openBlock } from './block-codec';
import { type ChunkSealer, localSealer } from './chunk-seal';
import type { ContactEngine } from './contact-engine';
import { datasetAad } from './import-commit';
import { type ImportRequest, runImport } from './import-pipeline';
import { contactTables, type DatasetMeta } from './tables';
import { csvText, HEADER } from './test-data';
import { dropTestDatabases, fillDiskAfter, openTestEngine } from './test-engine';
import { storedEntries } from './index-codec';

afterEach(dropTestDatabases);
const mapping = guessMapping(HEADER.split(','));
const sjis = (text: string) => new Blob([encodeCsv(text, 'utf-8-bom')]);
const req = (more: Partial<ImportRequest> = {}): ImportRequest => ({ incidentId: 'inc', mapping, commitRows: 1000, ...more });


/** Every stored row, index segment, status and the sealed meta of a list, without its id. */
async function contents(engine: ContactEngine, db: HonbuDb, datasetId: string, withTotals = true) {
  const t = contactTables(db);
  const blocks = await t.blocks.where('datasetId').equals(datasetId).sortBy('block');
  const rows = (await Promise.all(blocks.map((b) => openBlock(engine.importKeys.data, b.id, b.sealed, b.block * 1000)))).flat();
  const index = (await t.index.where('datasetId').equals(datasetId).toArray()).map((x) => [x.id.slice(datasetId.length), [...storedEntries(x)!]]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const statusRecs = await t.status.where('datasetId').equals(datasetId).sortBy('block');
  const status = statusRecs.map((s) => [s.block, [...s.avail], [...s.segment], [...s.words]]);
  const ds = (await t.datasets.get(datasetId))!;
  const meta = await openJson<DatasetMeta>(engine.importKeys.data, ds.sealed, datasetAad(datasetId));
  // What the statuses count, cell by cell, against what the sealed meta says.
  // (The running cells of an unfinished list; a committed list keeps them in its totals.)
  const counted = meta.cells ? new Array<number>(meta.cells.length).fill(0) : null;
  if (counted) for (const s of statusRecs) s.words.forEach((w, i) => void (counted[s.segment[i]! * TOTAL_CELLS + cellOf(w)]! += 1));
  return {
    rows, index, status, committedRows: ds.committedRows, cells: meta.cells ?? null, counted, segments: meta.segments, warningCount: meta.warningCount,
    ...(withTotals ? { totals: await engine.totals(datasetId) } : {}),
  };
}

const ROWS = 4500; // five chunks of 1000: four whole, one of 500
async function cleanImport(engine: ContactEngine, db: HonbuDb, text: string, more: Partial<ImportRequest> = {}) {
  const r = await runImport(db, engine.importKeys, sjis(text), req(more));
  if (!r.ok) throw new Error(JSON.stringify(r));
  await engine.commitImport(r.datasetId);
  return contents(engine, db, r.datasetId);
}
async function resumeAndCompare(engine: ContactEngine, db: HonbuDb, text: string, id: string, clean: Awaited<ReturnType<typeof contents>>, more: Partial<ImportRequest> = {}) {
  const resumed = await runImport(db, engine.importKeys, sjis(text), req({ resumeId: id, ...more }));
  expect(resumed).toMatchObject({ ok: true });
  await engine.commitImport(id);
  expect(await contents(engine, db, id)).toEqual(clean);
}
/** The list as interrupted: exactly `committed` rows, the sealed totals count exactly them. */
async function expectExactly(engine: ContactEngine, db: HonbuDb, id: string, committed: number) {
  const c = await contents(engine, db, id, false);
  expect(c.committedRows).toBe(committed);
  expect(c.rows).toHaveLength(committed);
  expect(c.status.reduce((n, s) => n + (s[1] as number[]).length, 0)).toBe(committed);
  for (const [, entries] of c.index) for (let i = 2; i < (entries as number[]).length; i += 3) expect((entries as number[])[i]).toBeLessThan(Math.max(committed, 1));
  expect(c.cells).toEqual(c.counted);
}

// Segments: two common ones, then one per row first seen in the last chunk.
const lateSegments = (text: string) =>
  text.split('\r\n').map((line, i) => (i > 4000 && line ? line.replace(/,(通販|アプリ),/, `,late${i % 7},`) : line)).join('\r\n');

describe('a full disk at every chunk, the first and the last included', () => {
  it('keeps exactly the chunks before it and resumes to a clean import', async () => {
    const { db, engine } = await openTestEngine();
    const text = lateSegments(csvText(ROWS, { dupOf: [4300, 17] }));
    const clean = await cleanImport(engine, db, text);
    for (let k = 0; k <= 4; k++) {
      const restore = fillDiskAfter(k);
      let full;
      try {
        full = await runImport(db, engine.importKeys, sjis(text), req());
      } finally {
        restore();
      }
      expect(full, `disk full at chunk ${k}`).toMatchObject({ ok: false, reason: 'no-space', space: { committedRows: k * 1000 } });
      if (k === 0) {
        expect(await engine.unfinishedImports('inc')).toEqual([]);
        continue;
      }
      await expectExactly(engine, db, full.datasetId!, k * 1000);
      await resumeAndCompare(engine, db, text, full.datasetId!, clean);
    }
  });
});

describe('a stop (a kill, a lock) after every chunk', () => {
  it('keeps exactly the rows written, totals included, and resumes to a clean import', async () => {
    const { db, engine } = await openTestEngine();
    const text = lateSegments(csvText(ROWS));
    const clean = await cleanImport(engine, db, text);
    for (const stop of [1000, 2000, 3000, 4000, 4500]) {
      const r = await runImport(db, engine.importKeys, sjis(text), req({ stopAfterRows: stop }));
      expect(r, `stop after ${stop}`).toMatchObject({ ok: false, reason: 'interrupted' });
      // Give any write still on its way the time to land: none must.
      await new Promise((ok) => setTimeout(ok, 50));
      await expectExactly(engine, db, r.datasetId!, stop);
      await resumeAndCompare(engine, db, text, r.datasetId!, clean);
    }
  });

  it('a commit size that is not a whole number of blocks', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(ROWS);
    const clean = await cleanImport(engine, db, text, { commitRows: 1500 });
    const r = await runImport(db, engine.importKeys, sjis(text), req({ commitRows: 1500, stopAfterRows: 1 }));
    expect(r).toMatchObject({ ok: false, reason: 'interrupted' });
    await expectExactly(engine, db, r.datasetId!, 2000);
    await resumeAndCompare(engine, db, text, r.datasetId!, clean, { commitRows: 1500 });
  });
});

/** A sealer that does what the real one does, and something else on chunk `k`. */
function sealerWith(k: number, onChunk: () => void | Promise<void>): ChunkSealer {
  return async (first, blocks, dataKey) => {
    if (first === k * 1000) await onChunk();
    return localSealer(first, blocks, dataKey);
  };
}

describe('a sealer that fails on chunk k', () => {
  it('fails the import with its error, no unhandled rejection, nothing half-written, resumable', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(ROWS);
    const clean = await cleanImport(engine, db, text);
    for (let k = 0; k <= 4; k++) {
      const before = new Set((await contactTables(db).datasets.toArray()).map((d) => d.id));
      const sealer = sealerWith(k, () => {
        throw new Error(`sealer broke on ${k}`);
      });
      await expect(runImport(db, engine.importKeys, sjis(text), req(), undefined, undefined, sealer)).rejects.toThrow(`sealer broke on ${k}`);
      await new Promise((ok) => setTimeout(ok, 50));
      const [id] = (await contactTables(db).datasets.toArray()).map((d) => d.id).filter((d) => !before.has(d));
      if (k === 0) {
        // Nothing committed: either nothing stored, or an empty job to resume.
        if (id) await expectExactly(engine, db, id, 0);
        continue;
      }
      await expectExactly(engine, db, id!, k * 1000);
      await resumeAndCompare(engine, db, text, id!, clean);
    }
  });
});

describe('blocks handed to the sealer as they are made (decision 054)', () => {
  // Chunks of 20,000 rows: each is handed over in three parts (8, 8 and 4 blocks).
  const BIG = 50_000;
  it('a hand-over that fails mid-chunk fails the import with its error; the chunks before stay, that chunk leaves nothing, and the resume equals a clean import', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(BIG);
    const clean = await cleanImport(engine, db, text, { commitRows: 20_000 });
    const handed: number[] = [];
    const sealer: ChunkSealer = async (first, blocks, key) => {
      handed.push(first);
      // The second part of the second chunk.
      if (first === 28_000) throw new Error('sealer broke mid-chunk');
      return localSealer(first, blocks, key);
    };
    await expect(runImport(db, engine.importKeys, sjis(text), req({ commitRows: 20_000 }), undefined, undefined, sealer)).rejects.toThrow('sealer broke mid-chunk');
    // The first chunk went over in three parts, the second's first part before its end.
    expect(handed.slice(0, 5)).toEqual([0, 8_000, 16_000, 20_000, 28_000]);
    // The failure stops the reading soon after: not every part of the file was handed over.
    expect(handed).not.toContain(40_000);
    await new Promise((ok) => setTimeout(ok, 50));
    const [ds] = await contactTables(db).datasets.filter((d) => d.state !== 'complete').toArray();
    await expectExactly(engine, db, ds!.id, 20_000);
    await resumeAndCompare(engine, db, text, ds!.id, clean, { commitRows: 20_000 });
  });
});

describe('a cancel mid-import', () => {
  it('leaves nothing of the list, even with writes on their way, even while the last chunk is sealed', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(ROWS);
    for (let k = 0; k <= 4; k++) {
      const ctl = new AbortController();
      const r = await runImport(db, engine.importKeys, sjis(text), req(), undefined, ctl.signal, sealerWith(k, () => ctl.abort()));
      await new Promise((ok) => setTimeout(ok, 50));
      const t = contactTables(db);
      expect(r, `cancel at chunk ${k}`).toMatchObject({ ok: false, reason: 'cancelled' });
      expect([await t.datasets.count(), await t.blocks.count(), await t.index.count(), await t.status.count()], `cancel at chunk ${k}`).toEqual([0, 0, 0, 0]);
    }
  });
});

describe('a cancel once the whole file is read, while the last chunks are written and duplicates looked for', () => {
  it('is a cancel: nothing of the list stays', async () => {
    const { db, engine } = await openTestEngine();
    const ctl = new AbortController();
    const r = await runImport(db, engine.importKeys, sjis(csvText(ROWS, { dupOf: [4300, 17] })), req(), (p) => p.bytes >= p.totalBytes && ctl.abort(), ctl.signal);
    expect(r).toMatchObject({ ok: false, reason: 'cancelled' });
    const t = contactTables(db);
    expect([await t.datasets.count(), await t.blocks.count(), await t.index.count(), await t.status.count()]).toEqual([0, 0, 0, 0]);
  });
});

describe('a file refused in its third chunk, after two chunks were written', () => {
  it.each([
    ['a broken record (an unterminated quote)', (line: string) => line.replace(',', ',"unterminated')],
    ['a row without its customer number', (line: string) => line.replace(/^C\d+,/, ',')],
  ])('%s: stores nothing', async (_, spoil) => {
    const { db, engine } = await openTestEngine();
    const lines = csvText(ROWS).split('\r\n');
    lines[2600] = spoil(lines[2600]!);
    const r = await runImport(db, engine.importKeys, sjis(lines.join('\r\n')), req());
    expect(r).toMatchObject({ ok: false, reason: 'invalid' });
    await new Promise((ok) => setTimeout(ok, 50));
    const t = contactTables(db);
    expect([await t.datasets.count(), await t.blocks.count(), await t.index.count(), await t.status.count()]).toEqual([0, 0, 0, 0]);
  });
});

describe('two imports at once in one worker', () => {
  it('each stores exactly what it stores alone', async () => {
    const { db, engine } = await openTestEngine();
    const a = csvText(3300);
    const b = lateSegments(csvText(ROWS)).replaceAll('C0', 'B0');
    const cleanA = await cleanImport(engine, db, a);
    const cleanB = await cleanImport(engine, db, b, { commitRows: 2000 });
    const [ra, rb] = await Promise.all([runImport(db, engine.importKeys, sjis(a), req()), runImport(db, engine.importKeys, sjis(b), req({ commitRows: 2000 }))]);
    if (!ra.ok || !rb.ok) throw new Error('import failed');
    await engine.commitImport(ra.datasetId);
    await engine.commitImport(rb.datasetId);
    expect(await contents(engine, db, ra.datasetId)).toEqual(cleanA);
    expect(await contents(engine, db, rb.datasetId)).toEqual(cleanB);
  });
});

describe('a sealer that answers with fewer sealed blocks than it was given (a broken second worker)', () => {
  it('fails the import before writing that chunk: no block without its bytes', async () => {
    const { db, engine } = await openTestEngine();
    const short: ChunkSealer = async (first, blocks, dataKey) => {
      const out = await localSealer(first, blocks, dataKey);
      return first === 2000 ? { ...out, sealed: out.sealed.slice(1) } : out;
    };
    await expect(runImport(db, engine.importKeys, sjis(csvText(ROWS)), req({ commitRows: 2000 }), undefined, undefined, short)).rejects.toThrow();
    const t = contactTables(db);
    const blocks = await t.blocks.toArray();
    expect(blocks.every((b) => b.sealed instanceof Uint8Array && b.sealed.length > 0)).toBe(true);
    expect(blocks.map((b) => b.block).sort()).toEqual([0, 1]);
    const [ds] = await t.datasets.toArray();
    expect(ds).toMatchObject({ committedRows: 2000, state: 'importing' });
  });
});
