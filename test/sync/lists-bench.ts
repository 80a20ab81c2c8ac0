/**
 * Bench body (run by `npm run bench:lists`, never by npm test): laptop A imports a list of
 * N rows (default 1,000,000) and shares it; laptop B, which has only the import event,
 * receives it over loopback from the real sync server until it is complete (rows, index,
 * statuses folded, totals). Both laptops run in this one process on fake-indexeddb, so
 * they share its cores: the figure is pessimistic for one laptop per person.
 *   node bench/lists.mjs [--rows N]
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { guessMapping } from '../../shared/contacts/validate';
import { encodeCsv } from '../../shared/export/csv';
import { startSyncServer } from '../../server/sync-server';
import { ContactEngine } from '../../renderer/src/contacts/contact-engine';
import { runImport } from '../../renderer/src/contacts/import-pipeline';
import { receiveList, shareList } from '../../renderer/src/contacts/list-share';
import { csvText, customer, HEADER } from '../../renderer/src/contacts/test-data';
import { makeTeam, waitConverged, type Laptop } from './team';

const args = process.argv.slice(2);
const ROWS = args.includes('--rows') ? Number(args[args.indexOf('--rows') + 1]) : 1_000_000;
const print = (line: string) => process.stdout.write(`${line}\n`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const dataDir = await mkdtemp(join(tmpdir(), 'honbu-lists-bench-'));
const server = await startSyncServer({ port: 0, dataDir });
const team = await makeTeam(['a', 'b']);
const [a, b] = team.laptops as [Laptop, Laptop];
try {
  for (const l of team.laptops) await team.connect(l, server.url);
  const ea = await ContactEngine.open(a.store);
  const eb = await ContactEngine.open(b.store);
  print(`lists bench: ${ROWS.toLocaleString('en')} rows; ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  let t0 = performance.now();
  const file = new Blob([encodeCsv(csvText(ROWS), 'utf-8-bom')]);
  const r = await runImport(a.db, ea.importKeys, file, { incidentId: 'inc', mapping: guessMapping(HEADER.split(',')), maxRetries: 2, fileName: 'list.csv' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  await ea.commitImport(r.datasetId);
  print(`  A imports the file (setup, not measured): ${s(performance.now() - t0)}`);
  const all = new Set((await a.store.readEvents()).map((e) => e.id));
  await waitConverged([a, b], all, 60_000);

  t0 = performance.now();
  const ta = await a.client!.listTransport();
  const shared = await shareList(ea, r.datasetId, ta);
  ta.channel.close();
  const shareMs = performance.now() - t0;
  let bytes = 0;
  const t1 = performance.now();
  const tb = await b.client!.listTransport((n) => (bytes += n));
  let packs = 0;
  const got = await receiveList(eb, r.datasetId, tb, { onProgress: (p) => (packs = p.packs) });
  tb.channel.close();
  const receiveMs = performance.now() - t1;
  const [hit] = await eb.find('inc', 'no', customer(ROWS - 1).no);
  const totals = await eb.totals(r.datasetId);
  if (got.status !== 'complete' || hit?.row.name !== customer(ROWS - 1).name || JSON.stringify(totals) !== JSON.stringify(await ea.totals(r.datasetId))) throw new Error('B does not hold the same list');
  print(`  A shares (${shared}): ${s(shareMs)}; B receives ${packs} packs, ${(bytes / 1048576).toFixed(0)} MiB, complete with lookup and totals: ${s(receiveMs)}`);
  print(`  from A starting to share to B complete: ${s(shareMs + receiveMs)} (target ≤ 60 s); load now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  ea.dispose();
  eb.dispose();
} finally {
  await team.dispose();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
