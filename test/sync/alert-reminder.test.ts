/**
 * Reminders sent by the sync host (decision 024), through its HTTP endpoints with a real SMTP
 * server and webhook receiver on 127.0.0.1: a reminder handed ahead waits for its time and
 * then goes out with no laptop connected, content-free; handed by both of the person's
 * laptops it goes once; acknowledged before its time it never goes; a job that would sit on
 * the host for more than 8 days is refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { credentialToken, roomName } from '../../shared/sync/room';
import { alertBase, sealJob, secretHash, type HostAlertStatus, type JobContent, type JobReport } from '../../shared/alerts/job';
import { reminderJob, reminderJobId, reminderJobSecret } from '../../shared/reminders/delivery';
import { startSmtp, startWebhooks, type SmtpFixture, type WebhookFixture } from '../../e2e/alert-fixtures';

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let smtp: SmtpFixture | undefined;
let hooks: WebhookFixture | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
  await smtp?.close();
  await hooks?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = store = smtp = hooks = dir = undefined;
});

/** Two hours before the reminder (each test starts here). */
const START = Date.UTC(2026, 11, 2, 1, 0, 0);
let clock = START;
const now = () => clock;
const minutes = (n: number) => (clock += n * 60_000);
const credential = new Uint8Array(32).fill(7);

/** The task the reminder is about: nothing of it may leave. */
const FORBIDDEN = ['委託先', '流出', '山田', 'hanako', '1,240', 'task:', 't-leak'];

async function host(limits: { maxRunningPerTeam?: number; maxRemindersPerTeam?: number } = {}): Promise<{ base: string; headers: Record<string, string> }> {
  clock = START;
  dir = await mkdtemp(join(tmpdir(), 'honbu-reminders-'));
  store = await LevelStore.open(dir);
  smtp = await startSmtp();
  hooks = await startWebhooks();
  server = await startSyncServer({
    port: 0,
    dataDir: dir,
    store,
    alerts: { ...limits, now, tickMs: false, backoffMs: 30_000, webhookTimeoutMs: 400, localWebhooks: true, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'honbu', password: 'right-password', from: 'honbu@company.example' } },
  });
  const room = await roomName('w', credential, 'events');
  await store.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 100, totalRooms: 100 });
  return { base: alertBase(server.url), headers: { authorization: `Bearer ${credentialToken(credential)}`, 'x-honbu-room': room, 'content-type': 'application/json' } };
}

const reminder = { id: 'task:t-leak:due@2026-12-02T03:00:00.000Z', at: '2026-12-02T03:00:00.000Z' };

/** What a laptop of the person does: the job id and secret from the reminder, sealed to the host's key. */
async function handOver(base: string, headers: Record<string, string>, content: JobContent, reminderId = reminder.id): Promise<{ status: number; jobId: string; secret: string }> {
  const { publicKey } = (await (await fetch(`${base}/alerts/status`, { headers })).json()) as HostAlertStatus;
  const jobId = await reminderJobId('w', 'p-sato', reminderId);
  const secret = await reminderJobSecret(credential, jobId);
  const body = JSON.stringify({ jobId, secretHash: await secretHash(secret), ...(await sealJob(publicKey, jobId, content)) });
  const res = await fetch(`${base}/alerts/jobs`, { method: 'POST', headers, body });
  return { status: res.status, jobId, secret };
}

const report = async (base: string, h: { jobId: string; secret: string }) => (await (await fetch(`${base}/alerts/jobs/${h.jobId}`, { headers: { 'x-honbu-job': h.secret } })).json()) as JobReport;

const content = (w: WebhookFixture) =>
  reminderJob({
    reminder,
    personName: '佐藤 一郎',
    email: { personId: 'c-sato', name: '佐藤 一郎', emails: ['sato@company.example'] },
    channels: [{ id: 'c-slack', kind: 'slack', label: '#incident', url: w.url('/slack/T/B/x'), details: false }],
  })!;

describe('a reminder held by the host', () => {
  it('waits for its time, then goes out by mail and chat with no laptop connected, content-free, and only once', async () => {
    const { base, headers } = await host();
    // Handed two hours ahead, by both of the person's laptops.
    const first = await handOver(base, headers, content(hooks!));
    expect(first.status).toBe(201);
    expect((await handOver(base, headers, content(hooks!))).status).toBe(200);
    await server!.alerts!.tick();
    minutes(119);
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(0);
    expect(hooks!.posts).toHaveLength(0);
    minutes(1);
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(1);
    const mail = smtp!.mails[0]!;
    expect(mail.to).toBe('sato@company.example');
    expect(mail.subject).toBe('本部: 対応期限のお知らせ / Honbu: deadline reminder');
    expect(mail.text).toContain('本部: 対応期限のお知らせがあります。アプリを開いてください。');
    expect(mail.text).not.toContain('佐藤');
    expect(hooks!.posts).toHaveLength(1);
    expect((hooks!.posts[0]!.body as { text: string }).text).toContain('佐藤 一郎 さん宛て');
    for (const raw of [mail.raw, hooks!.posts[0]!.raw]) for (const f of FORBIDDEN) expect(raw).not.toContain(f);
    minutes(60);
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(1);
    expect(hooks!.posts).toHaveLength(1);
    const r = await report(base, first);
    expect(r.state).toBe('finished');
    expect(r.deliveries.map((d) => [d.channel, d.status])).toEqual([
      ['email', 'sent'],
      ['c-slack', 'sent'],
    ]);
  });

  it('acknowledged before its time: nothing goes out', async () => {
    const { base, headers } = await host();
    const h = await handOver(base, headers, content(hooks!));
    minutes(30);
    await server!.alerts!.tick();
    const ack = await fetch(`${base}/alerts/jobs/${h.jobId}/ack`, { method: 'POST', headers: { 'x-honbu-job': h.secret }, body: JSON.stringify({ personId: 'p-sato' }) });
    expect(await ack.json()).toEqual({ result: 'acknowledged' });
    minutes(240);
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(0);
    expect(hooks!.posts).toHaveLength(0);
    expect((await report(base, h)).deliveries.map((d) => d.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('refuses a job to hold more than 8 days', async () => {
    const { base, headers } = await host();
    const far = { ...content(hooks!), notBefore: clock + 9 * 24 * 3600_000 };
    expect((await handOver(base, headers, far)).status).toBe(400);
  });

  it("a team's reminders waiting on the host never keep out a call tree's escalation; they have their own limit", async () => {
    const { base, headers } = await host({ maxRunningPerTeam: 1, maxRemindersPerTeam: 2 });
    expect((await handOver(base, headers, content(hooks!), 'r1')).status).toBe(201);
    expect((await handOver(base, headers, content(hooks!), 'r2')).status).toBe(201);
    expect((await handOver(base, headers, content(hooks!), 'r3')).status).toBe(429);
    const escalation: JobContent = { v: 1, severity: 'high', steps: [{ waitMinutes: 10, recipients: [{ personId: 'p-lead', name: '佐藤', emails: ['lead@company.example'] }] }], channels: [], plain: { ja: 'x', en: 'x' }, emailDetails: false };
    expect((await handOver(base, headers, escalation, 'e1')).status).toBe(201);
    expect((await handOver(base, headers, escalation, 'e2')).status).toBe(429);
  });
});
