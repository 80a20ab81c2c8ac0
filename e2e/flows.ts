/** Steps shared by several end-to-end tests, written the way a person does them. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export const PASSPHRASE = '桜の下で会議は三時から-2026';

export async function createWorkspace(page: Page, url: string, name = '山田 花子', passphrase = PASSPHRASE) {
  await page.goto(url);
  await page.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor();
  await page.getByLabel('あなたの氏名').fill(name);
  await page.getByLabel('パスフレーズ', { exact: true }).fill(passphrase);
  await page.getByLabel('パスフレーズ（確認）').fill(passphrase);
  await page.getByRole('button', { name: 'ワークスペースを作成' }).click();
  await page.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 30_000 });
}

export async function unlock(page: Page, passphrase = PASSPHRASE) {
  await page.getByLabel('パスフレーズ').fill(passphrase);
  await page.getByRole('button', { name: 'ロックを解除' }).click();
  await page.getByRole('button', { name: 'ロック', exact: true }).waitFor({ timeout: 30_000 });
}

export async function expectText(page: Page, text: string) {
  await page.getByText(text).first().waitFor();
  expect(await page.getByText(text).count()).toBeGreaterThan(0);
}
