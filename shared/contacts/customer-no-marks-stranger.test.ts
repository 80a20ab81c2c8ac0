/**
 * A stranger's attack on 62b6849 (normalizeCustomerNo drops the invisible format characters from
 * a customer number's key), kept as tests after what it found was mended: the right-to-left
 * controls are kept (they can show one number as another), blank fillers are dropped too.
 * Pure functions only (the import and the result lists over IndexedDB are in
 * renderer/src/contacts/customer-no-marks-attack.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { encodeCsv, UnencodableError } from '../export/csv';
import type { ColumnMapping } from './model';
import { normalizeCustomerNo } from './normalize';
import { parseReference, referenceNumber } from './reference';
import { parseResultList } from './result-list';
import { guessReturnKey } from './result-references';
import { ShiftJisDecoder } from './shift-jis';
import { queryKey, Tokenizer } from './tokens';
import { checkRecord } from './validate';

/** The right-to-left mark, Arabic letter mark, embedding, override and isolate: kept in a number's key. */
const RIGHT_TO_LEFT = ['\u200f', '\u061c', '\u202b', '\u202e', '\u2067'];
/** Every other format character (General_Category=Cf) this Node's ICU knows, surrogate pairs included. */
const FORMAT_CHARS: string[] = [];
for (let c = 0; c <= 0x10ffff; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  const s = String.fromCodePoint(c);
  if (/\p{Cf}/u.test(s) && !RIGHT_TO_LEFT.includes(s)) FORMAT_CHARS.push(s);
}
const hex = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

