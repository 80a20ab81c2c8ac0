/**
 * Status deltas (decision 051): a commit that changes few rows of a status record writes
 * those rows alone, every reader lays them over the record, and the checked undo of an
 * applied list puts its words back without reading the status records.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactEngine } from './contact-engine';
import { discardDataset } from './import-commit';
import { checkFold, rebuildStatuses, undoList } from './outcomes';
import { DELTA_ROWS, deltaWith, mergeRows, overlay, StatusDeltaDamagedError, statusRecord } from './status-deltas';
import { blockId, STATUS_ROWS, type StatusRecord } from './tables';
import { customer, csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { equalsFullFold } from './test-fold';
import { openSnapshot, sealSnapshot } from './undo-snapshot';

afterEach(dropTestDatabases);

const ROWS = 50_001;

/** A list over three status records (25,000 + 25,000 + 1 rows), every customer's letter sent. */
async function sentList() {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(ROWS), { maxRetries: 1 });
  const post = await engine.createBatch({ datasetId, channel: 'post' });
  await engine.markBatchSent(datasetId, post.batch.batchId, '2026-11-22T09:00:00.000Z');
  return { db, engine, store, datasetId };
}

const returnedMail = async (engine: ContactEngine, datasetId: string, rows: number[]) =>
  engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', rows.map((i) => ({ customerNo: customer(i).no, outcome: 'failed' as const, reason: 'unknown-address' }))));

/** The words on disk in the record itself, without its delta. */
const storedWords = async (engine: ContactEngine, datasetId: string, block: number) => (await engine.tables.status.get(blockId(datasetId, block)))!.words;

const statusesOf = (engine: ContactEngine, datasetId: string, rows: number[]) => Promise.all(rows.map((r) => engine.status(datasetId, r)));

/** Counts the reads of the status records themselves (not of their deltas). */
function countRecordReads(engine: ContactEngine) {
  const t = engine.tables.status;
  const spies = [vi.spyOn(t, 'get'), vi.spyOn(t, 'bulkGet'), vi.spyOn(t, 'where'), vi.spyOn(t, 'toArray'), vi.spyOn(t, 'each')];
  return { count: () => spies.reduce((n, s) => n + s.mock.calls.length, 0), restore: () => spies.forEach((s) => s.mockRestore()) };
}

describe('a list that changes few rows of each status record', () => {
  it('is stored as deltas beside the records, which every reader sees, and its checked undo reads no status record', async () => {
    const { engine, datasetId } = await sentList();
    const rows = [5, 24_999, 25_000, 30_000, 50_000];
    const before = await statusesOf(engine, datasetId, rows);
    const onDisk = await Promise.all([0, 1, 2].map((b) => storedWords(engine, datasetId, b).then((w) => [...w])));

    const list = await returnedMail(engine, datasetId, rows);
    const after = await statusesOf(engine, datasetId, rows);
    for (let k = 0; k < rows.length; k++) expect(after[k], `row ${rows[k]}`).not.toEqual(before[k]);
    // The records on disk are as they were; each one's delta holds exactly the list's rows in it.
    for (const b of [0, 1, 2]) {
      expect([...(await storedWords(engine, datasetId, b))], `record ${b} on disk`).toEqual(onDisk[b]);
      const delta = await engine.tables.statusDelta.get(blockId(datasetId, b));
      expect([...delta!.rows], `record ${b}'s delta`).toEqual(rows.filter((r) => Math.floor(r / STATUS_ROWS) === b).map((r) => r - b * STATUS_ROWS));
    }
    await equalsFullFold(engine, datasetId, 'after the list');

    const reads = countRecordReads(engine);
    await undoList(engine, datasetId, list.id);
    expect(reads.count(), 'status records read by the undo').toBe(0);
    reads.restore();
    expect(await statusesOf(engine, datasetId, rows)).toEqual(before);
    for (const b of [0, 1, 2]) expect([...(await storedWords(engine, datasetId, b))], `record ${b} on disk after the undo`).toEqual(onDisk[b]);
    await equalsFullFold(engine, datasetId, 'after the undo');
  }, 60_000);

  it('writes a record whole once its delta would hold more than DELTA_ROWS rows, and its delta goes', async () => {
    const { engine, datasetId } = await sentList();
    const first = Array.from({ length: 2_000 }, (_, i) => i * 3);
    const second = Array.from({ length: 1_000 }, (_, i) => 10_000 + i * 7 + 1);
    await returnedMail(engine, datasetId, first);
    expect((await engine.tables.statusDelta.get(blockId(datasetId, 0)))!.rows.length).toBe(2_000);
    const list = await returnedMail(engine, datasetId, second);
    expect(2_000 + 1_000).toBeGreaterThan(DELTA_ROWS);
    expect(await engine.tables.statusDelta.get(blockId(datasetId, 0)), 'record 0 delta').toBeUndefined();
    // Both lists are in the record itself now.
    const words = await storedWords(engine, datasetId, 0);
    const read = (await statusRecord(engine.tables, blockId(datasetId, 0)))!.words;
    expect([...words]).toEqual([...read]);
    await equalsFullFold(engine, datasetId, 'after the second list');

    // Its undo goes back into a delta of the record just written whole.
    await undoList(engine, datasetId, list.id);
    expect((await engine.tables.statusDelta.get(blockId(datasetId, 0)))!.rows.length).toBeLessThanOrEqual(1_000);
    await equalsFullFold(engine, datasetId, 'after the undo');
  }, 60_000);

  it('undoes a list whose snapshot was sealed before the words after were kept, by reading its records', async () => {
    const { engine, datasetId } = await sentList();
    const rows = [1, 2, 25_003, 50_000];
    const before = await statusesOf(engine, datasetId, rows);
    const list = await returnedMail(engine, datasetId, rows);
    // The snapshot as an earlier version sealed it: rows and words before only.
    const rec = (await engine.tables.undo.where('eventId').equals(list.id).first())!;
    const snap = await openSnapshot(engine.data.dataKey, rec);
    expect(snap.after).toBeDefined();
    const old = await sealSnapshot(engine.data.dataKey, datasetId, rec.slot, { id: rec.eventId, at: rec.at }, { rows: snap.rows, words: snap.words });
    expect(old.sealed.byteLength).toBeLessThan(rec.sealed.byteLength);
    await engine.tables.undo.put(old);

    const reads = countRecordReads(engine);
    await undoList(engine, datasetId, list.id);
    expect(reads.count(), 'status records read by the undo').toBeGreaterThan(0);
    reads.restore();
    expect(await statusesOf(engine, datasetId, rows)).toEqual(before);
    await equalsFullFold(engine, datasetId, 'after the undo');
  }, 60_000);

  it('a rebuild and a discarded list leave no delta behind; a damaged delta is refused, and a rebuild repairs it', async () => {
    const { engine, datasetId } = await sentList();
    await returnedMail(engine, datasetId, [7, 26_000]);
    // Records 0 and 1 (the list), and 2 (its one row, from the post batch).
    expect(await engine.tables.statusDelta.where('datasetId').equals(datasetId).primaryKeys()).toEqual([0, 1, 2].map((b) => blockId(datasetId, b)));
    expect(await rebuildStatuses(engine, datasetId)).toBe(true);
    expect(await engine.tables.statusDelta.where('datasetId').equals(datasetId).count()).toBe(0);
    await equalsFullFold(engine, datasetId, 'after the rebuild');

    await returnedMail(engine, datasetId, [8, 26_001]);
    const id = blockId(datasetId, 1);
    const delta = (await engine.tables.statusDelta.get(id))!;
    await engine.tables.statusDelta.put({ ...delta, rows: Uint16Array.from([30_000]) });
    await expect(engine.status(datasetId, 26_001)).rejects.toThrow(StatusDeltaDamagedError);
    // The dashboard's check says so, record by record, and offers the rebuild: it repairs.
    expect(await checkFold(engine, datasetId)).toMatchObject({ mismatchedRows: 25_000 });
    expect(await rebuildStatuses(engine, datasetId)).toBe(true);
    await equalsFullFold(engine, datasetId, 'after the repair');

    await returnedMail(engine, datasetId, [9]);
    await discardDataset(engine.tables, datasetId);
    expect(await engine.tables.statusDelta.where('datasetId').equals(datasetId).count()).toBe(0);
  }, 60_000);
});

