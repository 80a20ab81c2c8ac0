/**
 * Unexpected errors end to end, with faults injected the way they happen: the disk is full
 * when a first report is saved, and a screen throws while it draws. The person sees one
 * calm message saying what to do, in Japanese and in English; the form keeps what was
 * typed and works again; nothing half-written is left; the other screens keep working;
 * the error log, exported for support, names the fault and nothing about anyone.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unnamedControls } from './a11y';
import { createWorkspace, PASSPHRASE, unlock } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

const TITLE = '顧客名簿の誤送信（営業二課）';
const FOUND_BY = '営業部 佐藤 一郎';

/** Every write to IndexedDB fails as it does on a full disk, until `diskFull(page, false)`. */
async function diskFull(page: Page, on: boolean): Promise<void> {
  await page.evaluate((full) => {
    const w = window as unknown as { __diskFull?: boolean; __faultsInstalled?: boolean };
    w.__diskFull = full;
    if (w.__faultsInstalled) return;
    w.__faultsInstalled = true;
    for (const name of ['add', 'put'] as const) {
      const original = IDBObjectStore.prototype[name];
      IDBObjectStore.prototype[name] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
        if (w.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  }, on);
}

/** Every read from IndexedDB fails (a damaged disk), until `readsFail(page, false)`. */
async function readsFail(page: Page, on: boolean): Promise<void> {
  await page.evaluate((failing) => {
    const w = window as unknown as { __readsFail?: boolean; __readFaultInstalled?: boolean };
    w.__readsFail = failing;
    if (w.__readFaultInstalled) return;
    w.__readFaultInstalled = true;
    const original = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
      if (w.__readsFail) throw new DOMException('The operation failed for reasons unrelated to the database itself.', 'UnknownError');
      return original.apply(this, args);
    };
  }, on);
}

/** Every date on screen fails to format: a screen that draws one throws while drawing. */
async function brokenDates(page: Page, on: boolean): Promise<void> {
  await page.evaluate((broken) => {
    const w = window as unknown as { __original?: PropertyDescriptor };
    // `format` is an accessor on the prototype: keep its descriptor to put it back.
    w.__original ??= Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, 'format')!;
    if (broken) {
      Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', {
        configurable: true,
        get() {
          throw new RangeError('date formatting failed for 山田 花子');
        },
      });
    } else {
      Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', w.__original);
    }
  }, on);
}

const notice = (page: Page, title: string) => page.getByRole('alert').filter({ has: page.getByRole('heading', { name: title }) });

