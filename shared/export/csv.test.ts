import { describe, expect, it } from 'vitest';
import {
  CsvParseError,
  UnencodableError,
  decodeCsvBytes,
  encodeCsv,
  findUnencodable,
  guardCell,
  parseCsv,
  toCsv,
  type CsvCell,
} from './csv';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
const sjis = (text: string): string => decodeCsvBytes(encodeCsv(text, 'shift_jis'), 'shift_jis');

describe('toCsv', () => {
  it('ends every record with CRLF by default, or LF when asked', () => {
    expect(toCsv(['id', 'name'], [[1, '山田']])).toBe('id,name\r\n1,山田\r\n');
    expect(toCsv(['id', 'name'], [[1, '山田']], { newline: '\n' })).toBe('id,name\n1,山田\n');
  });

  it('quotes fields with quotes, commas, line breaks or edge spaces, doubling inner quotes', () => {
    const line = toCsv([], [['say "hi"', 'a,b', 'two\r\nlines', 'lf\nonly', 'cr\ronly', ' lead', 'trail ', '\u3000全角', 'plain']]);
    expect(line).toBe('"say ""hi""","a,b","two\r\nlines","lf\nonly","cr\ronly"," lead","trail ","\u3000全角",plain\r\n');
  });

  it('writes null and undefined as empty fields and numbers as they are', () => {
    expect(toCsv([], [[null, undefined, 0, -12, 3.5, 1e21, '']])).toBe(',,0,-12,3.5,1e+21,\r\n');
  });

  it('guards string cells and header cells but never finite numbers', () => {
    expect(toCsv(['=HYPERLINK("x")'], [['-12'], [-12], ['+81 3 1234 5678']])).toBe(
      `"'=HYPERLINK(""x"")"\r\n'-12\r\n-12\r\n'+81 3 1234 5678\r\n`,
    );
  });

  it('guards NaN and infinities, which Excel would not read as numbers', () => {
    expect(toCsv([], [[-Infinity, NaN]])).toBe("'-Infinity,NaN\r\n");
  });

  it('writes no header line for an empty header', () => {
    expect(toCsv([], [['a']])).toBe('a\r\n');
    expect(toCsv([], [])).toBe('');
  });
});

describe('guardCell', () => {
  const triggers = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠', '\u2212'];

  it.each(triggers)('prefixes a cell starting with %j', (t) => {
    expect(guardCell(`${t}1+1`)).toBe(`'${t}1+1`);
  });

  it.each(triggers)('prefixes %j after leading spaces, full-width spaces and line breaks', (t) => {
    expect(guardCell(`  ${t}cmd`)).toBe(`'  ${t}cmd`);
    expect(guardCell(`\u3000${t}cmd`)).toBe(`'\u3000${t}cmd`);
    expect(guardCell(`\n${t}cmd`)).toBe(`'\n${t}cmd`);
  });

  it('treats a TAB or CR inside the leading whitespace as a trigger', () => {
    expect(guardCell(' \tabc')).toBe("' \tabc");
    expect(guardCell(' \r\nabc')).toBe("' \r\nabc");
  });

  it('guards strings that look numeric: only the number type is trusted', () => {
    expect(guardCell('-12')).toBe("'-12");
    expect(guardCell('+81 3 1234')).toBe("'+81 3 1234");
  });

  it('leaves everything else alone', () => {
    for (const v of ['', '   ', 'abc', '山田 花子', '03-1234-5678', 'a=b', 'x\n=1', "'=already", '１２', '〜', '#N/A']) {
      expect(guardCell(v)).toBe(v);
    }
  });
});

