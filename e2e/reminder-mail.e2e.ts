/**
 * A reminder by e-mail reaches a person whose laptop is closed (issue 14 item 5, decision
 * 024), end to end in Chromium against the real sync host and a real SMTP server on
 * 127.0.0.1: the person is in the emergency contact list with an address, owns a task due in
 * two and a half hours, chooses e-mail for reminders and closes the laptop a few seconds
 * later. The host's clock is moved on (not the laptop's): nothing is mailed before the
 * reminder's time; at its time one content-free mail goes to the person's address, and at
 * the deadline one more — with no laptop open.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { assignTask, createWorkspace, fileLostDeviceIncident, LOST_DEVICE_TASK, takeDirectionRole } from './flows';
import { launchPersistent, SCREENSHOTS, tempDir, startServer, type StaticServer } from './harness';
import { startSmtp, watchHost, type HostWatch, type SmtpFixture } from './alert-fixtures';

const MINUTE = 60_000;
let web: StaticServer;
let sync: SyncServer;
let smtp: SmtpFixture;
let host: HostWatch;
let dataDir: string;
let profile: { path: string; remove(): Promise<void> };
/** How far the host's clock is ahead of the real one. */
let ahead = 0;
/** Sets the host's clock to `minutes` after `from` (real time), however long the steps before took on a loaded machine. */
const hostAt = (from: number, minutes: number) => {
  ahead = from + minutes * MINUTE - Date.now();
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'honbu-e2e-reminder-mail-'));
  smtp = await startSmtp();
  sync = await startSyncServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    alerts: { smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'honbu', password: 'right-password', from: 'honbu@company.example' }, tickMs: 200, now: () => Date.now() + ahead },
  });
  host = watchHost(sync.alerts!);
  web = await startServer();
  profile = await tempDir('reminder-mail-');
}, 60_000);

afterAll(async () => {
  await web?.close();
  await sync?.close();
  await smtp?.close();
  await profile?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a reminder by e-mail with the laptop closed', () => {
  it('goes out at its time and at the deadline, content-free, to the address in the contact list', async () => {
    const { context, page } = await launchPersistent(profile.path);
    // When the task was given its deadline; the host's clock is set from it below.
    let assigned = 0;
    try {
      await createWorkspace(page, web.url, '山田 花子');
      const unlocked = Date.now();
      await takeDirectionRole(page);
      const menu = page.getByRole('navigation', { name: 'メインメニュー' });
      await menu.getByRole('button', { name: '設定' }).click();
      await page.getByLabel('同期サーバーのアドレス').fill(sync.url);
      await page.getByRole('button', { name: 'チームを始める' }).click();
      await page.locator('[data-sync-state="connected"]').waitFor({ timeout: 15_000 });

      // The person's own entry in the emergency contact list, with an address written full-width.
      await menu.getByRole('button', { name: '緊急連絡表' }).click();
      const csv = join(profile.path, '..', `reminder-mail-${process.pid}.csv`);
      await writeFile(csv, '氏名,所属,メール1\n山田　花子,本社,ｈａｎａｋｏ@company.example\n');
      try {
        await page.getByLabel('CSV ファイルから取り込む').setInputFiles(csv);
        await page.locator('[data-directory-status]').filter({ hasText: '1人を追加' }).waitFor();
      } finally {
        await rm(csv, { force: true });
      }

      await fileLostDeviceIncident(page, '営業用ノートPCの紛失');
      // The deadline is typed to the minute: 149–150 min after this moment; the template's other tasks
      // (due an hour after filing, a few seconds earlier) are an hour late about 119 min from now.
      assigned = Date.now();
      await assignTask(page, 150);

      // As for a person who has worked a while: the session's first hand-over (a timer, 5 s after
      // unlock: reminder-delivery.ts) is behind. The steps above usually took longer than that.
      await page.waitForTimeout(Math.max(0, unlocked + 6_000 - Date.now()));
      expect(host.handed).toEqual([]);
      await menu.getByRole('button', { name: '設定' }).click();
      const card = page.locator('.card', { has: page.getByRole('heading', { name: 'メールとチャットでも知らせる' }) });
      await card.getByLabel('メールで知らせる（hanako@company.example）').check();
      await card.getByText('保存しました。').waitFor();
      await card.screenshot({ path: join(SCREENSHOTS, 'reminder-mail-choice-ja.png') });

      // The laptop is closed a few seconds after the choice: well before its minute's round. The
      // choice hands its reminders over a moment later (reminder-delivery.ts: 2 s after a change),
      // all in one round, one after another; the laptop closes once that round has handed them.
      await expect.poll(() => host.created.length, { timeout: 10_000 }).toBeGreaterThan(0);
      await expect.poll(() => Date.now() - host.lastHandedAt, { timeout: 10_000, interval: 100 }).toBeGreaterThan(1_000);
      await context.close();
    } finally {
      // Closed here too when a step failed: the worker runs the next file (isolate: false).
      await context.close().catch(() => undefined);
    }

    // 1 h 25 min on: the advance reminder (an hour before the deadline) is not due yet.
    hostAt(assigned, 85);
    await host.rounds(2);
    expect(smtp.mails).toHaveLength(0);

    // Its time: one mail, to the address as a mail system writes it, saying nothing of the incident.
    hostAt(assigned, 92);
    await expect.poll(() => smtp.mails.length, { timeout: 15_000 }).toBe(1);
    const first = smtp.mails[0]!;
    expect(first.from).toBe('honbu@company.example');
    expect(first.to).toBe('hanako@company.example');
    expect(first.text).toContain('本部: 対応期限のお知らせがあります。アプリを開いてください。');
    for (const secret of [LOST_DEVICE_TASK, '営業用ノートPC', '紛失', '山田', '封じ込め', 'containment']) expect(first.raw, secret).not.toContain(secret);

    // Nothing more until the next point: the advance reminder went out once.
    hostAt(assigned, 110);
    await host.rounds(2);
    expect(smtp.mails).toHaveLength(1);

    // The deadline: the task's own reminder, and (the person leads the incident) one for each of the
    // template's other tasks an hour late by now — each once, each with its own acknowledgement link.
    hostAt(assigned, 155);
    await expect.poll(() => smtp.mails.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    // The rest of what is due by now (each once): a round waits for its mails.
    await host.rounds(2);
    const links = smtp.mails.map((m) => /\/alerts\/ack\/[\w-]+/.exec(m.text)?.[0]);
    expect(links.every(Boolean)).toBe(true);
    expect(new Set(links).size).toBe(smtp.mails.length);
    for (const m of smtp.mails) {
      expect(m.to).toBe('hanako@company.example');
      expect(m.subject).toBe('本部: 対応期限のお知らせ / Honbu: deadline reminder');
      for (const secret of [LOST_DEVICE_TASK, '営業用ノートPC', '山田']) expect(m.raw, secret).not.toContain(secret);
    }
    // The mail's link acknowledges from a phone with every laptop closed.
    const ack = await fetch(`${sync.url.replace(/^ws/, 'http')}${links[0]}`, { method: 'POST' });
    expect(ack.status).toBe(200);
    expect(await ack.text()).toContain('確認を本部に伝えました');
  });
});
