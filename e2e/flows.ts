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

/**
 * Statement version 1, approved and published, with the facts its checklist needs (for
 * flows that rely on a published statement, such as covering customers by the notice).
 */
export async function publishFirstStatement(page: Page, facts: Record<string, string>) {
  await page.getByRole('tab', { name: '概要・報告' }).click();
  await page.getByRole('button', { name: '事実を更新' }).click();
  const form = page.getByRole('form', { name: '事実を更新' });
  for (const [label, value] of Object.entries(facts)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('group', { name: '漏えいしていない項目' }).getByRole('checkbox', { name: '銀行口座情報' }).check();
  await form.getByLabel('次回の更新予定').fill('2026-12-01T17:00');
  await form.getByRole('button', { name: '事実を保存' }).click();
  await page.getByRole('status').filter({ hasText: '事実を更新しました。' }).waitFor();
  await page.getByRole('tab', { name: '公表・当局報告' }).click();
  await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '声明文' }).click();
  await page.getByRole('button', { name: '第1版（初回の声明）を作成' }).click();
  await page.getByText('すべての項目がそろっています。').waitFor({ timeout: 5_000 }).catch(async () => {
    throw new Error(`statement checklist: ${await page.getByRole('list').filter({ hasText: /./ }).allTextContents()}`);
  });
  await page.getByRole('button', { name: '承認する' }).click();
  await page.getByRole('button', { name: '公表済みにする' }).click();
  await page.getByText(/^公表 /).waitFor();
}
