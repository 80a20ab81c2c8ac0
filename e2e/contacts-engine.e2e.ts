/**
 * The contacts engine in real Chromium, driven through its test page (see
 * e2e/fixtures/contacts-harness.ts): a 10k-row Shift_JIS list imported through the
 * worker, the fallback from post to the public notice, lookups, the on-disk byte scan,
 * and a browser killed in the middle of an import.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureChunks, fixtureRow } from '../bench/fixture';
import { scanForStrings } from './disk-scan';
import { buildHarness, contactsHarness, type HarnessServer, serveHarness } from './fixtures/contacts-harness';
import { closeAtOnce, launchPersistent, tempDir } from './harness';

let server: HarnessServer;
let files: { path: string; remove(): Promise<void> };
const ROWS = 10_000;

beforeAll(async () => {
  const harness = contactsHarness('engine');
  await buildHarness(harness);
  server = await serveHarness(harness.dist);
  files = await tempDir('contacts-fixtures-');
  await writeFile(join(files.path, 'list-10k.csv'), Buffer.concat(fixtureChunks(ROWS, 7)));
  await writeFile(join(files.path, 'list-30k.csv'), Buffer.concat(fixtureChunks(30_000, 8)));
  server.addFixture('list-10k.csv', join(files.path, 'list-10k.csv'));
  server.addFixture('list-30k.csv', join(files.path, 'list-30k.csv'));
  // As many rows, other customers: another file for the adopt test.
  await writeFile(join(files.path, 'list-10k-other.csv'), Buffer.concat(fixtureChunks(ROWS, 9)));
  server.addFixture('list-10k-other.csv', join(files.path, 'list-10k-other.csv'));
});
afterAll(async () => {
  await server?.close();
  await files?.remove();
});

// The page's API (renderer/src/contacts/harness/main.ts) cannot be imported across the
// project boundary; results are plain JSON that expect() checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Api = Json;
/** Runs fn(api, arg) in the page; the source travels over CDP (no eval under the page's CSP). */
function call(page: Page, fn: (api: Api, arg: Json) => unknown, arg?: unknown): Promise<Json> {
  return page.evaluate(`(${fn.toString()})(window.__honbuContacts, ${JSON.stringify(arg ?? null)})`);
}

async function openHarness(page: Page) {
  await page.goto(server.url);
  await page.waitForFunction(() => '__honbuContacts' in window);
  await call(page, (api) => api.open());
}

