/**
 * Alerts on screen (decision 018), in Chromium against the real sync host, a real SMTP
 * server and a webhook receiver: a direction member adds a chat channel and sends a test
 * alert while the host's SMTP password is wrong and the chat service answers 500; the
 * settings say so in plain words; once both are fixed the host's retries deliver it
 * (read back field by field); the 確認しました button acknowledges it at the host.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { createWorkspace, takeDirectionRole } from './flows';
import { axeViolations } from './axe';
import { unnamedControls } from './a11y';
import { launchPersistent, SCREENSHOTS, screenshot, startServer, tempDir, type StaticServer } from './harness';
import { startSmtp, startWebhooks, type SmtpFixture, type WebhookFixture } from './alert-fixtures';

let web: StaticServer;
let sync: SyncServer;
let smtp: SmtpFixture;
let hooks: WebhookFixture;
let dataDir: string;
let profile: { path: string; remove(): Promise<void> };
let a: { context: BrowserContext; page: Page };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-alerts-'));
  smtp = await startSmtp('the-new-password');
  hooks = await startWebhooks();
  hooks.mode = 500;
  sync = await startSyncServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    alerts: { smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'honbu', password: 'right-password', from: 'honbu@company.example' }, tickMs: 200, backoffMs: 1000, localWebhooks: true },
  });
  web = await startServer();
  profile = await tempDir('alerts-a-');
  a = await launchPersistent(profile.path);
}, 60_000);

afterAll(async () => {
  await a?.context.close().catch(() => undefined);
  await web?.close();
  await sync?.close();
  await smtp?.close();
  await hooks?.close();
  await profile?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('alerts in the app', () => {
  it('a test alert: failures in plain words, delivered once fixed, acknowledged with the button', async () => {
    const pa = a.page;
    await createWorkspace(pa, web.url, '山田 花子');
    await takeDirectionRole(pa);
    await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '設定' }).click();
    await pa.getByLabel('同期サーバーのアドレス').fill(sync.url);
    await pa.getByRole('button', { name: 'チームを始める' }).click();
    await pa.locator('[data-sync-state="connected"]').waitFor({ timeout: 15_000 });

    const card = pa.locator('section[aria-labelledby="alerts-settings-title"]');
    await card.getByText('メールを送れます。').waitFor({ timeout: 20_000 });

    // A webhook over plain http to another machine is refused, saying why.
    await card.getByLabel('表示名').fill('#対策本部');
    await card.getByLabel('Webhook の URL（秘密にしてください）').fill('http://hooks.example.com/x');
    await card.getByRole('button', { name: '追加' }).click();
    await card.getByText('https:// で始まる URL にしてください').waitFor();
    await card.getByLabel('Webhook の URL（秘密にしてください）').fill(hooks.url('/slack/services/T0/B0/secret'));
    await card.getByRole('button', { name: '追加' }).click();
    await card.getByText('#対策本部（Slack・内容なし）').waitFor();

    await card.getByLabel('テスト通知の宛先（アドレス）').fill('hanako@company.example');
    await card.getByRole('button', { name: 'テスト通知を送る' }).click();
    await card.getByText('テスト通知を送信待ちにしました。').waitFor();

    // The host tried: both failures are shown in words that say what to fix.
    await card.getByText('メールサーバーがユーザー名またはパスワードを受け付けません（535）').first().waitFor({ timeout: 30_000 });
    await card.getByText('チャットのサービスがエラーを返しました（500）').first().waitFor({ timeout: 30_000 });
    expect(await card.textContent()).not.toContain('smtp-auth');
    expect(await axeViolations(pa)).toEqual([]);
    expect(await unnamedControls(pa)).toEqual([]);
    await screenshot(pa, 'alerts-01-errors-ja');
    await card.screenshot({ path: join(SCREENSHOTS, 'alerts-01-card-ja.png') });

    // Fixed on the host's side: the retries deliver, once each.
    smtp.password = 'right-password';
    hooks.mode = 'ok';
    await expect.poll(() => smtp.mails.length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => hooks.posts.length, { timeout: 30_000 }).toBe(1);
    const mail = smtp.mails[0]!;
    expect(mail.from).toBe('honbu@company.example');
    expect(mail.to).toBe('hanako@company.example');
    expect(mail.subject).toBe('本部: テスト通知 / Honbu: test alert');
    expect(mail.text).toContain('本部: これはテスト通知です。対応は不要です。');
    expect(mail.raw).not.toContain('山田');
    expect(hooks.posts[0]!.body).toEqual({ text: '本部: これはテスト通知です。対応は不要です。\n\nHonbu: this is a test alert. No action is needed.' });
    await card.locator('.alert-deliveries').getByText('送信済み').nth(1).waitFor({ timeout: 30_000 });

    await card.getByRole('button', { name: '確認しました' }).click();
    await card.getByText(/確認されました（.*アプリで）/).waitFor();
    await card.screenshot({ path: join(SCREENSHOTS, 'alerts-02-acknowledged-ja.png') });
    await pa.getByRole('radio', { name: 'English' }).check();
    await card.getByText('Where alerts go').waitFor();
    await card.screenshot({ path: join(SCREENSHOTS, 'alerts-03-en.png') });
    expect(smtp.mails).toHaveLength(1);
    expect(hooks.posts).toHaveLength(1);

    // An incident's overview says who was alerted (nobody yet: its call tree starts it).
    await pa.getByRole('radio', { name: '日本語' }).check();
    await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await pa.getByRole('button', { name: '第一報を登録する' }).first().click();
    await pa.getByLabel('件名').fill('会員情報の流出');
    await pa.getByRole('button', { name: '第一報を登録', exact: true }).click();
    await pa.getByRole('tab', { name: '概要・報告' }).click();
    const status = pa.locator('section[aria-labelledby="alert-status-title"]');
    await status.getByText('この事案ではまだ誰も呼び出していません。').waitFor();
    await status.screenshot({ path: join(SCREENSHOTS, 'alerts-04-incident-ja.png') });
  });
});