describe('every format character, anywhere in a number', () => {
  it('the enumeration holds the ones the brief names (tags, interlinear annotation, Kaithi, musical beams) — so the loops below cover them', () => {
    const cps = new Set(FORMAT_CHARS.map((s) => s.codePointAt(0)));
    for (const c of [0x200e, 0x202a, 0x202c, 0x202d, 0x2066, 0x2069, 0x200c, 0x200d, 0x2061, 0x2064, 0x180e, 0xfff9, 0xfffb, 0x110bd, 0x1d173, 0x1d17a, 0xe0001, 0xe007f])
      expect([c.toString(16), cps.has(c)]).toEqual([c.toString(16), true]);
    expect(FORMAT_CHARS.length).toBeGreaterThan(150);
  });

  it('before, inside, after, repeated and mixed with spaces: the key is the plain number (ASCII, full-width and kanji numbers)', () => {
    const bad: string[] = [];
    for (const m of FORMAT_CHARS) {
      const cases: [string, string][] = [
        [`${m}C0001`, 'C0001'],
        [`C00${m}01`, 'C0001'],
        [`C0001${m}`, 'C0001'],
        [`${m}${m}c 00${m} 01${m}${m}`, 'C0001'],
        [`Ｃ０${m}００１`, 'C0001'],
        [`会員${m}0001${m}`, '会員0001'],
        [`\t${m}C0001${m}\u3000`, 'C0001'],
      ];
      for (const [input, want] of cases) {
        const got = normalizeCustomerNo(input);
        if (got !== want) bad.push(`${hex(m)} in ${JSON.stringify(input)} → ${hex(got)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the only non-ASCII character is one mark at the very end (the ASCII fast path must not let it through), a lone tag pair included', () => {
    for (const m of ['\u200e', '\u2069', '\u202c', '\udb40\udc7f', '\udb40\udc01', '\ud834\udd7a', '\ud804\udcbd'])
      expect([hex(m), normalizeCustomerNo(`A123-45${m}`)]).toEqual([hex(m), 'A123-45']);
    // An ASCII tag-smuggled text after the number ("C0001" + invisible "X99") is still C0001.
    const smuggled = 'C0001' + [...'X99'].map((ch) => String.fromCodePoint(0xe0000 + ch.charCodeAt(0))).join('');
    expect(normalizeCustomerNo(smuggled)).toBe('C0001');
  });

  it('the lookup key and the blind-index token of a marked number are those of the plain number', async () => {
    const tokenizer = await Tokenizer.create(new Uint8Array(32).map((_, i) => i * 7 + 1));
    const plain = tokenizer.token('no', queryKey('no', 'C0001')![1]);
    for (const m of FORMAT_CHARS) {
      const k = queryKey('no', `${m}C00${m}01${m}`);
      expect([hex(m), k]).toEqual([hex(m), ['no', 'C0001']]);
      expect(tokenizer.token('no', k![1])).toEqual(plain);
    }
    // Marks only: no key at all (a lookup of it finds nobody rather than everybody).
    expect(queryKey('no', FORMAT_CHARS.join(' '))).toBeNull();
  });
});

describe('a number of format characters and spaces only is refused as missing, at its line and column', () => {
  // The customer number in the third column, so a wrong column is seen.
  const mapping: ColumnMapping = { fields: { name: 0, kana: 1, customerNo: 2 }, extra: [] };
  it('each format character alone, with spaces around, doubled, or all of them in one cell', () => {
    const wrong: string[] = [];
    const inputs = [...FORMAT_CHARS.flatMap((m) => [m, ` ${m} `, `${m}\u3000${m}`, `\t${m}`]), FORMAT_CHARS.join(''), FORMAT_CHARS.join(' ')];
    inputs.forEach((no, i) => {
      const r = checkRecord(['山田 花子', 'ヤマダ ハナコ', no], 3, mapping, 100 + i, i);
      const issues = r.issues.map((x) => [x.code, x.severity, x.line, x.column]);
      if (r.row !== null || JSON.stringify(issues) !== JSON.stringify([['customer-no-missing', 'error', 100 + i, 3]])) wrong.push(`${hex(no).slice(0, 40)}: ${JSON.stringify(issues)}`);
    });
    expect(wrong).toEqual([]);
  });

  it('a cell that looks empty but holds a character that is not a format character (Hangul filler, braille blank, half-width Hangul filler, Hangul choseong/jungseong fillers) is no number a person can see or type either', () => {
    // Found by the stranger (mended): none of these is \p{Cf}, so they were let through and the
    // row stored with a customer number nobody can see, read out or type (U+3164 is the classic "invisible
    // name" character; U+2800 the braille blank that chat apps let through).
    const kept: string[] = [];
    for (const no of ['\u3164', '\u2800', '\uffa0', '\u115f', '\u1160', '\u3164\u3164', ' \u2800 ']) {
      const r = checkRecord(['山田 花子', 'ヤマダ ハナコ', no], 3, mapping, 2, 0);
      if (!r.issues.some((x) => x.code === 'customer-no-missing')) kept.push(`${hex(no)} kept with key ${hex(r.keys?.no ?? '')}`);
    }
    expect(kept).toEqual([]);
  });
});

describe('a mark between a letter and its combining mark', () => {
  it('is the number typed without it: ｶ‍ﾞ01 (a zero-width joiner between ｶ and its voicing mark) is ｶﾞ01, E‍́-1 is É-1', () => {
    // Found by the stranger (mended: the marks are now dropped before NFKC): dropped after it,
    // what they kept apart was never composed — カ + U+3099 (two code points) against ガ (one),
    // the same customer as two keys: no repeat reported, a list naming ｶﾞ01 did not find it.
    const pairs: [string, string][] = [
      ['ｶ\u200dﾞ01', 'ｶﾞ01'],
      ['会員カ\u200e\u309901', '会員ガ01'],
      ['E\u200d\u0301-1', 'É-1'],
      ['A\u2063\u030a7', 'Å7'],
      ['\u1100\u200c\u1161-9', '가-9'],
    ];
    expect(pairs.map(([marked]) => [hex(marked), hex(normalizeCustomerNo(marked))])).toEqual(pairs.map(([marked, plain]) => [hex(marked), hex(normalizeCustomerNo(plain))]));
  });
});

describe('Shift_JIS holds no format character', () => {
  it('a number with a mark cannot be written as Shift_JIS (refused, not turned into ?), and no two-byte Shift_JIS code reads as one', () => {
    expect(() => encodeCsv('\u202aC0001\u202c\r\n', 'shift_jis')).toThrow(UnencodableError);
    const decoder = new ShiftJisDecoder();
    const found: string[] = [];
    for (let lead = 0x81; lead <= 0xfc; lead++)
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        const s = decoder.decode(new Uint8Array([lead, trail]));
        if (/[\p{Cf}]/u.test(s)) found.push(`${lead.toString(16)}${trail.toString(16)} → ${hex(s)}`);
      }
    expect(found).toEqual([]);
  });
});

describe('the returned-mail list keyed by reference number (照会番号), copied the same way', () => {
  // The same copy from a right-to-left aware page or a spreadsheet that brings the marks around a
  // customer number brings them around the 照会番号 of the vendor's return list.
  const refs = [referenceNumber(1, 0), referenceNumber(1, 41), referenceNumber(2, 7)];
  it('a reference number with a direction mark or an embedding around it reads as that reference number', () => {
    // Found by the stranger beside the change (mended): cleanReference dropped U+200B–200D,
    // U+2060 and U+FEFF only, so ‎01000000018‎ was "not-digits" — the letter named as mistyped.
    for (const m of ['\u200e', '\u202a', '\u2066', '\u061c'])
      for (const ref of refs) expect([hex(m), parseReference(`${m}${ref}${m === '\u202a' ? '\u202c' : m === '\u2066' ? '\u2069' : m}`)]).toMatchObject([hex(m), { ok: true, ref }]);
  });

  it('a list of them is still guessed to be reference numbers (else it is matched as customer numbers and nothing is found)', () => {
    const text = refs.map((r) => `\u200e${r}\u200e,宛所不明`).join('\r\n') + '\r\n';
    expect(guessReturnKey(parseResultList(text, 'returned-mail'))).toBe('reference');
  });
});
