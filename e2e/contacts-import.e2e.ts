/**
 * Files coming into the contact tracker, through the screens, as a stranger sends them:
 * a tab-separated list (detected; refused when read with commas), the same file again
 * (warned, stopped), an Excel 「Unicode テキスト」 list (UTF-16) sharing customers (warned,
 * imported as another list), a returned-mail list in UTF-16 with a header line, and the
 * applied lists with their undo — after a reload too. Japanese, then English.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeCsv } from '../shared/export/csv';
import { unnamedControls } from './a11y';
import { contactsPart, createWorkspace, fileFirstReport, unlock } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号', 'サービス'];
const NAMES = ['山田 花子', '佐藤 一郎', '鈴木 美咲', '高橋 健太', '田中 陽子', '伊藤 翔'];
const row = (i: number) => [`C${String(i).padStart(4, '0')}`, NAMES[i % NAMES.length]!, 'ヤマダ ハナコ', '100-0001', `東京都千代田区一丁目${i}番`, `user${i}@example.jp`, `090-1111-${String(i).padStart(4, '0')}`, i % 2 ? '通販' : 'アプリ'];
const table = (from: number, to: number) => [HEADER, ...Array.from({ length: to - from }, (_, k) => row(from + k))];
const tsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';
/** Excel's 「Unicode テキスト」: UTF-16 LE with a byte-order mark, tab-separated. */
const unicodeText = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const sjisTsv = Buffer.from(encodeCsv(tsv(table(1, 31)), 'shift_jis'));

async function choose(page: Page, label: string, name: string, buffer: Buffer) {
  await page.getByLabel(label, { exact: true }).setInputFiles({ name, mimeType: 'text/plain', buffer });
}

