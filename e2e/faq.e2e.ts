/**
 * Issue 5 end to end: 48 Japanese enquiries across channels are logged by keyboard, form
 * sensible groups, three become approved FAQ entries; operators find them from kana,
 * kanji and half-width; a changed count makes the entry quoting it stale until it is
 * approved again; the published HTML carries the new figure and nothing stale.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FIXTURE_ENQUIRIES } from '../shared/faq/enquiries.fixture';
import { ENQUIRY_CHANNELS } from '../shared/faq/model';
import { unnamedControls } from './a11y';
import { createWorkspace } from './flows';
import { newPage, useBrowserAndServer, screenshot } from './harness';

const env = useBrowserAndServer();

const CHANNEL_LABELS = ['電話', 'メール', 'Webフォーム', '手紙', '来訪'];

async function faqPart(page: Page, name: string) {
  await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name, exact: true }).click();
}

/** Turns the group holding `member` into an approved FAQ entry. */
async function entryFromGroup(page: Page, member: string, answer: string, reading: string) {
  await faqPart(page, 'グループ');
  await page.getByRole('button', { name: 'すべてのグループ' }).click();
  const group = page.getByRole('listitem').filter({ has: page.getByText(member, { exact: true }) }).filter({ has: page.getByRole('button', { name: /^FAQ にする/ }) });
  await group.getByRole('button', { name: /^FAQ にする/ }).click();
  const variants = page.getByLabel('言い換え（1行に1つ）');
  await variants.fill(`${await variants.inputValue()}\n${reading}`);
  await page.getByLabel('回答（差し込み項目を使えます）').fill(answer);
  await page.getByRole('button', { name: '保存（新しい版）' }).click();
  await page.getByRole('button', { name: '承認する' }).click();
  await page.getByText(/^承認 /).waitFor();
  await page.getByRole('button', { name: '一覧へ戻る' }).click();
}

async function search(page: Page, query: string): Promise<string[]> {
  await page.getByLabel('質問を入力して検索').fill(query);
  await page.getByRole('status').first().waitFor();
  return page.locator('.answers > li h3').allTextContents();
}

