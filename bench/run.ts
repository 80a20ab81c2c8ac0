/**
 * `npm run bench`: the contacts engine at scale in headless Chromium (never part of
 * npm test). Generates a deterministic Shift_JIS list, imports it through the worker,
 * measures the other operations, and the per-row Dexie baseline on the same rows.
 * One JSON object per line on stdout; all of them in bench/results.json.
 *   --rows N   list size (default 1,000,000)      --quick   50,000 rows
 *   --no-baseline   skip the per-row Dexie baseline (for quick iterations)
 *   --no-kill       skip the kill-mid-import-and-resume test (it imports the list once more)
 *   --screens DIR   PNGs of the contact screens at the list's size into DIR (with --only-bulk: the applied-lists and batches screens)
 *   --vendor-only   after the import, only the printing vendor's file (issue 16): 1M rows and the whole list
 *   --only-nayose   after the import, only the 名寄せ line (no baseline, lookups, live phase or kill test)
 *   --only-bulk     after the import, only the bulk operations: the post batch of every row, the 50k returned-mail
 *                   list previewed and applied, and its undo (the applied-lists screen's checked undo); the same
 *                   letters by reference number previewed, applied and undone; the applied-lists screen's figures
 *                   (opened once first, before anything is applied: a saved list from before its book keeps one)
 *   --cpu-profile DIR   with --only-bulk: a DevTools CPU profile of the page for each of those into DIR
 *   --save-profile DIR  with --only-bulk: a copy of the browser profile just after the import into DIR
 *   --from-profile DIR  with --only-bulk or --only-lookups: no fixture or import; a copy of DIR (saved by --save-profile with the
 *                       same --rows and --port) is opened instead, so A/B runs of the bulk lines start equal
 *   --merge         with --from-profile: the index merge run to its end first (timed), so the bulk lines are measured
 *                   without it beside them; with --save-profile too, the merged profile is saved there for later runs
 *   --port N        the harness's port (a saved profile's databases belong to its origin)
 *   --only-lookups  after the import, only the lookups: before the index merge, the merge, after it, and on the screen;
 *                   with --from-profile (a profile saved merged), only the lookups after the merge and the block-open line
 *   --only-import   the import and its memory lines only (A/B runs of the import)
 *   --only-live     with --from-profile: the post batch and the 50k returned-mail list applied, as a full run does, then
 *                   the live lines (dashboard, undo, sync bursts) only; --cpu-profile DIR profiles the sync bursts
 * What each line means: README.md, "Benchmarks".
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildHarness, serveHarness } from '../e2e/fixtures/contacts-harness';
import { launchPersistent } from '../e2e/harness';
import { fixtureChunk, fixtureRow } from './fixture';
import { killAndResume } from './kill-resume';
import { livePhase } from './live';
import { HeapProbe, mb, nearest, sampleDuring } from './memory';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- plain JSON from the page
type Json = any;
const call = (page: Page, fn: (api: Json, arg: Json) => unknown, arg?: unknown): Promise<Json> =>
  page.evaluate(`(${fn.toString()})(window.__honbuContacts, ${JSON.stringify(arg ?? null)})`);

const args = process.argv.slice(2);
const ROWS = args.includes('--quick') ? 50_000 : Number(args[args.indexOf('--rows') + 1] ?? 0) || 1_000_000;
const SEED = 42;
const VENDOR_ONLY = args.includes('--vendor-only');
const ONLY_LOOKUPS = args.includes('--only-lookups');
const SCREENS = args.includes('--screens') ? resolve(args[args.indexOf('--screens') + 1] ?? 'bench-screens') : null;
const runT0 = performance.now();
const results: Record<string, unknown>[] = [];
const emit = (line: Record<string, unknown>) => {
  const rounded = Object.fromEntries(Object.entries(line).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10) / 10 : v]));
  results.push(rounded);
  process.stdout.write(`${JSON.stringify(rounded)}\n`);
};
const duBytes = (dir: string) => Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'honbu-bench-'));
  const server = await (async () => {
    // Not minified under --cpu-profile, so the profiles name the functions.
    if (args.includes('--cpu-profile')) process.env.HONBU_BENCH_READABLE = '1';
    await buildHarness();
    return serveHarness(undefined, args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 0);
  })();
  try {
    if (FROM_PROFILE) {
      await fromProfile(server.url, work);
      return;
    }
    const csvPath = join(work, `list-${ROWS}.csv`);
    const t0 = performance.now();
    const out = createWriteStream(csvPath);
    for (let from = 0; from < ROWS; from += 10_000) {
      if (!out.write(fixtureChunk(from, Math.min(ROWS, from + 10_000), SEED))) await new Promise<void>((ok) => out.once('drain', () => ok()));
    }
    await new Promise<void>((ok) => out.end(ok));
    server.addFixture('list.csv', csvPath);
    const csvBytes = duBytes(csvPath);
    emit({ bench: 'fixture', rows: ROWS, ms: performance.now() - t0, bytes: csvBytes, encoding: 'shift_jis' });

    const profile = join(work, 'profile');
    const { context, page } = await launchPersistent(profile);
    const chromium = context.browser()?.version() ?? execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']).toString().trim();
    emit({ bench: 'machine', rows: ROWS, ms: 0, cores: cpus().length, cpu: cpus()[0]?.model, memoryBytes: totalmem(), chromium, node: process.version });
    await page.goto(server.url);
    await page.waitForFunction(() => '__honbuContacts' in window);
    await call(page, (api) => api.open('honbu-bench'));
    await call(page, (api) => api.fetchFixture('/fixtures/list.csv'));
    const idbDir = join(profile, 'Default', 'IndexedDB');
    const storageBefore = duBytes(idbDir);
    // The heaps of the page and of the import's worker(s), sampled every second while it runs.
    const probe = await HeapProbe.attach(context, page);
    // The index merge (decision 039) runs when asked below, so lookups are measured before and after it.
    await call(page, (api) => api.bench().holdMerge());
    const importCpu0 = browserCpuMs();
    const { value: ours, samples: heaps } = await sampleDuring(
      probe,
      call(page, (api) => api.bench().importOurs()),
      () => call(page, (api) => api.bench().importProgress()),
      1_000,
      // Every tenth sample after a full garbage collection: what the import holds, not what waits to be collected.
      10,
    );
    // CPU of every Chromium process while it ran: near twice the wall time means both cores were busy throughout.
    const importCpuMs = browserCpuMs() - importCpu0;
    const storageBytes = duBytes(idbDir) - storageBefore;
    const during = heaps.filter((s) => s.at > 0);
    const at = (share: number) => nearest(during, ROWS, share)?.heap;
    const peak = (k: 'page' | 'worker') => Math.max(0, ...heaps.map((s) => s.heap[k]).filter(Number.isFinite));
    const live = during.filter((s) => s.live);
    const liveAt = (share: number) => nearest(live, ROWS, share)?.heap;
    const livePeak = (k: 'page' | 'worker') => Math.max(0, ...live.map((s) => s.heap[k]).filter(Number.isFinite));
    const workerPeaks: Record<string, number> = {};
    for (const s of heaps) for (const [name, v] of Object.entries(s.heap.workers)) workerPeaks[name] = Math.max(workerPeaks[name] ?? 0, mb(v));
    const afterImport = await probe.sample();
    const base = args.includes('--no-baseline') ? { ms: NaN } : await call(page, (api) => api.bench().baseline());
    emit({
      bench: 'import', rows: ours.rows, ms: ours.ms, rowsPerSecond: (ours.rows / ours.ms) * 1000, baselineMs: base.ms,
      ratio: base.ms / ours.ms, csvBytes, storageBytes, storageRatio: storageBytes / csvBytes, cpuMs: importCpuMs,
      pageHeapBefore: ours.heapBefore, pageHeapAfter: ours.heapAfter, workerTimings: ours.timings,
    });
    emit({
      bench: 'memory-import', rows: ROWS, ms: 0, unit: 'MB',
      pageStart: mb(at(0)?.page ?? NaN), pageMid: mb(at(0.5)?.page ?? NaN), pageEnd: mb(at(1)?.page ?? NaN), pagePeak: mb(peak('page')), pageAfter: mb(afterImport.page),
      workerStart: mb(at(0)?.worker ?? NaN), workerMid: mb(at(0.5)?.worker ?? NaN), workerEnd: mb(at(1)?.worker ?? NaN), workerPeak: mb(peak('worker')), workerPeaks, workerBuffersPeak: mb(Math.max(0, ...heaps.map((s) => s.heap.workerBuffers).filter(Number.isFinite))),
      samples: heaps.length,
      liveWorkerFirst: mb(live[0]?.heap.worker ?? NaN), liveWorkerMid: mb(liveAt(0.5)?.worker ?? NaN), liveWorkerEnd: mb(liveAt(1)?.worker ?? NaN), liveWorkerPeak: mb(livePeak('worker')),
      livePagePeak: mb(livePeak('page')), liveSamples: live.length,
      note: 'JS heap in use (DevTools protocol), sampled each second: start/mid/end = nearest 0/50/100% of the rows; live*: every tenth sample, taken after a full garbage collection (first = about 10 s in)',
    });
    const datasetId: string = ours.datasetId;

    /** The printing vendor's file (issue 16): 1M rows, and the whole list when it is larger (7.6M: `--rows 7600000`). Bytes discarded, counted. */
    const vendorLines = async () => {
      for (const n of [...new Set([Math.min(1_000_000, ROWS), ROWS])]) {
        for (const encoding of ['shift_jis', 'utf-8-bom'] as const) {
          const v = await call(page, (api, [id, k, e]) => api.bench().exportVendor(id, k, e), [datasetId, n, encoding]);
          const heapNow = await probe.sample();
          emit({
            bench: 'export-vendor', rows: v.rows, ms: v.ms, seconds: v.ms / 1000, rowsPerSecond: (v.rows / v.ms) * 1000, bytes: v.bytes, chunks: v.chunks, encoding,
            unwritableRows: v.unwritable, reviewRows: v.review, pageHeapPeakMB: mb(v.heapPeak), pageHeapAfterMB: mb(heapNow.page),
            note: 'printing vendor file: rows read block by block, split, encoded in 2,000-row chunks into a sink that discards the bytes and counts them (no disk)',
          });
        }
      }
    };
    if (args.includes('--only-import')) {
      await probe.detach();
      await context.close();
      await rm(profile, { recursive: true, force: true });
      emit({ bench: 'total', rows: ROWS, ms: performance.now() - runT0, minutes: (performance.now() - runT0) / 60_000, note: 'wall time of this run (--only-import: fixture and import)' });
      await writeFile(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
      return;
    }
    if (VENDOR_ONLY) {
      await vendorLines();
      await probe.detach();
      await context.close();
      await rm(profile, { recursive: true, force: true });
      emit({ bench: 'total', rows: ROWS, ms: performance.now() - runT0, minutes: (performance.now() - runT0) / 60_000, note: 'wall time of this run (--vendor-only: fixture, import, the vendor file)' });
      return;
    }
    /** 名寄せ over the list in its worker: time, clusters, and the heaps of the page and of nayose-worker. */
    const nayoseLine = async () => {
      const { value: ny, samples } = await sampleDuring(probe, call(page, (api) => api.bench().nayose()), () => call(page, (api) => api.bench().nayoseProgress()));
      const peakOf = (pick: (s: (typeof samples)[number]) => number | undefined) => mb(Math.max(0, ...samples.map(pick).filter((v): v is number => Number.isFinite(v))));
      emit({
        bench: 'nayose', rows: ny.records, ms: ny.ms, readMs: ny.readMs, workerWaitMs: ny.waitMs, clusters: ny.clusters, saved: ny.saved, tooLarge: ny.tooLarge, skippedKeys: ny.skippedKeys, arraysMB: mb(ny.arrayBytes),
        pagePeak: peakOf((s) => s.heap.page), // Worker names lose their build hash and suffix (memory.ts): nayose-worker-<hash>.js → nayose.
        workerPeak: peakOf((s) => s.heap.workers['nayose'] ?? s.heap.workers['nayose-worker']), samples: samples.length,
        note: 'default rules (name+address, phone, e-mail) over every row, blocks opened on the page, clustered in nayose-worker; target ≤ 60 s at 1M; heaps in MB (JS heap in use; the typed arrays of keys and clusters live outside it: arraysMB)',
      });
    };
    if (args.includes('--only-nayose')) {
      await nayoseLine();
      await probe.detach();
      await context.close();
      emit({ bench: 'total', rows: ROWS, ms: performance.now() - runT0, minutes: (performance.now() - runT0) / 60_000 });
      await writeFile(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
      return;
    }

    if (args.includes('--only-bulk')) {
      await probe.detach();
      let ctx = context;
      let pg = page;
      if (SAVE_PROFILE) {
        await context.close();
        await rm(SAVE_PROFILE, { recursive: true, force: true });
        await cp(profile, SAVE_PROFILE, { recursive: true });
        await writeFile(`${SAVE_PROFILE}.json`, JSON.stringify({ datasetId, rows: ROWS, url: server.url }));
        ({ context: ctx, page: pg } = await launchPersistent(profile));
        await pg.goto(server.url);
        await pg.waitForFunction(() => '__honbuContacts' in window);
        await call(pg, (api) => api.open('honbu-bench'));
      }
      await bulkLines(pg, ctx, datasetId);
      await ctx.close();
      emit({ bench: 'total', rows: ROWS, ms: performance.now() - runT0, minutes: (performance.now() - runT0) / 60_000, note: 'wall time of this run (--only-bulk: fixture, import, the bulk operations)' });
      await writeFile(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
      return;
    }

    const samples = lookupSamples();
    /** Keystroke to results on the lookup screen (the `lookup-ui` lines). */
    async function lookupScreen() {
      // What the operator waits for: keystroke to results on the lookup screen, after the
      // post batch and the returned list above (the events a real session has by then).
      await call(page, (api) => api.ui.mount());
      const typed = samples.filter((_, i) => i % 3 === 0).slice(0, 300);
      const uiTimes = new Map<string, number[]>();
      const engineTimes: number[] = [];
      for (const s of typed) {
        await page.selectOption('#lk-kind', s.kind);
        await page.fill('#lk-value', '');
        const field = s.kind === 'postcode-name' ? '#lk-name' : '#lk-value';
        const full = s.kind === 'postcode-name' ? (s.name ?? '') : s.value;
        if (s.kind === 'postcode-name') await page.fill('#lk-value', s.value);
        await page.fill(field, full.slice(0, -1));
        const key = (v: string) => [s.kind, s.kind === 'postcode-name' ? s.value : v, s.kind === 'postcode-name' ? v : '', '', ''].join('|');
        await page.waitForSelector(`.lookup-page[data-query="${key(full.slice(0, -1))}"]`, { timeout: 5_000 }).catch(() => undefined);
        await call(page, (api, k) => api.ui.arm(k), key(full));
        await page.focus(field);
        await page.keyboard.type(full.slice(-1));
        const { ms, searchMs } = await call(page, (api) => api.ui.result());
        if (!uiTimes.has(s.kind)) uiTimes.set(s.kind, []);
        uiTimes.get(s.kind)!.push(ms);
        engineTimes.push(searchMs);
        if (process.env.BENCH_DEBUG && ms > 80) console.error('slow', s.kind, full, Math.round(ms), Math.round(searchMs));
      }
      const pctOf = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
      for (const [kind, xs] of uiTimes) emit({ bench: `lookup-ui-${kind}`, rows: ROWS, ms: pctOf(xs, 95), p50: pctOf(xs, 50), p95: pctOf(xs, 95), n: xs.length });
      const allUi = [...uiTimes.values()].flat();
      emit({ bench: 'lookup-ui', rows: ROWS, ms: pctOf(allUi, 95), p50: pctOf(allUi, 50), p95: pctOf(allUi, 95), max: Math.max(...allUi), n: allUi.length, searchP50: pctOf(engineTimes, 50), searchP95: pctOf(engineTimes, 95), note: 'keystroke to results painted, lookup screen, cold block cache' });
    }

    await profileLookups(page, datasetId, samples, 'unmerged');
    const unmerged = await call(page, (api, s) => api.bench().lookups(s), samples);
    emit({
      bench: 'lookup-unmerged', rows: ROWS, ms: Math.max(...unmerged.kinds.map((k: Json) => k.p95)), misses: unmerged.misses,
      ...Object.fromEntries(unmerged.kinds.map((k: Json) => [k.kind, { p50: Math.round(k.p50 * 10) / 10, p95: Math.round(k.p95 * 10) / 10 }])),
      note: 'engine lookups right after the import, before the index merge (one segment per commit chunk)',
    });
    const merge = await call(page, (api) => api.bench().merge());
    const storageMerged = duBytes(idbDir) - storageBefore;
    emit({ bench: 'index-merge', rows: ROWS, ms: merge.ms, seconds: merge.ms / 1000, buckets: merge.buckets, entries: merge.entries, recordsBefore: merge.recordsBefore, recordsAfter: merge.recordsAfter, done: merge.done, storageBytes: storageMerged, storageRatio: storageMerged / csvBytes, note: 'the background merge run at once and timed; storage on disk right after it' });
    await mergedLookupLines(page, datasetId, samples);
    // A 50k returned-mail list spread over the whole list, resolved through the merged index
    // (the preview's first read: every page of the customer-number index), three times.
    const spread = Math.min(50_000, ROWS);
    const numbers = Array.from({ length: spread }, (_, i) => fixtureRow(Math.floor((i * ROWS) / spread), SEED).customerNo);
    const resolveMs: number[] = [];
    const resolveCpuMs: number[] = [];
    for (let k = 0; k < 3; k++) {
      const cpu0 = browserCpuMs();
      resolveMs.push((await call(page, (api, [id, list]) => api.bench().resolveOnly(id, list), [datasetId, numbers])).ms);
      resolveCpuMs.push(browserCpuMs() - cpu0);
    }
    emit({
      bench: 'resolve-merged', rows: spread, ms: Math.min(...resolveMs), runs: resolveMs.map((x) => Math.round(x)), cpuMs: resolveCpuMs, listRows: ROWS,
      note: 'a 50k returned-mail list through the merged customer-number index, best of three; cpuMs: user + system time of every browser process meanwhile',
    });
    if (ONLY_LOOKUPS) {
      await lookupScreen();
      // LevelDB reclaims the deleted segments' space when it compacts, after the merge: measured again here.
      const storageLater = duBytes(idbDir) - storageBefore;
      emit({ bench: 'storage-later', rows: ROWS, ms: 0, storageBytes: storageLater, storageRatio: storageLater / csvBytes, note: 'storage on disk after the lookups on the screen (minutes after the merge)' });
      await probe.detach();
      await context.close();
      emit({ bench: 'total', rows: ROWS, ms: performance.now() - runT0, minutes: (performance.now() - runT0) / 60_000, note: 'wall time of this run (--only-lookups)' });
      await writeFile(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
      return;
    }

    await blockOpenLine(page, datasetId);
    const counts = await call(page, (api, id) => api.bench().statusCounts(id), datasetId);
    emit({ bench: 'status-counts', rows: counts.rows, ms: counts.p95, p50: counts.p50, p95: counts.p95 });

    await page.reload();
    await page.waitForFunction(() => '__honbuContacts' in window);
    const openT0 = Date.now();
    await call(page, (api) => api.open('honbu-bench'));
    const openMs = Date.now() - openT0;
    const first = await call(page, (api) => api.bench().firstScreen());
    emit({ bench: 'first-screen', rows: first.rows, ms: first.ms, unlockMs: openMs, note: 'ms = datasets + totals read after unlock' });

    const listSize = Math.min(50_000, ROWS);
    const returned = Array.from({ length: listSize }, (_, i) => fixtureRow(Math.floor((i * ROWS) / listSize), SEED).customerNo);
    const rm1 = await call(page, (api, [id, list]) => api.bench().returnedMail(id, list), [datasetId, returned]);
    const returnedEventId: string = rm1.eventId;
    emit({ bench: 'returned-mail', rows: listSize, ms: rm1.ms, previewMs: rm1.previewMs, applyMs: rm1.applyMs, matched: rm1.matched, postBatchMs: rm1.batchMs, postBatchRows: rm1.batchRows });

    await lookupScreen();

    const exportRows = Math.min(100_000, ROWS);
    const ex = await call(page, (api, [id, n]) => api.bench().exportMailing(id, n), [datasetId, exportRows]);
    emit({ bench: 'export-mailing-csv', rows: exportRows, ms: ex.ms, bytes: ex.bytes, encoding: 'shift_jis' });

    const letters = await call(page, (api, [id, n]) => api.bench().letters(id, n), [datasetId, 1000]);
    const pdfPage = await context.newPage();
    const pdfT0 = performance.now();
    await pdfPage.setContent(letters.html);
    const pdf = await pdfPage.pdf({ format: 'A4' });
    const pdfMs = performance.now() - pdfT0;
    emit({ bench: 'letters', rows: letters.count, ms: letters.ms + pdfMs, htmlMs: letters.ms, pdfMs, pdfBytes: pdf.byteLength });
    await pdfPage.close();
    await vendorLines();
    await nayoseLine();

    await livePhase(page, { url: server.url, datasetId, rows: ROWS, seed: SEED, returnedEventId, screensDir: SCREENS, emit });
    const endHeap = await probe.sample();
    emit({ bench: 'memory-end', rows: ROWS, ms: 0, unit: 'MB', page: mb(endHeap.page), worker: mb(endHeap.worker), workers: Object.fromEntries(Object.entries(endHeap.workers).map(([k, v]) => [k, mb(v)])), note: 'JS heap in use after the whole run' });
    await probe.detach();
    await context.close();
    // The kill test's own profile needs the space this one holds (2 GB at 20M rows).
    await rm(profile, { recursive: true, force: true });
    if (!args.includes('--no-kill')) emit(await killAndResume(server.url, work, ROWS, SEED));
    emit({ bench: 'total', rows: ROWS, ms: performance.now() - runT0, minutes: (performance.now() - runT0) / 60_000, note: 'wall time of this run (fixture, import, baseline, every measure, the kill test)' });
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
  await writeFile(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
}

const arg = (name: string) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1] ?? '') : null);
const SAVE_PROFILE = arg('--save-profile');
const FROM_PROFILE = arg('--from-profile');

interface Sample {
  kind: string;
  value: string;
  name?: string;
  expect: string;
}

/** The lookup samples: 200 rows of the fixture spread over the list, by every key kind they have. */
function lookupSamples(): Sample[] {
  const samples: Sample[] = [];
  for (let k = 0; k < 200; k++) {
    const r = fixtureRow(Math.floor(((k * 2654435761) >>> 0) % ROWS), SEED);
    samples.push({ kind: 'no', value: r.customerNo, expect: r.customerNo });
    if (r.phone) samples.push({ kind: 'phone', value: r.phone, expect: r.customerNo });
    if (r.email) samples.push({ kind: 'email', value: r.email, expect: r.customerNo });
    samples.push({ kind: 'postcode-name', value: r.postcode, name: r.name, expect: r.customerNo });
    samples.push({ kind: 'kana-prefix', value: r.kana.replace(' ', '').slice(0, 3), expect: '' });
  }
  return samples;
}

/** Where each kind's lookup time goes (index read, then the first page opened). */
async function profileLookups(page: Page, datasetId: string, samples: Sample[], when: string) {
  for (const k of await call(page, (api, [id, s]) => api.bench().profileLookups(id, s), [datasetId, samples.slice(0, 250)])) emit({ bench: `lookup-profile-${when}-${k.kind}`, rows: ROWS, ms: k.indexP95 + k.openP95, ...k, note: 'index read (candidates) and the first page opened (confirm), ms' });
}

/** The lookups after the index merge: where their time goes, each kind's p50 and p95, and the misses. */
async function mergedLookupLines(page: Page, datasetId: string, samples: Sample[]) {
  await profileLookups(page, datasetId, samples, 'merged');
  const look = await call(page, (api, s) => api.bench().lookups(s), samples);
  for (const k of look.kinds) emit({ bench: `lookup-${k.kind}`, rows: ROWS, ms: k.p95, p50: k.p50, p95: k.p95, n: k.n });
  emit({ bench: 'lookup-misses', rows: ROWS, ms: 0, misses: look.misses, note: 'kana-prefix samples expect no particular row' });
}

/** What opening one 1,000-row block costs, part by part. */
async function blockOpenLine(page: Page, datasetId: string) {
  const cost = await call(page, (api, [id, n]) => api.bench().blockCost(id, n), [datasetId, Math.min(50, Math.ceil(ROWS / 1000))]);
  emit({ bench: 'block-open', rows: 1000, ms: cost.read + cost.decrypt + cost.inflate + cost.parse, ...cost, note: 'ms per 1,000-row block, sequential' });
}

/** `--from-profile DIR`: the bulk lines on a copy of a profile saved right after its import. */
async function fromProfile(url: string, work: string) {
  const saved = JSON.parse(await readFile(`${FROM_PROFILE}.json`, 'utf8')) as { datasetId: string; rows: number; url: string };
  if (saved.rows !== ROWS || saved.url !== url) throw new Error(`bench: ${FROM_PROFILE} holds ${saved.rows} rows served at ${saved.url}; give --rows ${saved.rows} and its --port`);
  const profile = join(work, 'profile');
  await cp(FROM_PROFILE!, profile, { recursive: true });
  const { context, page } = await launchPersistent(profile);
  emit({ bench: 'machine', rows: ROWS, ms: 0, cores: cpus().length, cpu: cpus()[0]?.model, memoryBytes: totalmem(), chromium: context.browser()?.version() ?? '', node: process.version, from: FROM_PROFILE });
  await page.goto(url);
  await page.waitForFunction(() => '__honbuContacts' in window);
  const merging = args.includes('--merge');
  const open0 = performance.now();
  await call(page, (api) => api.open('honbu-bench'));
  emit({ bench: 'open', rows: ROWS, ms: performance.now() - open0, note: 'opening the saved workspace; a schema migration the profile is due runs here (15: status records joined)' });
  let [ctx, pg] = [context, page];
  if (merging) {
    const merge = await call(page, (api) => api.bench().merge());
    emit({ bench: 'index-merge', rows: ROWS, ms: merge.ms, seconds: merge.ms / 1000, done: merge.done, recordsBefore: merge.recordsBefore, recordsAfter: merge.recordsAfter, note: 'the index merge run to its end before the bulk lines' });
    if (SAVE_PROFILE) {
      await context.close();
      await rm(SAVE_PROFILE, { recursive: true, force: true });
      await cp(profile, SAVE_PROFILE, { recursive: true });
      await writeFile(`${SAVE_PROFILE}.json`, JSON.stringify(saved));
      ({ context: ctx, page: pg } = await launchPersistent(profile));
      await pg.goto(url);
      await pg.waitForFunction(() => '__honbuContacts' in window);
      await call(pg, (api) => api.open('honbu-bench'));
    }
  }
  if (args.includes('--only-live')) await liveLines(pg, ctx, url, saved.datasetId);
  else if (ONLY_LOOKUPS) {
    // The saved profile's index must be merged (saved with --merge): these are the lookups after the merge.
    await mergedLookupLines(pg, saved.datasetId, lookupSamples());
    await blockOpenLine(pg, saved.datasetId);
  } else await bulkLines(pg, ctx, saved.datasetId);
  await ctx.close();
  emit({ bench: 'total', rows: ROWS, ms: performance.now() - runT0, minutes: (performance.now() - runT0) / 60_000, note: 'wall time of this run (--from-profile: the bulk operations)' });
  await writeFile(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
}

/**
 * CPU time (ms, user + system) of every process this bench started — the browser, its
 * renderer, GPU, storage and utility processes — read from /proc: on a shared machine the
 * wall clock varies 2–3× with the load, CPU time much less. NaN where there is no /proc.
 */
function browserCpuMs(): number {
  try {
    const parentOf = new Map<number, number>();
    const ticks = new Map<number, number>();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parentOf.set(Number(d), Number(f[1]));
        ticks.set(Number(d), Number(f[11]) + Number(f[12]));
      } catch {
        // gone meanwhile
      }
    }
    const mine = (pid: number): boolean => {
      for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === process.pid) return true;
      return false;
    };
    let sum = 0;
    for (const [pid, t] of ticks) if (mine(pid)) sum += t;
    return (sum * 1000) / 100; // USER_HZ
  } catch {
    return NaN;
  }
}

