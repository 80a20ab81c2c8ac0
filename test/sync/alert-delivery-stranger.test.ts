/**
 * The host's escalation runner with the real mailer against a real SMTP server on 127.0.0.1
 * that misbehaves as real ones do (found by a stranger's probe): a temporary 4xx refusal is
 * tried again, not given up as a bad address; an address a mail library reads as a list
 * ("taro,yamada@…", saved before the contact list refused it) is sent to nobody and the
 * contact list is told, instead of going to yamada alone as "sent".
 */
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { AlertRunner } from '../../server/alerts/runner';
import { smtpErrorCode, smtpMailer } from '../../server/alerts/delivery';
import type { AlertRecordStore } from '../../server/storage';
import { newJobSecret, sealJob, secretHash, type JobContent } from '../../shared/alerts/job';
import { plainText } from '../../shared/alerts/message';
import { randomBytes } from '../../shared/vault/bytes';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function memStore(): AlertRecordStore {
  const m = new Map<string, Uint8Array>();
  return {
    alertGet: async (k) => m.get(k),
    alertPut: async (k, v) => void m.set(k, v),
    alertList: async (p) => [...m].filter(([k]) => k.startsWith(p)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => ({ key, value })),
    alertDel: async (ks) => void ks.forEach((k) => m.delete(k)),
  };
}

async function smtp(rcpt: (a: string, n: number) => { code: number; msg: string } | null) {
  const got: { rcpt: string[]; to: string; subject: string }[] = [];
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _s, cb) {
      const r = rcpt(address.address, n++);
      if (r) cb(Object.assign(new Error(r.msg), { responseCode: r.code }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () =>
        void simpleParser(Buffer.concat(chunks)).then((mm) => {
          got.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), to: (mm.to as { text: string }).text, subject: mm.subject ?? '' });
          cb();
        }),
      );
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return { got, port: (server.server.address() as AddressInfo).port };
}

let clock = Date.UTC(2026, 11, 2, 1, 0, 0);
async function runnerWith(port: number) {
  const mailer = smtpMailer({ host: '127.0.0.1', port, security: 'none', from: 'honbu@company.example' });
  closers.push(() => mailer.close());
  const runner = await AlertRunner.open({ store: memStore(), mailer, publicUrl: 'https://honbu.company.example', now: () => clock, backoffMs: 30_000 });
  return runner;
}

async function hand(runner: AlertRunner, content: JobContent) {
  const jobId = Buffer.from(randomBytes(16)).toString('base64url');
  const secret = newJobSecret();
  const sealed = await sealJob(runner.publicKey, jobId, content);
  expect(await runner.accept('tag', { jobId, secretHash: await secretHash(secret), ...sealed })).toBe('created');
  return { jobId, secret };
}

const job = (emails: string[]): JobContent => ({ v: 1, severity: 'high', steps: [{ waitMinutes: 15, recipients: [{ personId: 'p-lead', name: '佐藤', emails }] }], channels: [], plain: plainText('high'), emailDetails: false });

it('a temporary refusal (451 greylisting / rate limit at RCPT, once) is retried, not given up as a bad address', async () => {
  const s = await smtp((_a, n) => (n === 0 ? { code: 451, msg: '4.7.1 Try again later' } : null));
  const runner = await runnerWith(s.port);
  const h = await hand(runner, job(['lead@company.example']));
  await runner.tick();
  const r1 = await runner.report(h.jobId, h.secret);
  clock += 60_000;
  await runner.tick();
  const r2 = await runner.report(h.jobId, h.secret);
  expect(r1!.deliveries[0]).toMatchObject({ status: 'retrying', error: { code: 'smtp-other' } });
  expect(r2!.deliveries[0]).toMatchObject({ status: 'sent', attempts: 2 });
  expect(s.got.map((m) => m.rcpt)).toEqual([['lead@company.example']]);
});

it('an address read as a list (a comma typed for a dot) goes to nobody: the good address gets the mail, the contact list is told', async () => {
  const s = await smtp(() => null);
  const runner = await runnerWith(s.port);
  const both = await hand(runner, job(['taro,yamada@company.example', 'taro.yamada@company.example']));
  await runner.tick();
  expect(s.got.map((m) => m.rcpt)).toEqual([['taro.yamada@company.example']]);
  expect(s.got[0]!.to).toBe('taro.yamada@company.example');
  expect((await runner.report(both.jobId, both.secret))!.deliveries[0]).toMatchObject({ status: 'sent' });
  expect(runner.status('tag').emailError).toMatchObject({ code: 'smtp-recipient' });

  for (const bad of ['taro;yamada@company.example', 'x<taro@company.example>', 'group:taro@company.example;', '"boss"@company.example']) {
    const only = await hand(runner, job([bad]));
    clock += 1000;
    await runner.tick();
    expect((await runner.report(only.jobId, only.secret))!.deliveries[0]!.error, bad).toMatchObject({ code: 'smtp-recipient' });
  }
  expect(s.got).toHaveLength(1);
});

it('tells a refused address from "not now" and from a refused message', () => {
  expect(smtpErrorCode({ code: 'EENVELOPE', responseCode: 451 })).toBe('smtp-other');
  expect(smtpErrorCode({ code: 'EMESSAGE', responseCode: 452 })).toBe('smtp-other');
  expect(smtpErrorCode({ code: 'EENVELOPE', responseCode: 550 })).toBe('smtp-recipient');
  expect(smtpErrorCode({ code: 'EMESSAGE', responseCode: 550 })).toBe('smtp-other');
  expect(smtpErrorCode({ code: 'EAUTH', responseCode: 535 })).toBe('smtp-auth');
});
