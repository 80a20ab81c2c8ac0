/**
 * The FAQ approval's check for a caller's details, end to end (decision 067, last addenda): a
 * refusal names the words to take out (Japanese and English); the company's own return
 * address, once in Settings → 会社情報, is approved; an answer approved with it that no longer
 * matches the profile is held back from the vendor with its words named, and a way to the entry.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unnamedControls } from './a11y';
import { createWorkspace, fileFirstReport, takeDirectionRole } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

async function faqPart(page: Page, name: string) {
  await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name, exact: true }).click();
}

async function companyAddress(page: Page, postcode: string, address: string) {
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('button', { name: '設定' }).click();
  await page.locator('#company-name').fill('株式会社サンプル');
  await page.locator('#company-postcode').fill(postcode);
  await page.locator('#company-address').fill(address);
  await page.getByRole('button', { name: '会社情報を保存' }).click();
  await page.getByRole('status').filter({ hasText: '保存しました。' }).first().waitFor();
  await menu.getByRole('button', { name: 'インシデント' }).click();
  await page.getByRole('row').getByRole('button').first().click();
  await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
}

const RETURN = 'お手数ですが、〒100-0005 東京都千代田区丸の内1-1-1 本社ビル5階 お客様相談室 宛に着払いでご返送ください。';

describe('the FAQ approval names the words it refuses for', () => {
  it('refused with the words; the company’s address approved once in the profile; held back from the vendor when it no longer is', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '髙橋 花子');
    await takeDirectionRole(page);
    await fileFirstReport(page, '会員サイトからの個人情報流出', { leaked: ['氏名', '住所'], confirmed: '12000' });
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();

    // A caller's room and phone number in an answer: refused, each named.
    await faqPart(page, 'FAQ');
    await page.getByRole('button', { name: '新しい FAQ' }).click();
    await page.getByLabel('質問', { exact: true }).fill('お詫び状が届きません');
    await page.getByLabel('分類', { exact: true }).fill('お詫び');
    await page.getByLabel('回答（差し込み項目を使えます）').fill('佐藤様のお住まい（２０１号室）には、090-1234-5678 へご連絡のうえ再送します。');
    await page.getByRole('button', { name: '保存（新しい版）' }).click();
    await page.getByRole('heading', { name: 'お詫び状が届きません' }).waitFor();
    await page.getByRole('button', { name: '承認する' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'お客様の個人の情報と読める部分があります' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('回答に、電話番号・メールアドレス・住所のような、お客様の個人の情報と読める部分があります: 「２０１号室」、「090-1234-5678」。');
    await screenshot(page, 'faq-approval-words-1-refused');
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    const refusedEn = page.getByRole('alert').filter({ hasText: 'reads like a customer' });
    await refusedEn.waitFor();
    expect(await refusedEn.textContent()).toContain('“２０１号室”, “090-1234-5678”');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'faq-approval-words-2-refused-en');
    await page.getByRole('button', { name: '日本語に切り替え' }).click();
    await page.getByRole('button', { name: '一覧へ戻る' }).click();

    // The company's return address: refused until the profile holds it, then approved.
    await companyAddress(page, '100-0005', '東京都千代田区丸の内1丁目1番1号 本社ビル5階');
    await faqPart(page, 'FAQ');
    await page.getByRole('button', { name: '新しい FAQ' }).click();
    await page.getByLabel('質問', { exact: true }).fill('他人宛の書類が届きました');
    await page.getByLabel('分類', { exact: true }).fill('誤送付');
    await page.getByLabel('回答（差し込み項目を使えます）').fill(RETURN);
    await page.getByRole('button', { name: '保存（新しい版）' }).click();
    await page.getByRole('heading', { name: '他人宛の書類が届きました' }).waitFor();
    await page.getByRole('button', { name: '承認する' }).click();
    await page.getByText(/^承認 /).waitFor();
    await page.getByRole('button', { name: '一覧へ戻る' }).click();

    // The company moves: the answer's address is no longer its own. The handover holds it back.
    await companyAddress(page, '105-0001', '東京都港区虎ノ門2丁目2番2号');
    await faqPart(page, '委託先へのFAQ');
    const held = page.getByRole('note').filter({ hasText: '承認済みの回答に、お客様の個人の情報と読める部分があります' });
    await held.waitFor();
    expect(await held.textContent()).toContain('他人宛の書類が届きました（「〒100-0005」、「千代田区丸の内1-1-1」、「ビル5階」）');
    await screenshot(page, 'faq-approval-words-3-handover-held');
    await held.getByRole('button', { name: '開いて直す' }).click();
    await page.getByRole('heading', { name: '他人宛の書類が届きました' }).waitFor();
    await context.close();
  });
});
