/**
 * Attacks on RowPairs (7612892) from outside: the ends of the 32-bit range (the top bit, which
 * a signed 64-bit view would sort first), its growth at and around each doubling, pushing
 * after a sort, equal pairs, and the path taken where the machine is big-endian (made here by
 * loading the module with a Uint16Array that stores its first value byte-swapped).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RowPairs } from './row-pairs';
import { xorshift32 } from './test-random';

type PairsClass = typeof RowPairs;
const pairsOf = (p: RowPairs) => Array.from({ length: p.length }, (_, i) => [p.later(i), p.earlier(i)] as [number, number]);
const byLaterThenEarlier = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

/** RowPairs as loaded on a machine whose words are big-endian (the module's own test of it answers so). */
async function bigEndianRowPairs(): Promise<PairsClass> {
  const Real = Uint16Array;
  class Swapped extends Real {
    constructor(...args: unknown[]) {
      if (Array.isArray(args[0])) super((args[0] as number[]).map((v) => ((v & 0xff) << 8) | ((v >> 8) & 0xff)));
      else super(...(args as [number]));
    }
  }
  vi.resetModules();
  vi.stubGlobal('Uint16Array', Swapped);
  try {
    const m = await import('./row-pairs');
    return m.RowPairs;
  } finally {
    vi.unstubAllGlobals();
  }
}
afterEach(() => vi.unstubAllGlobals());

function suite(name: string, load: () => Promise<PairsClass>) {
  describe(name, () => {
    it('the ends of the range and the top bit: (1, 2^32-1) before (2, 0); 2^31 after 2^31-1 in either word; 0 and 2^32-1 kept exactly', async () => {
      const P = await load();
      const p = new P();
      const want: [number, number][] = [
        [0xffffffff, 0xffffffff],
        [0xffffffff, 0],
        [0x80000000, 0x7fffffff],
        [0x7fffffff, 0x80000000],
        [0x80000000, 0x80000000],
        [0x7fffffff, 0xffffffff],
        [2, 0],
        [1, 0xffffffff],
        [0, 0xffffffff],
        [0, 0],
        [0, 0x80000000],
        [0xfffffffe, 0xffffffff],
      ];
      for (const [later, earlier] of want) p.push(later, earlier);
      expect(pairsOf(p)).toEqual(want);
      p.sort();
      expect(pairsOf(p)).toEqual([...want].sort(byLaterThenEarlier));
    });

    it('around each doubling (1,023 … 4,097 pairs and 70,000): every pair back as pushed, and sorted with none of the spare room (zeros) taken in', async () => {
      const P = await load();
      for (const n of [1, 1023, 1024, 1025, 2047, 2048, 2049, 4096, 4097, 70_000]) {
        const next = xorshift32(n);
        const p = new P();
        const want: [number, number][] = [];
        for (let i = 0; i < n; i++) {
          // Never 0, so a zero read from the room past the end would show.
          const pair: [number, number] = [(next() | 1) >>> 0, (next() | 1) >>> 0];
          p.push(...pair);
          want.push(pair);
        }
        expect(p.length, `${n}`).toBe(n);
        expect(pairsOf(p), `${n}`).toEqual(want);
        p.sort();
        expect(pairsOf(p), `${n}`).toEqual(want.sort(byLaterThenEarlier));
      }
    });

    it('pushed to after a sort, across a doubling, and sorted again: the union, in order', async () => {
      const P = await load();
      const next = xorshift32(11);
      const p = new P();
      const want: [number, number][] = [];
      for (const n of [700, 330, 1, 1500, 0, 3000]) {
        for (let i = 0; i < n; i++) {
          const pair: [number, number] = [next() % 500, next() % 3];
          p.push(...pair);
          want.push(pair);
        }
        p.sort();
        expect(pairsOf(p)).toEqual([...want].sort(byLaterThenEarlier));
      }
    });

    it('equal pairs and pairs equal in one word only: none lost, none merged', async () => {
      const P = await load();
      const p = new P();
      const want: [number, number][] = [];
      for (let i = 0; i < 3000; i++) {
        const pair: [number, number] = [i % 3 === 0 ? 7 : 5, i % 2 === 0 ? 9 : 0xfffffff9];
        p.push(...pair);
        want.push(pair);
      }
      p.sort();
      const got = pairsOf(p);
      expect(got).toEqual(want.sort(byLaterThenEarlier));
      const count = (l: number, e: number) => got.filter(([a, b]) => a === l && b === e).length;
      expect([count(5, 9), count(5, 0xfffffff9), count(7, 9), count(7, 0xfffffff9)]).toEqual([1000, 1000, 500, 500]);
    });

    it('random lists against a plain sort, 40 seeds, rows as an import makes them (later above earlier, many sharing the earlier)', async () => {
      const P = await load();
      for (let seed = 1; seed <= 40; seed++) {
        const next = xorshift32(seed * 7919);
        const p = new P();
        const want: [number, number][] = [];
        const n = next() % 5000;
        for (let i = 0; i < n; i++) {
          const earlier = next() % (seed * 1000);
          const later = earlier + 1 + (next() % (seed % 2 ? 50 : 0xffff));
          p.push(later, earlier);
          want.push([later, earlier]);
        }
        p.sort();
        expect(pairsOf(p), `seed ${seed}`).toEqual(want.sort(byLaterThenEarlier));
      }
    });
  });
}

suite('RowPairs on this machine (little-endian: sorted as 64-bit words)', async () => RowPairs);
suite('RowPairs where the machine is big-endian (sorted by a comparator)', bigEndianRowPairs);

it('the big-endian stand-in does take the other path (its sort is not the 64-bit view)', async () => {
  const P = await bigEndianRowPairs();
  const spy = vi.spyOn(BigUint64Array.prototype, 'sort');
  try {
    const p = new P();
    p.push(2, 1);
    p.push(1, 2);
    p.sort();
    expect(pairsOf(p)).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(spy).not.toHaveBeenCalled();
    const q = new RowPairs();
    q.push(2, 1);
    q.push(1, 2);
    q.sort();
    expect(spy).toHaveBeenCalledTimes(1);
  } finally {
    spy.mockRestore();
  }
});
