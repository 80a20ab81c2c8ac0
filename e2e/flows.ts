/** Steps shared by several end-to-end tests, written the way a person does them. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeCsv, toCsv } from '../shared/export/csv';

export const PASSPHRASE = '桜の下で会議は三時から-2026';

export async function createWorkspace(page: Page, url: string, name = '山田 花子', passphrase = PASSPHRASE) {
  await page.goto(url);
  await page.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor();
  await page.getByLabel('あなたの氏名').fill(name);
  await page.getByLabel('パスフレーズ', { exact: true }).fill(passphrase);
  await page.getByLabel('パスフレーズ（確認）').fill(passphrase);
  await page.getByRole('button', { name: 'ワークスペースを作成' }).click();
  await page.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 30_000 });
}

export async function unlock(page: Page, passphrase = PASSPHRASE) {
  await page.getByLabel('パスフレーズ').fill(passphrase);
  await page.getByRole('button', { name: 'ロックを解除' }).click();
  await page.getByRole('button', { name: 'ロック', exact: true }).waitFor({ timeout: 30_000 });
}

/** Locks the workspace and unlocks it again, with the screen in English. */
export async function lockAndUnlockInEnglish(page: Page, passphrase = PASSPHRASE) {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Lock', exact: true }).waitFor({ timeout: 30_000 });
}

export async function expectText(page: Page, text: string) {
  await page.getByText(text).first().waitFor();
  expect(await page.getByText(text).count()).toBeGreaterThan(0);
}

/** The workspace's user takes the direction (方針指導) role: approving a statement needs it. */
export async function takeDirectionRole(page: Page) {
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('button', { name: '設定' }).click();
  await page.getByRole('checkbox', { name: '方針指導', exact: true }).check();
  await page.getByRole('button', { name: 'プロフィールを保存' }).click();
  await page.getByRole('status').filter({ hasText: '保存しました。' }).first().waitFor();
  await menu.getByRole('button', { name: 'インシデント' }).click();
}

/**
 * Facts by their key (#fact-<key>), and the bank account among the items that did not
 * leak: what letters, notices and the statement quote, so the release gate lets them go.
 */
export async function fillFacts(page: Page, values: Record<string, string>) {
  await page.getByRole('tab', { name: '概要・報告' }).click();
  await page.getByRole('button', { name: '事実を更新' }).click();
  for (const [key, value] of Object.entries(values)) await page.locator(`#fact-${key}`).fill(value);
  const bank = page.locator('input[name="fact-not-leaked"]').nth(7);
  if (!(await bank.isChecked())) await bank.check();
  await page.getByRole('button', { name: '事実を保存' }).click();
  await page.getByRole('status').filter({ hasText: '事実を更新しました。' }).waitFor();
}

/**
 * Statement version 1 approved and published by `me` (who must hold the direction role),
 * for flows that rely on a published statement, such as covering customers by the notice.
 */
export async function publishFirstStatement(page: Page, me = '山田 花子') {
  await page.getByRole('tab', { name: '公表・当局報告' }).click();
  await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '声明文' }).click();
  await page.getByRole('button', { name: '第1版（初回の声明）を作成' }).click();
  await page.getByRole('button', { name: `${me} として承認する` }).click();
  await page.getByRole('button', { name: '公表済みにする' }).click();
  await page.locator('.ok').filter({ hasText: '公表 ' }).waitFor();
}

/**
 * What letters and the e-mail text of a batch are made from: the company as sender
 * (Settings → company) and version 1 of the notice to individuals approved by `me` (who
 * must hold the direction role). Call with the incident open, after the facts it quotes.
 */
export async function approveNoticeWithSender(page: Page, company = '株式会社サンプル', me = '山田 花子') {
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('button', { name: '設定' }).click();
  await page.locator('#company-name').fill(company);
  await page.getByRole('button', { name: '会社情報を保存' }).click();
  await page.getByRole('status').filter({ hasText: '保存しました。' }).first().waitFor();
  await menu.getByRole('button', { name: 'インシデント' }).click();
  await page.getByRole('row').getByRole('button').first().click();
  await page.getByRole('tab', { name: '公表・当局報告' }).click();
  await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '本人通知' }).click();
  // Version 1 may already be drafted.
  const create = page.getByRole('button', { name: '通知文 第1版を作成' });
  const approve = page.getByRole('button', { name: `${me} として承認する` });
  await create.or(approve).first().waitFor();
  if ((await create.count()) > 0) await create.click();
  await approve.click();
  await page.locator('.ok').filter({ hasText: '承認 ' }).waitFor();
}

