/**
 * A returned-mail preview belongs to the list it was made for. A lead previews the post
 * office's list against one customer list, then sees the wrong list is chosen and picks the
 * other: the preview (and its apply button) must not stay on screen as if it were the other
 * list's — applying it would mark the first list's customers as returned.
 */
import { describe, expect, it } from 'vitest';
import { contactsPart, createWorkspace, fileFirstReport, importList } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const HEADER = ['顧客番号', '氏名', 'フリガナ', '郵便番号', '住所', 'メールアドレス', '電話番号'];
const row = (i: number, tag: string) => [`C${String(i).padStart(4, '0')}`, '山田 花子', 'ヤマダ ハナコ', '100-0001', `東京都千代田区一丁目${i}番${tag}`, `${tag}${i}@example.jp`, `090-1111-${String(i).padStart(4, '0')}`];
const tsv = (tag: string, from: number, to: number) => Buffer.from([HEADER, ...Array.from({ length: to - from }, (_, k) => row(from + k, tag))].map((r) => r.join('\t')).join('\r\n') + '\r\n', 'utf8');

describe('a returned-mail preview and the list it was made for', () => {
  it('is taken off the screen when another list is chosen, and made again for that list', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await fileFirstReport(page, '会員データベースの流出');
      await importList(page, { name: '会員A.txt', mimeType: 'text/plain', buffer: tsv('a', 1, 11) }, 10);
      // The second list has other customer numbers (C0101–C0120).
      await importList(page, { name: '会員B.txt', mimeType: 'text/plain', buffer: tsv('b', 101, 121) }, 20);

      await contactsPart(page, '結果の反映');
      const lists = page.getByLabel('顧客リスト', { exact: true });
      const options = await lists.locator('option').allTextContents();
      const [a, b] = [options.find((o) => o.includes('会員A'))!, options.find((o) => o.includes('会員B'))!];
      await lists.selectOption({ label: a });
      await page.getByRole('textbox', { name: /^リスト（/ }).fill('C0001,宛所不明\nC0102,宛所不明');
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText(/^2 行中 1 件が一致。/).waitFor();
      const apply = page.getByRole('button', { name: 'この内容で反映' });
      await apply.waitFor();

      // The other list chosen: list A's preview and its apply button are gone.
      await lists.selectOption({ label: b });
      await page.getByRole('button', { name: '変更内容を確認' }).waitFor();
      expect(await page.getByText(/^2 行中 1 件が一致。/).count()).toBe(0);
      expect(await apply.count()).toBe(0);
      await screenshot(page, 'results-switch-list');
      // Previewed again, it is list B's.
      await page.getByRole('button', { name: '変更内容を確認' }).click();
      await page.getByText(/^2 行中 1 件が一致。/).waitFor();
      await page.getByText('一致しなかった行: 1 件（1 行目）').waitFor();
    } finally {
      await context.close();
    }
  });
});
