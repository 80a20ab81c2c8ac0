/**
 * A stranger's attack on ShiftJisDecoder (decision 059). The reference is Chromium's
 * TextDecoder('shift_jis'), not Node's (ICU's: it reads 0x80 as U+FFFD, swaps 0x1A/0x1C/0x7F,
 * and drops the ASCII trail of a pair without a character). What Chromium gives was recorded
 * once (Chromium 156.0.8078.129, TextDecoder('shift_jis').decode of the very bytes built
 * below, in one call) and is written here: literal code points for short inputs, and for long
 * ones the length and SHA-256 of the text's UTF-16LE code units. Node's decoder gives the same
 * characters for every valid pair as Chromium's (checked when these were recorded), so the
 * table the decoder reads from Node's decoder is Chromium's, and any difference is the steps'.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShiftJisDecoder, shiftJisDecoderStream } from './shift-jis';

const isLead = (b: number) => (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
const LEADS = Array.from({ length: 256 }, (_, b) => b).filter(isLead);

/** SHA-256 of the text's UTF-16 code units, little-endian, in hex. */
async function digest(s: string): Promise<string> {
  const units = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    units[2 * i] = u & 0xff;
    units[2 * i + 1] = u >> 8;
  }
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', units))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
const codes = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join(' ');
const hexBytes = (hex: string) => Uint8Array.from(hex.split(' ').filter(Boolean).map((x) => parseInt(x, 16)));
const once = (bytes: Uint8Array) => new ShiftJisDecoder().decode(bytes);

/** Decoded in chunks of `size` bytes (or of the sizes `sizes()` gives), as a stream feeds it. */
function chunked(bytes: Uint8Array, size: number | (() => number)): string {
  const d = new ShiftJisDecoder();
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = typeof size === 'number' ? size : size();
    parts.push(d.decode(bytes.subarray(at, at + n), true));
    at += n;
  }
  parts.push(d.decode(new Uint8Array(0), false));
  return parts.join('');
}

/** Decoded with a cut before each index in `cuts` (ascending). */
function cutAt(bytes: Uint8Array, cuts: readonly number[]): string {
  const d = new ShiftJisDecoder();
  let out = '';
  let at = 0;
  for (const c of cuts) {
    out += d.decode(bytes.subarray(at, c), true);
    at = c;
  }
  return out + d.decode(bytes.subarray(at), false);
}

function xorshift(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const CSV_BYTES = [0x0a, 0x0d, 0x2c, 0x22, 0x41, 0x40, 0x7f, 0x5c, 0x7e, 0x30, 0x20, 0x00, 0x1a, 0x1c];
const ODD_BYTES = [0x80, 0xa0, 0xfd, 0xfe, 0xff, 0xa1, 0xdf];
/** Bytes a broken CSV might hold: 35% CSV punctuation and controls, 30% lead bytes, 10% odd bytes, 25% anything. */
function soup(seed: number, n: number): Uint8Array {
  const next = xorshift(seed);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = next();
    b[i] =
      r < 0.35
        ? CSV_BYTES[Math.floor(next() * CSV_BYTES.length)]!
        : r < 0.65
          ? next() < 0.5
            ? 0x81 + Math.floor(next() * 31)
            : 0xe0 + Math.floor(next() * 29)
          : r < 0.75
            ? ODD_BYTES[Math.floor(next() * ODD_BYTES.length)]!
            : Math.floor(next() * 256);
  }
  return b;
}

/** A list saved as UTF-8 (with its BOM) or UTF-16 (with its BOM) and read as Shift_JIS by mistake. */
const LIST_TEXT = '顧客番号,氏名,フリガナ,住所\r\nC0001,髙橋 﨑子,ﾀｶﾊｼ ｻｷｺ,"東京都千代田区①丁目Ⅱ－３, ㈱テスト～ビル"\r\nC0002,𠮷田 太郎,ﾖｼﾀﾞ ﾀﾛｳ,大阪府\\~¥‾\r\n';
function utf8File(): Uint8Array {
  const body = new TextEncoder().encode(LIST_TEXT.repeat(50));
  const b = new Uint8Array(body.length + 3);
  b.set([0xef, 0xbb, 0xbf]);
  b.set(body, 3);
  return b;
}
function utf16File(bigEndian: boolean): Uint8Array {
  const t = '\ufeff' + LIST_TEXT.repeat(50);
  const b = new Uint8Array(t.length * 2);
  for (let i = 0; i < t.length; i++) {
    const u = t.charCodeAt(i);
    b[2 * i + (bigEndian ? 1 : 0)] = u & 0xff;
    b[2 * i + (bigEndian ? 0 : 1)] = u >> 8;
  }
  return b;
}

