/**
 * Issue 17: matching a long returned-mail list with the customers takes seconds at scale (it
 * reads the whole customer-number index). The screen says how far it is, the button cannot be
 * pressed twice, and the person can stop it: nothing changes, and a new preview works.
 * The customer index is held by another transaction meanwhile, so that a small list takes as
 * long as a large one, whatever the machine.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unnamedControls } from './a11y';
import { contactsPart, createWorkspace, fileFirstReport, importList, listFile, listRows, takeDirectionRole } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

/** A read-write transaction on the customer index kept open (a request after another) until `releaseIndex()`. */
async function holdIndex(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((held, fail) => {
        const open = indexedDB.open('honbu');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('contact-index', 'readwrite').objectStore('contact-index');
          let released = false;
          (window as unknown as { releaseIndex: () => void }).releaseIndex = () => (released = true);
          const spin = () => {
            if (released) return db.close();
            store.count().onsuccess = spin;
          };
          spin();
          held();
        };
      }),
  );
}
const ROWS = 1_000;

describe('matching a returned-mail list', () => {
  it('shows its progress, can be stopped with nothing changed, and previews again after', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await fileFirstReport(page, '会員情報の流出');
      await importList(page, listFile(listRows(ROWS)), '1,000');
      await contactsPart(page, '結果の反映');
      const list = Array.from({ length: 500 }, (_, i) => `A${String(i * 2).padStart(4, '0')},宛所不明`).join('\n');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill(list);

      // The index held by another transaction until the stop is pressed: the match waits on
      // its reads as it would on millions of customers, whatever this machine's speed.
      await holdIndex(page);
      const preview = page.getByRole('button', { name: '変更内容を確認' });
      await preview.click();
      await page.getByRole('status').filter({ hasText: /^リストをお客様と照合しています…（\d+%）$/ }).waitFor();
      expect(await preview.isDisabled()).toBe(true);
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, 'results-matching');
      await page.getByRole('button', { name: '照合を中止' }).click();
      await page.evaluate(() => (window as unknown as { releaseIndex: () => void }).releaseIndex());
      await page.getByText('照合を中止しました。何も変わっていません。').waitFor();
      expect(await page.getByRole('button', { name: 'この内容で反映' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: '予期しない問題が起きました' }).count()).toBe(0);
      await screenshot(page, 'results-matching-stopped');

      // Nothing was applied: the dashboard still has everyone pending on the post.
      await contactsPart(page, '集計');
      await page.locator('[data-kpi="total"]').filter({ hasText: '1,000' }).waitFor();
      expect(await page.locator('[data-phase="pending"]').textContent()).toBe('1,000');

      await contactsPart(page, '結果の反映');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill(list);
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText(/500 行中 500 件が一致/).waitFor();
      expect(await page.getByText('照合を中止しました。何も変わっていません。').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 180_000);
});
