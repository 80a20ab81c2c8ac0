/**
 * The sync host's escalations attacked by a member's laptop that seals odd jobs (a bug, an
 * old or tampered build): what opens but is not a plan must be refused at hand-over, and
 * never stop the host from carrying out everyone else's escalations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type AlertHostOptions, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { credentialToken, roomName } from '../../shared/sync/room';
import { alertBase, newJobSecret, sealJob, secretHash, type HostAlertStatus, type JobContent, type JobReport } from '../../shared/alerts/job';
import { plainText } from '../../shared/alerts/message';
import { randomBytes } from '../../shared/vault/bytes';
import { startSmtp, startWebhooks, type SmtpFixture, type WebhookFixture } from '../../e2e/alert-fixtures';

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let smtp: SmtpFixture | undefined;
let hooks: WebhookFixture | undefined;
let dir: string | undefined;
afterEach(async () => {
  await hooks?.close();
  hooks = undefined;
  await server?.close();
  await store?.close();
  await smtp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = store = smtp = dir = undefined;
});

let clock = Date.UTC(2026, 11, 3, 18, 0, 0);
const now = () => clock;
const minutes = (n: number) => (clock += n * 60_000);

interface Member {
  room: string;
  token: string;
}

async function member(fill: number): Promise<Member> {
  const credential = new Uint8Array(32).fill(fill);
  const room = await roomName('w', credential, 'events');
  await store!.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 100, totalRooms: 100 });
  return { room, token: credentialToken(credential) };
}

async function host(alerts: Partial<AlertHostOptions> = {}): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'honbu-alerts-stranger-'));
  store = await LevelStore.open(dir);
  server = await startSyncServer({ port: 0, dataDir: dir, store, alerts: { now, tickMs: false, backoffMs: 30_000, webhookTimeoutMs: 400, ...alerts } });
  return alertBase(server.url);
}

const headers = (m: Member) => ({ authorization: `Bearer ${m.token}`, 'x-honbu-room': m.room, 'content-type': 'application/json' });

interface Handed {
  jobId: string;
  secret: string;
  body: string;
}

async function sealFor(base: string, m: Member, content: unknown): Promise<Handed> {
  const { publicKey } = (await (await fetch(`${base}/alerts/status`, { headers: headers(m) })).json()) as HostAlertStatus;
  const jobId = Buffer.from(randomBytes(16)).toString('base64url');
  const secret = newJobSecret();
  const sealed = await sealJob(publicKey, jobId, content as JobContent);
  return { jobId, secret, body: JSON.stringify({ jobId, secretHash: await secretHash(secret), ...sealed }) };
}

const handOver = async (base: string, m: Member, h: Handed) => {
  const res = await fetch(`${base}/alerts/jobs`, { method: 'POST', headers: headers(m), body: h.body });
  return { status: res.status, result: ((await res.json().catch(() => ({}))) as { result?: string }).result };
};

const report = async (base: string, h: Handed): Promise<JobReport> => (await fetch(`${base}/alerts/jobs/${h.jobId}`, { headers: { 'x-honbu-job': h.secret } })).json() as Promise<JobReport>;

const smtpConfig = (port: number) => ({ host: '127.0.0.1', port, security: 'none' as const, user: 'honbu', password: 'right-password', from: 'honbu@company.example' });

const good = (email: string): JobContent => ({
  v: 1,
  severity: 'high',
  steps: [
    { waitMinutes: 10, recipients: [{ personId: 'p-first', name: '第一 連絡先', emails: [email] }] },
    { waitMinutes: 10, recipients: [{ personId: 'p-next', name: '次 連絡先', emails: [`next.${email}`] }] },
  ],
  channels: [],
  plain: plainText('high'),
  emailDetails: false,
});

describe('jobs that open but are not plans', () => {
  it('are refused at hand-over (400), and a broken later step cannot stop another team’s escalation', async () => {
    smtp = await startSmtp();
    const base = await host({ smtp: smtpConfig(smtp.port) });
    const odd = await member(3);
    const other = await member(9);
    // Step 1 is fine, step 2's recipient has no list of addresses; channels missing; a wait that is text.
    const broken = {
      ...good('odd@company.example'),
      steps: [{ waitMinutes: 1, recipients: [{ personId: 'p-a', name: 'A', emails: ['a@company.example'] }] }, { waitMinutes: 1, recipients: [{ personId: 'p-b', name: 'B', emails: null }] }],
    };
    const shapes: unknown[] = [
      broken,
      { ...good('x@company.example'), channels: undefined },
      { ...good('x@company.example'), steps: [{ waitMinutes: 'soon', recipients: [{ personId: 'p', name: 'P', emails: ['p@company.example'] }] }] },
      { ...good('x@company.example'), plain: undefined },
      { ...good('x@company.example'), channels: [{ id: 'c', kind: 'slack', label: 'x', url: 'file:///etc/passwd', details: false }] },
      { ...good('x@company.example'), steps: Array.from({ length: 11 }, () => good('x@company.example').steps[0]) },
    ];
    for (const shape of shapes) {
      const h = await sealFor(base, odd, shape);
      expect((await handOver(base, odd, h)).status, JSON.stringify(shape).slice(0, 120)).toBe(400);
    }
    const fine = await sealFor(base, other, good('other@company.example'));
    expect((await handOver(base, other, fine)).status).toBe(201);
    await server!.alerts!.tick();
    minutes(11);
    await server!.alerts!.tick();
    // The other team's escalation went on to its second step.
    expect((await report(base, fine)).step).toBe(1);
    expect(smtp.mails.map((m) => m.to)).toContain('next.other@company.example');
  });
});

describe('two teams on one host', () => {
  it('one team’s failing webhook is not reported to the other team as its own failure', async () => {
    hooks = await startWebhooks();
    hooks.mode = 500;
    const base = await host({ localWebhooks: true });
    const failing = await member(4);
    const fine = await member(5);
    const job = { ...good('a@company.example'), steps: [{ waitMinutes: 5, recipients: [] }], channels: [{ id: 'c-1', kind: 'slack', label: '#x', url: hooks.url('/slack/a'), details: false }] };
    expect((await handOver(base, failing, await sealFor(base, failing, job))).status).toBe(201);
    await server!.alerts!.tick();
    const statusOf = async (m: Member) => (await (await fetch(`${base}/alerts/status`, { headers: headers(m) })).json()) as HostAlertStatus;
    expect((await statusOf(failing)).chatError?.code).toBe('webhook-status');
    expect((await statusOf(fine)).chatError).toBeUndefined();
  });
});

describe('a webhook pointing into the host', () => {
  it('is not posted to (another service on the host’s own loopback), unless the operator allows local webhooks', async () => {
    hooks = await startWebhooks();
    // A service listening on the host's loopback only (an admin port, a cache): the member names it as a "webhook".
    const base = await host();
    const m = await member(6);
    const job = { ...good('a@company.example'), steps: [{ waitMinutes: 5, recipients: [] }], channels: [{ id: 'c-in', kind: 'slack', label: '#x', url: hooks.url('/admin/flush'), details: false }] };
    const h = await sealFor(base, m, job);
    expect((await handOver(base, m, h)).status).toBe(201);
    await server!.alerts!.tick();
    expect(hooks.posts).toEqual([]);
    const d = (await report(base, h)).deliveries[0]!;
    expect([d.status, d.error?.code]).toEqual(['gave-up', 'webhook-local']);
  });

  it('is posted to when the operator allows local webhooks (a relay on the same machine)', async () => {
    hooks = await startWebhooks();
    const base = await host({ localWebhooks: true });
    const m = await member(6);
    const job = { ...good('a@company.example'), steps: [{ waitMinutes: 5, recipients: [] }], channels: [{ id: 'c-in', kind: 'slack', label: '#x', url: hooks.url('/relay'), details: false }] };
    expect((await handOver(base, m, await sealFor(base, m, job))).status).toBe(201);
    await server!.alerts!.tick();
    expect(hooks.posts.map((p) => p.path)).toEqual(['/relay']);
  });
});

describe('what the host keeps', () => {
  it('keeps no recipient’s name or address in clear in its records, nor in its data directory', async () => {
    smtp = await startSmtp();
    const base = await host({ smtp: smtpConfig(smtp.port) });
    const m = await member(8);
    const job = good('yamada.taro@company.example');
    job.steps[0]!.recipients[0]!.name = '山田 太郎';
    const h = await sealFor(base, m, job);
    await handOver(base, m, h);
    await server!.alerts!.tick();
    minutes(11);
    await server!.alerts!.tick();
    expect(smtp.mails.map((x) => x.to)).toEqual(['yamada.taro@company.example', 'next.yamada.taro@company.example']);
    const records = await store!.alertList!('');
    expect(records.length).toBeGreaterThan(2);
    for (const { value } of records) {
      const text = Buffer.from(value).toString('utf8');
      for (const leak of ['yamada', '山田', '太郎', '第一 連絡先', 'company.example']) expect(text).not.toContain(leak);
    }
  });
});

describe('the one-time link checked by a mail scanner', () => {
  it('HEAD, PUT or DELETE on the link acknowledges nothing; only the button (POST) does', async () => {
    smtp = await startSmtp();
    const base = await host({ smtp: smtpConfig(smtp.port) });
    const m = await member(2);
    const h = await sealFor(base, m, good('scan@company.example'));
    await handOver(base, m, h);
    await server!.alerts!.tick();
    const link = /https?:\/\/\S+\/alerts\/ack\/[A-Za-z0-9_-]{43}/.exec(smtp.mails[0]!.text)![0];
    for (const method of ['HEAD', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(link, { method });
      expect(res.status, method).toBe(method === 'HEAD' ? 200 : 405);
      expect((await report(base, h)).state, method).toBe('running');
    }
    expect((await fetch(link, { method: 'POST' })).status).toBe(200);
    expect((await report(base, h)).ack).toMatchObject({ personId: 'p-first', via: 'link' });
  });
});

describe('the company SMTP server refusing one of a person’s addresses', () => {
  it('the mail reaches the other address, and the team is told an address of the list is refused', async () => {
    smtp = await startSmtp();
    smtp.refuse = ['old.address@company.example'];
    const base = await host({ smtp: smtpConfig(smtp.port) });
    const m = await member(11);
    const job = good('x@company.example');
    job.steps[0]!.recipients[0]!.emails = ['old.address@company.example', 'new.address@company.example'];
    const h = await sealFor(base, m, job);
    await handOver(base, m, h);
    await server!.alerts!.tick();
    expect(smtp.mails.map((x) => x.to)).toHaveLength(1);
    expect((await report(base, h)).deliveries[0]!.status).toBe('sent');
    const status = (await (await fetch(`${base}/alerts/status`, { headers: headers(m) })).json()) as HostAlertStatus;
    expect(status.emailError?.code).toBe('smtp-recipient');
  });

  it('every address of the person refused: given up at once (a 5xx refusal is permanent), not retried for hours', async () => {
    smtp = await startSmtp();
    smtp.refuse = ['gone@company.example'];
    const base = await host({ smtp: smtpConfig(smtp.port) });
    const m = await member(12);
    const h = await sealFor(base, m, good('gone@company.example'));
    await handOver(base, m, h);
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(0);
    expect((await report(base, h)).deliveries[0]).toMatchObject({ status: 'gave-up', attempts: 1, error: { code: 'smtp-recipient' } });
  });
});