/** Bytes written out: `{8e 52}` is those bytes, everything else is ASCII as it stands. */
function bytesOf(template: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < template.length; ) {
    if (template[i] === '{') {
      const end = template.indexOf('}', i);
      out.push(...hexBytes(template.slice(i + 1, end)));
      i = end + 1;
    } else {
      const c = template.charCodeAt(i++);
      if (c >= 0x80) throw new Error('ASCII only outside braces');
      out.push(c);
    }
  }
  return Uint8Array.from(out);
}

/**
 * A customer list as Excel writes it in Shift_JIS (Windows-31J), byte for byte: IBM extension
 * kanji in both their encodings (0xFA–0xFC and NEC's selection 0xED–0xEE), NEC specials,
 * half-width kana with voicing marks, ～ − ‖ ¢ £ ¬, 0x5C and 0x7E, the user-defined area,
 * 0x80, quoted fields with commas, doubled quotes and a line break, CRLF, a lone CR, LF,
 * and no line end at the end.
 */
const LIST = bytesOf(
  [
    '{8c da 8b 71 94 d4 8d 86},{8e 81 96 bc},{83 74 83 8a 83 4b 83 69},{97 58 95 d6 94 d4 8d 86},{8f 5a 8f 8a},{83 81 81 5b 83 8b 83 41 83 68 83 8c 83 58},{93 64 98 62 94 d4 8d 86},{83 54 81 5b 83 72 83 58},{94 f5 8d 6c}\r\n',
    'C0000001,{fb fc 8b b4} {fa b1 8e 71},{c0 b6 ca bc} {bb b7 ba},100-0001,{93 8c 8b 9e 93 73 90 e7 91 e3 93 63 8b e6 87 40 92 9a 96 da 87 55 81 7c 82 52} {87 8a 83 65 83 58 83 67 81 60 83 72 83 8b},a@example.jp,03-1234-5678,{92 ca 94 cc},"{94 f5 8d 6c}, ""{88 f8 97 70}"" \r\n{82 a0 82 e8}"\r\n',
    'C0000002,{ee e0 ed 95} {ee ef},{c0 de b2 bd b9} {ca df ca df},,{81 61 81 ca 81 91 81 92} \\~,,,,{f0 40 f9 fc 80}\r',
    'C0000003,{8e 52 93 63} {89 d4 8e 71},{d4 cf c0 de} {ca c5 ba},060-0001,{96 6b 8a 43 93 b9 8e 44 96 79 8e 73 92 86 89 9b 8b e6 96 6b 82 50 8f f0 90 bc 82 51},,090-1111-2222,{83 41 83 76 83 8a},\n',
    'C0000004,{91 e5 8d e3 95 7b},,,,,,,',
  ].join(''),
);
/** What Chromium's TextDecoder('shift_jis') gives for LIST. */
const LIST_READ = [
  '顧客番号,氏名,フリガナ,郵便番号,住所,メールアドレス,電話番号,サービス,備考\r\n',
  'C0000001,髙橋 﨑子,ﾀｶﾊｼ ｻｷｺ,100-0001,東京都千代田区①丁目Ⅱ－３ ㈱テスト～ビル,a@example.jp,03-1234-5678,通販,"備考, ""引用"" \r\nあり"\r\n',
  'C0000002,髙﨑 ⅰ,ﾀﾞｲｽｹ ﾊﾟﾊﾟ,,∥￢￠￡ \\~,,,,\ue000\ue757\u0080\r',
  'C0000003,山田 花子,ﾔﾏﾀﾞ ﾊﾅｺ,060-0001,北海道札幌市中央区北１条西２,,090-1111-2222,アプリ,\n',
  'C0000004,大阪府,,,,,,,',
].join('');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ShiftJisDecoder against what Chromium 156 read from the same bytes', () => {
  it('every two-byte input, followed by line feeds and by "A", in one input; and each one- and two-byte input alone', async () => {
    const buf = new Uint8Array(65536 * 8);
    let o = 0;
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        buf.set([a, b, 0x0a, 0x0a, a, b, 0x41, 0x0a], o);
        o += 8;
      }
    }
    const s = once(buf);
    expect([s.length, await digest(s)]).toEqual([491964, 'c9d0b9318f84079f36e2cbfd765f6af02c76f3787357c0a4397479297e2dddd9']);
    expect(chunked(buf, 1)).toBe(s);
    expect(chunked(buf, 3)).toBe(s);

    const parts: string[] = [];
    for (let a = 0; a < 256; a++) {
      parts.push(once(Uint8Array.of(a)));
      for (let b = 0; b < 256; b++) parts.push(once(Uint8Array.of(a, b)));
    }
    const alone = parts.join('\u2028');
    expect([alone.length, await digest(alone)]).toEqual([186151, 'a8636300fa86fc515ee3ad786b08c9a18c31cb44b478181c778864e941eeb846']);
  });

  it('every three-byte input starting with a lead byte (60 × 65,536), whole, in chunks of 4,093 bytes, and (the first two lead bytes) of one and two', async () => {
    const buf = new Uint8Array(LEADS.length * 65536 * 5);
    let o = 0;
    for (const a of LEADS) {
      for (let b = 0; b < 256; b++) {
        for (let c = 0; c < 256; c++) {
          buf[o++] = a;
          buf[o++] = b;
          buf[o++] = c;
          buf[o++] = 0x0a;
          buf[o++] = 0x0a;
        }
      }
    }
    const s = once(buf);
    expect([s.length, await digest(s)]).toEqual([16852992, '98c2eae6746271fb84aae6cba6291200b89b4f8619fd1f83f72c785e647be93e']);
    expect(chunked(buf, 4093) === s).toBe(true);
    // In chunks of one and two bytes, the inputs of the first two lead bytes (0x81, 0x82).
    const part = buf.subarray(0, 2 * 65536 * 5);
    const partRead = once(part);
    expect(s.startsWith(partRead)).toBe(true);
    expect(chunked(part, 1) === partRead).toBe(true);
    expect(chunked(part, 2) === partRead).toBe(true);
  });

  it('4 MB of broken-CSV bytes, whole, in one-to-three-byte chunks, and in 1 MB chunks', async () => {
    const b = soup(20261206, 4 << 20);
    const s = once(b);
    expect([s.length, await digest(s)]).toEqual([3457388, '1f885f438e54b609801d58a03c2d271cb2d1209ea4eacfeb124b82ea7f1e67c6']);
    const next = xorshift(7);
    expect(chunked(b, () => 1 + Math.floor(next() * 3)) === s).toBe(true);
    expect(chunked(b, 1 << 20) === s).toBe(true);
  });

  it('a list saved as UTF-8 or UTF-16 (with byte-order marks) and read as Shift_JIS by mistake', async () => {
    const want: Record<string, [number, string]> = {
      utf8: [7352, '1db4923d438745adc2f90f951c4fea8b88de4719262a933b9e25ddefec5b7d75'],
      utf16le: [8902, '94dd60371ca030de4c7bb61979ce6fc81f083d751218bc11eed8cae229d672f5'],
      utf16be: [9102, 'db1264ab3c750fb0b27339f69ea09468e62766ceff19250e4fea49b4050b2bcd'],
    };
    for (const [name, bytes] of [['utf8', utf8File()], ['utf16le', utf16File(false)], ['utf16be', utf16File(true)]] as const) {
      const s = once(bytes);
      expect([s.length, await digest(s)], name).toEqual(want[name]);
      expect(chunked(bytes, 1), name).toBe(s);
    }
  });

  it('the bytes where decoders differ, one by one', () => {
    // Chromium's reading, code point by code point.
    const vectors: [string, string][] = [
      ['1a 1c 7f', '001a 001c 007f'], // ICU swaps these three; the standard does not
      ['80', '0080'],
      ['a0', 'fffd'],
      ['fd', 'fffd'],
      ['fe', 'fffd'],
      ['ff', 'fffd'],
      ['00 41 00', '0000 0041 0000'],
      ['5c 7e', '005c 007e'],
      ['b3 de', 'ff73 ff9e'],
      ['ca df', 'ff8a ff9f'],
      // A pair without a character: the ASCII trail is read again, any other is eaten.
      ['82 40 41', 'fffd 0040 0041'],
      ['82 80 41', 'fffd 0041'],
      ['82 fd 41', 'fffd 0041'],
      ['82 ff 2c', 'fffd 002c'],
      ['85 82 a0', 'fffd fffd'],
      ['85 40 41', 'fffd 0040 0041'],
      ['81 0d 0a', 'fffd 000d 000a'],
      ['81 22 41', 'fffd 0022 0041'],
      ['81 2c 41', 'fffd 002c 0041'],
      ['81 7f', 'fffd 007f'],
      ['81 0a', 'fffd 000a'],
      ['eb 40', 'fffd 0040'],
      ['ef 40', 'fffd 0040'],
      ['98 73', 'fffd 0073'],
      ['fc 4c', 'fffd 004c'],
      ['88 9e', 'fffd'],
      ['ea a5', 'fffd'],
      ['fc fc', 'fffd'],
      ['fc fd', 'fffd'],
      // A lead byte at the end.
      ['81', 'fffd'],
      ['e0', 'fffd'],
      ['fc', 'fffd'],
      ['82 a0 82', '3042 fffd'],
      ['82 a0 82 82 a0', '3042 ff42 fffd'],
      // The user-defined area, and the pairs of the extensions.
      ['f0 40', 'e000'],
      ['f0 80', 'e03f'],
      ['f9 40', 'e69c'],
      ['f9 fc', 'e757'],
      ['f0 7f', 'fffd 007f'],
      ['ed 40', '7e8a'],
      ['fa 40', '2170'],
      ['fc 4b', '9ed1'],
      ['ee fc', 'ff02'],
      ['87 40', '2460'],
      ['87 54', '2160'],
      ['87 82', '2116'],
      ['87 8a', '3231'],
      ['81 60', 'ff5e'],
      ['81 7c', 'ff0d'],
      ['81 61', '2225'],
      ['81 91 81 92 81 ca', 'ffe0 ffe1 ffe2'],
      ['81 5f', 'ff3c'],
      ['81 8f', 'ffe5'],
      ['81 81', 'ff1d'],
      ['9f fc', '6ecc'],
      ['ea a4', '7199'],
      ['83 94', '30f4'],
      ['88 9f', '4e9c'],
      ['98 72', '8155'],
      // Byte-order marks of other encodings are not skipped.
      ['ef bb bf 41', 'fffd ff7f 0041'],
      ['ff fe 41 00', 'fffd fffd 0041 0000'],
      ['fe ff 00 41', 'fffd fffd 0000 0041'],
    ];
    const wrong = vectors.filter(([hex, want]) => codes(once(hexBytes(hex))) !== want || codes(chunked(hexBytes(hex), 1)) !== want);
    expect(wrong).toEqual([]);
  });

  it('a Windows-31J customer list, whole and cut anywhere once or twice', () => {
    expect(once(LIST)).toBe(LIST_READ);
    for (let a = 0; a <= LIST.length; a++) {
      expect(cutAt(LIST, [a])).toBe(LIST_READ);
      for (let b = a; b <= LIST.length; b += 7) expect(cutAt(LIST, [a, b])).toBe(LIST_READ);
    }
    expect(chunked(LIST, 1)).toBe(LIST_READ);
  });
});

