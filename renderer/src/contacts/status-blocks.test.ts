import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { blockId, type StatusRecord, statusBlocks } from './tables';
import { dropTestDatabases, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

const rec = (datasetId: string, block: number): StatusRecord => ({
  id: blockId(datasetId, block), datasetId, block, avail: Uint8Array.of(block & 255), segment: Uint16Array.of(0), words: Uint16Array.of(block & 0xffff),
});

describe('status blocks read by runs of adjacent blocks', () => {
  it('return what a read per block returns, in the order asked, for runs, gaps, repeats, absent blocks and blocks past the id width', async () => {
    const { engine } = await openTestEngine();
    const t = engine.tables.status;
    const ds = 'ds-a';
    // Blocks 0–2,599 but a gap at 700–709 and 1,500; block 1,000,000 (its id is a digit longer,
    // and sorts inside the range 100,000–100,001); another list whose id starts like this one's.
    const blocks = Array.from({ length: 2_600 }, (_, b) => b).filter((b) => (b < 700 || b > 709) && b !== 1_500);
    await t.bulkPut([...blocks.map((b) => rec(ds, b)), rec(ds, 1_000_000), rec(ds, 100_000), rec(ds, 100_001), ...[5, 6, 7, 8, 9, 10, 11, 12, 13].map((b) => rec('ds-a:0000', b))]);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const asks: number[][] = [
      [],
      Array.from({ length: 2_600 }, (_, b) => b), // every block: three range reads (1,000 a request)
      [3, 1, 2, 0, 9, 8, 7, 6, 5, 4, 10, 11], // unsorted
      [695, 696, 697, 698, 699, 700, 701, 702, 703, 704, 705, 1_499, 1_500, 1_501], // a run into the gap, an absent block
      [100_000, 100_001, 99_999, 1_000_000, 42, 42, 42], // past the id width, repeats
      Array.from({ length: 400 }, () => Math.floor(next() * 2_700)).sort((a, b) => a - b), // sorted with repeats and gaps
      Array.from({ length: 300 }, (_, i) => 1_000 + i * 2), // every other block: no run
    ];
    for (const ask of asks) {
      const got = await statusBlocks(t, ds, ask);
      const want = await t.bulkGet(ask.map((b) => blockId(ds, b)));
      expect(got.map((r) => r?.id ?? null), ask.slice(0, 12).join(',')).toEqual(want.map((r) => r?.id ?? null));
      expect(got.map((r) => r?.words[0] ?? null)).toEqual(want.map((r) => r?.words[0] ?? null));
    }
  });
});

describe('a run of blocks across the pad width (block 999,999 then 1,000,000)', () => {
  it('reads every block of the run: ids of a different length do not sort in block order', async () => {
    const { engine } = await openTestEngine();
    const t = engine.tables.status;
    const ds = 'ds-wide';
    // Blocks 999,990–1,000,009 (a list of about a billion rows); their ids are "…:999990" to
    // "…:1000009", and "…:999990" sorts after "…:1000009" as text.
    const run = Array.from({ length: 20 }, (_, i) => 999_990 + i);
    await t.bulkPut(run.map((b) => rec(ds, b)));
    for (const ask of [run, run.slice(5, 15), Array.from({ length: 30 }, (_, i) => 9_999_985 + i)]) {
      if (ask[0]! > 9_000_000) await t.bulkPut(ask.map((b) => rec(ds, b)));
      const got = await statusBlocks(t, ds, ask);
      expect(got.map((r) => r?.block ?? null), `${ask[0]}…${ask[ask.length - 1]}`).toEqual(ask);
    }
  });
});
