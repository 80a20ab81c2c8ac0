/**
 * Issue 14 items 5 and 7: "my work" (私の対応) across two parallel incidents. Each has a
 * task of mine due soon; the view lists both incidents' deadlines in due order, the
 * reminders due now from both, and 確認しました removes one without hiding the other.
 */
import { describe, expect, it } from 'vitest';
import { unnamedControls } from './a11y';
import { assignTask, createWorkspace, fileLostDeviceIncident, LOST_DEVICE_TASK as TASK } from './flows';
import { newPage, useBrowserAndServer, screenshot } from './harness';

const env = useBrowserAndServer();
const LATE = 'パスワードを変更し、アクセス権を止める';

describe('my work (私の対応)', () => {
  it('lists both incidents\' deadlines in due order, and an acknowledgement removes one reminder', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url, '山田 花子');
    // Two parallel incidents; the second's task falls due first.
    await fileLostDeviceIncident(page, '営業用ノートPCの紛失');
    await assignTask(page, 45);
    // Someone else's task, 90 minutes late: I lead the incident (direction), so it reaches me.
    await assignTask(page, -90, '鈴木 太郎', LATE);
    await fileLostDeviceIncident(page, '顧客名簿の誤送信');
    await assignTask(page, 30);

    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '私の対応' }).click();
    await page.getByRole('heading', { name: '私の対応', level: 1 }).waitFor();

    // Reminders now, earliest deadline first: the late task of someone else (to me as the lead),
    // then my two tasks within the default advance warning (60 minutes), one per incident.
    const due = page.getByRole('table', { name: '今お知らせしていること' }).locator('tbody tr');
    await expect.poll(() => due.count()).toBe(3);
    const dueTexts = await due.allTextContents();
    expect(dueTexts[0]).toContain(`${LATE}（封じ込め）`);
    expect(dueTexts[0]).toContain('担当: 鈴木 太郎');
    expect(dueTexts[0]).toContain('期限超過');
    expect(dueTexts[1]).toContain('顧客名簿の誤送信');
    expect(dueTexts[2]).toContain('営業用ノートPCの紛失');
    for (const text of dueTexts.slice(1)) expect(text).toContain(`${TASK}（封じ込め）`);

    // My deadlines: both incidents, sorted by due time; the legal clocks of both follow (I am direction).
    const rows = page.getByRole('table', { name: '自分の期限（早い順）' }).locator('tbody tr');
    const deadlines = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-deadline') ?? ''));
    expect(deadlines.length).toBeGreaterThanOrEqual(4);
    expect([...deadlines].sort()).toEqual(deadlines);
    const rowTexts = await rows.allTextContents();
    expect(rowTexts[0]).toContain('顧客名簿の誤送信');
    expect(rowTexts[0]).toContain(TASK);
    expect(rowTexts[1]).toContain('営業用ノートPCの紛失');
    expect(rowTexts.filter((r) => r.includes('個人情報保護委員会への速報')).length).toBe(2);
    expect(rowTexts.some((r) => r.includes('個人情報保護委員会への速報') && r.includes('顧客名簿の誤送信'))).toBe(true);
    expect(rowTexts.some((r) => r.includes('個人情報保護委員会への速報') && r.includes('営業用ノートPCの紛失'))).toBe(true);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, '140-my-work-ja');

    // 確認しました on the second incident's: it goes; the first incident's stay.
    await due.nth(1).getByRole('button', { name: '確認しました' }).click();
    await page.getByRole('status').filter({ hasText: '確認しました。' }).waitFor();
    await expect.poll(() => due.count()).toBe(2);
    expect(await due.nth(1).textContent()).toContain('営業用ノートPCの紛失');
    expect((await due.allTextContents()).join()).not.toContain('顧客名簿の誤送信');
    // The deadline itself is still listed: acknowledging a reminder does not do the task.
    expect((await rows.allTextContents()).filter((r) => r.includes(TASK))).toHaveLength(2);

    // The link opens the incident on its board.
    await due.nth(1).getByRole('button', { name: '事案を開く' }).click();
    await page.getByRole('heading', { name: '方針指導ボード' }).waitFor();
    expect(await page.getByRole('region', { name: '営業用ノートPCの紛失' }).count()).toBe(1);

    // In English.
    await page.getByRole('button', { name: 'English に切り替え' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'My work' }).click();
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Reminders now' }).locator('tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'Got it' }).count()).toBe(2);
    await screenshot(page, '141-my-work-en');

    // The advance-warning setting.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('How long before my deadlines to warn me').selectOption('120');
    await screenshot(page, '142-reminder-settings-en');
    await page.getByRole('button', { name: '日本語に切り替え' }).click();
    expect(await page.getByLabel('自分の期限を何分前に知らせるか').inputValue()).toBe('120');
    await screenshot(page, '143-reminder-settings-ja');
    await context.close();
  });
});
