import { describe, expect, it } from 'vitest';
import { utf8, utf8Owned } from './bytes';

describe('utf8Owned', () => {
  const texts = [
    '',
    'a',
    '山田 太郎',
    // Lone surrogates (U+FFFD, three bytes each), NUL, U+2028, a BOM, a pair outside the BMP.
    '\ud800x\udfff\u0000\u2028\ufeff𠮷田😀',
    '\ud800'.repeat(1000),
    'ｱｲｳ'.repeat(50_000),
    // Over the kept buffer's size: encoded the ordinary way.
    '髙'.repeat(1_500_000),
  ];

  it('gives the bytes utf8 gives, for every text, in any order of sizes', () => {
    // The first byte that differs (-1: none), rather than a diff of megabytes.
    const firstDifference = (a: Uint8Array, b: Uint8Array) => {
      for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
      return -1;
    };
    for (const text of [...texts, ...[...texts].reverse()]) expect(firstDifference(utf8Owned(text), utf8(text)), text.slice(0, 20)).toBe(-1);
  });

  it('each result is a buffer of its own, exactly its length: moving or changing one leaves the others whole', () => {
    const a = utf8Owned('一つ目の顧客ブロック');
    const b = utf8Owned('二つ目');
    expect(a.byteLength).toBe(a.buffer.byteLength);
    expect(b.byteLength).toBe(b.buffer.byteLength);
    expect(a.buffer).not.toBe(b.buffer);
    // Moved away (as to the sealing worker): the next call must not write where it was, nor into a.
    structuredClone(b, { transfer: [b.buffer] });
    expect(new TextDecoder().decode(a)).toBe('一つ目の顧客ブロック');
    const c = utf8Owned('三つ目');
    expect(new TextDecoder().decode(c)).toBe('三つ目');
    expect(new TextDecoder().decode(a)).toBe('一つ目の顧客ブロック');
  });
});
