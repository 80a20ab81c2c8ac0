/**
 * The sync host's escalations (decision 018), end to end through its HTTP endpoints with a
 * real SMTP server and a real webhook receiver: what a laptop hands over is carried out by
 * the host alone, on a clock the test moves; an acknowledgement stops it; a job handed over
 * again or after a restart is sent once; a wrong password, an unreachable SMTP server and a
 * failing webhook are reported as codes the app words, and retried without losing anything.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type AlertHostOptions, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { credentialToken, roomName } from '../../shared/sync/room';
import { alertBase, newJobSecret, sealJob, secretHash, type ChatChannel, type HostAlertStatus, type JobContent, type JobReport } from '../../shared/alerts/job';
import { detailedText, plainText } from '../../shared/alerts/message';
import { randomBytes } from '../../shared/vault/bytes';
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

/** What the incident is about and whom it concerns: none of it may leave in an alert. */
const INCIDENT_TITLE = '山田花子様ほか 1,240 件の会員情報が委託先から流出 hanako.yamada@example.jp 090-1234-5678';
const FORBIDDEN = ['山田', '花子', 'hanako', 'example.jp', '090', '1234', '5678', '1,240', '会員情報', '委託先'];

let clock = Date.UTC(2026, 11, 2, 1, 0, 0);
const now = () => clock;
const minutes = (n: number) => (clock += n * 60_000);

interface Member {
  room: string;
  token: string;
}

async function host(alerts: Partial<AlertHostOptions> = {}, keepDir = false): Promise<{ base: string; member: Member }> {
  if (!keepDir) dir = await mkdtemp(join(tmpdir(), 'honbu-alerts-'));
  store = await LevelStore.open(dir!);
  server = await startSyncServer({ port: 0, dataDir: dir!, store, alerts: { now, tickMs: false, backoffMs: 30_000, webhookTimeoutMs: 400, localWebhooks: true, ...alerts } });
  const credential = new Uint8Array(32).fill(7);
  const room = await roomName('w', credential, 'events');
  // The team's room exists once a laptop wrote to it (the host serves members of rooms it keeps).
  await store.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 100, totalRooms: 100 });
  return { base: alertBase(server.url), member: { room, token: credentialToken(credential) } };
}

const smtpConfig = (port: number, password = 'right-password') => ({ host: '127.0.0.1', port, security: 'none' as const, user: 'honbu', password, from: 'honbu@company.example' });

const headers = (m: Member) => ({ authorization: `Bearer ${m.token}`, 'x-honbu-room': m.room, 'content-type': 'application/json' });

async function status(base: string, m: Member): Promise<HostAlertStatus> {
  return (await fetch(`${base}/alerts/status`, { headers: headers(m) })).json() as Promise<HostAlertStatus>;
}

interface Handed {
  jobId: string;
  secret: string;
  body: string;
}

/** What a laptop does: seal the job to the host's key (read from the host) and keep the secret. */
async function sealFor(base: string, m: Member, content: JobContent): Promise<Handed> {
  const { publicKey } = await status(base, m);
  const jobId = Buffer.from(randomBytes(16)).toString('base64url');
  const secret = newJobSecret();
  const sealed = await sealJob(publicKey, jobId, content);
  return { jobId, secret, body: JSON.stringify({ jobId, secretHash: await secretHash(secret), ...sealed }) };
}

const handOver = async (base: string, m: Member, h: Handed) => {
  const res = await fetch(`${base}/alerts/jobs`, { method: 'POST', headers: headers(m), body: h.body });
  return { status: res.status, result: ((await res.json()) as { result?: string }).result };
};

const report = async (base: string, h: Handed): Promise<JobReport> => (await fetch(`${base}/alerts/jobs/${h.jobId}`, { headers: { 'x-honbu-job': h.secret } })).json() as Promise<JobReport>;

