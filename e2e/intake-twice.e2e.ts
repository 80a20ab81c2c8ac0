/**
 * The same intake report filed on two laptops while both were offline (decision 019,
 * addendum): A and B of one team each file it as a first report; on reconnecting, every
 * laptop shows one incident for the report (the earlier first report), the other is a
 * duplicate with its ways out, and the call tree alerts once — B's escalation is stopped,
 * never handed to the host. Real sync server, real SMTP server.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { createWorkspace, giveRole, joinTeam, startTeamAndInvite } from './flows';
import { launchBrowser, newPage, screenshot, startServer, type StaticServer } from './harness';
import { startSmtp, watchHost, type HostWatch, type SmtpFixture } from './alert-fixtures';

let web: StaticServer;
let sync: SyncServer;
let smtp: SmtpFixture;
let host: HostWatch;
let browser: Browser;
let dataDir: string;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

const ME = '権田原 剛三';
const OTHER = '蜂須賀 誠';
const B_PASSPHRASE = 'もう一台の長いパスフレーズ 2026';
const WHAT = '顧客名簿を添付したメールを取引先ではない宛先に誤って送信しました。';
const CSV = ['氏名,所属,役職,区分,電話1,メール1,対応時間', '鬼頭 瑞穂,情報システム部,部長,情報システム,080-4412-7701,kito@example.co.jp,24時間'].join('\r\n');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-twice-'));
  smtp = await startSmtp('smtp-pass');
  sync = await startSyncServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    alerts: { smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'honbu', password: 'smtp-pass', from: 'honbu@company.example' }, tickMs: 200, backoffMs: 1000 },
  });
  host = watchHost(sync.alerts!);
  web = await startServer();
  browser = await launchBrowser();
  a = await newPage(browser);
  b = await newPage(browser);
  await createWorkspace(a.page, web.url, ME);
  const invite = await startTeamAndInvite(a.page, sync.url);
  await joinTeam(b.page, web.url, invite, OTHER, B_PASSPHRASE);
  await b.page.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 45_000 });
  await giveRole(a.page, OTHER, 'direction');
}, 180_000);

afterAll(async () => {
  await a?.context.close();
  await b?.context.close();
  await browser?.close();
  await web?.close();
  await sync?.close();
  await smtp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const menu = (p: Page) => p.getByRole('navigation', { name: 'メインメニュー' });
const mails = () => smtp.mails.filter((m) => m.to.includes('kito@example.co.jp'));

async function fileFromInbox(p: Page): Promise<void> {
  await menu(p).getByRole('button', { name: /通報受付箱/ }).click();
  const card = p.locator('article.intake-report').filter({ hasText: WHAT });
  await card.getByRole('button', { name: '第一報として登録する' }).click();
  await p.getByRole('heading', { name: '方針指導ボード' }).waitFor({ timeout: 15_000 });
}

describe('one incident per intake report', () => {
  it('two laptops file the same report offline: after sync, one incident, one call-out, the other a duplicate with its ways out', async () => {
    const pa = a.page;
    const pb = b.page;
    // The report page, the contact list and a one-step call tree, on A.
    await menu(pa).getByRole('button', { name: '設定' }).click();
    await pa.getByRole('button', { name: '通報窓口を作る' }).click();
    const url = await pa.getByLabel('社内に知らせるURL').inputValue();
    await menu(pa).getByRole('button', { name: '緊急連絡表' }).click();
    const csv = join(dataDir, '連絡表.csv');
    await writeFile(csv, '\ufeff' + CSV + '\r\n');
    await pa.getByLabel('CSV ファイルから取り込む').setInputFiles(csv);
    await pa.locator('[data-directory-status]').filter({ hasText: '1人を追加' }).waitFor();
    await pa.getByRole('button', { name: '連絡網を追加' }).click();
    await pa.getByLabel('名前', { exact: true }).fill('すべての事案');
    await pa.locator('fieldset[data-step="1"]').getByLabel('鬼頭 瑞穂').check();
    await pa.getByRole('button', { name: '保存', exact: true }).click();
    await pa.locator('[data-call-tree="すべての事案"]').waitFor();

    // Someone reports; A fetches it; B has it by sync.
    const { page: reporter, context: rc } = await newPage(browser);
    await reporter.goto(url);
    await reporter.getByLabel('何が起きましたか（必須）').fill(WHAT);
    await reporter.getByRole('button', { name: '暗号化して送信' }).click();
    await reporter.getByRole('status').filter({ hasText: '報告を受け付けました' }).waitFor({ timeout: 15_000 });
    await rc.close();
    await menu(pa).getByRole('button', { name: /通報受付箱/ }).click();
    await pa.getByRole('button', { name: '今すぐ確認' }).click();
    await pa.locator('article.intake-report').filter({ hasText: WHAT }).waitFor({ timeout: 15_000 });
    await menu(pb).getByRole('button', { name: /通報受付箱/ }).click();
    await pb.locator('article.intake-report').filter({ hasText: WHAT }).getByRole('button', { name: '第一報として登録する' }).waitFor({ timeout: 30_000 });
    await menu(pb).getByRole('button', { name: '緊急連絡表' }).click();
    await pb.locator('[data-call-tree="すべての事案"]').waitFor({ timeout: 30_000 });

    // Both offline; A files first, then B.
    for (const x of [a, b]) {
      await x.context.setOffline(true);
      await x.page.getByRole('status').filter({ hasText: 'オフライン' }).first().waitFor({ timeout: 15_000 });
    }
    await fileFromInbox(pa);
    await pa.waitForTimeout(50);
    // Each laptop tries the host as it files (alerts/start.ts): A's try is over by the time B has filed.
    await fileFromInbox(pb);
    expect(host.handed).toEqual([]);
    expect(mails()).toHaveLength(0);

    // A reconnects: its call-out goes to the host, once.
    await a.context.setOffline(false);
    await expect.poll(() => mails().length, { timeout: 30_000 }).toBe(1);
    expect(host.created).toHaveLength(1);
    const kept = host.created[0]!;
    // B reconnects: it learns of A's incident, keeps it, and stops its own call-out.
    await b.context.setOffline(false);
    await menu(pb).getByRole('button', { name: 'インシデント' }).click();
    const duplicateLine = pb.getByText('同じ通報から別のPCで作られた重複 1 件');
    await duplicateLine.waitFor({ timeout: 45_000 });
    // Both laptops come to B's call-out stopped (B records it; A reads it) and each tells the
    // host so (host-link.ts stopAtHost): from then on neither hands it over. Until both have,
    // B's hand-over could still come; the host must never have taken it.
    // Each laptop tells the host on one of its alert rounds (every 5 s) once it has both incidents. In one
    // CI run of many this took longer than 45 s (cause not found; it passes in ~25 s otherwise): 90 s allowed.
    await expect.poll(() => host.acknowledged.filter((id) => id !== kept).length, { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
    expect(new Set(host.handed)).toEqual(new Set([kept]));
    expect(host.created).toEqual([kept]);
    await host.rounds(2);
    expect(mails()).toHaveLength(1);

    // One incident listed on each laptop.
    for (const p of [pa, pb]) {
      await menu(p).getByRole('button', { name: 'インシデント' }).click();
      await p.getByText('同じ通報から別のPCで作られた重複 1 件').waitFor({ timeout: 30_000 });
      expect(await p.locator('table.history tbody tr').count()).toBe(1);
    }

    // The duplicate: which one goes on, its call-out stopped, and the ways out.
    await pb.getByRole('button', { name: '重複を開く' }).click();
    const notice = pb.locator('section.duplicate-notice');
    await notice.getByRole('heading', { name: 'この事案は重複しています' }).waitFor();
    await pb.getByText('この呼び出しは止めました', { exact: false }).waitFor({ timeout: 30_000 });
    await screenshot(pb, 'intake-twice-01-duplicate');
    await pb.getByRole('button', { name: 'English に切り替え' }).click();
    await notice.getByRole('heading', { name: 'This incident is a duplicate' }).waitFor();
    await screenshot(pb, 'intake-twice-01-duplicate-en');
    await pb.getByRole('button', { name: '日本語に切り替え' }).click();
    await notice.getByRole('button', { name: '重複として閉じる' }).click();
    await notice.getByText('この事案は重複として閉じられています', { exact: false }).waitFor();
    await notice.getByRole('button', { name: '続ける事案を開く' }).click();
    await pb.locator('section.duplicate-notice').waitFor({ state: 'detached' });
    await screenshot(pb, 'intake-twice-02-kept');
    expect(mails()).toHaveLength(1);
  }, 240_000);
});
