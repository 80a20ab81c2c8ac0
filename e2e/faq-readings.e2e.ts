/**
 * Issue 10 item 14 end to end, under the app's CSP: the reading dictionary loads from the
 * app's own assets; four wordings of "was my data leaked" in kanji, hiragana, half-width
 * and other words form one group whose chips are words; the operator finds that entry
 * from its readings (もれた, こじんじょうほう, ｺｼﾞﾝｼﾞｮｳﾎｳ, りゅうしゅつ) and じぶん finds 自分.
 * Keystroke-to-results time is measured in the browser.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unnamedControls } from './a11y';
import { createWorkspace, fileFirstReport } from './flows';
import { newPage, useBrowserAndServer, screenshot } from './harness';

const env = useBrowserAndServer();

const LEAKED = ['私の個人情報は漏れたのでしょうか', 'わたしのこじんじょうほうはもれたの？', 'ﾜﾀｼﾉｺｼﾞﾝｼﾞｮｳﾎｳﾊﾓﾚﾏｼﾀｶ', '自分のデータも流出したのか教えてほしい'];
const OTHERS = ['お詫びの品はありますか', 'ﾊﾟｽﾜｰﾄﾞﾍﾝｺｳｼﾀﾎｳｶﾞｲｲ？', 'パスワードは変えたほうがいいですか', '自分が対象か知りたい'];

async function faqPart(page: Page, name: string) {
  await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name, exact: true }).click();
}

async function entryFromGroup(page: Page, member: string, answer: string) {
  await faqPart(page, 'グループ');
  await page.getByRole('button', { name: 'すべてのグループ' }).click();
  const group = page.getByRole('listitem').filter({ has: page.getByText(member, { exact: true }) }).filter({ has: page.getByRole('button', { name: /^FAQ にする/ }) });
  await group.getByRole('button', { name: /^FAQ にする/ }).click();
  await page.getByLabel('質問', { exact: true }).fill(member);
  await page.getByLabel('言い換え（1行に1つ）').fill('');
  await page.getByLabel('回答（差し込み項目を使えます）').fill(answer);
  await page.getByRole('button', { name: '保存（新しい版）' }).click();
  await page.getByRole('button', { name: '承認する' }).click();
  await page.getByText(/^承認 /).waitFor();
  await page.getByRole('button', { name: '一覧へ戻る' }).click();
}

describe('FAQ by reading', () => {
  it('groups and finds kanji questions from their kana readings', async () => {
    const { context, page } = await newPage(env.browser);
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|wasm/i.test(m.text())) csp.push(m.text());
    });
    await createWorkspace(page, env.server.url, '山田 花子');
    await page.getByRole('button', { name: '設定' }).click();
    await page.getByRole('checkbox', { name: '方針指導' }).check();
    await page.getByRole('button', { name: 'プロフィールを保存' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await fileFirstReport(page, '会員サイトからの個人情報流出', { confirmed: '12000' });

    await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
    const question = page.getByLabel('お問い合わせの内容');
    for (const [i, text] of [...LEAKED, ...OTHERS].entries()) {
      await question.fill(text);
      await question.press('Control+Enter');
      await page.getByRole('status').filter({ hasText: `（${i + 1}件目）` }).waitFor();
    }

    // The dictionary loads from the app's assets under the CSP; the hint goes once it has.
    // Long main-thread tasks while the dictionary loads and the groups are recomputed.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    await faqPart(page, 'グループ');
    const started = Date.now();
    // The grouping worker loads its dictionary before its first grouping; the hint goes once it has grouped.
    await page.getByText('グループ分け中', { exact: false }).waitFor({ state: 'detached', timeout: 30_000 });
    const dictionaryMs = Date.now() - started;
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.map(Math.round));
    expect(await page.getByText('読みの辞書を読み込めなかった', { exact: false }).count()).toBe(0);
    expect(csp).toEqual([]);
    await page.getByRole('button', { name: 'すべてのグループ' }).click();
    const group = page.locator('li.group').filter({ has: page.getByText(LEAKED[0]!, { exact: true }) }).filter({ has: page.getByRole('button', { name: /^FAQ にする/ }) });
    for (const text of LEAKED) expect(await group.locator('.members').getByText(text, { exact: true }).count(), text).toBe(1);
    const chips = (await group.locator('.board-head .meta').textContent())!.split(' · ');
    expect(chips).toEqual(expect.arrayContaining(['漏れる', '個人', '情報']));
    for (const fragment of ['わた', 'しの', 'たか', 'じょ']) expect(chips).not.toContain(fragment);
    const pw = page.locator('li.group').filter({ has: page.getByText('パスワードは変えたほうがいいですか', { exact: true }) }).filter({ has: page.getByRole('button', { name: /^FAQ にする/ }) });
    expect(await pw.locator('.members').getByText('ﾊﾟｽﾜｰﾄﾞﾍﾝｺｳｼﾀﾎｳｶﾞｲｲ？', { exact: true }).count()).toBe(1);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '58-groups-readings');

    await entryFromGroup(page, LEAKED[0]!, '流出した可能性がある方には、個別にお知らせをお送りしています。');
    await entryFromGroup(page, '自分が対象か知りたい', '対象の方には{{confirmedCount}}件の範囲で個別にご連絡します。');

    await faqPart(page, 'オペレーター検索');
    // The page's own dictionary (search) loads when search first needs it: the groups have their own in the worker.
    await page.getByText('読み（かな）の辞書を読み込んでいます', { exact: false }).waitFor({ state: 'detached', timeout: 30_000 });
    const box = page.getByLabel('質問を入力して検索');
    const timings: number[] = [];
    const search = async (q: string): Promise<string[]> => {
      // Type as an operator does, one key at a time, timing each keystroke to its results.
      await box.fill('');
      for (const ch of [...q]) {
        const ms = await page.evaluate(async (c) => {
          const input = document.getElementById('op-search') as HTMLInputElement;
          const t0 = performance.now();
          const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          set.call(input, input.value + c);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => r(null)));
          return performance.now() - t0;
        }, ch);
        timings.push(ms);
      }
      await page.getByRole('status').first().waitFor();
      return page.locator('.answers > li h3').allTextContents();
    };
    for (const q of ['もれた', 'こじんじょうほう', 'ｺｼﾞﾝｼﾞｮｳﾎｳ', 'りゅうしゅつ', '漏洩', '個人情報', 'ろうえい']) expect((await search(q))[0], q).toBe(LEAKED[0]);
    expect((await search('じぶん'))).toContain('自分が対象か知りたい');
    await search('こじんじょうほう');
    await screenshot(page, '59-operator-readings');
    timings.sort((a, b) => a - b);
    const p95 = timings[Math.ceil(timings.length * 0.95) - 1]!;
    console.warn(JSON.stringify({ e2e: 'faq-readings', dictionaryMs, longTasksMs: longTasks, keystrokes: timings.length, keystrokeP95Ms: Math.round(p95 * 10) / 10, maxMs: Math.round(timings.at(-1)! * 10) / 10 }));
    // Keystroke to painted results, in Chromium on a loaded 2-core machine.
    expect(p95).toBeLessThan(100);

    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'Operator search' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '59-operator-readings-en');
    await context.close();
  });
});
