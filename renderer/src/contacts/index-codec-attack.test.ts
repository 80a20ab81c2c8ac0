import { describe, expect, it } from 'vitest';
import { framePacked, packEntries, storedEntries, unpackEntries } from './index-codec';
import type { IndexRecord } from './tables';
import { randomPicks } from './test-random';

/** xorshift32: a generator of our own, not the author's LCG. */
const gen = randomPicks;

const MAX = 0xffffffff;
const trip = (list: [number, number, number][]) => Uint32Array.from(list.flat());
const roundTrip = (e: Uint32Array) => expect(Array.from(unpackEntries(packEntries(e)) ?? [-1])).toEqual(Array.from(e));

describe('packed index records under attack: round trips', () => {
  it('boundary tokens and rows', () => {
    roundTrip(new Uint32Array(0));
    roundTrip(trip([[0, 0, 0]]));
    roundTrip(trip([[MAX, MAX, MAX]]));
    roundTrip(trip([[0, 0, MAX], [0, 0, 0], [0, 0, MAX], [MAX, MAX, 0], [0, 0, MAX]]));
    // tokens differing only in lo, up and down, and wrapping
    roundTrip(trip([[5, 0, 1], [5, 1, 2], [5, 0, 3], [5, MAX, 4], [6, 0, 5], [5, MAX, 6], [6, 0, 7]]));
    // hi differing by exactly 2^20, 2^20 - 1, and NEXT deltas right at / around 2^49
    const h = 0x100000;
    roundTrip(trip([[1, 0, 0], [1 + h, 0, 1], [1 + 2 * h - 1, MAX, 2], [1 + 2 * h - 1 + h, 0, 3]]));
    const at49 = 2 ** 49;
    const hiOf = (d: number) => Math.floor(d / 2 ** 32);
    const loOf = (d: number) => d % 2 ** 32;
    for (const d of [at49 - 1, at49, at49 + 1, at49 - 2 ** 32, at49 + 2 ** 32]) {
      roundTrip(trip([[0, 0, 0], [hiOf(d), loOf(d), 0]]));
      roundTrip(trip([[7, 9, 0], [7 + hiOf(d + 9), loOf(d + 9), 0]]));
    }
    // a NEXT step from the last NEW token when the previous entry was a dictionary reference
    roundTrip(trip([[10, 10, 0], [10, 11, 1], [10, 10, 2], [10, 12, 3], [10, 11, 4], [10, 13, 5]]));
    // the same token many times, reappearing after many others
    const list: [number, number, number][] = [];
    for (let i = 0; i < 3000; i++) list.push([1, 1, i], [2 + i, 7 * i, i]);
    list.push([1, 1, MAX]);
    roundTrip(trip(list));
  });

  it('thousands of distinct tokens (dictionary references of 2–3 varint bytes), rows in any order', () => {
    for (const distinct of [127, 128, 129, 16_383, 16_384, 16_385, 40_000]) {
      const g = gen(distinct);
      const pool = Array.from({ length: distinct }, () => [g.u32(), g.u32()] as const);
      const list: [number, number, number][] = pool.map(([hi, lo]) => [hi, lo, g.u32()]);
      // then every token again, in another order: dictionary references up to `distinct`
      for (let i = 0; i < distinct; i++) {
        const [hi, lo] = pool[(i * 7919) % distinct]!;
        list.push([hi, lo, g.int(3) === 0 ? 0 : g.u32()]);
      }
      roundTrip(trip(list));
    }
  });

  it('random triple arrays of every shape equal themselves after a round trip', () => {
    for (let seed = 1; seed < 400; seed++) {
      const g = gen(seed * 2654435761);
      const n = g.pick([0, 1, 2, 3, 10, 100, 1000]);
      const pool: [number, number][] = Array.from({ length: 1 + g.int(50) }, () => {
        const kind = g.int(5);
        if (kind === 0) return [g.pick([0, 1, MAX, MAX - 1, 0x100000, 0xfffff]), g.pick([0, 1, MAX, MAX - 1])];
        return [g.u32(), g.u32()];
      });
      // neighbours of pool tokens (NEXT candidates)
      for (const [hi, lo] of pool.slice()) pool.push([hi, (lo + 1 + g.int(1000)) >>> 0], [(hi + g.int(3)) >>> 0, g.u32()]);
      const out = new Uint32Array(n * 3);
      let row = g.u32();
      for (let i = 0; i < n; i++) {
        const [hi, lo] = g.pick(pool);
        const r = g.int(6);
        row = r === 0 ? row : r === 1 ? g.u32() : r === 2 ? g.pick([0, MAX]) : (row + g.int(100)) >>> 0;
        out.set([hi, lo, row], i * 3);
      }
      roundTrip(out);
      const order = Array.from({ length: n }, (_, i) => i * 3).sort((a, b) => out[a]! - out[b]! || out[a + 1]! - out[b + 1]! || out[a + 2]! - out[b + 2]!);
      roundTrip(Uint32Array.from(order.flatMap((at) => [out[at]!, out[at + 1]!, out[at + 2]!])));
    }
  });
});

