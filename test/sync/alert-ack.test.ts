/**
 * Acknowledgements applied at once (decision 064, server/alerts/runner.ts), each told the
 * truth about whether it was the first:
 *
 * - Two people acknowledge the same job at the same moment through two processes of a host
 *   on Redis: one of them is told "acknowledged", the other "already", and the job names the
 *   one told "acknowledged" (the acknowledgement kept beside the job is written only if absent:
 *   HSETNX). Also when the first was folded into the job, and its record removed, while the
 *   second read the job.
 * - An acknowledgement made on the process whose round is deciding the job's last step: the
 *   job stays "acknowledged", never "finished".
 * - One process: two at once, an unknown job, a pruned job; LevelDB's write-if-absent.
 * - Chat escaping through the whole pipeline: no double escaping.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertRunner } from '../../server/alerts/runner';
import { webhookBody } from '../../server/alerts/delivery';
import { RedisStore } from '../../server/redis-store';
import { LevelStore } from '../../server/storage';
import type { AlertRecordStore } from '../../server/storage';
import { newJobSecret, sealJob, secretHash, type JobContent } from '../../shared/alerts/job';
import { detailedText, plainText, renderAlert } from '../../shared/alerts/message';
import { randomBytes } from '../../shared/vault/bytes';
import { startWebhooks, type WebhookFixture } from '../../e2e/alert-fixtures';
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

const chatJob = (hooks: WebhookFixture, steps = 1): JobContent => ({
  v: 1,
  severity: 'high',
  steps: Array.from({ length: steps }, () => ({ waitMinutes: 15, recipients: [] })),
  channels: [{ id: 'c-slack', kind: 'slack', label: '#incident', url: hooks.url('/slack/T/B/x'), details: false }],
  plain: plainText('high'),
  emailDetails: false,
});

async function webhooks() {
  const hooks = await startWebhooks();
  closers.push(() => hooks.close());
  return hooks;
}

describe('acknowledgements on a host on Redis (two processes)', () => {
  it('two people acknowledging the same job at once through two processes: one is told acknowledged, the other already', async (ctx) => {
    const redis = await redisOrSkip(ctx);
    if (!redis) return;
    closers.push(() => redis.stop());
    const [a, b] = [await RedisStore.open(redis.url), await RedisStore.open(redis.url)];
    closers.push(() => a.close(), () => b.close());
    const hooks = await webhooks();
    const opts = { publicUrl: 'https://honbu.company.example', now: () => clock, localWebhooks: true };
    const onA = await AlertRunner.open({ store: a, ...opts });
    const onB = await AlertRunner.open({ store: b, ...opts });
    closers.push(() => onA.idle(), () => onB.idle());

    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const job = await hand(onA, chatJob(hooks));
      // The executive presses 確認しました in the app while the lead clicks the mail's link — here both in the app, on two processes.
      const [ra, rb] = await Promise.all([onA.acknowledge(job.jobId, job.secret, 'p-exec'), onB.acknowledge(job.jobId, job.secret, 'p-lead')]);
      const report = await onA.report(job.jobId, job.secret);
      outcomes.push(`${ra}/${rb} → ${report?.ack?.personId}`);
      const told = [ra, rb].filter((r) => r === 'acknowledged').length;
      expect(told, `job ${i}: both were told "acknowledged" (${outcomes.join(', ')})`).toBe(1);
      const winner = ra === 'acknowledged' ? 'p-exec' : 'p-lead';
      expect(report?.ack?.personId, `job ${i}: the job names another person than the one told "acknowledged"`).toBe(winner);
    }
  }, 60_000);

  it('an acknowledgement made while this process’s round decides the job’s last step leaves the job acknowledged, not finished', async (ctx) => {
    const redis = await redisOrSkip(ctx);
    if (!redis) return;
    closers.push(() => redis.stop());
    const real = await RedisStore.open(redis.url);
    closers.push(() => real.close());
    // The same store, its reads of an acknowledgement kept beside a job answered a little late
    // once armed (a busy Redis, a slow network): the round's look before its next step.
    let armed = false;
    const store = Object.create(real) as RedisStore;
    let roundLooked: () => void = () => undefined;
    const looked = new Promise<void>((r) => (roundLooked = r));
    store.alertGet = async (key: string) => {
      const v = await real.alertGet.call(store, key);
      if (armed && key.startsWith('ack!')) {
        armed = false;
        roundLooked();
        await new Promise((r) => setTimeout(r, 400));
      }
      return v;
    };
    const hooks = await webhooks();
    const runner = await AlertRunner.open({ store, publicUrl: 'https://honbu.company.example', now: () => clock, localWebhooks: true });
    closers.push(() => runner.idle());
    const job = await hand(runner, chatJob(hooks, 1));
    await runner.tick();
    expect(hooks.posts).toHaveLength(1);
    // The step's 15 minutes are over: the next round finishes the job unless someone acknowledged.
    clock += 16 * 60_000;
    armed = true;
    const round = runner.tick();
    await looked;
    expect(await runner.acknowledge(job.jobId, job.secret, 'p-lead')).toBe('acknowledged');
    await round;
    await runner.tick();
    const report = await runner.report(job.jobId, job.secret);
    expect(report?.ack?.personId).toBe('p-lead');
    expect(report?.state, 'told "acknowledged", the job reads as finished (nobody acknowledged in time)').toBe('acknowledged');
  }, 30_000);
});

describe('an acknowledgement that read the job before another was folded into it', () => {
  it('is told already: the first, folded into the job and its record removed meanwhile, stays the job’s', async (ctx) => {
    const redis = await redisOrSkip(ctx);
    if (!redis) return;
    closers.push(() => redis.stop());
    const [a, realB] = [await RedisStore.open(redis.url), await RedisStore.open(redis.url)];
    closers.push(() => a.close(), () => realB.close());
    // Process B's first read of the job answers what it read, but only once let go: meanwhile A
    // acknowledges and its next round folds that into the job and removes the record beside it.
    const b = Object.create(realB) as RedisStore;
    let held = false;
    let reading: () => void = () => undefined;
    const read = new Promise<void>((r) => (reading = r));
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    b.alertGet = async (key: string) => {
      const v = await realB.alertGet.call(b, key);
      if (!held && key.startsWith('job!')) {
        held = true;
        reading();
        await released;
      }
      return v;
    };
    const hooks = await webhooks();
    const opts = { publicUrl: 'https://honbu.company.example', now: () => clock, localWebhooks: true };
    const onA = await AlertRunner.open({ store: a, ...opts });
    const onB = await AlertRunner.open({ store: b, ...opts });
    closers.push(() => onA.idle(), () => onB.idle());
    const job = await hand(onA, chatJob(hooks));
    const late = onB.acknowledge(job.jobId, job.secret, 'p-lead');
    await read;
    expect(await onA.acknowledge(job.jobId, job.secret, 'p-exec')).toBe('acknowledged');
    await onA.tick();
    expect(await a.alertList('ack!')).toEqual([]);
    release();
    expect(await late).toBe('already');
    await onA.tick();
    expect(await onB.report(job.jobId, job.secret)).toMatchObject({ state: 'acknowledged', ack: { personId: 'p-exec' } });
    expect(await a.alertList('ack!')).toEqual([]);
  }, 30_000);
});

describe('LevelDB: a record written only if absent', () => {
  it('of twenty writes at once, one writes; the record is the winner’s', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'honbu-alert-once-'));
    const store = await LevelStore.open(dir);
    closers.push(async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    });
    const wrote = await Promise.all(Array.from({ length: 20 }, (_, i) => store.alertPutIfAbsent('ack!j', new TextEncoder().encode(String(i)))));
    expect(wrote.filter(Boolean)).toHaveLength(1);
    const winner = wrote.indexOf(true);
    expect(new TextDecoder().decode(await store.alertGet('ack!j'))).toBe(String(winner));
    expect(await store.alertPutIfAbsent('ack!k', new Uint8Array([1]))).toBe(true);
  });
});

describe('acknowledgements on one process', () => {
  it('two at once: one acknowledged, one already, and the job names the first', async () => {
    const hooks = await webhooks();
    const runner = await AlertRunner.open({ store: memStore(), publicUrl: 'https://honbu.company.example', now: () => clock, localWebhooks: true });
    closers.push(() => runner.idle());
    const job = await hand(runner, chatJob(hooks));
    const [x, y] = await Promise.all([runner.acknowledge(job.jobId, job.secret, 'p-1'), runner.acknowledge(job.jobId, job.secret, 'p-2')]);
    expect([x, y].sort()).toEqual(['acknowledged', 'already']);
    const report = await runner.report(job.jobId, job.secret);
    expect(report?.ack?.personId).toBe(x === 'acknowledged' ? 'p-1' : 'p-2');
  });

  it('an unknown job, a wrong secret and a malformed id are unknown; a pruned job acknowledged before is already', async () => {
    const hooks = await webhooks();
    const runner = await AlertRunner.open({ store: memStore(), publicUrl: 'https://honbu.company.example', now: () => clock, localWebhooks: true, retentionMs: 60_000 });
    closers.push(() => runner.idle());
    const job = await hand(runner, chatJob(hooks));
    expect(await runner.acknowledge('nosuchjob-00000000', job.secret, 'p')).toBe('unknown');
    expect(await runner.acknowledge(job.jobId, newJobSecret(), 'p')).toBe('unknown');
    expect(await runner.acknowledge('../../job!x*?[', job.secret, 'p')).toBe('unknown');
    expect(await runner.acknowledge(job.jobId, job.secret, 'p')).toBe('acknowledged');
    await runner.tick();
    clock += 10 * 60_000;
    await runner.prune();
    expect(await runner.acknowledge(job.jobId, job.secret, 'q')).toBe('already');
    expect(await runner.report(job.jobId, job.secret)).toMatchObject({ state: 'acknowledged', ack: { personId: 'p' } });
  });
});

describe('chat text escaping through the pipeline', () => {
  it('a title holding &amp; and mrkdwn is escaped once for Slack: &amp; shows as typed, < > never markup', () => {
    const title = '通報: A&amp;B社 <!here> *至急* `code` &lt;users/all&gt;';
    const text = renderAlert(detailedText('high', title));
    const slack = (webhookBody('slack', text, 't') as { text: string }).text;
    // What Slack shows after reading its three escapes back: the title as typed.
    const shown = slack.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(shown).toContain('A&amp;B社 <!here> *至急* `code` &lt;users/all&gt;');
    expect(slack).not.toMatch(/<[^&]/);
    const gchat = (webhookBody('google-chat', text, 't') as { text: string }).text;
    expect(gchat).not.toContain('<');
  });
});
