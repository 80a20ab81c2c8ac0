/**
 * A long list in runs searched where it stands, and put on an event unopened until something
 * reads it (decision 058): every search must answer as the opened list does, every reader must
 * get the same array, and a damaged list must be refused as take() refuses it.
 */
import { describe, expect, it } from 'vitest';
import { ListReader, openWhenRead, planList, putList, RunList, unopenedRuns } from './int-lists';

class Damaged extends Error {}

function written(xs: number[]): Int32Array {
  const plan = planList(xs);
  const out = new Int32Array(plan.size);
  putList(out, 0, xs, plan);
  return out;
}
const runListOf = (ints: Int32Array, from = 0) => new ListReader(ints, 0, () => new Damaged()).runList(from);
const open = (ints: Int32Array) => new ListReader(ints, 0, () => new Damaged()).take();

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
}

/** Runs of consecutive rows with gaps, as a batch of everyone but the excluded is. */
function runsList(rnd: () => number, runs: number, ascending = true): number[] {
  const out: number[] = [];
  let at = Math.floor(rnd() * 5);
  const parts: number[][] = [];
  for (let r = 0; r < runs; r++) {
    const len = 1 + Math.floor(rnd() * 300);
    parts.push(Array.from({ length: len }, (_, i) => at + i));
    at += len + 1 + Math.floor(rnd() * 40);
  }
  if (!ascending) parts.reverse();
  for (const p of parts) out.push(...p);
  return out;
}

describe('a list searched in its runs', () => {
  it.each([1, 2, 3, 4, 5])('finds each row where the opened list has it, and nothing else (lists %i)', (seed) => {
    const rnd = random(seed);
    const xs = runsList(rnd, 3 + Math.floor(rnd() * 60));
    const runs = runListOf(written(xs))!;
    expect(runs).toBeInstanceOf(RunList);
    expect(runs.length).toBe(xs.length);
    expect(runs.ascending).toBe(true);
    const last = xs[xs.length - 1]!;
    for (let v = -3; v <= last + 3; v++) expect(runs.indexOf(v), `row ${v}`).toBe(xs.indexOf(v));
    for (const v of [0.5, xs[3]! + 0.5, NaN, Infinity, -Infinity, 2 ** 31, -0]) expect(runs.indexOf(v), `row ${v}`).toBe(Object.is(v, -0) ? xs.indexOf(0) : -1);
  });

  it('says a list of runs out of order is not ascending, and finds nothing in it (the caller walks it)', () => {
    const xs = runsList(random(9), 10, false);
    const runs = runListOf(written(xs))!;
    expect(runs.ascending).toBe(false);
    expect(runs.indexOf(xs[0]!)).toBe(-1);
    // Runs that touch (the next starts inside the last) are not ascending either.
    const overlapping = Int32Array.from([1, 6, 2, 10, 3, 12, 3]);
    expect(runListOf(overlapping)!.ascending).toBe(false);
  });

  it('is only for lists in runs of at least the length asked, and leaves the reader where it was otherwise', () => {
    const raw = written([5, 9, 2, 40]);
    const same = written([7, 7, 7, 7]);
    const runs = written(Array.from({ length: 100 }, (_, i) => 1000 + i));
    for (const ints of [raw, same]) {
      const reader = new ListReader(ints, 0, () => new Damaged());
      expect(reader.runList(0)).toBeNull();
      expect(reader.at).toBe(0);
      expect(reader.take()).toEqual(open(ints));
    }
    const reader = new ListReader(runs, 0, () => new Damaged());
    expect(reader.runList(101)).toBeNull();
    expect(reader.at).toBe(0);
    expect(reader.runList(100)!.length).toBe(100);
    expect(reader.at).toBe(runs.length);
  });

  it('refuses a damaged list as take() does, before making anything of its size', () => {
    const good = written([...Array.from({ length: 50 }, (_, i) => i), ...Array.from({ length: 50 }, (_, i) => 100 + i)]);
    const cases: [string, Int32Array][] = [
      ['a negative count of runs', Int32Array.from([1, 100, -1])],
      ['more runs than integers', Int32Array.from([1, 100, 2_000_000_000, 0, 50])],
      ['a run of length 0', Int32Array.from([1, 2, 2, 0, 0, 5, 2])],
      ['runs adding up to less than the count', Int32Array.from([1, 100, 1, 0, 50])],
      ['runs adding up to more than the count', Int32Array.from([1, 10, 1, 0, 50])],
      ['a run past the largest integer', Int32Array.from([1, 10, 1, 2 ** 31 - 5, 10])],
      ['cut short', good.subarray(0, good.length - 1)],
    ];
    for (const [what, ints] of cases) {
      expect(() => runListOf(ints), what).toThrow(Damaged);
      expect(() => open(ints), what).toThrow(Damaged);
    }
  });
});

describe('a list opened when first read', () => {
  it('gives every reader the array it would have had, once opened, and its runs until then', () => {
    const xs = runsList(random(3), 20);
    const ints = written(xs);
    let opened = 0;
    const payload: Record<string, unknown> = { datasetId: 'd', channel: 'post' };
    openWhenRead(payload, 'rows', runListOf(ints)!, () => {
      opened++;
      return open(ints);
    });
    expect(Object.keys(payload)).toEqual(['datasetId', 'channel', 'rows']);
    expect('rows' in payload).toBe(true);
    expect(unopenedRuns(payload, 'rows')?.length).toBe(xs.length);
    expect(opened).toBe(0);
    const first = payload.rows;
    expect(first).toEqual(xs);
    expect(payload.rows).toBe(first);
    expect(opened).toBe(1);
    expect(unopenedRuns(payload, 'rows')).toBeUndefined();
    expect(JSON.parse(JSON.stringify(payload))).toEqual({ datasetId: 'd', channel: 'post', rows: xs });
    expect(structuredClone(payload)).toEqual({ datasetId: 'd', channel: 'post', rows: xs });
  });

  it('is opened by a copy, a comparison or JSON as by a read; a list put in its place is what is read', () => {
    const xs = runsList(random(4), 5);
    const make = () => {
      const p: Record<string, unknown> = {};
      openWhenRead(p, 'rows', runListOf(written(xs))!, () => open(written(xs)));
      return p;
    };
    expect({ ...make() }).toEqual({ rows: xs });
    expect(JSON.stringify(make())).toBe(JSON.stringify({ rows: xs }));
    const p = make();
    p.rows = [1, 2, 3];
    expect(p.rows).toEqual([1, 2, 3]);
    expect(unopenedRuns(p, 'rows')).toBeUndefined();
    // Frozen (as an event may be), it still opens when read.
    const frozen = Object.freeze(make());
    expect(frozen.rows).toEqual(xs);
  });
});