describe('a lead byte at the end of a chunk', () => {
  const NEXT: [string, number[], string][] = [
    ['an ASCII byte', [0x41], '\ufffdA'],
    ['a comma', [0x2c], '\ufffd,'],
    ['a trail byte', [0xa0], 'あ'],
    ['0x80', [0x80], '\ufffd'],
    ['0xFD', [0xfd, 0x41], '\ufffdA'],
    ['another lead byte and its trail', [0x82, 0xa0], '\uff42\ufffd'],
    ['an ASCII trail of no character', [0x40, 0x41], '\ufffd@A'],
  ];
  for (const [what, next, want] of NEXT) {
    it(`followed by empty chunks, then ${what}, reads as in one piece`, () => {
      const first = [0x41, 0x82];
      const whole = once(Uint8Array.from([...first, ...next]));
      expect(whole).toBe(`A${want}`);
      const d = new ShiftJisDecoder();
      let out = d.decode(Uint8Array.from(first), true);
      for (let k = 0; k < 3; k++) out += d.decode(new Uint8Array(0), true);
      out += d.decode(Uint8Array.from(next), true);
      out += d.decode(new Uint8Array(0), false);
      expect(out).toBe(whole);
    });
  }

  it('a decoder ended with stream false starts afresh; one left mid-pair does not touch another', () => {
    const d = new ShiftJisDecoder();
    expect(d.decode(Uint8Array.of(0x82), false)).toBe('\ufffd');
    expect(d.decode(Uint8Array.of(0xa0), false)).toBe('\ufffd');
    expect(d.decode(Uint8Array.of(0x82, 0xa0), false)).toBe('あ');
    // Two lists read at once, byte by byte in turn: each keeps its own lead byte.
    const a = new ShiftJisDecoder();
    const b = new ShiftJisDecoder();
    const left = hexBytes('82 a0 82 a2 82 a4');
    const right = hexBytes('88 9f 41 88 a0 0a');
    let l = '';
    let r = '';
    for (let i = 0; i < 6; i++) {
      l += a.decode(left.subarray(i, i + 1), true);
      r += b.decode(right.subarray(i, i + 1), true);
    }
    expect([l + a.decode(new Uint8Array(0)), r + b.decode(new Uint8Array(0))]).toEqual(['あいう', '亜A唖\n']);
  });

  it('many lead bytes, each in its own chunk, then the file ends', () => {
    const d = new ShiftJisDecoder();
    let out = '';
    for (let i = 0; i < 1001; i++) out += d.decode(Uint8Array.of(0x82), true);
    out += d.decode(new Uint8Array(0), false);
    // 0x82 0x82 is ｂ (U+FF42): 500 of them, and the odd lead byte at the end.
    expect(out).toBe('\uff42'.repeat(500) + '\ufffd');
  });
});

