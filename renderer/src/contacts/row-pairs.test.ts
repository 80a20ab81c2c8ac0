import { describe, expect, it } from 'vitest';
import { RowPairs } from './row-pairs';
import { xorshift32 } from './test-random';

const pairsOf = (p: RowPairs) => Array.from({ length: p.length }, (_, i) => [p.later(i), p.earlier(i)]);

describe('pairs of rows for the duplicates pass', () => {
  it('gives back what was pushed, in order of the later row then the earlier, past its first room and at the ends of the range', () => {
    const next = xorshift32(7);
    const p = new RowPairs();
    const want: number[][] = [];
    for (let i = 0; i < 5000; i++) {
      // Rows from 0 to 2^32 - 1, often equal in one word, some the same pair twice.
      const later = i % 50 === 0 ? 0xffffffff : i % 7 === 0 ? 0 : next() % 3000;
      const earlier = i % 11 === 0 ? 0xffffffff : next() >>> 0;
      p.push(later, earlier);
      want.push([later, earlier]);
      if (i % 997 === 0) {
        p.push(later, earlier);
        want.push([later, earlier]);
      }
    }
    expect(p.length).toBe(want.length);
    expect(pairsOf(p)).toEqual(want);
    p.sort();
    want.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(pairsOf(p)).toEqual(want);
  });

  it('one row repeated on every line of a long list: each later row once, against the first, in line order', () => {
    const p = new RowPairs();
    for (let row = 200_000; row > 0; row--) p.push(row, 0);
    p.sort();
    expect(p.length).toBe(200_000);
    for (let i = 0; i < p.length; i++) {
      if (p.later(i) !== i + 1 || p.earlier(i) !== 0) throw new Error(`pair ${i}: ${p.later(i)}, ${p.earlier(i)}`);
    }
  });

  it('an empty list sorts to an empty list', () => {
    const p = new RowPairs();
    p.sort();
    expect(p.length).toBe(0);
  });
});

describe('pairs of rows, told how many there can be', () => {
  it('grows to that many and no further while they fit (8 bytes a pair), and on past it if more come all the same', () => {
    const most = 300_000;
    const p = new RowPairs(most);
    for (let row = 1; row <= most; row++) p.push(row, 0);
    expect(p.bytes).toBe(most * 8);
    // A damaged index could name a row twice: more pairs than rows still fit.
    for (let k = 0; k < 5; k++) p.push(7, 3);
    expect(p.length).toBe(most + 5);
    expect(p.bytes).toBe(most * 16);
    p.sort();
    expect([p.later(6), p.earlier(6)]).toEqual([7, 0]);
    expect([p.later(7), p.earlier(7)]).toEqual([7, 3]);
    expect([p.later(most + 4), p.earlier(most + 4)]).toEqual([most, 0]);
  });

  it('a bound below its first room changes nothing', () => {
    const p = new RowPairs(3);
    for (let row = 0; row < 2000; row++) p.push(row + 1, row);
    expect(p.length).toBe(2000);
    expect(p.bytes).toBe(2048 * 8);
  });
});

describe('the earlier rows of the pairs', () => {
  it('each once, in order, whatever order they came in', () => {
    const p = new RowPairs();
    const next = xorshift32(11);
    const want = new Set<number>();
    for (let i = 0; i < 3000; i++) {
      const earlier = i % 9 === 0 ? 0xffffffff : next() % 700;
      p.push(earlier + 1, earlier);
      want.add(earlier);
    }
    expect([...p.earlierRows()]).toEqual([...want].sort((a, b) => a - b));
    expect([...new RowPairs().earlierRows()]).toEqual([]);
  });
});