describe('packed index records under attack: hostile bytes', () => {
  const check = (bytes: Uint8Array) => {
    let got: Uint32Array | null = null;
    expect(() => (got = unpackEntries(bytes))).not.toThrow();
    if (got) {
      const e = got as Uint32Array;
      expect(e.length % 3).toBe(0);
      // never more than the bytes can hold: two bytes at least per entry
      expect(e.length / 3).toBeLessThanOrEqual(bytes.length / 2);
      // what decodes, re-encodes to the same triples
      expect(Array.from(unpackEntries(packEntries(e))!)).toEqual(Array.from(e));
    }
    return got;
  };

  it('mutations of real records never throw, and anything that decodes is a record', () => {
    let decoded = 0;
    for (let seed = 1; seed < 300; seed++) {
      const g = gen(seed * 40503);
      const n = 1 + g.int(60);
      const e = new Uint32Array(n * 3);
      for (let i = 0; i < n; i++) e.set([g.int(4) === 0 ? 3 : g.u32(), g.int(3), i * (1 + g.int(4))], i * 3);
      const good = packEntries(e);
      for (let k = 0; k < 20; k++) {
        // The body (after the version and the checksum), changed and framed again: the
        // structure's own checks; changed and not framed again, the checksum refuses it.
        const bytes = Array.from(good.subarray(5));
        const op = g.int(4);
        const at = g.int(bytes.length);
        if (op === 0) bytes[at] = g.int(256);
        else if (op === 1) bytes.splice(at, 1);
        else if (op === 2) bytes.splice(at, 0, g.int(256));
        else bytes[at] = bytes[at]! ^ (1 << g.int(8));
        if (check(framePacked(Uint8Array.from(bytes)))) decoded++;
        if (bytes.join() !== Array.from(good.subarray(5)).join()) expect(check(Uint8Array.from([...good.subarray(0, 5), ...bytes]))).toBeNull();
      }
    }
    expect(decoded).toBeGreaterThan(0);
  });

  it('long runs of continuation bytes, huge counts, huge references, huge deltas', () => {
    const cont = (k: number) => Array.from({ length: k }, () => 0xff);
    expect(check(framePacked(Uint8Array.from([...cont(20), 1])))).toBeNull();
    expect(check(framePacked(Uint8Array.from([...cont(100_000)])))).toBeNull();
    expect(check(framePacked(Uint8Array.from([1, ...cont(9), 0x7f, 0])))).toBeNull(); // reference 2^63-ish
    expect(check(framePacked(Uint8Array.from([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, ...cont(7), 0x7f, 0])))).toBeNull(); // NEXT delta ≥ 2^49
    expect(check(framePacked(Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...cont(7), 0x7f])))).toBeNull(); // row beyond 2^32
    expect(check(framePacked(Uint8Array.from([1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0])))).toEqual(Uint32Array.from([MAX, MAX, 0]));
    // NEXT past the largest token
    expect(check(framePacked(Uint8Array.from([2, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 2, 1, 0])))).toBeNull();
    // a count of 2^53 + something
    expect(check(framePacked(Uint8Array.from([...cont(7), 0x7f, 0, 0])))).toBeNull();
  });

  it('a megabyte of random bytes decodes quickly to nothing or a record', () => {
    const g = gen(99);
    for (let i = 0; i < 20; i++) {
      const bytes = Uint8Array.from({ length: 50_000 }, () => g.int(256));
      expect(check(bytes)).toBeNull();
      check(framePacked(bytes));
    }
  });

  it('records of the wrong shape are damage (null), never an exception', () => {
    const e = trip([[1, 2, 3], [1, 2, 4]]);
    const p = packEntries(e);
    const rec = (x: object) => ({ id: 'd|no|00|000000', datasetId: 'd', ...x }) as unknown as IndexRecord;
    expect(storedEntries(rec({ packed: p }))).toEqual(e);
    expect(storedEntries(rec({ entries: e }))).toEqual(e);
    for (const bad of [
      { packed: p, entries: e },
      { packed: Array.from(p) },
      { packed: p.buffer },
      { packed: new DataView(p.buffer) },
      { packed: new Uint16Array(p) },
      { packed: new Int8Array(p) },
      { packed: new Uint8ClampedArray(p) },
      { packed: null },
      { packed: 'AQEC' },
      { packed: p.subarray(0, p.length - 1) },
      { packed: Uint8Array.from([...p, 0]) },
      { entries: Uint32Array.from([1, 2]) },
      { entries: Array.from(e) },
      { entries: new Int32Array(e) },
      { entries: e.buffer },
      {},
      { entries: null },
    ]) expect(storedEntries(rec(bad))).toBeNull();
  });
});
