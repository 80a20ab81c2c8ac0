/**
 * Part of `npm run bench` (never a timed test): the workspace at scale, in headless
 * Chromium, through the real app (renderer/src/harness/workspace). One incident with
 * 100,000 events (tasks, facts, enquiries, contact batches) and a customer list of
 * 1,000,000 rows; then, after a reload:
 *   unlock        unlock → the incident's board drawn (Argon2id shown apart: kdfMs)
 *   append-*      a command dispatched → the screen on show has changed and painted (p95)
 *   contacts-outcome   one call result → the contacts dashboard shows it (p95)
 *   committedP50/P95   of the same samples, the part until the commit was on disk (the rest: the screen)
 * Options: --events N (100,000)  --rows N (1,000,000)  --quick (20,000 events, 50,000 rows)
 *          --samples N (30 per measure)
 * One JSON object per line on stdout; all of them in bench/results-workspace.json.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildHarness, serveHarness, WORKSPACE_HARNESS } from '../e2e/fixtures/contacts-harness';
import { launchPersistent } from '../e2e/harness';
import { fixtureChunk } from './fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- plain JSON from the page
type Json = any;
const call = (page: Page, fn: (api: Json, arg: Json) => unknown, arg?: unknown): Promise<Json> =>
  page.evaluate(`(${fn.toString()})(window.__honbuWorkspace, ${JSON.stringify(arg ?? null)})`);

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const quick = args.includes('--quick');
const EVENTS = option('--events', quick ? 20_000 : 100_000);
const ROWS = option('--rows', quick ? 50_000 : 1_000_000);
const SAMPLES = option('--samples', 30);
const PASSPHRASE = 'ベンチ用の長いパスフレーズ 2026 workspace';

const results: Record<string, unknown>[] = [];
const emit = (line: Record<string, unknown>) => {
  const rounded = Object.fromEntries(Object.entries(line).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10) / 10 : v]));
  results.push(rounded);
  process.stdout.write(`${JSON.stringify(rounded)}\n`);
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
/** Of the same samples, the part until the commit was on disk (committedP50/P95); the rest is the screen. */
const committedOf = (xs: number[]) => ({ committedP50: pct(xs, 50), committedP95: pct(xs, 95) });
const summary = (xs: number[]) => ({ ms: pct(xs, 95), p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs), n: xs.length });

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'honbu-bench-ws-'));
  await buildHarness(WORKSPACE_HARNESS);
  const server = await serveHarness(WORKSPACE_HARNESS.dist);
  try {
    const csvPath = join(work, 'list.csv');
    const out = createWriteStream(csvPath);
    for (let from = 0; from < ROWS; from += 10_000) {
      if (!out.write(fixtureChunk(from, Math.min(ROWS, from + 10_000), 7))) await new Promise<void>((ok) => out.once('drain', () => ok()));
    }
    await new Promise<void>((ok) => out.end(ok));
    server.addFixture('list.csv', csvPath);

    const { context, page } = await launchPersistent(join(work, 'profile'));
    const chromium = context.browser()?.version() ?? execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']).toString().trim();
    emit({ bench: 'workspace-machine', ms: 0, cores: cpus().length, cpu: cpus()[0]?.model, memoryBytes: totalmem(), chromium, node: process.version });
    await page.goto(server.url);
    await page.waitForFunction(() => '__honbuWorkspace' in window);
    const seeded = await call(page, (api, o) => api.seed(o), { events: EVENTS, passphrase: PASSPHRASE, listUrl: '/fixtures/list.csv' });
    emit({ bench: 'workspace-seed', events: seeded.events, rows: seeded.rows, ms: seeded.ms, importMs: seeded.importMs, byKind: seeded.byKind });
    const { incidentId, datasetId } = seeded;

    // Argon2id alone, in a fresh page as the unlock will be (its WebAssembly compiled cold).
    await page.reload();
    await page.waitForFunction(() => '__honbuWorkspace' in window);
    const kdfMs = await call(page, (api, p) => api.kdf(p), PASSPHRASE);
    // As a person starts the day: the app loads, then the unlock.
    await page.reload();
    await page.waitForFunction(() => '__honbuWorkspace' in window);
    await call(page, (api) => api.mount());
    const unlock = await call(page, (api, [p, id]) => api.unlock(p, id, 'board', '[data-task-id]'), [PASSPHRASE, incidentId]);
    emit({ bench: 'workspace-unlock', events: seeded.events, ms: unlock.ms, kdfMs, afterKdfMs: unlock.ms - kdfMs, unlockCallMs: unlock.unlockCallMs, note: 'unlock → the incident board drawn; afterKdfMs leaves Argon2id out' });

    const tasks: number[] = [];
    for (let i = 0; i < SAMPLES; i++) tasks.push(await call(page, (api, [id, n]) => api.addTask(id, n), [incidentId, i]));
    emit({ bench: 'workspace-append-task', events: seeded.events, ...summary(tasks), ...committedOf(await call(page, (api) => api.takeCommitted())), note: 'add a task → the board on screen shows it' });

    await call(page, (api) => api.tab('overview', '#facts-title'));
    const facts: number[] = [];
    for (let i = 0; i < SAMPLES; i++) facts.push(await call(page, (api, [id, n]) => api.changeFacts(id, n), [incidentId, i]));
    emit({ bench: 'workspace-append-facts', events: seeded.events, ...summary(facts), ...committedOf(await call(page, (api) => api.takeCommitted())), note: 'change a fact → the overview on screen shows it' });

    await call(page, (api) => api.tab('contacts', '[data-kpi="reached"]'));
    const outcomes: number[] = [];
    // Customers no batch has touched yet: each result moves the dashboard.
    for (let i = 0; i < SAMPLES; i++) {
      const ms = await call(page, (api, [id, row]) => api.outcome(id, row), [datasetId, ROWS - 1 - i * 13]);
      if (ms !== null) outcomes.push(ms);
    }
    emit({ bench: 'workspace-contacts-outcome', rows: seeded.rows, events: seeded.events, ...summary(outcomes), ...committedOf(await call(page, (api) => api.takeCommitted())), note: 'one call result → the contacts dashboard shows it' });
    await context.close();
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
  await writeFile(new URL('./results-workspace.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