describe('inputs of other shapes', () => {
  it('a view into a bigger buffer reads only its own bytes (not the lead byte before it or the trail after it)', () => {
    const big = new Uint8Array(LIST.length + 2);
    big[0] = 0x82;
    big.set(LIST, 1);
    big[big.length - 1] = 0xa0;
    const view = big.subarray(1, 1 + LIST.length);
    expect(view.byteOffset).toBe(1);
    expect(once(view)).toBe(LIST_READ);
    expect(chunked(view, 5)).toBe(LIST_READ);
    // Ends on a lead byte: the byte after the view is not its trail.
    expect(once(big.subarray(0, 1))).toBe('\ufffd');
  });

  it('a view on a SharedArrayBuffer', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(LIST.length + 4), 2, LIST.length);
    shared.set(LIST);
    expect(once(shared)).toBe(LIST_READ);
    expect(chunked(shared, 3)).toBe(LIST_READ);
  });

  it('one chunk of 12 MB, larger than any before, reads as 64 KB chunks do', () => {
    const b = new Uint8Array(12 << 20);
    for (let at = 0; at + LIST.length <= b.length; at += LIST.length) b.set(LIST, at);
    const d = new ShiftJisDecoder();
    d.decode(LIST, true);
    const s = d.decode(b, false);
    expect(s.startsWith(LIST_READ + LIST_READ)).toBe(true);
    expect(s === chunked(b, 65536)).toBe(true);
  });
});

