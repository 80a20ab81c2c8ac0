/**
 * Issue 15 item 6 through the screens: an incident with facts, a customer list, enquiries
 * (one escalated, some long) and an overdue task → the executives' page shows figures equal
 * to the screens they come from (read both) → it prints to one A4 page → its .docx, and
 * those of the statement, the PPC draft and the closing report, hold the live facts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureChunk } from '../bench/fixture';
import { readDocx } from '../shared/export/docx-text';
import { assignTask, chooseList, contactsPart, createWorkspace, fileLostDeviceIncident, fillFacts, LOST_DEVICE_TASK, startImport, takeDirectionRole } from './flows';
import { newPage, screenshot, tempDir, useBrowserAndServer } from './harness';
import { flat, printToPdf } from './pdf';

const env = useBrowserAndServer();

const ROWS = 200;
const LONG = '先日届いたお知らせの封筒に記載されていた照会番号で確認したいのですが、私の氏名と住所とメールアドレスが流出したのかどうか、また家族の分も同じ名簿に入っていたのかどうか、クレジットカードの再発行が必要なのかどうかを教えてください。';
const ENQUIRIES: [string, boolean][] = [
  ['私の情報は漏れましたか', false],
  ['自分の個人情報は流出したのですか', false],
  ['クレジットカードは大丈夫ですか', true],
  [LONG, false],
  [`${LONG}（二回目のお問い合わせ）`, false],
  ['退会したいです', false],
];

const exec = (page: Page, key: string) => page.locator(`.exec-page [data-exec="${key}"]`).textContent();

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: new Uint8Array(await readFile((await d.path())!)) };
}

describe('the executives page', () => {
  it('shows figures equal to their sources, prints to one A4 page, and exports Word with the live facts', async () => {
    const dir = await tempDir('exec-');
    const { context, page } = await newPage(env.browser);
    try {
      const file = join(dir.path, '顧客リスト.csv');
      await writeFile(file, fixtureChunk(0, ROWS));
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await fileLostDeviceIncident(page, '営業用ノートPCの紛失（髙橋・﨑山・𠮷田の担当顧客）');
      // A task that was due an hour ago.
      await assignTask(page, -60);
      // The desk's phone and hours: the statement quotes them, and the release gate stops it without.
      const nextUpdate = await page.evaluate(() => {
        const d = new Date(Date.now() + 2 * 86_400_000);
        const pad = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T15:00`;
      });
      await fillFacts(page, { confirmedCount: '800', maxCount: '1200', deskPhone: '0120-123-456', deskHours: '9:00〜18:00', services: '法人営業部の顧客', nextUpdateAt: nextUpdate });

      // A customer list.
      await chooseList(page, file);
      await page.getByText('判定: Shift_JIS').waitFor();
      await startImport(page, ROWS);
      await contactsPart(page, '集計');
      const dashTotal = (await page.locator('[data-kpi="total"]').textContent())!;
      const dashReached = (await page.locator('[data-kpi="reached"]').textContent())!;
      expect(dashTotal).toBe('200');

      // Enquiries, one escalated.
      await page.getByRole('tab', { name: '問い合わせ・FAQ' }).click();
      const question = page.getByLabel('お問い合わせの内容');
      for (const [i, [text, escalate]] of ENQUIRIES.entries()) {
        await question.fill(text);
        if (escalate) await page.getByRole('checkbox', { name: 'エスカレーションが必要' }).check();
        await question.press('Control+Enter');
        await page.getByRole('status').filter({ hasText: `（${i + 1}件目）` }).waitFor();
      }
      await page.getByRole('navigation', { name: '問い合わせ・FAQ の画面' }).getByRole('button', { name: '一覧', exact: true }).click();
      const chart = (await page.getByRole('img', { name: /日別・受付方法別の件数/ }).getAttribute('aria-label'))!;
      const perDay = [...chart.matchAll(/(\d{4}-\d{2}-\d{2}): (\d+)/g)].map((m) => Number(m[2]));

      // The sources: the header's facts, the regulator's clocks, the status report's overdue tasks.
      const header = async (k: string) => (await page.locator(`.incident-header [data-fact="${k}"]`).textContent())!;
      const confirmed = await header('confirmedCount');
      const max = await header('maxCount');
      const leaked = await header('itemsLeaked');
      const notLeaked = await header('itemsNotLeaked');
      await page.getByRole('tab', { name: '公表・当局報告' }).click();
      await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '当局報告' }).click();
      const finalClock = (await page.locator('[data-clock="ppc-final"]').textContent())!;
      await page.getByRole('tab', { name: '状況報告' }).click();
      const sitrepOverdue = await page.locator('.sitrep li').filter({ hasText: LOST_DEVICE_TASK }).count();
      expect(sitrepOverdue).toBe(1);

      // The executives' page.
      await page.getByRole('tab', { name: '経営層向け' }).click();
      await page.locator('.exec-page .doc').waitFor();
      expect(await exec(page, 'confirmedCount')).toBe(confirmed);
      expect(await exec(page, 'maxCount')).toBe(max);
      expect(confirmed).toBe('800');
      expect(await exec(page, 'enquiries')).toBe(String(perDay.reduce((a, b) => a + b, 0)));
      expect(await exec(page, 'enquiries')).toBe(String(ENQUIRIES.length));
      expect(await exec(page, 'escalations')).toBe('1');
      expect(await exec(page, 'overdue')).toBe(String(sitrepOverdue));
      const sheet = page.locator('.exec-sheet .doc');
      const reachRow = sheet.getByRole('row').filter({ hasText: '顧客リスト.csv' }).first();
      const cells = await reachRow.getByRole('cell').allTextContents();
      expect(cells[1]).toBe(dashTotal);
      expect(cells[2]).toBe(dashReached);
      // The final report's date as the regulator screen shows it.
      const finalRow = await sheet.getByRole('row').filter({ hasText: '個人情報保護委員会への確報' }).getByRole('cell').allTextContents();
      expect(finalClock).toContain(finalRow[1]!);
      // Overdue tasks by phase.
      expect(await sheet.getByRole('row').filter({ hasText: LOST_DEVICE_TASK }).getByRole('cell').first().textContent()).toBe('封じ込め');
      await screenshot(page, 'exec-ja');

      // One A4 page, with long Japanese questions on it.
      const pdf = await printToPdf(page, 'exec-ja');
      expect(pdf.pages).toBe(1);
      // A4: 210 × 297 mm = 595 × 842 pt (Chromium rounds to its own pixel grid).
      expect(Math.abs(pdf.size.width - 595)).toBeLessThan(2);
      expect(Math.abs(pdf.size.height - 842)).toBeLessThan(2);
      for (const s of ['経営層向けサマリー', '800', '1,200', '封じ込め', '個人情報保護委員会への確報']) expect(flat(pdf.text), s).toContain(flat(s));

      // Word: the live facts, the clock dates, the figures.
      const word = await download(page, () => page.locator('.exec-page').getByRole('button', { name: 'Word（.docx）' }).click());
      expect(word.name).toMatch(/\.docx$/);
      const docx = readDocx(word.bytes);
      const fields = docx.tables[0]!;
      expect([leaked, notLeaked]).toEqual(['氏名', '銀行口座情報']);
      expect(fields).toEqual([
        ['確定件数', '800'],
        ['最大件数（可能性）', '1,200'],
        ['漏えいした項目', leaked],
        ['漏えいしていない項目', notLeaked],
      ]);
      const clocks = docx.tables[1]!;
      expect(clocks[0]).toEqual(['報告', '期限', '状況']);
      expect(clocks.find((r) => r[0] === '個人情報保護委員会への確報')).toEqual(finalRow);
      expect(docx.tables[2]!.find((r) => r[0]!.includes('顧客リスト.csv'))!.slice(1, 3)).toEqual([dashTotal, dashReached]);
      expect(docx.paragraphs).toContain('経営層向けサマリー: 営業用ノートPCの紛失（髙橋・﨑山・𠮷田の担当顧客）');

      // Across open incidents: a row for this one.
      await page.getByRole('button', { name: '対応中のすべて' }).click();
      const row = page.locator('.exec-sheet .doc').getByRole('row').filter({ hasText: '営業用ノートPCの紛失' });
      await row.waitFor();
      const across = await row.getByRole('cell').allTextContents();
      expect(across.slice(1, 5)).toEqual(['800 / 1,200', '0.0%', '6', '1']);
      await screenshot(page, 'exec-across-ja');
      const acrossPdf = await printToPdf(page, 'exec-across-ja');
      expect(acrossPdf.pages).toBe(1);
      await page.getByRole('button', { name: 'このインシデント' }).click();

      // The statement, the PPC draft and the closing report in Word, each with the live facts.
      await page.getByRole('tab', { name: '公表・当局報告' }).click();
      await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '声明文' }).click();
      await page.getByRole('button', { name: '第1版（初回の声明）を作成' }).click();
      const statement = readDocx((await download(page, () => page.getByRole('button', { name: 'Word（.docx）' }).click())).bytes);
      expect(statement.paragraphs.join('\n')).toContain('800');
      expect(statement.paragraphs.join('\n')).toContain('氏名');
      await page.getByRole('navigation', { name: '公表・報告の画面' }).getByRole('button', { name: '当局報告' }).click();
      // The draft quotes a fact still unknown (when it happened): the release gate stops the Word file as it stops print.
      await page.getByRole('button', { name: 'Word（.docx）' }).click();
      const gate = page.getByRole('dialog', { name: 'まだ決まっていない事実があります' });
      await gate.getByLabel('理由（必須・記録されます）').fill('発生日時は調査中のまま速報する');
      const ppc = readDocx((await download(page, () => gate.getByRole('button', { name: '理由を記録して、このまま出す' }).click())).bytes);
      const ppcText = [...ppc.paragraphs, ...ppc.tables.flat().flat()].join('\n');
      expect(ppcText).toContain('800人（最大1,200人）');
      expect(ppcText).toContain('項目：氏名');
      // Unfilled fields say so, in red in Word.
      expect(ppc.tables[0]!.find((r) => r[0] === '代表者')).toEqual(['代表者', '未記入']);
      await page.getByRole('tab', { name: '振り返り・完了' }).click();
      const closing = readDocx((await download(page, () => page.getByRole('button', { name: 'Word（.docx）' }).click())).bytes);
      const closingText = [...closing.paragraphs, ...closing.tables.flat().flat()].join('\n');
      expect(closingText).toContain('800');
      expect(closingText).toContain('営業用ノートPCの紛失');

      // English.
      await page.getByRole('button', { name: 'English に切り替え' }).click();
      await page.getByRole('tab', { name: 'Executives' }).click();
      await page.locator('.exec-page .doc').waitFor();
      expect(await exec(page, 'enquiries')).toBe('6');
      await screenshot(page, 'exec-en');
      const en = await printToPdf(page, 'exec-en');
      expect(en.pages).toBe(1);
    } finally {
      await context.close();
      await dir.remove();
    }
  });
});
