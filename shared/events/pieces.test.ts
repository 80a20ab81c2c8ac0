import { describe, expect, it } from 'vitest';
import { jsonBytes, piecesOf, utf8Bytes } from './pieces';

const encoded = (s: string) => new TextEncoder().encode(s).byteLength;

describe('piecesOf: items cut by count and by the bytes of their JSON', () => {
  it('no items, no pieces; a count bound alone cuts as slices do', () => {
    expect(piecesOf([], { maxItems: 3, maxBytes: 1000 })).toEqual([]);
    expect(piecesOf([1, 2, 3, 4, 5, 6, 7], { maxItems: 3, maxBytes: 1000 })).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('a piece whose JSON array is exactly the bound stays one; one byte more is two', () => {
    const a = 'あ'.repeat(10);
    const b = 'い'.repeat(10);
    const exact = encoded(JSON.stringify([a, b]));
    expect(piecesOf([a, b], { maxItems: 10, maxBytes: exact })).toEqual([[a, b]]);
    expect(piecesOf([a, b], { maxItems: 10, maxBytes: exact - 1 })).toEqual([[a], [b]]);
  });

  it('an item over the bound alone goes alone, between its neighbours, in order', () => {
    const big = 'x'.repeat(500);
    expect(piecesOf(['a', big, 'b', 'c'], { maxItems: 10, maxBytes: 100 })).toEqual([['a'], [big], ['b', 'c']]);
  });

  it('every piece’s JSON is within the bound, whatever the mix of lengths', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ i, text: '漏えい'.repeat((i * 37) % 300) }));
    const pieces = piecesOf(items, { maxItems: 50, maxBytes: 8 * 1024 });
    expect(pieces.flat()).toEqual(items);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(50);
      expect(encoded(JSON.stringify(p))).toBeLessThanOrEqual(8 * 1024);
    }
  });

  it('an item’s size may be given (what it brings along in the payload)', () => {
    expect(piecesOf(['a', 'b', 'c'], { maxItems: 10, maxBytes: 25, bytesOf: () => 10 })).toEqual([['a', 'b'], ['c']]);
  });
});

describe('utf8Bytes and jsonBytes', () => {
  it('count as TextEncoder does: ASCII, kana, kanji beyond the BMP, emoji, lone surrogates', () => {
    for (const s of ['', 'abc', 'é', 'あいう', '𠮷野家', '👨‍👩‍👧', '\ud800', 'a\udc00b', '\ud83d', 'x'.repeat(1000)]) expect(utf8Bytes(s)).toBe(encoded(s));
  });
  it('jsonBytes is the JSON in UTF-8 (escapes counted as written); 0 for what JSON leaves out', () => {
    for (const v of [null, 1, 'a"b\n', { q: '質問\ud800' }, ['𠮷']]) expect(jsonBytes(v)).toBe(encoded(JSON.stringify(v)));
    expect(jsonBytes(undefined)).toBe(0);
  });
});
