/**
 * The cap on waiting intake reports is counted and stored in one step (decision 064;
 * intakeAddUnder: LevelDB one submission at a time per prefix, a Lua script on Redis): exactly
 * the cap is taken, a prefix that is a prefix of another's counts apart, glob characters are
 * plain characters, and a burst on two Redis clients is counted together.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelStore } from '../../server/storage';
import { RedisStore } from '../../server/redis-store';
import { redisOrSkip } from './processes';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

type Capped = Pick<LevelStore, 'intakeAddUnder' | 'intakeList'>;
const rec = (prefix: string, i: number) => ({ key: `${prefix}${String(i).padStart(6, '0')}`, value: new TextEncoder().encode(`{"i":${i}}`) });

async function level(): Promise<Capped> {
  const dir = await mkdtemp(join(tmpdir(), 'honbu-intake-cap-'));
  const s = await LevelStore.open(dir);
  closers.push(async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });
  return s as Capped;
}

async function check(s: Capped, more?: Capped) {
  // Off by one: cap 3 takes 3, refuses the 4th.
  const p = 'sub!abc!';
  const got = [];
  for (let i = 0; i < 4; i++) got.push(await s.intakeAddUnder(p, 3, rec(p, i)));
  expect(got).toEqual([true, true, true, false]);
  // An id that is a prefix of another's: abcd's reports do not count against abc, nor abc's against abcd.
  const q = 'sub!abcd!';
  for (let i = 0; i < 3; i++) expect(await s.intakeAddUnder(q, 3, rec(q, i))).toBe(true);
  expect(await s.intakeAddUnder(q, 3, rec(q, 9))).toBe(false);
  // Glob and pattern characters in a prefix are plain characters.
  for (const g of ['sub!*!', 'sub!?!', 'sub![a-z]!', 'sub!%!', 'sub!.!']) {
    expect(await s.intakeAddUnder(g, 1, rec(g, 0)), g).toBe(true);
    expect(await s.intakeAddUnder(g, 1, rec(g, 1)), g).toBe(false);
  }
  // A cap of 0 takes nothing.
  expect(await s.intakeAddUnder('sub!zero!', 0, rec('sub!zero!', 0))).toBe(false);
  // A burst at once (from two clients when given): exactly the cap.
  const r = 'sub!burst!';
  const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => ((more && i % 2 ? more : s) as Capped).intakeAddUnder(r, 7, rec(r, i))));
  expect(answers.filter(Boolean)).toHaveLength(7);
  expect(await s.intakeList(r, 100)).toHaveLength(7);
}

describe('intakeAddUnder', () => {
  it('LevelDB: exact cap, prefix collisions, glob characters, a burst', async () => {
    await check(await level());
  });

  it('Redis, two clients: exact cap, prefix collisions, glob characters, a burst across both', async (ctx) => {
    const redis = await redisOrSkip(ctx);
    if (!redis) return;
    closers.push(() => redis.stop());
    const [a, b] = [await RedisStore.open(redis.url), await RedisStore.open(redis.url)];
    closers.push(() => a.close(), () => b.close());
    await check(a, b);
  });
});
