/**
 * What the alert host keeps and how it spends its time (decision 018, addenda): a one-time
 * link's token is never on the host's disk (only its hash), yet the link works; finished
 * jobs and old links are removed after the retention window, on start and when pruned,
 * leaving a tombstone so a returning laptop does not restart the escalation; a webhook that
 * hangs does not hold up another team's mail.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type AlertHostOptions, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { credentialToken, roomName } from '../../shared/sync/room';
import { alertBase, newJobSecret, sealJob, secretHash, type HostAlertStatus, type JobContent, type JobReport } from '../../shared/alerts/job';
import { plainText } from '../../shared/alerts/message';
import { fromUtf8, randomBytes } from '../../shared/vault/bytes';
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

let clock = Date.UTC(2026, 11, 2, 1, 0, 0);
const now = () => clock;
const DAY = 24 * 3600_000;

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

async function host(alerts: Partial<AlertHostOptions> = {}, keepDir = false): Promise<string> {
  if (!keepDir) dir = await mkdtemp(join(tmpdir(), 'honbu-alerts-keep-'));
  store = await LevelStore.open(dir!);
  server = await startSyncServer({ port: 0, dataDir: dir!, store, alerts: { now, tickMs: false, backoffMs: 30_000, webhookTimeoutMs: 400, localWebhooks: true, ...alerts } });
  return alertBase(server.url);
}

const headers = (m: Member) => ({ authorization: `Bearer ${m.token}`, 'x-honbu-room': m.room, 'content-type': 'application/json' });

interface Handed {
  jobId: string;
  secret: string;
  body: string;
}

async function sealFor(base: string, m: Member, content: JobContent): Promise<Handed> {
  const { publicKey } = (await (await fetch(`${base}/alerts/status`, { headers: headers(m) })).json()) as HostAlertStatus;
  const jobId = Buffer.from(randomBytes(16)).toString('base64url');
  const secret = newJobSecret();
  return { jobId, secret, body: JSON.stringify({ jobId, secretHash: await secretHash(secret), ...(await sealJob(publicKey, jobId, content)) }) };
}

const handOver = async (base: string, m: Member, h: Handed) => ((await (await fetch(`${base}/alerts/jobs`, { method: 'POST', headers: headers(m), body: h.body })).json()) as { result?: string }).result;
const report = async (base: string, h: Handed) => fetch(`${base}/alerts/jobs/${h.jobId}`, { headers: { 'x-honbu-job': h.secret } });

const smtpConfig = (port: number) => ({ host: '127.0.0.1', port, security: 'none' as const, user: 'honbu', password: 'right-password', from: 'honbu@company.example' });

function plan(email: string, waits = [15, 30], channels: JobContent['channels'] = []): JobContent {
  return {
    v: 1,
    severity: 'high',
    steps: waits.map((w, i) => ({ waitMinutes: w, recipients: [{ personId: `p-${i}`, name: `担当 ${i}`, emails: [i === 0 ? email : `next${i}@company.example`] }] })),
    channels,
    plain: plainText('high'),
    emailDetails: false,
  };
}

const linkIn = (text: string) => /https?:\/\/\S+\/alerts\/ack\/([A-Za-z0-9_-]{43})/.exec(text)!;

/** Every byte the host's store holds (LevelDB's files, logs included). */
async function diskText(): Promise<string> {
  let all = '';
  for (const f of await readdir(dir!)) all += (await readFile(join(dir!, f)).catch(() => Buffer.alloc(0))).toString('latin1');
  return all;
}

describe('one-time links: the host keeps only a hash of the token', () => {
  it('the token in the mail is nowhere in the host records or its data directory, and the link acknowledges', async () => {
    smtp = await startSmtp();
    const base = await host({ smtp: smtpConfig(smtp.port) });
    const m = await member(7);
    const job = await sealFor(base, m, plan('lead@company.example'));
    await handOver(base, m, job);
    await server!.alerts!.tick();
    const [link, token] = linkIn(smtp.mails[0]!.text) as unknown as [string, string];
    const records = await store!.alertList('');
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(fromUtf8(r.value)).not.toContain(token);
    expect(await diskText()).not.toContain(token);
    const res = await fetch(link, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await (await report(base, job)).json()) as JobReport).ack).toMatchObject({ personId: 'p-0', via: 'link' });
    // A token that shares the stored key but not the rest is refused.
    const forged = token.slice(0, 11) + (token[11] === 'A' ? 'B' : 'A') + token.slice(12);
    expect((await fetch(link.replace(token, forged), { method: 'POST' })).status).toBe(410);
  });

  it('a host upgraded from one that kept raw tokens drops them on start; links it mailed still work once', async () => {
    smtp = await startSmtp();
    const base = await host({ smtp: smtpConfig(smtp.port) });
    const m = await member(7);
    const job = await sealFor(base, m, plan('lead@company.example'));
    await handOver(base, m, job);
    await server!.alerts!.tick();
    // What the older host had on disk: the raw token in the job record, the link under the token's hash.
    const oldToken = Buffer.from(randomBytes(32)).toString('base64url');
    const key = `job!${job.jobId}`;
    const record = JSON.parse(fromUtf8((await store!.alertGet!(key))!)) as { deliveries: Record<string, unknown>[] };
    record.deliveries[0]!.token = oldToken;
    await store!.alertPut!(key, new TextEncoder().encode(JSON.stringify(record)));
    await store!.alertPut!(`link!${await secretHash(oldToken)}`, new TextEncoder().encode(JSON.stringify({ jobId: job.jobId, personId: 'p-0', expiresAt: clock + DAY })));
    await server!.close();
    await store!.close();
    const again = await host({ smtp: smtpConfig(smtp.port) }, true);
    for (const r of await store!.alertList('')) expect(fromUtf8(r.value)).not.toContain(oldToken);
    const link = `${again}/alerts/ack/${oldToken}`;
    expect((await fetch(link, { method: 'POST' })).status).toBe(200);
    expect((await fetch(link, { method: 'POST' })).status).toBe(410);
    expect(((await (await report(again, job)).json()) as JobReport).ack).toMatchObject({ via: 'link' });
  });
});