const channels = (w: WebhookFixture, details = false): ChatChannel[] => [
  { id: 'c-slack', kind: 'slack', label: '#incident', url: w.url('/slack/T000/B000/secret'), details },
  { id: 'c-teams', kind: 'teams', label: 'Teams', url: w.url('/teams/workflow'), details: false },
  { id: 'c-gchat', kind: 'google-chat', label: 'Google Chat', url: w.url('/gchat/spaces/x'), details: false },
  { id: 'c-lw', kind: 'line-works', label: 'LINE WORKS', url: w.url('/lineworks/hook'), details: false },
];

function plan(w: WebhookFixture | undefined, opts: { details?: boolean; wait?: number } = {}): JobContent {
  return {
    v: 1,
    severity: 'high',
    steps: [
      { waitMinutes: opts.wait ?? 15, recipients: [{ personId: 'p-lead', name: '佐藤 対応責任者', emails: ['lead@company.example'] }] },
      { waitMinutes: 30, recipients: [{ personId: 'p-exec', name: '鈴木 役員', emails: ['exec@company.example', 'exec.mobile@company.example'] }] },
    ],
    channels: w ? channels(w, opts.details) : [],
    plain: plainText('high'),
    ...(opts.details ? { detailed: detailedText('high', INCIDENT_TITLE) } : {}),
    emailDetails: false,
  };
}

const slackOf = (r: JobReport) => r.deliveries.find((d) => d.channel === 'c-slack');

/**
 * The random parts of a message (its Message-ID, date, multipart boundary, the one-time link's
 * token — rejoined across quoted-printable soft line breaks first) can hold any digits, "090"
 * among them: they are left out of the scan, which is for the incident's facts.
 */
function withoutRandom(text: string): string {
  // The random headers first: a header line ending in an encoded word's "?=" would otherwise
  // be joined to the next one as if it were a soft line break (a Message-ID holding "090" then stayed).
  return text
    .replace(/^(Message-ID|Date): .*$/gim, '')
    .replace(/=\r?\n/g, '')
    .replace(/boundary="?[^"\s;]+"?/gi, '')
    .replace(/^--[-\w]+$/gm, '')
    .replace(/\/alerts\/ack\/[\w-]+/g, '/alerts/ack/TOKEN');
}

function expectClean(text: string): void {
  const scanned = withoutRandom(text);
  for (const f of FORBIDDEN) expect(scanned, `alert contains "${f}"`).not.toContain(f);
}

