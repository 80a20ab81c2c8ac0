/**
 * The printing vendor's Shift_JIS file with one name it cannot hold, split into two files: both
 * are kept or neither. A stranger cancelled the second file's save dialog: the Shift_JIS file had
 * already been kept and the export recorded, 𠮷田 was in no file, and the screen said nothing was
 * kept. Now the cancel keeps nothing and records nothing, and the split can be made again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fakePicker, giveReason, readProduced } from './exports';
import { createWorkspace } from './flows';
import { newPage, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();
const LIST = ['顧客番号,氏名,郵便番号,住所,サービス', 'P01,山田 花子,150-0001,東京都渋谷区神宮前1-2-3,通販', 'P02,𠮷田 太郎,150-0002,東京都渋谷区渋谷2-3-4,通販', 'P03,佐藤 次郎,150-0003,東京都渋谷区3-4-5,通販'].join('\r\n') + '\r\n';

const picked = (page: Page) => page.evaluate(() => (window as unknown as { __files: { name: string; chunks: number[][]; closed: boolean; aborted: boolean }[] }).__files.map((f) => ({ name: f.name, closed: f.closed, aborted: f.aborted, bytes: f.chunks.flat() })));

describe('the vendor file split in two', () => {
  it('keeps both files or neither: a cancelled second dialog keeps and records nothing, and the split can be made again', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      // The first dialog for the rest file is cancelled.
      await context.addInitScript(fakePicker, { cancelFirst: 'vendor-utf8-rest' });
      await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+09:00'));
      await createWorkspace(page, env.server.url);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員情報の流出');
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      const nav = page.getByRole('navigation', { name: '顧客連絡の画面' });
      await nav.getByRole('button', { name: '取り込み', exact: true }).click();
      await page.getByLabel('CSV ファイル').setInputFiles({ name: '会員.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + LIST, 'utf8') });
      await page.getByRole('button', { name: '取り込み開始' }).click();
      await page.getByRole('status').filter({ hasText: '3 件を取り込みました。' }).waitFor();
      await nav.getByRole('button', { name: 'バッチ', exact: true }).click();
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '3 件のバッチを作成しました。' }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便・.* 作成・3 件$/ });
      const split = async () => {
        await giveReason(post);
        await post.getByRole('button', { name: '印刷会社用ファイル（Shift_JIS）' }).click();
        await post.getByRole('alertdialog').getByRole('button', { name: 'この 1 名だけ UTF-8（BOM 付き）の別ファイルにする' }).click();
      };

      await split();
      await post.getByText('中止しました。書きかけのファイルは残していません。').waitFor();
      expect((await picked(page)).map((f) => [f.closed, f.aborted])).toEqual([[false, true]]);

      // Nothing was recorded as made: the same split again, both dialogs answered.
      await split();
      await post.getByRole('status').filter({ hasText: /Shift_JIS.*2.*UTF-8.*1/ }).waitFor();
      const [, sjis, rest] = await picked(page);
      expect([sjis!.closed, rest!.closed]).toEqual([true, true]);
      expect(readProduced(new Uint8Array(sjis!.bytes), 'shift_jis', '山田 花子').map((r) => r.join(','))).toEqual(expect.arrayContaining([expect.stringContaining('山田 花子'), expect.stringContaining('佐藤 次郎')]));
      const restRows = readProduced(new Uint8Array(rest!.bytes), 'utf-8-bom', '山田 花子');
      expect(restRows.map((r) => r.join(',')).filter((r) => r.includes('𠮷田 太郎'))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
