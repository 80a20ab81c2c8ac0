/**
 * The printing vendor's returned-mail list, typed in Excel from the mailing list: Excel opened
 * 000101 as 101. The lead pastes it; the lines are matched with their zeros back, and the
 * screen says which, as written and as matched, before anything is applied.
 */
import { describe, expect, it } from 'vitest';
import { contactsPart, createWorkspace, fileFirstReport, importList } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号'];
const row = (i: number) => [String(i).padStart(6, '0'), '山田 花子', 'ヤマダ ハナコ', '100-0001', `東京都千代田区一丁目${i}番`, `m${i}@example.jp`, `090-1111-${String(i).padStart(4, '0')}`];
const csv = Buffer.from([HEADER, ...Array.from({ length: 12 }, (_, k) => row(101 + k))].map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

describe('a returned-mail list whose numbers lost their leading zeros in a spreadsheet', () => {
  it('is matched with the zeros back, each such line shown as written and as matched', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await fileFirstReport(page, '会員データベースの流出');
      await importList(page, { name: '会員.csv', mimeType: 'text/csv', buffer: csv }, 12);

      await contactsPart(page, '結果の反映');
      await page.getByRole('textbox', { name: /^リスト（/ }).fill('101,宛所不明\n000102,転居先不明\n１０３,宛所不明\n999,宛所不明');
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText(/^4 行中 3 件が一致。/).waitFor();
      await page.getByText('一致しなかった行: 1 件（4 行目）').waitFor();
      const said = page.getByText(/^先頭の 0 が消えていた番号として照合した行: 2 件/);
      await said.waitFor();
      expect(await said.textContent()).toContain('（1 行目 101 → 000101、3 行目 １０３ → 000103）');
      await screenshot(page, 'results-lost-zeros');
      await page.getByRole('button', { name: 'この内容で反映' }).click();
      await page.getByRole('status').filter({ hasText: '反映しました。' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