describe('unexpected errors', () => {
  it('a full disk while filing: a calm message, the form as it was, nothing half-written, the log for support', async () => {
    const { context, page } = await newPage(env.browser, { expectedPageError: /QuotaExceeded|quota|UnknownError|unrelated to the database/ });
    await createWorkspace(page, env.server.url, '山田 花子');

    await page.getByRole('button', { name: '第一報を登録する' }).click();
    await page.getByLabel('件名').fill(TITLE);
    await page.getByLabel('誰が見つけたか').fill(FOUND_BY);
    await page.getByLabel('確定件数').fill('4,739');

    // The disk is full: the report is not saved, and the person is told so calmly.
    await diskFull(page, true);
    await page.getByRole('button', { name: '第一報を登録' }).click();
    const ja = notice(page, '予期しない問題が起きました');
    await ja.waitFor();
    const text = (await ja.textContent()) ?? '';
    expect(text).toContain('保存済みの記録は失われていません');
    expect(text).toContain('もう一度操作してください');
    expect(text).toContain('エラーの記録を保存');
    expect(text).not.toMatch(/quota|Quota|DOMException|Error/);
    // The form is as it was: what was typed is there and the button works again.
    expect(await page.getByLabel('件名').inputValue()).toBe(TITLE);
    expect(await page.getByLabel('誰が見つけたか').inputValue()).toBe(FOUND_BY);
    expect(await page.getByLabel('確定件数').inputValue()).toBe('4,739');
    expect(await page.getByRole('button', { name: '第一報を登録' }).isEnabled()).toBe(true);
    expect(await page.getByRole('heading', { name: '第一報', level: 1 }).isVisible()).toBe(true);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '90-error-notice-ja');

    // Space freed: close the message and try again; it is filed once.
    await diskFull(page, false);
    await ja.getByRole('button', { name: '閉じて続ける' }).click();
    await ja.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '第一報を登録' }).click();
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'インシデント' }).click();
    await page.getByRole('heading', { name: 'インシデント対応履歴' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: TITLE }).count()).toBe(1);

    // Settings: the error log holds the fault; saved for support, it names it and nobody.
    await page.getByRole('button', { name: '設定' }).click();
    const settings = page.getByRole('region', { name: 'エラーの記録' });
    await settings.getByText('記録: 1 件').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), settings.getByRole('button', { name: 'エラーの記録を保存' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^honbu-error-log-\d{8}-\d{4}\.json$/);
    const raw = await readFile((await download.path())!, 'utf8');
    const file = JSON.parse(raw) as { app: string; version: string; entries: Record<string, unknown>[] };
    expect(file.app).toBe('Honbu');
    expect(file.entries).toHaveLength(1);
    const [entry] = file.entries;
    expect(Object.keys(entry!).sort()).toEqual(['at', 'id', 'message', 'name', 'source', 'stack', 'version', 'where']);
    expect(entry).toMatchObject({ source: 'promise', name: 'QuotaExceededError', where: 'new-incident', version: file.version });
    expect(entry!.message).toMatch(/quota/i);
    // IndexedDB's errors carry no stack; "where" and the message say enough.
    expect(Array.isArray(entry!.stack)).toBe(true);
    // Random ids and times may hold any digits; everything else must hold none of what was typed.
    const said = JSON.stringify({ ...file, entries: file.entries.map(({ id: _id, at: _at, ...rest }) => rest) });
    for (const personal of ['顧客名簿', '営業', '佐藤', '山田', '花子', '4,739', '4739']) expect(said).not.toContain(personal);
    await screenshot(page, '91-error-log-settings-ja');

    // Unlocking while the disk cannot be read: the message, and the unlock form usable again
    // (it used to stay on "確認中…" for good).
    await page.getByRole('button', { name: 'ロック', exact: true }).click();
    await page.getByRole('heading', { name: 'ワークスペースのロックを解除' }).waitFor();
    await readsFail(page, true);
    await page.getByLabel('パスフレーズ').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'ロックを解除' }).click();
    await notice(page, '予期しない問題が起きました').waitFor();
    expect(await page.getByRole('button', { name: 'ロックを解除' }).isEnabled()).toBe(true);
    expect(await page.getByLabel('パスフレーズ').inputValue()).toBe(PASSPHRASE);
    await screenshot(page, '95-unlock-failed-ja');
    await readsFail(page, false);
    await page.getByRole('button', { name: '閉じて続ける' }).click();
    await unlock(page);
    await context.close();
  }, 120_000);

  it('in English, and a screen that fails to draw leaves the rest of the app working', async () => {
    const { context, page } = await newPage(env.browser, { expectedPageError: /QuotaExceeded|quota|date formatting/ });
    await createWorkspace(page, env.server.url, '山田 花子');
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();

    await page.getByRole('button', { name: 'File a first report' }).click();
    await page.getByLabel('Title').fill(TITLE);
    await diskFull(page, true);
    await page.getByRole('button', { name: 'File first report' }).click();
    const en = notice(page, 'Something unexpected went wrong');
    await en.waitFor();
    const text = (await en.textContent()) ?? '';
    expect(text).toContain('Nothing already saved has been lost');
    expect(text).toContain('what you typed is still on the screen');
    expect(text).toContain('Save the error log');
    expect(await page.getByLabel('Title').inputValue()).toBe(TITLE);
    await screenshot(page, '92-error-notice-en');

    // The same fault again counts on the message instead of stacking more of them.
    await page.getByRole('button', { name: 'File first report' }).click();
    await en.getByText('(2 times)').waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    await diskFull(page, false);
    await en.getByRole('button', { name: 'Close and continue' }).click();
    await page.getByRole('button', { name: 'File first report' }).click();
    await page.getByRole('heading', { name: /board$/ }).first().waitFor();

    // A tab that throws while drawing: its place says so; the header, tabs and lock still work.
    await brokenDates(page, true);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const failed = notice(page, 'This screen could not be shown');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('Nothing already saved has been lost');
    expect(await page.getByRole('button', { name: 'Lock', exact: true }).isEnabled()).toBe(true);
    await screenshot(page, '93-screen-failed-en');

    // Fixed (here: the fault removed), "Show it again" draws it.
    await brokenDates(page, false);
    await failed.getByRole('button', { name: 'Show it again' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).first().waitFor();
    expect(await failed.count()).toBe(0);

    // The same in Japanese.
    await page.getByRole('button', { name: '日本語に切り替え' }).click();
    await brokenDates(page, true);
    await page.getByRole('tab', { name: '状況報告' }).click();
    await notice(page, 'この画面を表示できませんでした').waitFor();
    await screenshot(page, '94-screen-failed-ja');
    await brokenDates(page, false);

    // The log names both faults, where they happened and in which screen's code; the name quoted in the message is gone.
    await page.getByRole('button', { name: '設定' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('region', { name: 'エラーの記録' }).getByRole('button', { name: 'エラーの記録を保存' }).click(),
    ]);
    const raw = await readFile((await download.path())!, 'utf8');
    const entries = (JSON.parse(raw) as { entries: Record<string, unknown>[] }).entries;
    expect(entries.map((e) => [e.source, e.name, e.where])).toEqual([
      ['promise', 'QuotaExceededError', 'new-incident'],
      ['screen', 'RangeError', 'incident/timeline'],
      ['screen', 'RangeError', 'incident/sitrep'],
    ]);
    expect(entries[0]!.repeats).toBe(1);
    expect(entries[1]!.message).toBe('date formatting failed for […]');
    expect((entries[1]!.stack as string[]).length).toBeGreaterThan(0);
    expect((entries[1]!.components as string[]).length).toBeGreaterThan(0);
    for (const personal of ['顧客名簿', '山田', '花子']) expect(raw).not.toContain(personal);
    await context.close();
  }, 120_000);
});
