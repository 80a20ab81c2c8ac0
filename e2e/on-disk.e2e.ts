/**
 * The test that matters (docs/threat-model.md): after storing distinctive personal data
 * through the app and closing the browser, no byte of the Chromium profile holds it in
 * clear. The control run writes the same strings without encryption and must find them,
 * which proves the scan can fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForStrings } from './disk-scan';
import { chooseList, createWorkspace, fileFirstReport, listFile, listRows, PASSPHRASE, startImport, unlock } from './flows';
import { launchPersistent, screenshot, startServer, tempDir, type StaticServer } from './harness';

// Distinctive enough that no other file in a fresh profile contains them by chance.
const PERSON = {
  name: '鳳凰院 凶真郎',
  phone: '080-2718-2818',
  email: 'kyoshinro.hououin@futuregadget.example',
  location: '東京都千代田区外神田九丁目八番七号',
};
const NEEDLES = [PERSON.name, '鳳凰院', PERSON.phone, '08027182818', PERSON.email, PERSON.location, '外神田九丁目', PASSPHRASE];

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('on-disk check', () => {
  it('finds none of the personal data in the browser profile after using the app', async () => {
    const profile = await tempDir('encrypted-');
    const { context, page } = await launchPersistent(profile.path);
    try {
      await createWorkspace(page, server.url, PERSON.name);
      await page.getByRole('button', { name: '設定' }).click();
      await page.getByLabel('電話番号（緊急連絡先）').fill(PERSON.phone);
      await page.getByLabel('メールアドレス').fill(PERSON.email);
      await page.getByLabel('勤務場所（在宅の場合は住所）').fill(PERSON.location);
      await page.getByRole('button', { name: 'プロフィールを保存' }).click();
      await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
      // Read back after a reload: the data really is stored, and readable with the key.
      await page.reload();
      await page.getByLabel('パスフレーズ').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'ロックを解除' }).click();
      await page.getByRole('button', { name: '設定' }).click();
      expect(await page.getByLabel('勤務場所（在宅の場合は住所）').inputValue()).toBe(PERSON.location);
      await context.close();

      const result = await scanForStrings(profile.path, NEEDLES);
      expect(result.files).toBeGreaterThan(10);
      expect(result.hits).toEqual([]);
    } finally {
      // Closed here too when the test failed: the worker runs the next file (isolate: false).
      await context.close().catch(() => undefined);
      await profile.remove();
    }
  });

  it("a customer list without a header line: the app says so, imports its first customer too, and writes none of them in clear", async () => {
    const profile = await tempDir('headerless-');
    const { context, page } = await launchPersistent(profile.path);
    try {
      await createWorkspace(page, server.url);
      await fileFirstReport(page, '会員情報の流出');
      // The first line is a customer, not column names.
      const first = ['Z0001', PERSON.name, 'ホウオウイン キョウマロウ', '101-0021', PERSON.location, PERSON.email, PERSON.phone];
      const file = listFile(listRows(3), '会員.csv', first);
      const headerless = async () => {
        await chooseList(page, file);
        await page.getByRole('alert').filter({ hasText: '1行目にメールアドレス・電話番号・郵便番号が入っています' }).waitFor();
        await page.getByRole('checkbox', { name: '1行目から顧客のデータ（列名の行がないファイル）' }).check();
      };
      await chooseList(page, file);
      await page.getByRole('alert').filter({ hasText: '1行目にメールアドレス・電話番号・郵便番号が入っています' }).waitFor();
      await screenshot(page, 'contacts-import-no-header');
      await page.getByRole('checkbox', { name: '1行目から顧客のデータ（列名の行がないファイル）' }).check();
      await expect.poll(() => page.getByRole('alert').filter({ hasText: '1行目にメールアドレス' }).count()).toBe(0);
      await screenshot(page, 'contacts-import-no-header-ticked');
      // No column names to go by: the person picks the customer-number column (列1) by hand.
      await page.getByLabel('顧客番号', { exact: true }).selectOption('0');
      await startImport(page, 4);
      // The next day the same file maps itself once the box is ticked: the mapping was remembered, under a keyed hash of 列1 … 列7.
      await page.reload();
      await unlock(page);
      await page.getByRole('button', { name: '会員情報の流出' }).click();
      await headerless();
      await expect.poll(() => page.getByLabel('顧客番号', { exact: true }).inputValue()).toBe('0');
      await context.close();

      const result = await scanForStrings(profile.path, NEEDLES);
      expect(result.files).toBeGreaterThan(10);
      expect(result.hits).toEqual([]);
    } finally {
      await context.close().catch(() => undefined);
      await profile.remove();
    }
  });

  it('control: the same data written without encryption is found by the same scan', async () => {
    const profile = await tempDir('plain-');
    const { context, page } = await launchPersistent(profile.path);
    try {
      await page.goto(server.url);
      await page.evaluate(async (person) => {
        const open = indexedDB.open('control-plain', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('people', { keyPath: 'id' });
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          open.onsuccess = () => ok(open.result);
          open.onerror = () => fail(open.error);
        });
        const tx = db.transaction('people', 'readwrite');
        tx.objectStore('people').put({ id: 1, ...person });
        await new Promise((ok) => (tx.oncomplete = ok));
        db.close();
      }, PERSON);
      await context.close();

      const result = await scanForStrings(profile.path, [PERSON.name, PERSON.phone, PERSON.email, PERSON.location]);
      const found = new Set(result.hits.map((h) => h.needle));
      expect([...found].sort()).toEqual([PERSON.email, PERSON.location, PERSON.name, PERSON.phone].sort());
    } finally {
      // Closed here too when the test failed: the worker runs the next file (isolate: false).
      await context.close().catch(() => undefined);
      await profile.remove();
    }
  });
});
