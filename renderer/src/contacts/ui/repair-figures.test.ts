/**
 * The dashboard's way out when its figures differ from the events (decision 051: a damaged
 * status delta): the check says so, and the repair folds the list again from its events.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { blockId } from '../tables';
import { csvText } from '../test-data';
import { dropTestDatabases, importText, openTestEngine } from '../test-engine';
import { StoreBusyError } from '../../data/store-contract';
import { useContacts } from './contacts-store';

afterEach(async () => {
  await useContacts.getState().open(null);
  await dropTestDatabases();
});

async function foldOf(datasetId: string) {
  for (let i = 0; i < 200; i++) {
    const f = useContacts.getState().folds[datasetId];
    if (f) return f;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('no fold check');
}

it('a damaged status delta: the check finds every row of its record differs, the repair makes the figures equal the events again', async () => {
  const { db, engine: importer, store } = await openTestEngine();
  const datasetId = await importText(importer, db, csvText(600));
  const post = await importer.createBatch({ datasetId, channel: 'post' });
  await importer.markBatchSent(datasetId, post.batch.batchId, '2026-11-22T09:00:00.000Z');
  await importer.applyOutcomes(await importer.previewOutcomes(datasetId, 'post', 'returned-mail', [1, 2].map((row) => ({ row, outcome: 'failed' as const }))));
  // The record's 600 rows changed by the batch, in its delta: two of them swapped on disk.
  const id = blockId(datasetId, 0);
  const delta = (await importer.tables.statusDelta.get(id))!;
  expect(delta.rows.length).toBe(600);
  const rows = Uint16Array.from(delta.rows);
  [rows[1], rows[2]] = [rows[2]!, rows[1]!];
  await importer.tables.statusDelta.put({ ...delta, rows });
  importer.dispose();

  await useContacts.getState().open(store);
  await useContacts.getState().load('inc');
  useContacts.getState().verify(datasetId);
  expect(await foldOf(datasetId)).toMatchObject({ rows: 600, mismatchedRows: 600 });

  expect(await useContacts.getState().repair(datasetId)).toBe(true);
  expect(await foldOf(datasetId)).toMatchObject({ rows: 600, mismatchedRows: 0, totalsMatch: true });
  const engine = useContacts.getState().engine!;
  expect(await engine.tables.statusDelta.get(id)).toBeUndefined();
  expect((await engine.status(datasetId, 1)).slot).toBe(1);
}, 30_000);

it('a check put off because results kept landing is made when the figures are opened again, not half a minute later', async () => {
  const { db, engine: importer, store } = await openTestEngine();
  const datasetId = await importText(importer, db, csvText(50));
  importer.dispose();
  await useContacts.getState().open(store);
  await useContacts.getState().load('inc');
  const engine = useContacts.getState().engine!;
  const real = engine.verifyFold.bind(engine);
  let calls = 0;
  engine.verifyFold = (id: string) => (++calls === 1 ? Promise.reject(new StoreBusyError()) : real(id));
  useContacts.getState().verify(datasetId);
  // The first check ran and found the floor busy: nothing is shown yet.
  for (let i = 0; i < 100 && calls === 0; i++) await new Promise((ok) => setTimeout(ok, 50));
  expect(calls).toBe(1);
  await new Promise((ok) => setTimeout(ok, 100));
  expect(useContacts.getState().folds[datasetId]).toBeUndefined();
  // The person opens the figures again: checked within seconds (foldOf waits at most 10 s).
  useContacts.getState().verify(datasetId);
  expect(await foldOf(datasetId)).toMatchObject({ rows: 50, mismatchedRows: 0, totalsMatch: true });
  expect(calls).toBe(2);
}, 30_000);

it('a check dropped because the person went to another incident meanwhile is made when they come back and open the figures', async () => {
  const { db, engine: importer, store } = await openTestEngine();
  const datasetId = await importText(importer, db, csvText(50));
  importer.dispose();
  await useContacts.getState().open(store);
  await useContacts.getState().load('inc');
  useContacts.getState().verify(datasetId);
  // Another incident before the check starts (2 s later): it is dropped.
  await useContacts.getState().load('other');
  await new Promise((ok) => setTimeout(ok, 2_500));
  await useContacts.getState().load('inc');
  expect(useContacts.getState().folds[datasetId]).toBeUndefined();
  useContacts.getState().verify(datasetId);
  expect(await foldOf(datasetId)).toMatchObject({ rows: 50, mismatchedRows: 0, totalsMatch: true });
}, 30_000);
