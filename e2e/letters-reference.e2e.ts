/**
 * Issue 16 items 2 and 6: reference numbers (照会番号) through the real screens. Two lists
 * (リスト 01 and 02) → letters printed for list 01, each letter's number read from the HTML
 * → a customer looked up by their number typed in full-width digits with dashes, and a
 * mistyped number told so → a returned-mail list by reference number (one line of list 02,
 * one mistyped) → statuses change in both lists → undone.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatReference, referenceNumber } from '../shared/contacts/reference';
import { encodeCsv, toCsv } from '../shared/export/csv';
import { giveReason } from './exports';
import { approveNoticeWithSender, createWorkspace, fillFacts, takeDirectionRole } from './flows';
import { newPage, screenshot, tempDir, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();
const TITLE = '会員サイトからの顧客情報流出';

const HEADER = ['顧客番号', '氏名', '郵便番号', '住所', 'メールアドレス', '電話番号', 'サービス'];
/** List 01: 12 customers (a name outside Shift_JIS, a variant kanji, one without a name); list 02: 8. */
function rows(prefix: string, n: number): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const name = i === 0 ? '𠮷野 太郎' : i === 1 ? '髙橋 﨑子' : i === 2 ? '' : `山田 花子${i}`;
    return [`${prefix}${String(i).padStart(4, '0')}`, name, `100-${String(i).padStart(4, '0')}`, `東京都千代田区丸の内${i}丁目`, `${prefix.toLowerCase()}${i}@example.jp`, `090-1111-${String(i).padStart(4, '0')}`, '通販'];
  });
}
const A = rows('A', 12);
const B = rows('B', 8);

/** The number with its check digit wrong: one mistyped digit. */
const wrongCheck = (ref: string) => ref.slice(0, 10) + String((Number(ref[10]) + 1) % 10);
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/-/g, '－');

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: '顧客連絡の画面' }).getByRole('button', { name, exact: true }).click();
}

async function importList(page: Page, file: string, count: number) {
  await part(page, '取り込み');
  await page.getByLabel('CSV ファイル').setInputFiles(file);
  await page.getByText('判定: UTF-8').waitFor();
  await page.getByRole('button', { name: '取り込み開始' }).click();
  await page.getByRole('status').filter({ hasText: `${count} 件を取り込みました` }).waitFor({ timeout: 60_000 });
}

async function postBatch(page: Page, listIndex: number, count: number) {
  await part(page, 'バッチ');
  await page.locator('#bt-dataset').selectOption({ index: listIndex });
  await page.getByRole('button', { name: 'バッチを作成' }).click();
  await page.getByRole('status').filter({ hasText: `${count} 件のバッチを作成しました。` }).waitFor();
  return page.getByRole('listitem', { name: new RegExp(`^郵便・.* 作成・${count} 件$`) });
}

