/**
 * 名寄せ through the screens (issue 16 item 3): a list with planted duplicates → the
 * suggestions shown with the rule that matched → one merged, one kept apart, the rest by
 * "merge all" → a post batch prints one letter per person (letters and mailing file read
 * back) and says how many letters it saved → undo brings the letter back.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeCsv } from '../shared/export/csv';
import { giveReason, readProduced } from './exports';
import { unnamedControls } from './a11y';
import { approveNoticeWithSender, createWorkspace, takeDirectionRole } from './flows';
import { newPage, useBrowserAndServer, screenshot, tempDir } from './harness';

const env = useBrowserAndServer();

// Planted: C003 is C001 (髙橋/高橋, 一丁目2番3号/１－２－３), C005 shares C002's phone in full
// width, C008 shares C007's e-mail in capitals. C004 lives at C001's address but is another
// person. 𠮷 is outside Shift_JIS; one address has a tab; C020 has no e-mail or phone.
const ROWS = [
  ['C001', '髙橋 一郎', 'タカハシ イチロウ', '100-0013', '東京都千代田区霞が関一丁目2番3号', '', ''],
  ['C002', '佐藤 花子', 'サトウ ハナコ', '530-0001', '大阪市北区梅田3-1-1', 'hanako@example.jp', '090-1111-2222'],
  ['C003', '高橋一郎', 'たかはし いちろう', '1000013', '東京都千代田区霞ヶ関１－２－３', '', ''],
  ['C004', '高橋 花子', 'タカハシ ハナコ', '100-0013', '東京都千代田区霞が関1-2-3', '', ''],
  ['C005', '佐藤 はなこ', '', '530-0001', '大阪市北区梅田3-1-1 梅田ビル', '', '０９０－１１１１－２２２２'],
  ['C006', '𠮷田 三郎', 'ヨシダ サブロウ', '600-8001', '京都市下京区\t四条通1', '', ''],
  ['C007', '山田 太郎', 'ヤマダ タロウ', '060-0001', '札幌市中央区北1条西1', 'yamada@example.jp', ''],
  ['C008', '山田 たろう', '', '060-0002', '札幌市中央区北2条西2', 'YAMADA@Example.jp', ''],
  ...Array.from({ length: 12 }, (_, i) => [`C${String(9 + i).padStart(3, '0')}`, `顧客 ${i}号`, '', '812-0011', `福岡市博多区博多駅前${i + 1}-1`, '', '']),
];
const CSV = ['顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号', ...ROWS.map((r) => r.map((c) => (/[,\t"]/.test(c) ? `"${c}"` : c)).join(','))].join('\r\n') + '\r\n';

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: '顧客連絡の画面' }).getByRole('button', { name, exact: true }).click();
}

describe('名寄せ: one letter per person', () => {
  it('finds the planted duplicates, merges or keeps them apart, and the post batch prints one letter per person', async () => {
    const dir = await tempDir('nayose-');
    const { context, page } = await newPage(env.browser);
    try {
      const file = join(dir.path, '顧客リスト.csv');
      await writeFile(file, encodeCsv(CSV, 'utf-8-bom'));
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員データベースの流出');
      for (const item of ['氏名', '住所']) await page.getByRole('checkbox', { name: item }).check();
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await page.getByRole('tab', { name: '概要・報告' }).click();
      await page.getByRole('button', { name: '事実を更新' }).click();
      await page.getByLabel('問い合わせ窓口の電話番号').fill('0120-123-456');
      await page.getByLabel('窓口の受付時間').fill('9:00〜18:00');
      await page.locator('input[name="fact-not-leaked"]').first().check();
      await page.getByRole('button', { name: '事実を保存' }).click();
      await page.getByRole('status').filter({ hasText: '事実を更新しました。' }).waitFor();
      await approveNoticeWithSender(page);
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await part(page, '取り込み');
      await page.getByLabel('CSV ファイル').setInputFiles(file);
      await page.getByRole('button', { name: '取り込み開始' }).click();
      await page.getByRole('status').filter({ hasText: '20 件を取り込みました' }).waitFor({ timeout: 60_000 });

      await part(page, 'バッチ');
      const card = page.getByRole('region', { name: /名寄せ/ });
      await card.getByText('判断していない候補は別々に送ります').waitFor();
      await card.getByRole('button', { name: '候補を探す' }).click();
      await card.getByRole('status').filter({ hasText: '候補 3 組（20 件中）。すべてまとめると 3 通減らせます。' }).waitFor();
      const cluster = (k: number) => card.getByRole('listitem', { name: `候補 ${k}`, exact: true });
      // Each suggestion: its customers, and the rule that matched.
      await cluster(1).getByRole('cell', { name: '高橋一郎', exact: true }).waitFor();
      const first = (await cluster(1).getByRole('table').textContent()) ?? '';
      for (const text of ['C001', '髙橋 一郎', '東京都千代田区霞が関一丁目2番3号', 'C003', '東京都千代田区霞ヶ関１－２－３']) expect(first).toContain(text);
      expect(first).not.toContain('C004');
      await cluster(1).getByText('一致: 氏名と住所が同じ').waitFor();
      await cluster(2).getByText('一致: 電話番号が同じ').waitFor();
      await cluster(3).getByText('一致: メールアドレスが同じ').waitFor();
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, 'nayose-10-suggestions');

      await cluster(1).getByRole('button', { name: '同一人物としてまとめる' }).click();
      await cluster(1).getByText('まとめる', { exact: true }).waitFor();
      await cluster(2).getByRole('button', { name: '別々に送る' }).click();
      await cluster(2).getByText('別々に送る', { exact: true }).first().waitFor();
      // Merge all: only the one still undecided.
      await card.getByRole('button', { name: '未判断の候補をすべてまとめる（1 組）' }).click();
      await card.getByText('まとめると決めた候補: 2 組（郵便で 2 通減）。別々に送ると決めた候補: 1 組。').waitFor();
      await screenshot(page, 'nayose-11-decided');

      // A post batch of everyone names all 20; its letters and mailing file hold 18.
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '20 件のバッチを作成しました。' }).waitFor();
      const postBatch = page.getByRole('listitem', { name: /^郵便/ });
      await postBatch.getByText('名寄せで 2 通減').waitFor();
      await giveReason(postBatch);
      const [letters] = await Promise.all([page.waitForEvent('download'), postBatch.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click()]);
      const html = await readFile((await letters.path())!, 'utf8');
      const numbers = [...html.matchAll(/<p class="no">([^<]*)<\/p>/g)].map((m) => m[1]);
      expect(numbers).toEqual(ROWS.map((r) => r[0]).filter((n) => n !== 'C003' && n !== 'C008'));
      expect(html).toContain('髙橋 一郎 様');
      expect(html).toContain('𠮷田 三郎 様');
      const [mailing] = await Promise.all([page.waitForEvent('download'), postBatch.getByRole('button', { name: '宛名リスト CSV（UTF-8）' }).click()]);
      const list = readProduced(new Uint8Array(await readFile((await mailing.path())!)), 'utf-8-bom', '山田 花子');
      expect(list).toHaveLength(1 + 18);
      expect(list.slice(1).map((r) => r[0])).toEqual(numbers);
      const c006 = list.find((r) => r[0] === 'C006')!;
      expect(c006).toEqual(expect.arrayContaining(['𠮷田 三郎', '京都市下京区\t四条通1']));
      await screenshot(page, 'nayose-12-batch');

      // The family of 髙橋 一郎 calls about C003: the card offers to take out his other record (C001) too.
      await part(page, '検索');
      await page.getByLabel('検索方法').selectOption('no');
      await page.getByLabel('検索する値').fill('C003');
      const customer = page.getByRole('region', { name: 'お客様カード' });
      await customer.locator('[data-field="customerNo"]').filter({ hasText: 'C003' }).waitFor();
      await customer.getByRole('button', { name: 'ご逝去（ご家族から連絡）' }).click();
      await customer.getByRole('button', { name: '対象外にする' }).click();
      const mates = customer.getByTestId('exclude-mates');
      await mates.getByText('同じ方としてまとめた記録が、ほかに 1 件あります', { exact: false }).waitFor();
      await screenshot(page, 'nayose-14-exclude-mates');
      await mates.getByRole('button', { name: 'それらも対象外にする' }).click();
      await customer.getByRole('status').filter({ hasText: '同じ方としてまとめた記録 1 件も対象外にしました。' }).waitFor();
      await page.getByLabel('検索する値').fill('C001');
      await customer.locator('[data-field="customerNo"]').filter({ hasText: 'C001' }).waitFor();
      await customer.locator('[data-field="status"]').filter({ hasText: /^対象外 · 死亡$/ }).waitFor();
      await part(page, 'バッチ');

      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await card.getByText('Suggestions you have not decided are sent separately').waitFor();
      await page.getByRole('listitem', { name: /^Post/ }).getByText('Letters saved by merging duplicates: 2').waitFor();
      await screenshot(page, 'nayose-13-english');
    } finally {
      await context.close();
      await dir.remove();
    }
  });
});

