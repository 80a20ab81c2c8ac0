/**
 * 名寄せ across lists through the screens (issue 16 item 3): two services' lists share three
 * people (name and address written differently, the same phone in full width, the same e-mail
 * in capitals) → the suggestions span both lists → merged → post batches of both lists, the
 * second list's first → letters of both = people (the shared people printed once, by the first
 * list) → the second list's batch and a shared customer's card say which letter told them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatReference, referenceNumber } from '../shared/contacts/reference';
import { encodeCsv, toCsv } from '../shared/export/csv';
import { giveReason, readProduced } from './exports';
import { unnamedControls } from './a11y';
import { approveNoticeWithSender, createWorkspace, fillFacts, takeDirectionRole } from './flows';
import { newPage, screenshot, tempDir, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号'];
const A = [
  ['A0001', '佐藤 花子', '', '530-0001', '大阪市北区梅田3-1-1', '', ''],
  ['A0002', '髙橋 一郎', '', '100-0013', '東京都千代田区霞が関一丁目2番3号', '', ''],
  ['A0003', '𠮷田 三郎', '', '600-8001', '京都市下京区四条通1', '', ''],
  ['A0004', '鈴木 次郎', '', '060-0001', '札幌市中央区北1条西1', '', '090-1111-2222'],
  ['A0005', '田中 美咲', '', '812-0011', '福岡市博多区博多駅前1-1', '', ''],
  ['A0006', '山田 太郎', '', '460-0008', '名古屋市中区栄1-1-1', 'yamada@example.jp', ''],
];
const B = [
  ['B0001', '高橋一郎', '', '1000013', '東京都千代田区霞ヶ関１－２－３', '', ''],
  ['B0002', 'スズキ ジロウ', '', '060-0001', '札幌市中央区北1条西1 北ビル', '', '０９０－１１１１－２２２２'],
  ['B0003', '山田 たろう', '', '460-0009', '名古屋市中区錦2-2-2', 'YAMADA@Example.jp', ''],
  ['B0004', '中村 恵', '', '980-0021', '仙台市青葉区中央1-1', '', ''],
  ['B0005', '小林 健', '', '730-0011', '広島市中区基町1-1', '', ''],
];

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: '顧客連絡の画面' }).getByRole('button', { name, exact: true }).click();
}

async function importList(page: Page, file: string, count: number) {
  await part(page, '取り込み');
  await page.getByLabel('CSV ファイル').setInputFiles(file);
  await page.getByRole('button', { name: '取り込み開始' }).click();
  await page.getByRole('status').filter({ hasText: `${count} 件を取り込みました` }).waitFor({ timeout: 60_000 });
}

async function postBatch(page: Page, listIndex: number, count: number) {
  await page.locator('#bt-dataset').selectOption({ index: listIndex });
  await page.getByRole('button', { name: 'バッチを作成' }).click();
  await page.getByRole('status').filter({ hasText: `${count} 件のバッチを作成しました。` }).waitFor();
  return page.getByRole('listitem', { name: new RegExp(`^郵便・.* 作成・${count} 件$`) });
}

describe('名寄せ across lists: one letter per person', () => {
  it('two lists sharing people → merge → batches of both → letters = people; the other list says which letter told them', async () => {
    const dir = await tempDir('nayose-lists-');
    const { context, page } = await newPage(env.browser);
    try {
      const fileA = join(dir.path, '通販会員.csv');
      const fileB = join(dir.path, 'アプリ会員.csv');
      await writeFile(fileA, encodeCsv(toCsv(HEADER, A), 'utf-8-bom'));
      await writeFile(fileB, encodeCsv(toCsv(HEADER, B), 'utf-8-bom'));
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員データベースの流出');
      for (const item of ['氏名', '住所']) await page.getByRole('checkbox', { name: item }).check();
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await fillFacts(page, { deskPhone: '0120-000-222', deskHours: '9:00〜18:00' });
      await approveNoticeWithSender(page);
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await importList(page, fileA, 6);
      await importList(page, fileB, 5);

      await part(page, 'バッチ');
      const card = page.getByRole('region', { name: /名寄せ/ });
      await card.getByRole('button', { name: '候補を探す' }).click();
      await card.getByRole('status').filter({ hasText: '候補 3 組（11 件中）。すべてまとめると 3 通減らせます。' }).waitFor();
      const first = card.getByRole('listitem', { name: '候補 1', exact: true });
      await first.getByText(/宛先のリスト（リスト 01・通販会員\.csv.*）の郵便バッチが1通だけ印刷し/).waitFor();
      await card.getByRole('button', { name: '未判断の候補をすべてまとめる（3 組）' }).click();
      await card.getByText('まとめると決めた候補: 3 組（郵便で 3 通減）。別々に送ると決めた候補: 0 組。').waitFor();
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, 'nayose-lists-10-merged');

      // List 02's batch first: its 5 records stay in it; 3 are told by list 01's letter.
      const b02 = await postBatch(page, 0, 5);
      await b02.getByText('名寄せで 3 通減').waitFor();
      await b02.getByTestId('nayose-elsewhere').filter({ hasText: /このうち 3 人は、ほかのリストの手紙（リスト 01・通販会員\.csv/ }).waitFor();
      await giveReason(b02);
      const [mailing] = await Promise.all([page.waitForEvent('download'), b02.getByRole('button', { name: '宛名リスト CSV（UTF-8）' }).click()]);
      const list02 = readProduced(new Uint8Array(await readFile((await mailing.path())!)), 'utf-8-bom', '山田 花子');
      expect(list02.slice(1).map((r) => r[0])).toEqual(['B0004', 'B0005']);
      const ref02 = list02[0]!.indexOf('照会番号');
      expect(list02.slice(1).map((r) => r[ref02])).toEqual([formatReference(referenceNumber(2, 3)), formatReference(referenceNumber(2, 4))]);
      await screenshot(page, 'nayose-lists-11-batch-other');

      // Then list 01's: every one of its 6 gets a letter, the shared people included.
      const b01 = await postBatch(page, 1, 6);
      await giveReason(b01);
      const [letters] = await Promise.all([page.waitForEvent('download'), b01.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click()]);
      const html = await readFile((await letters.path())!, 'utf8');
      const numbers01 = [...html.matchAll(/<p class="no">([^<]*)<\/p>/g)].map((m) => m[1]);
      expect(numbers01).toEqual(A.map((r) => r[0]));
      // Letters = people: 6 + 2 = 8 for 11 records.
      expect(numbers01.length + list02.length - 1).toBe(8);

      // A shared customer of list 02: the card names list 01's letter and its 照会番号.
      await part(page, '検索');
      await page.getByLabel('検索する値').fill('B0001');
      const customer = page.getByRole('region', { name: 'お客様カード' });
      await customer.locator('[data-field="customerNo"]').filter({ hasText: 'B0001' }).waitFor();
      await customer.getByTestId('covered-by').filter({ hasText: /リスト 01・通販会員\.csv.* の手紙でお知らせ/ }).waitFor();
      expect(await customer.locator('[data-field="reference"]').textContent()).toContain(formatReference(referenceNumber(1, 1)));
      await screenshot(page, 'nayose-lists-12-card-ja');

      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByTestId('covered-by').filter({ hasText: /told by the letter of List 01/ }).waitFor();
      await screenshot(page, 'nayose-lists-13-card-en');
      await page.getByRole('navigation', { name: /Customer contact/ }).getByRole('button', { name: 'Batches', exact: true }).click();
      await page.getByRole('listitem', { name: /^Post/ }).first().waitFor();
      await screenshot(page, 'nayose-lists-14-batches-en');
    } finally {
      await context.close();
      await dir.remove();
    }
  });

  it('list 02\'s letters posted before the review: its record addresses each shared person, list 01 prints them none, list 02\'s posted files still match', async () => {
    const dir = await tempDir('nayose-posted-');
    const { context, page } = await newPage(env.browser);
    try {
      const fileA = join(dir.path, '通販会員.csv');
      const fileB = join(dir.path, 'アプリ会員.csv');
      await writeFile(fileA, encodeCsv(toCsv(HEADER, A), 'utf-8-bom'));
      await writeFile(fileB, encodeCsv(toCsv(HEADER, B), 'utf-8-bom'));
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員データベースの流出');
      for (const item of ['氏名', '住所']) await page.getByRole('checkbox', { name: item }).check();
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await fillFacts(page, { deskPhone: '0120-000-222', deskHours: '9:00〜18:00' });
      await approveNoticeWithSender(page);
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await importList(page, fileA, 6);
      await importList(page, fileB, 5);

      // List 02's letters go out first, before anyone reviews duplicates.
      await part(page, 'バッチ');
      const b02 = await postBatch(page, 0, 5);
      await giveReason(b02);
      const [mailing] = await Promise.all([page.waitForEvent('download'), b02.getByRole('button', { name: '宛名リスト CSV（UTF-8）' }).click()]);
      expect(readProduced(new Uint8Array(await readFile((await mailing.path())!)), 'utf-8-bom', '山田 花子').length - 1).toBe(5);
      await b02.getByRole('button', { name: '送付済みにする' }).click();
      await b02.getByText(/^送付済み/).waitFor();

      // The review: the shared people's addressee is their list 02 record, whose letter is in the post.
      const card = page.getByRole('region', { name: /名寄せ/ });
      await card.getByRole('button', { name: '候補を探す' }).click();
      await card.getByRole('status').filter({ hasText: '候補 3 組（11 件中）' }).waitFor();
      const first = card.getByRole('listitem', { name: '候補 1', exact: true });
      await first.getByText(/宛先のリスト（リスト 02・アプリ会員\.csv.*）の郵便バッチが1通だけ印刷し/).waitFor();
      await first.getByRole('row').filter({ hasText: 'B0001' }).getByText('宛先').waitFor();
      await card.getByRole('button', { name: '未判断の候補をすべてまとめる（3 組）' }).click();
      await card.getByText('まとめると決めた候補: 3 組（郵便で 3 通減）。別々に送ると決めた候補: 0 組。').waitFor();
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, 'nayose-posted-10-review');

      // List 01 prints only the three nobody has written to; list 02's posted batch is not asked to remake its files.
      const b01 = await postBatch(page, 1, 6);
      await b01.getByTestId('nayose-elsewhere').filter({ hasText: /このうち 3 人は、ほかのリストの手紙（リスト 02・アプリ会員\.csv/ }).waitFor();
      await giveReason(b01);
      const [letters] = await Promise.all([page.waitForEvent('download'), b01.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click()]);
      const html = await readFile((await letters.path())!, 'utf8');
      expect([...html.matchAll(/<p class="no">([^<]*)<\/p>/g)].map((m) => m[1])).toEqual(['A0001', 'A0003', 'A0005']);
      expect(await b02.getByText(/ファイルを作り直してください/).count()).toBe(0);
      expect(await b02.getByTestId('nayose-elsewhere').count()).toBe(0);
      await screenshot(page, 'nayose-posted-11-batches');
    } finally {
      await context.close();
      await dir.remove();
    }
  });
});
