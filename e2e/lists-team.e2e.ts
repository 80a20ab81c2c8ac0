/**
 * Issue 12 item 9 on screen, with two laptops and the real sync server: A imports a
 * customer list; B, which never had the file, receives it from the team. While it arrives
 * B's import screen says "receiving the list from the team… N %" (the transfer is held
 * mid-way here by routing B's list socket), B stops it, receives again, and then finds a
 * customer and sees the same totals as A — in Japanese and in English. Afterwards neither
 * B's browser profile nor the sync server's data holds a customer's data in clear.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodeCsv, toCsv } from '../shared/export/csv';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { unnamedControls } from './a11y';
import { createWorkspace, fileFirstReport, giveRole, joinTeam, startTeamAndInvite, takeDirectionRole } from './flows';
import { scanForStrings } from './disk-scan';
import { launchBrowser, launchPersistent, newPage, screenshot, startServer, tempDir, type StaticServer } from './harness';

let web: StaticServer;
let browser: Browser;
let sync: SyncServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-lists-'));
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

const TITLE = '会員サイトからの顧客情報流出';
const FILE = '顧客リスト_全件.csv';
const B_PASSPHRASE = '夕焼けの港で待ち合わせ-4821';
/** Enough rows for three packs of ~1 MiB, so the transfer can be held after the first. */
const ROWS = 24_000;
const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号', 'サービス'];
const FAMILY = [['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['髙橋', 'タカハシ'], ['渡邊', 'ワタナベ']];
const GIVEN = [['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['美咲', 'ミサキ']];
const row = (i: number) => {
  const [f, fk] = FAMILY[i % FAMILY.length]!;
  const [g, gk] = GIVEN[i % GIVEN.length]!;
  const n = String(i).padStart(6, '0');
  return [`K${n}`, `${f} ${g}`, `${fk} ${gk}`, `${100 + (i % 900)}-${n.slice(2)}`, `東京都千代田区丸の内${(i % 3) + 1}丁目${i}番`, `member${i}@example.jp`, `090-${n.slice(0, 4)}-${n.slice(2)}`, i % 2 ? '通販' : 'アプリ会員'];
};

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: '顧客連絡の画面' }).getByRole('button', { name, exact: true }).click();
}
async function openContacts(page: Page) {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
  await page.getByRole('button', { name: TITLE }).click();
  await page.getByRole('tab', { name: '顧客連絡' }).click();
}
const kpi = async (page: Page, name: string) => (await page.locator(`[data-kpi="${name}"]`).textContent()) ?? '';

describe('a customer list reaches another laptop from the team', () => {
  it('B receives A’s list without the file: progress, stop, receive again, then lookup and totals', async () => {
    const a = await newPage(browser);
    // B on disk, so its profile can be scanned afterwards.
    const profile = await tempDir('lists-b-');
    const b = await launchPersistent(profile.path);
    try {
      const [pa, pb] = [a.page, b.page];

      // B's list socket passes the first pack and holds every later one while `hold` is set.
      let hold = true;
      await pb.routeWebSocket(/\/lists$/, (ws) => {
        const server = ws.connectToServer();
        let packs = 0;
        server.onMessage((m) => {
          if (typeof m !== 'string' && m.length > 100_000 && ++packs > 1 && hold) return;
          ws.send(m);
        });
      });

      // A starts a team and invites B (the QR code's text pasted).
      await createWorkspace(pa, web.url, '山田 花子');
      await takeDirectionRole(pa);
      const qrText = await startTeamAndInvite(pa, sync.url);
      await joinTeam(pb, web.url, qrText, '佐藤 一郎', B_PASSPHRASE);
      await pb.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 45_000 });
      // A member sees only the incidents they hold a role in: A, direction, gives B one.
      await giveRole(pa, '佐藤 一郎', 'contact-lead');

      // A files the first report and imports the list.
      await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
      await fileFirstReport(pa, TITLE);
      await pa.getByRole('tab', { name: '顧客連絡' }).click();
      await part(pa, '取り込み');
      const dir = await mkdtemp(join(tmpdir(), 'honbu-e2e-list-file-'));
      const file = join(dir, FILE);
      await writeFile(file, encodeCsv(toCsv(HEADER, Array.from({ length: ROWS }, (_, i) => row(i))), 'utf-8-bom'));
      await pa.getByLabel('CSV ファイル').setInputFiles(file);
      await pa.getByRole('button', { name: '取り込み開始' }).click();
      await pa.getByRole('status').filter({ hasText: `${ROWS.toLocaleString('ja-JP')} 件を取り込みました` }).or(pa.getByRole('status').filter({ hasText: `${ROWS} 件を取り込みました` })).waitFor({ timeout: 120_000 });
      await rm(dir, { recursive: true, force: true });

      // B: the list is coming from the team, held after its first pack.
      await pb.getByRole('button', { name: TITLE }).waitFor({ timeout: 20_000 });
      await openContacts(pb);
      await part(pb, '取り込み');
      const receiving = pb.getByRole('status').filter({ hasText: /^チームからリストを受け取っています… [1-9]\d*%$/ });
      await receiving.waitFor({ timeout: 60_000 });
      expect(await pb.getByRole('progressbar', { name: `「${FILE}」の受け取りの進み具合` }).count()).toBe(1);
      expect(await unnamedControls(pb)).toEqual([]);
      await screenshot(pb, 'lists-01-receiving');
      await pb.getByRole('button', { name: 'English に切り替え' }).click();
      await pb.getByRole('status').filter({ hasText: /^Receiving the list from the team… [1-9]\d*%$/ }).waitFor();
      await screenshot(pb, 'lists-01-receiving-en');
      await pb.getByRole('button', { name: '日本語に切り替え' }).click();

      // Stopped: what arrived stays; receiving again continues from there.
      await pb.getByRole('button', { name: '受け取りをやめる' }).click();
      await pb.getByRole('status').filter({ hasText: /^受け取りを止めています（\d+%）/ }).waitFor();
      await screenshot(pb, 'lists-02-stopped');
      hold = false;
      await pb.getByRole('button', { name: 'もう一度受け取る' }).click();
      await pb.getByRole('status').filter({ hasText: `「${FILE}」をチームから受け取りました。このPCでも使えます。` }).waitFor({ timeout: 60_000 });
      await screenshot(pb, 'lists-03-received');

      // B finds a customer, with the list named, and the dashboard counts the whole list as A's does.
      await part(pb, '検索');
      await pb.getByLabel('検索する値').fill('K012345');
      const card = pb.getByRole('region', { name: 'お客様カード' });
      await card.locator('[data-field="customerNo"]').filter({ hasText: 'K012345' }).waitFor({ timeout: 20_000 });
      expect(await card.locator('[data-field="address"]').textContent()).toContain(row(12345)[4]);
      await part(pb, '集計');
      await pb.locator('[data-kpi="total"]').filter({ hasText: /24,?000/ }).waitFor();
      await part(pa, '集計');
      await pa.locator('[data-kpi="total"]').filter({ hasText: /24,?000/ }).waitFor();
      for (const k of ['total', 'reached', 'unreachable']) expect(await kpi(pb, k)).toBe(await kpi(pa, k));
      await screenshot(pb, 'lists-04-dashboard');
      await a.context.close();
      await b.context.close();

      // What B received is stored as sealed as what A imported; the server kept only sealed packs.
      const c = row(12345);
      const needles = [c[1]!.replace(' ', ''), c[4]!, c[5]!, c[6]!, FILE];
      const onB = await scanForStrings(profile.path, needles);
      expect(onB.files).toBeGreaterThan(10);
      expect(onB.hits).toEqual([]);
      const onServer = await scanForStrings(dataDir, [...needles, c[0]!, c[3]!]);
      expect(onServer.files).toBeGreaterThan(0);
      expect(onServer.hits).toEqual([]);
    } finally {
      // Closed here too when the test failed: the worker runs the next file (isolate: false).
      await a.context.close().catch(() => undefined);
      await b.context.close().catch(() => undefined);
      await profile.remove();
    }
  }, 300_000);
});
