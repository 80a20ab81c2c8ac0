/**
 * A vendor log whose 受付日時 column gives each row its own date, through 取り込み（委託先）(decision 031,
 * addendum of 2026-12-08): the same log imported under its day (from the file's name) and re-sent under
 * a name without it adds only its late row — each row is filed under the date it writes, not the box's.
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

describe('the vendor log through 取り込み（委託先）, its rows written with their dates', () => {
  it('the same log (受付日時 with its own dates) sent under yesterday’s date in its name and re-sent under another name with one late row: only the late row is added', async () => {
    const { context, page } = await newPage(env.browser);
    await openImport(page);
    // Yesterday's log: every row carries its own date and time; the day box "is used when the file has no date column".
    const y = new Date(Date.now() + 9 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const ymd = y.replace(/-/g, '');
    const slash = y.replace(/-/g, '/');
    const rows = ['受付日時,問い合わせ内容,回答内容,オペレーターID,氏名', `${slash} 9:00,カード番号は漏れましたか,調査中,OP-1,佐藤 一郎`, `${slash} 9:30,お詫びの品はいつ届きますか,順次発送,OP-2,鈴木 花子`];

    await choose(page, `受付ログ_${ymd}.csv`, rows.join('\r\n'));
    await page.getByRole('button', { name: '2件を取り込む' }).click();
    await page.getByText('取り込みました：問い合わせ 2件を追加、0件は登録済み、0件を修正。').waitFor();

    // The vendor re-sends the day with a late row, under a name without the day.
    await page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
    await choose(page, '受付ログ_再送.csv', [...rows, `${slash} 23:50,退会したい,手続きを案内,OP-3,田中 次郎`].join('\r\n'));
    await page.getByRole('button', { name: '3件を取り込む' }).waitFor();
    // The box goes back to today's (each file's day is its own): every row carries its own date, and is filed under it.
    await page.getByRole('button', { name: '3件を取り込む' }).click();
    // Before: 「3件を追加、0件は登録済み」 — 佐藤's and 鈴木's calls were in the list twice.
    await page.getByText(/取り込みました：問い合わせ \d+件を追加/).waitFor();
    expect(await page.getByText(/取り込みました：/).textContent()).toBe('取り込みました：問い合わせ 1件を追加、2件は登録済み、0件を修正。');

    await part(page, '一覧');
    await page.getByRole('heading', { name: '問い合わせ一覧' }).waitFor();
    expect(await page.getByRole('table').getByRole('row').count()).toBe(1 + 3);
    await context.close();
  });
});
