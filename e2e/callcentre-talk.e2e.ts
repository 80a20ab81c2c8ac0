/**
 * Issue 15 item 5 (second half) and issue 16 item 2: the talk script (トークスクリプト) through
 * the real screens. A list with two segments and a letter variant for one → letters posted →
 * a caller reads out their 照会番号, typed full-width with dashes → identity checked → the
 * script says that segment's leaked items (and not the other's) → a mistyped number is
 * refused with what to ask → "分からない" logs the call as an escalated enquiry.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatReference, referenceNumber } from '../shared/contacts/reference';
import { unnamedControls } from './a11y';
import { contactsPart, createWorkspace, fileFirstReport, fillFacts, importList, listFile, takeDirectionRole } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const HEADER = ['顧客番号', '氏名', '郵便番号', '住所', 'メールアドレス', '電話番号', 'サービス'];
const NAMES = ['𠮷野 太郎', '髙橋 﨑子', '山田 花子', '佐藤 次郎'];
/** 8 customers: even rows 通販 (the default letter), odd rows the kids' course (its own letter, with the date of birth). */
const LIST = Array.from({ length: 8 }, (_, i) => [
  `K${String(i).padStart(4, '0')}`,
  NAMES[i % NAMES.length]!,
  `100-000${i}`,
  `東京都千代田区丸の内${i + 1}丁目`,
  `k${i}@example.jp`,
  `090-2222-000${i}`,
  i % 2 === 0 ? '通販' : i === 3 ? 'ＫＩＤＳ講座' : 'Kids講座',
]);

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/-/g, '－');

async function faqPart(page: Page, name: string) {
  await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name, exact: true }).click();
}
/** A new FAQ entry, saved and (when `approve`) approved by direction. */
async function faqEntry(page: Page, question: string, answer: string, approve: boolean) {
  await faqPart(page, 'FAQ');
  await page.getByRole('button', { name: '新しい FAQ' }).click();
  await page.getByLabel('質問', { exact: true }).fill(question);
  await page.getByLabel('回答（差し込み項目を使えます）').fill(answer);
  await page.getByRole('button', { name: '保存（新しい版）' }).click();
  if (approve) {
    await page.getByRole('button', { name: '承認する' }).click();
    await page.getByText(/^承認 /).waitFor();
  }
  await page.getByRole('button', { name: '一覧へ戻る' }).click();
}

