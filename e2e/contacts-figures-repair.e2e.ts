/**
 * Issue 17, decision 051: a list's statuses changed in few rows are kept as deltas beside their
 * records. One damaged on disk: the dashboard's check says its figures differ from the events
 * (calmly, not the unexpected-error notice) and offers to fold them again from the events; after
 * that they equal the events again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unnamedControls } from './a11y';
import { contactsPart, createWorkspace, fileFirstReport, importList, listFile, listRows, storedKeys, takeDirectionRole, unlock } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();
const ROWS = 120;

/** Two rows of every status delta swapped on disk (no longer ascending: not a delta). */
function damageDeltas(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const req = <T,>(r: IDBRequest<T>) => new Promise<T>((ok, no) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => no(r.error))));
    let n = 0;
    for (const info of await indexedDB.databases()) {
      const db = await req(indexedDB.open(info.name!));
      if (db.objectStoreNames.contains('contact-status-delta')) {
        const store = db.transaction('contact-status-delta', 'readwrite').objectStore('contact-status-delta');
        for (const d of (await req(store.getAll())) as { rows: Uint16Array }[]) {
          const rows = Uint16Array.from(d.rows);
          [rows[0], rows[1]] = [rows[1]!, rows[0]!];
          await req(store.put({ ...d, rows }));
          n++;
        }
      }
      db.close();
    }
    return n;
  });
}

describe('figures that differ from the events', () => {
  it('a damaged status delta: the dashboard says the figures differ, and one button folds them again from the events', async () => {
    const { context, page } = await newPage(env.browser);
    try {
      await createWorkspace(page, env.server.url);
      await takeDirectionRole(page);
      await fileFirstReport(page, '会員情報の流出');
      await importList(page, listFile(listRows(ROWS)), ROWS);
      await contactsPart(page, 'バッチ');
      await page.getByRole('button', { name: 'バッチを作成' }).click();
      await page.getByRole('status').filter({ hasText: `${ROWS} 件のバッチを作成しました。` }).waitFor();
      await contactsPart(page, '集計');
      await page.getByText('集計はイベントからの再計算と一致しています。').waitFor({ timeout: 30_000 });
      // The batch changed the list's 120 rows: kept as a delta beside its status record.
      expect(await storedKeys(page, 'contact-status-delta')).toHaveLength(1);

      await page.getByRole('button', { name: 'ロック', exact: true }).click();
      await page.getByRole('heading', { name: 'ワークスペースのロックを解除' }).waitFor();
      expect(await damageDeltas(page)).toBe(1);
      await unlock(page);
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
      await page.getByRole('row').filter({ hasText: '会員情報の流出' }).getByText('会員情報の流出').click();
      await page.getByRole('tab', { name: '顧客連絡' }).click();
      await contactsPart(page, '集計');
      await page.getByText(`集計とイベントが一致しません（${ROWS} 行）。`).waitFor({ timeout: 30_000 });
      const repair = page.getByRole('button', { name: 'イベントから集計し直す' });
      await repair.waitFor();
      expect(await page.getByRole('heading', { name: '予期しない問題が起きました' }).count()).toBe(0);
      expect(await unnamedControls(page)).toEqual([]);
      await screenshot(page, 'figures-repair-01-differ');

      await repair.click();
      await page.getByText('集計はイベントからの再計算と一致しています。').waitFor({ timeout: 30_000 });
      expect(await repair.count()).toBe(0);
      expect(await storedKeys(page, 'contact-status-delta')).toHaveLength(0);
      expect(await page.getByRole('heading', { name: '予期しない問題が起きました' }).count()).toBe(0);
      await screenshot(page, 'figures-repair-02-repaired');
    } finally {
      await context.close();
    }
  }, 180_000);
});
