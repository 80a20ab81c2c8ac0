/**
 * The alert lock on Redis is a lease: it can run out under a process that still works on the
 * jobs (Redis restarted for longer than the lease, a network cut while a slow SMTP server holds
 * a delivery). Another process then takes it and records, say, an acknowledgement. The first
 * process's late writes must not overwrite that — before, its save of the job as it last knew
 * it brought a stopped escalation back to life, and it went on mailing the step's next people.
 */
import { afterEach, expect, it } from 'vitest';
import { RedisStore } from '../../server/redis-store';
import { fromUtf8, utf8 } from '../../shared/vault/bytes';
import { redisOrSkip, type RedisProcess } from './processes';
import { AlertRunner } from '../../server/alerts/runner';
import { newJobSecret, sealJob, secretHash, type JobContent } from '../../shared/alerts/job';
import { plainText } from '../../shared/alerts/message';
import { randomBytes } from '../../shared/vault/bytes';

let redis: RedisProcess | undefined;
const stores: RedisStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  await redis?.stop();
  redis = undefined;
});

it('a process whose lock ran out cannot overwrite what the new holder wrote', async (ctx) => {
  const r = await redisOrSkip(ctx);
  if (!r) return;
  redis = r;
  const a = await RedisStore.open(r.url);
  const b = await RedisStore.open(r.url);
  stores.push(a, b);
  await a.alertPut('job!J1', utf8('{"state":"running"}'));

  const late = a.alertExclusive(async () => {
    await a.alertPut('job!J1', utf8('{"state":"running","step":1}'));
    // The lease runs out under A (as after a Redis restart that outlasted it): B takes the lock and records the acknowledgement.
    await a.client.del('honbu:alerts-lock');
    await b.alertExclusive(() => b.alertPut('job!J1', utf8('{"state":"acknowledged"}')));
    // A, still in its round, saves the job as it knew it, and would make the next mail's link.
    await a.alertPut('job!J1', utf8('{"state":"running","step":2}'));
  });
  await expect(late).rejects.toThrow(/alert lock was lost/);
  expect(fromUtf8((await b.alertGet('job!J1'))!)).toBe('{"state":"acknowledged"}');
  await expect(a.alertExclusive(() => a.alertDel(['job!J1']).then(() => 'ok'))).resolves.toBe('ok');
  // Outside a round (a single process, tools): writes as before.
  await a.alertPut('key', utf8('k'));
  expect(fromUtf8((await a.alertGet('key'))!)).toBe('k');
});

it('a round whose lock ran out mails nobody more: the people still waiting for the SMTP lane are left to the new holder', async (ctx) => {
  const r = await redisOrSkip(ctx);
  if (!r) return;
  redis = r;
  const store = await RedisStore.open(r.url);
  stores.push(store);
  const sent: string[] = [];
  // One mail at a time to the SMTP server; during the first, the lease runs out (Redis restarted for longer than it).
  const mailer = {
    async send(mail: { to: readonly string[] }) {
      sent.push(mail.to.join(', '));
      if (sent.length === 1) await store.client.del('honbu:alerts-lock');
    },
    close() {},
  };
  const runner = await AlertRunner.open({ store, mailer, publicUrl: 'https://honbu.company.example', perLane: 1, now: () => Date.UTC(2026, 11, 2, 1) });
  const content: JobContent = {
    v: 1,
    severity: 'high',
    steps: [{ waitMinutes: 15, recipients: ['ceo', 'cfo', 'cio', 'pr'].map((p) => ({ personId: p, name: p, emails: [`${p}@company.example`] })) }],
    channels: [],
    plain: plainText('high'),
    emailDetails: false,
  };
  const jobId = Buffer.from(randomBytes(16)).toString('base64url');
  expect(await runner.accept('tag', { jobId, secretHash: await secretHash(newJobSecret()), ...(await sealJob(runner.publicKey, jobId, content)) })).toBe('created');
  const log = console.error;
  console.error = () => undefined;
  try {
    await runner.tick();
  } finally {
    console.error = log;
  }
  // The mail in flight went; the three still queued were not sent by this process (another would send them once).
  expect(sent).toEqual(['ceo@company.example']);
  runner.stop();
});
