/**
 * The browser's storage fills in the middle of an import (Chromium's quota for the page made
 * small through the DevTools protocol, as a nearly full disk does): the import stops with
 * words that say what happened, how much is saved and how to go on; once there is room
 * again, 「同じファイルで再開」 finishes the list with every customer once. Japanese; the
 * message is looked at in a screenshot.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createWorkspace } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();
const ROWS = 120_000;
const MB = 1024 * 1024;

function list(): Buffer {
  const lines = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号'];
  for (let i = 0; i < ROWS; i++) {
    const n = String(i).padStart(6, '0');
    lines.push(`K${n},顧客 ${n},コキャク ${n},${String(100 + (i % 800)).padStart(3, '0')}-${n.slice(2)},東京都千代田区丸の内${i % 9 + 1}-${i % 30 + 1}-${i % 12 + 1} ビル${n},k${n}@example.jp,090-${n.slice(0, 4)}-${n.slice(2)}`);
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: /顧客連絡の画面|Customer contact screens/ }).getByRole('button', { name, exact: true }).click();
}

describe('the disk fills during an import', () => {
  it('stops with what is saved and how to go on, then resumes to the whole list once there is room', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員データベースの流出');
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await part(page, '取り込み');

      // Room for what the workspace holds now and a few MB more: less than the list needs.
      const cdp = await context.newCDPSession(page);
      const origin = new URL(env.server.url).origin;
      const { usage } = (await cdp.send('Storage.getUsageAndQuota', { origin })) as { usage: number };
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.round(usage + 10 * MB) });

      const file = { name: '会員一覧.csv', mimeType: 'text/csv', buffer: list() };
      await page.getByLabel('CSV ファイル', { exact: true }).setInputFiles(file);
      await page.getByText('7 列に分かれています。').waitFor();
      await page.getByRole('button', { name: '取り込み開始' }).click();
      const full = page.getByRole('alert').filter({ hasText: 'いっぱいのため、取り込みを止めました' });
      await full.waitFor({ timeout: 120_000 });
      const text = (await full.textContent()) ?? '';
      // What it needs (and no "free" figure that contradicts the refusal), what is saved, that nothing else changed, and the way on.
      expect(text).toMatch(/残りにあと約 [\d,.]+ [MG]B 必要です。/);
      expect(text).toContain('ほかのデータは変わっていません');
      await screenshot(page, 'contacts-no-space-ja');

      // Room again (files deleted): the unfinished import goes on from where it stopped.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.round(usage + 2048 * MB) });
      const unfinished = page.locator('section[aria-labelledby="im-unfinished"]');
      // The first 50,000 rows fitted; the unfinished import says how far it got, not "50,000 of 50,000".
      expect(text).toContain('50,000 行までは保存済みです');
      await unfinished.getByText('会員一覧.csv: 50,000 行まで保存済み（残りは未取り込み）').waitFor();
      await unfinished.getByRole('button', { name: '同じファイルで再開' }).click();
      await page.getByRole('status').filter({ hasText: '120,000 件を取り込みました' }).waitFor({ timeout: 240_000 });
      expect(await unfinished.count()).toBe(0);

      // Every customer once: the first, one past the stop and the last are each found once.
      await part(page, '検索');
      for (const no of ['K000000', 'K060001', 'K119999']) {
        await page.getByLabel('検索する値', { exact: true }).fill(no);
        await page.getByRole('button', { name: '検索', exact: true }).last().click();
        await page.getByText(`顧客 ${no.slice(1)}`).first().waitFor();
        await page.getByText('1 件が該当します').waitFor();
      }
    } finally {
      await context.close();
    }
  });
});
