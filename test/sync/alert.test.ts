/**
 * The host's alert runner with the real mailer and real receivers on 127.0.0.1 (decisions 018
 * and 064).
 *
 * - A report from the intake page becomes a first report whose title is the report's first
 *   line (shared/intake/first-report.ts); a channel opted in for details gets that title
 *   (shared/alerts/message.ts). It is posted as plain words: Slack and Google Chat would read
 *   `<!channel>` as a mention of everyone and `<url|words>` as a link showing only the words,
 *   Teams' card `[words](url)` likewise.
 * - An acknowledgement is applied at once, never queued behind a round that a slow SMTP
 *   server holds; nothing of the job waiting for its lane goes out after it. One mail may take
 *   at most its deadline in all, then its connection is closed and it is retried.
 * - On Redis, an acknowledgement on one process stops a round another process runs.
 * - An SMTP server that drops the connection in the middle of the message: kept, retried,
 *   delivered once.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertRunner, type RunnerOptions } from '../../server/alerts/runner';
import { smtpMailer, webhookBody } from '../../server/alerts/delivery';
import { RedisStore } from '../../server/redis-store';
import type { AlertRecordStore } from '../../server/storage';
import { newJobSecret, sealJob, secretHash, type JobContent } from '../../shared/alerts/job';
import { detailedText, plainText } from '../../shared/alerts/message';
import { firstReportFromIntake } from '../../shared/intake/first-report';
import type { IntakeReport } from '../../shared/intake/report';
import { randomBytes } from '../../shared/vault/bytes';
import { startSmtp, startWebhooks, type WebhookFixture } from '../../e2e/alert-fixtures';
import { redisOrSkip } from './processes';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
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

let clock = Date.UTC(2026, 11, 2, 1, 0, 0);

async function hand(runner: AlertRunner, content: JobContent) {
  const jobId = Buffer.from(randomBytes(16)).toString('base64url');
  const secret = newJobSecret();
  const sealed = await sealJob(runner.publicKey, jobId, content);
  expect(await runner.accept('tag', { jobId, secretHash: await secretHash(secret), ...sealed })).toBe('created');
  return { jobId, secret };
}

/**
 * A small SMTP server speaking the protocol over a real socket on 127.0.0.1: each answer
 * after `delayMs`; `dropInData(n)` closes the n-th connection once part of the message arrived.
 */
