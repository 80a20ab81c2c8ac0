/**
 * Issue 15 item 2: the grouping gets some questions wrong, and the people reading the groups
 * correct it. A question is moved to a group of its own, another is moved into that group,
 * the same words logged later follow, one is put back where the grouping puts it, and the
 * moves hold after a lock — in Japanese and English. The form keeps the keyboard's place, and
 * a group chosen that is gone by the time 移す is pressed is said, never swapped for another.
 * A question moved out of a group that was made an FAQ entry is no longer answered by it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unnamedControls } from './a11y';
import { createWorkspace, fileFirstReport, lockAndUnlockInEnglish } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const NOT_ARRIVED = 'お詫びの品がまだ届きません';
const NOT_COME = '品物がまだ来ないのですが';
const ENQUIRIES = ['お詫びの品はいつ届きますか', 'お詫びの品はいつもらえますか', NOT_ARRIVED, NOT_COME, '退会したいです', '退会の手続きを教えてください', '会員をやめたい'];

async function logEnquiries(page: Page, texts: readonly string[], from: number) {
  const question = page.getByLabel('お問い合わせの内容');
  for (const [i, text] of texts.entries()) {
    await question.fill(text);
    await question.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: `（${from + i}件目）` }).waitFor();
  }
}

async function openGroups(page: Page, name = 'グループ', all = 'すべてのグループ') {
  await page.getByRole('navigation', { name: /問い合わせ・FAQ の画面|Enquiry and FAQ screens/ }).getByRole('button', { name, exact: true }).click();
  await page.getByText(/グループ分け中|Grouping enquiries/).waitFor({ state: 'detached', timeout: 60_000 });
  await page.getByRole('button', { name: all }).click();
}

/** The group (as listed) that holds `text`, and how many of its questions read `text`. */
const groupHolding = (page: Page, text: string) => page.locator('li.group').filter({ has: page.locator('ul.members > li > span.question', { hasText: text }) });
const questionsIn = async (page: Page, groupLabel: string) => page.getByRole('listitem', { name: `グループ: ${groupLabel}`, exact: true }).locator('ul.members > li > span.question').allTextContents();

async function move(page: Page, text: string, to: { label: string } | 'own' | 'automatic', words = { move: '移す', to: '移す先' }) {
  const member = page.locator('ul.members > li').filter({ has: page.locator('span.question', { hasText: text }) }).first();
  await member.getByRole('button', { name: `${words.move}: ${text}` }).click();
  const form = page.getByRole('group', { name: `${words.move}: ${text}` });
  const choose = form.getByLabel(words.to);
  await choose.selectOption(typeof to === 'string' ? to : { label: to.label });
  await form.getByRole('button', { name: words.move, exact: true }).click();
  await form.waitFor({ state: 'detached' });
}