/**
 * `--only-bulk`: the bulk operations of issue 17 on the list just imported, each alone, with
 * a CPU profile of the page for each under `--cpu-profile DIR` (open it in DevTools).
 */
/** With --cpu-profile DIR: runs a step under the page's CPU profiler and saves the profile as DIR/name-ROWS.cpuprofile. */
async function cpuProfiler(page: Page, context: BrowserContext) {
  const dir = args.includes('--cpu-profile') ? resolve(args[args.indexOf('--cpu-profile') + 1] ?? 'bench-profiles') : null;
  const cdp = dir ? await context.newCDPSession(page) : null;
  if (dir) await mkdir(dir, { recursive: true });
  const profiledRun = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    if (!cdp || !dir) return run();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    const value = await run();
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(join(dir, `${name}-${ROWS}.cpuprofile`), JSON.stringify(profile));
    return value;
  };
  return { profiledRun, detach: () => cdp?.detach() };
}

/** `--only-live`: the returned-mail line as a full run has it before the live phase, then the live phase. */
async function liveLines(page: Page, context: BrowserContext, url: string, datasetId: string) {
  const listSize = Math.min(50_000, ROWS);
  const returned = Array.from({ length: listSize }, (_, i) => fixtureRow(Math.floor((i * ROWS) / listSize), SEED).customerNo);
  const rm1 = await call(page, (api, [id, list]) => api.bench().returnedMail(id, list), [datasetId, returned]);
  emit({ bench: 'returned-mail', rows: listSize, ms: rm1.ms, previewMs: rm1.previewMs, applyMs: rm1.applyMs, matched: rm1.matched, postBatchMs: rm1.batchMs, postBatchRows: rm1.batchRows });
  const { profiledRun, detach } = await cpuProfiler(page, context);
  // HONBU_BENCH_WORKER_PROFILE=DIR: the workers the live lines start (the event reader) profiled too.
  const workers = process.env.HONBU_BENCH_WORKER_PROFILE ? await HeapProbe.attach(context, page) : null;
  await livePhase(page, { url, datasetId, rows: ROWS, seed: SEED, returnedEventId: rm1.eventId, screensDir: SCREENS, emit, profiled: profiledRun });
  await workers?.detach();
  await detach();
  // The late results replayed only the rows they name: the statuses stored must be the full fold's.
  const fold = await call(page, (api, id) => api.bench().checkFold(id), datasetId);
  emit({ bench: 'fold-check', rows: ROWS, ms: fold.ms, ok: fold.ok, note: 'stored statuses and totals against the full fold of the events, after the live lines' });
}

