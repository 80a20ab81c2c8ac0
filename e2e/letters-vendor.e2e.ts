/**
 * The printing vendor's file (issue 16 item 1, decision 026) through the real screens: a list
 * in UTF-16 with tabs (as Excel's "Unicode text" saves it) with addresses that are hard to
 * split, a letter batch, the file written in chunks through the browser's file picker —
 * Shift_JIS with the one name it cannot hold split off to UTF-8 —, a stop half-way that
 * leaves nothing, and the plain download where there is no picker. Every file read back
 * field by field.
 */
import { formatReference, referenceNumber } from '../shared/contacts/reference';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fakePicker, giveReason, readProduced } from './exports';
import { createWorkspace } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const HEADER = ['顧客番号', '氏名', '郵便番号', '住所', 'サービス'];
const ROWS = [
  ['V01', '山田 花子', '604-8571', '京都府京都市中京区寺町通御池上る上本能寺前町488', '通販'],
  ['V02', '𠮷野 太郎', '100-0005', '東京都千代田区丸の内1-9-1', 'アプリ会員'],
  ['V03', '髙橋 恵美子', '０４６－０００３', '北海道余市郡余市町黒川町３丁目１', '通販'],
  ['V04', '', '510-8601', '四日市市諏訪町1－5　ｸﾞﾗﾝﾄﾞﾒｿﾞﾝ 2-301', '店舗会員'],
  ['V05', '山﨑 次郎', '060-0001', '北海道札幌市中央区北一条西二丁目1番地 札幌ビル5F', '通販'],
  ['V06', '佐藤 一郎', '', '中央区銀座4-6-16', '通販'],
  ['V07', '鈴木 二郎', '100-0001', '東京都東村山本町1-2-3', '通販'],
  ['V08', '田中 三郎', '981-1292', '宮城県柴田郡村田町大字村田字迫85', '通販'],
  ['V09', '伊藤 四郎', '1000001', '東京都千代田区丸の内1ー1ー1〇〇ハイツ101', '通販'],
  ['V10', '渡辺 五郎', '738-8501', '広島県廿日市市下平良1‐11‐1', '通販'],
];
// 郵便番号, 都道府県, 市区町村, 町域・番地, 建物名・部屋番号, 氏名, 様, 照会番号 (filled in by rowsOf), 文面 (likewise), お詫び品コード, 要確認
const VENDOR_HEADER = ['郵便番号', '都道府県', '市区町村', '町域・番地', '建物名・部屋番号', '氏名', '様', '照会番号', '文面', 'お詫び品コード', '要確認'];
const EXPECTED: Record<string, string[]> = {
  V01: ['6048571', '京都府', '京都市中京区', '寺町通御池上る上本能寺前町488', '', '山田 花子', '様', '', '通販', '', ''],
  V02: ['1000005', '東京都', '千代田区', '丸の内1-9-1', '', '𠮷野 太郎', '様', '', 'アプリ会員', '', ''],
  V03: ['0460003', '北海道', '余市郡余市町', '黒川町３丁目１', '', '髙橋 恵美子', '様', '', '通販', '', ''],
  V04: ['5108601', '三重県', '四日市市', '諏訪町1－5', 'ｸﾞﾗﾝﾄﾞﾒｿﾞﾝ 2-301', '', 'お客様', '', '店舗会員', '', ''],
  V05: ['0600001', '北海道', '札幌市中央区', '北一条西二丁目1番地', '札幌ビル5F', '山﨑 次郎', '様', '', '通販', '', ''],
  // No prefecture and no postcode to find it by: flagged.
  V06: ['', '', '中央区', '銀座4-6-16', '', '佐藤 一郎', '様', '', '通販', '', '要確認'],
  V07: ['1000001', '東京都', '', '東村山本町1-2-3', '', '鈴木 二郎', '様', '', '通販', '', '要確認'],
  V08: ['9811292', '宮城県', '柴田郡村田町', '大字村田字迫85', '', '田中 三郎', '様', '', '通販', '', ''],
  V09: ['1000001', '東京都', '千代田区', '丸の内1ー1ー1', '〇〇ハイツ101', '伊藤 四郎', '様', '', '通販', '', ''],
  V10: ['7388501', '広島県', '廿日市市', '下平良1‐11‐1', '', '渡辺 五郎', '様', '', '通販', '', ''],
};
/** The list is リスト 01 (the first of the incident): each row's 照会番号 is list 01 and its row; with no letter variants set, every letter is 標準. */
const rowsOf = (ids: string[]) =>
  ids.map((id) => {
    const cells = [...EXPECTED[id]!];
    cells[7] = formatReference(referenceNumber(1, ROWS.findIndex((r) => r[0] === id)));
    cells[8] = '標準';
    // No apology gift programme in this incident: no code to print.
    cells[9] = '';
    return cells;
  });
const ALL = ROWS.map((r) => r[0]!);

/** UTF-16 LE with its BOM, tab-separated: Excel's "Unicode text". */
function utf16(lines: string[][]): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.map((l) => l.join('\t')).join('\r\n') + '\r\n', 'utf16le')]);
}

interface PickedFile {
  name: string;
  closed: boolean;
  aborted: boolean;
  bytes: number[];
  chunks: number;
}

