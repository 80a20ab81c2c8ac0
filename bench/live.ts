/**
 * Part of `npm run bench`: the contact screens at the list's size, on a page just reloaded
 * and unlocked as the app does (the app's contacts store opens the engine). Prints:
 *   dashboard-first     unlock done → the dashboard's figures drawn
 *   dashboard-outcome   one call result → the dashboard shows it (p95 of `n`)
 *   screens             with --screens DIR: PNGs of the dashboard, the lookup screen with a
 *                       customer found, the batches and the call queue
 *   undo-returned-mail  undo of the 50k returned-mail list → the dashboard's figures changed
 *   sync-burst(-late)   200 contact events from another laptop → the dashboard current
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { fixtureRow } from './fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- plain JSON from the page
type Json = any;
const call = (page: Page, fn: (api: Json, arg: Json) => unknown, arg?: unknown): Promise<Json> =>
  page.evaluate(`(${fn.toString()})(window.__honbuContacts, ${JSON.stringify(arg ?? null)})`);

export interface LiveOptions {
  url: string;
  datasetId: string;
  rows: number;
  seed: number;
  /** The returned-mail list's event, to undo. */
  returnedEventId: string;
  screensDir: string | null;
  emit(line: Record<string, unknown>): void;
  /** With --cpu-profile: each sync burst run under the CPU profiler, saved under its line's name. */
  profiled?: <T>(name: string, run: () => Promise<T>) => Promise<T>;
}

/** `count` rows spread over the list, offset so they miss the returned list's rows (multiples of rows/50k). */
const spread = (rows: number, count: number, offset: number) => Array.from({ length: Math.min(count, rows) }, (_, i) => (Math.floor((i * rows) / Math.min(count, rows)) + offset) % rows);

export async function livePhase(page: Page, o: LiveOptions): Promise<void> {
  const { rows, datasetId, emit } = o;
  await page.goto(o.url);
  await page.waitForFunction(() => '__honbuContacts' in window);
  const unlockMs = await call(page, (api) => api.openUi('honbu-bench'));
  const firstMs = await call(page, (api) => api.live().dashboardFirst());
  emit({ bench: 'dashboard-first', rows, ms: firstMs, unlockMs, note: 'ms = the dashboard mounted → its figures drawn; unlockMs = unlock and the lists read' });

  // 64, so that the p95 is not simply the slowest (of twenty, it was the first, cold one); 64 keeps clear of the returned list's rows.
  const outcomes = () => call(page, (api, [id, r]) => api.live().outcomes(id, r), [datasetId, spread(rows, 64, 7)]);
  const outcome = await (o.profiled ? o.profiled('dashboard-outcome', outcomes) : outcomes());
  emit({ bench: 'dashboard-outcome', rows, ms: outcome.p95, ...outcome, note: 'one call result → the dashboard on screen shows it; first: the first after unlock' });

  if (o.screensDir) {
    await mkdir(o.screensDir, { recursive: true });
    const shot = async (name: string) => {
      const path = join(o.screensDir!, `contacts-${name}-${rows}.png`);
      // The call queue runs to a hundred customers a page: its top, as an operator sees it first.
      await page.screenshot({ path, fullPage: name !== 'calls' });
      return path;
    };
    const files: string[] = [];
    const timings: Record<string, number> = {};
    files.push(await shot('dashboard'));
    timings.lookup = await call(page, (api) => api.showScreen('lookup'));
    const who = fixtureRow(Math.floor(rows / 3), o.seed);
    await page.selectOption('#lk-kind', 'no');
    await page.fill('#lk-value', who.customerNo);
    await page.waitForSelector('#lk-card', { timeout: 120_000 });
    files.push(await shot('lookup'));
    const batch = await call(page, (api, id) => api.bench().phoneBatch(id, 200), datasetId).catch((e: Error) => ({ ms: NaN, rows: 0, error: e.message.slice(0, 200) }));
    timings.batches = await call(page, (api) => api.showScreen('batches'));
    files.push(await shot('batches'));
    timings.calls = await call(page, (api) => api.showScreen('calls'));
    // The queue is read after the screen is drawn: its first customers, or after a while the empty queue.
    await page.waitForSelector('.call-queue .call', { timeout: 60_000 }).catch(() => undefined);
    files.push(await shot('calls'));
    await call(page, (api) => api.showScreen('dashboard'));
    emit({ bench: 'screens', rows, ms: timings.lookup! + timings.batches! + timings.calls!, ...timings, phoneBatchMs: batch.ms, phoneBatchRows: batch.rows, phoneBatchError: batch.error, files });
  }

  const undo = await call(page, (api, [id, e]) => api.live().undo(id, e), [datasetId, o.returnedEventId]);
  emit({ bench: 'undo-returned-mail', rows: Math.min(50_000, rows), ms: undo.ms, undoMs: undo.undoMs, listRows: rows, note: 'undo of the returned-mail list → the dashboard figures changed' });

  for (const late of [false, true]) {
    const run = () => call(page, (api, [id, r, l]) => api.live().syncBurst(id, r, l), [datasetId, spread(rows, 200, 11 + (late ? 2 : 0)), late]);
    const burst = await (o.profiled ? o.profiled(late ? 'sync-burst-late' : 'sync-burst', run) : run());
    emit({
      bench: late ? 'sync-burst-late' : 'sync-burst', rows: burst.events, listRows: rows, ...burst,
      note: late ? 'contact events from a laptop back online, stamped over the last 10 min (between ours) → the dashboard current' : 'contact events from another laptop, stamped now → the dashboard current',
    });
  }
}