describe('the host carries out an escalation', () => {
  it('mails and posts step 1 at once, content-free, each service in its own shape', async () => {
    smtp = await startSmtp();
    hooks = await startWebhooks();
    const { base, member } = await host({ smtp: smtpConfig(smtp.port) });
    const job = await sealFor(base, member, plan(hooks));
    expect(await handOver(base, member, job)).toEqual({ status: 201, result: 'created' });

    expect(smtp.mails).toHaveLength(0); // nothing before the runner's round
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.from).toBe('honbu@company.example');
    expect(mail.to).toBe('lead@company.example');
    expect(mail.subject).toBe('本部: 重大度 高 の新しい事案 / Honbu: new incident (high)');
    expect(mail.text).toContain('本部: 重大度 高 の新しい事案があります。アプリを開いてください。');
    expect(mail.text).toContain('Honbu: a new incident of high severity. Please open the app.');
    expect(mail.text).toMatch(new RegExp(`${base}/alerts/ack/[A-Za-z0-9_-]{43}`));
    expectClean(mail.raw);
    expectClean(mail.text);

    const byPath = Object.fromEntries(hooks.posts.map((p) => [p.path.split('/')[1], p]));
    expect(Object.keys(byPath).sort()).toEqual(['gchat', 'lineworks', 'slack', 'teams']);
    const text = `${plainText('high').ja}\n\n${plainText('high').en}`;
    expect(byPath.slack!.body).toEqual({ text });
    expect(byPath.gchat!.body).toEqual({ text });
    expect(byPath.lineworks!.body).toEqual({ title: '本部 / Honbu', body: { text } });
    const card = (byPath.teams!.body as { type: string; attachments: { contentType: string; content: { type: string; body: { text: string }[] } }[] });
    expect(card.type).toBe('message');
    expect(card.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0]!.content.body[0]!.text).toBe(text);
    for (const p of hooks.posts) {
      expect(p.contentType).toBe('application/json; charset=utf-8');
      expectClean(p.raw);
    }
    const r = await report(base, job);
    expect(r.state).toBe('running');
    expect(r.deliveries.map((d) => [d.key, d.status])).toEqual([
      ['0:p-lead:email', 'sent'],
      ['0:-:c-slack', 'sent'],
      ['0:-:c-teams', 'sent'],
      ['0:-:c-gchat', 'sent'],
      ['0:-:c-lw', 'sent'],
    ]);
  });

  it('a channel opted in for details gets the title, with the customer and numbers blanked', async () => {
    hooks = await startWebhooks();
    const { base, member } = await host();
    await handOver(base, member, await sealFor(base, member, plan(hooks, { details: true })));
    await server!.alerts!.tick();
    const slack = hooks.posts.find((p) => p.path.startsWith('/slack'))!;
    const teams = hooks.posts.find((p) => p.path.startsWith('/teams'))!;
    expect((slack.body as { text: string }).text).toContain('件名: ');
    expect(teams.raw).not.toContain('件名');
    for (const leak of ['hanako', 'example.jp', '090', '1234', '5678']) expect(slack.raw).not.toContain(leak);
  });

  it('no acknowledgement: step 2 after the wait, not before; an acknowledgement in the app stops the rest', async () => {
    smtp = await startSmtp();
    const { base, member } = await host({ smtp: smtpConfig(smtp.port) });
    const job = await sealFor(base, member, { ...plan(undefined), steps: [...plan(undefined).steps, { waitMinutes: 10, recipients: [{ personId: 'p-ceo', name: '社長', emails: ['ceo@company.example'] }] }] });
    await handOver(base, member, job);
    await server!.alerts!.tick();
    minutes(14);
    await server!.alerts!.tick();
    expect(smtp.mails.map((m) => m.to)).toEqual(['lead@company.example']);
    minutes(1);
    await server!.alerts!.tick();
    expect(smtp.mails.map((m) => m.to)).toEqual(['lead@company.example', 'exec@company.example, exec.mobile@company.example']);
    expectClean(smtp.mails[1]!.raw);

    const ack = await fetch(`${base}/alerts/jobs/${job.jobId}/ack`, { method: 'POST', headers: { 'x-honbu-job': job.secret }, body: JSON.stringify({ personId: 'p-exec' }) });
    expect(await ack.json()).toEqual({ result: 'acknowledged' });
    minutes(120);
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(2); // the CEO is not woken
    const r = await report(base, job);
    expect(r.state).toBe('acknowledged');
    expect(r.ack).toEqual({ at: clock - 120 * 60_000, personId: 'p-exec', via: 'app' });
    // Someone without the job's secret learns nothing and stops nothing.
    expect((await fetch(`${base}/alerts/jobs/${job.jobId}`, { headers: { 'x-honbu-job': newJobSecret() } })).status).toBe(404);
  });

  it('the one-time link in the mail acknowledges once; opening it only shows a button', async () => {
    smtp = await startSmtp();
    const { base, member } = await host({ smtp: smtpConfig(smtp.port) });
    const job = await sealFor(base, member, plan(undefined));
    await handOver(base, member, job);
    await server!.alerts!.tick();
    const link = /https?:\/\/\S+\/alerts\/ack\/[A-Za-z0-9_-]{43}/.exec(smtp.mails[0]!.text)![0];
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('確認しました / Acknowledge');
    expect((await report(base, job)).state).toBe('running'); // a mail scanner opening the link acknowledges nothing
    const first = await fetch(link, { method: 'POST' });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('確認を本部に伝えました');
    expect((await report(base, job)).ack).toMatchObject({ personId: 'p-lead', via: 'link' });
    const again = await fetch(link, { method: 'POST' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('すでに使われました');
    minutes(60);
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(1);
    expect((await fetch(`${base}/alerts/ack/${'A'.repeat(43)}`, { method: 'POST' })).status).toBe(410);
  });

  it('an expired link acknowledges nothing', async () => {
    smtp = await startSmtp();
    const { base, member } = await host({ smtp: smtpConfig(smtp.port) });
    const job = await sealFor(base, member, { ...plan(undefined), steps: [{ waitMinutes: 60 * 48, recipients: plan(undefined).steps[0]!.recipients }] });
    await handOver(base, member, job);
    await server!.alerts!.tick();
    const link = /https?:\/\/\S+\/alerts\/ack\/[A-Za-z0-9_-]{43}/.exec(smtp.mails[0]!.text)![0];
    minutes(25 * 60);
    const res = await fetch(link, { method: 'POST' });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('期限切れ');
    expect((await report(base, job)).state).toBe('running');
  });

  it('with every laptop closed, the host alone escalates on its own timer', async () => {
    smtp = await startSmtp();
    const { base, member } = await host({ smtp: smtpConfig(smtp.port), tickMs: 40 });
    await handOver(base, member, await sealFor(base, member, plan(undefined)));
    // From here no laptop talks to the host: only its clock moves.
    await expect.poll(() => smtp!.mails.length, { timeout: 5000 }).toBe(1);
    minutes(16);
    await expect.poll(() => smtp!.mails.length, { timeout: 5000 }).toBe(2);
    expect(smtp.mails[1]!.to).toBe('exec@company.example, exec.mobile@company.example');
  });

  it('a job handed over again (reconnect, another laptop, after a restart) is sent once, and the restart resumes it', async () => {
    smtp = await startSmtp();
    hooks = await startWebhooks();
    const first = await host({ smtp: smtpConfig(smtp.port) });
    const job = await sealFor(first.base, first.member, plan(hooks));
    expect((await handOver(first.base, first.member, job)).result).toBe('created');
    expect((await handOver(first.base, first.member, job)).result).toBe('exists');
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(1);
    expect(hooks.posts).toHaveLength(4);

    await server!.close();
    await store!.close();
    const again = await host({ smtp: smtpConfig(smtp.port) }, true);
    expect(await handOver(again.base, again.member, job)).toEqual({ status: 200, result: 'exists' });
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(1);
    expect(hooks.posts).toHaveLength(4);
    minutes(15);
    await server!.alerts!.tick();
    expect(smtp.mails.map((m) => m.to)).toEqual(['lead@company.example', 'exec@company.example, exec.mobile@company.example']);
    expect(hooks.posts).toHaveLength(8);
    expect((await report(again.base, job)).step).toBe(1);
  });

  it('a team cannot fill the host: beyond its running escalations a job waits (429) and gets in once one is acknowledged', async () => {
    const { base, member } = await host({ maxRunningPerTeam: 2 });
    const jobs = [await sealFor(base, member, plan(undefined)), await sealFor(base, member, plan(undefined)), await sealFor(base, member, plan(undefined))];
    expect((await handOver(base, member, jobs[0]!)).status).toBe(201);
    expect((await handOver(base, member, jobs[1]!)).status).toBe(201);
    expect(await handOver(base, member, jobs[2]!)).toEqual({ status: 429, result: 'full' });
    await fetch(`${base}/alerts/jobs/${jobs[0]!.jobId}/ack`, { method: 'POST', headers: { 'x-honbu-job': jobs[0]!.secret }, body: '{}' });
    expect((await handOver(base, member, jobs[2]!)).status).toBe(201);
  });

  it('refuses jobs from someone who is not a member, and boxes sealed to another host', async () => {
    const { base, member } = await host();
    const job = await sealFor(base, member, plan(undefined));
    const stranger = { room: member.room, token: credentialToken(new Uint8Array(32).fill(9)) };
    expect((await fetch(`${base}/alerts/jobs`, { method: 'POST', headers: headers(stranger), body: job.body })).status).toBe(403);
    expect((await fetch(`${base}/alerts/status`, { headers: headers(stranger) })).status).toBe(403);
    const other = JSON.parse(job.body) as { box: string };
    const forged = JSON.stringify({ ...JSON.parse(job.body), box: other.box.slice(0, -4) + 'AAAA' });
    expect((await fetch(`${base}/alerts/jobs`, { method: 'POST', headers: headers(member), body: forged })).status).toBe(400);
  });
});

