/**
 * Issue 15 item 4 (decision 033): an escalated enquiry → the callback queue → taken, a due
 * time set (a time already past is refused) → time passes → overdue in the queue and in
 * 私の対応 → the outcome with the answer → 「FAQにする」 → a draft entry with that question
 * and answer, linked to the enquiry, waiting for approval.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unnamedControls } from './a11y';
import { createWorkspace, fileLostDeviceIncident } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();
const QUESTION = 'ポイントは使えなくなりますか？　会員番号は１２３４５です';
const ANSWER = 'ポイントは引き続きご利用いただけます。';

async function faqPart(page: Page, name: string) {
  await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name, exact: true }).click();
}

/** A datetime-local value `minutes` from the page's (fake) now, in the browser's time zone. */
function localIn(page: Page, minutes: number): Promise<string> {
  return page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, minutes);
}

describe('callbacks (折り返し)', () => {
  it('an escalated enquiry is taken, falls overdue in My work, is answered and becomes a draft FAQ entry', async () => {
    const { context, page } = await newPage(env.browser);
    await page.clock.install();
    await createWorkspace(page, env.server.url, '山田 花子');
    await fileLostDeviceIncident(page, '会員サイトからの流出');

    // The operator could not answer: logged with エスカレーションが必要. The caller's name is outside Shift_JIS.
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    await page.getByLabel('お客様のお名前').fill('髙橋 𠮷子');
    await page.getByLabel('電話番号').fill('０９０-１２３４-５６７８');
    await page.getByRole('checkbox', { name: 'エスカレーションが必要' }).check();
    const question = page.getByLabel('お問い合わせの内容');
    await question.fill(QUESTION);
    await question.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: '件目' }).waitFor();

    // In the queue: nobody owns it yet; the default due time is the next day's noon.
    await faqPart(page, '折り返し');
    const item = page.getByRole('listitem', { name: `折り返し: ${QUESTION}` });
    await item.waitFor();
    expect(await item.textContent()).toContain('担当: 未定');
    expect(await item.textContent()).toContain('受付の翌日12時');
    // Direction may see the caller (an observer would not).
    expect(await item.textContent()).toContain('髙橋 𠮷子');
    await item.getByRole('button', { name: '自分が担当する' }).click();
    await item.getByText('担当: 山田 花子').waitFor();

    // A due time already past is refused and says why; five minutes ahead is taken.
    await item.getByLabel('折り返しの期限').fill(await localIn(page, -30));
    await item.getByRole('button', { name: '期限を変更' }).click();
    await item.getByRole('alert').filter({ hasText: '今より後の日時' }).waitFor();
    await item.getByLabel('折り返しの期限').fill(await localIn(page, 5));
    await item.getByRole('button', { name: '期限を変更' }).click();
    // The owner's "saved" may still be on screen: wait for the due time itself to change.
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).not.toContain('受付の翌日12時');
    await item.getByRole('status').filter({ hasText: '保存しました。' }).first().waitFor();
    await page.getByRole('button', { name: '自分の担当' }).click();
    await item.waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'callcentre-escalate-01-queue-ja');

    // Time passes: 70 minutes, in steps with some activity so the workspace does not lock itself.
    for (let i = 0; i < 7; i++) {
      await page.clock.fastForward('10:00');
      await page.mouse.move(100 + i, 100 + i);
    }
    await page.clock.runFor(31_000);
    await expect.poll(() => item.getAttribute('data-state')).toBe('overdue');
    expect(await item.textContent()).toContain('期限超過');
    expect(await item.textContent()).toContain('過ぎています');
    await screenshot(page, 'callcentre-escalate-02-overdue-ja');
    // The same queue in English, then back.
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    const itemEn = page.getByRole('listitem', { name: `Callback: ${QUESTION}` });
    expect(await itemEn.textContent()).toContain('Overdue');
    expect(await itemEn.textContent()).toContain('Owner: 山田 花子');
    await screenshot(page, 'callcentre-escalate-02-overdue-en');
    await page.getByRole('button', { name: '日本語に切り替え' }).click();

    // The team's deadlines show it too, with the way back to the queue.
    await page.getByRole('tab', { name: '期限・引き継ぎ' }).click();
    const dueCallbacks = page.getByRole('region', { name: '折り返しの期限' });
    await dueCallbacks.getByText(QUESTION).waitFor();
    expect(await dueCallbacks.textContent()).toContain('期限超過');
    expect(await dueCallbacks.textContent()).toContain('担当: 山田 花子');
    await screenshot(page, 'callcentre-escalate-02-deadlines-ja');
    await dueCallbacks.getByRole('button', { name: '折り返しを開く' }).click();
    await item.waitFor();

    // 私の対応: the overdue callback among the reminders due now and the deadlines.
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '私の対応' }).click();
    const due = page.getByRole('table', { name: '今お知らせしていること' }).locator('tbody tr').filter({ hasText: 'お客様への折り返し電話' });
    await due.waitFor();
    expect(await due.textContent()).toContain('期限超過');
    expect(await due.textContent()).toContain('会員サイトからの流出');
    // Content-free: the caller and the question stay on the callback screen.
    expect(await due.textContent()).not.toContain('髙橋');
    const deadline = page.getByRole('table', { name: '自分の期限（早い順）' }).locator('tbody tr').filter({ hasText: 'お客様への折り返し電話' });
    expect(await deadline.count()).toBe(1);
    await screenshot(page, 'callcentre-escalate-03-my-work-ja');

    // 事案を開く goes straight to the callbacks; record the outcome with the answer.
    await due.getByRole('button', { name: '事案を開く' }).click();
    await item.waitFor();
    await item.getByLabel('結果', { exact: true }).selectOption('answered');
    await item.getByLabel('電話した回数').fill('２');
    await item.getByLabel('お客様に伝えた回答').fill(ANSWER);
    await item.getByRole('button', { name: '結果を記録' }).click();
    const done = page.getByRole('region', { name: '完了した折り返し' }).getByRole('listitem', { name: `折り返し: ${QUESTION}` });
    await done.waitFor();
    expect(await done.textContent()).toContain('折り返して回答した');
    expect(await done.textContent()).toContain(ANSWER);
    expect(await page.getByText('未完了の折り返しはありません。').count()).toBe(1);
    await screenshot(page, 'callcentre-escalate-04-done-ja');

    // FAQにする: the draft entry opens with the caller's question and the answer given.
    await done.getByRole('button', { name: 'FAQにする' }).click();
    await expect.poll(() => page.getByLabel('質問', { exact: true }).inputValue()).toBe(QUESTION);
    expect(await page.getByLabel('回答（差し込み項目を使えます）').inputValue()).toBe(ANSWER);
    await page.getByText('下書き').first().waitFor();
    await screenshot(page, 'callcentre-escalate-05-faq-draft-ja');
    // Back on the queue it says the draft exists and offers no second one.
    await faqPart(page, '折り返し');
    await done.getByText('FAQの下書きあり').waitFor();
    expect(await done.getByRole('button', { name: 'FAQにする' }).count()).toBe(0);

    // In English.
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('navigation', { name: 'Enquiry and FAQ screens' }).getByRole('button', { name: 'Callbacks', exact: true }).click();
    await page.getByRole('heading', { name: 'Callbacks', level: 2 }).waitFor();
    expect(await page.getByRole('region', { name: 'Done' }).textContent()).toContain('Called back and answered');
    await screenshot(page, 'callcentre-escalate-06-done-en');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'My work' }).click();
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await context.close();
  });
});