describe('the kept buffer holds no decoded text', () => {
  const kept = (d: ShiftJisDecoder) => (d as unknown as { units: Uint16Array }).units;
  const clean = (d: ShiftJisDecoder) => kept(d).every((u) => u === 0);

  it('after a chunk that grows it, a smaller one, one ending on a lead byte, and the end of the file', () => {
    const d = new ShiftJisDecoder();
    d.decode(LIST.subarray(0, 100), true);
    expect(clean(d)).toBe(true);
    const big = new Uint8Array(LIST.length * 20);
    for (let k = 0; k < 20; k++) big.set(LIST, k * LIST.length);
    d.decode(big, true);
    expect(kept(d).length).toBeGreaterThan(big.length);
    expect(clean(d)).toBe(true);
    // Ends on the comma after the first name of the header.
    expect(d.decode(LIST.subarray(0, 9), true)).toBe('顧客番号,');
    expect(clean(d)).toBe(true);
    expect(d.decode(Uint8Array.of(0x41, 0x8e), true)).toBe('A');
    expect(clean(d)).toBe(true);
    expect(d.decode(new Uint8Array(0), false)).toBe('\ufffd');
    expect(clean(d)).toBe(true);
  });

  it('after the text could not be made (V8 throws RangeError for a string over ~512M characters)', () => {
    // A chunk of 537M bytes does throw "Invalid string length" from the join of its parts, with the
    // chunk's text left in the buffer; that takes 2 GB, so here String.fromCharCode throws instead.
    const d = new ShiftJisDecoder();
    const name = bytesOf('C0001,{8e 52 93 63} {89 d4 8e 71},YAMADA HANAKO\r\n');
    vi.spyOn(String, 'fromCharCode').mockImplementation(() => {
      throw new RangeError('Invalid string length');
    });
    expect(() => d.decode(name, true)).toThrow(RangeError);
    vi.restoreAllMocks();
    expect(clean(d)).toBe(true);
  });
});