describe('deliveries that fail are reported in words the app shows, and retried', () => {
  it('a wrong SMTP password (535): smtp-auth, kept, sent once the password is right', async () => {
    smtp = await startSmtp('the-new-password');
    const { base, member } = await host({ smtp: smtpConfig(smtp.port, 'right-password') });
    const job = await sealFor(base, member, plan(undefined));
    await handOver(base, member, job);
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(0);
    let r = await report(base, job);
    expect(r.deliveries[0]).toMatchObject({ status: 'retrying', attempts: 1, error: { code: 'smtp-auth' } });
    const st = await status(base, member);
    expect(st.emailError?.code).toBe('smtp-auth');
    expect(JSON.stringify(st)).not.toContain('right-password');
    smtp.password = 'right-password'; // the administrator fixed it
    clock += 29_000;
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(0); // not before the backoff
    clock += 2_000;
    await server!.alerts!.tick();
    expect(smtp.mails).toHaveLength(1);
    r = await report(base, job);
    expect(r.deliveries[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(r.deliveries[0]!.error).toBeUndefined();
    expect((await status(base, member)).emailError).toBeUndefined();
  });

  it('an unreachable SMTP server: smtp-unreachable, retried with growing waits', async () => {
    const { base, member } = await host({ smtp: { ...smtpConfig(1), port: 9 } });
    const job = await sealFor(base, member, plan(undefined));
    await handOver(base, member, job);
    await server!.alerts!.tick();
    expect((await report(base, job)).deliveries[0]).toMatchObject({ status: 'retrying', attempts: 1, error: { code: 'smtp-unreachable' } });
    clock += 30_000;
    await server!.alerts!.tick();
    clock += 59_000;
    await server!.alerts!.tick();
    expect((await report(base, job)).deliveries[0]!.attempts).toBe(2); // the second wait is a minute
    clock += 1_000;
    await server!.alerts!.tick();
    expect((await report(base, job)).deliveries[0]).toMatchObject({ attempts: 3, error: { code: 'smtp-unreachable' } });
    expect((await status(base, member)).emailError?.code).toBe('smtp-unreachable');
  });

  it('a webhook answering 500, then timing out: reported with the status, retried, then delivered once', async () => {
    hooks = await startWebhooks();
    const { base, member } = await host();
    const job = await sealFor(base, member, { ...plan(hooks), channels: channels(hooks).slice(0, 1) });
    hooks.mode = 500;
    await handOver(base, member, job);
    await server!.alerts!.tick();
    expect(slackOf(await report(base, job))).toMatchObject({ channel: 'c-slack', status: 'retrying', error: { code: 'webhook-status', status: 500 } });
    hooks.mode = 'hang';
    clock += 30_000;
    await server!.alerts!.tick();
    expect(slackOf(await report(base, job))).toMatchObject({ status: 'retrying', attempts: 2, error: { code: 'webhook-timeout' } });
    const st = JSON.stringify(await status(base, member));
    expect(st).toContain('webhook-timeout');
    expect(st).not.toContain('secret'); // the webhook URL is a secret
    hooks.mode = 'ok';
    clock += 60_000;
    await server!.alerts!.tick();
    expect(hooks.posts).toHaveLength(1);
    expect(slackOf(await report(base, job))).toMatchObject({ status: 'sent', attempts: 3 });
    clock += 3600_000;
    await server!.alerts!.tick();
    expect(hooks.posts.filter((p) => p.path.startsWith('/slack') && (p.body as { text: string }).text)).toHaveLength(2); // step 2's post, not a repeat of step 1's
  });

  it('no SMTP server configured: said so, and the mail waits in the queue', async () => {
    const { base, member } = await host();
    const job = await sealFor(base, member, plan(undefined));
    await handOver(base, member, job);
    await server!.alerts!.tick();
    expect((await status(base, member)).email).toBe('not-configured');
    expect((await report(base, job)).deliveries[0]).toMatchObject({ status: 'retrying', error: { code: 'smtp-not-configured' } });
  });
});
