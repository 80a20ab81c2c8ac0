/**
 * kill -9 of the host in the middle of an escalation (decision 018, addendum): the host runs
 * as `npm run server` does, in a child process; it is killed while the SMTP server holds the
 * first mail (received, not yet answered), then started again on the same data. The
 * escalation goes on from its store: the mail in flight is sent again (at least once: the
 * host never learnt it went), the next step is sent exactly once, nothing more.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { LevelStore } from '../../server/storage';
import { credentialToken, roomName } from '../../shared/sync/room';
import { alertBase, newJobSecret, sealJob, secretHash, type HostAlertStatus, type JobContent, type JobReport } from '../../shared/alerts/job';
import { plainText } from '../../shared/alerts/message';
import { randomBytes } from '../../shared/vault/bytes';
import { spawnServer, type ServerProcess } from './processes';
import { until } from './intruder';

let proc: ServerProcess | undefined;
let dir: string | undefined;
let smtp: SMTPServer | undefined;
afterEach(async () => {
  await proc?.stop();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  if (dir) await rm(dir, { recursive: true, force: true });
  proc = dir = smtp = undefined;
});

describe('the host killed mid-delivery', () => {
  it('resumes the escalation from its store after a restart; the next step goes out once', async () => {
    const received: string[] = [];
    let hold = true;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, cb) {
        stream.resume();
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          // The first mail is taken but never answered: the host dies waiting.
          if (!hold) cb();
        });
      },
    });
    await new Promise<void>((r) => smtp!.listen(0, '127.0.0.1', () => r()));
    const smtpPort = (smtp.server.address() as AddressInfo).port;

    dir = await mkdtemp(join(tmpdir(), 'honbu-alert-kill-'));
    const credential = new Uint8Array(32).fill(7);
    const room = await roomName('w', credential, 'events');
    const seed = await LevelStore.open(dir);
    await seed.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 100, totalRooms: 100 });
    await seed.close();
    const extra = ['--smtp-host', '127.0.0.1', '--smtp-port', String(smtpPort), '--smtp-security', 'none', '--smtp-from', 'honbu@company.example'];
    proc = await spawnServer({ dataDir: dir, extra });
    const headers = { authorization: `Bearer ${credentialToken(credential)}`, 'x-honbu-room': room, 'content-type': 'application/json' };
    const base = alertBase(proc.url);
    const { publicKey } = (await (await fetch(`${base}/alerts/status`, { headers })).json()) as HostAlertStatus;
    const content: JobContent = {
      v: 1,
      severity: 'high',
      steps: ['lead', 'exec'].map((p) => ({ waitMinutes: 0, recipients: [{ personId: p, name: p, emails: [`${p}@company.example`] }] })),
      channels: [],
      plain: plainText('high'),
      emailDetails: false,
    };
    const jobId = Buffer.from(randomBytes(16)).toString('base64url');
    const secret = newJobSecret();
    const body = JSON.stringify({ jobId, secretHash: await secretHash(secret), ...(await sealJob(publicKey, jobId, content)) });
    expect((await fetch(`${base}/alerts/jobs`, { method: 'POST', headers, body })).status).toBe(201);
    await until(() => received.length === 1, 15_000, 'the first mail reached the SMTP server');
    await proc.kill9();

    hold = false;
    proc = await spawnServer({ dataDir: dir, extra });
    const base2 = alertBase(proc.url);
    const report = async () => (await (await fetch(`${base2}/alerts/jobs/${jobId}`, { headers: { 'x-honbu-job': secret } })).json()) as JobReport;
    let last = await report();
    for (const end = Date.now() + 30_000; last.state !== 'finished' && Date.now() < end; last = await report()) await new Promise((r) => setTimeout(r, 200));
    expect(last.state).toBe('finished');
    expect(received).toEqual(['lead@company.example', 'lead@company.example', 'exec@company.example']);
    expect(last.deliveries.map((d) => [d.key, d.status, d.attempts])).toEqual([
      ['0:lead:email', 'sent', 1],
      ['1:exec:email', 'sent', 1],
    ]);
  }, 90_000);
});