async function readAll(stream: ReadableStream<string>): Promise<string> {
  const reader = stream.getReader();
  let out = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out += value;
  }
}

const source = (chunks: readonly (Uint8Array | ArrayBuffer)[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(ch as Uint8Array);
      c.close();
    },
  });

describe('shiftJisDecoderStream', () => {
  it('one chunk per byte, with empty chunks between, and the file ending on a lead byte after an empty chunk', async () => {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < LIST.length; i++) chunks.push(LIST.subarray(i, i + 1), new Uint8Array(0));
    expect(await readAll(source(chunks).pipeThrough(shiftJisDecoderStream()))).toBe(LIST_READ);
    expect(await readAll(source([LIST, Uint8Array.of(0x82), new Uint8Array(0)]).pipeThrough(shiftJisDecoderStream()))).toBe(LIST_READ + '\ufffd');
  });

  it('a slow reader of 3,000 chunks: backpressure loses and reorders nothing', async () => {
    const next = xorshift(11);
    const bytes = soup(5, 60_000);
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; ) {
      const n = Math.floor(next() * 40);
      chunks.push(bytes.subarray(at, at + n));
      at += n;
    }
    let pulled = 0;
    const slow = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          if (pulled < chunks.length) c.enqueue(chunks[pulled++]!);
          else c.close();
        },
      },
      { highWaterMark: 0 },
    );
    const reader = slow.pipeThrough(shiftJisDecoderStream()).getReader();
    let out = '';
    for (let k = 0; ; k++) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
      if (k % 100 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    expect(pulled).toBe(chunks.length);
    expect(out).toBe(once(bytes));
  });

  it('a reader that cancels mid-file cancels the file, and a file that fails fails the reader', async () => {
    let cancelled: unknown = null;
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(sent++ % 2 ? Uint8Array.of(0xa0, 0x2c) : Uint8Array.of(0x82));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const reader = endless.pipeThrough(shiftJisDecoderStream()).getReader();
    expect((await reader.read()).value).toBe('あ,');
    await reader.cancel('enough');
    expect(cancelled).toBe('enough');

    const failing = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(LIST.subarray(0, 50));
        c.error(new Error('disk gone'));
      },
    });
    await expect(readAll(failing.pipeThrough(shiftJisDecoderStream()))).rejects.toThrow('disk gone');
  });

  it('takes every chunk TextDecoderStream takes: an ArrayBuffer is read, not dropped', async () => {
    // TextDecoderStream('shift_jis') (which this stream replaces) decodes any BufferSource.
    const buffer = LIST.slice().buffer;
    expect(await readAll(source([buffer]).pipeThrough(new TextDecoderStream('shift_jis') as unknown as TransformStream<Uint8Array, string>))).toContain('髙橋 﨑子');
    expect(await readAll(source([buffer]).pipeThrough(shiftJisDecoderStream()))).toBe(LIST_READ);
  });
});

describe('input shapes that could be slow (not timed: the test timeout is the bound)', () => {
  it('4 MB of lead bytes, of pairs without a character, of a lost lead before every comma; 256 KB in one-byte chunks', () => {
    const n = 4 << 20;
    const pairs = new Uint8Array(n).fill(0x82);
    expect(once(pairs)).toBe('\uff42'.repeat(n / 2));
    const none = new Uint8Array(n).fill(0x85);
    expect(once(none)).toBe('\ufffd'.repeat(n / 2));
    const commas = new Uint8Array(n);
    for (let i = 0; i < n; i++) commas[i] = i % 2 ? 0x2c : 0x85;
    expect(once(commas)).toBe('\ufffd,'.repeat(n / 2));
    expect(chunked(pairs.subarray(0, 256 << 10), 1)).toBe('\uff42'.repeat(128 << 10));
  });
});