/**
 * Direction (on `page`) gives `member` a role in Settings → 役割: in the whole workspace, or
 * in the incident named `incident`. A member sees only the incidents they hold a role in
 * (decision 016), so a laptop that joined sees nothing until this. Ends on the incident list.
 */
export async function giveRole(page: Page, member: string, role: string, incident?: string) {
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('button', { name: '設定' }).click();
  const row = page.locator('section.roles-settings').locator(`tr[data-member="${member}"]`);
  await row.waitFor({ timeout: 30_000 });
  await row.getByLabel(`${member}さんに追加する役割`).selectOption(role);
  if (incident) await row.getByLabel('範囲').selectOption({ label: incident });
  await row.getByRole('button', { name: '割り当てる' }).click();
  await row.locator(`[data-role="${role}"]`).first().waitFor();
  await menu.getByRole('button', { name: 'インシデント' }).click();
}

/**
 * A (on its unlocked workspace) starts a team on the sync server and makes an invite; the
 * text of its QR code, which B pastes.
 */
export async function startTeamAndInvite(pa: Page, syncUrl: string, passphrase = PASSPHRASE): Promise<string> {
  await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '設定' }).click();
  await pa.getByLabel('同期サーバーのアドレス').fill(syncUrl);
  await pa.getByRole('button', { name: 'チームを始める' }).click();
  await pa.locator('[data-sync-state="connected"]').waitFor({ timeout: 15_000 });
  await pa.getByLabel('あなたのパスフレーズ').fill(passphrase);
  await pa.getByRole('button', { name: '招待コードを作る' }).click();
  return (await pa.locator('.invite-qr code').textContent({ timeout: 30_000 }))!;
}

/** B, a new laptop, joins with the invite's text under `name`; the caller waits for what B should see next. */
export async function joinTeam(pb: Page, webUrl: string, invite: string, name: string, passphrase: string): Promise<void> {
  await pb.goto(webUrl);
  await pb.getByRole('button', { name: '既存のチームに参加する' }).click();
  await pb.getByLabel('招待コード').fill(invite);
  await pb.getByLabel('あなたの氏名').fill(name);
  await pb.getByLabel('このPCで使うパスフレーズ').fill(passphrase);
  await pb.getByLabel('パスフレーズ（確認）').fill(passphrase);
  await pb.getByRole('button', { name: 'チームに参加' }).click();
}

/**
 * Files a first report from the incident list with only what is given: its title, the items
 * that leaked (checkboxes by name) and the confirmed count. Ends on its direction board.
 */
export async function fileFirstReport(page: Page, title: string, options: { leaked?: string[]; confirmed?: string } = {}) {
  await page.getByRole('button', { name: '第一報を登録する' }).first().click();
  await page.getByLabel('件名').fill(title);
  for (const item of options.leaked ?? []) await page.getByRole('checkbox', { name: item }).check();
  if (options.confirmed !== undefined) await page.getByLabel('確定件数').fill(options.confirmed);
  await page.getByRole('button', { name: '第一報を登録' }).click();
  await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
}

/** Opens one of the contact tracker's screens (取り込み, 検索, 集計, バッチ, 結果の反映 …), in either language. */
export async function contactsPart(page: Page, name: string) {
  await page.getByRole('navigation', { name: /顧客連絡の画面|Customer contact screens/ }).getByRole('button', { name, exact: true }).click();
}

/** The columns of a customer list as the import maps them by itself. */
export const LIST_HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号'];

/** `n` customers A0000, A0001 … (高橋 i, one postcode, their own address, e-mail and phone), in LIST_HEADER's columns. */
export function listRows(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const four = String(i).padStart(4, '0');
    return [`A${four}`, `高橋 ${i}`, `タカハシ ${i}`, '100-0001', `東京都千代田区${i}`, `m${i}@example.jp`, `090-1111-${four}`];
  });
}

