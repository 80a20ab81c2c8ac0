/**
 * A stranger's attack on packed-json.ts (decision 049): whatever a payload holds, what
 * packJson writes reads back as the JSON path reads it (jsonBytes, then JSON.parse: what a
 * `v: 2` event gives), and packJson never writes what unpackJson would refuse — an event it
 * sealed would never open again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromUtf8 } from './bytes';
import { MAX_LIST_LENGTH } from './int-lists';
import { jsonBytes } from './json-bytes';
import { LONG_LIST, packJson, unpackJson } from './packed-json';

afterEach(() => vi.restoreAllMocks());

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const MAX = 2 ** 31 - 1;
const MIN = -(2 ** 31);
/** xs with a hole at `at`. */
const holey = (xs: unknown[], at: number) => {
  const a = xs.slice();
  delete a[at];
  return a;
};

/** What the `v: 2` path reads back. */
const asJson = (v: unknown) => JSON.parse(fromUtf8(jsonBytes(v))) as unknown;

/**
 * The value as plain lists, all the way down: kinds, prototypes, keys in order, -0 apart from 0
 * (toStrictEqual looks at no key order, and takes an own `constructor` key for the class).
 */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return ['array', Object.getPrototypeOf(v) === Array.prototype, v.map(shape)];
  if (v !== null && typeof v === 'object') return ['object', Object.getPrototypeOf(v) === Object.prototype, Object.keys(v).map((k) => [k, shape((v as Record<string, unknown>)[k])])];
  return Object.is(v, -0) ? '-0' : typeof v === 'number' ? ['number', v] : v;
}

function expectSameAsJson(value: unknown, packs = true) {
  const packed = packJson(value);
  expect(packed !== null).toBe(packs);
  const back = packed ? unpackJson(packed) : asJson(value);
  expect(shape(back)).toStrictEqual(shape(asJson(value)));
}

