/**
 * Issue 6 end to end: an unauthorised-access incident with 12,000 customers including card
 * numbers — reportability, legal deadlines with their basis, statement v1 approved and
 * published, a follow-up whose diff shows the raised count, the PPC draft carrying it, and
 * a letter that prints Japanese text.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, jstDate } from '../shared/disclosure/deadlines';
import { unnamedControls } from './a11y';
import { createWorkspace } from './flows';
import { newPage, useBrowserAndServer, screenshot, SCREENSHOTS } from './harness';

const env = useBrowserAndServer();

async function editFacts(page: Page, values: Record<string, string>) {
  await page.getByRole('tab', { name: '概要・報告' }).click();
  await page.getByRole('button', { name: '事実を更新' }).click();
  const form = page.getByRole('form', { name: '事実を更新' });
  for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: '事実を保存' }).click();
  await page.getByRole('status').filter({ hasText: '事実を更新しました。' }).waitFor();
}

describe('disclosure and regulator reports', () => {
  it('takes an unauthorised-access incident from reportability to a published follow-up', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    await page.getByRole('button', { name: '第一報を登録する' }).click();
    await page.getByLabel('件名').fill('委託先ECサイトへの不正アクセス');
    await page.getByLabel('シナリオ（ボードのテンプレート）').selectOption('unauthorised-access');
    await page.getByLabel('誰が見つけたか').fill('委託先 システム部');
    for (const item of ['氏名', '住所', '電話番号', 'メールアドレス', 'クレジットカード情報']) await page.getByRole('checkbox', { name: item }).check();
    await page.getByLabel('確定件数').fill('12,000');
    await page.getByLabel('最大件数（可能性）').fill('20000');
    await page.getByRole('button', { name: '第一報を登録' }).click();
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    const learned = jstDate(new Date());

    // Reportability: required, cases 2, 3 and 4, once improper purpose is established.
    await page.getByRole('tab', { name: '公表・当局報告' }).click();
    await page.getByRole('note').filter({ hasText: '法的助言ではありません' }).waitFor();
    const result = page.getByRole('region', { name: '判定' });
    expect(await result.textContent()).toContain('不正の目的の有無が未確認です');
    await page.getByRole('group', { name: /不正の目的/ }).getByRole('radio', { name: 'あり' }).check();
    await page.getByRole('button', { name: '前提を保存' }).click();
    await result.getByText(/^第3号/).waitFor();
    expect(await result.getByText('報告が必要です').isVisible()).toBe(true);
    const reasons = await result.getByRole('listitem').allTextContents();
    expect(reasons.some((r) => r.startsWith('第2号'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('第3号'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('第4号: 本人の数が1,000人を超える（20,000人、最大件数）'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('第1号'))).toBe(false);

    // Deadlines as dates with their basis: the final report within 60 days.
    const final = page.getByRole('group', { name: '確報' });
    expect(await final.locator('[data-clock="ppc-final"]').textContent()).toBe(`${addDays(learned, 60)} まで（60日以内）`);
    expect(await page.getByRole('group', { name: '速報' }).locator('[data-clock="ppc-preliminary"]').textContent()).toBe(
      `目安 ${addDays(learned, 3)} 〜 ${addDays(learned, 5)}（速やかに）`,
    );
    expect(await page.getByRole('region', { name: '期限' }).textContent()).toContain(`知った日（${learned}）を0日目として60日目の終わり`);
    // The header counts down to the next legal deadline.
    expect(await page.locator('[data-fact="nextDeadline"]').textContent()).toContain(addDays(learned, 5));
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '40-regulator');

    // Facts the statement quotes.
    await editFacts(page, {
      '対象サービス・顧客層': 'オンラインショップ「ハナミズキ」',
      '問い合わせ窓口の電話番号': '0120-123-456',
      '窓口の受付時間': '9:00〜18:00（土日祝も受付）',
    });
    await page.getByRole('button', { name: '事実を更新' }).click();
    const facts = page.getByRole('form', { name: '事実を更新' });
    await facts.getByRole('group', { name: '漏えいしていない項目' }).getByRole('checkbox', { name: '銀行口座情報' }).check();
    await facts.getByLabel('次回の更新予定').fill('2026-12-01T17:00');
    await facts.getByRole('button', { name: '事実を保存' }).click();
    await page.getByRole('status').filter({ hasText: '事実を更新しました。' }).waitFor();

    // Statement v1: complete checklist, approved, published.
    await page.getByRole('tab', { name: '公表・当局報告' }).click();
    await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '声明文' }).click();
    await page.getByRole('button', { name: '第1版（初回の声明）を作成' }).click();
    await page.getByText('すべての項目がそろっています。').waitFor();
    const preview = page.getByRole('article', { name: 'プレビュー' });
    expect(await preview.textContent()).toContain('流出が確認されたお客様は12,000名');
    expect(await preview.textContent()).toContain('なお、銀行口座情報は含まれておりません。');
    expect(await preview.textContent()).toContain('0120-123-456');
    await page.getByRole('button', { name: '承認する' }).click();
    await page.getByText(/承認 山田 花子/).waitFor();
    await page.getByRole('button', { name: '公表済みにする' }).click();
    await page.getByText(/^公表 /).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '41-statement-v1');
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'HTML' }).click()]);
    expect(html.suggestedFilename()).toMatch(/statement-v1\.html$/);

    // A maximum below the confirmed count is refused; then the count rises within it.
    await page.getByRole('tab', { name: '概要・報告' }).click();
    await page.getByRole('button', { name: '事実を更新' }).click();
    await page.getByRole('form', { name: '事実を更新' }).getByLabel('最大件数（可能性）').fill('12,100');
    await page.getByRole('form', { name: '事実を更新' }).getByLabel('確定件数').fill('12,480');
    await page.getByRole('button', { name: '事実を保存' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('最大件数が確定件数より少なくなっています。');
    await page.getByRole('button', { name: 'キャンセル' }).click();
    // The count rises: follow-up 1 (version 2) shows the change since the published statement.
    await editFacts(page, { 確定件数: '12,480' });
    await page.getByRole('tab', { name: '公表・当局報告' }).click();
    await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '声明文' }).click();
    await page.getByRole('button', { name: '続報 1 を作成' }).click();
    const changes = page.getByRole('region', { name: '前回公表からの事実の変更' });
    await changes.waitFor();
    expect(await changes.textContent()).toContain('確定件数: 12,000 → 12,480');
    expect(await page.getByRole('article', { name: 'プレビュー' }).textContent()).toContain('流出が確認されたお客様は12,480名');
    await screenshot(page, '42-statement-follow-up');

    // The PPC draft carries the new count.
    await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '当局報告' }).click();
    const people = page.locator('[data-item="people"]');
    expect(await people.textContent()).toContain('12,480人（最大20,000人）');
    await screenshot(page, '43-ppc-draft');

    // The letter prints Japanese text (the page image is saved for a look).
    await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '本人通知' }).click();
    const letter = page.getByRole('article', { name: '手紙（郵送）' });
    expect(await letter.textContent()).toContain('クレジットカード情報');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, '44-letter-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    await writeFile(join(SCREENSHOTS, '44-letter.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A CJK font is embedded, so the Japanese is real text, not boxes.
    expect(pdf.toString("latin1")).toMatch(/\/CIDToGIDMap|\/CIDFontType/);

    // The disclosure decision is recorded and lands on the timeline as a decision.
    await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '公表の判断' }).click();
    await page.getByRole('combobox', { name: '量 — 評価' }).selectOption('high');
    await page.getByLabel('理由').fill('カード情報を含み、1万人を超えるため');
    await page.getByRole('checkbox', { name: 'プレスリリース' }).check();
    await page.getByRole('button', { name: '判断を記録' }).click();
    await page.getByRole('status').filter({ hasText: '記録しました。' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '45-decision');
    await page.getByRole('tab', { name: 'タイムライン' }).click();
    await page.getByRole('row').filter({ hasText: '公表の判断: 公表する' }).waitFor();

    // Closing: recurrence prevention, PDCA from the field, the closing report, the history entry.
    await page.getByRole('tab', { name: '振り返り・完了' }).click();
    await page.getByLabel('対策').nth(1).fill('顧客データの一括ダウンロードを承認制にする');
    await page.getByRole('button', { name: '保存: 2. 情報の持ち出しを制御する' }).click();
    await page.getByLabel('内容').fill('WAF のルールを更新し、週次で検知状況を確認する');
    await page.getByLabel('報告先（役員）').fill('取締役 鈴木');
    await page.getByRole('button', { name: '報告を記録' }).click();
    await page.getByRole('listitem').filter({ hasText: 'WAF のルールを更新' }).waitFor();
    await page.getByLabel('概要').fill('委託先ECサイトへのSQLインジェクションにより顧客情報が流出した可能性。');
    await page.getByLabel('対応完了日').fill('2026-12-20T18:00');
    await page.getByRole('button', { name: '保存', exact: true }).last().click();
    await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '46-closing');
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Markdown で保存' }).click()]);
    const md = await readFile((await report.path())!, 'utf8');
    expect(md).toContain('# 委託先ECサイトへの不正アクセス 完了報告書');
    expect(md).toContain('顧客データの一括ダウンロードを承認制にする');
    expect(md).toContain('WAF のルールを更新し、週次で検知状況を確認する');
    expect(md).toContain('公表の判断: 公表する');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    const row = page.getByRole('row').filter({ hasText: '委託先ECサイトへの不正アクセス' });
    expect(await row.textContent()).toContain('2026/12/20');
    await context.close();
  });
});