describe('retention: finished jobs and old links are removed after the window', () => {
  it('an acknowledged job is kept 7 days, then removed on prune; handing it over again changes nothing', async () => {
    smtp = await startSmtp();
    const base = await host({ smtp: smtpConfig(smtp.port) });
    const m = await member(7);
    const job = await sealFor(base, m, plan('lead@company.example'));
    await handOver(base, m, job);
    await server!.alerts!.tick();
    await fetch(`${base}/alerts/jobs/${job.jobId}/ack`, { method: 'POST', headers: { 'x-honbu-job': job.secret }, body: JSON.stringify({ personId: 'p-0' }) });
    clock += 7 * DAY - 60_000;
    await server!.alerts!.prune();
    expect(await store!.alertList('job!')).toHaveLength(1);
    clock += 120_000;
    await server!.alerts!.prune();
    expect(await store!.alertList('job!')).toHaveLength(0);
    expect(await store!.alertList('link!')).toHaveLength(0);
    const all = (await store!.alertList('')).map((r) => fromUtf8(r.value)).join('\n');
    for (const gone of ['lead@company.example', '担当', 'company.example']) expect(all).not.toContain(gone);
    // A laptop back after weeks: the job is not started again, and it learns it is over.
    expect(await handOver(base, m, job)).toBe('exists');
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(1);
    const r = (await (await report(base, job)).json()) as JobReport;
    expect(r).toMatchObject({ state: 'acknowledged', ack: { personId: 'p-0', via: 'app' }, deliveries: [] });
    expect((await fetch(`${base}/alerts/jobs/${job.jobId}`, { headers: { 'x-honbu-job': newJobSecret() } })).status).toBe(404);
  });

  it('a job whose steps all ran out is removed when the host starts after the window; a running one is kept', async () => {
    smtp = await startSmtp();
    let base = await host({ smtp: smtpConfig(smtp.port) });
    const m = await member(7);
    const over = await sealFor(base, m, plan('lead@company.example', [10]));
    const running = await sealFor(base, m, plan('other@company.example', [7 * 24 * 60]));
    await handOver(base, m, over);
    await handOver(base, m, running);
    await server!.alerts!.tick();
    clock += 11 * 60_000;
    await server!.alerts!.tick();
    expect((((await (await report(base, over)).json()) as JobReport).state)).toBe('finished');
    await server!.close();
    await store!.close();
    clock += 8 * DAY;
    base = await host({ smtp: smtpConfig(smtp.port) }, true);
    const jobs = (await store!.alertList('job!')).map((r) => r.key);
    expect(jobs).toEqual([`job!${running.jobId}`]);
    // The running job's link is unused and expired for longer than the window: removed; the job goes on.
    expect(await store!.alertList('link!')).toHaveLength(0);
    expect(((await (await report(base, running)).json()) as JobReport).state).toBe('running');
    expect(((await (await report(base, over)).json()) as JobReport).state).toBe('finished');
  });
});

describe('deliveries side by side', () => {
  it('a webhook that hangs does not hold up another team’s mail', async () => {
    smtp = await startSmtp();
    hooks = await startWebhooks();
    hooks.mode = 'hang';
    const base = await host({ smtp: smtpConfig(smtp.port), webhookTimeoutMs: 4000 });
    const teamA = await member(7);
    const teamB = await member(8);
    const chat = [1, 2].map((i) => ({ id: `c-${i}`, kind: 'slack' as const, label: `#${i}`, url: hooks!.url(`/slack/${i}`), details: false }));
    // Team A's job first: before, its two posts timed out one after the other while team B waited.
    await handOver(base, teamA, await sealFor(base, teamA, { ...plan('a@company.example'), steps: [{ waitMinutes: 15, recipients: [] }], channels: chat }));
    const b = await sealFor(base, teamB, plan('b@company.example'));
    await handOver(base, teamB, b);
    const started = Date.now();
    const round = server!.alerts!.tick();
    await expect.poll(() => smtp!.mails.length, { timeout: 3000, interval: 50 }).toBe(1);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(smtp.mails[0]!.to).toBe('b@company.example');
    await round;
  });
});
