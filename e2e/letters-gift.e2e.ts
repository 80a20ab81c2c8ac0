/**
 * Issue 16 item 5, "what it must show": the apology gift (お詫び品) through the real screens.
 * A programme is set; letters of a post batch are printed and each letter's code read from
 * the HTML; a Shift_JIS, tab-separated redemption file from the "vendor" made of some of those
 * codes, plus a mistyped one, one not issued here, one twice and an unknown gift, is previewed
 * (each problem with its line and column), recorded, re-imported (nothing new), and undone.
 * The totals and a customer's card are exact at each step. Screenshots in Japanese and English.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { GiftCoder } from '../shared/contacts/gift-code';
import { encodeCsv, toCsv } from '../shared/export/csv';
import { giveReason } from './exports';
import { approveNoticeWithSender, createWorkspace, fillFacts, takeDirectionRole } from './flows';
import { newPage, screenshot, tempDir, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const ROWS = 30;
const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号', 'サービス'];
function customer(i: number): string[] {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const names = ['髙橋 恵美子', '𠮷野 太郎', '山﨑 健', '', '佐藤 花子'];
  return [i === 7 ? 'Ｇ００００７' : `G${pad(i, 5)}`, names[i % names.length]!, 'カナ', `１００-${pad(i, 4)}`, `東京都千代田区丸の内${i}`, `g${i}@example.jp`, `090-7777-${pad(i, 4)}`, '通販'];
}

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: '顧客連絡の画面' }).getByRole('button', { name, exact: true }).click();
}
async function download(page: Page, click: () => Promise<void>): Promise<Uint8Array> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return new Uint8Array(await readFile((await d.path())!));
}
const field = async (page: Page, name: string) => ((await page.locator(`[data-field="${name}"]`).first().textContent()) ?? '').trim();

describe('apology gift (お詫び品)', () => {
  it('a programme, a code on every letter, the vendor’s redemption file previewed, recorded, re-imported and undone; totals and card exact', async () => {
    const dir = await tempDir('letters-gift-');
    const { context, page } = await newPage(env.browser);
    try {
      const list = join(dir.path, '顧客リスト.csv');
      await writeFile(list, encodeCsv(toCsv(HEADER, Array.from({ length: ROWS }, (_, i) => customer(i))), 'utf-8-bom'));
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員情報の流出（お詫び品）');
      for (const item of ['氏名', '住所']) await page.getByRole('checkbox', { name: item }).check();
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await fillFacts(page, { deskPhone: '0120-000-222', deskHours: '9:00〜18:00' });
      await approveNoticeWithSender(page);
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await part(page, '取り込み');
      await page.getByLabel('CSV ファイル').setInputFiles(list);
      await page.getByRole('button', { name: '取り込み開始' }).click();
      await page.getByRole('status').filter({ hasText: `${ROWS} 件を取り込みました` }).waitFor({ timeout: 60_000 });

      // The programme: a mistake first (no cost), said where it is; then saved.
      await part(page, 'お詫び品');
      await page.getByText('まだお詫び品が設定されていません').waitFor();
      await page.getByRole('button', { name: '設定を変更' }).click();
      await page.locator('#gift-opt-0').fill('電子マネーギフト');
      await page.getByRole('button', { name: '品目を追加' }).click();
      await page.locator('#gift-opt-1').fill('図書カード');
      await page.locator('#gift-cost-1').fill('５００');
      await page.getByRole('button', { name: '品目を追加' }).click();
      await page.locator('#gift-opt-2').fill('寄付');
      await page.locator('#gift-cost-2').fill('300');
      await page.getByLabel('交換期間（開始）').fill('2026-12-01');
      await page.getByLabel('交換期間（終了）').fill('2027-03-31');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('0 以上の整数（円）で入れてください。').waitFor();
      await page.locator('#gift-cost-0').fill('500');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('お詫び品の設定を保存しました。').waitFor();
      expect(await page.getByTestId('gift-summary').textContent()).toBe('電子マネーギフト（500 円）、図書カード（500 円）、寄付（300 円）・交換期間 2026-12-01〜2027-03-31');
      expect(await field(page, 'gift-issued')).toBe('0');

      // Letters to everyone: each carries its own code.
      await part(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: `${ROWS} 件のバッチを作成しました。` }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便・/ });
      await giveReason(post);
      const html = new TextDecoder().decode(await download(page, () => post.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click()));
      const letters = await context.newPage();
      await letters.setContent(html);
      const perLetter = await letters.locator('section.letter').evaluateAll((els) =>
        els.map((el) => [el.querySelector('.no')?.textContent ?? '', el.querySelector('.gift-code')?.textContent ?? '', el.querySelector('.gift')?.textContent ?? '']),
      );
      await letters.close();
      expect(perLetter).toHaveLength(ROWS);
      expect(perLetter.map((l) => l[0])).toEqual(Array.from({ length: ROWS }, (_, i) => customer(i)[0]));
      const codes = perLetter.map((l) => l[1]!);
      for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(new Set(codes).size).toBe(ROWS);
      expect(perLetter[0]![2]).toBe(`お詫びの品の交換コード: ${codes[0]} （2027-03-31 まで有効）`);

      // The vendor's file: its own column names, tab-separated, Shift_JIS, lower case and full-width in places.
      const flip = (c: string) => c.slice(0, 5) + (c[5] === 'Z' ? 'Y' : 'Z') + c.slice(6);
      const notOurs = new GiftCoder(new Uint32Array([11, 22, 33, 44])).code(1, 2);
      const vendor = toCsv(['ギフトコード', '交換商品', '交換日時'], [
        [codes[0]!, '電子マネーギフト', '2026/12/05 10:31'],
        [codes[1]!.toLowerCase(), '図書カード', '2026/12/06'],
        [codes[2]!, '寄付', '２０２６年１２月７日'],
        [codes[3]!.replace(/-/g, ''), '寄付', '2026-12-08'],
        [codes[4]!, '電子マネーギフト', '2026/12/09'],
        [flip(codes[5]!), '寄付', '2026/12/09'],
        [notOurs, '寄付', '2026/12/09'],
        [codes[0]!, '図書カード', '2026/12/10'],
        [codes[6]!, '商品券', '2026/12/10'],
      ]).replace(/,/g, '\t');
      const vendorFile = join(dir.path, 'gift-vendor.txt');
      await writeFile(vendorFile, encodeCsv(vendor, 'shift_jis'));

      await part(page, 'お詫び品');
      await page.getByLabel('交換結果のファイル').setInputFiles(vendorFile);
      await page.getByText('gift-vendor.txt（Shift_JIS）を読み込みました。').waitFor();
      expect(await page.getByLabel('交換コード', { exact: true }).inputValue()).toBe('0');
      await page.getByRole('button', { name: '確認する' }).click();
      const plan = page.getByTestId('gift-plan');
      await plan.waitFor();
      expect(await field(page, 'gift-valid')).toBe('5');
      expect(await plan.locator('[data-field="gift-mistyped"] li').allTextContents()).toEqual([`7 行目 1 列目: ${flip(codes[5]!)}`]);
      expect(await plan.locator('[data-field="gift-unknown"] li').allTextContents()).toEqual([`8 行目 1 列目: ${notOurs}`]);
      expect(await plan.locator('[data-field="gift-already"] li').allTextContents()).toEqual([`9 行目 1 列目: ${codes[0]}`]);
      expect(await plan.locator('[data-field="gift-badOption"] li').allTextContents()).toEqual(['10 行目 2 列目: 商品券']);
      await screenshot(page, 'letters-gift-preview-ja');
      await page.getByRole('button', { name: '5 件の交換を記録する' }).click();
      await page.getByText('5 件の交換を記録しました。').waitFor();

      // Totals: 30 issued, 5 redeemed (2 e-money, 1 book card, 2 donations), cost 2×500 + 500 + 2×300.
      await page.locator('[data-field="gift-redeemed"]').filter({ hasText: /^5$/ }).waitFor();
      expect(await field(page, 'gift-issued')).toBe('30');
      expect(await field(page, 'gift-unredeemed')).toBe('25');
      expect(await field(page, 'gift-cost')).toBe('2,100 円');
      expect(await field(page, 'gift-committed')).toBe(`${(2_100 + 25 * 500).toLocaleString('en')} 円`);
      const byOption = await page.getByTestId('gift-by-option').getByRole('row').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
      expect(byOption).toEqual([
        ['品目', '件数', '費用'],
        ['電子マネーギフト', '2', '1,000 円'],
        ['図書カード', '1', '500 円'],
        ['寄付', '2', '600 円'],
      ]);
      await screenshot(page, 'letters-gift-totals-ja');

      // The card: customer 2 redeemed a donation on 12/7; customer 10 has a code and has not redeemed.
      await part(page, '検索');
      await page.getByLabel('検索する値').fill('G00002');
      const card = page.getByRole('region', { name: 'お客様カード' });
      await card.locator('[data-field="gift-state"]').filter({ hasText: '交換済み: 寄付（2026-12-07）' }).waitFor();
      expect(await card.locator('[data-field="gift-code"]').textContent()).toBe(codes[2]);
      await page.getByLabel('検索する値').fill('G00010');
      await card.locator('[data-field="customerNo"]').filter({ hasText: 'G00010' }).waitFor();
      await card.locator('[data-field="gift-state"]').filter({ hasText: '未交換' }).waitFor();
      expect(await card.locator('[data-field="gift-code"]').textContent()).toBe(codes[10]);

      // The same file again adds nothing; then the import is undone and the totals go back.
      await part(page, 'お詫び品');
      await page.getByLabel('交換結果のファイル').setInputFiles(vendorFile);
      await page.getByRole('button', { name: '確認する' }).click();
      await page.getByTestId('gift-plan').waitFor();
      expect(await field(page, 'gift-valid')).toBe('0');
      expect(await plan.locator('[data-field="gift-already"] li').count()).toBe(6);
      expect(await page.getByRole('button', { name: '0 件の交換を記録する' }).isDisabled()).toBe(true);
      const row = page.locator('.gift-files li').filter({ hasText: 'gift-vendor.txt' });
      await row.getByRole('button', { name: '取り消す' }).click();
      await page.getByText('取り込みを取り消しました。').waitFor();
      await page.locator('[data-field="gift-redeemed"]').filter({ hasText: /^0$/ }).waitFor();
      expect(await field(page, 'gift-cost')).toBe('0 円');
      await row.getByText('取り消し済み').waitFor();

      // English.
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '設定' }).click();
      await page.getByRole('radio', { name: 'English' }).check();
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Incidents' }).click();
      await page.getByRole('row').filter({ hasText: '会員情報の流出（お詫び品）' }).getByRole('button').first().click();
      await page.getByRole('tab', { name: 'Customers' }).click();
      await page.getByRole('button', { name: 'Apology gift', exact: true }).click();
      await page.getByRole('heading', { name: 'Apology gift totals' }).waitFor();
      await screenshot(page, 'letters-gift-en');
    } finally {
      await context.close();
      await dir.remove();
    }
  });
});
