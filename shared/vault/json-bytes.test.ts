import { describe, expect, it } from 'vitest';
import { utf8 } from './bytes';
import { jsonBytes } from './json-bytes';

/** A seeded generator, so a failure names the value that made it. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

const same = (v: unknown) => expect([...jsonBytes(v)]).toEqual([...utf8(JSON.stringify(v) as string)]);

describe('jsonBytes', () => {
  it('writes long arrays of integers as JSON.stringify does, byte for byte', () => {
    const rnd = random(7);
    const ints = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
    for (const v of [
      { datasetId: 'ds', batchId: 'b', channel: 'post', rows: ints(5_000, (i) => i) },
      { rows: ints(1_024, (i) => i * 99_991), outcomes: Array.from({ length: 1_024 }, () => 'reached') },
      { rows: ints(3_000, () => Math.floor(rnd() * 2 ** 53) * (rnd() < 0.5 ? -1 : 1)) },
      { rows: ints(2_000, (i) => [0, -0, 9, 10, 99, 100, 999_999_999, 1_000_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER][i % 10]!) },
      { a: ints(1_500, (i) => i), b: { c: ints(2_000, (i) => -i) }, d: [ints(1_100, (i) => i % 7), 'x'] },
      ints(4_096, (i) => i * 3),
    ]) same(v);
  });

  it('leaves everything else to JSON.stringify: short or mixed arrays, floats, holes, strings that look like its mark', () => {
    const sparse = Array.from({ length: 2_000 }, (_, i) => i);
    delete sparse[7];
    for (const v of [
      { rows: Array.from({ length: 1_023 }, (_, i) => i) },
      { rows: [...Array.from({ length: 2_000 }, (_, i) => i), 0.5] },
      { rows: [...Array.from({ length: 2_000 }, (_, i) => i), Number.NaN, Infinity, 2 ** 60] },
      { rows: sparse },
      { text: '\u0000 \u00001.2\u0000 "quoted" 漢字 𠮷 \ud800', when: new Date(0), skip: undefined, f: () => 1 },
      { nested: [{ rows: Array.from({ length: 1_200 }, (_, i) => i) }, '\u0000'] },
      'a string', 42, null, true, [],
    ]) same(v);
    expect([...jsonBytes(undefined)]).toEqual([...utf8(JSON.stringify(undefined) as unknown as string)]);
  });

  it('random payloads of the contact events agree', () => {
    const rnd = random(2026);
    for (let k = 0; k < 40; k++) {
      const n = Math.floor(rnd() * 5_000);
      const rows = Array.from({ length: n }, () => Math.floor(rnd() * 30_000_000));
      same({ datasetId: crypto.randomUUID(), channel: 'phone', rows, operators: ['佐藤', '鈴木'], assignment: rows.map((_, i) => i % 2), note: rnd() < 0.5 ? '\u0000' : '' });
    }
  });
});