describe('moving a question the grouping got wrong', () => {
  it('holds the moves people made, for the same words logged later, and after a lock', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    await fileFirstReport(page, 'お詫びの品の発送遅れ');
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    await logEnquiries(page, ENQUIRIES, 1);
    await openGroups(page);
    expect(await groupHolding(page, NOT_ARRIVED).count()).toBe(1);

    // "Not arrived" needs its own answer: a group of its own, labelled with its words.
    await move(page, NOT_ARRIVED, 'own');
    await page.getByRole('status').filter({ hasText: `「${NOT_ARRIVED}」を「新しいグループ」に移しました。` }).waitFor();
    expect(await questionsIn(page, NOT_ARRIVED)).toEqual([NOT_ARRIVED]);
    const own = page.getByRole('listitem', { name: `グループ: ${NOT_ARRIVED}`, exact: true });
    expect(await own.getByText('手で移動').count()).toBe(1);

    // The same question in other words joins it.
    await move(page, NOT_COME, { label: `${NOT_ARRIVED}（1 件）` });
    expect(await questionsIn(page, NOT_ARRIVED)).toEqual([NOT_ARRIVED, NOT_COME]);
    expect(await groupHolding(page, NOT_COME).count()).toBe(1);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'faq-move-ja');

    // Moved into another group and then into the group it came from: back where the grouping puts it, untagged.
    await move(page, '会員をやめたい', { label: 'お詫びの品はいつ届きますか（2 件）' });
    expect(await questionsIn(page, 'お詫びの品はいつ届きますか')).toContain('会員をやめたい');
    await move(page, '会員をやめたい', { label: '退会したいです（2 件）' });
    expect(await questionsIn(page, '退会したいです')).toContain('会員をやめたい');
    expect(await page.getByRole('listitem', { name: 'グループ: 退会したいです', exact: true }).getByText('手で移動').count()).toBe(0);

    // The same words logged tomorrow go where the person put them.
    await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name: '受付', exact: true }).click();
    await logEnquiries(page, [NOT_ARRIVED], ENQUIRIES.length + 1);
    await openGroups(page);
    await expect.poll(() => questionsIn(page, NOT_ARRIVED)).toEqual([NOT_ARRIVED, NOT_COME, NOT_ARRIVED]);

    // Put back: it leaves the group it was moved into.
    await move(page, NOT_COME, 'automatic');
    expect(await questionsIn(page, NOT_ARRIVED)).toEqual([NOT_ARRIVED, NOT_ARRIVED]);
    expect(await groupHolding(page, NOT_COME).count()).toBe(1);

    // After a lock the grouping is made afresh; the moves are stored with the log and hold.
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await lockAndUnlockInEnglish(page);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Incidents' }).click();
    await page.getByText('お詫びの品の発送遅れ').first().click();
    await page.getByRole('tab', { name: 'Enquiries & FAQ' }).click();
    await openGroups(page, 'Groups', 'All groups');
    const ownEn = page.getByRole('listitem', { name: `Group: ${NOT_ARRIVED}`, exact: true });
    expect(await ownEn.locator('ul.members > li > span.question').allTextContents()).toEqual([NOT_ARRIVED, NOT_ARRIVED]);
    expect(await ownEn.getByText('moved by hand').count()).toBe(1);
    await ownEn.getByRole('button', { name: `Move: ${NOT_ARRIVED}` }).first().click();
    expect(await ownEn.getByRole('group', { name: `Move: ${NOT_ARRIVED}` }).getByLabel('Move to').locator('option', { hasText: 'Back to the automatic grouping' }).count()).toBe(1);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'faq-move-en');
    await context.close();
  });

  it('a question moved out of a group that was made an FAQ entry is unanswered again, in the group it joined', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    await fileFirstReport(page, 'お詫びの品の発送遅れ');
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    await logEnquiries(page, ENQUIRIES, 1);
    await openGroups(page);
    const label = (await groupHolding(page, '退会の手続きを教えてください').locator('h3').textContent())!;
    // The group becomes an FAQ entry: its questions count as answered.
    await page.getByRole('button', { name: `FAQ にする: ${label}` }).click();
    await page.getByLabel('回答（差し込み項目を使えます）').fill('会員ページの「退会」からお手続きいただけます。');
    await page.getByRole('button', { name: '保存（新しい版）' }).click();
    await page.getByRole('button', { name: '一覧へ戻る' }).click();
    await openGroups(page, 'グループ', '未回答のグループ');
    expect(await groupHolding(page, '退会の手続きを教えてください').count()).toBe(0);

    // The procedure is another question than the one answered: a group of its own, waiting for an answer.
    await page.getByRole('button', { name: 'すべてのグループ' }).click();
    await move(page, '退会の手続きを教えてください', 'own');
    await page.getByRole('button', { name: '未回答のグループ' }).click();
    await groupHolding(page, '退会の手続きを教えてください').waitFor();
    expect(await page.getByRole('button', { name: 'FAQ にする: 退会の手続きを教えてください' }).count()).toBe(1);
    // The entry's own group stays answered.
    expect(await page.getByRole('listitem', { name: `グループ: ${label}`, exact: true }).count()).toBe(0);
    await context.close();
  });

  it('says so when the group chosen is gone before 移す is pressed, and keeps the keyboard in place', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    await fileFirstReport(page, 'お詫びの品の発送遅れ');
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    await logEnquiries(page, [...ENQUIRIES, 'クレジットカードの不正利用が心配です'], 1);
    await openGroups(page);
    const listed = () => page.locator('li.group').evaluateAll((els) => els.map((el) => ({ label: el.querySelector('h3')!.textContent!, questions: [...el.querySelectorAll('ul.members > li > span.question')].map((q) => q.textContent!) })));
    const before = await listed();
    const single = before.find((g) => g.questions.length === 1)!;
    const big = before.find((g) => g.questions.length >= 2)!;
    const x = before.find((g) => g !== single && g !== big && g.questions.length >= 2)!.questions.at(-1)!;
    const member = (text: string) => page.locator('ul.members > li').filter({ has: page.locator('span.question', { hasText: text }) }).first();
    const focused = () => page.evaluate(() => ({ tag: document.activeElement?.tagName ?? '', label: document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '' }));

    // Opened from the keyboard: the keyboard is in the form; cancelled: back on the question's 移す.
    await member(x).getByRole('button', { name: `移す: ${x}` }).focus();
    await page.keyboard.press('Enter');
    const formX = page.getByRole('group', { name: `移す: ${x}` });
    await formX.waitFor();
    expect((await focused()).tag).toBe('SELECT');
    await formX.getByRole('button', { name: 'やめる' }).focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toEqual({ tag: 'BUTTON', label: `移す: ${x}` });

    // x's form chooses the one-question group; meanwhile that question moves into another group.
    await member(x).getByRole('button', { name: `移す: ${x}` }).click();
    await formX.getByLabel('移す先').selectOption({ label: `${single.label}（1 件）` });
    const t = single.questions[0]!;
    await member(t).getByRole('button', { name: `移す: ${t}` }).click();
    const formT = page.getByRole('group', { name: `移す: ${t}` });
    await formT.getByLabel('移す先').selectOption({ label: `${big.label}（${big.questions.length} 件）` });
    await formT.getByRole('button', { name: '移す', exact: true }).click();
    await formT.waitFor({ state: 'detached' });
    await formX.getByRole('button', { name: '移す', exact: true }).click();
    await formX.getByRole('alert').filter({ hasText: '選んだグループが変わりました。移す先を選び直してください。' }).waitFor();
    // Nothing moved: x is where it was, not alone in a group nobody chose.
    expect((await listed()).find((g) => g.questions.includes(x))!.questions.length).toBeGreaterThan(1);
    await context.close();
  });
});
