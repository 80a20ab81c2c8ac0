/**
 * Issue 15 item 5 (first half) end to end: approved FAQ entries handed over to the
 * call-centre vendor as a workbook (read back with read-excel-file); one answer edited,
 * one retired, one added, approved, handed over again: 本日の変更点 lists exactly those
 * three. A count that changes makes an answer stale: the handover is blocked with a way to
 * the entry, and goes once it is approved again. Japanese and English screenshots.
 */
import { readFile } from 'node:fs/promises';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unnamedControls } from './a11y';
import { createWorkspace, fileFirstReport, takeDirectionRole } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

async function faqPart(page: Page, name: string) {
  await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name, exact: true }).click();
}

async function newEntry(page: Page, question: string, category: string, answer: string, approve = true) {
  await faqPart(page, 'FAQ');
  await page.getByRole('button', { name: '新しい FAQ' }).click();
  await page.getByLabel('質問', { exact: true }).fill(question);
  await page.getByLabel('分類', { exact: true }).fill(category);
  await page.getByLabel('回答（差し込み項目を使えます）').fill(answer);
  await page.getByRole('button', { name: '保存（新しい版）' }).click();
  await page.getByRole('heading', { name: question }).waitFor();
  if (approve) {
    await page.getByRole('button', { name: '承認する' }).click();
    await page.getByText(/^承認 /).waitFor();
  }
  await page.getByRole('button', { name: '一覧へ戻る' }).click();
}

async function openEntry(page: Page, question: string) {
  await faqPart(page, 'FAQ');
  await page.getByRole('table').getByRole('button', { name: question, exact: true }).click();
  await page.getByRole('heading', { name: question }).waitFor();
}

/** Hands over and returns the workbook's sheets as read-excel-file reads them. */
async function handOver(page: Page, version: number): Promise<Record<string, unknown[][]>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '委託先に渡す' }).click()]);
  expect(download.suggestedFilename()).toBe(`会員サイトからの個人情報流出-FAQ-v${version}.xlsx`);
  await page.getByRole('status').filter({ hasText: `第${version}版として記録し` }).waitFor();
  const bytes = await readFile((await download.path())!);
  const sheets = await readXlsxFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return Object.fromEntries(sheets.map((s) => [s.sheet, s.data]));
}

const CHANGE_HEADER = ['区分', '番号', 'カテゴリ', '質問', '変更前の回答', '変更後の回答', '備考'];