describe('files coming into the contact tracker', () => {
  it('tab-separated and UTF-16 lists, the same file twice, and applied lists with undo — in Japanese and English', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await fileFirstReport(page, '会員データベースの流出');
      await page.getByRole('tab', { name: '顧客連絡' }).click();

      // A tab-separated Shift_JIS list: the separator is detected and the columns split.
      await contactsPart(page, '取り込み');
      await choose(page, 'CSV ファイル', '顧客リスト.txt', sjisTsv);
      await page.getByText('判定: タブ').waitFor();
      await page.getByText('判定: Shift_JIS').waitFor();
      await page.getByText('8 列に分かれています。').waitFor();
      expect(await page.getByRole('table').first().getByRole('columnheader').allTextContents()).toEqual(HEADER);
      expect(await page.getByLabel('電話番号', { exact: true }).inputValue()).toBe('6');
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '70-import-tsv-ja');

      // Read with commas it is one column: refused, and the tabs are shown in the cells.
      await page.getByLabel('区切り文字', { exact: true }).selectOption('comma');
      await page.getByText('1 列に分かれています。').waitFor();
      const refusal = page.getByRole('alert').filter({ hasText: 'このままでは取り込めません' });
      await refusal.getByText('ファイル全体: どの行も1列しかありません').waitFor();
      await refusal.getByText('1行 1列: 顧客番号に区切り文字のような文字（タブ）があります').waitFor();
      await refusal.getByText('（ほか 20 行も同じ）').waitFor();
      expect(await page.getByRole('button', { name: '取り込み開始' }).isDisabled()).toBe(true);
      await screenshot(page, '71-import-tsv-as-csv-ja');
      await page.getByLabel('区切り文字', { exact: true }).selectOption('auto');
      await page.getByText('判定: タブ').waitFor();
      await page.getByRole('button', { name: '取り込み開始' }).click();
      await page.getByRole('status').filter({ hasText: '30 件を取り込みました' }).waitFor();

      // Returned letters, as a UTF-16 tab-separated file with a header line and one unknown number.
      await contactsPart(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '30 件のバッチを作成しました。' }).waitFor();
      await contactsPart(page, '結果の反映');
      await choose(page, 'ファイルから読み込む（CSV・タブ区切り）', '返送リスト_0305.txt', unicodeText(tsv([['顧客番号', '理由'], ['C0001', '宛所不明'], ['C0002', '転居先不明'], ['C0003', ''], ['C9999', '宛所不明']])));
      await page.getByText('「返送リスト_0305.txt」を読み込みました。文字コード: UTF-16（リトルエンディアン）').waitFor();
      await page.getByText('判定: タブ').waitFor();
      expect(await page.getByRole('checkbox', { name: '1行目は見出し（読み飛ばす）' }).isChecked()).toBe(true);
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText('4 行中 3 件が一致。次の手段へ: メール 3。').waitFor();
      // Counts as counts, lines as lines: the header is line 1, the unknown number line 5.
      await page.getByText('一致しなかった行: 1 件（5 行目）').waitFor();
      await page.getByRole('button', { name: 'この内容で反映' }).click();
      await page.getByText('反映しました。').waitFor();
      const history = page.getByRole('region', { name: '反映済みのリスト' });
      const first = history.getByRole('row').filter({ hasText: '返送リスト_0305.txt' });
      await first.waitFor();
      expect((await first.getByRole('cell').allTextContents()).slice(1)).toEqual(['山田 花子', '返送（宛先不明など）', '返送リスト_0305.txt · 4 行', '3', '3', '取り消す']);

      // A pasted bounce-free list of one more returned letter, then undone after a confirmation.
      await page.getByRole('textbox', { name: /^リスト（/ }).fill('C0004,受取拒否');
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText('1 行中 1 件が一致。').waitFor();
      await page.getByRole('button', { name: 'この内容で反映' }).click();
      const pasted = history.getByRole('row').filter({ hasText: '貼り付け' });
      await pasted.getByRole('button', { name: '取り消す' }).click();
      await pasted.getByText('1 件を反映前の状態に戻します。').waitFor();
      await pasted.getByRole('button', { name: '取り消しを確定' }).click();
      await pasted.getByText(/が取り消し済み$/).waitFor();

      // An e-mail batch takes the returned customers: the first list can no longer be undone, and says why.
      await contactsPart(page, 'バッチ');
      await page.getByLabel('手段').selectOption('email');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '3 件のバッチを作成しました。' }).waitFor();
      await contactsPart(page, '結果の反映');
      await first.getByText(/^取り消せません: この後 .+ のメールのバッチ作成で、このリストのお客様 3 件を変更しています。$/).waitFor();
      // One e-mail bounces: the newest list, still undoable.
      await page.getByLabel('リストの種類').selectOption('bounce');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill('メールアドレス,種類\nuser1@example.jp,hard');
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText('1 行中 1 件が一致。次の手段へ: 電話 1。').waitFor();
      await page.getByRole('button', { name: 'この内容で反映' }).click();
      const bounce = history.getByRole('row').filter({ hasText: 'メール不達（バウンス）' });
      await bounce.getByRole('button', { name: '取り消す' }).waitFor();
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '72-applied-lists-ja');

      // The list of applied lists comes from the events: it survives a reload.
      await page.reload();
      await unlock(page);
      await page.getByRole('button', { name: '会員データベースの流出' }).click();
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await contactsPart(page, '結果の反映');
      await first.getByText(/^取り消せません/).waitFor();
      await pasted.getByText(/が取り消し済み$/).waitFor();

      // The same file again: warned before anything becomes visible; stopping keeps nothing.
      await contactsPart(page, '取り込み');
      await choose(page, 'CSV ファイル', '顧客リスト.txt', sjisTsv);
      await page.getByText('判定: タブ').waitFor();
      await page.getByRole('button', { name: '取り込み開始' }).click();
      const warning = page.getByRole('alertdialog', { name: '同じリストがすでに取り込まれています' });
      await warning.getByText('選んだファイルは、取り込み済みの次のリストとまったく同じ内容です:').waitFor();
      await warning.getByText(/^顧客リスト\.txt（.+・30 件） — 取り込んだ人: 山田 花子$/).waitFor();
      await screenshot(page, '73-import-duplicate-ja');
      await warning.getByRole('button', { name: '取り込みをやめる' }).click();
      await page.getByRole('alert').filter({ hasText: '取り込みをやめました。何も保存していません。' }).waitFor();

      // Excel's Unicode text with 20 of the same customers and 10 new: UTF-16 detected, overlap warned, imported on request.
      await choose(page, 'CSV ファイル', '追加リスト.txt', unicodeText(tsv(table(11, 41))));
      await page.getByText('判定: UTF-16（リトルエンディアン）').waitFor();
      await page.getByText('判定: タブ').waitFor();
      await screenshot(page, '74-import-utf16-ja');
      await page.getByRole('button', { name: '取り込み開始' }).click();
      const overlap = page.getByRole('alertdialog', { name: 'このリストのお客様の一部は、すでに別のリストにいます' });
      await overlap.getByText(/^顧客番号のうち 20 件は、取り込み済みのリスト「顧客リスト\.txt（.+・30 件）」にもあります。$/).waitFor();
      await overlap.getByRole('button', { name: '別のリストとして取り込む' }).click();
      await page.getByRole('status').filter({ hasText: '30 件を取り込みました' }).waitFor();

      // The same file once more, imported anyway: the list names stay distinct.
      await choose(page, 'CSV ファイル', '顧客リスト.txt', sjisTsv);
      await page.getByText('判定: タブ').waitFor();
      await page.getByRole('button', { name: '取り込み開始' }).click();
      await warning.getByRole('button', { name: '別のリストとして取り込む' }).click();
      await page.getByRole('status').filter({ hasText: '30 件を取り込みました' }).waitFor();
      await contactsPart(page, '結果の反映');
      const names = await page.getByLabel('顧客リスト', { exact: true }).locator('option').allTextContents();
      expect(names).toHaveLength(3);
      expect(new Set(names).size).toBe(3);
      expect(names.filter((n) => /^リスト \d\d・顧客リスト\.txt（.+・30 件・2 回目の取り込み）$/.test(n))).toHaveLength(1);

      // English.
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByRole('heading', { name: 'Applied lists' }).waitFor();
      await page.getByText(/^Cannot be undone: 3 of its customers were changed afterwards by: E-mail batch \(.+\)\.$/).waitFor();
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '75-applied-lists-en');
      await contactsPart(page, 'Import');
      await choose(page, 'CSV file', 'customers.txt', sjisTsv);
      await page.getByText('Detected: Tab').waitFor();
      await page.getByText('Columns found: 8.', { exact: false }).waitFor();
      await screenshot(page, '76-import-tsv-en');
      await page.getByLabel('Separator', { exact: true }).selectOption('comma');
      await page.getByText('Whole file: Every line is a single column').waitFor();
      await screenshot(page, '77-import-tsv-as-csv-en');
      await page.getByLabel('Separator', { exact: true }).selectOption('auto');
      await choose(page, 'CSV file', 'more-customers.txt', unicodeText(tsv(table(11, 41))));
      await page.getByText('Detected: UTF-16 (little-endian)').waitFor();
      await screenshot(page, '78-import-utf16-en');
      await page.getByRole('button', { name: 'Start import' }).click();
      const warningEn = page.getByRole('alertdialog', { name: 'This list has already been imported' });
      await warningEn.getByText('The chosen file has exactly the same content as this list, already imported:').waitFor();
      await screenshot(page, '79-import-duplicate-en');
      await warningEn.getByRole('button', { name: 'Stop the import' }).click();
      await page.getByText('Import stopped. Nothing was saved.').waitFor();
    } finally {
      await context.close();
    }
  });
});
