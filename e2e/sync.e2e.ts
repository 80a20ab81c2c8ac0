/**
 * Issue 7, as a team uses it: two laptops (two browser profiles) and the real sync server
 * on loopback. A starts a team and invites; B joins with the code; a first report filed
 * on A shows on B, a task added on B shows on A; B loses the network, keeps working under
 * the offline banner, and A gets B's edits once B is back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { unnamedControls } from './a11y';
import { createWorkspace, PASSPHRASE, unlock, giveRole } from './flows';
import { launchBrowser, newPage, screenshot, startServer, type StaticServer } from './harness';

let web: StaticServer;
let browser: Browser;
let sync: SyncServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-sync-'));
  // Loopback only, a free port, a throwaway data directory.
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

const TITLE = '顧客リストの誤送信';
const B_PASSPHRASE = '夕焼けの港で待ち合わせ-4821';

async function openSettings(page: Page) {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '設定' }).click();
  await page.getByRole('heading', { name: 'チーム同期', level: 2 }).waitFor();
}

async function openIncident(page: Page, title: string) {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
  await page.getByRole('button', { name: title }).click();
  await page.getByRole('tab', { name: 'ボード' }).click();
  await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
}

async function addTask(page: Page, title: string) {
  await page.getByLabel('新しいタスク').fill(title);
  await page.getByRole('button', { name: 'タスクを追加' }).click();
  await page.getByRole('button', { name: `${title} を編集` }).waitFor();
}

describe('team sync between two laptops', () => {
  it('starts a team, invites, joins, shares edits both ways and catches up after going offline', async () => {
    const a = await newPage(browser);
    const b = await newPage(browser);
    const pa = a.page;
    const pb = b.page;

    // A: a workspace, then Settings → Team sync → start a team on the server.
    await createWorkspace(pa, web.url, '山田 花子');
    await openSettings(pa);
    // A web page cannot host the server: only the desktop app offers it.
    expect(await pa.getByRole('heading', { name: 'このPCで同期サーバーを動かす' }).count()).toBe(0);
    await pa.getByRole('button', { name: 'チームを始める' }).click();
    expect(await pa.getByRole('alert').textContent()).toContain('ws:// または wss://');
    await pa.getByLabel('同期サーバーのアドレス').fill(sync.url);
    await pa.getByRole('button', { name: 'チームを始める' }).click();
    await pa.locator('[data-sync-state="connected"]').waitFor({ timeout: 15_000 });
    const roster = pa.getByRole('table', { name: 'メンバーと端末' });
    expect(await roster.getByRole('row').count()).toBe(2);

    // A invites: passphrase again, then a one-time code and its QR.
    await pa.getByRole('group', { name: '招待する人の担当' }).getByRole('checkbox', { name: '窓口' }).check();
    await pa.getByLabel('あなたのパスフレーズ').fill(PASSPHRASE);
    await pa.getByRole('button', { name: '招待コードを作る' }).click();
    const codeEl = pa.locator('[data-invite-code]');
    await codeEl.waitFor({ timeout: 30_000 });
    const code = (await codeEl.getAttribute('data-invite-code'))!;
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    await pa.getByRole('img', { name: '招待のQRコード' }).waitFor();
    expect(await pa.getByText('参加を待っています…').isVisible()).toBe(true);
    // The server deletes the invite at this time, whatever happens to this laptop.
    expect(await pa.getByText(/まで有効です。この時刻を過ぎると、サーバーが招待を消します。/).isVisible()).toBe(true);
    expect(await unnamedControls(pa)).toEqual([]);
    await screenshot(pa, '70-sync-invite');

    // B: a new laptop joins with the server address and the code (typed in lower case).
    await pb.goto(web.url);
    await pb.getByRole('button', { name: '既存のチームに参加する' }).click();
    await pb.getByRole('heading', { name: 'チームに参加' }).waitFor();
    expect(await unnamedControls(pb)).toEqual([]);
    await pb.getByLabel('同期サーバーのアドレス').fill(sync.url);
    await pb.getByLabel('招待コード').fill('AAAAA-AAAAA-AAAAA-AAAAA');
    await pb.getByLabel('あなたの氏名').fill('佐藤 一郎');
    await pb.getByLabel('このPCで使うパスフレーズ').fill(B_PASSPHRASE);
    await pb.getByLabel('パスフレーズ（確認）').fill(B_PASSPHRASE);
    // A wrong code gets nothing, and says so.
    await pb.getByRole('button', { name: 'チームに参加' }).click();
    await pb.getByRole('alert').filter({ hasText: '招待コードが違うか、すでに使われています。' }).waitFor({ timeout: 15_000 });
    await pb.getByLabel('招待コード').fill(code.toLowerCase());
    await screenshot(pb, '71-sync-join');
    await pb.getByRole('button', { name: 'チームに参加' }).click();
    await pb.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 45_000 });
    expect(await pb.getByText('佐藤 一郎 として作業中').isVisible()).toBe(true);

    // A sees B admitted, in the roster.
    await pa.getByRole('status').filter({ hasText: '佐藤 一郎 さんが参加しました。' }).waitFor({ timeout: 15_000 });
    await roster.getByRole('row', { name: /佐藤 一郎.*役割なし.*有効/ }).waitFor();
    await roster.getByRole('button', { name: '佐藤 一郎 の端末を取り消す' }).waitFor();
    // A member sees only the incidents they hold a role in: A, direction, gives B one.
    await giveRole(pa, '佐藤 一郎', 'contact-lead');

    // A files a first report → it appears in B's incident list.
    await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await pa.getByRole('button', { name: '第一報を登録する' }).first().click();
    await pa.getByLabel('件名').fill(TITLE);
    await pa.getByLabel('シナリオ（ボードのテンプレート）').selectOption('lost-device');
    await pa.getByLabel('誰が見つけたか').fill('営業部 佐藤');
    await pa.getByLabel('どこで見つけたか').fill('社内メール');
    await pa.getByRole('checkbox', { name: '氏名' }).check();
    await pa.getByLabel('確定件数').fill('120');
    await pa.getByRole('button', { name: '第一報を登録' }).click();
    await pa.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    await pb.getByRole('button', { name: TITLE }).waitFor({ timeout: 15_000 });

    // B opens it and adds a task → A sees it on its board.
    await openIncident(pb, TITLE);
    await addTask(pb, '誤送信先へ削除を依頼する');
    await pb.getByRole('button', { name: '誤送信先へ削除を依頼する を編集' }).click();
    const editor = pb.getByRole('dialog', { name: '誤送信先へ削除を依頼する' });
    await editor.getByLabel('担当者').fill('佐藤 一郎');
    await editor.getByRole('button', { name: 'タスクを保存' }).click();
    await editor.waitFor({ state: 'hidden' });
    await pa.getByRole('listitem', { name: /^誤送信先へ削除を依頼する/ }).filter({ hasText: '佐藤 一郎' }).waitFor({ timeout: 15_000 });

    // Presence: A, in Settings, sees B online on that board; the top bar shows the last sync.
    await openSettings(pa);
    await pa.getByRole('listitem').filter({ hasText: `佐藤 一郎 — ${TITLE} · 方針指導 を表示中` }).waitFor({ timeout: 15_000 });
    expect(await pa.locator('.sync-chip').textContent()).toMatch(/^同期 \d{2}:\d{2}$/);
    expect(await unnamedControls(pa)).toEqual([]);
    await screenshot(pa, '72-sync-settings');

    // B goes offline: the calm banner, and work goes on.
    await b.context.setOffline(true);
    const banner = pb.getByRole('status').filter({ hasText: 'オフライン — 変更はこのPCに保存され、再接続時に同期されます' });
    await banner.waitFor({ timeout: 10_000 });
    await addTask(pb, 'オフラインで追加したタスク');
    await addTask(pb, 'コールセンターの台本を用意する');
    await screenshot(pb, '73-sync-offline');
    await openIncident(pa, TITLE);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await pa.getByRole('button', { name: 'オフラインで追加したタスク を編集' }).count()).toBe(0);

    // Back online: A gets both edits, the banner goes.
    await b.context.setOffline(false);
    await pa.getByRole('button', { name: 'オフラインで追加したタスク を編集' }).waitFor({ timeout: 20_000 });
    await pa.getByRole('button', { name: 'コールセンターの台本を用意する を編集' }).waitFor();
    await banner.waitFor({ state: 'hidden', timeout: 10_000 });
    await screenshot(pa, '74-sync-caught-up');

    // B locks: sync stops with the keys. A keeps working; B unlocks with its own passphrase and catches up.
    await pb.getByRole('button', { name: 'ロック', exact: true }).click();
    await pb.getByRole('heading', { name: 'ワークスペースのロックを解除' }).waitFor();
    await addTask(pa, 'ロック中に追加したタスク');
    await unlock(pb, B_PASSPHRASE);
    await openIncident(pb, TITLE);
    await pb.getByRole('button', { name: 'ロック中に追加したタスク を編集' }).waitFor({ timeout: 15_000 });

    // A revokes B's laptop: from then on A refuses what it signs, and says so.
    await openSettings(pa);
    await roster.getByRole('button', { name: '佐藤 一郎 の端末を取り消す' }).click();
    await roster.getByRole('button', { name: '佐藤 一郎 の端末の取り消しを確定' }).click();
    await roster.getByRole('row', { name: /佐藤 一郎.*取り消し済み/ }).waitFor();
    // B is told, and can no longer add a task the team would refuse (team-edits.e2e.ts has the rest).
    await pb.getByRole('region', { name: 'このPCはチームから外されました' }).waitFor({ timeout: 15_000 });
    expect(await pb.getByLabel('新しいタスク').isDisabled()).toBe(true);
    // A no longer shows B online (its presence goes with its connection).
    await pa.getByRole('listitem').filter({ hasText: '佐藤 一郎 —' }).waitFor({ state: 'detached', timeout: 5_000 });
    await screenshot(pa, '76-sync-revoked');
    await screenshot(pb, '78-sync-revoked-laptop');

    // The team's key changed without B: what A writes from now on never reaches B's laptop.
    await openIncident(pa, TITLE);
    await addTask(pa, '取り消し後に追加したタスク');
    await openIncident(pb, TITLE);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await pb.getByRole('button', { name: '取り消し後に追加したタスク を編集' }).count()).toBe(0);
    await openSettings(pa);
    await pa.locator('[data-sync-state="connected"]').waitFor({ timeout: 15_000 });
    expect(await pa.getByRole('alert').count()).toBe(0);

    await a.context.close();
    await b.context.close();
  }, 90_000);

  it('desktop: hosts the server on this laptop and starts the team on its LAN address', async () => {
    const { context, page } = await newPage(browser);
    // The desktop preload's window.honbu, faked: main "hosts" the in-process test server.
    await page.addInitScript(
      ({ url, port }) => {
        let running = false;
        const addresses = [{ name: 'en0', address: '192.168.1.20', family: 'IPv4' }];
        const status = () => ({ running, host: running ? '0.0.0.0' : null, port: running ? port : null, urls: running ? [url] : [], addresses });
        (window as unknown as { honbu: unknown }).honbu = {
          appInfo: async () => ({ name: 'Honbu', version: '0', electron: '0', chrome: '0', platform: 'linux', dataPath: '/tmp' }),
          saveFile: async () => ({ saved: false }),
          printToPdf: async () => ({ saved: false }),
          notify: async () => undefined,
          setMenuLanguage: async () => undefined,
          onMenuCommand: () => () => undefined,
          syncHostStart: async () => ((running = true), status()),
          syncHostStop: async () => ((running = false), status()),
          syncHostStatus: async () => status(),
        };
      },
      { url: sync.url, port: sync.port },
    );
    await createWorkspace(page, web.url, '鈴木 次郎');
    await openSettings(page);
    const host = page.getByRole('region', { name: 'このPCで同期サーバーを動かす' });
    await host.waitFor();
    expect(await host.getByLabel('待ち受けるアドレス').inputValue()).toBe('0.0.0.0');
    await host.getByLabel('ポート番号').fill('80');
    await host.getByRole('button', { name: 'サーバーを起動' }).click();
    expect(await host.getByRole('alert').textContent()).toContain('1024〜65535');
    await host.getByLabel('ポート番号').fill('4455');
    await host.getByRole('button', { name: 'サーバーを起動' }).click();
    await host.getByRole('status').filter({ hasText: 'このPCで同期サーバーが動いています' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await host.getByRole('button', { name: `${sync.url} でチームを始める` }).click();
    await page.locator('[data-sync-state="connected"]').waitFor({ timeout: 15_000 });
    await screenshot(page, '75-sync-host');
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { name: 'Team sync', level: 2 }).waitFor();
    await page.getByRole('region', { name: 'Host the sync server on this laptop' }).getByText('Other laptops connect with this address.').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '77-sync-settings-en');
    await page.getByRole('radio', { name: '日本語' }).check();
    await host.getByRole('button', { name: 'サーバーを停止' }).click();
    await host.getByRole('button', { name: 'サーバーを起動' }).waitFor();
    await context.close();
  });
});
