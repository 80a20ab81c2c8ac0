/**
 * Attacks on TokenTable (decision 071): tokens that collide in its probe sequence (same start
 * slot, wrapping past the last slot), tokens equal in one word, 0 and 0xffffffff, more than the
 * minimum 1024 slots, resets smaller and larger with marks left over, and a random run of
 * every operation checked against a Map of "hi:lo" strings.
 */
// eslint-disable-next-line no-restricted-imports -- vm's timeout stops a call that never returns (the last case), so the run reports it instead of hanging
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { TokenTable } from './token-table';
import { xorshift32 } from './test-random';

/** The table's hash constants (token-table.ts `slot`), to aim tokens at a slot. */
const C1 = 0x85ebca6b;
const C2 = 0x9e3779b1;
/** C2's inverse mod 2^32 (Newton's iteration; C2 is odd). */
const C2_INV = (() => {
  let inv = C2;
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, (2 - Math.imul(C2, inv)) >>> 0);
  return inv >>> 0;
})();

/** A token (with the given hi) whose probe starts at `slot` in a table of `slots` slots. */
function aimed(hi: number, slot: number, slots: number, low: number): [number, number] {
  const bits = Math.log2(slots);
  const y = ((slot << (32 - bits)) | (low & ((1 << (32 - bits)) - 1))) >>> 0;
  const x = Math.imul(y, C2_INV) >>> 0;
  return [hi >>> 0, (x ^ Math.imul(hi, C1)) >>> 0];
}
const startOf = (hi: number, lo: number, slots: number) => Math.imul((lo ^ Math.imul(hi, C1)) >>> 0, C2) >>> (32 - Math.log2(slots));

const key = (hi: number, lo: number) => `${hi}:${lo}`;

