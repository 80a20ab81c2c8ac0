/**
 * Adversarial checks of nfkc() (with its stableNfkc shortcut) and of the given name found
 * without splitting, each held to an independent reference written from the old definitions:
 * ICU's NFKC applied unconditionally, and v.split(/\s+/).slice(1).join('').
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { nfkc, stableNfkc } from './normalize';
import { givenPart, normaliseKeys, searchKeys, type RowKeys } from './tokens';
import { seededRandom as rng } from '../testing/seeded-random';

// ---- the reference: the old definitions, applied unconditionally -------------------------
const refNfkc = (v: string) =>
  v.replace(/\u309b/g, '\u3099').replace(/\u309c/g, '\u309a').replace(/[\u00ad\u200b\u2060\ufeff]/g, '').normalize('NFKC').trim();
const refGivenOf = (v: string) => {
  const words = v.split(/\s+/);
  return words.length > 1 ? words.slice(1).join('') : '';
};
const refFoldKana = (v: string) => v.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const refKana = (v: string) => refFoldKana(refNfkc(v)).replace(/[\s\u30fb・]/g, '');
const refGivenPart = (v: string) => refGivenOf(refNfkc(v));
const refPhone = (v: string) => {
  const s = refNfkc(v);
  const digits = s.replace(/[\s\-()]/g, '');
  if (/^0\d{9,10}$/.test(digits)) return `+81${digits.slice(1)}`;
  if (!/\d{6,}/.test(s.replace(/\D/g, ''))) return '';
  const p = parsePhoneNumberFromString(s, 'JP');
  return p && p.isPossible() ? p.number : '';
};
const refEmail = (v: string) => {
  const s = refNfkc(v).toLowerCase();
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s) ? s : '';
};
const refPostcode = (v: string) => {
  const d = refNfkc(v).replace(/\D/g, '');
  return d.length === 7 ? d : '';
};
function refKeys(r: RowKeys) {
  const name = r.name ? refNfkc(r.name) : '';
  const kana = r.kana ? refNfkc(r.kana) : '';
  return {
    no: refNfkc(r.customerNo).replace(/\s+/g, '').toUpperCase(),
    phone: r.phone ? refPhone(r.phone) : '',
    email: r.email ? refEmail(r.email) : '',
    kana: kana ? refFoldKana(kana).replace(/[\s\u30fb・]/g, '') : '',
    postcode: r.postcode ? refPostcode(r.postcode) : '',
    name: name ? name.replace(/\s+/g, '') : '',
    given: r.name ? refKana(refGivenOf(name)) : '',
    givenKana: r.kana ? refKana(refGivenOf(kana)) : '',
  };
}

const hex = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join(' ');

/** Collects mismatches (so one run reports many) and fails with the first few. */
function checker(what: string, f: (v: string) => string, ref: (v: string) => string) {
  const bad: string[] = [];
  return {
    check(v: string) {
      const got = f(v);
      const want = ref(v);
      if (got !== want && bad.length < 20) bad.push(`${hex(v)}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
    },
    done() {
      expect(bad, what).toEqual([]);
    },
  };
}

const SETTLED_SAMPLE = ['a', 'Z', '0', ' ', '~', '山', '龍', 'か', 'ゖ', 'ア', 'ヺ', 'ー', '・', '々', '\u3000', 'う', 'ウ', 'は', 'ハ', 'ヰ', 'ワ', 'ヱ', 'ヲ', 'つ'];
const settledSet: number[] = [];
for (let c = 0; c < 0x10000; c++) if (stableNfkc(String.fromCharCode(c)) !== null) settledSet.push(c);

describe('nfkc() against ICU applied unconditionally', () => {
  it('the reference is not a pushover: it tells apart a shortcut that settles too much', () => {
    const naive = (v: string) => v.replaceAll('\u3000', ' ').trim();
    for (const v of ['か\u309b', 'か\u3099', 'ｶ', 'Ａ', 'C\u200b1', '①', 'ゝ\u3099', '㈱', 'C\ufeff1'])
      expect(naive(v) !== refNfkc(v), hex(v)).toBe(true);
    expect(refNfkc('ヤマタ\u309b\u3000ﾀﾛｳ')).toBe('ヤマダ タロウ');
    expect(refGivenOf('山田 花子 一')).toBe('花子一');
  });

  it('every BMP code unit alone and between settled characters', () => {
    const k = checker('nfkc bmp', nfkc, refNfkc);
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      k.check(ch);
      for (const s of ['か', 'ウ', 'ハ', '山', 'a', '\u3000', ' ']) {
        k.check(s + ch);
        k.check(ch + s);
      }
      k.check(`山田${ch}花子`);
      k.check(`\u3000${ch}\u3000`);
    }
    k.done();
  });

  it('every pair of settled characters other than kanji, each pair also between kanji', () => {
    const k = checker('nfkc settled pairs', nfkc, refNfkc);
    const small = settledSet.filter((c) => c < 0x4e00).map((c) => String.fromCharCode(c));
    const r = rng(5);
    for (const a of small) for (const b of small) {
      k.check(a + b);
      if (r() < 0.1) k.check(String.fromCharCode(0x4e00 + Math.floor(r() * 0x5200)) + a + b + String.fromCharCode(0x4e00 + Math.floor(r() * 0x5200)));
    }
    k.done();
  });

  it('every astral code point alone and after kana / kanji', () => {
    const k = checker('nfkc astral', nfkc, refNfkc);
    for (let cp = 0x10000; cp <= 0x10ffff; cp++) {
      const ch = String.fromCodePoint(cp);
      k.check(ch);
      if ((cp & 7) === 0 || (cp >= 0x1d100 && cp < 0x1d200) || (cp >= 0x20000 && cp < 0x20100) || (cp >= 0xe0000 && cp < 0xe0200)) k.check(`か${ch}ウ`);
    }
    k.done();
  });

  it('every combining / composing character after every kana, and after random settled characters', () => {
    const k = checker('nfkc marks', nfkc, refNfkc);
    const marks: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (/\p{M}/u.test(ch) || ch.normalize('NFD') !== ch || ch.normalize('NFKD') !== ch || c === 0x309b || c === 0x309c) marks.push(ch);
    }
    const kana: string[] = [];
    for (let c = 0x3041; c <= 0x30ff; c++) kana.push(String.fromCharCode(c));
    for (let c = 0xff61; c <= 0xff9f; c++) kana.push(String.fromCharCode(c));
    for (const kc of kana) for (const m of ['\u3099', '\u309a', '\u309b', '\u309c', '\uff9e', '\uff9f', '\u0301', '\u0308', '\u200b\u3099', '\u3099\u3099', '\u309b\u309c']) {
      k.check(kc + m);
      k.check(`やまだ${kc}${m}ろう`);
    }
    const r = rng(48);
    for (const m of marks) for (let j = 0; j < 6; j++) {
      const a = String.fromCharCode(settledSet[Math.floor(r() * settledSet.length)]!);
      const b = String.fromCharCode(settledSet[Math.floor(r() * settledSet.length)]!);
      k.check(a + m + b);
    }
    k.done();
  });

  it('whitespace and invisible characters of every kind at the ends, and strings that become empty', () => {
    const k = checker('nfkc ends', nfkc, refNfkc);
    const ws: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c))) ws.push(String.fromCharCode(c));
    const extras = [...ws, '\u00ad', '\u200b', '\u2060', '\ufeff', '\u200c', '\u200d', '\u3164', '\u115f', '\u180e', '\u2800', '\u0000', '\u001f', '\u007f', '\u0085', '\ufff0', '\ud800', '\udfff', '\ud842', '\udfb7'];
    for (const a of extras) for (const b of extras) {
      for (const mid of ['', '山田', '山田\u3000花子', 'ヤマダ タロウ', 'C0001', '\u3000', ' ']) {
        k.check(a + mid + b);
        k.check(a + b + mid + b + a);
      }
    }
    for (const v of ['', ' ', '\u3000', '\u3000\u3000', ' \u3000 ', '\u200b', '\ufeff\u3000', '\u3000\u200b\u3000', '\u00ad', '\u2060\u2060', '\u3000\ufeff山\ufeff\u3000']) k.check(v);
    k.done();
  });

  it('half-width kana, full-width ASCII and compatibility characters next to settled text', () => {
    const k = checker('nfkc compat', nfkc, refNfkc);
    const pieces = ['ﾔﾏﾀﾞ', 'ﾊﾟ', 'ｶﾞ', 'ﾞ', 'ﾟ', 'Ｃ０００１', '０３－１２３４', '①', '㍻', '﨑', '髙', '𠮷', '葛󠄀', 'ｱ', '〜', '～', '−', '‐', '゠', 'ゝ', 'ゞ', 'ヽ', 'ヾ', 'ゟ', 'ヿ', '〳', '〴', '〵', '㈱', '㌔', '‼', 'ﬁ', 'Å', 'Ω', 'K'];
    for (const p of pieces) for (const s of SETTLED_SAMPLE) {
      k.check(s + p);
      k.check(p + s);
      k.check(`${s}${p}${s}`);
    }
    k.done();
  });

  it('random strings of settled characters with rare intruders (seeded)', () => {
    const k = checker('nfkc random', nfkc, refNfkc);
    const r = rng(20261204);
    const intruders = ['\u3099', '\u309a', '\u309b', '\u309c', 'ﾞ', 'ﾟ', 'ｶ', 'Ａ', '\u200b', '\ufeff', '\u00ad', '\u2060', '\t', '\n', '\u00a0', '\u2028', '\u3000', ' ', '\ud842', '\udfb7', '𠮷', 'e\u0301', '\u0301', '\u0000', 'ゝ', 'ヽ', '\u1100\u1161', '\u1161'];
    for (let i = 0; i < 60_000; i++) {
      let v = '';
      const n = Math.floor(r() * 14);
      for (let j = 0; j < n; j++) {
        const x = r();
        if (x < 0.8) v += String.fromCharCode(settledSet[Math.floor(r() * settledSet.length)]!);
        else if (x < 0.9) v += intruders[Math.floor(r() * intruders.length)]!;
        else v += String.fromCharCode(Math.floor(r() * 0x10000));
      }
      k.check(v);
    }
    k.done();
  });

  it('very long strings: all settled, and settled with one intruder at the very end or start', () => {
    const k = checker('nfkc long', nfkc, refNfkc);
    const r = rng(7);
    let long = '';
    for (let i = 0; i < 200_000; i++) long += String.fromCharCode(settledSet[Math.floor(r() * settledSet.length)]!);
    for (const v of [long, `${long}\u3099`, `\u3099${long}`, `${long}\ud800`, `\udfff${long}`, `\u3000${long}\u3000`, `${long}\u309b`, `${long}\u200b`]) k.check(v);
    k.done();
  });

  it('stableNfkc itself, where it answers, is NFKC of the value (before the trim)', () => {
    const bad: string[] = [];
    const r = rng(99);
    for (let i = 0; i < 20_000; i++) {
      let v = '';
      for (let n = Math.floor(r() * 10); n > 0; n--) v += String.fromCharCode(settledSet[Math.floor(r() * settledSet.length)]!);
      const s = stableNfkc(v);
      if (s === null || s !== v.normalize('NFKC')) if (bad.length < 10) bad.push(hex(v));
    }
    expect(bad).toEqual([]);
  });
});

describe('the given name without splitting, against the old split/join', () => {
  it('\\s and trim() agree on every BMP code unit (the reasoning the change relies on)', () => {
    const bad: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (/\s/.test(ch) !== (ch.trim() === '')) bad.push(c.toString(16));
    }
    expect(bad).toEqual([]);
  });

  it('givenPart for hand-picked spacings', () => {
    const k = checker('givenPart', givenPart, refGivenPart);
    const spaces = ['\t', '\u00a0', '\u3000', ' ', '  ', ' \t ', '\u2028', '\u2029', '\ufeff', '\u200b', '\u1680', '\u2000', '\u200a', '\u202f', '\u205f', '\u0085', '\u180e', '\n', '\r\n', '\v', '\f'];
    const names = ['山田', '花子', 'ﾔﾏﾀﾞ', 'ハナコ', 'a', '', '\u3099', '\u309b'];
    for (const s1 of spaces) for (const s2 of spaces) for (const a of names) for (const b of names) {
      k.check(`${a}${s1}${b}`);
      k.check(`${s1}${a}${s2}${b}${s1}`);
      k.check(`${a}${s1}${b}${s2}${a}`);
      k.check(`${a}${s2}`);
      k.check(s1 + s2);
    }
    for (const v of ['', ' ', '\u3000', '\u3000\u3000', '山田 ', ' 山田', '山田\u3000', '山田\u200b 花子', '山田 \u200b花子', '山田 \u200b', '\u200b 花子', '山田\u309b 花子', '山田 \u309b', '山田 ﾞ']) k.check(v);
    k.done();
  });

  it('givenPart for random strings (seeded) of names, every whitespace and invisible characters', () => {
    const k = checker('givenPart random', givenPart, refGivenPart);
    const r = rng(31337);
    const ws: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c))) ws.push(String.fromCharCode(c));
    const parts = [...ws, ...ws, '\u200b', '\ufeff', '\u00ad', '\u2060', '山', '田', 'か', 'ア', 'ｶ', 'ﾞ', '\u309b', '\u3099', 'a', '\ud842', '\udfb7', '𠮷', '①'];
    for (let i = 0; i < 50_000; i++) {
      let v = '';
      for (let n = Math.floor(r() * 10); n > 0; n--) v += parts[Math.floor(r() * parts.length)]!;
      k.check(v);
    }
    k.done();
  });

  it('normaliseKeys and searchKeys give what the old definitions give, for random rows', () => {
    const r = rng(4242);
    const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
    const sp = ['', ' ', '\u3000', '\t', '\u00a0', '  ', '\u2028', '\ufeff', '\u200b', ' \u3000 '];
    const fam = ['山田', 'ﾔﾏﾀﾞ', 'ヤマダ', 'やまだ', 'ﾔﾏﾀ\u309b', 'ヤマタ\u309b', '髙橋', '𠮷田', 'ｻﾄｳ', '', 'Ｓａｔｏ'];
    const giv = ['花子', 'ﾊﾅｺ', 'ハナコ', 'はな こ', 'タロウ', 'ﾀﾛｳ', '\u309b', 'ﾞ', '', '一', 'ｼﾞﾛｳ'];
    const nos = ['C0001', 'Ｃ０００１', ' c-0001 ', '\u200bC0001', 'C 0 0 0 1', '', '\u3000C0001\u3000'];
    const phones = ['03-1234-5678', '０３－１２３４－５６７８', '+81 3 1234 5678', ' 090 1234 5678 ', '\u200b0312345678', '', '12'];
    const emails = ['a@b.jp', 'Ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ', ' x@y.co ', 'a\u200b@b.jp', 'bad', ''];
    const pcs = ['100-0001', '〒１００－０００１', '1000001', ' 100 0001 ', '', '100'];
    const bad: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const row: RowKeys = {
        customerNo: pick(nos),
        name: pick(sp) + pick(fam) + pick(sp) + pick(giv) + pick(sp) + (r() < 0.3 ? pick(giv) : '') + pick(sp),
        kana: pick(sp) + pick(fam) + pick(sp) + pick(giv) + pick(sp),
        postcode: pick(pcs),
        email: pick(emails),
        phone: pick(phones),
      };
      const got = normaliseKeys(row);
      const want = refKeys(row);
      if (JSON.stringify(got) !== JSON.stringify(want) && bad.length < 10) bad.push(`${JSON.stringify(row)}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
      // searchKeys from the row alone equals searchKeys from the reference keys.
      const sk = searchKeys(row);
      const skRef = searchKeys(row, want as ReturnType<typeof normaliseKeys>);
      if (JSON.stringify(sk) !== JSON.stringify(skRef) && bad.length < 10) bad.push(`searchKeys ${JSON.stringify(row)}`);
    }
    expect(bad).toEqual([]);
  });
});
