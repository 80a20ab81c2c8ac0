/** A stranger's daily reports through 取り込み（委託先） → コールセンター指標: every figure on screen equals the file. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeCsv } from '../shared/export/csv';
import { createWorkspace, fileFirstReport } from './flows';
import { newPage, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: /問い合わせ・FAQ の画面|Enquiry and FAQ screens/ }).getByRole('button', { name, exact: true }).click();
}
async function cells(page: Page, period: string, row = 'total'): Promise<string[]> {
  return page.locator(`tr[data-period="${period}"][data-row="${row}"] > *`).allTextContents();
}

describe('report figures on screen', () => {
  it('categories as rows with a 合計 row: the day shows the file total, not twice it', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    await fileFirstReport(page, '会員サイトからの個人情報流出', { confirmed: '12000' });
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    await part(page, '取り込み（委託先）');
    const REPORT = ['日付,分類,受電数,応答数,放棄呼', '2026/12/01,漏えい確認,10,9,1', ',補償,5,5,0', ',合計,15,14,1'].join('\r\n');
    await page.getByLabel(/^(ファイル|File)$/).setInputFiles({ name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeCsv(REPORT, 'shift_jis')) });
    await page.getByText('CSV、3行', { exact: false }).waitFor();
    expect(await page.getByLabel('ファイルの種類').inputValue()).toBe('report');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: /日分の報告を取り込む/ }).click();
    await page.getByText(/日次報告を取り込みました/).waitFor();
    await part(page, 'コールセンター指標');
    await page.getByRole('heading', { name: 'コールセンター指標' }).waitFor();
    const row = await cells(page, '2026-12-01');
    await context.close();
    // The day shows the file's total (15 / 14 / 1), not the categories and their 合計 added (30 / 28 / 2).
    expect(row.slice(2, 5)).toEqual(['15', '14', '1']);
  });
});
