/** Scenario templates edited on screen, exported and imported as files; deadline notifications. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unnamedControls } from './a11y';
import { createWorkspace } from './flows';
import { newPage, useBrowserAndServer, screenshot, tempDir } from './harness';

const env = useBrowserAndServer();

describe('scenario templates', () => {
  it('are edited in the app, exported, and imported back with clear errors for a broken file', async () => {
    const { context, page } = await newPage(env.browser);
    const dir = await tempDir('tpl-');
    try {
      await createWorkspace(page, env.server.url);
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'テンプレート' }).click();
      await page.getByRole('heading', { name: 'シナリオテンプレート' }).waitFor();
      expect(await page.getByRole('listitem').filter({ hasText: 'PC・USBメモリの紛失・盗難' }).count()).toBe(1);
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '30-templates');

      // Edit on screen: rename, add a task with a checklist, save.
      await page.getByRole('button', { name: '編集: PC・USBメモリの紛失・盗難' }).click();
      await page.getByLabel('テンプレート名').fill('PC紛失（当社版）');
      await page.getByRole('button', { name: 'タスクを追加' }).click();
      const titles = page.getByLabel('タスク名');
      const last = (await titles.count()) - 1;
      await titles.nth(last).fill('情報システム部長に電話で報告する');
      await page.getByLabel('期限（発見から何時間後）').nth(last).fill('2');
      await page.getByLabel('チェックリスト（1行に1項目）').nth(last).fill('部長の携帯番号\n報告した時刻を記録');
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '31-template-editor');
      await page.getByRole('button', { name: 'テンプレートを保存' }).click();
      const card = page.getByRole('listitem').filter({ hasText: 'PC紛失（当社版）' });
      await card.waitFor();
      expect(await card.textContent()).toContain('編集済み');

      // Export to a file, then import an edited copy under a new id.
      const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: /ファイルに書き出す/ }).click()]);
      const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
      expect(exported.format).toBe('honbu-scenario-template');
      expect(exported.template.tasks.at(-1).title).toBe('情報システム部長に電話で報告する');
      exported.template.id = 'lost-device-branch';
      exported.template.name = '支店用 PC紛失';
      const good = join(dir.path, 'branch.json');
      await writeFile(good, JSON.stringify(exported, null, 2));
      await page.getByLabel('ファイルから読み込む').setInputFiles(good);
      await page.getByRole('status').filter({ hasText: '「支店用 PC紛失」を読み込みました。' }).waitFor();
      await page.getByRole('listitem').filter({ hasText: '支店用 PC紛失' }).waitFor();

      // A broken file: the error names the line and column, and nothing changes.
      const broken = join(dir.path, 'broken.json');
      await writeFile(broken, '{\n  "format": "honbu-scenario-template",\n  "formatVersion": 1\n  "template": {}\n}\n');
      await page.getByLabel('ファイルから読み込む').setInputFiles(broken);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/4行 3列/);
      expect(await page.getByRole('listitem').filter({ hasText: '支店用 PC紛失' }).count()).toBe(1);
      await screenshot(page, '32-template-import-error');

      // The edited template is offered when filing a first report.
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      const options = await page.getByLabel('シナリオ（ボードのテンプレート）').locator('option').allTextContents();
      expect(options).toContain('PC紛失（当社版）');
      expect(options).toContain('支店用 PC紛失');
      await context.close();
    } finally {
      await dir.remove();
    }
  });
});

describe('deadline notifications', () => {
  it('tell the task\'s owner, and nobody else, when it falls due', async () => {
    const { context, page } = await newPage(env.browser);
    await page.addInitScript(() => {
      const shown: { title: string; body: string }[] = [];
      (window as unknown as { shown: typeof shown }).shown = shown;
      class FakeNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        constructor(title: string, options: { body: string }) {
          shown.push({ title, body: options.body });
        }
      }
      (window as unknown as { Notification: unknown }).Notification = FakeNotification;
    });
    await page.clock.install();
    await createWorkspace(page, env.server.url);
    // Auto-lock would otherwise close the workspace during the hour we skip; no advance warning, only at due.
    await page.getByRole('button', { name: '設定' }).click();
    await page.getByLabel('操作がないときに自動でロックするまでの時間').selectOption('60');
    await page.getByLabel('自分の期限を何分前に知らせるか').selectOption('0');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await page.getByRole('button', { name: '第一報を登録する' }).click();
    await page.getByLabel('件名').fill('誤送信');
    await page.getByLabel('シナリオ（ボードのテンプレート）').selectOption('misdirected-email');
    await page.getByRole('button', { name: '第一報を登録' }).click();
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    // The first-report task (due one hour after discovery) is mine; the others due then are nobody's.
    await page.getByRole('button', { name: '第一報をまとめて責任者に報告する を編集' }).click();
    const dialog = page.getByRole('dialog', { name: '第一報をまとめて責任者に報告する' });
    await dialog.getByLabel('担当者').fill('山田 花子');
    await dialog.getByRole('button', { name: 'タスクを保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The due time is kept to the minute the dialog shows (the seconds of the discovery are
    // dropped when the task is saved): 58 minutes on is before it whatever the seconds were and
    // however long the steps above took (under a minute), 61 is after it.
    await page.clock.fastForward('58:00');
    expect(await page.evaluate(() => (window as unknown as { shown: unknown[] }).shown)).toEqual([]);
    await page.mouse.move(200, 200);
    await page.clock.runFor('03:00');
    // The check runs every 30 s and skips a tick while the last check is still reading (on a
    // loaded machine every tick of the three minutes above can fall inside the one started by
    // the fast-forward): half a minute more at a time until it has shown, well short of the
    // hour after which the unassigned tasks would reach direction.
    await expect
      .poll(async () => {
        await page.clock.runFor('00:30');
        return page.evaluate(() => (window as unknown as { shown: unknown[] }).shown.length);
      }, { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.clock.runFor('01:00');
    const shown = await page.evaluate(() => (window as unknown as { shown: { title: string; body: string }[] }).shown);
    // Only the task that is mine: the unassigned ones reach direction only once an hour late.
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('本部: 期限です');
    expect(shown[0]!.body).toMatch(/^第一報をまとめて責任者に報告する（方針指導） — 期限 \d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}$/);
    await page.getByRole('tab', { name: '期限・引き継ぎ' }).click();
    const overdue = page.getByRole('region', { name: '期限切れ' });
    expect(await overdue.textContent()).toContain('第一報をまとめて責任者に報告する');
    await screenshot(page, '33-deadlines-overdue');
    await context.close();
  });
});
