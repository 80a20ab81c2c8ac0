/**
 * The emergency contact list across two laptops on the real sync server: A (direction) keeps
 * the list and its call tree and files a first report with severity 高; B, an analyst, reads
 * the list but cannot change it, and marks a call on the incident's checklist, which A sees
 * with B's name.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { createWorkspace, giveRole, joinTeam, startTeamAndInvite } from './flows';
import { launchBrowser, newPage, screenshot, startServer, type StaticServer } from './harness';

let web: StaticServer;
let browser: Browser;
let sync: SyncServer;
let dataDir: string;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

const TITLE = '顧客名簿の誤送信';
const B_PASSPHRASE = '夕焼けの港で待ち合わせ-4821';
const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name }).click();

async function addPerson(page: Page, name: string, phone: string) {
  await page.getByRole('button', { name: '連絡先を追加' }).click();
  await page.getByLabel('氏名').fill(name);
  await page.getByLabel('電話 1').fill(phone);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `${name}さんを保存しました。` }).waitFor();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-directory-'));
  sync = await startSyncServer({ port: 0, host: '127.0.0.1', dataDir });
  web = await startServer();
  browser = await launchBrowser();
  a = await newPage(browser);
  b = await newPage(browser);
  await createWorkspace(a.page, web.url, '山田 花子');
  const qrText = await startTeamAndInvite(a.page, sync.url);
  await joinTeam(b.page, web.url, qrText, 'Lena Müller', B_PASSPHRASE);
  await b.page.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 45_000 });
  await giveRole(a.page, 'Lena Müller', 'analyst');
}, 180_000);

afterAll(async () => {
  await a?.context.close();
  await b?.context.close();
  await browser?.close();
  await web?.close();
  await sync?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('emergency contact list across two laptops', () => {
  it('is kept by direction, read by the team, and a call marked on one laptop shows on the other', async () => {
    const pa = a.page;
    const pb = b.page;
    await menu(pa, '緊急連絡表');
    await addPerson(pa, '相良 宗介', '090-1234-0001');
    await addPerson(pa, '千鳥 かなめ', '090-1234-0002');
    await pa.getByRole('button', { name: '連絡網を追加' }).click();
    await pa.getByLabel('名前', { exact: true }).fill('すべての事案');
    await pa.getByLabel('重大度', { exact: true }).selectOption({ label: 'すべての重大度' });
    await pa.locator('fieldset[data-step="1"]').getByLabel('相良 宗介').check();
    await pa.locator('fieldset[data-step="1"]').getByLabel('千鳥 かなめ').check();
    await pa.getByRole('button', { name: '保存', exact: true }).click();
    await pa.locator('[data-call-tree="すべての事案"]').waitFor();

    await menu(pa, 'インシデント');
    await pa.getByRole('button', { name: '第一報を登録する' }).first().click();
    await pa.getByLabel('件名').fill(TITLE);
    await pa.getByRole('radio', { name: '高' }).check();
    await pa.getByRole('button', { name: '第一報を登録' }).click();
    await pa.locator('[data-severity="high"]').waitFor();

    // B reads the list, without any control to change it.
    await menu(pb, '緊急連絡表');
    await pb.locator('tr[data-person="相良 宗介"]').waitFor({ timeout: 20_000 });
    await pb.locator('[data-call-tree="すべての事案"]').waitFor({ timeout: 20_000 });
    expect(await pb.getByText('緊急連絡表を変更できるのは方針指導の担当者だけです。').count()).toBe(1);
    expect(await pb.getByRole('button', { name: '連絡先を追加' }).count()).toBe(0);
    expect(await pb.getByRole('button', { name: '連絡網を追加' }).count()).toBe(0);
    expect(await pb.getByLabel('CSV ファイルから取り込む').count()).toBe(0);
    await screenshot(pb, '149-directory-read-only');

    // B marks a call on the incident's checklist; A sees it, with B's name.
    await menu(pb, 'インシデント');
    await pb.getByRole('button', { name: TITLE }).click({ timeout: 20_000 });
    await pb.getByRole('tab', { name: '概要・報告' }).click();
    expect(await pb.locator('[data-severity="high"]').textContent()).toBe('重大度 高');
    const sagara = pb.locator('[data-call-checklist] [data-call-person="相良 宗介"]');
    await sagara.getByRole('button', { name: '不在' }).click();
    await sagara.locator('[data-call-status]').filter({ hasText: '不在（Lena Müller・' }).waitFor();

    await pa.getByRole('tab', { name: '概要・報告' }).click();
    await pa.locator('[data-call-checklist] [data-call-person="相良 宗介"] [data-call-status]').filter({ hasText: '不在（Lena Müller・' }).waitFor({ timeout: 20_000 });
    expect(await pa.locator('[data-call-checklist] [data-call-person="千鳥 かなめ"] [data-call-status]').textContent()).toBe('未記録');
  });
});
