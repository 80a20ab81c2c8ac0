import { describe, expect, it } from 'vitest';
import { TokenTable } from './token-table';
import { xorshift32 } from './test-random';

describe('the token table of the end-of-import pass', () => {
  it('holds what a Map of "hi:lo" strings holds, for tokens of one bucket (the top byte of hi) that also share a low byte or one word', () => {
    const next = xorshift32(7);
    const table = new TokenTable();
    const reference = new Map<string, number>();
    const tokens: [number, number][] = [];
    for (let i = 0; i < 20_000; i++) {
      // A bucket is the top byte of the token's hi word (index-build.ts): every token here has the
      // same one, and the same low byte of lo too.
      const lo = ((next() & ~0xff) | 0x2a) >>> 0;
      const hi = i % 5 === 0 ? 0x2a000000 : ((0x2a << 24) | (next() & 0xffffff)) >>> 0;
      tokens.push([hi, lo]);
      // The same hi with another lo, and the same lo with another hi.
      tokens.push([hi, (lo ^ 0x100) >>> 0], [(hi ^ 1) >>> 0, lo]);
      expect(hi >>> 24).toBe(0x2a);
    }
    table.reset(tokens.length);
    tokens.forEach(([hi, lo], row) => {
      if (table.get(hi, lo) < 0) table.set(hi, lo, row);
      if (!reference.has(`${hi}:${lo}`)) reference.set(`${hi}:${lo}`, row);
    });
    expect(table.size).toBe(reference.size);
    for (const [hi, lo] of tokens) expect(table.get(hi, lo)).toBe(reference.get(`${hi}:${lo}`));
    expect(table.get(123, 456)).toBe(-1);
  });

  it('starts empty after a reset, smaller or larger than before, and counts each token found once', () => {
    const table = new TokenTable();
    table.reset(5000);
    for (let i = 0; i < 5000; i++) table.set(i, i * 3, i);
    table.reset(10);
    expect(table.size).toBe(0);
    expect(table.get(1, 3)).toBe(-1);
    table.set(1, 3, 9);
    table.set(1, 3, 2);
    expect(table.size).toBe(1);
    expect(table.get(1, 3)).toBe(2);
    expect([table.mark(1, 3), table.mark(1, 3), table.mark(2, 3)]).toEqual([true, false, false]);
    table.clearMarks();
    expect(table.mark(1, 3)).toBe(true);
    table.reset(100_000);
    expect(table.get(1, 3)).toBe(-1);
    expect(table.mark(1, 3)).toBe(false);
  });

  it('grows past the tokens it was sized for, keeping every row and mark, and answers before any reset', () => {
    const table = new TokenTable();
    expect(table.get(5, 6)).toBe(-1);
    table.reset(1);
    table.set(0, 0, 0);
    expect(table.mark(0, 0)).toBe(true);
    for (let i = 1; i < 5000; i++) table.set(i, 0, i);
    expect(table.size).toBe(5000);
    for (let i = 0; i < 5000; i++) expect(table.get(i, 0)).toBe(i);
    // The mark taken before the table grew is still there; the others are not.
    expect([table.mark(0, 0), table.mark(1, 0)]).toEqual([false, true]);
    expect(() => table.set(1, 1, -2)).toThrow(RangeError);
  });
});