/** A customer list file as chosen in the import: a path on disk, or a name with its bytes. */
export type ListFile = string | { name: string; mimeType: string; buffer: Buffer };

/** `rows` as a UTF-8 CSV file (with a byte-order mark, as Excel saves it) named `name`. */
export function listFile(rows: string[][], name = '会員.csv', header = LIST_HEADER): ListFile {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(encodeCsv(toCsv(header, rows), 'utf-8-bom')) };
}

/** With an incident open: its 顧客連絡 tab, the 取り込み screen, and the file chosen (the preview shows; nothing is imported yet). */
export async function chooseList(page: Page, file: ListFile) {
  await page.getByRole('tab', { name: '顧客連絡' }).click();
  await contactsPart(page, '取り込み');
  await page.getByLabel('CSV ファイル', { exact: true }).setInputFiles(file);
}

/**
 * Starts the import of the chosen file and waits for the import to say `done` — by default, a
 * number: "`done` 件を取り込みました".
 */
export async function startImport(page: Page, done: number | string, timeout = 60_000) {
  await page.getByRole('button', { name: '取り込み開始' }).click();
  await page.getByRole('status').filter({ hasText: typeof done === 'number' ? `${done} 件を取り込みました` : done }).waitFor({ timeout });
}

/** Imports a customer list through the screens, with an incident open (chooseList, then startImport). Ends on the import screen. */
export async function importList(page: Page, file: ListFile, done: number | string, timeout = 60_000) {
  await chooseList(page, file);
  await startImport(page, done, timeout);
}

/** The lost-device template's containment task that the reminder tests give a deadline. */
export const LOST_DEVICE_TASK = '端末をリモートでロックし、データを消去する';

/** Files a first report for a lost laptop (its template's boards), as a person does. */
export async function fileLostDeviceIncident(page: Page, title: string) {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
  await page.getByRole('button', { name: '第一報を登録する' }).first().click();
  await page.getByRole('heading', { name: '第一報', level: 1 }).waitFor();
  await page.getByLabel('件名').fill(title);
  await page.getByLabel('シナリオ（ボードのテンプレート）').selectOption('lost-device');
  await page.getByLabel('誰が見つけたか').fill('営業部 佐藤');
  await page.getByLabel('どこで見つけたか').fill('本社');
  await page.getByRole('checkbox', { name: '氏名' }).check();
  await page.getByLabel('確定件数').fill('800');
  await page.getByRole('button', { name: '第一報を登録' }).click();
  await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
}

/** Gives a containment task to `owner`, due `minutes` from now (in the browser's own time zone). */
export async function assignTask(page: Page, minutes: number, owner = '山田 花子', task = LOST_DEVICE_TASK) {
  await page.getByRole('navigation', { name: 'フェーズ' }).getByRole('button', { name: /封じ込め/ }).click();
  await page.getByRole('button', { name: `${task} を編集` }).click();
  const dialog = page.getByRole('dialog', { name: task });
  await dialog.getByLabel('担当者').fill(owner);
  const due = await page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, minutes);
  await dialog.getByLabel('期限').fill(due);
  await dialog.getByRole('button', { name: 'タスクを保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The keys of one IndexedDB table of the workspace (`honbu`), straight from IndexedDB: nothing sealed is read. */
export function storedKeys(page: Page, table: string): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((ok, fail) => {
        const open = indexedDB.open('honbu');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const keys = db.transaction(name).objectStore(name).getAllKeys();
          keys.onsuccess = () => {
            db.close();
            ok(keys.result as string[]);
          };
          keys.onerror = () => fail(keys.error);
        };
      }),
    table,
  );
}

/**
 * Waits until laptop `to` has stored every event laptop `from` has stored now: what `from`
 * wrote has reached `to`. A test that checks something did NOT show on `to` waits for this
 * rather than for a fixed time.
 */
export async function caughtUp(from: Page, to: Page, timeout = 30_000): Promise<void> {
  const wanted = await storedKeys(from, 'events');
  await expect
    .poll(
      async () => {
        const have = new Set(await storedKeys(to, 'events'));
        return wanted.filter((id) => !have.has(id)).length;
      },
      { timeout, interval: 250 },
    )
    .toBe(0);
}
