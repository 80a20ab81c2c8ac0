/**
 * Issue 15 item 3 end to end: phone enquiries (and one e-mail) logged through the enquiry
 * form show up in コールセンター指標 — the table's figures equal what was logged, the
 * charts are drawn, and the panel prints instead of the handbook. The call centre's own
 * report rows arrive through the report import (another part of the issue); until that is
 * on main they are covered in KpiPanel.test.tsx and kpis.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unnamedControls } from './a11y';
import { createWorkspace, fileFirstReport } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

async function faqPart(page: Page, name: string) {
  await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name, exact: true }).click();
}

/** Logs one enquiry through the form; minutes '' leaves the handling time out. */
async function logEnquiry(page: Page, n: number, channel: string, question: string, minutes: string) {
  await page.getByLabel('受付方法').selectOption(channel);
  await page.getByLabel('対応時間（分）').fill(minutes);
  const q = page.getByLabel('お問い合わせの内容');
  await q.fill(question);
  await q.press('Control+Enter');
  await page.getByRole('status').filter({ hasText: `（${n}件目）` }).waitFor();
}

async function cells(page: Page, period: string, row = 'total'): Promise<string[]> {
  return page.locator(`tr[data-period="${period}"][data-row="${row}"] > *`).allTextContents();
}

describe('call-centre figures', () => {
  it('counts the phone enquiries logged today, draws them, and prints the panel', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    await fileFirstReport(page, '会員サイトからの個人情報流出', { leaked: ['氏名'], confirmed: '12000' });
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();

    // Before anything is logged: a plain sentence and the way to the log.
    await faqPart(page, 'コールセンター指標');
    await page.getByText('まだ数字がありません').waitFor();
    await page.getByRole('button', { name: '受付を開く' }).click();

    // Three calls (4, 2 and unknown minutes), one e-mail: the e-mail is not a call.
    await logEnquiry(page, 1, 'phone', '私の個人情報も流出したのでしょうか', '4');
    await logEnquiry(page, 2, 'phone', '補償はありますか、お詫びの品は届きますか', '2');
    await logEnquiry(page, 3, 'phone', '退会したいのですがどうすればいいですか', '');
    await logEnquiry(page, 4, 'email', 'クレジットカードは止めたほうがよいですか', '10');

    await faqPart(page, 'コールセンター指標');
    await page.getByRole('heading', { name: 'コールセンター指標' }).waitFor();
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const hour = new Date(Date.now() + 9 * 3_600_000).getUTCHours();
    const dayText = today.replaceAll('-', '/');
    // (4 + 2) / 2 minutes: the call without a time is left out of the average.
    expect(await cells(page, today)).toEqual([dayText, '本部の受付', '3', '3', '0', '100.0%', '3分0秒']);
    expect(await cells(page, `${today}#${hour}`)).toEqual([`${hour}時台`, '本部の受付', '3', '3', '0', '100.0%', '3分0秒']);
    // Hours without a record are in the chart, not in the table.
    expect(await cells(page, `${today}#${(hour + 1) % 24}`)).toEqual([]);
    expect(await page.getByRole('img', { name: /時間帯別/ }).locator('.kpi-bar').count()).toBe(24);
    expect(await page.locator('[data-kpi="received"]').first().textContent()).toBe('3');
    expect(await page.locator('[data-kpi="rate"]').first().textContent()).toBe('100.0%');
    // Every enquiry has a category row (none has an FAQ entry yet: 未分類), the e-mail included.
    const categories = page.locator('table[data-table="categories"] tbody tr');
    expect(await categories.allTextContents()).toEqual(['未分類0' + '4' + '4']);
    // Four questions nobody asked before today.
    // (Grouped off the page's thread: the table comes once the grouping has answered.)
    await page.locator('table[data-table="new-questions"]').waitFor();
    const fresh = await page.locator('table[data-table="new-questions"] tbody tr').count();
    expect(fresh).toBeGreaterThanOrEqual(2);

    // The charts are drawn: named for a screen reader, with bars for the calls.
    const daily = page.getByRole('img', { name: '日別の受電数・応答数・放棄呼と応答率' });
    await daily.waitFor();
    expect(await daily.locator('.kpi-bar rect.bar').count()).toBeGreaterThanOrEqual(2);
    const hourly = page.getByRole('img', { name: /時間帯別の受電数・応答数・放棄呼と応答率/ });
    expect(await hourly.locator(`.kpi-bar[data-period="${hour}"] rect.bar`).count()).toBe(2);
    expect(await hourly.locator('circle').count()).toBe(1);
    expect(await unnamedControls(page)).toEqual([]);
    // Nothing of a caller or an id on the panel.
    const text = (await page.locator('.kpi-panel').textContent()) ?? '';
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|faq\.|enquiry-logged/);
    await screenshot(page, '15-kpi-ja');

    // On paper the panel prints (the FAQ screen otherwise prints the handbook).
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.kpi-panel').isVisible()).toBe(true);
    expect(await page.locator('.kpi-panel table').first().isVisible()).toBe(true);
    expect(await page.locator('#kpi-day').isVisible()).toBe(false);
    await screenshot(page, '15-kpi-print');
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'Call-centre figures' }).waitFor();
    expect(await cells(page, today)).toEqual([expect.any(String), 'Logged in Honbu', '3', '3', '0', '100.0%', '3 min 0 s']);
    await page.getByRole('img', { name: 'Calls received, answered and abandoned per day, with the answer rate' }).waitFor();
    await screenshot(page, '15-kpi-en');
    await context.close();
  });
});
