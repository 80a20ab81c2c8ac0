import { describe, expect, it, vi } from 'vitest';
import { jsonBytes } from './json-bytes';
import { ListReader } from './int-lists';
import { LONG_LIST, packJson, PackedJsonError, unpackJson } from './packed-json';

/** A value unpacked with its lists left as written, each list opened (as the page opens what the event reader hands it). */
const opened = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof Int32Array ? new ListReader(x, 0, () => new Error('damaged')).take() : x)));

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('a payload packed with its long lists of integers apart', () => {
  it('comes back equal, lists in every form, wherever they sit in the value', () => {
    const value = {
      datasetId: 'ds-1',
      channel: 'post',
      rows: [...range(0, 5000), ...range(7000, 3000), 2 ** 31 - 1],
      operators: ['佐藤', '𠮷田'],
      assignment: Array.from({ length: 8001 }, () => -1),
      nested: [{ a: range(-2000, 2000).map((x) => x * 7) }, 'text', null, { deep: { list: range(5, LONG_LIST) } }],
      short: [1, 2, 3],
      empty: [],
      floats: Array.from({ length: 2000 }, (_, i) => i / 2),
      huge: Array.from({ length: 2000 }, (_, i) => 2 ** 33 + i),
    };
    const packed = packJson(value);
    expect(packed).not.toBeNull();
    expect(unpackJson(packed!)).toEqual(value);
    // For the worker that hands events to the page: the lists left as written, each in an
    // Int32Array of its own (moved between threads whole), and opened they are the same.
    const written = unpackJson(packed!, 'written') as typeof value;
    for (const list of [written.rows, written.assignment, (written.nested[0] as { a: number[] }).a, (written.nested[3] as { deep: { list: number[] } }).deep.list]) {
      expect(list).toBeInstanceOf(Int32Array);
      expect((list as unknown as Int32Array).byteOffset).toBe(0);
      expect((list as unknown as Int32Array).byteLength).toBe((list as unknown as Int32Array).buffer.byteLength);
    }
    // The batch's rows are two runs and a last row: a few integers, not 8,001.
    expect((written.rows as unknown as Int32Array).length).toBeLessThan(12);
    expect(opened(written)).toEqual(value);
  });

  it('is far smaller than its JSON for a batch of everyone', () => {
    const rows: number[] = [];
    for (let r = 0; r < 2_000_000; r++) if (r % 997 !== 0) rows.push(r);
    const value = { datasetId: 'ds', batchId: 'b', channel: 'post', rows };
    const packed = packJson(value)!;
    expect(packed.byteLength).toBeLessThan(30_000);
    expect(jsonBytes(value).byteLength).toBeGreaterThan(10_000_000);
    expect(unpackJson(packed)).toEqual(value);
  });

  it('is not used for a value with no long list of integers (sealed as JSON instead)', () => {
    expect(packJson({ rows: range(0, LONG_LIST - 1) })).toBeNull();
    expect(packJson({ rows: [...range(0, 2000), 'x'] })).toBeNull();
    expect(packJson('text')).toBeNull();
  });

  it('does not make the JSON of a payload with no list to keep apart (it is made once, when sealed as JSON)', () => {
    const enquiries = Array.from({ length: 3000 }, (_, i) => ({ enquiryId: `e${i}`, question: '私の情報は漏れましたか', rows: [i, i + 1], at: '2026-12-04T09:00:00Z' }));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      expect(packJson({ enquiries })).toBeNull();
      expect(stringify).not.toHaveBeenCalled();
      expect(packJson({ enquiries, rows: range(0, LONG_LIST) })).not.toBeNull();
      expect(stringify).toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });

  it('keeps strings that look like its marks, and keys such as __proto__, as they were', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"m":"\\u00000.0#0","v":"#1","rows":' + JSON.stringify(range(0, 2000)) + '}') as unknown;
    const back = unpackJson(packJson(value)!);
    expect(back).toEqual(value);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back as object)).toContain('__proto__');
  });

  it.each(['arrays', 'written'] as const)('is refused when damaged, however it is cut or changed, never read past its end (lists as %s)', (lists) => {
    const packed = packJson({ rows: range(0, 3000), other: Array.from({ length: 1500 }, (_, i) => (i * 7919) % 1000) })!;
    for (let cut = 0; cut < packed.byteLength; cut += 3) expect(() => unpackJson(packed.subarray(0, cut), lists), `cut at ${cut}`).toThrow(PackedJsonError);
    // A run made to step past the largest 32-bit integer, a count made huge, a list added.
    const longer = new Uint8Array(packed.byteLength + 8);
    longer.set(packed);
    expect(() => unpackJson(longer, lists)).toThrow(PackedJsonError);
    let refused = 0;
    const plain = (v: unknown) => JSON.stringify(opened(v));
    for (let at = 0; at < packed.byteLength; at++) {
      const bad = packed.slice();
      bad[at] = bad[at]! ^ 0x80;
      let back: unknown;
      try {
        back = unpackJson(bad, lists);
      } catch (e) {
        expect(e).toBeInstanceOf(PackedJsonError);
        // Refused one way, refused the other: the worker's read refuses what a read in place does.
        expect(() => unpackJson(bad, lists === 'written' ? 'arrays' : 'written')).toThrow(PackedJsonError);
        refused++;
        continue;
      }
      expect(plain(back)).toBe(plain(unpackJson(bad, lists === 'written' ? 'arrays' : 'written')));
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('reads from a view at any offset of a larger buffer', () => {
    const value = { rows: range(100, 4000) };
    const packed = packJson(value)!;
    for (const offset of [1, 2, 3, 5]) {
      const big = new Uint8Array(packed.byteLength + offset);
      big.set(packed, offset);
      expect(unpackJson(big.subarray(offset))).toEqual(value);
    }
  });
});
