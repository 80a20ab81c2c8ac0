/**
 * A host on Redis runs escalations and keeps intake reports (decisions 018 and 019,
 * addenda): two server processes' worth of sync servers share one real redis-server; a job
 * handed to one is carried out by whichever ticks, each step sent once even when both tick
 * at the same moment; an acknowledgement on one stops the other; a report sent to one
 * server's page is fetched through the other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { Redis } from 'ioredis';
import { RedisStore } from '../../server/redis-store';
import { credentialToken, roomName } from '../../shared/sync/room';
import { alertBase, newJobSecret, sealJob, secretHash, type HostAlertStatus, type JobContent, type JobReport } from '../../shared/alerts/job';
import { plainText } from '../../shared/alerts/message';
import { generateIntakeKeys, openIntake, sealIntake } from '../../shared/intake/seal';
import { IntakeChannel } from '../../renderer/src/intake/intake-channel';
import { randomBytes } from '../../shared/vault/bytes';
import { startSmtp, type SmtpFixture } from '../../e2e/alert-fixtures';
import { redisOrSkip, type RedisProcess } from './processes';

const servers: SyncServer[] = [];
let admin: RedisStore | undefined;
let redis: RedisProcess | undefined;
let smtp: SmtpFixture | undefined;
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await admin?.close();
  await redis?.stop();
  await smtp?.close();
  admin = redis = smtp = undefined;
});

let clock = Date.UTC(2026, 11, 2, 1, 0, 0);
const now = () => clock;
const credential = new Uint8Array(32).fill(7);

/** Two sync servers on one Redis (as two processes behind a load balancer), and the team's room on it. */
async function twoHosts(ctx: { skip: () => void }, intakeLimits = {}): Promise<{ a: SyncServer; b: SyncServer; room: string } | undefined> {
  const r = await redisOrSkip(ctx);
  if (!r) return undefined;
  redis = r;
  smtp = await startSmtp();
  const alerts = { now, tickMs: false as const, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' as const, user: 'honbu', password: 'right-password', from: 'honbu@company.example' } };
  const a = await startSyncServer({ port: 0, dataDir: '/nonexistent', redis: r.url, alerts, intakeLimits });
  const b = await startSyncServer({ port: 0, dataDir: '/nonexistent', redis: r.url, alerts, intakeLimits });
  servers.push(a, b);
  admin = await RedisStore.open(r.url);
  const room = await roomName('w', credential, 'events');
  await admin.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 100, totalRooms: 100 });
  return { a, b, room };
}

const headers = (room: string) => ({ authorization: `Bearer ${credentialToken(credential)}`, 'x-honbu-room': room, 'content-type': 'application/json' });

