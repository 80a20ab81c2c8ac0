import { describe, expect, it } from 'vitest';
import { dammDigit, formatReference, looksLikeReference, parseReference, referenceNumber } from './reference';

const samples = [
  [1, 0],
  [1, 1],
  [7, 12_345],
  [42, 20_699_999],
  [99, 99_999_998],
] as const;

describe('reference numbers', () => {
  it('are 11 digits that read back to their list and row', () => {
    for (const [listNo, row] of samples) {
      const ref = referenceNumber(listNo, row);
      expect(ref).toMatch(/^\d{11}$/);
      expect(parseReference(ref)).toEqual({ ok: true, listNo, row, ref });
      expect(parseReference(formatReference(ref))).toEqual({ ok: true, listNo, row, ref });
    }
  });

  it('differ for every customer of two lists (no two rows share a number)', () => {
    const seen = new Set<string>();
    for (const listNo of [1, 2, 10]) for (let row = 0; row < 20_000; row++) seen.add(referenceNumber(listNo, row));
    expect(seen.size).toBe(60_000);
  });

  it('are shown in groups a caller can read out', () => {
    expect(formatReference(referenceNumber(1, 0))).toMatch(/^0100-0000-01\d$/);
  });

  it('catch every single-digit error', () => {
    for (const [listNo, row] of samples) {
      const ref = referenceNumber(listNo, row);
      for (let i = 0; i < ref.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === ref[i]) continue;
          const typo = ref.slice(0, i) + d + ref.slice(i + 1);
          expect(parseReference(typo)).toEqual({ ok: false, problem: 'check' });
        }
      }
    }
  });

  it('catch every swap of two adjacent digits', () => {
    for (let n = 0; n < 2000; n++) {
      const ref = referenceNumber(1 + (n % 99), (n * 7_919_113) % 99_999_999);
      for (let i = 0; i + 1 < ref.length; i++) {
        if (ref[i] === ref[i + 1]) continue;
        const swapped = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
        expect(parseReference(swapped).ok, `${ref} → ${swapped}`).toBe(false);
      }
    }
  });

  it('read full-width digits, any dash and spaces as a person types them', () => {
    const ref = referenceNumber(3, 4567);
    const wide = formatReference(ref).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/-/g, 'ー');
    expect(parseReference(wide)).toMatchObject({ ok: true, listNo: 3, row: 4567 });
    expect(parseReference(` ${ref.slice(0, 4)} ${ref.slice(4, 8)}−${ref.slice(8)} `)).toMatchObject({ ok: true, listNo: 3, row: 4567 });
    expect(looksLikeReference(wide)).toBe(true);
  });

  it('read the letter O as zero and I or l as one, as an operator types what a caller reads out', () => {
    const ref = referenceNumber(1, 1000); // 0100-0010-01x
    const typed = formatReference(ref).replace(/0/g, (_, i: number) => (i % 2 ? 'O' : 'o')).replace(/1/g, 'l');
    expect(parseReference(typed)).toMatchObject({ ok: true, listNo: 1, row: 1000 });
    expect(parseReference(ref.replace(/1/g, 'I'))).toMatchObject({ ok: true, listNo: 1, row: 1000 });
    // A zero-width space pasted from a chat or a PDF is not a character a person typed.
    expect(parseReference(`\u200b${ref}\ufeff`)).toMatchObject({ ok: true, listNo: 1, row: 1000 });
  });

  it('say what is wrong with what is not a number', () => {
    expect(parseReference('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseReference('0100-ABCD-123')).toEqual({ ok: false, problem: 'not-digits' });
    expect(parseReference('0100-0000-1')).toEqual({ ok: false, problem: 'length' });
    const zeroList = '0000000001';
    expect(parseReference(zeroList + dammDigit(zeroList))).toEqual({ ok: false, problem: 'no-list' });
    expect(looksLikeReference('田中')).toBe(false);
  });

  it('refuse a list or row that cannot be numbered', () => {
    expect(() => referenceNumber(0, 1)).toThrow(RangeError);
    expect(() => referenceNumber(100, 1)).toThrow(RangeError);
    expect(() => referenceNumber(1, 99_999_999)).toThrow(RangeError);
    expect(() => referenceNumber(1, -1)).toThrow(RangeError);
  });
});
