/**
 * Issue 3 end to end: a lost-PC incident from its first report, boards from the
 * template, tasks assigned/moved/completed, a second report that raises the count and
 * marks credit cards as not leaked, the header and timeline, the Shift_JIS history
 * export (drills left out), and the situation report.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { decodeCsvBytes, parseCsv } from '../shared/export/csv';
import { unnamedControls } from './a11y';
import { createWorkspace } from './flows';
import { newPage, useBrowserAndServer, screenshot } from './harness';

const env = useBrowserAndServer();

async function fileFirstReport(page: Page, opts: { title: string; drill?: boolean }) {
  await page.getByRole('button', { name: opts.drill ? '訓練を開始' : '第一報を登録する' }).first().click();
  await page.getByRole('heading', { name: opts.drill ? '訓練の第一報' : '第一報', level: 1 }).waitFor();
  await page.getByLabel('件名').fill(opts.title);
  await page.getByLabel('シナリオ（ボードのテンプレート）').selectOption('lost-device');
  await page.getByLabel('誰が見つけたか').fill('営業部 佐藤');
  await page.getByLabel('どこで見つけたか').fill('JR山手線の車内');
  for (const item of ['氏名', '住所', '電話番号', 'クレジットカード情報']) await page.getByRole('checkbox', { name: item }).check();
  await page.getByLabel('確定件数').fill('800');
  await page.getByLabel('最大件数（可能性）').fill('3,000');
  await page.getByLabel('これまでに行った対応').fill('警察に遺失届を提出。端末のリモートロックを依頼。');
}

describe('incident workspace', () => {
  it('runs a lost-PC incident from first report to situation report', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');

    // First report: a validation problem is named, then the incident is created.
    await page.getByRole('button', { name: '第一報を登録する' }).click();
    await page.getByRole('button', { name: '第一報を登録' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('「件名」を入力してください。');
    await page.getByRole('button', { name: 'キャンセル' }).click();
    await fileFirstReport(page, { title: '営業用ノートPCの紛失' });
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '20-first-report');
    await page.getByRole('button', { name: '第一報を登録' }).click();

    // The boards appear from the lost-device template.
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    const header = page.getByRole('region', { name: '営業用ノートPCの紛失' });
    expect(await header.locator('[data-fact="confirmedCount"]').textContent()).toBe('800');
    expect(await header.locator('[data-fact="maxCount"]').textContent()).toBe('3,000');
    expect(await header.getByRole('timer').textContent()).toMatch(/発見から 0時間 \d+分/);
    const todo = page.getByRole('region', { name: /未着手/ });
    await todo.getByRole('button', { name: '第一報をまとめて責任者に報告する を編集' }).waitFor();
    expect(await todo.getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
    await page.getByRole('navigation', { name: 'フェーズ' }).getByRole('button', { name: /封じ込め/ }).click();
    await page.getByRole('button', { name: '端末をリモートでロックし、データを消去する を編集' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '21-board-containment');

    // Assign a task.
    await page.getByRole('button', { name: '端末をリモートでロックし、データを消去する を編集' }).click();
    const dialog = page.getByRole('dialog', { name: '端末をリモートでロックし、データを消去する' });
    await dialog.getByLabel('担当者').fill('山田 花子');
    await dialog.getByRole('checkbox').first().check();
    await screenshot(page, '22-task-editor');
    await dialog.getByRole('button', { name: 'タスクを保存' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Move it by keyboard: todo → doing.
    const card = page.getByRole('listitem', { name: /^端末をリモートでロックし、データを消去する/ });
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('region', { name: /対応中/ }).getByRole('listitem', { name: /端末をリモートでロック/ }).waitFor();

    // Move another by dragging onto 完了.
    const other = page.getByRole('listitem', { name: /^パスワードを変更し、アクセス権を止める/ });
    await other.dragTo(page.getByRole('region', { name: /完了/ }));
    await page.getByRole('region', { name: /完了/ }).getByRole('listitem', { name: /パスワードを変更/ }).waitFor();

    // Complete the first through its editor.
    await page.getByRole('button', { name: '端末をリモートでロックし、データを消去する を編集' }).click();
    await dialog.getByLabel('状態').selectOption('done');
    await dialog.getByRole('button', { name: 'タスクを保存' }).click();
    await page.getByRole('region', { name: /完了/ }).getByRole('listitem', { name: /端末をリモートでロック/ }).waitFor();
    expect(await page.getByRole('region', { name: /完了/ }).getByRole('listitem').count()).toBe(2);

    // Filter by person.
    await page.getByLabel('担当者で絞り込み').selectOption('山田 花子');
    expect(await page.getByRole('listitem').filter({ hasText: '山田 花子' }).count()).toBe(1);
    await page.getByLabel('担当者で絞り込み').selectOption({ label: '全員' });
    await screenshot(page, '23-board-moved');

    // Second report: more customers confirmed, credit cards did not leak.
    await page.getByRole('tab', { name: '概要・報告' }).click();
    const fu = page.getByRole('form', { name: '第2報を提出' });
    await fu.getByLabel('原因', { exact: true }).fill('帰宅途中の電車の網棚に置き忘れた');
    await fu.getByLabel('根本原因（なぜデータを持ち出せたのか）').fill('顧客リストを暗号化せずにPCへ保存できる運用だった');
    await fu.getByLabel('確定件数').fill('1200');
    for (const item of ['氏名', '住所', '電話番号']) await fu.getByRole('group', { name: '漏えいした項目' }).getByRole('checkbox', { name: item }).check();
    await fu.getByRole('group', { name: '漏えいしていない項目' }).getByRole('checkbox', { name: 'クレジットカード情報' }).check();
    await fu.getByRole('button', { name: '第2報を提出' }).click();
    await page.getByRole('status').filter({ hasText: '第2報を提出しました。' }).waitFor();

    // The header shows the new facts; the report history shows what changed.
    expect(await header.locator('[data-fact="confirmedCount"]').textContent()).toBe('1,200');
    expect(await header.locator('[data-fact="itemsNotLeaked"]').textContent()).toBe('クレジットカード情報');
    expect(await header.locator('[data-fact="itemsLeaked"]').textContent()).toBe('氏名、住所、電話番号');
    const diff = page.getByLabel('前の報告からの変更');
    expect(await diff.textContent()).toContain('確定件数: 800 → 1,200');
    expect(await diff.textContent()).toContain('漏えいしていない項目: 追加: クレジットカード情報');
    expect(await diff.textContent()).toContain('漏えいした項目: 削除: クレジットカード情報');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '24-overview-second-report');

    // The timeline shows both changes with who and when; a decision is its own entry.
    await page.getByRole('tab', { name: 'タイムライン' }).click();
    await page.getByLabel('何を決めたか').fill('本日17時に第一報を公表する');
    await page.getByLabel('理由', { exact: true }).fill('顧客からの問い合わせが始まっているため');
    await page.getByRole('button', { name: '決定を記録' }).click();
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: '本日17時に第一報を公表する' }).waitFor();
    const first = rows.filter({ hasText: '第一報「営業用ノートPCの紛失」' });
    const second = rows.filter({ hasText: '第2報を提出' });
    expect(await first.textContent()).toContain('確定件数 → 800');
    expect(await second.textContent()).toContain('確定件数 → 1,200');
    expect(await second.textContent()).toContain('漏えいしていない項目 → クレジットカード情報');
    for (const row of [first, second]) {
      expect(await row.getByRole('cell').nth(1).textContent()).toBe('山田 花子');
      expect(await row.getByRole('cell').nth(0).textContent()).toMatch(/\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}/);
    }
    await page.getByLabel('種類').selectOption({ label: '決定' });
    expect(await rows.count()).toBe(2); // header + the decision
    await page.getByLabel('種類').selectOption({ label: 'すべて' });
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '25-timeline');

    // Deadlines and handover.
    await page.getByRole('tab', { name: '期限・引き継ぎ' }).click();
    await page.getByRole('heading', { name: 'シフト引き継ぎ' }).waitFor();
    await screenshot(page, '26-deadlines');

    // The situation report prints (window.print in web mode) on one A4 page.
    await page.getByRole('tab', { name: '状況報告' }).click();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: '印刷 / PDF' }).click();
    // The print is on record first (the access record), then the dialog opens.
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await screenshot(page, '27-sitrep');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);

    // A drill stays out of the history export.
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await fileFirstReport(page, { title: '紛失訓練（11月）', drill: true });
    await page.getByRole('button', { name: '訓練を開始' }).click();
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    expect(await page.getByRole('region', { name: '紛失訓練（11月）' }).getByText('訓練', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await page.getByRole('heading', { name: 'インシデント対応履歴' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '28-history');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV（Shift_JIS）' }).click()]);
    const bytes = await readFile((await download.path())!);
    const parsed = parseCsv(decodeCsvBytes(bytes, 'shift_jis'));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    expect(parsed).toEqual([
      ['発見日', '対応完了日', '種別', 'タイトル', '概要', '除外', '公開'],
      [today, '', '個人情報漏えい', '営業用ノートPCの紛失', '', '', ''],
    ]);
    // Shift_JIS really: the title's bytes are not UTF-8.
    expect(bytes.includes(Buffer.from('営業用', 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from([0x89, 0x63, 0x8b, 0xc6]))).toBe(true); // 営業 in CP932
    await page.getByRole('checkbox', { name: '訓練を含める' }).check();
    const [withDrills] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV（UTF-8）' }).click()]);
    const utf8 = parseCsv(decodeCsvBytes(await readFile((await withDrills.path())!), 'utf-8'));
    expect(utf8.map((r) => r[3])).toEqual(['タイトル', '営業用ノートPCの紛失', '紛失訓練（11月）']);

    // The same screens in English, every control still named.
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'Incident history' }).waitFor();
    await screenshot(page, '29-history-en');
    await page.getByRole('button', { name: '営業用ノートPCの紛失' }).click();
    await page.getByRole('tab', { name: 'Boards' }).click();
    await page.getByRole('heading', { name: 'Direction board' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '29-board-en');
    await page.getByRole('tab', { name: 'Overview & reports' }).click();
    await page.getByRole('heading', { name: 'File report no. 3' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '29-overview-en');
    await context.close();
  });
});
