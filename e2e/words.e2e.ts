/**
 * Issue 18 items 13–14 and issue 10 items 15 and 17, as a keyboard user and an English
 * reader meet them: focus lands on the new content (first report form, the incident after
 * filing, a follow-up report) and stays on a board card moved with the arrow keys; every
 * incident tab fits a 1280×800 window in English, with the boards in English; the timeline
 * names every entry in words and its type filter is grouped; a status line follows the
 * language switch.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createWorkspace } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

/** What has focus, as a person would describe it: its role-ish tag and its text or label. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60)}`;
  });
}

async function pressUntilFocused(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (name.test(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`never reached ${name} by Tab; focus is on ${await focused(page)}`);
}

async function fileFirstReportByKeyboard(page: Page, title: string) {
  await pressUntilFocused(page, /^button:第一報を登録する$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '第一報', level: 1 }).waitFor();
  // Focus is on the new form, not left at the top of the page.
  expect(await focused(page)).toBe('h1:第一報');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(/^input:/);
  await page.keyboard.type(title);
  await page.getByLabel('シナリオ（ボードのテンプレート）').selectOption('lost-device');
  await page.getByLabel('確定件数').fill('120');
  await page.getByLabel('最大件数（可能性）').fill('300');
  await page.getByRole('button', { name: '第一報を登録' }).focus();
  await page.keyboard.press('Enter');
}

describe('keyboard focus and English words', () => {
  it('keeps focus on the new content and on a moved card', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url);
    await fileFirstReportByKeyboard(page, '営業用ノートPCの紛失');

    // After filing, the incident's board has focus (its heading), not the top of the page.
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h2:方針指導ボード');

    // A card moved with → keeps focus; a second → moves it again.
    await page.getByRole('button', { name: /封じ込め/ }).click();
    await page.getByRole('heading', { name: '封じ込めボード' }).waitFor();
    const card = page.getByRole('listitem', { name: /^端末をリモートでロックし、データを消去する/ });
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('region', { name: /対応中/ }).getByRole('listitem', { name: /端末をリモートでロック/ }).waitFor();
    await expect.poll(() => focused(page)).toBe('li:端末をリモートでロックし、データを消去する — 対応中');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('region', { name: /保留/ }).getByRole('listitem', { name: /端末をリモートでロック/ }).waitFor();
    await expect.poll(() => focused(page)).toBe('li:端末をリモートでロックし、データを消去する — 保留');
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('region', { name: /対応中/ }).getByRole('listitem', { name: /端末をリモートでロック/ }).waitFor();
    await expect.poll(() => focused(page)).toBe('li:端末をリモートでロックし、データを消去する — 対応中');

    // A follow-up report: after submitting, focus goes to what was filed.
    await page.getByRole('tab', { name: '概要・報告' }).click();
    await page.getByLabel('何を（What）').fill('顧客リスト');
    await page.getByRole('button', { name: '第2報を提出' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('第2報を提出しました。').waitFor();
    await expect.poll(() => focused(page)).toMatch(/^(h3|section|li|article|p|span):.*第2報/);
    await context.close();
  });

  it('fits every incident tab in a 1280×800 window in English, boards and templates in English', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url);
    await page.getByRole('button', { name: '第一報を登録する' }).click();
    await page.getByLabel('件名').fill('Lost laptop');
    await page.getByLabel('シナリオ（ボードのテンプレート）').selectOption('unauthorised-access');
    await page.getByRole('button', { name: '第一報を登録' }).click();
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'Direction board' }).waitFor();

    const tabs = page.getByRole('tab');
    const names = await tabs.allTextContents();
    expect(names).toHaveLength(10);
    for (const name of names) {
      await page.getByRole('tab', { name, exact: true }).click();
      await page.waitForTimeout(150);
      const widths = await page.evaluate(() => {
        const list = document.querySelector<HTMLElement>('[role="tablist"]')!;
        const rows = new Set([...list.querySelectorAll<HTMLElement>('[role="tab"]')].map((x) => x.offsetTop)).size;
        return { page: document.documentElement.scrollWidth, window: window.innerWidth, tabs: list.scrollWidth, column: list.clientWidth, rows };
      });
      expect(widths.tabs, `${name}: the tab bar is wider than its column`).toBeLessThanOrEqual(widths.column);
      expect(widths.page, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(widths.window);
      expect(widths.rows, `${name}: the tabs take more than one row`).toBe(1);
    }
    await page.getByRole('tab', { name: 'Boards' }).click();
    await page.getByRole('heading', { name: 'Direction board' }).waitFor();
    await page.getByRole('button', { name: 'Edit Have the contractor establish the facts and investigate' }).waitFor();
    const boardText = await page.locator('.board').innerText();
    expect(boardText).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await screenshot(page, 'words-01-tabs-en');

    await page.getByRole('button', { name: 'Edit Have the contractor establish the facts and investigate' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('Another company’s response');
    expect(await dialog.innerText()).not.toMatch(/§|\b00[0-4]\b/);
    await screenshot(page, 'words-02-task-en');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Unauthorised access to a site run by a contractor' }).waitFor();
    await context.close();
  });

  it('shows a status line in the language on screen, also after switching', async () => {
    const { context, page } = await newPage(env.browser);
    await page.goto(env.server.url);
    await page.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor();
    await page.getByRole('button', { name: 'ワークスペースを作成' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('氏名を入力してください。');
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'Create the workspace' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Enter your name.');
    await page.getByRole('button', { name: '日本語に切り替え' }).click();

    await createWorkspace(page, env.server.url);
    await page.getByRole('button', { name: '第一報を登録する' }).click();
    await page.getByLabel('件名').fill('営業用ノートPCの紛失');
    await page.getByRole('button', { name: '第一報を登録' }).click();
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV（UTF-8）' }).click();
    await download;
    expect(await page.getByRole('status').textContent()).toMatch(/1/);
    const before = await page.getByRole('status').textContent();
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'Incident history' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Incidents exported: 1.');
    expect(before).not.toBe('Incidents exported: 1.');
    await context.close();
  });
});
