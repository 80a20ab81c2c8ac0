/**
 * Issue 10, "what it must show": a new user's pass through the contact tracker with a list
 * made here (not the bench fixture): Japanese names, one outside Shift_JIS, full-width
 * digits, a customer without an e-mail. Import → post → returned → e-mail → bounced →
 * phone (a batch created with the operator left empty, then re-assigned) → results from
 * the customer card → the public notice. Every exported file is read back and checked
 * column by column against the list; the dashboard is exact.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { exportMismatches } from '../shared/contacts/export-check';
import { CALL_LIST, type CallListRow, EMAIL_RECIPIENTS, mailingList } from '../shared/contacts/exports';
import type { ContactRow } from '../shared/contacts/model';
import { encodeCsv, toCsv } from '../shared/export/csv';
import { unnamedControls } from './a11y';
import { giveReason, readProduced } from './exports';
import { approveNoticeWithSender, createWorkspace, fillFacts, publishFirstStatement, takeDirectionRole } from './flows';
import { newPage, screenshot, tempDir, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const FAMILY = [['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['髙橋', 'タカハシ'], ['渡邊', 'ワタナベ'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ']];
const GIVEN = [['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['美咲', 'ミサキ'], ['翔太', 'ショウタ'], ['恵美子', 'エミコ']];
const ROWS = 120;
const FILE = '顧客リスト_会員.csv';

/** The list as a person would have it: values exactly as written in the file. */
function customer(i: number): ContactRow {
  const [f, fk] = FAMILY[i % FAMILY.length]!;
  const [g, gk] = GIVEN[i % GIVEN.length]!;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const row: ContactRow = {
    row: i,
    line: i + 2,
    customerNo: `M${pad(i, 5)}`,
    name: `${f} ${g}`,
    kana: `${fk} ${gk}`,
    postcode: `100-${pad(i, 4)}`,
    address: `東京都千代田区丸の内${(i % 3) + 1}丁目${i}番`,
    email: `member${i}@example.jp`,
    phone: `090-5555-${pad(i, 4)}`,
    segment: i % 2 ? '通販' : 'アプリ会員',
    extra: [],
  };
  if (i === 0) Object.assign(row, { name: '𠮷野 太郎', kana: 'ヨシノ タロウ', address: '東京都千代田区丸の内1丁目 ㍿ハイツ101' });
  if (i === 3) row.phone = '０９０－５５５５－０００３';
  if (i === 7) row.customerNo = 'Ｍ００００７';
  if (i === 11) Object.assign(row, { email: '', postcode: '１００－００１１' });
  if (i === 12) row.address = '東京都港区芝5丁目, 芝パークビル"A"棟';
  return row;
}
const LIST = Array.from({ length: ROWS }, (_, i) => customer(i));
const FIELDS = ['customerNo', 'name', 'kana', 'postcode', 'address', 'email', 'phone', 'segment'] as const;
const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号', 'サービス'];

/** The words the exports' headers must carry (the Japanese dictionary, checked here too). */
const WORDS: Record<string, string> = {
  customerNo: '顧客番号', postcode: '郵便番号', address: '住所', name: '氏名', segment: '区分', email: 'メールアドレス',
  kana: 'フリガナ', phone: '電話番号', operator: '担当', noAnswers: '不在の回数', addressee: '宛名', reference: '照会番号',
};
const label = (key: string) => WORDS[key.replace('contacts.exports.columns.', '')] ?? key;
const rowsOf = (...i: number[]) => i.map((n) => LIST[n]!);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: '顧客連絡の画面' }).getByRole('button', { name, exact: true }).click();
}
async function download(page: Page, click: () => Promise<void>): Promise<Uint8Array> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return new Uint8Array(await readFile((await d.path())!));
}
const kpi = async (page: Page, name: string) => (await page.locator(`[data-kpi="${name}"]`).textContent()) ?? '';