async function bulkLines(page: Page, context: BrowserContext, datasetId: string) {
  const { profiledRun, detach } = await cpuProfiler(page, context);
  const profiled = async <T>(name: string, run: () => Promise<T>): Promise<T & { cpuMs: number }> => {
    const cpu0 = browserCpuMs();
    const value = await profiledRun(name, run);
    return { ...value, cpuMs: browserCpuMs() - cpu0 };
  };
  // A list saved by a version before the applied-lists book (decision 046) has none: the
  // screen's first open keeps it (nothing applied yet, so no big event is read), and from then
  // on every fold below follows it, as on a list imported now.
  const kept = await call(page, (api) => api.bench().appliedLists('incident-1'));
  emit({ bench: 'applied-lists-first', rows: kept.lists, ms: kept.ms, listRows: ROWS, note: 'the applied-lists screen opened before anything was applied (on a list from an older version, this keeps its book)' });
  const batch = await profiled('post-batch', () => call(page, (api, id) => api.bench().batchAll(id, 'post'), datasetId));
  emit({ bench: 'post-batch', rows: batch.rows, ms: batch.ms, cpuMs: batch.cpuMs, listRows: ROWS, note: 'a post batch of every customer pending on the post' });
  const listSize = Math.min(50_000, ROWS);
  const returned = Array.from({ length: listSize }, (_, i) => fixtureRow(Math.floor((i * ROWS) / listSize), SEED).customerNo);
  const preview = await profiled('returned-mail-preview', () => call(page, (api, [id, list]) => api.bench().previewReturned(id, list), [datasetId, returned]));
  const apply = await profiled('returned-mail-apply', () => call(page, (api) => api.bench().applyPreviewed()));
  const rm1 = { eventId: apply.eventId as string };
  emit({
    bench: 'returned-mail', rows: listSize, ms: preview.ms + apply.ms, previewMs: preview.ms, applyMs: apply.ms, previewCpuMs: preview.cpuMs, applyCpuMs: apply.cpuMs,
    matched: preview.matched, movedTo: preview.movedTo, listRows: ROWS, note: 'cpuMs: user + system time of every browser process meanwhile',
  });
  const undo = await profiled('undo', () => call(page, (api, [id, e]) => api.bench().undoList(id, e), [datasetId, rm1.eventId]));
  emit({ bench: 'undo-returned-mail', rows: listSize, ms: undo.ms, undoMs: undo.ms, cpuMs: undo.cpuMs, listRows: ROWS, note: 'the checked undo of the applied list (applied-lists screen), until stored' });
  // The same letters named by reference number (the vendor's return list): no index read.
  const rows = Array.from({ length: listSize }, (_, i) => Math.floor((i * ROWS) / listSize));
  const byRef = await profiled('returned-by-reference-preview', () => call(page, (api, [id, r]) => api.bench().previewReturnedByReference('incident-1', id, r), [datasetId, rows]));
  const byRefApply = await profiled('returned-by-reference-apply', () => call(page, (api) => api.bench().applyPreviewed()));
  const byRefUndo = await profiled('returned-by-reference-undo', () => call(page, (api, [id, e]) => api.bench().undoList(id, e), [datasetId, byRefApply.eventId]));
  emit({
    bench: 'returned-by-reference', rows: listSize, ms: byRef.ms + byRefApply.ms, previewMs: byRef.ms, applyMs: byRefApply.ms, undoMs: byRefUndo.ms,
    previewCpuMs: byRef.cpuMs, applyCpuMs: byRefApply.cpuMs, undoCpuMs: byRefUndo.cpuMs, matched: byRef.matched, mistyped: byRef.mistyped, unknown: byRef.unknown, listRows: ROWS,
    note: 'the same 50k letters named by reference number (the printing vendor\'s return list): previewed and applied, then undone as the applied-lists screen does',
  });
  // The applied-lists screen, opened now: the undos above read no event, so none is opened yet.
  // From the book the fold keeps (decision 046); a list imported before the book was kept
  // (a profile saved by an older version) has none, and its first open reads the events and keeps it.
  const appliedScreen = await profiled('applied-lists', () => call(page, (api) => api.bench().appliedLists('incident-1')));
  emit({ bench: 'applied-lists', rows: appliedScreen.lists, ms: appliedScreen.ms, cpuMs: appliedScreen.cpuMs, undoable: appliedScreen.undoable, listRows: ROWS, note: 'the applied-lists screen\'s figures (every list\'s changes and whether undo is offered), from the book the folds above kept' });
  if (SCREENS) {
    // The screen itself, as the app draws it (unlocked as the app does), for the lead to look at.
    await mkdir(SCREENS, { recursive: true });
    await call(page, (api) => api.openUi('honbu-bench'));
    const ms = await call(page, (api) => api.showScreen('applied'));
    const file = join(SCREENS, `contacts-applied-${ROWS}.png`);
    await page.screenshot({ path: file, fullPage: true });
    emit({ bench: 'screens-applied', rows: ROWS, ms, files: [file], note: 'the applied-lists screen drawn, from the call to its table' });
    // The batches screen: the post batch of every row above, its record read back (decision 047).
    const batchesMs = await call(page, (api) => api.showScreen('batches'));
    const batchesFile = join(SCREENS, `contacts-batches-${ROWS}.png`);
    await page.screenshot({ path: batchesFile, fullPage: true });
    emit({ bench: 'screens-batches', rows: ROWS, ms: batchesMs, files: [batchesFile], note: 'the batches screen drawn (the batch of every row among them), from the call to its list' });
  }
  const fold = await call(page, (api, id) => api.bench().checkFold(id), datasetId);
  emit({ bench: 'fold-check', rows: ROWS, ms: fold.ms, ok: fold.ok, note: 'stored statuses and totals against the full fold of the events, after the above' });
  // The preview's two reads apart, on a list now undone (caches as warm as a second preview's).
  const res = await profiled('resolve', () => call(page, (api, [id, list]) => api.bench().resolveOnly(id, list), [datasetId, returned]));
  const st = await profiled('status-read', () => call(page, (api, id) => api.bench().statusOnly(id), datasetId));
  emit({ bench: 'preview-parts', rows: listSize, ms: res.ms + st.ms, resolveMs: res.ms, resolveCpuMs: res.cpuMs, statusMs: st.ms, statusCpuMs: st.cpuMs, blocks: st.blocks, listRows: ROWS, note: 'the returned-mail preview\'s reads apart: the list through the index, then the status blocks of its rows' });
  await detach();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