describe('contacts engine in Chromium', () => {
  it('imports 10k Shift_JIS rows through the worker; fallback to the notice; card; nothing readable on disk', async () => {
    const profile = await tempDir('contacts-');
    const { context, page } = await launchPersistent(profile.path);
    try {
      await openHarness(page);
      await page.setInputFiles('#file', join(files.path, 'list-10k.csv'));
      const peek = await call(page, (api) => api.peek());
      expect(peek).toMatchObject({ encoding: 'shift_jis', header: expect.arrayContaining(['顧客番号', '氏名']) });
      expect(peek.rows[0]![1]).toBe(fixtureRow(0, 7).name);

      const imported = await call(page, (api) => api.importFile());
      expect(imported.result).toMatchObject({ ok: true, rows: ROWS, duplicates: 0 });
      expect(imported.progressCount).toBeGreaterThan(0);
      const [ds] = await call(page, (api) => api.datasets());
      const id = ds!.id;
      expect(ds!.meta.encoding).toBe('shift_jis');

      // Lookups by every key kind find the right customer, with the values as imported.
      const c = fixtureRow(4321, 7);
      for (const [kind, value, name] of [
        ['no', c.customerNo.toLowerCase()],
        ['phone', c.phone.replace(/-/g, '')],
        ['email', c.email.toUpperCase()],
        ['postcode-name', c.postcode, c.name],
      ] as const) {
        const found = await call(page, (api, [k, v, n]) => api.find(k, v, n), [kind, value, name ?? '']);
        expect(found.map((f: Json) => f.row.customerNo), kind).toContain(c.customerNo);
      }
      const byKana = await call(page, (api, v) => api.find('kana-prefix', v), c.kana.slice(0, 5));
      expect(byKana.length).toBeGreaterThan(0);
      expect(byKana.every((f: Json) => f.row.kana.replace(/ /g, '').startsWith(c.kana.replace(/ /g, '').slice(0, 4)))).toBe(true);

      // Letters → 300 returned → e-mail → 50 bounced → phone: 30 reached, 20 unreachable → notice.
      const post = await call(page, (api, d) => api.createBatch(d, 'post'), id);
      expect(post.rows).toHaveLength(ROWS);
      await call(page, (api, [d, b]) => api.markSent(d, b, '2026-11-23T09:00:00.000Z'), [id, post.batchId]);
      // Returned: rows 0..299 that have an e-mail and a phone (every 11th has no e-mail, every 17th no phone).
      const returnedRows = Array.from({ length: 2000 }, (_, i) => i).filter((i) => i % 11 !== 10 && i % 17 !== 16).slice(0, 300);
      const returned = returnedRows.map((i) => ({ customerNo: fixtureRow(i, 7).customerNo, outcome: 'failed', reason: i % 2 ? 'unknown-address' : 'moved' }));
      const r1 = await call(page, (api, [d, items]) => api.applyList(d, 'post', 'returned-mail', items), [id, returned]);
      expect(r1.preview).toMatchObject({ matched: 300, notFound: [], movedTo: { email: 300 } });
      const mail = await call(page, (api, d) => api.createBatch(d, 'email'), id);
      expect(mail.rows).toHaveLength(300);
      const bounced = mail.rows.slice(0, 50).map((row: number) => ({ email: fixtureRow(row, 7).email, outcome: 'failed', reason: 'hard' }));
      await call(page, (api, [d, items]) => api.applyList(d, 'email', 'bounce', items), [id, bounced]);
      const calls = await call(page, (api, d) => api.createBatch(d, 'phone', ['佐々木', '高田']), id);
      expect(calls.rows).toHaveLength(50);
      expect(calls.assignment!.filter((a: number) => a === 0)).toHaveLength(25);
      const outcomes = calls.rows.map((row: number, i: number) => ({ row, outcome: i < 30 ? 'reached' : 'failed', reason: i < 30 ? '' : 'wrong-number' }));
      await call(page, (api, [d, items]) => api.applyList(d, 'phone', 'call', items), [id, outcomes]);
      await call(page, (api, d) => api.publishNotice(d), id);
      const totals = await call(page, (api, d) => api.totals(d), id);
      expect(totals).toMatchObject({ rows: ROWS, unreachable: 0, byPhase: { pending: 0, 'in-progress': ROWS - 300 + 250, reached: 30, covered: 20, excluded: 0 } });
      expect(totals.byChannel).toMatchObject({ post: { inProgress: ROWS - 300 }, email: { reached: 0, inProgress: 250 }, phone: { reached: 30 }, notice: { reached: 20 } });
      expect(await call(page, (api, d) => api.checkFold(d), id)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });

      const unreachable = calls.rows[45] as number;
      const card = await call(page, (api, [d, r]) => api.card(d, r), [id, unreachable]);
      expect(card!.row).toMatchObject({ customerNo: fixtureRow(unreachable, 7).customerNo, name: fixtureRow(unreachable, 7).name, address: fixtureRow(unreachable, 7).address });
      expect(card!.status.phase).toBe('covered');
      expect(card!.history.map((h: Json) => [h.event.type, h.outcome ?? null])).toEqual([
        ['contacts.batch-created', null], ['contacts.batch-sent', null], ['contacts.outcomes-recorded', 'failed'], ['contacts.batch-created', null],
        ['contacts.outcomes-recorded', 'failed'], ['contacts.batch-created', null], ['contacts.outcomes-recorded', 'failed'],
        ['contacts.notice-published', null],
      ]);
      await context.close();
      const needles = [0, 1, 2, 777, 4321, 9999].flatMap((i) => {
        const r = fixtureRow(i, 7);
        return [r.name, r.address, r.email, r.phone, r.phone.replace(/-/g, '')].filter(Boolean);
      });
      const scan = await scanForStrings(profile.path, needles);
      expect(scan.files).toBeGreaterThan(10);
      expect(scan.hits).toEqual([]);
    } finally {
      await context.close();
      await profile.remove();
    }
  });

  it('a browser killed mid-import reopens with the import resumable, never half a dataset', async () => {
    const profile = await tempDir('contacts-kill-');
    let { context, page } = await launchPersistent(profile.path);
    try {
      await openHarness(page);
      await call(page, (api) => api.fetchFixture('/fixtures/list-30k.csv'));
      await call(page, (api) => api.startImport({ generated: true, commitRows: 5_000 }));
      await page.waitForFunction(() => {
        const p = (window as unknown as { __honbuContacts: Api }).__honbuContacts.lastProgress();
        return p !== null && p.rows >= 15_000;
      }, undefined, { timeout: 60_000, polling: 20 });
      await closeAtOnce(context); // kills the renderer and its worker mid-write

      ({ context, page } = await launchPersistent(profile.path));
      await openHarness(page);
      expect(await call(page, (api) => api.datasets())).toEqual([]);
      const [job] = await call(page, (api) => api.unfinished());
      expect(job).toBeDefined();
      expect(job!.committedRows % 5_000).toBe(0);
      expect(job!.committedRows).toBeLessThan(30_000);
      const counts = await call(page, (api) => api.tableCounts());
      expect(counts.blocks).toBe(job!.committedRows / 1_000);
      expect(counts.totals).toBe(0);

      // Cancel: a second import stopped half way leaves nothing of its own behind.
      await call(page, (api) => api.fetchFixture('/fixtures/list-30k.csv'));
      await call(page, (api) => api.startImport({ generated: true, commitRows: 5_000 }));
      await page.waitForFunction(() => {
        const p = (window as unknown as { __honbuContacts: Api }).__honbuContacts.lastProgress();
        return p !== null && p.rows >= 10_000;
      }, undefined, { timeout: 60_000, polling: 10 });
      expect(await call(page, (api) => api.cancelImport())).toMatchObject({ ok: false, reason: 'cancelled' });
      expect(await call(page, (api) => api.tableCounts())).toEqual(counts);

      await call(page, (api) => api.fetchFixture('/fixtures/list-30k.csv'));
      const resumed = await call(page, (api, id) => api.importFile({ generated: true, resumeId: id, commitRows: 5_000 }), job!.id);
      expect(resumed.result).toMatchObject({ ok: true, rows: 30_000, resumedFrom: job!.committedRows });
      const [ds] = await call(page, (api) => api.datasets());
      expect(ds).toMatchObject({ id: job!.id, rows: 30_000, state: 'complete' });
      expect((await call(page, (api) => api.tableCounts())).blocks).toBe(30);
      const last = fixtureRow(29_999, 8);
      expect((await call(page, (api, v) => api.find('no', v), last.customerNo)).map((f: Json) => f.row.name)).toEqual([last.name]);
      expect((await call(page, (api, v) => api.find('no', v), fixtureRow(0, 8).customerNo))).toHaveLength(1);
    } finally {
      await context.close();
      await profile.remove();
    }
  });

  it('a second laptop adopts a synced dataset by importing the same file; another file is refused', async () => {
    const profile = await tempDir('contacts-adopt-');
    const { context, page } = await launchPersistent(profile.path);
    try {
      await openHarness(page);
      await page.setInputFiles('#file', join(files.path, 'list-10k.csv'));
      expect((await call(page, (api) => api.importFile())).result).toMatchObject({ ok: true, rows: ROWS });
      const [ds] = await call(page, (api) => api.datasets());
      const id = ds!.id;
      const post = await call(page, (api, d) => api.createBatch(d, 'post'), id);
      const returned = Array.from({ length: 100 }, (_, i) => ({ customerNo: fixtureRow(i * 13, 7).customerNo, outcome: 'failed', reason: 'moved' }));
      await call(page, (api, [d, b]) => api.markSent(d, b, '2026-11-23T09:00:00.000Z'), [id, post.batchId]);
      await call(page, (api, [d, items]) => api.applyList(d, 'post', 'returned-mail', items), [id, returned]);

      await call(page, (api) => api.openPeer());
      await call(page, (api) => api.syncPeer());
      expect(await call(page, (api) => api.peerMissing())).toMatchObject([{ datasetId: id, rows: ROWS }]);

      // Another file with as many rows: refused after its hash is known, nothing kept.
      await call(page, (api) => api.fetchFixture('/fixtures/list-10k-other.csv'));
      const wrong = await call(page, (api, d) => api.peerAdopt(d, { generated: true }), id);
      expect(wrong.result).toMatchObject({ ok: false, reason: 'hash-mismatch' });
      expect(await call(page, (api) => api.peerTableCounts())).toEqual({ datasets: 0, blocks: 0, index: 0, status: 0, totals: 0 });

      // The same file: progress, then the same totals as the first laptop and a clean fold.
      const right = await call(page, (api, d) => api.peerAdopt(d), id);
      expect(right.result).toMatchObject({ ok: true, datasetId: id, rows: ROWS });
      expect(right.progressCount).toBeGreaterThan(0);
      expect(await call(page, (api) => api.peerMissing())).toEqual([]);
      const totals = await call(page, (api, d) => api.totals(d), id);
      expect(await call(page, (api, d) => api.peerTotals(d), id)).toEqual(totals);
      expect(await call(page, (api, d) => api.peerCheckFold(d), id)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });

      // Later edits on the peer reach the first laptop's statuses too.
      await call(page, (api, d) => api.peerExclude(d, [5]), id);
      expect(await call(page, (api) => api.syncPeer())).toEqual({ toPeer: 0, fromPeer: 1 });
      expect((await call(page, (api, d) => api.totals(d), id)).excluded.deceased).toBe(1);
      expect(await call(page, (api, d) => api.checkFold(d), id)).toEqual({ rows: ROWS, mismatchedRows: 0, totalsMatch: true });
    } finally {
      await context.close();
      await profile.remove();
    }
  });
  it('reads Shift_JIS exactly as the browser does: every one- and two-byte input, and random bytes in random chunks', async () => {
    const profile = await tempDir('contacts-sjis-');
    const { context, page } = await launchPersistent(profile.path);
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => '__honbuContacts' in window);
      const report = await call(page, (api, arg) => api.compareShiftJis(arg.seed, arg.bytes), { seed: 20261206, bytes: 1_000_000 });
      expect(report.mismatches).toEqual([]);
      // 256 + 256 + 3 × 65,536 short inputs and 20 cuttings of the random bytes.
      expect(report.inputs).toBe(512 + 3 * 65_536 + 20);
      // The error steps were reached (lone leads, pairs without a character, stray bytes) and the pairs read.
      expect(report.withReplacement).toBeGreaterThan(20_000);
      expect(report.pairs).toBeGreaterThan(7_000);
    } finally {
      await context.close();
      await profile.remove();
    }
  });
});
