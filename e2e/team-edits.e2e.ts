/**
 * Issue 18 items 6, 15 and 16 with two laptops and the real sync server: B joins by
 * pasting the QR code's text; B sets 確定件数 to 250 while offline, A sets 300 a moment
 * later, and B is told on the fact who replaced its value, with what and when; the
 * timeline names every entry in words, its type filter grouped; then A revokes B, and B
 * says so plainly, is read only, and wipes its workspace after typing the confirmation.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { unnamedControls } from './a11y';
import { createWorkspace, PASSPHRASE, giveRole } from './flows';
import { launchBrowser, newPage, screenshot, startServer, type StaticServer } from './harness';

let web: StaticServer;
let browser: Browser;
let sync: SyncServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-team-'));
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

const TITLE = 'ECサイトへの不正アクセス';
const B_PASSPHRASE = '夕焼けの港で待ち合わせ-4821';

async function openSettings(page: Page) {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '設定' }).click();
  await page.getByRole('heading', { name: 'チーム同期', level: 2 }).waitFor();
}

async function openOverview(page: Page) {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
  await page.getByRole('button', { name: TITLE }).click();
  await page.getByRole('tab', { name: '概要・報告' }).click();
  await page.getByRole('heading', { name: '現在の事実' }).waitFor();
}

async function setConfirmedCount(page: Page, value: string) {
  await page.getByRole('button', { name: '事実を更新' }).click();
  await page.locator('#fact-confirmedCount').fill(value);
  await page.getByRole('button', { name: '事実を保存' }).click();
  await page.getByRole('button', { name: '事実を更新' }).waitFor();
}

describe('two laptops editing the same facts, then one revoked', () => {
  it('joins from pasted QR text, tells B its offline value was replaced, and lets a revoked laptop wipe itself', async () => {
    const a = await newPage(browser);
    const b = await newPage(browser);
    const pa = a.page;
    const pb = b.page;

    // A starts a team and invites; the QR code's text is on screen.
    await createWorkspace(pa, web.url, '山田 花子');
    await openSettings(pa);
    await pa.getByLabel('同期サーバーのアドレス').fill(sync.url);
    await pa.getByRole('button', { name: 'チームを始める' }).click();
    await pa.locator('[data-sync-state="connected"]').waitFor({ timeout: 15_000 });
    await pa.getByLabel('あなたのパスフレーズ').fill(PASSPHRASE);
    await pa.getByRole('button', { name: '招待コードを作る' }).click();
    const qrText = (await pa.locator('.invite-qr code').textContent({ timeout: 30_000 }))!;
    expect(qrText).toMatch(/^honbu-invite:v1\?server=.+&code=.+$/);

    // Item 15: B pastes that text into the invite code field; both fields fill in.
    await pb.goto(web.url);
    await pb.getByRole('button', { name: '既存のチームに参加する' }).click();
    await pb.getByLabel('招待コード').fill(qrText);
    await pb.getByRole('status').filter({ hasText: 'QRコードの内容から' }).waitFor();
    expect(await pb.getByLabel('同期サーバーのアドレス').inputValue()).toBe(sync.url);
    expect(await pb.getByLabel('招待コード').inputValue()).toMatch(/^[0-9A-Z]{20}$/);
    await pb.getByLabel('あなたの氏名').fill('佐藤 一郎');
    await pb.getByLabel('このPCで使うパスフレーズ').fill(B_PASSPHRASE);
    await pb.getByLabel('パスフレーズ（確認）').fill(B_PASSPHRASE);
    await pb.getByRole('button', { name: 'チームに参加' }).click();
    await pb.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 45_000 });

    // A files the first report: 100 confirmed.
    await pa.getByRole('status').filter({ hasText: '佐藤 一郎 さんが参加しました。' }).waitFor({ timeout: 15_000 });
    // A member sees only the incidents they hold a role in: A, direction, gives B one.
    await giveRole(pa, '佐藤 一郎', 'contact-lead');
    await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await pa.getByRole('button', { name: '第一報を登録する' }).first().click();
    await pa.getByLabel('件名').fill(TITLE);
    await pa.getByLabel('シナリオ（ボードのテンプレート）').selectOption('unauthorised-access');
    await pa.getByLabel('確定件数').fill('100');
    await pa.getByRole('button', { name: '第一報を登録' }).click();
    await pa.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    await pb.getByRole('button', { name: TITLE }).waitFor({ timeout: 15_000 });

    // Item 6: B offline sets 250; A, a moment later and without seeing it, sets 300.
    await openOverview(pb);
    await b.context.setOffline(true);
    await pb.getByRole('status').filter({ hasText: 'オフライン' }).waitFor({ timeout: 10_000 });
    await setConfirmedCount(pb, '250');
    await new Promise((r) => setTimeout(r, 1100));
    await openOverview(pa);
    await setConfirmedCount(pa, '300');
    await b.context.setOffline(false);

    // Both converge on 300; B is told, A is not.
    const notice = pb.locator('[data-fact-override="confirmedCount"]');
    await notice.waitFor({ timeout: 20_000 });
    const text = (await notice.textContent())!;
    expect(text).toContain('「確定件数」: あなたが');
    expect(text).toMatch(/に入力した 250 は、山田 花子 さんが .+ に入力した 300 に置き換えられました/);
    expect(await pb.locator('.incident-header [data-fact="confirmedCount"]').textContent()).toBe('300');
    expect(await pa.locator('[data-fact-override]').count()).toBe(0);
    expect(await unnamedControls(pb)).toEqual([]);
    await screenshot(pb, 'words-03-fact-override');
    await pb.getByRole('button', { name: 'English に切り替え' }).click();
    await pb.locator('[data-fact-override="confirmedCount"]').filter({ hasText: 'was replaced by the 300 山田 花子 entered' }).waitFor();
    await screenshot(pb, 'words-03-fact-override-en');
    await pb.getByRole('button', { name: '日本語に切り替え' }).click();
    await pb.getByRole('button', { name: '確認しました' }).click();
    await notice.waitFor({ state: 'detached' });

    // Item 15 (issue 10): the timeline in words, the type filter grouped, no raw codes.
    await pb.getByRole('tab', { name: 'タイムライン' }).click();
    await pb.getByRole('heading', { name: 'タイムライン', level: 2 }).waitFor();
    await pb.getByLabel('何を決めたか').fill('カード決済を止める');
    await pb.getByRole('button', { name: '決定を記録' }).click();
    await pb.getByText('カード決済を止める（決定者 ').waitFor();
    const table = (await pb.locator('.timeline table').innerText())!;
    expect(table).not.toMatch(/\b[a-z]+\.[a-z]+(-[a-z]+)+\b|その他/);
    expect(table).toContain('上書きの確認');
    const groups = await pb.locator('#tl-type optgroup').evaluateAll((els) => els.map((el) => el.getAttribute('label')));
    expect(groups).toEqual(['報告と事実', 'ボードのタスク', '決定']);
    const options = await pb.locator('#tl-type option').allTextContents();
    expect(new Set(options).size).toBe(options.length);
    await pb.locator('#tl-type').evaluate((el) => ((el as HTMLSelectElement).size = 12));
    await screenshot(pb, 'words-04-timeline-filter');
    await pb.locator('#tl-type').selectOption({ label: '上書きの確認' });
    expect(await pb.locator('.timeline tbody tr').count()).toBe(1);
    await pb.locator('#tl-type').evaluate((el) => ((el as HTMLSelectElement).size = 0));

    // Item 16: A revokes B.
    await openSettings(pa);
    const roster = pa.getByRole('table', { name: 'メンバーと端末' });
    await roster.getByRole('button', { name: '佐藤 一郎 の端末を取り消す' }).click();
    await roster.getByRole('button', { name: '佐藤 一郎 の端末の取り消しを確定' }).click();
    await roster.getByRole('row', { name: /佐藤 一郎.*取り消し済み/ }).waitFor();

    // B says so plainly, by whom; no "synced 22:56"; every screen read only.
    const panel = pb.getByRole('region', { name: 'このPCはチームから外されました' });
    await panel.waitFor({ timeout: 15_000 });
    expect(await panel.textContent()).toContain('山田 花子 さんが');
    expect(await pb.locator('.sync-chip').textContent()).toBe('チーム外・閲覧のみ');
    await pb.getByRole('tab', { name: 'ボード' }).click();
    await pb.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    expect(await pb.getByLabel('新しいタスク').isDisabled()).toBe(true);
    expect(await pb.getByRole('button', { name: 'タスクを追加' }).isDisabled()).toBe(true);
    const card = pb.getByRole('listitem', { name: /^委託先に事実確認と調査を指示する/ });
    await card.focus();
    await pb.keyboard.press('ArrowRight');
    await new Promise((r) => setTimeout(r, 500));
    expect(await pb.getByRole('listitem', { name: '委託先に事実確認と調査を指示する — 未着手' }).count()).toBe(1);
    // Reading still works: another phase, a task's details (its fields disabled).
    await pb.getByRole('button', { name: /封じ込め/ }).click();
    await pb.getByRole('heading', { name: '封じ込めボード' }).waitFor();
    await pb.getByRole('button', { name: 'サイトを停止し、カード決済を止める を編集' }).click();
    const dialog = pb.getByRole('dialog', { name: 'サイトを停止し、カード決済を止める' });
    expect(await dialog.getByLabel('メモ').isDisabled()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'タスクを保存' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await screenshot(pb, 'words-06-revoked-board');
    await pb.getByRole('tab', { name: '概要・報告' }).click();
    expect(await pb.getByRole('button', { name: '事実を更新' }).isDisabled()).toBe(true);
    await pb.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    expect(await pb.getByRole('button', { name: '第一報を登録する' }).count()).toBe(0);
    expect(await unnamedControls(pb)).toEqual([]);
    await screenshot(pb, 'words-05-revoked');

    // Wipe: refused until the word is typed; then the workspace is gone for good.
    const wipe = panel.getByRole('button', { name: '何も書き出さずに消去する' });
    expect(await wipe.isDisabled()).toBe(true);
    await panel.getByLabel('確認のため「消去」と入力してください').fill('しょうきょ');
    expect(await wipe.isDisabled()).toBe(true);
    await panel.getByLabel('確認のため「消去」と入力してください').fill('消去');
    await wipe.click();
    await pb.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor({ timeout: 15_000 });
    const databases = await pb.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(databases).not.toContain('honbu');
    await pb.reload();
    await pb.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor();

    // A keeps its data and its 300.
    await openOverview(pa);
    expect(await pa.locator('.incident-header [data-fact="confirmedCount"]').textContent()).toBe('300');
    await a.context.close();
    await b.context.close();
  }, 120_000);
});
