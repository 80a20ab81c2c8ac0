/**
 * The family of a customer calls before the letters are printed: she has died. The contact
 * lead finds her card and takes her out of the contact list; the post batch made before that
 * no longer prints her a letter nor gives her a line in the mailing list, and says so. A
 * second customer asks not to be contacted, and the lead undoes it (taken out by mistake).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { contactsPart, createWorkspace, fileFirstReport, importList } from './flows';
import { giveReason, readProduced } from './exports';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号'];
const NAMES = ['青木 一郎', '井上 二郎', '上田 三子', '江藤 四郎', '小野 五郎'];
const row = (i: number) => [`K${i + 1}`, NAMES[i]!, 'カナ', '100-0001', `東京都千代田区一丁目${i + 1}番`, `k${i + 1}@example.jp`, `090-1111-000${i + 1}`];
const csv = Buffer.from([HEADER, ...NAMES.map((_, i) => row(i))].map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

describe('a customer taken out of the contact list from her card', () => {
  it('gets no letter and no mailing-list line from a batch made before, and the batch says how many were left out', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await fileFirstReport(page, '会員データベースの流出');
      await importList(page, { name: '会員.csv', mimeType: 'text/csv', buffer: csv }, 5);
      await contactsPart(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '5 件のバッチを作成しました。' }).waitFor();

      // The family calls about K3.
      await contactsPart(page, '検索');
      // Found by her reading among the others, and opened from the list of those found.
      await page.getByLabel('検索方法').selectOption('kana-prefix');
      await page.getByLabel('検索する値').fill('カナ');
      const found = page.locator('.lookup-results');
      await found.getByRole('button', { name: '上田 三子' }).click();
      const card = page.getByRole('region', { name: 'お客様カード' });
      await card.locator('[data-field="name"]').filter({ hasText: '上田 三子' }).waitFor();
      // A note begun on her card, then left: it must not follow to the next customer's card.
      await card.getByLabel('メモ（任意）').fill('ご長男より連絡');
      await card.getByRole('button', { name: 'ご逝去（ご家族から連絡）' }).click();
      await card.getByText('「ご逝去（ご家族から連絡）」として、このお客様を連絡の対象外にします。よろしいですか。').waitFor();
      await screenshot(page, 'card-exclude-confirm');
      await card.getByRole('button', { name: '対象外にする' }).click();
      await card.getByRole('status').filter({ hasText: '対象外にしました。' }).waitFor();
      await card.locator('[data-field="status"]').filter({ hasText: /^対象外 · 死亡$/ }).waitFor();
      expect(await card.getByRole('button', { name: 'ご逝去（ご家族から連絡）' }).count()).toBe(0);

      // K5 asks not to be contacted, by mistake: undone at once. Her card, opened from the same
      // list, starts afresh: nothing said about K3, no undo that would take K3's exclusion back, no note.
      await found.getByRole('button', { name: '小野 五郎' }).click();
      await card.locator('[data-field="name"]').filter({ hasText: '小野 五郎' }).waitFor();
      expect(await card.getByRole('status').filter({ hasText: '対象外にしました。' }).count()).toBe(0);
      expect(await card.getByRole('button', { name: '取り消す' }).count()).toBe(0);
      expect(await card.getByLabel('メモ（任意）').inputValue()).toBe('');
      await card.getByRole('button', { name: '連絡不要（ご本人の希望）' }).click();
      await card.getByRole('button', { name: '対象外にする' }).click();
      await card.getByRole('button', { name: '取り消す' }).click();
      await card.getByRole('status').filter({ hasText: '取り消しました。' }).waitFor();
      await card.locator('[data-field="status"]').filter({ hasText: /^(未着手|連絡中) · 郵便$/ }).waitFor();

      // The batch's mailing list: four customers, not K3; the batch says one was left out.
      await contactsPart(page, 'バッチ');
      const postBatch = page.getByRole('listitem', { name: /^郵便/ });
      await giveReason(postBatch);
      const [mailing] = await Promise.all([page.waitForEvent('download'), postBatch.getByRole('button', { name: '宛名リスト CSV（Shift_JIS）' }).click()]);
      const records = readProduced(new Uint8Array(await readFile((await mailing.path())!)), 'shift_jis', '山田 花子');
      const nameAt = records[0]!.indexOf('氏名');
      expect(records.slice(1).map((r) => r[nameAt])).toEqual(['青木 一郎', '井上 二郎', '江藤 四郎', '小野 五郎']);
      await postBatch.getByText('作成後に除外・連絡済みなどになった 1 名は含めていません。', { exact: false }).waitFor();
      await screenshot(page, 'batch-left-out');
    } finally {
      await context.close();
    }
  });
});
