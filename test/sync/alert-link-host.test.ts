/**
 * A host started on every address (the desktop host panel's default, 0.0.0.0) without
 * "alertsUrl" mails an acknowledge link people can open: the machine's network address, not
 * 0.0.0.0 (found by a stranger's probe: nobody could acknowledge, and the tree woke the next
 * step).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { reachableHost, startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { credentialToken, roomName } from '../../shared/sync/room';
import { alertBase, newJobSecret, sealJob, secretHash, type HostAlertStatus } from '../../shared/alerts/job';
import { plainText } from '../../shared/alerts/message';
import { randomBytes } from '../../shared/vault/bytes';
import { startSmtp, type SmtpFixture } from '../../e2e/alert-fixtures';

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let smtp: SmtpFixture | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
  await smtp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('the mailed acknowledge link names an address people can open', async () => {
  smtp = await startSmtp();
  dir = await mkdtemp(join(tmpdir(), 'alert-link-host-'));
  store = await LevelStore.open(dir);
  server = await startSyncServer({ port: 0, host: '0.0.0.0', dataDir: dir, store, alerts: { tickMs: false, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'honbu', password: 'right-password', from: 'honbu@company.example' } } });
  const credential = new Uint8Array(32).fill(7);
  const room = await roomName('w', credential, 'events');
  await store.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 100, totalRooms: 100 });
  const base = alertBase(server.url);
  const headers = { authorization: `Bearer ${credentialToken(credential)}`, 'x-honbu-room': room, 'content-type': 'application/json' };
  const { publicKey } = (await (await fetch(`${base}/alerts/status`, { headers })).json()) as HostAlertStatus;
  const jobId = Buffer.from(randomBytes(16)).toString('base64url');
  const secret = newJobSecret();
  const sealed = await sealJob(publicKey, jobId, { v: 1, severity: 'high', steps: [{ waitMinutes: 15, recipients: [{ personId: 'p', name: '佐藤', emails: ['lead@company.example'] }] }], channels: [], plain: plainText('high'), emailDetails: false });
  expect((await fetch(`${base}/alerts/jobs`, { method: 'POST', headers, body: JSON.stringify({ jobId, secretHash: await secretHash(secret), ...sealed }) })).status).toBe(201);
  await server.alerts!.tick();
  const mail = smtp.mails[0]!;
  const link = /https?:\/\/\S+\/alerts\/ack\/\S+/.exec(mail.text)![0];
  expect(new URL(link).hostname).toBe(reachableHost());
  expect(new URL(link).hostname).not.toBe('0.0.0.0');
});

it('names the first network IPv4 address, else the machine name', () => {
  const lo = { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' };
  const v6 = { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6' as const, mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 };
  const lan = { address: '192.168.10.23', netmask: '255.255.255.0', family: 'IPv4' as const, mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.10.23/24' };
  expect(reachableHost({ lo: [lo], eth0: [v6, lan] }, 'honbu-host')).toBe('192.168.10.23');
  expect(reachableHost({ lo: [lo], eth0: [v6] }, 'honbu-host')).toBe('honbu-host');
});