async function picked(page: Page): Promise<PickedFile[]> {
  return page.evaluate(() =>
    (window as unknown as { __files: { name: string; chunks: number[][]; closed: boolean; aborted: boolean }[] }).__files.map((f) => ({ name: f.name, closed: f.closed, aborted: f.aborted, bytes: f.chunks.flat(), chunks: f.chunks.length })),
  );
}

describe('the printing vendor file', () => {
  it('a UTF-16 list with tricky addresses → a letter batch → the vendor file, split, stopped, downloaded — read back field by field', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await context.addInitScript(fakePicker);
      await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+09:00'));
      await createWorkspace(page, env.server.url);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員情報の流出');
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      const nav = page.getByRole('navigation', { name: '顧客連絡の画面' });

      await nav.getByRole('button', { name: '取り込み', exact: true }).click();
      await page.getByLabel('CSV ファイル').setInputFiles({ name: '会員.txt', mimeType: 'text/plain', buffer: utf16([HEADER, ...ROWS]) });
      await page.getByText('5 列に分かれています。').waitFor();
      await page.getByRole('button', { name: '取り込み開始' }).click();
      await page.getByRole('status').filter({ hasText: '10 件を取り込みました。' }).waitFor();

      await nav.getByRole('button', { name: 'バッチ', exact: true }).click();
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '10 件のバッチを作成しました。' }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便・.* 作成・10 件$/ });
      await giveReason(post);

      // Shift_JIS: 𠮷 cannot be written. The file stays a temporary one while the choice is asked.
      await post.getByRole('button', { name: '印刷会社用ファイル（Shift_JIS）' }).click();
      const choice = post.getByRole('alertdialog');
      await choice.getByRole('heading', { name: 'Shift_JIS で書けない文字があります' }).waitFor();
      expect(await choice.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['V02', '3', '氏名', '「𠮷」（U+20BB7）']);
      await screenshot(page, 'letters-vendor-unwritable');
      expect((await picked(page)).map((f) => [f.name, f.closed, f.aborted])).toEqual([['会員-vendor-sjis-2026-12-02.csv', false, false]]);
      await choice.getByRole('button', { name: 'この 1 名だけ UTF-8（BOM 付き）の別ファイルにする' }).click();
      await post.getByText('Shift_JIS で 9 名、UTF-8（BOM 付き）で 1 名を保存しました。').waitFor();

      const [sjis, rest] = await picked(page);
      expect([sjis!.name, sjis!.closed, rest!.name, rest!.closed]).toEqual(['会員-vendor-sjis-2026-12-02.csv', true, '会員-vendor-utf8-rest-2026-12-02.csv', true]);
      expect(readProduced(new Uint8Array(sjis!.bytes), 'shift_jis', '山田 花子')).toEqual([VENDOR_HEADER, ...rowsOf(ALL.filter((id) => id !== 'V02'))]);
      expect(readProduced(new Uint8Array(rest!.bytes), 'utf-8-bom', '山田 花子')).toEqual([VENDOR_HEADER, ...rowsOf(['V02'])]);

      // Stopped half-way: the picker's file is aborted (Chromium discards it), nothing is recorded as made.
      await giveReason(post);
      await page.evaluate(() => {
        const w = window as unknown as { __hold?: Promise<void>; __release?: () => void };
        w.__hold = new Promise((r) => (w.__release = r));
      });
      await post.getByRole('button', { name: '印刷会社用ファイル（UTF-8）' }).click();
      const progress = post.getByRole('status').filter({ hasText: '印刷会社用ファイルを書き出しています…' });
      await progress.getByText('0 / 10 件', { exact: false }).waitFor();
      await screenshot(page, 'letters-vendor-progress');
      await progress.getByRole('button', { name: '中止する' }).click();
      await page.evaluate(() => {
        const w = window as unknown as { __hold?: Promise<void>; __release?: () => void };
        w.__hold = undefined;
        w.__release?.();
      });
      await post.getByText('中止しました。書きかけのファイルは残していません。').waitFor();
      const third = (await picked(page))[2]!;
      expect([third.name, third.closed, third.aborted]).toEqual(['会員-vendor-utf8-2026-12-02.csv', false, true]);

      // No picker (another browser): the chunks are downloaded as one file; UTF-8 holds every name.
      await page.evaluate(() => delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker);
      await giveReason(post);
      const [d] = await Promise.all([page.waitForEvent('download'), post.getByRole('button', { name: '印刷会社用ファイル（UTF-8）' }).click()]);
      expect(d.suggestedFilename()).toBe('会員-vendor-utf8-2026-12-02.csv');
      const bytes = new Uint8Array(await readFile((await d.path())!));
      expect(readProduced(bytes, 'utf-8-bom', '山田 花子')).toEqual([VENDOR_HEADER, ...rowsOf(ALL)]);
      await post.getByText('10 件を書き出しました（出力番号', { exact: false }).waitFor();
      await post.getByText('うち 2 件は確かめてください（「要確認」の列に印があります', { exact: false }).waitFor();
      await screenshot(page, 'letters-vendor-saved');

      await page.getByRole('button', { name: 'English に切り替え' }).click();
      const postEn = page.getByRole('listitem', { name: /^Post · .* · 10$/ });
      await postEn.getByRole('button', { name: 'Printing vendor file (Shift_JIS)' }).waitFor();
      await postEn.getByRole('button', { name: 'Printing vendor file (UTF-8)' }).waitFor();
      await screenshot(page, 'letters-vendor-en');
    } finally {
      await context.close();
    }
  });
});