describe('the delta codec', () => {
  const rec = (words: number[]): StatusRecord => ({ id: 'd:000000', datasetId: 'd', block: 0, avail: new Uint8Array(words.length), segment: new Uint16Array(words.length), words: Uint16Array.from(words) });

  it('lays a delta over its record, and refuses one that is out of order, out of range or of another record', () => {
    expect([...overlay(rec([1, 1, 1, 1]), { id: 'd:000000', datasetId: 'd', block: 0, rows: Uint16Array.from([1, 3]), words: Uint16Array.from([7, 9]) }).words]).toEqual([1, 7, 1, 9]);
    const bad = [
      { rows: [3, 1], words: [7, 9] },
      { rows: [1, 1], words: [7, 9] },
      { rows: [4], words: [7] },
      { rows: [1], words: [7, 9] },
    ];
    for (const b of bad) expect(() => overlay(rec([1, 1, 1, 1]), { id: 'd:000000', datasetId: 'd', block: 0, rows: Uint16Array.from(b.rows), words: Uint16Array.from(b.words) }), JSON.stringify(b)).toThrow(StatusDeltaDamagedError);
    expect(() => overlay(rec([1, 1]), { id: 'd:000000', datasetId: 'd', block: 1, rows: Uint16Array.from([0]), words: Uint16Array.from([2]) })).toThrow(StatusDeltaDamagedError);
    expect(overlay(rec([1, 2]), undefined).words).toEqual(Uint16Array.from([1, 2]));
  });

  it('merges rows ascending and distinct, and sets rows on a delta only where it holds what the caller says', () => {
    expect([...mergeRows(Uint16Array.from([5, 9]), [9, 1, 5, 24_999])]).toEqual([1, 5, 9, 24_999]);
    const id = { id: 'd:000000', datasetId: 'd', block: 0 };
    const old = { ...id, rows: Uint16Array.from([2, 8]), words: Uint16Array.from([20, 80]) };
    expect(deltaWith(id, old, [8, 3], [81, 30], [80, 0])).toEqual({ ...id, rows: Uint16Array.from([2, 3, 8]), words: Uint16Array.from([20, 30, 81]) });
    // The delta holds another word for row 8 than the caller thinks it has: not set this way.
    expect(deltaWith(id, old, [8], [81], [79])).toBeNull();
    const many = Array.from({ length: DELTA_ROWS }, (_, i) => i + 10);
    expect(deltaWith(id, old, many, many, many)).toBeNull();
    expect(deltaWith(id, undefined, many, many, many)!.rows.length).toBe(DELTA_ROWS);
  });
});
