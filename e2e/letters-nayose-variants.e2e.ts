/**
 * 名寄せ of a household whose letters differ: a parent and a child of the kids' course share
 * an address and a phone. The child's letter goes to the guardian (another 文面). Merged as one
 * household, the screen says the household still gets two letters and which; the post batch
 * prints the parent's and the guardian's letter (read back), and saves only the duplicate
 * adult's. Merged before the guardian's letter was made, the child still gets it, and the
 * batch says why until someone decides again.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { giveReason } from './exports';
import { unnamedControls } from './a11y';
import { approveNoticeWithSender, contactsPart, createWorkspace, fileFirstReport, fillFacts, importList, listFile, takeDirectionRole } from './flows';
import type { Locator, Page } from 'playwright-core';
import { newPage, useBrowserAndServer, screenshot } from './harness';

const env = useBrowserAndServer();

/** The guardian's letter for the kids' course. */
async function addGuardianLetter(page: Page): Promise<void> {
  await contactsPart(page, '文面');
  const panel = page.locator('section', { has: page.getByRole('heading', { name: '文面（セグメント別）' }) });
  await panel.getByRole('button', { name: '文面を追加' }).click();
  const add = panel.getByRole('form', { name: '文面を追加' });
  await add.getByLabel('文面の名前').fill('保護者様あて');
  await add.getByRole('checkbox', { name: /^ｋｉｄｓ講座|^kids講座/i }).check();
  await add.getByRole('radio', { name: /保護者様あて/ }).check();
  await add.getByRole('button', { name: '保存' }).click();
  await panel.getByRole('status').filter({ hasText: '「保護者様あて」を保存しました。' }).waitFor();
}

/** The letters file of the post batch: each page's customer number and name, in print order. */
async function letterPages(page: Page, post: Locator): Promise<(string | undefined)[][]> {
  const [letters] = await Promise.all([page.waitForEvent('download'), post.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click()]);
  const html = await readFile((await letters.path())!, 'utf8');
  return [...html.matchAll(/<p class="name">([^<]*)<\/p><p class="no">([^<]*)<\/p>/g)].map((m) => [m[2], m[1]]);
}

// K001 and K003 are one adult written twice (a full-width phone); K002 is their child, in the
// kids' course (区分 written ｋｉｄｓ講座 in full width). K004 is a neighbour.
const HEADER = ['顧客番号', '氏名', '郵便番号', '住所', '電話番号', '区分'];
const ROWS = [
  ['K001', '山田 太郎', '150-0001', '東京都渋谷区神宮前1-1-1', '03-1234-5678', ''],
  ['K002', '山田 花子', '150-0001', '東京都渋谷区神宮前1-1-1', '03-1234-5678', 'ｋｉｄｓ講座'],
  ['K003', '山田 太郎', '150-0001', '東京都渋谷区神宮前一丁目1番1号', '０３－１２３４－５６７８', ''],
  ['K004', '鈴木 一郎', '150-0001', '東京都渋谷区神宮前1-1-2', '03-9999-0000', ''],
];

