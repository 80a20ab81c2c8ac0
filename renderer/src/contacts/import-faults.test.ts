/**
 * Faults during a long import: the disk or the browser's quota filling up mid-import
 * (IndexedDB refuses a write with QuotaExceededError), and the laptop locking while the
 * import worker runs.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { openBlock } from './block-codec';
import { unlockWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { ImportClient } from './import-client';
import type { ImportCalls } from './import-protocol';
import { type ImportProgress, runImport, spaceNeeded } from './import-pipeline';
import { contactTables } from './tables';
import { csvText, HEADER } from './test-data';
import { dropTestDatabases, fillDiskAfter, importText, openTestEngine } from './test-engine';
import type { HonbuDb } from '../data/db';
import { storedEntries } from './index-codec';

afterEach(dropTestDatabases);
const mapping = guessMapping(HEADER.split(','));
const sjis = (text: string) => new Blob([encodeCsv(text, 'shift_jis')]);

/** Every stored row, index segment and status of a list, without its dataset id. */
async function contents(engine: ContactEngine, db: HonbuDb, datasetId: string) {
  const t = contactTables(db);
  const blocks = await t.blocks.where('datasetId').equals(datasetId).sortBy('block');
  const rows = (await Promise.all(blocks.map((b) => openBlock(engine.importKeys.data, b.id, b.sealed, b.block * 1000)))).flat();
  const index = (await t.index.where('datasetId').equals(datasetId).toArray()).map((x) => [x.id.slice(datasetId.length), [...storedEntries(x)!]]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const status = (await t.status.where('datasetId').equals(datasetId).sortBy('block')).map((s) => [s.block, [...s.avail], [...s.segment], [...s.words]]);
  return { rows, index, status, totals: await engine.totals(datasetId) };
}

describe('the disk fills up mid-import', () => {
  it('stops with how much is needed, harms nothing stored, and resumes to exactly a clean import', async () => {
    const { db, engine } = await openTestEngine();
    const text = csvText(4500, { dupOf: [4300, 17] });
    // A list already here, and a clean import of the same file to compare with.
    const other = await importText(engine, db, csvText(1200).replaceAll('C0', 'D0'));
    const otherBefore = await contents(engine, db, other);
    const clean = await runImport(db, engine.importKeys, sjis(text), { incidentId: 'inc', mapping, commitRows: 1000 });
    expect(clean.ok).toBe(true);
    if (!clean.ok) return;

    // 1000-row chunks of 1000-row blocks: the disk is full while the third chunk is written.
    const restore = fillDiskAfter(2);
    let full;
    try {
      full = await runImport(db, engine.importKeys, sjis(text), { incidentId: 'inc', mapping, commitRows: 1000 });
    } finally {
      restore();
    }
    expect(full).toMatchObject({ ok: false, reason: 'no-space', space: { committedRows: 2000 } });
    if (full.ok || !full.space) return;
    // The rest of the file (2,500 rows of ~100 bytes) needs a few hundred KB; "free" is unknown here (no navigator.storage).
    expect(full.space.neededBytes).toBeGreaterThan(200_000);
    expect(full.space.neededBytes).toBeLessThan(1_000_000);
    expect(full.space.freeBytes).toBeNull();
    // Nothing else stored was harmed; the job waits to be resumed with the rows before the full disk.
    expect(await contents(engine, db, other)).toEqual(otherBefore);
    const job = (await engine.unfinishedImports('inc')).find((d) => d.id === full.datasetId);
    expect(job).toMatchObject({ committedRows: 2000, state: 'importing' });
    expect(await contactTables(db).blocks.where('datasetId').equals(full.datasetId!).count()).toBe(2);

    // Space freed: the resume completes, with no row twice, equal to the clean import.
    const resumed = await runImport(db, engine.importKeys, sjis(text), { incidentId: 'inc', mapping, commitRows: 1000, resumeId: job!.id });
    expect(resumed).toMatchObject({ ok: true, rows: 4500, resumedFrom: 2000, duplicates: 1 });
    await engine.commitImport(clean.datasetId);
    await engine.commitImport(job!.id);
    const a = await contents(engine, db, clean.datasetId);
    const b = await contents(engine, db, job!.id);
    expect(b.rows).toHaveLength(4500);
    expect(new Set(b.rows.map((r) => r.customerNo)).size).toBe(4499);
    expect(b).toEqual(a);
  });

  it('a disk full during the first chunk leaves nothing behind', async () => {
    const { db, engine } = await openTestEngine();
    const restore = fillDiskAfter(0);
    try {
      const r = await runImport(db, engine.importKeys, sjis(csvText(1500)), { incidentId: 'inc', mapping, commitRows: 1000 });
      expect(r).toMatchObject({ ok: false, reason: 'no-space', space: { committedRows: 0 } });
    } finally {
      restore();
    }
    expect(await engine.unfinishedImports('inc')).toEqual([]);
    expect(await contactTables(db).blocks.count()).toBe(0);
  });

  it('estimates the space the rest needs from the bytes per row read so far', () => {
    expect(spaceNeeded(1_000_000, 500_000, 5_000, 2_000)).toBe(Math.ceil((1_000_000 - 200_000) * 1.2));
    expect(spaceNeeded(1_000_000, 0, 0, 0)).toBe(1_200_000);
  });
});

/** What the page posts to the import worker (data/worker-calls.ts). */
type ImportMessage = { id: number; call?: keyof ImportCalls; args?: ImportCalls['import']['args']; cancel?: true };

/** Stands in for the import worker (vitest has no Worker): records what it was given and whether it was stopped. */
class FakeWorker extends EventTarget {
  static last: FakeWorker | undefined;
  received: ImportMessage[] = [];
  terminated = false;
  constructor() {
    super();
    FakeWorker.last = this;
  }
  postMessage(m: ImportMessage) {
    this.received.push(m);
    if (m.call === 'import') {
      const datasetId = FakeWorker.datasetId;
      const progress: ImportProgress = { datasetId, rows: 2000, bytes: 1, totalBytes: 2, rowsPerSecond: 1, etaSeconds: 1, resumedFrom: 0 };
      queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: { id: m.id, progress } })));
    }
  }
  terminate() {
    this.terminated = true;
  }
  static datasetId = '';
}

