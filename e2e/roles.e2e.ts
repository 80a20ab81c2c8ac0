/**
 * Roles with two laptops on the real sync server. B joins by invite; A gives it the analyst
 * role (a member sees only incidents it holds a role in). On the statement B drafted, the approve button is disabled and says who may approve (A, the
 * creator, in direction from the start) and why. A gives B direction in Settings → 役割;
 * B's button comes alive. Screenshots of the roles panel and the disabled button, Japanese
 * and English.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { createWorkspace, giveRole, joinTeam, startTeamAndInvite } from './flows';
import { launchBrowser, newPage, screenshot, SCREENSHOTS, startServer, type StaticServer } from './harness';

let web: StaticServer;
let browser: Browser;
let sync: SyncServer;
let dataDir: string;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

const TITLE = 'USBメモリの紛失（山手線）';
const B_PASSPHRASE = '夕焼けの港で待ち合わせ-4821';

const menu = (page: Page, name: string) => page.getByRole('navigation', { name: /メインメニュー|Main menu/ }).getByRole('button', { name }).click();

async function openStatement(page: Page) {
  await menu(page, 'インシデント');
  await page.getByRole('button', { name: TITLE }).click();
  await page.getByRole('tab', { name: '公表・当局報告' }).click();
  await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '声明文' }).click();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-roles-'));
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
  // A member sees only the incidents they hold a role in (decision 016): A gives B analyst,
  // which approves nothing.
  await giveRole(pa, 'Lena Müller', 'analyst');

  await menu(pa, 'インシデント');
  await pa.getByRole('button', { name: '第一報を登録する' }).first().click();
  await pa.getByLabel('件名').fill(TITLE);
  await pa.getByLabel('シナリオ（ボードのテンプレート）').selectOption('lost-device');
  await pa.getByRole('button', { name: '第一報を登録' }).click();
  await pa.getByRole('heading', { name: '方針指導ボード' }).waitFor();
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

describe('roles across two laptops', () => {
  it('B, an analyst, drafts but cannot approve and is told who may; once A gives B direction, B can', async () => {
    const pa = a.page;
    const pb = b.page;
    // Drafting is everyday work: B may.
    await openStatement(pb);
    await pb.getByRole('button', { name: '第1版（初回の声明）を作成' }).click();
    const approve = pb.getByRole('button', { name: 'Lena Müller として承認する' });
    await approve.waitFor({ timeout: 15_000 });
    expect(await approve.isDisabled()).toBe(true);
    const why = pb.locator('#statement-approve-why');
    await expect.poll(() => why.textContent(), { timeout: 15_000 }).toContain('山田 花子');
    expect(await why.textContent()).toContain('あなたには方針指導の役割がないため、承認できません');
    await why.scrollIntoViewIfNeeded();
    await screenshot(pb, 'roles-approve-disabled-ja');
    // The roster as B sees it: A in direction, B an analyst.
    await menu(pb, '設定');
    await pb.locator('section[aria-labelledby="sync-roster-title"]').screenshot({ path: join(SCREENSHOTS, 'roles-roster-ja.png') });
    await openStatement(pb);

    // The roles panel, as B sees it: who holds what, and that only direction changes it.
    await menu(pb, '設定');
    const panelB = pb.locator('section.roles-settings');
    await panelB.getByText('役割を変えられるのは方針指導だけです。').waitFor();
    expect(await panelB.locator('tr[data-member="山田 花子"] [data-role="direction"]').count()).toBe(1);
    expect(await panelB.locator('tr[data-member="Lena Müller"]').textContent()).toContain('分析');
    expect(await panelB.locator('select').count()).toBe(0);

    // A, direction, gives B direction in this incident.
    await menu(pa, '設定');
    const panelA = pa.locator('section.roles-settings');
    const rowB = panelA.locator('tr[data-member="Lena Müller"]');
    await rowB.waitFor({ timeout: 15_000 });
    await rowB.getByLabel('Lena Müllerさんに追加する役割').selectOption('direction');
    await rowB.getByLabel('範囲').selectOption({ label: TITLE });
    await rowB.getByRole('button', { name: '割り当てる' }).click();
    await rowB.locator('[data-role="direction"]').waitFor();
    expect(await rowB.textContent()).toContain(`このインシデントのみ: ${TITLE}`);
    // The last direction of the workspace cannot be removed.
    await panelA.locator('tr[data-member="山田 花子"]').getByRole('button', { name: '方針指導を外す' }).click();
    await panelA.getByRole('alert').getByText('方針指導が一人もいなくなるため').waitFor();
    await panelA.scrollIntoViewIfNeeded();
    await screenshot(pa, 'roles-panel-ja');
    await panelA.screenshot({ path: join(SCREENSHOTS, 'roles-panel-ja-section.png') });

    // On B: the role arrived, the button is live.
    await openStatement(pb);
    await expect.poll(() => pb.locator('[data-who-may-approve]').count(), { timeout: 15_000 }).toBe(0);

    // English.
    await pa.getByRole('button', { name: 'English に切り替え' }).click();
    await pa.locator('section.roles-settings').getByText('Only a member in the Direction role can change roles.').count();
    await pa.locator('section.roles-settings h2', { hasText: 'Roles' }).waitFor();
    await screenshot(pa, 'roles-panel-en');
    await pa.locator('section.roles-settings').screenshot({ path: join(SCREENSHOTS, 'roles-panel-en-section.png') });
  }, 120_000);

  it('in English, B without the role on another incident sees the disabled approval and why', async () => {
    const pa = a.page;
    const pb = b.page;
    // A second incident, filed by A: B holds only its workspace-wide analyst role there.
    await pa.getByRole('button', { name: '日本語に切り替え' }).click();
    await menu(pa, 'インシデント');
    await pa.getByRole('button', { name: '第一報を登録する' }).first().click();
    await pa.getByLabel('件名').fill('誤送信（メール）');
    await pa.getByLabel('シナリオ（ボードのテンプレート）').selectOption('lost-device');
    await pa.getByRole('button', { name: '第一報を登録' }).click();
    await pa.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    await menu(pb, 'インシデント');
    await pb.getByRole('button', { name: '誤送信（メール）' }).click({ timeout: 15_000 });
    await pb.getByRole('tab', { name: '公表・当局報告' }).click();
    await pb.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '声明文' }).click();
    await pb.getByRole('button', { name: '第1版（初回の声明）を作成' }).click();
    await pb.getByRole('button', { name: 'English に切り替え' }).click();
    const approve = pb.getByRole('button', { name: 'Approve as Lena Müller' });
    await approve.waitFor({ timeout: 15_000 });
    expect(await approve.isDisabled()).toBe(true);
    expect(await pb.locator('#statement-approve-why').textContent()).toContain('Only a member in the Direction role may approve: 山田 花子');
    await pb.locator('#statement-approve-why').scrollIntoViewIfNeeded();
    await screenshot(pb, 'roles-approve-disabled-en');
    await pb.locator('.approve').screenshot({ path: join(SCREENSHOTS, 'roles-approve-disabled-en-button.png') });
  }, 120_000);
});
