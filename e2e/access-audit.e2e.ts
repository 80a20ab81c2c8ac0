/**
 * Issue 13, the access audit: every customer card opened, every lookup that listed customers
 * and every file of customers exported is on record, and direction reads it per member and day
 * — an operator who opens many more cards than the calls they log stands out, and so does a
 * file exported without a reason.
 */
import { readFile } from 'node:fs/promises';
import { readExport, withoutMark } from '../shared/contacts/export-check';
import { EXPORT_ID, readProduced } from './exports';
import { describe, expect, it } from 'vitest';
import { contactsPart, createWorkspace, fileFirstReport, importList, listFile, listRows, takeDirectionRole } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();
const ROWS = 30;
const no = (i: number) => `A${String(i).padStart(4, '0')}`;

describe('access audit', () => {
  it('records cards, lookups and exports; direction sees them per member and day with what stands out', async () => {
    const { page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await fileFirstReport(page, '会員情報の流出');
      await importList(page, listFile(listRows(ROWS)), ROWS);

      // 22 customers looked up by number: each single hit opens the card.
      await contactsPart(page, '検索');
      for (let i = 0; i < 22; i++) {
        await page.getByLabel('検索する値').fill(no(i));
        await page.locator('[data-field="customerNo"]').filter({ hasText: no(i) }).waitFor();
      }

      // A mailing list with a reason; a second one without a reason is not made (the reason is required).
      await contactsPart(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: `${ROWS} 件のバッチを作成しました。` }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便・/ });
      await post.getByLabel('ファイルを出力する理由（必須）').fill('印刷会社へ宛名を渡すため');
      const [mailing] = await Promise.all([page.waitForEvent('download'), post.getByRole('button', { name: '宛名リスト CSV（UTF-8）' }).click()]);
      // Alone in its workspace: made at once, the file marked "no second person".
      const records = readProduced(new Uint8Array(await readFile((await mailing.path())!)), 'utf-8-bom', '山田 花子');
      expect(records.map((r) => r[0])).toContain(no(29));
      let saved = false;
      page.on('download', () => (saved = true));
      await post.getByLabel('ファイルを出力する理由（必須）').fill('');
      await post.getByRole('button', { name: '宛名リスト CSV（UTF-8）' }).click();
      await post.getByRole('alert').filter({ hasText: 'ファイルを出力する理由を入力してください。' }).waitFor();
      expect(saved).toBe(false);

      await contactsPart(page, 'アクセス記録');
      const line = page.locator('tr[data-person="山田 花子"]');
      await line.waitFor();
      expect(await line.locator('[data-col="cards"]').textContent()).toBe('22 人（22 回）');
      expect(await line.locator('[data-col="lookups"]').textContent()).toBe('22 件（検索 22 回）');
      expect(await line.locator('[data-col="work"]').textContent()).toBe('電話 0 件・受付 0 件');
      expect(await line.locator('[data-col="exports"] li').allTextContents()).toEqual([`宛名リスト ${ROWS} 件 — 理由: 印刷会社へ宛名を渡すため`]);
      expect(await line.locator('.unusual-why li').allTextContents()).toEqual(['電話・受付の記録に比べて顧客カードの閲覧が多い']);
      // The exports: who asked, why, made without a second person (flagged), its number as printed on the file.
      const made = page.locator('.export-record tbody tr');
      expect(await made.count()).toBe(1);
      const mark = records.length > 0 ? withoutMark(readExport(new Uint8Array(await readFile((await mailing.path())!)), 'utf-8-bom')).mark! : '';
      const exportId = mark.match(EXPORT_ID)![0];
      expect(await made.locator('[data-col="id"]').textContent()).toBe(exportId.replace(/-/g, '').slice(0, 8).toUpperCase());
      expect(await made.locator('[data-col="requester"]').textContent()).toBe('山田 花子');
      expect(await made.locator('[data-col="reason"]').textContent()).toBe('印刷会社へ宛名を渡すため');
      expect(await made.locator('[data-col="state"] li').allTextContents()).toEqual(['チームに2人目がいないため、承認なしで作成']);
      // The record names customers by list and row only: no name or number reached the page's words about them.
      expect(await page.locator('.access-report').textContent()).not.toContain('高橋');
      await screenshot(page, '90-access-record');
      // The timeline keeps the response's story: looks at customers are not in it.
      await page.getByRole('tab', { name: 'タイムライン' }).click();
      await expect.poll(() => page.locator('#incident-panel').textContent()).toContain('第一報');
      expect(await page.locator('#incident-panel').textContent()).not.toContain('顧客カードを開いた');
    } finally {
      await page.close();
    }
  });
});
