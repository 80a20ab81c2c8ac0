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
import { startRedis, type RedisProcess } from './processes';

let redis: RedisProcess | undefined;
const stores: RedisStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  await redis?.stop();
  redis = undefined;
});

it('a process whose lock ran out cannot overwrite what the new holder wrote', async (ctx) => {
  const r = await startRedis();
  if (typeof r === 'string') return ctx.skip();
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
