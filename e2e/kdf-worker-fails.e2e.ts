/**
 * The key-derivation worker's script does not load (a damaged install, a blocked file): the
 * unlock still works — the same derivation runs on the page — a wrong passphrase is still
 * refused, and whatever the person sees says nothing of workers, ids or codes.
 */
import { describe, expect, it } from 'vitest';
import { createWorkspace, PASSPHRASE, unlock } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

describe('a key-derivation worker that fails to load', () => {
  it('unlocks with the right passphrase, refuses a wrong one, and shows nothing technical', async () => {
    const { context, page } = await newPage(env.browser);
    await context.route(/kdf-worker/, (route) => route.fulfill({ status: 404, body: '' }));
    await createWorkspace(page, env.server.url);
    await page.getByRole('button', { name: 'ロック', exact: true }).click();
    await page.getByRole('heading', { name: 'ワークスペースのロックを解除' }).waitFor();
    // The spare worker is started (and fails) while the screen waits for the passphrase.
    await page.waitForTimeout(1_000);
    await screenshot(page, 'kdf-fails-01-unlock');
    // Nothing went wrong for the person: no notice saying something may not have finished.
    expect(await page.getByRole('heading', { name: '予期しない問題が起きました' }).count()).toBe(0);

    await page.getByLabel('パスフレーズ').fill('まちがった合言葉ですよね');
    await page.getByRole('button', { name: 'ロックを解除' }).click();
    await page.getByText('パスフレーズが違います').first().waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'インシデント一覧' }).count()).toBe(0);
    await screenshot(page, 'kdf-fails-02-wrong');

    await unlock(page, PASSPHRASE);
    await page.getByRole('heading', { name: 'インシデント一覧' }).waitFor();
    await screenshot(page, 'kdf-fails-03-unlocked');
    expect(await page.getByRole('heading', { name: '予期しない問題が起きました' }).count()).toBe(0);
    const body = (await page.locator('body').innerText()).toLowerCase();
    for (const technical of ['worker', 'key derivation', 'kdf', 'uncaught', 'error:']) expect(body).not.toContain(technical);
    await context.close();
  });
});
