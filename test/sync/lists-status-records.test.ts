/**
 * A list over two status records (25,000 rows each, decision 044) received by B, the
 * transfer cut mid-way (the server stopped) and resumed: until it is checked B keeps a
 * record per 1,000-row block as the packs carry them, then joins them into records equal
 * to A's, with the contact events A recorded in the second record folded in.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { guessMapping } from '../../shared/contacts/validate';
import { encodeCsv } from '../../shared/export/csv';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { ContactEngine } from '../../renderer/src/contacts/contact-engine';
import { runImport } from '../../renderer/src/contacts/import-pipeline';
import { receiveList, shareList } from '../../renderer/src/contacts/list-share';
import { ListChannelClosed } from '../../renderer/src/sync/list-channel';
import { contactTables } from '../../renderer/src/contacts/tables';
import { statusRecordsById } from '../../renderer/src/contacts/status-deltas';
import { customer, csvText, HEADER } from '../../renderer/src/contacts/test-data';
import { allAppended, makeTeam, waitConverged, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
const engines: ContactEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) e.dispose();
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const ROWS = 26_001;

it('a 26,001-row list cut mid-transfer and resumed: B keeps per-block records until checked, then the same records as A, returned mail in the second record folded', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-status-records-'));
  server = await startSyncServer({ port: 0, dataDir });
  team = await makeTeam(['alice', 'bob']);
  const [a, b] = team.laptops as [Laptop, Laptop];
  for (const l of team.laptops) await team.connect(l, server.url);
  const ea = await ContactEngine.open(a.store);
  const eb = await ContactEngine.open(b.store);
  engines.push(ea, eb);
  const file = new Blob([encodeCsv(csvText(ROWS), 'shift_jis')]);
  const imported = await runImport(a.db, ea.importKeys, file, { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')), maxRetries: 2, fileName: 'list.csv', commitRows: 7_000 });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const datasetId = imported.datasetId;
  a.appended.add((await ea.commitImport(datasetId)).id);
  const post = await ea.createBatch({ datasetId, channel: 'post' });
  await ea.markBatchSent(datasetId, post.batch.batchId, '2026-11-22T09:00:00.000Z');
  // Returned mail on both sides of the records' edge and the list's last row.
  const returned = [24_999, 25_000, 25_001, 25_999, 26_000].map((i) => ({ customerNo: customer(i).no, outcome: 'failed' as const, reason: 'unknown-address' }));
  await ea.applyOutcomes(await ea.previewOutcomes(datasetId, 'post', 'returned-mail', returned));
  const all = new Set((await a.store.readEvents()).map((e) => e.id));
  await waitConverged([a, b], new Set([...all, ...allAppended(team.laptops)]), 15_000);

  const ta = await a.client!.listTransport();
  expect(await shareList(ea, datasetId, ta, { packBytes: 64 * 1024 })).toBe('shared');
  ta.channel.close();
  const port = server.port;
  const tb = await b.client!.listTransport();
  const tB = contactTables(b.db);
  let stopped: Promise<void> | undefined;
  // Stopped once some of the list's channel records are stored (packs carry rows, then channel records, then the index).
  const first = receiveList(eb, datasetId, tb, {
    onProgress: () =>
      void tB.status.where('datasetId').equals(datasetId).count().then((n) => {
        if (n > 0 && !stopped) stopped = server!.close();
      }),
  });
  await expect(first).rejects.toBeInstanceOf(ListChannelClosed);
  await stopped;
  expect(await tB.datasets.get(datasetId)).toMatchObject({ state: 'receiving' });
  const partial = await tB.status.where('datasetId').equals(datasetId).sortBy('block');
  expect(partial.length).toBeGreaterThan(0);
  // Kept as the packs carry them: a record per 1,000-row block, numbered by block.
  expect(partial.every((s) => s.avail.length === Math.min(1_000, ROWS - s.block * 1_000) && s.id === `${datasetId}:${String(s.block).padStart(6, '0')}`)).toBe(true);

  server = await startSyncServer({ port, dataDir });
  const again = await b.client!.listTransport();
  expect(await receiveList(eb, datasetId, again)).toMatchObject({ status: 'complete', refused: 0 });
  again.channel.close();
  // As every reader sees them: each record with its delta laid over it (decision 051).
  const records = async (l: Laptop) =>
    (await statusRecordsById(contactTables(l.db), (await contactTables(l.db).status.where('datasetId').equals(datasetId).sortBy('block')).map((s) => s.id))).map((s) => s!).map((s) => ({ id: s.id, block: s.block, avail: [...s.avail], segment: [...s.segment], words: [...s.words] }));
  const [onA, onB] = [await records(a), await records(b)];
  expect(onB.map((s) => s.words.length)).toEqual([25_000, 1_001]);
  expect(onB).toEqual(onA);
  for (const r of [24_999, 25_000, 26_000]) expect(await eb.status(datasetId, r)).toEqual(await ea.status(datasetId, r));
  expect((await eb.status(datasetId, 26_000)).slot).toBeGreaterThan(0);
  expect(await eb.checkFold(datasetId)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
  expect(await eb.totals(datasetId)).toEqual(await ea.totals(datasetId));
}, 120_000);