describe('a sync host on Redis', () => {
  it('runs escalations: each step once across processes; an acknowledgement on one stops the other', async (ctx) => {
    const hosts = await twoHosts(ctx);
    if (!hosts) return;
    const { a, b, room } = hosts;
    const statusA = (await (await fetch(`${alertBase(a.url)}/alerts/status`, { headers: headers(room) })).json()) as HostAlertStatus;
    const statusB = (await (await fetch(`${alertBase(b.url)}/alerts/status`, { headers: headers(room) })).json()) as HostAlertStatus;
    expect(statusA.email).toBe('ready');
    expect(statusB.publicKey).toBe(statusA.publicKey); // one host key for all processes

    const content: JobContent = {
      v: 1,
      severity: 'high',
      steps: ['lead', 'exec', 'ceo'].map((p) => ({ waitMinutes: 15, recipients: [{ personId: p, name: p, emails: [`${p}@company.example`] }] })),
      channels: [],
      plain: plainText('high'),
      emailDetails: false,
    };
    const jobId = Buffer.from(randomBytes(16)).toString('base64url');
    const secret = newJobSecret();
    const body = JSON.stringify({ jobId, secretHash: await secretHash(secret), ...(await sealJob(statusA.publicKey, jobId, content)) });
    expect((await fetch(`${alertBase(a.url)}/alerts/jobs`, { method: 'POST', headers: headers(room), body })).status).toBe(201);
    expect((await fetch(`${alertBase(b.url)}/alerts/jobs`, { method: 'POST', headers: headers(room), body })).status).toBe(200); // exists

    await b.alerts!.tick(); // the other process carries it out
    await a.alerts!.tick();
    expect(smtp!.mails.map((m) => m.to)).toEqual(['lead@company.example']);
    clock += 15 * 60_000;
    await Promise.all([a.alerts!.tick(), b.alerts!.tick()]);
    expect(smtp!.mails.map((m) => m.to)).toEqual(['lead@company.example', 'exec@company.example']);

    const ack = await fetch(`${alertBase(b.url)}/alerts/jobs/${jobId}/ack`, { method: 'POST', headers: { 'x-honbu-job': secret }, body: JSON.stringify({ personId: 'exec' }) });
    expect(await ack.json()).toEqual({ result: 'acknowledged' });
    clock += 60 * 60_000;
    await a.alerts!.tick();
    expect(smtp!.mails).toHaveLength(2);
    const report = (await (await fetch(`${alertBase(a.url)}/alerts/jobs/${jobId}`, { headers: { 'x-honbu-job': secret } })).json()) as JobReport;
    expect(report).toMatchObject({ state: 'acknowledged', ack: { personId: 'exec', via: 'app' } });
  });

  it('keeps intake reports: sent to one process’s page, fetched through the other', async (ctx) => {
    const hosts = await twoHosts(ctx);
    if (!hosts) return;
    const { a, b, room } = hosts;
    const ID = 'Q2hhcmxpZS1pbnRha2UtMQ';
    const SECRET = 'c'.repeat(43);
    const keys = await generateIntakeKeys();
    const chA = await IntakeChannel.open({ serverUrl: a.url, room, credential, WebSocketPolyfill: WebSocket });
    expect(await chA.ask({ t: 'register', intakeId: ID, publicKey: keys.publicKey, secret: SECRET })).toEqual({ t: 'registered', intakeId: ID });
    const report = JSON.stringify({ v: 1, what: '顧客名簿を紛失', lang: 'ja' });
    const page = `http://127.0.0.1:${b.port}/intake/${ID}`;
    expect((await fetch(page)).status).toBe(200);
    const res = await fetch(`${page}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(await sealIntake(keys.publicKey, ID, report)) });
    expect(res.status).toBe(201);
    const got = await chA.ask({ t: 'fetch', intakeId: ID, secret: SECRET });
    if (got.t !== 'reports') throw new Error(got.t);
    expect(got.reports).toHaveLength(1);
    expect(await openIntake(keys.privateKey, ID, got.reports[0]!.box as Parameters<typeof openIntake>[2])).toBe(report);
    expect(await chA.ask({ t: 'ack', intakeId: ID, secret: SECRET, ids: [got.reports[0]!.reportId] })).toMatchObject({ t: 'acked', removed: 1 });
    chA.close();
  });

  it('limits the intake page per address across processes: a burst of three is three in all, not three on each', async (ctx) => {
    const hosts = await twoHosts(ctx, { perAddressBurst: 3, perAddressPerHour: 1 });
    if (!hosts) return;
    const { a, b, room } = hosts;
    const ID = 'RGVsdGEtaW50YWtlLTAxMQ';
    const keys = await generateIntakeKeys();
    const ch = await IntakeChannel.open({ serverUrl: a.url, room, credential, WebSocketPolyfill: WebSocket });
    expect(await ch.ask({ t: 'register', intakeId: ID, publicKey: keys.publicKey, secret: 'd'.repeat(43) })).toEqual({ t: 'registered', intakeId: ID });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const host = i % 2 === 0 ? a : b;
      const body = JSON.stringify(await sealIntake(keys.publicKey, ID, JSON.stringify({ v: 1, what: `報告 ${i}`, lang: 'ja' })));
      statuses.push((await fetch(`http://127.0.0.1:${host.port}/intake/${ID}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    ch.close();
    // The reporter's address is not in Redis in clear, in any key or value.
    const raw = new Redis(redis!.url);
    try {
      for (const key of await raw.keys('*')) {
        expect(key).not.toContain('127.0.0.1');
        const type = await raw.type(key);
        const values = type === 'hash' ? Object.entries(await raw.hgetall(key)).flat() : type === 'string' ? [(await raw.getBuffer(key))!.toString('latin1')] : [];
        for (const v of values) expect(v).not.toContain('127.0.0.1');
      }
    } finally {
      raw.disconnect();
    }
  });
});