describe('reference numbers (照会番号) on letters, in the lookup and on returned letters', () => {
  it('letters carry each customer\'s number; the lookup finds it typed full-width; a returned list by number changes both lists and is undone', async () => {
    const dir = await tempDir('letters-ref-');
    const { context, page } = await newPage(env.browser);
    try {
      const fileA = join(dir.path, '会員A.csv');
      const fileB = join(dir.path, '会員B.csv');
      await writeFile(fileA, encodeCsv(toCsv(HEADER, A), 'utf-8-bom'));
      await writeFile(fileB, encodeCsv(toCsv(HEADER, B), 'utf-8-bom'));
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill(TITLE);
      for (const item of ['氏名', '住所', 'メールアドレス']) await page.getByRole('checkbox', { name: item }).check();
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await fillFacts(page, { deskPhone: '0120-000-222', deskHours: '9:00〜18:00' });
      await approveNoticeWithSender(page);
      await page.getByRole('tab', { name: '顧客連絡' }).click();

      await importList(page, fileA, 12);
      await importList(page, fileB, 8);
      // Each list is shown with its number, newest first.
      await part(page, 'バッチ');
      const options = await page.locator('#bt-dataset option').allTextContents();
      expect(options.map((o) => o.slice(0, 10))).toEqual(['リスト 02・会員B', 'リスト 01・会員A']);

      // Letters for list 01: each letter's head carries its customer's number.
      const b02 = await postBatch(page, 0, 8);
      await b02.getByRole('button', { name: '送付済みにする' }).click();
      await b02.getByText(/^送付済み/).waitFor();
      const b01 = await postBatch(page, 1, 12);
      await giveReason(b01);
      const [download] = await Promise.all([page.waitForEvent('download'), b01.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click()]);
      const html = await readFile((await download.path())!, 'utf8');
      const letters = await context.newPage();
      await letters.setContent(html);
      const heads = await letters.locator('section.letter').evaluateAll((els) =>
        els.map((el) => [el.querySelector('.ref-label')?.textContent, el.querySelector('.ref-no')?.textContent, el.querySelector('.address .no')?.textContent]),
      );
      expect(heads).toEqual(A.map((r, i) => ['照会番号', formatReference(referenceNumber(1, i)), r[0]]));
      await letters.setViewportSize({ width: 800, height: 1100 });
      await letters.screenshot({ path: join('e2e', 'screenshots', 'letters-reference-letter.png') });
      await letters.close();
      await b01.getByRole('button', { name: '送付済みにする' }).click();
      await b01.getByText(/^送付済み/).waitFor();

      // A caller reads out their number; the operator types it full-width with dashes.
      await part(page, '検索');
      await page.getByLabel('検索方法').selectOption('reference');
      await page.getByLabel('検索する値').fill(fullWidth(formatReference(referenceNumber(1, 5))));
      const card = page.getByRole('region', { name: 'お客様カード' });
      await card.locator('[data-field="customerNo"]').filter({ hasText: A[5]![0]! }).waitFor();
      expect(await card.locator('[data-field="reference"]').textContent()).toBe(formatReference(referenceNumber(1, 5)));
      await card.getByText(/^リスト: リスト 01・会員A\.csv（/).waitFor();
      await screenshot(page, 'letters-reference-lookup-ja');
      // Two digits swapped: said to be mistyped, not "nobody".
      const ref = referenceNumber(1, 5);
      const swapped = ref.slice(0, 8) + ref[9] + ref[8] + ref.slice(10);
      await page.getByLabel('検索する値').fill(ref[8] === ref[9] ? wrongCheck(ref) : swapped);
      await page.getByText('番号が正しくありません。もう一度お確かめください').waitFor();
      expect(await card.count()).toBe(0);
      await screenshot(page, 'letters-reference-mistyped-ja');

      // The vendor's return list: 照会番号 in column 1 — two of list 01, one of list 02, one mistyped.
      await part(page, '結果の反映');
      const returned = [
        '照会番号,理由',
        `${formatReference(referenceNumber(1, 3))},宛所不明`,
        `${fullWidth(formatReference(referenceNumber(1, 4)))},宛所不明`,
        `${formatReference(referenceNumber(2, 6))},宛所不明`,
        `${wrongCheck(referenceNumber(1, 7))},宛所不明`,
        // Through a spreadsheet: list 01's leading zero lost (read back), and a number written 1.00E+10 (said so).
        `${String(Number(referenceNumber(1, 5)))} ,宛所不明`,
        '1.00E+10,宛所不明',
      ].join('\n');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill(returned);
      expect(await page.getByLabel('番号の種類').inputValue()).toBe('reference');
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      const preview = page.locator('[data-by-reference]');
      await preview.locator('[data-list-no="1"]').filter({ hasText: '3 行中 3 件が一致。次の手段へ: メール 3。' }).waitFor();
      await preview.locator('[data-list-no="2"]').filter({ hasText: '1 行中 1 件が一致。次の手段へ: メール 1。' }).waitFor();
      await preview.locator('[data-reference="mistyped"]').filter({ hasText: '5 行目 1 列目' }).waitFor();
      await preview.locator('[data-reference="mistyped"]').filter({ hasText: '7 行目 1 列目' }).filter({ hasText: 'このうち 1 件は、表計算ソフトが番号を' }).waitFor();
      await screenshot(page, 'letters-reference-returned-ja');
      await preview.getByRole('button', { name: 'この内容で反映' }).click();
      await page.getByText('反映しました。').waitFor();

      // Status changed in both lists: the customers' cards say they moved on to e-mail.
      await part(page, '検索');
      await page.getByLabel('検索方法').selectOption('reference');
      for (const [listNo, row] of [[1, 3], [2, 6]] as const) {
        await page.getByLabel('検索する値').fill(formatReference(referenceNumber(listNo, row)));
        await card.locator('[data-field="reference"]').filter({ hasText: formatReference(referenceNumber(listNo, row)) }).waitFor();
        await card.locator('[data-field="status"]').filter({ hasText: '未着手 · メール' }).waitFor();
      }

      // Undo both applied lists: the customers are back to waiting on the post.
      await part(page, '結果の反映');
      for (let n = 0; n < 2; n++) {
        await page.getByRole('button', { name: '取り消す' }).first().click();
        await page.getByRole('button', { name: '取り消しを確定' }).click();
        await page.getByText(/が取り消し済み$/).nth(n).waitFor();
      }
      await part(page, '検索');
      await page.getByLabel('検索方法').selectOption('reference');
      await page.getByLabel('検索する値').fill(formatReference(referenceNumber(2, 6)));
      await card.locator('[data-field="status"]').filter({ hasText: '連絡中 · 郵便' }).waitFor();
      await page.getByLabel('検索する値').fill(formatReference(referenceNumber(1, 3)));
      await card.locator('[data-field="status"]').filter({ hasText: '連絡中 · 郵便' }).waitFor();

      // The vendor sends the returned letters back in the layout of the file it was sent:
      // 郵便番号 first, 照会番号 further on, 返送理由 added. Read by the columns' names.
      await part(page, '結果の反映');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill(
        ['郵便番号,都道府県,氏名,照会番号,文面,返送理由', `1000001,東京都,会員 三,${formatReference(referenceNumber(1, 3))},標準,転居先不明`].join('\n'),
      );
      expect(await page.getByLabel('番号の列').inputValue()).toBe('3');
      expect(await page.getByLabel('番号の種類').inputValue()).toBe('reference');
      await page.getByRole('cell', { name: '転居先不明' }).waitFor();
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await preview.locator('[data-list-no="1"]').filter({ hasText: '1 行中 1 件が一致。次の手段へ: メール 1。' }).waitFor();
      await screenshot(page, 'letters-reference-vendor-layout-ja');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill('');

      // The same in English: the card's number, and a mistyped one told so.
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByRole('navigation', { name: 'Customer contact screens' }).getByRole('button', { name: 'Lookup', exact: true }).click();
      await page.getByLabel('Search by').selectOption('reference');
      await page.getByLabel('Value').fill(fullWidth(formatReference(referenceNumber(2, 6))));
      const cardEn = page.getByRole('region', { name: 'Customer card' });
      await cardEn.locator('[data-field="reference"]').filter({ hasText: formatReference(referenceNumber(2, 6)) }).waitFor();
      await cardEn.getByText(/^List: List 02 · 会員B\.csv/).waitFor();
      await screenshot(page, 'letters-reference-lookup-en');
      await page.getByLabel('Value').fill(wrongCheck(referenceNumber(2, 6)));
      await page.getByText('That number is not right. Please check it again').waitFor();
      await screenshot(page, 'letters-reference-mistyped-en');
    } finally {
      await context.close();
      await dir.remove();
    }
  });
});
