import { describe, expect, it } from 'vitest';
import { unnamedControls } from './a11y';
import { createWorkspace, PASSPHRASE, unlock } from './flows';
import { newPage, screenshot, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

describe('workspace: create, lock, unlock, language', () => {
  it('walks a new user from first start to an unlocked, bilingual workspace', async () => {
    const { context, page } = await newPage(env.browser);
    await page.goto(env.server.url);

    // First start: create the workspace; a weak passphrase is refused with a reason.
    await page.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByLabel('あなたの氏名').fill('山田 花子');
    await page.getByLabel('パスフレーズ', { exact: true }).fill('password12');
    expect(await page.getByRole('meter', { name: 'パスフレーズの強さ' }).getAttribute('aria-valuetext')).toBe('とても弱い');
    await page.getByLabel('パスフレーズ（確認）').fill('password12');
    await page.getByRole('button', { name: 'ワークスペースを作成' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('弱すぎます');
    await page.getByLabel('パスフレーズ', { exact: true }).fill(PASSPHRASE);
    expect(await page.getByRole('meter', { name: 'パスフレーズの強さ' }).getAttribute('aria-valuetext')).toBe('とても強い');
    await page.getByLabel('パスフレーズ（確認）').fill(PASSPHRASE + 'x');
    await page.getByRole('button', { name: 'ワークスペースを作成' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('一致しません');
    await page.getByLabel('パスフレーズ（確認）').fill(PASSPHRASE);
    await screenshot(page, '01-setup');
    await page.getByRole('button', { name: 'ワークスペースを作成' }).click();

    // The empty incident list with its call to action.
    await page.getByRole('heading', { name: 'インシデント一覧' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'まだインシデントは登録されていません' }).waitFor();
    expect(await page.getByRole('button', { name: '第一報を登録する' }).isVisible()).toBe(true);
    expect(await page.getByText('山田 花子 として作業中').isVisible()).toBe(true);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '02-incidents-empty');

    // Lock: the data is gone from the screen.
    await page.getByRole('button', { name: 'ロック', exact: true }).click();
    await page.getByRole('heading', { name: 'ワークスペースのロックを解除' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('ロックしました。');
    expect(await page.getByText('山田 花子').count()).toBe(0);
    await screenshot(page, '03-unlock');

    // A wrong passphrase is refused with a clear message and opens nothing.
    await page.getByLabel('パスフレーズ').fill('まちがった合言葉ですよね');
    await page.getByRole('button', { name: 'ロックを解除' }).click();
    await page.getByRole('alert').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').textContent()).toContain('パスフレーズが違います');
    expect(await page.getByRole('heading', { name: 'インシデント一覧' }).count()).toBe(0);
    expect(await page.getByText('山田 花子').count()).toBe(0);
    expect(await page.getByLabel('パスフレーズ').inputValue()).toBe('');
    await screenshot(page, '04-unlock-wrong');

    // The right one opens the workspace — Argon2id running in a worker, so the window is not
    // frozen while it runs (the worker's script is fetched for the unlock).
    await unlock(page);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => /kdf-worker/.test(r.name)))).toBe(true);
    expect(await page.getByText('山田 花子 として作業中').isVisible()).toBe(true);

    // Switch to English; the choice survives a reload (and shows on the unlock screen).
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'File a first report' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '05-incidents-en');
    await page.reload();
    await page.getByRole('heading', { name: 'Unlock the workspace' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '06-unlock-en');
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor({ timeout: 30_000 });

    // Settings and the about box, in English, then back to Japanese.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '07-settings-en');
    await page.getByRole('button', { name: 'About Honbu' }).click();
    const about = page.getByRole('dialog', { name: 'About Honbu' });
    await about.waitFor();
    expect(await about.textContent()).toContain('AES-256-GCM');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '08-about-en');
    await about.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('radio', { name: '日本語' }).check();
    await page.getByRole('heading', { name: '設定', level: 1 }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '09-settings');
    // A page several screens tall: its parts are listed at the top, and a jump brings the part
    // into view with the focus on its heading, so the keyboard goes on from there.
    const contents = page.getByRole('navigation', { name: 'この画面の項目' });
    expect(await contents.getByRole('link').allTextContents()).toEqual([
      '表示言語', '自動ロック', '期限の事前通知', 'メールとチャットでも知らせる', 'あなたのプロフィール', '役割', '会社情報', 'パスフレーズの変更', 'チーム同期', '呼び出しの通知先', '通報窓口（社内向け報告ページ）', 'エラーの記録',
    ]);
    const passHeading = page.getByRole('heading', { name: 'パスフレーズの変更', level: 2 });
    expect(await passHeading.evaluate((h) => h.getBoundingClientRect().top > window.innerHeight)).toBe(true);
    await contents.getByRole('link', { name: 'パスフレーズの変更' }).click();
    await expect.poll(() => passHeading.evaluate((h) => h === document.activeElement && Math.abs(h.getBoundingClientRect().top) < 2)).toBe(true);
    const url = page.url();
    await contents.getByRole('link', { name: 'エラーの記録' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('エラーの記録');
    expect(page.url()).toBe(url);
    await page.getByRole('button', { name: 'Honbu について' }).click();
    await page.getByRole('dialog', { name: 'Honbu（本部）について' }).waitFor();
    await screenshot(page, '10-about');
    await context.close();
  });
});

describe('a forgotten passphrase', () => {
  it('has a way out: the unlock screen says nothing can open the data, and erases the workspace after the typed word', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '佐藤 一郎');
    await page.getByRole('button', { name: 'ロック', exact: true }).click();
    await page.getByRole('heading', { name: 'ワークスペースのロックを解除' }).waitFor();
    await page.getByLabel('パスフレーズ').fill('思い出せない合言葉です-01');
    await page.getByRole('button', { name: 'ロックを解除' }).click();
    await page.getByRole('alert').waitFor({ timeout: 30_000 });

    // Closed until asked for; opened, it says what is lost and how a team member gets the data back.
    const forgot = page.getByRole('group').filter({ hasText: 'パスフレーズを忘れた場合' });
    const erase = page.getByRole('button', { name: 'ワークスペースを消去する' });
    expect(await erase.isVisible()).toBe(false);
    await page.getByText('パスフレーズを忘れた場合').click();
    expect(await forgot.textContent()).toContain('パスフレーズを元に戻す方法はありません');
    expect(await forgot.textContent()).toContain('新しい招待を頼んでください');
    expect(await forgot.textContent()).toContain('まだ送られていない記録');
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '04b-unlock-forgot');

    // Refused until the word is typed (spaces around it do not matter).
    const word = page.getByLabel('確認のため「消去」と入力してください');
    expect(await erase.isDisabled()).toBe(true);
    await word.fill('しょうきょ');
    expect(await erase.isDisabled()).toBe(true);
    await word.fill(' 消去 ');
    await erase.click();

    // The whole database is gone; the app starts again at setup, where a new invite can be used.
    await page.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('honbu');
    expect(await page.getByRole('button', { name: '既存のチームに参加する' }).count()).toBe(1);
    await page.reload();
    await page.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor();

    // A new workspace starts empty, under the new name.
    await createWorkspace(page, env.server.url, '佐藤 二郎', '新しい合言葉は港の灯り-2026');
    expect(await page.getByText('佐藤 二郎 として作業中').isVisible()).toBe(true);
    expect(await page.getByText('佐藤 一郎').count()).toBe(0);

    // In English too.
    await page.getByRole('button', { name: 'ロック', exact: true }).click();
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByText('Forgot the passphrase?').click();
    expect(await page.getByRole('button', { name: 'Erase the workspace' }).isDisabled()).toBe(true);
    expect(await page.getByRole('group').filter({ hasText: 'Forgot the passphrase?' }).textContent()).toContain('ask the person leading it for a new invite');
    await context.close();
  });
});

describe('erasing with another window open', () => {
  it('closes the workspace in every window: the other one says it was erased, and nothing is written back', async () => {
    const { context, page: a } = await newPage(env.browser);
    await createWorkspace(a, env.server.url, '佐藤 一郎');
    const b = await context.newPage();
    await b.goto(env.server.url);
    await b.getByRole('heading', { name: 'ワークスペースのロックを解除' }).waitFor();
    await b.getByText('パスフレーズを忘れた場合').click();
    await b.getByLabel('確認のため「消去」と入力してください').fill('消去');
    await b.getByRole('button', { name: 'ワークスペースを消去する' }).click();
    await b.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor({ timeout: 15_000 });

    // The window that was unlocked is closed too, and says why.
    await a.getByRole('heading', { name: 'ワークスペースを作成' }).waitFor({ timeout: 15_000 });
    expect(await a.getByRole('status').filter({ hasText: 'このワークスペースは、別のウィンドウで消去されました。' }).count()).toBe(1);
    expect(await a.getByText('佐藤 一郎').count()).toBe(0);
    // Nothing made the erased database anew.
    await a.waitForTimeout(500);
    expect(await a.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('honbu');
    await context.close();
  });
});

describe('settings: profile, auto-lock, passphrase', () => {
  it('locks after the idle time the user chose, and changes the passphrase without losing data', async () => {
    const { context, page } = await newPage(env.browser);
    await page.clock.install();
    await createWorkspace(page, env.server.url);
    await page.getByRole('button', { name: '設定' }).click();

    // Profile: a bad e-mail is refused with a reason; a good one is saved.
    await page.getByLabel('電話番号（緊急連絡先）').fill('090-3141-5926');
    await page.getByLabel('メールアドレス').fill('not-an-address');
    await page.getByRole('checkbox', { name: '方針指導' }).check();
    await page.getByRole('button', { name: 'プロフィールを保存' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('メールアドレスの形式が正しくありません。');
    await page.getByLabel('メールアドレス').fill('hanako.yamada@example.co.jp');
    await page.getByRole('button', { name: 'プロフィールを保存' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();

    // Auto-lock after one idle minute.
    await page.getByLabel('操作がないときに自動でロックするまでの時間').selectOption('1');
    await page.clock.fastForward('00:30');
    expect(await page.getByRole('heading', { name: '設定', level: 1 }).isVisible()).toBe(true);
    await page.clock.fastForward('00:45');
    await page.getByRole('heading', { name: 'ワークスペースのロックを解除' }).waitFor();
    expect(await page.getByText('一定時間操作がなかったため、ロックしました。').isVisible()).toBe(true);
    await unlock(page);
    // Back where the user was.
    expect(await page.getByRole('heading', { name: '設定', level: 1 }).isVisible()).toBe(true);

    // Passphrase change: a wrong current passphrase changes nothing.
    await page.getByRole('button', { name: '設定' }).click();
    const next = '新しい合言葉は海辺の灯台-77';
    await page.getByLabel('現在のパスフレーズ').fill('まちがった合言葉ですよね');
    await page.getByLabel('新しいパスフレーズ', { exact: true }).fill(next);
    await page.getByLabel('新しいパスフレーズ（確認）').fill(next);
    await page.getByRole('button', { name: 'パスフレーズを変更' }).click();
    await page.getByRole('alert').filter({ hasText: '現在のパスフレーズが違います' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('現在のパスフレーズ').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'パスフレーズを変更' }).click();
    await page.getByRole('status').filter({ hasText: 'パスフレーズを変更しました' }).waitFor({ timeout: 30_000 });

    // The old passphrase no longer opens it; the new one does, and the data is intact.
    await page.getByRole('button', { name: 'ロック', exact: true }).click();
    await page.getByLabel('パスフレーズ').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'ロックを解除' }).click();
    await page.getByRole('alert').waitFor({ timeout: 30_000 });
    await unlock(page, next);
    await page.getByRole('button', { name: '設定' }).click();
    expect(await page.getByLabel('電話番号（緊急連絡先）').inputValue()).toBe('090-3141-5926');
    expect(await page.getByLabel('メールアドレス').inputValue()).toBe('hanako.yamada@example.co.jp');
    expect(await page.getByRole('checkbox', { name: '方針指導' }).isChecked()).toBe(true);
    await context.close();
  });
});
