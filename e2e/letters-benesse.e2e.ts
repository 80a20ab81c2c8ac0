/**
 * Issue 16, "what it must show", end to end through the screens in Chromium: a 10,000-row
 * list with 40 planted duplicates (the same person listed twice: same name and address,
 * another customer number, phone and e-mail) → 名寄せ finds them and they are merged → the
 * printing vendor's file is read back field by field: one row per person (9,960), each with
 * its own reference number and gift code → a returned list by reference number marks the
 * merged person's both records → the gift vendor's redemption file → totals and the card exact.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseReference } from '../shared/contacts/reference';
import { encodeCsv, toCsv } from '../shared/export/csv';
import { giveReason, readProduced } from './exports';
import { approveNoticeWithSender, createWorkspace, fillFacts, takeDirectionRole } from './flows';
import { newPage, screenshot, tempDir, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const ROWS = 10_000;
const DUPLICATES = 40;
const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号', 'サービス'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const FAMILY = ['髙橋', '山田', '佐藤', '鈴木', '渡邊', '伊藤', '中村', '小林'];
const GIVEN = ['花子', '一郎', '美咲', '健太', '陽子', '翔', '恵美子', '次郎', '誠', 'さくら'];
/** Row i (0-based). The last 40 rows repeat rows 0, 250, 500… as the same person under another customer number. */
function customer(i: number): string[] {
  const first = ROWS - DUPLICATES;
  const person = i < first ? i : (i - first) * 250;
  const name = `${FAMILY[person % 8]} ${GIVEN[Math.floor(person / 8) % 10]}${pad(person, 4)}`;
  // The duplicate writes the same address with full-width digits and a different dash, as a second system would.
  const street = `${(person % 9) + 1}-${(person % 30) + 1}-${(person % 12) + 1}`;
  const address = i < first ? `東京都千代田区丸の内${street} ビル${pad(person, 5)}` : `東京都千代田区丸の内${street.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/-/g, '－')} ビル${pad(person, 5)}`;
  return [`K${pad(i, 6)}`, name, 'カナ', `100-${pad(person % 10_000, 4)}`, address, `k${pad(i, 6)}@example.jp`, `090-${pad(i % 10_000, 4)}-${pad(i, 4).slice(-4)}`, '通販'];
}

async function part(page: Page, name: string) {
  await page.getByRole('navigation', { name: '顧客連絡の画面' }).getByRole('button', { name, exact: true }).click();
}
const field = async (page: Page, name: string) => ((await page.locator(`[data-field="${name}"]`).first().textContent()) ?? '').trim();

