/**
 * The emergency contact list end to end (issue 14 items 1–2): a Shift_JIS CSV with bad rows
 * is refused with line and column and nothing imported; the corrected file is imported; a
 * person added on screen with a deputy; the list exported in both encodings and read back
 * field by field (a name Shift_JIS cannot write is refused in plain words); a call tree built;
 * a first report with severity 高; the calling checklist worked and recorded; and nothing of
 * the list in clear in the browser profile afterwards.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCsv, parseCsv } from '../shared/export/csv';
import { unnamedControls } from './a11y';
import { scanForStrings } from './disk-scan';
import { createWorkspace } from './flows';
import { launchPersistent, screenshot, startServer, tempDir, type StaticServer } from './harness';

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const HEADER = '氏名,所属,役職,区分,電話1,電話2,メール1,チャット,代理,対応時間';
const GOOD = [
  HEADER,
  '権田原 剛三,本社,代表取締役社長,役員,090-7301-2288,03-5550-0101,gondawara@example.co.jp,@gondawara,猪狩 麗子,24時間',
  '猪狩 麗子,本社,専務取締役,役員,090-7301-3399,,ikari@example.co.jp,,,24時間',
  '蜂須賀 誠,情報システム部,部長,情報システム,０８０－４４１２－７７０１,,hachisuka@example.co.jp,,,',
  '鬼頭 瑞穂,広報部,部長,広報,080-4412-7702,,kito@example.co.jp,,,毎日 0-24',
  '"大和印刷, 営業部",大和印刷株式会社,担当,印刷会社,06-6600-1234,,,,,平日 9-18',
];
const BAD = [
  HEADER,
  '権田原 剛三,本社,代表取締役社長,社長,090-7301-2288,,gondawara@example.co.jp,,,24時間',
  ',本社,専務取締役,役員,090-7301-3399,,,,,24時間',
  '蜂須賀 誠,情報システム部,部長,情報システム,電話なし,,hachisuka@example,,,朝から晩まで',
];

async function download(page: Page, button: string): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFile((await d.path())!);
}

describe('emergency contact list, call tree and calling checklist', () => {
  it('imports a CSV, builds a call tree, files a first report with severity 高 and works the checklist', async () => {
    const profile = await tempDir('directory-');
    const files = await tempDir('directory-files-');
    const { context, page } = await launchPersistent(profile.path);
    try {
      await createWorkspace(page, server.url);
      const menu = page.getByRole('navigation', { name: 'メインメニュー' });
      await menu.getByRole('button', { name: '緊急連絡表' }).click();
      await page.getByRole('heading', { name: '緊急連絡表', level: 1 }).waitFor();
      await page.getByText('まだ誰も登録されていません').waitFor();

      // A Shift_JIS file with mistakes: every one named by line and column, nothing imported.
      const bad = join(files.path, 'bad.csv');
      await writeFile(bad, encodeCsv(BAD.join('\r\n') + '\r\n', 'shift_jis'));
      await page.getByLabel('CSV ファイルから取り込む').setInputFiles(bad);
      const problems = page.locator('[data-import-problems]');
      await problems.waitFor();
      const lines = await problems.locator('li').allTextContents();
      expect(lines).toEqual([
        expect.stringMatching(/^2行目・4列（区分）：区分「社長」は分かりません/),
        expect.stringMatching(/^3行目・1列（氏名）：氏名を入力してください。/),
        expect.stringMatching(/^4行目・5列（電話1）：電話番号として読めません/),
        expect.stringMatching(/^4行目・7列（メール1）：メールアドレスとして読めません。/),
        expect.stringMatching(/^4行目・10列（対応時間）：対応時間が読めません/),
      ]);
      expect(await page.locator('[data-directory-list]').count()).toBe(0);
      await screenshot(page, '140-directory-import-errors');

      // The corrected file, in Shift_JIS as Excel saves it.
      const good = join(files.path, 'good.csv');
      await writeFile(good, encodeCsv(GOOD.join('\r\n') + '\r\n', 'shift_jis'));
      await page.getByLabel('CSV ファイルから取り込む').setInputFiles(good);
      await page.locator('[data-directory-status]').filter({ hasText: '5人を追加、0人を更新しました。' }).waitFor();
      expect(await page.locator('[data-import-problems]').count()).toBe(0);
      const ceo = page.locator('tr[data-person="権田原 剛三"]');
      expect(await ceo.locator('a[href="tel:09073012288"]').count()).toBe(1);
      expect(await ceo.textContent()).toContain('猪狩 麗子');
      // Full-width digits typed in the file are stored as ASCII, dialable.
      expect(await page.locator('tr[data-person="蜂須賀 誠"] a').first().getAttribute('href')).toBe('tel:08044127701');

      // Add a person on screen, with a deputy from the list; a name outside Shift_JIS.
      await page.getByRole('button', { name: '連絡先を追加' }).click();
      await page.getByLabel('氏名').fill('𠮷田 三郎');
      await page.getByLabel('区分').selectOption({ label: '法務' });
      await page.getByLabel('所属').fill('桜通り法律事務所');
      await page.getByLabel('電話 1').fill('03-6200-0909');
      await page.getByLabel('対応時間').fill('平日 ９：００～１８：００');
      await page.getByLabel('代理').selectOption({ label: '権田原 剛三（本社）' });
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '141-directory-person-form');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '𠮷田 三郎さんを保存しました。' }).waitFor();

      // Shift_JIS cannot write 𠮷: refused, saying which character and whose name.
      await page.getByRole('button', { name: 'CSV に書き出す（Shift_JIS・Excel 向け）' }).click();
      const refusal = page.locator('[data-directory-status]');
      await refusal.filter({ hasText: 'Shift_JIS では書けない文字' }).waitFor();
      expect(await refusal.textContent()).toContain('𠮷（𠮷田 三郎）');
      await screenshot(page, '142-directory-list');

      // UTF-8 with BOM: every field of every person back as stored.
      const utf8 = await download(page, 'CSV に書き出す（UTF-8）');
      expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(new TextDecoder('utf-8').decode(utf8));
      expect(rows[0]).toEqual(['ID', '氏名', '所属', '役職', '区分', '電話1', '電話2', '電話3', 'メール1', 'メール2', 'メール3', 'チャット', '代理', '対応時間']);
      const byName = new Map(rows.slice(1).map((r) => [r[1], r]));
      // A chat handle starting with @ is a formula to Excel: written guarded, and read back without the guard on import.
      expect(byName.get('権田原 剛三')!.slice(1)).toEqual(['権田原 剛三', '本社', '代表取締役社長', '役員', '090-7301-2288', '03-5550-0101', '', 'gondawara@example.co.jp', '', '', "'@gondawara", '猪狩 麗子', '24時間']);
      expect(byName.get('蜂須賀 誠')!.slice(1)).toEqual(['蜂須賀 誠', '情報システム部', '部長', '情報システム', '080-4412-7701', '', '', 'hachisuka@example.co.jp', '', '', '', '', '']);
      expect(byName.get('大和印刷, 営業部')!.slice(1)).toEqual(['大和印刷, 営業部', '大和印刷株式会社', '担当', '印刷会社', '06-6600-1234', '', '', '', '', '', '', '', '平日 9-18']);
      expect(byName.get('𠮷田 三郎')!.slice(1)).toEqual(['𠮷田 三郎', '桜通り法律事務所', '', '法務', '03-6200-0909', '', '', '', '', '', '', '権田原 剛三', '平日 ９：００～１８：００']);

      // Without the person Shift_JIS cannot write, the Shift_JIS export reads back the same.
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: '削除 𠮷田 三郎' }).click();
      await page.getByRole('status').filter({ hasText: '𠮷田 三郎さんを削除しました。' }).waitFor();
      const sjis = await download(page, 'CSV に書き出す（Shift_JIS・Excel 向け）');
      const sjisRows = parseCsv(new TextDecoder('shift_jis', { fatal: true }).decode(sjis));
      expect(sjisRows.length).toBe(6);
      const sjisByName = new Map(sjisRows.slice(1).map((r) => [r[1], r]));
      for (const [name, row] of byName) if (name !== '𠮷田 三郎') expect(sjisByName.get(name), name).toEqual(row);

      // A call tree for a lost device at severity 高: IT and PR first, then the president.
      await page.getByRole('button', { name: '連絡網を追加' }).click();
      await page.getByLabel('名前', { exact: true }).fill('紛失・重大度 高');
      await page.getByLabel('事案の種類').selectOption({ label: 'PC・USBメモリの紛失・盗難' });
      await page.getByLabel('重大度', { exact: true }).selectOption({ label: '高' });
      const step1 = page.locator('fieldset[data-step="1"]');
      await step1.getByLabel('蜂須賀 誠').check();
      await step1.getByLabel('鬼頭 瑞穂').check();
      await step1.getByLabel('応答がなければ次の段まで（分）').fill('１５');
      await page.getByRole('button', { name: '段を追加' }).click();
      const step2 = page.locator('fieldset[data-step="2"]');
      await step2.getByLabel('権田原 剛三').check();
      await step2.getByLabel('応答がなければ次の段まで（分）').fill('30');
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '143-call-tree-editor');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const tree = page.locator('[data-call-tree="紛失・重大度 高"]');
      await tree.waitFor();
      expect(await tree.textContent()).toMatch(/第1段 蜂須賀 誠、鬼頭 瑞穂 — 15分待って次へ/);
      await screenshot(page, '144-call-trees');

      // A first report with severity 高.
      await menu.getByRole('button', { name: 'インシデント' }).click();
      await page.getByRole('button', { name: '第一報を登録する' }).first().click();
      await page.getByLabel('件名').fill('営業部ノートPCの紛失');
      await page.getByLabel('シナリオ（ボードのテンプレート）').selectOption({ label: 'PC・USBメモリの紛失・盗難' });
      await page.getByRole('radio', { name: '高' }).check();
      await screenshot(page, '145-first-report-severity');
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.locator('[data-severity="high"]').filter({ hasText: '重大度 高' }).waitFor();

      // The calling checklist: the people of the tree with their numbers; each call recorded.
      await page.getByRole('tab', { name: '概要・報告' }).click();
      const checklist = page.locator('[data-call-checklist]');
      await checklist.waitFor();
      expect(await checklist.locator('[data-calls-progress]').textContent()).toBe('0 / 3 人に連絡済み');
      const itHead = checklist.locator('[data-call-person="蜂須賀 誠"]');
      const pr = checklist.locator('[data-call-person="鬼頭 瑞穂"]');
      const ceoCall = checklist.locator('[data-call-person="権田原 剛三"]');
      expect(await itHead.locator('a[href="tel:08044127701"]').count()).toBe(1);
      expect(await ceoCall.locator('a[href="tel:09073012288"]').count()).toBe(1);
      expect(await ceoCall.locator('a[href="tel:0355500101"]').count()).toBe(1);
      await itHead.getByText('台本').click();
      expect(await itHead.locator('details p').textContent()).toContain('蜂須賀 誠様、当社の個人情報漏えい対策本部です。重大度「高」の事案が発生しました。');
      await itHead.getByRole('button', { name: '連絡できた' }).click();
      await itHead.locator('[data-call-status]').filter({ hasText: '連絡できた（山田 花子・' }).waitFor();
      await pr.getByRole('button', { name: '不在' }).click();
      await pr.locator('[data-call-status]').filter({ hasText: '不在（山田 花子・' }).waitFor();
      await pr.getByRole('button', { name: '伝言を残した' }).click();
      await pr.locator('[data-call-status]').filter({ hasText: '記録 2 件' }).waitFor();
      expect(await pr.getByRole('button', { name: '伝言を残した' }).getAttribute('aria-pressed')).toBe('true');
      expect(await checklist.locator('[data-calls-progress]').textContent()).toBe('1 / 3 人に連絡済み');
      expect(await ceoCall.locator('[data-call-status]').textContent()).toBe('未記録');
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '146-call-checklist');

      // The marks are recorded events: they are on the timeline with who and when.
      await page.getByRole('tab', { name: 'タイムライン' }).click();
      const calls = page.locator('.timeline tr').filter({ hasText: '電話連絡：' });
      await calls.first().waitFor();
      expect((await calls.allTextContents()).map((x) => x.match(/電話連絡：(\S+)/)?.[1]).sort()).toEqual(['不在', '伝言を残した', '連絡できた']);
      expect(await calls.first().textContent()).toContain('山田 花子');

      // In English.
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByRole('tab', { name: 'Overview & reports' }).click();
      await checklist.getByText('Phone calls checklist').waitFor();
      expect(await page.locator('[data-severity="high"]').textContent()).toBe('Severity High');
      await screenshot(page, '147-call-checklist-en');
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Emergency contacts' }).click();
      await page.getByRole('heading', { name: 'Emergency contacts', level: 1 }).waitFor();
      await screenshot(page, '148-directory-en');
      await context.close();

      // Nothing of the list is in clear in the browser profile.
      const scan = await scanForStrings(profile.path, ['権田原', '090-7301-2288', '09073012288', 'gondawara@example.co.jp', '蜂須賀', 'hachisuka@example.co.jp']);
      expect(scan.files).toBeGreaterThan(10);
      expect(scan.hits).toEqual([]);
    } finally {
      // Closed here too when the test failed: the worker runs the next file (isolate: false).
      await context.close().catch(() => undefined);
      await profile.remove();
      await files.remove();
    }
  });
});
