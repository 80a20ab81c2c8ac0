/**
 * A returned-mail list matched with the customers shows how far it is and can be stopped (a
 * 50k list over 20M customers reads the whole customer-number index: seconds); stopped, it
 * writes nothing.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { customer, csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

const returned = (n: number) => Array.from({ length: n }, (_, i) => ({ customerNo: customer(i * 3).no, outcome: 'failed' as const, reason: 'unknown-address' }));

it('the preview reports its progress up to the whole, and the same plan as without', async () => {
  const { db, engine } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(3_000));
  const shares: number[] = [];
  const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned(400), { onProgress: (s) => shares.push(s) });
  expect(shares.length).toBeGreaterThan(3);
  expect(shares.every((s, i) => s > 0 && s <= 1 && (i === 0 || s > shares[i - 1]!))).toBe(true);
  expect(shares.at(-1)).toBe(1);
  expect(plan).toEqual(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned(400)));
  expect(plan.preview.matched).toBe(400);
}, 30_000);

it('stopped while it reads the index: it rejects as aborted, and nothing is written', async () => {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(3_000));
  const events = (await store.readEvents()).length;
  const stop = new AbortController();
  const matching = engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned(400), {
    signal: stop.signal,
    onProgress: (s) => s >= 0.25 && stop.abort(),
  });
  await expect(matching).rejects.toMatchObject({ name: 'AbortError' });
  expect((await store.readEvents()).length).toBe(events);
  // Stopped before it starts: the same.
  await expect(engine.previewOutcomes(datasetId, 'post', 'returned-mail', returned(10), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
}, 30_000);