describe('the talk script', () => {
  it('a 照会番号 read out leads to that segment\'s answer; a mistyped one is asked again; 分からない logs an escalation', async () => {
    const { page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await fileFirstReport(page, '学習サービスの会員情報流出', { leaked: ['氏名', '住所', '生年月日', 'メールアドレス'] });
      await fillFacts(page, { confirmedCount: '1200', maxCount: '3000', deskPhone: '0120-000-333', deskHours: '9:00〜18:00' });
      await importList(page, listFile(LIST, '会員リスト.csv', HEADER), 8);

      // 標準 without the date of birth; 生年月日を含む for the kids' course, without the e-mail address.
      await contactsPart(page, '文面');
      const panel = page.locator('section', { has: page.getByRole('heading', { name: '文面（セグメント別）' }) });
      const standard = panel.getByRole('listitem', { name: '標準' });
      await standard.getByRole('button', { name: '編集' }).click();
      const stdForm = standard.getByRole('form');
      await stdForm.getByLabel('文面の名前').fill('標準');
      await stdForm.getByRole('radio', { name: 'このセグメント用に選ぶ' }).check();
      await stdForm.getByRole('checkbox', { name: '生年月日' }).uncheck();
      await stdForm.getByRole('button', { name: '保存' }).click();
      await panel.getByRole('status').filter({ hasText: '「標準」を保存しました。' }).waitFor();
      await panel.getByRole('button', { name: '文面を追加' }).click();
      const add = panel.getByRole('form', { name: '文面を追加' });
      await add.getByLabel('文面の名前').fill('生年月日を含む');
      await add.getByRole('checkbox', { name: /^Kids講座/ }).check();
      await add.getByRole('checkbox', { name: 'メールアドレス' }).uncheck();
      await add.getByRole('button', { name: '保存' }).click();
      await panel.getByRole('status').filter({ hasText: '「生年月日を含む」を保存しました。' }).waitFor();

      // The letters are posted.
      await contactsPart(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: '8 件のバッチを作成しました。' }).waitFor();
      const post = page.getByRole('listitem', { name: /^郵便・.* 作成・8 件$/ });
      await post.getByRole('button', { name: '送付済みにする' }).click();
      await post.getByText(/^送付済み/).waitFor();

      // What the company is doing: one approved answer, and a draft that must never be read out.
      await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
      await faqEntry(page, '今後の対応はどうなりますか', '外部の専門機関と調査を進めております。現在確認できている件数は{{confirmedCount}}件です。', true);
      await faqEntry(page, '今後の対応（検討中）', '補償の内容を検討中です（下書き）。', false);

      // A caller: greeted, asked for the number on the letter.
      await faqPart(page, 'トークスクリプト');
      const talk = page.getByRole('region', { name: 'トークスクリプト' });
      const line = talk.locator('.talk-line');
      await line.getByText(/お客様の情報が含まれているか、ただいまお調べいたします/).waitFor();
      await talk.getByRole('button', { name: '照会番号で確認する' }).click();
      await line.getByText(/照会番号」（11桁の数字）/).waitFor();

      // Row 3 (ＫＩＤＳ講座, written full-width in the list): the number read out, typed full-width with dashes.
      const ref = referenceNumber(1, 3);
      await talk.getByLabel('検索する値').fill(fullWidth(formatReference(ref)));
      await line.getByText(/ご本人様の確認のため/).waitFor();
      const data = talk.getByRole('region', { name: 'お客様の情報' });
      expect(await data.locator('[data-field="name"]').textContent()).toBe(LIST[3]![1]);
      expect(await data.locator('[data-field="postcode"]').textContent()).toBe(LIST[3]![2]);
      expect(await data.locator('[data-field="reference"]').textContent()).toBe(formatReference(ref));
      expect(await data.locator('[data-field="letter"]').textContent()).toMatch(/に発送しました$/);
      // Nothing about their data before the identity is checked.
      expect(await data.locator('[data-field="leaked"]').count()).toBe(0);
      await talk.getByRole('button', { name: 'ご本人と確認できた' }).click();

      // The kids' course letter: the date of birth leaked for them, the e-mail address did not.
      await line.getByText('お調べいたしました。お客様の氏名、住所、生年月日が、今回の漏えいの対象に含まれておりました。', { exact: false }).waitFor();
      expect(await line.textContent()).toContain('なお、メールアドレス、銀行口座情報は含まれておりません。');
      expect(await data.locator('[data-field="variant"]').textContent()).toBe('生年月日を含む');
      expect(await data.locator('[data-field="leaked"]').textContent()).toBe('氏名、住所、生年月日');
      expect(await data.locator('[data-field="not-leaked"]').textContent()).toBe('メールアドレス、銀行口座情報');
      expect(await data.locator('[data-field="counts"]').textContent()).toBe('確認済み 1,200件（最大 3,000件）');
      // The approved answer, with the live count; the draft is not there.
      const doing = data.locator('.talk-doing');
      await doing.getByText('外部の専門機関と調査を進めております。現在確認できている件数は1,200件です。').waitFor();
      expect(await doing.textContent()).not.toContain('下書き');
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, 'callcentre-talk-answer-ja');

      // Another caller, of the 通販 segment: the standard letter's items — no date of birth.
      await talk.getByRole('button', { name: '最初からやり直す' }).click();
      await talk.getByRole('button', { name: '照会番号で確認する' }).click();
      await talk.getByLabel('検索する値').fill(formatReference(referenceNumber(1, 2)));
      await talk.getByRole('button', { name: 'ご本人と確認できた' }).click();
      await line.getByText(/お客様の氏名、住所、メールアドレスが、今回の漏えいの対象に含まれておりました。/).waitFor();
      expect(await line.textContent()).toContain('なお、生年月日、銀行口座情報は含まれておりません。');
      expect(await data.locator('[data-field="variant"]').textContent()).toBe('標準');

      // A mistyped number (two digits swapped): refused, with what to ask; no customer on screen.
      await talk.getByRole('button', { name: '最初からやり直す' }).click();
      await talk.getByRole('button', { name: '照会番号で確認する' }).click();
      const other = referenceNumber(1, 5);
      const swapped = other[8] === other[9] ? other.slice(0, 10) + String((Number(other[10]) + 1) % 10) : other.slice(0, 8) + other[9] + other[8] + other.slice(10);
      await talk.getByLabel('検索する値').fill(swapped);
      await line.getByText('恐れ入ります、番号をお調べできませんでした。お手数ですが、照会番号をもう一度、一桁ずつお読み上げいただけますでしょうか。').waitFor();
      expect(await talk.getByRole('region', { name: 'お客様の情報' }).count()).toBe(0);
      await screenshot(page, 'callcentre-talk-mistyped-ja');

      // The operator is unsure: 分からない → the call logged as an escalated enquiry.
      await talk.getByRole('button', { name: '分からない・折り返す' }).click();
      await line.getByText(/担当者から折り返しご連絡いたします/).waitFor();
      await talk.getByLabel('ご質問（お客様のお言葉のとおりに）').fill('手紙の番号で調べてもらえなかった。自分の情報が漏れたか知りたい');
      // Nobody found and the number does not read as one: no call back without a number to call.
      await talk.getByRole('button', { name: '折り返しとして記録' }).click();
      await talk.getByRole('alert').getByText(/お電話番号を伺って入力してください/).waitFor();
      expect(await talk.getByLabel('お電話番号（折り返し先）').getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'callcentre-talk-need-phone-ja');
      await talk.getByLabel('お名前（折り返し先）').fill('髙橋 﨑子');
      await talk.getByLabel('お電話番号（折り返し先）').fill('０９０－２２２２－０００１');
      await talk.getByText(`お客様が読み上げた照会番号 ${swapped} と一緒に記録します。`).waitFor();
      await talk.getByRole('button', { name: '折り返しとして記録' }).click();
      await talk.getByRole('status').filter({ hasText: '折り返しとして記録しました。' }).waitFor();
      await line.getByText(/お電話ありがとうございました/).waitFor();
      await screenshot(page, 'callcentre-talk-escalated-ja');

      await faqPart(page, '一覧');
      const row = page.getByRole('row').filter({ hasText: '手紙の番号で調べてもらえなかった' });
      await row.getByText('要エスカレーション').waitFor();
      expect(await row.getByRole('cell').nth(1).textContent()).toBe('電話');

      // In English: the same script, the answer for the kids' course customer.
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByRole('navigation', { name: 'Enquiry and FAQ screens' }).getByRole('button', { name: 'Talk script', exact: true }).click();
      const talkEn = page.getByRole('region', { name: 'Talk script' });
      await talkEn.getByRole('button', { name: 'Check by reference number' }).click();
      await talkEn.getByLabel('Value').fill(fullWidth(formatReference(ref)));
      await talkEn.getByRole('button', { name: 'Identity confirmed' }).click();
      await talkEn.locator('.talk-line').getByText(/These items of yours were included in this leak: Name, Address, Date of birth\./).waitFor();
      await screenshot(page, 'callcentre-talk-answer-en');
    } finally {
      await page.context().close();
    }
  });
});