describe('the FAQ handed over to the call centre', () => {
  it('hands over approved answers as a workbook; the second lists exactly what changed; a stale answer blocks until fixed', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '髙橋 花子');
    await takeDirectionRole(page);
    await fileFirstReport(page, '会員サイトからの個人情報流出', { leaked: ['氏名', '住所'], confirmed: '12000' });
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();

    // Nothing approved yet: the section says so and leads to the FAQ screen.
    await faqPart(page, '委託先へのFAQ');
    await page.getByText('まだ委託先に渡していません').waitFor();
    expect(await page.getByRole('button', { name: '委託先に渡す' }).count()).toBe(0);

    await newEntry(page, '何件漏れましたか', '件数', '現在、流出が確認されているのは{{confirmedCount}}件です。');
    await newEntry(page, 'カード情報は漏れましたか', '漏えい内容', 'クレジットカード情報は含まれておりません。');
    await newEntry(page, 'お詫びの品はありますか', 'お詫び', '後日ご案内いたします。');
    await newEntry(page, '補償はありますか', '補償', 'まだ決まっていません。', false);

    // The first handover: every approved entry new, the draft counted and left out.
    await faqPart(page, '委託先へのFAQ');
    const pending = page.getByRole('table');
    expect(await pending.getByRole('row').count()).toBe(4);
    expect(await pending.getByText('新規', { exact: true }).count()).toBe(3);
    await page.getByText('下書き1件は含めていません').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'faqbook-1-before-first');
    const v1 = await handOver(page, 1);
    expect(Object.keys(v1)).toEqual(['表紙', 'FAQ', '本日の変更点']);
    expect(v1['FAQ']!.map((r) => r.slice(0, 5))).toEqual([
      ['番号', 'カテゴリ', '質問', '回答', '版'],
      [1, '件数', '何件漏れましたか', '現在、流出が確認されているのは12,000件です。', 1],
      [2, '漏えい内容', 'カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。', 1],
      [3, 'お詫び', 'お詫びの品はありますか', '後日ご案内いたします。', 1],
    ]);
    for (const row of v1['FAQ']!.slice(1)) expect(row[5]).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
    expect(v1['本日の変更点']!.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['区分', '番号', '質問'],
      ['新規', 1, '何件漏れましたか'],
      ['新規', 2, 'カード情報は漏れましたか'],
      ['新規', 3, 'お詫びの品はありますか'],
    ]);
    expect(v1['表紙']!.slice(1, 6)).toEqual([
      ['件名', '会員サイトからの個人情報流出'],
      ['受け渡し版', '第1版'],
      ['受け渡し日時', expect.stringMatching(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/)],
      ['受け渡した人', '髙橋 花子'],
      ['回答の承認者', '髙橋 花子'],
    ]);
    await page.getByText('前回の受け渡し: 第1版').waitFor();
    await page.getByText('前回の受け渡しから変わったものはありません').waitFor();
    expect(await page.getByRole('button', { name: '委託先に渡す' }).isDisabled()).toBe(true);

    // Edit one answer, retire one, add one; approve.
    await openEntry(page, 'カード情報は漏れましたか');
    await page.getByLabel('回答（差し込み項目を使えます）').fill('クレジットカード番号・有効期限は含まれておりません。担当の𠮷田がご説明します。');
    await page.getByRole('button', { name: '保存（新しい版）' }).click();
    await page.getByRole('button', { name: '承認する' }).click();
    await page.getByText('第2版', { exact: true }).waitFor();
    await page.getByRole('button', { name: '一覧へ戻る' }).click();
    await openEntry(page, 'お詫びの品はありますか');
    await page.getByLabel('廃止の理由').fill('商品券の案内に切り替え');
    await page.getByRole('button', { name: '廃止する' }).click();
    await page.getByRole('button', { name: '一覧へ戻る' }).click();
    await newEntry(page, 'パスワードは変えるべきですか', 'パスワード', '念のため変更をお勧めします。');

    await faqPart(page, '委託先へのFAQ');
    expect((await page.getByRole('table').getByRole('row').allTextContents()).slice(1)).toEqual(['新規4パスワードは変えるべきですか', '変更2カード情報は漏れましたか', '廃止3お詫びの品はありますか']);
    await screenshot(page, 'faqbook-2-before-second');
    const v2 = await handOver(page, 2);
    expect(v2['本日の変更点']).toEqual([
      CHANGE_HEADER,
      ['新規', 4, 'パスワード', 'パスワードは変えるべきですか', null, '念のため変更をお勧めします。', null],
      ['変更', 2, '漏えい内容', 'カード情報は漏れましたか', 'クレジットカード情報は含まれておりません。', 'クレジットカード番号・有効期限は含まれておりません。担当の𠮷田がご説明します。', null],
      ['廃止', 3, 'お詫び', 'お詫びの品はありますか', '後日ご案内いたします。', null, 'この回答は廃止しました。今後は使わないでください。'],
    ]);
    expect(v2['FAQ']!.map((r) => r[0])).toEqual(['番号', 1, 2, 4]);
    expect(v2['FAQ']![2]!.slice(3, 5)).toEqual(['クレジットカード番号・有効期限は含まれておりません。担当の𠮷田がご説明します。', 2]);

    // The Shift_JIS CSV cannot carry 𠮷: it says which entry and column; UTF-8 goes.
    await page.getByRole('button', { name: 'CSV（Shift_JIS）を保存' }).click();
    await page.getByRole('status').filter({ hasText: '番号2の回答に「𠮷」' }).waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV（UTF-8）を保存' }).click()]);
    const text = (await readFile((await csv.path())!, 'utf8')).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe('番号,カテゴリ,質問,回答,版,承認日時');
    expect(text).toContain('2,漏えい内容,カード情報は漏れましたか,クレジットカード番号・有効期限は含まれておりません。担当の𠮷田がご説明します。,2,');

    // The confirmed count changes: the answer quoting it is stale and blocks the handover.
    await page.getByRole('tab', { name: '概要・報告' }).click();
    await page.getByRole('button', { name: '事実を更新' }).click();
    await page.getByRole('form', { name: '事実を更新' }).getByLabel('確定件数').fill('12,480');
    await page.getByRole('button', { name: '事実を保存' }).click();
    await page.getByRole('status').filter({ hasText: '事実を更新しました。' }).waitFor();
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    await faqPart(page, '委託先へのFAQ');
    const blocked = page.getByRole('alert').filter({ hasText: '承認後に事実が変わった回答があります' });
    await blocked.waitFor();
    expect(await blocked.textContent()).toContain('何件漏れましたか（変わった事実: 確定件数）');
    expect(await page.getByRole('button', { name: '委託先に渡す' }).isDisabled()).toBe(true);
    await screenshot(page, 'faqbook-3-stale-blocks');

    // One way out: hand over without it, recorded; the vendor is told to stop using it.
    await blocked.getByRole('checkbox').check();
    const [left] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '含めずに委託先に渡す' }).click()]);
    const leftBytes = await readFile((await left.path())!);
    const v3 = Object.fromEntries((await readXlsxFile(leftBytes.buffer.slice(leftBytes.byteOffset, leftBytes.byteOffset + leftBytes.byteLength))).map((x) => [x.sheet, x.data]));
    expect(v3['本日の変更点']!.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([['使用停止', 1, '何件漏れましたか', '現在、流出が確認されているのは12,000件です。']]);
    expect(v3['FAQ']!.map((r) => r[0])).toEqual(['番号', 2, 4]);
    expect(v3['表紙']![8]).toEqual(['含めていないもの', '下書き1件は含めていません\n事実の変更で見直し中の1件は含めていません（何件漏れましたか）']);
    await page.getByText('含めなかった回答: 何件漏れましたか').waitFor();

    // The other: open the entry, approve again, hand over.
    await page.getByRole('alert').filter({ hasText: '承認後に事実が変わった回答があります' }).getByRole('button', { name: '開いて直す' }).click();
    await page.getByRole('heading', { name: '何件漏れましたか' }).waitFor();
    await page.getByRole('button', { name: '承認する' }).click();
    await page.getByRole('alert').filter({ hasText: '承認後に事実が変わりました' }).waitFor({ state: 'detached' });
    await faqPart(page, '委託先へのFAQ');
    expect(await page.getByRole('alert').filter({ hasText: '承認後に事実が変わった回答があります' }).count()).toBe(0);
    const v4 = await handOver(page, 4);
    expect(v4['本日の変更点']!.slice(1).map((r) => [r[0], r[1], r[5], r[6]])).toEqual([['新規', 1, '現在、流出が確認されているのは12,480件です。', '使用停止していた回答を見直しました。この版の回答をお使いください。']]);
    await screenshot(page, 'faqbook-4-after-fourth');

    // The same section in English: every control named.
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'FAQ for the call centre' }).first().waitFor();
    await page.getByText('Last handover: version 4').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'faqbook-5-en');
    await context.close();
  });
});