describe('what packJson keeps apart reads back as its JSON would', () => {
  const L = range(0, LONG_LIST);
  it.each<[string, unknown, boolean]>([
    ['lists of 1023, 1024, 1025', { a: range(0, 1023), b: range(0, 1024), c: range(0, 1025) }, true],
    ['only a list of 1023', { a: range(0, 1023) }, false],
    ['-0 in a list, and a list of -0', { a: [-0, ...range(1, 1023)], b: Array<number>(1024).fill(-0), c: [...range(-512, 512), -0] }, true],
    ['the 32-bit edges, runs up to them', { a: range(MAX - 1023, 1024), b: range(MIN, 1024), c: Array<number>(1024).fill(MIN), d: [MAX, MIN, ...range(0, 1022)] }, true],
    ['beyond 32 bits, floats, NaN', { a: [MAX + 1, ...range(0, 1023)], b: [MIN - 1, ...range(0, 1023)], c: [0.5, ...range(0, 1023)], d: [NaN, ...range(0, 1023)], e: [Infinity, ...range(0, 1023)], f: [2 ** 53, ...range(0, 1023)], ok: L }, true],
    ['nested lists, lists in objects in arrays, empty arrays', { x: [L, [L, [L, []]], [], [[]]], y: [{ a: L }, { b: [L], c: 's' }, null], z: [] }, true],
    ['__proto__, constructor and index-like keys holding lists', JSON.parse(`{"b":${JSON.stringify(L)},"__proto__":${JSON.stringify(L)},"constructor":{"prototype":${JSON.stringify(L)}},"2":${JSON.stringify(range(5, 2000))},"4294967295":${JSON.stringify(range(9, 1500))},"1":"x","-1":${JSON.stringify(L)}}`), true],
    ['strings with NUL, lone surrogates, outside the BMP, marks alike', { s: ['\u0000', '\ud800', 'a\udfffb', '𠮷😀', '\u00000.0#0', '\u0000', '#0'], '\u0000k': L, '𠮷': L }, true],
    ['what JSON drops or changes', { rows: L, u: [undefined, () => 1, Symbol('x')], o: { u: undefined, f: () => 1 }, d: new Date(0), t: new Int32Array(3), m: new Map([[1, 2]]), n: [NaN, -Infinity], h: holey([1, 2, 3], 1), boxed: Array<unknown>(1024).fill(new Number(3)) }, true],
    ['toJSON, giving a list or hiding one', { a: { toJSON: () => L }, b: Object.assign(range(0, 2000), { toJSON: () => 'x' }), c: { toJSON: (k: string) => [k, ...L] } }, true],
    ['a list with a hole, or undefined', { a: [...range(0, 1023), undefined], b: holey(range(0, 1024), 0) }, false],
    ['one list shared twice', (() => { const xs = range(3, 3000); return { a: xs, b: [xs, xs] }; })(), true],
  ])('%s', (_name, value, packs) => expectSameAsJson(value, packs));

  it('a long list holding a symbol reads back as its JSON (null there), as it did before; one holding a BigInt is refused by both', () => {
    // The `v: 2` path wrote a symbol in a list as null; the check for integers must not throw on it.
    expectSameAsJson({ rows: L, s: [...range(0, 1023), Symbol('s')] });
    expectSameAsJson({ rows: L, s: [Symbol('s'), ...range(0, 1023)] });
    expect(() => jsonBytes({ rows: L, b: [...range(0, 1023), 1n] })).toThrow(TypeError);
    expect(() => packJson({ rows: L, b: [...range(0, 1023), 1n] })).toThrow(TypeError);
  });

  it('random payloads: lists of every form among other values', () => {
    let seed = 49;
    const rnd = (m: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % m;
    const list = () => {
      const n = [0, 1, 1023, 1024, 1025, 3000][rnd(6)]!;
      let v = [0, MAX, MIN, -1, rnd(2 ** 31)][rnd(5)]!;
      const xs: number[] = [];
      for (let i = 0; i < n; i++) {
        const k = rnd(10);
        if (k < 6) v = v === MAX ? MIN : v + 1;
        else if (k === 7) v = rnd(2 ** 32) - 2 ** 31;
        else if (k === 8) v = [-0, MAX, MIN][rnd(3)]!;
        xs.push(v);
      }
      if (rnd(8) === 0 && n > 0) xs[rnd(n)] = [2 ** 31, 0.5, -(2 ** 40)][rnd(3)]!;
      return xs;
    };
    const any = (depth: number): unknown => {
      const k = rnd(depth > 4 ? 4 : 8);
      if (k === 0) return ['', '\u0000x', '\ud83d', '佐藤'][rnd(4)];
      if (k === 1) return [0, -0, 1.5, -7, null, true][rnd(6)];
      if (k === 2 || k === 3) return list();
      if (k < 6) return Array.from({ length: rnd(4) }, () => any(depth + 1));
      return Object.fromEntries(Array.from({ length: rnd(4) }, (_, i) => [['__proto__', 'm', 'v', String(i), 'k'][rnd(5)]!, any(depth + 1)]));
    };
    for (let i = 0; i < 200; i++) {
      const value = { rows: list(), x: any(0) };
      const packed = packJson(value);
      expect(shape(packed ? unpackJson(packed) : asJson(value))).toStrictEqual(shape(asJson(value)));
    }
  });

  it('a string that is its mark, or begins with it, leaves the value to JSON; one that almost is, does not', () => {
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((a) => a);
    // The mark is now "\u00000.0#".
    for (const s of ['\u00000.0#', '\u00000.0#0', '\u00000.0#1x']) expect(packJson({ rows: L, s })).toBeNull();
    for (const s of ['\u00000.0', '0.0#0', 'x\u00000.0#0']) expectSameAsJson({ rows: L, s, t: [s] });
    // A key is never taken for a list.
    expectSameAsJson({ rows: L, '\u00000.0#0': 1 });
  });

  it('a value nested deeper than a reviver can recurse reads back (it did as JSON)', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 14_000; i++) deep = { k: deep };
    const value = { rows: L, deep };
    // Written as JSON it reads back (the parser does not recurse).
    expect(() => asJson(value)).not.toThrow();
    const packed = packJson(value)!;
    const back = unpackJson(packed) as { rows: number[]; deep: unknown };
    expect(back.rows).toStrictEqual(L);
    let depth = 0;
    for (let v = back.deep; v !== 'leaf'; v = (v as { k: unknown }).k) depth++;
    expect(depth).toBe(14_000);
  });
});

describe('at the limits', () => {
  it('a list of 20M consecutive rows is a few bytes and reads back', () => {
    const rows: number[] = [];
    for (let r = 0; r < 20_000_000; r++) rows.push(r);
    const packed = packJson({ rows })!;
    expect(packed.byteLength).toBeLessThan(200);
    const back = unpackJson(packed) as { rows: number[] };
    expect(back.rows.length).toBe(rows.length);
    for (let r = 0; r < rows.length; r += 999_983) expect(back.rows[r]).toBe(r);
    expect(back.rows[rows.length - 1]).toBe(rows.length - 1);
  });

  it('a list longer than unpackJson opens is not kept apart (left to JSON, as a batch record does)', () => {
    const chunk: number[] = [];
    for (let i = 0; i < MAX_LIST_LENGTH / 10; i++) chunk.push(7);
    const rows = chunk.concat(chunk, chunk, chunk, chunk, chunk, chunk, chunk, chunk, chunk, [7]);
    expect(rows.length).toBe(MAX_LIST_LENGTH + 1);
    // Kept apart, it is written in a few bytes and then refused on every read: the event never opens again.
    const packed = packJson({ rows });
    if (packed) expect(() => unpackJson(packed)).not.toThrow();
    expect(packed).toBeNull();
    rows.length = MAX_LIST_LENGTH;
    const atMost = packJson({ rows })!;
    expect(atMost.byteLength).toBeLessThan(200);
  }, 60_000); // ~9 s on CI when quiet: 20M-element lists built and packed twice
});
