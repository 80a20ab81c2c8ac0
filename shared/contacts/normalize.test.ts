import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { keysByDefinition } from './keys.fixture';
import { foldKana, isFormulaLike, nfkc, stableNfkc, normalizeCustomerNo, normalizeEmail, normalizeKana, normalizePhone, normalizePostcode } from './normalize';
import { givenPart, normaliseKeys, queryKey, searchKeys } from './tokens';

describe('search-key normalisation', () => {
  it('phones: domestic fast path equals libphonenumber-js, full-width and international handled', () => {
    for (const p of ['090-1234-5678', '03-1234-5678', '0120-123-456', '06(1234)5678', '011-222-3333']) {
      expect(normalizePhone(p)).toBe(parsePhoneNumberFromString(p, 'JP')!.number);
    }
    expect(normalizePhone('０９０－１２３４－５６７８')).toBe('+819012345678');
    expect(normalizePhone('+81 90 1234 5678')).toBe('+819012345678');
    expect(normalizePhone('+1 415 555 2671')).toBe('+14155552671');
    expect(normalizePhone('不明')).toBe('');
  });

  it('kana folds katakana, half-width and spaces; postcode wants 7 digits', () => {
    expect(normalizeKana('ヤマダ　ハナコ')).toBe('やまだはなこ');
    expect(normalizeKana('ﾔﾏﾀﾞ ﾊﾅｺ')).toBe('やまだはなこ');
    expect(normalizePostcode('〒１００－０００１')).toBe('1000001');
    expect(normalizePostcode('100-01')).toBe('');
    expect(normalizeCustomerNo(' ｃ-０１２ ')).toBe('C-012');
    expect(normalizeEmail('Hanako@Example.JP ')).toBe('hanako@example.jp');
    expect(normalizeEmail('not an address')).toBe('');
  });

  it('a customer number pasted with a direction mark or a zero-width joiner inside is the number typed without it', () => {
    // Left-to-right and embedding marks (a copy from a spreadsheet or a web page), isolates,
    // joiners and the invisible operators: none is part of a customer number.
    for (const mark of ['\u200e', '\u202a', '\u202c', '\u202d', '\u2066', '\u2069', '\u200c', '\u200d', '\u2062', '\u180e', '\u3164'])
      expect([mark, normalizeCustomerNo(`C00${mark}01-２３${mark}`)]).toEqual([mark, 'C0001-23']);
    expect(normalizeCustomerNo('\u202aＣ０００１\u202c')).toBe('C0001');
    // A number of them only is no number (the import refuses it as missing).
    expect(normalizeCustomerNo('\u200e\u2066')).toBe('');
    // A right-to-left override can show a number as another (RLO 1000C reads C0001): kept, so
    // the number matches only itself.
    expect(normalizeCustomerNo('\u202e1000C\u202c')).toBe('\u202e1000C\u202c');
    expect(normalizeCustomerNo('\u200fC0001')).toBe('\u200fC0001');
    // With every direction control kept: numbers that show differently keep different keys.
    expect(new Set(['\u202e10\u202c00C', '\u202e1000C', '\u2068\u200f1000C\u2069', '\u200f1000C'].map(normalizeCustomerNo)).size).toBe(4);
    // The controls that only end or mark left-to-right go with a zero-width joiner beside them.
    expect(normalizeCustomerNo('\u202e10\u200d00C\u202c')).toBe('\u202e1000C\u202c');
    // What is not invisible stays: a hyphen-like dash, a letter with an accent, a kanji.
    expect(normalizeCustomerNo('C‐0001')).toBe('C‐0001');
    expect(normalizeCustomerNo('é-1')).toBe('É-1');
    expect(normalizeCustomerNo('会員0001')).toBe('会員0001');
  });

  it('search keys: one per kind, kana prefixes up to 4, postcode, given name in kanji and kana', () => {
    const keys = searchKeys({ customerNo: 'A1', name: '山田 花子', kana: 'ヤマダ ハナコ', postcode: '100-0001', email: 'a@b.jp', phone: '090-1111-2222' });
    expect(keys.map(([k]) => k)).toEqual(['no', 'phone', 'email', 'kp2', 'kp3', 'kp4', 'pc', 'gn', 'gn']);
    expect(keys.slice(6).map(([, v]) => v)).toEqual(['1000001', '花子', 'はなこ']);
    expect(queryKey('kana-prefix', 'や')).toBeNull();
    expect(queryKey('kana-prefix', 'やまだは')).toEqual(['kp4', 'やまだは']);
    expect(queryKey('kana-prefix', 'ヤマダハナコ')).toEqual(['kp4', 'やまだは']);
    expect(queryKey('postcode-name', '1000001', '山田花子')).toEqual(['pn', '1000001\u0000山田花子']);
  });

  it('formula-like cells, but not phone numbers or negative numbers', () => {
    expect(isFormulaLike('=HYPERLINK("x")')).toBe(true);
    expect(isFormulaLike('@SUM(A1)')).toBe(true);
    expect(isFormulaLike('＝1+1')).toBe(true);
    expect(isFormulaLike('+81 90 1234 5678')).toBe(false);
    expect(isFormulaLike('-12')).toBe(false);
    expect(isFormulaLike('山田')).toBe(false);
  });
});

