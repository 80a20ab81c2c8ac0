/**
 * Web mode, two tabs on one workspace: while one tab derives its key (its board's rows read
 * ahead, still sealed), the other adds a task. Once unlocked, the first tab's board shows it,
 * as a fresh page does — not the rows it read before the other tab wrote.
 */
import { describe, expect, it } from 'vitest';
import { createWorkspace, fileLostDeviceIncident, PASSPHRASE, unlock } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

describe('two tabs, one unlocking while the other writes', () => {
  it('shows the task the other tab added during the unlock', async () => {
    const { context, page: a } = await newPage(env.browser);
    try {
      await createWorkspace(a, env.server.url);
      await fileLostDeviceIncident(a, '営業PCの紛失');
      await a.getByRole('button', { name: 'ロック', exact: true }).click();
      await a.getByRole('button', { name: 'ロックを解除' }).waitFor();

      // The other tab: unlocked, on the same incident's board, a task typed in.
      const b = await context.newPage();
      await b.goto(env.server.url);
      await unlock(b);
      await b.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
      await b.getByText('営業PCの紛失').first().click();
      await b.getByRole('tab', { name: 'ボード' }).click();
      await b.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await b.locator('#new-task').fill('別のタブで足した作業');

      // Tab A unlocks; tab B adds its task while A's key is being derived.
      await a.getByLabel('パスフレーズ').fill(PASSPHRASE);
      await a.getByRole('button', { name: 'ロックを解除' }).click();
      // A's rows are read ahead within moments; Argon2id takes far longer.
      await a.waitForTimeout(Number(process.env.HONBU_E2E_TWO_TABS_DELAY ?? 250));
      await b.locator('#new-task').press('Enter');
      await b.getByText('別のタブで足した作業').first().waitFor();
      await a.getByRole('heading', { name: '方針指導ボード' }).waitFor({ timeout: 30_000 });
      await a.getByText('別のタブで足した作業').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
      await screenshot(a, 'unlock-two-tabs-a');
      expect(await a.getByText('別のタブで足した作業').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  }, 120_000);
});