describe('TokenTable under attack', () => {
  it('the aiming helper aims (sanity of the adversarial tests below)', () => {
    expect(Math.imul(C2, C2_INV) >>> 0).toBe(1);
    const next = xorshift32(3);
    for (let i = 0; i < 100; i++) {
      const [hi, lo] = aimed(next(), 1023, 1024, next());
      expect(startOf(hi, lo, 1024)).toBe(1023);
    }
  });

  it('tokens all starting at the same slot (the last one: the probe wraps) are held, found and marked as a Map holds them', () => {
    const next = xorshift32(11);
    const slots = 2048;
    const tokens: [number, number][] = [];
    // 1,000 distinct tokens all aimed at the last slot; then some aimed at slot 0 (where the wrapped
    // run sits) and the neighbours, with equal his, equal los, 0 and 0xffffffff.
    for (let i = 0; i < 1000; i++) tokens.push(aimed(i % 7 === 0 ? 0xffffffff : i % 5 === 0 ? 0 : next(), slots - 1, slots, next()));
    for (let i = 0; i < 20; i++) tokens.push(aimed(0, 0, slots, i), aimed(0xffffffff, 1, slots, i * 977));
    tokens.push([0, 0], [0, 0xffffffff], [0xffffffff, 0], [0xffffffff, 0xffffffff]);
    const distinct = new Map<string, number>();
    tokens.forEach(([hi, lo], row) => void (distinct.has(key(hi, lo)) || distinct.set(key(hi, lo), row)));
    const table = new TokenTable();
    table.reset(distinct.size);
    // Each inserted twice (the second time the row is kept only when lower, as markDuplicates does).
    for (const pass of [0, 1]) {
      tokens.forEach(([hi, lo], row) => {
        const seen = table.get(hi, lo);
        if (seen < 0) {
          expect(pass).toBe(0);
          table.set(hi, lo, row);
        } else if (row < seen) table.set(hi, lo, row);
      });
    }
    expect(table.size).toBe(distinct.size);
    for (const [hi, lo] of tokens) expect(table.get(hi, lo)).toBe(distinct.get(key(hi, lo)));
    // Not held: aimed at the same crowded slots, and neighbours in one word.
    for (let i = 0; i < 200; i++) {
      const [hi, lo] = aimed(next(), slots - 1, slots, next());
      if (!distinct.has(key(hi, lo))) expect(table.get(hi, lo)).toBe(-1);
      expect(table.mark(hi, lo)).toBe(distinct.has(key(hi, lo)));
    }
    table.clearMarks();
    let marked = 0;
    for (const [hi, lo] of [...tokens, ...tokens]) if (table.mark(hi, lo)) marked++;
    expect(marked).toBe(distinct.size);
  });

  it('a table reset for n tokens takes n distinct tokens, at every size edge, even all colliding', () => {
    for (const n of [0, 1, 511, 512, 513, 1023, 1024, 1025, 4096, 4097]) {
      const table = new TokenTable();
      table.reset(n);
      const next = xorshift32(n + 1);
      // Aim at slot 0 of the table's own size (the smallest power of two ≥ max(1024, 2n)).
      let slots = 1024;
      while (slots < n * 2) slots *= 2;
      for (let i = 0; i < n; i++) {
        const [hi, lo] = aimed(next(), 0, slots, i);
        table.set(hi, lo, i);
      }
      expect(table.size).toBe(n);
    }
  });

  it('resets smaller, larger and smaller again: nothing held or marked before shows through', () => {
    const table = new TokenTable();
    const next = xorshift32(5);
    const sizes = [3000, 10, 20_000, 600, 1024, 1, 2048, 5000];
    let previous: [number, number][] = [];
    for (const n of sizes) {
      table.reset(n);
      expect(table.size).toBe(0);
      for (const [hi, lo] of previous) {
        expect(table.get(hi, lo)).toBe(-1);
        expect(table.mark(hi, lo)).toBe(false);
      }
      const now: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        const t: [number, number] = [next(), next()];
        now.push(t);
        table.set(t[0], t[1], i);
      }
      // Marks left on the slots this time, not cleared before the next reset.
      for (const [hi, lo] of now) expect(table.mark(hi, lo)).toBe(true);
      previous = now;
    }
    // After the last reset, every token marked; a reset to a size that reuses the arrays clears the marks.
    table.reset(5000);
    const [hi, lo] = [17, 42];
    table.set(hi, lo, 0);
    expect(table.mark(hi, lo)).toBe(true);
  });

  it('a random run of reset / set / get / mark / clearMarks agrees with a Map of strings', () => {
    const next = xorshift32(99);
    const table = new TokenTable();
    let ref = new Map<string, { row: number; marked: boolean }>();
    let cap = 0;
    // (Reset first: a table never reset hangs, see the last case.)
    table.reset(cap);
    // A small pool of words, so tokens often share hi or lo, with 0 and 0xffffffff among them.
    const words = [0, 0xffffffff, 1, 0x80000000, 0x7fffffff, ...Array.from({ length: 40 }, () => next())];
    const token = (): [number, number] => [words[next() % words.length]!, words[next() % words.length]!];
    for (let step = 0; step < 60_000; step++) {
      const op = next() % 100;
      if (op < 1) {
        cap = [0, 5, 600, 1500, 3000][next() % 5]!;
        table.reset(cap);
        ref = new Map();
      } else if (op < 3) {
        table.clearMarks();
        for (const v of ref.values()) v.marked = false;
      } else if (op < 45) {
        const [hi, lo] = token();
        const row = next() % 2_000_000;
        const had = ref.get(key(hi, lo));
        if (!had && ref.size >= cap) continue;
        table.set(hi, lo, row);
        if (had) had.row = row;
        else ref.set(key(hi, lo), { row, marked: false });
      } else if (op < 75) {
        const [hi, lo] = token();
        expect(table.get(hi, lo)).toBe(ref.get(key(hi, lo))?.row ?? -1);
      } else {
        const [hi, lo] = token();
        const r = ref.get(key(hi, lo));
        expect(table.mark(hi, lo)).toBe(!!r && !r.marked);
        if (r) r.marked = true;
      }
      expect(table.size).toBe(ref.size);
    }
  });

  it('row 0 is a row (not the empty slot)', () => {
    const table = new TokenTable();
    table.reset(2);
    table.set(0, 0, 0);
    expect(table.get(0, 0)).toBe(0);
    expect(table.size).toBe(1);
    table.set(0, 0, 0);
    expect(table.size).toBe(1);
    expect(table.mark(0, 0)).toBe(true);
  });

  it('60,000 tokens of one bucket (same top byte of hi, as index-build buckets them) are all held and found, five times over', () => {
    // Linear probing at most half full with a hash of both words: every token goes in and is found
    // again. (Its speed is the bench's to show, not a test's: no clock here.)
    const next = xorshift32(1234);
    const table = new TokenTable();
    for (let round = 0; round < 5; round++) {
      table.reset(60_000);
      const tokens: [number, number][] = [];
      for (let i = 0; i < 60_000; i++) {
        const hi = ((0x2a << 24) | (next() & 0xffffff)) >>> 0;
        const lo = next();
        tokens.push([hi, lo]);
        if (table.get(hi, lo) < 0) table.set(hi, lo, i);
      }
      expect(tokens.every(([hi, lo], i) => table.get(hi, lo) <= i && table.get(hi, lo) >= 0)).toBe(true);
    }
  });

  // Found by this test (latent; markDuplicates always resets first), now mended: a table used
  // before its first reset() looped for ever (empty arrays, mask 0, a shift by 32 that JS reads
  // as 0). It now starts with room. Run under vm's timeout so a hang is reported, not waited for.
  it('a fresh table (no reset yet) answers get / mark / set without hanging', () => {
    const outcome = (what: string) => {
      const t = new TokenTable();
      try {
        return { value: vm.runInNewContext(what, { t }, { timeout: 300 }) as unknown };
      } catch (e) {
        return { error: (e as { code?: string; message: string }).code ?? (e as Error).message };
      }
    };
    for (const what of ['t.get(1, 2)', 't.mark(1, 2)', 't.set(1, 2, 0)']) {
      expect(outcome(what).error, `${what} on a table never reset hangs`).not.toBe('ERR_SCRIPT_EXECUTION_TIMEOUT');
    }
  });
});
