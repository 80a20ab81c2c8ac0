/**
 * The day of a vendor's file on 取り込み（委託先） (decision 031): each file's day comes from that
 * file's own name, or from what was typed for it — never from the file chosen before it. A reviewer
 * found that after 20240601_log.csv a second file named calls.csv kept 2024-06-01 as the known day:
 * its rows from March were refused as far from it, and a file without a day column was filed on
 * 2024-06-01.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createWorkspace, fileFirstReport } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: /問い合わせ・FAQ の画面|Enquiry and FAQ screens/ }).getByRole('button', { name, exact: true }).click();
}

async function choose(page: Page, name: string, text: string) {
  await page.getByLabel(/^(ファイル|File)$/).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

/** Today in Japan, as the day box starts. */
const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

const JUNE = ['受付日,受付時刻,問い合わせ内容,回答内容,オペレーターID', '2024/06/01,9:00,カード番号は漏れましたか,調査中,OP-1', '2024/06/01,9:30,お詫びの品はいつ届きますか,順次発送,OP-2'].join('\r\n');
const MARCH = ['受付日,受付時刻,問い合わせ内容,回答内容,オペレーターID', '2024/03/01,10:00,退会したい,手続きを案内,OP-3', '2024/03/02,11:00,住所を変えたい,会員ページで変更,OP-3'].join('\r\n');
const NO_DAY = ['受付時刻,問い合わせ内容,回答内容,オペレーターID', '14:20,窓口は何時までですか,24時間です,OP-4'].join('\r\n');

describe('the day of each vendor file', () => {
  it('is the file’s own: a day from one file’s name, or typed for it, is not kept for the next file', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    await fileFirstReport(page, '会員サイトからの個人情報流出', { confirmed: '12000' });
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    await part(page, '取り込み（委託先）');
    const dayBox = page.getByLabel('このファイルの日付');
    const today = todayInJapan();

    // A file whose name gives its day.
    await choose(page, '20240601_log.csv', JUNE);
    await page.getByRole('button', { name: '2件を取り込む' }).waitFor();
    expect(await dayBox.inputValue()).toBe('2024-06-01');

    // Another file, no day in its name, its rows in March: the day is today's again, not 06/01, so
    // its own days decide — its rows are not refused as a month or more from 2024-06-01.
    await choose(page, 'calls.csv', MARCH);
    await page.getByText('CSV、2行', { exact: false }).waitFor();
    expect(await dayBox.inputValue()).toBe(today);
    expect(await page.getByRole('alert').count()).toBe(0);
    await screenshot(page, '15-vendorlog-day-second-file');
    await page.getByRole('button', { name: '2件を取り込む' }).click();
    await page.getByText('取り込みました：問い合わせ 2件を追加、0件は登録済み、0件を修正。').waitFor();

    // The 06/01 file again, its day typed over (06/02) for it; then a file with no day column and
    // none in its name: its call is today's, not 06/01's nor 06/02's.
    await page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
    await choose(page, '20240601_log.csv', JUNE);
    await page.getByRole('button', { name: '2件を取り込む' }).waitFor();
    expect(await dayBox.inputValue()).toBe('2024-06-01');
    await dayBox.fill('2024-06-02');
    await choose(page, 'web.csv', NO_DAY);
    await page.getByRole('button', { name: '1件を取り込む' }).waitFor();
    expect(await dayBox.inputValue()).toBe(today);
    await page.getByRole('button', { name: '1件を取り込む' }).click();
    await page.getByText('取り込みました：問い合わせ 1件を追加、0件は登録済み、0件を修正。').waitFor();

    // A day typed before any file is chosen is for the file chosen next.
    await page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
    await dayBox.fill('2024-03-09');
    await choose(page, 'web2.csv', NO_DAY);
    await page.getByRole('button', { name: '1件を取り込む' }).waitFor();
    expect(await dayBox.inputValue()).toBe('2024-03-09');

    // In the log: the March calls on their days, the web call on today's.
    await part(page, '一覧');
    await page.getByRole('heading', { name: '問い合わせ一覧' }).waitFor();
    const table = page.getByRole('table');
    const firstCell = (q: string) => table.getByRole('row').filter({ hasText: q }).getByRole('cell').first().textContent();
    const [y, m, d] = today.split('-').map(Number);
    expect(await firstCell('退会したい')).toMatch(/2024.0?3.0?1.*10:00/);
    expect(await firstCell('住所を変えたい')).toMatch(/2024.0?3.0?2.*11:00/);
    expect(await firstCell('窓口は何時までですか')).toMatch(new RegExp(`${y}.0?${m}.0?${d}.*14:20`));
    expect(await table.getByRole('row').count()).toBe(1 + 3);
    await context.close();
  });
});