describe('the keys of a row, made once per row at import', () => {
  // Scripts, widths, spaces and marks a list holds: half-width kana with their voicing marks,
  // the spacing voicing mark (NFKC makes it a space + a combining mark), middle dots, ideographic spaces.
  const pool = ['', ' ', '\u3000', '\t', 'ﾔﾏﾀﾞ', 'ヤマダ', 'やまだ', 'ヴ', 'ヵヶ', 'ー', '・', '･', '゛', 'か', '\u309b', '\u3099', 'ｶﾞ', '山田', '髙橋', '𠮷', 'Ａｂｃ', 'abc', 'ﾊﾅｺ', '①', '㍻', '\ud842', 'é', 'e\u0301'];
  let x = 7;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const text = () => Array.from({ length: Math.floor(rnd() * 6) }, () => pool[Math.floor(rnd() * pool.length)]!).join('');

  it('are what the normalisers give field by field, for any text', () => {
    for (let i = 0; i < 3_000; i++) {
      const row = { customerNo: text(), name: text(), kana: text(), postcode: text(), email: text(), phone: text() };
      expect(normaliseKeys(row)).toEqual(keysByDefinition(row));
    }
  });

  it('fold katakana to hiragana exactly as the character range says, and nothing else', () => {
    const byRange = (t: string) => t.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
    for (let i = 0; i < 3_000; i++) {
      const t = text() + String.fromCharCode(0x30a0 + Math.floor(rnd() * 0x60)) + text();
      expect(foldKana(t)).toBe(byRange(t));
    }
    expect(foldKana('ヤマダ・タロウ ｶﾅ ァヶヷ')).toBe('やまだ・たろう ｶﾅ ぁゖヷ');
  });
});

describe('NFKC settled without ICU for values that are already NFKC', () => {
  // What nfkc() is defined as: ICU's NFKC after joining the spacing voicing marks and dropping invisible characters.
  const byIcu = (v: string) =>
    v.replace(/\u309b/g, '\u3099').replace(/\u309c/g, '\u309a').replace(/[\u00ad\u200b\u2060\ufeff]/g, '').normalize('NFKC').trim();
  const settled: number[] = [];
  for (let c = 0; c < 0x10000; c++) if (stableNfkc(String.fromCharCode(c)) !== null) settled.push(c);

  it('settles printable ASCII, kanji, hiragana, katakana and the ideographic space, each as ICU does', () => {
    expect(settled.length).toBeGreaterThan(21_000);
    for (const ch of ['a', '~', ' ', '山', '龍', 'か', 'ゖ', 'ア', 'ヺ', 'ー', '・', '々', '\u3000']) expect(stableNfkc(ch)).not.toBeNull();
    for (const c of settled) {
      const ch = String.fromCharCode(c);
      expect(nfkc(ch), `U+${c.toString(16)}`).toBe(byIcu(ch));
      expect(/\p{M}/u.test(ch), `U+${c.toString(16)} is a mark`).toBe(false);
    }
  });

  it('leaves to ICU every character NFKC may change or join: half-width and full-width forms, marks, compatibility characters', () => {
    for (const ch of ['ｶ', 'ﾞ', '\u3099', '\u309b', '\u309c', 'ゝ', 'ゞ', 'ヽ', 'ヿ', 'Ａ', '①', '㍻', '﨑', '\u200b', '\ufeff', '\u00ad', 'é', '\t', '\u007f', '\ud842', '𠮷'])
      expect(stableNfkc(`山田${ch}`), `U+${ch.codePointAt(0)!.toString(16)}`).toBeNull();
  });

  it('no settled character is joined to the one before it by any composition', () => {
    const inSet = new Set(settled);
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const parts = [...String.fromCodePoint(cp).normalize('NFD')];
      for (const p of parts.slice(1)) expect(inSet.has(p.codePointAt(0)!), `U+${cp.toString(16)} ends in ${p}`).toBe(false);
    }
  });

  it('gives what ICU gives for random mixes of settled and other characters', () => {
    const other = ['ｶ', 'ﾞ', '\u3099', '\u309b', 'Ａ', '①', 'é', 'e\u0301', '\u200b', '\t', '\ud842', '𠮷', '\u3000', ' '];
    let x = 11;
    const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 20_000; i++) {
      let v = '';
      for (let n = Math.floor(rnd() * 9); n > 0; n--) v += rnd() < 0.85 ? String.fromCharCode(settled[Math.floor(rnd() * settled.length)]!) : other[Math.floor(rnd() * other.length)]!;
      expect(nfkc(v), JSON.stringify(v)).toBe(byIcu(v));
    }
  });

  it('the given name is what follows the first space, for any spaces', () => {
    for (const [name, given] of [['山田 花子', '花子'], ['山田\u3000花子', '花子'], ['山田  花 子', '花子'], ['山田', ''], [' 山田 花子 ', '花子'], ['山田\t花子\u00a0一', '花子一'], ['ﾔﾏﾀﾞ ﾊﾅｺ', 'ハナコ']] as const)
      expect(givenPart(name), name).toBe(given);
  });
});