async function rawSmtp(opts: { delayMs?: number; dropInData?: (connection: number) => boolean } = {}) {
  const mails: string[] = [];
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const n = ++connections;
    const say = (line: string) => setTimeout(() => !socket.destroyed && socket.write(`${line}\r\n`), opts.delayMs ?? 0);
    let buf = '';
    let inData = false;
    let message = '';
    say('220 mail.company.example ESMTP');
    socket.on('data', (chunk: Buffer) => {
      if (inData) {
        message += chunk.toString('utf8');
        if (opts.dropInData?.(n)) return void socket.destroy();
        const end = message.indexOf('\r\n.\r\n');
        if (end !== -1) {
          mails.push(message.slice(0, end));
          inData = false;
          buf = message.slice(end + 5);
          message = '';
          say('250 2.0.0 queued');
        }
        return;
      }
      buf += chunk.toString('utf8');
      let i: number;
      while (!inData && (i = buf.indexOf('\r\n')) !== -1) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') say('250-mail.company.example\r\n250 8BITMIME');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') say('250 2.1.0 ok');
        else if (verb === 'DATA') {
          inData = true;
          message = buf;
          buf = '';
          say('354 go ahead');
        } else if (verb === 'QUIT') {
          say('221 bye');
          setTimeout(() => socket.end(), (opts.delayMs ?? 0) + 10);
        } else say('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return { mails, port: (server.address() as AddressInfo).port, connections: () => connections, open: () => sockets.size };
}

async function runnerWith(port: number | undefined, extra: Partial<RunnerOptions> & { deadlineMs?: number } = {}) {
  const { deadlineMs, ...options } = extra;
  const mailer = port === undefined ? undefined : smtpMailer({ host: '127.0.0.1', port, security: 'none', from: 'honbu@company.example', ...(deadlineMs ? { deadlineMs } : {}) });
  if (mailer) closers.push(() => mailer.close());
  const runner = await AlertRunner.open({ store: memStore(), ...(mailer ? { mailer } : {}), publicUrl: 'https://honbu.company.example', now: () => clock, backoffMs: 30_000, ...options });
  closers.push(() => runner.idle());
  return runner;
}

const mailJob = (emails: string[]): JobContent => ({ v: 1, severity: 'high', steps: [{ waitMinutes: 15, recipients: [{ personId: 'p-lead', name: '佐藤', emails }] }], channels: [], plain: plainText('high'), emailDetails: false });

describe('an alert carrying an anonymous report’s first line to a chat channel', () => {
  it('posts the title as plain words: no @channel mention and no disguised link made from the reporter’s text', async () => {
    const hooks: WebhookFixture = await startWebhooks();
    closers.push(() => hooks.close());
    // Anyone who can open the intake page writes this as the first line of "what happened".
    const report: IntakeReport = {
      v: 1,
      lang: 'ja',
      what: '<!channel> 至急 <https://honbu-login.example/ack|本部の確認ページ> で確認\n（以下本文）',
      when: '',
      where: '',
      howMany: '',
      name: '',
      contact: '',
    };
    const { title } = firstReportFromIntake(report, '2026-12-02T01:00:00.000Z', '山田', { titlePrefix: '通報: ', anonymous: '匿名' });
    // What alerts.start-escalation puts in the job for channels opted in for details (shared/alerts/commands.ts).
    const detailed = detailedText('high', title.trim());
    const runner = await runnerWith(undefined, { localWebhooks: true });
    await hand(runner, {
      v: 1,
      severity: 'high',
      steps: [{ waitMinutes: 15, recipients: [] }],
      channels: [
        { id: 'c-slack', kind: 'slack', label: '#incident', url: hooks.url('/slack/T000/B000/secret'), details: true },
        { id: 'c-gchat', kind: 'google-chat', label: 'Google Chat', url: hooks.url('/gchat/spaces/x'), details: true },
      ],
      plain: plainText('high'),
      detailed,
      emailDetails: false,
    });
    await runner.tick();
    expect(hooks.posts).toHaveLength(2);
    for (const post of hooks.posts) {
      const text = (post.body as { text: string }).text;
      expect(text, post.path).toContain('件名:');
      // Slack: "<!channel>" notifies every member; "<url|words>" shows only "words" as a link.
      // Google Chat reads "<url|words>" the same way. Both want & < > written as &amp; &lt; &gt;.
      expect(text, `${post.path}: a mention of everyone`).not.toContain('<!channel>');
      expect(text, `${post.path}: a link disguised by the reporter`).not.toMatch(/<https?:\/\/[^>|]+\|[^>]+>/);
      expect(text, post.path).toContain('&lt;!channel&gt; 至急 &lt;https://honbu-login.example/ack|本部の確認ページ&gt;');
    }
  });

  it('a Teams card shows Markdown link syntax as written, and LINE WORKS gets the text as it is', () => {
    const text = '通報: [本部の確認ページ](https://honbu-login.example/ack) \\ (至急)';
    const card = webhookBody('teams', text, 't') as { attachments: { content: { body: { text: string }[] } }[] };
    const shown = card.attachments[0]!.content.body[0]!.text;
    expect(shown).toBe('通報: \\[本部の確認ページ\\]\\(https://honbu-login.example/ack\\) \\\\ \\(至急\\)');
    expect(shown).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    expect(webhookBody('line-works', text, 't')).toEqual({ title: 't', body: { text } });
  });
});

describe('an SMTP server that is slow, or drops the connection mid-message', () => {
  it('an acknowledgement is not held behind a slow SMTP server', async () => {
    // Each answer after 4.5 s: within nodemailer's 10 s greeting and 20 s socket timeouts, so no error — just slow.
    const smtp = await rawSmtp({ delayMs: 4_500 });
    const runner = await runnerWith(smtp.port);
    await hand(runner, mailJob(['lead@company.example']));
    const other = await hand(runner, mailJob(['exec@company.example']));
    const round = runner.tick();
    await new Promise((r) => setTimeout(r, 300));
    // The executive pressed 確認しました in the app while both mails are on their way (about 27 s each).
    const t0 = Date.now();
    const result = await runner.acknowledge(other.jobId, other.secret, 'p-lead');
    const waited = Date.now() - t0;
    expect(result).toBe('acknowledged');
    expect(waited, `the acknowledgement waited ${waited} ms for the round`).toBeLessThan(2_000);
    // The laptops asking are told at once.
    expect(await runner.report(other.jobId, other.secret)).toMatchObject({ state: 'acknowledged', ack: { personId: 'p-lead', via: 'app' } });
    await round;
    // The mail already in flight went (it cannot be called back) and is recorded as sent; nothing else is pending.
    const after = await runner.report(other.jobId, other.secret);
    expect(after).toMatchObject({ state: 'acknowledged', deliveries: [{ status: 'sent', attempts: 1 }] });
  }, 90_000);

  it('an acknowledgement stops the job’s mails still waiting for the SMTP lane', async () => {
    const smtp = await rawSmtp({ delayMs: 300 });
    // One mail at a time: the second job's people wait behind the first job's mail.
    const runner = await runnerWith(smtp.port, { perLane: 1 });
    await hand(runner, mailJob(['lead@company.example']));
    const other = await hand(runner, {
      ...mailJob([]),
      steps: [{ waitMinutes: 15, recipients: ['ceo', 'cfo'].map((p) => ({ personId: p, name: p, emails: [`${p}@company.example`] })) }],
    });
    const round = runner.tick();
    await new Promise((r) => setTimeout(r, 200));
    expect(await runner.acknowledge(other.jobId, other.secret, 'ceo')).toBe('acknowledged');
    await round;
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toContain('lead@company.example');
    const r = await runner.report(other.jobId, other.secret);
    expect(r?.deliveries.map((d) => [d.personId, d.status, d.attempts])).toEqual([
      ['ceo', 'cancelled', 0],
      ['cfo', 'cancelled', 0],
    ]);
    // Later rounds send nothing of it either.
    clock += 60 * 60_000;
    await runner.tick();
    expect(smtp.mails).toHaveLength(1);
  }, 30_000);

  it('a mail that takes longer than its deadline is cut off, its connection closed, and it is retried', async () => {
    // Each answer after 1 s: about 6 s for one mail, against a deadline of 2.5 s.
    const smtp = await rawSmtp({ delayMs: 1_000 });
    const runner = await runnerWith(smtp.port, { deadlineMs: 2_500 });
    const job = await hand(runner, mailJob(['lead@company.example']));
    const t0 = Date.now();
    await runner.tick();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await runner.report(job.jobId, job.secret)).toMatchObject({ state: 'running', deliveries: [{ status: 'retrying', attempts: 1, error: { code: 'smtp-unreachable' } }] });
    await expect.poll(() => smtp.open(), { timeout: 3_000 }).toBe(0);
    expect(smtp.mails).toHaveLength(0);
  }, 30_000);

  it('a connection dropped in the middle of the message: the mail is kept, retried, and arrives once', async () => {
    const smtp = await rawSmtp({ dropInData: (n) => n === 1 });
    const runner = await runnerWith(smtp.port);
    const job = await hand(runner, mailJob(['lead@company.example']));
    await runner.tick();
    expect(smtp.mails).toHaveLength(0);
    const r1 = await runner.report(job.jobId, job.secret);
    expect(r1?.deliveries[0]).toMatchObject({ status: 'retrying', error: { code: 'smtp-unreachable' } });
    clock += 31_000;
    await runner.tick();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toContain('lead@company.example');
    const r2 = await runner.report(job.jobId, job.secret);
    expect(r2?.deliveries[0]).toMatchObject({ status: 'sent', attempts: 2 });
    clock += 60_000;
    await runner.tick();
    expect(smtp.mails).toHaveLength(1);
  });
});

describe('an alert mail whose detailed title carries CR/LF and SMTP commands', () => {
  it('stays one mail to the one recipient, with the host’s own subject and no header from the title', async () => {
    const smtp = await startSmtp();
    closers.push(() => smtp.close());
    const mailer = smtpMailer({ host: '127.0.0.1', port: smtp.port, security: 'none', user: 'honbu', password: 'right-password', from: 'honbu@company.example' });
    closers.push(() => mailer.close());
    const runner = await AlertRunner.open({ store: memStore(), mailer, publicUrl: 'https://honbu.company.example', now: () => clock });
    closers.push(() => runner.idle());
    // A first line can keep a lone CR (the split is on \r?\n); a title typed elsewhere may hold anything.
    const title = '通報: 誤送信\r\nSubject: 全員退避\r\nX-Injected: yes\r\n.\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\nSubject: 2通目';
    await hand(runner, { ...mailJob(['lead@company.example']), detailed: detailedText('high', title), emailDetails: true });
    await runner.tick();
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toBe('lead@company.example');
    expect(mail.subject).toBe('本部: 重大度 高 の新しい事案 / Honbu: new incident (high)');
    const head = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n'));
    expect(head).not.toMatch(/^X-Injected:/im);
    expect(head.match(/^Subject:/gim)).toHaveLength(1);
  });
});

describe('an acknowledgement on one process of a host on Redis', () => {
  it('is answered at once while another process’s round holds the lock, and stops that round’s mails still waiting', async (ctx) => {
    const redis = await redisOrSkip(ctx);
    if (!redis) return;
    closers.push(() => redis.stop());
    const [a, b] = [await RedisStore.open(redis.url), await RedisStore.open(redis.url)];
    closers.push(() => a.close(), () => b.close());
    const smtp = await rawSmtp({ delayMs: 300 });
    const mailer = smtpMailer({ host: '127.0.0.1', port: smtp.port, security: 'none', from: 'honbu@company.example' });
    closers.push(() => mailer.close());
    const onA = await AlertRunner.open({ store: a, mailer, publicUrl: 'https://honbu.company.example', now: () => clock, perLane: 1 });
    const onB = await AlertRunner.open({ store: b, mailer, publicUrl: 'https://honbu.company.example', now: () => clock });
    closers.push(() => onA.idle(), () => onB.idle());
    const job = await hand(onA, { ...mailJob([]), steps: [{ waitMinutes: 15, recipients: ['ceo', 'cfo', 'cio'].map((p) => ({ personId: p, name: p, emails: [`${p}@company.example`] })) }] });

    const round = onA.tick();
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    expect(await onB.acknowledge(job.jobId, job.secret, 'ceo')).toBe('acknowledged');
    expect(Date.now() - t0, 'B waited for A’s round').toBeLessThan(1_000);
    expect(await onB.report(job.jobId, job.secret)).toMatchObject({ state: 'acknowledged', ack: { personId: 'ceo', via: 'app' } });
    expect(await onB.acknowledge(job.jobId, job.secret, 'cfo')).toBe('already');
    await round;
    // Only the mail A had in flight went.
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toContain('ceo@company.example');
    clock += 60 * 60_000;
    await Promise.all([onA.tick(), onB.tick()]);
    expect(smtp.mails).toHaveLength(1);
    // Folded into the job by the next round: the acknowledgement kept beside it is gone.
    expect(await a.alertGet(`ack!${job.jobId}`)).toBeUndefined();
    expect(await onA.report(job.jobId, job.secret)).toMatchObject({ state: 'acknowledged', ack: { personId: 'ceo' }, deliveries: [{ status: 'sent' }, { status: 'cancelled' }, { status: 'cancelled' }] });
  }, 30_000);
});