describe('contact tracker, first use', () => {
  it('a new user takes their own list from import to the public notice; every file reads back column by column', async () => {
    const dir = await tempDir('contacts-new-');
    const { context, page } = await newPage(env.browser);
    try {
      const file = join(dir.path, FILE);
      await writeFile(file, encodeCsv(toCsv(HEADER, LIST.map((r) => FIELDS.map((f) => r[f]))), 'utf-8-bom'));
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員サイトからの顧客情報流出');
      for (const item of ['氏名', '住所', '電話番号', 'メールアドレス']) await page.getByRole('checkbox', { name: item }).check();
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      // What letters and the e-mail quote: without it the release gate holds them back.
      await fillFacts(page, { deskPhone: '0120-000-222', deskHours: '9:00〜18:00' });
      // Letters and e-mails are made only from the approved notice, with a sender.
      await approveNoticeWithSender(page);
      await page.getByRole('tab', { name: '顧客連絡' }).click();

      // Import: UTF-8 detected, columns guessed, 2 retries meaning three attempts at most.
      await part(page, '取り込み');
      await page.getByLabel('CSV ファイル').setInputFiles(file);
      await page.getByText('判定: UTF-8').waitFor();
      expect(await page.getByLabel(/^不在・一時的な不達のときの再試行回数/).inputValue()).toBe('2');
      await page.getByRole('button', { name: '取り込み開始' }).click();
      await page.getByRole('status').filter({ hasText: `${ROWS} 件を取り込みました` }).waitFor({ timeout: 60_000 });
      await part(page, '集計');
      await page.locator('[data-kpi="total"]').filter({ hasText: String(ROWS) }).waitFor();

      // Letters to everyone. Shift_JIS cannot hold 𠮷 or ㍿: the screen lists them and splits the file.
      await part(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: `${ROWS} 件のバッチを作成しました。` }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便・.* 作成・120 件$/ });
      await giveReason(post);
      await post.getByRole('button', { name: '宛名リスト CSV（Shift_JIS）' }).click();
      const problems = post.getByRole('alertdialog', { name: 'Shift_JIS で書けない文字があります' });
      await problems.waitFor();
      const table = await problems.getByRole('row').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
      expect(table).toEqual([
        ['顧客番号', '元のリストの行', '列', '文字'],
        ['M00000', '2', '住所', '「㍿」（U+337F）'],
        ['M00000', '2', '氏名', '「𠮷」（U+20BB7）'],
      ]);
      await screenshot(page, '67-unwritable');
      const saved: Download[] = [];
      page.on('download', (d) => saved.push(d));
      await problems.getByRole('button', { name: 'この 1 名だけ UTF-8（BOM 付き）の別ファイルにする' }).click();
      await post.getByText('Shift_JIS で 119 名、UTF-8（BOM 付き）で 1 名を保存しました。').waitFor();
      await expect.poll(() => saved.length).toBe(2);
      const sjis = readProduced(new Uint8Array(await readFile((await saved[0]!.path())!)), 'shift_jis', '山田 花子');
      expect(exportMismatches(mailingList(1), sjis, LIST.slice(1), label)).toEqual([]);
      const rest = readProduced(new Uint8Array(await readFile((await saved[1]!.path())!)), 'utf-8-bom', '山田 花子');
      expect(exportMismatches(mailingList(1), rest, rowsOf(0), label)).toEqual([]);
      page.removeAllListeners('download');
      const utf8 = readProduced(await download(page, () => post.getByRole('button', { name: '宛名リスト CSV（UTF-8）' }).click()), 'utf-8-bom', '山田 花子');
      expect(exportMismatches(mailingList(1), utf8, LIST, label)).toEqual([]);
      const html = new TextDecoder().decode(await download(page, () => post.getByRole('button', { name: '手紙（HTML・A4 印刷用）' }).click()));
      const letters = await context.newPage();
      await letters.setContent(html);
      const blocks = await letters.locator('section.letter .address').evaluateAll((els) => els.map((el) => [...el.querySelectorAll('p')].map((p) => p.textContent)));
      expect(blocks).toEqual(LIST.map((r) => [`〒${r.postcode}`, r.address, `${r.name} 様`, r.customerNo]));
      await letters.close();
      await post.getByRole('button', { name: '送付済みにする' }).click();
      await post.getByText(/^送付済み/).waitFor();

      // 20 letters come back (customer no. 11 has no e-mail: straight to the phone); the rest reached.
      await part(page, '結果の反映');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill(range(1, 21).map((i) => `${LIST[i]!.customerNo},宛所不明`).join('\n'));
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText('20 行中 20 件が一致。次の手段へ: メール 19、電話 1。').waitFor();
      await page.getByRole('button', { name: 'この内容で反映' }).click();
      await page.getByText('反映しました。').waitFor();
      await part(page, 'バッチ');
      await post.getByRole('button', { name: '返送のなかった分を連絡済みにする' }).click();
      await post.getByText('100 件を連絡済みにしました。').waitFor();

      // E-mail to the 19: the recipient list reads number, name, address on every row.
      await page.getByLabel('手段').selectOption('email');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '19 件のバッチを作成しました。' }).waitFor();
      const mail = page.getByRole('listitem', { name: /^メール・/ });
      await giveReason(mail);
      const recipients = readProduced(await download(page, () => mail.getByRole('button', { name: '送信リスト CSV' }).click()), 'utf-8-bom', '山田 花子');
      const mailed = range(1, 21).filter((i) => i !== 11);
      expect(exportMismatches(EMAIL_RECIPIENTS, recipients, rowsOf(...mailed), label)).toEqual([]);
      expect(recipients[0]).toEqual(['顧客番号', '氏名', 'メールアドレス', '宛名']);
      await mail.getByRole('button', { name: '送付済みにする' }).click();
      await part(page, '結果の反映');
      await page.getByLabel('リストの種類').selectOption('bounce');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill(range(1, 9).map((i) => `${LIST[i]!.email},hard`).join('\n'));
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText('8 行中 8 件が一致。次の手段へ: 電話 8。').waitFor();
      await page.getByRole('button', { name: 'この内容で反映' }).click();
      await page.getByText('反映しました。').waitFor();
      await part(page, 'バッチ');
      await mail.getByRole('button', { name: '不達のなかった分を連絡済みにする' }).click();
      await mail.getByText('11 件を連絡済みにしました。').waitFor();

      // Phone: the operator field left empty — the batch is the creator's, never nobody's.
      await page.getByLabel('手段').selectOption('phone');
      await page.getByLabel('担当オペレーター（カンマ区切り）').fill('');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '9 件のバッチを作成しました。' }).waitFor();
      const calls = page.getByRole('listitem', { name: /^電話・/ });
      await calls.getByText('担当: 山田 花子').waitFor();
      const phoned = [1, 2, 3, 4, 5, 6, 7, 8, 11];
      await giveReason(calls);
      const callList = readProduced(await download(page, () => calls.getByRole('button', { name: '架電リスト CSV' }).click()), 'utf-8-bom', '山田 花子');
      const mine: CallListRow[] = rowsOf(...phoned).map((row) => ({ operator: '山田 花子', row, noAnswers: 0 }));
      expect(exportMismatches(CALL_LIST, callList, mine, label)).toEqual([]);
      // Shared out to two operators instead.
      await calls.getByRole('button', { name: '担当を変更' }).click();
      await calls.getByLabel('新しい担当（カンマ区切り）').fill('佐藤, 鈴木');
      await calls.getByRole('button', { name: '未架電の方を割り振る' }).click();
      await calls.getByText('未架電の 9 件を 佐藤、鈴木 に割り振りました。').waitFor();
      const shared = readProduced(await download(page, () => calls.getByRole('button', { name: '架電リスト CSV' }).click()), 'utf-8-bom', '山田 花子');
      const sato = [1, 3, 5, 7, 11];
      const suzuki = [2, 4, 6, 8];
      expect(exportMismatches(CALL_LIST, shared, [...sato.map((i) => ({ operator: '佐藤', row: LIST[i]!, noAnswers: 0 })), ...suzuki.map((i) => ({ operator: '鈴木', row: LIST[i]!, noAnswers: 0 }))], label)).toEqual([]);
      // The same list for the operators' Excel: the same cells as text (leading zeros kept), the mark last.
      const book = await readXlsxFile((await download(page, () => calls.getByRole('button', { name: '架電リスト（Excel）' }).click())).slice().buffer);
      const sheet = book[0]!.data.map((r) => r.map((c) => String(c)));
      expect(sheet.slice(0, -1)).toEqual(shared);
      expect(sheet.at(-1)![0]).toMatch(/^Honbu 出力番号 .+ \/ 依頼 山田 花子 \/ 2人目なし/);
      await screenshot(page, '68-phone-batch');

      await part(page, '架電');
      await page.getByLabel('オペレーター', { exact: true }).selectOption('佐藤');
      await page.getByRole('status').filter({ hasText: '残り 5 件' }).waitFor();
      const queue = page.locator('.call-queue > li');
      expect(await queue.locator('.call-who .meta').allTextContents()).toEqual(sato.map((i) => LIST[i]!.customerNo));
      expect(await queue.first().getByText('1 回目の連絡（最大 3 回）').count()).toBe(1);
      for (let n = 5; n > 2; n--) {
        await queue.first().getByRole('button', { name: '連絡できた' }).click();
        await page.getByRole('status').filter({ hasText: `残り ${n - 1} 件` }).waitFor();
      }
      // No answer from 7 and 11: still in the queue, on their second attempt.
      for (const i of [7, 11]) await queue.filter({ hasText: LIST[i]!.customerNo }).getByRole('button', { name: '不在（再試行）' }).click();
      await page.getByText('2 回目の連絡（最大 3 回）').nth(1).waitFor();
      await page.getByLabel('オペレーター', { exact: true }).selectOption('鈴木');
      await page.getByRole('status').filter({ hasText: '残り 4 件' }).waitFor();
      for (let n = 4; n > 0; n--) {
        await queue.first().getByRole('button', { name: '番号違い' }).click();
        await page.getByRole('status').filter({ hasText: `残り ${n - 1} 件` }).waitFor();
      }

      // From the customer card: 7 found by its number typed half-width (the list has it full-width).
      await part(page, '検索');
      await page.getByLabel('検索する値').fill('M00007');
      const card = page.getByRole('region', { name: 'お客様カード' });
      await card.locator('[data-field="customerNo"]').filter({ hasText: LIST[7]!.customerNo }).waitFor();
      await card.getByText(new RegExp(`^リスト: リスト 01・${FILE}（.+・120 件）$`)).waitFor();
      const noAnswers = card.getByRole('listitem').filter({ hasText: '結果: 不在' });
      expect(await noAnswers.count()).toBe(1);
      // The third attempt is allowed (2 retries); after it, only the notice is left.
      for (const n of [2, 3]) {
        await card.getByRole('button', { name: '不在（再試行）' }).click();
        await noAnswers.nth(n - 1).waitFor();
      }
      await card.locator('[data-field="status"]').filter({ hasText: '未着手 · 公告（代替措置）' }).waitFor();
      expect(await card.getByRole('button', { name: '不在（再試行）' }).count()).toBe(0);
      // 11 found by postcode (written full-width in the list) and family name only.
      await page.getByLabel('検索方法').selectOption('postcode-name');
      await page.getByLabel('検索する値').fill('100-0011');
      await page.getByLabel('氏名（姓だけでも可）').fill(LIST[11]!.name.split(' ')[0]!);
      await card.locator('[data-field="customerNo"]').filter({ hasText: LIST[11]!.customerNo }).waitFor();
      await card.getByLabel('メモ（任意）').fill('夕方に本人と話せた');
      await card.getByRole('button', { name: '連絡できた' }).click();
      await card.locator('[data-field="status"]').filter({ hasText: '連絡済み · 電話' }).waitFor();
      await screenshot(page, '69-card-outcome');
      // A kana prefix says how many matched, and every hit names its list.
      await page.getByLabel('検索方法').selectOption('kana-prefix');
      await page.getByLabel('検索する値').fill('ﾀｶﾊｼ');
      await page.getByText('20 件が該当します').waitFor();
      await page.locator('.lookup-results li').nth(19).waitFor();
      expect(await page.locator('.lookup-results li').count()).toBe(20);
      expect(await page.locator('.lookup-results li').filter({ hasText: new RegExp(`リスト: リスト 01・${FILE}（.+・120 件）`) }).count()).toBe(20);
      await page.getByLabel('名（下の名前）').fill('ハナコ');
      await page.getByText('4 件が該当します').waitFor();

      // The notice: five could not be reached (four wrong numbers, 7 after three attempts).
      await part(page, '集計');
      await page.locator('[data-kpi="unreachable"]').filter({ hasText: /^5$/ }).waitFor();
      await page.getByRole('button', { name: '公告でカバーする（5 件）' }).click();
      await page.getByText('まだ公表された公表文がありません。').waitFor();
      await page.getByRole('button', { name: '「公表・当局報告」を開く' }).click();
      await fillFacts(page, { confirmedCount: '120', maxCount: '120', services: '会員サイト', nextUpdateAt: '2026-12-01T17:00', occurredAt: '2026-11-10T12:30' });
      await publishFirstStatement(page);
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await page.getByRole('button', { name: '公告でカバーする（5 件）' }).click();
      const confirm = page.getByRole('alertdialog', { name: '公告でカバーする' });
      expect(await confirm.getByLabel('参照する公表文').locator('option').allTextContents()).toEqual([expect.stringMatching(/^第 1 版（.* 公表）$/)]);
      await confirm.getByLabel('理由・補足（任意）').fill('電話でも連絡がつかないため');
      await screenshot(page, '70-notice-confirm');
      await confirm.getByRole('button', { name: '5 名を公告でカバーする' }).click();
      await page.locator('[data-kpi="covered"]').filter({ hasText: /^5$/ }).waitFor();
      // Withdrawn (a decision too), then covered again.
      await page.getByRole('button', { name: 'このカバーを取り消す' }).click();
      await page.getByRole('alertdialog', { name: 'このカバーを取り消す' }).getByRole('button', { name: '取り消す' }).click();
      await page.locator('[data-kpi="unreachable"]').filter({ hasText: /^5$/ }).waitFor();
      expect(await kpi(page, 'covered')).toBe('0');
      await page.getByRole('button', { name: '公告でカバーする（5 件）' }).click();
      await confirm.getByRole('button', { name: '5 名を公告でカバーする' }).click();
      await page.locator('[data-kpi="covered"]').filter({ hasText: /^5$/ }).waitFor();

      // The dashboard, exactly.
      expect(await kpi(page, 'total')).toBe('120');
      expect(await kpi(page, 'reached')).toBe('115');
      expect(await kpi(page, 'unreachable')).toBe('0');
      const cells = (channel: string) => page.locator(`tr[data-channel="${channel}"]`).getByRole('cell').allTextContents();
      expect(await cells('post')).toEqual(['0', '0', '100']);
      expect(await cells('email')).toEqual(['0', '0', '11']);
      expect(await cells('phone')).toEqual(['0', '0', '4']);
      expect(await cells('notice')).toEqual(['0', '0', '5']);
      for (const [phase, n] of [['pending', '0'], ['in-progress', '0'], ['reached', '115'], ['covered', '5'], ['excluded', '0']]) {
        expect(await page.locator(`[data-phase="${phase}"]`).textContent(), phase).toBe(n);
      }
      // The check runs 2 s after the last change; when results were still landing it tries again 30 s later (VERIFY_BUSY_RETRY_MS): wait past that.
      await page.getByText('集計はイベントからの再計算と一致しています。').waitFor({ timeout: 75_000 });
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, '71-dashboard-final');

      // The coverage is a decision on the timeline, with who decided and why.
      await page.getByRole('tab', { name: 'タイムライン' }).click();
      await page.getByText(new RegExp(`連絡できなかった 5 名を公告（公表文 第 1 版）でカバーした（リスト: リスト 01・${FILE}（.+・120 件））`)).first().waitFor();
      await page.getByText('電話でも連絡がつかないため').first().waitFor();
      await page.getByText(new RegExp(`公告（公表文 第 1 版）による 5 名のカバーを取り消した（リスト: リスト 01・${FILE}（.+・120 件））`)).first().waitFor();

      // In English: the same screens, nothing left in Japanese from before the switch.
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByRole('navigation', { name: 'Customer contact screens' }).getByRole('button', { name: 'Batches', exact: true }).click();
      await page.getByRole('listitem', { name: /^Phone · created .* · 9$/ }).getByText('Operators: 佐藤, 鈴木').waitFor();
      await page.getByRole('listitem', { name: /^E-mail · / }).getByRole('button', { name: 'Mark those that did not bounce as reached' }).waitFor();
      await screenshot(page, '72-batches-en');
      await page.getByRole('navigation', { name: 'Customer contact screens' }).getByRole('button', { name: 'Lookup', exact: true }).click();
      await page.getByLabel('Search by').selectOption('kana-prefix');
      await page.getByLabel('Value').fill('たかはし');
      await page.getByText('Matches: 20').waitFor();
      await screenshot(page, '73-lookup-en');
    } finally {
      await context.close();
      await dir.remove();
    }
  }, 240_000);
});
