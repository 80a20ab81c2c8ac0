/**
 * The disclosure documents with two laptops on the real sync server, as a team works on
 * them at once: A is typing a section of the draft statement when B saves another one.
 * What A typed stays (it was thrown away, with A's focus, when the editor was rebuilt for
 * B's edit). And an edit to the PPC draft made offline and then replaced by another
 * laptop's is said on the field, as it is on the facts.
 * Then A revokes B: B can still read every disclosure screen, and change nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { axeViolations } from './axe';
import { createWorkspace, fillFacts, giveRole, joinTeam, startTeamAndInvite } from './flows';
import { launchBrowser, newPage, screenshot, startServer, type StaticServer } from './harness';

let web: StaticServer;
let browser: Browser;
let sync: SyncServer;
let dataDir: string;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

const TITLE = 'USBメモリの紛失（山手線）';
const B_PASSPHRASE = '夕焼けの港で待ち合わせ-4821';

async function openDisclosure(page: Page, part: string) {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
  await page.getByRole('button', { name: TITLE }).click();
  await page.getByRole('tab', { name: '公表・当局報告' }).click();
  await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: part }).click();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-docs-'));
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
  // A member sees only the incidents they hold a role in: A, direction, gives B one.
  await giveRole(pa, 'Lena Müller', 'contact-lead');

  await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
  await pa.getByRole('button', { name: '第一報を登録する' }).first().click();
  await pa.getByLabel('件名').fill(TITLE);
  await pa.getByLabel('シナリオ（ボードのテンプレート）').selectOption('lost-device');
  await pa.getByLabel('確定件数').fill('１２');
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

describe('two laptops on the disclosure documents', () => {
  it("keeps what A is typing in one section of the draft statement when B saves another section", async () => {
    const pa = a.page;
    const pb = b.page;
    await openDisclosure(pa, '声明文');
    await pa.getByRole('button', { name: '第1版（初回の声明）を作成' }).click();
    await openDisclosure(pb, '声明文');
    await pb.locator('#statement-actions').waitFor({ timeout: 15_000 });

    // A is in the middle of the cause section, not saved yet.
    const typing = '暗号化されていないUSBメモリを、営業担当者が電車内で紛失しました。';
    await pa.locator('#statement-cause').click();
    await pa.locator('#statement-cause').fill(typing);
    // B saves the actions section.
    const fromB = '鉄道会社と警察に遺失物の届出を行い、捜索を依頼しております。';
    await pb.locator('#statement-actions').fill(fromB);
    await pb.getByRole('button', { name: '保存', exact: true }).click();

    // B's words arrive on A; A's typing and A's focus are still there.
    await pa.waitForFunction((text) => (document.getElementById('statement-actions') as HTMLTextAreaElement | null)?.value === text, fromB, { timeout: 20_000 });
    expect(await pa.locator('#statement-cause').inputValue()).toBe(typing);
    expect(await pa.evaluate(() => document.activeElement?.id)).toBe('statement-cause');
    // …and it can still be saved.
    await pa.getByRole('button', { name: '保存', exact: true }).click();
    await pb.waitForFunction((text) => (document.getElementById('statement-cause') as HTMLTextAreaElement | null)?.value === text, typing, { timeout: 20_000 });
  }, 120_000);

  // Found breaking it (third pass): A's typing is kept when B's words for the same section
  // arrive — A never sees them — and A's save took the stamp stored at that moment, so it
  // read as a correction made knowing B's words, and B was never told.
  it('tells B when A, typing the same section online, saves over words A never saw', async () => {
    const pa = a.page;
    const pb = b.page;
    await openDisclosure(pa, '声明文');
    await openDisclosure(pb, '声明文');
    await pa.locator('#statement-apology').click();
    await pa.locator('#statement-apology').fill('A: 深くお詫び申し上げます。');
    const actions = 'B: 紛失した端末の遠隔消去を実施しました。';
    await pb.locator('#statement-apology').fill('B: ご心配をおかけし申し訳ございません。');
    await pb.locator('#statement-actions').fill(actions);
    await pb.getByRole('button', { name: '保存', exact: true }).click();
    // B's save (both sections, one append) has reached A: A still sees only its own typing in the apology.
    await pa.waitForFunction((text) => (document.getElementById('statement-actions') as HTMLTextAreaElement | null)?.value === text, actions, { timeout: 20_000 });
    expect(await pa.locator('#statement-apology').inputValue()).toBe('A: 深くお詫び申し上げます。');
    await pa.getByRole('button', { name: '保存', exact: true }).click();
    const notice = pb.locator('[data-statement-override="apology"]');
    await notice.waitFor({ timeout: 20_000 });
    const said = (await notice.textContent()) ?? '';
    expect(said).toContain('山田 花子');
    expect(said).toContain('B: ご心配をおかけし申し訳ございません。');
    expect(said).toContain('A: 深くお詫び申し上げます。');
    await screenshot(pb, 'b1018-section-typed-over');
    expect(await pa.locator('[data-statement-override]').count()).toBe(0);
  }, 120_000);

  // Found by a stranger: only the facts said when another laptop's edit replaced mine. Now
  // the PPC draft, the premises, the company profile and document sections record what an
  // edit started from (shared/events/field-edits.ts) and say it on the field.
  it('tells B, on the PPC draft field, that its offline words were replaced by A (who, what, when)', async () => {
    const pa = a.page;
    const pb = b.page;
    await openDisclosure(pa, '当局報告');
    await openDisclosure(pb, '当局報告');
    await b.context.setOffline(true);
    await pb.getByRole('status').filter({ hasText: 'オフライン' }).waitFor({ timeout: 10_000 });
    await pb.locator('#ppc-cause').fill('B: 営業担当者が暗号化されていないUSBメモリを持ち出した');
    await pb.locator('#ppc-cause').blur();
    await new Promise((r) => setTimeout(r, 1100));
    await pa.locator('#ppc-cause').fill('A: 持ち出しの許可手続が守られていなかった');
    await pa.locator('#ppc-cause').blur();
    await b.context.setOffline(false);
    const notice = pb.locator('[data-ppc-override="cause"]');
    await notice.waitFor({ timeout: 20_000 });
    const said = (await notice.textContent()) ?? '';
    expect(said).toContain('山田 花子');
    expect(said).toContain('A: 持ち出しの許可手続が守られていなかった');
    expect(said).toContain('B: 営業担当者が暗号化されていないUSBメモリを持ち出した');
    await screenshot(pb, 'ppc-field-override-ja');
    expect(await axeViolations(pb)).toEqual([]);
    // A's laptop is not told anything: its words won.
    expect(await pa.locator('[data-ppc-override]').count()).toBe(0);
    // Dismissed, it is gone (and stays gone: the dismissal is an event).
    await notice.getByRole('button', { name: '確認しました' }).click();
    await notice.waitFor({ state: 'detached', timeout: 10_000 });
  }, 120_000);

  // Found breaking it (third pass): a PPC draft field keeps what is on screen while it has
  // the focus. A clicked into a field and typed nothing; B's words for it arrived; when A
  // left the field, the old words still on A's screen were saved over B's, silently.
  it('leaving a PPC draft field without typing in it keeps the words another laptop saved meanwhile', async () => {
    const pa = a.page;
    const pb = b.page;
    await openDisclosure(pa, '当局報告');
    await openDisclosure(pb, '当局報告');
    await pa.locator('#ppc-other').click();
    const fromB = 'B: 鉄道会社に遺失物の届出済み';
    await pb.locator('#ppc-other').fill(fromB);
    await pb.locator('#ppc-other').blur();
    // A reads the PPC draft's item list, which shows B's words once they arrived.
    await pa.locator('[data-item="other"]').filter({ hasText: fromB }).waitFor({ timeout: 20_000 });
    await pa.locator('#ppc-other').blur();
    await pa.locator('#ppc-other').evaluate((el) => (el as HTMLTextAreaElement).value).then((v) => expect(v).toBe(fromB));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await pb.locator('#ppc-other').inputValue()).toBe(fromB);
    expect(await pa.locator('[data-item="other"]').textContent()).toContain(fromB);
  }, 120_000);

  it('B’s open decision form takes the decision A records (B had not touched it), and says who decided, outside the team', async () => {
    const pa = a.page;
    const pb = b.page;
    await openDisclosure(pb, '公表の判断');
    await openDisclosure(pa, '公表の判断');
    for (const sel of await pa.locator('.viewpoint select').all()) await sel.selectOption('low');
    await pa.getByRole('radio', { name: '公表しない', exact: true }).check();
    await pa.locator('#dd-why').fill('対象者全員に個別に通知できるため');
    await pa.locator('#dd-by').selectOption({ label: 'メンバー以外の人' });
    await pa.locator('#dd-by-name').fill('親会社 法務部長');
    await pa.getByRole('button', { name: '判断を記録' }).click();
    await pa.getByRole('status').filter({ hasText: '記録しました。' }).waitFor();
    await expect.poll(() => pb.getByRole('radio', { name: '公表しない', exact: true }).isChecked(), { timeout: 20_000 }).toBe(true);
    expect(await pb.locator('#dd-why').inputValue()).toBe('対象者全員に個別に通知できるため');
    expect(await pb.locator('#dd-by-name').inputValue()).toBe('親会社 法務部長');
    expect(await pb.getByText('親会社 法務部長（メンバー以外）').count()).toBe(1);
    expect(await axeViolations(pb)).toEqual([]);
  }, 120_000);

  // Found by a tester: counts each laptop saved as valid cross once merged. Both laptops say
  // so on the facts and on the PPC draft, which cannot be filed until one is corrected.
  it('1,800 confirmed typed offline on B and at most 1,500 on A: both laptops are told the counts cross, on the facts and the PPC draft', async () => {
    const pa = a.page;
    const pb = b.page;
    await pb.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await pb.getByRole('button', { name: TITLE }).click();
    await b.context.setOffline(true);
    await pb.getByRole('status').filter({ hasText: 'オフライン' }).waitFor({ timeout: 10_000 });
    await fillFacts(pb, { confirmedCount: '1800' });
    await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await pa.getByRole('button', { name: TITLE }).click();
    await fillFacts(pa, { maxCount: '1500' });
    await b.context.setOffline(false);
    for (const page of [pa, pb]) {
      const said = page.locator('[data-facts-check]');
      await said.waitFor({ timeout: 20_000 });
      expect(await said.textContent()).toContain('1,800');
      expect(await said.textContent()).toContain('1,500');
    }
    await screenshot(pa, 'facts-counts-cross');
    await openDisclosure(pb, '当局報告');
    await pb.getByText(/確定件数（1,800）が最大件数（1,500）を上回っています/).first().waitFor({ timeout: 10_000 });
    await screenshot(pb, 'ppc-counts-cross');
    expect(await axeViolations(pb)).toEqual([]);
    // Put right on A: both laptops stop saying it.
    await fillFacts(pa, { maxCount: '2000' });
    await expect.poll(() => pb.getByText(/確定件数（1,800）が最大件数（1,500）を上回っています/).count(), { timeout: 20_000 }).toBe(0);
    expect(await pa.locator('[data-facts-check]').count()).toBe(0);
  }, 120_000);

  it('on a revoked laptop the disclosure screens can still be read: moved between, versions opened; nothing can be changed', async () => {
    const pa = a.page;
    const pb = b.page;
    await openDisclosure(pb, '当局報告');
    await pa.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '設定' }).click();
    const roster = pa.getByRole('table', { name: 'メンバーと端末' });
    await roster.getByRole('button', { name: 'Lena Müller の端末を取り消す' }).click();
    await roster.getByRole('button', { name: 'Lena Müller の端末の取り消しを確定' }).click();
    await pb.getByRole('region', { name: 'このPCはチームから外されました' }).waitFor({ timeout: 15_000 });

    const nav = pb.getByRole('navigation', { name: '公表・報告の画面' });
    expect(await pb.locator('#ppc-cause').isDisabled()).toBe(true);
    // The other screens open (they could not: the whole view, its navigation too, was disabled).
    await nav.getByRole('button', { name: '公表の判断' }).click({ timeout: 5000 });
    expect(await pb.getByRole('button', { name: '判断を記録' }).isDisabled()).toBe(true);
    await nav.getByRole('button', { name: '声明文' }).click({ timeout: 5000 });
    await pb.getByRole('button', { name: /^第1版（初回の声明）/ }).click({ timeout: 5000 });
    expect(await pb.locator('#statement-cause').inputValue()).toBe('暗号化されていないUSBメモリを、営業担当者が電車内で紛失しました。');
    expect(await pb.locator('#statement-cause').isDisabled()).toBe(true);
    expect(await pb.getByRole('button', { name: /を作成$/ }).count()).toBe(0);
    await nav.getByRole('button', { name: '連絡記録' }).click({ timeout: 5000 });
  }, 120_000);
});
