/**
 * Issue 15 item 2: the enquiry log grouped off the page's thread and kept for the session
 * (decision 030, addendum 3).
 *
 * 1. 20,000 varied enquiries grouped by the grouping worker, as the screens do: the page's
 *    longest task stays under 200 ms (grouping them on the page's thread, as the screens
 *    did before, is one task of seconds: the figures are printed), a revisit sends nothing,
 *    and the groups are those grouping in place gives, with the IPADIC dictionary.
 * 2. Through the app: 3,000 enquiries imported from the vendor; the groups screen says it
 *    is grouping (with progress) and stays usable, shows the groups, keeps them when the
 *    screen is left and opened again, and after a lock groups afresh (nothing was kept).
 *    Screenshots in Japanese and English, while grouping and after.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadavg } from 'node:os';
import { buildVariedEnquiries } from '../shared/faq/bench-fixture';
import { encodeCsv } from '../shared/export/csv';
import { groupingScreen } from '../bench/faq-grouping-screen';
import { unnamedControls } from './a11y';
import { createWorkspace, fileFirstReport, lockAndUnlockInEnglish } from './flows';
import { join } from 'node:path';
import { newPage, SCREENSHOTS, useBrowserAndServer } from './harness';

/** The screen as it is seen (3,000 members listed make a page too long to capture whole). */
const viewport = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

const env = useBrowserAndServer();

async function part(page: Page, name: RegExp) {
  await page.getByRole('navigation', { name: /問い合わせ・FAQ の画面|Enquiry and FAQ screens/ }).getByRole('button', { name }).click();
}

describe('the enquiry log grouped off the page', () => {
  it("groups 20,000 enquiries in the worker with the page's longest task under 200 ms, and gives the groups grouping in place gives", async () => {
    const { worker, inPlace } = await groupingScreen(env.browser, 20_000, 100, true);
    console.warn(JSON.stringify({ e2e: 'faq-grouping-worker', worker, inPlace, load: loadavg().map((l) => Math.round(l * 10) / 10) }));
    // Under 200 ms on a quiet machine; on a busy one (CI runs two files at once) a garbage
    // collection or a lost core can stretch any task, so the bar is also a tenth of the one
    // task grouping in place takes on the same page (seconds): the old way fails either bar.
    const bar = Math.max(200, Number(inPlace!.coldLongestTaskMs) / 10);
    expect(worker.coldLongestTaskMs).toBeLessThan(bar);
    expect(worker.addsLongestTaskMs).toBeLessThan(bar);
    expect(worker.regroupLongestTaskMs).toBeLessThan(bar);
    // Told how far it has gone while it grouped.
    expect(worker.progressReports).toBeGreaterThan(0);
    // Coming back to the screen with the same enquiries: nothing sent, the groups at once.
    expect(worker.revisitSent).toBe(0);
    expect(worker.revisitShowsGroups).toBe(true);
    // A first grouping, 100 new enquiries placed, one enquiry edited.
    expect(worker.requests).toEqual({ regroup: 1, change: 1, add: 1 });
    expect(inPlace!.sameGroupsAsWorker).toBe(true);
  });

  it('shows "grouping" with progress, then the groups; keeps them on a revisit; groups afresh after a lock', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    await fileFirstReport(page, '会員サイトからの個人情報流出', { confirmed: '12000' });
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();

    // 3,000 enquiries of one day from the vendor.
    const rows = buildVariedEnquiries(3_000).map((e, i) => ['2026/12/01', `${9 + Math.floor(i / 600)}:${String(Math.floor((i % 600) / 10)).padStart(2, '0')}`, '電話', e.text]);
    const csv = encodeCsv(['受付日,受付時刻,チャネル,問い合わせ内容', ...rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))].join('\r\n'), 'utf-8');
    await part(page, /^取り込み（委託先）$/);
    await page.getByLabel(/^(ファイル|File)$/).setInputFiles({ name: 'enquiries_20261201.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: /件を取り込む$/ }).click();
    await page.getByText(/取り込みました：問い合わせ 3,?000件を追加/).waitFor({ timeout: 120_000 });

    // The first grouping: said calmly, with how far it has gone; the other screens stay usable.
    // Every percentage the screen shows is noted as it is drawn: one shown for a moment on a
    // busy machine is still seen (polling for it could miss it).
    await page.evaluate(() => {
      const w = window as unknown as { seenPercent: string[] };
      w.seenPercent = [];
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[role="status"]')) {
          const m = /グループ分け中…（(\d+)%）/.exec(el.textContent ?? '');
          if (m && w.seenPercent.at(-1) !== m[1]) w.seenPercent.push(m[1]!);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await part(page, /^グループ$/);
    const grouping = page.getByRole('status').filter({ hasText: 'グループ分け中' });
    await grouping.waitFor();
    await page.waitForFunction(() => (window as unknown as { seenPercent: string[] }).seenPercent.length > 0, undefined, { timeout: 60_000 });
    await viewport(page, 'faq-grouping-worker-ja-grouping');
    await part(page, /^一覧$/);
    await page.getByRole('heading', { name: '問い合わせ一覧' }).waitFor();
    await part(page, /^グループ$/);
    await grouping.waitFor({ state: 'detached', timeout: 120_000 });
    await page.getByRole('button', { name: 'すべてのグループ' }).click();
    const groups = page.locator('li.group');
    await groups.first().waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await viewport(page, 'faq-grouping-worker-ja-groups');
    // A group of hundreds lists its first questions; the rest one press away, and back.
    const big = groups.first();
    const size = Number((await big.locator('.badge').textContent())!.replace(/\D/g, ''));
    expect(size).toBeGreaterThan(20);
    expect(await big.locator('.members li').count()).toBe(20);
    const more = big.getByRole('button', { name: `残りの ${size - 20} 件も表示` });
    await more.scrollIntoViewIfNeeded();
    await viewport(page, 'faq-grouping-worker-ja-more');
    await more.click();
    expect(await big.locator('.members li').count()).toBe(size);
    await big.getByRole('button', { name: '最初の 20 件だけ表示' }).click();
    expect(await big.locator('.members li').count()).toBe(20);

    // Left and opened again: the groups at once, nothing grouped again.
    const shown = await groups.count();
    await part(page, /^一覧$/);
    await page.getByRole('heading', { name: '問い合わせ一覧' }).waitFor();
    await part(page, /^グループ$/);
    expect(await page.getByText('グループ分け中', { exact: false }).count()).toBe(0);
    await page.getByRole('button', { name: 'すべてのグループ' }).click();
    expect(await groups.count()).toBe(shown);

    // English; then the lock ends the grouping, and it is made afresh after unlocking.
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await lockAndUnlockInEnglish(page);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Incidents' }).click();
    await page.getByText('会員サイトからの個人情報流出').first().click();
    await page.getByRole('tab', { name: 'Enquiries & FAQ' }).click();
    await part(page, /^Groups$/);
    const groupingEn = page.getByRole('status').filter({ hasText: 'Grouping enquiries' });
    await groupingEn.waitFor();
    await viewport(page, 'faq-grouping-worker-en-grouping');
    await groupingEn.waitFor({ state: 'detached', timeout: 120_000 });
    await page.getByRole('button', { name: 'All groups' }).click();
    await groups.first().waitFor();
    expect(await groups.count()).toBe(shown);
    expect(await unnamedControls(page)).toEqual([]);
    await viewport(page, 'faq-grouping-worker-en-groups');
    await context.close();
  });
});
