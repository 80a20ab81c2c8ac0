/**
 * Issue 13 §4 on screen, with two laptops and the real sync server: A (direction) asks for a
 * mailing list with a reason; nothing is saved, the batch says who asked and why and that it
 * waits. B, without a role that may approve, sees the request and who may approve — no
 * button. A gives B the contact lead's role; B approves. A makes the file — once: a double
 * click saves one file and the second is refused. The file's last line carries the export id,
 * A's and B's names; its customers read back field by field. The access record on A lists the
 * export with who asked, who approved, why and its number. Screenshots in Japanese and English.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { withoutMark, readExport } from '../shared/contacts/export-check';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { EXPORT_ID, readProduced } from './exports';
import { createWorkspace, fileFirstReport, giveRole, joinTeam, startTeamAndInvite } from './flows';
import { launchBrowser, newPage, screenshot, startServer, type StaticServer } from './harness';
import { formatReference, referenceNumber } from '../shared/contacts/reference';

let web: StaticServer;
let browser: Browser;
let sync: SyncServer;
let dataDir: string;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

const TITLE = '会員サイトからの顧客情報流出';
const B_PASSPHRASE = '夕焼けの港で待ち合わせ-4821';
const REASON = '印刷会社へお詫び状の宛名を渡すため';
const HEADER = ['顧客番号', '氏名', '郵便番号', '住所'];
const ROWS = Array.from({ length: 12 }, (_, i) => [`K${String(i + 1).padStart(4, '0')}`, ['山田 太郎', '髙橋 一郎', '渡邉 花子'][i % 3]!, `150-00${String(i + 10)}`, `東京都渋谷区神南${i + 1}丁目`]);

const menu = (page: Page, name: string) => page.getByRole('navigation', { name: /メインメニュー|Main menu/ }).getByRole('button', { name }).click();
const part = (page: Page, name: string) => page.getByRole('navigation', { name: '顧客連絡の画面' }).getByRole('button', { name, exact: true }).click();
async function openBatches(page: Page) {
  await menu(page, 'インシデント');
  await page.getByRole('button', { name: TITLE }).click({ timeout: 20_000 });
  await page.getByRole('tab', { name: '顧客連絡' }).click();
  await part(page, 'バッチ');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-export-'));
  sync = await startSyncServer({ port: 0, host: '127.0.0.1', dataDir });
  web = await startServer();
  browser = await launchBrowser();
  a = await newPage(browser);
  b = await newPage(browser);
  const [pa, pb] = [a.page, b.page];

  await createWorkspace(pa, web.url, '山田 花子');
  const qrText = await startTeamAndInvite(pa, sync.url);
  await joinTeam(pb, web.url, qrText, '佐藤 一郎', B_PASSPHRASE);
  await pb.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 45_000 });

  // A files the first report, imports a small list and makes a letter batch.
  await menu(pa, 'インシデント');
  await fileFirstReport(pa, TITLE);
  await pa.getByRole('tab', { name: '顧客連絡' }).click();
  await part(pa, '取り込み');
  const csv = [HEADER, ...ROWS].map((r) => r.join(',')).join('\r\n') + '\r\n';
  await pa.getByLabel('CSV ファイル').setInputFiles({ name: '会員.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await pa.getByRole('button', { name: '取り込み開始' }).click();
  await pa.getByRole('status').filter({ hasText: `${ROWS.length} 件を取り込みました` }).waitFor({ timeout: 60_000 });
  await part(pa, 'バッチ');
  await pa.getByRole('button', { name: 'バッチを作成' }).click();
  await pa.getByRole('status').filter({ hasText: `${ROWS.length} 件のバッチを作成しました。` }).waitFor();
}, 240_000);

afterAll(async () => {
  await a?.context.close();
  await b?.context.close();
  await browser?.close();
  await web?.close();
  await sync?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('two people for a file of customers', () => {
  it('A asks, B (once given the role) approves, A makes the file once; the file carries the export id and both names', async () => {
    const [pa, pb] = [a.page, b.page];
    const saved: Download[] = [];
    pa.on('download', (d) => saved.push(d));
    const postA = pa.locator('li.batch').first();

    // A asks: a reason is required; then the request waits, and no file is saved.
    await postA.getByRole('button', { name: '宛名リスト CSV（UTF-8）' }).click();
    await postA.getByRole('alert').filter({ hasText: 'ファイルを出力する理由を入力してください。' }).waitFor();
    await postA.getByLabel('ファイルを出力する理由（必須）').fill(REASON);
    await postA.getByRole('button', { name: '宛名リスト CSV（UTF-8）' }).click();
    const waiting = `山田 花子さんが「${REASON}」のために宛名リスト（UTF-8） ${ROWS.length} 件を依頼しました — 承認を待っています`;
    await postA.getByText(waiting).waitFor();
    await postA.getByText('自分の依頼は承認できません。別のメンバーに承認を頼んでください。').waitFor();
    expect(await postA.getByRole('button', { name: '承認する' }).count()).toBe(0);
    await postA.scrollIntoViewIfNeeded();
    await screenshot(pa, 'export-01-waiting-requester-ja');
    expect(saved).toHaveLength(0);

    // B, a member of this incident whose role may not approve (an analyst; a joined laptop
    // sees no incident until given a role, decision 016): sees the request and who may approve, no button.
    await giveRole(pa, '佐藤 一郎', 'analyst', TITLE);
    await openBatches(pb);
    const postB = pb.locator('li.batch').first();
    await postB.getByText(waiting).waitFor({ timeout: 60_000 });
    await postB.getByText('承認できるのは、依頼した人以外の方針指導または連絡窓口責任者です。').waitFor();
    expect(await postB.getByRole('button', { name: '承認する' }).count()).toBe(0);
    await screenshot(pb, 'export-02-waiting-no-role-ja');

    // A gives B the contact lead's role in this incident only (not the whole workspace).
    await menu(pa, '設定');
    const rowB = pa.locator('section.roles-settings tr[data-member="佐藤 一郎"]');
    await rowB.waitFor({ timeout: 15_000 });
    await rowB.getByLabel('佐藤 一郎さんに追加する役割').selectOption('contact-lead');
    await rowB.getByLabel('範囲').selectOption({ label: TITLE });
    await rowB.getByRole('button', { name: '割り当てる' }).click();
    await rowB.locator('[data-role="contact-lead"]').waitFor();

    // B may approve now: in English first (the screenshot), then in Japanese.
    const approve = postB.getByRole('button', { name: '承認する' });
    await approve.waitFor({ timeout: 20_000 });
    await pb.getByRole('button', { name: 'English に切り替え' }).click();
    await postB.getByText(`Requested by 山田 花子 for “${REASON}”: Mailing list (UTF-8), ${ROWS.length} customers — waiting for approval`).waitFor();
    await postB.getByRole('button', { name: 'Approve' }).waitFor();
    await postB.scrollIntoViewIfNeeded();
    await screenshot(pb, 'export-03-approve-en');
    await pb.getByRole('button', { name: '日本語に切り替え' }).click();
    await postB.scrollIntoViewIfNeeded();
    await screenshot(pb, 'export-04-approve-ja');
    await approve.click();
    await postB.getByText(`山田 花子さんの依頼（宛名リスト（UTF-8） ${ROWS.length} 件、理由: ${REASON}）は佐藤 一郎さんが承認しました。`).waitFor();
    expect(await postB.getByRole('button', { name: 'ファイルを作成する（1回だけ）' }).count()).toBe(0);

    // A makes the file — a double click saves it once; the second is refused.
    await openBatches(pa);
    const make = postA.getByRole('button', { name: 'ファイルを作成する（1回だけ）' });
    await make.waitFor({ timeout: 20_000 });
    await postA.getByText(`宛名リスト（UTF-8） ${ROWS.length} 件：佐藤 一郎さんが承認しました。ファイルを作成できます（1回だけ）。`).waitFor();
    await postA.scrollIntoViewIfNeeded();
    await screenshot(pa, 'export-05-approved-requester-ja');
    // Both clicks in one go, before the app could redraw: Playwright's dblclick sends them as
    // two input events, and on a loaded machine the first was stored and the button gone before
    // the second arrived (nothing to refuse; CI failed on that once).
    await make.evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });
    await postA.getByRole('alert').filter({ hasText: 'このファイルはすでに作成されています。もう一度必要なときは、新しく依頼してください。' }).waitFor();
    await postA.getByRole('status').filter({ hasText: /^作成しました（出力番号 [0-9A-F]{8}）。/ }).waitFor();
    await expect.poll(() => saved.length).toBe(1);
    expect(await make.count()).toBe(0);
    await screenshot(pa, 'export-06-produced-ja');

    // The file: header, every customer field by field, and the mark naming the export, A and B.
    const bytes = new Uint8Array(await readFile((await saved[0]!.path())!));
    const records = readProduced(bytes, 'utf-8-bom', '山田 花子', '佐藤 一郎');
    // Each customer's reference number (照会番号) of リスト 01, row by row.
    expect(records).toEqual([['顧客番号', '照会番号', '郵便番号', '住所', '氏名', '区分'], ...ROWS.map(([no, name, postcode, address], row) => [no, formatReference(referenceNumber(1, row)), postcode, address, name, ''])]);
    const exportId = withoutMark(readExport(bytes, 'utf-8-bom')).mark!.match(EXPORT_ID)![0];

    // The access record on A: who asked, who approved, why, made, its number.
    await part(pa, 'アクセス記録');
    const line = pa.locator('.export-record tbody tr');
    await line.first().waitFor();
    expect(await line.count()).toBe(1);
    expect(await line.locator('[data-col="requester"]').textContent()).toBe('山田 花子');
    expect(await line.locator('[data-col="approver"]').textContent()).toBe('佐藤 一郎');
    expect(await line.locator('[data-col="reason"]').textContent()).toBe(REASON);
    expect(await line.locator('[data-col="state"]').textContent()).toBe('作成済み');
    expect(await line.locator('[data-col="id"]').textContent()).toBe(exportId.replace(/-/g, '').slice(0, 8).toUpperCase());
    await screenshot(pa, 'export-07-access-record-ja');
    await pa.getByRole('button', { name: 'English に切り替え' }).click();
    await pa.locator('.export-record').getByText('Made', { exact: true }).waitFor();
    await screenshot(pa, 'export-08-access-record-en');
    await pa.getByRole('button', { name: '日本語に切り替え' }).click();
  }, 240_000);
});
