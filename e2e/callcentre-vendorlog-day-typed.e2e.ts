/**
 * The day box of 取り込み（委託先） (decision 031, "each file's day is its own", and the addendum of
 * 2026-12-08): a day typed before any file was chosen is for every file chosen next until a day is
 * typed for a file or the file is put aside — picking a wrong file first does not use it up.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createWorkspace, fileFirstReport } from './flows';
import { newPage, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: /問い合わせ・FAQ の画面|Enquiry and FAQ screens/ }).getByRole('button', { name, exact: true }).click();
}

async function choose(page: Page, name: string, text: string) {
  await page.getByLabel(/^(ファイル|File)$/).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

async function openImport(page: Page) {
  await createWorkspace(page, env.server.url, '山田 花子');
  await fileFirstReport(page, '会員サイトからの個人情報流出', { confirmed: '12000' });
  await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
  await part(page, '取り込み（委託先）');
}

describe('the day typed on 取り込み（委託先） before any file', () => {
  it('a day typed before any file, a wrong file chosen, then the right one: the right file still gets the typed day', async () => {
    const { context, page } = await newPage(env.browser);
    await openImport(page);
    const dayBox = page.getByLabel('このファイルの日付');
    const calls = (q: string) => ['受付時刻,問い合わせ内容,回答内容,オペレーターID', `14:20,${q},24時間です,OP-4`].join('\r\n');

    // The lead types the day of the files the vendor sent (no day in their names, no day column), then picks a file.
    await dayBox.fill('2026-12-05');
    await choose(page, 'web_a.csv', calls('間違えて選んだファイル'));
    await page.getByRole('button', { name: '1件を取り込む' }).waitFor();
    expect(await dayBox.inputValue()).toBe('2026-12-05');
    // Wrong file: the lead picks the right one straight away.
    await choose(page, 'web_b.csv', calls('窓口は何時までですか'));
    await page.getByText('CSV、1行', { exact: false }).waitFor();
    // Before: the box silently showed today's date, and the call would have been filed on today's.
    expect(await dayBox.inputValue()).toBe('2026-12-05');
    await context.close();
  });

  it('a day typed before any file, kept through files with no day in their name, gives way to a file whose name gives one', async () => {
    const { context, page } = await newPage(env.browser);
    await openImport(page);
    const dayBox = page.getByLabel('このファイルの日付');
    const calls = (q: string) => ['受付時刻,問い合わせ内容,回答内容,オペレーターID', `14:20,${q},24時間です,OP-4`].join('\r\n');
    await dayBox.fill('2026-12-05');
    await choose(page, 'web_a.csv', calls('間違えて選んだファイル'));
    await page.getByRole('button', { name: '1件を取り込む' }).waitFor();
    await choose(page, '20261203_web.csv', calls('窓口は何時までですか'));
    await page.getByText('CSV、1行', { exact: false }).waitFor();
    expect(await dayBox.inputValue()).toBe('2026-12-03');
    await choose(page, 'web_b.csv', calls('退会したい'));
    await page.getByText('CSV、1行', { exact: false }).waitFor();
    expect(await dayBox.inputValue()).toBe('2026-12-05');
    await page.getByRole('button', { name: '1件を取り込む' }).click();
    await page.getByText('取り込みました：問い合わせ 1件を追加、0件は登録済み、0件を修正。').waitFor();
    // Put aside with 別のファイルを選ぶ: the typed day goes with it.
    await page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
    await choose(page, 'web_c.csv', calls('住所を変えたい'));
    await page.getByRole('button', { name: '1件を取り込む' }).waitFor();
    expect(await dayBox.inputValue()).toBe(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10));
    await context.close();
  });
});
