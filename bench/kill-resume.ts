/**
 * Part of `npm run bench` (never CI): the app killed in the middle of an import at the
 * bench's size, then reopened and the import resumed — the E2E resume test, at scale, once.
 * The browser process is killed with SIGKILL (no chance to flush or close anything), in
 * its own profile, once the import has got `share` of the way.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchPersistent } from '../e2e/harness';
import { fixtureRow } from './fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- plain JSON from the page
type Json = any;
const call = (page: Page, fn: (api: Json, arg: Json) => unknown, arg?: unknown): Promise<Json> =>
  page.evaluate(`(${fn.toString()})(window.__honbuContacts, ${JSON.stringify(arg ?? null)})`);

/** The browser process (not its helpers) started with this profile: the one the bench launched. */
async function browserPids(profile: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = await readFile(`/proc/${entry}/cmdline`, 'utf8').then((s) => s.split('\0'), (): string[] => []);
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type='))) pids.push(Number(entry));
  }
  return pids;
}

async function open(url: string, profile: string) {
  const { context, page } = await launchPersistent(profile);
  await page.goto(url);
  await page.waitForFunction(() => '__honbuContacts' in window);
  await call(page, (api) => api.open('honbu-bench-kill'));
  await call(page, (api) => api.fetchFixture('/fixtures/list.csv'));
  return { context, page };
}

export async function killAndResume(url: string, work: string, rows: number, seed: number, share = 0.4): Promise<Record<string, unknown>> {
  const profile = join(work, 'profile-kill');
  // The app commits every 200,000 rows; a small list (--quick) commits more often so that a
  // part of it is on disk when the kill comes.
  const commitRows = rows < 500_000 ? 5_000 : undefined;
  let { context, page } = await open(url, profile);
  try {
    const t0 = performance.now();
    await call(page, (api, n) => api.startImport({ generated: true, commitRows: n ?? undefined }), commitRows ?? null);
    await page.waitForFunction((n) => ((window as Json).__honbuContacts.lastProgress()?.rows ?? 0) >= n, Math.floor(rows * share), { timeout: 0, polling: 250 });
    // Killed once a part is on disk (the resume starts after the last commit).
    for (let waited = 0; ((await call(page, (api) => api.unfinished()))[0]?.committedRows ?? 0) === 0; waited += 250) {
      if (waited > 600_000) throw new Error('bench: nothing of the import committed in 10 minutes');
      await new Promise((ok) => setTimeout(ok, 250));
    }
    const killedAt: number = (await call(page, (api) => api.lastProgress())).rows;
    const firstMs = performance.now() - t0;
    const pids = await browserPids(profile);
    if (pids.length === 0) throw new Error('bench: the browser process of the kill test was not found');
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await context.close().catch(() => undefined);

    const reopenT0 = performance.now();
    ({ context, page } = await open(url, profile));
    const reopenMs = performance.now() - reopenT0;
    const before = await call(page, (api) => api.datasets());
    const [job] = await call(page, (api) => api.unfinished());
    if (!job) throw new Error('bench: no unfinished import after the kill');
    const resumeT0 = performance.now();
    const resumed = await call(page, (api, [id, n]) => api.importFile({ generated: true, resumeId: id, commitRows: n ?? undefined }), [job.id, commitRows ?? null]);
    const resumeMs = performance.now() - resumeT0;
    if (!resumed.result.ok) throw new Error(`bench: the resumed import failed ${JSON.stringify(resumed.result).slice(0, 300)}`);

    // The rows equal the list: the list's and the totals' row counts, nobody excluded as a
    // duplicate, and each customer number sampled found once, with its name — around the
    // kill and the last commit before it above all.
    const datasets = await call(page, (api) => api.datasets());
    const totals = await call(page, (api, id) => api.totals(id), job.id);
    const committed: number = job.committedRows;
    const near = [0, committed - 1, committed, committed + 1, killedAt - 1, killedAt, killedAt + 1, rows - 1];
    const sample = [...new Set([...near, ...Array.from({ length: 50 }, (_, k) => Math.floor(((k * 2654435761) >>> 0) % rows))])].filter((r) => r >= 0 && r < rows);
    let wrong = 0;
    for (const r of sample) {
      const want = fixtureRow(r, seed);
      const found: Json[] = await call(page, (api, v) => api.find('no', v), want.customerNo);
      if (found.length !== 1 || found[0].row.name !== want.name) wrong++;
    }
    const ok = before.length === 0 && datasets.length === 1 && datasets[0].rows === rows && totals.rows === rows && totals.byPhase.excluded === 0 && wrong === 0 && resumed.result.resumedFrom === committed;
    return {
      bench: 'kill-resume', rows, ms: resumeMs, resumeMs, firstMs, reopenMs, killedAtRows: killedAt, committedRows: committed, resumedFrom: resumed.result.resumedFrom,
      datasetRows: datasets[0]?.rows, totalsRows: totals.rows, excluded: totals.byPhase.excluded, lookups: sample.length, lookupsWrong: wrong, check: ok ? 'ok' : 'FAILED',
      note: 'browser SIGKILLed at ~40% of the import; ms = the resumed import (rows after the last commit)',
    };
  } finally {
    await context.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
