/**
 * Crossed counts (確定件数 over 最大件数), end to end. Two laptops can still cross them (B,
 * offline, confirms 1,800; A sets the maximum to 1,500): the printed situation report (状況報告)
 * says so on paper, where the incident header is not printed. One person can no longer: a
 * follow-up report (第2報) giving one count that crosses the other as stored is warned of as it
 * is typed and refused when filed, saying both counts; given with the other count it is filed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { createWorkspace, fileFirstReport, fillFacts, giveRole, joinTeam, startTeamAndInvite } from './flows';
import { launchBrowser, newPage, screenshot, startServer, type StaticServer } from './harness';

let web: StaticServer;
let browser: Browser;
let sync: SyncServer;
let dataDir: string;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

const TITLE = '会員サイト不正アクセス';
const B_PASSPHRASE = '夕焼けの港で待ち合わせ-4821';
const CROSSED = /確定件数（1,800）が最大件数（1,500）を上回っています/;

async function openIncident(page: Page) {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
  await page.getByRole('button', { name: TITLE }).click();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-counts-'));
  sync = await startSyncServer({ port: 0, host: '127.0.0.1', dataDir });
  web = await startServer();
  browser = await launchBrowser();
  a = await newPage(browser);
  b = await newPage(browser);
  const pa = a.page;
  const pb = b.page;
  await createWorkspace(pa, web.url, '山田 花子');
  const qrText = await startTeamAndInvite(pa, sync.url);
  await joinTeam(pb, web.url, qrText, 'Lena Müller', B_PASSPHRASE);
  await pb.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 45_000 });
  await giveRole(pa, 'Lena Müller', 'contact-lead');
  await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
  await fileFirstReport(pa, TITLE, { leaked: ['氏名'], confirmed: '1,200' });
  await pb.getByRole('button', { name: TITLE }).waitFor({ timeout: 15_000 });
}, 180_000);

afterAll(async () => {
  await a?.context.close();
  await b?.context.close();
  await browser?.close();
  await web?.close();
  await sync?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('crossed counts', () => {
  it('crossed by two laptops: said on the printed situation report', async () => {
    const pa = a.page;
    const pb = b.page;
    await openIncident(pb);
    await b.context.setOffline(true);
    await pb.getByRole('status').filter({ hasText: 'オフライン' }).waitFor({ timeout: 10_000 });
    await fillFacts(pb, { confirmedCount: '1800' });
    await openIncident(pa);
    await fillFacts(pa, { maxCount: '1500' });
    await b.context.setOffline(false);
    await pa.locator('[data-facts-check]').waitFor({ timeout: 20_000 });

    await pa.getByRole('tab', { name: '状況報告' }).click();
    await pa.getByRole('heading', { name: /状況報告/ }).waitFor();
    await pa.emulateMedia({ media: 'print' });
    expect(await pa.locator('.incident-header').isVisible()).toBe(false);
    const note = pa.locator('.sheet [data-sitrep-check="max-below-confirmed"]');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(CROSSED);
    expect(await note.textContent()).not.toContain('ノートPC');
    await screenshot(pa, 'crossed-counts-sitrep-print');
    await pa.emulateMedia({ media: 'screen' });
  }, 120_000);

  it('one person’s follow-up giving one count that crosses the other: warned as typed, refused when filed, filed with both', async () => {
    const pa = a.page;
    await openIncident(pa);
    await pa.getByRole('tab', { name: '概要・報告' }).click();
    // First the counts agree again (both given in one follow-up).
    const fu = () => pa.getByRole('form', { name: /^第\d+報を提出$/ });
    await fu().getByLabel('確定件数').fill('1,800');
    await fu().getByLabel('最大件数（可能性）').fill('2,000');
    expect(await fu().locator('[data-counts-check]').count()).toBe(0);
    await fu().getByRole('button', { name: /^第\d+報を提出$/ }).click();
    await pa.getByRole('status').filter({ hasText: /第\d+報を提出しました。/ }).waitFor();
    await expect.poll(() => pa.locator('[data-header-check]').count(), { timeout: 10_000 }).toBe(0);

    // Then a confirmed count alone, typed as the IME gives it, over the maximum on record.
    await fu().getByLabel('確定件数').fill('２，５００');
    const warned = fu().locator('[data-counts-check="crossed"]');
    await warned.waitFor();
    expect(await warned.textContent()).toBe('確定件数（2,500）が、いま記録されている最大件数（2,000）を上回ります。最大件数（可能性）も見直して、あわせて入力してください。');
    await screenshot(pa, 'crossed-counts-followup-warned');
    await fu().getByRole('button', { name: /^第\d+報を提出$/ }).click();
    const refused = fu().getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('確定件数（2,500）が、いま記録されている最大件数（2,000）を上回ります。');
    expect(await warned.count()).toBe(0);
    await screenshot(pa, 'crossed-counts-followup-refused');
    expect(await pa.locator('[data-header-check]').count()).toBe(0);

    // The facts card says it as typed too, before saving refuses it.
    await pa.getByRole('button', { name: '事実を更新' }).click();
    await pa.locator('#fact-confirmedCount').fill('2500');
    const card = pa.getByRole('form', { name: '事実を更新' }).locator('[data-counts-check="crossed"]');
    await card.waitFor();
    expect(await card.textContent()).toBe('最大件数が確定件数より少なくなっています。');
    await screenshot(pa, 'crossed-counts-facts-warned');
    await pa.getByRole('form', { name: '事実を更新' }).getByRole('button', { name: 'キャンセル' }).click();

    // In English, the same.
    await pa.getByRole('button', { name: 'English に切り替え' }).click();
    await pa.getByRole('form').filter({ hasText: /confirmed count \(2,500\) is larger than the maximum possible count on record \(2,000\)/ }).waitFor();
    await screenshot(pa, 'crossed-counts-followup-refused-en');
    await pa.getByRole('button', { name: '日本語に切り替え' }).click();
    await pa.getByRole('button', { name: 'English に切り替え' }).waitFor();
  }, 120_000);
});
