/**
 * Issue 15 item 2 through the real screens: enquiries as a call-centre vendor logs them —
 * the same question behind different openings (「お客様より：」「すみません、」), endings and
 * scripts (kanji, hiragana, half-width) — land in one group on the groups screen, and a
 * different question stays apart. Each clause is analysed once (grouping-analysis.test.ts
 * counts that); here the screen shows the groups it gives, in Japanese and in English.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unnamedControls } from './a11y';
import { createWorkspace, fileFirstReport } from './flows';
import { newPage, useBrowserAndServer, screenshot } from './harness';

const env = useBrowserAndServer();

const CARD = ['お客様より：クレジットカードは漏れましたか？', 'すみません、クレジットカードは漏れましたか', 'ｸﾚｼﾞｯﾄｶｰﾄﾞﾊﾓﾚﾏｼﾀｶ…', 'お客様より：カードの番号も流出したの？'];
const GIFT = ['お客様より：お詫びの品がまだ届かない', 'すみません、おわびのしなが届いていません！', 'お詫びの品が来てないんですが'];

async function faqPart(page: Page, name: string) {
  await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name, exact: true }).click();
}

describe('call-centre enquiries grouped', () => {
  it('puts one question in one group whatever opening, ending or script the vendor logged', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    await page.getByRole('button', { name: '設定' }).click();
    await page.getByRole('checkbox', { name: '方針指導' }).check();
    await page.getByRole('button', { name: 'プロフィールを保存' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await fileFirstReport(page, '会員サイトからの個人情報流出', { confirmed: '12000' });

    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    const question = page.getByLabel('お問い合わせの内容');
    for (const [i, text] of [...CARD, ...GIFT].entries()) {
      await question.fill(text);
      await question.press('Control+Enter');
      await page.getByRole('status').filter({ hasText: `（${i + 1}件目）` }).waitFor();
    }

    await faqPart(page, 'グループ');
    // Grouped off the page's thread, once its dictionary has loaded.
    await page.getByText('グループ分け中', { exact: false }).waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByRole('button', { name: 'すべてのグループ' }).click();
    const groupOf = (text: string) => page.locator('li.group').filter({ has: page.getByText(text, { exact: true }) }).filter({ has: page.getByRole('button', { name: /^FAQ にする/ }) });
    const card = groupOf(CARD[0]!);
    for (const text of CARD) expect(await card.locator('.members').getByText(text, { exact: true }).count(), text).toBe(1);
    const gift = groupOf(GIFT[0]!);
    for (const text of GIFT) expect(await gift.locator('.members').getByText(text, { exact: true }).count(), text).toBe(1);
    // The two questions are not one group.
    for (const text of GIFT) expect(await card.locator('.members').getByText(text, { exact: true }).count(), text).toBe(0);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'callcentre-grouping15b-ja');

    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.locator('li.group').first().waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'callcentre-grouping15b-en');
    await context.close();
  });
});