describe('parseCsv', () => {
  it('reads CRLF, LF and CR line ends', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('reads quoted fields with quotes, commas and line breaks', () => {
    expect(parseCsv('"a ""b""","c,d","e\r\nf"\r\n')).toEqual([['a "b"', 'c,d', 'e\r\nf']]);
  });

  it('keeps empty fields and empty lines, and ignores one final line break', () => {
    expect(parseCsv(',\r\n\r\nx')).toEqual([['', ''], [''], ['x']]);
    expect(parseCsv('x\r\n')).toEqual([['x']]);
    expect(parseCsv('x\r\n\r\n')).toEqual([['x'], ['']]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('drops a BOM', () => {
    expect(parseCsv('\uFEFFa,b')).toEqual([['a', 'b']]);
  });

  it('keeps stray quotes as text, like Excel', () => {
    expect(parseCsv('a"b,"c"d')).toEqual([['a"b', 'cd']]);
  });

  it('rejects a quoted field that is never closed, naming its line', () => {
    expect(() => parseCsv('a\r\nb,"unterminated\r\nmore')).toThrow(CsvParseError);
    expect(() => parseCsv('a\r\nb,"unterminated\r\nmore')).toThrow(/line 2/);
  });
});

describe('parseCsv(toCsv(x))', () => {
  const header = ['名前', 'メモ, 備考', '"引用"'];
  const rows: CsvCell[][] = [
    ['山田 "やまだ" 太郎', 'a,b,c', 'line1\r\nline2\nline3'],
    ['=SUM(A1:A2)', '@cmd', ' -1 '],
    [-12, 0.1, null],
    [undefined, '', '  '],
    ['"', ',', '\r'],
    ["'quoted", '\t=tab', '＝全角'],
  ];

  it.each(['\r\n', '\n'] as const)('gives back every cell (newline %j), guarded strings prefixed', (newline) => {
    const expected = [header, ...rows].map((r) =>
      r.map((c) => (typeof c === 'number' ? String(c) : guardCell(c ?? ''))),
    );
    expect(parseCsv(toCsv(header, rows, { newline }))).toEqual(expected);
    expect(expected[2]).toEqual(["'=SUM(A1:A2)", "'@cmd", "' -1 "]);
  });
});

describe('encodeCsv: byte order mark', () => {
  it('starts with EF BB BF for utf-8-bom only', () => {
    expect(hex(encodeCsv('a', 'utf-8-bom'))).toBe('ef bb bf 61');
    expect(hex(encodeCsv('a', 'utf-8'))).toBe('61');
    expect(hex(encodeCsv('a', 'shift_jis'))).toBe('61');
  });

  it('round-trips UTF-8, the BOM dropped on reading', () => {
    const text = toCsv(['名前'], [['髙橋 😀 𠮷']]);
    expect(decodeCsvBytes(encodeCsv(text, 'utf-8-bom'), 'utf-8')).toBe(text);
    expect(decodeCsvBytes(encodeCsv(text, 'utf-8'), 'utf-8')).toBe(text);
  });
});

describe('encodeCsv: Shift_JIS (CP932)', () => {
  it('round-trips Japanese text, half-width kana, NEC special and IBM extension characters', () => {
    const text = toCsv(
      ['氏名', '住所', '備考'],
      [
        ['髙橋 﨑子', '東京都千代田区１－２－３ ①号室', 'ｶﾀｶﾅ ﾊﾟﾋﾟﾌﾟ ｰ｡｢｣'],
        ['㈱本部', '№12 ℡03 Ⅲ ⅲ ∑ ≒ ∵', '纊 鍈 ＼ ～ ￥ ￢ ￤'],
      ],
    );
    expect(sjis(text)).toBe(text);
  });

  it('writes the bytes Windows writes', () => {
    const bytes = (s: string) => hex(encodeCsv(s, 'shift_jis'));
    expect(bytes('ｶ')).toBe('b6');
    expect(bytes('あ')).toBe('82 a0');
    expect(bytes('①')).toBe('87 40');
    expect(bytes('㈱')).toBe('87 8a');
    expect(bytes('髙')).toBe('fb fc');
    expect(bytes('ⅰ')).toBe('fa 40');
    expect(bytes('￤')).toBe('fa 55');
    expect(bytes('～')).toBe('81 60');
    expect(bytes('〓')).toBe('81 ac');
  });

  it('keeps a WAVE DASH: U+301C goes out as 0x8160 and comes back as FULLWIDTH TILDE', () => {
    expect(hex(encodeCsv('〜', 'shift_jis'))).toBe('81 60');
    expect(sjis('10時〜12時')).toBe('10時～12時');
    expect(sjis('10時～12時')).toBe('10時～12時');
  });

  it('writes look-alikes for JIS-mapped characters CP932 lacks', () => {
    expect(sjis('‖−¢£¬—¥‾¦\u00A0')).toBe('∥－￠￡￢―￥￣￤ ');
  });

  it('composes decomposed kana (macOS NFD) instead of rejecting the mark', () => {
    expect(sjis('か\u3099は\u309Aフ\u309A')).toBe('がぱプ');
    expect(findUnencodable('ぱ\u309A')).toMatchObject([{ codePoint: 'U+309A', column: 2 }]);
    // ゔ composes but is not in CP932: the pair is reported as typed.
    expect(findUnencodable('xう\u3099')).toMatchObject([{ char: 'う\u3099', codePoint: 'U+3046 U+3099', column: 2 }]);
  });

  it('writes user-defined characters (gaiji) where CP932 puts them', () => {
    expect(hex(encodeCsv('\uE000\uE0BC\uE757', 'shift_jis'))).toBe('f0 40 f1 40 f9 fc');
    expect(sjis('\uE000\uE03F\uE757')).toBe('\uE000\uE03F\uE757');
  });

  it('matches the WHATWG encoder for every CP932 double-byte character', () => {
    // The WHATWG encoder writes the first pointer for a code point, skipping the
    // NEC-selected IBM rows 0xED/0xEE, which is also what Windows does.
    const decoder = new TextDecoder('shift_jis');
    const expected = new Map<string, string>();
    const decodedOnlyInNecRows = new Set<string>();
    for (let b1 = 0x81; b1 <= 0xfc; b1++) {
      if (b1 >= 0xa0 && b1 < 0xe0) continue;
      for (let b2 = 0x40; b2 <= 0xfc; b2++) {
        if (b2 === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([b1, b2]));
        if (ch.includes('\uFFFD') || [...ch].length !== 1) continue;
        if (b1 === 0xed || b1 === 0xee) decodedOnlyInNecRows.add(ch);
        else if (!expected.has(ch)) expected.set(ch, hex(new Uint8Array([b1, b2])));
      }
    }
    expect(expected.size).toBeGreaterThan(9000);
    const mismatches: string[] = [];
    for (const [ch, pair] of expected) {
      const got = hex(encodeCsv(ch, 'shift_jis'));
      if (got !== pair) mismatches.push(`${ch} ${pair} → ${got}`);
    }
    for (const ch of decodedOnlyInNecRows) if (!expected.has(ch)) mismatches.push(`${ch} only in 0xED/0xEE`);
    expect(mismatches).toEqual([]);
  });

  it('rejects emoji and characters outside CP932 with their line and column', () => {
    const text = toCsv(['氏名', '備考'], [['𠮷野 家', 'ok'], ['山田', '連絡済み😀 ✓']]);
    let error: unknown;
    try {
      encodeCsv(text, 'shift_jis');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnencodableError);
    const found = (error as UnencodableError).found;
    expect(found).toEqual([
      { char: '𠮷', codePoint: 'U+20BB7', line: 2, column: 1, record: 2, field: 1 },
      { char: '😀', codePoint: 'U+1F600', line: 3, column: 8, record: 3, field: 2 },
      { char: '✓', codePoint: 'U+2713', line: 3, column: 10, record: 3, field: 2 },
    ]);
    expect((error as Error).message).toContain('"😀" (U+1F600) at line 3, column 8');
    expect(findUnencodable(text)).toEqual(found);
  });

  it('counts lines inside quoted fields but keeps the record and field', () => {
    const text = toCsv([], [['a', 'first\r\nsecond é']]);
    expect(findUnencodable(text)).toEqual([
      { char: 'é', codePoint: 'U+00E9', line: 2, column: 8, record: 1, field: 2 },
    ]);
  });

  it('names the first five in the message and counts the rest', () => {
    const message = (() => {
      try {
        encodeCsv('😀'.repeat(7), 'shift_jis');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/^7 character\(s\) cannot be written as shift_jis: /);
    expect(message).toContain('column 5');
    expect(message).not.toContain('column 6');
    expect(message).toMatch(/and 2 more$/);
  });

  it('writes 〓 for each unencodable character when asked to replace, never "?"', () => {
    const bytes = encodeCsv('a😀b𠮷', 'shift_jis', { onUnencodable: 'replace' });
    expect(hex(bytes)).toBe('61 81 ac 62 81 ac');
    expect(decodeCsvBytes(bytes, 'shift_jis')).toBe('a〓b〓');
  });
});

describe('encodeCsv: UTF-8', () => {
  it('rejects half a surrogate pair instead of writing U+FFFD', () => {
    expect(() => encodeCsv('ok\n\uD83D', 'utf-8')).toThrow(/U\+D83D.*line 2, column 1/);
    expect(decodeCsvBytes(encodeCsv('\uD83D!', 'utf-8', { onUnencodable: 'replace' }), 'utf-8')).toBe('〓!');
    expect(findUnencodable('😀\uDE00', 'utf-8')).toMatchObject([{ codePoint: 'U+DE00', column: 2 }]);
  });
});

describe('decodeCsvBytes', () => {
  it('refuses malformed bytes rather than guessing', () => {
    expect(() => decodeCsvBytes(new Uint8Array([0x81]), 'shift_jis')).toThrow(TypeError);
    expect(() => decodeCsvBytes(new Uint8Array([0xff]), 'utf-8')).toThrow(TypeError);
  });
});
