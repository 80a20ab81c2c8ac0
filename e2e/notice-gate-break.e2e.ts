/**
 * The notice gate and the letters, broken by someone who did not build them (issues 10 and
 * 18, third pass): letters printed while the screen is in English, a customer with no name,
 * and the notice editor's own exports once the approved notice is stale.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { approveNoticeWithSender, createWorkspace, fillFacts, takeDirectionRole } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const LIST = ['顧客番号,氏名,郵便番号,住所', 'N001,森 一郎,100-0001,東京都千代田区一丁目1-1', 'N002,,100-0002,東京都千代田区二丁目2-2'].join('\r\n') + '\r\n';

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: '顧客連絡の画面' }).getByRole('button', { name, exact: true }).click();
}

/** Each letter's address block, as its lines of text. */
function addresses(html: string): string[][] {
  return html
    .split('<section class="letter">')
    .slice(1)
    .map((letter) => [.../<div class="address">(.*?)<\/div>/.exec(letter)![1]!.matchAll(/<p[^>]*>(.*?)<\/p>/g)].map((m) => m[1]!));
}

describe('the notice gate, as a stranger', () => {
  it('letters printed from the English screen are a Japanese page, addressed to お客様 when the name is empty; a stale notice’s e-mail text is not saved from the notice editor either', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員情報の流出');
      for (const item of ['氏名', '住所']) await page.getByRole('checkbox', { name: item }).check();
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await fillFacts(page, { deskPhone: '0120-000-111', deskHours: '9:00〜18:00' });
      await approveNoticeWithSender(page, '株式会社モリ');

      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await part(page, '取り込み');
      await page.getByLabel('CSV ファイル').setInputFiles({ name: '名簿.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST, 'utf8') });
      await page.getByRole('button', { name: '取り込み開始' }).click();
      await page.getByRole('status').filter({ hasText: '2 件を取り込みました' }).waitFor();
      await part(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '2 件のバッチを作成しました。' }).waitFor();

      // The notice is Japanese; the person reads the screen in English.
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.locator('li.batch').first().getByLabel('Why you need this file (required)').fill('Letters to the printer');
      const [d] = await Promise.all([page.waitForEvent('download'), page.locator('li.batch').first().getByRole('button', { name: 'Letters (HTML, A4 for printing)' }).click()]);
      const html = await readFile((await d.path())!, 'utf8');
      // The page says it is Japanese, so it prints with Japanese glyphs, not Chinese ones.
      expect(html).toMatch(/^<!doctype html><html lang="ja">/);
      expect(addresses(html)).toEqual([
        ['〒100-0001', '東京都千代田区一丁目1-1', '森 一郎 様', 'N001'],
        ['〒100-0002', '東京都千代田区二丁目2-2', 'お客様', 'N002'],
      ]);
      for (const body of html.split('<section class="letter">').slice(1)) {
        expect(body).toContain('株式会社モリ');
        expect(body).toContain('0120-000-111');
        expect(body).not.toContain('下書き');
      }
      await page.getByRole('button', { name: '日本語に切り替え' }).click();

      // The desk number changes after approval. The batch stops the letters; the notice
      // editor must not hand out the old e-mail text either.
      await fillFacts(page, { deskPhone: '0120-000-222' });
      await page.getByRole('tab', { name: '公表・当局報告' }).click();
      await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '本人通知' }).click();
      await page.locator('[data-notice-stale="1"]').waitFor();
      let saved = false;
      page.on('download', () => (saved = true));
      await page.getByRole('button', { name: '電子メール本文を保存' }).click();
      const dialog = page.getByRole('dialog', { name: '手紙・メールをまだ作れません' });
      await dialog.waitFor({ timeout: 5_000 });
      expect(await dialog.locator('[data-gap]').allTextContents()).toEqual([expect.stringMatching(/^承認した本人通知（第1版）の後で事実が変わりました（.*0120-000-111 → 0120-000-222.*）/)]);
      await screenshot(page, 'b1018-notice-editor-stale');
      await dialog.getByRole('button', { name: '閉じる' }).click();
      expect(saved).toBe(false);
    } finally {
      await context.close();
    }
  });
});