describe('名寄せ: a household whose letters differ', () => {
  it('merged, the child keeps the guardian letter and the parent their own; only the duplicate is saved', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await fileFirstReport(page, '会員データベースの流出', { leaked: ['氏名', '住所'] });
      await fillFacts(page, { deskPhone: '0120-123-456', deskHours: '9:00〜18:00' });
      await approveNoticeWithSender(page);
      await importList(page, listFile(ROWS, '会員.csv', HEADER), 4);

      await addGuardianLetter(page);

      await contactsPart(page, 'バッチ');
      const card = page.getByRole('region', { name: /名寄せ/ });
      await card.getByRole('button', { name: '候補を探す' }).click();
      // What merging all saves counts letters, not records: the child's letter stays.
      await card.getByRole('status').filter({ hasText: '候補 1 組（4 件中）。すべてまとめると 1 通減らせます。' }).waitFor();
      const cluster = card.getByRole('listitem', { name: '候補 1', exact: true });
      await cluster.getByText('文面が違う方がいるため、まとめても手紙は 2 通です（標準、保護者様あて）。同じ文面の方どうしが1通になります。').waitFor();
      // Each row says its letter; the parent and the child each head their letter.
      const rows = cluster.getByRole('row');
      await expect.poll(() => rows.count()).toBe(4);
      const text = await Promise.all([1, 2, 3].map((i) => rows.nth(i).textContent()));
      expect(text[0]).toMatch(/^K001宛先山田 太郎.*標準$/);
      expect(text[1]).toMatch(/^K002宛先山田 花子.*保護者様あて$/);
      expect(text[2]).toMatch(/^K003山田 太郎.*標準$/);
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, 'nayose-variants-suggestion');

      await cluster.getByRole('button', { name: '同一人物としてまとめる' }).click();
      await card.getByText('まとめると決めた候補: 1 組（郵便で 1 通減）。別々に送ると決めた候補: 0 組。').waitFor();

      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '4 件のバッチを作成しました。' }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便/ });
      await post.getByText('名寄せで 1 通減').waitFor();
      await giveReason(post);
      expect(await letterPages(page, post)).toEqual([
        ['K001', '山田 太郎 様'],
        ['K004', '鈴木 一郎 様'],
        ['K002', '山田 花子 様の保護者様'],
      ]);
      await screenshot(page, 'nayose-variants-batch');

      // In English: the same suggestion, the same two letters.
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await card.getByText(/^Suggestions you have not decided are sent separately/).waitFor();
      await card.getByRole('button', { name: 'Find duplicates' }).click();
      await card.getByText('Their letters differ, so merged they still get 2 letters (Standard, 保護者様あて): those with the same letter share one.').waitFor();
      await screenshot(page, 'nayose-variants-english');
    } finally {
      await context.close();
    }
  });

  it('merged while everyone had the standard letter, then the guardian letter is made: the child still gets it, and the batch says why', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await fileFirstReport(page, '会員データベースの流出', { leaked: ['氏名', '住所'] });
      await fillFacts(page, { deskPhone: '0120-123-456', deskHours: '9:00〜18:00' });
      await approveNoticeWithSender(page);
      await importList(page, listFile(ROWS, '会員.csv', HEADER), 4);

      await contactsPart(page, 'バッチ');
      const card = page.getByRole('region', { name: /名寄せ/ });
      await card.getByRole('button', { name: '候補を探す' }).click();
      await card.getByRole('status').filter({ hasText: '候補 1 組（4 件中）。すべてまとめると 2 通減らせます。' }).waitFor();
      await card.getByRole('listitem', { name: '候補 1', exact: true }).getByRole('button', { name: '同一人物としてまとめる' }).click();
      await card.getByText('まとめると決めた候補: 1 組（郵便で 2 通減）。別々に送ると決めた候補: 0 組。').waitFor();
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '4 件のバッチを作成しました。' }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便/ });
      await post.getByText('名寄せで 2 通減').waitFor();

      // Later, the guardian's letter is made; nobody goes back to 名寄せ.
      await addGuardianLetter(page);
      await contactsPart(page, 'バッチ');
      await post.getByText('名寄せで 1 通減').waitFor();
      const note = post.getByRole('note').filter({ hasText: '文面が、名寄せでまとめた後に変わった方がいます（1 組）。' });
      await note.waitFor();
      await expect(note.textContent()).resolves.toContain('上の「名寄せ」で「候補を探す」を押して、もう一度判断してください。');
      await giveReason(post);
      expect(await letterPages(page, post)).toEqual([
        ['K001', '山田 太郎 様'],
        ['K004', '鈴木 一郎 様'],
        ['K002', '山田 花子 様の保護者様'],
      ]);
      await screenshot(page, 'nayose-variants-changed');
      // The 名寄せ card counts the letters as they will be printed.
      await card.getByText('まとめると決めた候補: 1 組（郵便で 1 通減）。別々に送ると決めた候補: 0 組。').waitFor();

      // Decided again as the screen now suggests: the same letters, nothing more to say.
      await card.getByRole('button', { name: '候補を探す' }).click();
      const cluster = card.getByRole('listitem', { name: '候補 1', exact: true });
      await cluster.getByText('未判断').first().waitFor();
      await cluster.getByRole('button', { name: '同一人物としてまとめる' }).click();
      await card.getByText('まとめると決めた候補: 1 組（郵便で 1 通減）。別々に送ると決めた候補: 0 組。').waitFor();
      await expect.poll(() => note.count()).toBe(0);
      await post.getByText('名寄せで 1 通減').waitFor();
    } finally {
      await context.close();
    }
  });
});
