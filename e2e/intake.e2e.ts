/**
 * Issue 14 §6, "Bad News Fast": someone in the company opens the report page served by the
 * team's real sync server, writes what happened in Japanese and sends it — sealed in their
 * browser, so the server's disk holds none of it in clear. Direction's app fetches it into
 * the report inbox, shows it opened in memory, and files it as a first report in one step;
 * a report that does not open reads as unreadable instead of breaking the inbox.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { generateIntakeKeys, sealIntake } from '../shared/intake/seal';
import { createWorkspace } from './flows';
import { scanForStrings } from './disk-scan';
import { axeViolations } from './axe';
import { launchBrowser, newPage, screenshot, startServer, type StaticServer } from './harness';

let web: StaticServer;
let browser: Browser;
let sync: SyncServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-intake-'));
  sync = await startSyncServer({ port: 0, host: '127.0.0.1', dataDir });
  web = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await sync?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const WHAT = '顧客名簿を添付したメールを取引先ではない宛先に誤って送信しました。';
const WHERE = '大阪支店 営業二課';
const CONTACT = '内線 4821 鈴木';

describe('the report page (Bad News Fast)', () => {
  it('a report sent on the page reaches direction’s inbox and becomes a first report in one step', async () => {
    const { page: app } = await newPage(browser);
    await createWorkspace(app, web.url);
    const menu = app.getByRole('navigation', { name: 'メインメニュー' });
    await menu.getByRole('button', { name: '設定' }).click();
    await app.getByLabel('同期サーバーのアドレス').fill(sync.url);
    await app.getByRole('button', { name: 'チームを始める' }).click();
    await app.locator('[data-sync-state="connected"]').waitFor({ timeout: 15_000 });

    // Direction creates the report page; the app registers it with the host at once.
    await app.getByRole('button', { name: '通報窓口を作る' }).click();
    const urlBox = app.getByLabel('社内に知らせるURL');
    await urlBox.waitFor();
    const url = await urlBox.inputValue();
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${sync.port}/intake/[A-Za-z0-9_-]{22}$`));
    await app.getByRole('status').filter({ hasText: '確認しました' }).first().waitFor({ timeout: 15_000 });
    await app.getByRole('img', { name: '通報ページのQRコード' }).waitFor();
    await app.locator('#intake-settings-title').scrollIntoViewIfNeeded();
    await screenshot(app, 'intake-settings');

    // Someone in the company, in a browser of their own.
    const { page: reporter } = await newPage(browser);
    await reporter.goto(url);
    await reporter.getByRole('heading', { name: '情報漏えいの疑いを報告する' }).waitFor();
    await screenshot(reporter, 'intake-page-ja');
    await reporter.getByRole('link', { name: 'English' }).click();
    await reporter.getByRole('heading', { name: 'Report a suspected data leak' }).waitFor();
    await screenshot(reporter, 'intake-page-en');
    await reporter.getByRole('link', { name: '日本語' }).click();

    // Nothing written: the page says what is missing and sends nothing.
    await reporter.getByRole('button', { name: '暗号化して送信' }).click();
    await reporter.getByRole('alert').filter({ hasText: '「何が起きましたか」を書いてください。' }).waitFor();

    await reporter.getByLabel('何が起きましたか（必須）').fill(WHAT);
    await reporter.getByLabel('いつ起きましたか・気づきましたか').fill('本日 午前10時ごろ');
    await reporter.getByLabel('どこで（部署・場所・システム）').fill(WHERE);
    await reporter.getByLabel('おおよそ何人分の情報ですか').fill('約250人');
    await reporter.getByLabel('連絡先（内線・メール・携帯など、任意）').fill(CONTACT);
    await reporter.getByRole('button', { name: '暗号化して送信' }).click();
    const done = reporter.getByRole('status').filter({ hasText: '報告を受け付けました' });
    await done.waitFor({ timeout: 15_000 });
    const receipt = /受付番号：(\S+)/.exec((await done.textContent())!)![1]!;
    await screenshot(reporter, 'intake-page-sent');
    expect(await axeViolations(reporter)).toEqual([]);

    // The host keeps only ciphertext.
    const onDisk = await scanForStrings(dataDir, [WHAT, WHERE, CONTACT, '大阪支店', '顧客名簿']);
    expect(onDisk.files).toBeGreaterThan(0);
    expect(onDisk.hits).toEqual([]);

    // A box sealed to another key: shaped right, so the host takes it, but it does not open.
    const stranger = await generateIntakeKeys();
    const id = url.split('/').pop()!;
    const bad = await fetch(`${url}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(await sealIntake(stranger.publicKey, id, '{}')) });
    expect(bad.status).toBe(201);

    // Direction's inbox.
    await menu.getByRole('button', { name: /通報受付箱/ }).click();
    await app.getByRole('heading', { name: '通報受付箱', level: 1 }).waitFor();
    await app.getByRole('button', { name: '今すぐ確認' }).click();
    const card = app.locator('article.intake-report').filter({ hasText: receipt });
    await card.getByText(WHAT).waitFor({ timeout: 15_000 });
    await expect(card.getByText(CONTACT).count()).resolves.toBe(1);
    await app.getByRole('alert').filter({ hasText: 'この報告は開けませんでした' }).waitFor();
    await expect(menu.getByRole('button', { name: /通報受付箱/ }).textContent()).resolves.toContain('2');
    await screenshot(app, 'intake-inbox');
    expect(await axeViolations(app)).toEqual([]);
    await app.getByRole('button', { name: 'English に切り替え' }).click();
    await app.getByRole('heading', { name: 'Report inbox', level: 1 }).waitFor();
    await app.getByRole('button', { name: 'File as a first report' }).waitFor();
    await screenshot(app, 'intake-inbox-en');
    await app.getByRole('button', { name: '日本語に切り替え' }).click();
    await app.getByRole('heading', { name: '通報受付箱', level: 1 }).waitFor();

    // One step: the first report is filed (through the normal command) and the incident opens.
    await card.getByRole('button', { name: '第一報として登録する' }).click();
    await app.getByRole('heading', { name: '方針指導ボード' }).waitFor({ timeout: 15_000 });
    await app.getByText('通報: 顧客名簿を添付したメールを取引先ではない宛先に誤って送信しました。').first().waitFor();
    await app.getByRole('tab', { name: '概要・報告' }).click();
    await app.getByText(WHERE).first().waitFor();

    // Back in the inbox it is marked filed, with a way to its incident; the unreadable one still waits.
    await menu.getByRole('button', { name: /通報受付箱/ }).click();
    await card.getByText('第一報として登録済み').waitFor();
    await card.getByRole('button', { name: '事案を開く' }).waitFor();
    await expect(menu.getByRole('button', { name: /通報受付箱/ }).textContent()).resolves.toMatch(/通報受付箱1$/);
    await screenshot(app, 'intake-inbox-filed');

    // The host handed both reports over and keeps none.
    await app.getByRole('button', { name: '今すぐ確認' }).click();
    await app.getByRole('status').filter({ hasText: '新しい通報 0 件' }).waitFor();
  });

  it('the page refuses bad submissions in words the reporter understands', async () => {
    const res = await fetch(`http://127.0.0.1:${sync.port}/intake/${'A'.repeat(22)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('この報告窓口は見つかりません');
  });
});
