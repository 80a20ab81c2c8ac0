import { describe, expect, it } from 'vitest';
import { deriveGiftKey, formatGiftCode, GIFT_ALPHABET, GiftCoder } from './gift-code';

const coder = new GiftCoder(new Uint32Array([0x01234567, 0x89abcdef, 0xdeadbeef, 0x0badf00d]));

/** A small deterministic generator, so a failure can be replayed. */
function xorshift(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('gift codes', () => {
  it('read back to the list and row they were made from, as typed or as printed', () => {
    for (const [listNo, row] of [[1, 0], [1, 1], [7, 12_345], [42, 20_699_999], [99, 99_999_998]] as const) {
      const code = coder.code(listNo, row);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{13}$/);
      expect(coder.read(code)).toEqual({ ok: true, listNo, row, code });
      expect(coder.read(formatGiftCode(code))).toMatchObject({ ok: true, listNo, row });
      expect(coder.read(formatGiftCode(code).toLowerCase())).toMatchObject({ ok: true, listNo, row });
      // Full-width, as a vendor's file from a Japanese form may hold it.
      const wide = code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      expect(coder.read(wide)).toMatchObject({ ok: true, listNo, row });
    }
  });

  it('read O as 0 and I or L as 1, as Crockford base32 does', () => {
    const code = coder.code(3, 4_567);
    const typed = code.replace(/0/g, 'O').replace(/1/g, 'l');
    expect(coder.read(typed)).toMatchObject({ ok: true, listNo: 3, row: 4_567 });
  });

  it('are distinct for 1,000,000 letters of different lists and rows', () => {
    const seen = new Set<string>();
    for (const listNo of [1, 2, 50, 99]) for (let row = 0; row < 250_000; row++) seen.add(coder.code(listNo, row * 397 + listNo));
    expect(seen.size).toBe(1_000_000);
  }, 60_000);

  it('catch every single-character error and every swap of neighbours', () => {
    const rnd = xorshift(7);
    let tried = 0;
    for (let n = 0; n < 200; n++) {
      const code = coder.code(1 + Math.floor(rnd() * 99), Math.floor(rnd() * 99_999_999));
      for (let i = 0; i < code.length; i++) {
        for (const ch of GIFT_ALPHABET) {
          if (ch === code[i]) continue;
          const typo = code.slice(0, i) + ch + code.slice(i + 1);
          expect(coder.read(typo)).toEqual({ ok: false, problem: 'check' });
          tried++;
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          expect(coder.read(swapped)).toEqual({ ok: false, problem: 'check' });
        }
      }
    }
    expect(tried).toBe(200 * 13 * 31);
  });

  it('are not guessed: none of 100,000 made-up codes verifies', () => {
    const rnd = xorshift(2014);
    let valid = 0;
    let passedCheck = 0;
    for (let n = 0; n < 100_000; n++) {
      let s = '';
      for (let i = 0; i < 13; i++) s += GIFT_ALPHABET[Math.floor(rnd() * 32)];
      const r = coder.read(s);
      if (r.ok) valid++;
      if (r.ok || r.problem === 'unknown') passedCheck++;
    }
    expect(valid).toBe(0);
    // The check character alone lets about 1 in 32 through; the tag stops those.
    expect(passedCheck).toBeGreaterThan(2_500);
    expect(passedCheck).toBeLessThan(3_800);
  });

  it('say what is wrong with something that is not a code', () => {
    expect(coder.read('')).toEqual({ ok: false, problem: 'empty' });
    expect(coder.read('ABCD-EFGH')).toEqual({ ok: false, problem: 'length' });
    expect(coder.read('ABCD-EFGH-UUUUU')).toEqual({ ok: false, problem: 'characters' });
  });

  it('differ between incidents: a key derived per incident does not read another incident’s code', async () => {
    const bulk = new Uint8Array(32).fill(9);
    const a = new GiftCoder(await deriveGiftKey(bulk, 'incident-a'));
    const b = new GiftCoder(await deriveGiftKey(bulk, 'incident-b'));
    const again = new GiftCoder(await deriveGiftKey(bulk, 'incident-a'));
    const code = a.code(1, 10);
    expect(again.code(1, 10)).toBe(code);
    expect(b.code(1, 10)).not.toBe(code);
    expect(b.read(code)).not.toMatchObject({ ok: true, listNo: 1, row: 10 });
  });
});
