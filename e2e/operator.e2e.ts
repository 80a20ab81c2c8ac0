/**
 * Issue 13 §2 and §6, operator mode and membership, on two laptops with the real sync server.
 * A (direction) files an incident with a customer list and a post batch, a second incident
 * and a drill. B joins by invite and first sees no incident and whom to ask; A gives B the
 * operator role in the first incident only. B then sees that incident alone, and inside it
 * only its three screens: the enquiry form, the FAQ search and the customer lookup. B looks up
 * a customer, records the call's result and logs an enquiry; nothing of an export is within
 * reach (hash, tab order, Ctrl+P — the menu's print accelerator). A sees B's lookups in the
 * access record. The byte scan finds no customer data in clear on either laptop's disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { scanForStrings } from './disk-scan';
import { caughtUp, contactsPart, createWorkspace, giveRole, importList, joinTeam, listFile, startTeamAndInvite } from './flows';
import { launchPersistent, screenshot, startServer, tempDir, type StaticServer } from './harness';

let web: StaticServer;
let sync: SyncServer;
let dataDir: string;
let profiles: { path: string; remove(): Promise<void> }[] = [];
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

const TITLE = '会員情報の流出（通販サイト）';
const OTHER = '誤送信（メール）';
const DRILL = '紛失訓練（11月）';
const B_NAME = '鈴木 次郎';
const B_PASSPHRASE = '夕焼けの港で待ち合わせ-4821';
const ROWS = 30;
const no = (i: number) => `A${String(i).padStart(4, '0')}`;
const rows = Array.from({ length: ROWS }, (_, i) => [no(i), `高橋 ${i}`, `タカハシ ${i}`, '100-0001', `東京都千代田区丸の内${i}丁目`, `takahashi${i}@example.jp`, `090-1111-${String(i).padStart(4, '0')}`]);

const menu = (page: Page) => page.getByRole('navigation', { name: /メインメニュー|Main menu/ });

async function fileIncident(page: Page, title: string, drill = false) {
  await menu(page).getByRole('button', { name: 'インシデント' }).click();
  await page.getByRole('button', { name: drill ? '訓練を開始' : '第一報を登録する' }).first().click();
  await page.getByLabel('件名').fill(title);
  await page.getByLabel('シナリオ（ボードのテンプレート）').selectOption('lost-device');
  await page.getByRole('button', { name: drill ? '訓練を開始' : '第一報を登録', exact: true }).click();
  await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-operator-'));
  sync = await startSyncServer({ port: 0, host: '127.0.0.1', dataDir });
  web = await startServer();
  profiles = [await tempDir('operator-a-'), await tempDir('operator-b-')];
  a = await launchPersistent(profiles[0]!.path);
  b = await launchPersistent(profiles[1]!.path);
}, 60_000);

afterAll(async () => {
  await a?.context.close().catch(() => undefined);
  await b?.context.close().catch(() => undefined);
  await web?.close();
  await sync?.close();
  for (const p of profiles) await p.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('operator mode and membership', () => {
  it('an operator laptop sees its one incident and four screens, works a call, and reaches no export', async () => {
    const pa = a.page;
    const pb = b.page;
    await createWorkspace(pa, web.url, '山田 花子');
    const qrText = await startTeamAndInvite(pa, sync.url);

    // B joins: a member of no incident yet, told whom to ask.
    await joinTeam(pb, web.url, qrText, B_NAME, B_PASSPHRASE);
    const none = pb.locator('[data-membership="none"]');
    await none.waitFor({ timeout: 45_000 });
    await none.getByText('依頼先（方針指導）: 山田 花子').waitFor({ timeout: 15_000 });
    expect(await none.textContent()).toContain('まだ参加しているインシデントはありません');
    await screenshot(pb, 'operator-01-no-incident-ja');

    // A's incidents: one with a customer list and a post batch (its customers wait for a result), another, a drill.
    await fileIncident(pa, TITLE);
    await importList(pa, listFile(rows), ROWS);
    await contactsPart(pa, 'バッチ');
    await pa.getByRole('button', { name: 'バッチを作成' }).click();
    await pa.getByRole('status').filter({ hasText: `${ROWS} 件のバッチを作成しました。` }).waitFor();
    await fileIncident(pa, OTHER);
    await fileIncident(pa, DRILL, true);

    // Filed and synced, still none of them on B's laptop.
    await caughtUp(pa, pb);
    expect(await none.count()).toBe(1);
    for (const title of [TITLE, OTHER, DRILL]) expect(await pb.getByRole('button', { name: title }).count(), title).toBe(0);

    // A gives B the operator role in the first incident only.
    await giveRole(pa, B_NAME, 'operator', TITLE);

    // B: that incident alone — not the other, not the drill — and nothing to file or export.
    await pb.getByRole('button', { name: TITLE }).waitFor({ timeout: 20_000 });
    expect(await pb.getByRole('button', { name: OTHER }).count()).toBe(0);
    expect(await pb.getByRole('button', { name: DRILL }).count()).toBe(0);
    expect(await pb.getByRole('button', { name: /第一報を登録|訓練を開始|CSV|Markdown/ }).count()).toBe(0);
    expect(await menu(pb).getByRole('button').allTextContents()).toEqual(['インシデント', '設定']);
    await screenshot(pb, 'operator-02-list-ja');

    // Inside: its three screens, no other tab.
    await pb.getByRole('button', { name: TITLE }).click();
    const tabs = pb.getByRole('tablist', { name: 'オペレーターの画面' }).getByRole('tab');
    await tabs.first().waitFor();
    expect(await tabs.allTextContents()).toEqual(['問い合わせ受付', 'FAQ検索', '顧客照会', 'トークスクリプト']);
    expect(await pb.getByRole('tab', { name: '顧客連絡' }).count()).toBe(0);
    expect(await pb.getByRole('tab', { name: 'アクセス記録' }).count()).toBe(0);
    expect(await pb.getByRole('button', { name: 'アクセス記録' }).count()).toBe(0);

    // A customer looked up as soon as the screen opens — typed in before the list has come
    // from the team: the card appears by itself once it arrives. The call's result recorded.
    await pb.getByRole('tab', { name: '顧客照会' }).click();
    const card = pb.getByRole('region', { name: 'お客様カード' });
    await pb.getByLabel('検索する値').fill(no(3));
    await card.locator('[data-field="customerNo"]').filter({ hasText: no(3) }).waitFor({ timeout: 60_000 });
    expect(await card.locator('[data-field="address"]').textContent()).toBe(rows[3]![4]);
    await card.getByRole('button', { name: '連絡できた' }).click();
    await card.getByRole('status').waitFor();
    await screenshot(pb, 'operator-03-lookup-ja');

    // An enquiry logged with the keyboard.
    await pb.getByRole('tab', { name: '問い合わせ受付' }).click();
    const question = pb.getByLabel('お問い合わせの内容');
    await question.fill('自分の情報は漏れていますか');
    await question.press('Control+Enter');
    await pb.getByRole('status').filter({ hasText: '（1件目）' }).waitFor();
    await screenshot(pb, 'operator-04-enquiry-ja');

    // No export within reach. By hash: the app has no routes, nothing changes.
    await pb.evaluate(() => (location.hash = '#/contacts/batches/export'));
    await pb.waitForTimeout(300);
    expect(await tabs.allTextContents()).toEqual(['問い合わせ受付', 'FAQ検索', '顧客照会', 'トークスクリプト']);
    // By the tab order: every control a keyboard reaches, none of them an export, batch, import or print.
    const reached: string[] = [];
    await pb.locator('body').focus();
    for (let i = 0; i < 80; i++) {
      await pb.keyboard.press('Tab');
      reached.push(await pb.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '').trim()));
    }
    expect(reached.filter((name) => /出力|CSV|バッチ|取り込み|印刷|PDF|宛名|集計|テンプレート/.test(name))).toEqual([]);
    // Ctrl+P (the menu's print accelerator): refused, and said so.
    await pb.keyboard.press('Control+p');
    await pb.locator('[data-operator-refusal]').getByText('オペレーターの画面では、この操作はできません。').waitFor();
    await screenshot(pb, 'operator-05-print-refused-ja');

    // Settings: its own language, profile and passphrase only.
    await menu(pb).getByRole('button', { name: '設定' }).click();
    await pb.getByRole('heading', { name: '設定', level: 1 }).waitFor();
    expect(await pb.locator('section.roles-settings').count()).toBe(0);
    expect(await pb.getByLabel('同期サーバーのアドレス').count()).toBe(0);

    // English.
    await pb.getByRole('button', { name: 'English に切り替え' }).click();
    await menu(pb).getByRole('button', { name: 'Incidents' }).click();
    await pb.getByRole('button', { name: TITLE }).click();
    expect(await pb.getByRole('tablist', { name: 'Operator screens' }).getByRole('tab').allTextContents()).toEqual(['Take an enquiry', 'Search the FAQ', 'Look up a customer', 'Talk script']);
    await screenshot(pb, 'operator-06-screens-en');
    await pb.getByRole('button', { name: '日本語に切り替え' }).click();

    // A (direction) sees B's lookups and card in the access record.
    await menu(pa).getByRole('button', { name: 'インシデント' }).click();
    await pa.getByRole('button', { name: TITLE }).click();
    await pa.getByRole('tab', { name: '顧客連絡' }).click();
    await contactsPart(pa, 'アクセス記録');
    const line = pa.locator(`tr[data-person="${B_NAME}"]`);
    await line.waitFor({ timeout: 30_000 });
    await expect.poll(() => line.locator('[data-col="cards"]').textContent(), { timeout: 15_000 }).toMatch(/^1 人/);
    // The lookup, and the lookup again after the result was recorded (the card is re-read).
    expect(await line.locator('[data-col="lookups"]').textContent()).toMatch(/^[1-9] 件（検索 [1-9] 回）$/);
    // The enquiry B logged; the result B recorded was a letter's (post), which is not a call.
    await expect.poll(() => line.locator('[data-col="work"]').textContent(), { timeout: 30_000 }).toBe('電話 0 件・受付 1 件');
    await screenshot(pa, 'operator-07-access-record-ja');

    // On disk, on both laptops: no customer's name, address, e-mail or phone in clear.
    await a.context.close();
    await b.context.close();
    const needles = [0, 3, 17, 29].flatMap((i) => [rows[i]![1]!, rows[i]![4]!, rows[i]![5]!, rows[i]![6]!, rows[i]![6]!.replace(/-/g, '')]);
    for (const p of profiles) {
      const scan = await scanForStrings(p.path, needles);
      expect(scan.files).toBeGreaterThan(10);
      expect(scan.hits).toEqual([]);
    }
  }, 300_000);
});