describe('a lock during a long import', () => {
  it('stops the worker with its keys, ends the import as interrupted, and it resumes after unlocking', async () => {
    const { db, engine, store } = await openTestEngine();
    const text = csvText(3500);
    // What the worker had committed when the laptop locked: two chunks.
    const before = await runImport(db, engine.importKeys, sjis(text), { incidentId: 'inc', mapping, commitRows: 1000, stopAfterRows: 2000 });
    FakeWorker.datasetId = before.datasetId!;
    const RealWorker = globalThis.Worker;
    globalThis.Worker = FakeWorker as unknown as typeof Worker;
    let done;
    try {
      const client = new ImportClient(engine);
      const run = client.start(sjis(text), { incidentId: 'inc', mapping, resumeId: before.datasetId });
      await new Promise((ok) => setTimeout(ok, 10));
      const worker = FakeWorker.last!;
      expect(worker.received.find((m) => m.call === 'import')?.args).toMatchObject({ keys: { data: engine.importKeys.data } });
      // The lock (session-lifetime → contacts store): the client first, then the engine, then the store.
      client.terminate();
      engine.dispose();
      await store.close();
      done = await run.done;
      expect(worker.terminated).toBe(true);
      // A cancel would have discarded the rows: a lock must not.
      expect(worker.received.some((m) => m.cancel)).toBe(false);
      expect([...engine.importKeys.bulkIndex].every((b) => b === 0)).toBe(true);
    } finally {
      globalThis.Worker = RealWorker;
    }
    expect(done).toMatchObject({ ok: false, reason: 'interrupted', datasetId: before.datasetId });

    const again = await unlockWorkspace(db, 'correct horse battery staple');
    const reopened = await ContactEngine.open(again.store);
    try {
      const [job] = await reopened.unfinishedImports('inc');
      expect(job).toMatchObject({ id: before.datasetId, committedRows: 2000, state: 'importing' });
      const resumed = await runImport(db, reopened.importKeys, sjis(text), { incidentId: 'inc', mapping, commitRows: 1000, resumeId: job!.id });
      expect(resumed).toMatchObject({ ok: true, rows: 3500, resumedFrom: 2000 });
      await reopened.commitImport(job!.id);
      const { rows } = await contents(reopened, db, job!.id);
      expect(rows.map((r) => r.customerNo)).toEqual(Array.from({ length: 3500 }, (_, i) => `C${String(i).padStart(7, '0')}`));
    } finally {
      reopened.dispose();
      await again.store.close();
    }
  });
});
