/**
 * `npm run server` refuses a mistyped --redis address with what to fix — without printing the
 * password inside it to the terminal and the service's log (redis://:password@host).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { spawnServer } from './processes';

it('a mistyped --redis address is refused without its password', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'honbu-flags-'));
  try {
    const err = await spawnServer({ dataDir: dir, redis: 'redis//:Sup3r-Secret@redis.company.example:6379' }).then(
      () => new Error('started'),
      (e: unknown) => e as Error,
    );
    expect(err.message).toMatch(/--redis wants a redis:\/\/ address/);
    expect(err.message).toContain('redis.company.example');
    expect(err.message).not.toContain('Sup3r-Secret');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);