describe('letters at scale, end to end', () => {
  it('10k list with planted duplicates → 名寄せ → vendor file (one row per person) → returned by reference number → gift redemptions → totals and card', async () => {
    const dir = await tempDir('letters-benesse-');
    const { context, page } = await newPage(env.browser);
    try {
      const list = join(dir.path, '会員一覧.csv');
      await writeFile(list, encodeCsv(toCsv(HEADER, Array.from({ length: ROWS }, (_, i) => customer(i))), 'utf-8-bom'));
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await page.getByRole('button', { name: '第一報を登録する' }).click();
      await page.getByLabel('件名').fill('会員情報の流出（一万件）');
      for (const item of ['氏名', '住所']) await page.getByRole('checkbox', { name: item }).check();
      await page.getByRole('button', { name: '第一報を登録' }).click();
      await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
      await fillFacts(page, { deskPhone: '0120-000-333', deskHours: '9:00〜18:00' });
      await approveNoticeWithSender(page);
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await part(page, '取り込み');
      await page.getByLabel('CSV ファイル').setInputFiles(list);
      await page.getByRole('button', { name: '取り込み開始' }).click();
      await page.getByRole('status').filter({ hasText: '10,000 件を取り込みました' }).waitFor({ timeout: 120_000 });

      // The gift programme first: codes are issued with the letters.
      await part(page, 'お詫び品');
      await page.getByRole('button', { name: '設定を変更' }).click();
      await page.locator('#gift-opt-0').fill('電子マネーギフト');
      await page.locator('#gift-cost-0').fill('500');
      await page.getByLabel('交換期間（開始）').fill('2026-12-01');
      await page.getByLabel('交換期間（終了）').fill('2027-03-31');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('お詫び品の設定を保存しました。').waitFor();

      // 名寄せ: the 40 planted pairs, and nothing else.
      await part(page, 'バッチ');
      const card = page.getByRole('region', { name: /名寄せ/ });
      await card.getByRole('button', { name: '候補を探す' }).click();
      await card.getByRole('status').filter({ hasText: '候補 40 組（10,000 件中）。すべてまとめると 40 通減らせます。' }).waitFor({ timeout: 120_000 });
      await card.getByRole('button', { name: '未判断の候補をすべてまとめる（40 組）' }).click();
      await card.getByText('まとめると決めた候補: 40 組（郵便で 40 通減）。', { exact: false }).waitFor();
      await screenshot(page, 'letters-benesse-nayose');

      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '10,000 件のバッチを作成しました。' }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便・/ });
      await post.getByText('名寄せで 40 通減').waitFor();

      // The vendor file: one row per person, each with its list's reference number and a gift code.
      await giveReason(post);
      // No file picker (the browser build without one): the file comes as a download.
      await page.evaluate(() => delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker);
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), post.getByRole('button', { name: '印刷会社用ファイル（UTF-8）' }).click()]);
      const records = readProduced(new Uint8Array(await readFile((await d.path())!)), 'utf-8-bom', '山田 花子');
      expect(records[0]).toEqual(['郵便番号', '都道府県', '市区町村', '町域・番地', '建物名・部屋番号', '氏名', '様', '照会番号', '文面', 'お詫び品コード', '要確認']);
      const rows = records.slice(1);
      expect(rows).toHaveLength(ROWS - DUPLICATES);
      const byRow = new Map<number, string[]>();
      for (const r of rows) {
        const ref = parseReference(r[7]!);
        if (!ref.ok) throw new Error(`not a reference number: ${r[7]}`);
        expect(ref.listNo).toBe(1);
        byRow.set(ref.row, r);
      }
      // Every person once; no merged-away record has a letter.
      expect(byRow.size).toBe(ROWS - DUPLICATES);
      for (let i = ROWS - DUPLICATES; i < ROWS; i++) expect(byRow.has(i), `row ${i}`).toBe(false);
      for (const i of [0, 1, 250, 4_321, ROWS - DUPLICATES - 1]) {
        const c = customer(i);
        const r = byRow.get(i)!;
        expect(r.slice(0, 9)).toEqual([c[3]!.replace('-', ''), '東京都', '千代田区', c[4]!.split(' ')[0]!.replace('東京都千代田区', ''), c[4]!.split(' ')[1]!, c[1], '様', r[7], '標準']);
        expect(r[10]).toBe('');
      }
      const codes = rows.map((r) => r[9]!);
      for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(new Set(codes).size).toBe(ROWS - DUPLICATES);
      await post.getByText(`${(ROWS - DUPLICATES).toLocaleString('en')} 件を書き出しました`, { exact: false }).waitFor();

      // Returned letters by reference number: the letter of row 250 (merged with row 9,961) and of row 7.
      await part(page, '結果の反映');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill(['照会番号,理由', `${byRow.get(250)![7]},宛所不明`, `${byRow.get(7)![7]},転居先不明`].join('\n'));
      expect(await page.getByLabel('番号の種類').inputValue()).toBe('reference');
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      const preview = page.locator('[data-by-reference]');
      await preview.locator('[data-list-no="1"]').filter({ hasText: '2 行中 2 件が一致。' }).waitFor();
      await preview.getByRole('button', { name: 'この内容で反映' }).click();
      await page.getByText('反映しました。').waitFor();

      // Redemptions from the gift vendor: five codes from the file.
      const vendor = toCsv(['ギフトコード', '交換商品', '交換日時'], [0, 1, 250, 4_321, 9_000].map((i, k) => [byRow.get(i)![9]!, '電子マネーギフト', `2026/12/${pad(5 + k, 2)}`]));
      const vendorFile = join(dir.path, 'gift-redeemed.csv');
      await writeFile(vendorFile, encodeCsv(vendor, 'shift_jis'));
      await part(page, 'お詫び品');
      await page.getByLabel('交換結果のファイル').setInputFiles(vendorFile);
      await page.getByRole('button', { name: '確認する' }).click();
      await page.getByTestId('gift-plan').waitFor();
      expect(await field(page, 'gift-valid')).toBe('5');
      await page.getByRole('button', { name: '5 件の交換を記録する' }).click();
      await page.getByText('5 件の交換を記録しました。').waitFor();
      await page.locator('[data-field="gift-redeemed"]').filter({ hasText: /^5$/ }).waitFor();
      // Issued = letters printed with a code (the 40 merged-away records got none).
      expect(await field(page, 'gift-issued')).toBe((ROWS - DUPLICATES).toLocaleString('en'));
      expect(await field(page, 'gift-unredeemed')).toBe((ROWS - DUPLICATES - 5).toLocaleString('en'));
      expect(await field(page, 'gift-cost')).toBe('2,500 円');
      await screenshot(page, 'letters-benesse-gift-totals');

      // The merged-away record (row 9,961, the same person as row 250): its letter came back, and
      // its card shows the gift of the letter that covered it.
      await part(page, '検索');
      const customerCard = page.getByRole('region', { name: 'お客様カード' });
      await page.getByLabel('検索する値').fill(customer(9_961)[0]!);
      await customerCard.locator('[data-field="status"]').filter({ hasText: '未着手 · メール' }).waitFor();
      await customerCard.locator('[data-field="gift-state"]').filter({ hasText: '交換済み: 電子マネーギフト（2026-12-07）' }).waitFor();
      expect(await customerCard.locator('[data-field="gift-code"]').textContent()).toBe(byRow.get(250)![9]);
      // The reference number shown is the one on the letter the caller holds (row 250's), said to be shared.
      expect(await customerCard.locator('[data-field="reference"]').textContent()).toBe(`${byRow.get(250)![7]} （名寄せで同じ方の別の記録とまとめた手紙の番号です）`);
      // A customer with a letter of their own: their own number, nothing more.
      await page.getByLabel('検索する値').fill(customer(4_321)[0]!);
      await customerCard.locator('[data-field="reference"]').filter({ hasText: new RegExp(`^${byRow.get(4_321)![7]}$`) }).waitFor();
      await screenshot(page, 'letters-benesse-card');
    } finally {
      await context.close();
      await dir.remove();
    }
  }, 420_000);
});
