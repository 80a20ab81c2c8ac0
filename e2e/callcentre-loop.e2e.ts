/**
 * Issue 15 joined up: the vendor's day file (Excel) and daily report come in → the KPI tab
 * shows the report's figures → the vendor's escalated enquiries are callbacks in the queue →
 * one is answered → the executives' page counts the callbacks still owed, as the queue does.
 * (Each part has its own end-to-end file; this one checks that they read the same data.)
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import writeXlsxFile from 'write-excel-file/universal';
import { encodeCsv } from '../shared/export/csv';
import { createWorkspace, fileFirstReport, takeDirectionRole } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ESCALATED = ['お詫びの品はいつ届きますか', '家族の分も漏れていないか調べてほしい'];

async function dayWorkbook(): Promise<Buffer> {
  const header = ['受付日', '受付時刻', 'チャネル', '分類', '問い合わせ内容', '回答内容', 'エスカレーション', 'オペレーターID', '通話時間'];
  const rows = [
    ['2026/12/1', '9:05', '電話', '漏えい確認', '私の個人情報は漏れていますか', '対象かどうかお調べします', 'いいえ', 'OP-12', '3:20'],
    ['2026/12/1', '9:40', '電話', '補償', ESCALATED[0]!, '確認して折り返します', 'はい', 'OP-12', '2:05'],
    ['2026/12/1', '10:02', '電話', '漏えい確認', ESCALATED[1]!, '確認して折り返します', 'はい', 'OP-03', '6:00'],
  ].map((r) => r.map((value) => ({ value })));
  const blob = await writeXlsxFile([header.map((value) => ({ value })), ...rows]).toBlob();
  return Buffer.from(await blob.arrayBuffer());
}

// Per hour, categories as columns; the day's total is 1,120 received, 1,000 answered, 120 abandoned.
const REPORT = ['日付,時間帯,受電数,応答数,放棄呼,平均処理時間,漏えい確認,補償', '2026/12/1,9時,120,100,20,4:30,80,20', '2026/12/1,10時,"1,000",900,100,5:00,700,200'].join('\r\n');

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name, exact: true }).click();
}

describe('the call centre and the executives, joined up', () => {
  it('the vendor’s files reach the KPIs, the callback queue and the executives’ page', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url, '山田 花子');
      await takeDirectionRole(page);
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
      await fileFirstReport(page, '会員サイトからの個人情報流出', { confirmed: '12000' });
      await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();

      await part(page, '取り込み（委託先）');
      const file = page.getByLabel('ファイル', { exact: true });
      await file.setInputFiles({ name: 'enquiries_20261201.xlsx', mimeType: XLSX, buffer: await dayWorkbook() });
      await page.getByRole('button', { name: '3件を取り込む' }).click();
      await page.getByText('取り込みました：問い合わせ 3件を追加、0件は登録済み、0件を修正。').waitFor();
      await page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
      await file.setInputFiles({ name: 'report_20261201.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeCsv(REPORT, 'shift_jis')) });
      await page.getByRole('button', { name: '1日分の報告を取り込む' }).click();
      await page.getByText(/日次報告を取り込みました：2026-12-01/).waitFor();

      // The KPI tab shows the report's figures for that day, named as the vendor's.
      await part(page, 'コールセンター指標');
      await page.getByLabel('表示する日').selectOption('2026-12-01');
      const total = page.locator('tr[data-period="2026-12-01"][data-row="total"] > *');
      await expect.poll(() => total.allTextContents()).toEqual(expect.arrayContaining(['1,120', '1,000', '120', '89.3%']));
      await screenshot(page, '15-loop-kpi');

      // The vendor's two escalated enquiries are callbacks; one is answered.
      await part(page, '折り返し');
      for (const q of ESCALATED) await page.getByRole('listitem', { name: `折り返し: ${q}` }).waitFor();
      const item = page.getByRole('listitem', { name: `折り返し: ${ESCALATED[0]}` });
      await item.getByRole('button', { name: '自分が担当する' }).click();
      await item.getByText('担当: 山田 花子').waitFor();
      await item.getByLabel('結果', { exact: true }).selectOption('answered');
      await item.getByLabel('電話した回数').fill('1');
      await item.getByLabel('お客様に伝えた回答').fill('12月中旬にお届けします');
      await item.getByRole('button', { name: '結果を記録' }).click();
      await page.getByRole('region', { name: '完了した折り返し' }).getByRole('listitem', { name: `折り返し: ${ESCALATED[0]}` }).waitFor();

      // The executives' page counts the one still owed (was: every enquiry ever marked).
      await page.getByRole('tab', { name: '経営層向け' }).click();
      await page.locator('.exec-page .doc').waitFor();
      await expect.poll(() => page.locator('.exec-page [data-exec="escalations"]').textContent()).toBe('1');
      expect(await page.locator('.exec-page [data-exec="enquiries"]').textContent()).toBe('3');
      await screenshot(page, '15-loop-exec');
    } finally {
      await context.close();
    }
  });
});
