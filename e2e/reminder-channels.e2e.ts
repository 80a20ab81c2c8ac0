/**
 * The person's choice of e-mail and chat for their reminders (decision 024), on screen: with
 * no address in the emergency contact list the settings say how to get one; a team chat
 * channel can be chosen and the choice is kept. Screenshots in Japanese and English.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createWorkspace, takeDirectionRole } from './flows';
import { launchPersistent, SCREENSHOTS, startServer, tempDir, type StaticServer } from './harness';

let web: StaticServer;
let profile: { path: string; remove(): Promise<void> };
let a: { context: BrowserContext; page: Page };

beforeAll(async () => {
  web = await startServer();
  profile = await tempDir('reminder-channels-');
  a = await launchPersistent(profile.path);
}, 60_000);

afterAll(async () => {
  await a?.context.close().catch(() => undefined);
  await web?.close();
  await profile?.remove();
});

describe('reminders by e-mail and chat: the settings', () => {
  it('says how to get an address, lets the person choose a team chat, and keeps the choice', async () => {
    const pa = a.page;
    await createWorkspace(pa, web.url, '山田 花子');
    await takeDirectionRole(pa);
    await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '設定' }).click();
    const alerts = pa.locator('section[aria-labelledby="alerts-settings-title"]');
    await alerts.getByLabel('表示名').fill('#対策本部');
    await alerts.getByLabel('Webhook の URL（秘密にしてください）').fill('https://hooks.slack.com/services/T0/B0/secret');
    await alerts.getByRole('button', { name: '追加' }).click();
    await alerts.getByText('#対策本部（Slack・内容なし）').waitFor();

    const card = pa.locator('.card', { has: pa.getByRole('heading', { name: 'メールとチャットでも知らせる' }) });
    await card.getByText('緊急連絡表にあなたのメールアドレスがありません').waitFor();
    const chat = card.getByLabel('チャット「#対策本部」で知らせる（あなたの名前で投稿されます）');
    await chat.check();
    await card.getByText('保存しました。').waitFor();
    await card.screenshot({ path: join(SCREENSHOTS, 'reminder-channels-ja.png') });
    // Read back from the log: the choice stays after the screen is left and opened again.
    await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '私の対応' }).click();
    await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '設定' }).click();
    // The card reads the stored choice as it opens: waited for, not read at once (CI once read it first).
    await expect.poll(() => pa.locator('.card', { has: pa.getByRole('heading', { name: 'メールとチャットでも知らせる' }) }).getByRole('checkbox').isChecked()).toBe(true);
    await pa.getByRole('radio', { name: 'English' }).check();
    const en = pa.locator('.card', { has: pa.getByRole('heading', { name: 'Also by e-mail and chat' }) });
    await en.getByText('the emergency contact list has no address for you').waitFor();
    await en.screenshot({ path: join(SCREENSHOTS, 'reminder-channels-en.png') });
  });
});