describe('enquiry log and FAQ', () => {
  it('turns 48 enquiries into one approved answer for everyone, kept current with the facts', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    // Only direction approves answers.
    await page.getByRole('button', { name: '設定' }).click();
    await page.getByRole('checkbox', { name: '方針指導' }).check();
    await page.getByRole('button', { name: 'プロフィールを保存' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await page.getByRole('button', { name: '第一報を登録する' }).click();
    await page.getByLabel('件名').fill('会員サイトからの個人情報流出');
    for (const item of ['氏名', '住所', 'メールアドレス']) await page.getByRole('checkbox', { name: item }).check();
    await page.getByLabel('確定件数').fill('12000');
    await page.getByLabel('最大件数（可能性）').fill('20000');
    await page.getByRole('button', { name: '第一報を登録' }).click();
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();

    // Log the enquiries with the keyboard only.
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    const question = page.getByLabel('お問い合わせの内容');
    for (const [i, e] of FIXTURE_ENQUIRIES.entries()) {
      await page.getByLabel('受付方法').selectOption(ENQUIRY_CHANNELS[i % ENQUIRY_CHANNELS.length]!);
      await question.fill(e.text);
      await question.press('Control+Enter');
      await page.getByRole('status').filter({ hasText: `（${i + 1}件目）` }).waitFor();
    }
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '50-enquiry-form');
    await faqPart(page, '一覧');
    expect(await page.getByRole('table').getByRole('row').count()).toBe(FIXTURE_ENQUIRIES.length + 1);
    const chart = await page.getByRole('img', { name: /日別・受付方法別の件数/ }).getAttribute('aria-label');
    expect(chart).toContain(`: ${FIXTURE_ENQUIRIES.length}`);
    for (const label of CHANNEL_LABELS) expect(await page.getByRole('table').getByRole('cell', { name: label, exact: true }).count(), label).toBeGreaterThan(5);
    await screenshot(page, '51-enquiry-list');

    // Sensible groups: the same question in other words together, different questions apart.
    await faqPart(page, 'グループ');
    // Grouped off the page's thread: wait for the first grouping.
    await page.getByText('グループ分け中', { exact: false }).waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByRole('button', { name: 'すべてのグループ' }).click();
    const groupOf = (text: string) => page.getByRole('listitem').filter({ has: page.getByText(text, { exact: true }) }).filter({ has: page.getByRole('button', { name: /^FAQ にする/ }) });
    const together = async (a: string, b: string) => expect(await groupOf(a).getByText(b, { exact: true }).count()).toBe(1);
    const apart = async (a: string, b: string) => expect(await groupOf(a).getByText(b, { exact: true }).count()).toBe(0);
    await together('クレジットカード情報は漏えいしましたか', 'ｸﾚｼﾞｯﾄｶｰﾄﾞの番号は漏れていませんか');
    await together('問い合わせ窓口の電話がつながらない', 'コールセンターに電話しても繋がりません');
    await together('パスワードを変更したほうがいいですか', 'ﾊﾟｽﾜｰﾄﾞは変更すべき？');
    await together('なぜ漏えいしたのか', '漏洩の原因は何ですか');
    await apart('クレジットカード情報は漏えいしましたか', 'お詫びの品はありますか');
    await apart('退会したいです', '補償はありますか');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '52-groups');

    // Three entries from groups, approved by direction.
    await entryFromGroup(page, 'クレジットカード情報は漏えいしましたか', 'クレジットカード情報は含まれておりません。流出した可能性がある情報は{{itemsLeaked}}です。', 'くれじっとかーど');
    await entryFromGroup(page, '私の情報は漏れていますか', '対象となる可能性があるお客様は最大{{maxCount}}名です。個別にご連絡いたします。', 'たいしょうしゃ');
    await entryFromGroup(page, '何件漏れたのですか', '現在、流出が確認されているのは{{confirmedCount}}件です。', 'けんすう');
    expect(await page.getByRole('table').getByText('承認済み').count()).toBe(3);
    await screenshot(page, '53-faq-list');

    // The operator finds each entry from kana, kanji and half-width.
    await faqPart(page, 'オペレーター検索');
    const card = /クレジットカード/;
    for (const q of ['くれじっと', 'ｸﾚｼﾞｯﾄ', '番号']) expect((await search(page, q))[0], q).toMatch(card);
    for (const q of ['たいしょうしゃ', 'ﾀｲｼｮｳｼｬ', '対象']) expect((await search(page, q)).some((h) => /情報|対象/.test(h)), q).toBe(true);
    for (const q of ['けんすう', 'ｹﾝｽｳ', '件数']) expect((await search(page, q)).some((h) => /件/.test(h)), q).toBe(true);
    await search(page, '件数');
    expect(await page.getByRole('listitem', { name: /件/ }).first().textContent()).toContain('12,000件');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '54-operator');

    // The confirmed count changes: only the entry quoting it goes stale, and the operator is warned.
    await page.getByRole('tab', { name: '概要・報告' }).click();
    await page.getByRole('button', { name: '事実を更新' }).click();
    await page.getByRole('form', { name: '事実を更新' }).getByLabel('確定件数').fill('12,480');
    await page.getByRole('button', { name: '事実を保存' }).click();
    await page.getByRole('status').filter({ hasText: '事実を更新しました。' }).waitFor();
    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    await faqPart(page, 'FAQ');
    expect(await page.getByRole('table').getByText('要再承認').count()).toBe(1);
    expect(await page.getByRole('table').getByText('承認済み').count()).toBe(2);
    await faqPart(page, 'オペレーター検索');
    await search(page, '件数');
    const stale = page.getByRole('listitem', { name: /件/ }).first();
    expect(await stale.getByRole('alert').textContent()).toContain('確定件数');
    await screenshot(page, '55-operator-stale');
    await faqPart(page, '整合性チェック');
    expect(await page.getByRole('table').getByText('古い').count()).toBe(1);
    await screenshot(page, '56-consistency');

    // Re-approval clears it; the published page carries the new figure and nothing stale.
    await faqPart(page, 'FAQ');
    await page.getByRole('table').getByRole('row').filter({ hasText: '要再承認' }).getByRole('button').click();
    await page.getByRole('alert').filter({ hasText: '承認後に事実が変わりました' }).waitFor();
    await page.getByRole('button', { name: '承認する' }).click();
    await page.getByRole('alert').filter({ hasText: '承認後に事実が変わりました' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '一覧へ戻る' }).click();
    expect(await page.getByRole('table').getByText('要再承認').count()).toBe(0);
    await faqPart(page, 'オペレーター検索');
    await search(page, '件数');
    expect(await page.getByRole('listitem', { name: /件/ }).first().getByRole('alert').count()).toBe(0);
    await faqPart(page, 'FAQ');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Web 用 HTML' }).click()]);
    const html = await readFile((await download.path())!, 'utf8');
    expect(html).toContain('12,480件');
    expect(html).not.toContain('12,000件');
    expect(html).toContain('最大20,000名');
    expect(html).toMatch(/第\d+版/);
    expect(html).not.toMatch(/<script/i);

    // The same part in English: every control still named.
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('navigation', { name: 'Enquiry and FAQ screens' }).getByRole('button', { name: 'Consistency' }).click();
    await page.getByRole('heading', { name: 'Consistency check' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByRole('tab', { name: 'Disclosure & regulator' }).click();
    await page.getByRole('heading', { name: 'Assessment' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '57-regulator-en');
    await context.close();
  });
});
