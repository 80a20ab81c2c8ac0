import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenRows } from './lookup';
import { resolveMany } from './result-lists';
import { BLOCK_ROWS, indexPrefix, pad } from './tables';
import { dropTestDatabases, openTestEngine } from './test-engine';
import { seededRandom as random } from '../../../shared/testing/seeded-random';

afterEach(dropTestDatabases);


type Engine = Awaited<ReturnType<typeof openTestEngine>>['engine'];

/**
 * Index segments as an import writes them: per import chunk of `chunkRows` rows, one segment
 * per kind and bucket holding (token hi, token lo, row) in row order. Rows take values from
 * a pool, so some values name several rows, in one chunk or across chunks.
 */
async function writeSegments(engine: Engine, datasetId: string, kind: string, valueOf: (row: number) => string, rows: number, chunkRows: number) {
  const recs: { id: string; datasetId: string; entries: Uint32Array }[] = [];
  for (let first = 0; first < rows; first += chunkRows) {
    const buckets = new Map<number, number[]>();
    for (let row = first; row < Math.min(rows, first + chunkRows); row++) {
      const tok = engine.tokenizer.token(kind as never, valueOf(row));
      const b = tok.hi >>> 24;
      (buckets.get(b) ?? buckets.set(b, []).get(b)!).push(tok.hi, tok.lo, row);
    }
    for (const [b, e] of buckets) recs.push({ id: indexPrefix(datasetId, kind, b) + pad(first / BLOCK_ROWS), datasetId, entries: Uint32Array.from(e) });
  }
  await engine.tables.index.bulkPut(recs);
}

describe('a list resolved in one pass finds what one lookup per line finds', () => {
  it('random lists of present, absent and repeated numbers, over many segments of every bucket, equal the single lookups', async () => {
    const { engine } = await openTestEngine();
    const next = random(17);
    const ds = 'ds-many';
    const ROWS = 24_000;
    // 6,000 numbers over 24,000 rows: most name several rows, often in different chunks.
    const pool = Array.from({ length: 6_000 }, (_, i) => `K${String(i).padStart(7, '0')}`);
    const valueOf = (row: number) => pool[(row * 7919) % pool.length]!;
    await writeSegments(engine, ds, 'no', valueOf, ROWS, 1_000); // 24 chunks → up to 24 segments per bucket
    // The same numbers under another kind and in another list must not leak in.
    await writeSegments(engine, ds, 'phone', valueOf, 3_000, 1_000);
    await writeSegments(engine, 'ds-other', 'no', valueOf, 3_000, 1_000);
    for (let round = 0; round < 4; round++) {
      const size = [1, 50, 600, 2_500][round]!;
      const list = Array.from({ length: size }, () => {
        const r = next();
        if (r < 0.2) return `ABSENT${Math.floor(next() * 1e6)}`; // nobody has it
        return pool[Math.floor(next() * pool.length)]!; // present, and repeated in a long list
      });
      const many = await resolveMany(engine, ds, 'no', list);
      const single = new Map<string, number[]>();
      for (const v of new Set(list)) {
        const rows = await tokenRows(engine.tables, engine.tokenizer, ds, 'no', v);
        if (rows.length > 0) single.set(v, rows);
      }
      expect(many.size, `round ${round}`).toBe(single.size);
      for (const [v, rows] of single) expect(many.get(v), v).toEqual(rows);
      // Every row of every present number, in row order (the segments' order).
      for (const rows of many.values()) expect(rows).toEqual([...rows].sort((a, b) => a - b));
    }
  });

  it('a list whose numbers all fall in a few buckets, and an empty list', async () => {
    const { engine } = await openTestEngine();
    const ds = 'ds-few';
    const valueOf = (row: number) => `N${row % 500}`;
    await writeSegments(engine, ds, 'no', valueOf, 5_000, 1_000);
    expect((await resolveMany(engine, ds, 'no', [])).size).toBe(0);
    // Numbers whose tokens share a bucket, and their neighbours' buckets, one at a time and together.
    const byBucket = new Map<number, string[]>();
    for (let i = 0; i < 500; i++) {
      const b = engine.tokenizer.token('no', `N${i}`).hi >>> 24;
      (byBucket.get(b) ?? byBucket.set(b, []).get(b)!).push(`N${i}`);
    }
    const some = [...byBucket.entries()].sort((a, b) => a[0] - b[0]).slice(0, 12).flatMap(([, vs]) => vs);
    const many = await resolveMany(engine, ds, 'no', [...some, 'N999999']);
    for (const v of some) expect(many.get(v), v).toEqual(await tokenRows(engine.tables, engine.tokenizer, ds, 'no', v));
    expect(many.has('N999999')).toBe(false);
  });
});

describe('a list whose index reads fail', () => {
  it('fails once: the reads still in flight do not each raise an unexpected error of their own', async () => {
    const { engine } = await openTestEngine();
    const index = engine.data.tables.index;
    // Every range read fails (the database went away under a long list's preview).
    const where = index.where.bind(index);
    (index as { where: unknown }).where = () => ({
      between: () => ({ toArray: () => new Promise((_, reject) => setTimeout(() => reject(new Error('read failed')), 5)) }),
    });
    const stray: unknown[] = [];
    const onStray = (reason: unknown) => stray.push(reason);
    process.on('unhandledRejection', onStray);
    try {
      // Numbers in buckets all over: a few dozen range reads, three in flight.
      const list = Array.from({ length: 400 }, (_, i) => `N${i}`);
      await expect(resolveMany(engine, 'ds-gone', 'no', list)).rejects.toThrow('read failed');
      await new Promise((r) => setTimeout(r, 50));
      expect(stray).toEqual([]);
    } finally {
      process.off('unhandledRejection', onStray);
      (index as { where: unknown }).where = where;
    }
  });
});
