/**
 * Issue 15 item 7: a lost laptop turns out to be unauthorised access. The new scenario's
 * tasks join the boards (the common ones not twice), due from now; the scenario changes, and
 * with it what the regulator screen assumes; the timeline says what was added.
 */
import { describe, expect, it } from 'vitest';
import { unnamedControls } from './a11y';
import { createWorkspace, fileLostDeviceIncident } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();
const ACCESS = '委託先が運営するサイトへの不正アクセス';

describe('a scenario that turns out different', () => {
  it('adds the new scenario’s tasks to the boards of the incident under way', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await fileLostDeviceIncident(page, '営業PCの紛失');
      const phases = page.getByRole('navigation', { name: 'フェーズ' });
      const countOf = async (phase: RegExp) => (await phases.getByRole('button', { name: phase }).textContent()) ?? '';
      const containmentBefore = await countOf(/封じ込め/);

      // Before: the regulator screen assumes nothing about an improper purpose.
      await page.getByRole('tab', { name: '公表・当局報告' }).click();
      await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '当局報告' }).click();
      await page.getByRole('group', { name: /不正の目的/ }).waitFor();
      expect(await page.getByText(`シナリオ「${ACCESS}」から`).count()).toBe(0);

      await page.getByRole('tab', { name: 'ボード' }).click();
      await page.getByRole('button', { name: 'シナリオが変わったとき…' }).click();
      const dialog = page.getByRole('dialog', { name: 'シナリオのタスクを追加' });
      await dialog.getByLabel('シナリオ', { exact: true }).selectOption({ label: ACCESS });
      const heading = await dialog.getByRole('heading', { level: 3 }).textContent();
      const n = Number(/(\d+)/.exec(heading ?? '')![1]);
      expect(n).toBeGreaterThan(0);
      expect(await dialog.getByRole('listitem').count()).toBe(n);
      // The tasks every scenario shares are on the board already and are said to be left out.
      await dialog.getByText(/すでにボードにある \d+ 件/).waitFor();
      expect(await dialog.getByRole('listitem').filter({ hasText: 'サイトを停止し、カード決済を止める' }).count()).toBe(1);
      // Due times count from now: the first report's one hour is not already past.
      const checkbox = dialog.getByRole('checkbox', { name: /シナリオも「委託先が運営するサイトへの不正アクセス」に変える/ });
      expect(await checkbox.isChecked()).toBe(true);
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '15-7-scenario-tasks');
      await dialog.getByRole('button', { name: `${n} 件を追加` }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: `タスク ${n} 件を追加しました。` }).waitFor();

      // On the boards: the containment board has the site's tasks, none overdue at once.
      await phases.getByRole('button', { name: /封じ込め/ }).click();
      await page.getByRole('button', { name: 'サイトを停止し、カード決済を止める を編集' }).waitFor();
      expect(await countOf(/封じ込め/)).not.toBe(containmentBefore);
      const card = page.getByRole('listitem').filter({ hasText: 'サイトを停止し、カード決済を止める' });
      expect(await card.locator('.badge.overdue').count()).toBe(0);

      // Adding it again: nothing new, and the dialog says so with a way out.
      await page.getByRole('button', { name: 'シナリオが変わったとき…' }).click();
      await dialog.getByLabel('シナリオ', { exact: true }).selectOption({ label: `${ACCESS} （現在のシナリオ）` });
      await dialog.getByRole('heading', { name: 'このシナリオのタスクは、すべてボードにあります' }).waitFor();
      expect(await dialog.getByRole('button', { name: 'シナリオだけ変える' }).isDisabled()).toBe(true);
      await dialog.getByRole('button', { name: 'やめる' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // The scenario changed: the regulator screen now assumes an improper purpose, and says why.
      await page.getByRole('tab', { name: '公表・当局報告' }).click();
      await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '当局報告' }).click();
      await page.getByText(`シナリオ「${ACCESS}」から「あり」としています。`).waitFor();

      // The timeline records what was added, in words.
      await page.getByRole('tab', { name: 'タイムライン' }).click();
      await page.getByText(`シナリオ「${ACCESS}」のタスク ${n} 件を追加`).waitFor();

      // In English: the same dialog in the reader's words.
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByRole('tab', { name: 'Boards' }).click();
      await page.getByRole('button', { name: 'When the scenario changes…' }).click();
      const en = page.getByRole('dialog', { name: 'Add a scenario’s tasks' });
      await en.getByLabel('Scenario', { exact: true }).selectOption('insider');
      await en.getByRole('heading', { name: /^\d+ tasks to add$/ }).waitFor();
      await screenshot(page, '15-7-scenario-tasks-en');
      await en.getByRole('button', { name: 'Cancel' }).click();
    } finally {
      await context.close();
    }
  });
});
